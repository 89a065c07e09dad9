//! The app shell: routing on `location.hash`, navigation, language, presentation
//! mode, notices, the home and "My data" pages, and the panic screen.

mod bench_page;
mod data_page;
mod home;
mod panic;

use crate::i18n::Lang;
use crate::route::Route;
use crate::settings::Settings;
use crate::storage::browser::{self, use_doc};
use crate::tools::{Tool, ToolId};
use crate::ui::{use_i18n, I18n};
use leptos::prelude::*;
use std::sync::OnceLock;

/// The tool this binary holds (none for the shell-only binary of the home
/// and "My data" pages).
static TOOL: OnceLock<Option<Tool>> = OnceLock::new();

/// The tool this binary holds, if any.
pub fn tool() -> Option<Tool> {
    TOOL.get().copied().flatten()
}

/// The documents this binary knows fully: the settings and its tool's.
pub fn doc_specs() -> Vec<crate::storage::codec::DocSpec> {
    let mut v = vec![crate::storage::codec::DocSpec::of::<Settings>()];
    if let Some(t) = tool() {
        v.extend((t.docs)());
    }
    v
}

/// The "My data" page, present in the shell binary only (a tool's binary
/// reloads into the shell's for `#/data`, so it need not carry the page).
static DATA_PAGE: OnceLock<fn() -> AnyView> = OnceLock::new();

/// Entry point of the shell binary (home, "My data").
pub fn start_shell() {
    crate::i18n::register_pages();
    let _ = DATA_PAGE.set(|| view! { <data_page::DataPage /> }.into_any());
    start(None);
}

/// Entry point of every binary: register the binary's tool (its strings
/// first, before any text is looked up), install the panic screen, mount.
pub fn start(tool: Option<Tool>) {
    mark("rmt-main");
    if let Some(t) = tool {
        crate::i18n::register_tool(t.strings.0, t.strings.1);
    }
    let _ = TOOL.set(tool);
    panic::install();
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
    mark("rmt-mounted");
}

/// A performance mark (read by the start-up benchmark, `e2e/load-bench.mjs`).
fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// sessionStorage key: the address a reload was made for, to load its tool.
const RELOAD_KEY: &str = "rmt-tool-reload";

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// The address needs another tool than this binary holds: save everything,
/// then reload, so that the loader (`web/loader.js`) starts that tool's
/// binary. Returns `false` (no reload) if a reload for this very address was
/// just made and did not bring the tool: the page then says so.
fn load_other_tool() -> bool {
    let hash = current_hash();
    let ss = session();
    if ss
        .as_ref()
        .and_then(|s| s.get_item(RELOAD_KEY).ok().flatten())
        .is_some_and(|h| h == hash)
    {
        return false;
    }
    browser::flush_all();
    if let Some(s) = ss {
        let _ = s.set_item(RELOAD_KEY, &hash);
    }
    let _ = window().location().reload();
    true
}

/// Download the whole workspace (in-memory state included; IndexedDB is
/// read first, so the file follows a moment later).
pub fn export_now() {
    leptos::task::spawn_local(async {
        let text = browser::export_workspace_text().await;
        crate::ui::download(
            &format!("rm-toolkit-{}.json", crate::ui::file_stamp()),
            "application/json",
            &text,
        );
    });
}

/// Whether this binary can show `route` itself (otherwise the page reloads
/// into the binary that can: see `web/loader.js`).
fn shows_here(route: &Route) -> bool {
    match route {
        Route::Tool(t, _) => tool().is_some_and(|x| x.id == *t),
        Route::Data => DATA_PAGE.get().is_some(),
        _ => true,
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let settings = use_doc::<Settings>();
    let lang = Signal::derive(move || settings.with(|s| s.lang));
    provide_context(I18n::new(lang));
    browser::set_lang(settings.with_untracked(|s| s.lang));

    let route = RwSignal::new(Route::parse(&current_hash()));
    // Unless this start is the reload made for a tool that still did not
    // come (the address needs another binary than this one), forget the
    // reload mark: the right binary for this address is running.
    if shows_here(&route.get_untracked()) {
        if let Some(s) = session() {
            let _ = s.remove_item(RELOAD_KEY);
        }
    }
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::parse(&current_hash()));
        // Move focus to the page for keyboard and screen-reader users.
        if let Some(main) = document().get_element_by_id("main") {
            use wasm_bindgen::JsCast;
            if let Ok(el) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    on_cleanup(move || on_hash.remove());

    // Language and presentation mode on <html>, document title.
    Effect::new(move |_| {
        let s = settings.get();
        browser::set_lang(s.lang);
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", s.lang.html_tag());
            let cl = html.class_list();
            let _ = if s.presentation {
                cl.add_1("presentation")
            } else {
                cl.remove_1("presentation")
            };
        }
    });
    Effect::new(move |_| {
        let lang = lang.get();
        let title = match route.get() {
            Route::Tool(t, _) => format!(
                "{} · {}",
                crate::i18n::t(lang, t.name_key()),
                crate::i18n::t(lang, "app.title")
            ),
            Route::Data => format!(
                "{} · {}",
                crate::i18n::t(lang, "data.title"),
                crate::i18n::t(lang, "app.title")
            ),
            _ => crate::i18n::t(lang, "app.title").to_string(),
        };
        document().set_title(&title);
    });

    // Alt+P toggles presentation mode; Esc leaves it.
    let on_key = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        if ev.alt_key() && !ev.ctrl_key() && !ev.meta_key() && (ev.code() == "KeyP") {
            ev.prevent_default();
            settings.update(|s| s.presentation = !s.presentation);
        } else if key == "Escape" && settings.with_untracked(|s| s.presentation) {
            settings.update(|s| s.presentation = false);
        }
    });
    on_cleanup(move || on_key.remove());

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(m) = document().get_element_by_id("main") {
                use wasm_bindgen::JsCast;
                if let Ok(el) = m.dyn_into::<web_sys::HtmlElement>() { let _ = el.focus(); }
            }
        }>{move || use_i18n().t("app.skip")}</a>
        <Header route=route.read_only() settings=settings />
        <Notices />
        <crate::ui::share::OpenedNotice />
        <main id="main" tabindex="-1" data-testid="main">
            {move || page(route.get())}
        </main>
        <footer class="app-footer">
            <span>{move || use_i18n().t("footer.privacy")}</span>
        </footer>
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <home::Home /> }.into_any(),
        Route::Data => match DATA_PAGE.get() {
            Some(data_page) => data_page(),
            None => view! { <LoadingTool name_key="data.title" /> }.into_any(),
        },
        Route::Crash => view! { <Crash /> }.into_any(),
        Route::Bench => view! { <bench_page::BenchPage /> }.into_any(),
        Route::Tool(id, sub) => match tool() {
            Some(t) if t.id == id => (t.page)(Signal::stored(sub)),
            _ => view! { <LoadingTool name_key=id.name_key() /> }.into_any(),
        },
        Route::NotFound(_) => view! { <NotFound /> }.into_any(),
    }
}

/// Shown while the page reloads into another binary (a moment: a tool's, or
/// the shell's for "My data"), or if that binary could not be loaded.
#[component]
fn LoadingTool(name_key: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let reloading = load_other_tool();
    view! {
        <section class="page narrow" data-testid="tool-loading" aria-busy=reloading.to_string()>
            <h1>{i18n.text(name_key)}</h1>
            {if reloading {
                view! { <p>{i18n.text("page.tool_loading")}</p> }.into_any()
            } else {
                view! {
                    <p role="alert">{i18n.text("page.tool_failed")}</p>
                    <button type="button" class="btn primary" on:click=move |_| {
                        if let Some(s) = session() { let _ = s.remove_item(RELOAD_KEY); }
                        let _ = window().location().reload();
                    }>{i18n.text("page.retry")}</button>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Header(route: ReadSignal<Route>, settings: browser::Doc<Settings>) -> impl IntoView {
    let i18n = use_i18n();
    let active = move |t: ToolId| matches!(route.get(), Route::Tool(x, _) if x == t);
    view! {
        <header class="app-header">
            <a class="brand" href="#/" data-testid="nav-home">
                <span class="brand-mark" aria-hidden="true">"RM"</span>
                <span class="brand-name">{i18n.text("app.title")}</span>
            </a>
            <nav class="app-nav" aria-label=i18n.text("nav.menu")>
                {ToolId::ALL.into_iter().map(|t| view! {
                    <a href=format!("#/{}", t.slug())
                        class:active=move || active(t)
                        aria-current=move || active(t).then_some("page")
                        data-testid=format!("nav-{}", t.slug())>
                        <span class="nav-icon" aria-hidden="true">{t.icon()}</span>
                        <span>{i18n.text(t.name_key())}</span>
                    </a>
                }).collect_view()}
                <a href="#/data" class:active=move || route.get() == Route::Data
                    aria-current=move || (route.get() == Route::Data).then_some("page")
                    data-testid="nav-data">{i18n.text("nav.data")}</a>
            </nav>
            <div class="app-actions">
                <button type="button" class="btn ghost" data-testid="lang-toggle"
                    aria-label=i18n.text("nav.lang.aria")
                    on:click=move |_| settings.update(|s| s.lang = s.lang.other())>
                    {i18n.text("nav.lang")}
                </button>
                <button type="button" class="btn ghost" data-testid="present-toggle"
                    aria-pressed=move || settings.with(|s| s.presentation).to_string()
                    title=i18n.text("nav.present.aria")
                    aria-label=i18n.text("nav.present.aria")
                    on:click=move |_| settings.update(|s| s.presentation = !s.presentation)>
                    {move || if settings.with(|s| s.presentation) { i18n.t("nav.present.exit") } else { i18n.t("nav.present") }}
                </button>
            </div>
        </header>
    }
}

/// The translated name of a stored document.
pub fn doc_label(lang: Lang, name: &str) -> String {
    let key = format!("tool.{name}.name");
    crate::i18n::lookup(lang, &key)
        .or_else(|| crate::i18n::lookup(lang, &format!("doc.{name}")))
        .map(str::to_string)
        .unwrap_or_else(|| name.to_string())
}

#[component]
fn Notices() -> impl IntoView {
    let i18n = use_i18n();
    let list = browser::notices();
    view! {
        <div class="notices" role="region" aria-live="polite" data-testid="notices">
            // A handful of notices at most: redrawn together when one comes or
            // goes (a keyed <For> would cost ~10 KB gzipped in every binary).
            {move || list.get().into_iter().map(|n| {
                    let doc = n.doc;
                    let key = n.key;
                    let id = n.id;
                    let raw_key = n.raw_key.clone();
                    let detail = n.detail.clone();
                    let is_warn = key != "notice.migrated" && key != "notice.synced";
                    view! {
                        <div class="notice" class:warn=is_warn data-testid="notice" data-kind=key>
                            <p>{move || i18n.tf(key, &[("doc", &doc_label(i18n.lang(), doc))])}
                                {(!detail.is_empty()).then(|| view! { <small class="detail">{detail.clone()}</small> })}
                            </p>
                            <div class="notice-actions">
                                {raw_key.map(|k| {
                                    let k2 = k.clone();
                                    view! {
                                        <button type="button" class="btn small" data-testid="notice-download"
                                            on:click=move |_| {
                                                let k2 = k2.clone();
                                                leptos::task::spawn_local(async move {
                                                    if let Some(raw) = browser::raw_anywhere(&k2).await {
                                                        let name = format!("{}.txt", k2.replace(':', "-"));
                                                        crate::ui::download(&name, "text/plain;charset=utf-8", &raw);
                                                    }
                                                });
                                            }>{i18n.text("notice.download_raw")}</button>
                                    }
                                })}
                                {n.offer_export.then(|| view! {
                                    <button type="button" class="btn small" on:click=move |_| export_now()>
                                        {i18n.text("notice.export")}
                                    </button>
                                })}
                                <button type="button" class="btn small ghost" data-testid="notice-dismiss"
                                    on:click=move |_| browser::dismiss(id)>{i18n.text("notice.dismiss")}</button>
                            </div>
                        </div>
                    }
                }
            ).collect_view()}
        </div>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page narrow" data-testid="not-found">
            <h1>{i18n.text("page.not_found")}</h1>
            <p>{i18n.text("page.not_found.body")}</p>
            <a class="btn" href="#/">{i18n.text("page.back_home")}</a>
        </section>
    }
}

/// `#/crash-test`: the error screen's test page. Harmless when opened by
/// chance: nothing happens until the button is pressed, and the work is
/// saved before the deliberate panic.
#[component]
fn Crash() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page narrow" data-testid="crash-page">
            <h1>{i18n.text("crash.test.title")}</h1>
            <p>{i18n.text("crash.test.body")}</p>
            <button type="button" class="btn danger" data-testid="crash-trigger" on:click=move |_| {
                browser::flush_all();
                panic!("deliberate crash for the error-screen test");
            }>{i18n.text("crash.test.button")}</button>
            <a class="btn ghost" href="#/">{i18n.text("page.back_home")}</a>
        </section>
    }
}
