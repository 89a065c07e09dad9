//! Sharing a CLV scenario and opening a shared one (wasm only; the panel is
//! `crate::ui::share`).

use super::view::ClvHandle;
use crate::share::clv::ClvCase;
use crate::tools::ToolId;
use crate::ui::share::{open_from_address, Opening, ShareButton};
use leptos::prelude::*;

/// Open `#/clv/open/<token>`: the case becomes a new scenario (named after
/// the shared one) and is shown; undo deletes it.
pub(super) fn open_link(doc: ClvHandle) {
    open_from_address::<ClvCase>(ToolId::Clv, move |case| {
        let prev = doc.with_untracked(|d| d.selected);
        let mut added = None;
        doc.update(|d| added = case.add_to(d));
        match added {
            None => Opening::Full,
            Some(id) => Opening::Added {
                name: doc.with_untracked(|d| d.get(id).map(|s| s.name.clone()).unwrap_or_default()),
                undo: Box::new(move || {
                    doc.update(|d| {
                        d.delete(id);
                        if d.get(prev).is_some() {
                            d.selected = prev;
                        }
                    })
                }),
                goto: None,
            },
        }
    });
}

/// The share button: the current scenario.
#[component]
pub(super) fn Share(doc: ClvHandle) -> impl IntoView {
    view! { <ShareButton piece=move || doc.with_untracked(|d| d.current().map(ClvCase::from_scenario)) /> }
}
