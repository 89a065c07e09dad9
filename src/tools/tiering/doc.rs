//! The stored document: assumptions, scheme, thresholds, the column mapping of
//! the last import and the imported list in a compact tab-separated form.
//!
//! The document is kept in IndexedDB (`DocData::LARGE`): a 100,000-row list
//! is about 3.2 MB, more than localStorage holds, and it must survive a reload.

use super::import::{self, CustomerList, Mapping};
use super::model::{Assumptions, Scheme, Thresholds};
use super::sample;
use crate::i18n::Lang;
use crate::storage::codec::DocData;
use crate::tools::clv::retention::InputError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::sync::{Arc, OnceLock};

/// A sanity bound on the stored list (the import itself refuses files over
/// `csv::MAX_BYTES`; the compact list is smaller than its file).
pub const MAX_STORED_LIST: usize = 2 * super::csv::MAX_BYTES;

/// The imported list as the document holds it. Stored as compact text (see
/// `import::encode_list`); after an import in this tab it is the list itself,
/// and the text is made only when the document is first saved (a debounced
/// write after the tier counts are on screen), not while the user waits.
#[derive(Clone, Default)]
pub struct StoredList {
    text: Arc<OnceLock<String>>,
    list: Option<Arc<CustomerList>>,
}

impl StoredList {
    pub fn from_list(list: Arc<CustomerList>) -> Self {
        StoredList {
            text: Arc::default(),
            list: Some(list),
        }
    }

    pub fn from_text(text: String) -> Self {
        StoredList {
            text: Arc::new(OnceLock::from(text)),
            list: None,
        }
    }

    /// The compact text (encoded now if it has not been yet).
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| {
            self.list
                .as_deref()
                .map(import::encode_list)
                .unwrap_or_default()
        })
    }

    /// The list: the imported one if this tab has it, else decoded from the text.
    pub fn list(&self) -> Arc<CustomerList> {
        match &self.list {
            Some(l) => l.clone(),
            None => Arc::new(import::decode_list(self.text())),
        }
    }
}

impl PartialEq for StoredList {
    fn eq(&self, other: &Self) -> bool {
        let same_list = match (&self.list, &other.list) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        same_list || Arc::ptr_eq(&self.text, &other.text) || self.text() == other.text()
    }
}

impl std::fmt::Debug for StoredList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.text.get(), &self.list) {
            (Some(t), _) => write!(f, "StoredList({} bytes)", t.len()),
            (None, Some(l)) => write!(f, "StoredList({} customers)", l.len()),
            (None, None) => f.write_str("StoredList(empty)"),
        }
    }
}

impl Serialize for StoredList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text())
    }
}

impl<'de> Deserialize<'de> for StoredList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(StoredList::from_text)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TieringDoc {
    pub assumptions: Assumptions,
    pub scheme: Scheme,
    pub thresholds: Thresholds,
    /// Mapping and headers of the last import.
    pub mapping: Mapping,
    pub headers: Vec<String>,
    /// Where the list came from (file name, "sample" or "paste").
    pub source: String,
    /// Changes whenever a new list is imported.
    pub list_id: u64,
    /// The list (see `import::encode_list`); empty when none.
    pub list: StoredList,
}

impl Default for TieringDoc {
    fn default() -> Self {
        TieringDoc {
            assumptions: Assumptions::default(),
            scheme: Scheme::Vip,
            thresholds: Thresholds::default(),
            mapping: Mapping::default(),
            headers: Vec::new(),
            source: String::new(),
            list_id: 0,
            list: StoredList::default(),
        }
    }
}

impl TieringDoc {
    /// The stored list.
    pub fn decode_list(&self) -> Arc<CustomerList> {
        self.list.list()
    }

    /// Put a freshly imported list in the document.
    pub fn set_list(&mut self, list: Arc<CustomerList>, source: &str, id: u64) {
        self.list = StoredList::from_list(list);
        self.source = source.to_string();
        self.list_id = id;
    }
}

/// The sample list, imported.
pub fn sample_list(lang: Lang) -> (CustomerList, import::Preview) {
    let text = sample::sample_csv(lang);
    let p = import::preview(&text, None, 8).ok();
    let list = import::import_auto(&text)
        .map(|i| i.list)
        .unwrap_or_default();
    let p = p.unwrap_or(import::Preview {
        delim: super::csv::Delim::Comma,
        headers: Vec::new(),
        rows: Vec::new(),
        mapping: Mapping::default(),
    });
    (list, p)
}

impl DocData for TieringDoc {
    const NAME: &'static str = "tiering";
    const SCHEMA: u32 = 1;
    const LARGE: bool = true;

    fn demo(lang: Lang) -> Self {
        let (list, p) = sample_list(lang);
        let mut d = TieringDoc {
            mapping: p.mapping,
            headers: p.headers,
            ..Default::default()
        };
        // A different id per language, so the page follows a language switch.
        d.set_list(
            Arc::new(list),
            "sample",
            if lang == Lang::Zh { 1 } else { 2 },
        );
        d
    }

    fn validate(&self) -> Result<(), String> {
        let a = &self.assumptions;
        // A divergent combination is a state the page explains; ranges are not.
        match a.check() {
            Ok(_) | Err(InputError::Diverges) => {}
            Err(e) => return Err(format!("assumptions: {e:?}")),
        }
        if a.product_threshold > 1000 {
            return Err("product threshold".into());
        }
        if self.thresholds.problem(self.scheme) == Some("tiering.err.thresholds") {
            return Err("thresholds".into());
        }
        if self.list.text().len() > MAX_STORED_LIST {
            return Err("list too large".into());
        }
        Ok(())
    }

    fn recover(data: &Value) -> Option<Self> {
        // Keep every part that still reads; drop the rest.
        let obj = data.as_object()?;
        let mut d = TieringDoc::default();
        let get = |k: &str| obj.get(k).cloned();
        if let Some(v) =
            get("assumptions").and_then(|v| serde_json::from_value::<Assumptions>(v).ok())
        {
            if matches!(v.check(), Ok(_) | Err(InputError::Diverges)) {
                d.assumptions = v;
            }
        }
        if let Some(v) = get("scheme").and_then(|v| serde_json::from_value(v).ok()) {
            d.scheme = v;
        }
        if let Some(v) =
            get("thresholds").and_then(|v| serde_json::from_value::<Thresholds>(v).ok())
        {
            if v.problem(d.scheme) != Some("tiering.err.thresholds") {
                d.thresholds = v;
            }
        }
        if let Some(v) = get("list").and_then(|v| v.as_str().map(str::to_string)) {
            if v.len() <= MAX_STORED_LIST {
                d.list = StoredList::from_text(v);
                d.list_id = get("list_id").and_then(|v| v.as_u64()).unwrap_or(1);
                d.source = get("source")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
            }
        }
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::codec::{decode, encode, Decoded};
    use crate::tools::clv::retention::Horizon;

    #[test]
    fn demo_round_trips_through_the_codec() {
        for lang in [Lang::Zh, Lang::En] {
            let d = TieringDoc::demo(lang);
            assert_eq!(d.decode_list().len(), sample::SAMPLE_ROWS);
            assert!(d.validate().is_ok());
            let raw = encode(&d, 3, "2026-11-23T10:00:00Z");
            match decode::<TieringDoc>(&raw) {
                Decoded::Ok { data, rev, .. } => {
                    assert_eq!(data, d);
                    assert_eq!(rev, 3);
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn divergent_assumptions_are_kept_but_bad_ranges_are_not() {
        let mut d = TieringDoc::default();
        d.assumptions.discount = 0.0;
        d.assumptions.high_retention = 1.0;
        d.assumptions.horizon = Horizon::Unlimited;
        assert!(d.validate().is_ok());
        d.assumptions.low_retention = 1.5;
        assert!(d.validate().is_err());
    }

    #[test]
    fn large_lists_are_stored_whole() {
        let text = sample::bench_csv(100_000);
        let list = import::import_auto(&text).unwrap().list;
        let mut d = TieringDoc::default();
        d.set_list(Arc::new(list), "big.csv", 7);
        // Encoded when first saved, not on import.
        assert_eq!(format!("{:?}", d.list), "StoredList(100000 customers)");
        assert!(
            d.list.text().len() > 2 * 1024 * 1024,
            "{}",
            d.list.text().len()
        );
        assert!(d.validate().is_ok());
        let raw = encode(&d, 1, "x");
        match decode::<TieringDoc>(&raw) {
            Decoded::Ok { data, .. } => assert_eq!(data.decode_list().len(), 100_000),
            other => panic!("{other:?}"),
        }
        // A document stored by the version that kept big lists in memory.
        let old = r#"{"app":"rm-toolkit","doc":"tiering","schema":1,"rev":4,"saved_at":"x","data":{"list":"","list_in_memory":true}}"#;
        assert!(matches!(
            decode::<TieringDoc>(old),
            Decoded::Ok { rev: 4, .. }
        ));
        const { assert!(TieringDoc::LARGE) };
    }

    #[test]
    fn damaged_documents_are_salvaged() {
        let mut v = serde_json::to_value(TieringDoc::demo(Lang::En)).unwrap();
        v["thresholds"] = serde_json::json!("broken");
        v["assumptions"]["discount"] = serde_json::json!(-5.0);
        let r = TieringDoc::recover(&v).unwrap();
        assert_eq!(r.assumptions, Assumptions::default());
        assert_eq!(r.thresholds, Thresholds::default());
        assert_eq!(r.decode_list().len(), sample::SAMPLE_ROWS);
        // Missing fields default (serde(default)).
        let d: TieringDoc = serde_json::from_str("{}").unwrap();
        assert_eq!(d, TieringDoc::default());
    }
}
