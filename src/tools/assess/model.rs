//! The shape of a questionnaire: dimensions, statements, interpretation
//! bands. Pure data types (no web APIs); the questionnaires themselves live
//! in `data.rs`.

pub use crate::i18n::Bi;

/// Lowest and highest answer on every scale.
pub const SCALE_MIN: u8 = 1;
pub const SCALE_MAX: u8 = 5;

/// What kind of questionnaire (decides the answer labels and the result view).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Agree / disagree statements about oneself.
    Competency,
    /// DISC: the result names a primary and a secondary style.
    Disc,
    /// "How often is this true of me?" (the client's ideal-RM checklist).
    Checklist,
}

/// One dimension (competency, KASH part, DISC style, trait).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dimension {
    pub id: &'static str,
    pub name: Bi,
    /// Concrete advice for a low, middle and high score.
    pub advice: [Bi; 3],
    /// DISC only: how to talk to a client of this style.
    pub talk: Option<Bi>,
}

/// One statement rated 1–5.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    pub id: &'static str,
    pub dim: &'static str,
    pub text: Bi,
    /// Agreeing shows the opposite of the dimension: scored 6 − answer.
    pub reverse: bool,
}

/// A whole questionnaire.
#[derive(Clone, Copy, Debug)]
pub struct Questionnaire {
    pub id: &'static str,
    pub kind: Kind,
    pub title: Bi,
    pub intro: Bi,
    pub dims: &'static [Dimension],
    pub items: &'static [Item],
}

impl Questionnaire {
    pub fn dim(&self, id: &str) -> Option<&'static Dimension> {
        self.dims.iter().find(|d| d.id == id)
    }

    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    /// The translation-key prefix of this questionnaire's answer labels.
    pub fn scale_key(&self, value: u8) -> &'static str {
        let agree = [
            "assess.scale.agree.1",
            "assess.scale.agree.2",
            "assess.scale.agree.3",
            "assess.scale.agree.4",
            "assess.scale.agree.5",
        ];
        let freq = [
            "assess.scale.freq.1",
            "assess.scale.freq.2",
            "assess.scale.freq.3",
            "assess.scale.freq.4",
            "assess.scale.freq.5",
        ];
        let i = (value.clamp(SCALE_MIN, SCALE_MAX) - SCALE_MIN) as usize;
        match self.kind {
            Kind::Checklist => freq[i],
            _ => agree[i],
        }
    }
}

/// Interpretation band of a 0–100 score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Low,
    Mid,
    High,
}

/// Scores below this are "to develop".
pub const BAND_MID_FROM: f64 = 40.0;
/// Scores from this up are "a strength".
pub const BAND_HIGH_FROM: f64 = 70.0;

impl Band {
    pub fn of(score: f64) -> Band {
        if score.is_nan() || score < BAND_MID_FROM {
            Band::Low
        } else if score < BAND_HIGH_FROM {
            Band::Mid
        } else {
            Band::High
        }
    }

    pub fn index(self) -> usize {
        match self {
            Band::Low => 0,
            Band::Mid => 1,
            Band::High => 2,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Band::Low => "assess.band.low",
            Band::Mid => "assess.band.mid",
            Band::High => "assess.band.high",
        }
    }

    /// CSS modifier.
    pub fn class(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Mid => "mid",
            Band::High => "high",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_boundaries() {
        assert_eq!(Band::of(0.0), Band::Low);
        assert_eq!(Band::of(39.9), Band::Low);
        assert_eq!(Band::of(40.0), Band::Mid);
        assert_eq!(Band::of(69.9), Band::Mid);
        assert_eq!(Band::of(70.0), Band::High);
        assert_eq!(Band::of(100.0), Band::High);
        assert_eq!(Band::of(f64::NAN), Band::Low);
        assert_eq!(Band::High.index(), 2);
    }

    #[test]
    fn bilingual_text() {
        let b = Bi::new("中", "en");
        assert_eq!(b.get(crate::i18n::Lang::Zh), "中");
        assert_eq!(b.get(crate::i18n::Lang::En), "en");
    }
}
