//! The tool's stored document: named scenarios (six-component and retention
//! inputs), the selected one, the comparison set, and the funnel and
//! follow-up planner. Schema history:
//! - 1: first release.

use super::lifecycle::{Prospect, ProspectStage};
use super::model::{six_clv, SixInputs};
use super::retention::{Convention, RetentionInputs};
use crate::i18n::Lang;
use crate::storage::codec::DocData;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Most scenarios kept in one document.
pub const MAX_SCENARIOS: usize = 50;
/// Most prospects in the planner.
pub const MAX_PROSPECTS: usize = 300;
/// Longest name (characters).
pub const MAX_NAME: usize = 100;
/// Most scenarios compared side by side.
pub const MAX_COMPARE: usize = 3;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    pub id: u32,
    pub name: String,
    pub six: SixInputs,
    pub ret: RetentionInputs,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            id: 1,
            name: "1".into(),
            six: SixInputs::default(),
            ret: RetentionInputs::default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClvDoc {
    pub scenarios: Vec<Scenario>,
    /// Id of the scenario shown in the calculators.
    pub selected: u32,
    /// Ids of the scenarios compared side by side (2–3).
    pub compare: Vec<u32>,
    /// Funnel: closing ratio 1:k.
    pub closing_k: f64,
    /// Funnel: deals wanted per week.
    pub deals_per_week: f64,
    pub prospects: Vec<Prospect>,
    /// Planner start date (`None`: today).
    #[serde(with = "crate::dates::serde_iso_opt")]
    pub start: Option<NaiveDate>,
}

impl Default for ClvDoc {
    fn default() -> Self {
        ClvDoc {
            scenarios: vec![Scenario::default()],
            selected: 1,
            compare: Vec::new(),
            closing_k: 5.0,
            deals_per_week: 5.0,
            prospects: Vec::new(),
            start: None,
        }
    }
}

/// Trim and shorten a user-typed name; empty stays empty.
pub fn clean_name(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME)
        .collect()
}

impl ClvDoc {
    fn next_id(&self) -> u32 {
        self.scenarios
            .iter()
            .map(|s| s.id)
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    /// The selected scenario (the first one if the selection is stale).
    pub fn current(&self) -> Option<&Scenario> {
        self.scenarios
            .iter()
            .find(|s| s.id == self.selected)
            .or_else(|| self.scenarios.first())
    }

    pub fn current_mut(&mut self) -> Option<&mut Scenario> {
        let sel = self.selected;
        let idx = self.scenarios.iter().position(|s| s.id == sel).unwrap_or(0);
        self.scenarios.get_mut(idx)
    }

    pub fn get(&self, id: u32) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// Add a fresh scenario with default inputs and select it.
    pub fn add(&mut self, name: &str) -> Option<u32> {
        if self.scenarios.len() >= MAX_SCENARIOS {
            return None;
        }
        let id = self.next_id();
        self.scenarios.push(Scenario {
            id,
            name: clean_name(name),
            ..Scenario::default()
        });
        self.selected = id;
        Some(id)
    }

    /// Copy a scenario (named `name`), insert it after the original and select it.
    pub fn duplicate(&mut self, id: u32, name: &str) -> Option<u32> {
        if self.scenarios.len() >= MAX_SCENARIOS {
            return None;
        }
        let pos = self.scenarios.iter().position(|s| s.id == id)?;
        let new_id = self.next_id();
        let mut copy = self.scenarios[pos].clone();
        copy.id = new_id;
        copy.name = clean_name(name);
        self.scenarios.insert(pos + 1, copy);
        self.selected = new_id;
        Some(new_id)
    }

    /// Rename; an empty name is refused.
    pub fn rename(&mut self, id: u32, name: &str) -> bool {
        let name = clean_name(name);
        if name.is_empty() {
            return false;
        }
        match self.scenarios.iter_mut().find(|s| s.id == id) {
            Some(s) => {
                s.name = name;
                true
            }
            None => false,
        }
    }

    /// Delete a scenario; the last one is never deleted.
    pub fn delete(&mut self, id: u32) -> bool {
        if self.scenarios.len() <= 1 {
            return false;
        }
        let Some(pos) = self.scenarios.iter().position(|s| s.id == id) else {
            return false;
        };
        self.scenarios.remove(pos);
        self.compare.retain(|c| *c != id);
        if self.selected == id {
            let p = pos.min(self.scenarios.len() - 1);
            self.selected = self.scenarios[p].id;
        }
        true
    }

    /// Add to or remove from the comparison. A fourth case is refused
    /// (`false`): nothing is unticked behind the user's back; the page
    /// disables the other boxes and says why.
    pub fn toggle_compare(&mut self, id: u32) -> bool {
        if let Some(p) = self.compare.iter().position(|c| *c == id) {
            self.compare.remove(p);
            true
        } else if self.get(id).is_some() && !self.compare_full() {
            self.compare.push(id);
            true
        } else {
            false
        }
    }

    /// Three cases are compared: no more can be ticked.
    pub fn compare_full(&self) -> bool {
        self.compare.len() >= MAX_COMPARE
    }

    /// The compared scenarios that still exist, in order.
    pub fn compared(&self) -> Vec<&Scenario> {
        self.compare.iter().filter_map(|id| self.get(*id)).collect()
    }
}

/// How a comparison value is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Money,
    Count,
    Percent,
    Years,
}

/// One row of the side-by-side comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    pub label: &'static str,
    pub kind: Kind,
    /// One value per compared scenario (`None`: cannot be computed).
    pub values: Vec<Option<f64>>,
    /// The values are not all equal.
    pub differs: bool,
    /// A result row (bold in the table) rather than an input.
    pub result: bool,
}

/// The comparison table of the given scenarios.
pub fn compare_rows(scenarios: &[&Scenario]) -> Vec<CompareRow> {
    type Get = fn(&Scenario) -> Option<f64>;
    let rows: Vec<(&'static str, Kind, bool, Get)> = vec![
        ("clv.res.six_total", Kind::Money, true, |s| {
            six_clv(&s.six).ok().map(|r| r.total)
        }),
        ("clv.ret.clv", Kind::Money, true, |s| {
            s.ret.evaluate().ok().map(|r| r.clv)
        }),
        ("clv.ret.net", Kind::Money, true, |s| {
            s.ret.evaluate().ok().map(|r| r.net)
        }),
        ("clv.ret.break_even", Kind::Percent, true, |s| {
            s.ret.evaluate().ok().and_then(|r| r.break_even)
        }),
        ("clv.in.initial_margin", Kind::Money, false, |s| {
            Some(s.six.initial_margin)
        }),
        ("clv.in.repeat_per_year", Kind::Count, false, |s| {
            Some(s.six.repeat_per_year)
        }),
        ("clv.in.repeat_margin", Kind::Money, false, |s| {
            Some(s.six.repeat_margin)
        }),
        ("clv.in.cross_products", Kind::Count, false, |s| {
            Some(s.six.cross_products)
        }),
        ("clv.in.cross_margin", Kind::Money, false, |s| {
            Some(s.six.cross_margin)
        }),
        ("clv.in.cost_saving", Kind::Money, false, |s| {
            Some(s.six.cost_saving)
        }),
        ("clv.in.referrals_per_year", Kind::Count, false, |s| {
            Some(s.six.referrals_per_year)
        }),
        ("clv.in.referral_value", Kind::Money, false, |s| {
            Some(s.six.referral_value)
        }),
        ("clv.in.loyalty_premium", Kind::Money, false, |s| {
            Some(s.six.loyalty_premium)
        }),
        ("clv.in.years", Kind::Years, false, |s| {
            Some(s.six.years as f64)
        }),
        ("clv.in.discount", Kind::Percent, false, |s| {
            Some(s.six.discount)
        }),
        ("clv.ret.margin", Kind::Money, false, |s| Some(s.ret.margin)),
        ("clv.ret.retention", Kind::Percent, false, |s| {
            Some(s.ret.retention)
        }),
        ("clv.ret.discount", Kind::Percent, false, |s| {
            Some(s.ret.discount)
        }),
        ("clv.ret.ac", Kind::Money, false, |s| {
            Some(s.ret.acquisition_cost)
        }),
    ];
    rows.into_iter()
        .map(|(label, kind, result, get)| {
            let values: Vec<Option<f64>> = scenarios
                .iter()
                .map(|s| get(s).filter(|v| v.is_finite()))
                .collect();
            let differs = values.windows(2).any(|w| match (w[0], w[1]) {
                (Some(a), Some(b)) => (a - b).abs() > 1e-9 * (1.0 + a.abs().max(b.abs())),
                (a, b) => a.is_some() != b.is_some(),
            });
            CompareRow {
                label,
                kind,
                values,
                differs,
                result,
            }
        })
        .collect()
}

struct DemoCase {
    zh: &'static str,
    en: &'static str,
    six: [f64; 9],
    years: u32,
    discount: f64,
    /// margin, retention, discount, acquisition cost
    ret: [f64; 4],
}

const DEMO: [DemoCase; 3] = [
    DemoCase {
        zh: "代发工资家庭",
        en: "Payroll-account family",
        six: [300.0, 12.0, 50.0, 2.0, 400.0, 120.0, 0.5, 600.0, 200.0],
        years: 10,
        discount: 0.08,
        ret: [1500.0, 0.85, 0.08, 800.0],
    },
    DemoCase {
        zh: "私人银行客户",
        en: "Private-banking client",
        six: [
            20000.0, 4.0, 8000.0, 3.0, 6000.0, 2000.0, 1.0, 15000.0, 10000.0,
        ],
        years: 10,
        discount: 0.08,
        ret: [60000.0, 0.9, 0.08, 30000.0],
    },
    DemoCase {
        zh: "小微企业主",
        en: "Small-business owner",
        six: [2000.0, 6.0, 1500.0, 2.0, 2500.0, 800.0, 2.0, 2000.0, 1500.0],
        years: 8,
        discount: 0.1,
        ret: [15000.0, 0.75, 0.1, 10000.0],
    },
];

const DEMO_PROSPECTS: [(&str, &str, ProspectStage); 5] = [
    ("张先生", "Mr Zhang", ProspectStage::DepositPaid),
    ("李女士", "Ms Li", ProspectStage::Within7Days),
    ("王总", "Mr Wang", ProspectStage::WithinMonth),
    ("赵阿姨", "Mrs Zhao", ProspectStage::OneToThreeMonths),
    ("陈老师", "Ms Chen", ProspectStage::OverThreeMonths),
];

impl DocData for ClvDoc {
    const NAME: &'static str = "clv";
    const SCHEMA: u32 = 1;

    fn demo(lang: Lang) -> Self {
        let scenarios = DEMO
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let s = c.six;
                Scenario {
                    id: i as u32 + 1,
                    name: if lang == Lang::Zh { c.zh } else { c.en }.to_string(),
                    six: SixInputs {
                        initial_margin: s[0],
                        repeat_per_year: s[1],
                        repeat_margin: s[2],
                        cross_products: s[3],
                        cross_margin: s[4],
                        cost_saving: s[5],
                        referrals_per_year: s[6],
                        referral_value: s[7],
                        loyalty_premium: s[8],
                        years: c.years,
                        discount: c.discount,
                        enabled: [true; 6],
                    },
                    ret: RetentionInputs {
                        margin: c.ret[0],
                        retention: c.ret[1],
                        discount: c.ret[2],
                        acquisition_cost: c.ret[3],
                        years: 10,
                        unlimited: true,
                        convention: Convention::EndOfYear,
                    },
                }
            })
            .collect();
        ClvDoc {
            scenarios,
            selected: 1,
            compare: vec![1, 2],
            closing_k: 5.0,
            deals_per_week: 5.0,
            prospects: DEMO_PROSPECTS
                .iter()
                .map(|(zh, en, stage)| Prospect {
                    name: if lang == Lang::Zh { zh } else { en }.to_string(),
                    stage: *stage,
                })
                .collect(),
            start: None,
        }
    }

    fn validate(&self) -> Result<(), String> {
        if self.scenarios.is_empty() {
            return Err("no scenarios".into());
        }
        if self.scenarios.len() > MAX_SCENARIOS {
            return Err(format!("more than {MAX_SCENARIOS} scenarios"));
        }
        if self.prospects.len() > MAX_PROSPECTS {
            return Err(format!("more than {MAX_PROSPECTS} prospects"));
        }
        let mut ids: Vec<u32> = self.scenarios.iter().map(|s| s.id).collect();
        crate::sort::asc(&mut ids);
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err("duplicate scenario ids".into());
        }
        let long = |s: &str| s.chars().count() > MAX_NAME * 2;
        if self.scenarios.iter().any(|s| long(&s.name))
            || self.prospects.iter().any(|p| long(&p.name))
        {
            return Err("name too long".into());
        }
        if self
            .scenarios
            .iter()
            .any(|s| s.six.years > super::model::MAX_YEARS || s.ret.years > 200)
        {
            return Err("horizon out of range".into());
        }
        Ok(())
    }

    fn recover(data: &Value) -> Option<Self> {
        let mut doc = ClvDoc::default();
        let scenarios: Vec<Scenario> = data
            .get("scenarios")?
            .as_array()?
            .iter()
            .filter_map(|v| serde_json::from_value::<Scenario>(v.clone()).ok())
            .filter(|s| s.six.years <= super::model::MAX_YEARS && s.ret.years <= 200)
            .take(MAX_SCENARIOS)
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        let mut scenarios: Vec<Scenario> = scenarios
            .into_iter()
            .filter(|s| seen.insert(s.id))
            .collect();
        if scenarios.is_empty() {
            return None;
        }
        for s in &mut scenarios {
            s.name = clean_name(&s.name);
        }
        doc.selected = data
            .get("selected")
            .and_then(Value::as_u64)
            .map(|v| v as u32)
            .filter(|id| scenarios.iter().any(|s| s.id == *id))
            .unwrap_or(scenarios[0].id);
        doc.scenarios = scenarios;
        if let Some(ps) = data.get("prospects").and_then(Value::as_array) {
            doc.prospects = ps
                .iter()
                .filter_map(|v| serde_json::from_value::<Prospect>(v.clone()).ok())
                .map(|p| Prospect {
                    name: clean_name(&p.name),
                    ..p
                })
                .take(MAX_PROSPECTS)
                .collect();
        }
        Some(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::codec::{decode, encode, Decoded};

    #[test]
    fn demo_is_valid_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let d = ClvDoc::demo(lang);
            assert_eq!(d.scenarios.len(), 3);
            assert!(d.validate().is_ok());
            for s in &d.scenarios {
                assert!(six_clv(&s.six).is_ok(), "{}", s.name);
                assert!(s.ret.evaluate().is_ok(), "{}", s.name);
            }
        }
        assert_eq!(ClvDoc::demo(Lang::Zh).scenarios[0].name, "代发工资家庭");
        assert_eq!(
            ClvDoc::demo(Lang::En).scenarios[1].name,
            "Private-banking client"
        );
        assert!(ClvDoc::default().validate().is_ok());
    }

    #[test]
    fn round_trip_through_codec() {
        let d = ClvDoc::demo(Lang::Zh);
        let raw = encode(&d, 3, "2026-11-23T10:00:00Z");
        match decode::<ClvDoc>(&raw) {
            Decoded::Ok { data, rev, .. } => {
                assert_eq!(data, d);
                assert_eq!(rev, 3);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn old_or_partial_data_gets_defaults() {
        let d: ClvDoc = serde_json::from_str(
            r#"{"scenarios":[{"id":7,"name":"x","six":{"years":3}}],"selected":7}"#,
        )
        .unwrap();
        assert_eq!(d.scenarios[0].six.years, 3);
        assert_eq!(d.scenarios[0].ret, RetentionInputs::default());
        assert_eq!(d.closing_k, 5.0);
        assert_eq!(d.current().unwrap().id, 7);
    }

    #[test]
    fn recover_keeps_good_scenarios() {
        let v: Value = serde_json::from_str(
            r#"{"scenarios":[{"id":1,"name":"ok"},{"id":"bad"},{"id":1,"name":"dup"},{"id":2,"name":"two","six":{"years":5000}}],
                "selected":9,"prospects":[{"name":"a","stage":"Within7Days"},{"stage":"nope"}],"closing_k":"x"}"#,
        )
        .unwrap();
        let d = ClvDoc::recover(&v).unwrap();
        assert_eq!(d.scenarios.len(), 1);
        assert_eq!(d.scenarios[0].name, "ok");
        assert_eq!(d.selected, 1);
        assert_eq!(d.prospects.len(), 1);
        assert!(d.validate().is_ok());
        assert!(ClvDoc::recover(&serde_json::json!({"scenarios": []})).is_none());
        assert!(ClvDoc::recover(&serde_json::json!(42)).is_none());
    }

    #[test]
    fn validate_rejects_bad_docs() {
        let mut d = ClvDoc::demo(Lang::En);
        d.scenarios[1].id = d.scenarios[0].id;
        assert!(d.validate().is_err());
        let mut d = ClvDoc::demo(Lang::En);
        d.scenarios.clear();
        assert!(d.validate().is_err());
        let mut d = ClvDoc::demo(Lang::En);
        d.scenarios[0].six.years = 1000;
        assert!(d.validate().is_err());
    }

    #[test]
    fn scenario_operations() {
        let mut d = ClvDoc::demo(Lang::Zh);
        let id = d.duplicate(2, "私人银行客户（副本）").unwrap();
        assert_eq!(id, 4);
        assert_eq!(d.scenarios[2].id, 4);
        assert_eq!(d.scenarios[2].six, d.scenarios[1].six);
        assert_eq!(d.selected, 4);
        assert!(d.rename(4, "  新名字 "));
        assert_eq!(d.get(4).unwrap().name, "新名字");
        assert!(!d.rename(4, "   "));
        assert!(!d.rename(99, "x"));
        assert!(d.toggle_compare(4));
        assert_eq!(d.compare, vec![1, 2, 4]);
        assert!(d.compare_full());
        // A fourth is refused: the oldest is not silently unticked.
        assert!(!d.toggle_compare(3));
        assert_eq!(d.compare, vec![1, 2, 4]);
        assert!(d.toggle_compare(1));
        assert!(!d.compare_full());
        assert!(d.toggle_compare(3));
        assert_eq!(d.compare, vec![2, 4, 3]);
        d.toggle_compare(4);
        assert_eq!(d.compare, vec![2, 3]);
        assert!(!d.toggle_compare(99));
        assert_eq!(d.compare, vec![2, 3]);
        assert!(d.delete(2));
        assert_eq!(d.compare, vec![3]);
        assert!(d.delete(4));
        assert_eq!(d.selected, 3);
        assert!(d.delete(1));
        assert!(!d.delete(3), "the last scenario stays");
        assert_eq!(d.scenarios.len(), 1);
        let id = d.add("x").unwrap();
        assert_eq!(d.selected, id);
        assert_eq!(d.current().unwrap().name, "x");
        for i in 0..100 {
            d.add(&i.to_string());
        }
        assert_eq!(d.scenarios.len(), MAX_SCENARIOS);
        assert!(d.add("over").is_none());
        assert!(d.validate().is_ok());
        // Stale selection falls back to the first.
        d.selected = 12345;
        assert_eq!(d.current().unwrap().id, d.scenarios[0].id);
        assert!(d.current_mut().is_some());
        assert_eq!(clean_name(&"a".repeat(500)).len(), MAX_NAME);
    }

    #[test]
    fn comparison_marks_differences() {
        let d = ClvDoc::demo(Lang::Zh);
        let rows = compare_rows(&d.compared());
        let by = |k: &str| rows.iter().find(|r| r.label == k).unwrap();
        assert!(by("clv.res.six_total").differs);
        assert!(by("clv.in.initial_margin").differs);
        assert!(!by("clv.in.discount").differs, "both 8%");
        assert_eq!(by("clv.in.years").values, vec![Some(10.0), Some(10.0)]);
        // One impossible scenario: no value, marked different.
        let mut bad = d.scenarios[0].clone();
        bad.ret.retention = 1.0;
        bad.ret.discount = 0.0;
        let rows = compare_rows(&[&d.scenarios[0], &bad]);
        let r = rows.iter().find(|r| r.label == "clv.ret.clv").unwrap();
        assert_eq!(r.values[1], None);
        assert!(r.differs);
        assert!(compare_rows(&[]).iter().all(|r| !r.differs));
    }

    proptest::proptest! {
        /// Any sequence of operations keeps the document valid: at least one
        /// scenario, unique ids, a selection that exists, at most three compared.
        #[test]
        fn operations_keep_the_document_valid(ops in proptest::collection::vec((0u8..6, 0u32..8), 0..60)) {
            let mut d = ClvDoc::demo(Lang::Zh);
            for (op, id) in ops {
                match op {
                    0 => { d.add("新"); }
                    1 => { d.duplicate(id, "副本"); }
                    2 => { d.rename(id, "改名"); }
                    3 => { d.delete(id); }
                    4 => { d.toggle_compare(id); }
                    _ => d.selected = id,
                }
                proptest::prop_assert!(d.validate().is_ok());
                proptest::prop_assert!(d.current().is_some());
                proptest::prop_assert!(d.compare.len() <= MAX_COMPARE);
                proptest::prop_assert!(d.compared().len() == d.compare.len());
            }
        }
    }
}
