//! Taking a questionnaire (wasm only): one statement at a time or all on one
//! page; every answer is autosaved so a reload resumes where the trainee left off.

use super::model::{Questionnaire, SCALE_MAX, SCALE_MIN};
use super::score::{answered_count, first_missing};
use super::view::{go, progress_bar, AD};
use crate::i18n::{t, tf, Lang};
use leptos::prelude::*;

pub fn take(doc: AD, q: &'static Questionnaire, lang: Lang) -> AnyView {
    let qid = q.id;
    let total = q.items.len();
    // The statement pointed to after a failed "finish".
    let missing = RwSignal::new(None::<usize>);
    let one = Memo::new(move |_| doc.with(|d| d.one_at_a_time));
    let current = Memo::new(move |_| {
        doc.with(|d| d.progress.get(qid).map(|p| p.current).unwrap_or(0))
            .min(total.saturating_sub(1))
    });
    let value_of = move |idx: usize| {
        let id = q.items[idx].id;
        doc.with(|d| d.progress.get(qid).and_then(|p| p.answers.get(id).copied()))
    };
    let set_current = move |idx: usize| doc.update(|d| d.set_current(qid, idx));
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
            set_current(idx);
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
        if crate::ui::confirm(t(lang, "assess.take.restart_confirm")) {
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
            "ArrowRight" if idx + 1 < total => set_current(idx + 1),
            "ArrowLeft" if idx > 0 => set_current(idx - 1),
            _ => {}
        }
    });
    on_cleanup(move || on_key.remove());

    // One card: the statement and its five answer buttons.
    let card = move |idx: usize, numbered: bool| {
        let item = &q.items[idx];
        let unanswered = move || missing.get().is_some() && value_of(idx).is_none();
        let buttons = (SCALE_MIN..=SCALE_MAX)
            .map(|v| {
                let on = move || value_of(idx) == Some(v);
                view! {
                    <button type="button" role="radio" class="assess-opt" class:selected=on
                        aria-checked=move || on().to_string()
                        data-testid=format!("assess-opt-{idx}-{v}")
                        on:click=move |_| pick(idx, v)>
                        <span class="assess-opt-num">{v}</span>
                        <span class="assess-opt-label">{t(lang, q.scale_key(v))}</span>
                    </button>
                }
            })
            .collect_view();
        let (id, testid) = if numbered {
            (format!("assess-item-{idx}"), format!("assess-item-{idx}"))
        } else {
            (
                String::from("assess-current"),
                String::from("assess-question"),
            )
        };
        let count = (!numbered).then(|| {
            tf(
                lang,
                "assess.take.n_of",
                &[("n", &(idx + 1).to_string()), ("total", &total.to_string())],
            )
        });
        view! {
            <div class="card assess-question" id=id data-testid=testid data-index=idx.to_string()
                class:assess-missing=unanswered>
                {count.map(|c| view! { <p class="muted assess-count">{c}</p> })}
                <p class="assess-q-text" id=format!("assess-qt-{idx}")>
                    {numbered.then(|| format!("{}. ", idx + 1))}
                    {item.text.get(lang)}
                </p>
                <div class="assess-options" role="radiogroup" aria-labelledby=format!("assess-qt-{idx}")>{buttons}</div>
            </div>
        }
    };

    let body = move || {
        if one.get() {
            let idx = current.get();
            view! {
                {card(idx, false)}
                <p class="muted assess-keys">{t(lang, "assess.take.keys")}</p>
                <div class="assess-step">
                    <button type="button" class="btn" data-testid="assess-prev" disabled={idx == 0}
                        on:click=move |_| set_current(idx.saturating_sub(1))>{t(lang, "assess.take.prev")}</button>
                    <button type="button" class="btn" data-testid="assess-next" disabled={idx + 1 >= total}
                        on:click=move |_| set_current(idx + 1)>{t(lang, "assess.take.next")}</button>
                </div>
            }
            .into_any()
        } else {
            (0..total).map(|i| card(i, true)).collect_view().into_any()
        }
    };

    // Progress, display mode and the "not answered" notice: one reactive block each.
    let head = move || {
        let answered = doc.with(|d| {
            d.progress
                .get(qid)
                .map(|p| answered_count(q, &p.answers))
                .unwrap_or(0)
        });
        let is_one = one.get();
        view! {
            <div class="assess-progress-row">
                {progress_bar(answered, total, lang)}
                <span class="assess-progress-text" data-testid="assess-progress">
                    {tf(lang, "assess.take.answered", &[("n", &answered.to_string()), ("total", &total.to_string())])}
                </span>
            </div>
            <div class="assess-mode" role="group" aria-label=t(lang, "assess.take.mode")>
                <button type="button" class="btn small" class:primary=is_one
                    aria-pressed=is_one.to_string() data-testid="assess-mode-one"
                    on:click=move |_| doc.update(|d| d.one_at_a_time = true)>{t(lang, "assess.take.mode_one")}</button>
                <button type="button" class="btn small" class:primary=!is_one
                    aria-pressed=(!is_one).to_string() data-testid="assess-mode-all"
                    on:click=move |_| doc.update(|d| d.one_at_a_time = false)>{t(lang, "assess.take.mode_all")}</button>
            </div>
        }
    };

    // Points to the first unanswered statement, next to the finish button.
    let notice = move || {
        let answered = doc.with(|d| {
            d.progress
                .get(qid)
                .map(|p| answered_count(q, &p.answers))
                .unwrap_or(0)
        });
        missing.get().map(|i| view! {
            <div class="notice warn" role="alert" data-testid="assess-missing">
                <span>{tf(lang, "assess.take.missing", &[("n", &(i + 1).to_string()),
                    ("count", &(total - answered).to_string())])}</span>
                <button type="button" class="btn small" data-testid="assess-goto-missing"
                    on:click=move |_| goto(i)>{tf(lang, "assess.take.goto", &[("n", &(i + 1).to_string())])}</button>
            </div>
        })
    };

    view! {
        <div class="assess-take" data-testid="assess-take" data-q=qid>
            <h2>{q.title.get(lang)}</h2>
            <p class="muted">{q.intro.get(lang)}</p>
            {head}
            {body}
            {notice}
            <div class="assess-actions">
                <button type="button" class="btn primary assess-big" data-testid="assess-finish" on:click=finish>
                    {t(lang, "assess.take.finish")}
                </button>
                <button type="button" class="btn ghost" data-testid="assess-restart" on:click=restart>
                    {t(lang, "assess.take.restart")}
                </button>
                <a class="btn ghost" href="#/assess">{t(lang, "assess.back_to_list")}</a>
            </div>
        </div>
    }
    .into_any()
}
