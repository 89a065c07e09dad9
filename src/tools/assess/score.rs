//! Scoring and interpretation of answers, DISC styles and class aggregation.
//! Pure functions, tested natively.

use super::model::{Band, Dimension, Kind, Questionnaire, SCALE_MAX, SCALE_MIN};
use std::collections::BTreeMap;

/// Answers by item id (1–5).
pub type Answers = BTreeMap<String, u8>;

/// A target profile: dimension id → target score 0–100.
pub type Profile = BTreeMap<String, f64>;

/// The value of one answer after reverse scoring, or `None` when the answer
/// is missing or outside the scale.
pub fn item_value(reverse: bool, raw: Option<u8>) -> Option<f64> {
    let v = raw.filter(|v| (SCALE_MIN..=SCALE_MAX).contains(v))?;
    let v = if reverse {
        SCALE_MIN + SCALE_MAX - v
    } else {
        v
    };
    Some(f64::from(v))
}

/// Map a mean answer on the 1–5 scale to 0–100.
pub fn normalise(mean: f64) -> f64 {
    let span = f64::from(SCALE_MAX - SCALE_MIN);
    ((mean - f64::from(SCALE_MIN)) / span * 100.0).clamp(0.0, 100.0)
}

/// The score of one dimension.
#[derive(Clone, Debug, PartialEq)]
pub struct DimScore {
    pub dim: &'static Dimension,
    /// 0–100; `None` when none of its statements was answered.
    pub score: Option<f64>,
    pub answered: usize,
    pub total: usize,
}

impl DimScore {
    pub fn band(&self) -> Option<Band> {
        self.score.map(Band::of)
    }
}

/// The outcome of scoring a set of answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub dims: Vec<DimScore>,
    /// Indices (0-based, in questionnaire order) of unanswered statements.
    pub missing: Vec<usize>,
}

impl Outcome {
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// Scores in dimension order (unscored dimensions as `None`).
    pub fn scores(&self) -> Vec<Option<f64>> {
        self.dims.iter().map(|d| d.score).collect()
    }

    /// Mean of the scored dimensions.
    pub fn overall(&self) -> Option<f64> {
        mean(&self.dims.iter().filter_map(|d| d.score).collect::<Vec<_>>())
    }

    /// Dimensions sorted from highest to lowest score (ties keep questionnaire order).
    pub fn ranked(&self) -> Vec<&DimScore> {
        let mut v: Vec<&DimScore> = self.dims.iter().filter(|d| d.score.is_some()).collect();
        crate::sort::by(&mut v, |a, b| {
            b.score
                .unwrap_or(0.0)
                .partial_cmp(&a.score.unwrap_or(0.0))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        v
    }

    pub fn strongest(&self) -> Option<&DimScore> {
        self.ranked().first().copied()
    }

    pub fn weakest(&self) -> Option<&DimScore> {
        let r = self.ranked();
        // With one scored dimension there is no "weakest" distinct from the strongest.
        if r.len() < 2 {
            return None;
        }
        // The last of the lowest scores; prefer the first in questionnaire order on ties.
        let low = r.last()?.score?;
        r.into_iter().find(|d| d.score == Some(low))
    }
}

/// Score answers against a questionnaire. Unknown item ids and values outside
/// the scale are ignored; a missing answer is reported, never counted as zero.
pub fn score(q: &'static Questionnaire, answers: &Answers) -> Outcome {
    let mut missing = Vec::new();
    let mut sums: Vec<(f64, usize, usize)> = vec![(0.0, 0, 0); q.dims.len()];
    for (idx, item) in q.items.iter().enumerate() {
        let Some(di) = q.dims.iter().position(|d| d.id == item.dim) else {
            continue;
        };
        sums[di].2 += 1;
        match item_value(item.reverse, answers.get(item.id).copied()) {
            Some(v) => {
                sums[di].0 += v;
                sums[di].1 += 1;
            }
            None => missing.push(idx),
        }
    }
    let dims = q
        .dims
        .iter()
        .zip(sums)
        .map(|(dim, (sum, answered, total))| DimScore {
            dim,
            score: (answered > 0).then(|| normalise(sum / answered as f64)),
            answered,
            total,
        })
        .collect();
    Outcome { dims, missing }
}

/// The first unanswered statement (0-based), if any.
pub fn first_missing(q: &Questionnaire, answers: &Answers) -> Option<usize> {
    q.items
        .iter()
        .position(|i| item_value(false, answers.get(i.id).copied()).is_none())
}

/// How many statements have a valid answer.
pub fn answered_count(q: &Questionnaire, answers: &Answers) -> usize {
    q.items
        .iter()
        .filter(|i| item_value(false, answers.get(i.id).copied()).is_some())
        .count()
}

/// Primary and secondary DISC styles (highest and second-highest scores).
/// A secondary style is only named when it differs from the primary and
/// scores at least 40 (a "clear" tendency).
pub fn disc_styles(outcome: &Outcome) -> Option<(&'static Dimension, Option<&'static Dimension>)> {
    let r = outcome.ranked();
    let primary = r.first()?;
    let secondary = r
        .get(1)
        .filter(|d| d.score.unwrap_or(0.0) >= super::model::BAND_MID_FROM)
        .map(|d| d.dim);
    Some((primary.dim, secondary))
}

/// Whether the result view shows DISC styles.
pub fn is_disc(q: &Questionnaire) -> bool {
    q.kind == Kind::Disc
}

/// The advice for a dimension at a score.
pub fn advice(dim: &Dimension, score: f64) -> super::model::Bi {
    dim.advice[Band::of(score).index()]
}

/// Translation key of the overall interpretation.
pub fn overall_key(overall: f64) -> &'static str {
    match Band::of(overall) {
        Band::Low => "assess.overall.low",
        Band::Mid => "assess.overall.mid",
        Band::High => "assess.overall.high",
    }
}

pub fn mean(v: &[f64]) -> Option<f64> {
    let v: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

// ---------------------------------------------------------------------------
// Class aggregation

/// Spread of one dimension across a class.
#[derive(Clone, Debug, PartialEq)]
pub struct DimStats {
    pub dim: &'static Dimension,
    /// How many results scored this dimension.
    pub n: usize,
    pub mean: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Population standard deviation.
    pub std_dev: Option<f64>,
}

/// Average, min, max and standard deviation per dimension over many answer sets.
pub fn aggregate(q: &'static Questionnaire, results: &[&Answers]) -> Vec<DimStats> {
    let outcomes: Vec<Outcome> = results.iter().map(|a| score(q, a)).collect();
    q.dims
        .iter()
        .enumerate()
        .map(|(i, dim)| {
            let vals: Vec<f64> = outcomes.iter().filter_map(|o| o.dims[i].score).collect();
            stats(dim, &vals)
        })
        .collect()
}

fn stats(dim: &'static Dimension, vals: &[f64]) -> DimStats {
    let m = mean(vals);
    let std_dev =
        m.map(|m| (vals.iter().map(|v| (v - m).powi(2)).sum::<f64>() / vals.len() as f64).sqrt());
    DimStats {
        dim,
        n: vals.len(),
        mean: m,
        min: vals.iter().copied().reduce(f64::min),
        max: vals.iter().copied().reduce(f64::max),
        std_dev,
    }
}

/// Clean a target profile: only known dimensions, values clamped to 0–100.
pub fn clean_profile(q: &Questionnaire, p: &Profile) -> Profile {
    p.iter()
        .filter(|(k, v)| q.dim(k).is_some() && v.is_finite())
        .map(|(k, v)| (k.clone(), v.clamp(0.0, 100.0)))
        .collect()
}

/// A whole answer set where every item gets `value` (test and demo helper).
pub fn uniform_answers(q: &Questionnaire, value: u8) -> Answers {
    q.items.iter().map(|i| (i.id.to_string(), value)).collect()
}

/// A 0–100 score as it is shown: a whole number, rounded half away from zero
/// (56.5 → 57; `format!("{:.0}")` would round half to even). `None` for no
/// score or a non-finite one.
pub fn shown_score(v: Option<f64>) -> Option<i64> {
    v.filter(|v| v.is_finite()).map(|v| v.round() as i64)
}

/// The change between two scores, computed from the shown (rounded) values,
/// so 56 → 69 reads "+13" even when the exact scores differ by 12.5.
pub fn shown_delta(a: Option<f64>, b: Option<f64>) -> Option<i64> {
    Some(shown_score(b)? - shown_score(a)?)
}

/// A change with its sign: "+13", "-2", "0"; "—" when there is none.
pub fn fmt_delta(d: Option<i64>) -> String {
    match d {
        Some(d) if d > 0 => format!("+{d}"),
        Some(d) => d.to_string(),
        None => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::data::{questionnaire, QUESTIONNAIRES};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_history_delta_is_the_difference_of_the_shown_scores() {
        // 56.25 shows as 56 and 68.75 as 69: the change shown is +13, not the
        // "+12" that rounding 12.5 half to even gave.
        assert_eq!(shown_score(Some(56.25)), Some(56));
        assert_eq!(shown_score(Some(68.75)), Some(69));
        assert_eq!(fmt_delta(shown_delta(Some(56.25), Some(68.75))), "+13");
        assert_eq!(shown_score(Some(56.5)), Some(57));
        assert_eq!(fmt_delta(shown_delta(Some(70.0), Some(68.4))), "-2");
        assert_eq!(fmt_delta(shown_delta(Some(50.0), Some(50.4))), "0");
        assert_eq!(fmt_delta(shown_delta(None, Some(50.0))), "—");
        assert_eq!(shown_score(Some(f64::NAN)), None);
    }

    fn q(id: &str) -> &'static Questionnaire {
        questionnaire(id).unwrap()
    }

    /// Answers giving every *scored* value `v` (reverse items answered 6 − v).
    fn scored_as(q: &Questionnaire, v: u8) -> Answers {
        q.items
            .iter()
            .map(|i| (i.id.to_string(), if i.reverse { 6 - v } else { v }))
            .collect()
    }

    #[test]
    fn item_value_and_reverse() {
        assert_eq!(item_value(false, Some(4)), Some(4.0));
        assert_eq!(item_value(true, Some(4)), Some(2.0));
        assert_eq!(item_value(true, Some(1)), Some(5.0));
        assert_eq!(item_value(false, None), None);
        assert_eq!(item_value(false, Some(0)), None);
        assert_eq!(item_value(false, Some(6)), None);
    }

    #[test]
    fn normalisation_bounds() {
        assert_eq!(normalise(1.0), 0.0);
        assert_eq!(normalise(3.0), 50.0);
        assert_eq!(normalise(5.0), 100.0);
        assert_eq!(normalise(9.0), 100.0);
    }

    #[test]
    fn all_top_answers_score_100_only_when_reverse_items_are_low() {
        let q = q("excellent");
        let o = score(q, &scored_as(q, 5));
        assert!(o.complete());
        assert!(o.dims.iter().all(|d| d.score == Some(100.0)));
        // Answering 5 everywhere (agreeing with the reverse items too) is not 100.
        let o = score(q, &uniform_answers(q, 5));
        let insight = &o.dims[0];
        // 3 normal items at 5 and 1 reverse at 1 → mean 4 → 75.
        assert_eq!(insight.score, Some(75.0));
    }

    #[test]
    fn missing_answers_are_reported_not_zero() {
        let q = q("excellent");
        let mut a = scored_as(q, 5);
        a.remove("x01"); // insight, index 0
        a.remove("x08"); // communication, index 7
        let o = score(q, &a);
        assert_eq!(o.missing, vec![0, 7]);
        assert!(!o.complete());
        // Remaining insight answers are all top: the missing one does not pull it down.
        assert_eq!(o.dims[0].score, Some(100.0));
        assert_eq!(o.dims[0].answered, 3);
        assert_eq!(o.dims[0].total, 4);
        assert_eq!(first_missing(q, &a), Some(0));
        assert_eq!(answered_count(q, &a), q.items.len() - 2);
    }

    #[test]
    fn out_of_range_and_unknown_answers_are_ignored() {
        let q = q("kash");
        let mut a = scored_as(q, 3);
        a.insert("k01".into(), 9);
        a.insert("zzz".into(), 5);
        let o = score(q, &a);
        assert_eq!(o.missing, vec![0]);
        assert_eq!(o.dims[0].score, Some(50.0));
    }

    #[test]
    fn empty_answers_give_no_scores() {
        let q = q("ideal");
        let o = score(q, &Answers::new());
        assert_eq!(o.missing.len(), q.items.len());
        assert!(o.dims.iter().all(|d| d.score.is_none()));
        assert_eq!(o.overall(), None);
        assert!(o.strongest().is_none());
        assert!(o.weakest().is_none());
    }

    #[test]
    fn strongest_and_weakest() {
        let q = q("kash");
        let mut a = scored_as(q, 3);
        // Skills (k03, k07, k11) high, habits (k04, k08, k12 reverse) low.
        for id in ["k03", "k07", "k11"] {
            a.insert(id.into(), 5);
        }
        a.insert("k04".into(), 1);
        a.insert("k08".into(), 1);
        a.insert("k12".into(), 5);
        let o = score(q, &a);
        assert_eq!(o.strongest().unwrap().dim.id, "skills");
        assert_eq!(o.weakest().unwrap().dim.id, "habits");
        assert_eq!(o.dims[3].score, Some(0.0));
        assert_eq!(advice(o.dims[3].dim, 0.0), o.dims[3].dim.advice[0]);
        assert_eq!(overall_key(o.overall().unwrap()), "assess.overall.mid");
    }

    #[test]
    fn disc_primary_and_secondary() {
        let q = q("disc");
        let mut a = scored_as(q, 2);
        for id in ["d02", "d06", "d10"] {
            a.insert(id.into(), 5); // I
        }
        for id in ["d04", "d08"] {
            a.insert(id.into(), 4); // C partly
        }
        let o = score(q, &a);
        let (p, s) = disc_styles(&o).unwrap();
        assert_eq!(p.id, "i");
        assert_eq!(s.unwrap().id, "c");
        assert!(is_disc(q));
        // Flat low profile: no clear secondary.
        let o = score(q, &scored_as(q, 1));
        let (p, s) = disc_styles(&o).unwrap();
        assert_eq!(p.id, "d");
        assert!(s.is_none());
    }

    #[test]
    fn class_aggregation() {
        let q = q("kash");
        let a = scored_as(q, 1); // 0
        let b = scored_as(q, 3); // 50
        let c = scored_as(q, 5); // 100
        let st = aggregate(q, &[&a, &b, &c]);
        assert_eq!(st.len(), 4);
        for s in &st {
            assert_eq!(s.n, 3);
            assert_eq!(s.mean, Some(50.0));
            assert_eq!(s.min, Some(0.0));
            assert_eq!(s.max, Some(100.0));
            let sd = s.std_dev.unwrap();
            assert!((sd - (5000.0f64 / 3.0).sqrt()).abs() < 1e-9);
        }
        let empty = aggregate(q, &[]);
        assert!(empty
            .iter()
            .all(|s| s.n == 0 && s.mean.is_none() && s.std_dev.is_none()));
    }

    #[test]
    fn profile_cleaning() {
        let q = q("kash");
        let mut p = Profile::new();
        p.insert("knowledge".into(), 120.0);
        p.insert("bogus".into(), 50.0);
        p.insert("skills".into(), f64::NAN);
        let c = clean_profile(q, &p);
        assert_eq!(c.len(), 1);
        assert_eq!(c["knowledge"], 100.0);
    }

    proptest! {
        #[test]
        fn scores_always_within_0_100(qi in 0usize..4, vals in proptest::collection::vec(proptest::option::of(0u8..8), 40)) {
            let q = &QUESTIONNAIRES[qi];
            let mut a = Answers::new();
            for (item, v) in q.items.iter().zip(vals.iter()) {
                if let Some(v) = v { a.insert(item.id.to_string(), *v); }
            }
            let o = score(q, &a);
            for d in &o.dims {
                if let Some(s) = d.score { prop_assert!((0.0..=100.0).contains(&s)); }
                prop_assert!(d.answered <= d.total);
            }
            let answered: usize = o.dims.iter().map(|d| d.answered).sum();
            prop_assert_eq!(answered + o.missing.len(), q.items.len());
            prop_assert_eq!(answered, answered_count(q, &a));
        }

        #[test]
        fn aggregate_mean_between_min_and_max(qi in 0usize..4, seeds in proptest::collection::vec(1u8..=5, 1..8)) {
            let q = &QUESTIONNAIRES[qi];
            let sets: Vec<Answers> = seeds.iter().enumerate().map(|(k, s)| {
                q.items.iter().enumerate().map(|(j, i)| (i.id.to_string(), ((*s as usize + j + k) % 5 + 1) as u8)).collect()
            }).collect();
            let refs: Vec<&Answers> = sets.iter().collect();
            for s in aggregate(q, &refs) {
                let (m, lo, hi, sd) = (s.mean.unwrap(), s.min.unwrap(), s.max.unwrap(), s.std_dev.unwrap());
                prop_assert!(lo - 1e-9 <= m && m <= hi + 1e-9);
                prop_assert!(sd >= 0.0 && sd <= (hi - lo) + 1e-9);
            }
        }
    }
}
