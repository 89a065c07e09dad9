//! The tool's page (wasm only): sub-pages `#/assess` (questionnaires),
//! `#/assess/take/<id>`, `#/assess/result/<attempt>`, `#/assess/history[/<id>]`
//! and `#/assess/class`. Thin: scoring and geometry live in pure modules.

use super::data::{questionnaire, QUESTIONNAIRES};
use super::doc::AssessDoc;
use super::model::{Band, Questionnaire};
use super::radar;
use super::score::answered_count;
use crate::i18n::{t, tf, Lang};
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
    match super::score::shown_score(v) {
        Some(s) => s.to_string(),
        None => "—".into(),
    }
}

/// The tool's page. The language is read once here: a language switch
/// re-renders the page, so the sub-pages use plain translated text (far less
/// code than one reactive closure per label).
#[component]
pub fn Page(#[prop(into)] sub: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let doc = use_doc::<AssessDoc>();
    super::view_share::open_link(doc);
    move || {
        let lang = i18n.lang();
        let s = sub.get();
        let parts: Vec<&str> = s.split('/').filter(|p| !p.is_empty()).collect();
        let section = parts.first().copied().unwrap_or("");
        let share = match parts.as_slice() {
            ["take", qid] => questionnaire(qid)
                .map(|q| view! { <super::view_share::Share doc=doc qid=q.id.to_string() /> }),
            _ => None,
        };
        let body = match parts.as_slice() {
            ["take", qid] => match questionnaire(qid) {
                Some(q) => super::take::take(doc, q, lang),
                None => not_found_view(lang),
            },
            ["result", id] => match id.parse::<u64>() {
                Ok(id) => super::result::result_page(doc, id, lang),
                Err(_) => not_found_view(lang),
            },
            ["history"] => super::result::history(doc, None, lang),
            ["history", qid] => super::result::history(doc, questionnaire(qid).map(|q| q.id), lang),
            ["class"] => super::class::class_view(doc, lang),
            [] => list(doc, lang),
            _ => not_found_view(lang),
        };
        let tabs = [
            ("list", "assess.tab.list", "#/assess"),
            ("history", "assess.tab.history", "#/assess/history"),
            ("class", "assess.tab.class", "#/assess/class"),
        ]
        .into_iter()
        .map(|(name, key, href)| {
            let active = match name {
                "list" => matches!(section, "" | "take" | "result"),
                other => section == other,
            };
            view! {
                <a href=href class="assess-tab" class:active=active
                    aria-current=if active { "page" } else { "false" }
                    data-testid=format!("assess-tab-{name}")>{t(lang, key)}</a>
            }
        })
        .collect_view();
        view! {
            <section class="page assess" data-testid="tool-assess">
                <div class="assess-top assess-noprint">
                    <h1>{t(lang, "tool.assess.name")}</h1>
                    <crate::ui::SaveBadge state=Signal::derive(move || doc.state()) />
                    {share}
                </div>
                <nav class="assess-tabs assess-noprint" aria-label=t(lang, "assess.nav")>{tabs}</nav>
                {body}
            </section>
        }
    }
}

pub fn not_found_view(lang: Lang) -> AnyView {
    view! {
        <div class="notice warn" data-testid="assess-not-found">
            <p>{t(lang, "assess.not_found")}</p>
            <a class="btn" href="#/assess">{t(lang, "assess.back_to_list")}</a>
        </div>
    }
    .into_any()
}

/// The list of questionnaires with the trainee's name.
fn list(doc: AD, lang: Lang) -> AnyView {
    let card = move |q: &'static Questionnaire| {
        let total = q.items.len();
        // Everything that depends on the stored answers, in one reactive block.
        let state = move || {
            let (answered, attempts, last) = doc.with(|d| {
                let a = d
                    .progress
                    .get(q.id)
                    .map(|p| answered_count(q, &p.answers))
                    .unwrap_or(0);
                let at = d.attempts_of(q.id);
                (a, at.len(), at.last().map(|a| a.id))
            });
            let mut meta = tf(
                lang,
                "assess.list.meta",
                &[("n", &total.to_string()), ("d", &q.dims.len().to_string())],
            );
            if attempts > 0 {
                meta.push_str(" · ");
                meta.push_str(&tf(
                    lang,
                    "assess.list.attempts",
                    &[("n", &attempts.to_string())],
                ));
            }
            let start = if answered > 0 {
                tf(
                    lang,
                    "assess.list.resume",
                    &[("n", &answered.to_string()), ("total", &total.to_string())],
                )
            } else {
                t(lang, "assess.list.start").to_string()
            };
            view! {
                <p class="assess-meta">{meta}</p>
                {(answered > 0).then(|| progress_bar(answered, total, lang))}
                <div class="assess-actions">
                    <a class="btn primary assess-big" href=format!("#/assess/take/{}", q.id)
                        data-testid=format!("assess-start-{}", q.id)>{start}</a>
                    {last.map(|id| view! {
                        <a class="btn ghost" href=format!("#/assess/result/{id}")
                            data-testid=format!("assess-last-{}", q.id)>{t(lang, "assess.list.last")}</a>
                    })}
                </div>
            }
        };
        view! {
            <article class="card assess-qcard" data-testid=format!("assess-q-{}", q.id)>
                <h2>{q.title.get(lang)}</h2>
                <p class="muted">{q.intro.get(lang)}</p>
                {state}
                <div class="assess-qshare">
                    <super::view_share::Share doc=doc qid=q.id.to_string() label=q.title.get(lang).to_string() />
                </div>
            </article>
        }
    };
    view! {
        <p class="lead">{t(lang, "tool.assess.intro")}</p>
        <div class="field assess-name">
            <label for="assess-trainee">{t(lang, "assess.trainee")}</label>
            <input id="assess-trainee" type="text" maxlength="100" data-testid="assess-trainee"
                prop:value=move || doc.with(|d| d.trainee.clone())
                placeholder=t(lang, "assess.trainee.placeholder")
                on:change=move |ev| { let v = event_target_value(&ev); doc.update(|d| d.set_trainee(v.trim())); } />
        </div>
        <div class="assess-qlist">
            {QUESTIONNAIRES.iter().map(card).collect_view()}
        </div>
    }
    .into_any()
}

/// A progress bar of `n` out of `total`.
pub fn progress_bar(n: usize, total: usize, lang: Lang) -> impl IntoView {
    view! {
        <div class="assess-bar" role="progressbar" aria-valuemin="0"
            aria-valuemax=total.to_string() aria-valuenow=n.to_string()
            aria-label=t(lang, "assess.take.progress")>
            <span style:width=format!("{}%", crate::num::fixed(n as f64 * 100.0 / total.max(1) as f64, 1))></span>
        </div>
    }
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
    let view_box = format!(
        "0 0 {} {}",
        crate::num::fixed(2.0 * half, 0),
        crate::num::fixed(height, 0)
    );
    let n = labels.len();
    let rings = [25.0, 50.0, 75.0, 100.0]
        .iter()
        .map(|l| view! { <polygon class="assess-ring" points=radar::points_attr(&radar::ring(n, *l, cx, cy, R)) /> })
        .collect_view();
    let axes = (0..n)
        .map(|i| {
            let (x, y) = radar::point(cx, cy, R, i, n, 100.0);
            view! { <line class="assess-axis" x1=crate::num::fixed(cx, 1) x2=crate::num::fixed(x, 1) y1=crate::num::fixed(cy, 1) y2=crate::num::fixed(y, 1) /> }
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
                <text class="assess-label" x=crate::num::fixed(x, 1) y=crate::num::fixed(y, 1) dy=dy
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
                .map(|(x, y)| view! { <circle class="assess-dot" cx=crate::num::fixed(*x, 1) cy=crate::num::fixed(*y, 1) r="3.5" /> })
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
