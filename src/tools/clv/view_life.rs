//! Lifecycle stages, needs by age, the prospect funnel and the follow-up
//! planner with its calendar and .ics export.

use super::doc::{clean_name, MAX_PROSPECTS};
use super::invalid::Invalid;
use super::lifecycle::{
    ics_stamp, month_grid, months_of, plan, prospects_needed, to_ics, Contact, Prospect,
    ProspectStage, NEEDS_BY_AGE, STAGES,
};
use super::view::ClvHandle;
use crate::i18n::format::{fmt_date, fmt_number};
use crate::i18n::Lang;
use crate::ui::{self, use_i18n, NumberField};
use chrono::Datelike;
use leptos::prelude::*;

const WEEKDAYS: [&str; 7] = [
    "clv.wd.1", "clv.wd.2", "clv.wd.3", "clv.wd.4", "clv.wd.5", "clv.wd.6", "clv.wd.7",
];

#[component]
pub fn LifecyclePage(doc: ClvHandle) -> impl IntoView {
    let i18n = use_i18n();
    let today = ui::today();
    let start = move || doc.with(|d| d.start).unwrap_or(today);
    let contacts = Memo::new(move |_| doc.with(|d| plan(&d.prospects, d.start.unwrap_or(today))));
    let message = RwSignal::new(None::<&'static str>);

    // A field holding unusable text: the funnel shows "—" and the reason.
    let invalid = RwSignal::new(Invalid::default());
    let flag = move |label: &'static str| {
        Callback::new(move |r: Option<&'static str>| invalid.update(|iv| iv.set(label, r)))
    };
    let funnel = move || {
        let n = doc.with(|d| prospects_needed(d.closing_k, d.deals_per_week));
        invalid.with(|iv| iv.gate(n.ok_or("clv.err.funnel")))
    };

    let export = move |_| {
        let lang = i18n.lang_untracked();
        let stamp = ics_stamp(&String::from(js_sys::Date::new_0().to_iso_string()));
        let text = to_ics(&contacts.get_untracked(), |c| summary(lang, c), &stamp);
        ui::download(
            &format!("clv-follow-up-{}.ics", ui::file_stamp()),
            "text/calendar;charset=utf-8",
            &text,
        );
    };

    let add = move |_| {
        let lang = i18n.lang_untracked();
        let mut ok = true;
        doc.update(|d| {
            if d.prospects.len() >= MAX_PROSPECTS {
                ok = false;
            } else {
                d.prospects.push(Prospect {
                    name: crate::i18n::t(lang, "clv.fu.new_name").to_string(),
                    stage: ProspectStage::WithinMonth,
                });
            }
        });
        message.set((!ok).then_some("clv.fu.too_many"));
    };

    let prospects = move || {
        let lang = i18n.lang();
        let t = move |k| crate::i18n::t(lang, k);
        let list = doc.with(|d| d.prospects.clone());
        list.into_iter()
            .enumerate()
            .map(|(i, p)| {
                view! {
                    <tr data-testid=format!("clv-fu-row-{i}")>
                        <td>
                            <input type="text" aria-label=t("clv.fu.name") prop:value=p.name.clone() maxlength="100"
                                data-testid=format!("clv-fu-name-{i}")
                                on:change=move |ev| {
                                    let v = clean_name(&event_target_value(&ev));
                                    doc.update(|d| if let Some(p) = d.prospects.get_mut(i) { p.name = v; });
                                } />
                        </td>
                        <td>
                            <select aria-label=t("clv.fu.stage") data-testid=format!("clv-fu-stage-{i}")
                                on:change=move |ev| {
                                    if let Some(st) = ProspectStage::from_slug(&event_target_value(&ev)) {
                                        doc.update(|d| if let Some(p) = d.prospects.get_mut(i) { p.stage = st; });
                                    }
                                }>
                                {ProspectStage::ALL.into_iter().map(|st| view! {
                                    <option value=st.slug() selected=st == p.stage>{t(st.key())}</option>
                                }).collect_view()}
                            </select>
                        </td>
                        <td>{t(p.stage.freq_key())}</td>
                        <td>
                            <button type="button" class="btn small danger" data-testid=format!("clv-fu-remove-{i}")
                                aria-label=format!("{} {}", t("clv.fu.remove"), p.name)
                                on:click=move |_| doc.update(|d| if i < d.prospects.len() { d.prospects.remove(i); })>
                                {t("clv.fu.remove")}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let calendar = move || {
        let lang = i18n.lang();
        let cs = contacts.get();
        if cs.is_empty() {
            return view! { <p class="muted">{crate::i18n::t(lang, "clv.fu.none")}</p> }.into_any();
        }
        months_of(&cs)
            .into_iter()
            .map(|(y, m)| month_view(lang, y, m, &cs))
            .collect_view()
            .into_any()
    };

    view! {
        <div class="grid-2 clv-life">
            <div class="card">
                <h2>{i18n.text("clv.life.title")}</h2>
                <table class="table" data-testid="clv-stages">
                    <thead><tr>
                        <th scope="col">{i18n.text("clv.life.stage")}</th>
                        <th scope="col">{i18n.text("clv.life.todo")}</th>
                    </tr></thead>
                    <tbody>
                        {STAGES.into_iter().enumerate().map(|(i, (name, todo))| view! {
                            <tr><th scope="row">{i + 1}". "{i18n.text(name)}</th><td>{i18n.text(todo)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="card">
                <h2>{i18n.text("clv.age.title")}</h2>
                <table class="table" data-testid="clv-ages">
                    <thead><tr>
                        <th scope="col">{i18n.text("clv.age.band")}</th>
                        <th scope="col">{i18n.text("clv.age.needs")}</th>
                    </tr></thead>
                    <tbody>
                        {NEEDS_BY_AGE.into_iter().map(|(band, needs)| view! {
                            <tr><th scope="row">{i18n.text(band)}</th><td>{i18n.text(needs)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
        <div class="card clv-funnel">
            <h2>{i18n.text("clv.funnel.title")}</h2>
            <p class="muted">{i18n.text("clv.funnel.help")}</p>
            <div class="clv-fields clv-fields-row">
                <NumberField label="clv.funnel.k" value=Signal::derive(move || doc.with(|d| d.closing_k))
                    on_change=move |v: f64| doc.update(|d| d.closing_k = v) min=1.0 max=1000.0 testid="clv-input-closing_k"
                    on_invalid=flag("clv.funnel.k") />
                <NumberField label="clv.funnel.deals" value=Signal::derive(move || doc.with(|d| d.deals_per_week))
                    on_change=move |v: f64| doc.update(|d| d.deals_per_week = v) min=0.0 max=1000.0 testid="clv-input-deals"
                    on_invalid=flag("clv.funnel.deals") />
            </div>
            <p class="clv-funnel-result" data-testid="clv-funnel-result">
                {move || match funnel() {
                    Ok(n) => i18n.tf("clv.funnel.result", &[("n", &fmt_number(n, 0))]),
                    Err(e) => format!("— {}", e.message(i18n.lang())),
                }}
            </p>
        </div>
        <div class="card clv-planner">
            <div class="clv-row-head">
                <h2>{i18n.text("clv.fu.title")}</h2>
                <div class="field clv-date">
                    <label for="clv-start">{i18n.text("clv.fu.start")}</label>
                    <input id="clv-start" type="date" data-testid="clv-fu-start"
                        prop:value=move || crate::dates::iso(start())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(d) = crate::dates::parse_iso(&v) {
                                doc.update(|doc| doc.start = Some(d));
                            }
                        } />
                </div>
            </div>
            {move || message.get().map(|k| view! { <p class="notice warn" role="alert">{i18n.t(k)}</p> })}
            <div class="clv-scroll">
                <table class="table" data-testid="clv-fu-table">
                    <thead><tr>
                        <th scope="col">{i18n.text("clv.fu.name")}</th>
                        <th scope="col">{i18n.text("clv.fu.stage")}</th>
                        <th scope="col">{i18n.text("clv.fu.freq")}</th>
                        <th scope="col"><span class="clv-sr">{i18n.text("clv.fu.remove")}</span></th>
                    </tr></thead>
                    <tbody>{prospects}</tbody>
                </table>
            </div>
            <div class="clv-buttons">
                <button type="button" class="btn" data-testid="clv-fu-add" on:click=add>{i18n.text("clv.fu.add")}</button>
                <button type="button" class="btn primary" data-testid="clv-fu-export" on:click=export
                    disabled=move || contacts.with(|c| c.is_empty())>{i18n.text("clv.fu.export")}</button>
                <span class="muted" data-testid="clv-fu-count">{move || {
                    let n = contacts.with(|c| c.len());
                    crate::i18n::format::plural(i18n.lang(), "clv.fu.count", n, &[("n", &n.to_string())])
                }}</span>
            </div>
            <h3>{i18n.text("clv.fu.calendar")}</h3>
            <div class="clv-calendars" data-testid="clv-calendar">{calendar}</div>
        </div>
    }
}

/// The title of a contact in the calendar file.
fn summary(lang: Lang, c: &Contact) -> String {
    crate::i18n::tf(
        lang,
        "clv.fu.summary",
        &[
            ("name", &c.name),
            ("freq", crate::i18n::t(lang, c.stage.freq_key())),
        ],
    )
}

fn month_view(lang: Lang, year: i32, month: u32, contacts: &[Contact]) -> impl IntoView {
    let t = |k| crate::i18n::t(lang, k);
    let title = crate::i18n::tf(
        lang,
        "clv.cal.month",
        &[("y", &year.to_string()), ("m", &month.to_string())],
    );
    let weeks = month_grid(year, month);
    view! {
        <table class="clv-month" data-testid=format!("clv-month-{year}-{month:02}")>
            <caption>{title}</caption>
            <thead><tr>{WEEKDAYS.into_iter().map(|k| view! { <th scope="col">{t(k)}</th> }).collect_view()}</tr></thead>
            <tbody>
                {weeks.into_iter().map(|w| view! {
                    <tr>
                        {w.into_iter().map(|cell| match cell {
                            None => view! { <td class="clv-pad"></td> }.into_any(),
                            Some(d) => {
                                let here: Vec<&Contact> = contacts.iter().filter(|c| c.date == d).collect();
                                let busy = !here.is_empty();
                                view! {
                                    <td class:clv-busy=busy title=fmt_date(lang, d)>
                                        <span class="clv-day">{d.day()}</span>
                                        // Full names: they wrap inside the day (never "张伟（…").
                                        {here.into_iter().map(|c| view! {
                                            <span class=format!("clv-contact clv-st-{}", c.stage.slug())
                                                title=summary(lang, c)>{c.name.clone()}</span>
                                        }).collect_view()}
                                    </td>
                                }.into_any()
                            }
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
