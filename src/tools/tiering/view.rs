//! The tool's page (wasm only): import, assumptions, tiers, charts, table.

use super::chart::{self, Frame};
use super::csv::{self, Delim};
use super::doc::TieringDoc;
use super::import::{self, CustomerList, Fatal, Field, Mapping, Preview};
use super::model::{self, Analysis, Basis, Scheme, SortKey, Tier};
use super::sample;
use super::text;
use crate::i18n::format::{fmt_money_col, fmt_money_short, fmt_number, fmt_percent, plural};
use crate::storage::browser::use_doc;
use crate::tools::clv::invalid::Invalid;
use crate::tools::clv::retention::{Convention, Horizon, InputError};
use crate::tools::ToolId;
use crate::ui::{self, use_i18n, NumberField, SaveBadge};

/// A number change handler (boxed, so `NumberField` is compiled once).
type OnNum = Arc<dyn Fn(f64) + Send + Sync>;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;

/// An `Arc` compared by identity: cheap change detection for large values.
#[derive(Debug)]
struct Shared<T>(Arc<T>);
impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}
impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
impl<T> Shared<T> {
    fn new(v: T) -> Self {
        Shared(Arc::new(v))
    }
}

const ROW_H: f64 = 34.0;
const VIEW_H: f64 = 476.0;

/// Decode file bytes: UTF-8 (with or without BOM), else GB18030 through the
/// browser's decoder.
fn decode_bytes(bytes: Vec<u8>) -> Option<String> {
    csv::decode_bytes(bytes, |bytes| {
        let opts = web_sys::TextDecoderOptions::new();
        opts.set_fatal(true);
        let dec = web_sys::TextDecoder::new_with_label_and_options("gb18030", &opts).ok()?;
        dec.decode_with_u8_array(bytes).ok()
    })
}

/// A reactive translation. One closure type serves every call site, which
/// keeps the wasm smaller than a closure per text.
fn tr(key: &'static str) -> impl Fn() -> &'static str + Clone + Send + Sync + 'static {
    let i18n = use_i18n();
    i18n.text(key)
}

/// The page, once the document has been read from IndexedDB (a moment; a
/// 100,000-row list takes a few hundred milliseconds): nothing is shown, and
/// so nothing can be changed and saved, before.
#[component]
pub fn Page(#[prop(into)] sub: Signal<String>) -> impl IntoView {
    let _ = sub;
    let doc = use_doc::<TieringDoc>();
    move || {
        if doc.loaded() {
            view! { <Loaded /> }.into_any()
        } else {
            view! {
                <section class="page tiering-page" data-testid="tool-tiering-loading" aria-busy="true">
                    <p class="muted" role="status">{tr("tiering.loading")}</p>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn Loaded() -> impl IntoView {
    let i18n = use_i18n();
    let tool = ToolId::Tiering;
    let doc = use_doc::<TieringDoc>();
    super::view_share::open_link(doc);
    let invalid = RwSignal::new(Invalid::default());
    provide_context(Invalids(invalid));
    let painted = crate::ui::after_paint();

    // The list, decoded once per import.
    let (init_id, init_list) = doc.with_untracked(|d| (d.list_id, d.decode_list()));
    let list = RwSignal::new(Shared(init_list));
    let current_id = StoredValue::new(init_id);
    Effect::new(move |_| {
        let id = doc.with(|d| d.list_id);
        if id != current_id.get_value() {
            current_id.set_value(id);
            list.set(Shared(doc.with_untracked(|d| d.decode_list())));
        }
    });

    // Import state.
    let pending = RwSignal::new(None::<(Shared<String>, String)>);
    let delim_choice = RwSignal::new(None::<Delim>);
    let preview = RwSignal::new(None::<Result<Preview, Fatal>>);
    let mapping = RwSignal::new(Mapping::default());
    // The one message area of the import, replaced on every attempt.
    let msg = RwSignal::new(text::MessageArea::default());
    let paste_ref = NodeRef::<html::Textarea>::new();

    let refresh_preview = move || {
        let p = pending.with_untracked(|p| {
            p.as_ref()
                .map(|(t, _)| import::preview(&t.0, delim_choice.get_untracked(), 5))
        });
        if let Some(Ok(pv)) = &p {
            // Same headers as the last import: keep the mapping chosen then.
            let saved = doc.with_untracked(|d| {
                (d.headers == pv.headers && d.mapping.missing().is_empty())
                    .then(|| d.mapping.clone())
            });
            mapping.set(saved.unwrap_or_else(|| pv.mapping.clone()));
        }
        msg.update(|m| match &p {
            Some(r) => m.previewed(r),
            None => m.clear(),
        });
        preview.set(p);
    };
    let set_pending = move |text: String, source: String| {
        pending.set(Some((Shared::new(text), source)));
        refresh_preview();
    };
    let run_import = move || {
        let Some((text, source)) = pending.get_untracked() else {
            return;
        };
        let pv = match preview.get_untracked() {
            Some(Ok(pv)) => pv,
            Some(Err(f)) => {
                msg.update(|m| m.previewed(&Err(f)));
                return;
            }
            None => return,
        };
        let m = mapping.get_untracked();
        let res = import::import(&text.0, pv.delim, &m);
        msg.update(|area| area.imported(&res, &source));
        match res {
            Err(_) => {}
            Ok(imp) => {
                if imp.list.is_empty() {
                    return;
                }
                let id = js_sys::Date::now() as u64;
                let mut d = doc.get_untracked();
                let l = Arc::new(imp.list);
                d.set_list(l.clone(), &source, id);
                d.mapping = m;
                d.headers = pv.headers.clone();
                current_id.set_value(id);
                list.set(Shared(l));
                doc.set(d);
            }
        }
    };
    let load_sample = move |_| {
        let text = sample::sample_csv(i18n.lang_untracked());
        delim_choice.set(None);
        set_pending(text.clone(), "sample".into());
        run_import();
        // The sample shows in the paste box one frame after the results:
        // laying out its 200 lines takes the browser about 30 ms, as long
        // as the results themselves.
        ui::after_next_paint(move || {
            if let Some(Some(el)) = paste_ref.try_get_untracked() {
                el.set_value(&text);
            }
        });
    };
    let on_paste = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if v.trim().is_empty() {
            pending.set(None);
            preview.set(None);
        } else {
            set_pending(v, "paste".into());
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = ui::files_of(&ev).into_iter().next() else {
            return;
        };
        if file.size() > csv::MAX_BYTES as f64 {
            msg.update(|m| {
                m.previewed(&Err(Fatal::TooLarge {
                    bytes: file.size() as usize,
                }))
            });
            return;
        }
        ui::read_file_bytes(file, move |name, res| match res {
            Err(e) => msg.update(|m| m.failed("tiering.err.read", e)),
            Ok(bytes) => match decode_bytes(bytes) {
                None => msg.update(|m| m.failed("tiering.err.decode", String::new())),
                Some(text) => {
                    if let Some(el) = paste_ref.get_untracked() {
                        el.set_value("");
                    }
                    set_pending(text, name);
                    // A failed preview has said why already (once).
                    let go = preview.with_untracked(|p| {
                        mapping.with_untracked(|m| text::auto_import(p.as_ref(), m))
                    });
                    if go {
                        run_import();
                    }
                }
            },
        });
    };

    // Valuation and tiers.
    let settings =
        Memo::new(move |_| doc.with(|d| (d.assumptions.clone(), d.scheme, d.thresholds.clone())));
    let analysis = Memo::new(move |_| {
        let (a, scheme, th) = settings.get();
        let l = list.get();
        model::analyse(&l.0, &a, scheme, &th).map(Shared::new)
    });

    // Whether the table and the import button are shown: memos, so that a
    // new list or preview, which changes neither, does not rebuild them.
    let show_table = Memo::new(move |_| {
        painted.get()
            && !list.with(|l| l.0.is_empty())
            && analysis.with(|a| a.is_ok())
            && invalid.with(|iv| iv.is_empty())
    });
    let can_import = Memo::new(move |_| preview.with(|p| matches!(p, Some(Ok(_)))));

    // Table state.
    let sort_key = RwSignal::new(SortKey::Value);
    let sort_desc = RwSignal::new(true);
    let filter_text = RwSignal::new(String::new());
    let filter_tier = RwSignal::new(None::<Tier>);
    let scroll_top = RwSignal::new(0.0f64);
    let order = Memo::new(move |_| {
        let l = list.get();
        match analysis.get() {
            Ok(an) => Shared::new(model::table_order(
                &l.0,
                &an.0,
                sort_key.get(),
                sort_desc.get(),
                &filter_text.get(),
                filter_tier.get(),
            )),
            Err(_) => Shared::new(Vec::new()),
        }
    });

    let export = move |_| {
        let lang = i18n.lang_untracked();
        let Ok(an) = analysis.get_untracked() else {
            return;
        };
        let l = list.get_untracked();
        let heads: Vec<&str> = model::EXPORT_HEADERS
            .iter()
            .map(|k| crate::i18n::t(lang, k))
            .collect();
        let names = Tier::ALL.map(|t| crate::i18n::t(lang, t.name_key()));
        let a = doc.with_untracked(|d| d.assumptions.clone());
        let s = model::export_csv(&l.0, &an.0, &heads, &names, &a);
        ui::download(
            &format!(
                "{}-{}.csv",
                crate::i18n::t(lang, "tiering.file.base"),
                ui::file_stamp()
            ),
            "text/csv;charset=utf-8",
            &s,
        );
    };

    view! {
        <section class="page tiering-page" data-testid="tool-tiering">
            <div class="tiering-head">
                <h1>{i18n.text(tool.name_key())}</h1>
                <SaveBadge state=Signal::derive(move || doc.state()) />
                <super::view_share::Share doc=doc />
            </div>
            <p class="lead">{i18n.text(tool.intro_key())}</p>

            // ---- Import ----
            <div class="card tiering-import">
                <h2>{tr("tiering.import.title")}</h2>
                <div class="tiering-import-row">
                    <div class="field tiering-paste-field">
                        <label for="tiering-paste">{tr("tiering.import.paste_label")}</label>
                        <textarea id="tiering-paste" rows="5" data-testid="tiering-paste" node_ref=paste_ref
                            placeholder=tr("tiering.import.paste_ph")
                            on:input=on_paste></textarea>
                    </div>
                    <div class="tiering-import-actions">
                        <button type="button" class="btn primary" data-testid="tiering-load-sample" on:click=load_sample>
                            {tr("tiering.import.sample")}
                        </button>
                        <label class="btn file-btn">
                            {tr("tiering.import.file")}
                            <input type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                                data-testid="tiering-file" aria-label=tr("tiering.import.file") on:change=on_file />
                        </label>
                        <p class="muted small">{tr("tiering.import.file_hint")}</p>
                        <div class="field">
                            <label for="tiering-delim">{tr("tiering.import.delim")}</label>
                            <select id="tiering-delim" data-testid="tiering-delim" on:change=move |ev| {
                                let v = event_target_value(&ev);
                                delim_choice.set(match v.as_str() {
                                    "tab" => Some(Delim::Tab),
                                    "comma" => Some(Delim::Comma),
                                    "semicolon" => Some(Delim::Semicolon),
                                    _ => None,
                                });
                                refresh_preview();
                            }>
                                <option value="auto" selected=move || delim_choice.get().is_none()>{tr("tiering.delim.auto")}</option>
                                <option value="tab" selected=move || delim_choice.get() == Some(Delim::Tab)>{tr("tiering.delim.tab")}</option>
                                <option value="comma" selected=move || delim_choice.get() == Some(Delim::Comma)>{tr("tiering.delim.comma")}</option>
                                <option value="semicolon" selected=move || delim_choice.get() == Some(Delim::Semicolon)>{tr("tiering.delim.semicolon")}</option>
                            </select>
                        </div>
                    </div>
                </div>
                <PreviewBox preview=preview mapping=mapping />
                {move || can_import.get().then(|| view! {
                    <button type="button" class="btn primary" data-testid="tiering-import" on:click=move |_| run_import()>
                        {tr("tiering.import.go")}
                    </button>
                })}
                <MsgBox msg=msg />
            </div>

            <div class="grid-2 tiering-settings">
                <Assumptions doc=doc />
                <SchemeBox doc=doc list=list analysis=analysis />
            </div>

            // Results and table: built once the top of the page is painted.
            {move || {
                if !painted.get() {
                    return ().into_any();
                }
                let l = list.get();
                if l.0.is_empty() {
                    return view! {
                        <p class="notice" data-testid="tiering-empty">{i18n.t("tiering.empty")}</p>
                    }.into_any();
                }
                if let Err(b) = invalid.with(|iv| iv.gate(Ok(()))) {
                    return view! {
                        <p class="notice warn" role="alert" data-testid="tiering-input-error">"— "{b.message(i18n.lang())}</p>
                    }.into_any();
                }
                match analysis.get() {
                    Err(e) => view! {
                        <p class="notice warn" role="alert" data-testid="tiering-assume-error">{text::assumption_error(i18n.lang(), e)}</p>
                    }.into_any(),
                    Ok(an) => view! {
                        <Results an=an.clone() />
                    }.into_any(),
                }
            }}

            // ---- Table ----
            {move || show_table.get().then(|| view! {
                <div class="card tiering-table-card">
                    <h2>{tr("tiering.table.title")}</h2>
                    <div class="tiering-table-tools">
                        <input type="search" class="tiering-filter" data-testid="tiering-filter"
                            aria-label=tr("tiering.table.filter")
                            placeholder=tr("tiering.table.filter")
                            prop:value=move || filter_text.get()
                            on:input=move |ev| { filter_text.set(event_target_value(&ev)); scroll_top.set(0.0); } />
                        <select data-testid="tiering-tier-filter" aria-label=tr("tiering.table.tier_filter")
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                filter_tier.set(Tier::ALL.into_iter().find(|t| t.slug() == v));
                                scroll_top.set(0.0);
                            }>
                            <option value="" selected=move || filter_tier.get().is_none()>{tr("tiering.table.all")}</option>
                            {move || {
                                let scheme = settings.with(|s| s.1);
                                Tier::of_scheme(scheme).into_iter().map(|t| view! {
                                    <option value=t.slug() selected=move || filter_tier.get() == Some(t)>{i18n.text(t.name_key())}</option>
                                }).collect_view()
                            }}
                        </select>
                        <span class="muted" data-testid="tiering-shown">{move || plural(i18n.lang(), "tiering.table.shown", list.with(|l| l.0.len()), &[
                            ("n", &fmt_number(order.with(|o| o.0.len()) as f64, 0)),
                            ("total", &fmt_number(list.with(|l| l.0.len()) as f64, 0)),
                        ])}</span>
                        <button type="button" class="btn" data-testid="tiering-export" on:click=export>{tr("tiering.table.export")}</button>
                    </div>
                    <VirtualTable list=list analysis=analysis order=order sort_key=sort_key sort_desc=sort_desc scroll_top=scroll_top />
                </div>
            })}
        </section>
    }
}

#[component]
fn PreviewBox(
    preview: RwSignal<Option<Result<Preview, Fatal>>>,
    mapping: RwSignal<Mapping>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let p = preview.get();
        match p {
            None => ().into_any(),
            // A failed preview speaks in the import's one message area.
            Some(Err(_)) => ().into_any(),
            Some(Ok(pv)) => {
                let headers = Arc::new(pv.headers.clone());
                let ncols = pv.headers.len();
                let h2 = headers.clone();
                view! {
                    <div class="tiering-preview" data-testid="tiering-preview">
                        <h3>{i18n.tf("tiering.import.preview", &[("n", &pv.rows.len().to_string())])}</h3>
                        <p class="muted">{i18n.tf("tiering.import.detected", &[("delim", i18n.t(pv.delim.key())), ("cols", &ncols.to_string())])}
                            " " {i18n.t("tiering.import.map_hint")}</p>
                        <div class="tiering-map">
                            {Field::ALL.into_iter().map(|f| {
                                let headers = h2.clone();
                                let required = matches!(f, Field::Id | Field::Revenue);
                                let id = format!("tiering-map-{}", f.key());
                                view! {
                                    <div class="field">
                                        <label for=id.clone()>{text::field_label(i18n.lang(), f)}{required.then_some(" *")}</label>
                                        <select id=id.clone() data-testid=id on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            mapping.update(|m| m.set(f, v.parse::<usize>().ok()));
                                        }>
                                            <option value="" selected=move || mapping.with(|m| m.get(f).is_none())>{i18n.t("tiering.map.none")}</option>
                                            {headers.iter().enumerate().map(|(i, h)| view! {
                                                <option value=i.to_string() selected=move || mapping.with(|m| m.get(f) == Some(i))>
                                                    {format!("{}: {}", csv::column_letter(i), h)}
                                                </option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                        <div class="tiering-preview-scroll">
                            <table class="table small">
                                <thead><tr>
                                    {headers.iter().enumerate().map(|(i, h)| view! {
                                        <th scope="col">{format!("{} {}", csv::column_letter(i), h)}</th>
                                    }).collect_view()}
                                </tr></thead>
                                <tbody>
                                    {pv.rows.iter().map(|r| view! {
                                        <tr>{(0..ncols).map(|i| view! { <td>{r.get(i).cloned().unwrap_or_default()}</td> }).collect_view()}</tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </div>
                }.into_any()
            }
        }
    }
}

#[component]
fn MsgBox(msg: RwSignal<text::MessageArea>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        msg.with(|m| m.render(lang)).map(|r| {
            let warn = r.tone == text::Tone::Warn;
            let has_issues = !r.issues.is_empty();
            view! {
                <div class="notice" class:warn=warn role=if warn { "alert" } else { "status" } data-testid="tiering-import-msg">
                    {r.lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                    {has_issues.then(|| view! {
                        <ul class="tiering-issues" data-testid="tiering-issues">
                            {r.issues.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}
                        </ul>
                    })}
                    {r.more.map(|m| view! { <p class="muted">{m}</p> })}
                    {r.warning_head.map(|h| view! {
                        <p>{h}</p>
                        <ul class="tiering-issues" data-testid="tiering-warnings">
                            {r.warnings.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}
                        </ul>
                    })}
                </div>
            }
        })
    }
}

/// `NumberField` with a boxed handler: one instance of its code for all fields.
/// The page's invalid fields (shared with every `Num` through the context).
#[derive(Clone, Copy)]
struct Invalids(RwSignal<Invalid>);

#[component]
fn Num(
    label: &'static str,
    #[prop(into)] value: Signal<f64>,
    on_change: OnNum,
    #[prop(default = f64::MIN)] min: f64,
    #[prop(default = f64::MAX)] max: f64,
    #[prop(optional)] unit: &'static str,
    #[prop(optional)] testid: &'static str,
    #[prop(optional)] percent: bool,
) -> impl IntoView {
    // Bad text in this field holds the tiers back (— and the reason) until
    // it is corrected, or the field goes away.
    let invalid = use_context::<Invalids>().map(|i| i.0);
    let on_invalid = Callback::new(move |r: Option<&'static str>| {
        if let Some(iv) = invalid {
            iv.update(|iv| iv.set(label, r));
        }
    });
    on_cleanup(move || {
        if let Some(iv) = invalid {
            iv.update(|iv| iv.set(label, None));
        }
    });
    view! {
        <NumberField label=label value=value on_change=move |v| on_change(v) min=min max=max unit=unit testid=testid percent=percent
            on_invalid=on_invalid />
    }
}

#[component]
fn Assumptions(doc: crate::storage::browser::Doc<TieringDoc>) -> impl IntoView {
    let a = move || doc.with(|d| d.assumptions.clone());
    let unlimited = move || matches!(a().horizon, Horizon::Unlimited);
    let years = Signal::derive(move || match a().horizon {
        Horizon::Years(n) => n as f64,
        Horizon::Unlimited => 10.0,
    });
    view! {
        <div class="card tiering-assume" data-testid="tiering-assumptions">
            <h2>{tr("tiering.assume.title")}</h2>
            <p class="muted">{tr("tiering.assume.note")}</p>
            <div class="tiering-fields">
                <Num label="tiering.assume.discount" percent=true min=-0.99 max=10.0 testid="tiering-discount"
                    value=Signal::derive(move || a().discount)
                    on_change=Arc::new(move |v| doc.update(|d| d.assumptions.discount = v)) />
                <div class="field">
                    <label>
                        <input type="checkbox" data-testid="tiering-unlimited" prop:checked=unlimited
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                doc.update(|d| d.assumptions.horizon = if on { Horizon::Unlimited } else { Horizon::Years(10) });
                            } />
                        " " {tr("tiering.assume.unlimited")}
                    </label>
                </div>
                {move || (!unlimited()).then(|| view! {
                    <Num label="tiering.assume.years" min=1.0 max=200.0 testid="tiering-years" value=years
                        on_change=Arc::new(move |v| doc.update(|d| d.assumptions.horizon = Horizon::Years(v.round().clamp(1.0, 200.0) as u32))) />
                })}
                <div class="field">
                    <label for="tiering-convention">{tr("tiering.assume.convention")}</label>
                    <select id="tiering-convention" data-testid="tiering-convention" on:change=move |ev| {
                        let first = event_target_value(&ev) == "first";
                        doc.update(|d| d.assumptions.convention = if first { Convention::FirstYearCounted } else { Convention::EndOfYear });
                    }>
                        <option value="end" selected=move || a().convention == Convention::EndOfYear>{tr("tiering.conv.end")}</option>
                        <option value="first" selected=move || a().convention == Convention::FirstYearCounted>{tr("tiering.conv.first")}</option>
                    </select>
                </div>
                <div class="field">
                    <label>
                        <input type="checkbox" data-testid="tiering-use-products" prop:checked=move || a().use_products
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                doc.update(|d| d.assumptions.use_products = on);
                            } />
                        " " {tr("tiering.assume.use_products")}
                    </label>
                </div>
                <Num label="tiering.assume.low" percent=true min=0.0 max=1.0 testid="tiering-low-retention"
                    value=Signal::derive(move || a().low_retention)
                    on_change=Arc::new(move |v| doc.update(|d| d.assumptions.low_retention = v)) />
                <Num label="tiering.assume.high" percent=true min=0.0 max=1.0 testid="tiering-high-retention"
                    value=Signal::derive(move || a().high_retention)
                    on_change=Arc::new(move |v| doc.update(|d| d.assumptions.high_retention = v)) />
                <Num label="tiering.assume.threshold" min=1.0 max=100.0 testid="tiering-product-threshold"
                    value=Signal::derive(move || a().product_threshold as f64)
                    on_change=Arc::new(move |v| doc.update(|d| d.assumptions.product_threshold = v.round().clamp(1.0, 100.0) as u16)) />
                <Num label="tiering.assume.base" percent=true min=0.0 max=1.0 testid="tiering-base-retention"
                    value=Signal::derive(move || a().base_retention)
                    on_change=Arc::new(move |v| doc.update(|d| d.assumptions.base_retention = v)) />
            </div>
        </div>
    }
}

#[component]
fn SchemeBox(
    doc: crate::storage::browser::Doc<TieringDoc>,
    list: RwSignal<Shared<CustomerList>>,
    analysis: Memo<Result<Shared<Analysis>, InputError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let scheme = move || doc.with(|d| d.scheme);
    let th = move || doc.with(|d| d.thresholds.clone());
    let basis = Memo::new(move |_| doc.with(|d| d.thresholds.metal_basis));
    let suggest = move |_| {
        let Ok(an) = analysis.get_untracked() else {
            return;
        };
        let l = list.get_untracked();
        let basis = doc.with_untracked(|d| d.thresholds.metal_basis);
        let s = model::suggest(&l.0, &an.0.values, basis);
        doc.update(|d| d.thresholds = s);
    };
    view! {
        <div class="card tiering-scheme" data-testid="tiering-scheme">
            <h2>{tr("tiering.scheme.title")}</h2>
            <div class="tabs" role="group" aria-label=tr("tiering.scheme.label")>
                <button type="button" class="btn" class:primary=move || scheme() == Scheme::Vip data-testid="tiering-scheme-vip"
                    aria-pressed=move || (scheme() == Scheme::Vip).to_string()
                    on:click=move |_| doc.update(|d| d.scheme = Scheme::Vip)>{tr("tiering.scheme.vip")}</button>
                <button type="button" class="btn" class:primary=move || scheme() == Scheme::Metal data-testid="tiering-scheme-metal"
                    aria-pressed=move || (scheme() == Scheme::Metal).to_string()
                    on:click=move |_| doc.update(|d| d.scheme = Scheme::Metal)>{tr("tiering.scheme.metal")}</button>
            </div>
            {move || match scheme() {
                Scheme::Vip => view! {
                    <div class="tiering-fields">
                        <Num label="tiering.th.vip" unit="¥" testid="tiering-th-vip" min=-1e15 max=1e15
                            value=Signal::derive(move || th().vip_min)
                            on_change=Arc::new(move |v| doc.update(|d| d.thresholds.vip_min = v)) />
                        <Num label="tiering.th.loss" unit="¥" testid="tiering-th-loss" min=-1e15 max=1e15
                            value=Signal::derive(move || th().loss_below)
                            on_change=Arc::new(move |v| doc.update(|d| d.thresholds.loss_below = v)) />
                    </div>
                }.into_any(),
                Scheme::Metal => view! {
                    <div class="tiering-fields">
                        <div class="field">
                            <label for="tiering-basis">{tr("tiering.basis.label")}</label>
                            <select id="tiering-basis" data-testid="tiering-basis" on:change=move |ev| {
                                let aum = event_target_value(&ev) == "aum";
                                doc.update(|d| d.thresholds.metal_basis = if aum { Basis::Aum } else { Basis::Value });
                            }>
                                <option value="value" selected=move || th().metal_basis == Basis::Value>{tr("tiering.basis.value")}</option>
                                <option value="aum" selected=move || th().metal_basis == Basis::Aum>{tr("tiering.basis.aum")}</option>
                            </select>
                        </div>
                        // Each basis has its own thresholds; the fields re-mount when it changes.
                        {move || {
                            let aum = basis.get() == Basis::Aum;
                            let (pl, go) = if aum {
                                ("tiering.th.platinum_aum", "tiering.th.gold_aum")
                            } else {
                                ("tiering.th.platinum", "tiering.th.gold")
                            };
                            view! {
                                <Num label=pl unit="¥" testid="tiering-th-platinum" min=-1e15 max=1e15
                                    value=Signal::derive(move || th().metal().0)
                                    on_change=Arc::new(move |v| doc.update(|d| *d.thresholds.metal_mut().0 = v)) />
                                <Num label=go unit="¥" testid="tiering-th-gold" min=-1e15 max=1e15
                                    value=Signal::derive(move || th().metal().1)
                                    on_change=Arc::new(move |v| doc.update(|d| *d.thresholds.metal_mut().1 = v)) />
                            }
                        }}
                    </div>
                }.into_any(),
            }}
            {move || th().problem(scheme()).map(|k| view! { <p class="notice warn" role="alert">{i18n.t(k)}</p> })}
            <button type="button" class="btn small" data-testid="tiering-suggest" on:click=suggest>{tr("tiering.th.suggest")}</button>
            <p class="muted small">{tr("tiering.th.suggest_note")}</p>
        </div>
    }
}

#[component]
fn Results(an: Shared<Analysis>) -> impl IntoView {
    let i18n = use_i18n();
    let a2 = an.clone();
    let a3 = an.clone();
    let n: usize = an.0.summaries.iter().map(|s| s.count).sum();
    let total = an.0.total_value;
    let vals: Arc<Vec<f64>> = Arc::new(an.0.summaries.iter().map(|s| s.total_value).collect());
    let aums: Arc<Vec<f64>> = Arc::new(an.0.summaries.iter().map(|s| s.total_aum).collect());
    view! {
        <p class="tiering-total" data-testid="tiering-total">{move || plural(i18n.lang(), "tiering.summary.total", n, &[
            ("n", &fmt_number(n as f64, 0)), ("v", &fmt_money_short(i18n.lang(), total)),
        ])}</p>
        <div class="grid-3 tiering-tiers">
            {an.0.summaries.iter().cloned().enumerate().map(|(k, s)| {
                let slug = s.tier.slug();
                // One rule per row of the three cards: the same unit and decimals.
                let (vals, aums) = (vals.clone(), aums.clone());
                view! {
                    <div class=format!("card tiering-tier tiering-tier-{slug}") data-testid=format!("tiering-tier-{slug}") data-count=s.count.to_string()>
                        <h3>{move || i18n.t(s.tier.name_key())}</h3>
                        <p class="tiering-count" data-testid=format!("tiering-tier-{slug}-count")>{s.count.to_string()}</p>
                        <p class="muted">{move || plural(i18n.lang(), "tiering.card.customers", s.count, &[("n", &fmt_number(s.count as f64, 0)), ("share", &fmt_percent(s.count_share, 1))])}</p>
                        <dl class="tiering-dl">
                            <dt>{tr("tiering.card.value")}</dt>
                            <dd class="num">{move || fmt_money_col(i18n.lang(), &vals).swap_remove(k)}</dd>
                            <dt>{tr("tiering.card.share")}</dt>
                            <dd class="num" data-testid=format!("tiering-tier-{slug}-share")>{fmt_percent(s.value_share, 1)}</dd>
                            <dt>{tr("tiering.card.aum")}</dt>
                            <dd class="num">{move || fmt_money_col(i18n.lang(), &aums).swap_remove(k)}</dd>
                            {s.avg_products.map(|p| view! {
                                <dt>{tr("tiering.card.products")}</dt>
                                <dd class="num">{fmt_number(p, 2)}</dd>
                            })}
                        </dl>
                        <p class="tiering-focus">{move || i18n.t(s.tier.focus_key())}</p>
                        <p class="tiering-actions small">{move || i18n.t(s.tier.actions_key())}</p>
                    </div>
                }
            }).collect_view()}
        </div>
        <div class="grid-2 tiering-charts">
            <ParetoChart an=a2 />
            <HoldingChart an=a3 />
        </div>
    }
}

const PF: Frame = Frame {
    w: 640.0,
    h: 330.0,
    left: 56.0,
    right: 18.0,
    top: 18.0,
    bottom: 48.0,
};

#[component]
fn ParetoChart(an: Shared<Analysis>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(p) = an.0.pareto.clone() else {
        return view! {
            <div class="card tiering-pareto-card">
                <h2>{tr("tiering.pareto.title")}</h2>
                <p class="notice" data-testid="tiering-pareto-none">{tr("tiering.pareto.none")}</p>
            </div>
        }
        .into_any();
    };
    let ymax = chart::share_axis_max(p.peak);
    let curve = chart::path(&p.points, &PF, ymax);
    let x20 = PF.x(0.2);
    let y20 = PF.y(p.top20, ymax);
    let ticks_y: Vec<f64> = (0..=((ymax * 4.0).round() as usize))
        .map(|k| k as f64 * 0.25)
        .collect();
    let ticks_x = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0];
    let top20 = p.top20;
    let count = p.top20_count;
    let peak = p.peak;
    let label_left = x20 + 8.0;
    view! {
        <div class="card tiering-pareto-card">
            <h2>{tr("tiering.pareto.title")}</h2>
            <p class="tiering-callout" data-testid="tiering-top20" data-share=crate::num::fixed(top20, 4)>
                {move || i18n.tf("tiering.pareto.callout", &[("n", &fmt_number(count as f64, 0)), ("share", &fmt_percent(top20, 1))])}
            </p>
            <svg class="chart tiering-chart" data-testid="tiering-pareto" viewBox=format!("0 0 {} {}", crate::num::short(PF.w, 2), crate::num::short(PF.h, 2))
                role="img" aria-label=move || format!("{}: {}", i18n.t("tiering.pareto.aria"),
                    i18n.tf("tiering.pareto.callout", &[("n", &count.to_string()), ("share", &fmt_percent(top20, 1))]))>
                {ticks_y.iter().map(|&v| {
                    let y = PF.y(v, ymax);
                    view! {
                        <line class="tiering-grid" x1=crate::num::short(PF.left, 2) y1=crate::num::short(y, 2) x2=crate::num::short(PF.w - PF.right, 2) y2=crate::num::short(y, 2) />
                        <text class="tiering-axis" x=crate::num::short(PF.left - 6.0, 2) y=crate::num::short(y + 4.0, 2) text-anchor="end">{fmt_percent(v, 0)}</text>
                    }
                }).collect_view()}
                {ticks_x.iter().map(|&v| {
                    let x = PF.x(v);
                    view! {
                        <text class="tiering-axis" x=crate::num::short(x, 2) y=crate::num::short(PF.h - PF.bottom + 16.0, 2) text-anchor="middle">{fmt_percent(v, 0)}</text>
                    }
                }).collect_view()}
                <line class="tiering-diag" x1=crate::num::short(PF.x(0.0), 2) y1=crate::num::short(PF.y(0.0, ymax), 2) x2=crate::num::short(PF.x(1.0), 2) y2=crate::num::short(PF.y(1.0, ymax), 2) />
                <path class="tiering-curve" d=curve />
                <line class="tiering-mark" x1=crate::num::short(x20, 2) y1=crate::num::short(PF.y(0.0, ymax), 2) x2=crate::num::short(x20, 2) y2=crate::num::short(y20, 2) />
                <line class="tiering-mark" x1=crate::num::short(PF.left, 2) y1=crate::num::short(y20, 2) x2=crate::num::short(x20, 2) y2=crate::num::short(y20, 2) />
                <circle class="tiering-dot" cx=crate::num::short(x20, 2) cy=crate::num::short(y20, 2) r="5" />
                <text class="tiering-callout-text" x=crate::num::short(label_left, 2) y=crate::num::short((y20 + 18.0).min(PF.h - PF.bottom - 6.0), 2)>
                    {format!("20% → {}", fmt_percent(top20, 1))}
                </text>
                <text class="tiering-axis" x=crate::num::short(PF.left + PF.inner_w() / 2.0, 2) y=crate::num::short(PF.h - 8.0, 2) text-anchor="middle">{tr("tiering.pareto.x")}</text>
                <text class="tiering-axis" x="14" y=crate::num::short(PF.top + PF.inner_h() / 2.0, 2) text-anchor="middle"
                    transform=format!("rotate(-90 14 {})", crate::num::short(PF.top + PF.inner_h() / 2.0, 2))>{tr("tiering.pareto.y")}</text>
            </svg>
            {(peak > 1.01).then(|| view! {
                <p class="muted small" data-testid="tiering-whale">{move || i18n.tf("tiering.pareto.whale", &[("peak", &fmt_percent(peak, 0))])}</p>
            })}
        </div>
    }
    .into_any()
}

const HF: Frame = Frame {
    w: 640.0,
    h: 300.0,
    left: 20.0,
    right: 20.0,
    top: 26.0,
    bottom: 58.0,
};

#[component]
fn HoldingChart(an: Shared<Analysis>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(h) = an.0.holding.clone() else {
        return view! {
            <div class="card tiering-holding-card">
                <h2>{tr("tiering.holding.title")}</h2>
                <p class="notice" data-testid="tiering-holding-none">{tr("tiering.holding.none")}</p>
            </div>
        }
        .into_any();
    };
    // Leave out a leading "0 products" bar when nobody is there.
    let rows: Vec<model::HoldingRow> = h
        .rows
        .iter()
        .filter(|r| r.products > 0 || r.count > 0)
        .cloned()
        .collect();
    let counts: Vec<usize> = rows.iter().map(|r| r.count).collect();
    let bars = chart::bars(&counts, &HF);
    let thr_retention = rows.iter().map(|r| r.retention).fold(0.0f64, f64::max);
    let gain = h.gain;
    let near = h.near_count;
    let unknown = h.unknown;
    let labels: Vec<(model::HoldingRow, chart::Bar)> = rows.into_iter().zip(bars).collect();
    view! {
        <div class="card tiering-holding-card">
            <h2>{tr("tiering.holding.title")}</h2>
            <svg class="chart tiering-chart" data-testid="tiering-holding" viewBox=format!("0 0 {} {}", crate::num::short(HF.w, 2), crate::num::short(HF.h, 2))
                role="img" aria-label=tr("tiering.holding.aria")>
                {labels.iter().map(|(r, b)| {
                    let high = r.retention >= thr_retention && thr_retention > 0.0;
                    let label = if r.plus { format!("{}+", r.products) } else { r.products.to_string() };
                    view! {
                        <rect class=if high { "tiering-bar tiering-bar-high" } else { "tiering-bar tiering-bar-low" }
                            x=crate::num::short(b.x, 2) y=crate::num::short(b.y, 2) width=crate::num::short(b.w, 2) height=crate::num::short(b.h.max(0.5), 2)>
                            <title>{format!("{label}: {}", r.count)}</title>
                        </rect>
                        <text class="tiering-axis" x=crate::num::short(b.x + b.w / 2.0, 2) y=crate::num::short(b.y - 6.0, 2) text-anchor="middle">{fmt_number(r.count as f64, 0)}</text>
                        <text class="tiering-axis tiering-strong" x=crate::num::short(b.x + b.w / 2.0, 2) y=crate::num::short(HF.h - HF.bottom + 18.0, 2) text-anchor="middle">{label}</text>
                        <text class="tiering-axis" x=crate::num::short(b.x + b.w / 2.0, 2) y=crate::num::short(HF.h - HF.bottom + 36.0, 2) text-anchor="middle">{fmt_percent(r.retention, 0)}</text>
                    }
                }).collect_view()}
                <text class="tiering-axis" x=crate::num::short(HF.w / 2.0, 2) y=crate::num::short(HF.h - 4.0, 2) text-anchor="middle">
                    {move || format!("{} · {}", i18n.t("tiering.holding.x"), i18n.t("tiering.holding.retention"))}
                </text>
            </svg>
            <p class="tiering-callout" data-testid="tiering-gain" data-gain=crate::num::fixed(gain, 2)>{move || {
                let doc = use_doc::<TieringDoc>();
                let a = doc.with(|d| d.assumptions.clone());
                let to = a.product_threshold;
                plural(i18n.lang(), "tiering.holding.gain", near, &[
                    ("n", &fmt_number(near as f64, 0)),
                    ("from", &to.saturating_sub(1).to_string()),
                    ("to", &to.to_string()),
                    ("r1", &fmt_percent(if a.use_products { a.low_retention } else { a.base_retention }, 0)),
                    ("r2", &fmt_percent(a.high_retention, 0)),
                    ("v", &fmt_money_short(i18n.lang(), gain)),
                ])
            }}</p>
            {(unknown > 0).then(|| view! {
                <p class="muted small">{move || plural(i18n.lang(), "tiering.holding.unknown", unknown, &[("n", &fmt_number(unknown as f64, 0))])}</p>
            })}
        </div>
    }
    .into_any()
}

const COLS: [(SortKey, &str, bool); 8] = [
    (SortKey::Id, "tiering.field.id", false),
    (SortKey::Name, "tiering.field.name", false),
    (SortKey::Aum, "tiering.field.aum", true),
    (SortKey::Revenue, "tiering.field.revenue", true),
    (SortKey::Cost, "tiering.field.cost", true),
    (SortKey::Products, "tiering.field.products", true),
    (SortKey::Value, "tiering.col.value", true),
    (SortKey::Tier, "tiering.col.tier", false),
];

#[component]
fn VirtualTable(
    list: RwSignal<Shared<CustomerList>>,
    analysis: Memo<Result<Shared<Analysis>, InputError>>,
    order: Memo<Shared<Vec<u32>>>,
    sort_key: RwSignal<SortKey>,
    sort_desc: RwSignal<bool>,
    scroll_top: RwSignal<f64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = move || order.with(|o| o.0.len());
    let on_scroll = move |ev: leptos::ev::Event| {
        let el: web_sys::Element = event_target(&ev);
        scroll_top.set(el.scroll_top() as f64);
    };
    view! {
        <div class="tiering-table" role="table" data-testid="tiering-table" aria-rowcount=move || (total() + 1).to_string()>
            <div class="tiering-tr tiering-th" role="row">
                {COLS.iter().map(|&(key, label, num)| view! {
                    <div role="columnheader" class:num=num
                        aria-sort=move || if sort_key.get() == key { if sort_desc.get() { "descending" } else { "ascending" } } else { "none" }>
                        <button type="button" class="tiering-sort" data-testid=format!("tiering-sort-{:?}", key).to_ascii_lowercase()
                            title=tr("tiering.table.sort")
                            on:click=move |_| {
                                if sort_key.get_untracked() == key {
                                    sort_desc.update(|d| *d = !*d);
                                } else {
                                    sort_key.set(key);
                                    sort_desc.set(num);
                                }
                            }>
                            {i18n.text(label)}
                            {move || (sort_key.get() == key).then(|| if sort_desc.get() { " ▼" } else { " ▲" })}
                        </button>
                    </div>
                }).collect_view()}
            </div>
            <div class="tiering-scroll" style:height=format!("{}px", crate::num::short(VIEW_H, 0)) on:scroll=on_scroll tabindex="0"
                aria-label=tr("tiering.table.title")>
                <div class="tiering-spacer" style:height=move || format!("{}px", crate::num::short((total() as f64 * ROW_H).max(ROW_H), 2))>
                    {move || {
                        let o = order.get();
                        let lang = i18n.lang();
                        if o.0.is_empty() {
                            return view! { <p class="muted tiering-none">{i18n.t("tiering.table.none")}</p> }.into_any();
                        }
                        let (start, end) = chart::window(scroll_top.get(), VIEW_H, ROW_H, o.0.len(), 6);
                        let l = list.get();
                        let Ok(an) = analysis.get() else { return ().into_any() };
                        let rows = (start..end).map(|k| {
                            let i = o.0[k] as usize;
                            let c = &l.0.customers[i];
                            let v = an.0.values.get(i).copied().unwrap_or(0.0);
                            let tier = Tier::from_code(an.0.tiers.get(i).copied().unwrap_or(0));
                            view! {
                                <div class=format!("tiering-tr tiering-row-{}", tier.slug()) role="row" aria-rowindex=(k + 2).to_string()
                                    style:top=format!("{}px", crate::num::short(k as f64 * ROW_H, 2))>
                                    <div role="cell">{l.0.id(c).to_string()}</div>
                                    <div role="cell">{l.0.name(c).to_string()}</div>
                                    <div role="cell" class="num">{fmt_number(c.aum, 0)}</div>
                                    <div role="cell" class="num">{fmt_number(c.revenue, 0)}</div>
                                    <div role="cell" class="num">{fmt_number(c.cost, 0)}</div>
                                    <div role="cell" class="num">{c.products.map(|p| p.to_string()).unwrap_or_default()}</div>
                                    <div role="cell" class="num">{fmt_number(v, 0)}</div>
                                    <div role="cell"><span class=format!("tiering-badge tiering-badge-{}", tier.slug())>{crate::i18n::t(lang, tier.name_key())}</span></div>
                                </div>
                            }
                        }).collect_view();
                        rows.into_any()
                    }}
                </div>
            </div>
        </div>
    }
}
