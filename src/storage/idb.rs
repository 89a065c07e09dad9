//! IndexedDB side of the storage layer (wasm only), for the documents too
//! large for localStorage (`DocData::LARGE`, e.g. a 100,000-row portfolio).
//!
//! One database (`rm-toolkit`), one object store (`docs`) holding the same
//! envelope text under the same key names as localStorage would
//! (`rmt:doc:<name>`, `rmt:quarantine:…`, `rmt:conflict:…`), so the codec,
//! the export file and the rescue export (`web/boot.js`) treat both alike.
//!
//! Written on raw `web-sys` rather than a wrapper crate (`idb`,
//! `indexed_db_futures`, `rexie`): the layer needs five operations on one
//! store, and each request becomes a promise by handing the promise's own
//! `resolve`/`reject` functions to the request as its event handlers — no Rust
//! closure per request, no per-request future types, no error enums, no tokio
//! channel (which `idb`'s default features bring). Every KB counts on the
//! tiering route; see the README for the measured cost.

use super::codec;
use js_sys::{Array, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

pub const DB_NAME: &str = "rm-toolkit";
pub const STORE: &str = "docs";
const VERSION: u32 = 1;

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// A request's outcome: its result on `success`, its error otherwise.
async fn done(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let p = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    match JsFuture::from(p).await {
        Ok(_) => req.result(),
        Err(ev) => Err(req.error().ok().flatten().map(JsValue::from).unwrap_or(ev)),
    }
}

/// The end of a transaction: `Ok` once committed, its error when aborted
/// (a full disk shows here as a `QuotaExceededError`). Created right after the
/// transaction, so the outcome is never missed.
fn commit(tx: &IdbTransaction) -> impl std::future::Future<Output = Result<(), JsValue>> {
    let p = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&reject));
    });
    let f = JsFuture::from(p);
    let tx = tx.clone();
    async move {
        match f.await {
            Ok(_) => Ok(()),
            Err(ev) => Err(tx.error().map(JsValue::from).unwrap_or(ev)),
        }
    }
}

/// The open database (opened, and its store created, on first use).
async fn db() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    // The connection web/loader.js started opening beside the download
    // (taken once; when it failed, the database is opened here as usual).
    if let Some(db) = early_db().await {
        DB.with(|d| *d.borrow_mut() = Some(db.clone()));
        return Ok(db);
    }
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("IndexedDB unavailable"))?;
    let req = factory.open_with_u32(DB_NAME, VERSION)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
        let db = ev
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db: IdbDatabase = done(&req).await?.dyn_into()?;
    drop(upgrade);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// The database that `web/loader.js` opened (`window.rmtIdb`, a promise of
/// the connection or null), once: later calls, and pages without the
/// loader (tests), get `None`.
async fn early_db() -> Option<IdbDatabase> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("rmtIdb");
    let p = js_sys::Reflect::get(&window, &key).ok()?;
    let p = p.dyn_into::<Promise>().ok()?;
    let _ = js_sys::Reflect::set(&window, &key, &JsValue::UNDEFINED);
    let db = JsFuture::from(p)
        .await
        .ok()?
        .dyn_into::<IdbDatabase>()
        .ok()?;
    db.object_store_names().contains(STORE).then_some(db)
}

/// A transaction on the store, and its commit.
async fn tx(
    mode: IdbTransactionMode,
) -> Result<
    (
        IdbObjectStore,
        IdbTransaction,
        impl std::future::Future<Output = Result<(), JsValue>>,
    ),
    JsValue,
> {
    let db = db().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, mode)
        .inspect_err(|_| {
            // A connection closed by the browser (site data cleared): reopen next time.
            DB.with(|d| *d.borrow_mut() = None);
        })?;
    let c = commit(&tx);
    Ok((tx.object_store(STORE)?, tx, c))
}

/// Abort `tx` (ignoring the abort's own outcome) and return `err`.
async fn abort<T>(
    tx: &IdbTransaction,
    c: impl std::future::Future<Output = Result<(), JsValue>>,
    err: JsValue,
) -> Result<T, JsValue> {
    let _ = tx.abort();
    let _ = c.await;
    Err(err)
}

/// The text stored under `key`.
pub async fn get(key: &str) -> Result<Option<String>, JsValue> {
    let (store, _tx, c) = tx(IdbTransactionMode::Readonly).await?;
    let v = done(&store.get(&key.into())?).await?;
    c.await?;
    Ok(v.as_string())
}

/// What [`put_checked`] did.
pub enum Put {
    Written,
    /// The stored copy has a higher revision or a newer schema: left as it
    /// is; here is its text.
    Blocked(String),
}

/// Write `text` under `key` unless the stored copy is newer than `rev` or
/// `schema` — checked and written in one transaction, so two tabs cannot
/// interleave between the check and the write.
pub async fn put_checked(key: &str, text: &str, rev: u64, schema: u32) -> Result<Put, JsValue> {
    let (store, tx, c) = tx(IdbTransactionMode::Readwrite).await?;
    let cur = done(&store.get(&key.into())?).await?;
    if let Some(raw) = cur.as_string() {
        if codec::peek_header(&raw).is_some_and(|h| h.rev > rev || h.schema > schema) {
            let _ = tx.abort();
            let _ = c.await;
            return Ok(Put::Blocked(raw));
        }
    }
    if let Err(e) = store.put_with_key(&text.into(), &key.into()) {
        return abort(&tx, c, e).await;
    }
    c.await?;
    Ok(Put::Written)
}

/// Makes the text to write from the stored one (if any).
pub type MakeText = Box<dyn FnOnce(Option<String>) -> String>;

/// Write and delete several keys at once, all or nothing. `writes` gives, for
/// each key, a function from the stored text (if any) to the text to write.
pub async fn put_all(writes: Vec<(String, MakeText)>, deletes: &[String]) -> Result<(), JsValue> {
    let (store, tx, c) = tx(IdbTransactionMode::Readwrite).await?;
    for (key, make) in writes {
        let req = match store.get(&key.as_str().into()) {
            Ok(r) => r,
            Err(e) => return abort(&tx, c, e).await,
        };
        let prev = match done(&req).await {
            Ok(v) => v.as_string(),
            Err(e) => return abort(&tx, c, e).await,
        };
        if let Err(e) = store.put_with_key(&make(prev).into(), &key.as_str().into()) {
            return abort(&tx, c, e).await;
        }
    }
    for key in deletes {
        if let Err(e) = store.delete(&key.as_str().into()) {
            return abort(&tx, c, e).await;
        }
    }
    c.await
}

/// Write one key (kept-aside copies, the move from localStorage).
pub async fn put(key: &str, text: &str) -> Result<(), JsValue> {
    let (store, tx, c) = tx(IdbTransactionMode::Readwrite).await?;
    if let Err(e) = store.put_with_key(&text.into(), &key.into()) {
        return abort(&tx, c, e).await;
    }
    c.await
}

/// Remove one key.
pub async fn delete(key: &str) -> Result<(), JsValue> {
    let (store, _tx, c) = tx(IdbTransactionMode::Readwrite).await?;
    store.delete(&key.into())?;
    c.await
}

/// Every key this app owns with its text, in key order.
pub async fn entries() -> Result<Vec<(String, String)>, JsValue> {
    let (store, _tx, c) = tx(IdbTransactionMode::Readonly).await?;
    let keys: Array = done(&store.get_all_keys()?).await?.unchecked_into();
    let values: Array = done(&store.get_all()?).await?.unchecked_into();
    c.await?;
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .filter(|(k, _)| k.starts_with(codec::KEY_PREFIX))
        .collect())
}
