//! The tool's page (wasm only): tabs, the scenario picker and the
//! six-component calculator. Other sub-pages are in `view_*.rs`.

use super::chart;
use super::doc::ClvDoc;
use super::invalid::Invalid;
use super::model::{six_clv, Component, SixInputs, MAX_INPUT, MAX_YEARS};
use crate::i18n::format::{fmt_money, fmt_money_col, fmt_percent};
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
    super::view_share::open_link(doc);
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
                <h1>{i18n.text(tool.name_key())}</h1>
                <SaveBadge state=Signal::derive(move || doc.state()) />
                <super::view_share::Share doc=doc />
            </div>
            <p class="lead">{i18n.text(tool.intro_key())}</p>
            <nav class="tabs" aria-label=i18n.text("clv.tabs")>
                {TABS
                    .into_iter()
                    .map(|(slug, key, id)| {
                        let href = if slug.is_empty() { "#/clv".to_string() } else { format!("#/clv/{slug}") };
                        let on = move || tab() == slug;
                        view! {
                            <a href=href class:active=on aria-current=move || on().then_some("page")
                                data-testid=format!("clv-tab-{id}")>
                                {i18n.text(key)}
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
                        // (`selected` is a memo: this reruns only when the case changes.)
                        {move || selected.get().map(|_| if retention {
                            view! { <super::view_ret::RetentionPage doc=doc /> }.into_any()
                        } else {
                            view! { <SixPage doc=doc /> }.into_any()
                        })}
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
            <label for="clv-scenario">{i18n.text("clv.scenario")}</label>
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
                <a class="btn small ghost" href="#/clv/scenarios" data-testid="clv-manage">{i18n.text("clv.tab.scenarios")}</a>
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
    // Fields holding unusable text: their results show "—" and the reason.
    let invalid = RwSignal::new(Invalid::default());
    let result = Memo::new(move |_| {
        let r = six_clv(&six.get()).map_err(|e| e.message_key());
        invalid.with(|iv| iv.gate(r))
    });
    let flag = move |label: &'static str| {
        Callback::new(move |r: Option<&'static str>| invalid.update(|iv| iv.set(label, r)))
    };
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

    // The chart and the year table are built once the page is painted.
    let painted = crate::ui::after_paint();
    let component_cards = Component::ALL
        .into_iter()
        .map(|c| {
            let i = c.index();
            let enabled = move || six.with(|s| s.enabled.get(i).copied().unwrap_or(true));
            let fields = inputs(c)
                .into_iter()
                .map(|(label, get, setter, unit, testid)| {
                    view! {
                        <NumberField label=label value=val(get) on_change=set(setter) min=0.0 max=MAX_INPUT unit=unit testid=testid
                            on_invalid=flag(label) />
                    }
                })
                .collect_view();
            view! {
                <fieldset class="clv-comp card" class:clv-off=move || !enabled() style=("--clv-c", c.color())>
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
                            {i18n.text(c.name_key())}
                        </label>
                    </legend>
                    <p class="muted clv-help">{i18n.text(c.help_key())}</p>
                    <div class="clv-fields">{fields}</div>
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <div class="clv-sticky" aria-hidden="true">
            {i18n.text("clv.res.six_total")}" "
            <strong>{move || result.get().map(|r| fmt_money(i18n.lang(), r.total)).unwrap_or_else(|_| "—".into())}</strong>
        </div>
        <div class="clv-grid">
            <div class="clv-inputs">
                <aside class="card clv-explain" data-testid="clv-explain">
                    <h2>{i18n.text("clv.sources.title")}</h2>
                    <ul>
                        <li>{i18n.text("clv.sources.s1")}</li>
                        <li>{i18n.text("clv.sources.s2")}</li>
                        <li>{i18n.text("clv.sources.s3")}</li>
                    </ul>
                    <h2>{i18n.text("clv.dims.title")}</h2>
                    <ul>
                        <li>{i18n.text("clv.dims.d1")}</li>
                        <li>{i18n.text("clv.dims.d2")}</li>
                        <li>{i18n.text("clv.dims.d3")}</li>
                    </ul>
                </aside>
                <fieldset class="card clv-common">
                    <legend>{i18n.text("clv.in.common")}</legend>
                    <div class="clv-fields">
                        <NumberField label="clv.in.years" value=Signal::derive(move || six.get().years as f64)
                            on_change=move |v: f64| edit(doc, |s| s.six.years = v.round() as u32)
                            min=1.0 max=MAX_YEARS as f64 testid="clv-input-years" on_invalid=flag("clv.in.years") />
                        <NumberField label="clv.in.discount" value=val(|s| s.discount) on_change=set(|s, v| s.discount = v)
                            min=0.0 max=1.0 percent=true testid="clv-input-discount" on_invalid=flag("clv.in.discount") />
                    </div>
                </fieldset>
                {component_cards}
            </div>
            <div class="clv-results">
                <div class="card clv-total-card">
                    <h2>{i18n.text("clv.res.six_total")}</h2>
                    <div class="big-number" data-testid="clv-total">
                        {move || match result.get() {
                            Ok(r) => fmt_money(i18n.lang(), r.total),
                            Err(_) => "—".to_string(),
                        }}
                    </div>
                    {move || result.get().err().map(|e| view! {
                        <p class="notice warn" role="alert" data-testid="clv-error">{e.message(i18n.lang())}</p>
                    })}
                    <p class="muted small">{i18n.text("clv.res.formula")}</p>
                </div>
                <div class="card">
                    <h2>{i18n.text("clv.res.chart")}</h2>
                    {move || painted.get().then(|| result.get().ok().map(|r| waterfall_svg(i18n.lang(), &r.components, six.get().enabled)))}
                    {move || result.with(|r| r.is_err()).then(|| view! { <p class="big-number muted" data-testid="clv-chart-none">"—"</p> })}
                </div>
                <div class="card">
                    <table class="table" data-testid="clv-components">
                        <thead><tr>
                            <th scope="col">{i18n.text("clv.res.component")}</th>
                            <th scope="col" class="num">{i18n.text("clv.res.value")}</th>
                            <th scope="col" class="num">{i18n.text("clv.res.share")}</th>
                        </tr></thead>
                        <tbody>
                            {move || {
                                let lang = i18n.lang();
                                let enabled = six.get().enabled;
                                if result.with(|r| r.is_err()) {
                                    return Some(view! { <tr><td colspan="3" class="num">"—"</td></tr> }.into_any());
                                }
                                result.get().ok().map(|r| {
                                    let rows = Component::ALL.into_iter().map(|c| {
                                        let v = r.components[c.index()];
                                        let on = enabled[c.index()];
                                        let share = if r.total > 0.0 { fmt_percent(v / r.total, 1) } else { "—".into() };
                                        view! {
                                            <tr class:clv-off=!on data-testid=format!("clv-row-{}", c.index() + 1)>
                                                <td><span class="clv-dot" style:background=c.color()></span>{crate::i18n::t(lang, c.name_key())}</td>
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
                                    .into_any()
                                })
                            }}
                        </tbody>
                    </table>
                </div>
                <div class="card">
                    <h2>{i18n.text("clv.res.by_year")}</h2>
                    <div class="clv-scroll">
                        {move || result.with(|r| r.is_err()).then(|| view! { <p class="muted" data-testid="clv-years-none">"—"</p> })}
                        {move || {
                            if !painted.get() {
                                return None;
                            }
                            let lang = i18n.lang();
                            result.get().ok().map(|r| {
                                // One unit and precision per column (no ¥9,638.22 above ¥1.08万).
                                let col = |f: &dyn Fn(&super::model::YearRow) -> f64| {
                                    fmt_money_col(lang, &r.rows.iter().map(f).collect::<Vec<_>>())
                                };
                                let mut cols: Vec<Vec<String>> = (0..6).map(|j| col(&|row| row.parts[j])).collect();
                                cols.push(col(&|row| row.total));
                                cols.push(col(&|row| row.cumulative));
                                view! {
                                <table class="table clv-years" data-testid="clv-years">
                                    <thead><tr>
                                        <th scope="col">{crate::i18n::t(lang, "clv.res.year")}</th>
                                        {Component::ALL.into_iter().map(|c| view! { <th scope="col" class="num">{crate::i18n::t(lang, c.short_key())}</th> }).collect_view()}
                                        <th scope="col" class="num">{crate::i18n::t(lang, "clv.res.total")}</th>
                                        <th scope="col" class="num">{crate::i18n::t(lang, "clv.res.cumulative")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {r.rows.iter().enumerate().map(|(i, row)| view! {
                                            <tr>
                                                <td>{row.year}</td>
                                                {cols.iter().map(|c| view! { <td class="num">{c[i].clone()}</td> }).collect_view()}
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                }
                            })
                        }}
                    </div>
                </div>
            </div>
        </div>
    }
}

/// The waterfall of the six components building the total: one row per
/// component (name and value above, bar below, each bar starting where the
/// previous one ended), then the total. Narrow enough to read on a phone.
fn waterfall_svg(lang: crate::i18n::Lang, comps: &[f64; 6], enabled: [bool; 6]) -> impl IntoView {
    let t = |k| crate::i18n::t(lang, k);
    let l = chart::WATERFALL;
    let (left, width) = (l.pad, l.w - 2.0 * l.pad);
    let bars = chart::waterfall_bars(comps, left, width);
    let total: f64 = comps.iter().sum();
    // One money rule for every value of the chart.
    let mut all: Vec<f64> = comps.to_vec();
    all.push(total);
    let shown = fmt_money_col(lang, &all);
    let h = l.row * 7.0 + 4.0;
    let bar_h = l.row - l.font - 14.0;
    let rows = Component::ALL
        .into_iter()
        .map(|c| {
            let i = c.index();
            let y = l.row * i as f64;
            let (x0, x1) = bars[i];
            let w = (x1 - x0).max(if enabled[i] { 1.0 } else { 0.0 });
            let value = if enabled[i] { shown[i].clone() } else { t("clv.res.off").to_string() };
            view! {
                <g data-testid=format!("clv-bar-{}", i + 1) class:clv-off=!enabled[i]>
                    <text x=crate::num::short(left, 2) y=crate::num::fixed(y + l.font, 1) font-size=crate::num::short(l.font, 2)>
                        {format!("CLV{} {}", i + 1, t(c.short_key()))}
                    </text>
                    <text x=crate::num::short(l.w - l.pad, 2) y=crate::num::fixed(y + l.font, 1) text-anchor="end" font-size=crate::num::short(l.small, 2)>{value.clone()}</text>
                    <rect x=crate::num::fixed(x0, 1) y=crate::num::fixed(y + l.font + 6.0, 1) width=crate::num::fixed(w, 1) height=crate::num::fixed(bar_h, 1) fill=c.color() rx="2">
                        <title>{format!("{}: {}", t(c.name_key()), value)}</title>
                    </rect>
                </g>
            }
        })
        .collect_view();
    let y = l.row * 6.0;
    let (tx0, tx1) = bars[6];
    view! {
        <svg class="chart clv-chart" viewBox=format!("0 0 {} {}", crate::num::short(l.w, 2), crate::num::fixed(h, 0)) role="img" data-testid="clv-chart"
            aria-label=format!("{}: {}", t("clv.res.chart"), fmt_money(lang, total))>
            {rows}
            <g data-testid="clv-bar-total">
                <line x1=crate::num::short(left, 2) x2=crate::num::short(l.w - l.pad, 2) y1=crate::num::fixed(y + 1.0, 1) y2=crate::num::fixed(y + 1.0, 1) class="clv-gridline" />
                <text x=crate::num::short(left, 2) y=crate::num::fixed(y + l.font + 2.0, 1) font-size=crate::num::short(l.font, 2) font-weight="700">{t("clv.res.total")}</text>
                <text x=crate::num::short(l.w - l.pad, 2) y=crate::num::fixed(y + l.font + 2.0, 1) text-anchor="end" font-size=crate::num::short(l.font, 2) font-weight="700">{shown[6].clone()}</text>
                <rect x=crate::num::fixed(tx0, 1) y=crate::num::fixed(y + l.font + 8.0, 1) width=crate::num::fixed((tx1 - tx0).max(1.0), 1) height=crate::num::fixed(bar_h, 1) class="clv-total-bar" rx="2" />
            </g>
        </svg>
    }
}
