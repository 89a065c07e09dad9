//! localStorage side of the storage layer (wasm only).
//!
//! `use_doc::<T>()` gives a [`Doc<T>`] handle: reading is reactive, every
//! `update` is saved after a short debounce (and at once when the tab is hidden
//! or closed). Before each write the stored revision is checked, so a stale tab
//! never overwrites newer work: its version is kept aside as a conflict copy.
//! Changes from other tabs arrive through the `storage` event. Unreadable data is
//! kept aside under a quarantine key; data from a newer app version is never
//! overwritten; a full storage keeps the work in memory and says so.

use super::codec::{self, Decoded, DocData, DocSpec, ValidImport};
use crate::i18n::Lang;
use leptos::prelude::*;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Debounce between an edit and its save.
pub const SAVE_DELAY: Duration = Duration::from_millis(300);

/// Where a document's latest change stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Pending,
    /// The last save failed (storage full or unavailable): kept in memory.
    Failed,
    /// Stored by a newer version: never written by this one.
    ReadOnly,
}

/// What a notice is about. Messages come from the translation table.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u32,
    /// Translation key of the message (with a `{doc}` placeholder).
    pub key: &'static str,
    /// The document's name (translated through `doc.<name>` or `tool.<name>.name`).
    pub doc: &'static str,
    /// A localStorage key whose raw text can be downloaded.
    pub raw_key: Option<String>,
    /// Offer a workspace export.
    pub offer_export: bool,
    /// Technical detail, shown small.
    pub detail: String,
}

/// A small shareable cell: wasm runs on one thread, but Leptos closures must
/// be `Send + Sync`, so the mutable parts of a document use atomics/mutexes.
struct Flag(AtomicBool);
impl Flag {
    fn new(v: bool) -> Self {
        Flag(AtomicBool::new(v))
    }
    fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
    fn set(&self, v: bool) {
        self.0.store(v, Ordering::Relaxed)
    }
}
struct Rev(AtomicU64);
impl Rev {
    fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
    fn set(&self, v: u64) {
        self.0.store(v, Ordering::Relaxed)
    }
}

struct DocInner<T: DocData> {
    data: ArcRwSignal<T>,
    state: ArcRwSignal<SaveState>,
    base_rev: Rev,
    read_only: Flag,
    /// The stored copy was saved by a newer app version: export it as stored.
    newer: Flag,
    /// Loaded from demo content and never edited: follows the language.
    pristine: Flag,
    timer: Mutex<Option<TimeoutHandle>>,
}

/// A handle on one stored document. Cheap to copy into closures.
pub struct Doc<T: DocData>(&'static DocInner<T>);

impl<T: DocData> Clone for Doc<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: DocData> Copy for Doc<T> {}

thread_local! {
    static DOCS: RefCell<BTreeMap<&'static str, Box<dyn Any>>> = const { RefCell::new(BTreeMap::new()) };
    static HOOKS: RefCell<BTreeMap<&'static str, Hooks>> = const { RefCell::new(BTreeMap::new()) };
    static NOTICES: ArcRwSignal<Vec<Notice>> = ArcRwSignal::new(Vec::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static LANG: Cell<Lang> = const { Cell::new(Lang::Zh) };
    static SUSPENDED: Cell<bool> = const { Cell::new(false) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

/// Type-erased operations on a loaded document.
struct Hooks {
    flush: Box<dyn Fn()>,
    cancel: Box<dyn Fn()>,
    /// Another tab wrote this key.
    external: Box<dyn Fn(Option<String>)>,
    /// Encode the in-memory state (for export, even when saving failed);
    /// `None` when the stored copy is newer than this app and must be
    /// exported exactly as stored.
    encode: Box<dyn Fn() -> Option<String>>,
    state: Box<dyn Fn() -> SaveState>,
    relocalize: Box<dyn Fn(Lang)>,
}

/// The browser's localStorage, if the browser allows it.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

fn stamp() -> String {
    format!("{}", js_sys::Date::now() as u64)
}

fn is_quota_error(e: &wasm_bindgen::JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| {
            let n = d.name();
            n == "QuotaExceededError" || n == "NS_ERROR_DOM_QUOTA_REACHED" || d.code() == 22
        })
        .unwrap_or(false)
}

/// The notices shown by the shell (reactive).
pub fn notices() -> ArcRwSignal<Vec<Notice>> {
    NOTICES.with(|n| n.clone())
}

/// Show a notice (one per key and document at a time).
pub fn notify(
    key: &'static str,
    doc: &'static str,
    raw_key: Option<String>,
    offer_export: bool,
    detail: String,
) {
    let id = NEXT_ID.with(|c| {
        let id = c.get();
        c.set(id + 1);
        id
    });
    notices().update(|v| {
        if !v.iter().any(|n| n.key == key && n.doc == doc) {
            v.push(Notice {
                id,
                key,
                doc,
                raw_key,
                offer_export,
                detail,
            });
        }
    });
}

fn notify_storage_unavailable() {
    notify(
        "notice.storage_unavailable",
        "settings",
        None,
        true,
        String::new(),
    );
}

pub fn dismiss(id: u32) {
    notices().update(|v| v.retain(|n| n.id != id));
}

/// The language used for demo content of documents never saved before.
pub fn set_lang(lang: Lang) {
    let old = LANG.with(|l| l.replace(lang));
    if old != lang {
        HOOKS.with(|h| {
            for hooks in h.borrow().values() {
                (hooks.relocalize)(lang);
            }
        });
    }
}

fn current_lang() -> Lang {
    LANG.with(|l| l.get())
}

/// The handle on document `T`, loading it on first use.
pub fn use_doc<T: DocData>() -> Doc<T> {
    if let Some(doc) = DOCS.with(|d| {
        d.borrow()
            .get(T::NAME)
            .and_then(|b| b.downcast_ref::<Doc<T>>().copied())
    }) {
        return doc;
    }
    let doc = load::<T>();
    DOCS.with(|d| d.borrow_mut().insert(T::NAME, Box::new(doc)));
    HOOKS.with(|h| {
        h.borrow_mut().insert(
            T::NAME,
            Hooks {
                flush: Box::new(move || doc.flush()),
                cancel: Box::new(move || doc.cancel()),
                external: Box::new(move |raw| doc.external(raw)),
                encode: Box::new(move || {
                    (!doc.0.newer.get()).then(|| {
                        doc.0
                            .data
                            .with_untracked(|d| codec::encode(d, doc.0.base_rev.get(), &now_iso()))
                    })
                }),
                state: Box::new(move || doc.0.state.get_untracked()),
                relocalize: Box::new(move |lang| {
                    if doc.0.pristine.get() {
                        doc.0.data.set(T::demo(lang));
                    }
                }),
            },
        )
    });
    listen_once();
    doc
}

fn load<T: DocData>() -> Doc<T> {
    let key = codec::doc_key(T::NAME);
    let mut data = T::default();
    let mut rev = 0;
    let mut read_only = false;
    let mut newer = false;
    let mut pristine = false;
    match storage() {
        None => {
            data = T::demo(current_lang());
            pristine = true;
            notify_storage_unavailable();
        }
        Some(st) => match st.get_item(&key).ok().flatten() {
            None => {
                data = T::demo(current_lang());
                pristine = true;
            }
            Some(raw) => match codec::decode::<T>(&raw) {
                Decoded::Ok {
                    data: d,
                    rev: r,
                    migrated_from,
                } => {
                    data = d;
                    rev = r;
                    if let Some(from) = migrated_from {
                        notify(
                            "notice.migrated",
                            T::NAME,
                            None,
                            false,
                            format!("schema {from} → {}", T::SCHEMA),
                        );
                    }
                }
                Decoded::Recovered {
                    data: d,
                    rev: r,
                    error,
                } => {
                    data = d;
                    rev = r;
                    let q = quarantine(&st, T::NAME, &raw);
                    read_only = q.is_none();
                    notify("notice.recovered", T::NAME, q, true, error.detail());
                }
                Decoded::Newer { rev: r, schema } => {
                    rev = r;
                    read_only = true;
                    newer = true;
                    notify(
                        "notice.newer",
                        T::NAME,
                        Some(key.clone()),
                        true,
                        format!("schema {schema}"),
                    );
                }
                Decoded::Corrupt(error) => {
                    rev = codec::peek_header(&raw).map(|h| h.rev).unwrap_or(0);
                    let q = quarantine(&st, T::NAME, &raw);
                    read_only = q.is_none();
                    notify("notice.corrupt", T::NAME, q, true, error.detail());
                }
            },
        },
    }
    let inner = DocInner {
        data: ArcRwSignal::new(data),
        state: ArcRwSignal::new(if read_only {
            SaveState::ReadOnly
        } else {
            SaveState::Saved
        }),
        base_rev: Rev(AtomicU64::new(rev)),
        read_only: Flag::new(read_only),
        newer: Flag::new(newer),
        pristine: Flag::new(pristine),
        timer: Mutex::new(None),
    };
    Doc(Box::leak(Box::new(inner)))
}

/// Keep raw text aside; returns its key, or `None` if even that failed.
fn quarantine(st: &web_sys::Storage, name: &str, raw: &str) -> Option<String> {
    let qkey = codec::quarantine_key(name, &stamp());
    match st.set_item(&qkey, raw) {
        Ok(()) => Some(qkey),
        Err(_) => {
            notify("notice.quota", "settings", None, true, String::new());
            None
        }
    }
}

impl<T: DocData> Doc<T> {
    /// Read the document (reactive).
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.data.with(f)
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.data.with_untracked(f)
    }

    pub fn get(&self) -> T {
        self.0.data.get()
    }

    pub fn get_untracked(&self) -> T {
        self.0.data.get_untracked()
    }

    /// Change the document; the change is saved shortly.
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        self.0.data.update(f);
        self.0.pristine.set(false);
        self.schedule();
    }

    pub fn set(&self, value: T) {
        self.update(|d| *d = value);
    }

    /// Save state (reactive).
    pub fn state(&self) -> SaveState {
        self.0.state.get()
    }

    /// The revision of the last save seen by this tab.
    pub fn rev(&self) -> u64 {
        self.0.base_rev.get()
    }

    fn schedule(&self) {
        if SUSPENDED.with(|s| s.get()) {
            return;
        }
        if self.0.read_only.get() {
            self.0.state.set(SaveState::ReadOnly);
            return;
        }
        self.cancel();
        self.0.state.set(SaveState::Pending);
        let me = *self;
        let handle = set_timeout_with_handle(
            move || {
                me.0.timer.lock().map(|mut t| t.take()).ok();
                me.flush();
            },
            SAVE_DELAY,
        )
        .ok();
        if let Ok(mut t) = self.0.timer.lock() {
            *t = handle;
        }
    }

    fn cancel(&self) {
        if let Some(h) = self.0.timer.lock().ok().and_then(|mut t| t.take()) {
            h.clear();
        }
    }

    fn has_pending(&self) -> bool {
        self.0.timer.lock().map(|t| t.is_some()).unwrap_or(false)
            || self.0.state.get_untracked() == SaveState::Pending
    }

    /// Save now if there is an unsaved change.
    pub fn flush(&self) {
        self.cancel();
        if SUSPENDED.with(|s| s.get()) || self.0.state.get_untracked() != SaveState::Pending {
            return;
        }
        let _ = self.save_now();
    }

    /// Write the document now. Returns the state reached.
    fn save_now(&self) -> SaveState {
        let inner = self.0;
        if inner.read_only.get() {
            inner.state.set(SaveState::ReadOnly);
            return SaveState::ReadOnly;
        }
        let Some(st) = storage() else {
            inner.state.set(SaveState::Failed);
            notify_storage_unavailable();
            return SaveState::Failed;
        };
        let key = codec::doc_key(T::NAME);
        if let Some(raw) = st.get_item(&key).ok().flatten() {
            if let Some(h) = codec::peek_header(&raw) {
                if h.schema > T::SCHEMA {
                    inner.read_only.set(true);
                    inner.newer.set(true);
                    inner.state.set(SaveState::ReadOnly);
                    notify(
                        "notice.newer",
                        T::NAME,
                        Some(key),
                        true,
                        format!("schema {}", h.schema),
                    );
                    return SaveState::ReadOnly;
                }
                if h.rev > inner.base_rev.get() {
                    // Another tab saved first: keep ours aside, show theirs.
                    self.adopt_theirs(&st, &raw, true);
                    return inner.state.get_untracked();
                }
            }
        }
        let rev = inner.base_rev.get() + 1;
        let text = inner
            .data
            .with_untracked(|d| codec::encode(d, rev, &now_iso()));
        match st.set_item(&key, &text) {
            Ok(()) => {
                inner.base_rev.set(rev);
                inner.state.set(SaveState::Saved);
                notices().update(|v| v.retain(|n| !(n.key == "notice.quota" && n.doc == T::NAME)));
                SaveState::Saved
            }
            Err(e) => {
                inner.state.set(SaveState::Failed);
                let detail = if is_quota_error(&e) {
                    String::new()
                } else {
                    format!("{e:?}")
                };
                notify("notice.quota", T::NAME, None, true, detail);
                SaveState::Failed
            }
        }
    }

    /// Replace our state by the stored `raw` (newer, from another tab). When we
    /// had unsaved changes, they are kept aside under a conflict key first.
    fn adopt_theirs(&self, st: &web_sys::Storage, raw: &str, had_changes: bool) {
        let inner = self.0;
        match codec::decode::<T>(raw) {
            Decoded::Ok { data, rev, .. } | Decoded::Recovered { data, rev, .. } => {
                if had_changes {
                    let mine = inner
                        .data
                        .with_untracked(|d| codec::encode(d, inner.base_rev.get(), &now_iso()));
                    let ckey = codec::conflict_key(T::NAME, &stamp());
                    if st.set_item(&ckey, &mine).is_err() {
                        notify("notice.quota", T::NAME, None, true, String::new());
                    }
                    notify("notice.conflict", T::NAME, Some(ckey), false, String::new());
                }
                self.cancel();
                inner.base_rev.set(rev);
                inner.pristine.set(false);
                inner.data.set(data);
                inner.state.set(SaveState::Saved);
            }
            Decoded::Newer { .. } => {
                inner.read_only.set(true);
                inner.newer.set(true);
                inner.state.set(SaveState::ReadOnly);
                notify("notice.newer", T::NAME, None, true, String::new());
            }
            Decoded::Corrupt(_) => {
                // Another tab wrote garbage? Keep ours; the next save replaces it
                // only after keeping theirs aside.
                let _ = quarantine(st, T::NAME, raw);
                inner.base_rev.set(
                    codec::peek_header(raw)
                        .map(|h| h.rev)
                        .unwrap_or(inner.base_rev.get()),
                );
            }
        }
    }

    /// The `storage` event for our key.
    fn external(&self, raw: Option<String>) {
        let Some(raw) = raw else { return };
        let Some(h) = codec::peek_header(&raw) else {
            return;
        };
        if h.rev <= self.0.base_rev.get() && h.schema <= T::SCHEMA {
            return;
        }
        if let Some(st) = storage() {
            let pending = self.has_pending();
            self.adopt_theirs(&st, &raw, pending);
        }
    }
}

fn listen_once() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let on_storage = window_event_listener(leptos::ev::storage, |ev: web_sys::StorageEvent| {
        let Some(key) = ev.key() else { return };
        let Some(name) = codec::doc_name_of_key(&key) else {
            return;
        };
        let raw = ev.new_value();
        HOOKS.with(|h| {
            if let Some(hooks) = h.borrow().get(name) {
                (hooks.external)(raw);
            }
        });
    });
    let on_hide = window_event_listener(leptos::ev::pagehide, |_| flush_all());
    // Leaving with a change that could not be stored (storage full): ask first.
    let on_leave = window_event_listener(
        leptos::ev::beforeunload,
        |ev: web_sys::BeforeUnloadEvent| {
            if SUSPENDED.with(|s| s.get()) {
                return;
            }
            flush_all();
            if has_unsaved() {
                ev.prevent_default();
                ev.set_return_value("unsaved");
            }
        },
    );
    let on_vis = window_event_listener(leptos::ev::visibilitychange, |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush_all();
        }
    });
    // Listeners live as long as the page.
    std::mem::forget((on_storage, on_hide, on_leave, on_vis));
}

/// Save every pending change now.
pub fn flush_all() {
    let flushes: Vec<_> = HOOKS.with(|h| h.borrow().keys().copied().collect());
    for name in flushes {
        HOOKS.with(|h| {
            if let Some(hooks) = h.borrow().get(name) {
                (hooks.flush)();
            }
        });
    }
}

/// Stop saving (before a reload that follows an import or a reset).
fn suspend() {
    SUSPENDED.with(|s| s.set(true));
    HOOKS.with(|h| {
        for hooks in h.borrow().values() {
            (hooks.cancel)();
        }
    });
}

// ---------------------------------------------------------------------------
// Workspace-wide operations (the "My data" page and the error screen).

/// All keys this app owns, with their raw values.
pub fn all_entries() -> Vec<(String, String)> {
    let Some(st) = storage() else {
        return Vec::new();
    };
    let n = st.length().unwrap_or(0);
    let mut out = Vec::new();
    for i in 0..n {
        if let Some(k) = st.key(i).ok().flatten() {
            if k.starts_with(codec::KEY_PREFIX) {
                if let Some(v) = st.get_item(&k).ok().flatten() {
                    out.push((k, v));
                }
            }
        }
    }
    crate::sort::asc(&mut out);
    out
}

/// Every document name this app knows, with the schema it writes: the
/// settings and every tool's documents (`tools::CATALOGUE`), whichever tool
/// this binary holds.
pub fn known_docs() -> Vec<codec::KnownDoc> {
    use crate::storage::codec::DocData;
    let mut v = vec![(
        crate::settings::Settings::NAME,
        crate::settings::Settings::SCHEMA,
    )];
    v.extend(crate::tools::CATALOGUE.iter().map(|&(_, n, s)| (n, s)));
    v
}

/// The workspace as an export file: every document of every tool, whichever
/// tool this tab has loaded. Documents loaded in this tab are taken from
/// memory (so unsaved work is included), the others exactly as stored; a
/// document saved by a newer app version is always taken as stored, marked.
pub fn export_workspace_text() -> String {
    let mut docs: Vec<(String, String)> = all_entries()
        .into_iter()
        .filter_map(|(k, v)| codec::doc_name_of_key(&k).map(|n| (n.to_string(), v)))
        .collect();
    HOOKS.with(|h| {
        for (name, hooks) in h.borrow().iter() {
            let Some(text) = (hooks.encode)() else {
                continue;
            };
            match docs.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = text,
                None => docs.push((name.to_string(), text)),
            }
        }
    });
    let known = known_docs();
    docs.retain(|(n, _)| known.iter().any(|(k, _)| k == n));
    codec::export_workspace_marked(&docs, &now_iso(), &known)
}

/// The schema of every stored document (for the import's downgrade check).
pub fn stored_schemas() -> Vec<(String, u32)> {
    all_entries()
        .into_iter()
        .filter_map(|(k, v)| {
            let name = codec::doc_name_of_key(&k)?.to_string();
            Some((name, codec::peek_header(&v)?.schema))
        })
        .collect()
}

/// Is any change not yet safely stored (pending, or a save that failed)?
pub fn has_unsaved() -> bool {
    HOOKS.with(|h| {
        h.borrow()
            .values()
            .any(|hooks| matches!((hooks.state)(), SaveState::Pending | SaveState::Failed))
    })
}

/// Did a save fail (storage full or unavailable)? Reactive.
pub fn has_unsaved_failed() -> bool {
    notices().with(|v| {
        v.iter()
            .any(|n| n.key == "notice.quota" || n.key == "notice.storage_unavailable")
    })
}

/// Bytes used in localStorage: (this app's keys, every key of the site).
/// Browsers count UTF-16 code units, two bytes each.
pub fn local_usage_bytes() -> (usize, usize) {
    let Some(st) = storage() else { return (0, 0) };
    let n = st.length().unwrap_or(0);
    let (mut ours, mut all) = (0, 0);
    for i in 0..n {
        if let Some(k) = st.key(i).ok().flatten() {
            let v = st.get_item(&k).ok().flatten().unwrap_or_default();
            let bytes = (k.encode_utf16().count() + v.encode_utf16().count()) * 2;
            all += bytes;
            if k.starts_with(codec::KEY_PREFIX) {
                ours += bytes;
            }
        }
    }
    (ours, all)
}

/// Put a kept-aside version (a conflict copy) back as the current document.
/// The version it replaces is kept aside in its turn, so nothing is lost.
pub fn restore_aside(key: &str) -> Result<String, String> {
    let st = storage().ok_or("storage unavailable")?;
    let raw = st.get_item(key).ok().flatten().ok_or("the copy is gone")?;
    let name = key
        .strip_prefix(codec::KEY_PREFIX)
        .and_then(|r| r.strip_prefix("conflict:"))
        .and_then(|r| r.split(':').next())
        .ok_or("not a kept-aside version")?
        .to_string();
    let env = codec::parse_envelope(&raw, &name).map_err(|e| e.detail())?;
    let doc_key = codec::doc_key(&name);
    if let Some(current) = st.get_item(&doc_key).ok().flatten() {
        let aside = codec::conflict_key(&name, &stamp());
        st.set_item(&aside, &current).map_err(|e| {
            if is_quota_error(&e) {
                "quota".to_string()
            } else {
                format!("{e:?}")
            }
        })?;
    }
    suspend();
    match write_all(vec![(name.clone(), env)]) {
        Ok(_) => {
            let _ = st.remove_item(key);
            Ok(name)
        }
        Err(e) => {
            SUSPENDED.with(|s| s.set(false));
            Err(e)
        }
    }
}

/// The highest revision stored for a document (0 if none).
fn stored_rev(st: &web_sys::Storage, name: &str) -> u64 {
    st.get_item(&codec::doc_key(name))
        .ok()
        .flatten()
        .and_then(|raw| codec::peek_header(&raw))
        .map(|h| h.rev)
        .unwrap_or(0)
}

/// Write a set of documents all-or-nothing: on any failure the previous values
/// are put back. Revisions are raised above what is stored so other tabs adopt
/// the new content.
fn write_all(docs: Vec<(String, codec::Envelope)>) -> Result<usize, String> {
    let st = storage().ok_or("storage unavailable")?;
    let mut previous: Vec<(String, Option<String>)> = Vec::new();
    let n = docs.len();
    for (name, mut env) in docs {
        let key = codec::doc_key(&name);
        env.rev = stored_rev(&st, &name).max(env.rev) + 1;
        env.saved_at = now_iso();
        let text = serde_json::to_string(&env).map_err(|e| e.to_string())?;
        previous.push((key.clone(), st.get_item(&key).ok().flatten()));
        if let Err(e) = st.set_item(&key, &text) {
            for (k, old) in previous.into_iter().rev() {
                match old {
                    Some(v) => {
                        let _ = st.set_item(&k, &v);
                    }
                    None => {
                        let _ = st.remove_item(&k);
                    }
                }
            }
            return Err(if is_quota_error(&e) {
                "quota".into()
            } else {
                format!("{e:?}")
            });
        }
    }
    Ok(n)
}

/// Resume saving after an import or reset (the app reloads instead; tests use this).
pub fn resume_saving() {
    SUSPENDED.with(|s| s.set(false));
}

/// Import a validated workspace. On success the page should reload.
pub fn apply_import(valid: ValidImport) -> Result<usize, String> {
    suspend();
    let r = write_all(valid.docs);
    if r.is_err() {
        SUSPENDED.with(|s| s.set(false));
    }
    r
}

/// Replace every document by its demo content in `lang`: the documents
/// fully known here (`specs`) are written; every other known document is
/// removed, so its tool starts from its demo content when next opened.
pub fn reset_to_demo(lang: Lang, specs: &[DocSpec]) -> Result<usize, String> {
    suspend();
    let docs = specs
        .iter()
        .map(|s| {
            let data = if s.name == "settings" {
                serde_json::json!({ "lang": lang, "presentation": false })
            } else {
                (s.demo)(lang)
            };
            (
                s.name.to_string(),
                codec::Envelope {
                    app: codec::APP_ID.into(),
                    doc: s.name.into(),
                    schema: s.schema,
                    rev: 0,
                    saved_at: String::new(),
                    data,
                },
            )
        })
        .collect();
    let r = write_all(docs);
    match &r {
        Ok(_) => {
            if let Some(st) = storage() {
                for (name, _) in known_docs() {
                    if !specs.iter().any(|s| s.name == name) {
                        let _ = st.remove_item(&codec::doc_key(name));
                    }
                }
            }
        }
        Err(_) => SUSPENDED.with(|s| s.set(false)),
    }
    r
}

/// Remove one key this app owns (used for kept-aside copies).
pub fn remove_key(key: &str) {
    if key.starts_with(codec::KEY_PREFIX) {
        if let Some(st) = storage() {
            let _ = st.remove_item(key);
        }
    }
}

/// The raw text under a key, if any.
pub fn raw(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}
