//! The portfolio's tier settings as a share piece: valuation assumptions,
//! the tier scheme and the thresholds. The customer list, the column
//! mapping and the file name are never part of it.
//!
//! Body v1: discount; horizon (0 unlimited, n + 1 for n years); a flag byte
//! (bit 0 first-year-counted convention, 1 use products, 2 metal scheme,
//! 3 metal basis AUM); base, low and high retention; product threshold;
//! VIP minimum, loss-below, platinum minimum, gold minimum (value basis),
//! platinum and gold minimum (AUM basis).

use super::bin::{BinError, Reader, Writer};
use super::codec::ShareError;
use crate::tools::clv::retention::{Convention, Horizon, InputError};
use crate::tools::tiering::doc::TieringDoc;
use crate::tools::tiering::model::{Assumptions, Basis, Scheme, Thresholds};

#[derive(Clone, Debug, PartialEq)]
pub struct TierSettings {
    pub assumptions: Assumptions,
    pub scheme: Scheme,
    pub thresholds: Thresholds,
}

impl TierSettings {
    pub fn from_doc(d: &TieringDoc) -> TierSettings {
        TierSettings {
            assumptions: d.assumptions.clone(),
            scheme: d.scheme,
            thresholds: d.thresholds.clone(),
        }
    }

    /// Put the settings in the document. The document holds one set of
    /// settings, so this replaces the trainee's (the view should say so);
    /// the trainee's customer list is kept.
    pub fn apply_to(&self, d: &mut TieringDoc) {
        d.assumptions = self.assumptions.clone();
        d.scheme = self.scheme;
        d.thresholds = self.thresholds.clone();
    }

    pub(super) fn write(&self, w: &mut Writer) {
        let a = &self.assumptions;
        let t = &self.thresholds;
        w.num(a.discount);
        w.uv(match a.horizon {
            Horizon::Unlimited => 0,
            Horizon::Years(n) => u64::from(n) + 1,
        });
        let flags = u8::from(a.convention == Convention::FirstYearCounted)
            | u8::from(a.use_products) << 1
            | u8::from(self.scheme == Scheme::Metal) << 2
            | u8::from(t.metal_basis == Basis::Aum) << 3;
        w.u8(flags);
        for v in [a.base_retention, a.low_retention, a.high_retention] {
            w.num(v);
        }
        w.uv(u64::from(a.product_threshold));
        for v in [
            t.vip_min,
            t.loss_below,
            t.platinum_min,
            t.gold_min,
            t.platinum_aum_min,
            t.gold_aum_min,
        ] {
            w.num(v);
        }
    }

    pub(super) fn read(r: &mut Reader) -> Result<TierSettings, BinError> {
        let discount = r.num()?;
        let horizon = match r.uv()? {
            0 => Horizon::Unlimited,
            n => Horizon::Years(u32::try_from(n - 1).map_err(|_| BinError)?),
        };
        let flags = r.u8()?;
        if flags > 15 {
            return Err(BinError);
        }
        let [base_retention, low_retention, high_retention] = [r.num()?, r.num()?, r.num()?];
        let product_threshold = r.uv_as()?;
        let [vip_min, loss_below, platinum_min, gold_min, platinum_aum_min, gold_aum_min] =
            [r.num()?, r.num()?, r.num()?, r.num()?, r.num()?, r.num()?];
        Ok(TierSettings {
            assumptions: Assumptions {
                discount,
                horizon,
                convention: if flags & 1 != 0 {
                    Convention::FirstYearCounted
                } else {
                    Convention::EndOfYear
                },
                base_retention,
                use_products: flags & 2 != 0,
                low_retention,
                high_retention,
                product_threshold,
            },
            scheme: if flags & 4 != 0 {
                Scheme::Metal
            } else {
                Scheme::Vip
            },
            thresholds: Thresholds {
                vip_min,
                loss_below,
                metal_basis: if flags & 8 != 0 {
                    Basis::Aum
                } else {
                    Basis::Value
                },
                platinum_min,
                gold_min,
                platinum_aum_min,
                gold_aum_min,
            },
        })
    }

    /// The checks of `TieringDoc::validate` for these parts.
    pub(super) fn check(&self) -> Result<(), ShareError> {
        let d = TieringDoc {
            assumptions: self.assumptions.clone(),
            scheme: self.scheme,
            thresholds: self.thresholds.clone(),
            ..TieringDoc::default()
        };
        match self.assumptions.check() {
            Ok(_) | Err(InputError::Diverges) => {}
            Err(e) => return Err(ShareError::Invalid(format!("assumptions: {e:?}"))),
        }
        crate::storage::codec::DocData::validate(&d).map_err(ShareError::Invalid)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::storage::codec::DocData;
    use proptest::prelude::*;

    pub fn arb_settings() -> impl Strategy<Value = TierSettings> {
        (
            (0i64..300).prop_map(|v| v as f64 / 1000.0),
            prop_oneof![
                Just(Horizon::Unlimited),
                (1u32..100).prop_map(Horizon::Years)
            ],
            any::<[bool; 4]>(),
            proptest::collection::vec((0i64..=100).prop_map(|v| v as f64 / 100.0), 3),
            0u16..=20,
            proptest::collection::vec((-1_000i64..1_000_000).prop_map(|v| v as f64), 6),
        )
            .prop_map(|(discount, horizon, f, r, pt, t)| TierSettings {
                assumptions: Assumptions {
                    discount,
                    horizon,
                    convention: if f[0] {
                        Convention::FirstYearCounted
                    } else {
                        Convention::EndOfYear
                    },
                    base_retention: r[0],
                    use_products: f[1],
                    low_retention: r[1],
                    high_retention: r[2],
                    product_threshold: pt,
                },
                scheme: if f[2] { Scheme::Metal } else { Scheme::Vip },
                thresholds: Thresholds {
                    vip_min: t[0],
                    loss_below: t[1],
                    metal_basis: if f[3] { Basis::Aum } else { Basis::Value },
                    platinum_min: t[2],
                    gold_min: t[3],
                    platinum_aum_min: t[4],
                    gold_aum_min: t[5],
                },
            })
    }

    #[test]
    fn applying_keeps_the_customer_list() {
        let mut mine = TieringDoc::demo(Lang::Zh);
        let list = mine.list.clone();
        let mut s = TierSettings::from_doc(&mine);
        s.scheme = Scheme::Metal;
        s.thresholds.gold_min = 5000.0;
        s.assumptions.discount = 0.05;
        s.apply_to(&mut mine);
        assert_eq!(mine.list, list);
        assert_eq!(TierSettings::from_doc(&mine), s);
        assert!(mine.validate().is_ok());
    }

    #[test]
    fn impossible_settings_are_invalid() {
        let mut s = TierSettings::from_doc(&TieringDoc::default());
        assert!(s.check().is_ok());
        s.assumptions.low_retention = 1.5;
        assert!(s.check().is_err());
        let mut s = TierSettings::from_doc(&TieringDoc::default());
        s.thresholds.vip_min = f64::INFINITY;
        assert!(s.check().is_err());
        let mut s = TierSettings::from_doc(&TieringDoc::default());
        s.assumptions.product_threshold = 5000;
        assert!(s.check().is_err());
    }
}
