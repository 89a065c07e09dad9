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

/// "Hand in to the trainer": the script `id` as a code for the trainer's
/// scanner (its name goes with it).
#[component]
pub(super) fn HandIn(doc: Doc<ScriptsDoc>, id: u64) -> impl IntoView {
    view! { <crate::ui::share::HandInButton piece=move || doc.with(|d| d.get(id).cloned()) /> }
}

/// The library's "scan" (and paste): pitches handed in by the trainees
/// are added to the library (a script already there is ignored).
#[component]
pub(super) fn Receive(doc: Doc<ScriptsDoc>) -> impl IntoView {
    use crate::i18n::{t, tf};
    use crate::ui::scan::{Received, ScanButton};
    let i18n = crate::ui::use_i18n();
    let on_text = move |text: &str| {
        let lang = i18n.lang_untracked();
        match doc.with_untracked(|d| crate::share::script::receive(d, text)) {
            Err(e) => Received::Refused(tf(
                lang,
                "share.handin.refused",
                &[("reason", t(lang, e.message_key()))],
            )),
            Ok((s, Some(_))) => Received::Duplicate(tf(
                lang,
                "share.handin.script_duplicate",
                &[("name", &s.name)],
            )),
            Ok((s, None)) => {
                let mut added = None;
                doc.update(|d| added = crate::share::script::add_to(&s, d));
                match added {
                    None => Received::Refused(t(lang, "share.err.full").to_string()),
                    Some(id) => {
                        let name = doc
                            .with_untracked(|d| d.get(id).map(|x| x.name.clone()))
                            .unwrap_or_default();
                        Received::Added(tf(lang, "share.handin.script_added", &[("name", &name)]))
                    }
                }
            }
        }
    };
    view! { <div class="scripts-receive scripts-noprint"><ScanButton on_text=on_text /></div> }
}
