//! localStorage side of the storage layer (wasm only).
//!
//! `use_doc::<T>()` gives a [`Doc<T>`] handle: reading is reactive, every
//! `update` is saved after a short debounce (and at once when the tab is hidden
//! or closed). Before each write the stored revision is checked, so a stale tab
//! never overwrites newer work: its version is kept aside as a conflict copy.
//! Changes from other tabs arrive through the `storage` event. Unreadable data is
//! kept aside under a quarantine key; data from a newer app version is never
//! overwritten; a full storage keeps the work in memory and says so.
//!
//! Large documents (`DocData::LARGE`) live in IndexedDB (`storage::idb`)
//! under the same key, as the same envelope text, with the same rules:
//! - Loading is asynchronous. Until it finishes the handle holds the type's
//!   default (never demo content), `loaded()` is false (views show a short
//!   loading state) and nothing is saved; a change made meanwhile is kept
//!   aside as a conflict copy if a stored copy turns up. A copy left in
//!   localStorage by an older version moves to IndexedDB, and leaves
//!   localStorage only once the IndexedDB write succeeded.
//! - Each save checks the stored revision and writes in one IndexedDB
//!   transaction, so a stale tab never overwrites a newer revision (its
//!   version is kept aside, as with localStorage). IndexedDB has no `storage`
//!   event: every write is announced on a `BroadcastChannel`, and the other
//!   tabs read and adopt it.
//! - A full disk (`QuotaExceededError`, when the transaction aborts) gives
//!   the same `notice.quota`; the work stays in memory.
//! - Kept-aside copies of a large document are kept in IndexedDB too; the
//!   workspace functions (export, import, reset, restore, the "My data" list)
//!   read and write both stores, routing by `tools::CATALOGUE`, so they work
//!   from any address whichever tool's binary is loaded.

use super::codec::{self, Decoded, DocData, DocSpec, ValidImport};
use super::idb;
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
    /// The stored copy has been read (at once for localStorage documents).
    loaded: ArcRwSignal<bool>,
    /// An IndexedDB write is under way.
    saving: Flag,
    /// Counts changes, so a save knows whether more came while it ran.
    edits: Rev,
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
    /// Names of the documents kept in IndexedDB that are not in the catalogue (tests).
    static LARGE_DOCS: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    /// Announces IndexedDB writes to the other tabs (and hears theirs).
    static CHANNEL: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

/// Is this document kept in IndexedDB? (By name: also for documents of tools
/// this binary does not hold.)
pub fn is_large(name: &str) -> bool {
    crate::tools::CATALOGUE
        .iter()
        .any(|&(_, n, _, large)| large && n == name)
        || LARGE_DOCS.with(|l| l.borrow().contains(&name))
}

/// Tell the other tabs that `key` changed in IndexedDB.
fn announce(key: &str) {
    CHANNEL.with(|c| {
        if let Some(c) = c.borrow().as_ref() {
            let _ = c.post_message(&key.into());
        }
    });
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
    if T::LARGE && !is_large(T::NAME) {
        LARGE_DOCS.with(|l| l.borrow_mut().push(T::NAME));
    }
    listen_once();
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
                    (!doc.0.newer.get() && doc.0.loaded.get_untracked()).then(|| {
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
    doc
}

fn load<T: DocData>() -> Doc<T> {
    let inner = DocInner {
        data: ArcRwSignal::new(T::default()),
        state: ArcRwSignal::new(SaveState::Saved),
        base_rev: Rev(AtomicU64::new(0)),
        read_only: Flag::new(false),
        newer: Flag::new(false),
        pristine: Flag::new(false),
        timer: Mutex::new(None),
        loaded: ArcRwSignal::new(!T::LARGE),
        saving: Flag::new(false),
        edits: Rev(AtomicU64::new(0)),
    };
    let doc = Doc(Box::leak(Box::new(inner)));
    if T::LARGE {
        wasm_bindgen_futures::spawn_local(doc.load_large());
        return doc;
    }
    match storage() {
        None => {
            doc.set_demo();
            notify_storage_unavailable();
        }
        Some(st) => match st.get_item(&codec::doc_key(T::NAME)).ok().flatten() {
            None => doc.set_demo(),
            Some(raw) => {
                let decoded = codec::decode::<T>(&raw);
                let q = needs_aside(&decoded)
                    .then(|| quarantine::<T>(&raw))
                    .flatten();
                doc.take_stored(&raw, decoded, q);
            }
        },
    }
    doc
}

/// Must the raw text be kept aside before the document is used?
fn needs_aside<T>(d: &Decoded<T>) -> bool {
    matches!(d, Decoded::Recovered { .. } | Decoded::Corrupt(_))
}

/// Keep raw text aside in the document's store; returns its key, or `None`
/// if even that failed. (For IndexedDB the write finishes later; a failure
/// then shows the storage-full notice.)
fn quarantine<T: DocData>(raw: &str) -> Option<String> {
    let qkey = codec::quarantine_key(T::NAME, &stamp());
    keep_aside::<T>(&qkey, raw).then_some(qkey)
}

/// Write a kept-aside copy (`key`, `text`) where document `T` is stored.
fn keep_aside<T: DocData>(key: &str, text: &str) -> bool {
    if T::LARGE {
        let (k, t) = (key.to_string(), text.to_string());
        wasm_bindgen_futures::spawn_local(async move {
            if idb::put(&k, &t).await.is_err() {
                notify("notice.quota", T::NAME, None, true, String::new());
            }
        });
        return true;
    }
    let ok = storage().is_some_and(|st| st.set_item(key, text).is_ok());
    if !ok {
        notify("notice.quota", T::NAME, None, true, String::new());
    }
    ok
}

fn quota_detail(e: &wasm_bindgen::JsValue) -> String {
    if is_quota_error(e) {
        String::new()
    } else {
        format!("{e:?}")
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
        self.0.edits.set(self.0.edits.get() + 1);
        self.schedule();
    }

    pub fn set(&self, value: T) {
        self.update(|d| *d = value);
    }

    /// Save state (reactive).
    pub fn state(&self) -> SaveState {
        self.0.state.get()
    }

    /// Has the stored copy been read? (Reactive; false only while a large
    /// document loads from IndexedDB.)
    pub fn loaded(&self) -> bool {
        self.0.loaded.get()
    }

    /// The revision of the last save seen by this tab.
    pub fn rev(&self) -> u64 {
        self.0.base_rev.get()
    }

    fn set_demo(&self) {
        self.0.data.set(T::demo(current_lang()));
        self.0.pristine.set(true);
    }

    /// Take a stored copy as the document at load time.
    fn take_stored(&self, raw: &str, decoded: Decoded<T>, q: Option<String>) {
        let inner = self.0;
        let key = codec::doc_key(T::NAME);
        let mut read_only = false;
        match decoded {
            Decoded::Ok {
                data,
                rev,
                migrated_from,
            } => {
                inner.data.set(data);
                inner.base_rev.set(rev);
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
            Decoded::Recovered { data, rev, error } => {
                inner.data.set(data);
                inner.base_rev.set(rev);
                read_only = q.is_none();
                notify("notice.recovered", T::NAME, q, true, error.detail());
            }
            Decoded::Newer { rev, schema } => {
                inner.base_rev.set(rev);
                read_only = true;
                inner.newer.set(true);
                notify(
                    "notice.newer",
                    T::NAME,
                    Some(key),
                    true,
                    format!("schema {schema}"),
                );
            }
            Decoded::Corrupt(error) => {
                inner
                    .base_rev
                    .set(codec::peek_header(raw).map(|h| h.rev).unwrap_or(0));
                read_only = q.is_none();
                notify("notice.corrupt", T::NAME, q, true, error.detail());
            }
        }
        if read_only {
            inner.read_only.set(true);
            inner.state.set(SaveState::ReadOnly);
        }
    }

    /// Read a large document from IndexedDB (moving an older copy over from
    /// localStorage), then allow saving.
    async fn load_large(self) {
        let key = codec::doc_key(T::NAME);
        let st = storage();
        let old = st.as_ref().and_then(|st| st.get_item(&key).ok().flatten());
        let rev_of = |r: &Option<String>| r.as_deref().and_then(codec::peek_header).map(|h| h.rev);
        let raw = match idb::get(&key).await {
            Err(_) => {
                // No IndexedDB (a very old or locked-down browser): show what
                // localStorage has; saves will fail with a notice.
                notify_storage_unavailable();
                old
            }
            Ok(stored) => match (stored, old) {
                (stored, Some(old))
                    if stored.is_none() || rev_of(&Some(old.clone())) > rev_of(&stored) =>
                {
                    match idb::put(&key, &old).await {
                        Ok(()) => {
                            if let Some(st) = &st {
                                let _ = st.remove_item(&key);
                            }
                        }
                        Err(e) => notify("notice.quota", T::NAME, None, true, quota_detail(&e)),
                    }
                    Some(old)
                }
                (stored, Some(_)) => {
                    // An older leftover of the move: IndexedDB holds the newer.
                    if let Some(st) = &st {
                        let _ = st.remove_item(&key);
                    }
                    stored
                }
                (stored, None) => stored,
            },
        };
        let edited = self.0.state.get_untracked() == SaveState::Pending;
        match raw {
            None if !edited => self.set_demo(),
            None => {}
            // Changed while loading: ours is kept aside, the stored one shown.
            Some(raw) if edited => self.adopt_theirs(&raw, true),
            Some(raw) => {
                let decoded = codec::decode::<T>(&raw);
                let q = if needs_aside(&decoded) {
                    let qkey = codec::quarantine_key(T::NAME, &stamp());
                    match idb::put(&qkey, &raw).await {
                        Ok(()) => Some(qkey),
                        Err(_) => {
                            notify("notice.quota", T::NAME, None, true, String::new());
                            None
                        }
                    }
                } else {
                    None
                };
                self.take_stored(&raw, decoded, q);
            }
        }
        self.0.loaded.set(true);
        if self.0.state.get_untracked() == SaveState::Pending {
            self.schedule();
        }
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
        if !self.0.loaded.get_untracked() {
            // Saved once the stored copy has been read (see `load_large`).
            return;
        }
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

    /// Save now if there is an unsaved change. (A large document's write
    /// starts now and finishes shortly.)
    pub fn flush(&self) {
        self.cancel();
        if SUSPENDED.with(|s| s.get()) || self.0.state.get_untracked() != SaveState::Pending {
            return;
        }
        if T::LARGE {
            // One write at a time; changes made during one are saved after it.
            if self.0.loaded.get_untracked() && !self.0.saving.get() {
                wasm_bindgen_futures::spawn_local(self.save_large());
            }
            return;
        }
        let _ = self.save_now();
    }

    /// The stored copy was written by a newer version: never write it.
    fn became_newer(&self, schema: u32) {
        let inner = self.0;
        inner.read_only.set(true);
        inner.newer.set(true);
        inner.state.set(SaveState::ReadOnly);
        notify(
            "notice.newer",
            T::NAME,
            Some(codec::doc_key(T::NAME)),
            true,
            format!("schema {schema}"),
        );
    }

    /// Write a large document to IndexedDB (revision checked in the same
    /// transaction).
    async fn save_large(self) {
        let inner = self.0;
        if inner.read_only.get() {
            inner.state.set(SaveState::ReadOnly);
            return;
        }
        inner.saving.set(true);
        let edits = inner.edits.get();
        let base = inner.base_rev.get();
        let key = codec::doc_key(T::NAME);
        let text = inner
            .data
            .with_untracked(|d| codec::encode(d, base + 1, &now_iso()));
        let r = idb::put_checked(&key, &text, base, T::SCHEMA).await;
        drop(text);
        inner.saving.set(false);
        match r {
            Ok(idb::Put::Written) => {
                if inner.base_rev.get() == base {
                    inner.base_rev.set(base + 1);
                }
                announce(&key);
                notices().update(|v| v.retain(|n| !(n.key == "notice.quota" && n.doc == T::NAME)));
                if inner.edits.get() == edits {
                    inner.state.set(SaveState::Saved);
                } else {
                    self.schedule();
                }
            }
            Ok(idb::Put::Blocked(raw)) => match codec::peek_header(&raw) {
                Some(h) if h.schema > T::SCHEMA => self.became_newer(h.schema),
                _ => self.adopt_theirs(&raw, true),
            },
            Err(e) => {
                inner.state.set(SaveState::Failed);
                notify("notice.quota", T::NAME, None, true, quota_detail(&e));
            }
        }
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
                    self.became_newer(h.schema);
                    return SaveState::ReadOnly;
                }
                if h.rev > inner.base_rev.get() {
                    // Another tab saved first: keep ours aside, show theirs.
                    self.adopt_theirs(&raw, true);
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
                notify("notice.quota", T::NAME, None, true, quota_detail(&e));
                SaveState::Failed
            }
        }
    }

    /// Replace our state by the stored `raw` (newer, from another tab). When we
    /// had unsaved changes, they are kept aside under a conflict key first.
    fn adopt_theirs(&self, raw: &str, had_changes: bool) {
        let inner = self.0;
        match codec::decode::<T>(raw) {
            Decoded::Ok { data, rev, .. } | Decoded::Recovered { data, rev, .. } => {
                if had_changes {
                    let mine = inner
                        .data
                        .with_untracked(|d| codec::encode(d, inner.base_rev.get(), &now_iso()));
                    let ckey = codec::conflict_key(T::NAME, &stamp());
                    keep_aside::<T>(&ckey, &mine);
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
                let _ = quarantine::<T>(raw);
                inner.base_rev.set(
                    codec::peek_header(raw)
                        .map(|h| h.rev)
                        .unwrap_or(inner.base_rev.get()),
                );
            }
        }
    }

    /// Another tab wrote our key (`storage` event, or the IndexedDB channel).
    fn external(&self, raw: Option<String>) {
        let Some(raw) = raw else { return };
        let Some(h) = codec::peek_header(&raw) else {
            return;
        };
        if !self.0.loaded.get_untracked()
            || (h.rev <= self.0.base_rev.get() && h.schema <= T::SCHEMA)
        {
            return;
        }
        let pending = self.has_pending();
        self.adopt_theirs(&raw, pending);
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
        if is_large(name) {
            return;
        }
        let raw = ev.new_value();
        HOOKS.with(|h| {
            if let Some(hooks) = h.borrow().get(name) {
                (hooks.external)(raw);
            }
        });
    });
    // IndexedDB writes of other tabs: read the key and adopt it.
    if let Ok(ch) = web_sys::BroadcastChannel::new("rmt-idb") {
        let on_msg = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            |ev: web_sys::MessageEvent| {
                let Some(key) = ev.data().as_string() else {
                    return;
                };
                let Some(name) = codec::doc_name_of_key(&key).map(str::to_string) else {
                    return;
                };
                if !HOOKS.with(|h| h.borrow().contains_key(name.as_str())) {
                    return;
                }
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(raw) = idb::get(&key).await {
                        HOOKS.with(|h| {
                            if let Some(hooks) = h.borrow().get(name.as_str()) {
                                (hooks.external)(raw);
                            }
                        });
                    }
                });
            },
        );
        ch.set_onmessage(Some(on_msg.as_ref().unchecked_ref()));
        on_msg.forget();
        CHANNEL.with(|c| *c.borrow_mut() = Some(ch));
    }
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

/// All localStorage keys this app owns, with their raw values.
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

/// The IndexedDB entries of this app (empty when IndexedDB is unavailable).
pub async fn idb_entries() -> Vec<(String, String)> {
    idb::entries().await.unwrap_or_default()
}

/// All keys this app owns in either store, with their raw values. A key in
/// both (a large document's older copy not yet moved) is taken from
/// IndexedDB unless localStorage holds a higher revision (as when loading).
pub async fn all_entries_everywhere() -> Vec<(String, String)> {
    let mut out = all_entries();
    for (k, v) in idb_entries().await {
        match out.iter_mut().find(|(k2, _)| *k2 == k) {
            Some(slot) => {
                let rev = |s: &str| codec::peek_header(s).map(|h| h.rev);
                if rev(&v) >= rev(&slot.1) {
                    slot.1 = v;
                }
            }
            None => out.push((k, v)),
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
    v.extend(crate::tools::CATALOGUE.iter().map(|&(_, n, s, _)| (n, s)));
    v
}

/// The workspace as an export file: every document of every tool, from both
/// stores, whichever tool this tab has loaded. Documents loaded in this tab
/// are taken from memory (so unsaved work is included), the others exactly
/// as stored; a document saved by a newer app version is always taken as
/// stored, marked.
pub async fn export_workspace_text() -> String {
    let mut docs: Vec<(String, String)> = all_entries_everywhere()
        .await
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
pub async fn stored_schemas() -> Vec<(String, u32)> {
    all_entries_everywhere()
        .await
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

/// Bytes of stored text, counted as browsers count strings (UTF-16 code
/// units, two bytes each).
pub fn text_bytes(k: &str, v: &str) -> usize {
    (k.encode_utf16().count() + v.encode_utf16().count()) * 2
}

/// Bytes used in localStorage: (this app's keys, every key of the site).
pub fn local_usage_bytes() -> (usize, usize) {
    let Some(st) = storage() else { return (0, 0) };
    let n = st.length().unwrap_or(0);
    let (mut ours, mut all) = (0, 0);
    for i in 0..n {
        if let Some(k) = st.key(i).ok().flatten() {
            let v = st.get_item(&k).ok().flatten().unwrap_or_default();
            let bytes = text_bytes(&k, &v);
            all += bytes;
            if k.starts_with(codec::KEY_PREFIX) {
                ours += bytes;
            }
        }
    }
    (ours, all)
}

fn err_text(e: &wasm_bindgen::JsValue) -> String {
    if is_quota_error(e) {
        "quota".to_string()
    } else {
        format!("{e:?}")
    }
}

/// Put a kept-aside version (a conflict copy) back as the current document.
/// The version it replaces is kept aside in its turn, so nothing is lost.
pub async fn restore_aside(key: &str) -> Result<String, String> {
    let raw = raw_anywhere(key).await.ok_or("the copy is gone")?;
    let name = key
        .strip_prefix(codec::KEY_PREFIX)
        .and_then(|r| r.strip_prefix("conflict:"))
        .and_then(|r| r.split(':').next())
        .ok_or("not a kept-aside version")?
        .to_string();
    let env = codec::parse_envelope(&raw, &name).map_err(|e| e.detail())?;
    let doc_key = codec::doc_key(&name);
    let aside = codec::conflict_key(&name, &stamp());
    if is_large(&name) {
        if let Some(current) = idb::get(&doc_key).await.map_err(|e| err_text(&e))? {
            idb::put(&aside, &current).await.map_err(|e| err_text(&e))?;
        }
    } else {
        let st = storage().ok_or("storage unavailable")?;
        if let Some(current) = st.get_item(&doc_key).ok().flatten() {
            st.set_item(&aside, &current).map_err(|e| err_text(&e))?;
        }
    }
    suspend();
    match write_all(vec![(name.clone(), env)]).await {
        Ok(_) => {
            remove_key(key).await;
            Ok(name)
        }
        Err(e) => {
            SUSPENDED.with(|s| s.set(false));
            Err(e)
        }
    }
}

/// The revision stored for a document in localStorage (0 if none).
fn stored_rev(st: &web_sys::Storage, name: &str) -> u64 {
    st.get_item(&codec::doc_key(name))
        .ok()
        .flatten()
        .and_then(|raw| codec::peek_header(&raw))
        .map(|h| h.rev)
        .unwrap_or(0)
}

/// Put localStorage values back (`None`: remove the key).
fn undo_local(st: &web_sys::Storage, previous: Vec<(String, Option<String>)>) {
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
}

/// Write a set of documents all-or-nothing, each to its store: on any
/// failure the previous values are put back (localStorage by hand, IndexedDB
/// by its transaction). Revisions are raised above what is stored so other
/// tabs adopt the new content.
async fn write_all(docs: Vec<(String, codec::Envelope)>) -> Result<usize, String> {
    let st = storage().ok_or("storage unavailable")?;
    let n = docs.len();
    let (large, small): (Vec<_>, Vec<_>) = docs.into_iter().partition(|(n, _)| is_large(n));
    let mut previous: Vec<(String, Option<String>)> = Vec::new();
    for (name, mut env) in small {
        let key = codec::doc_key(&name);
        env.rev = stored_rev(&st, &name).max(env.rev) + 1;
        env.saved_at = now_iso();
        let text = serde_json::to_string(&env).map_err(|e| e.to_string())?;
        previous.push((key.clone(), st.get_item(&key).ok().flatten()));
        if let Err(e) = st.set_item(&key, &text) {
            undo_local(&st, previous);
            return Err(err_text(&e));
        }
    }
    if !large.is_empty() {
        let keys: Vec<String> = large.iter().map(|(n, _)| codec::doc_key(n)).collect();
        let writes = large
            .into_iter()
            .map(|(name, mut env)| {
                // An older copy still in localStorage counts too.
                let old = stored_rev(&st, &name);
                let make: idb::MakeText = Box::new(move |prev| {
                    let prev = prev
                        .as_deref()
                        .and_then(codec::peek_header)
                        .map(|h| h.rev)
                        .unwrap_or(0);
                    env.rev = prev.max(old).max(env.rev) + 1;
                    env.saved_at = now_iso();
                    serde_json::to_string(&env).unwrap_or_default()
                });
                (codec::doc_key(&name), make)
            })
            .collect();
        if let Err(e) = idb::put_all(writes, &[]).await {
            undo_local(&st, previous);
            return Err(err_text(&e));
        }
        for k in keys {
            let _ = st.remove_item(&k);
            announce(&k);
        }
    }
    Ok(n)
}

/// Resume saving after an import or reset (the app reloads instead; tests use this).
pub fn resume_saving() {
    SUSPENDED.with(|s| s.set(false));
}

/// Import a validated workspace. On success the page should reload.
pub async fn apply_import(valid: ValidImport) -> Result<usize, String> {
    suspend();
    let r = write_all(valid.docs).await;
    if r.is_err() {
        SUSPENDED.with(|s| s.set(false));
    }
    r
}

/// Replace every document by its demo content in `lang`: the documents
/// fully known here (`specs`) are written; every other known document is
/// removed, so its tool starts from its demo content when next opened.
pub async fn reset_to_demo(lang: Lang, specs: &[DocSpec]) -> Result<usize, String> {
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
    let r = write_all(docs).await;
    match &r {
        Ok(_) => {
            let gone: Vec<String> = known_docs()
                .into_iter()
                .filter(|(name, _)| !specs.iter().any(|s| s.name == *name))
                .map(|(name, _)| codec::doc_key(name))
                .collect();
            if let Some(st) = storage() {
                for k in &gone {
                    let _ = st.remove_item(k);
                }
            }
            let _ = idb::put_all(Vec::new(), &gone).await;
            for k in &gone {
                announce(k);
            }
        }
        Err(_) => SUSPENDED.with(|s| s.set(false)),
    }
    r
}

/// Remove one key this app owns (used for kept-aside copies), from both stores.
pub async fn remove_key(key: &str) {
    if key.starts_with(codec::KEY_PREFIX) {
        if let Some(st) = storage() {
            let _ = st.remove_item(key);
        }
        let _ = idb::delete(key).await;
    }
}

/// The raw text under a localStorage key, if any.
pub fn raw(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// The raw text under a key in either store.
pub async fn raw_anywhere(key: &str) -> Option<String> {
    match raw(key) {
        Some(v) => Some(v),
        None => idb::get(key).await.ok().flatten(),
    }
}
