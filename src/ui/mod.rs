//! Shared UI pieces used by every tool (wasm only).

pub mod scan;
pub mod share;

use crate::i18n::{self, Lang};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The language context: `use_i18n().t("key")` is reactive.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: Signal<Lang>,
}

impl I18n {
    pub fn new(lang: Signal<Lang>) -> Self {
        I18n { lang }
    }

    /// Current language (reactive).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// Translate (reactive).
    pub fn t(&self, key: &'static str) -> &'static str {
        i18n::t(self.lang.get(), key)
    }

    /// A translated text for a view, following the language: `{i18n.text("key")}`
    /// or `aria-label=i18n.text("key")`. Every such text has this one closure
    /// type, so the view code that renders and updates reactive text is
    /// generated once per binary instead of once per `move || i18n.t(…)`
    /// (about 100 bytes of wasm each).
    pub fn text(
        self,
        key: &'static str,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || i18n::t(self.lang.get(), key)
    }

    /// Translate and fill `{name}` placeholders (reactive).
    pub fn tf(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        i18n::tf(self.lang.get(), key, args)
    }
}

/// The language context provided by the app shell.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::new(Signal::derive(|| Lang::Zh)))
}

/// Offer `content` as a file download.
pub fn download(filename: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    download_parts(filename, mime, &parts);
}

/// Offer raw bytes as a file download.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) {
    let arr = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&arr);
    download_parts(filename, mime, &parts);
}

fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = document();
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        // `hidden`, not a style attribute: the CSP forbids those (style-src 'self').
        a.set_hidden(true);
        if let Some(body) = doc.body() {
            body.append_child(&a).ok();
            a.click();
            body.remove_child(&a).ok();
        }
    }
    // Revoke later: some browsers need the URL alive while the download starts.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
}

/// A timestamp for file names: `20261123-1405`.
pub fn file_stamp() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}{:02}{:02}-{:02}{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Today's local date.
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// The message for a refused import, in `lang`:
/// "{file}: {reason} ({detail}) Nothing was changed."
pub fn import_refused(lang: Lang, file: &str, reason_key: &'static str, detail: &str) -> String {
    let mut out = String::new();
    if !file.is_empty() {
        out.push_str(file);
        out.push_str(": ");
    }
    out.push_str(i18n::t(lang, reason_key));
    if !detail.is_empty() {
        out.push_str(&format!(" ({detail})"));
    }
    out.push(' ');
    out.push_str(i18n::t(lang, "import.nothing_changed"));
    out
}

/// Read the file chosen in an import's file input as text. A file over
/// `limit` bytes, or one the browser cannot read, is refused: `refuse` gets the
/// message (see [`import_refused`]). Otherwise `done(file_name, text)` runs.
pub fn read_import_file(
    ev: &leptos::ev::Event,
    limit: usize,
    lang: Lang,
    refuse: impl Fn(String) + 'static,
    done: impl FnOnce(String, String) + 'static,
) {
    let Some(file) = files_of(ev).into_iter().next() else {
        return;
    };
    if file.size() > limit as f64 {
        let e = crate::storage::codec::ImportError::TooLarge {
            bytes: file.size() as usize,
            limit,
        };
        refuse(import_refused(
            lang,
            &file.name(),
            e.message_key(),
            &e.detail(),
        ));
        return;
    }
    read_file_text(file, move |name, res| match res {
        Ok(text) => done(name, text),
        Err(_) => refuse(import_refused(lang, &name, "import.err.read", "")),
    });
}

/// Read a chosen file as text (UTF-8) and hand it to `done` with the file's
/// name; `Err` carries a short reason.
pub fn read_file_text(
    file: web_sys::File,
    done: impl FnOnce(String, Result<String, String>) + 'static,
) {
    let name = file.name();
    let reader = match web_sys::FileReader::new() {
        Ok(r) => r,
        Err(_) => {
            done(name, Err("FileReader".into()));
            return;
        }
    };
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let r2 = reader.clone();
    let name2 = name.clone();
    let onload =
        wasm_bindgen::closure::Closure::once_into_js(move |_ev: web_sys::ProgressEvent| {
            let text = r2.result().ok().and_then(|v| v.as_string());
            if let Some(f) = done.borrow_mut().take() {
                match text {
                    Some(t) => f(name2, Ok(t)),
                    None => f(name2, Err("read".into())),
                }
            }
        });
    reader.set_onload(Some(onload.unchecked_ref()));
    if reader.read_as_text(&file).is_err() {
        // onload never fires; nothing else to do (the caller shows no result).
    }
}

/// Read a chosen file as bytes (for CSV in GBK and other encodings).
pub fn read_file_bytes(
    file: web_sys::File,
    done: impl FnOnce(String, Result<Vec<u8>, String>) + 'static,
) {
    let name = file.name();
    let Ok(reader) = web_sys::FileReader::new() else {
        done(name, Err("FileReader".into()));
        return;
    };
    let r2 = reader.clone();
    let name2 = name.clone();
    let mut done = Some(done);
    let onload =
        wasm_bindgen::closure::Closure::once_into_js(move |_ev: web_sys::ProgressEvent| {
            let bytes = r2
                .result()
                .ok()
                .map(|v| js_sys::Uint8Array::new(&v).to_vec());
            if let Some(f) = done.take() {
                match bytes {
                    Some(b) => f(name2, Ok(b)),
                    None => f(name2, Err("read".into())),
                }
            }
        });
    reader.set_onload(Some(onload.unchecked_ref()));
    let _ = reader.read_as_array_buffer(&file);
}

/// The files chosen in an `<input type=file>` change event.
pub fn files_of(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(list) = input.files() {
        for i in 0..list.length() {
            if let Some(f) = list.get(i) {
                out.push(f);
            }
        }
    }
    // Allow choosing the same file again.
    input.set_value("");
    out
}

/// Ask the user to confirm (the browser's dialog: works everywhere, keyboard
/// and screen-reader friendly).
pub fn confirm(message: &str) -> bool {
    window().confirm_with_message(message).unwrap_or(false)
}

/// Copy text to the clipboard (best effort).
pub fn copy_to_clipboard(text: &str) {
    let clip = window().navigator().clipboard();
    let _ = clip.write_text(text);
}

/// Open the browser's print dialog.
pub fn print() {
    let _ = window().print();
}

/// A numeric input with a label, a unit and an inline error. Accepts grouping
/// commas, full-width digits, `%`, 万/亿; the value is only passed on when it
/// parses and lies within `[min, max]`.
#[component]
pub fn NumberField(
    /// Translation key of the label.
    label: &'static str,
    /// Current value.
    #[prop(into)]
    value: Signal<f64>,
    /// Called with a valid new value.
    on_change: impl Fn(f64) + 'static + Clone + Send + Sync,
    #[prop(default = f64::MIN)] min: f64,
    #[prop(default = f64::MAX)] max: f64,
    /// Optional unit shown after the input (already translated or a symbol).
    #[prop(optional)]
    unit: &'static str,
    /// Stable test id for the input.
    #[prop(optional)]
    testid: &'static str,
    /// Shown as a percentage (the value is a ratio; the user types 80 for 0.8).
    #[prop(optional)]
    percent: bool,
    /// Told on every commit whether the text is unusable: `Some(reason key)`
    /// or `None`, so the page can replace the results that depend on it.
    #[prop(optional, into)]
    on_invalid: Option<Callback<Option<&'static str>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<&'static str>);
    let shown = move || {
        let v = value.get();
        if percent {
            trim_num(v * 100.0)
        } else {
            trim_num(v)
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let checked = crate::i18n::format::check_number(&text, min, max, percent);
        let reason = checked.err();
        error.set(reason);
        if let Some(cb) = on_invalid {
            cb.run(reason);
        }
        if let Ok(v) = checked {
            on_change(v);
        }
    };
    let id = format!("nf-{}", next_id());
    let err_id = format!("{id}-err");
    let range = move || {
        let (lo, hi) = if percent {
            (min * 100.0, max * 100.0)
        } else {
            (min, max)
        };
        i18n.tf(
            "ui.err.range_detail",
            &[("min", &trim_num(lo)), ("max", &trim_num(hi))],
        )
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{i18n.text(label)}</label>
            <div class="field-input">
                <input
                    id=id.clone()
                    type="text"
                    inputmode="decimal"
                    data-testid=testid
                    prop:value=shown
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=err_id.clone()
                    on:change=on_input
                />
                {(!unit.is_empty() || percent).then(|| view! { <span class="unit">{if percent { "%" } else { unit }}</span> })}
            </div>
            <div class="field-error" id=err_id role="alert">
                {move || error.get().map(|k| {
                    if k == "ui.err.range" { format!("{} {}", i18n.t(k), range()) } else { i18n.t(k).to_string() }
                })}
            </div>
        </div>
    }
}

fn next_id() -> u32 {
    thread_local!(static N: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    N.with(|n| {
        let v = n.get() + 1;
        n.set(v);
        v
    })
}

/// Run `f` after the next frame has been painted (a frame, then a task):
/// for work that may wait while the result of an interaction is shown.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// A flag that turns true once the page as first built has been painted.
/// Parts of a page below the first screen (charts, long tables) wait for
/// it, so a slow phone paints the top of the page first and the rest one
/// frame later.
pub fn after_paint() -> ReadSignal<bool> {
    let (done, set_done) = signal(false);
    after_next_paint(move || set_done.set(true));
    done
}

/// A number without trailing zeros: 0.8 → "0.8", 1000 → "1000".
pub fn trim_num(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    crate::num::short(v, 6)
}

/// A small "saved / saving / not saved" badge for a document.
#[component]
pub fn SaveBadge(#[prop(into)] state: Signal<crate::storage::browser::SaveState>) -> impl IntoView {
    use crate::storage::browser::SaveState;
    let i18n = use_i18n();
    view! {
        <span class="save-badge" data-testid="save-state"
            data-state=move || match state.get() {
                SaveState::Saved => "saved",
                SaveState::Pending => "pending",
                SaveState::Failed => "failed",
                SaveState::ReadOnly => "readonly",
            }
            role="status" aria-live="polite">
            {move || match state.get() {
                SaveState::Saved => i18n.t("status.saved"),
                SaveState::Pending => i18n.t("status.pending"),
                SaveState::Failed => i18n.t("status.failed"),
                SaveState::ReadOnly => i18n.t("status.readonly"),
            }}
        </span>
    }
}
