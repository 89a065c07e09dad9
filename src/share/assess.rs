//! Self-assessment pieces: a questionnaire to take (with an optional target
//! profile) and a trainee's result handed in to the trainer, plus duplicate
//! detection for the trainer's class.
//!
//! Questionnaires have no version number of their own, so a piece carries a
//! 16-bit fingerprint of the questionnaire's structure
//! ([`questionnaire_version`]: its id, dimension ids, and each statement's
//! id, dimension and direction). Answers and targets are stored by position,
//! which is only meaningful for the same structure; a mismatch is
//! [`ShareError::Outdated`].
//!
//! Quiz body v1: questionnaire id; fingerprint; a bit mask of the dimensions
//! with a target, then each target (0–100).
//!
//! Result body v1: questionnaire id; fingerprint; trainee; date (days since
//! 2000-01-01); the number of statements; the answers, 3 bits each in
//! statement order (0 unanswered, 1–5), packed. A 40-statement result is
//! about 45 bytes before the envelope.

use super::bin::{day_number, from_day_number, BinError, Reader, Writer};
use super::codec::ShareError;
use crate::tools::assess::data::questionnaire;
use crate::tools::assess::doc::{AssessDoc, Attempt, MAX_NAME_CHARS};
use crate::tools::assess::file::ClassEntry;
use crate::tools::assess::model::{Questionnaire, SCALE_MAX, SCALE_MIN};
use crate::tools::assess::score::{clean_profile, Answers, Profile};
use chrono::NaiveDate;

/// The structure fingerprint of a questionnaire (FNV-1a, folded to 16 bits).
pub fn questionnaire_version(q: &Questionnaire) -> u16 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    };
    eat(q.id);
    for d in q.dims {
        eat(d.id);
    }
    for i in q.items {
        eat(i.id);
        eat(i.dim);
        eat(if i.reverse { "r" } else { "" });
    }
    ((h >> 16) ^ (h & 0xffff)) as u16
}

fn known(qid: &str, version: u16) -> Result<&'static Questionnaire, ShareError> {
    let q = questionnaire(qid)
        .ok_or_else(|| ShareError::Invalid(format!("unknown questionnaire {qid}")))?;
    if questionnaire_version(q) != version {
        return Err(ShareError::Outdated);
    }
    Ok(q)
}

/// A questionnaire to take, with the trainer's target profile (may be empty).
#[derive(Clone, Debug, PartialEq)]
pub struct QuizPiece {
    pub questionnaire: String,
    pub version: u16,
    pub target: Profile,
}

impl QuizPiece {
    /// The questionnaire `qid` with the document's target profile for it.
    /// `None` for an unknown questionnaire.
    pub fn new(qid: &str, doc: Option<&AssessDoc>) -> Option<QuizPiece> {
        let q = questionnaire(qid)?;
        let target = doc
            .and_then(|d| d.targets.get(qid))
            .map(|p| clean_profile(q, p))
            .unwrap_or_default();
        Some(QuizPiece {
            questionnaire: q.id.into(),
            version: questionnaire_version(q),
            target,
        })
    }

    /// Set the target profile in the trainee's document (replacing their
    /// target for this questionnaire only when the piece has one).
    pub fn apply_to(&self, doc: &mut AssessDoc) {
        if !self.target.is_empty() {
            doc.targets
                .insert(self.questionnaire.clone(), self.target.clone());
        }
    }

    pub(super) fn write(&self, w: &mut Writer) {
        w.str(&self.questionnaire);
        w.uv(u64::from(self.version));
        let dims = questionnaire(&self.questionnaire)
            .map(|q| q.dims)
            .unwrap_or_default();
        let mut mask = 0u64;
        let mut values = Vec::new();
        for (i, d) in dims.iter().enumerate().take(64) {
            if let Some(v) = self.target.get(d.id) {
                mask |= 1 << i;
                values.push(*v);
            }
        }
        w.uv(mask);
        for v in values {
            w.num(v);
        }
    }

    pub(super) fn read(r: &mut Reader) -> Result<Result<QuizPiece, ShareError>, BinError> {
        let qid = r.str()?;
        let version = r.uv_as()?;
        let mask = r.uv()?;
        let mut values = Vec::new();
        for _ in 0..mask.count_ones() {
            values.push(r.num()?);
        }
        let q = match known(&qid, version) {
            Ok(q) => q,
            Err(e) => return Ok(Err(e)),
        };
        if mask >> q.dims.len().min(63) != 0 {
            return Err(BinError);
        }
        let dims = q
            .dims
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0);
        let target = dims
            .zip(values)
            .map(|((_, d), v)| (d.id.to_string(), v))
            .collect();
        Ok(Ok(QuizPiece {
            questionnaire: qid,
            version,
            target,
        }))
    }

    pub(super) fn check(&self) -> Result<(), ShareError> {
        if self
            .target
            .values()
            .any(|v| !v.is_finite() || !(0.0..=100.0).contains(v))
        {
            return Err(ShareError::Invalid("target out of range".into()));
        }
        Ok(())
    }
}

/// A trainee's result, handed in by QR code or link.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultPiece {
    pub questionnaire: String,
    pub version: u16,
    pub trainee: String,
    pub date: NaiveDate,
    /// Answers by statement id (statements unknown to the questionnaire are
    /// not carried).
    pub answers: Answers,
}

impl ResultPiece {
    /// The piece of a finished attempt. `None` for an unknown questionnaire.
    pub fn from_attempt(a: &Attempt, trainee: &str) -> Option<ResultPiece> {
        let q = questionnaire(&a.questionnaire)?;
        Some(ResultPiece {
            questionnaire: q.id.into(),
            version: questionnaire_version(q),
            trainee: trainee.trim().chars().take(MAX_NAME_CHARS).collect(),
            date: a.date,
            answers: a
                .answers
                .iter()
                .filter(|(k, _)| q.item_index(k).is_some())
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
        })
    }

    /// The entry for the trainer's class view; `file` says where it came
    /// from (e.g. "QR 2026-11-23 10:05"). Incomplete answers are refused, as
    /// for result files.
    pub fn class_entry(&self, file: &str) -> Result<ClassEntry, ShareError> {
        let q = known(&self.questionnaire, self.version)?;
        let missing = q
            .items
            .iter()
            .filter(|i| !self.answers.contains_key(i.id))
            .count();
        if missing > 0 {
            return Err(ShareError::Invalid(format!("{missing} unanswered")));
        }
        Ok(ClassEntry {
            file: file.chars().take(200).collect(),
            trainee: self.trainee.clone(),
            questionnaire: self.questionnaire.clone(),
            date: self.date,
            answers: self.answers.clone(),
        })
    }

    pub(super) fn write(&self, w: &mut Writer) {
        w.str(&self.questionnaire);
        w.uv(u64::from(self.version));
        w.str(&self.trainee);
        w.iv(day_number(self.date));
        let items = questionnaire(&self.questionnaire)
            .map(|q| q.items)
            .unwrap_or_default();
        w.uv(items.len() as u64);
        let (mut acc, mut n) = (0u32, 0u32);
        for it in items {
            let v = self.answers.get(it.id).copied().unwrap_or(0);
            let v = if (SCALE_MIN..=SCALE_MAX).contains(&v) {
                v
            } else {
                0
            };
            acc = (acc << 3) | u32::from(v);
            n += 3;
            while n >= 8 {
                n -= 8;
                w.u8((acc >> n) as u8);
            }
            acc &= (1 << n) - 1;
        }
        if n > 0 {
            w.u8((acc << (8 - n)) as u8);
        }
    }

    pub(super) fn read(r: &mut Reader) -> Result<Result<ResultPiece, ShareError>, BinError> {
        let qid = r.str()?;
        let version = r.uv_as()?;
        let trainee = r.str()?;
        let date = from_day_number(r.iv()?)?;
        let count: usize = r.uv_as()?;
        let mut values = Vec::with_capacity(count.min(4096));
        let (mut acc, mut n) = (0u32, 0u32);
        while values.len() < count {
            if n < 3 {
                acc = (acc << 8) | u32::from(r.u8()?);
                n += 8;
            }
            n -= 3;
            values.push(((acc >> n) & 7) as u8);
            acc &= (1 << n) - 1;
        }
        if acc != 0 || values.iter().any(|v| *v > SCALE_MAX) {
            return Err(BinError);
        }
        let q = match known(&qid, version) {
            Ok(q) => q,
            Err(e) => return Ok(Err(e)),
        };
        if count != q.items.len() {
            return Ok(Err(ShareError::Outdated));
        }
        let answers = q
            .items
            .iter()
            .zip(values)
            .filter(|(_, v)| *v != 0)
            .map(|(i, v)| (i.id.to_string(), v))
            .collect();
        Ok(Ok(ResultPiece {
            questionnaire: qid,
            version,
            trainee,
            date,
            answers,
        }))
    }

    pub(super) fn check(&self) -> Result<(), ShareError> {
        if self.trainee.chars().count() > MAX_NAME_CHARS {
            return Err(ShareError::Invalid("trainee name".into()));
        }
        Ok(())
    }
}

/// A trainee's name as compared for duplicates: trimmed, inner white space
/// collapsed, case folded ("  Zhang  Min" = "zhang min").
pub fn same_trainee(a: &str, b: &str) -> bool {
    let norm = |s: &str| crate::fold::lower(&s.split_whitespace().collect::<Vec<_>>().join(" "));
    norm(a) == norm(b)
}

/// What a received result is to the class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandIn {
    /// Not in the class yet.
    New,
    /// The same attempt is already there (same trainee, questionnaire, date
    /// and answers — a code scanned twice): skip it. The index of the entry.
    Duplicate(usize),
    /// The trainee already has another result for this questionnaire (a
    /// retake): the view may offer to replace entry `.0` or keep both.
    Retake(usize),
}

/// A received hand-in code (scanned or pasted): the class entry (`source`
/// says where it came from, e.g. "QR 10:05") and what it is to the class.
/// Another kind of code, a damaged one or an incomplete result is refused
/// with the reason; nothing is changed either way.
pub fn receive(
    class: &[ClassEntry],
    text: &str,
    source: &str,
) -> Result<(HandIn, ClassEntry), ShareError> {
    let r: ResultPiece = super::one::decode(text)?;
    let e = r.class_entry(source)?;
    Ok((classify(class, &e), e))
}

/// Classify a received entry against the class (pure; the trainer's view
/// decides what to do). A duplicate wins over a retake.
pub fn classify(class: &[ClassEntry], e: &ClassEntry) -> HandIn {
    let same_person =
        |o: &ClassEntry| o.questionnaire == e.questionnaire && same_trainee(&o.trainee, &e.trainee);
    if let Some(i) = class
        .iter()
        .position(|o| same_person(o) && o.date == e.date && o.answers == e.answers)
    {
        return HandIn::Duplicate(i);
    }
    // Unnamed results are never taken for someone's retake.
    if e.trainee.trim().is_empty() {
        return HandIn::New;
    }
    match class.iter().position(same_person) {
        Some(i) => HandIn::Retake(i),
        None => HandIn::New,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::storage::codec::DocData;
    use crate::tools::assess::data::QUESTIONNAIRES;
    use proptest::prelude::*;

    pub fn arb_result() -> impl Strategy<Value = ResultPiece> {
        (
            0..QUESTIONNAIRES.len(),
            "[a-zA-Z 张敏王伟]{0,12}",
            -30_000i64..60_000,
            proptest::collection::vec(0u8..=5, 64),
        )
            .prop_map(|(qi, trainee, day, vals)| {
                let q = &QUESTIONNAIRES[qi];
                ResultPiece {
                    questionnaire: q.id.into(),
                    version: questionnaire_version(q),
                    trainee,
                    date: from_day_number(day).unwrap(),
                    answers: q
                        .items
                        .iter()
                        .zip(vals)
                        .filter(|(_, v)| *v != 0)
                        .map(|(i, v)| (i.id.to_string(), v))
                        .collect(),
                }
            })
    }

    pub fn arb_quiz() -> impl Strategy<Value = QuizPiece> {
        (
            0..QUESTIONNAIRES.len(),
            proptest::collection::vec(proptest::option::of(0.0f64..=100.0), 8),
        )
            .prop_map(|(qi, t)| {
                let q = &QUESTIONNAIRES[qi];
                QuizPiece {
                    questionnaire: q.id.into(),
                    version: questionnaire_version(q),
                    target: q
                        .dims
                        .iter()
                        .zip(t)
                        .filter_map(|(d, v)| Some((d.id.to_string(), v?.round())))
                        .collect(),
                }
            })
    }

    #[test]
    fn fingerprints_differ_between_questionnaires() {
        let v: std::collections::BTreeSet<u16> =
            QUESTIONNAIRES.iter().map(questionnaire_version).collect();
        assert_eq!(v.len(), QUESTIONNAIRES.len());
    }

    #[test]
    fn a_demo_attempt_becomes_a_class_entry() {
        let doc = AssessDoc::demo(Lang::Zh);
        let a = &doc.attempts[0];
        let r = ResultPiece::from_attempt(a, " 张敏 ").unwrap();
        assert_eq!(r.trainee, "张敏");
        let e = r.class_entry("QR").unwrap();
        assert_eq!(e.answers, a.answers);
        assert_eq!(e.date, a.date);
        let mut partial = r.clone();
        partial.answers.pop_first();
        assert!(partial.class_entry("QR").is_err());
        let mut old = r.clone();
        old.version ^= 1;
        assert_eq!(old.class_entry("QR"), Err(ShareError::Outdated));
    }

    #[test]
    fn duplicates_and_retakes_are_told_apart() {
        let doc = AssessDoc::demo(Lang::Zh);
        let a = &doc.attempts[0];
        let e = ResultPiece::from_attempt(a, "张敏")
            .unwrap()
            .class_entry("QR")
            .unwrap();
        assert_eq!(classify(&[], &e), HandIn::New);
        let other = ClassEntry {
            trainee: "李四".into(),
            ..e.clone()
        };
        let class = vec![other.clone(), e.clone()];
        let again = ClassEntry {
            trainee: " 张敏".into(),
            file: "another scan".into(),
            ..e.clone()
        };
        assert_eq!(classify(&class, &again), HandIn::Duplicate(1));
        let mut retake = e.clone();
        retake.date = retake.date.succ_opt().unwrap();
        assert_eq!(classify(&class, &retake), HandIn::Retake(1));
        let mut other_q = e.clone();
        other_q.questionnaire = "kash".into();
        assert_eq!(classify(&class, &other_q), HandIn::New);
        let unnamed = ClassEntry {
            trainee: " ".into(),
            ..e.clone()
        };
        let mut other_unnamed = unnamed.clone();
        other_unnamed.date = other_unnamed.date.succ_opt().unwrap();
        let class = vec![unnamed.clone()];
        assert_eq!(classify(&class, &unnamed), HandIn::Duplicate(0));
        assert_eq!(classify(&class, &other_unnamed), HandIn::New);
        assert!(same_trainee("Zhang  Min ", "zhang min"));
        assert!(!same_trainee("Zhang Min", "Zhang Ming"));
    }

    /// The hand-in code of every questionnaire's full result (longest
    /// name allowed in practice: 8 Chinese characters): a 40-answer result
    /// fits a version-6 code. `--nocapture` prints the table.
    #[test]
    fn hand_in_codes_per_questionnaire() {
        use crate::share::{qr, Piece};
        for q in QUESTIONNAIRES {
            for name in ["", "张敏", "欧阳晓明同学八字"] {
                let a = Attempt {
                    id: 1,
                    questionnaire: q.id.into(),
                    date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                    answers: crate::tools::assess::score::uniform_answers(q, 4),
                };
                let p = ResultPiece::from_attempt(&a, name).unwrap();
                let text = Piece::Result(p.clone()).qr_text(None);
                let code = qr::qr_svg(&text).unwrap();
                println!(
                    "hand-in {:<10} {:>2} answers, name {:>2} chars: {:>3} chars, QR version {} ({:?})",
                    q.id,
                    q.items.len(),
                    name.chars().count(),
                    text.len(),
                    code.version,
                    code.ecc
                );
                if q.items.len() <= 40 {
                    assert!(code.version <= 6, "{}: version {}", q.id, code.version);
                }
                let (how, e) = receive(&[], &text, "QR").unwrap();
                assert_eq!(how, HandIn::New);
                assert_eq!(e.answers, p.answers);
                assert_eq!(e.trainee, name);
            }
        }
    }

    /// No built-in questionnaire has 40 statements (the longest has 24):
    /// the body of a 40-answer result, written as [`ResultPiece::write`]
    /// would, still fits a version-6 code.
    #[test]
    fn a_40_answer_result_fits_a_version_6_code() {
        use crate::share::{codec, qr, Alphabet, Kind};
        let mut w = Writer::new();
        w.str("excellent");
        w.uv(0xbeef);
        w.str("欧阳晓明");
        w.iv(day_number(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()));
        w.uv(40);
        let mut seed = 11u32;
        for _ in 0..15 {
            // 40 answers × 3 bits, random (worst case for deflate).
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            w.u8((seed >> 16) as u8);
        }
        let text = codec::seal(Kind::Result, 1, &w.into_bytes(), Alphabet::Base32);
        let code = qr::qr_svg(&text).unwrap();
        println!(
            "40-answer hand-in: {} chars, QR version {}",
            text.len(),
            code.version
        );
        assert!(code.version <= 6, "version {}", code.version);
    }

    #[test]
    fn foreign_damaged_and_other_codes_are_refused() {
        let doc = AssessDoc::demo(Lang::Zh);
        let p = ResultPiece::from_attempt(&doc.attempts[0], "张敏").unwrap();
        let text = crate::share::Piece::Result(p).qr_text(None);
        let mut damaged = text.clone().into_bytes();
        let i = damaged.len() - 5;
        damaged[i] = if damaged[i] == b'A' { b'B' } else { b'A' };
        let damaged = String::from_utf8(damaged).unwrap();
        assert_eq!(
            receive(&[], &damaged, "QR").err(),
            Some(ShareError::Damaged)
        );
        assert_eq!(
            receive(&[], "https://example.com/", "QR").err(),
            Some(ShareError::Foreign)
        );
        let quiz = crate::share::Piece::Quiz(QuizPiece::new("kash", None).unwrap());
        assert_eq!(
            receive(&[], &quiz.qr_text(None), "QR").err(),
            Some(ShareError::WrongKind(crate::share::Kind::Quiz))
        );
    }

    #[test]
    fn targets_go_to_the_trainees_document() {
        let mut trainer = AssessDoc::default();
        trainer.set_target("kash", "skills", Some(80.0));
        let q = QuizPiece::new("kash", Some(&trainer)).unwrap();
        assert_eq!(q.target.len(), 1);
        let mut mine = AssessDoc::default();
        q.apply_to(&mut mine);
        assert_eq!(mine.targets, trainer.targets);
        assert!(QuizPiece::new("nope", None).is_none());
        assert!(QuizPiece::new("disc", None).unwrap().target.is_empty());
    }
}
