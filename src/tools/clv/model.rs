//! The six-component CLV of the course: CLV = CLV1 + … + CLV6.
//!
//! - CLV1 initial purchase: the margin of the first purchase, counted at once
//!   (year 0, not discounted).
//! - CLV2 repeat purchase: purchases per year × margin per purchase.
//! - CLV3 cross-selling: extra products held × margin per product per year.
//! - CLV4 reduced cost to serve: saving per year (a known customer costs less).
//! - CLV5 referrals: referred customers per year × value of each.
//! - CLV6 loyalty: price premium / extra share of wallet, per year.
//!
//! Components 2–6 arrive at the end of each year 1..=N and are discounted by
//! (1+d)ᵗ. Each component can be switched off.

use serde::{Deserialize, Serialize};

/// The six components, in the course's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Component {
    Initial,
    Repeat,
    Cross,
    CostToServe,
    Referral,
    Loyalty,
}

impl Component {
    pub const ALL: [Component; 6] = [
        Component::Initial,
        Component::Repeat,
        Component::Cross,
        Component::CostToServe,
        Component::Referral,
        Component::Loyalty,
    ];

    pub fn index(self) -> usize {
        match self {
            Component::Initial => 0,
            Component::Repeat => 1,
            Component::Cross => 2,
            Component::CostToServe => 3,
            Component::Referral => 4,
            Component::Loyalty => 5,
        }
    }

    /// Translation key of the component's name ("CLV1 初次购买").
    pub fn name_key(self) -> &'static str {
        match self {
            Component::Initial => "clv.c1.name",
            Component::Repeat => "clv.c2.name",
            Component::Cross => "clv.c3.name",
            Component::CostToServe => "clv.c4.name",
            Component::Referral => "clv.c5.name",
            Component::Loyalty => "clv.c6.name",
        }
    }

    /// Translation key of the short label used in charts ("CLV1").
    pub fn short_key(self) -> &'static str {
        match self {
            Component::Initial => "clv.c1.short",
            Component::Repeat => "clv.c2.short",
            Component::Cross => "clv.c3.short",
            Component::CostToServe => "clv.c4.short",
            Component::Referral => "clv.c5.short",
            Component::Loyalty => "clv.c6.short",
        }
    }

    /// Translation key of the one-paragraph explanation.
    pub fn help_key(self) -> &'static str {
        match self {
            Component::Initial => "clv.c1.help",
            Component::Repeat => "clv.c2.help",
            Component::Cross => "clv.c3.help",
            Component::CostToServe => "clv.c4.help",
            Component::Referral => "clv.c5.help",
            Component::Loyalty => "clv.c6.help",
        }
    }

    /// Chart colour (CSS colour, fixed so both languages match).
    pub fn color(self) -> &'static str {
        match self {
            Component::Initial => "#2f6fb0",
            Component::Repeat => "#3a9b6a",
            Component::Cross => "#d08a1e",
            Component::CostToServe => "#8a5cb8",
            Component::Referral => "#c8493f",
            Component::Loyalty => "#1f9aa6",
        }
    }
}

/// Inputs of the six-component model for one customer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SixInputs {
    /// CLV1: margin of the first purchase.
    pub initial_margin: f64,
    /// CLV2: purchases per year.
    pub repeat_per_year: f64,
    /// CLV2: margin per purchase.
    pub repeat_margin: f64,
    /// CLV3: extra products held.
    pub cross_products: f64,
    /// CLV3: margin per extra product per year.
    pub cross_margin: f64,
    /// CLV4: cost-to-serve saving per year.
    pub cost_saving: f64,
    /// CLV5: referred customers per year.
    pub referrals_per_year: f64,
    /// CLV5: value of each referred customer.
    pub referral_value: f64,
    /// CLV6: price premium / extra share of wallet per year.
    pub loyalty_premium: f64,
    /// Horizon in years (1..=MAX_YEARS).
    pub years: u32,
    /// Annual discount rate.
    pub discount: f64,
    /// Which components are counted (CLV1..CLV6).
    pub enabled: [bool; 6],
}

impl Default for SixInputs {
    fn default() -> Self {
        SixInputs {
            initial_margin: 500.0,
            repeat_per_year: 4.0,
            repeat_margin: 200.0,
            cross_products: 2.0,
            cross_margin: 300.0,
            cost_saving: 100.0,
            referrals_per_year: 0.5,
            referral_value: 800.0,
            loyalty_premium: 200.0,
            years: 5,
            discount: 0.08,
            enabled: [true; 6],
        }
    }
}

/// Longest horizon of the six-component model.
pub const MAX_YEARS: u32 = 100;
/// Largest magnitude accepted for any money or count input.
pub const MAX_INPUT: f64 = 1e12;

/// Largest total shown; beyond it the inputs are not realistic.
pub const MAX_TOTAL: f64 = 1e15;

/// Why the six-component inputs cannot give a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SixError {
    /// A count or amount is negative.
    Negative,
    /// A value is NaN/∞ or beyond MAX_INPUT.
    TooLarge,
    /// Horizon outside 1..=MAX_YEARS.
    Horizon,
    /// Discount rate outside [0, 1].
    Discount,
}

impl SixError {
    pub fn message_key(self) -> &'static str {
        match self {
            SixError::Negative => "clv.err.negative",
            SixError::TooLarge => "clv.err.too_large",
            SixError::Horizon => "clv.err.horizon",
            SixError::Discount => "clv.err.discount",
        }
    }
}

/// One row of the year-by-year table: each component's discounted value that
/// year, the year's total and the running total.
#[derive(Clone, Debug, PartialEq)]
pub struct YearRow {
    pub year: u32,
    pub parts: [f64; 6],
    pub total: f64,
    pub cumulative: f64,
}

/// The result of the six-component model.
#[derive(Clone, Debug, PartialEq)]
pub struct SixResult {
    /// Discounted value of each component over the horizon (0 when off).
    pub components: [f64; 6],
    pub total: f64,
    /// Rows for year 0 (initial purchase) to year N.
    pub rows: Vec<YearRow>,
}

impl SixInputs {
    /// The yearly (undiscounted) cash flow of components 2..=6, indexed like
    /// [`Component::ALL`] (index 0 is 0: the initial purchase is not yearly).
    pub fn yearly(&self) -> [f64; 6] {
        [
            0.0,
            self.repeat_per_year * self.repeat_margin,
            self.cross_products * self.cross_margin,
            self.cost_saving,
            self.referrals_per_year * self.referral_value,
            self.loyalty_premium,
        ]
    }

    fn amounts(&self) -> [f64; 9] {
        [
            self.initial_margin,
            self.repeat_per_year,
            self.repeat_margin,
            self.cross_products,
            self.cross_margin,
            self.cost_saving,
            self.referrals_per_year,
            self.referral_value,
            self.loyalty_premium,
        ]
    }

    /// Check the inputs.
    pub fn check(&self) -> Result<(), SixError> {
        let amounts = self.amounts();
        if amounts
            .iter()
            .any(|v| !v.is_finite() || v.abs() > MAX_INPUT)
            || !self.discount.is_finite()
        {
            return Err(SixError::TooLarge);
        }
        if amounts.iter().any(|v| *v < 0.0) {
            return Err(SixError::Negative);
        }
        if self.years == 0 || self.years > MAX_YEARS {
            return Err(SixError::Horizon);
        }
        if !(0.0..=1.0).contains(&self.discount) {
            return Err(SixError::Discount);
        }
        Ok(())
    }
}

/// Compute the six-component CLV.
pub fn six_clv(inp: &SixInputs) -> Result<SixResult, SixError> {
    inp.check()?;
    let yearly = inp.yearly();
    let mut components = [0.0; 6];
    let mut rows = Vec::with_capacity(inp.years as usize + 1);
    let on = |i: usize| inp.enabled.get(i).copied().unwrap_or(true);
    let initial = if on(0) { inp.initial_margin } else { 0.0 };
    components[0] = initial;
    let mut parts0 = [0.0; 6];
    parts0[0] = initial;
    rows.push(YearRow {
        year: 0,
        parts: parts0,
        total: initial,
        cumulative: initial,
    });
    let mut cumulative = initial;
    let mut factor = 1.0;
    for year in 1..=inp.years {
        factor /= 1.0 + inp.discount;
        let mut parts = [0.0; 6];
        for i in 1..6 {
            if on(i) {
                parts[i] = yearly[i] * factor;
                components[i] += parts[i];
            }
        }
        let total: f64 = parts.iter().sum();
        cumulative += total;
        rows.push(YearRow {
            year,
            parts,
            total,
            cumulative,
        });
    }
    let total: f64 = components.iter().sum();
    if !total.is_finite() || total.abs() > MAX_TOTAL {
        return Err(SixError::TooLarge);
    }
    Ok(SixResult {
        components,
        total,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zero() -> SixInputs {
        SixInputs {
            initial_margin: 0.0,
            repeat_per_year: 0.0,
            repeat_margin: 0.0,
            cross_products: 0.0,
            cross_margin: 0.0,
            cost_saving: 0.0,
            referrals_per_year: 0.0,
            referral_value: 0.0,
            loyalty_premium: 0.0,
            years: 3,
            discount: 0.1,
            enabled: [true; 6],
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * (1.0 + b.abs())
    }

    #[test]
    fn hand_worked_three_years() {
        // 1000 now; 2×300 repeat, 1 product × 200, 50 saving, 0.5×1000 referral,
        // 100 loyalty per year for 3 years at 10%.
        let inp = SixInputs {
            initial_margin: 1000.0,
            repeat_per_year: 2.0,
            repeat_margin: 300.0,
            cross_products: 1.0,
            cross_margin: 200.0,
            cost_saving: 50.0,
            referrals_per_year: 0.5,
            referral_value: 1000.0,
            loyalty_premium: 100.0,
            ..zero()
        };
        let r = six_clv(&inp).unwrap();
        // annuity factor 1/1.1 + 1/1.21 + 1/1.331 = 2.486851991...
        let a = 1.0 / 1.1 + 1.0 / 1.21 + 1.0 / 1.331;
        assert!(close(a, 2.486_851_991));
        assert!(close(r.components[0], 1000.0));
        assert!(close(r.components[1], 600.0 * a));
        assert!(close(r.components[2], 200.0 * a));
        assert!(close(r.components[3], 50.0 * a));
        assert!(close(r.components[4], 500.0 * a));
        assert!(close(r.components[5], 100.0 * a));
        // 1000 + 1450 × 2.486852 = 4605.94
        assert!(close(r.total, 1000.0 + 1450.0 * a));
        assert!((r.total - 4_605.935_387).abs() < 1e-3, "{}", r.total);
        assert_eq!(r.rows.len(), 4);
        assert!(close(r.rows[1].total, 1450.0 / 1.1));
        assert!(close(r.rows[3].cumulative, r.total));
    }

    #[test]
    fn switching_off_removes_a_component() {
        let mut inp = SixInputs::default();
        let full = six_clv(&inp).unwrap();
        inp.enabled[4] = false;
        let part = six_clv(&inp).unwrap();
        assert_eq!(part.components[4], 0.0);
        assert!(close(part.total, full.total - full.components[4]));
        inp.enabled = [false; 6];
        assert_eq!(six_clv(&inp).unwrap().total, 0.0);
    }

    #[test]
    fn zero_discount_is_plain_sum() {
        let inp = SixInputs {
            cost_saving: 100.0,
            years: 10,
            discount: 0.0,
            ..zero()
        };
        assert!(close(six_clv(&inp).unwrap().total, 1000.0));
    }

    #[test]
    fn bad_inputs() {
        let ok = SixInputs::default();
        assert_eq!(
            six_clv(&SixInputs {
                repeat_per_year: -1.0,
                ..ok.clone()
            }),
            Err(SixError::Negative)
        );
        assert_eq!(
            six_clv(&SixInputs {
                cost_saving: f64::NAN,
                ..ok.clone()
            }),
            Err(SixError::TooLarge)
        );
        assert_eq!(
            six_clv(&SixInputs {
                referral_value: 1e300,
                ..ok.clone()
            }),
            Err(SixError::TooLarge)
        );
        assert_eq!(
            six_clv(&SixInputs {
                years: 0,
                ..ok.clone()
            }),
            Err(SixError::Horizon)
        );
        assert_eq!(
            six_clv(&SixInputs {
                years: 1000,
                ..ok.clone()
            }),
            Err(SixError::Horizon)
        );
        assert_eq!(
            six_clv(&SixInputs {
                discount: -0.5,
                ..ok.clone()
            }),
            Err(SixError::Discount)
        );
        assert_eq!(
            six_clv(&SixInputs {
                discount: f64::INFINITY,
                ..ok
            }),
            Err(SixError::TooLarge)
        );
    }

    #[test]
    fn largest_inputs_stay_finite() {
        let big = SixInputs {
            initial_margin: MAX_INPUT,
            repeat_per_year: MAX_INPUT,
            repeat_margin: MAX_INPUT,
            cross_products: MAX_INPUT,
            cross_margin: MAX_INPUT,
            cost_saving: MAX_INPUT,
            referrals_per_year: MAX_INPUT,
            referral_value: MAX_INPUT,
            loyalty_premium: MAX_INPUT,
            years: MAX_YEARS,
            discount: 0.0,
            enabled: [true; 6],
        };
        assert_eq!(six_clv(&big), Err(SixError::TooLarge));
        let large = SixInputs {
            initial_margin: 1e6,
            repeat_per_year: 1e3,
            repeat_margin: 1e6,
            ..big
        };
        let r = six_clv(&SixInputs {
            cross_products: 0.0,
            referrals_per_year: 0.0,
            ..large
        })
        .unwrap();
        assert!(r.total.is_finite() && r.total <= MAX_TOTAL);
    }

    proptest::proptest! {
        #[test]
        fn monotone(
            m in 0.0f64..1e6, k in 0.0f64..20.0, d in 0.0f64..0.5, dd in 0.001f64..0.2, n in 1u32..60, c in 0usize..6
        ) {
            let base = SixInputs {
                initial_margin: m, repeat_per_year: k, repeat_margin: m, cross_products: k, cross_margin: m,
                cost_saving: m, referrals_per_year: k, referral_value: m, loyalty_premium: m,
                years: n, discount: d, enabled: [true; 6],
            };
            let v = six_clv(&base).unwrap().total;
            // More margin, more value.
            let more = SixInputs { repeat_margin: m * 1.1 + 1.0, cost_saving: m + 1.0, ..base.clone() };
            proptest::prop_assert!(six_clv(&more).unwrap().total >= v);
            // Higher discount, less value.
            let less = SixInputs { discount: (d + dd).min(1.0), ..base.clone() };
            proptest::prop_assert!(six_clv(&less).unwrap().total <= v + 1e-9);
            // Longer horizon, more value.
            let longer = SixInputs { years: n + 1, ..base.clone() };
            proptest::prop_assert!(six_clv(&longer).unwrap().total >= v);
            // Components add up; switching one off subtracts it.
            let r = six_clv(&base).unwrap();
            let sum: f64 = r.components.iter().sum();
            proptest::prop_assert!((sum - r.total).abs() <= 1e-9 * (1.0 + r.total));
            let mut off = base.clone();
            off.enabled[c] = false;
            let r2 = six_clv(&off).unwrap();
            proptest::prop_assert!((r2.total - (r.total - r.components[c])).abs() <= 1e-6 * (1.0 + r.total));
        }
    }
}
