//! The result file a trainee exports and a trainer imports (JSON). Pure,
//! tested: foreign or damaged files are refused with a reason.

use super::data::questionnaire;
use super::model::{SCALE_MAX, SCALE_MIN};
use super::score::{score, Answers};
use crate::storage::codec::{json_depth_ok, APP_ID};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const KIND: &str = "assess-result";
pub const FORMAT: u32 = 1;
/// A result file is small; anything larger is not one of ours.
pub const MAX_BYTES: usize = 256 * 1024;
pub const MAX_NAME_CHARS: usize = 100;

/// One trainee's result, as exchanged between trainee and trainer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultFile {
    pub app: String,
    pub kind: String,
    pub format: u32,
    pub questionnaire: String,
    pub trainee: String,
    #[serde(with = "crate::dates::serde_iso")]
    pub date: NaiveDate,
    pub answers: Answers,
    /// Scores per dimension, for people reading the file; on import they are
    /// recomputed from the answers.
    #[serde(default)]
    pub scores: BTreeMap<String, f64>,
}

/// A checked result ready for the class view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ClassEntry {
    /// Name of the file it came from.
    pub file: String,
    pub trainee: String,
    pub questionnaire: String,
    #[serde(with = "crate::dates::serde_iso")]
    pub date: NaiveDate,
    pub answers: Answers,
}

/// Why a file was skipped.
#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    Empty,
    TooLarge,
    NotJson,
    NotOurs,
    NewerFormat(u32),
    UnknownQuestionnaire(String),
    /// Answers outside the scale or for unknown statements.
    BadAnswers,
    /// Unanswered statements (count).
    Incomplete(usize),
    Duplicate,
}

impl FileError {
    pub fn message_key(&self) -> &'static str {
        match self {
            FileError::Empty => "assess.file.err.empty",
            FileError::TooLarge => "assess.file.err.too_large",
            FileError::NotJson => "assess.file.err.not_json",
            FileError::NotOurs => "assess.file.err.not_ours",
            FileError::NewerFormat(_) => "assess.file.err.newer",
            FileError::UnknownQuestionnaire(_) => "assess.file.err.unknown",
            FileError::BadAnswers => "assess.file.err.bad_answers",
            FileError::Incomplete(_) => "assess.file.err.incomplete",
            FileError::Duplicate => "assess.file.err.duplicate",
        }
    }

    /// `{n}` for the message (count of missing answers, etc.).
    pub fn detail(&self) -> String {
        match self {
            FileError::NewerFormat(f) => f.to_string(),
            FileError::UnknownQuestionnaire(q) => q.clone(),
            FileError::Incomplete(n) => n.to_string(),
            _ => String::new(),
        }
    }
}

/// Serialise a result (pretty JSON).
pub fn export(qid: &str, trainee: &str, date: NaiveDate, answers: &Answers) -> String {
    let scores = questionnaire(qid)
        .map(|q| {
            score(q, answers)
                .dims
                .iter()
                .filter_map(|d| {
                    d.score
                        .map(|s| (d.dim.id.to_string(), (s * 10.0).round() / 10.0))
                })
                .collect()
        })
        .unwrap_or_default();
    let f = ResultFile {
        app: APP_ID.into(),
        kind: KIND.into(),
        format: FORMAT,
        questionnaire: qid.into(),
        trainee: trainee.into(),
        date,
        answers: answers.clone(),
        scores,
    };
    // Through `Value`: reuses the pretty printer the workspace export already has.
    serde_json::to_value(&f)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_default()
}

/// A safe file name: `assess-excellent-张敏-2026-11-23.json`.
pub fn file_name(qid: &str, trainee: &str, date: NaiveDate) -> String {
    let who: String = trainee
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    if who.is_empty() {
        format!("assess-{qid}-{date}.json")
    } else {
        format!("assess-{qid}-{who}-{date}.json")
    }
}

/// Read and check one result file.
pub fn parse(file_name: &str, text: &str) -> Result<ClassEntry, FileError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    if text.len() > MAX_BYTES {
        return Err(FileError::TooLarge);
    }
    if !json_depth_ok(text, 16) {
        return Err(FileError::NotOurs);
    }
    let v: serde_json::Value = serde_json::from_str(text).map_err(|_| FileError::NotJson)?;
    let head_ok = v.get("app").and_then(|a| a.as_str()) == Some(APP_ID)
        && v.get("kind").and_then(|a| a.as_str()) == Some(KIND);
    if !head_ok {
        return Err(FileError::NotOurs);
    }
    if let Some(f) = v.get("format").and_then(|f| f.as_u64()) {
        if f > u64::from(FORMAT) {
            return Err(FileError::NewerFormat(f.min(u64::from(u32::MAX)) as u32));
        }
    }
    let f: ResultFile = serde_json::from_value(v).map_err(|_| FileError::BadAnswers)?;
    let q = questionnaire(&f.questionnaire).ok_or_else(|| {
        FileError::UnknownQuestionnaire(f.questionnaire.chars().take(40).collect())
    })?;
    let bad = f
        .answers
        .iter()
        .any(|(k, v)| q.item_index(k).is_none() || !(SCALE_MIN..=SCALE_MAX).contains(v));
    if bad {
        return Err(FileError::BadAnswers);
    }
    let missing = score(q, &f.answers).missing.len();
    if missing > 0 {
        return Err(FileError::Incomplete(missing));
    }
    let trainee: String = f.trainee.trim().chars().take(MAX_NAME_CHARS).collect();
    Ok(ClassEntry {
        file: file_name.chars().take(200).collect(),
        trainee,
        questionnaire: q.id.into(),
        date: f.date,
        answers: f.answers,
    })
}

/// Check many files: the good ones (not already in `existing`, nor repeated)
/// and, for each skipped file, its name and the reason.
pub fn import_many(
    existing: &[ClassEntry],
    files: &[(String, String)],
) -> (Vec<ClassEntry>, Vec<(String, FileError)>) {
    let mut good: Vec<ClassEntry> = Vec::new();
    let mut bad = Vec::new();
    for (name, text) in files {
        match parse(name, text) {
            Ok(e) => {
                let same = |o: &ClassEntry| {
                    o.trainee == e.trainee
                        && o.questionnaire == e.questionnaire
                        && o.date == e.date
                        && o.answers == e.answers
                };
                if existing.iter().any(same) || good.iter().any(same) {
                    bad.push((name.clone(), FileError::Duplicate));
                } else {
                    good.push(e);
                }
            }
            Err(err) => bad.push((name.clone(), err)),
        }
    }
    (good, bad)
}

/// The class table as CSV (through the app's one CSV writer,
/// `tiering::csv::CsvWriter`: BOM so spreadsheet programs read 中文,
/// formula-safe names): trainee, date, one column per dimension, overall;
/// then the average row.
pub fn class_csv(
    q: &'static super::model::Questionnaire,
    entries: &[&ClassEntry],
    lang: crate::i18n::Lang,
) -> String {
    use crate::i18n::t;
    let mut w = crate::tools::tiering::csv::CsvWriter::new();
    let score1 = |w: &mut crate::tools::tiering::csv::CsvWriter, v: Option<f64>| match v {
        Some(v) => {
            w.fixed(v, 1);
        }
        None => {
            w.empty();
        }
    };
    w.text(t(lang, "assess.trainee"))
        .text(t(lang, "assess.history.date"));
    for d in q.dims {
        w.text(d.name.get(lang));
    }
    w.text(t(lang, "assess.result.overall")).end_row();
    for e in entries {
        let o = score(q, &e.answers);
        w.text(&e.trainee).text(&e.date.to_string());
        for d in &o.dims {
            score1(&mut w, d.score);
        }
        score1(&mut w, o.overall());
        w.end_row();
    }
    let sets: Vec<&Answers> = entries.iter().map(|e| &e.answers).collect();
    let stats = super::score::aggregate(q, &sets);
    w.text(t(lang, "assess.class.average")).empty();
    for s in &stats {
        score1(&mut w, s.mean);
    }
    score1(
        &mut w,
        super::score::mean(&stats.iter().filter_map(|s| s.mean).collect::<Vec<_>>()),
    );
    w.end_row();
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::super::data::questionnaire;
    use super::super::score::uniform_answers;
    use super::*;

    fn d() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn sample(name: &str, v: u8) -> String {
        let q = questionnaire("kash").unwrap();
        export("kash", name, d(), &uniform_answers(q, v))
    }

    #[test]
    fn round_trip() {
        let text = sample("张敏", 4);
        let e = parse("a.json", &text).unwrap();
        assert_eq!(e.trainee, "张敏");
        assert_eq!(e.questionnaire, "kash");
        assert_eq!(e.date, d());
        assert_eq!(e.file, "a.json");
        assert_eq!(e.answers.len(), 12);
        assert!(text.contains("\"scores\""));
    }

    #[test]
    fn foreign_and_damaged_files_are_refused() {
        assert_eq!(parse("e", "  "), Err(FileError::Empty));
        assert_eq!(parse("x", "{not json"), Err(FileError::NotJson));
        assert_eq!(parse("x", "[1,2]"), Err(FileError::NotOurs));
        assert_eq!(
            parse("x", r#"{"app":"other","kind":"assess-result"}"#),
            Err(FileError::NotOurs)
        );
        let whole = sample("A", 3);
        // Truncated.
        assert_eq!(
            parse("t", &whole[..whole.len() / 2]),
            Err(FileError::NotJson)
        );
        // Newer format.
        let newer = whole.replace("\"format\": 1", "\"format\": 9");
        assert_eq!(parse("n", &newer), Err(FileError::NewerFormat(9)));
        // Unknown questionnaire.
        let unk = whole.replace("\"questionnaire\": \"kash\"", "\"questionnaire\": \"zzz\"");
        assert_eq!(
            parse("u", &unk),
            Err(FileError::UnknownQuestionnaire("zzz".into()))
        );
        // Out-of-range answer.
        let bad = whole.replacen(": 3", ": 7", 1);
        assert_eq!(parse("b", &bad), Err(FileError::BadAnswers));
        // Missing answer.
        let q = questionnaire("kash").unwrap();
        let mut a = uniform_answers(q, 3);
        a.remove("k05");
        let inc = export("kash", "A", d(), &a);
        assert_eq!(parse("i", &inc), Err(FileError::Incomplete(1)));
        // Too deep / too large.
        assert_eq!(parse("deep", &"[".repeat(100)), Err(FileError::NotOurs));
        assert_eq!(
            parse("big", &" ".repeat(MAX_BYTES + 10).replace(' ', "a")),
            Err(FileError::TooLarge)
        );
        // The workspace export is not a result file.
        assert_eq!(
            parse("w", r#"{"app":"rm-toolkit","kind":"workspace","format":1}"#),
            Err(FileError::NotOurs)
        );
    }

    #[test]
    fn import_many_reports_skipped_by_name() {
        let files = vec![
            ("a.json".to_string(), sample("A", 2)),
            ("b.json".to_string(), sample("B", 4)),
            ("bad.json".to_string(), "garbage".to_string()),
            ("a-again.json".to_string(), sample("A", 2)),
        ];
        let (good, bad) = import_many(&[], &files);
        assert_eq!(good.len(), 2);
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0], ("bad.json".to_string(), FileError::NotJson));
        assert_eq!(bad[1], ("a-again.json".to_string(), FileError::Duplicate));
        let (good2, bad2) = import_many(&good, &files[..1]);
        assert!(good2.is_empty());
        assert_eq!(bad2[0].1, FileError::Duplicate);
    }

    #[test]
    fn fixture_files() {
        macro_rules! fx {
            ($n:literal) => {
                (
                    $n.to_string(),
                    include_str!(concat!("../../../tests/fixtures/assess/", $n)).to_string(),
                )
            };
        }
        let files = vec![
            fx!("result-zhang-wei.json"),
            fx!("result-li-na.json"),
            fx!("result-sam-wong.json"),
            fx!("damaged-truncated.json"),
            fx!("foreign-workspace.json"),
            fx!("incomplete.json"),
        ];
        let (good, bad) = import_many(&[], &files);
        assert_eq!(good.len(), 3);
        assert_eq!(good[0].trainee, "张伟");
        let names: Vec<(&str, &FileError)> = bad.iter().map(|(n, e)| (n.as_str(), e)).collect();
        assert_eq!(
            names,
            vec![
                ("damaged-truncated.json", &FileError::NotJson),
                ("foreign-workspace.json", &FileError::NotOurs),
                ("incomplete.json", &FileError::Incomplete(1)),
            ]
        );
        let q = questionnaire("excellent").unwrap();
        let sets: Vec<&Answers> = good.iter().map(|e| &e.answers).collect();
        let stats = crate::tools::assess::score::aggregate(q, &sets);
        assert!(stats.iter().all(|s| s.n == 3 && s.mean.is_some()));
    }

    #[test]
    fn class_csv_is_safe_and_complete() {
        use crate::i18n::Lang;
        let q = questionnaire("kash").unwrap();
        let mk = |name: &str, v: u8| ClassEntry {
            file: "f".into(),
            trainee: name.into(),
            questionnaire: "kash".into(),
            date: d(),
            answers: uniform_answers(q, v),
        };
        let a = mk("=cmd(), \"x\"", 5);
        let b = mk("李四", 1);
        let csv = class_csv(q, &[&a, &b], Lang::Zh);
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].contains("学员姓名") && lines[0].contains("知识"));
        assert!(
            lines[1].starts_with("\"'=cmd(), \"\"x\"\"\","),
            "{}",
            lines[1]
        );
        assert!(lines[2].starts_with("李四,2026-11-23,"));
        assert!(lines[3].starts_with("平均,,"));
        assert_eq!(lines[1].split(',').count(), lines[2].split(',').count() + 1);
        let en = class_csv(q, &[], Lang::En);
        assert!(en.contains("Trainee name") && en.contains("Average"));
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("kash", "张 敏/../x", d()),
            "assess-kash-张敏x-2026-11-23.json"
        );
        assert_eq!(file_name("kash", "  ", d()), "assess-kash-2026-11-23.json");
    }

    #[test]
    fn messages_exist() {
        use crate::i18n::{lookup, Lang};
        for e in [
            FileError::Empty,
            FileError::TooLarge,
            FileError::NotJson,
            FileError::NotOurs,
            FileError::NewerFormat(2),
            FileError::UnknownQuestionnaire("x".into()),
            FileError::BadAnswers,
            FileError::Incomplete(2),
            FileError::Duplicate,
        ] {
            for l in Lang::ALL {
                assert!(lookup(l, e.message_key()).is_some(), "{}", e.message_key());
            }
        }
    }
}
