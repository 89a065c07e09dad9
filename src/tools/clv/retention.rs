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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Horizon {
    Years(u32),
    Unlimited,
}

impl Default for Horizon {
    fn default() -> Self {
        Horizon::Unlimited
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_example_unlimited() {
        let v = clv(1000.0, 0.8, 0.1, Horizon::Unlimited, Convention::EndOfYear).unwrap();
        assert!((v - 2666.666_666).abs() < 1e-3, "{v}");
        let v = clv(
            1000.0,
            0.8,
            0.1,
            Horizon::Unlimited,
            Convention::FirstYearCounted,
        )
        .unwrap();
        assert!((v - 3666.666_666).abs() < 1e-3, "{v}");
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
}
