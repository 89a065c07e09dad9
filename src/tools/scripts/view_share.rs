//! Sharing a script and opening a shared one (wasm only; the panel is
//! `crate::ui::share`).

use super::library::{Script, ScriptsDoc};
use super::nav::Sub;
use crate::storage::browser::Doc;
use crate::tools::ToolId;
use crate::ui::share::{go_replacing, open_from_address, Opening, ShareButton};
use leptos::prelude::*;

/// Open `#/scripts/open/<token>`: the script is added to the library (a
/// unique name after the shared one) and opened in the editor; undo removes
/// it.
pub(super) fn open_link(doc: Doc<ScriptsDoc>) {
    open_from_address::<Script>(ToolId::Scripts, move |s| {
        let mut added = None;
        doc.update(|d| added = crate::share::script::add_to(&s, d));
        match added {
            None => Opening::Full,
            Some(id) => Opening::Added {
                name: doc.with_untracked(|d| d.get(id).map(|s| s.name.clone()).unwrap_or_default()),
                undo: Box::new(move || {
                    doc.update(|d| {
                        d.delete(id);
                    });
                    let hash = window().location().hash().unwrap_or_default();
                    let sub = hash.trim_start_matches("#/scripts");
                    if Sub::parse(sub).script() == Some(id) {
                        go_replacing(&Sub::Library.hash());
                    }
                }),
                goto: Some(Sub::Edit(id).hash()),
            },
        }
    });
}

/// The share button of the script `id`.
#[component]
pub(super) fn Share(doc: Doc<ScriptsDoc>, id: u64) -> impl IntoView {
    view! { <ShareButton piece=move || doc.with_untracked(|d| d.get(id).cloned()) /> }
}
