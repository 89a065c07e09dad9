//! The script builders' pages (wasm only): library, editor (FABE and step
//! frameworks share one editor driven by the framework data), PPF grid,
//! printable cue cards, practice and quiz. Thin: the logic lives in the pure
//! modules.

use super::compliance::Flag;
use super::framework::{self, Framework, NeedLink};
use super::library::{self, FlagAt, Script, ScriptsDoc};
use super::nav::Sub;
use super::ppf::{self, PlanLine};
use super::practice;
use super::templates::TEMPLATES;
use super::text::Bi;
use crate::i18n::Lang;
use crate::storage::browser::{use_doc, Doc};
use crate::ui::{self, use_i18n, SaveBadge};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

type D = Doc<ScriptsDoc>;

fn goto(sub: Sub) {
    let _ = window().location().set_hash(&sub.hash());
}

fn bi(b: Bi, lang: Lang) -> &'static str {
    b.get(lang)
}

fn colon(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "中文",
        Lang::En => "English",
    }
}

fn framework_label(id: &str, lang: Lang) -> String {
    if id == library::PPF {
        crate::i18n::t(lang, "scripts.ppf.name").to_string()
    } else {
        framework::framework(id)
            .map(|f| f.name.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }
}

/// "No compliance issues found." or "3 compliance flags".
fn flags_text(n: usize, lang: Lang) -> String {
    if n == 0 {
        crate::i18n::t(lang, "scripts.flags.none").to_string()
    } else {
        super::strings::count(lang, "scripts.flags.count", n)
    }
}

/// Compliance flags as list items: category, the words as typed, reason.
fn flag_items(flags: Vec<Flag>) -> impl IntoView {
    let i18n = use_i18n();
    flags
        .into_iter()
        .map(|f| {
            view! {
                <li class="scripts-flag" data-testid="scripts-flag" data-rule=f.rule>
                    <strong>{i18n.t(f.category.key())}</strong>" «"{f.matched.clone()}"» "
                    <span>{f.reason.clone()}</span>
                </li>
            }
        })
        .collect_view()
}

#[component]
pub fn Page(#[prop(into)] sub: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_doc::<ScriptsDoc>();
    super::view_share::open_link(doc);
    let page = Memo::new(move |_| Sub::parse(&sub.get()));
    let tab = move |s: Sub, key: &'static str, testid: &'static str| {
        let active = move || page.get() == s;
        view! {
            <a href=s.hash() class:active=active aria-current=move || active().then_some("page")
                data-testid=testid>{i18n.text(key)}</a>
        }
    };
    view! {
        <section class="page scripts-page" data-testid="tool-scripts">
            <div class="scripts-head scripts-noprint">
                <h1>{i18n.text("tool.scripts.name")}</h1>
                <SaveBadge state=Signal::derive(move || doc.state()) />
                {move || page.get().script().map(|id| view! {
                    <super::view_share::Share doc=doc id=id />
                    <super::view_share::HandIn doc=doc id=id />
                })}
            </div>
            <nav class="tabs scripts-noprint" aria-label=i18n.text("scripts.nav")>
                {tab(Sub::Library, "scripts.tab.library", "scripts-tab-library")}
                {move || page.get().script().map(|id| view! {
                    {tab(Sub::Edit(id), "scripts.tab.edit", "scripts-tab-edit")}
                    {tab(Sub::Cards(id), "scripts.tab.cards", "scripts-tab-cards")}
                    {tab(Sub::Practice(id), "scripts.tab.practice", "scripts-tab-practice")}
                })}
                {tab(Sub::Quiz, "scripts.tab.quiz", "scripts-tab-quiz")}
            </nav>
            {move || match page.get() {
                Sub::Library => view! { <Library doc=doc /> }.into_any(),
                Sub::Edit(id) => view! { <Editor doc=doc id=id /> }.into_any(),
                Sub::Cards(id) => view! { <Cards doc=doc id=id /> }.into_any(),
                Sub::Practice(id) => view! { <Practice doc=doc id=id /> }.into_any(),
                Sub::Quiz => view! { <Quiz doc=doc /> }.into_any(),
            }}
        </section>
    }
}

// ---------------------------------------------------------------------------
// Library

#[component]
fn Library(doc: D) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let template = RwSignal::new(TEMPLATES[0].id.to_string());
    let fw_choice = RwSignal::new("fabe".to_string());
    let with_example = RwSignal::new(true);
    let message = RwSignal::new(None::<(bool, String)>);

    let create = move |s: Option<Script>| {
        let Some(s) = s else { return };
        let mut new_id = None;
        doc.update(|d| new_id = d.add(s));
        match new_id {
            Some(id) => goto(Sub::Edit(id)),
            None => message.set(Some((false, i18n.t("scripts.lib.full").to_string()))),
        }
    };
    let on_template = move |_| {
        let lang = i18n.lang_untracked();
        let t = super::templates::template(&template.get_untracked());
        create(t.map(|t| library::from_template(t, lang)));
    };
    let on_framework = move |_| {
        let lang = i18n.lang_untracked();
        create(library::from_framework(
            &fw_choice.get_untracked(),
            lang,
            with_example.get_untracked(),
        ));
    };
    let on_import = move |ev: leptos::ev::Event| {
        let lang = i18n.lang_untracked();
        let t = move |k: &'static str| crate::i18n::t(lang, k);
        let refuse = move |msg| message.set(Some((false, msg)));
        ui::read_import_file(
            &ev,
            library::MAX_FILE_BYTES,
            lang,
            refuse,
            move |name, text| match library::import_scripts(&text) {
                Err(e) => refuse(ui::import_refused(
                    lang,
                    &name,
                    e.message_key(),
                    &e.detail(),
                )),
                Ok(list) => {
                    let n = list.len();
                    let title = list.first().map(|s| s.name.clone()).unwrap_or_default();
                    let mut fits = false;
                    doc.update(|d| {
                        fits = d.scripts.len() + n <= library::MAX_SCRIPTS;
                        if fits {
                            for s in list {
                                d.add(s);
                            }
                        }
                    });
                    if !fits {
                        message.set(Some((false, t("scripts.lib.full").to_string())));
                    } else if n == 1 {
                        message.set(Some((
                            true,
                            crate::i18n::tf(lang, "scripts.lib.imported", &[("name", &title)]),
                        )));
                    } else {
                        message.set(Some((
                            true,
                            super::strings::count(lang, "scripts.lib.imported_n", n),
                        )));
                    }
                }
            },
        );
    };

    let ids = Memo::new(move |_| doc.with(|d| d.search(&query.get())));

    view! {
        <div class="scripts-library" data-testid="scripts-library">
            <p class="lead">{i18n.text("tool.scripts.intro")}</p>
            <super::view_share::Receive doc=doc />
            {move || message.get().map(|(ok, text)| view! {
                <div class="notice" class:warn=!ok role="alert" data-testid="scripts-message">{text}</div>
            })}
            <div class="grid-3 scripts-new">
                <div class="card">
                    <h2>{i18n.text("scripts.lib.from_template")}</h2>
                    <div class="field">
                        <label for="scripts-template">{i18n.text("scripts.lib.product")}</label>
                        <select id="scripts-template" data-testid="scripts-template-select"
                            prop:value=move || template.get()
                            on:change=move |ev| template.set(event_target_value(&ev))>
                            {TEMPLATES.iter().map(|t| view! {
                                <option value=t.id>{move || t.name.get(i18n.lang())}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="btn primary" data-testid="scripts-new-template" on:click=on_template>
                        {i18n.text("scripts.lib.create")}
                    </button>
                </div>
                <div class="card">
                    <h2>{i18n.text("scripts.lib.from_framework")}</h2>
                    <div class="field">
                        <label for="scripts-framework">{i18n.text("scripts.lib.framework")}</label>
                        <select id="scripts-framework" data-testid="scripts-framework-select"
                            prop:value=move || fw_choice.get()
                            on:change=move |ev| fw_choice.set(event_target_value(&ev))>
                            {framework::FRAMEWORKS.iter().map(|f| view! {
                                <option value=f.id>{move || f.name.get(i18n.lang())}</option>
                            }).collect_view()}
                            <option value=library::PPF>{i18n.text("scripts.ppf.name")}</option>
                        </select>
                    </div>
                    <label class="scripts-check">
                        <input type="checkbox" data-testid="scripts-with-example"
                            prop:checked=move || with_example.get()
                            on:change=move |ev| with_example.set(event_target_checked(&ev)) />
                        {i18n.text("scripts.lib.with_example")}
                    </label>
                    <button type="button" class="btn primary" data-testid="scripts-new-framework" on:click=on_framework>
                        {i18n.text("scripts.lib.create")}
                    </button>
                </div>
                <div class="card">
                    <h2>{i18n.text("scripts.lib.import")}</h2>
                    <p class="muted">{i18n.text("scripts.lib.import.hint")}</p>
                    <label class="btn file-btn">
                        {i18n.text("scripts.lib.import")}
                        <input type="file" accept=".json,application/json" data-testid="scripts-import"
                            aria-label=i18n.text("scripts.lib.import") on:change=on_import />
                    </label>
                    <p><button type="button" class="btn" data-testid="scripts-export-all" on:click=move |_| {
                        let text = doc.with_untracked(library::export_library);
                        ui::download(&library::library_file_name(&ui::file_stamp()), "application/json", &text);
                    }>{i18n.text("scripts.lib.export_all")}</button></p>
                    <p><a href=Sub::Quiz.hash() class="btn ghost" data-testid="scripts-open-quiz">{i18n.text("scripts.tab.quiz")}</a></p>
                </div>
            </div>
            <div class="field scripts-search">
                <label for="scripts-search">{i18n.text("scripts.lib.search")}</label>
                <input id="scripts-search" type="search" data-testid="scripts-search"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) />
            </div>
            <p class="muted" data-testid="scripts-count">{move || super::strings::count(i18n.lang(), "scripts.lib.count", ids.get().len())}</p>
            <ul class="scripts-list" data-testid="scripts-list">
                <For each=move || ids.get() key=|id| *id let:id>
                    <LibraryItem doc=doc id=id />
                </For>
            </ul>
        </div>
    }
}

#[component]
fn LibraryItem(doc: D, id: u64) -> impl IntoView {
    let i18n = use_i18n();
    let name = move || doc.with(|d| d.get(id).map(|s| s.name.clone()).unwrap_or_default());
    let kind = move || {
        doc.with(|d| {
            d.get(id)
                .map(|s| framework_label(&s.framework, i18n.lang()))
                .unwrap_or_default()
        })
    };
    let preview = move || {
        doc.with(|d| {
            d.get(id)
                .map(|s| super::text::clip_chars(&s.shown_script(), 160))
                .unwrap_or_default()
        })
    };
    let flags = move || doc.with(|d| d.get(id).map(|s| s.flags(i18n.lang()).len()).unwrap_or(0));
    let on_dup = move |_| {
        let word = i18n.t("scripts.lib.copy_word");
        doc.update(|d| {
            d.duplicate(id, word);
        });
    };
    let on_rename = move |_| {
        let old = name();
        if let Ok(Some(new)) =
            window().prompt_with_message_and_default(i18n.t("scripts.lib.rename.prompt"), &old)
        {
            doc.update(|d| {
                d.rename(id, &new);
            });
        }
    };
    let on_delete = move |_| {
        if ui::confirm(&i18n.tf("scripts.lib.delete.confirm", &[("name", &name())])) {
            doc.update(|d| {
                d.delete(id);
            });
        }
    };
    let on_export = move |_| {
        if let Some(s) = doc.with_untracked(|d| d.get(id).cloned()) {
            ui::download(
                &library::file_name(&s, &ui::file_stamp()),
                "application/json",
                &library::export_script(&s),
            );
        }
    };
    view! {
        <li class="card scripts-item" data-testid="scripts-item" data-id=id.to_string()>
            <div class="scripts-item-head">
                <a href=Sub::Edit(id).hash() class="scripts-item-name" data-testid="scripts-item-open">{name}</a>
                <span class="muted scripts-kind">{kind}</span>
                {move || (flags() > 0).then(|| view! {
                    <span class="scripts-badge warn" data-testid="scripts-item-flags">
                        {super::strings::count(i18n.lang(), "scripts.flags.count", flags())}
                    </span>
                })}
            </div>
            <p class="scripts-preview">{preview}</p>
            <div class="scripts-actions">
                <a class="btn small" href=Sub::Cards(id).hash() data-testid="scripts-item-cards">{i18n.text("scripts.tab.cards")}</a>
                <a class="btn small" href=Sub::Practice(id).hash() data-testid="scripts-item-practice">{i18n.text("scripts.tab.practice")}</a>
                <button type="button" class="btn small ghost" data-testid="scripts-item-duplicate" on:click=on_dup>{i18n.text("scripts.lib.duplicate")}</button>
                <button type="button" class="btn small ghost" data-testid="scripts-item-rename" on:click=on_rename>{i18n.text("scripts.lib.rename")}</button>
                <button type="button" class="btn small ghost" data-testid="scripts-item-export" on:click=on_export>{i18n.text("scripts.lib.export")}</button>
                <button type="button" class="btn small danger" data-testid="scripts-item-delete" on:click=on_delete>{i18n.text("scripts.lib.delete")}</button>
            </div>
        </li>
    }
}

// ---------------------------------------------------------------------------
// Editor

#[component]
fn Missing() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice warn" data-testid="scripts-missing">
            <p>{i18n.text("scripts.missing")}</p>
            <a class="btn" href=Sub::Library.hash()>{i18n.text("scripts.tab.library")}</a>
        </div>
    }
}

#[component]
fn Editor(doc: D, id: u64) -> impl IntoView {
    let fw_id = Memo::new(move |_| doc.with(|d| d.get(id).map(|s| s.framework.clone())));
    move || match fw_id.get() {
        None => view! { <Missing /> }.into_any(),
        Some(f) if f == library::PPF => view! { <PpfEditor doc=doc id=id /> }.into_any(),
        Some(f) => match framework::framework(&f) {
            Some(fw) => view! { <StepEditor doc=doc id=id fw=fw /> }.into_any(),
            None => view! { <Missing /> }.into_any(),
        },
    }
}

/// Name and language of a script (shared by both editors).
#[component]
fn ScriptHeader(doc: D, id: u64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="grid-2 scripts-meta">
            <div class="field">
                <label for="scripts-name">{i18n.text("scripts.ed.name")}</label>
                <input id="scripts-name" type="text" data-testid="scripts-name" maxlength="200"
                    prop:value=move || doc.with(|d| d.get(id).map(|s| s.name.clone()).unwrap_or_default())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        doc.update(|d| { d.rename(id, &v); });
                    } />
            </div>
            <div class="field">
                <label for="scripts-lang">{i18n.text("scripts.ed.lang")}</label>
                <select id="scripts-lang" data-testid="scripts-lang"
                    prop:value=move || doc.with(|d| d.get(id).map(|s| s.lang.code()).unwrap_or("zh"))
                    on:change=move |ev| {
                        let l = Lang::from_code(&event_target_value(&ev)).unwrap_or_default();
                        doc.update(|d| if let Some(s) = d.get_mut(id) { s.lang = l; });
                    }>
                    {Lang::ALL.into_iter().map(|l| view! {
                        <option value=l.code()
                            selected=move || doc.with(|d| d.get(id).map(|s| s.lang) == Some(l))>{lang_name(l)}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}

fn level_select(
    doc: D,
    id: u64,
    testid: &'static str,
    label: &'static str,
    product: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let get = move || {
        doc.with(|d| {
            d.get(id)
                .and_then(|s| {
                    if product {
                        s.product_risk
                    } else {
                        s.client_risk
                    }
                })
                .map(|l| l.to_string())
                .unwrap_or_default()
        })
    };
    let sel_id = format!("scripts-{testid}");
    view! {
        <div class="field">
            <label for=sel_id.clone()>{i18n.text(label)}</label>
            <select id=sel_id data-testid=testid prop:value=get on:change=move |ev| {
                let v = super::compliance::parse_level(&event_target_value(&ev));
                doc.update(|d| if let Some(s) = d.get_mut(id) {
                    if product { s.product_risk = v } else { s.client_risk = v }
                });
            }>
                <option value="" selected=move || get().is_empty()>{i18n.text("scripts.ed.level.none")}</option>
                {(1..=5u8).map(|n| view! {
                    <option value=n.to_string() selected=move || get() == n.to_string()>
                        {move || super::compliance::level_label(product, n, i18n.lang())}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn StepEditor(doc: D, id: u64, fw: &'static Framework) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let out_ref = NodeRef::<leptos::html::Textarea>::new();
    let spoken =
        Memo::new(move |_| doc.with(|d| d.get(id).map(|s| s.shown_script()).unwrap_or_default()));
    let edited =
        Memo::new(move |_| doc.with(|d| d.get(id).is_some_and(|s| s.edited_script.is_some())));
    let stale = Memo::new(move |_| doc.with(|d| d.get(id).is_some_and(|s| s.edit_is_stale())));
    let flags = Memo::new(move |_| {
        doc.with(|d| d.get(id).map(|s| s.flags(i18n.lang())).unwrap_or_default())
    });
    let need_link = Memo::new(move |_| doc.with(|d| d.get(id).and_then(|s| s.need_link())));
    let has_need = fw.need_part.is_some();
    let script_lang = move || doc.with(|d| d.get(id).map(|s| s.lang).unwrap_or_default());

    let flags_at = move |at: FlagAt| {
        flags
            .get()
            .into_iter()
            .filter(|(a, _)| *a == at)
            .map(|(_, f)| f)
            .collect::<Vec<_>>()
    };
    let part_view = move |i: usize| {
        let p = &fw.parts[i];
        let ta_id = format!("scripts-part-{}", p.key);
        let part_flags = move || flags_at(FlagAt::Part(i));
        let is_need_part = fw.need_part == Some(p.key);
        view! {
            <div class="card scripts-part" data-testid=format!("scripts-partcard-{}", p.key)
                class:flagged=move || !part_flags().is_empty()>
                <div class="scripts-part-head">
                    <span class="scripts-tag" aria-hidden="true">{p.tag}</span>
                    <label for=ta_id.clone()>{move || bi(p.label, i18n.lang())}</label>
                </div>
                <p class="scripts-prompt">{move || bi(p.prompt, i18n.lang())}</p>
                <details class="scripts-hint">
                    <summary>{i18n.text("scripts.ed.hint")}</summary>
                    <p>{move || bi(p.hint, i18n.lang())}</p>
                    <p class="muted">{i18n.text("scripts.ed.example")}" "{move || bi(p.example, script_lang())}</p>
                    <button type="button" class="btn small ghost" data-testid=format!("scripts-use-example-{}", p.key)
                        on:click=move |_| doc.update(|d| if let Some(s) = d.get_mut(id) {
                            let ex = p.example.get(s.lang).to_string();
                            s.set_part(i, ex);
                        })>{i18n.text("scripts.ed.use_example")}</button>
                </details>
                <textarea id=ta_id rows="3" data-testid=format!("scripts-part-{}", p.key)
                    prop:value=move || doc.with(|d| d.get(id).map(|s| s.part(i).to_string()).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        doc.update(|d| if let Some(s) = d.get_mut(id) { s.set_part(i, v); });
                    }></textarea>
                <ul class="scripts-flags" aria-live="polite">
                    {move || flag_items(part_flags())}
                </ul>
                {is_need_part.then(|| view! {
                    {move || need_link.get().filter(|l| *l != NeedLink::NoBenefit).map(|l| view! {
                        <p class="scripts-need-check" class:warn=l.is_flag() data-testid="scripts-need-flag"
                            data-state=format!("{l:?}").to_ascii_lowercase()>{i18n.t(l.message_key())}</p>
                    })}
                })}
            </div>
        }
    };

    view! {
        <div class="scripts-editor" data-testid="scripts-editor" data-framework=fw.id>
            <h2>{move || bi(fw.name, i18n.lang())}</h2>
            <p class="muted">{move || bi(fw.intro, i18n.lang())}</p>
            <ScriptHeader doc=doc id=id />
            {has_need.then(|| view! {
                <div class="card scripts-need">
                    <div class="field">
                        <label for="scripts-need">{i18n.text("scripts.ed.need")}</label>
                        <textarea id="scripts-need" rows="2" data-testid="scripts-need"
                            placeholder=i18n.text("scripts.ed.need.placeholder")
                            prop:value=move || doc.with(|d| d.get(id).map(|s| s.need.clone()).unwrap_or_default())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                doc.update(|d| if let Some(s) = d.get_mut(id) { s.need = v; });
                            }></textarea>
                    </div>
                    <ul class="scripts-flags" aria-live="polite" data-testid="scripts-need-flags">
                        {move || flag_items(flags_at(FlagAt::Need))}
                    </ul>
                    <div class="grid-2">
                        {level_select(doc, id, "scripts-product-risk", "scripts.ed.product_risk", true)}
                        {level_select(doc, id, "scripts-client-risk", "scripts.ed.client_risk", false)}
                    </div>
                    {move || flags.get().into_iter().filter(|(p, _)| *p == FlagAt::Levels).map(|(_, f)| view! {
                        <p class="scripts-flag warn" data-testid="scripts-flag" data-rule=f.rule>
                            <strong>{i18n.t(f.category.key())}</strong>" "{f.reason.clone()}
                        </p>
                    }).collect_view()}
                </div>
            })}
            <div class="scripts-edit-cols">
                <div class="scripts-parts">
                    {(0..fw.parts.len()).map(part_view).collect_view()}
                </div>
                <aside class="card scripts-output">
                    <h3>{i18n.text("scripts.ed.spoken")}</h3>
                    <p class="muted" data-testid="scripts-flags-count" data-count=move || flags.get().len().to_string()>
                        {move || flags_text(flags.get().len(), i18n.lang())}
                    </p>
                    <label class="sr-only" for="scripts-spoken">{i18n.text("scripts.ed.spoken")}</label>
                    {move || stale.get().then(|| view! {
                        <div class="notice warn" role="status" data-testid="scripts-edit-stale">
                            <p>{i18n.t("scripts.ed.edit.stale")}</p>
                            <div class="scripts-actions">
                                <button type="button" class="btn small" data-testid="scripts-edit-use-new" on:click=move |_| {
                                    if ui::confirm(i18n.t("scripts.ed.edit.use_new.confirm")) {
                                        doc.update(|d| if let Some(s) = d.get_mut(id) { s.reset_edit(); });
                                    }
                                }>{i18n.t("scripts.ed.edit.use_new")}</button>
                                <button type="button" class="btn small primary" data-testid="scripts-edit-keep"
                                    on:click=move |_| doc.update(|d| if let Some(s) = d.get_mut(id) { s.keep_edit(); })>
                                    {i18n.t("scripts.ed.edit.keep")}</button>
                            </div>
                        </div>
                    })}
                    <textarea id="scripts-spoken" class="scripts-spoken" rows="10" data-testid="scripts-spoken"
                        data-edited=move || edited.get().to_string()
                        node_ref=out_ref prop:value=move || spoken.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            doc.update(|d| if let Some(s) = d.get_mut(id) { s.set_edited(v); });
                        }></textarea>
                    <ul class="scripts-flags" aria-live="polite" data-testid="scripts-spoken-flags">
                        {move || flag_items(flags_at(FlagAt::Spoken))}
                    </ul>
                    <p class="muted small">{move || if edited.get() { i18n.t("scripts.ed.edit.mine") } else { i18n.t("scripts.ed.spoken.hint") }}</p>
                    {move || (edited.get() && !stale.get()).then(|| view! {
                        <button type="button" class="btn small ghost" data-testid="scripts-edit-reset" on:click=move |_| {
                            if ui::confirm(i18n.t("scripts.ed.edit.use_new.confirm")) {
                                doc.update(|d| if let Some(s) = d.get_mut(id) { s.reset_edit(); });
                            }
                        }>{i18n.t("scripts.ed.edit.use_new")}</button>
                    })}
                    <div class="scripts-actions">
                        <button type="button" class="btn primary" data-testid="scripts-copy" on:click=move |_| {
                            let text = out_ref.get_untracked().map(|t| t.value()).unwrap_or_else(|| spoken.get_untracked());
                            ui::copy_to_clipboard(&text);
                            copied.set(true);
                        }>{i18n.text("scripts.ed.copy")}</button>
                        <a class="btn" href=Sub::Cards(id).hash()>{i18n.text("scripts.tab.cards")}</a>
                        <a class="btn" href=Sub::Practice(id).hash()>{i18n.text("scripts.tab.practice")}</a>
                    </div>
                    {move || copied.get().then(|| view! { <p class="muted" role="status" data-testid="scripts-copied">{i18n.t("scripts.ed.copied")}</p> })}
                    <RulesPanel />
                </aside>
            </div>
        </div>
    }
}

/// What the compliance check looks for (the rule list is data).
#[component]
fn RulesPanel() -> impl IntoView {
    use super::compliance::{Category, RULES};
    let i18n = use_i18n();
    let phrases = |cat: Category| {
        RULES
            .iter()
            .filter(|r| r.category == cat)
            .map(|r| r.shown())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    view! {
        <details class="scripts-rules" data-testid="scripts-rules">
            <summary>{i18n.text("scripts.rules.title")}</summary>
            <ul>
                {[Category::Guarantee, Category::Superlative].into_iter().map(|c| view! {
                    <li><strong>{move || i18n.t(c.key())}</strong>{move || colon(i18n.lang())}{phrases(c)}</li>
                }).collect_view()}
                <li><strong>{move || i18n.t(Category::Suitability.key())}</strong>{move || colon(i18n.lang())}{i18n.text("scripts.rules.suitability")}</li>
            </ul>
            <p class="muted small">{i18n.text("scripts.rules.limits")}</p>
        </details>
    }
}

// ---------------------------------------------------------------------------
// PPF nine-grid

#[component]
fn PpfEditor(doc: D, id: u64) -> impl IntoView {
    let i18n = use_i18n();
    let target = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let grid = Memo::new(move |_| {
        doc.with(|d| d.get(id).and_then(|s| s.grid.clone()).unwrap_or_default())
    });
    let slang = move || doc.with(|d| d.get(id).map(|s| s.lang).unwrap_or_default());
    let plan = Memo::new(move |_| ppf::interview_plan(&grid.get(), slang()));
    let summary = Memo::new(move |_| ppf::needs_summary(&grid.get(), slang()));
    let ppf_flags = Memo::new(move |_| {
        doc.with(|d| {
            d.get(id)
                .map(|s| {
                    s.flags(i18n.lang())
                        .into_iter()
                        .map(|(_, f)| f)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let edit = move |f: Box<dyn FnOnce(&mut ppf::Grid)>| {
        doc.update(|d| {
            if let Some(s) = d.get_mut(id) {
                let lang = s.lang;
                let g = s.grid.get_or_insert_with(|| ppf::Grid::new(lang));
                g.normalise(lang);
                f(g);
            }
        })
    };
    let fabe_scripts = Memo::new(move |_| {
        doc.with(|d| {
            d.scripts
                .iter()
                .filter(|s| s.framework == "fabe")
                .map(|s| (s.id, s.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let on_send = move |_| {
        let lang = slang();
        let need = ppf::need_for_fabe(&grid.get_untracked(), lang);
        let t = target.get_untracked().parse::<u64>().ok();
        let plan = doc.with_untracked(|d| d.send_need_plan(t, &need));
        if let library::SendNeed::Replace { id: tid, old } = plan {
            let name =
                doc.with_untracked(|d| d.get(tid).map(|s| s.name.clone()).unwrap_or_default());
            let ask = i18n.tf(
                "scripts.ppf.replace.confirm",
                &[("name", &name), ("old", &old), ("new", &need)],
            );
            if !ui::confirm(&ask) {
                return;
            }
        }
        let mut go = None;
        doc.update(|d| go = d.send_need(t, &need, lang));
        sent.set(true);
        if let Some(tid) = go {
            goto(Sub::Edit(tid));
        }
    };

    let cell_view = move |time: usize, theme: usize| {
        let count = Memo::new(move |_| {
            grid.with(|g| g.cell(time, theme).map(|c| c.questions.len()).unwrap_or(0))
        });
        let ans_id = format!("scripts-ppf-a-{time}-{theme}");
        let cell_label = move || {
            format!(
                "{} · {}",
                bi(ppf::TIMES[time], i18n.lang()),
                grid.with(|g| g.theme_name(theme, i18n.lang()))
            )
        };
        view! {
            <td class="scripts-cell" data-testid=format!("scripts-ppf-cell-{time}-{theme}")>
                <ol class="scripts-questions">
                    {move || (0..count.get()).map(|qi| view! {
                        <li>
                            <input type="text" data-testid=format!("scripts-ppf-q-{time}-{theme}-{qi}")
                                aria-label=move || format!("{} {}", cell_label(), qi + 1)
                                prop:value=move || grid.with(|g| g.cell(time, theme).and_then(|c| c.questions.get(qi).cloned()).unwrap_or_default())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    edit(Box::new(move |g| if let Some(q) = g.cell_mut(time, theme).and_then(|c| c.questions.get_mut(qi)) { *q = v; }));
                                } />
                            <button type="button" class="btn small ghost" aria-label=i18n.text("scripts.ppf.remove_q")
                                on:click=move |_| edit(Box::new(move |g| if let Some(c) = g.cell_mut(time, theme) {
                                    if qi < c.questions.len() { c.questions.remove(qi); }
                                }))>"×"</button>
                        </li>
                    }).collect_view()}
                </ol>
                <div class="scripts-cell-add">
                    <button type="button" class="btn small" data-testid=format!("scripts-ppf-add-{time}-{theme}")
                        on:click=move |_| edit(Box::new(move |g| if let Some(c) = g.cell_mut(time, theme) { c.questions.push(String::new()); }))>
                        {i18n.text("scripts.ppf.add_q")}
                    </button>
                    <select data-testid=format!("scripts-ppf-bank-{time}-{theme}") aria-label=i18n.text("scripts.ppf.bank")
                        prop:value=""
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(sel) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                                sel.set_value("");
                            }
                            if let Some(q) = v.parse::<usize>().ok().and_then(|k| ppf::BANK[time][theme].get(k)) {
                                let text = q.get(slang()).to_string();
                                edit(Box::new(move |g| if let Some(c) = g.cell_mut(time, theme) {
                                    if !c.questions.contains(&text) { c.questions.push(text); }
                                }));
                            }
                        }>
                        <option value="">{i18n.text("scripts.ppf.bank")}</option>
                        {ppf::BANK[time][theme].iter().enumerate().map(|(k, q)| view! {
                            <option value=k.to_string()>{move || q.get(slang())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <label class="scripts-ans-label" for=ans_id.clone()>{i18n.text("scripts.ppf.answers")}</label>
                <textarea id=ans_id rows="2" data-testid=format!("scripts-ppf-a-{time}-{theme}")
                    prop:value=move || grid.with(|g| g.cell(time, theme).map(|c| c.answers.clone()).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        edit(Box::new(move |g| if let Some(c) = g.cell_mut(time, theme) { c.answers = v; }));
                    }></textarea>
            </td>
        }
    };

    view! {
        <div class="scripts-ppf" data-testid="scripts-ppf">
            <h2>{i18n.text("scripts.ppf.name")}</h2>
            <p class="muted">{i18n.text("scripts.ppf.intro")}</p>
            <ScriptHeader doc=doc id=id />
            <div class="scripts-grid-wrap">
                <table class="table scripts-grid" data-testid="scripts-ppf-grid">
                    <thead><tr>
                        <th scope="col">{i18n.text("scripts.ppf.theme")}</th>
                        {(0..3).map(|time| view! { <th scope="col">{move || bi(ppf::TIMES[time], i18n.lang())}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {(0..3).map(|theme| view! {
                            <tr>
                                <th scope="row">
                                    <input type="text" class="scripts-theme" data-testid=format!("scripts-ppf-theme-{theme}")
                                        aria-label=move || i18n.tf("scripts.ppf.theme_n", &[("n", &(theme + 1).to_string())])
                                        prop:value=move || grid.with(|g| g.themes.get(theme).cloned().unwrap_or_default())
                                        on:input=move |ev| {
                                            let v = event_target_value(&ev);
                                            edit(Box::new(move |g| if let Some(t) = g.themes.get_mut(theme) { *t = v; }));
                                        } />
                                </th>
                                {(0..3).map(|time| cell_view(time, theme)).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="grid-2">
                <div class="card">
                    <h3>{i18n.text("scripts.ppf.plan")}</h3>
                    <ol class="scripts-plan" data-testid="scripts-ppf-plan">
                        {move || plan.get().into_iter().map(|line| match line {
                            PlanLine::Time { time, transition } => view! {
                                <li class="scripts-plan-time" data-time=time.to_string()><strong>{bi(ppf::TIMES[time], i18n.lang())}</strong>" "<em>{transition}</em></li>
                            }.into_any(),
                            PlanLine::Question { transition, text, .. } => view! {
                                <li class="scripts-plan-q">{transition.map(|t| view! { <em>{t}</em> })}{text}</li>
                            }.into_any(),
                        }).collect_view()}
                    </ol>
                    {move || plan.get().is_empty().then(|| view! { <p class="muted">{i18n.t("scripts.ppf.plan.empty")}</p> })}
                    <p class="muted" data-testid="scripts-flags-count" data-count=move || ppf_flags.get().len().to_string()>
                        {move || flags_text(ppf_flags.get().len(), i18n.lang())}
                    </p>
                    <ul class="scripts-flags" aria-live="polite">{move || flag_items(ppf_flags.get())}</ul>
                    <button type="button" class="btn" data-testid="scripts-ppf-copy" on:click=move |_| {
                        ui::copy_to_clipboard(&ppf::plan_text(&plan.get_untracked(), slang()));
                    }>{i18n.text("scripts.ed.copy")}</button>
                </div>
                <div class="card">
                    <h3>{i18n.text("scripts.ppf.summary")}</h3>
                    <ul class="scripts-summary" data-testid="scripts-ppf-summary">
                        {move || summary.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    </ul>
                    {move || summary.get().is_empty().then(|| view! { <p class="muted">{i18n.t("scripts.ppf.summary.empty")}</p> })}
                    <div class="field">
                        <label for="scripts-ppf-target">{i18n.text("scripts.ppf.send_to")}</label>
                        <select id="scripts-ppf-target" data-testid="scripts-ppf-target"
                            prop:value=move || target.get()
                            on:change=move |ev| target.set(event_target_value(&ev))>
                            <option value="">{i18n.text("scripts.ppf.new_fabe")}</option>
                            {move || fabe_scripts.get().into_iter().map(|(sid, n)| view! {
                                <option value=sid.to_string()>{n}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="btn primary" data-testid="scripts-ppf-send"
                        disabled=move || summary.get().is_empty() on:click=on_send>
                        {i18n.text("scripts.ppf.send")}
                    </button>
                    {move || sent.get().then(|| view! { <p class="muted" role="status">{i18n.t("scripts.ppf.sent")}</p> })}
                </div>
            </div>
        </div>
    }
}

// ---------------------------------------------------------------------------
// Cue cards

#[component]
fn Cards(doc: D, id: u64) -> impl IntoView {
    let i18n = use_i18n();
    let a5 = RwSignal::new(false);
    let script = Memo::new(move |_| doc.with(|d| d.get(id).cloned()));
    let cards = move || {
        let Some(s) = script.get() else {
            return view! { <Missing /> }.into_any();
        };
        let lang = i18n.lang();
        let mut items: Vec<(String, String, String)> = Vec::new();
        if let Some(fw) = s.framework_def() {
            if !s.need.trim().is_empty() {
                items.push((
                    "?".into(),
                    i18n.t("scripts.ed.need").to_string(),
                    s.need.clone(),
                ));
            }
            if let Some(text) = &s.edited_script {
                // The user's own wording is what they will say.
                items.push((
                    "✎".into(),
                    i18n.t("scripts.ed.spoken").to_string(),
                    text.clone(),
                ));
            } else {
                for (i, p) in fw.spoken() {
                    items.push((
                        p.tag.to_string(),
                        p.label.get(lang).to_string(),
                        s.part(i).to_string(),
                    ));
                }
            }
        } else if let Some(g) = &s.grid {
            let plan = ppf::interview_plan(g, s.lang);
            for time in 0..3 {
                let qs: Vec<String> = plan
                    .iter()
                    .filter_map(|l| match l {
                        PlanLine::Question { time: t, text, .. } if *t == time => {
                            Some(format!("• {text}"))
                        }
                        _ => None,
                    })
                    .collect();
                if !qs.is_empty() {
                    items.push((
                        (time + 1).to_string(),
                        ppf::TIMES[time].get(lang).to_string(),
                        qs.join("\n"),
                    ));
                }
            }
        }
        let title = s.name.clone();
        let n_flags = s.flags(lang).len();
        view! {
            {(n_flags > 0).then(|| view! {
                <p class="notice warn scripts-noprint" role="status" data-testid="scripts-cards-flags">
                    {flags_text(n_flags, lang)}" "
                    <a href=Sub::Edit(id).hash()>{i18n.t("scripts.tab.edit")}</a>
                </p>
            })}
            <div class="scripts-cards" class:a5=move || a5.get() data-testid="scripts-cards">
                {items.into_iter().map(|(tag, label, text)| {
                    let title = title.clone();
                    view! {
                        <article class="scripts-card" data-testid="scripts-card">
                            <header><span class="scripts-tag">{tag}</span><strong>{label}</strong><small class="muted">{title}</small></header>
                            <p class="scripts-card-text">{text}</p>
                        </article>
                    }
                }).collect_view()}
            </div>
        }
        .into_any()
    };
    view! {
        <div class="scripts-print" data-testid="scripts-print">
            <div class="scripts-actions scripts-noprint">
                <button type="button" class="btn primary" data-testid="scripts-print-btn" on:click=move |_| ui::print()>{i18n.text("scripts.cards.print")}</button>
                <label class="scripts-check">
                    <input type="checkbox" data-testid="scripts-cards-a5" prop:checked=move || a5.get()
                        on:change=move |ev| a5.set(event_target_checked(&ev)) />
                    {i18n.text("scripts.cards.a5")}
                </label>
                <span class="muted">{i18n.text("scripts.cards.hint")}</span>
            </div>
            {cards}
        </div>
    }
}

// ---------------------------------------------------------------------------
// Practice

#[component]
fn Practice(doc: D, id: u64) -> impl IntoView {
    let i18n = use_i18n();
    let script = Memo::new(move |_| doc.with(|d| d.get(id).cloned()));
    let hidden = RwSignal::new(0usize);
    let typed = RwSignal::new(String::new());
    let result = RwSignal::new(None::<practice::Comparison>);
    move || {
        let Some(s) = script.get() else {
            return view! { <Missing /> }.into_any();
        };
        let Some(fw) = s.framework_def() else {
            return view! { <p class="notice" data-testid="scripts-practice-na">{i18n.t("scripts.practice.na")}</p> }.into_any();
        };
        let order: Vec<usize> = fw.spoken().map(|(i, _)| i).collect();
        let n = order.len();
        let parts = s.parts.clone();
        view! {
            <div class="scripts-practice" data-testid="scripts-practice">
                <p class="muted">{i18n.t("scripts.practice.intro")}</p>
                <div class="scripts-actions" role="group" aria-label=i18n.t("scripts.practice.choose")>
                    {order.iter().enumerate().map(|(pos, &pi)| {
                        let p = &fw.parts[pi];
                        view! {
                            <button type="button" class="btn small" class:primary=move || hidden.get() == pos
                                data-testid=format!("scripts-hide-{}", p.key)
                                aria-pressed=move || (hidden.get() == pos).to_string()
                                on:click=move |_| { hidden.set(pos); typed.set(String::new()); result.set(None); }>
                                {format!("{} {}", p.tag, p.label.get(i18n.lang()))}
                            </button>
                        }
                    }).collect_view()}
                </div>
                {order.iter().enumerate().map(|(pos, &pi)| {
                    let p = &fw.parts[pi];
                    let original = parts.get(pi).cloned().unwrap_or_default();
                    let original2 = original.clone();
                    let original3 = original.clone();
                    view! {
                        <div class="card scripts-part">
                            <div class="scripts-part-head"><span class="scripts-tag">{p.tag}</span><strong>{p.label.get(i18n.lang())}</strong></div>
                            {move || if hidden.get() == pos {
                                let original = original.clone();
                                view! {
                                    <div data-testid="scripts-practice-hidden">
                                        <label for="scripts-recall">{i18n.t("scripts.practice.recall")}</label>
                                        <textarea id="scripts-recall" rows="3" data-testid="scripts-recall"
                                            prop:value=move || typed.get()
                                            on:input=move |ev| typed.set(event_target_value(&ev))></textarea>
                                        <div class="scripts-actions">
                                            <button type="button" class="btn primary" data-testid="scripts-compare"
                                                on:click=move |_| result.set(Some(practice::compare(&original, &typed.get_untracked())))>
                                                {i18n.t("scripts.practice.compare")}
                                            </button>
                                            <button type="button" class="btn ghost" data-testid="scripts-next-part"
                                                on:click=move |_| { hidden.update(|h| *h = (*h + 1) % n.max(1)); typed.set(String::new()); result.set(None); }>
                                                {i18n.t("scripts.practice.next")}
                                            </button>
                                        </div>
                                    </div>
                                }.into_any()
                            } else {
                                view! { <p class="scripts-card-text">{original2.clone()}</p> }.into_any()
                            }}
                            {move || (hidden.get() == pos).then(|| result.get()).flatten().map(|c| view! {
                                <div class="scripts-result" data-testid="scripts-practice-result" data-score=c.score.to_string()>
                                    <p><strong>{i18n.tf("scripts.practice.score", &[("n", &c.score.to_string())])}</strong></p>
                                    {(!c.missing.is_empty()).then(|| view! {
                                        <p>{i18n.t("scripts.practice.missing")}" "
                                            {c.missing.iter().map(|m| view! { <mark>{m.clone()}</mark>" " }).collect_view()}
                                        </p>
                                    })}
                                    <p class="muted">{i18n.t("scripts.practice.original")}" "{original3.clone()}</p>
                                </div>
                            })}
                        </div>
                    }
                }).collect_view()}
            </div>
        }
        .into_any()
    }
}

// ---------------------------------------------------------------------------
// Quiz

#[component]
fn Quiz(doc: D) -> impl IntoView {
    let i18n = use_i18n();
    let seed = js_sys::Date::now() as u64;
    let n = RwSignal::new(0usize);
    let answered = RwSignal::new(None::<usize>);
    let score = RwSignal::new((0u32, 0u32));
    let pool = Memo::new(move |_| {
        let lang = i18n.lang();
        let extra: Vec<(usize, String)> = doc.with(|d| {
            d.scripts
                .iter()
                .filter(|s| s.framework == "fabe" && s.lang == lang)
                .flat_map(|s| {
                    s.parts
                        .iter()
                        .take(4)
                        .cloned()
                        .enumerate()
                        .collect::<Vec<_>>()
                })
                .collect()
        });
        practice::quiz_pool(lang, &extra)
    });
    let item = move || practice::quiz_item(&pool.get(), seed, n.get()).cloned();
    let fabe = &framework::FABE_PARTS;
    view! {
        <div class="scripts-quiz card" data-testid="scripts-quiz">
            <h2>{i18n.text("scripts.quiz.title")}</h2>
            <p class="muted">{i18n.text("scripts.quiz.intro")}</p>
            <blockquote class="scripts-quiz-sentence" data-testid="scripts-quiz-sentence">
                {move || item().map(|q| q.sentence).unwrap_or_default()}
            </blockquote>
            <div class="scripts-actions" role="group" aria-label=i18n.text("scripts.quiz.title")>
                {fabe.iter().enumerate().map(|(k, p)| view! {
                    <button type="button" class="btn scripts-quiz-btn" data-testid=format!("scripts-quiz-{}", p.tag)
                        disabled=move || answered.get().is_some()
                        on:click=move |_| {
                            let right = item().is_some_and(|q| q.answer == k);
                            answered.set(Some(k));
                            score.update(|(r, t)| { *t += 1; if right { *r += 1; } });
                        }>
                        {move || format!("{} · {}", p.tag, p.label.get(i18n.lang()))}
                    </button>
                }).collect_view()}
            </div>
            {move || answered.get().and_then(|k| item().map(|q| (k, q))).map(|(k, q)| {
                let right = q.answer == k;
                let correct = &fabe[q.answer.min(3)];
                view! {
                    <p class="scripts-quiz-result" class:warn=!right data-testid="scripts-quiz-result" data-right=right.to_string()>
                        {if right { i18n.t("scripts.quiz.right").to_string() } else {
                            i18n.tf("scripts.quiz.wrong", &[("part", &format!("{} · {}", correct.tag, correct.label.get(i18n.lang())))])
                        }}
                        " "{correct.hint.get(i18n.lang())}
                    </p>
                }
            })}
            <p data-testid="scripts-quiz-score">{move || {
                let (r, t) = score.get();
                i18n.tf("scripts.quiz.score", &[("r", &r.to_string()), ("t", &t.to_string())])
            }}</p>
            <button type="button" class="btn primary" data-testid="scripts-quiz-next"
                on:click=move |_| { n.update(|x| *x += 1); answered.set(None); }>
                {i18n.text("scripts.quiz.next")}
            </button>
        </div>
    }
}
