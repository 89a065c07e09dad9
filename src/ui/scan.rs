//! The trainer's receiver (wasm only; issue #13): hand-in codes come back
//! by camera or by paste.
//!
//! - [`ScanButton`] ("扫码收取"): opens a panel in the page with the laptop
//!   camera (`getUserMedia`). A few times a second the `<video>` is drawn
//!   into a canvas and decoded: by the browser's `BarcodeDetector` where it
//!   exists, else in Rust ([`crate::share::scan::read_codes`], `rqrr`, in
//!   a module of its own, src/bin/qrscan.rs, imported when the camera
//!   opens: no address downloads the decoder on its first visit). Each
//!   code read is handed to the tool once while it is held up
//!   ([`Recent`]); the tool says what it did ([`Received`]) and the panel
//!   shows it, logs it and beeps (WebAudio). No camera, or permission
//!   denied: a message, and the paste box still works. Closing the panel
//!   (or leaving the page) stops every track: the camera light goes off.
//! - [`PasteButton`]: the same panel without the camera, for tools whose
//!   binary should not carry the decoder (the map).

use crate::share::scan::{pasted_codes, Recent};
use crate::ui::use_i18n;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// What a tool did with a code read or pasted (the message is translated).
#[derive(Clone, Debug, PartialEq)]
pub enum Received {
    /// Taken (added, or replacing an older result).
    Added(String),
    /// Already there: ignored.
    Duplicate(String),
    /// Damaged, foreign or of another kind: skipped.
    Refused(String),
}

impl Received {
    fn outcome(&self) -> &'static str {
        match self {
            Received::Added(_) => "added",
            Received::Duplicate(_) => "duplicate",
            Received::Refused(_) => "refused",
        }
    }
    fn message(&self) -> &str {
        match self {
            Received::Added(m) | Received::Duplicate(m) | Received::Refused(m) => m,
        }
    }
    /// Beep pitch (Hz) and length (s).
    fn tone(&self) -> (f32, f64) {
        match self {
            Received::Added(_) => (1320.0, 0.12),
            Received::Duplicate(_) => (660.0, 0.12),
            Received::Refused(_) => (220.0, 0.25),
        }
    }
}

type Handler = Rc<dyn Fn(&str) -> Received>;

/// The camera of the open scanner (one at a time), outside the reactive
/// arena so that a page being torn down still turns the camera off.
#[derive(Default)]
struct Camera {
    /// Bumped by every start and stop: a `getUserMedia` answer that comes
    /// after a stop is turned off at once.
    generation: u32,
    stream: Option<web_sys::MediaStream>,
    timer: Option<leptos::leptos_dom::helpers::IntervalHandle>,
    recent: Recent,
    canvas: Option<(
        web_sys::HtmlCanvasElement,
        web_sys::CanvasRenderingContext2d,
    )>,
    /// The browser's `BarcodeDetector`, when it has one.
    detector: Option<JsValue>,
    /// `read_codes` of the decoder module (kept once loaded).
    decode: Option<js_sys::Function>,
    busy: bool,
    audio: Option<web_sys::AudioContext>,
}

thread_local! {
    static CAMERA: RefCell<Camera> = RefCell::new(Camera::default());
}

fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Stop every track of the camera and the frame timer.
fn stop_camera() {
    CAMERA.with(|c| {
        let mut c = c.borrow_mut();
        c.generation = c.generation.wrapping_add(1);
        if let Some(t) = c.timer.take() {
            t.clear();
        }
        if let Some(s) = c.stream.take() {
            stop_stream(&s);
        }
        c.detector = None;
        c.busy = false;
        c.recent = Recent::default();
    });
}

fn stop_stream(s: &web_sys::MediaStream) {
    for t in s.get_tracks().iter() {
        if let Ok(t) = t.dyn_into::<web_sys::MediaStreamTrack>() {
            t.stop();
        }
    }
}

/// A short beep (the audio context is made on the click that opened the
/// scanner, so the browser lets it play).
fn beep(r: &Received) {
    let (freq, len) = r.tone();
    CAMERA.with(|c| {
        let c = c.borrow();
        let Some(ctx) = c.audio.as_ref() else {
            return;
        };
        let play = || -> Result<(), JsValue> {
            let osc = ctx.create_oscillator()?;
            let gain = ctx.create_gain()?;
            osc.set_type(web_sys::OscillatorType::Sine);
            osc.frequency().set_value(freq);
            gain.gain().set_value(0.15);
            osc.connect_with_audio_node(&gain)?;
            gain.connect_with_audio_node(&ctx.destination())?;
            let t = ctx.current_time();
            osc.start_with_when(t)?;
            osc.stop_with_when(t + len)?;
            Ok(())
        };
        let _ = play();
    });
}

fn get(o: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

fn set(o: &JsValue, k: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), v);
}

/// `navigator.mediaDevices` (absent outside a secure context).
fn media_devices() -> Option<web_sys::MediaDevices> {
    let md = get(&window().navigator(), "mediaDevices");
    (!md.is_undefined() && !md.is_null()).then(|| md.unchecked_into())
}

/// `new BarcodeDetector({formats: ["qr_code"]})` where the browser has it.
fn barcode_detector() -> Option<JsValue> {
    let ctor = get(&window(), "BarcodeDetector");
    let ctor: js_sys::Function = ctor.dyn_into().ok()?;
    let opts = js_sys::Object::new();
    set(&opts, "formats", &js_sys::Array::of1(&"qr_code".into()));
    js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&opts)).ok()
}

/// The panel's state, for the view and the tests (`data-state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CamState {
    Off,
    Starting,
    Live,
    Denied,
    NoCamera,
}

impl CamState {
    fn attr(self) -> &'static str {
        match self {
            CamState::Off => "off",
            CamState::Starting => "starting",
            CamState::Live => "live",
            CamState::Denied => "denied",
            CamState::NoCamera => "nocamera",
        }
    }
}

/// What the panel shows and counts.
#[derive(Clone, Copy)]
struct Ui {
    open: RwSignal<bool>,
    state: RwSignal<CamState>,
    /// Newest first: (outcome, message).
    log: RwSignal<Vec<(&'static str, String)>>,
    beeps: RwSignal<u32>,
    frames: RwSignal<u32>,
    /// Time of the last frame's decoding (ms).
    decode_ms: RwSignal<f64>,
    decoder: RwSignal<&'static str>,
    handler: StoredValue<Handler, LocalStorage>,
}

impl Ui {
    fn new(handler: Handler) -> Ui {
        Ui {
            open: RwSignal::new(false),
            state: RwSignal::new(CamState::Off),
            log: RwSignal::new(Vec::new()),
            beeps: RwSignal::new(0),
            frames: RwSignal::new(0),
            decode_ms: RwSignal::new(0.0),
            decoder: RwSignal::new(""),
            handler: StoredValue::new_local(handler),
        }
    }

    /// Hand `text` to the tool; show, log and beep what it did.
    fn take(self, text: &str) {
        let h = self.handler.get_value();
        let r = h(text);
        beep(&r);
        self.beeps.update(|b| *b += 1);
        self.log.update(|l| {
            l.insert(0, (r.outcome(), r.message().to_string()));
            l.truncate(200);
        });
    }

    /// Codes read in a frame: each once while it is held up.
    fn frame_codes(self, codes: Vec<String>) {
        let t = now_ms();
        for text in codes {
            let fresh = CAMERA.with(|c| c.borrow_mut().recent.fresh(&text, t));
            if fresh {
                self.take(&text);
            }
        }
    }
}

/// Grab one frame of `video` and decode it (Rust, or the browser's
/// detector when there is one).
fn tick(ui: Ui, video: &web_sys::HtmlVideoElement) {
    if video.ready_state() < 2 || video.video_width() == 0 {
        return;
    }
    let detector = CAMERA.with(|c| {
        let c = c.borrow();
        (!c.busy).then(|| c.detector.clone())
    });
    let Some(detector) = detector else {
        return; // the browser's detector is still on the last frame
    };
    if detector.is_none() && CAMERA.with(|c| c.borrow().decode.is_none()) {
        return; // the decoder module is still loading
    }
    ui.frames.update(|f| *f += 1);
    if let Some(d) = detector {
        let detect: Result<js_sys::Function, _> = get(&d, "detect").dyn_into();
        if let Ok(promise) = detect.and_then(|f| f.call1(&d, video)) {
            CAMERA.with(|c| c.borrow_mut().busy = true);
            let t0 = now_ms();
            leptos::task::spawn_local(async move {
                let res =
                    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
                CAMERA.with(|c| c.borrow_mut().busy = false);
                match res {
                    Ok(list) => {
                        ui.decode_ms.set(now_ms() - t0);
                        let codes = js_sys::Array::from(&list)
                            .iter()
                            .filter_map(|b| get(&b, "rawValue").as_string())
                            .collect();
                        ui.frame_codes(codes);
                    }
                    Err(_) => {
                        // Fall back to the Rust decoder from the next frame.
                        CAMERA.with(|c| c.borrow_mut().detector = None);
                        ui.decoder.set("rust");
                    }
                }
            });
            return;
        }
    }
    let (vw, vh) = (video.video_width(), video.video_height());
    // Frames are decoded at most 960 px wide (enough for a phone's code).
    let scale = (960.0 / f64::from(vw)).min(1.0);
    let (w, h) = (
        ((f64::from(vw) * scale) as u32).max(1),
        ((f64::from(vh) * scale) as u32).max(1),
    );
    let Some(ctx) = canvas(w, h) else {
        return;
    };
    let t0 = now_ms();
    if ctx
        .draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w.into(), h.into())
        .is_err()
    {
        return;
    }
    let Ok(img) = ctx.get_image_data(0.0, 0.0, w.into(), h.into()) else {
        return;
    };
    let grey = crate::share::scan::grey_from_rgba(&img.data());
    let Some(read) = CAMERA.with(|c| c.borrow().decode.clone()) else {
        return;
    };
    let out = read.call3(
        &JsValue::NULL,
        &js_sys::Uint8Array::from(&grey[..]),
        &f64::from(w).into(),
        &f64::from(h).into(),
    );
    let codes = out
        .map(|v| {
            js_sys::Array::from(&v)
                .iter()
                .filter_map(|s| s.as_string())
                .collect()
        })
        .unwrap_or_default();
    ui.decode_ms.set(now_ms() - t0);
    ui.frame_codes(codes);
}

/// Import the decoder module (`window.rmtModule`, web/loader.js) once.
fn load_decoder(ui: Ui) {
    if CAMERA.with(|c| c.borrow().decode.is_some()) {
        return;
    }
    let Ok(f) = get(&window(), "rmtModule").dyn_into::<js_sys::Function>() else {
        return;
    };
    let Ok(p) = f.call1(&JsValue::NULL, &"qrscan".into()) else {
        return;
    };
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(p)).await {
            Ok(m) => {
                if let Ok(read) = get(&m, "read_codes").dyn_into::<js_sys::Function>() {
                    CAMERA.with(|c| c.borrow_mut().decode = Some(read));
                    if ui.decoder.get_untracked() != "native" {
                        ui.decoder.set("rust");
                    }
                }
            }
            Err(e) => {
                web_sys::console::warn_2(&"RM Toolkit: the QR decoder did not load".into(), &e)
            }
        }
    });
}

/// The frame canvas (not in the page), `w × h`.
fn canvas(w: u32, h: u32) -> Option<web_sys::CanvasRenderingContext2d> {
    CAMERA.with(|c| {
        let mut c = c.borrow_mut();
        if c.canvas.is_none() {
            let el: web_sys::HtmlCanvasElement =
                document().create_element("canvas").ok()?.unchecked_into();
            let opts = web_sys::ContextAttributes2d::new();
            opts.set_will_read_frequently(true);
            let ctx = el
                .get_context_with_context_options("2d", &opts)
                .ok()??
                .unchecked_into();
            c.canvas = Some((el, ctx));
        }
        let (el, ctx) = c.canvas.as_ref()?;
        if el.width() != w || el.height() != h {
            el.set_width(w);
            el.set_height(h);
        }
        Some(ctx.clone())
    })
}

/// Ask for the camera and start reading frames into `video`.
fn start_camera(ui: Ui, video: NodeRef<leptos::html::Video>) {
    stop_camera();
    let generation = CAMERA.with(|c| {
        let mut c = c.borrow_mut();
        if c.audio.is_none() {
            c.audio = web_sys::AudioContext::new().ok();
        }
        if let Some(a) = c.audio.as_ref() {
            let _ = a.resume();
        }
        c.generation
    });
    let Some(md) = media_devices() else {
        ui.state.set(CamState::NoCamera);
        return;
    };
    load_decoder(ui);
    ui.state.set(CamState::Starting);
    let constraints = web_sys::MediaStreamConstraints::new();
    let v = js_sys::Object::new();
    set(&v, "facingMode", &"environment".into());
    let ideal = |n: f64| {
        let o = js_sys::Object::new();
        set(&o, "ideal", &n.into());
        o
    };
    set(&v, "width", &ideal(1280.0));
    set(&v, "height", &ideal(720.0));
    constraints.set_video(&v);
    constraints.set_audio(&JsValue::FALSE);
    let Ok(promise) = md.get_user_media_with_constraints(&constraints) else {
        ui.state.set(CamState::NoCamera);
        return;
    };
    leptos::task::spawn_local(async move {
        let res = wasm_bindgen_futures::JsFuture::from(promise).await;
        let current = CAMERA.with(|c| c.borrow().generation) == generation;
        match res {
            Err(e) => {
                if current {
                    let name = get(&e, "name").as_string().unwrap_or_default();
                    ui.state.set(match name.as_str() {
                        "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => {
                            CamState::Denied
                        }
                        _ => CamState::NoCamera,
                    });
                }
            }
            Ok(s) => {
                let stream: web_sys::MediaStream = s.unchecked_into();
                let Some(el) = video.get_untracked().filter(|_| current) else {
                    // Closed while the browser was asking: light off.
                    stop_stream(&stream);
                    return;
                };
                el.set_src_object(Some(&stream));
                let _ = el.play();
                let detector = barcode_detector();
                let loaded = CAMERA.with(|c| c.borrow().decode.is_some());
                ui.decoder.set(match (&detector, loaded) {
                    (Some(_), _) => "native",
                    (None, true) => "rust",
                    (None, false) => "loading",
                });
                let timer = set_interval_with_handle(
                    move || {
                        if let Some(v) = video.get_untracked() {
                            tick(ui, &v);
                        }
                    },
                    std::time::Duration::from_millis(150),
                )
                .ok();
                CAMERA.with(|c| {
                    let mut c = c.borrow_mut();
                    c.stream = Some(stream);
                    c.timer = timer;
                    c.detector = detector;
                });
                ui.state.set(CamState::Live);
            }
        }
    });
}

/// The trainer's "scan" button (camera and paste). `on_text` files a code
/// and says what it did. `label`: the button's translation key.
#[component]
pub fn ScanButton<F>(on_text: F, #[prop(optional)] label: Option<&'static str>) -> impl IntoView
where
    F: Fn(&str) -> Received + 'static,
{
    let ui = Ui::new(Rc::new(on_text));
    let video = NodeRef::<leptos::html::Video>::new();
    on_cleanup(stop_camera);
    let toggle = move |_| {
        if ui.open.get_untracked() {
            stop_camera();
            ui.state.set(CamState::Off);
            ui.open.set(false);
        } else {
            ui.open.set(true);
            request_animation_frame(move || start_camera(ui, video));
        }
    };
    let camera = move || {
        let i18n = use_i18n();
        view! {
            <div class="scan-camera">
                <video class="scan-video" node_ref=video data-testid="scan-video" autoplay muted playsinline
                    aria-label=i18n.text("share.scan.video")
                    prop:hidden=move || ui.state.get() != CamState::Live></video>
                {move || {
                    let key = match ui.state.get() {
                        CamState::Starting => Some("share.scan.starting"),
                        CamState::Live => Some("share.scan.live"),
                        CamState::Denied => Some("share.scan.denied"),
                        CamState::NoCamera => Some("share.scan.nocamera"),
                        CamState::Off => None,
                    };
                    let warn = matches!(ui.state.get(), CamState::Denied | CamState::NoCamera);
                    key.map(|k| view! {
                        <p class="scan-status" class:notice=warn class:warn=warn
                            role=if warn { "alert" } else { "status" } data-testid="scan-status">
                            {i18n.text(k)}
                            {warn.then(|| view! { " " {i18n.text("share.scan.other_routes")} })}
                        </p>
                    })
                }}
            </div>
        }
    };
    receiver(ui, label.unwrap_or("share.scan.open"), toggle, Some(camera))
}

/// The receiver without a camera: a paste box (see the module docs).
#[component]
pub fn PasteButton<F>(on_text: F, #[prop(optional)] label: Option<&'static str>) -> impl IntoView
where
    F: Fn(&str) -> Received + 'static,
{
    let ui = Ui::new(Rc::new(on_text));
    let toggle = move |_| ui.open.update(|o| *o = !*o);
    receiver(
        ui,
        label.unwrap_or("share.scan.paste_open"),
        toggle,
        None::<fn() -> ()>,
    )
}

fn receiver<C, V>(
    ui: Ui,
    label: &'static str,
    toggle: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
    camera: Option<C>,
) -> impl IntoView
where
    C: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let paste = RwSignal::new(String::new());
    let take_paste = move || {
        let text = paste.get_untracked();
        let codes: Vec<String> = pasted_codes(&text).into_iter().map(String::from).collect();
        for c in codes {
            ui.take(&c);
        }
        paste.set(String::new());
    };
    let toggle_panel = toggle.clone();
    let panel = move || {
        let camera = camera.clone();
        let toggle = toggle_panel.clone();
        ui.open.get().then(move || {
            view! {
                <section class="scan-panel card" aria-labelledby="scan-title" data-testid="scan-panel"
                    data-state=move || ui.state.get().attr()
                    data-beeps=move || ui.beeps.get()
                    data-frames=move || ui.frames.get()
                    data-decode-ms=move || crate::num::fixed(ui.decode_ms.get(), 1)
                    data-decoder=move || ui.decoder.get()>
                    <div class="scan-head">
                        <h3 id="scan-title">{i18n.text(label)}</h3>
                        <button type="button" class="btn small" data-testid="scan-close" on:click=toggle>
                            {i18n.text("share.scan.close")}</button>
                    </div>
                    {camera.map(|c| c())}
                    {move || ui.log.with(|l| l.first().cloned()).map(|(o, m)| view! {
                        <p class=format!("scan-flash {o}") role="status" data-testid="scan-flash" data-outcome=o>
                            <span aria-hidden="true">{match o { "added" => "✓", "duplicate" => "↺", _ => "✗" }}</span>
                            " " {m}
                        </p>
                    })}
                    <div class="scan-paste">
                        <label for="scan-paste-text">{i18n.text("share.scan.paste")}</label>
                        <textarea id="scan-paste-text" rows="2" data-testid="scan-paste"
                            prop:value=move || paste.get()
                            on:input=move |ev| paste.set(event_target_value(&ev))></textarea>
                        <button type="button" class="btn small primary" data-testid="scan-paste-go"
                            on:click=move |_| take_paste()>{i18n.text("share.scan.paste_go")}</button>
                    </div>
                    <h4 class="scan-log-title">{move || i18n.tf("share.scan.log", &[("n", &ui.log.with(|l| l.len()).to_string())])}</h4>
                    <ol class="scan-log" role="log" aria-live="polite" data-testid="scan-log">
                        {move || ui.log.get().into_iter().map(|(o, m)| view! {
                            <li class=o data-outcome=o>{m}</li>
                        }).collect_view()}
                    </ol>
                </section>
            }
        })
    };
    view! {
        <button type="button" class="btn" data-testid="scan-open"
            aria-expanded=move || ui.open.get().to_string()
            on:click=toggle>
            <span aria-hidden="true">"⌖"</span>" "
            <span>{i18n.text(label)}</span>
        </button>
        {panel}
    }
}
