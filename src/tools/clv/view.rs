//! The tool's page (wasm only).

use crate::tools::ToolId;
use crate::ui::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Page(#[prop(into)] sub: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let _ = sub;
    let tool = ToolId::from_slug("clv").unwrap_or(ToolId::Clv);
    view! {
        <section class="page narrow" data-testid="tool-clv">
            <h1>{move || i18n.t(tool.name_key())}</h1>
            <p class="lead">{move || i18n.t(tool.intro_key())}</p>
            <p class="notice">{move || i18n.t("page.coming")}</p>
        </section>
    }
}
