//! The share panel and the opening of share links, for every tool (wasm
//! only; the codec is pure, `crate::share`). The room loop of
//! ../shared/DESIGN.md, issue #12.
//!
//! - [`ShareButton`]: a tool's "share" button. It opens a dialog with what
//!   the link holds, the link (copy button), the QR code in SVG with its
//!   size meter, a full-screen mode for the projector and the file hand-off.
//!   A map can be anonymised there first.
//! - [`open_from_address`]: called by a tool's page. When the address is
//!   `#/<tool>/open/<token>` it cleans the address at once
//!   (`history.replaceState`, so a reload does not open it twice), decodes
//!   the token and lets the tool add the piece as a new copy (or, for the
//!   tier settings, ask first). [`OpenedNotice`] (in the shell) says what
//!   happened and offers the undo; a refused link changes nothing.
//!
//! Each piece type implements [`Shareable`] through `crate::share::one`, so
//! a binary holds the codec of its own tool's piece only.

use crate::i18n::{self, Lang};
use crate::share::codec::{self, Alphabet};
use crate::share::qr::{Advice, QrCode, Symbol, TooLarge};
use crate::share::{one, Kind, ShareError};
use crate::tools::ToolId;
use crate::ui::{trim_num, use_i18n};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// A piece a tool can share and open.
pub trait Shareable: Clone + PartialEq + Send + Sync + 'static {
    const KIND: Kind;
    /// Shown in the share dialog above the link (e.g. "the customer list is
    /// never in a link").
    const NOTE: Option<&'static str> = None;
    /// The dialog offers to anonymise the piece ([`Shareable::anonymised`]).
    const ANONYMISE: bool = false;
    /// The token in `alphabet`.
    fn token(&self, alphabet: Alphabet) -> String;
    /// Decode a link, fragment or token of this kind. Changes nothing.
    fn open(text: &str) -> Result<Self, ShareError>;
    /// The piece's name (the copy is named after it).
    fn title(&self, lang: Lang) -> String;
    /// What the link holds, one line each, in `lang` (plain text);
    /// `anonymised`: the piece is [`Shareable::anonymised`].
    fn contents(&self, lang: Lang, anonymised: bool) -> Vec<String>;
    fn anonymised(&self, _lang: Lang) -> Self {
        self.clone()
    }
    /// The tool's own file for the hand-off: (file name, MIME type, text).
    /// `None`: a text file holding the link.
    fn export(&self) -> Option<(String, &'static str, String)> {
        None
    }
}

// ---------------------------------------------------------------------------
// Addresses.

/// The app's address without its fragment (where links point).
fn page_address() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or("").to_string()
}

/// The app's address as written under the full-screen code: host and path.
fn short_address() -> String {
    let l = window().location();
    format!(
        "{}{}",
        l.host().unwrap_or_default(),
        l.pathname().unwrap_or_default()
    )
}

/// Replace the address's fragment without a history entry or a reload.
fn replace_hash(hash: &str) {
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Tell the shell's router that the address changed (after [`replace_hash`]).
fn announce_hash() {
    if let Ok(ev) = web_sys::HashChangeEvent::new("hashchange") {
        let _ = window().dispatch_event(&ev);
    }
}

/// Go to `hash` in place of the current address (the page follows).
pub fn go_replacing(hash: &str) {
    replace_hash(hash);
    announce_hash();
}

// ---------------------------------------------------------------------------
// Opening a link.

/// What a tool did with an opened piece.
pub enum Opening {
    /// Added as a new copy named `name` and shown; `undo` removes it.
    /// `goto`: the address that shows it (replaces the current one).
    Added {
        name: String,
        undo: Box<dyn FnOnce()>,
        goto: Option<String>,
    },
    /// The tool holds one such piece (tier settings): ask before replacing.
    /// `apply` replaces and returns the undo.
    Ask {
        name: String,
        apply: Box<dyn FnOnce() -> Box<dyn FnOnce()>>,
    },
    /// No room for another copy: nothing was changed.
    Full,
}

#[derive(Clone, Debug, PartialEq)]
enum Notice {
    Added { kind: Kind, name: String },
    Ask { kind: Kind, name: String },
    Replaced { kind: Kind },
    Undone,
    Kept,
    Error { key: &'static str },
}

type Undo = Box<dyn FnOnce()>;

thread_local! {
    static NOTICE: ArcRwSignal<Option<Notice>> = ArcRwSignal::new(None);
    static UNDO: RefCell<Option<Undo>> = const { RefCell::new(None) };
    static APPLY: RefCell<Option<Box<dyn FnOnce() -> Undo>>> = const { RefCell::new(None) };
}

fn notice() -> ArcRwSignal<Option<Notice>> {
    NOTICE.with(|n| n.clone())
}

/// If the address opens a piece of this tool (`#/<tool>/open/<token>`):
/// clean the address, decode the token (after the page has rendered) and
/// hand the piece to `add`, which adds it as a copy ([`Opening`]). A link
/// that cannot be read changes nothing and says why.
pub fn open_from_address<T: Shareable>(tool: ToolId, add: impl FnOnce(T) -> Opening + 'static) {
    let hash = window().location().hash().unwrap_or_default();
    let crate::route::Route::Tool(t, sub) = crate::route::Route::parse(&hash) else {
        return;
    };
    if t != tool || !(sub == "open" || sub.starts_with("open/")) {
        return;
    }
    replace_hash(&format!("#/{}", tool.slug()));
    set_timeout(
        move || {
            let n = notice();
            UNDO.with(|u| u.borrow_mut().take());
            APPLY.with(|a| a.borrow_mut().take());
            match T::open(&hash) {
                Err(e) => n.set(Some(Notice::Error {
                    key: e.message_key(),
                })),
                Ok(p) => match add(p) {
                    Opening::Added { name, undo, goto } => {
                        UNDO.with(|u| *u.borrow_mut() = Some(undo));
                        n.set(Some(Notice::Added {
                            kind: T::KIND,
                            name,
                        }));
                        if let Some(h) = goto {
                            go_replacing(&h);
                        }
                    }
                    Opening::Ask { name, apply } => {
                        APPLY.with(|a| *a.borrow_mut() = Some(apply));
                        n.set(Some(Notice::Ask {
                            kind: T::KIND,
                            name,
                        }));
                    }
                    Opening::Full => n.set(Some(Notice::Error {
                        key: "share.err.full",
                    })),
                },
            }
        },
        std::time::Duration::ZERO,
    );
}

/// What opening a link did, with the undo (the shell shows it above the page).
#[component]
pub fn OpenedNotice() -> impl IntoView {
    let i18n = use_i18n();
    let n = notice();
    let set = {
        let n = n.clone();
        move |v: Option<Notice>| n.set(v)
    };
    let undo = {
        let set = set.clone();
        move |_| {
            if let Some(f) = UNDO.with(|u| u.borrow_mut().take()) {
                f();
            }
            set(Some(Notice::Undone));
        }
    };
    let dismiss = {
        let set = set.clone();
        move || {
            let set = set.clone();
            view! {
                <button type="button" class="btn small ghost" data-testid="share-dismiss"
                    on:click=move |_| set(None)>{i18n.text("share.opened.dismiss")}</button>
            }
        }
    };
    let replace = {
        let set = set.clone();
        move |_| {
            if let Some(apply) = APPLY.with(|a| a.borrow_mut().take()) {
                let undo = apply();
                UNDO.with(|u| *u.borrow_mut() = Some(undo));
            }
            let kind = match notice().get_untracked() {
                Some(Notice::Ask { kind, .. }) => kind,
                _ => Kind::Tiering,
            };
            set(Some(Notice::Replaced { kind }));
        }
    };
    let keep = {
        let set = set.clone();
        move |_| {
            APPLY.with(|a| a.borrow_mut().take());
            set(Some(Notice::Kept));
        }
    };
    move || {
        let kind_name = move |k: Kind| i18n.t(k.name_key());
        let undo = undo.clone();
        let replace = replace.clone();
        let keep = keep.clone();
        n.get().map(|v| match v {
            Notice::Added { kind, name } => view! {
                <div class="notice share-notice" role="status" data-testid="share-opened">
                    <p>{move || i18n.tf("share.opened.added", &[("kind", kind_name(kind)), ("name", &name)])}
                        " " {i18n.text("share.opened_copy")}</p>
                    <div class="notice-actions">
                        <button type="button" class="btn small" data-testid="share-undo" on:click=undo>
                            {i18n.text("share.opened.undo")}</button>
                        {dismiss()}
                    </div>
                </div>
            }
            .into_any(),
            Notice::Replaced { kind } => view! {
                <div class="notice share-notice" role="status" data-testid="share-opened">
                    <p>{move || i18n.tf("share.opened.replaced", &[("kind", kind_name(kind))])}</p>
                    <div class="notice-actions">
                        <button type="button" class="btn small" data-testid="share-undo" on:click=undo>
                            {i18n.text("share.opened.undo")}</button>
                        {dismiss()}
                    </div>
                </div>
            }
            .into_any(),
            Notice::Ask { kind, name } => {
                let _ = name;
                view! {
                    <div class="notice warn share-notice" role="alert" data-testid="share-ask">
                        <p>{move || i18n.tf("share.opened.ask", &[("kind", kind_name(kind))])}
                            " " {i18n.text("share.tiering_replaces")}</p>
                        <div class="notice-actions">
                            <button type="button" class="btn small primary" data-testid="share-replace"
                                on:click=replace>{i18n.text("share.opened.replace")}</button>
                            <button type="button" class="btn small" data-testid="share-keep"
                                on:click=keep>{i18n.text("share.opened.keep")}</button>
                        </div>
                    </div>
                }
                .into_any()
            }
            Notice::Undone | Notice::Kept => {
                let key = if v == Notice::Undone {
                    "share.opened.undone"
                } else {
                    "share.opened.kept"
                };
                view! {
                    <div class="notice share-notice" role="status" data-testid="share-undone">
                        <p>{i18n.text(key)}</p>
                        <div class="notice-actions">{dismiss()}</div>
                    </div>
                }
                .into_any()
            }
            Notice::Error { key } => view! {
                <div class="notice warn share-notice" role="alert" data-testid="share-error">
                    <p>{i18n.text(key)} " " {i18n.text("share.err.nothing_changed")}</p>
                    <div class="notice-actions">{dismiss()}</div>
                </div>
            }
            .into_any(),
        })
    }
}

// ---------------------------------------------------------------------------
// The encoder (src/bin/encoder.rs): the compressor of tokens and the QR
// symbol encoder, a module loaded when a dialog is about to open.

/// Where the encoder module is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Enc {
    Idle,
    Loading,
    Ready,
    /// It could not be loaded (offline before it was kept): the dialog says
    /// so and offers to try again.
    Failed,
}

thread_local! {
    static ENC: ArcRwSignal<Enc> = ArcRwSignal::new(Enc::Idle);
    /// The module's `deflate` and `qr_symbol`.
    static ENCODER: RefCell<Option<(js_sys::Function, js_sys::Function)>> = const { RefCell::new(None) };
}

fn enc() -> ArcRwSignal<Enc> {
    ENC.with(|e| e.clone())
}

/// Import the encoder module (`window.rmtModule`, web/loader.js) unless it
/// is there or on its way.
fn load_encoder() {
    let state = enc();
    if matches!(state.get_untracked(), Enc::Loading | Enc::Ready) {
        return;
    }
    let get = |o: &wasm_bindgen::JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok();
    let start = get(&window(), "rmtModule")
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| {
            f.call1(&wasm_bindgen::JsValue::NULL, &"encoder".into())
                .ok()
        });
    let Some(p) = start else {
        state.set(Enc::Failed);
        return;
    };
    state.set(Enc::Loading);
    leptos::task::spawn_local(async move {
        let m = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(p)).await;
        let fns = m.ok().and_then(|m| {
            let f = |k| get(&m, k).and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            Some((f("deflate")?, f("qr_symbol")?))
        });
        match fns {
            Some(fns) => {
                ENCODER.with(|e| *e.borrow_mut() = Some(fns));
                state.set(Enc::Ready);
            }
            None => {
                web_sys::console::warn_1(&"RM Toolkit: the share encoder did not load".into());
                state.set(Enc::Failed);
            }
        }
    });
}

/// The encoder's answer to `f(args…)` as bytes (empty if it is not loaded).
fn enc_call(
    pick: fn(&(js_sys::Function, js_sys::Function)) -> &js_sys::Function,
    args: &[&wasm_bindgen::JsValue],
) -> Vec<u8> {
    ENCODER.with(|e| {
        let e = e.borrow();
        let Some(f) = e.as_ref().map(pick) else {
            return Vec::new();
        };
        let out = match args {
            [a] => f.call1(&wasm_bindgen::JsValue::NULL, a),
            [a, b] => f.call2(&wasm_bindgen::JsValue::NULL, a, b),
            _ => return Vec::new(),
        };
        out.ok()
            .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
            .map(|a| a.to_vec())
            .unwrap_or_default()
    })
}

/// `codec::deflate`, by the encoder module.
fn enc_deflate(dict: &[u8], body: &[u8]) -> Vec<u8> {
    let (d, b) = (
        js_sys::Uint8Array::from(dict),
        js_sys::Uint8Array::from(body),
    );
    enc_call(|f| &f.0, &[&d, &b])
}

/// `qr::qr_svg`, the symbol made by the encoder module.
fn enc_qr(text: &str) -> Result<QrCode, TooLarge> {
    let bytes = enc_call(|f| &f.1, &[&text.into()]);
    Symbol::from_bytes(&bytes)
        .map(QrCode::from_symbol)
        .ok_or(TooLarge)
}

/// While the encoder is not ready: "preparing…", or why it failed with a
/// retry button.
fn enc_pending(i18n: crate::ui::I18n, state: Enc) -> AnyView {
    if state == Enc::Failed {
        view! {
            <div class="share-dense notice warn" role="alert" data-testid="share-encoder-failed">
                <p>{i18n.text("share.encoder_failed")}</p>
                <button type="button" class="btn small" data-testid="share-retry"
                    on:click=move |_| load_encoder()>{i18n.text("share.retry")}</button>
            </div>
        }
        .into_any()
    } else {
        view! {
            <p class="share-small share-preparing" role="status" data-testid="share-preparing">
                {i18n.text("share.preparing")}</p>
        }
        .into_any()
    }
}

// ---------------------------------------------------------------------------
// The share panel.

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The code's SVG with an accessible name and a test id.
fn svg_markup(code: &QrCode, label: &str, testid: &str) -> String {
    code.svg.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" aria-label=\"{}\" data-testid=\"{testid}\" class=\"share-qr-svg\" ",
            escape_attr(label)
        ),
        1,
    )
}

/// Distance in metres, to the half metre.
fn metres(m: f64) -> String {
    trim_num((m * 2.0).round() / 2.0)
}

fn focus(el: Option<web_sys::HtmlElement>) {
    if let Some(el) = el {
        let _ = el.focus();
    }
}

fn is_active(el: &Option<web_sys::HtmlElement>) -> bool {
    let active = document().active_element();
    match (el, active) {
        (Some(a), Some(b)) => {
            let a: &web_sys::Node = a.as_ref();
            a.is_same_node(Some(b.as_ref()))
        }
        _ => false,
    }
}

/// A tool's "share" button and its dialog. `piece` gives the tool's current
/// piece when the dialog opens (`None`: nothing to share, the button is not
/// shown).
#[component]
pub fn ShareButton<T, F>(
    piece: F,
    /// What the button shares, when a page has several (its accessible name
    /// becomes "Share: <label>"; the visible text stays "Share").
    #[prop(optional, into)]
    label: MaybeProp<String>,
) -> impl IntoView
where
    T: Shareable,
    F: Fn() -> Option<T> + 'static,
{
    let i18n = use_i18n();
    let get = StoredValue::new_local(piece);
    let open = RwSignal::new(false);
    let base = RwSignal::new(None::<T>);
    let anon = RwSignal::new(false);
    let full = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let page = RwSignal::new(String::new());
    let btn = NodeRef::<leptos::html::Button>::new();
    let first = NodeRef::<leptos::html::Button>::new();
    let last = NodeRef::<leptos::html::Button>::new();
    let full_btn = NodeRef::<leptos::html::Button>::new();
    let exit_btn = NodeRef::<leptos::html::Button>::new();

    let shown = Memo::new(move |_| {
        let b = base.get()?;
        Some(if T::ANONYMISE && anon.get() {
            b.anonymised(i18n.lang())
        } else {
            b
        })
    });
    // One link, in the link field and in the QR code: the base32 token (QR
    // alphanumeric mode, the smaller code) rather than the few characters
    // shorter base64url one, so the code on the projector is exactly the
    // link on screen.
    // Both wait for the encoder module (empty until it is ready).
    let state: RwSignal<Enc> = enc().into();
    let link = Memo::new(move |_| {
        if state.get() != Enc::Ready {
            return String::new();
        }
        shown
            .get()
            .map(|p| codec::link(&page.get(), T::KIND, &p.token(Alphabet::Base32)))
            .unwrap_or_default()
    });
    let code = Memo::new(move |_| {
        let text = link.get();
        (!text.is_empty()).then(|| enc_qr(&text))
    });
    let fits = move || matches!(code.get(), Some(Ok(_)));

    let html = |el: Option<web_sys::HtmlButtonElement>| el.map(|b| b.unchecked_into());
    let close = move || {
        full.set(false);
        open.set(false);
        focus(html(btn.get_untracked()));
    };
    let do_open = move |_| {
        load_encoder();
        page.set(page_address());
        base.set(get.with_value(|f| f()));
        anon.set(false);
        copied.set(false);
        full.set(false);
        open.set(true);
        request_animation_frame(move || focus(html(first.get_untracked())));
    };
    // The projector view also asks the browser for real full screen (the
    // overlay alone already fills the window when that is refused). Leaving
    // the browser's full screen (its own Esc) closes the overlay too.
    let entered = StoredValue::new(false);
    Effect::new(move |_| {
        if full.get() {
            request_animation_frame(move || {
                if let Some(el) = document()
                    .query_selector("[data-testid=share-full]")
                    .ok()
                    .flatten()
                {
                    enter_fullscreen(&el);
                }
            });
        } else {
            entered.set_value(false);
            leave_fullscreen();
        }
    });
    let fs_listener = window_event_listener_untyped("fullscreenchange", move |_| {
        if document().fullscreen_element().is_some() {
            entered.set_value(true);
        } else if entered.get_value() && full.get_untracked() {
            entered.set_value(false);
            full.set(false);
            request_animation_frame(move || focus(html(full_btn.get_untracked())));
        }
    });
    on_cleanup(move || {
        fs_listener.remove();
        leave_fullscreen();
    });
    let on_key = move |ev: web_sys::KeyboardEvent| {
        match ev.key().as_str() {
            "Escape" => {
                // Not the shell's Esc (which leaves presentation mode).
                ev.stop_propagation();
                ev.prevent_default();
                if full.get_untracked() {
                    full.set(false);
                    request_animation_frame(move || focus(html(full_btn.get_untracked())));
                } else {
                    close();
                }
            }
            "Tab" => {
                // Keep the focus in the dialog.
                if full.get_untracked() {
                    ev.prevent_default();
                    focus(html(exit_btn.get_untracked()));
                    return;
                }
                let (f, l) = (html(first.get_untracked()), html(last.get_untracked()));
                if ev.shift_key() && is_active(&f) {
                    ev.prevent_default();
                    focus(l);
                } else if !ev.shift_key() && is_active(&l) {
                    ev.prevent_default();
                    focus(f);
                }
            }
            _ => {}
        }
    };
    let copy = move |_| {
        crate::ui::copy_to_clipboard(&link.get_untracked());
        copied.set(true);
    };
    let export = move |_| {
        let Some(p) = shown.get_untracked() else {
            return;
        };
        match p.export() {
            Some((name, mime, text)) => crate::ui::download(&name, mime, &text),
            None if link.get_untracked().is_empty() => {}
            None => crate::ui::download(
                &format!(
                    "rm-toolkit-{}-{}.txt",
                    T::KIND.tool().slug(),
                    crate::ui::file_stamp()
                ),
                "text/plain;charset=utf-8",
                &format!("{}\n", link.get_untracked()),
            ),
        }
    };
    let kind_name = move || i18n.t(T::KIND.name_key());

    let panel = move || {
        open.get().then(|| {
            view! {
                <div class="share-backdrop" on:click=move |ev| if on_backdrop(&ev) { close(); }>
                <div class="share-panel card" role="dialog" aria-modal="true" aria-labelledby="share-title"
                    data-testid="share-panel" on:keydown=on_key>
                    <div class="share-panel-head">
                        <h2 id="share-title">{i18n.text("share.title")} " · " {kind_name}</h2>
                        <button type="button" class="btn small ghost" node_ref=first data-testid="share-close"
                            on:click=move |_| close()>{i18n.text("share.close")}</button>
                    </div>
                    {T::NOTE.map(|k| view! {
                        <p class="share-note" data-testid="share-note">{i18n.text(k)}</p>
                    })}
                    {T::ANONYMISE.then(|| view! {
                        <label class="share-anon">
                            <input type="checkbox" data-testid="share-anon"
                                prop:checked=move || anon.get()
                                on:change=move |ev| anon.set(event_target_checked(&ev)) />
                            <span>{i18n.text("share.anon.toggle")}</span>
                        </label>
                    })}
                    <div class="share-contents">
                        <h3>{i18n.text("share.contents")}</h3>
                        <ul data-testid="share-contents">
                            {move || shown.get().map(|p| p.contents(i18n.lang(), T::ANONYMISE && anon.get())).unwrap_or_default()
                                .into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                        </ul>
                    </div>
                    {move || match state.get() {
                        Enc::Ready => view! {
                        <label for="share-link-input" class="share-label">{i18n.text("share.link")}</label>
                        <div class="share-link-row">
                            <input id="share-link-input" type="text" readonly data-testid="share-link"
                                prop:value=move || link.get()
                                on:focus=move |ev| {
                                    if let Some(t) = ev.target() {
                                        if let Ok(i) = t.dyn_into::<web_sys::HtmlInputElement>() { i.select(); }
                                    }
                                } />
                            <button type="button" class="btn small primary" data-testid="share-copy" on:click=copy>
                                {move || if copied.get() { i18n.t("share.copied") } else { i18n.t("share.copy_link") }}
                            </button>
                        </div>
                        <p class="share-small" role="status">
                            {move || i18n.tf("share.link_chars", &[("n", &link.get().chars().count().to_string())])}
                            " " {i18n.text("share.private_note")}
                        </p>
                        {move || match code.get() {
                            Some(Ok(c)) => {
                                let label = format!("{} · {}", i18n.t("share.qr.label"), kind_name());
                                let dense = c.advice == Advice::Dense;
                                view! {
                                    <div class="share-qr" inner_html=svg_markup(&c, &label, "share-qr")></div>
                                    <p class="share-meter" data-testid="share-qr-version">
                                        {i18n.tf("share.qr.version", &[("v", &c.version.to_string()), ("n", &c.modules.to_string())])}
                                        " · "
                                        {i18n.tf("share.qr.distance", &[("m", &metres(c.distance_m))])}
                                    </p>
                                    {dense.then(|| view! {
                                        <p class="share-dense notice warn" data-testid="share-dense">{i18n.t("share.qr.dense")}</p>
                                    })}
                                }
                                .into_any()
                            }
                            Some(Err(e)) => view! {
                                <p class="share-dense notice warn" data-testid="share-too-large">{i18n.t(e.message_key())}</p>
                            }
                            .into_any(),
                            None => ().into_any(),
                        }}
                        }
                        .into_any(),
                        other => enc_pending(i18n, other),
                    }}
                    <div class="share-actions">
                        {move || fits().then(|| view! {
                            <button type="button" class="btn small" node_ref=full_btn data-testid="share-fullscreen"
                                on:click=move |_| {
                                    full.set(true);
                                    request_animation_frame(move || focus(html(exit_btn.get_untracked())));
                                }>{i18n.text("share.fullscreen")}</button>
                        })}
                        <button type="button" class="btn small" node_ref=last data-testid="share-export" on:click=export>
                            {i18n.text("share.export_file")}</button>
                    </div>
                    {move || (full.get()).then(|| code.get().and_then(|c| c.ok()).map(|c| {
                        let label = format!("{} · {}", i18n.t("share.qr.label"), kind_name());
                        view! {
                            <div class="share-full" role="dialog" aria-modal="true" aria-label=label.clone()
                                data-testid="share-full">
                                <div class="share-full-qr" inner_html=svg_markup(&c, &label, "share-qr-full")></div>
                                <p class="share-full-address" data-testid="share-full-address">{short_address()}</p>
                                <p class="share-full-hint">{i18n.t("share.qr.scan")}</p>
                                <button type="button" class="btn small share-full-exit" node_ref=exit_btn
                                    data-testid="share-fullscreen-exit"
                                    on:click=move |_| {
                                        full.set(false);
                                        request_animation_frame(move || focus(html(full_btn.get_untracked())));
                                    }>{i18n.t("share.fullscreen_exit")}</button>
                            </div>
                        }
                    }))}
                </div>
                </div>
            }
        })
    };

    view! {
        <button type="button" class="btn small share-open" node_ref=btn data-testid="share-open"
            aria-label=move || label.get().map(|l| format!("{}：{l}", i18n.t("share.title")))
            aria-haspopup="dialog" on:pointerenter=move |_| load_encoder()
            on:focus=move |_| load_encoder() on:click=do_open>
            <span aria-hidden="true">"⇪"</span>
            <span>{i18n.text("share.title")}</span>
        </button>
        {panel}
    }
}

/// A click on a dialog's backdrop itself (not on the dialog inside it).
fn on_backdrop(ev: &leptos::ev::MouseEvent) -> bool {
    matches!((ev.target(), ev.current_target()), (Some(a), Some(b)) if a == b)
}

/// `el.requestFullscreen()`, its refusal (no user gesture, an embedding
/// frame, a browser without it) caught: the overlay stays either way.
fn enter_fullscreen(el: &web_sys::Element) {
    call_quietly(el, "requestFullscreen");
}

/// Leave the browser's full screen if the app is in it.
fn leave_fullscreen() {
    let doc = document();
    if doc.fullscreen_element().is_some() {
        call_quietly(&doc, "exitFullscreen");
    }
}

fn call_quietly(target: &wasm_bindgen::JsValue, method: &str) {
    let Ok(f) = js_sys::Reflect::get(target, &method.into()) else {
        return;
    };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else {
        return;
    };
    if let Ok(ret) = f.call0(target) {
        if let Some(p) = ret.dyn_ref::<js_sys::Promise>() {
            thread_local! {
                static IGNORE: wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue)> =
                    wasm_bindgen::closure::Closure::new(|_| {});
            }
            IGNORE.with(|c| {
                let _ = p.catch(c);
            });
        }
    }
}

// ---------------------------------------------------------------------------
// The pieces.

fn t(lang: Lang, key: &'static str) -> &'static str {
    i18n::t(lang, key)
}

fn tf(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    i18n::tf(lang, key, args)
}

impl Shareable for crate::share::clv::ClvCase {
    const KIND: Kind = Kind::Clv;
    fn token(&self, a: Alphabet) -> String {
        one::token_using(self, a, &enc_deflate)
    }
    fn open(text: &str) -> Result<Self, ShareError> {
        one::decode(text)
    }
    fn title(&self, _: Lang) -> String {
        self.name.clone()
    }
    fn contents(&self, lang: Lang, _: bool) -> Vec<String> {
        let on = self.six.enabled.iter().filter(|e| **e).count();
        vec![
            tf(lang, "share.contents.name", &[("name", &self.name)]),
            tf(lang, "share.contents.clv", &[("n", &on.to_string())]),
        ]
    }
}

impl Shareable for crate::share::tiering::TierSettings {
    const KIND: Kind = Kind::Tiering;
    const NOTE: Option<&'static str> = Some("share.tiering.no_list");
    fn token(&self, a: Alphabet) -> String {
        one::token_using(self, a, &enc_deflate)
    }
    fn open(text: &str) -> Result<Self, ShareError> {
        one::decode(text)
    }
    fn title(&self, lang: Lang) -> String {
        t(lang, Kind::Tiering.name_key()).to_string()
    }
    fn contents(&self, lang: Lang, _: bool) -> Vec<String> {
        vec![t(lang, "share.contents.tiering").to_string()]
    }
}

impl Shareable for crate::share::map::MapPiece {
    const KIND: Kind = Kind::Map;
    const ANONYMISE: bool = true;
    fn token(&self, a: Alphabet) -> String {
        one::token_using(self, a, &enc_deflate)
    }
    fn open(text: &str) -> Result<Self, ShareError> {
        one::decode(text)
    }
    fn title(&self, _: Lang) -> String {
        self.name.clone()
    }
    fn contents(&self, lang: Lang, anon: bool) -> Vec<String> {
        let c = self.contents();
        let mut v = vec![tf(lang, "share.contents.name", &[("name", &self.name)])];
        for (n, key) in [
            (c.people, "share.contents.people"),
            (c.links, "share.contents.links"),
            (if anon { 0 } else { c.names }, "share.contents.names"),
            (c.notes, "share.contents.notes"),
            (c.tags, "share.contents.tags"),
            (c.dates, "share.contents.dates"),
            (c.since, "share.contents.since"),
            (c.labels, "share.contents.labels"),
        ] {
            if n > 0 {
                v.push(tf(lang, key, &[("n", &n.to_string())]));
            }
        }
        if anon {
            v.push(t(lang, "share.contents.anon_names").to_string());
        }
        v
    }
    fn anonymised(&self, lang: Lang) -> Self {
        crate::share::map::MapPiece::anonymised(self, lang)
    }
    fn export(&self) -> Option<(String, &'static str, String)> {
        let entry = crate::tools::map::doc::MapEntry {
            id: 0,
            name: self.name.clone(),
            graph: self.to_graph(),
        };
        Some((
            format!("map-{}.json", crate::ui::file_stamp()),
            "application/json",
            crate::tools::map::doc::export_json(&entry),
        ))
    }
}

impl Shareable for crate::tools::scripts::library::Script {
    const KIND: Kind = Kind::Script;
    fn token(&self, a: Alphabet) -> String {
        one::token_using(&crate::share::script::shareable(self), a, &enc_deflate)
    }
    fn open(text: &str) -> Result<Self, ShareError> {
        one::decode(text)
    }
    fn title(&self, _: Lang) -> String {
        self.name.clone()
    }
    fn contents(&self, lang: Lang, _: bool) -> Vec<String> {
        let fw = if self.is_ppf() {
            t(lang, "scripts.ppf.name").to_string()
        } else {
            self.framework_def()
                .map(|f| f.name.get(lang).to_string())
                .unwrap_or_else(|| self.framework.clone())
        };
        let mut v = vec![
            tf(lang, "share.contents.name", &[("name", &self.name)]),
            tf(
                lang,
                "share.contents.script",
                &[("framework", &fw), ("n", &self.parts.len().to_string())],
            ),
        ];
        if self.grid.is_some() {
            v.push(t(lang, "share.contents.script_grid").to_string());
        }
        if self.edited_script.is_some() {
            v.push(t(lang, "share.contents.script_edit").to_string());
        }
        v
    }
    fn export(&self) -> Option<(String, &'static str, String)> {
        use crate::tools::scripts::library::{export_script, file_name};
        Some((
            file_name(self, &crate::ui::file_stamp()),
            "application/json",
            export_script(self),
        ))
    }
}

/// A questionnaire's title (its id when this build does not know it).
fn questionnaire_title(id: &str, lang: Lang) -> String {
    crate::tools::assess::data::questionnaire(id)
        .map(|q| q.title.get(lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

impl Shareable for crate::share::assess::QuizPiece {
    const KIND: Kind = Kind::Quiz;
    fn token(&self, a: Alphabet) -> String {
        one::token_using(self, a, &enc_deflate)
    }
    fn open(text: &str) -> Result<Self, ShareError> {
        one::decode(text)
    }
    fn title(&self, lang: Lang) -> String {
        questionnaire_title(&self.questionnaire, lang)
    }
    fn contents(&self, lang: Lang, _: bool) -> Vec<String> {
        let name = self.title(lang);
        vec![
            tf(lang, "share.contents.quiz", &[("name", &name)]),
            if self.target.is_empty() {
                t(lang, "share.contents.no_target").to_string()
            } else {
                tf(
                    lang,
                    "share.contents.target",
                    &[("n", &self.target.len().to_string())],
                )
            },
        ]
    }
}

// ---------------------------------------------------------------------------
// Hand-in (issue #13): the trainee's phone shows a code for the trainer's
// scanner (`crate::ui::scan`): the bare base32 token, no page address.

/// The "hand in to the trainer" button and its dialog: the QR code of the
/// piece, what it holds, its size, and the code as text (to copy and send
/// when there is no camera). `piece` is called reactively (the code follows
/// e.g. the trainee's name); `extra` is shown above the code (a name field).
#[component]
pub fn HandInButton<T, F>(piece: F, #[prop(optional, into)] extra: Option<ViewFn>) -> impl IntoView
where
    T: Shareable,
    F: Fn() -> Option<T> + 'static,
{
    let i18n = use_i18n();
    let get = StoredValue::new_local(piece);
    let open = RwSignal::new(false);
    let btn = NodeRef::<leptos::html::Button>::new();
    let first = NodeRef::<leptos::html::Button>::new();
    let html = |el: Option<web_sys::HtmlButtonElement>| el.map(|b| b.unchecked_into());
    let shown = Memo::new(move |_| open.get().then(|| get.with_value(|f| f())).flatten());
    // Both wait for the encoder module (empty until it is ready).
    let state: RwSignal<Enc> = enc().into();
    let text = Memo::new(move |_| {
        if state.get() != Enc::Ready {
            return String::new();
        }
        shown
            .get()
            .map(|p| p.token(Alphabet::Base32))
            .unwrap_or_default()
    });
    let code = Memo::new(move |_| {
        let t = text.get();
        (!t.is_empty()).then(|| enc_qr(&t))
    });
    let close = move || {
        open.set(false);
        focus(html(btn.get_untracked()));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.stop_propagation();
            ev.prevent_default();
            close();
        }
    };
    let kind_name = move || i18n.t(T::KIND.name_key());
    let panel = move || {
        let extra = extra.clone();
        open.get().then(move || view! {
            <div class="share-backdrop" on:click=move |ev| if on_backdrop(&ev) { close(); }>
            <div class="share-panel card handin-panel" role="dialog" aria-modal="true" aria-labelledby="handin-title"
                data-testid="handin-panel" on:keydown=on_key>
                <div class="share-panel-head">
                    <h2 id="handin-title">{i18n.text("share.handin.title")} " · " {kind_name}</h2>
                    <button type="button" class="btn small ghost" node_ref=first data-testid="handin-close"
                        on:click=move |_| close()>{i18n.text("share.close")}</button>
                </div>
                {extra.map(|e| e.run())}
                <ul class="handin-contents" data-testid="handin-contents">
                    {move || shown.get().map(|p| p.contents(i18n.lang(), false)).unwrap_or_default()
                        .into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
                {move || match state.get() {
                    Enc::Ready => view! {
                    {move || match code.get() {
                        Some(Ok(c)) => {
                            let label = format!("{} · {}", i18n.t("share.handin.qr_label"), kind_name());
                            view! {
                                <div class="share-qr handin-qr" inner_html=svg_markup(&c, &label, "handin-qr")></div>
                                <p class="share-meter" data-testid="handin-qr-version" data-version=c.version>
                                    {i18n.tf("share.qr.version", &[("v", &c.version.to_string()), ("n", &c.modules.to_string())])}
                                </p>
                            }.into_any()
                        }
                        Some(Err(e)) => view! {
                            <p class="share-dense notice warn" data-testid="handin-too-large">{i18n.t(e.message_key())}</p>
                        }.into_any(),
                        None => ().into_any(),
                    }}
                    <p class="share-small">{i18n.text("share.handin.hint")}</p>
                    <label for="handin-code" class="share-label">{i18n.text("share.handin.code")}</label>
                    <div class="share-link-row">
                        <input id="handin-code" type="text" readonly data-testid="handin-code"
                            prop:value=move || text.get()
                            on:focus=move |ev| {
                                if let Some(t) = ev.target() {
                                    if let Ok(i) = t.dyn_into::<web_sys::HtmlInputElement>() { i.select(); }
                                }
                            } />
                        <button type="button" class="btn small" data-testid="handin-copy"
                            on:click=move |_| crate::ui::copy_to_clipboard(&text.get_untracked())>
                            {i18n.text("share.copy_link")}</button>
                    </div>
                    }
                    .into_any(),
                    other => enc_pending(i18n, other),
                }}
            </div>
            </div>
        })
    };
    view! {
        <button type="button" class="btn primary handin-open" node_ref=btn data-testid="handin-open"
            aria-haspopup="dialog" on:pointerenter=move |_| load_encoder()
            on:focus=move |_| load_encoder()
            on:click=move |_| {
                load_encoder();
                open.set(true);
                request_animation_frame(move || focus(html(first.get_untracked())));
            }>
            <span aria-hidden="true">"▣"</span>" "
            <span>{i18n.text("share.handin.title")}</span>
        </button>
        {panel}
    }
}

impl Shareable for crate::share::assess::ResultPiece {
    const KIND: Kind = Kind::Result;
    fn token(&self, a: Alphabet) -> String {
        one::token_using(self, a, &enc_deflate)
    }
    fn open(text: &str) -> Result<Self, ShareError> {
        one::decode(text)
    }
    fn title(&self, lang: Lang) -> String {
        questionnaire_title(&self.questionnaire, lang)
    }
    fn contents(&self, lang: Lang, _: bool) -> Vec<String> {
        let trainee = if self.trainee.is_empty() {
            t(lang, "share.handin.unnamed").to_string()
        } else {
            self.trainee.clone()
        };
        vec![tf(
            lang,
            "share.handin.contents.result",
            &[
                ("trainee", &trainee),
                ("name", &self.title(lang)),
                ("n", &self.answers.len().to_string()),
                ("date", &crate::i18n::format::fmt_date(lang, self.date)),
            ],
        )]
    }
}
