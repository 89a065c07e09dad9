//! Taking a questionnaire (wasm only): one statement at a time or all on one
//! page; every answer is autosaved so a reload resumes where the trainee left off.

use super::model::{Questionnaire, SCALE_MAX, SCALE_MIN};
use super::score::{answered_count, first_missing};
use super::view::{go, AD};
use crate::ui::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Take(doc: AD, q: &'static Questionnaire) -> impl IntoView {
    let i18n = use_i18n();
    let qid = q.id;
    let total = q.items.len();
    // The statement pointed to after a failed "finish".
    let missing = RwSignal::new(None::<usize>);
    let one = Memo::new(move |_| doc.with(|d| d.one_at_a_time));
    let current = Memo::new(move |_| {
        doc.with(|d| d.progress.get(qid).map(|p| p.current).unwrap_or(0))
            .min(total.saturating_sub(1))
    });
    let answered = Memo::new(move |_| {
        doc.with(|d| {
            d.progress
                .get(qid)
                .map(|p| answered_count(q, &p.answers))
                .unwrap_or(0)
        })
    });
    let value_of = move |idx: usize| {
        let id = q.items[idx].id;
        doc.with(|d| d.progress.get(qid).and_then(|p| p.answers.get(id).copied()))
    };
    let pick = move |idx: usize, v: u8| {
        let advance = one.get_untracked();
        doc.update(|d| {
            d.answer(qid, q.items[idx].id, v);
            if advance && idx + 1 < total {
                d.set_current(qid, idx + 1);
            }
        });
        if missing.get_untracked() == Some(idx) {
            missing.set(None);
        }
    };
    let goto = move |idx: usize| {
        if one.get_untracked() {
            doc.update(|d| d.set_current(qid, idx));
        } else if let Some(el) = document().get_element_by_id(&format!("assess-item-{idx}")) {
            el.scroll_into_view();
        }
    };
    let finish = move |_| {
        let gap = doc.with_untracked(|d| {
            d.progress
                .get(qid)
                .map(|p| first_missing(q, &p.answers))
                .unwrap_or(Some(0))
        });
        if let Some(i) = gap {
            missing.set(Some(i));
            goto(i);
            return;
        }
        let mut res = Err(0);
        doc.update(|d| res = d.finish(qid, crate::ui::today()));
        match res {
            Ok(id) => {
                doc.flush();
                go(&format!("result/{id}"));
            }
            Err(i) => missing.set(Some(i)),
        }
    };
    let restart = move |_| {
        if crate::ui::confirm(i18n.t("assess.take.restart_confirm")) {
            doc.update(|d| d.restart(qid));
            missing.set(None);
        }
    };

    // Keyboard: 1–5 answer the statement shown, ← → move between statements
    // (one-at-a-time mode; never while typing in a field or with modifiers).
    let on_key = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if !one.get_untracked() || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let typing = document()
            .active_element()
            .map(|el| {
                matches!(
                    el.tag_name().to_ascii_lowercase().as_str(),
                    "input" | "select" | "textarea"
                )
            })
            .unwrap_or(false);
        if typing {
            return;
        }
        let idx = current.get_untracked();
        match ev.key().as_str() {
            k @ ("1" | "2" | "3" | "4" | "5") => {
                if let Ok(v) = k.parse::<u8>() {
                    ev.prevent_default();
                    pick(idx, v);
                }
            }
            "ArrowRight" if idx + 1 < total => doc.update(|d| d.set_current(qid, idx + 1)),
            "ArrowLeft" if idx > 0 => doc.update(|d| d.set_current(qid, idx - 1)),
            _ => {}
        }
    });
    on_cleanup(move || on_key.remove());

    let options = move |idx: usize| {
        let label_id = format!("assess-qt-{idx}");
        view! {
            <div class="assess-options" role="radiogroup" aria-labelledby=label_id>
                {(SCALE_MIN..=SCALE_MAX).map(|v| {
                    let on = move || value_of(idx) == Some(v);
                    view! {
                        <button type="button" role="radio" class="assess-opt" class:selected=on
                            aria-checked=move || on().to_string()
                            data-testid=format!("assess-opt-{idx}-{v}")
                            on:click=move |_| pick(idx, v)>
                            <span class="assess-opt-num">{v}</span>
                            <span class="assess-opt-label">{move || i18n.t(q.scale_key(v))}</span>
                        </button>
                    }
                }).collect_view()}
            </div>
        }
    };

    let one_view = move || {
        let idx = current.get();
        let item = &q.items[idx];
        view! {
            <div class="card assess-question" data-testid="assess-question" data-index=idx.to_string()
                class:assess-missing=move || missing.get() == Some(idx)>
                <p class="muted assess-count">
                    {move || i18n.tf("assess.take.n_of", &[("n", &(idx + 1).to_string()), ("total", &total.to_string())])}
                </p>
                <p class="assess-q-text" id=format!("assess-qt-{idx}")>{move || item.text.get(i18n.lang())}</p>
                {options(idx)}
                <p class="muted assess-keys">{move || i18n.t("assess.take.keys")}</p>
                <div class="assess-step">
                    <button type="button" class="btn" data-testid="assess-prev" disabled={idx == 0}
                        on:click=move |_| doc.update(|d| d.set_current(qid, idx.saturating_sub(1)))>
                        {move || i18n.t("assess.take.prev")}
                    </button>
                    <button type="button" class="btn" data-testid="assess-next" disabled={idx + 1 >= total}
                        on:click=move |_| doc.update(|d| d.set_current(qid, idx + 1))>
                        {move || i18n.t("assess.take.next")}
                    </button>
                </div>
            </div>
        }
    };

    let all_view = move || {
        q.items
            .iter()
            .enumerate()
            .map(|(idx, item)| {
                let unanswered = move || missing.get().is_some() && value_of(idx).is_none();
                view! {
                    <div class="card assess-question" id=format!("assess-item-{idx}")
                        data-testid=format!("assess-item-{idx}") class:assess-missing=unanswered>
                        <p class="assess-q-text" id=format!("assess-qt-{idx}")>
                            <span class="assess-q-num">{idx + 1}". "</span>
                            {move || item.text.get(i18n.lang())}
                        </p>
                        {options(idx)}
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <div class="assess-take" data-testid="assess-take" data-q=qid>
            <h2>{move || q.title.get(i18n.lang())}</h2>
            <p class="muted">{move || q.intro.get(i18n.lang())}</p>
            <div class="assess-progress-row">
                <div class="assess-bar" role="progressbar" aria-valuemin="0" aria-valuemax=total.to_string()
                    aria-valuenow=move || answered.get().to_string()
                    aria-label=move || i18n.t("assess.take.progress")>
                    <span style=move || format!("width:{:.1}%", answered.get() as f64 * 100.0 / total.max(1) as f64)></span>
                </div>
                <span class="assess-progress-text" data-testid="assess-progress">
                    {move || i18n.tf("assess.take.answered", &[("n", &answered.get().to_string()), ("total", &total.to_string())])}
                </span>
            </div>
            <div class="assess-mode" role="group" aria-label=move || i18n.t("assess.take.mode")>
                <button type="button" class="btn small" class:primary=move || one.get()
                    aria-pressed=move || one.get().to_string() data-testid="assess-mode-one"
                    on:click=move |_| doc.update(|d| d.one_at_a_time = true)>{move || i18n.t("assess.take.mode_one")}</button>
                <button type="button" class="btn small" class:primary=move || !one.get()
                    aria-pressed=move || (!one.get()).to_string() data-testid="assess-mode-all"
                    on:click=move |_| doc.update(|d| d.one_at_a_time = false)>{move || i18n.t("assess.take.mode_all")}</button>
            </div>
            {move || if one.get() { one_view().into_any() } else { all_view().into_any() }}
            {move || missing.get().map(|i| view! {
                <div class="notice warn" role="alert" data-testid="assess-missing">
                    <span>{move || i18n.tf("assess.take.missing", &[("n", &(i + 1).to_string()),
                        ("count", &(total - answered.get()).to_string())])}</span>
                    " "
                    <button type="button" class="btn small" data-testid="assess-goto-missing"
                        on:click=move |_| goto(i)>{move || i18n.tf("assess.take.goto", &[("n", &(i + 1).to_string())])}</button>
                </div>
            })}
            <div class="assess-actions">
                <button type="button" class="btn primary assess-big" data-testid="assess-finish" on:click=finish>
                    {move || i18n.t("assess.take.finish")}
                </button>
                <button type="button" class="btn ghost" data-testid="assess-restart" on:click=restart>
                    {move || i18n.t("assess.take.restart")}
                </button>
                <a class="btn ghost" href="#/assess">{move || i18n.t("assess.back_to_list")}</a>
            </div>
        </div>
    }
}
