//! Sharing the tier settings and opening shared ones (wasm only; the panel
//! is `crate::ui::share`). The customer list is never shared.

use super::doc::TieringDoc;
use crate::share::tiering::TierSettings;
use crate::storage::browser::Doc;
use crate::tools::ToolId;
use crate::ui::share::{open_from_address, Opening, ShareButton};
use leptos::prelude::*;

/// Open `#/tiering/open/<token>`. The document holds one set of settings,
/// so the trainee is asked before theirs are replaced; undo puts theirs
/// back. The customer list is never touched.
pub(super) fn open_link(doc: Doc<TieringDoc>) {
    open_from_address::<TierSettings>(ToolId::Tiering, move |s| Opening::Ask {
        name: String::new(),
        apply: Box::new(move || {
            let prev = doc.with_untracked(TierSettings::from_doc);
            doc.update(|d| s.apply_to(d));
            Box::new(move || doc.update(|d| prev.apply_to(d)))
        }),
    });
}

#[component]
pub(super) fn Share(doc: Doc<TieringDoc>) -> impl IntoView {
    view! { <ShareButton piece=move || Some(doc.with_untracked(TierSettings::from_doc)) /> }
}
