//! The home page: what the toolkit is, the tools, tips.

use crate::tools::ToolId;
use crate::ui::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page home" data-testid="home">
            <div class="hero">
                <h1 data-testid="home-title">{i18n.text("home.title")}</h1>
                <p class="lead">{i18n.text("home.lead")}</p>
            </div>
            <ul class="tool-cards">
                {ToolId::ALL.into_iter().map(|t| view! {
                    <li class="tool-card" data-tool=t.slug()>
                        <a href=format!("#/{}", t.slug()) data-testid=format!("card-{}", t.slug())>
                            <span class="card-icon" aria-hidden="true">{t.icon()}</span>
                            <h2>{i18n.text(t.name_key())}</h2>
                            <p>{i18n.text(t.intro_key())}</p>
                            <span class="card-open">{i18n.text("home.open")}" →"</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
            <aside class="tips">
                <h2>{i18n.text("home.tips.title")}</h2>
                <ul>
                    <li>{i18n.text("home.tip.present")}</li>
                    <li>{i18n.text("home.tip.save")}</li>
                    <li>{i18n.text("home.tip.share")}</li>
                </ul>
            </aside>
        </section>
    }
}
