//! The retention model of customer lifetime value.
//!
//! Margin per year `m`, retention rate `r`, discount rate `d`, horizon `N` years
//! or unlimited. Two conventions, both taught:
//! - [`Convention::EndOfYear`] (the default, as in the course formula): margins
//!   arrive at the end of each year the customer is still retained,
//!   CLV = Σ_{t=1..N} m·rᵗ/(1+d)ᵗ, which for N → ∞ is m·r/(1+d−r).
//! - [`Convention::FirstYearCounted`]: the first year's margin is counted at once,
//!   CLV = Σ_{t=0..N−1} m·rᵗ/(1+d)ᵗ, which for N → ∞ is m·(1+d)/(1+d−r).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Convention {
    #[default]
    EndOfYear,
    FirstYearCounted,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Horizon {
    Years(u32),
    #[default]
    Unlimited,
}

/// Why inputs cannot give a value. Each maps to a translated message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Retention must be in [0, 1].
    RetentionRange,
    /// Discount rate must be in (−1, 10].
    DiscountRange,
    /// Unlimited horizon needs r < 1 + d for the sum to converge.
    Diverges,
    /// A value is NaN/∞ or beyond 1e15.
    NotFinite,
    /// Horizon beyond 200 years.
    HorizonRange,
}

/// Largest magnitude accepted for money inputs.
pub const MAX_MONEY: f64 = 1e15;

/// Customer lifetime value under the retention model.
pub fn clv(
    margin: f64,
    retention: f64,
    discount: f64,
    horizon: Horizon,
    convention: Convention,
) -> Result<f64, InputError> {
    if !margin.is_finite()
        || margin.abs() > MAX_MONEY
        || !retention.is_finite()
        || !discount.is_finite()
    {
        return Err(InputError::NotFinite);
    }
    if !(0.0..=1.0).contains(&retention) {
        return Err(InputError::RetentionRange);
    }
    if discount <= -1.0 || discount > 10.0 {
        return Err(InputError::DiscountRange);
    }
    let q = retention / (1.0 + discount);
    let first = match convention {
        Convention::EndOfYear => q,
        Convention::FirstYearCounted => 1.0,
    };
    let value = match horizon {
        Horizon::Unlimited => {
            if q >= 1.0 {
                return Err(InputError::Diverges);
            }
            margin * first / (1.0 - q)
        }
        Horizon::Years(n) => {
            if n > 200 {
                return Err(InputError::HorizonRange);
            }
            // Σ_{k=0..n-1} q^k, computed stably also for q = 1.
            let mut sum = 0.0;
            let mut term = 1.0;
            for _ in 0..n {
                sum += term;
                term *= q;
            }
            margin * first * sum
        }
    };
    if value.is_finite() {
        Ok(value)
    } else {
        Err(InputError::NotFinite)
    }
}

impl InputError {
    /// Translation key of the message shown for this error.
    pub fn message_key(self) -> &'static str {
        match self {
            InputError::RetentionRange => "clv.err.retention",
            InputError::DiscountRange => "clv.err.discount_ret",
            InputError::Diverges => "clv.err.diverges",
            InputError::NotFinite => "clv.err.too_large",
            InputError::HorizonRange => "clv.err.horizon_ret",
        }
    }
}

/// Expected customer lifetime in years, 1/(1−r). `None` when r ≥ 1 or r is
/// outside [0, 1] (the customer never leaves, or the rate is impossible).
pub fn expected_lifetime(retention: f64) -> Option<f64> {
    if !(0.0..1.0).contains(&retention) {
        return None;
    }
    Some(1.0 / (1.0 - retention))
}

/// Share of the starting customers still there after t years, t = 0..=years:
/// rᵗ. Empty when r is outside [0, 1].
pub fn survival_curve(retention: f64, years: u32) -> Vec<f64> {
    if !(0.0..=1.0).contains(&retention) {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(years as usize + 1);
    let mut s = 1.0;
    for _ in 0..=years {
        out.push(s);
        s *= retention;
    }
    out
}

/// The retention rate at which CLV equals the acquisition cost (CLV rises
/// with retention, so it is found by bisection to 1e-9). `None` when even the
/// highest usable retention does not pay back the cost, or the inputs are bad.
/// `Some(0.0)` when the cost is paid back at any retention.
pub fn break_even_retention(
    margin: f64,
    discount: f64,
    acquisition_cost: f64,
    horizon: Horizon,
    convention: Convention,
) -> Option<f64> {
    if !acquisition_cost.is_finite() || margin <= 0.0 {
        return None;
    }
    let f = |r: f64| clv(margin, r, discount, horizon, convention).ok();
    if f(0.0)? >= acquisition_cost {
        return Some(0.0);
    }
    // Highest usable retention: 1, or just below 1 + d when unlimited.
    let mut hi = match horizon {
        Horizon::Unlimited => (1.0 + discount).min(1.0),
        Horizon::Years(_) => 1.0,
    };
    match f(hi) {
        Some(v) if v < acquisition_cost => return None,
        Some(_) => {}
        None => {
            // Diverges at hi: the value grows without bound below it.
            hi *= 1.0 - 1e-12;
            if f(hi).is_none_or(|v| v < acquisition_cost) {
                return None;
            }
        }
    }
    let mut lo = 0.0;
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        match f(mid) {
            Some(v) if v >= acquisition_cost => hi = mid,
            _ => lo = mid,
        }
        if hi - lo < 1e-12 {
            break;
        }
    }
    Some(hi)
}

/// Inputs of the retention model as the user enters them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RetentionInputs {
    pub margin: f64,
    pub retention: f64,
    pub discount: f64,
    pub acquisition_cost: f64,
    /// Finite horizon in years (used when `unlimited` is false).
    pub years: u32,
    pub unlimited: bool,
    pub convention: Convention,
}

impl Default for RetentionInputs {
    fn default() -> Self {
        RetentionInputs {
            margin: 1000.0,
            retention: 0.8,
            discount: 0.1,
            acquisition_cost: 1500.0,
            years: 10,
            unlimited: true,
            convention: Convention::EndOfYear,
        }
    }
}

/// Everything the retention view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct RetentionResult {
    pub clv: f64,
    /// CLV − acquisition cost.
    pub net: f64,
    /// CLV ÷ acquisition cost (`None` when the cost is 0).
    pub ratio: Option<f64>,
    pub lifetime: Option<f64>,
    pub break_even: Option<f64>,
}

impl RetentionInputs {
    pub fn horizon(&self) -> Horizon {
        if self.unlimited {
            Horizon::Unlimited
        } else {
            Horizon::Years(self.years)
        }
    }

    /// CLV of these inputs with another margin and retention.
    pub fn clv_with(&self, margin: f64, retention: f64) -> Result<f64, InputError> {
        clv(
            margin,
            retention,
            self.discount,
            self.horizon(),
            self.convention,
        )
    }

    pub fn evaluate(&self) -> Result<RetentionResult, InputError> {
        if !self.acquisition_cost.is_finite() || self.acquisition_cost.abs() > MAX_MONEY {
            return Err(InputError::NotFinite);
        }
        let value = self.clv_with(self.margin, self.retention)?;
        if value.abs() > MAX_MONEY {
            return Err(InputError::NotFinite);
        }
        let ac = self.acquisition_cost;
        Ok(RetentionResult {
            clv: value,
            net: value - ac,
            ratio: (ac > 0.0).then(|| value / ac).filter(|v| v.is_finite()),
            lifetime: expected_lifetime(self.retention),
            break_even: break_even_retention(
                self.margin,
                self.discount,
                ac,
                self.horizon(),
                self.convention,
            ),
        })
    }
}

impl Convention {
    /// Translation key of the convention's name.
    pub fn name_key(self) -> &'static str {
        match self {
            Convention::EndOfYear => "clv.ret.conv.end",
            Convention::FirstYearCounted => "clv.ret.conv.first",
        }
    }
}

/// The line under the CLV: the convention and the formula actually used —
/// the closed form for an unlimited horizon, the finite sum with its N
/// otherwise (the closed form would give another number).
pub fn formula_shown(lang: crate::i18n::Lang, inp: &RetentionInputs) -> String {
    use crate::i18n::{t, tf};
    let n = inp.years.to_string();
    let formula = match (inp.horizon(), inp.convention) {
        (Horizon::Unlimited, Convention::EndOfYear) => t(lang, "clv.ret.f.end_inf").to_string(),
        (Horizon::Unlimited, Convention::FirstYearCounted) => {
            t(lang, "clv.ret.f.first_inf").to_string()
        }
        (Horizon::Years(_), Convention::EndOfYear) => tf(lang, "clv.ret.f.end_n", &[("n", &n)]),
        (Horizon::Years(_), Convention::FirstYearCounted) => {
            tf(lang, "clv.ret.f.first_n", &[("n", &n)])
        }
    };
    tf(
        lang,
        "clv.ret.conv.shown",
        &[
            ("name", t(lang, inp.convention.name_key())),
            ("formula", &formula),
        ],
    )
}

/// A retention × margin sensitivity grid: `values[i][j]` is the CLV at
/// `retentions[i]` and `margins[j]` (`None` where the inputs are impossible).
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub retentions: Vec<f64>,
    pub margins: Vec<f64>,
    pub values: Vec<Vec<Option<f64>>>,
}

/// A grid around the inputs: retention ± 2·`r_step` (5 rows, clamped to
/// [0, 1]) and margin × (0.8, 0.9, 1, 1.1, 1.2).
pub fn sensitivity_grid(inp: &RetentionInputs, r_step: f64) -> Grid {
    let mut retentions: Vec<f64> = (-2..=2)
        .map(|k| ((inp.retention + k as f64 * r_step) * 1e6).round() / 1e6)
        .map(|r| r.clamp(0.0, 1.0))
        .collect();
    retentions.dedup();
    let margins: Vec<f64> = [0.8, 0.9, 1.0, 1.1, 1.2]
        .iter()
        .map(|f| inp.margin * f)
        .collect();
    let values = retentions
        .iter()
        .map(|&r| margins.iter().map(|&m| inp.clv_with(m, r).ok()).collect())
        .collect();
    Grid {
        retentions,
        margins,
        values,
    }
}

/// Which input a tornado bar varies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TornadoInput {
    Retention,
    Margin,
    Discount,
    AcquisitionCost,
}

impl TornadoInput {
    pub fn label_key(self) -> &'static str {
        match self {
            TornadoInput::Retention => "clv.ret.retention",
            TornadoInput::Margin => "clv.ret.margin",
            TornadoInput::Discount => "clv.ret.discount",
            TornadoInput::AcquisitionCost => "clv.ret.ac",
        }
    }
}

/// One bar of the tornado chart: the net value (CLV − AC) with the input at
/// −10% and at +10%, the other inputs unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    pub input: TornadoInput,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl TornadoBar {
    /// Width of the bar: |high − low| (0 when either end is impossible).
    pub fn swing(&self) -> f64 {
        match (self.low, self.high) {
            (Some(a), Some(b)) => (b - a).abs(),
            _ => 0.0,
        }
    }
}

/// The tornado: each input ±10%, bars sorted by swing (widest first).
/// Retention above 1 is clamped to 1.
pub fn tornado(inp: &RetentionInputs) -> Vec<TornadoBar> {
    let net = |i: &RetentionInputs| i.evaluate().ok().map(|r| r.net);
    let vary = |input: TornadoInput, f: f64| {
        let mut i = inp.clone();
        match input {
            TornadoInput::Retention => i.retention = (i.retention * f).min(1.0),
            TornadoInput::Margin => i.margin *= f,
            TornadoInput::Discount => i.discount *= f,
            TornadoInput::AcquisitionCost => i.acquisition_cost *= f,
        }
        net(&i)
    };
    let mut bars: Vec<TornadoBar> = [
        TornadoInput::Retention,
        TornadoInput::Margin,
        TornadoInput::Discount,
        TornadoInput::AcquisitionCost,
    ]
    .into_iter()
    .map(|input| TornadoBar {
        input,
        low: vary(input, 0.9),
        high: vary(input, 1.1),
    })
    .collect();
    crate::sort::by(&mut bars, |a, b| b.swing().total_cmp(&a.swing()));
    bars
}

/// The teaching comparison: CLV gained by one more point of retention
/// (r + 0.01) versus one more point of margin (m × 1.01).
pub fn one_point_gains(inp: &RetentionInputs) -> Option<(f64, f64)> {
    let base = inp.clv_with(inp.margin, inp.retention).ok()?;
    let r_gain = inp
        .clv_with(inp.margin, (inp.retention + 0.01).min(1.0))
        .ok()?
        - base;
    let m_gain = inp.clv_with(inp.margin * 1.01, inp.retention).ok()? - base;
    Some((r_gain, m_gain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_example_unlimited() {
        let v = clv(1000.0, 0.8, 0.1, Horizon::Unlimited, Convention::EndOfYear).unwrap();
        assert!((v - 2_666.666_666).abs() < 1e-3, "{v}");
        let v = clv(
            1000.0,
            0.8,
            0.1,
            Horizon::Unlimited,
            Convention::FirstYearCounted,
        )
        .unwrap();
        assert!((v - 3_666.666_666).abs() < 1e-3, "{v}");
    }

    #[test]
    fn finite_matches_hand_sum() {
        // 3 years, m=1000, r=0.8, d=0.1: 1000·(0.8/1.1 + 0.64/1.21 + 0.512/1.331)
        let want = 1000.0 * (0.8 / 1.1 + 0.64 / 1.21 + 0.512 / 1.331);
        let v = clv(1000.0, 0.8, 0.1, Horizon::Years(3), Convention::EndOfYear).unwrap();
        assert!((v - want).abs() < 1e-9);
        assert_eq!(
            clv(1000.0, 0.8, 0.1, Horizon::Years(0), Convention::EndOfYear),
            Ok(0.0)
        );
    }

    #[test]
    fn finite_approaches_unlimited() {
        let inf = clv(500.0, 0.9, 0.08, Horizon::Unlimited, Convention::EndOfYear).unwrap();
        let fin = clv(500.0, 0.9, 0.08, Horizon::Years(200), Convention::EndOfYear).unwrap();
        assert!((inf - fin).abs() < 1e-6 * inf);
    }

    #[test]
    fn bad_inputs() {
        let c = Convention::EndOfYear;
        assert_eq!(
            clv(1.0, 1.2, 0.1, Horizon::Unlimited, c),
            Err(InputError::RetentionRange)
        );
        assert_eq!(
            clv(1.0, 1.0, 0.0, Horizon::Unlimited, c),
            Err(InputError::Diverges)
        );
        assert!(clv(1.0, 1.0, 0.0, Horizon::Years(10), c).is_ok());
        assert_eq!(
            clv(f64::NAN, 0.5, 0.1, Horizon::Unlimited, c),
            Err(InputError::NotFinite)
        );
        assert_eq!(
            clv(1e300, 0.5, 0.1, Horizon::Unlimited, c),
            Err(InputError::NotFinite)
        );
        assert_eq!(
            clv(1.0, 0.5, -1.0, Horizon::Unlimited, c),
            Err(InputError::DiscountRange)
        );
        assert_eq!(
            clv(1.0, 0.5, 0.1, Horizon::Years(500), c),
            Err(InputError::HorizonRange)
        );
    }

    proptest::proptest! {
        #[test]
        fn rises_with_retention_and_margin_falls_with_discount(
            m in 1.0f64..1e6, r in 0.0f64..0.95, d in 0.0f64..0.5, dr in 0.001f64..0.04, n in 1u32..60
        ) {
            for h in [Horizon::Unlimited, Horizon::Years(n)] {
                let base = clv(m, r, d, h, Convention::EndOfYear).unwrap();
                proptest::prop_assert!(clv(m, r + dr, d, h, Convention::EndOfYear).unwrap() >= base);
                proptest::prop_assert!(clv(m * 1.1, r, d, h, Convention::EndOfYear).unwrap() >= base);
                proptest::prop_assert!(clv(m, r, d + dr, h, Convention::EndOfYear).unwrap() <= base);
            }
        }
    }
    #[test]
    fn lifetime_and_survival() {
        assert!((expected_lifetime(0.8).unwrap() - 5.0).abs() < 1e-12);
        assert_eq!(expected_lifetime(0.0), Some(1.0));
        assert_eq!(expected_lifetime(1.0), None);
        assert_eq!(expected_lifetime(-0.1), None);
        let s = survival_curve(0.5, 3);
        assert_eq!(s, vec![1.0, 0.5, 0.25, 0.125]);
        assert!(survival_curve(1.5, 3).is_empty());
    }

    #[test]
    fn break_even_matches_closed_form() {
        // Unlimited, end of year: m·r/(1+d−r) = AC ⇒ r = AC(1+d)/(m+AC).
        let (m, d, ac) = (1000.0, 0.1, 1500.0);
        let want = ac * (1.0 + d) / (m + ac); // 0.66
        let got =
            break_even_retention(m, d, ac, Horizon::Unlimited, Convention::EndOfYear).unwrap();
        assert!((got - want).abs() < 1e-8, "{got} vs {want}");
        let v = clv(m, got, d, Horizon::Unlimited, Convention::EndOfYear).unwrap();
        assert!((v - ac).abs() < 1e-4);
        // First year counted, cost below the first margin: any retention pays.
        assert_eq!(
            break_even_retention(
                m,
                d,
                500.0,
                Horizon::Unlimited,
                Convention::FirstYearCounted
            ),
            Some(0.0)
        );
        // Finite horizon too short to pay back 5000 with 1000 a year over 3 years.
        assert_eq!(
            break_even_retention(m, d, 5000.0, Horizon::Years(3), Convention::EndOfYear),
            None
        );
        // Finite: check the found rate gives CLV = AC.
        let r =
            break_even_retention(m, d, 2000.0, Horizon::Years(10), Convention::EndOfYear).unwrap();
        let v = clv(m, r, d, Horizon::Years(10), Convention::EndOfYear).unwrap();
        assert!((v - 2000.0).abs() < 1e-4);
        assert_eq!(
            break_even_retention(0.0, d, 10.0, Horizon::Unlimited, Convention::EndOfYear),
            None
        );
    }

    #[test]
    fn evaluate_course_example() {
        let inp = RetentionInputs::default();
        let r = inp.evaluate().unwrap();
        assert!((r.clv - 2_666.666_667).abs() < 1e-3);
        assert!((r.net - 1_166.666_667).abs() < 1e-3);
        assert!((r.ratio.unwrap() - 1.777_778).abs() < 1e-5);
        assert!((r.lifetime.unwrap() - 5.0).abs() < 1e-9);
        assert!((r.break_even.unwrap() - 0.66).abs() < 1e-8);
        let zero_ac = RetentionInputs {
            acquisition_cost: 0.0,
            ..inp.clone()
        };
        assert_eq!(zero_ac.evaluate().unwrap().ratio, None);
        let huge = RetentionInputs {
            margin: 1e15,
            retention: 0.999,
            discount: 0.0,
            ..inp.clone()
        };
        assert_eq!(huge.evaluate(), Err(InputError::NotFinite));
        let bad = RetentionInputs {
            retention: 1.0,
            discount: 0.0,
            ..inp
        };
        assert_eq!(bad.evaluate(), Err(InputError::Diverges));
    }

    #[test]
    fn the_formula_shown_is_the_one_used() {
        use crate::i18n::Lang;
        let unlimited = RetentionInputs::default();
        let s = formula_shown(Lang::En, &unlimited);
        assert!(
            s.contains("End of year") && s.contains("CLV = m·r/(1+d−r)"),
            "{s}"
        );
        // Finite horizon: ¥2,124.10 comes from the finite sum with N, not from
        // the unlimited formula (which gives 2,666.67).
        let finite = RetentionInputs {
            unlimited: false,
            years: 5,
            ..unlimited.clone()
        };
        let v = finite.evaluate().unwrap().clv;
        assert!((v - 2_124.10).abs() < 0.01, "{v}");
        let s = formula_shown(Lang::En, &finite);
        assert!(!s.contains("m·r/(1+d−r)"), "{s}");
        assert!(s.contains("Σ") && s.contains("N = 5"), "{s}");
        let zh = formula_shown(
            Lang::Zh,
            &RetentionInputs {
                convention: Convention::FirstYearCounted,
                ..finite
            },
        );
        assert!(
            zh.contains("首年") && zh.contains("t=0") && zh.contains("N = 5"),
            "{zh}"
        );
        let first_inf = formula_shown(
            Lang::Zh,
            &RetentionInputs {
                convention: Convention::FirstYearCounted,
                ..unlimited
            },
        );
        assert!(first_inf.contains("m·(1+d)/(1+d−r)"), "{first_inf}");
    }

    #[test]
    fn grid_and_tornado() {
        let inp = RetentionInputs::default();
        let g = sensitivity_grid(&inp, 0.05);
        assert_eq!(g.retentions, vec![0.7, 0.75, 0.8, 0.85, 0.9]);
        assert_eq!(g.margins.len(), 5);
        let centre = g.values[2][2].unwrap();
        assert!((centre - 2_666.666_667).abs() < 1e-3);
        // Near r = 1 with d = 0.1 still converges; clamped at 1.
        let hi = sensitivity_grid(
            &RetentionInputs {
                retention: 0.98,
                ..inp.clone()
            },
            0.05,
        );
        assert!(hi.retentions.iter().all(|r| *r <= 1.0));
        let t = tornado(&inp);
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].input, TornadoInput::Retention, "{t:?}");
        assert!(t.windows(2).all(|w| w[0].swing() >= w[1].swing()));
        let (rg, mg) = one_point_gains(&inp).unwrap();
        // r 0.8→0.81: 810/0.29 − 2666.67 = 126.4; m +1%: 26.67.
        assert!((rg - (810.0 / 0.29 - 8000.0 / 3.0)).abs() < 1e-6);
        assert!((mg - 26.666_667).abs() < 1e-5);
        assert!(rg > mg);
    }

    proptest::proptest! {
        #[test]
        fn break_even_gives_cost(m in 10.0f64..1e5, d in 0.0f64..0.3, ac in 1.0f64..1e5, n in 1u32..50) {
            for h in [Horizon::Unlimited, Horizon::Years(n)] {
                if let Some(r) = break_even_retention(m, d, ac, h, Convention::EndOfYear) {
                    let v = clv(m, r, d, h, Convention::EndOfYear).unwrap();
                    proptest::prop_assert!(v >= ac * (1.0 - 1e-6));
                    if r > 0.0 {
                        proptest::prop_assert!((v - ac).abs() <= 1e-5 * ac.max(1.0));
                    }
                }
            }
        }
    }
}
