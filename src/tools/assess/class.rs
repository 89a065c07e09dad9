//! The trainer's class view (wasm only): import many result files at once,
//! average radar, spread per dimension and a per-trainee table.

use super::data::questionnaire;
use super::file::{import_many, ClassEntry};
use super::score::{aggregate, score, Answers};
use super::view::{fmt_score, legend, radar_svg, Series, AD};
use crate::i18n::format::fmt_date;
use crate::i18n::{t, tf, Lang};
use crate::share::assess::{receive, HandIn};
use crate::ui::scan::{Received, ScanButton};
use leptos::prelude::*;

pub fn class_view(doc: AD, lang: Lang) -> AnyView {
    // Import report: (file name, reason) of skipped files, and how many were added.
    let skipped = RwSignal::new(Vec::<(String, String)>::new());
    let added = RwSignal::new(None::<usize>);
    let chosen = RwSignal::new(None::<&'static str>);
    let qids = Memo::new(move |_| doc.with(|d| d.class_questionnaires()));
    let qid = move || {
        let list = qids.get();
        chosen
            .get()
            .filter(|c| list.contains(c))
            .or(list.first().copied())
    };

    let on_files = move |ev: leptos::ev::Event| {
        let files = crate::ui::files_of(&ev);
        if files.is_empty() {
            return;
        }
        skipped.set(Vec::new());
        added.set(Some(0));
        for f in files {
            crate::ui::read_file_text(f, move |name, res| match res {
                Err(_) => {
                    skipped.update(|s| s.push((name, t(lang, "assess.file.err.read").to_string())))
                }
                Ok(text) => {
                    let existing = doc.with_untracked(|d| d.class.clone());
                    let (good, bad) = import_many(&existing, &[(name, text)]);
                    for (n, e) in bad {
                        let msg = crate::i18n::fill(
                            crate::i18n::lookup(lang, e.message_key()).unwrap_or(""),
                            &[("n", &e.detail())],
                        );
                        skipped.update(|s| s.push((n, msg)));
                    }
                    if let Some(q) = good.last().and_then(|e| questionnaire(&e.questionnaire)) {
                        chosen.set(Some(q.id));
                    }
                    if !good.is_empty() {
                        let mut n = 0;
                        doc.update(|d| n = d.add_class(good));
                        added.update(|a| *a = Some(a.unwrap_or(0) + n));
                    }
                }
            });
        }
    };

    // A hand-in code scanned or pasted (issue #13).
    let on_scan = move |text: &str| -> Received {
        let d = js_sys::Date::new_0();
        let time = format!("{:02}:{:02}", d.get_hours(), d.get_minutes());
        let source = tf(lang, "share.scan.source", &[("time", &time)]);
        let res = doc.with_untracked(|d| receive(&d.class, text, &source));
        let who = |e: &ClassEntry| {
            if e.trainee.is_empty() {
                t(lang, "share.handin.unnamed").to_string()
            } else {
                e.trainee.clone()
            }
        };
        match res {
            Err(e) => Received::Refused(tf(
                lang,
                "share.handin.refused",
                &[("reason", t(lang, e.message_key()))],
            )),
            Ok((HandIn::Duplicate(_), e)) => {
                Received::Duplicate(tf(lang, "share.handin.duplicate", &[("name", &who(&e))]))
            }
            Ok((how, e)) => {
                let name = who(&e);
                let qid = questionnaire(&e.questionnaire).map(|q| q.id);
                let mut taken = 0;
                doc.update(|d| match how {
                    HandIn::Retake(i) if i < d.class.len() => {
                        d.class[i] = e;
                        taken = 1;
                    }
                    _ => taken = d.add_class(vec![e]),
                });
                if taken == 0 {
                    return Received::Refused(t(lang, "share.err.full").to_string());
                }
                chosen.set(qid);
                let key = if matches!(how, HandIn::Retake(_)) {
                    "share.handin.replaced"
                } else {
                    "share.handin.added"
                };
                Received::Added(tf(lang, key, &[("name", &name)]))
            }
        }
    };

    let clear = move |_| {
        if crate::ui::confirm(t(lang, "assess.class.clear_confirm")) {
            doc.update(|d| d.class.clear());
            skipped.set(Vec::new());
            added.set(None);
        }
    };

    let export_csv = move |_| {
        let Some(q) = qid().and_then(questionnaire) else {
            return;
        };
        let text = doc.with_untracked(|d| {
            let entries: Vec<&ClassEntry> =
                d.class.iter().filter(|e| e.questionnaire == q.id).collect();
            super::file::class_csv(q, &entries, lang)
        });
        crate::ui::download(
            &format!("assess-class-{}-{}.csv", q.id, crate::ui::file_stamp()),
            "text/csv",
            &text,
        );
    };

    let report = move || {
        let s = skipped.get();
        let a = added.get();
        view! {
            {a.map(|n| view! {
                <p class="notice" role="status" data-testid="assess-class-added">
                    {tf(lang, "assess.class.added", &[("n", &n.to_string())])}
                </p>
            })}
            {(!s.is_empty()).then(|| view! {
                <div class="notice warn" role="alert" data-testid="assess-class-skipped">
                    <p>{tf(lang, "assess.class.skipped", &[("n", &s.len().to_string())])}</p>
                    <ul>{s.into_iter().map(|(n, m)| view! { <li><strong>{n}</strong>": "{m}</li> }).collect_view()}</ul>
                </div>
            })}
        }
    };

    let chips = move || {
        let list = qids.get();
        let cur = qid();
        (list.len() > 1).then(|| {
            view! {
                <div class="assess-chips" role="group" aria-label=t(lang, "assess.history.which")>
                    {list.into_iter().map(|id| {
                        let q = questionnaire(id);
                        view! {
                            <button type="button" class="assess-chip" class:active=cur == Some(id)
                                aria-pressed=(cur == Some(id)).to_string()
                                data-testid=format!("assess-class-q-{id}")
                                on:click=move |_| chosen.set(Some(id))>
                                {q.map(|q| q.title.get(lang)).unwrap_or(id)}
                            </button>
                        }
                    }).collect_view()}
                </div>
            }
        })
    };

    let body = move || {
        let Some(q) = qid().and_then(questionnaire) else {
            return view! { <p class="notice" data-testid="assess-class-empty">{t(lang, "assess.class.empty")}</p> }.into_any();
        };
        let entries: Vec<(usize, ClassEntry)> = doc.with(|d| {
            d.class
                .iter()
                .enumerate()
                .filter(|(_, e)| e.questionnaire == q.id)
                .map(|(i, e)| (i, e.clone()))
                .collect()
        });
        let sets: Vec<&Answers> = entries.iter().map(|(_, e)| &e.answers).collect();
        let stats = aggregate(q, &sets);
        let labels: Vec<String> = q
            .dims
            .iter()
            .map(|d| d.name.get(lang).to_string())
            .collect();
        let series = vec![
            Series {
                values: stats.iter().map(|s| s.max.unwrap_or(0.0)).collect(),
                class: "max",
            },
            Series {
                values: stats.iter().map(|s| s.min.unwrap_or(0.0)).collect(),
                class: "min",
            },
            Series {
                values: stats.iter().map(|s| s.mean.unwrap_or(0.0)).collect(),
                class: "a",
            },
        ];
        let summary = stats
            .iter()
            .map(|s| format!("{} {}", s.dim.name.get(lang), fmt_score(s.mean)))
            .collect::<Vec<_>>()
            .join(", ");
        let leg = vec![
            ("a", t(lang, "assess.class.average").to_string()),
            ("max", t(lang, "assess.class.max").to_string()),
            ("min", t(lang, "assess.class.min").to_string()),
        ];
        let spread_rows = stats
            .iter()
            .map(|s| {
                view! {
                    <tr data-testid=format!("assess-spread-{}", s.dim.id)>
                        <td>{s.dim.name.get(lang)}</td>
                        <td class="num" data-testid=format!("assess-avg-{}", s.dim.id)>{fmt_score(s.mean)}</td>
                        <td class="num">{fmt_score(s.min)}</td>
                        <td class="num">{fmt_score(s.max)}</td>
                        <td class="num">{s.std_dev.map(|v| crate::num::fixed(v, 1)).unwrap_or_else(|| "—".into())}</td>
                        <td class="assess-range-cell" aria-hidden="true">
                            <span class="assess-range">
                                <span class="assess-range-bar" style:left=format!("{}%", crate::num::fixed(s.min.unwrap_or(0.0), 1))
                                    style:width=format!("{}%", crate::num::fixed((s.max.unwrap_or(0.0) - s.min.unwrap_or(0.0)).max(0.5), 1))></span>
                                <span class="assess-range-mean" style:left=format!("{}%", crate::num::fixed(s.mean.unwrap_or(0.0), 1))></span>
                            </span>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let trainee_rows = entries
            .iter()
            .map(|(idx, e)| {
                let o = score(q, &e.answers);
                let idx = *idx;
                let who = if e.trainee.is_empty() { e.file.clone() } else { e.trainee.clone() };
                let label = tf(lang, "assess.class.remove_label", &[("name", &who)]);
                view! {
                    <tr data-testid="assess-class-row">
                        <td>{who}</td>
                        <td>{fmt_date(lang, e.date)}</td>
                        {o.dims.iter().map(|d| view! { <td class="num">{fmt_score(d.score)}</td> }).collect_view()}
                        <td class="num"><strong>{fmt_score(o.overall())}</strong></td>
                        <td class="assess-noprint">
                            <button type="button" class="btn small ghost" aria-label=label
                                on:click=move |_| doc.update(|d| { if idx < d.class.len() { d.class.remove(idx); } })>"×"</button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h2>{q.title.get(lang)}</h2>
            <p class="muted" data-testid="assess-class-count">{tf(lang, "assess.class.count", &[("n", &entries.len().to_string())])}</p>
            <div class="assess-class-grid">
                <div class="assess-chart-box">
                    {radar_svg(labels, series, "assess-class-radar", summary)}
                    {legend(leg)}
                </div>
                <div class="assess-table-wrap">
                    <table class="table" data-testid="assess-spread-table">
                        <caption>{t(lang, "assess.class.spread")}</caption>
                        <thead><tr>
                            <th>{t(lang, "assess.history.dimension")}</th>
                            <th class="num">{t(lang, "assess.class.average")}</th>
                            <th class="num">{t(lang, "assess.class.min")}</th>
                            <th class="num">{t(lang, "assess.class.max")}</th>
                            <th class="num">{t(lang, "assess.class.sd")}</th>
                            <th><span class="sr-only">{t(lang, "assess.class.range")}</span></th>
                        </tr></thead>
                        <tbody>{spread_rows}</tbody>
                    </table>
                </div>
            </div>
            <div class="assess-table-wrap">
                <table class="table" data-testid="assess-class-table">
                    <caption>{t(lang, "assess.class.table")}</caption>
                    <thead><tr>
                        <th>{t(lang, "assess.trainee")}</th>
                        <th>{t(lang, "assess.history.date")}</th>
                        {q.dims.iter().map(|d| view! { <th class="num">{d.name.get(lang)}</th> }).collect_view()}
                        <th class="num">{t(lang, "assess.result.overall")}</th>
                        <th class="assess-noprint"><span class="sr-only">{t(lang, "assess.history.actions")}</span></th>
                    </tr></thead>
                    <tbody>{trainee_rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };

    view! {
        <div class="assess-class" data-testid="assess-class">
            <p class="lead">{t(lang, "assess.class.intro")}</p>
            <div class="assess-actions assess-noprint">
                <label class="btn primary assess-file">
                    {t(lang, "assess.class.import")}
                    <input type="file" multiple accept=".json,application/json" data-testid="assess-class-file"
                        class="assess-file-input" on:change=on_files />
                </label>
                <ScanButton on_text=on_scan />
                <button type="button" class="btn" data-testid="assess-class-csv" on:click=export_csv
                    disabled=move || qids.get().is_empty()>{t(lang, "assess.class.csv")}</button>
                <button type="button" class="btn" on:click=move |_| crate::ui::print()>{t(lang, "assess.result.print")}</button>
                <button type="button" class="btn danger ghost" data-testid="assess-class-clear" on:click=clear
                    disabled=move || doc.with(|d| d.class.is_empty())>{t(lang, "assess.class.clear")}</button>
            </div>
            {report}
            {chips}
            {body}
        </div>
    }
    .into_any()
}
