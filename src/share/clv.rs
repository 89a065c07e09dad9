//! A CLV scenario as a share piece: its name, the six-component inputs and
//! the retention inputs (the scenario's id, the comparison set and the
//! planner stay behind).
//!
//! Body v1: name; the nine six-component amounts, years, discount; a flag
//! byte (bits 0–5 the enabled components, bit 6 unlimited retention horizon,
//! bit 7 first-year-counted convention); the four retention amounts
//! (margin, retention, discount, acquisition cost) and their years.

use super::bin::{BinError, Reader, Writer};
use super::codec::ShareError;
use crate::tools::clv::doc::{clean_name, ClvDoc, Scenario, MAX_NAME};
use crate::tools::clv::model::{SixInputs, MAX_YEARS};
use crate::tools::clv::retention::{Convention, RetentionInputs};

/// One scenario's inputs, as carried by a link.
#[derive(Clone, Debug, PartialEq)]
pub struct ClvCase {
    pub name: String,
    pub six: SixInputs,
    pub ret: RetentionInputs,
}

impl ClvCase {
    pub fn from_scenario(s: &Scenario) -> ClvCase {
        ClvCase {
            name: s.name.clone(),
            six: s.six.clone(),
            ret: s.ret.clone(),
        }
    }

    /// The scenario (id 0: the document gives it one when it is added).
    pub fn to_scenario(&self) -> Scenario {
        Scenario {
            id: 0,
            name: self.name.clone(),
            six: self.six.clone(),
            ret: self.ret.clone(),
        }
    }

    /// Add the case as a new scenario and select it; the trainee's own
    /// scenarios are untouched. `None` when the document is full.
    pub fn add_to(&self, doc: &mut ClvDoc) -> Option<u32> {
        let id = doc.add(&self.name)?;
        let s = doc.current_mut()?;
        s.six = self.six.clone();
        s.ret = self.ret.clone();
        Some(id)
    }

    pub(super) fn write(&self, w: &mut Writer) {
        let s = &self.six;
        w.str(&self.name);
        for v in [
            s.initial_margin,
            s.repeat_per_year,
            s.repeat_margin,
            s.cross_products,
            s.cross_margin,
            s.cost_saving,
            s.referrals_per_year,
            s.referral_value,
            s.loyalty_premium,
        ] {
            w.num(v);
        }
        w.uv(u64::from(s.years));
        w.num(s.discount);
        let mut flags = 0u8;
        for (i, on) in s.enabled.iter().enumerate() {
            flags |= u8::from(*on) << i;
        }
        flags |= u8::from(self.ret.unlimited) << 6;
        flags |= u8::from(self.ret.convention == Convention::FirstYearCounted) << 7;
        w.u8(flags);
        let r = &self.ret;
        for v in [r.margin, r.retention, r.discount, r.acquisition_cost] {
            w.num(v);
        }
        w.uv(u64::from(r.years));
    }

    pub(super) fn read(r: &mut Reader) -> Result<ClvCase, BinError> {
        let name = r.str()?;
        let mut a = [0f64; 9];
        for v in a.iter_mut() {
            *v = r.num()?;
        }
        let years = r.uv_as()?;
        let discount = r.num()?;
        let flags = r.u8()?;
        let mut enabled = [false; 6];
        for (i, on) in enabled.iter_mut().enumerate() {
            *on = flags & (1 << i) != 0;
        }
        let [margin, retention, ret_discount, acquisition_cost] =
            [r.num()?, r.num()?, r.num()?, r.num()?];
        let ret_years = r.uv_as()?;
        Ok(ClvCase {
            name,
            six: SixInputs {
                initial_margin: a[0],
                repeat_per_year: a[1],
                repeat_margin: a[2],
                cross_products: a[3],
                cross_margin: a[4],
                cost_saving: a[5],
                referrals_per_year: a[6],
                referral_value: a[7],
                loyalty_premium: a[8],
                years,
                discount,
                enabled,
            },
            ret: RetentionInputs {
                margin,
                retention,
                discount: ret_discount,
                acquisition_cost,
                years: ret_years,
                unlimited: flags & (1 << 6) != 0,
                convention: if flags & (1 << 7) != 0 {
                    Convention::FirstYearCounted
                } else {
                    Convention::EndOfYear
                },
            },
        })
    }

    /// What the CLV document would refuse to store. Values the calculators
    /// explain on screen (a discount out of range…) are kept.
    pub(super) fn check(&self) -> Result<(), ShareError> {
        let s = &self.six;
        let r = &self.ret;
        let nums = [
            s.initial_margin,
            s.repeat_per_year,
            s.repeat_margin,
            s.cross_products,
            s.cross_margin,
            s.cost_saving,
            s.referrals_per_year,
            s.referral_value,
            s.loyalty_premium,
            s.discount,
            r.margin,
            r.retention,
            r.discount,
            r.acquisition_cost,
        ];
        if nums.iter().any(|v| !v.is_finite()) {
            return Err(ShareError::Invalid("not a finite number".into()));
        }
        if s.years > MAX_YEARS || r.years > 200 {
            return Err(ShareError::Invalid("horizon".into()));
        }
        if self.name.chars().count() > MAX_NAME || clean_name(&self.name) != self.name {
            return Err(ShareError::Invalid("name".into()));
        }
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::storage::codec::DocData;
    use proptest::prelude::*;

    pub fn arb_case() -> impl Strategy<Value = ClvCase> {
        let num = prop_oneof![
            (-1_000_000i64..1_000_000).prop_map(|v| v as f64),
            (0i64..100_000).prop_map(|v| v as f64 / 1000.0),
            -1e15f64..1e15,
        ];
        (
            "[a-zA-Z0-9 代发工资家庭]{0,20}",
            proptest::collection::vec(num, 15),
            0u32..=MAX_YEARS,
            0u32..=200,
            any::<[bool; 6]>(),
            any::<(bool, bool)>(),
        )
            .prop_map(
                |(name, n, years, ret_years, enabled, (unl, conv))| ClvCase {
                    name: clean_name(&name),
                    six: SixInputs {
                        initial_margin: n[0],
                        repeat_per_year: n[1],
                        repeat_margin: n[2],
                        cross_products: n[3],
                        cross_margin: n[4],
                        cost_saving: n[5],
                        referrals_per_year: n[6],
                        referral_value: n[7],
                        loyalty_premium: n[8],
                        years,
                        discount: n[9],
                        enabled,
                    },
                    ret: RetentionInputs {
                        margin: n[10],
                        retention: n[11],
                        discount: n[12],
                        acquisition_cost: n[13],
                        years: ret_years,
                        unlimited: unl,
                        convention: if conv {
                            Convention::FirstYearCounted
                        } else {
                            Convention::EndOfYear
                        },
                    },
                },
            )
    }

    #[test]
    fn adding_a_case_keeps_the_trainees_scenarios() {
        let demo = ClvDoc::demo(Lang::Zh);
        let case = ClvCase::from_scenario(&demo.scenarios[1]);
        let mut mine = ClvDoc::default();
        mine.scenarios[0].name = "我的".into();
        let before = mine.scenarios[0].clone();
        let id = case.add_to(&mut mine).unwrap();
        assert_eq!(mine.scenarios.len(), 2);
        assert_eq!(mine.scenarios[0], before);
        let added = mine.get(id).unwrap();
        assert_eq!(added.name, "私人银行客户");
        assert_eq!(added.six, demo.scenarios[1].six);
        assert_eq!(added.ret, demo.scenarios[1].ret);
        assert_eq!(mine.selected, id);
        assert!(mine.validate().is_ok());
        assert_eq!(ClvCase::from_scenario(added), case);
        assert_eq!(case.to_scenario().six, case.six);
    }

    #[test]
    fn unstorable_cases_are_invalid() {
        let mut c = ClvCase::from_scenario(&ClvDoc::demo(Lang::En).scenarios[0]);
        assert!(c.check().is_ok());
        c.six.discount = f64::NAN;
        assert!(c.check().is_err());
        c.six.discount = 0.1;
        c.ret.years = 201;
        assert!(c.check().is_err());
        c.ret.years = 10;
        c.name = " padded ".into();
        assert!(c.check().is_err());
    }
}
