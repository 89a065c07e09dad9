//! Sharing a relationship map and opening a shared one (wasm only; the
//! panel, with its anonymise option, is `crate::ui::share`).

use super::doc::MapDoc;
use crate::share::map::MapPiece;
use crate::storage::browser::Doc;
use crate::tools::ToolId;
use crate::ui::share::{open_from_address, Opening, ShareButton};
use leptos::prelude::*;

/// Open `#/map/open/<token>`: the map is added as a new map (named after
/// the shared one) and opened; undo deletes it.
pub(super) fn open_link(doc: Doc<MapDoc>) {
    open_from_address::<MapPiece>(ToolId::Map, move |piece| {
        let prev = doc.with_untracked(|d| d.current);
        let mut added = None;
        doc.update(|d| added = piece.add_to(d));
        match added {
            None => Opening::Full,
            Some(id) => Opening::Added {
                name: doc.with_untracked(|d| {
                    d.maps
                        .iter()
                        .find(|m| m.id == id)
                        .map(|m| m.name.clone())
                        .unwrap_or_default()
                }),
                undo: Box::new(move || {
                    doc.update(|d| {
                        d.delete(id);
                        if d.maps.iter().any(|m| m.id == prev) {
                            d.current = prev;
                        }
                    })
                }),
                goto: None,
            },
        }
    });
}

/// The share button: the open map.
#[component]
pub(super) fn Share(doc: Doc<MapDoc>) -> impl IntoView {
    view! { <ShareButton piece=move || doc.with_untracked(|d| d.current_map().map(MapPiece::from_entry)) /> }
}

/// "Hand in to the trainer": the open map as a code (a small map fits).
#[component]
pub(super) fn HandIn(doc: Doc<MapDoc>) -> impl IntoView {
    view! { <crate::ui::share::HandInButton piece=move || doc.with(|d| d.current_map().map(MapPiece::from_entry)) /> }
}

/// Receive a handed-in map by paste (the map's binary carries no QR
/// decoder: it is the largest address). Added as a new map and opened.
#[component]
pub(super) fn Receive(doc: Doc<MapDoc>) -> impl IntoView {
    use crate::i18n::{t, tf};
    use crate::ui::scan::{PasteButton, Received};
    let i18n = crate::ui::use_i18n();
    let on_text = move |text: &str| {
        let lang = i18n.lang_untracked();
        match crate::share::one::decode::<MapPiece>(text) {
            Err(e) => Received::Refused(tf(
                lang,
                "share.handin.refused",
                &[("reason", t(lang, e.message_key()))],
            )),
            Ok(p) => {
                if doc.with_untracked(|d| p.already_in(d)).is_some() {
                    return Received::Duplicate(tf(
                        lang,
                        "share.handin.map_duplicate",
                        &[("name", &p.name)],
                    ));
                }
                let mut added = None;
                doc.update(|d| added = p.add_to(d));
                match added {
                    None => Received::Refused(t(lang, "share.err.full").to_string()),
                    Some(_) => {
                        Received::Added(tf(lang, "share.handin.map_added", &[("name", &p.name)]))
                    }
                }
            }
        }
    };
    view! { <PasteButton on_text=on_text /> }
}
