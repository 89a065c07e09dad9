//! The tool's page (wasm only): tabs, the scenario picker and the
//! six-component calculator. Other sub-pages are in `view_*.rs`.

use super::chart;
use super::doc::ClvDoc;
use super::model::{six_clv, Component, SixInputs, MAX_INPUT, MAX_YEARS};
use crate::i18n::format::{fmt_money, fmt_money_short, fmt_percent};
use crate::storage::browser::{use_doc, Doc};
use crate::tools::ToolId;
use crate::ui::{use_i18n, NumberField, SaveBadge};
use leptos::prelude::*;

pub(super) type ClvHandle = Doc<ClvDoc>;

const TABS: [(&str, &str, &str); 4] = [
    ("", "clv.tab.six", "six"),
    ("retention", "clv.tab.retention", "retention"),
    ("scenarios", "clv.tab.scenarios", "scenarios"),
    ("lifecycle", "clv.tab.lifecycle", "lifecycle"),
];

#[component]
pub fn Page(#[prop(into)] sub: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_doc::<ClvDoc>();
    let tool = ToolId::Clv;
    let selected = Memo::new(move |_| doc.with(|d| d.current().map(|s| s.id)));
    let tab = move || {
        let s = sub.get();
        let head = s.split('/').next().unwrap_or("").to_string();
        if TABS.iter().any(|(slug, _, _)| *slug == head) {
            head
        } else {
            String::new()
        }
    };
    view! {
        <section class="page clv" data-testid="tool-clv">
            <div class="clv-head">
                <h1>{move || i18n.t(tool.name_key())}</h1>
                <SaveBadge state=Signal::derive(move || doc.state()) />
            </div>
            <p class="lead">{move || i18n.t(tool.intro_key())}</p>
            <nav class="tabs" aria-label=move || i18n.t("clv.tabs")>
                {TABS
                    .into_iter()
                    .map(|(slug, key, id)| {
                        let href = if slug.is_empty() { "#/clv".to_string() } else { format!("#/clv/{slug}") };
                        let on = move || tab() == slug;
                        view! {
                            <a href=href class:active=on aria-current=move || on().then_some("page")
                                data-testid=format!("clv-tab-{id}")>
                                {move || i18n.t(key)}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            {move || match tab().as_str() {
                "scenarios" => view! { <super::view_sc::ScenariosPage doc=doc /> }.into_any(),
                "lifecycle" => view! { <super::view_life::LifecyclePage doc=doc /> }.into_any(),
                t => {
                    let retention = t == "retention";
                    view! {
                        <ScenarioPicker doc=doc />
                        // Re-mount the calculator when another case is chosen, so no
                        // field keeps an error message from the previous case.
                        <For each=move || selected.get().into_iter() key=|id| *id let:_id>
                            {if retention {
                                view! { <super::view_ret::RetentionPage doc=doc /> }.into_any()
                            } else {
                                view! { <SixPage doc=doc /> }.into_any()
                            }}
                        </For>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// Choose which saved case the calculators show.
#[component]
pub(super) fn ScenarioPicker(doc: ClvHandle) -> impl IntoView {
    let i18n = use_i18n();
    let current = move || doc.with(|d| d.current().map(|s| s.id));
    view! {
        <div class="clv-picker field">
            <label for="clv-scenario">{move || i18n.t("clv.scenario")}</label>
            <div class="clv-picker-row">
                <select id="clv-scenario" data-testid="clv-scenario"
                    on:change=move |ev| {
                        if let Ok(id) = event_target_value(&ev).parse::<u32>() {
                            doc.update(|d| d.selected = id);
                        }
                    }>
                    {move || {
                        doc.with(|d| d.scenarios.iter().map(|s| (s.id, s.name.clone())).collect::<Vec<_>>())
                            .into_iter()
                            .map(|(id, name)| view! {
                                <option value=id.to_string() selected=move || current() == Some(id)>{name}</option>
                            })
                            .collect_view()
                    }}
                </select>
                <a class="btn small ghost" href="#/clv/scenarios" data-testid="clv-manage">{move || i18n.t("clv.tab.scenarios")}</a>
            </div>
        </div>
    }
}

/// Change the current scenario.
pub(super) fn edit(doc: ClvHandle, f: impl FnOnce(&mut super::doc::Scenario)) {
    doc.update(|d| {
        if let Some(s) = d.current_mut() {
            f(s)
        }
    });
}

#[component]
fn SixPage(doc: ClvHandle) -> impl IntoView {
    let i18n = use_i18n();
    let six =
        Memo::new(move |_| doc.with(|d| d.current().map(|s| s.six.clone()).unwrap_or_default()));
    let result = Memo::new(move |_| six_clv(&six.get()));
    let val = move |f: fn(&SixInputs) -> f64| Signal::derive(move || f(&six.get()));
    let set = move |f: fn(&mut SixInputs, f64)| move |v: f64| edit(doc, |s| f(&mut s.six, v));

    // Inputs per component: (label key, getter, setter, unit, testid).
    type Get = fn(&SixInputs) -> f64;
    type Set = fn(&mut SixInputs, f64);
    let inputs = |c: Component| -> Vec<(&'static str, Get, Set, &'static str, &'static str)> {
        match c {
            Component::Initial => vec![(
                "clv.in.initial_margin",
                |s| s.initial_margin,
                |s, v| s.initial_margin = v,
                "¥",
                "clv-input-initial_margin",
            )],
            Component::Repeat => vec![
                (
                    "clv.in.repeat_per_year",
                    |s| s.repeat_per_year,
                    |s, v| s.repeat_per_year = v,
                    "",
                    "clv-input-repeat_per_year",
                ),
                (
                    "clv.in.repeat_margin",
                    |s| s.repeat_margin,
                    |s, v| s.repeat_margin = v,
                    "¥",
                    "clv-input-repeat_margin",
                ),
            ],
            Component::Cross => vec![
                (
                    "clv.in.cross_products",
                    |s| s.cross_products,
                    |s, v| s.cross_products = v,
                    "",
                    "clv-input-cross_products",
                ),
                (
                    "clv.in.cross_margin",
                    |s| s.cross_margin,
                    |s, v| s.cross_margin = v,
                    "¥",
                    "clv-input-cross_margin",
                ),
            ],
            Component::CostToServe => vec![(
                "clv.in.cost_saving",
                |s| s.cost_saving,
                |s, v| s.cost_saving = v,
                "¥",
                "clv-input-cost_saving",
            )],
            Component::Referral => vec![
                (
                    "clv.in.referrals_per_year",
                    |s| s.referrals_per_year,
                    |s, v| s.referrals_per_year = v,
                    "",
                    "clv-input-referrals_per_year",
                ),
                (
                    "clv.in.referral_value",
                    |s| s.referral_value,
                    |s, v| s.referral_value = v,
                    "¥",
                    "clv-input-referral_value",
                ),
            ],
            Component::Loyalty => vec![(
                "clv.in.loyalty_premium",
                |s| s.loyalty_premium,
                |s, v| s.loyalty_premium = v,
                "¥",
                "clv-input-loyalty_premium",
            )],
        }
    };

    let component_cards = Component::ALL
        .into_iter()
        .map(|c| {
            let i = c.index();
            let enabled = move || six.with(|s| s.enabled.get(i).copied().unwrap_or(true));
            let fields = inputs(c)
                .into_iter()
                .map(|(label, get, setter, unit, testid)| {
                    view! {
                        <NumberField label=label value=val(get) on_change=set(setter) min=0.0 max=MAX_INPUT unit=unit testid=testid />
                    }
                })
                .collect_view();
            view! {
                <fieldset class="clv-comp card" class:clv-off=move || !enabled() style=format!("--clv-c:{}", c.color())>
                    <legend>
                        <label class="clv-toggle">
                            <input type="checkbox" data-testid=format!("clv-toggle-{}", i + 1)
                                prop:checked=enabled
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    edit(doc, |s| {
                                        if let Some(e) = s.six.enabled.get_mut(i) {
                                            *e = on;
                                        }
                                    });
                                } />
                            <span class="clv-swatch" aria-hidden="true"></span>
                            {move || i18n.t(c.name_key())}
                        </label>
                    </legend>
                    <p class="muted clv-help">{move || i18n.t(c.help_key())}</p>
                    <div class="clv-fields">{fields}</div>
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <div class="clv-sticky" aria-hidden="true">
            {move || i18n.t("clv.res.six_total")}" "
            <strong>{move || result.get().map(|r| fmt_money(i18n.lang(), r.total)).unwrap_or_else(|_| "—".into())}</strong>
        </div>
        <div class="clv-grid">
            <div class="clv-inputs">
                <aside class="card clv-explain" data-testid="clv-explain">
                    <h2>{move || i18n.t("clv.sources.title")}</h2>
                    <ul>
                        <li>{move || i18n.t("clv.sources.s1")}</li>
                        <li>{move || i18n.t("clv.sources.s2")}</li>
                        <li>{move || i18n.t("clv.sources.s3")}</li>
                    </ul>
                    <h2>{move || i18n.t("clv.dims.title")}</h2>
                    <ul>
                        <li>{move || i18n.t("clv.dims.d1")}</li>
                        <li>{move || i18n.t("clv.dims.d2")}</li>
                        <li>{move || i18n.t("clv.dims.d3")}</li>
                    </ul>
                </aside>
                <fieldset class="card clv-common">
                    <legend>{move || i18n.t("clv.in.common")}</legend>
                    <div class="clv-fields">
                        <NumberField label="clv.in.years" value=Signal::derive(move || six.get().years as f64)
                            on_change=move |v: f64| edit(doc, |s| s.six.years = v.round() as u32)
                            min=1.0 max=MAX_YEARS as f64 testid="clv-input-years" />
                        <NumberField label="clv.in.discount" value=val(|s| s.discount) on_change=set(|s, v| s.discount = v)
                            min=0.0 max=1.0 percent=true testid="clv-input-discount" />
                    </div>
                </fieldset>
                {component_cards}
            </div>
            <div class="clv-results">
                <div class="card clv-total-card">
                    <h2>{move || i18n.t("clv.res.six_total")}</h2>
                    <div class="big-number" data-testid="clv-total">
                        {move || match result.get() {
                            Ok(r) => fmt_money(i18n.lang(), r.total),
                            Err(_) => "—".to_string(),
                        }}
                    </div>
                    {move || result.get().err().map(|e| view! {
                        <p class="notice warn" role="alert" data-testid="clv-error">{i18n.t(e.message_key())}</p>
                    })}
                    <p class="muted small">{move || i18n.t("clv.res.formula")}</p>
                </div>
                <div class="card">
                    <h2>{move || i18n.t("clv.res.chart")}</h2>
                    {move || result.get().ok().map(|r| waterfall_svg(i18n.lang(), &r.components, six.get().enabled))}
                </div>
                <div class="card">
                    <table class="table" data-testid="clv-components">
                        <thead><tr>
                            <th scope="col">{move || i18n.t("clv.res.component")}</th>
                            <th scope="col" class="num">{move || i18n.t("clv.res.value")}</th>
                            <th scope="col" class="num">{move || i18n.t("clv.res.share")}</th>
                        </tr></thead>
                        <tbody>
                            {move || {
                                let lang = i18n.lang();
                                let enabled = six.get().enabled;
                                result.get().ok().map(|r| {
                                    let rows = Component::ALL.into_iter().map(|c| {
                                        let v = r.components[c.index()];
                                        let on = enabled[c.index()];
                                        let share = if r.total > 0.0 { fmt_percent(v / r.total, 1) } else { "—".into() };
                                        view! {
                                            <tr class:clv-off=!on data-testid=format!("clv-row-{}", c.index() + 1)>
                                                <td><span class="clv-dot" style=format!("background:{}", c.color())></span>{crate::i18n::t(lang, c.name_key())}</td>
                                                <td class="num">{if on { fmt_money(lang, v) } else { crate::i18n::t(lang, "clv.res.off").to_string() }}</td>
                                                <td class="num">{if on { share } else { String::new() }}</td>
                                            </tr>
                                        }
                                    }).collect_view();
                                    view! {
                                        {rows}
                                        <tr class="clv-total-row">
                                            <th scope="row">{crate::i18n::t(lang, "clv.res.total")}</th>
                                            <td class="num">{fmt_money(lang, r.total)}</td>
                                            <td class="num">{if r.total > 0.0 { "100%" } else { "" }}</td>
                                        </tr>
                                    }
                                })
                            }}
                        </tbody>
                    </table>
                </div>
                <div class="card">
                    <h2>{move || i18n.t("clv.res.by_year")}</h2>
                    <div class="clv-scroll">
                        {move || {
                            let lang = i18n.lang();
                            result.get().ok().map(|r| view! {
                                <table class="table clv-years" data-testid="clv-years">
                                    <thead><tr>
                                        <th scope="col">{crate::i18n::t(lang, "clv.res.year")}</th>
                                        {Component::ALL.into_iter().map(|c| view! { <th scope="col" class="num">{crate::i18n::t(lang, c.short_key())}</th> }).collect_view()}
                                        <th scope="col" class="num">{crate::i18n::t(lang, "clv.res.total")}</th>
                                        <th scope="col" class="num">{crate::i18n::t(lang, "clv.res.cumulative")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {r.rows.iter().map(|row| view! {
                                            <tr>
                                                <td>{row.year}</td>
                                                {row.parts.iter().map(|p| view! { <td class="num">{fmt_money_short(lang, *p)}</td> }).collect_view()}
                                                <td class="num">{fmt_money_short(lang, row.total)}</td>
                                                <td class="num">{fmt_money_short(lang, row.cumulative)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            })
                        }}
                    </div>
                </div>
            </div>
        </div>
    }
}

/// The waterfall of the six components building the total.
fn waterfall_svg(lang: crate::i18n::Lang, comps: &[f64; 6], enabled: [bool; 6]) -> impl IntoView {
    let t = |k| crate::i18n::t(lang, k);
    let steps = chart::waterfall(comps);
    let total = steps.last().map(|s| s.1).unwrap_or(0.0);
    let (ymax, ticks) = chart::nice_ticks(total);
    let (w, h, left, top, bottom) = (640.0, 320.0, 70.0, 24.0, 56.0);
    let ph = h - top - bottom;
    let n = 7.0;
    let slot = (w - left - 10.0) / n;
    let bw = slot * 0.64;
    let y = |v: f64| top + ph - chart::scale(v, ymax, ph);
    let grid = ticks
        .iter()
        .map(|tv| {
            let yy = y(*tv);
            view! {
                <line x1=format!("{left}") x2=format!("{}", w - 10.0) y1=format!("{yy:.1}") y2=format!("{yy:.1}") class="clv-gridline" />
                <text x=format!("{}", left - 6.0) y=format!("{:.1}", yy + 4.0) text-anchor="end" font-size="11">{fmt_money_short(lang, *tv)}</text>
            }
        })
        .collect_view();
    let bars = Component::ALL
        .into_iter()
        .map(|c| {
            let i = c.index();
            let (s, e) = steps[i];
            let x = left + slot * i as f64 + (slot - bw) / 2.0;
            let y1 = y(e.max(s));
            let hh = (y(e.min(s)) - y1).max(if enabled[i] { 1.0 } else { 0.0 });
            let label = t(c.short_key());
            let value = if enabled[i] { fmt_money_short(lang, comps[i]) } else { t("clv.res.off").to_string() };
            view! {
                <g data-testid=format!("clv-bar-{}", i + 1)>
                    <rect x=format!("{x:.1}") y=format!("{y1:.1}") width=format!("{bw:.1}") height=format!("{hh:.1}") fill=c.color() rx="2">
                        <title>{format!("{}: {}", t(c.name_key()), value)}</title>
                    </rect>
                    <text x=format!("{:.1}", x + bw / 2.0) y=format!("{:.1}", y1 - 5.0) text-anchor="middle" font-size="11">{value}</text>
                    <text x=format!("{:.1}", x + bw / 2.0) y=format!("{:.1}", h - bottom + 16.0) text-anchor="middle" font-size="12">"CLV"{i + 1}</text>
                    <text x=format!("{:.1}", x + bw / 2.0) y=format!("{:.1}", h - bottom + 32.0) text-anchor="middle" font-size="11" class="clv-axis-label">{label}</text>
                </g>
            }
        })
        .collect_view();
    let tx = left + slot * 6.0 + (slot - bw) / 2.0;
    let ty = y(total.max(0.0));
    let th = (y(0.0) - ty).max(1.0);
    view! {
        <svg class="chart clv-chart" viewBox=format!("0 0 {w} {h}") role="img" data-testid="clv-chart"
            aria-label=format!("{}: {}", t("clv.res.chart"), fmt_money(lang, total))>
            {grid}
            {bars}
            <g data-testid="clv-bar-total">
                <rect x=format!("{tx:.1}") y=format!("{ty:.1}") width=format!("{bw:.1}") height=format!("{th:.1}") class="clv-total-bar" rx="2" />
                <text x=format!("{:.1}", tx + bw / 2.0) y=format!("{:.1}", ty - 5.0) text-anchor="middle" font-size="12" font-weight="700">{fmt_money_short(lang, total)}</text>
                <text x=format!("{:.1}", tx + bw / 2.0) y=format!("{:.1}", h - bottom + 16.0) text-anchor="middle" font-size="12" font-weight="700">{t("clv.res.total")}</text>
            </g>
            <line x1=format!("{left}") x2=format!("{}", w - 10.0) y1=format!("{:.1}", y(0.0)) y2=format!("{:.1}", y(0.0)) class="clv-axis" />
        </svg>
    }
}
