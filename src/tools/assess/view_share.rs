//! Sharing a questionnaire to take (with the trainer's target profile) and
//! opening a shared one (wasm only; the panel is `crate::ui::share`).

use super::doc::AssessDoc;
use crate::share::assess::QuizPiece;
use crate::storage::browser::Doc;
use crate::tools::ToolId;
use crate::ui::share::{open_from_address, Opening, ShareButton, Shareable};
use leptos::prelude::*;

/// Open `#/assess/open/<token>`: the questionnaire opens to be taken, with
/// the trainer's target profile when the link has one (undo puts the
/// trainee's own target back). Answers and history are never touched.
pub(super) fn open_link(doc: Doc<AssessDoc>) {
    let lang = crate::ui::use_i18n().lang_untracked();
    open_from_address::<QuizPiece>(ToolId::Assess, move |q| {
        let qid = q.questionnaire.clone();
        let prev = doc.with_untracked(|d| d.targets.get(&qid).cloned());
        doc.update(|d| q.apply_to(d));
        let goto = Some(format!("#/assess/take/{qid}"));
        Opening::Added {
            name: q.title(lang),
            undo: Box::new(move || {
                doc.update(|d| match prev {
                    Some(p) => {
                        d.targets.insert(qid, p);
                    }
                    None => {
                        d.targets.remove(&qid);
                    }
                })
            }),
            goto,
        }
    });
}

/// The share button of the questionnaire `qid`.
#[component]
pub(super) fn Share(
    doc: Doc<AssessDoc>,
    qid: String,
    /// The questionnaire's title, on a page listing several.
    #[prop(optional, into)]
    label: MaybeProp<String>,
) -> impl IntoView {
    view! { <ShareButton piece=move || doc.with_untracked(|d| QuizPiece::new(&qid, Some(d))) label=label /> }
}
