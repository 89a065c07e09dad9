//! "My data": export and import the workspace, reset to demo data, and the
//! copies kept aside (unreadable data, conflicting versions).

use crate::app::doc_label;
use crate::app::export_now;
use crate::i18n::format::fmt_number;
use crate::storage::browser;
use crate::storage::codec::{self, validate_workspace_with};
use crate::ui::{self, use_i18n};
use leptos::prelude::*;

/// A size in bytes for people: "12 KB", "3.4 MB".
fn fmt_bytes(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 {
        format!("{} MB", fmt_number(bytes / (1024.0 * 1024.0), 1))
    } else {
        format!(
            "{} KB",
            fmt_number(bytes / 1024.0, if bytes < 10_240.0 { 1 } else { 0 })
        )
    }
}

/// The browser's estimate of this site's storage use and quota (all kinds).
async fn storage_estimate() -> Option<(f64, f64)> {
    let promise = window().navigator().storage().estimate().ok()?;
    let v = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let get = |k: &str| {
        js_sys::Reflect::get(&v, &k.into())
            .ok()
            .and_then(|x| x.as_f64())
    };
    Some((get("usage")?, get("quota")?))
}

#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let message = RwSignal::new(None::<(bool, String)>);
    // Both stores: localStorage at once, IndexedDB when it has answered.
    let stored = RwSignal::new(browser::all_entries());
    let idb_bytes = RwSignal::new(0usize);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            let idb: usize = browser::idb_entries()
                .await
                .iter()
                .map(|(k, v)| browser::text_bytes(k, v))
                .sum();
            let all = browser::all_entries_everywhere().await;
            idb_bytes.set(idb);
            stored.set(all);
        })
    };
    refresh();
    let entries = move || stored.get();
    let estimate = RwSignal::new(None::<(f64, f64)>);
    leptos::task::spawn_local(async move {
        if let Some(e) = storage_estimate().await {
            estimate.set(Some(e));
        }
    });
    let viewing = RwSignal::new(None::<String>);
    // "Make every tool available offline": size first, then progress.
    let offline_size = RwSignal::new(None::<f64>);
    let offline_state = RwSignal::new(None::<(bool, String)>);
    leptos::task::spawn_local(async move {
        if let Some(v) = call_js("rmtOfflineInfo", &[]).await {
            if let Some(b) = js_sys::Reflect::get(&v, &"bytes".into())
                .ok()
                .and_then(|x| x.as_f64())
            {
                offline_size.set(Some(b));
            }
        }
    });
    let on_offline = move |_| {
        let lang = i18n.lang_untracked();
        offline_state.set(Some((
            false,
            crate::i18n::t(lang, "data.offline.working").to_string(),
        )));
        let progress = wasm_bindgen::closure::Closure::<dyn Fn(f64, f64)>::new(
            move |done: f64, total: f64| {
                offline_state.set(Some((
                    false,
                    crate::i18n::tf(
                        lang,
                        "data.offline.progress",
                        &[
                            ("done", &fmt_bytes(done)),
                            ("total", &fmt_bytes(total)),
                            (
                                "pct",
                                &fmt_number(
                                    if total > 0.0 {
                                        done * 100.0 / total
                                    } else {
                                        100.0
                                    },
                                    0,
                                ),
                            ),
                        ],
                    ),
                )));
            },
        );
        let arg: wasm_bindgen::JsValue = progress.as_ref().clone();
        leptos::task::spawn_local(async move {
            let r = call_js("rmtCacheAll", &[arg]).await;
            drop(progress);
            offline_state.set(Some(match r.and_then(|v| v.as_f64()) {
                Some(total) => (
                    true,
                    crate::i18n::tf(lang, "data.offline.done", &[("total", &fmt_bytes(total))]),
                ),
                None => (
                    false,
                    crate::i18n::t(lang, "data.offline.failed").to_string(),
                ),
            }));
        });
    };

    let on_import = move |ev: leptos::ev::Event| {
        let lang = i18n.lang_untracked();
        let t = move |k| crate::i18n::t(lang, k);
        let refuse = move |msg| message.set(Some((false, msg)));
        ui::read_import_file(
            &ev,
            codec::MAX_IMPORT_BYTES,
            lang,
            refuse,
            move |name, text| match validate_workspace_with(
                &text,
                &crate::app::doc_specs(),
                &browser::known_docs(),
            ) {
                Err(e) => refuse(ui::import_refused(
                    lang,
                    &name,
                    e.message_key(),
                    &e.detail(),
                )),
                Ok(valid) => leptos::task::spawn_local(async move {
                    if !ui::confirm(t("data.import.confirm")) {
                        return;
                    }
                    // Never replace a document saved by a newer version with
                    // an older one without an explicit choice.
                    let stored = browser::stored_schemas().await;
                    let mut keep = Vec::new();
                    for doc in valid.downgrades(&stored) {
                        let from_file = valid
                            .docs
                            .iter()
                            .find(|(n, _)| *n == doc)
                            .map(|(_, e)| e.schema)
                            .unwrap_or(0);
                        let here = stored
                            .iter()
                            .find(|(n, _)| *n == doc)
                            .map(|(_, s)| *s)
                            .unwrap_or(0);
                        let question = crate::i18n::tf(
                            lang,
                            "data.import.downgrade",
                            &[
                                ("doc", &doc_label(lang, &doc)),
                                ("stored", &here.to_string()),
                                ("file", &from_file.to_string()),
                            ],
                        );
                        if !ui::confirm(&question) {
                            keep.push(doc);
                        }
                    }
                    if !keep.is_empty() {
                        let names: Vec<String> = keep.iter().map(|d| doc_label(lang, d)).collect();
                        let _ = session_note(&crate::i18n::tf(
                            lang,
                            "data.import.kept_newer",
                            &[("docs", &names.join("、"))],
                        ));
                    }
                    let valid = valid.without(&keep);
                    match browser::apply_import(valid).await {
                        Ok(_) => {
                            let _ = window().location().reload();
                        }
                        Err(e) => {
                            let key = if e == "quota" {
                                "notice.quota"
                            } else {
                                "import.err.read"
                            };
                            message.set(Some((
                                false,
                                format!(
                                    "{} {}",
                                    crate::i18n::tf(lang, key, &[("doc", name.as_str())]),
                                    t("import.nothing_changed")
                                ),
                            )));
                        }
                    }
                }),
            },
        );
    };

    let on_reset = move |_| {
        if ui::confirm(i18n.t("data.reset.confirm")) {
            leptos::task::spawn_local(async move {
                match browser::reset_to_demo(i18n.lang_untracked(), &crate::app::doc_specs()).await
                {
                    Ok(_) => {
                        let _ = window().location().reload();
                    }
                    Err(_) => message.set(Some((false, i18n.tf("notice.quota", &[("doc", "")])))),
                }
            });
        }
    };

    view! {
        <section class="page narrow data-page" data-testid="data-page">
            <h1>{i18n.text("data.title")}</h1>
            <p class="lead">{i18n.text("data.lead")}</p>
            {take_session_note().map(|text| view! {
                <div class="notice" role="status" data-testid="data-note">{text}</div>
            })}
            {move || message.get().map(|(ok, text)| view! {
                <div class="notice" class:warn=!ok role="alert" data-testid="data-message">{text}</div>
            })}
            <div class="action-grid">
                <div class="action-card">
                    <h2>{i18n.text("data.export")}</h2>
                    <p>{i18n.text("data.export.hint")}</p>
                    <button type="button" class="btn primary" data-testid="export-workspace" on:click=move |_| export_now()>
                        {i18n.text("data.export")}
                    </button>
                </div>
                <div class="action-card">
                    <h2>{i18n.text("data.import")}</h2>
                    <p>{i18n.text("data.import.hint")}</p>
                    <label class="btn file-btn">
                        {i18n.text("data.import")}
                        <input type="file" accept=".json,application/json" data-testid="import-workspace"
                            aria-label=i18n.text("data.import") on:change=on_import />
                    </label>
                </div>
                <div class="action-card">
                    <h2>{i18n.text("data.offline")}</h2>
                    <p>{i18n.text("data.offline.hint")}</p>
                    <p class="muted" data-testid="offline-size">{move || offline_size.get().map(|b| i18n.tf("data.offline.size", &[("size", &fmt_bytes(b))]))}</p>
                    <button type="button" class="btn" data-testid="offline-all" on:click=on_offline>
                        {i18n.text("data.offline.button")}
                    </button>
                    {move || offline_state.get().map(|(done, text)| view! {
                        <p role="status" data-testid="offline-status" data-done=done.to_string()>{text}</p>
                    })}
                </div>
                <div class="action-card">
                    <h2>{i18n.text("data.reset")}</h2>
                    <p>{i18n.text("data.reset.hint")}</p>
                    <button type="button" class="btn danger" data-testid="reset-demo" on:click=on_reset>
                        {i18n.text("data.reset")}
                    </button>
                </div>
            </div>

            <h2>{i18n.text("data.docs")}</h2>
            <div class="usage" data-testid="storage-usage">
                <p class="muted">{move || {
                    let (ours, all) = browser::local_usage_bytes();
                    let (ours, all) = (ours + idb_bytes.get(), all + idb_bytes.get());
                    i18n.tf("data.usage.detail", &[("ours", &fmt_bytes(ours as f64)), ("all", &fmt_bytes(all as f64))])
                }}</p>
                {move || estimate.get().map(|(used, quota)| view! {
                    <p class="muted">{i18n.tf("data.usage.estimate", &[("used", &fmt_bytes(used)), ("quota", &fmt_bytes(quota))])}</p>
                })}
                {move || browser::has_unsaved_failed().then(|| view! {
                    <p class="notice warn" role="alert" data-testid="usage-failed">{i18n.t("data.usage.failed")}</p>
                })}
            </div>
            <table class="table" data-testid="doc-table">
                <thead><tr>
                    <th scope="col">{i18n.text("data.doc.name")}</th>
                    <th scope="col">{i18n.text("data.doc.rev")}</th>
                    <th scope="col">{i18n.text("data.doc.saved")}</th>
                    <th scope="col" class="num">{i18n.text("data.doc.size")}</th>
                </tr></thead>
                <tbody>
                    {move || entries().into_iter().filter_map(|(k, v)| {
                        let name = codec::doc_name_of_key(&k)?.to_string();
                        let env = codec::parse_envelope(&v, &name).ok();
                        let rev = env.as_ref().map(|e| e.rev.to_string()).unwrap_or_default();
                        let newer = env.as_ref().is_some_and(|e| browser::known_docs().iter().any(|(n, s)| *n == name && e.schema > *s));
                        let saved = env.map(|e| e.saved_at.replace('T', " ").chars().take(16).collect::<String>()).unwrap_or_default();
                        Some(view! {
                            <tr>
                                <td>{doc_label(i18n.lang(), &name)}
                                    {newer.then(|| view! { " " <span class="badge warn">{i18n.t("data.newer_badge")}</span> })}</td>
                                <td>{rev}</td>
                                <td>{saved}" UTC"</td>
                                <td class="num">{format!("{} KB", fmt_number(v.len() as f64 / 1024.0, 1))}</td>
                            </tr>
                        })
                    }).collect_view()}
                </tbody>
            </table>

            <h2>{i18n.text("data.aside")}</h2>
            <p class="muted">{i18n.text("data.aside.hint")}</p>
            <ul class="aside-list" data-testid="aside-list">
                {move || {
                    let aside: Vec<(String, String)> = entries().into_iter()
                        .filter(|(k, _)| k.starts_with("rmt:quarantine:") || k.starts_with("rmt:conflict:"))
                        .collect();
                    if aside.is_empty() {
                        view! { <li class="muted">{i18n.t("data.aside.none")}</li> }.into_any()
                    } else {
                        aside.into_iter().map(|(k, v)| {
                            let conflict = k.starts_with("rmt:conflict:");
                            let name = k.split(':').nth(2).unwrap_or("").to_string();
                            let env = codec::parse_envelope(&v, &name).ok();
                            let saved = env.as_ref().map(|e| i18n.tf("data.aside.saved", &[
                                ("at", &e.saved_at.replace('T', " ").chars().take(16).collect::<String>()),
                                ("rev", &e.rev.to_string()),
                            ])).unwrap_or_default();
                            let pretty = env.as_ref()
                                .and_then(|e| serde_json::to_string_pretty(&e.data).ok())
                                .unwrap_or_else(|| v.clone());
                            let (k1, k2, k3, k4) = (k.clone(), k.clone(), k.clone(), k.clone());
                            let label = doc_label(i18n.lang(), &name);
                            let label2 = label.clone();
                            let open = move || viewing.get().as_deref() == Some(k3.as_str());
                            let open2 = open.clone();
                            let open3 = open.clone();
                            view! {
                                <li data-testid="aside-item" data-kind=if conflict { "conflict" } else { "quarantine" }>
                                    <strong>{label}</strong>" · "
                                    <span>{if conflict { i18n.t("data.aside.conflict") } else { i18n.t("data.aside.quarantine") }}</span>
                                    <span class="muted">{format!(" {} · {} KB ", saved, fmt_number(v.len() as f64 / 1024.0, 1))}</span>
                                    <div class="aside-actions">
                                        <button type="button" class="btn small" data-testid="aside-view"
                                            aria-expanded=move || open().to_string()
                                            on:click=move |_| viewing.update(|x| {
                                                *x = if x.as_deref() == Some(k4.as_str()) { None } else { Some(k4.clone()) };
                                            })>
                                            {move || if open2() { i18n.t("data.aside.hide") } else { i18n.t("data.aside.view") }}
                                        </button>
                                        {conflict.then(|| {
                                            let k = k.clone();
                                            view! {
                                                <button type="button" class="btn small primary" data-testid="aside-restore" on:click=move |_| {
                                                    let q = i18n.tf("data.aside.restore.confirm", &[("doc", &label2)]);
                                                    if !ui::confirm(&q) { return; }
                                                    let k = k.clone();
                                                    leptos::task::spawn_local(async move {
                                                        match browser::restore_aside(&k).await {
                                                            Ok(_) => { let _ = window().location().reload(); }
                                                            Err(e) => {
                                                                let key = if e == "quota" { "notice.quota" } else { "import.err.read" };
                                                                message.set(Some((false, i18n.tf(key, &[("doc", "")]))));
                                                            }
                                                        }
                                                    });
                                                }>{i18n.t("data.aside.restore")}</button>
                                            }
                                        })}
                                        <button type="button" class="btn small" data-testid="aside-download" on:click=move |_| {
                                            ui::download(&format!("{}.json", k1.replace(':', "-")), "application/json;charset=utf-8", &v);
                                        }>{i18n.t("data.download")}</button>
                                        <button type="button" class="btn small ghost" data-testid="aside-delete" on:click=move |_| {
                                            let k2 = k2.clone();
                                            leptos::task::spawn_local(async move {
                                                browser::remove_key(&k2).await;
                                                refresh();
                                            });
                                        }>{i18n.t("data.delete")}</button>
                                    </div>
                                    {move || open3().then(|| view! {
                                        <pre class="aside-view" data-testid="aside-content" tabindex="0">{pretty.clone()}</pre>
                                    })}
                                </li>
                            }
                        }).collect_view().into_any()
                    }
                }}
            </ul>
        </section>
    }
}

/// A message that must survive the reload after an import (sessionStorage).
fn session_note(text: &str) -> Option<()> {
    window()
        .session_storage()
        .ok()
        .flatten()?
        .set_item("rmt-data-note", text)
        .ok()
}

fn take_session_note() -> Option<String> {
    let ss = window().session_storage().ok().flatten()?;
    let v = ss.get_item("rmt-data-note").ok().flatten()?;
    let _ = ss.remove_item("rmt-data-note");
    Some(v)
}

/// Call a function of web/boot.js (`window[name](...args)`) and await the
/// promise it returns; `None` if it is missing or fails.
async fn call_js(name: &str, args: &[wasm_bindgen::JsValue]) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let f: js_sys::Function = js_sys::Reflect::get(&window(), &name.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let list = js_sys::Array::new();
    for a in args {
        list.push(a);
    }
    let promise: js_sys::Promise = f.apply(&window(), &list).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()
}
