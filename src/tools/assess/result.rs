//! Result of one attempt, and the history with a two-attempt comparison (wasm only).

use super::data::{questionnaire, QUESTIONNAIRES};
use super::doc::Attempt;
use super::file;
use super::model::Questionnaire;
use super::score::{advice, disc_styles, is_disc, overall_key, score, Outcome};
use super::view::{band_of, fmt_score, legend, radar_svg, Series, AD};
use crate::i18n::format::fmt_date;
use crate::i18n::Lang;
use crate::ui::use_i18n;
use leptos::prelude::*;

fn labels(q: &Questionnaire, lang: Lang) -> Vec<String> {
    q.dims
        .iter()
        .map(|d| d.name.get(lang).to_string())
        .collect()
}

fn values(o: &Outcome) -> Vec<f64> {
    o.dims.iter().map(|d| d.score.unwrap_or(0.0)).collect()
}

fn summary(q: &Questionnaire, o: &Outcome, lang: Lang) -> String {
    q.dims
        .iter()
        .zip(o.dims.iter())
        .map(|(d, s)| format!("{} {}", d.name.get(lang), fmt_score(s.score)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn ResultPage(doc: AD, id: u64) -> impl IntoView {
    let i18n = use_i18n();
    let attempt = doc.with_untracked(|d| d.attempt(id).cloned());
    let Some(a) = attempt else {
        return super::view::not_found_view().into_any();
    };
    let Some(q) = questionnaire(&a.questionnaire) else {
        return super::view::not_found_view().into_any();
    };
    let o = score(q, &a.answers);
    let show_target = RwSignal::new(true);
    let target = move || doc.with(|d| d.targets.get(q.id).cloned().unwrap_or_default());
    let has_target = move || !target().is_empty();

    let o1 = o.clone();
    let chart = move || {
        let lang = i18n.lang();
        let mut series = vec![Series {
            values: values(&o1),
            class: "a",
        }];
        let mut leg = vec![("a", i18n.t("assess.result.you").to_string())];
        let t = target();
        if show_target.get() && !t.is_empty() {
            series.push(Series {
                values: q
                    .dims
                    .iter()
                    .map(|d| t.get(d.id).copied().unwrap_or(0.0))
                    .collect(),
                class: "target",
            });
            leg.push(("target", i18n.t("assess.result.target").to_string()));
        }
        view! {
            {radar_svg(labels(q, lang), series, "assess-radar", summary(q, &o1, lang))}
            {legend(leg)}
        }
    };

    let o2 = o.clone();
    let highlights = move || {
        let lang = i18n.lang();
        let strong = o2
            .strongest()
            .map(|d| format!("{} ({})", d.dim.name.get(lang), fmt_score(d.score)));
        let weak = o2
            .weakest()
            .map(|d| format!("{} ({})", d.dim.name.get(lang), fmt_score(d.score)));
        let overall = o2.overall();
        let disc = is_disc(q).then(|| disc_styles(&o2)).flatten();
        view! {
            <div class="assess-highlights">
                {(!is_disc(q)).then(|| view! {
                    <p class="assess-overall" data-testid="assess-overall">
                        <strong>{move || i18n.t("assess.result.overall")}</strong>
                        " " <span class="num">{fmt_score(overall)}</span>" / 100 — "
                        {overall.map(|v| i18n.t(overall_key(v)))}
                    </p>
                })}
                {disc.map(|(p, s)| view! {
                    <p class="assess-disc" data-testid="assess-disc-primary" data-style=p.id>
                        <strong>{move || i18n.t("assess.result.disc_primary")}</strong>" "{p.name.get(lang)}
                        {s.map(|s| view! {
                            " · "<strong>{move || i18n.t("assess.result.disc_secondary")}</strong>" "
                            <span data-testid="assess-disc-secondary">{s.name.get(lang)}</span>
                        })}
                    </p>
                })}
                <p data-testid="assess-strongest"><span class="assess-tag high">{move || i18n.t("assess.result.strongest")}</span>" "{strong}</p>
                <p data-testid="assess-weakest"><span class="assess-tag low">{move || i18n.t("assess.result.weakest")}</span>" "{weak}</p>
            </div>
        }
    };

    let o3 = o.clone();
    let dims = move || {
        let lang = i18n.lang();
        o3.dims
            .iter()
            .map(|d| {
                let band = band_of(d.score);
                let cls = band.map(|b| b.class()).unwrap_or("none");
                let adv = d.score.map(|s| advice(d.dim, s).get(lang));
                let pct = d.score.unwrap_or(0.0);
                view! {
                    <li class=format!("assess-dim card {cls}") data-testid=format!("assess-dim-{}", d.dim.id)>
                        <div class="assess-dim-head">
                            <strong>{d.dim.name.get(lang)}</strong>
                            <span class="assess-dim-score num" data-testid=format!("assess-score-{}", d.dim.id)>{fmt_score(d.score)}</span>
                            {band.map(|b| view! { <span class=format!("assess-tag {}", b.class())>{i18n.t(b.key())}</span> })}
                        </div>
                        <div class="assess-bar small"><span style=format!("width:{pct:.1}%")></span></div>
                        <p class="assess-advice">{adv}</p>
                    </li>
                }
            })
            .collect_view()
    };

    let talk = move || {
        let lang = i18n.lang();
        is_disc(q).then(|| {
            view! {
                <section class="card assess-talk" data-testid="assess-talk">
                    <h3>{i18n.t("assess.result.talk")}</h3>
                    <dl>
                        {q.dims.iter().map(|d| view! {
                            <dt>{d.name.get(lang)}</dt>
                            <dd>{d.talk.map(|t| t.get(lang))}</dd>
                        }).collect_view()}
                    </dl>
                </section>
            }
        })
    };

    let a2 = a.clone();
    let export = move |_| {
        let name = doc.with_untracked(|d| d.trainee.clone());
        let text = file::export(&a2.questionnaire, &name, a2.date, &a2.answers);
        crate::ui::download(
            &file::file_name(&a2.questionnaire, &name, a2.date),
            "application/json",
            &text,
        );
    };

    let target_error = RwSignal::new(false);
    let target_fields = move || {
        q.dims
            .iter()
            .map(|d| {
                let did = d.id;
                let id = format!("assess-target-{did}");
                view! {
                    <div class="assess-target-field">
                        <label for=id.clone()>{move || d.name.get(i18n.lang())}</label>
                        <input id=id type="text" inputmode="decimal" data-testid=format!("assess-target-{did}")
                            prop:value=move || doc.with(|x| x.targets.get(q.id).and_then(|t| t.get(did).copied()))
                                .map(|v| format!("{v:.0}")).unwrap_or_default()
                            on:change=move |ev| {
                                let text = event_target_value(&ev);
                                if text.trim().is_empty() {
                                    target_error.set(false);
                                    doc.update(|x| x.set_target(q.id, did, None));
                                    return;
                                }
                                match crate::i18n::format::parse_number(&text) {
                                    Some(v) if (0.0..=100.0).contains(&v) => {
                                        target_error.set(false);
                                        doc.update(|x| x.set_target(q.id, did, Some(v)));
                                    }
                                    _ => target_error.set(true),
                                }
                            } />
                    </div>
                }
            })
            .collect_view()
    };

    let date = a.date;
    view! {
        <article class="assess-result assess-report" data-testid="assess-result" data-q=q.id>
            <header class="assess-report-head">
                <h2>{move || q.title.get(i18n.lang())}</h2>
                <p class="muted" data-testid="assess-result-meta">
                    {move || {
                        let name = doc.with(|d| d.trainee.clone());
                        let day = fmt_date(i18n.lang(), date);
                        if name.is_empty() { day } else { format!("{name} · {day}") }
                    }}
                </p>
            </header>
            <div class="assess-result-grid">
                <div class="assess-chart-box">
                    {chart}
                    <label class="assess-check assess-noprint">
                        <input type="checkbox" data-testid="assess-show-target"
                            prop:checked=move || show_target.get()
                            disabled=move || !has_target()
                            on:change=move |ev| show_target.set(event_target_checked(&ev)) />
                        {move || i18n.t("assess.result.show_target")}
                    </label>
                </div>
                {highlights}
            </div>
            <ul class="assess-dims">{dims}</ul>
            {talk}
            <div class="assess-actions assess-noprint">
                <button type="button" class="btn primary" data-testid="assess-export" on:click=export>
                    {move || i18n.t("assess.result.export")}
                </button>
                <button type="button" class="btn" data-testid="assess-print" on:click=move |_| crate::ui::print()>
                    {move || i18n.t("assess.result.print")}
                </button>
                <a class="btn ghost" href=format!("#/assess/history/{}", q.id) data-testid="assess-to-history">
                    {move || i18n.t("assess.tab.history")}
                </a>
                <a class="btn ghost" href=format!("#/assess/take/{}", q.id)>{move || i18n.t("assess.result.again")}</a>
            </div>
            <details class="card assess-targets assess-noprint" data-testid="assess-targets">
                <summary>{move || i18n.t("assess.result.target_edit")}</summary>
                <p class="muted">{move || i18n.t("assess.result.target_help")}</p>
                <div class="assess-target-grid">{target_fields}</div>
                {move || target_error.get().then(|| view! {
                    <p class="field-error" role="alert" data-testid="assess-target-error">{i18n.t("assess.result.target_error")}</p>
                })}
                <button type="button" class="btn small ghost" data-testid="assess-target-clear"
                    on:click=move |_| doc.update(|x| { x.targets.remove(q.id); })>
                    {move || i18n.t("assess.result.target_clear")}
                </button>
            </details>
        </article>
    }
    .into_any()
}

/// History of attempts for one questionnaire, with a comparison of two.
#[component]
pub fn History(doc: AD, qid: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    // Default: the first questionnaire that has attempts.
    let qid = qid.unwrap_or_else(|| {
        doc.with_untracked(|d| {
            QUESTIONNAIRES
                .iter()
                .find(|q| !d.attempts_of(q.id).is_empty())
                .map(|q| q.id)
                .unwrap_or("excellent")
        })
    });
    let Some(q) = questionnaire(qid) else {
        return super::view::not_found_view().into_any();
    };
    let list = Memo::new(move |_| {
        doc.with(|d| {
            d.attempts_of(qid)
                .into_iter()
                .cloned()
                .collect::<Vec<Attempt>>()
        })
    });
    let sel_a = RwSignal::new(None::<u64>);
    let sel_b = RwSignal::new(None::<u64>);
    let pick_a = move || {
        let l = list.get();
        sel_a
            .get()
            .filter(|id| l.iter().any(|a| a.id == *id))
            .or(l.first().map(|a| a.id))
    };
    let pick_b = move || {
        let l = list.get();
        sel_b
            .get()
            .filter(|id| l.iter().any(|a| a.id == *id))
            .or(l.last().map(|a| a.id))
    };

    let tabs = QUESTIONNAIRES
        .iter()
        .map(|x| {
            let active = x.id == qid;
            view! {
                <a class="assess-chip" class:active=active href=format!("#/assess/history/{}", x.id)
                    aria-current=if active { "page" } else { "false" }
                    data-testid=format!("assess-hist-q-{}", x.id)>{move || x.title.get(i18n.lang())}</a>
            }
        })
        .collect_view();

    let rows = move || {
        let lang = i18n.lang();
        let l = list.get();
        if l.is_empty() {
            return view! {
                <p class="notice" data-testid="assess-hist-empty">{i18n.t("assess.history.empty")}
                    " "<a href=format!("#/assess/take/{qid}")>{i18n.t("assess.list.start")}</a></p>
            }
            .into_any();
        }
        let body = l
            .iter()
            .rev()
            .map(|a| {
                let o = score(q, &a.answers);
                let id = a.id;
                let date = fmt_date(lang, a.date);
                let date2 = date.clone();
                view! {
                    <tr data-testid=format!("assess-attempt-{id}")>
                        <td>{date}</td>
                        <td class="num">{fmt_score(o.overall())}</td>
                        {o.dims.iter().map(|d| view! { <td class="num">{fmt_score(d.score)}</td> }).collect_view()}
                        <td class="assess-row-actions">
                            <a class="btn small" href=format!("#/assess/result/{id}")>{i18n.t("assess.history.open")}</a>
                            <button type="button" class="btn small danger" data-testid=format!("assess-del-{id}")
                                aria-label=i18n.tf("assess.history.delete_label", &[("date", &date2)])
                                on:click=move |_| {
                                    if crate::ui::confirm(i18n.t("assess.history.delete_confirm")) {
                                        doc.update(|d| { d.delete_attempt(id); });
                                    }
                                }>{i18n.t("assess.history.delete")}</button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="assess-table-wrap">
                <table class="table" data-testid="assess-history-table">
                    <thead><tr>
                        <th>{i18n.t("assess.history.date")}</th>
                        <th class="num">{i18n.t("assess.result.overall")}</th>
                        {q.dims.iter().map(|d| view! { <th class="num">{d.name.get(lang)}</th> }).collect_view()}
                        <th><span class="sr-only">{i18n.t("assess.history.actions")}</span></th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
        .into_any()
    };

    let selector = move |label: &'static str,
                         sel: RwSignal<Option<u64>>,
                         cur: Signal<Option<u64>>,
                         tid: &'static str| {
        view! {
            <label class="field assess-select">
                <span>{move || i18n.t(label)}</span>
                <select data-testid=tid on:change=move |ev| sel.set(event_target_value(&ev).parse().ok())>
                    {move || {
                        let lang = i18n.lang();
                        list.get().into_iter().map(|a| {
                            let id = a.id;
                            view! { <option value=id.to_string() selected=move || cur.get() == Some(id)>{fmt_date(lang, a.date)}" (#"{id}")"</option> }
                        }).collect_view()
                    }}
                </select>
            </label>
        }
    };

    let compare = move || {
        let lang = i18n.lang();
        let l = list.get();
        if l.len() < 2 {
            return None;
        }
        let a = l.iter().find(|x| Some(x.id) == pick_a())?.clone();
        let b = l.iter().find(|x| Some(x.id) == pick_b())?.clone();
        let oa = score(q, &a.answers);
        let ob = score(q, &b.answers);
        let series = vec![
            Series {
                values: values(&oa),
                class: "a",
            },
            Series {
                values: values(&ob),
                class: "b",
            },
        ];
        let leg = vec![("a", fmt_date(lang, a.date)), ("b", fmt_date(lang, b.date))];
        let rows = q
            .dims
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let (x, y) = (oa.dims[i].score, ob.dims[i].score);
                let delta = match (x, y) {
                    (Some(x), Some(y)) => format!("{:+.0}", y - x),
                    _ => "—".into(),
                };
                view! {
                    <tr data-testid=format!("assess-cmp-{}", d.id)>
                        <td>{d.name.get(lang)}</td>
                        <td class="num">{fmt_score(x)}</td>
                        <td class="num">{fmt_score(y)}</td>
                        <td class="num">{delta}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="assess-result-grid">
                <div class="assess-chart-box">
                    {radar_svg(labels(q, lang), series, "assess-compare-radar",
                        format!("{} / {}", summary(q, &oa, lang), summary(q, &ob, lang)))}
                    {legend(leg)}
                </div>
                <table class="table" data-testid="assess-compare-table">
                    <thead><tr>
                        <th>{i18n.t("assess.history.dimension")}</th>
                        <th class="num">"A"</th><th class="num">"B"</th>
                        <th class="num">{i18n.t("assess.history.change")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };

    view! {
        <div class="assess-history" data-testid="assess-history">
            <nav class="assess-chips" aria-label=move || i18n.t("assess.history.which")>{tabs}</nav>
            <h2>{move || q.title.get(i18n.lang())}</h2>
            {rows}
            {move || (list.get().len() >= 2).then(|| view! {
                <section class="card assess-compare" data-testid="assess-compare">
                    <h3>{move || i18n.t("assess.history.compare")}</h3>
                    <div class="assess-select-row">
                        {selector("assess.history.pick_a", sel_a, Signal::derive(pick_a), "assess-cmp-a")}
                        {selector("assess.history.pick_b", sel_b, Signal::derive(pick_b), "assess-cmp-b")}
                    </div>
                    {compare}
                </section>
            })}
        </div>
    }
    .into_any()
}
