//! Result of one attempt, and the history with a two-attempt comparison (wasm only).

use super::data::{questionnaire, QUESTIONNAIRES};
use super::doc::Attempt;
use super::file;
use super::model::Questionnaire;
use super::score::{advice, disc_styles, is_disc, overall_key, score, Outcome};
use super::view::{band_of, fmt_score, legend, radar_svg, Series, AD};
use crate::i18n::format::fmt_date;
use crate::i18n::{t, tf, Lang};
use crate::share::assess::ResultPiece;
use crate::ui::share::HandInButton;
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

pub fn result_page(doc: AD, id: u64, lang: Lang) -> AnyView {
    let attempt = doc.with_untracked(|d| d.attempt(id).cloned());
    let Some(a) = attempt else {
        return super::view::not_found_view(lang);
    };
    let Some(q) = questionnaire(&a.questionnaire) else {
        return super::view::not_found_view(lang);
    };
    let o = score(q, &a.answers);
    let show_target = RwSignal::new(true);

    // The radar (with the optional target overlay): the only reactive part.
    let values_a = values(&o);
    let summary_a = summary(q, &o, lang);
    let chart = move || {
        let target = doc.with(|d| d.targets.get(q.id).cloned().unwrap_or_default());
        let show = show_target.get();
        let mut series = vec![Series {
            values: values_a.clone(),
            class: "a",
        }];
        let mut leg = vec![("a", t(lang, "assess.result.you").to_string())];
        if show && !target.is_empty() {
            series.push(Series {
                values: q
                    .dims
                    .iter()
                    .map(|d| target.get(d.id).copied().unwrap_or(0.0))
                    .collect(),
                class: "target",
            });
            leg.push(("target", t(lang, "assess.result.target").to_string()));
        }
        view! {
            {radar_svg(labels(q, lang), series, "assess-radar", summary_a.clone())}
            {legend(leg)}
            <label class="assess-check assess-noprint">
                <input type="checkbox" data-testid="assess-show-target" prop:checked=show
                    disabled=target.is_empty()
                    on:change=move |ev| show_target.set(event_target_checked(&ev)) />
                {t(lang, "assess.result.show_target")}
            </label>
        }
    };

    let strong = o
        .strongest()
        .map(|d| format!("{} ({})", d.dim.name.get(lang), fmt_score(d.score)));
    let weak = o
        .weakest()
        .map(|d| format!("{} ({})", d.dim.name.get(lang), fmt_score(d.score)));
    let overall = o.overall();
    let disc = if is_disc(q) { disc_styles(&o) } else { None };
    let overall_view = (!is_disc(q)).then(|| {
        view! {
            <p class="assess-overall" data-testid="assess-overall">
                <strong>{t(lang, "assess.result.overall")}</strong>
                " " <span class="num">{fmt_score(overall)}</span>" / 100 — "
                {overall.map(|v| t(lang, overall_key(v)))}
            </p>
        }
    });
    let disc_view = disc.map(|(p, s)| {
        let second = s
            .map(|s| format!(" · {} {}", t(lang, "assess.result.disc_secondary"), s.name.get(lang)))
            .unwrap_or_default();
        view! {
            <p class="assess-disc" data-testid="assess-disc-primary" data-style=p.id
                data-secondary=s.map(|s| s.id).unwrap_or("")>
                <strong>{t(lang, "assess.result.disc_primary")}</strong>" "{p.name.get(lang)}{second}
            </p>
        }
    });

    let dims = o
        .dims
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
                        {band.map(|b| view! { <span class=format!("assess-tag {}", b.class())>{t(lang, b.key())}</span> })}
                    </div>
                    <div class="assess-bar small"><span style:width=format!("{}%", crate::num::fixed(pct, 1))></span></div>
                    <p class="assess-advice">{adv}</p>
                </li>
            }
        })
        .collect_view();

    let talk = is_disc(q).then(|| {
        view! {
            <section class="card assess-talk" data-testid="assess-talk">
                <h3>{t(lang, "assess.result.talk")}</h3>
                <dl>
                    {q.dims.iter().map(|d| view! {
                        <dt>{d.name.get(lang)}</dt>
                        <dd>{d.talk.map(|t| t.get(lang))}</dd>
                    }).collect_view()}
                </dl>
            </section>
        }
    });

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
    let target_fields = q
        .dims
        .iter()
        .map(|d| {
            let did = d.id;
            let id = format!("assess-target-{did}");
            view! {
                <div class="assess-target-field">
                    <label for=id.clone()>{d.name.get(lang)}</label>
                    <input id=id.clone() type="text" inputmode="decimal" data-testid=id
                        prop:value=move || doc.with(|x| x.targets.get(q.id).and_then(|t| t.get(did).copied()))
                            .map(|v| crate::num::fixed(v, 0)).unwrap_or_default()
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            let value = if text.trim().is_empty() {
                                Some(None)
                            } else {
                                crate::i18n::format::parse_number(&text)
                                    .filter(|v| (0.0..=100.0).contains(v))
                                    .map(Some)
                            };
                            match value {
                                Some(v) => {
                                    target_error.set(false);
                                    doc.update(|x| x.set_target(q.id, did, v));
                                }
                                None => target_error.set(true),
                            }
                        } />
                </div>
            }
        })
        .collect_view();

    // Hand in to the trainer: the result's QR code, with the name it carries.
    let a3 = a.clone();
    let name_field = move || {
        view! {
            <div class="field handin-name">
                <label for="handin-name">{t(lang, "share.handin.name")}</label>
                <input id="handin-name" type="text" maxlength="40" data-testid="handin-name"
                    prop:value=move || doc.with(|d| d.trainee.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); doc.update(|d| d.set_trainee(v.trim())); } />
                {move || doc.with(|d| d.trainee.is_empty()).then(|| view! {
                    <p class="muted handin-hint" data-testid="handin-no-name">{t(lang, "share.handin.no_name")}</p>
                })}
            </div>
        }
    };
    let hand_in = view! {
        <HandInButton
            piece=move || doc.with(|d| ResultPiece::from_attempt(&a3, &d.trainee))
            extra=name_field />
    };

    let date = a.date;
    let meta = move || {
        let name = doc.with(|d| d.trainee.clone());
        let day = fmt_date(lang, date);
        if name.is_empty() {
            day
        } else {
            format!("{name} · {day}")
        }
    };
    view! {
        <article class="assess-result assess-report" data-testid="assess-result" data-q=q.id>
            <header class="assess-report-head">
                <h2>{q.title.get(lang)}</h2>
                <p class="muted" data-testid="assess-result-meta">{meta}</p>
            </header>
            <div class="assess-result-grid">
                <div class="assess-chart-box">{chart}</div>
                <div class="assess-highlights">
                    {overall_view}
                    {disc_view}
                    <p data-testid="assess-strongest"><span class="assess-tag high">{t(lang, "assess.result.strongest")}</span>" "{strong}</p>
                    <p data-testid="assess-weakest"><span class="assess-tag low">{t(lang, "assess.result.weakest")}</span>" "{weak}</p>
                </div>
            </div>
            <ul class="assess-dims">{dims}</ul>
            {talk}
            <div class="assess-actions assess-noprint">
                {hand_in}
                <button type="button" class="btn primary" data-testid="assess-export" on:click=export>
                    {t(lang, "assess.result.export")}
                </button>
                <button type="button" class="btn" data-testid="assess-print" on:click=move |_| crate::ui::print()>
                    {t(lang, "assess.result.print")}
                </button>
                <a class="btn ghost" href=format!("#/assess/history/{}", q.id) data-testid="assess-to-history">
                    {t(lang, "assess.tab.history")}
                </a>
                <a class="btn ghost" href=format!("#/assess/take/{}", q.id)>{t(lang, "assess.result.again")}</a>
            </div>
            <details class="card assess-targets assess-noprint" data-testid="assess-targets">
                <summary>{t(lang, "assess.result.target_edit")}</summary>
                <p class="muted">{t(lang, "assess.result.target_help")}</p>
                <div class="assess-target-grid">{target_fields}</div>
                {move || target_error.get().then(|| view! {
                    <p class="field-error" role="alert" data-testid="assess-target-error">{t(lang, "assess.result.target_error")}</p>
                })}
                <button type="button" class="btn small ghost" data-testid="assess-target-clear"
                    on:click=move |_| doc.update(|x| { x.targets.remove(q.id); })>
                    {t(lang, "assess.result.target_clear")}
                </button>
            </details>
        </article>
    }
    .into_any()
}

/// History of attempts for one questionnaire, with a comparison of two.
pub fn history(doc: AD, qid: Option<&'static str>, lang: Lang) -> AnyView {
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
        return super::view::not_found_view(lang);
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

    let chips = QUESTIONNAIRES
        .iter()
        .map(|x| {
            let active = x.id == qid;
            view! {
                <a class="assess-chip" class:active=active href=format!("#/assess/history/{}", x.id)
                    aria-current=if active { "page" } else { "false" }
                    data-testid=format!("assess-hist-q-{}", x.id)>{x.title.get(lang)}</a>
            }
        })
        .collect_view();
    let dim_heads = move || {
        q.dims
            .iter()
            .map(|d| view! { <th class="num">{d.name.get(lang)}</th> })
            .collect_view()
    };

    let body = move || {
        let l = list.get();
        if l.is_empty() {
            return view! {
                <p class="notice" data-testid="assess-hist-empty">{t(lang, "assess.history.empty")}
                    " "<a href=format!("#/assess/take/{qid}")>{t(lang, "assess.list.start")}</a></p>
            }
            .into_any();
        }
        let rows = l
            .iter()
            .rev()
            .map(|a| {
                let o = score(q, &a.answers);
                let id = a.id;
                let date = fmt_date(lang, a.date);
                let label = tf(lang, "assess.history.delete_label", &[("date", &date)]);
                view! {
                    <tr data-testid=format!("assess-attempt-{id}")>
                        <td>{date}</td>
                        <td class="num">{fmt_score(o.overall())}</td>
                        {o.dims.iter().map(|d| view! { <td class="num">{fmt_score(d.score)}</td> }).collect_view()}
                        <td class="assess-row-actions">
                            <a class="btn small" href=format!("#/assess/result/{id}")>{t(lang, "assess.history.open")}</a>
                            <button type="button" class="btn small danger" data-testid=format!("assess-del-{id}")
                                aria-label=label
                                on:click=move |_| {
                                    if crate::ui::confirm(t(lang, "assess.history.delete_confirm")) {
                                        doc.update(|d| { d.delete_attempt(id); });
                                    }
                                }>{t(lang, "assess.history.delete")}</button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let table = view! {
            <div class="assess-table-wrap">
                <table class="table" data-testid="assess-history-table">
                    <thead><tr>
                        <th>{t(lang, "assess.history.date")}</th>
                        <th class="num">{t(lang, "assess.result.overall")}</th>
                        {dim_heads()}
                        <th><span class="sr-only">{t(lang, "assess.history.actions")}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        };
        if l.len() < 2 {
            return table.into_any();
        }
        // Compare two attempts (default: the oldest and the newest).
        let pick = |sel: Option<u64>, fallback: &Attempt| -> Attempt {
            sel.and_then(|id| l.iter().find(|a| a.id == id))
                .unwrap_or(fallback)
                .clone()
        };
        let (first, last) = (&l[0], &l[l.len() - 1]);
        let a = pick(sel_a.get(), first);
        let b = pick(sel_b.get(), last);
        let oa = score(q, &a.answers);
        let ob = score(q, &b.answers);
        let selector = |key: &'static str,
                        sel: RwSignal<Option<u64>>,
                        cur: u64,
                        tid: &'static str| {
            let options = l
                .iter()
                .map(|x| {
                    view! { <option value=x.id.to_string() selected=x.id == cur>{fmt_date(lang, x.date)}" (#"{x.id}")"</option> }
                })
                .collect_view();
            view! {
                <label class="field assess-select">
                    <span>{t(lang, key)}</span>
                    <select data-testid=tid on:change=move |ev| sel.set(event_target_value(&ev).parse().ok())>{options}</select>
                </label>
            }
        };
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
        let cmp_rows = q
            .dims
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let (x, y) = (oa.dims[i].score, ob.dims[i].score);
                // From the shown values: 56 → 69 is "+13".
                let delta = super::score::fmt_delta(super::score::shown_delta(x, y));
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
        view! {
            {table}
            <section class="card assess-compare" data-testid="assess-compare">
                <h3>{t(lang, "assess.history.compare")}</h3>
                <div class="assess-select-row">
                    {selector("assess.history.pick_a", sel_a, a.id, "assess-cmp-a")}
                    {selector("assess.history.pick_b", sel_b, b.id, "assess-cmp-b")}
                </div>
                <div class="assess-result-grid">
                    <div class="assess-chart-box">
                        {radar_svg(labels(q, lang), series, "assess-compare-radar",
                            format!("{} / {}", summary(q, &oa, lang), summary(q, &ob, lang)))}
                        {legend(leg)}
                    </div>
                    <table class="table" data-testid="assess-compare-table">
                        <thead><tr>
                            <th>{t(lang, "assess.history.dimension")}</th>
                            <th class="num">"A"</th><th class="num">"B"</th>
                            <th class="num">{t(lang, "assess.history.change")}</th>
                        </tr></thead>
                        <tbody>{cmp_rows}</tbody>
                    </table>
                </div>
            </section>
        }
        .into_any()
    };

    view! {
        <div class="assess-history" data-testid="assess-history">
            <nav class="assess-chips" aria-label=t(lang, "assess.history.which")>{chips}</nav>
            <h2>{q.title.get(lang)}</h2>
            {body}
        </div>
    }
    .into_any()
}
