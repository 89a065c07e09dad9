use super::*;
use crate::settings::Settings;
use serde_json::json;

/// A document with a three-step history, to exercise migration chains.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Notes {
    items: Vec<Note>,
}
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Note {
    title: String,
    stars: u8,
}

impl DocData for Notes {
    const NAME: &'static str = "notes";
    const SCHEMA: u32 = 3;
    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        match from {
            // v1: a bare list of strings
            1 => Ok(json!({ "items": data })),
            // v2: items are strings → objects
            2 => {
                let items = data["items"].as_array().ok_or("items is not a list")?;
                let items: Vec<Value> = items
                    .iter()
                    .map(|t| json!({"title": t, "stars": 0}))
                    .collect();
                Ok(json!({ "items": items }))
            }
            _ => Err("unknown".into()),
        }
    }
    fn validate(&self) -> Result<(), String> {
        if self.items.iter().any(|n| n.stars > 5) {
            return Err("stars > 5".into());
        }
        Ok(())
    }
    fn recover(data: &Value) -> Option<Self> {
        let items = data.get("items")?.as_array()?;
        let good: Vec<Note> = items
            .iter()
            .filter_map(|v| serde_json::from_value::<Note>(v.clone()).ok())
            .filter(|n| n.stars <= 5)
            .collect();
        Some(Notes { items: good })
    }
}

fn env(doc: &str, schema: u32, rev: u64, data: Value) -> String {
    json!({"app": APP_ID, "doc": doc, "schema": schema, "rev": rev, "saved_at": "t", "data": data})
        .to_string()
}

#[test]
fn round_trip() {
    let n = Notes {
        items: vec![Note {
            title: "客户<b>\"x\"".into(),
            stars: 3,
        }],
    };
    let raw = encode(&n, 7, "2026-11-23T10:00:00Z");
    assert_eq!(
        decode::<Notes>(&raw),
        Decoded::Ok {
            data: n,
            rev: 7,
            migrated_from: None
        }
    );
    assert_eq!(peek_header(&raw), Some(Header { schema: 3, rev: 7 }));
}

#[test]
fn migrates_from_every_older_schema() {
    let v1 = env("notes", 1, 2, json!(["a", "b"]));
    let v2 = env("notes", 2, 3, json!({"items": ["a", "b"]}));
    let want = Notes {
        items: vec![
            Note {
                title: "a".into(),
                stars: 0,
            },
            Note {
                title: "b".into(),
                stars: 0,
            },
        ],
    };
    for (raw, from, rev) in [(v1, 1, 2), (v2, 2, 3)] {
        assert_eq!(
            decode::<Notes>(&raw),
            Decoded::Ok {
                data: want.clone(),
                rev,
                migrated_from: Some(from)
            }
        );
    }
}

#[test]
fn settings_fixtures_migrate() {
    let v1 = include_str!("../../../tests/fixtures/storage/settings_v1.json");
    let v2 = include_str!("../../../tests/fixtures/storage/settings_v2.json");
    let want = Settings {
        lang: Lang::En,
        presentation: true,
    };
    assert_eq!(
        decode::<Settings>(v1),
        Decoded::Ok {
            data: want,
            rev: 4,
            migrated_from: Some(1)
        }
    );
    match decode::<Settings>(v2) {
        Decoded::Ok {
            data,
            migrated_from: None,
            rev: 9,
        } => assert_eq!(data.lang, Lang::En),
        other => panic!("{other:?}"),
    }
}

#[test]
fn newer_schema_is_refused_not_overwritten() {
    let raw = include_str!("../../../tests/fixtures/storage/settings_v99.json");
    assert_eq!(
        decode::<Settings>(raw),
        Decoded::Newer {
            schema: 99,
            rev: 12
        }
    );
}

#[test]
fn corrupt_inputs_are_reported() {
    assert!(matches!(
        decode::<Notes>("{\"app\":\"rm-toolkit\",\"doc"),
        Decoded::Corrupt(DecodeError::NotJson(_))
    ));
    assert!(matches!(
        decode::<Notes>("[1,2,3]"),
        Decoded::Corrupt(DecodeError::NotOurs)
    ));
    assert!(matches!(
        decode::<Notes>(&env("settings", 3, 1, json!({}))),
        Decoded::Corrupt(DecodeError::WrongDoc(_))
    ));
    assert!(matches!(
        decode::<Notes>(&env("notes", 2, 1, json!({"items": 5}))),
        Decoded::Corrupt(DecodeError::Migration { from: 2, .. })
    ));
    assert!(matches!(
        decode::<Notes>(&env("notes", 3, 1, json!("text"))),
        Decoded::Corrupt(DecodeError::BadData(_))
    ));
    assert!(matches!(decode::<Notes>(""), Decoded::Corrupt(_)));
}

#[test]
fn recovers_the_good_records() {
    let raw = env(
        "notes",
        3,
        5,
        json!({"items": [{"title": "ok", "stars": 2}, {"title": 5}, {"title": "x", "stars": 9}]}),
    );
    match decode::<Notes>(&raw) {
        Decoded::Recovered { data, rev, .. } => {
            assert_eq!(rev, 5);
            assert_eq!(data.items.len(), 1);
            assert_eq!(data.items[0].title, "ok");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn keys() {
    assert_eq!(doc_key("clv"), "rmt:doc:clv");
    assert_eq!(doc_name_of_key("rmt:doc:clv"), Some("clv"));
    assert_eq!(doc_name_of_key("rmt:quarantine:clv:1"), None);
    assert_eq!(doc_name_of_key("other"), None);
}

fn specs() -> Vec<DocSpec> {
    vec![DocSpec::of::<Settings>(), DocSpec::of::<Notes>()]
}

#[test]
fn workspace_export_import_round_trip_loses_nothing() {
    let notes = Notes {
        items: vec![Note {
            title: "王总 <script>".into(),
            stars: 5,
        }],
    };
    let settings = Settings {
        lang: Lang::En,
        presentation: true,
    };
    let stored = vec![
        ("notes".to_string(), encode(&notes, 3, "a")),
        ("settings".to_string(), encode(&settings, 8, "b")),
    ];
    let file = export_workspace(&stored, "2026-11-23T00:00:00Z");
    let imported = validate_workspace(&file, &specs()).unwrap();
    assert_eq!(imported.docs.len(), 2);
    for (name, env) in imported.docs {
        let raw = serde_json::to_string(&env).unwrap();
        match name.as_str() {
            "notes" => assert_eq!(
                decode::<Notes>(&raw),
                Decoded::Ok {
                    data: notes.clone(),
                    rev: 3,
                    migrated_from: None
                }
            ),
            "settings" => assert_eq!(
                decode::<Settings>(&raw),
                Decoded::Ok {
                    data: settings.clone(),
                    rev: 8,
                    migrated_from: None
                }
            ),
            _ => panic!(),
        }
    }
}

#[test]
fn import_migrates_older_documents() {
    let file = json!({"app": APP_ID, "kind": "workspace", "format": 1, "exported_at": "x",
        "docs": {"settings": serde_json::from_str::<Value>(include_str!("../../../tests/fixtures/storage/settings_v1.json")).unwrap()}});
    let v = validate_workspace(&file.to_string(), &specs()).unwrap();
    assert_eq!(v.docs[0].1.schema, 2);
    assert_eq!(v.docs[0].1.data["lang"], "en");
}

#[test]
fn bad_imports_are_refused_with_a_reason() {
    let s = specs();
    assert_eq!(validate_workspace("  ", &s), Err(ImportError::Empty));
    assert!(matches!(
        validate_workspace("{not json", &s),
        Err(ImportError::NotJson(_))
    ));
    assert_eq!(
        validate_workspace("{\"hello\": 1}", &s),
        Err(ImportError::NotWorkspace)
    );
    let deep = "[".repeat(100) + &"]".repeat(100);
    assert_eq!(
        validate_workspace(&deep, &s),
        Err(ImportError::TooDeep {
            limit: MAX_IMPORT_DEPTH
        })
    );
    let big = format!("\"{}\"", "x".repeat(MAX_IMPORT_BYTES + 1));
    assert!(matches!(
        validate_workspace(&big, &s),
        Err(ImportError::TooLarge { .. })
    ));
    let newer =
        json!({"app": APP_ID, "kind": "workspace", "format": 7, "exported_at": "x", "docs": {}});
    assert_eq!(
        validate_workspace(&newer.to_string(), &s),
        Err(ImportError::NewerFormat(7))
    );
    let unknown = json!({"app": APP_ID, "kind": "workspace", "format": 1, "exported_at": "x", "docs": {"zzz": {}}});
    assert_eq!(
        validate_workspace(&unknown.to_string(), &s),
        Err(ImportError::UnknownDoc("zzz".into()))
    );
    let bad_record = json!({"app": APP_ID, "kind": "workspace", "format": 1, "exported_at": "x",
        "docs": {"notes": {"app": APP_ID, "doc": "notes", "schema": 3, "rev": 1, "saved_at": "x",
            "data": {"items": [{"title": "a", "stars": 42}]}}}});
    assert!(matches!(
        validate_workspace(&bad_record.to_string(), &s),
        Err(ImportError::BadDoc { .. })
    ));
    // Every refusal has a message key.
    assert_eq!(ImportError::Empty.message_key(), "import.err.empty");
}

#[test]
fn depth_check_ignores_brackets_in_strings() {
    let s = format!("{{\"a\": \"{}\"}}", "[".repeat(500));
    assert!(json_depth_ok(&s, 3));
    assert!(!json_depth_ok("[[[[", 3));
    assert!(json_depth_ok("\"\\\"[[[[\"", 1));
}

proptest::proptest! {
    #[test]
    fn encode_decode_any_text(title in ".{0,200}", stars in 0u8..=5, rev in 0u64..1_000_000) {
        let n = Notes { items: vec![Note { title, stars }] };
        let raw = encode(&n, rev, "t");
        proptest::prop_assert_eq!(decode::<Notes>(&raw), Decoded::Ok { data: n, rev, migrated_from: None });
    }

    #[test]
    fn decode_never_panics(raw in ".{0,300}") {
        let _ = decode::<Notes>(&raw);
        let _ = decode::<Settings>(&raw);
        let _ = validate_workspace(&raw, &specs());
    }
}

/// Issue 15.1: a document saved by a newer app version survives export →
/// import exactly as stored, marked; an older copy never silently replaces it.
#[test]
fn newer_documents_survive_export_and_import() {
    let newer = json!({"app": APP_ID, "doc": "notes", "schema": 99, "rev": 5, "saved_at": "x",
        "data": {"future": [1, 2, 3]}})
    .to_string();
    let stored = vec![("notes".to_string(), newer.clone())];
    let file = export_workspace_marked(&stored, "t", &[("notes", 3)]);
    let v: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(v["newer_docs"], json!(["notes"]));
    assert_eq!(v["docs"]["notes"]["schema"], 99);
    assert_eq!(v["docs"]["notes"]["data"]["future"], json!([1, 2, 3]));
    let imported = validate_workspace(&file, &specs()).unwrap();
    assert_eq!(imported.checked, vec![Checked::Newer]);
    assert_eq!(
        serde_json::to_value(&imported.docs[0].1).unwrap(),
        serde_json::from_str::<Value>(&newer).unwrap()
    );

    // An older file over a newer stored copy is a downgrade: it needs a choice.
    let older = vec![("notes".to_string(), encode(&Notes::default(), 1, "y"))];
    let old_file = export_workspace(&older, "t");
    let imported = validate_workspace(&old_file, &specs()).unwrap();
    let downgrades = imported.downgrades(&[("notes".into(), 99)]);
    assert_eq!(downgrades, vec!["notes".to_string()]);
    assert!(imported.downgrades(&[("notes".into(), 3)]).is_empty());
    assert!(imported.without(&downgrades).docs.is_empty());
}

#[test]
fn documents_of_other_tools_are_checked_generically() {
    let other = json!({"app": APP_ID, "doc": "map", "schema": 1, "rev": 2, "saved_at": "x",
        "data": {"maps": []}});
    let file = json!({"app": APP_ID, "kind": "workspace", "format": 1, "exported_at": "x",
        "docs": {"map": other}});
    let v = validate_workspace_with(&file.to_string(), &specs(), &[("map", 2)]).unwrap();
    assert_eq!(v.checked, vec![Checked::Generic]);
    assert_eq!(v.docs[0].1.schema, 1, "left for the map tool to migrate");
    // Without the catalogue it is unknown; another app's envelope is refused.
    assert!(matches!(
        validate_workspace(&file.to_string(), &specs()),
        Err(ImportError::UnknownDoc(_))
    ));
    let foreign = json!({"app": APP_ID, "kind": "workspace", "format": 1, "exported_at": "x",
        "docs": {"map": {"app": "other", "doc": "map", "schema": 1, "rev": 1, "saved_at": "", "data": {}}}});
    assert!(matches!(
        validate_workspace_with(&foreign.to_string(), &specs(), &[("map", 2)]),
        Err(ImportError::BadDoc { .. })
    ));
}
