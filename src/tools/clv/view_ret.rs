//! The retention model page: CLV, CLV − AC, CLV ÷ AC, expected lifetime,
//! survival curve, break-even retention, sensitivity grid and tornado.

use super::chart;
use super::invalid::Invalid;
use super::retention::{
    one_point_gains, sensitivity_grid, survival_curve, tornado, Convention, RetentionInputs,
    MAX_MONEY,
};
use super::view::{edit, ClvHandle};
use crate::i18n::format::{fmt_money, fmt_money_col, fmt_number, fmt_percent};
use crate::i18n::Lang;
use crate::ui::{use_i18n, NumberField};
use leptos::prelude::*;

#[component]
pub fn RetentionPage(doc: ClvHandle) -> impl IntoView {
    let i18n = use_i18n();
    let inp =
        Memo::new(move |_| doc.with(|d| d.current().map(|s| s.ret.clone()).unwrap_or_default()));
    // Fields holding unusable text: every result shows "—" and the reason.
    let invalid = RwSignal::new(Invalid::default());
    let result = Memo::new(move |_| {
        let r = inp.get().evaluate().map_err(|e| e.message_key());
        invalid.with(|iv| iv.gate(r))
    });
    let blocked = move || invalid.with(|iv| !iv.is_empty());
    let flag = move |label: &'static str| {
        Callback::new(move |r: Option<&'static str>| invalid.update(|iv| iv.set(label, r)))
    };
    let val = move |f: fn(&RetentionInputs) -> f64| Signal::derive(move || f(&inp.get()));
    let set = move |f: fn(&mut RetentionInputs, f64)| move |v: f64| edit(doc, |s| f(&mut s.ret, v));
    let money = move |v: f64| fmt_money(i18n.lang(), v);

    // One radio button of a group: `checked` reads the inputs, `pick` applies the choice.
    let radio = move |group: &'static str,
                      key: &'static str,
                      id: &'static str,
                      checked: fn(&RetentionInputs) -> bool,
                      pick: fn(&mut RetentionInputs)| {
        view! {
            <label class="clv-radio">
                <input type="radio" name=group data-testid=id
                    prop:checked=move || checked(&inp.get())
                    on:change=move |_| {
                        edit(doc, |s| pick(&mut s.ret));
                        // The years field goes away: its bad text no longer counts.
                        if id == "clv-horizon-unlimited" {
                            invalid.update(|iv| iv.set("clv.ret.years", None));
                        }
                    } />
                {i18n.text(key)}
            </label>
        }
    };

    view! {
        <div class="clv-grid">
            <div class="clv-inputs">
                <fieldset class="card">
                    <legend>{i18n.text("clv.tab.retention")}</legend>
                    <div class="clv-fields">
                        <NumberField label="clv.ret.margin" value=val(|r| r.margin) on_change=set(|r, v| r.margin = v)
                            min=0.0 max=MAX_MONEY unit="¥" testid="clv-input-margin" on_invalid=flag("clv.ret.margin") />
                        <NumberField label="clv.ret.retention" value=val(|r| r.retention) on_change=set(|r, v| r.retention = v)
                            min=0.0 max=1.0 percent=true testid="clv-input-retention" on_invalid=flag("clv.ret.retention") />
                        <NumberField label="clv.ret.discount" value=val(|r| r.discount) on_change=set(|r, v| r.discount = v)
                            min=-0.99 max=10.0 percent=true testid="clv-input-ret-discount" on_invalid=flag("clv.ret.discount") />
                        <NumberField label="clv.ret.ac" value=val(|r| r.acquisition_cost) on_change=set(|r, v| r.acquisition_cost = v)
                            min=0.0 max=MAX_MONEY unit="¥" testid="clv-input-ac" on_invalid=flag("clv.ret.ac") />
                    </div>
                    <div class="clv-radios" role="radiogroup" aria-label=i18n.text("clv.ret.horizon")>
                        <span class="clv-radios-title">{i18n.text("clv.ret.horizon")}</span>
                        {radio("clv-horizon", "clv.ret.unlimited", "clv-horizon-unlimited", |r| r.unlimited, |r| r.unlimited = true)}
                        {radio("clv-horizon", "clv.ret.finite", "clv-horizon-finite", |r| !r.unlimited, |r| r.unlimited = false)}
                    </div>
                    <Show when=move || !inp.get().unlimited>
                        <NumberField label="clv.ret.years" value=Signal::derive(move || inp.get().years as f64)
                            on_change=move |v: f64| edit(doc, |s| s.ret.years = v.round() as u32)
                            min=0.0 max=200.0 testid="clv-input-ret-years" on_invalid=flag("clv.ret.years") />
                    </Show>
                    <div class="clv-radios" role="radiogroup" aria-label=i18n.text("clv.ret.convention")>
                        <span class="clv-radios-title">{i18n.text("clv.ret.convention")}</span>
                        {radio("clv-conv", "clv.ret.conv.end", "clv-conv-end",
                            |r| r.convention == Convention::EndOfYear, |r| r.convention = Convention::EndOfYear)}
                        {radio("clv-conv", "clv.ret.conv.first", "clv-conv-first",
                            |r| r.convention == Convention::FirstYearCounted, |r| r.convention = Convention::FirstYearCounted)}
                    </div>
                </fieldset>
            </div>
            <div class="clv-results">
                <div class="card clv-total-card">
                    <h2>{i18n.text("clv.ret.clv")}</h2>
                    <div class="big-number" data-testid="clv-ret-clv">
                        {move || result.get().map(|r| money(r.clv)).unwrap_or_else(|_| "—".into())}
                    </div>
                    <p class="muted" data-testid="clv-convention">
                        {move || super::retention::formula_shown(i18n.lang(), &inp.get())}
                    </p>
                    {move || result.get().err().map(|e| view! {
                        <p class="notice warn" role="alert" data-testid="clv-ret-error">{e.message(i18n.lang())}</p>
                    })}
                    {move || result.get().ok().map(|r| {
                        let lang = i18n.lang();
                        let t = move |k| crate::i18n::t(lang, k);
                        view! {
                            <dl class="clv-kv">
                                <dt>{t("clv.ret.net")}</dt>
                                <dd data-testid="clv-ret-net" class:clv-neg={r.net < 0.0}>{fmt_money(lang, r.net)}</dd>
                                <dt>{t("clv.ret.ratio")}</dt>
                                <dd data-testid="clv-ret-ratio">{r.ratio.map(|x| format!("{}×", fmt_number(x, 2))).unwrap_or_else(|| t("clv.ret.no_ratio").into())}</dd>
                                <dt>{t("clv.ret.lifetime")}</dt>
                                <dd data-testid="clv-ret-lifetime">{r.lifetime.map(|x| crate::i18n::tf(lang, "clv.ret.lifetime_years", &[("n", &fmt_number(x, 1))])).unwrap_or_else(|| t("clv.ret.forever").into())}</dd>
                                <dt>{t("clv.ret.break_even")}</dt>
                                <dd data-testid="clv-ret-break-even">{r.break_even.map(|x| fmt_percent(x, 1)).unwrap_or_else(|| t("clv.ret.break_even_none").into())}</dd>
                            </dl>
                        }
                    })}
                </div>
                <div class="card">
                    <h2>{i18n.text("clv.ret.survival")}</h2>
                    <p class="muted">{i18n.text("clv.ret.survival_help")}</p>
                    {move || if blocked() { dash("clv-survival-none") } else { survival_svg(i18n.lang(), &inp.get()).into_any() }}
                </div>
            </div>
        </div>
        <div class="grid-2 clv-sens">
            <div class="card">
                <h2>{i18n.text("clv.ret.grid")}</h2>
                <p class="muted">{i18n.text("clv.ret.grid_help")}</p>
                {move || if blocked() { dash("clv-heatmap-none") } else { heat_svg(i18n.lang(), &inp.get()).into_any() }}
            </div>
            <div class="card">
                <h2>{i18n.text("clv.ret.tornado")}</h2>
                <p class="clv-one-point" data-testid="clv-one-point">
                    {move || (!blocked()).then(|| one_point_gains(&inp.get())).flatten().map(|(r, m)| {
                        let lang = i18n.lang();
                        i18n.tf("clv.ret.one_point", &[("r", &fmt_money(lang, r)), ("m", &fmt_money(lang, m))])
                    })}
                </p>
                {move || if blocked() { dash("clv-tornado") } else { tornado_svg(i18n.lang(), &inp.get()) }}
            </div>
        </div>
    }
}

fn survival_svg(lang: Lang, inp: &RetentionInputs) -> impl IntoView {
    let t = |k| crate::i18n::t(lang, k);
    let years = if inp.unlimited {
        30
    } else {
        inp.years.clamp(1, 60)
    };
    let ys = survival_curve(inp.retention, years);
    let (w, h, left, top, bottom) = (480.0, 240.0, 48.0, 12.0, 36.0);
    let pw = w - left - 12.0;
    let ph = h - top - bottom;
    let pts = chart::polyline(&ys, 1.0, left, top, pw, ph);
    let grid = [0.0, 0.25, 0.5, 0.75, 1.0]
        .into_iter()
        .map(|v| {
            let y = top + ph - chart::scale(v, 1.0, ph);
            view! {
                <line x1=crate::num::short(left, 2) x2=crate::num::short(left + pw, 2) y1=crate::num::fixed(y, 1) y2=crate::num::fixed(y, 1) class="clv-gridline" />
                <text x=crate::num::short(left - 6.0, 2) y=crate::num::fixed(y + 4.0, 1) text-anchor="end" font-size="11">{fmt_percent(v, 0)}</text>
            }
        })
        .collect_view();
    let step = if years > 20 {
        5
    } else if years > 10 {
        2
    } else {
        1
    };
    let xlabels = (0..=years)
        .step_by(step as usize)
        .map(|k| {
            let x = left + pw * k as f64 / years as f64;
            view! { <text x=crate::num::fixed(x, 1) y=crate::num::short(h - bottom + 16.0, 2) text-anchor="middle" font-size="11">{k}</text> }
        })
        .collect_view();
    let life = super::retention::expected_lifetime(inp.retention)
        .filter(|l| *l <= years as f64)
        .map(|l| {
            let x = left + pw * l / years as f64;
            view! {
                <line x1=crate::num::fixed(x, 1) x2=crate::num::fixed(x, 1) y1=crate::num::short(top, 2) y2=crate::num::short(top + ph, 2) class="clv-marker" />
                <text x=crate::num::fixed(x + 4.0, 1) y=crate::num::short(top + 12.0, 2) font-size="11">{format!("1/(1−r) = {}", fmt_number(l, 1))}</text>
            }
        });
    view! {
        <svg class="chart clv-survival" viewBox=format!("0 0 {} {}", crate::num::short(w, 2), crate::num::short(h, 2)) role="img" data-testid="clv-survival"
            aria-label=t("clv.ret.survival")>
            {grid}
            {xlabels}
            <text x=crate::num::short(left + pw, 2) y=crate::num::short(h - 4.0, 2) text-anchor="end" font-size="11" class="clv-axis-label">{t("clv.ret.year_axis")}</text>
            {life}
            <polyline points=pts fill="none" class="clv-line" />
        </svg>
    }
}

fn heat_svg(lang: Lang, inp: &RetentionInputs) -> impl IntoView {
    let t = |k| crate::i18n::t(lang, k);
    let g = sensitivity_grid(inp, 0.05);
    let all: Vec<f64> = g.values.iter().flatten().flatten().copied().collect();
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (left, top, cw, ch) = (64.0, 40.0, 84.0, 36.0);
    let w = left + cw * g.margins.len() as f64 + 4.0;
    let h = top + ch * g.retentions.len() as f64 + 4.0;
    // One money rule for the header and one for the whole grid of cells.
    let heads = fmt_money_col(
        lang,
        &g.margins.iter().map(|m| m.round()).collect::<Vec<_>>(),
    );
    let cells_all: Vec<f64> = g
        .values
        .iter()
        .flatten()
        .map(|v| v.map(f64::round).unwrap_or(f64::NAN))
        .collect();
    let cell_text = fmt_money_col(lang, &cells_all);
    let ncols = g.margins.len();
    let header = heads
        .into_iter()
        .enumerate()
        .map(|(j, m)| {
            view! { <text x=crate::num::fixed(left + cw * (j as f64 + 0.5), 1) y="28" text-anchor="middle" font-size="12">{m}</text> }
        })
        .collect_view();
    let rows = g
        .retentions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = top + ch * i as f64;
            let cells = g.values[i]
                .iter()
                .enumerate()
                .map(|(j, v)| {
                    let x = left + cw * j as f64;
                    let base = (r - inp.retention).abs() < 1e-9 && (g.margins[j] - inp.margin).abs() < 1e-9 * (1.0 + inp.margin.abs());
                    let (fill, label) = match v {
                        Some(v) => (chart::heat_color(chart::fraction(*v, lo, hi)), cell_text[i * ncols + j].clone()),
                        None => ("#e5e7eb".to_string(), t("clv.ret.na").to_string()),
                    };
                    view! {
                        <rect x=crate::num::fixed(x, 1) y=crate::num::fixed(y, 1) width=crate::num::short(cw - 2.0, 2) height=crate::num::short(ch - 2.0, 2) fill=fill class:clv-base=base />
                        <text x=crate::num::fixed(x + cw / 2.0 - 1.0, 1) y=crate::num::fixed(y + ch / 2.0 + 4.0, 1) text-anchor="middle" font-size="12" font-weight=if base { "700" } else { "400" }>{label}</text>
                    }
                })
                .collect_view();
            view! {
                <text x=crate::num::short(left - 8.0, 2) y=crate::num::fixed(y + ch / 2.0 + 4.0, 1) text-anchor="end" font-size="12">{fmt_percent(*r, 0)}</text>
                {cells}
            }
        })
        .collect_view();
    view! {
        <div class="clv-scroll">
            <svg class="chart clv-heat" viewBox=format!("0 0 {} {}", crate::num::short(w, 2), crate::num::short(h, 2)) role="img" data-testid="clv-heatmap" aria-label=t("clv.ret.grid")>
                <text x="4" y="12" font-size="11" class="clv-axis-label">{t("clv.ret.retention")}" ↓ / "{t("clv.ret.margin")}" →"</text>
                {header}
                {rows}
            </svg>
        </div>
    }
}

/// A placeholder where a chart cannot be drawn (an input is invalid).
fn dash(testid: &'static str) -> AnyView {
    view! { <p class="big-number muted" data-testid=testid>"—"</p> }.into_any()
}

/// Each input ±10%: its name above its bar, the changes at the bar ends.
/// Narrow enough to read on a phone (see `chart::TORNADO`).
fn tornado_svg(lang: Lang, inp: &RetentionInputs) -> AnyView {
    let t = |k| crate::i18n::t(lang, k);
    let Ok(base) = inp.evaluate().map(|r| r.net) else {
        return view! { <p class="muted" data-testid="clv-tornado">{t("clv.ret.na")}</p> }
            .into_any();
    };
    let l = chart::TORNADO;
    let bars = tornado(inp);
    let deltas: Vec<f64> = bars
        .iter()
        .flat_map(|b| [b.low, b.high])
        .flatten()
        .map(|v| v - base)
        .collect();
    let ext = chart::symmetric_extent(&deltas);
    // One money rule for all the changes shown.
    let all: Vec<f64> = bars
        .iter()
        .flat_map(|b| [b.low, b.high])
        .map(|v| v.map(|v| (v - base).round()).unwrap_or(f64::NAN))
        .collect();
    let shown = fmt_money_col(lang, &all);
    let top = l.small + 14.0;
    let cx = l.w / 2.0;
    let half = (l.w - 2.0 * l.pad) * 0.28;
    let xs = |d: f64| cx + (d / ext).clamp(-1.0, 1.0) * half;
    let h = top + l.row * bars.len() as f64 + 6.0;
    let bar_h = l.row - l.font - 12.0;
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = top + l.row * i as f64;
            let seg = |v: Option<f64>, k: usize, class: &'static str| {
                v.map(|v| {
                    let x = xs(v - base);
                    let (x0, x1) = if x < cx { (x, cx) } else { (cx, x) };
                    let anchor = if x < cx { "end" } else { "start" };
                    let tx = if x < cx { x - 4.0 } else { x + 4.0 };
                    let d = all[k];
                    let label = if d > 0.0 { format!("+{}", shown[k]) } else { shown[k].clone() };
                    view! {
                        <rect x=crate::num::fixed(x0, 1) y=crate::num::fixed(y + l.font + 6.0, 1) width=crate::num::fixed((x1 - x0).max(1.0), 1) height=crate::num::fixed(bar_h, 1) class=class />
                        <text x=crate::num::fixed(tx, 1) y=crate::num::fixed(y + l.font + 6.0 + bar_h / 2.0 + l.small * 0.35, 1) text-anchor=anchor font-size=crate::num::short(l.small, 2)>{label}</text>
                    }
                })
            };
            view! {
                <g data-testid=format!("clv-tornado-{}", i)>
                    <text x=crate::num::short(l.pad, 2) y=crate::num::fixed(y + l.font, 1) font-size=crate::num::short(l.font, 2)>{t(b.input.label_key())}</text>
                    {seg(b.low, 2 * i, "clv-low")}
                    {seg(b.high, 2 * i + 1, "clv-high")}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart clv-tornado" viewBox=format!("0 0 {} {}", crate::num::short(l.w, 2), crate::num::fixed(h, 0)) role="img" data-testid="clv-tornado" aria-label=t("clv.ret.tornado")>
            <text x=crate::num::short(l.pad, 2) y=crate::num::short(l.small, 2) font-size=crate::num::short(l.small, 2) class="clv-low-text">"■ "{t("clv.ret.minus10")}</text>
            <text x=crate::num::fixed(cx, 1) y=crate::num::short(l.small, 2) font-size=crate::num::short(l.small, 2) text-anchor="middle">{format!("{} {}", t("clv.ret.base"), fmt_money_col(lang, &[base.round()]).swap_remove(0))}</text>
            <text x=crate::num::short(l.w - l.pad, 2) y=crate::num::short(l.small, 2) font-size=crate::num::short(l.small, 2) text-anchor="end" class="clv-high-text">"■ "{t("clv.ret.plus10")}</text>
            {rows}
            <line x1=crate::num::fixed(cx, 1) x2=crate::num::fixed(cx, 1) y1=crate::num::short(top - 4.0, 2) y2=crate::num::fixed(h - 6.0, 1) class="clv-axis" />
        </svg>
    }
    .into_any()
}
