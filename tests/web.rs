//! Storage-layer tests in headless Chromium against the real localStorage
//! (wasm-bindgen-test). Run: `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::GetUntracked;
use rm_toolkit::i18n::Lang;
use rm_toolkit::storage::browser::{self, use_doc, SaveState};
use rm_toolkit::storage::codec::{self, DocData};
use rm_toolkit::storage::idb;
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn st() -> web_sys::Storage {
    browser::storage().expect("localStorage")
}

/// Each test uses its own document name, since handles are cached per name.
macro_rules! test_doc {
    ($ty:ident, $name:literal) => {
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        struct $ty {
            items: Vec<String>,
        }
        impl DocData for $ty {
            const NAME: &'static str = $name;
            const SCHEMA: u32 = 2;
            fn migrate(from: u32, data: serde_json::Value) -> Result<serde_json::Value, String> {
                match from {
                    1 => Ok(serde_json::json!({ "items": data })),
                    _ => Err("?".into()),
                }
            }
            fn demo(lang: Lang) -> Self {
                $ty {
                    items: vec![match lang {
                        Lang::Zh => "演示".into(),
                        Lang::En => "demo".into(),
                    }],
                }
            }
        }
    };
}

fn stored(name: &str) -> Option<String> {
    st().get_item(&codec::doc_key(name)).unwrap()
}

fn keys_with(prefix: &str) -> Vec<String> {
    browser::all_entries()
        .into_iter()
        .map(|(k, _)| k)
        .filter(|k| k.starts_with(prefix))
        .collect()
}

macro_rules! large_doc {
    ($ty:ident, $name:literal) => {
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        struct $ty {
            items: Vec<String>,
        }
        impl DocData for $ty {
            const NAME: &'static str = $name;
            const SCHEMA: u32 = 1;
            const LARGE: bool = true;
            fn demo(_: Lang) -> Self {
                $ty {
                    items: vec!["demo".into()],
                }
            }
        }
    };
}

/// Wait `ms` milliseconds.
async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Wait until `f` holds (at most 5 s).
async fn until(what: &str, f: impl Fn() -> bool) {
    for _ in 0..250 {
        if f() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

async fn idb_text(key: &str) -> Option<String> {
    idb::get(key).await.unwrap()
}

test_doc!(Fresh, "t_fresh");
#[wasm_bindgen_test]
fn first_use_shows_demo_and_saves_on_change() {
    let doc = use_doc::<Fresh>();
    assert_eq!(doc.get_untracked().items, vec!["演示".to_string()]);
    assert!(
        stored("t_fresh").is_none(),
        "nothing written before a change"
    );
    doc.update(|d| d.items.push("王总 <b>".into()));
    assert_eq!(doc.state(), SaveState::Pending);
    doc.flush();
    assert_eq!(doc.state(), SaveState::Saved);
    let raw = stored("t_fresh").unwrap();
    let env = codec::parse_envelope(&raw, "t_fresh").unwrap();
    assert_eq!(env.rev, 1);
    assert_eq!(env.schema, 2);
    assert_eq!(env.data["items"][1], "王总 <b>");
    doc.update(|d| d.items.clear());
    doc.flush();
    assert_eq!(
        codec::peek_header(&stored("t_fresh").unwrap()).unwrap().rev,
        2
    );
}

test_doc!(Old, "t_old");
#[wasm_bindgen_test]
fn older_schema_is_migrated_on_load() {
    st().set_item(
        &codec::doc_key("t_old"),
        r#"{"app":"rm-toolkit","doc":"t_old","schema":1,"rev":7,"saved_at":"x","data":["a","b"]}"#,
    )
    .unwrap();
    let doc = use_doc::<Old>();
    assert_eq!(doc.get_untracked().items, vec!["a", "b"]);
    assert_eq!(doc.rev(), 7);
    assert!(browser::notices()
        .get_untracked()
        .iter()
        .any(|n| n.key == "notice.migrated" && n.doc == "t_old"));
}

test_doc!(Broken, "t_broken");
#[wasm_bindgen_test]
fn corrupt_data_is_quarantined_with_a_notice() {
    let garbage = "{\"app\":\"rm-toolkit\",\"doc\":\"t_broken\",\"sch";
    st().set_item(&codec::doc_key("t_broken"), garbage).unwrap();
    let doc = use_doc::<Broken>();
    assert_eq!(doc.get_untracked(), Broken::default());
    let q = keys_with("rmt:quarantine:t_broken:");
    assert_eq!(q.len(), 1);
    assert_eq!(browser::raw(&q[0]).unwrap(), garbage);
    let notice = browser::notices()
        .get_untracked()
        .into_iter()
        .find(|n| n.doc == "t_broken")
        .unwrap();
    assert_eq!(notice.key, "notice.corrupt");
    assert_eq!(notice.raw_key.as_deref(), Some(q[0].as_str()));
    // Saving again works and replaces the unreadable value (kept aside above).
    doc.update(|d| d.items.push("new".into()));
    doc.flush();
    assert_eq!(doc.state(), SaveState::Saved);
}

test_doc!(Future, "t_future");
#[wasm_bindgen_test]
fn newer_data_is_never_overwritten() {
    let newer =
        r#"{"app":"rm-toolkit","doc":"t_future","schema":9,"rev":3,"saved_at":"x","data":{"x":1}}"#;
    st().set_item(&codec::doc_key("t_future"), newer).unwrap();
    let doc = use_doc::<Future>();
    doc.update(|d| d.items.push("mine".into()));
    doc.flush();
    assert_eq!(doc.state(), SaveState::ReadOnly);
    assert_eq!(stored("t_future").unwrap(), newer);
    assert_eq!(doc.get_untracked().items, vec!["mine"], "kept in memory");
}

test_doc!(Stale, "t_stale");
#[wasm_bindgen_test]
fn stale_tab_keeps_its_version_aside_instead_of_overwriting() {
    let doc = use_doc::<Stale>();
    doc.update(|d| d.items = vec!["v1".into()]);
    doc.flush();
    // Another tab saves revision 5 (its storage event was missed).
    let theirs = codec::encode(
        &Stale {
            items: vec!["theirs".into()],
        },
        5,
        "x",
    );
    st().set_item(&codec::doc_key("t_stale"), &theirs).unwrap();
    doc.update(|d| d.items = vec!["mine".into()]);
    doc.flush();
    assert_eq!(
        stored("t_stale").unwrap(),
        theirs,
        "newer work not overwritten"
    );
    assert_eq!(doc.get_untracked().items, vec!["theirs"]);
    assert_eq!(doc.rev(), 5);
    let c = keys_with("rmt:conflict:t_stale:");
    assert_eq!(c.len(), 1);
    let mine = codec::parse_envelope(&browser::raw(&c[0]).unwrap(), "t_stale").unwrap();
    assert_eq!(mine.data["items"][0], "mine");
    // The next edit saves on top of the newest revision.
    doc.update(|d| d.items.push("more".into()));
    doc.flush();
    assert_eq!(
        codec::peek_header(&stored("t_stale").unwrap()).unwrap().rev,
        6
    );
}

test_doc!(Full, "t_full");
#[wasm_bindgen_test]
fn full_storage_keeps_work_in_memory_with_a_notice() {
    let doc = use_doc::<Full>();
    doc.update(|d| d.items = vec!["saved".into()]);
    doc.flush();
    // Fill the storage.
    let chunk = "x".repeat(64 * 1024);
    let mut fillers = Vec::new();
    for i in 0..2000 {
        let k = format!("filler:{i}");
        if st().set_item(&k, &chunk).is_err() {
            break;
        }
        fillers.push(k);
    }
    for i in 0..20000 {
        let k = format!("f:{i}");
        if st().set_item(&k, "yyyyyyyyyyyy").is_err() {
            break;
        }
        fillers.push(k);
    }
    doc.update(|d| d.items = vec!["x".repeat(10_000)]);
    doc.flush();
    let state = doc.state();
    let saved = stored("t_full").unwrap();
    for k in &fillers {
        st().remove_item(k).unwrap();
    }
    assert_eq!(state, SaveState::Failed);
    assert!(saved.contains("\"saved\""), "old save intact");
    assert_eq!(
        doc.get_untracked().items[0].len(),
        10_000,
        "work kept in memory"
    );
    assert!(browser::notices()
        .get_untracked()
        .iter()
        .any(|n| n.key == "notice.quota" && n.doc == "t_full" && n.offer_export));
    // Once there is room again, the next save goes through.
    doc.update(|d| d.items.push("ok".into()));
    doc.flush();
    assert_eq!(doc.state(), SaveState::Saved);
}

#[wasm_bindgen_test]
async fn workspace_export_import_round_trip() {
    use rm_toolkit::settings::Settings;
    let settings = use_doc::<Settings>();
    settings.update(|s| {
        s.lang = Lang::En;
        s.presentation = true;
    });
    settings.flush();
    let text = browser::export_workspace_text().await;
    let valid = codec::validate_workspace(&text, &rm_toolkit::doc_specs()).unwrap();
    // Change, then import the export back: the stored data is the exported one.
    st().set_item(
        &codec::doc_key("settings"),
        &codec::encode(&Settings::default(), 1, "x"),
    )
    .unwrap();
    let n = browser::apply_import(valid).await.unwrap();
    browser::resume_saving();
    assert!(n >= 1);
    let raw = stored("settings").unwrap();
    match codec::decode::<Settings>(&raw) {
        codec::Decoded::Ok { data, rev, .. } => {
            assert_eq!(
                data,
                Settings {
                    lang: Lang::En,
                    presentation: true
                }
            );
            assert!(rev >= 2, "revision raised above the stored one");
        }
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
fn bad_import_changes_nothing() {
    let before = browser::all_entries();
    for text in ["", "nope", "{\"app\":\"rm-toolkit\",\"kind\":\"workspace\",\"format\":1,\"exported_at\":\"x\",\"docs\":{\"settings\":{\"app\":\"rm-toolkit\",\"doc\":\"settings\",\"schema\":2,\"rev\":1,\"saved_at\":\"x\",\"data\":{\"lang\":7}}}}"] {
        assert!(codec::validate_workspace(text, &rm_toolkit::doc_specs()).is_err());
    }
    assert_eq!(browser::all_entries(), before);
}

// ---------------------------------------------------------------------------
// Large documents in IndexedDB.

large_doc!(BigFresh, "t_big_fresh");
#[wasm_bindgen_test]
async fn large_doc_round_trip_through_indexeddb() {
    let key = codec::doc_key("t_big_fresh");
    let doc = use_doc::<BigFresh>();
    until("loaded", || doc.loaded()).await;
    assert_eq!(doc.get_untracked().items, vec!["demo"]);
    assert!(
        idb_text(&key).await.is_none(),
        "nothing written before a change"
    );
    let big = "客".repeat(1_500_000); // 4.5 MB of UTF-8: more than localStorage takes
    doc.update(|d| d.items = vec![big.clone()]);
    doc.flush();
    until("saved", || doc.state() == SaveState::Saved).await;
    let raw = idb_text(&key).await.unwrap();
    let env = codec::parse_envelope(&raw, "t_big_fresh").unwrap();
    assert_eq!(env.rev, 1);
    assert_eq!(env.data["items"][0].as_str().unwrap().len(), big.len());
    assert!(stored("t_big_fresh").is_none(), "not in localStorage");
    // A second change saves on top.
    doc.update(|d| d.items.push("more".into()));
    doc.flush();
    until("saved", || doc.state() == SaveState::Saved).await;
    assert_eq!(
        codec::peek_header(&idb_text(&key).await.unwrap())
            .unwrap()
            .rev,
        2
    );
}

large_doc!(BigStored, "t_big_stored");
#[wasm_bindgen_test]
async fn large_doc_loads_asynchronously_and_never_saves_demo_over_it() {
    let key = codec::doc_key("t_big_stored");
    let text = codec::encode(
        &BigStored {
            items: vec!["stored".into()],
        },
        9,
        "x",
    );
    idb::put(&key, &text).await.unwrap();
    let doc = use_doc::<BigStored>();
    assert!(!doc.loaded(), "loading is asynchronous");
    assert!(
        doc.get_untracked().items.is_empty(),
        "no demo data while loading"
    );
    doc.flush();
    until("loaded", || doc.loaded()).await;
    assert_eq!(doc.get_untracked().items, vec!["stored"]);
    assert_eq!(doc.rev(), 9);
    sleep(400).await;
    assert_eq!(
        idb_text(&key).await.unwrap(),
        text,
        "nothing written on load"
    );
}

large_doc!(BigEarly, "t_big_early");
#[wasm_bindgen_test]
async fn a_change_made_while_loading_is_kept_aside_not_saved_over() {
    let key = codec::doc_key("t_big_early");
    let text = codec::encode(
        &BigEarly {
            items: vec!["stored".into()],
        },
        3,
        "x",
    );
    idb::put(&key, &text).await.unwrap();
    let doc = use_doc::<BigEarly>();
    doc.update(|d| d.items = vec!["early".into()]);
    doc.flush();
    until("loaded", || doc.loaded()).await;
    assert_eq!(doc.get_untracked().items, vec!["stored"]);
    assert_eq!(idb_text(&key).await.unwrap(), text);
    sleep(50).await;
    let aside: Vec<_> = browser::idb_entries()
        .await
        .into_iter()
        .filter(|(k, _)| k.starts_with("rmt:conflict:t_big_early:"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(aside[0].1.contains("early"));
}

large_doc!(BigMoved, "t_big_moved");
#[wasm_bindgen_test]
async fn an_old_copy_in_localstorage_moves_to_indexeddb() {
    let key = codec::doc_key("t_big_moved");
    let text = codec::encode(
        &BigMoved {
            items: vec!["old".into()],
        },
        4,
        "x",
    );
    st().set_item(&key, &text).unwrap();
    let doc = use_doc::<BigMoved>();
    until("loaded", || doc.loaded()).await;
    assert_eq!(doc.get_untracked().items, vec!["old"]);
    assert_eq!(doc.rev(), 4);
    assert_eq!(idb_text(&key).await.unwrap(), text, "moved as it was");
    assert!(stored("t_big_moved").is_none(), "removed after the move");
}

large_doc!(BigStale, "t_big_stale");
#[wasm_bindgen_test]
async fn a_stale_tab_never_overwrites_a_newer_indexeddb_revision() {
    let key = codec::doc_key("t_big_stale");
    let doc = use_doc::<BigStale>();
    until("loaded", || doc.loaded()).await;
    doc.update(|d| d.items = vec!["v1".into()]);
    doc.flush();
    until("saved", || doc.state() == SaveState::Saved).await;
    // Another tab saves revision 5 (its announcement was missed).
    let theirs = codec::encode(
        &BigStale {
            items: vec!["theirs".into()],
        },
        5,
        "x",
    );
    idb::put(&key, &theirs).await.unwrap();
    doc.update(|d| d.items = vec!["mine".into()]);
    doc.flush();
    until("adopted", || doc.rev() == 5).await;
    assert_eq!(
        idb_text(&key).await.unwrap(),
        theirs,
        "newer work not overwritten"
    );
    assert_eq!(doc.get_untracked().items, vec!["theirs"]);
    sleep(50).await;
    let aside: Vec<_> = browser::idb_entries()
        .await
        .into_iter()
        .filter(|(k, _)| k.starts_with("rmt:conflict:t_big_stale:"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(aside[0].1.contains("mine"));
}

large_doc!(BigFull, "t_big_full");
#[wasm_bindgen_test]
async fn indexeddb_quota_error_keeps_the_work_with_the_same_notice() {
    let key = codec::doc_key("t_big_full");
    let doc = use_doc::<BigFull>();
    until("loaded", || doc.loaded()).await;
    doc.update(|d| d.items = vec!["saved".into()]);
    doc.flush();
    until("saved", || doc.state() == SaveState::Saved).await;
    // A full disk: every put throws QuotaExceededError.
    let swap = js_sys::Function::new_no_args(
        "const p = IDBObjectStore.prototype; p.__put = p.put; \
         p.put = function () { throw new DOMException('full', 'QuotaExceededError'); };",
    );
    swap.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    doc.update(|d| d.items = vec!["unsaved work".into()]);
    doc.flush();
    until("failed", || doc.state() == SaveState::Failed).await;
    js_sys::Function::new_no_args("const p = IDBObjectStore.prototype; p.put = p.__put;")
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    assert!(browser::notices()
        .get_untracked()
        .iter()
        .any(|n| n.key == "notice.quota"
            && n.doc == "t_big_full"
            && n.offer_export
            && n.detail.is_empty()));
    assert_eq!(
        doc.get_untracked().items,
        vec!["unsaved work"],
        "kept in memory"
    );
    assert!(
        idb_text(&key).await.unwrap().contains("\"saved\""),
        "old save intact"
    );
    assert!(browser::has_unsaved());
    // The export carries the unsaved work.
    doc.update(|d| d.items.push("again".into()));
    doc.flush();
    until("saved", || doc.state() == SaveState::Saved).await;
    assert!(!browser::notices()
        .get_untracked()
        .iter()
        .any(|n| n.key == "notice.quota" && n.doc == "t_big_full"));
}

#[wasm_bindgen_test]
async fn export_import_and_reset_include_the_indexeddb_document() {
    use rm_toolkit::tools::tiering::doc::TieringDoc;
    // The tiering document as another binary stored it; this one never loaded it.
    let key = codec::doc_key("tiering");
    let mut d = TieringDoc::demo(Lang::En);
    d.source = "big.csv".into();
    let text = codec::encode(&d, 7, "2026-01-01T00:00:00Z");
    idb::put(&key, &text).await.unwrap();
    let file = browser::export_workspace_text().await;
    let v: serde_json::Value = serde_json::from_str(&file).unwrap();
    let exported = serde_json::to_string(&v["docs"]["tiering"]).unwrap();
    let as_stored: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["docs"]["tiering"], as_stored, "exactly as stored");
    assert!(exported.contains("big.csv"));
    assert!(browser::stored_schemas()
        .await
        .contains(&("tiering".to_string(), 1)));
    // Import it back over a changed copy: it goes to IndexedDB, above the stored revision.
    idb::put(&key, &codec::encode(&TieringDoc::default(), 8, "x"))
        .await
        .unwrap();
    let valid =
        codec::validate_workspace_with(&file, &rm_toolkit::doc_specs(), &browser::known_docs())
            .unwrap();
    browser::apply_import(valid).await.unwrap();
    browser::resume_saving();
    let raw = idb_text(&key).await.unwrap();
    let env = codec::parse_envelope(&raw, "tiering").unwrap();
    assert_eq!(env.rev, 9);
    assert_eq!(env.data["source"], "big.csv");
    assert!(stored("tiering").is_none());
    // Reset from a binary without the tiering tool removes it (demo next time).
    let without: Vec<_> = rm_toolkit::doc_specs()
        .into_iter()
        .filter(|s| s.name != "tiering")
        .collect();
    browser::reset_to_demo(Lang::En, &without).await.unwrap();
    browser::resume_saving();
    assert!(idb_text(&key).await.is_none());
}
