//! The tool's page (wasm only): sub-pages `#/assess` (questionnaires),
//! `#/assess/take/<id>`, `#/assess/result/<attempt>`, `#/assess/history[/<id>]`
//! and `#/assess/class`. Thin: scoring and geometry live in pure modules.

use super::data::{questionnaire, QUESTIONNAIRES};
use super::doc::AssessDoc;
use super::model::{Band, Questionnaire};
use super::radar;
use super::score::answered_count;
use crate::i18n::Lang;
use crate::storage::browser::{use_doc, Doc};
use crate::ui::use_i18n;
use leptos::prelude::*;

pub type AD = Doc<AssessDoc>;

/// Navigate within the tool.
pub fn go(sub: &str) {
    let hash = if sub.is_empty() {
        "/assess".to_string()
    } else {
        format!("/assess/{sub}")
    };
    let _ = window().location().set_hash(&hash);
}

/// A 0–100 score for display ("—" when there is none).
pub fn fmt_score(v: Option<f64>) -> String {
    match v {
        Some(s) if s.is_finite() => format!("{:.0}", s),
        _ => "—".into(),
    }
}

#[component]
pub fn Page(#[prop(into)] sub: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_doc::<AssessDoc>();
    let section = move || sub.with(|s| s.split('/').next().unwrap_or("").to_string());
    let tab = move |name: &'static str, key: &'static str, href: &'static str| {
        let active = move || {
            let s = section();
            match name {
                "list" => s.is_empty() || s == "take" || s == "result",
                other => s == other,
            }
        };
        view! {
            <a href=href class="assess-tab" class:active=active
                aria-current=move || if active() { "page" } else { "false" }
                data-testid=format!("assess-tab-{name}")>{move || i18n.t(key)}</a>
        }
    };
    let body = move || {
        let s = sub.get();
        let parts: Vec<&str> = s.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["take", qid] => match questionnaire(qid) {
                Some(q) => view! { <super::take::Take doc=doc q=q /> }.into_any(),
                None => not_found_view().into_any(),
            },
            ["result", id] => match id.parse::<u64>() {
                Ok(id) => view! { <super::result::ResultPage doc=doc id=id /> }.into_any(),
                Err(_) => not_found_view().into_any(),
            },
            ["history"] => view! { <super::result::History doc=doc qid=None /> }.into_any(),
            ["history", qid] => {
                view! { <super::result::History doc=doc qid=questionnaire(qid).map(|q| q.id) /> }
                    .into_any()
            }
            ["class"] => view! { <super::class::ClassView doc=doc /> }.into_any(),
            [] => view! { <List doc=doc /> }.into_any(),
            _ => not_found_view().into_any(),
        }
    };
    view! {
        <section class="page assess" data-testid="tool-assess">
            <div class="assess-top assess-noprint">
                <h1>{move || i18n.t("tool.assess.name")}</h1>
                <crate::ui::SaveBadge state=Signal::derive(move || doc.state()) />
            </div>
            <nav class="assess-tabs assess-noprint" aria-label=move || i18n.t("assess.nav")>
                {tab("list", "assess.tab.list", "#/assess")}
                {tab("history", "assess.tab.history", "#/assess/history")}
                {tab("class", "assess.tab.class", "#/assess/class")}
            </nav>
            {body}
        </section>
    }
}

pub fn not_found_view() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice warn" data-testid="assess-not-found">
            <p>{move || i18n.t("assess.not_found")}</p>
            <a class="btn" href="#/assess">{move || i18n.t("assess.back_to_list")}</a>
        </div>
    }
}

/// The list of questionnaires with the trainee's name.
#[component]
fn List(doc: AD) -> impl IntoView {
    let i18n = use_i18n();
    let card = move |q: &'static Questionnaire| {
        let answered = move || {
            doc.with(|d| {
                d.progress
                    .get(q.id)
                    .map(|p| answered_count(q, &p.answers))
                    .unwrap_or(0)
            })
        };
        let attempts = move || doc.with(|d| d.attempts_of(q.id).len());
        let last = move || doc.with(|d| d.attempts_of(q.id).last().map(|a| a.id));
        let total = q.items.len();
        view! {
            <article class="card assess-qcard" data-testid=format!("assess-q-{}", q.id)>
                <h2>{move || q.title.get(i18n.lang())}</h2>
                <p class="muted">{move || q.intro.get(i18n.lang())}</p>
                <p class="assess-meta">
                    {move || i18n.tf("assess.list.meta", &[("n", &total.to_string()), ("d", &q.dims.len().to_string())])}
                    {move || {
                        let n = attempts();
                        (n > 0).then(|| format!(" · {}", i18n.tf("assess.list.attempts", &[("n", &n.to_string())])))
                    }}
                </p>
                {move || {
                    let a = answered();
                    (a > 0).then(|| view! {
                        <div class="assess-bar" role="progressbar" aria-valuemin="0"
                            aria-valuemax=total.to_string() aria-valuenow=a.to_string()
                            aria-label=move || i18n.t("assess.take.progress")>
                            <span style=format!("width:{:.1}%", a as f64 * 100.0 / total.max(1) as f64)></span>
                        </div>
                    })
                }}
                <div class="assess-actions">
                    <a class="btn primary assess-big" href=format!("#/assess/take/{}", q.id)
                        data-testid=format!("assess-start-{}", q.id)>
                        {move || {
                            let a = answered();
                            if a > 0 {
                                i18n.tf("assess.list.resume", &[("n", &a.to_string()), ("total", &total.to_string())])
                            } else {
                                i18n.t("assess.list.start").to_string()
                            }
                        }}
                    </a>
                    {move || last().map(|id| view! {
                        <a class="btn ghost" href=format!("#/assess/result/{id}")
                            data-testid=format!("assess-last-{}", q.id)>{move || i18n.t("assess.list.last")}</a>
                    })}
                </div>
            </article>
        }
    };
    view! {
        <p class="lead">{move || i18n.t("tool.assess.intro")}</p>
        <div class="field assess-name">
            <label for="assess-trainee">{move || i18n.t("assess.trainee")}</label>
            <input id="assess-trainee" type="text" maxlength="100" data-testid="assess-trainee"
                prop:value=move || doc.with(|d| d.trainee.clone())
                placeholder=move || i18n.t("assess.trainee.placeholder")
                on:change=move |ev| { let v = event_target_value(&ev); doc.update(|d| d.set_trainee(v.trim())); } />
        </div>
        <div class="assess-qlist">
            {QUESTIONNAIRES.iter().map(card).collect_view()}
        </div>
    }
}

/// Name of a dimension in the current language.
pub fn dim_name(q: &Questionnaire, i: usize, lang: Lang) -> String {
    q.dims
        .get(i)
        .map(|d| d.name.get(lang).to_string())
        .unwrap_or_default()
}

/// One series on a radar chart.
pub struct Series {
    pub values: Vec<f64>,
    /// CSS modifier: "a", "b", "target", "min", "max".
    pub class: &'static str,
}

/// A radar chart: hand-written SVG from the pure geometry in `radar.rs`.
pub fn radar_svg(
    labels: Vec<String>,
    series: Vec<Series>,
    testid: &'static str,
    summary: String,
) -> impl IntoView {
    const R: f64 = 120.0;
    const PAD: f64 = 12.0;
    const FONT: f64 = 14.0;
    let half = radar::half_width(&labels, R, PAD, FONT);
    let cx = half;
    let cy = R + PAD + FONT * 1.5;
    let height = 2.0 * cy;
    let view_box = format!("0 0 {:.0} {:.0}", 2.0 * half, height);
    let n = labels.len();
    let rings = [25.0, 50.0, 75.0, 100.0]
        .iter()
        .map(|l| view! { <polygon class="assess-ring" points=radar::points_attr(&radar::ring(n, *l, cx, cy, R)) /> })
        .collect_view();
    let axes = (0..n)
        .map(|i| {
            let (x, y) = radar::point(cx, cy, R, i, n, 100.0);
            view! { <line class="assess-axis" x1=format!("{cx:.1}") x2=format!("{x:.1}") y1=format!("{cy:.1}") y2=format!("{y:.1}") /> }
        })
        .collect_view();
    let label_views = labels
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let (x, y) = radar::point(cx, cy, R + PAD, i, n, 100.0);
            let s = radar::axis_angle(i, n).sin();
            let dy = if s > 0.3 {
                "0.9em"
            } else if s < -0.3 {
                "-0.2em"
            } else {
                "0.35em"
            };
            view! {
                <text class="assess-label" x=format!("{x:.1}") y=format!("{y:.1}") dy=dy
                    text-anchor=radar::label_anchor(i, n)>{l}</text>
            }
        })
        .collect_view();
    let polys = series
        .into_iter()
        .map(|s| {
            let pts = radar::polygon(&s.values, cx, cy, R);
            let dots = pts
                .iter()
                .map(|(x, y)| view! { <circle class="assess-dot" cx=format!("{x:.1}") cy=format!("{y:.1}") r="3.5" /> })
                .collect_view();
            view! {
                <g class=format!("assess-series assess-series-{}", s.class) data-testid=format!("{testid}-{}", s.class)>
                    <polygon points=radar::points_attr(&pts) />
                    {dots}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="assess-radar chart" viewBox=view_box role="img" aria-label=summary data-testid=testid>
            {rings}
            {axes}
            {polys}
            {label_views}
        </svg>
    }
}

/// Legend entries shown under a radar.
pub fn legend(items: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <ul class="assess-legend">
            {items.into_iter().map(|(cls, text)| view! {
                <li><span class=format!("assess-swatch assess-swatch-{cls}") aria-hidden="true"></span>{text}</li>
            }).collect_view()}
        </ul>
    }
}

/// The band label key and CSS class for a score.
pub fn band_of(score: Option<f64>) -> Option<Band> {
    score.map(Band::of)
}
