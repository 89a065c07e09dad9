//! "My data": export and import the workspace, reset to demo data, and the
//! copies kept aside (unreadable data, conflicting versions).

use crate::app::doc_label;
use crate::i18n::format::fmt_number;
use crate::storage::browser;
use crate::storage::codec::{self, validate_workspace};
use crate::ui::{self, use_i18n};
use leptos::prelude::*;

/// Download the whole workspace (in-memory state included).
pub fn export_now() {
    let text = browser::export_workspace_text();
    ui::download(
        &format!("rm-toolkit-{}.json", ui::file_stamp()),
        "application/json",
        &text,
    );
}

#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let message = RwSignal::new(None::<(bool, String)>);
    let refresh = RwSignal::new(0u32);
    let entries = move || {
        refresh.track();
        browser::all_entries()
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
            move |name, text| match validate_workspace(&text, &crate::doc_specs()) {
                Err(e) => refuse(ui::import_refused(
                    lang,
                    &name,
                    e.message_key(),
                    &e.detail(),
                )),
                Ok(valid) => {
                    if !ui::confirm(t("data.import.confirm")) {
                        return;
                    }
                    match browser::apply_import(valid) {
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
                }
            },
        );
    };

    let on_reset = move |_| {
        if ui::confirm(i18n.t("data.reset.confirm")) {
            match browser::reset_to_demo(i18n.lang_untracked(), &crate::doc_specs()) {
                Ok(_) => {
                    let _ = window().location().reload();
                }
                Err(_) => message.set(Some((false, i18n.tf("notice.quota", &[("doc", "")])))),
            }
        }
    };

    view! {
        <section class="page narrow data-page" data-testid="data-page">
            <h1>{move || i18n.t("data.title")}</h1>
            <p class="lead">{move || i18n.t("data.lead")}</p>
            {move || message.get().map(|(ok, text)| view! {
                <div class="notice" class:warn=!ok role="alert" data-testid="data-message">{text}</div>
            })}
            <div class="action-grid">
                <div class="action-card">
                    <h2>{move || i18n.t("data.export")}</h2>
                    <p>{move || i18n.t("data.export.hint")}</p>
                    <button type="button" class="btn primary" data-testid="export-workspace" on:click=move |_| export_now()>
                        {move || i18n.t("data.export")}
                    </button>
                </div>
                <div class="action-card">
                    <h2>{move || i18n.t("data.import")}</h2>
                    <p>{move || i18n.t("data.import.hint")}</p>
                    <label class="btn file-btn">
                        {move || i18n.t("data.import")}
                        <input type="file" accept=".json,application/json" data-testid="import-workspace"
                            aria-label=move || i18n.t("data.import") on:change=on_import />
                    </label>
                </div>
                <div class="action-card">
                    <h2>{move || i18n.t("data.reset")}</h2>
                    <p>{move || i18n.t("data.reset.hint")}</p>
                    <button type="button" class="btn danger" data-testid="reset-demo" on:click=on_reset>
                        {move || i18n.t("data.reset")}
                    </button>
                </div>
            </div>

            <h2>{move || i18n.t("data.docs")}</h2>
            <p class="muted">{move || {
                let bytes: usize = entries().iter().map(|(k, v)| (k.len() + v.len()) * 2).sum();
                i18n.tf("data.usage", &[("kb", &fmt_number(bytes as f64 / 1024.0, 0))])
            }}</p>
            <table class="table" data-testid="doc-table">
                <thead><tr>
                    <th scope="col">{move || i18n.t("data.doc.name")}</th>
                    <th scope="col">{move || i18n.t("data.doc.rev")}</th>
                    <th scope="col">{move || i18n.t("data.doc.saved")}</th>
                    <th scope="col" class="num">{move || i18n.t("data.doc.size")}</th>
                </tr></thead>
                <tbody>
                    {move || entries().into_iter().filter_map(|(k, v)| {
                        let name = codec::doc_name_of_key(&k)?.to_string();
                        let env = codec::parse_envelope(&v, &name).ok();
                        let rev = env.as_ref().map(|e| e.rev.to_string()).unwrap_or_default();
                        let saved = env.map(|e| e.saved_at.replace('T', " ").chars().take(16).collect::<String>()).unwrap_or_default();
                        Some(view! {
                            <tr>
                                <td>{doc_label(i18n.lang(), &name)}</td>
                                <td>{rev}</td>
                                <td>{saved}" UTC"</td>
                                <td class="num">{format!("{} KB", fmt_number(v.len() as f64 / 1024.0, 1))}</td>
                            </tr>
                        })
                    }).collect_view()}
                </tbody>
            </table>

            <h2>{move || i18n.t("data.aside")}</h2>
            <p class="muted">{move || i18n.t("data.aside.hint")}</p>
            <ul class="aside-list" data-testid="aside-list">
                {move || {
                    let aside: Vec<(String, String)> = entries().into_iter()
                        .filter(|(k, _)| k.starts_with("rmt:quarantine:") || k.starts_with("rmt:conflict:"))
                        .collect();
                    if aside.is_empty() {
                        view! { <li class="muted">{i18n.t("data.aside.none")}</li> }.into_any()
                    } else {
                        aside.into_iter().map(|(k, v)| {
                            let k1 = k.clone();
                            let k2 = k.clone();
                            view! {
                                <li>
                                    <code>{k.clone()}</code>
                                    <span class="muted">{format!(" {} KB ", fmt_number(v.len() as f64 / 1024.0, 1))}</span>
                                    <button type="button" class="btn small" on:click=move |_| {
                                        ui::download(&format!("{}.txt", k1.replace(':', "-")), "text/plain;charset=utf-8", &v);
                                    }>{i18n.t("data.download")}</button>
                                    <button type="button" class="btn small ghost" on:click=move |_| {
                                        browser::remove_key(&k2);
                                        refresh.update(|n| *n += 1);
                                    }>{i18n.t("data.delete")}</button>
                                </li>
                            }
                        }).collect_view().into_any()
                    }
                }}
            </ul>
        </section>
    }
}
