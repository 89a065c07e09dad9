//! Storage-layer tests in headless Chromium against the real localStorage
//! (wasm-bindgen-test). Run: `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::GetUntracked;
use rm_toolkit::i18n::Lang;
use rm_toolkit::storage::browser::{self, use_doc, SaveState};
use rm_toolkit::storage::codec::{self, DocData};
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
fn workspace_export_import_round_trip() {
    use rm_toolkit::settings::Settings;
    let settings = use_doc::<Settings>();
    settings.update(|s| {
        s.lang = Lang::En;
        s.presentation = true;
    });
    settings.flush();
    let text = browser::export_workspace_text();
    let valid = codec::validate_workspace(&text, &rm_toolkit::doc_specs()).unwrap();
    // Change, then import the export back: the stored data is the exported one.
    st().set_item(
        &codec::doc_key("settings"),
        &codec::encode(&Settings::default(), 1, "x"),
    )
    .unwrap();
    let n = browser::apply_import(valid).unwrap();
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
