//! The stored document of the self-assessment tool: answers in progress,
//! dated attempts, the trainee's name, target profiles and the trainer's
//! imported class results.

use super::data::{questionnaire, QUESTIONNAIRES};
use super::file::ClassEntry;
use super::model::{Questionnaire, SCALE_MAX, SCALE_MIN};
use super::score::{first_missing, Answers, Profile};
use crate::i18n::Lang;
use crate::storage::codec::DocData;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

pub const MAX_ATTEMPTS: usize = 500;
pub const MAX_CLASS: usize = 1000;
pub const MAX_NAME_CHARS: usize = 100;

/// A questionnaire being answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Progress {
    pub answers: Answers,
    /// The statement shown in one-at-a-time mode (0-based).
    pub current: usize,
}

/// A finished, dated attempt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Attempt {
    pub id: u64,
    pub questionnaire: String,
    #[serde(with = "crate::dates::serde_iso")]
    pub date: NaiveDate,
    pub answers: Answers,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessDoc {
    pub trainee: String,
    /// One statement per screen (else all on one page).
    pub one_at_a_time: bool,
    pub progress: BTreeMap<String, Progress>,
    pub attempts: Vec<Attempt>,
    pub next_id: u64,
    /// Target profile per questionnaire.
    pub targets: BTreeMap<String, Profile>,
    /// Results imported by the trainer.
    pub class: Vec<ClassEntry>,
}

impl Default for AssessDoc {
    fn default() -> Self {
        AssessDoc {
            trainee: String::new(),
            one_at_a_time: true,
            progress: BTreeMap::new(),
            attempts: Vec::new(),
            next_id: 1,
            targets: BTreeMap::new(),
            class: Vec::new(),
        }
    }
}

fn valid_answers(q: Option<&Questionnaire>, a: &Answers) -> bool {
    a.iter().all(|(k, v)| {
        (SCALE_MIN..=SCALE_MAX).contains(v) && q.is_none_or(|q| q.item_index(k).is_some())
    })
}

impl AssessDoc {
    pub fn progress_of(&self, qid: &str) -> Progress {
        self.progress.get(qid).cloned().unwrap_or_default()
    }

    /// Record an answer (ignored if the statement or value is unknown).
    pub fn answer(&mut self, qid: &str, item: &str, value: u8) {
        let Some(q) = questionnaire(qid) else { return };
        if q.item_index(item).is_none() || !(SCALE_MIN..=SCALE_MAX).contains(&value) {
            return;
        }
        let p = self.progress.entry(qid.to_string()).or_default();
        p.answers.insert(item.to_string(), value);
    }

    pub fn set_current(&mut self, qid: &str, current: usize) {
        let Some(q) = questionnaire(qid) else { return };
        let p = self.progress.entry(qid.to_string()).or_default();
        p.current = current.min(q.items.len().saturating_sub(1));
    }

    /// Finish a questionnaire: store a dated attempt and clear the progress.
    /// `Err(index)` points to the first unanswered statement.
    pub fn finish(&mut self, qid: &str, date: NaiveDate) -> Result<u64, usize> {
        let q = questionnaire(qid).ok_or(0usize)?;
        let p = self.progress_of(qid);
        if let Some(i) = first_missing(q, &p.answers) {
            return Err(i);
        }
        let id = self
            .next_id
            .max(self.attempts.iter().map(|a| a.id + 1).max().unwrap_or(1));
        self.next_id = id + 1;
        self.attempts.push(Attempt {
            id,
            questionnaire: qid.into(),
            date,
            answers: p.answers,
        });
        if self.attempts.len() > MAX_ATTEMPTS {
            self.attempts.remove(0);
        }
        self.progress.remove(qid);
        Ok(id)
    }

    pub fn restart(&mut self, qid: &str) {
        self.progress.remove(qid);
    }

    pub fn attempt(&self, id: u64) -> Option<&Attempt> {
        self.attempts.iter().find(|a| a.id == id)
    }

    pub fn delete_attempt(&mut self, id: u64) -> bool {
        let before = self.attempts.len();
        self.attempts.retain(|a| a.id != id);
        self.attempts.len() != before
    }

    /// Attempts of one questionnaire, oldest first (by date, then id).
    pub fn attempts_of(&self, qid: &str) -> Vec<&Attempt> {
        let mut v: Vec<&Attempt> = self
            .attempts
            .iter()
            .filter(|a| a.questionnaire == qid)
            .collect();
        crate::sort::by_key(&mut v, |a| (a.date, a.id));
        v
    }

    pub fn set_trainee(&mut self, name: &str) {
        self.trainee = name.chars().take(MAX_NAME_CHARS).collect();
    }

    pub fn set_target(&mut self, qid: &str, dim: &str, value: Option<f64>) {
        let Some(q) = questionnaire(qid) else { return };
        if q.dim(dim).is_none() {
            return;
        }
        let t = self.targets.entry(qid.to_string()).or_default();
        match value.filter(|v| v.is_finite()) {
            Some(v) => {
                t.insert(dim.to_string(), v.clamp(0.0, 100.0));
            }
            None => {
                t.remove(dim);
            }
        }
        if t.is_empty() {
            self.targets.remove(qid);
        }
    }

    pub fn add_class(&mut self, entries: Vec<ClassEntry>) -> usize {
        let room = MAX_CLASS.saturating_sub(self.class.len());
        let n = entries.len().min(room);
        self.class.extend(entries.into_iter().take(n));
        n
    }

    /// Questionnaire ids present in the class, in questionnaire order.
    pub fn class_questionnaires(&self) -> Vec<&'static str> {
        QUESTIONNAIRES
            .iter()
            .filter(|q| self.class.iter().any(|e| e.questionnaire == q.id))
            .map(|q| q.id)
            .collect()
    }
}

/// Deterministic demo answers: `levels[d]` is the intended scored value for
/// dimension `d`; a small pattern varies it per statement.
fn demo_answers(q: &Questionnaire, levels: &[u8], seed: usize) -> Answers {
    q.items
        .iter()
        .enumerate()
        .map(|(j, it)| {
            let d = q.dims.iter().position(|d| d.id == it.dim).unwrap_or(0);
            let base = i16::from(*levels.get(d).unwrap_or(&3));
            let wobble = [0i16, 1, 0, 0, -1, 1, 0][(j * 3 + seed) % 7];
            let v = (base + wobble).clamp(1, 5) as u8;
            let v = if it.reverse {
                SCALE_MIN + SCALE_MAX - v
            } else {
                v
            };
            (it.id.to_string(), v)
        })
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

impl DocData for AssessDoc {
    const NAME: &'static str = "assess";
    const SCHEMA: u32 = 1;

    fn demo(lang: Lang) -> Self {
        let zh = lang == Lang::Zh;
        let mut doc = AssessDoc {
            trainee: if zh { "林晓" } else { "Alex Lin" }.into(),
            ..AssessDoc::default()
        };
        let Some(ex) = questionnaire("excellent") else {
            return doc;
        };
        doc.attempts.push(Attempt {
            id: 1,
            questionnaire: "excellent".into(),
            date: date(2026, 9, 14),
            answers: demo_answers(ex, &[3, 3, 2, 2, 3, 3], 0),
        });
        doc.attempts.push(Attempt {
            id: 2,
            questionnaire: "excellent".into(),
            date: date(2026, 11, 16),
            answers: demo_answers(ex, &[4, 4, 3, 4, 4, 3], 1),
        });
        if let Some(dq) = questionnaire("disc") {
            doc.attempts.push(Attempt {
                id: 3,
                questionnaire: "disc".into(),
                date: date(2026, 11, 16),
                answers: demo_answers(dq, &[2, 4, 4, 3], 2),
            });
        }
        doc.next_id = 4;
        let target: Profile = ex.dims.iter().map(|d| (d.id.to_string(), 75.0)).collect();
        doc.targets.insert("excellent".into(), target);
        let names: [&str; 4] = if zh {
            ["王磊", "陈静", "刘洋", "赵敏"]
        } else {
            ["Wang Lei", "Chen Jing", "Liu Yang", "Zhao Min"]
        };
        let levels: [[u8; 6]; 4] = [
            [4, 3, 3, 4, 3, 4],
            [3, 4, 2, 3, 4, 3],
            [2, 3, 4, 2, 2, 3],
            [4, 4, 3, 3, 4, 4],
        ];
        for (k, (n, l)) in names.iter().zip(levels.iter()).enumerate() {
            doc.class.push(ClassEntry {
                file: format!("demo-{}.json", k + 1),
                trainee: (*n).into(),
                questionnaire: "excellent".into(),
                date: date(2026, 11, 16),
                answers: demo_answers(ex, l, k),
            });
        }
        doc
    }

    fn validate(&self) -> Result<(), String> {
        if self.trainee.chars().count() > MAX_NAME_CHARS {
            return Err("trainee name too long".into());
        }
        if self.attempts.len() > MAX_ATTEMPTS || self.class.len() > MAX_CLASS {
            return Err("too many records".into());
        }
        let mut ids = std::collections::BTreeSet::new();
        for a in &self.attempts {
            if !ids.insert(a.id) {
                return Err(format!("duplicate attempt id {}", a.id));
            }
            if !valid_answers(questionnaire(&a.questionnaire), &a.answers) {
                return Err(format!("attempt {}: bad answers", a.id));
            }
        }
        for (qid, p) in &self.progress {
            if !valid_answers(questionnaire(qid), &p.answers) {
                return Err(format!("progress {qid}: bad answers"));
            }
        }
        for e in &self.class {
            if !valid_answers(questionnaire(&e.questionnaire), &e.answers) {
                return Err(format!("class entry {}: bad answers", e.file));
            }
        }
        for t in self.targets.values() {
            if t.values()
                .any(|v| !v.is_finite() || !(0.0..=100.0).contains(v))
            {
                return Err("target out of range".into());
            }
        }
        Ok(())
    }

    /// Keep every record that still reads and checks; drop the rest.
    fn recover(data: &Value) -> Option<Self> {
        let obj = data.as_object()?;
        let mut doc = AssessDoc::default();
        if let Some(t) = obj.get("trainee").and_then(|v| v.as_str()) {
            doc.set_trainee(t);
        }
        if let Some(b) = obj.get("one_at_a_time").and_then(|v| v.as_bool()) {
            doc.one_at_a_time = b;
        }
        let mut ids = std::collections::BTreeSet::new();
        for v in obj
            .get("attempts")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            if let Ok(a) = serde_json::from_value::<Attempt>(v.clone()) {
                if valid_answers(questionnaire(&a.questionnaire), &a.answers)
                    && ids.insert(a.id)
                    && doc.attempts.len() < MAX_ATTEMPTS
                {
                    doc.attempts.push(a);
                }
            }
        }
        doc.next_id = doc.attempts.iter().map(|a| a.id + 1).max().unwrap_or(1);
        if let Some(p) = obj.get("progress").and_then(|v| v.as_object()) {
            for (k, v) in p {
                if let Ok(pr) = serde_json::from_value::<Progress>(v.clone()) {
                    if valid_answers(questionnaire(k), &pr.answers) {
                        doc.progress.insert(k.clone(), pr);
                    }
                }
            }
        }
        for v in obj
            .get("class")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            if let Ok(e) = serde_json::from_value::<ClassEntry>(v.clone()) {
                if valid_answers(questionnaire(&e.questionnaire), &e.answers)
                    && doc.class.len() < MAX_CLASS
                {
                    doc.class.push(e);
                }
            }
        }
        if let Some(t) = obj.get("targets") {
            if let Ok(t) = serde_json::from_value::<BTreeMap<String, Profile>>(t.clone()) {
                for (qid, p) in t {
                    if let Some(q) = questionnaire(&qid) {
                        let p = super::score::clean_profile(q, &p);
                        if !p.is_empty() {
                            doc.targets.insert(qid, p);
                        }
                    }
                }
            }
        }
        Some(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::super::score::score;
    use super::*;
    use crate::storage::codec::{decode, encode, Decoded};

    fn d(day: u32) -> NaiveDate {
        date(2026, 11, day)
    }

    #[test]
    fn answering_resumes_and_finishes() {
        let mut doc = AssessDoc::default();
        doc.answer("kash", "k01", 4);
        doc.answer("kash", "k02", 9); // out of range: ignored
        doc.answer("kash", "nope", 3); // unknown: ignored
        doc.answer("zzz", "k01", 3); // unknown questionnaire
        doc.set_current("kash", 1);
        // Round trip through storage: the progress survives a reload.
        let raw = encode(&doc, 1, "t");
        let back = match decode::<AssessDoc>(&raw) {
            Decoded::Ok { data, .. } => data,
            other => panic!("{other:?}"),
        };
        let p = back.progress_of("kash");
        assert_eq!(p.answers.len(), 1);
        assert_eq!(p.current, 1);
        // Not finished while statements are missing: points to the first one.
        let mut doc = back;
        assert_eq!(doc.finish("kash", d(23)), Err(1));
        let q = questionnaire("kash").unwrap();
        for i in q.items {
            doc.answer("kash", i.id, 3);
        }
        doc.set_current("kash", 999);
        assert_eq!(doc.progress_of("kash").current, q.items.len() - 1);
        let id = doc.finish("kash", d(23)).unwrap();
        assert!(doc.progress.is_empty());
        let a = doc.attempt(id).unwrap();
        assert_eq!(a.date, d(23));
        assert!(score(q, &a.answers).complete());
        assert!(doc.delete_attempt(id));
        assert!(!doc.delete_attempt(id));
    }

    #[test]
    fn ids_stay_unique_after_deletes() {
        let mut doc = AssessDoc::default();
        let q = questionnaire("disc").unwrap();
        let mut ids = Vec::new();
        for k in 0..3 {
            for i in q.items {
                doc.answer("disc", i.id, 2);
            }
            ids.push(doc.finish("disc", d(10 + k)).unwrap());
        }
        doc.delete_attempt(ids[2]);
        for i in q.items {
            doc.answer("disc", i.id, 2);
        }
        let id = doc.finish("disc", d(20)).unwrap();
        assert!(!ids[..2].contains(&id));
        assert_eq!(doc.attempts_of("disc").len(), 3);
        assert!(doc.validate().is_ok());
    }

    #[test]
    fn demo_is_valid_in_both_languages() {
        for lang in Lang::ALL {
            let doc = AssessDoc::demo(lang);
            assert!(doc.validate().is_ok());
            let ex = doc.attempts_of("excellent");
            assert_eq!(ex.len(), 2);
            assert!(ex[0].date < ex[1].date);
            let q = questionnaire("excellent").unwrap();
            for a in &doc.attempts {
                let q = questionnaire(&a.questionnaire).unwrap();
                assert!(score(q, &a.answers).complete());
            }
            let before = score(q, &ex[0].answers).overall().unwrap();
            let after = score(q, &ex[1].answers).overall().unwrap();
            assert!(after > before, "demo shows progress");
            assert!(doc.class.len() >= 3);
            assert_eq!(doc.class_questionnaires(), vec!["excellent"]);
        }
        assert_ne!(
            AssessDoc::demo(Lang::Zh).trainee,
            AssessDoc::demo(Lang::En).trainee
        );
    }

    #[test]
    fn validation_and_recovery() {
        let mut doc = AssessDoc::demo(Lang::Zh);
        doc.attempts[0].answers.insert("x01".into(), 8);
        assert!(doc.validate().is_err());
        let v = serde_json::to_value(&doc).unwrap();
        let rec = AssessDoc::recover(&v).unwrap();
        assert!(rec.validate().is_ok());
        assert_eq!(rec.attempts.len(), doc.attempts.len() - 1);
        assert_eq!(rec.class.len(), doc.class.len());
        assert_eq!(rec.trainee, doc.trainee);
        assert!(rec.next_id > rec.attempts.iter().map(|a| a.id).max().unwrap());
        // Damaged record shapes are skipped.
        let junk = serde_json::json!({"trainee": 5, "attempts": [1, {"id": "x"}], "class": "no"});
        let rec = AssessDoc::recover(&junk).unwrap();
        assert!(rec.attempts.is_empty() && rec.validate().is_ok());
        assert!(AssessDoc::recover(&serde_json::json!([1])).is_none());
    }

    #[test]
    fn targets_and_names() {
        let mut doc = AssessDoc::default();
        doc.set_target("kash", "skills", Some(150.0));
        doc.set_target("kash", "bogus", Some(10.0));
        assert_eq!(doc.targets["kash"]["skills"], 100.0);
        assert_eq!(doc.targets["kash"].len(), 1);
        doc.set_target("kash", "skills", None);
        assert!(doc.targets.is_empty());
        doc.set_trainee(&"名".repeat(300));
        assert_eq!(doc.trainee.chars().count(), MAX_NAME_CHARS);
        assert!(doc.validate().is_ok());
    }

    #[test]
    fn old_saves_without_new_fields_still_load() {
        let raw = r#"{"app":"rm-toolkit","doc":"assess","schema":1,"rev":3,"saved_at":"x","data":{"trainee":"A"}}"#;
        match decode::<AssessDoc>(raw) {
            Decoded::Ok { data, .. } => {
                assert_eq!(data.trainee, "A");
                assert!(data.one_at_a_time);
                assert_eq!(data.next_id, 1);
            }
            other => panic!("{other:?}"),
        }
    }
}
