//! Saved cases: open, duplicate, rename, delete, and compare two or three
//! side by side with the differences marked.

use super::doc::{compare_rows, Kind, MAX_SCENARIOS};
use super::model::six_clv;
use super::view::ClvHandle;
use crate::i18n::format::{fmt_money, fmt_number, fmt_percent};
use crate::i18n::Lang;
use crate::ui::{self, use_i18n};
use leptos::prelude::*;

fn show(lang: Lang, kind: Kind, v: Option<f64>) -> String {
    match v {
        None => "—".into(),
        Some(v) => match kind {
            Kind::Money => fmt_money(lang, v),
            Kind::Count => fmt_number(v, 2)
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string(),
            Kind::Percent => fmt_percent(v, 1),
            Kind::Years => fmt_number(v, 0),
        },
    }
}

#[component]
pub fn ScenariosPage(doc: ClvHandle) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(None::<u32>);
    let draft = RwSignal::new(String::new());
    let message = RwSignal::new(None::<&'static str>);

    let add = move |_| {
        let lang = i18n.lang_untracked();
        let n = doc.with_untracked(|d| d.scenarios.len() + 1).to_string();
        let name = crate::i18n::tf(lang, "clv.sc.new_name", &[("n", &n)]);
        let mut ok = true;
        doc.update(|d| ok = d.add(&name).is_some());
        message.set((!ok).then_some("clv.sc.full"));
    };

    let list = move || {
        let lang = i18n.lang();
        let t = move |k| crate::i18n::t(lang, k);
        let (items, selected, compare, count, full) = doc.with(|d| {
            (
                d.scenarios
                    .iter()
                    .map(|s| {
                        (
                            s.id,
                            s.name.clone(),
                            six_clv(&s.six).ok().map(|r| r.total),
                            s.ret.evaluate().ok().map(|r| r.clv),
                        )
                    })
                    .collect::<Vec<_>>(),
                d.current().map(|s| s.id),
                d.compare.clone(),
                d.scenarios.len(),
                d.compare_full(),
            )
        });
        items
            .into_iter()
            .map(|(id, name, six, ret)| {
                let is_cur = selected == Some(id);
                let in_cmp = compare.contains(&id);
                let name2 = name.clone();
                let name3 = name.clone();
                let name_cell = move || {
                    if editing.get() == Some(id) {
                        view! {
                            <form class="clv-rename" on:submit=move |ev: leptos::ev::SubmitEvent| {
                                ev.prevent_default();
                                let mut ok = false;
                                let text = draft.get_untracked();
                                doc.update(|d| ok = d.rename(id, &text));
                                if ok {
                                    editing.set(None);
                                    message.set(None);
                                } else {
                                    message.set(Some("clv.sc.name_empty"));
                                }
                            }>
                                <input type="text" aria-label=t("clv.sc.name") data-testid=format!("clv-sc-name-input-{id}")
                                    prop:value=move || draft.get() maxlength="100"
                                    on:input=move |ev| draft.set(event_target_value(&ev)) />
                                <button type="submit" class="btn small primary" data-testid=format!("clv-sc-save-{id}")>{t("clv.sc.save_name")}</button>
                                <button type="button" class="btn small ghost" on:click=move |_| editing.set(None)>{t("clv.sc.cancel")}</button>
                            </form>
                        }
                        .into_any()
                    } else {
                        view! {
                            <span class="clv-sc-name" data-testid=format!("clv-sc-name-{id}")>{name2.clone()}</span>
                            {is_cur.then(|| view! { <span class="clv-badge">{t("clv.sc.current")}</span> })}
                        }
                        .into_any()
                    }
                };
                let on_dup = {
                    let name = name3.clone();
                    move |_: leptos::ev::MouseEvent| {
                        let copy = crate::i18n::tf(lang, "clv.sc.copy_name", &[("name", &name)]);
                        doc.update(|d| {
                            d.duplicate(id, &copy);
                        });
                    }
                };
                let on_ren = {
                    let name = name3.clone();
                    move |_: leptos::ev::MouseEvent| {
                        draft.set(name.clone());
                        editing.set(Some(id));
                    }
                };
                let on_del = {
                    let name = name3.clone();
                    move |_: leptos::ev::MouseEvent| {
                        if ui::confirm(&crate::i18n::tf(lang, "clv.sc.delete_confirm", &[("name", &name)])) {
                            doc.update(|d| {
                                d.delete(id);
                            });
                        }
                    }
                };
                view! {
                    <tr class:clv-current=is_cur data-testid=format!("clv-sc-row-{id}")>
                        <td>
                            // At most three: the other boxes are disabled, and the note says why.
                            // The label is the 44-px tap area around the box.
                            <label class="clv-pick">
                            <input type="checkbox" aria-label=format!("{} {}", t("clv.sc.compare"), name) prop:checked=in_cmp
                                data-testid=format!("clv-sc-compare-{id}")
                                disabled={full && !in_cmp}
                                title={(full && !in_cmp).then(|| t("clv.sc.compare_full"))}
                                on:change=move |_| {
                                    let mut ok = true;
                                    doc.update(|d| ok = d.toggle_compare(id));
                                    message.set((!ok).then_some("clv.sc.compare_full"));
                                } />
                            </label>
                        </td>
                        <td>{name_cell}</td>
                        <td class="num">{six.map(|v| fmt_money(lang, v)).unwrap_or_else(|| "—".into())}</td>
                        <td class="num">{ret.map(|v| fmt_money(lang, v)).unwrap_or_else(|| "—".into())}</td>
                        <td class="clv-actions">
                            <a class="btn small" href="#/clv" data-testid=format!("clv-sc-open-{id}")
                                on:click=move |_| doc.update(|d| d.selected = id)>{t("clv.sc.open")}</a>
                            <button type="button" class="btn small" data-testid=format!("clv-sc-dup-{id}")
                                disabled={count >= MAX_SCENARIOS}
                                on:click=on_dup>{t("clv.sc.duplicate")}</button>
                            <button type="button" class="btn small" data-testid=format!("clv-sc-rename-{id}")
                                on:click=on_ren>{t("clv.sc.rename")}</button>
                            <button type="button" class="btn small danger" data-testid=format!("clv-sc-delete-{id}")
                                disabled={count <= 1}
                                on:click=on_del>{t("clv.sc.delete")}</button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let comparison = move || {
        let lang = i18n.lang();
        let t = move |k| crate::i18n::t(lang, k);
        let (names, rows) = doc.with(|d| {
            let cmp = d.compared();
            (
                cmp.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
                compare_rows(&cmp),
            )
        });
        if names.len() < 2 {
            return view! { <p class="muted" data-testid="clv-compare-few">{t("clv.sc.compare_few")}</p> }.into_any();
        }
        view! {
            <div class="clv-scroll">
                <table class="table clv-compare" data-testid="clv-compare">
                    <thead><tr>
                        <th scope="col">{t("clv.sc.item")}</th>
                        {names.into_iter().map(|n| view! { <th scope="col" class="num">{n}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let first = r.values.first().copied().flatten();
                            view! {
                                <tr class:clv-result=r.result class:clv-differs=r.differs data-differs=r.differs.to_string()>
                                    <th scope="row">{t(r.label)}{r.differs.then(|| view! { <span class="clv-diff-mark" title=t("clv.sc.differs")>" ≠"</span> })}</th>
                                    {r.values.iter().enumerate().map(|(i, v)| {
                                        let diff = i > 0 && match (first, *v) {
                                            (Some(a), Some(b)) => (a - b).abs() > 1e-9 * (1.0 + a.abs().max(b.abs())),
                                            (a, b) => a.is_some() != b.is_some(),
                                        };
                                        view! { <td class="num" class:clv-diff=diff>{show(lang, r.kind, *v)}</td> }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };

    view! {
        <div class="card">
            <div class="clv-row-head">
                <h2>{i18n.text("clv.sc.title")}</h2>
                <button type="button" class="btn primary" data-testid="clv-sc-add" on:click=add>{i18n.text("clv.sc.add")}</button>
            </div>
            {move || message.get().map(|k| view! { <p class="notice warn" role="alert" data-testid="clv-sc-message">{i18n.t(k)}</p> })}
            <div class="clv-scroll">
                <table class="table clv-sc-table" data-testid="clv-sc-table">
                    <thead><tr>
                        <th scope="col">{i18n.text("clv.sc.compare")}</th>
                        <th scope="col">{i18n.text("clv.sc.name")}</th>
                        <th scope="col" class="num">{i18n.text("clv.res.six_total")}</th>
                        <th scope="col" class="num">{i18n.text("clv.ret.clv")}</th>
                        <th scope="col"><span class="clv-sr">{i18n.text("clv.sc.open")}</span></th>
                    </tr></thead>
                    <tbody>{list}</tbody>
                </table>
            </div>
        </div>
        <div class="card">
            <h2>{i18n.text("clv.sc.compare_title")}</h2>
            <p class="muted">{i18n.text("clv.sc.compare_help")}</p>
            {move || doc.with(|d| d.compare_full()).then(|| view! {
                <p class="notice" role="status" data-testid="clv-compare-full">{i18n.t("clv.sc.compare_full")}</p>
            })}
            {comparison}
        </div>
    }
}
