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
