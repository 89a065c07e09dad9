//! Valuation, tiers, the Pareto curve and the product-holding view.
//!
//! Each customer's value is a CLV from the retention model
//! (`crate::tools::clv::retention::clv`) with the yearly margin = revenue − cost
//! to serve. Since that CLV is linear in the margin, the model computes one
//! factor per retention rate (`clv(1, r, d, N)`) and multiplies: a million
//! customers cost a million multiplications.

use super::import::{Customer, CustomerList, Field};
use crate::tools::clv::retention::{clv, Convention, Horizon, InputError};
use serde::{Deserialize, Serialize};

/// Editable valuation assumptions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Assumptions {
    /// Yearly discount rate.
    pub discount: f64,
    pub horizon: Horizon,
    pub convention: Convention,
    /// Retention used when products held are unknown or not used.
    pub base_retention: f64,
    /// Use retention by products held.
    pub use_products: bool,
    /// Retention of customers holding fewer than `product_threshold` products (course: ≈18%).
    pub low_retention: f64,
    /// Retention of customers holding `product_threshold` or more (course: ≈100%).
    pub high_retention: f64,
    /// The course's line: 4 products.
    pub product_threshold: u16,
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            discount: 0.08,
            horizon: Horizon::Years(10),
            convention: Convention::EndOfYear,
            base_retention: 0.8,
            use_products: true,
            low_retention: 0.18,
            high_retention: 1.0,
            product_threshold: 4,
        }
    }
}

impl Assumptions {
    /// Range checks (the CLV module gives the precise error).
    pub fn check(&self) -> Result<Factors, InputError> {
        Factors::new(self)
    }
}

/// CLV of a margin of 1 under each retention rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Factors {
    pub base: f64,
    pub low: f64,
    pub high: f64,
}

impl Factors {
    pub fn new(a: &Assumptions) -> Result<Factors, InputError> {
        let f = |r: f64| clv(1.0, r, a.discount, a.horizon, a.convention);
        Ok(Factors {
            base: f(a.base_retention)?,
            low: f(a.low_retention)?,
            high: f(a.high_retention)?,
        })
    }
}

/// Which retention class a customer falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetClass {
    Base,
    Low,
    High,
}

pub fn ret_class(c: &Customer, a: &Assumptions, has_products: bool) -> RetClass {
    match (a.use_products && has_products, c.products) {
        (true, Some(p)) if p >= a.product_threshold => RetClass::High,
        (true, Some(_)) => RetClass::Low,
        _ => RetClass::Base,
    }
}

pub fn retention_of(class: RetClass, a: &Assumptions) -> f64 {
    match class {
        RetClass::Base => a.base_retention,
        RetClass::Low => a.low_retention,
        RetClass::High => a.high_retention,
    }
}

fn factor_of(class: RetClass, f: &Factors) -> f64 {
    match class {
        RetClass::Base => f.base,
        RetClass::Low => f.low,
        RetClass::High => f.high,
    }
}

/// Each customer's CLV, in list order.
pub fn value_all(list: &CustomerList, a: &Assumptions) -> Result<Vec<f64>, InputError> {
    let f = Factors::new(a)?;
    let hp = list.has(Field::Products);
    Ok(list
        .customers
        .iter()
        .map(|c| {
            let v = c.margin() * factor_of(ret_class(c, a, hp), &f);
            if v.is_finite() {
                v
            } else {
                0.0
            }
        })
        .collect())
}

/// The two tier schemes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scheme {
    /// VIP / ordinary 普通 / loss-making 重铅.
    #[default]
    Vip,
    /// Platinum 铂金 / gold 黄金 / iron 铁.
    Metal,
}

/// What the metal scheme ranks by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    #[default]
    Value,
    Aum,
}

/// Editable tier thresholds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// Value from which a customer is VIP.
    pub vip_min: f64,
    /// Value below which a customer is loss-making (0: the revenue does not
    /// cover the cost to serve).
    pub loss_below: f64,
    pub metal_basis: Basis,
    /// Platinum from this customer value (basis: value).
    pub platinum_min: f64,
    /// Gold from this customer value (basis: value).
    pub gold_min: f64,
    /// Platinum from this AUM (basis: AUM). Each basis keeps its own
    /// thresholds: assets are far larger than values.
    pub platinum_aum_min: f64,
    /// Gold from this AUM (basis: AUM).
    pub gold_aum_min: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            vip_min: 10_000.0,
            loss_below: 0.0,
            metal_basis: Basis::Value,
            platinum_min: 20_000.0,
            gold_min: 3_000.0,
            platinum_aum_min: 500_000.0,
            gold_aum_min: 100_000.0,
        }
    }
}

impl Thresholds {
    /// The (platinum, gold) thresholds of the chosen basis.
    pub fn metal(&self) -> (f64, f64) {
        match self.metal_basis {
            Basis::Value => (self.platinum_min, self.gold_min),
            Basis::Aum => (self.platinum_aum_min, self.gold_aum_min),
        }
    }

    /// Set the (platinum, gold) thresholds of the chosen basis.
    pub fn metal_mut(&mut self) -> (&mut f64, &mut f64) {
        match self.metal_basis {
            Basis::Value => (&mut self.platinum_min, &mut self.gold_min),
            Basis::Aum => (&mut self.platinum_aum_min, &mut self.gold_aum_min),
        }
    }

    /// A message key if the thresholds contradict each other.
    pub fn problem(&self, scheme: Scheme) -> Option<&'static str> {
        let finite = [
            self.vip_min,
            self.loss_below,
            self.platinum_min,
            self.gold_min,
            self.platinum_aum_min,
            self.gold_aum_min,
        ]
        .iter()
        .all(|v| v.is_finite());
        if !finite {
            return Some("tiering.err.thresholds");
        }
        let (platinum, gold) = self.metal();
        match scheme {
            Scheme::Vip if self.vip_min < self.loss_below => Some("tiering.err.vip_below_loss"),
            Scheme::Metal if platinum < gold => Some("tiering.err.platinum_below_gold"),
            _ => None,
        }
    }
}

/// A tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tier {
    Vip,
    Ordinary,
    Loss,
    Platinum,
    Gold,
    Iron,
}

/// Where a tier sits: its management focus follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    High,
    Middle,
    Mass,
}

impl Tier {
    pub const ALL: [Tier; 6] = [
        Tier::Vip,
        Tier::Ordinary,
        Tier::Loss,
        Tier::Platinum,
        Tier::Gold,
        Tier::Iron,
    ];

    pub fn of_scheme(s: Scheme) -> [Tier; 3] {
        match s {
            Scheme::Vip => [Tier::Vip, Tier::Ordinary, Tier::Loss],
            Scheme::Metal => [Tier::Platinum, Tier::Gold, Tier::Iron],
        }
    }

    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(c: u8) -> Tier {
        Tier::ALL.get(c as usize).copied().unwrap_or(Tier::Ordinary)
    }

    /// Stable name for test ids and exports.
    pub fn slug(self) -> &'static str {
        match self {
            Tier::Vip => "vip",
            Tier::Ordinary => "ordinary",
            Tier::Loss => "loss",
            Tier::Platinum => "platinum",
            Tier::Gold => "gold",
            Tier::Iron => "iron",
        }
    }

    pub fn name_key(self) -> &'static str {
        match self {
            Tier::Vip => "tiering.tier.vip",
            Tier::Ordinary => "tiering.tier.ordinary",
            Tier::Loss => "tiering.tier.loss",
            Tier::Platinum => "tiering.tier.platinum",
            Tier::Gold => "tiering.tier.gold",
            Tier::Iron => "tiering.tier.iron",
        }
    }

    pub fn level(self) -> Level {
        match self {
            Tier::Vip | Tier::Platinum => Level::High,
            Tier::Ordinary | Tier::Gold => Level::Middle,
            Tier::Loss | Tier::Iron => Level::Mass,
        }
    }

    /// The management focus: high end total assets, middle cross-sell rate,
    /// mass waiting time.
    pub fn focus_key(self) -> &'static str {
        match self.level() {
            Level::High => "tiering.focus.high",
            Level::Middle => "tiering.focus.middle",
            Level::Mass => "tiering.focus.mass",
        }
    }

    pub fn actions_key(self) -> &'static str {
        match self {
            Tier::Vip => "tiering.actions.vip",
            Tier::Ordinary => "tiering.actions.ordinary",
            Tier::Loss => "tiering.actions.loss",
            Tier::Platinum => "tiering.actions.platinum",
            Tier::Gold => "tiering.actions.gold",
            Tier::Iron => "tiering.actions.iron",
        }
    }
}

/// The tier of one customer.
pub fn tier_of(value: f64, aum: f64, scheme: Scheme, t: &Thresholds) -> Tier {
    match scheme {
        Scheme::Vip => {
            if value < t.loss_below {
                Tier::Loss
            } else if value >= t.vip_min {
                Tier::Vip
            } else {
                Tier::Ordinary
            }
        }
        Scheme::Metal => {
            let x = match t.metal_basis {
                Basis::Value => value,
                Basis::Aum => aum,
            };
            let (platinum, gold) = t.metal();
            if x >= platinum {
                Tier::Platinum
            } else if x >= gold {
                Tier::Gold
            } else {
                Tier::Iron
            }
        }
    }
}

/// Per-tier figures.
#[derive(Clone, Debug, PartialEq)]
pub struct TierSummary {
    pub tier: Tier,
    pub count: usize,
    pub total_value: f64,
    /// Share of the portfolio's total value (negative for loss-makers).
    pub value_share: f64,
    pub count_share: f64,
    pub total_aum: f64,
    /// Average products held (the cross-sell rate), if known.
    pub avg_products: Option<f64>,
}

/// Points of the cumulative value curve and the top-20% share.
#[derive(Clone, Debug, PartialEq)]
pub struct Pareto {
    /// (customer share, cumulative value share), from (0, 0) to (1, 1).
    pub points: Vec<(f64, f64)>,
    /// Share of the total value held by the top 20% of customers.
    pub top20: f64,
    /// Number of customers in the top 20%.
    pub top20_count: usize,
    /// The highest point of the curve (above 1 when loss-makers destroy value).
    pub peak: f64,
}

/// The Pareto curve of `values` with about `samples` points. `None` when the
/// total value is not positive (no share can be computed).
pub fn pareto(values: &[f64], samples: usize) -> Option<Pareto> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mut sorted: Vec<f64> = values.to_vec();
    crate::sort::f64_desc(&mut sorted);
    let total: f64 = sorted.iter().sum();
    if total <= 0.0 || !total.is_finite() {
        return None;
    }
    let samples = samples.clamp(2, n.max(2));
    let mut points = Vec::with_capacity(samples + 2);
    points.push((0.0, 0.0));
    let mut cum = 0.0;
    let mut next = 1usize;
    let mut peak: f64 = 0.0;
    let top20_count = ((n as f64) * 0.2).ceil() as usize;
    let mut top20 = 0.0;
    for (i, v) in sorted.iter().enumerate() {
        cum += v;
        let k = i + 1;
        let y = cum / total;
        peak = peak.max(y);
        if k == top20_count {
            top20 = y;
        }
        // Sample at evenly spaced customer shares.
        if k * samples >= next * n || k == n {
            points.push((k as f64 / n as f64, y));
            while next * n <= k * samples {
                next += 1;
            }
        }
    }
    if let Some(last) = points.last_mut() {
        last.1 = 1.0;
    }
    Some(Pareto {
        points,
        top20,
        top20_count,
        peak,
    })
}

/// One row of the product-holding view.
#[derive(Clone, Debug, PartialEq)]
pub struct HoldingRow {
    /// Products held (the last row gathers `products` and more).
    pub products: u16,
    pub plus: bool,
    pub count: usize,
    pub retention: f64,
    pub total_value: f64,
}

/// Customers by number of products held, and the gain if those one product
/// short of the threshold reach it.
#[derive(Clone, Debug, PartialEq)]
pub struct Holding {
    pub rows: Vec<HoldingRow>,
    /// Customers holding `threshold − 1` products.
    pub near_count: usize,
    /// Value gained if they reach the threshold (retention low → high).
    pub gain: f64,
    /// Customers with no products figure.
    pub unknown: usize,
}

/// The last bucket of the holding view ("8+").
pub const HOLDING_MAX: u16 = 8;

pub fn holding(list: &CustomerList, values: &[f64], a: &Assumptions) -> Option<Holding> {
    if !list.has(Field::Products) {
        return None;
    }
    let f = Factors::new(a).ok()?;
    let mut rows: Vec<HoldingRow> = (0..=HOLDING_MAX)
        .map(|p| HoldingRow {
            products: p,
            plus: p == HOLDING_MAX,
            count: 0,
            retention: if a.use_products {
                if p >= a.product_threshold {
                    a.high_retention
                } else {
                    a.low_retention
                }
            } else {
                a.base_retention
            },
            total_value: 0.0,
        })
        .collect();
    let mut near_count = 0;
    let mut gain = 0.0;
    let mut unknown = 0;
    let near = a.product_threshold.saturating_sub(1);
    let from = if a.use_products { f.low } else { f.base };
    for (c, v) in list.customers.iter().zip(values) {
        let Some(p) = c.products else {
            unknown += 1;
            continue;
        };
        let row = &mut rows[p.min(HOLDING_MAX) as usize];
        row.count += 1;
        row.total_value += v;
        if p == near && a.product_threshold > 0 {
            near_count += 1;
            gain += c.margin() * (f.high - from);
        }
    }
    Some(Holding {
        rows,
        near_count,
        gain,
        unknown,
    })
}

/// Everything the page shows about a valued list.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub values: Vec<f64>,
    /// Tier code per customer.
    pub tiers: Vec<u8>,
    pub summaries: Vec<TierSummary>,
    pub total_value: f64,
    pub pareto: Option<Pareto>,
    pub holding: Option<Holding>,
}

/// Value, tier and summarise.
pub fn analyse(
    list: &CustomerList,
    a: &Assumptions,
    scheme: Scheme,
    t: &Thresholds,
) -> Result<Analysis, InputError> {
    let values = value_all(list, a)?;
    let tiers_of = Tier::of_scheme(scheme);
    let mut summaries: Vec<TierSummary> = tiers_of
        .iter()
        .map(|&tier| TierSummary {
            tier,
            count: 0,
            total_value: 0.0,
            value_share: 0.0,
            count_share: 0.0,
            total_aum: 0.0,
            avg_products: None,
        })
        .collect();
    let mut prod_sum = [0.0f64; 3];
    let mut prod_n = [0usize; 3];
    let mut tiers = Vec::with_capacity(values.len());
    for (c, &v) in list.customers.iter().zip(&values) {
        let tier = tier_of(v, c.aum, scheme, t);
        tiers.push(tier.code());
        let k = tiers_of.iter().position(|&x| x == tier).unwrap_or(0);
        let s = &mut summaries[k];
        s.count += 1;
        s.total_value += v;
        s.total_aum += c.aum;
        if let Some(p) = c.products {
            prod_sum[k] += p as f64;
            prod_n[k] += 1;
        }
    }
    let total_value: f64 = summaries.iter().map(|s| s.total_value).sum();
    let n = values.len().max(1) as f64;
    for (k, s) in summaries.iter_mut().enumerate() {
        s.value_share = if total_value.abs() > 0.0 {
            s.total_value / total_value
        } else {
            0.0
        };
        s.count_share = s.count as f64 / n;
        s.avg_products = (prod_n[k] > 0).then(|| prod_sum[k] / prod_n[k] as f64);
    }
    let pareto = pareto(&values, 200);
    let holding = holding(list, &values, a);
    Ok(Analysis {
        values,
        tiers,
        summaries,
        total_value,
        pareto,
        holding,
    })
}

/// Thresholds suggested from the list: VIP = top 20% by value, platinum = top
/// 5%, gold = top 30% (for each basis: by value and by AUM), loss-making
/// below 0; `basis` stays the chosen one.
pub fn suggest(list: &CustomerList, values: &[f64], basis: Basis) -> Thresholds {
    let pick = |xs: &mut Vec<f64>, top: f64| -> f64 {
        if xs.is_empty() {
            return 0.0;
        }
        crate::sort::f64_desc(xs);
        let k = ((xs.len() as f64 * top).ceil() as usize).clamp(1, xs.len()) - 1;
        round_nice(xs[k])
    };
    let mut v = values.to_vec();
    let vip = pick(&mut v, 0.2).max(0.0);
    let mut by_value = values.to_vec();
    let platinum = pick(&mut by_value, 0.05);
    let gold = pick(&mut by_value, 0.30).min(platinum);
    let mut by_aum: Vec<f64> = list.customers.iter().map(|c| c.aum).collect();
    let platinum_aum = pick(&mut by_aum, 0.05);
    let gold_aum = pick(&mut by_aum, 0.30).min(platinum_aum);
    Thresholds {
        vip_min: vip,
        loss_below: 0.0,
        metal_basis: basis,
        platinum_min: platinum,
        gold_min: gold,
        platinum_aum_min: platinum_aum,
        gold_aum_min: gold_aum,
    }
}

/// Round to two significant digits (thresholds people can read).
pub fn round_nice(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return 0.0;
    }
    let mag = 10f64.powi(v.abs().log10().floor() as i32 - 1);
    (v / mag).floor() * mag
}

/// Table columns that can be sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Id,
    Name,
    Aum,
    Revenue,
    Cost,
    Products,
    Value,
    Tier,
}

/// The rows to show, in order: filtered by text (id or name) and tier.
pub fn table_order(
    list: &CustomerList,
    an: &Analysis,
    key: SortKey,
    descending: bool,
    text: &str,
    tier: Option<Tier>,
) -> Vec<u32> {
    let needle = crate::fold::lower(text.trim());
    let mut idx: Vec<u32> = (0..list.customers.len() as u32)
        .filter(|&i| {
            let i = i as usize;
            if let Some(t) = tier {
                if an.tiers.get(i).copied() != Some(t.code()) {
                    return false;
                }
            }
            if needle.is_empty() {
                return true;
            }
            let c = &list.customers[i];
            contains_ci(list.id(c), &needle) || contains_ci(list.name(c), &needle)
        })
        .collect();
    let cs = &list.customers;
    let num = |i: u32| -> f64 {
        let c = &cs[i as usize];
        match key {
            SortKey::Aum => c.aum,
            SortKey::Revenue => c.revenue,
            SortKey::Cost => c.cost,
            SortKey::Products => c.products.map(|p| p as f64).unwrap_or(-1.0),
            SortKey::Value => an.values.get(i as usize).copied().unwrap_or(0.0),
            SortKey::Tier => an.tiers.get(i as usize).copied().unwrap_or(0) as f64,
            _ => 0.0,
        }
    };
    // Unstable sorts with the row index as the last key: deterministic, and
    // one sort routine less in the wasm.
    match key {
        SortKey::Id | SortKey::Name => {
            let text = |i: u32| {
                let c = &cs[i as usize];
                if key == SortKey::Id {
                    list.id(c)
                } else {
                    list.name(c)
                }
            };
            crate::sort::by(&mut idx, |&a, &b| text(a).cmp(text(b)).then(a.cmp(&b)));
        }
        _ => {
            idx = crate::sort::indices_by_f64(&idx, num);
        }
    }
    if descending {
        idx.reverse();
    }
    idx
}

fn contains_ci(hay: &str, needle_lower: &str) -> bool {
    if hay.is_ascii() && needle_lower.is_ascii() {
        let h = hay.as_bytes();
        let n = needle_lower.as_bytes();
        if n.len() > h.len() {
            return false;
        }
        return h
            .windows(n.len())
            .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b));
    }
    crate::fold::lower(hay).contains(needle_lower)
}

/// The valued and tiered list as CSV through the app's one CSV writer
/// ([`super::csv::CsvWriter`]: byte-order mark, CRLF, formula-safe text).
/// `headers` are the translated column titles; `tier_names` the translated
/// tier names by tier code.
pub fn export_csv(
    list: &CustomerList,
    an: &Analysis,
    headers: &[&str],
    tier_names: &[&str; 6],
    a: &Assumptions,
) -> String {
    let mut w = super::csv::CsvWriter::with_capacity(list.len() * 80 + 256);
    w.texts(headers).end_row();
    let hp = list.has(Field::Products);
    for (i, c) in list.customers.iter().enumerate() {
        let r = retention_of(ret_class(c, a, hp), a);
        let v = an.values.get(i).copied().unwrap_or(0.0);
        let t = an.tiers.get(i).copied().unwrap_or(0);
        w.text(list.id(c))
            .text(list.name(c))
            .num(c.aum)
            .num(c.revenue)
            .num(c.cost)
            .opt(c.products.map(|p| p as f64))
            .opt(c.age.map(|p| p as f64))
            .opt(c.tenure.map(|p| p as f64))
            .num(r)
            .fixed(v, 2)
            .text(tier_names[(t as usize).min(5)])
            .end_row();
    }
    w.finish()
}

/// Keys of the export's column titles, in order.
pub const EXPORT_HEADERS: [&str; 11] = [
    "tiering.field.id",
    "tiering.field.name",
    "tiering.field.aum",
    "tiering.field.revenue",
    "tiering.field.cost",
    "tiering.field.products",
    "tiering.field.age",
    "tiering.field.tenure",
    "tiering.col.retention",
    "tiering.col.value",
    "tiering.col.tier",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::tiering::import::import_auto;

    fn list(t: &str) -> CustomerList {
        import_auto(t).unwrap().list
    }

    #[test]
    fn values_use_the_clv_module_and_product_retention() {
        let l = list("id,revenue,cost,products\nA,1100,100,4\nB,1100,100,3\nC,100,300,1\n");
        let a = Assumptions {
            horizon: Horizon::Unlimited,
            discount: 0.1,
            high_retention: 0.8,
            ..Default::default()
        };
        let v = value_all(&l, &a).unwrap();
        let want_a = clv(1000.0, 0.8, 0.1, Horizon::Unlimited, Convention::EndOfYear).unwrap();
        let want_b = clv(1000.0, 0.18, 0.1, Horizon::Unlimited, Convention::EndOfYear).unwrap();
        assert!((v[0] - want_a).abs() < 1e-9 && (v[0] - 2666.6667).abs() < 1e-3);
        assert!((v[1] - want_b).abs() < 1e-9);
        assert!(v[2] < 0.0);
        // Without products: base retention for all.
        let a2 = Assumptions {
            use_products: false,
            ..a.clone()
        };
        let v2 = value_all(&l, &a2).unwrap();
        assert!((v2[0] - v2[1]).abs() < 1e-9);
        // Divergent assumptions are reported, not NaN.
        let bad = Assumptions {
            discount: 0.0,
            horizon: Horizon::Unlimited,
            ..Default::default()
        };
        assert_eq!(value_all(&l, &bad), Err(InputError::Diverges));
    }

    #[test]
    fn tiers_both_schemes() {
        let t = Thresholds::default();
        assert_eq!(tier_of(-1.0, 0.0, Scheme::Vip, &t), Tier::Loss);
        assert_eq!(tier_of(0.0, 0.0, Scheme::Vip, &t), Tier::Ordinary);
        assert_eq!(tier_of(10_000.0, 0.0, Scheme::Vip, &t), Tier::Vip);
        assert_eq!(tier_of(20_000.0, 0.0, Scheme::Metal, &t), Tier::Platinum);
        assert_eq!(tier_of(3_000.0, 0.0, Scheme::Metal, &t), Tier::Gold);
        assert_eq!(tier_of(2_999.0, 0.0, Scheme::Metal, &t), Tier::Iron);
        let by_aum = Thresholds {
            metal_basis: Basis::Aum,
            ..t.clone()
        };
        assert_eq!(
            tier_of(0.0, 600_000.0, Scheme::Metal, &by_aum),
            Tier::Platinum
        );
        // AUM has its own thresholds: 200,000 of assets is gold, not platinum.
        assert_eq!(tier_of(0.0, 200_000.0, Scheme::Metal, &by_aum), Tier::Gold);
        assert_eq!(tier_of(0.0, 50_000.0, Scheme::Metal, &by_aum), Tier::Iron);
        // And contradictory AUM thresholds are caught on their own.
        let bad_aum = Thresholds {
            gold_aum_min: 1e7,
            ..by_aum.clone()
        };
        assert_eq!(
            bad_aum.problem(Scheme::Metal),
            Some("tiering.err.platinum_below_gold")
        );
        assert_eq!(t.problem(Scheme::Vip), None);
        let bad = Thresholds {
            platinum_min: 1.0,
            gold_min: 5.0,
            ..t
        };
        assert_eq!(
            bad.problem(Scheme::Metal),
            Some("tiering.err.platinum_below_gold")
        );
        for tier in Tier::ALL {
            assert_eq!(Tier::from_code(tier.code()), tier);
        }
    }

    #[test]
    fn analysis_sums_and_shares() {
        let l = list("id,aum,revenue,cost,products\nA,1000000,50000,1000,5\nB,5000,3000,500,2\nC,100,100,900,1\nD,2000,2000,100,4\n");
        let a = Assumptions::default();
        let an = analyse(&l, &a, Scheme::Vip, &Thresholds::default()).unwrap();
        assert_eq!(
            an.summaries.iter().map(|s| s.count).collect::<Vec<_>>(),
            vec![2, 1, 1]
        );
        let sum: f64 = an.values.iter().sum();
        assert!((an.total_value - sum).abs() < 1e-6);
        let share: f64 = an.summaries.iter().map(|s| s.value_share).sum();
        assert!((share - 1.0).abs() < 1e-9);
        assert_eq!(an.summaries[0].total_aum, 1_002_000.0);
        assert_eq!(an.summaries[0].avg_products, Some(4.5));
        let h = an.holding.unwrap();
        assert_eq!(h.rows[2].count, 1);
        assert_eq!(h.near_count, 0);
        assert!(an.pareto.is_some());
    }

    #[test]
    fn holding_gain_when_three_reach_four() {
        let l = list("id,revenue,products\nA,1000,3\nB,500,3\nC,100,4\nD,10,\n");
        let a = Assumptions::default();
        let v = value_all(&l, &a).unwrap();
        let h = holding(&l, &v, &a).unwrap();
        let f = Factors::new(&a).unwrap();
        assert_eq!(h.near_count, 2);
        assert_eq!(h.unknown, 1);
        assert!((h.gain - 1500.0 * (f.high - f.low)).abs() < 1e-6);
        assert!(h.gain > 0.0);
        assert_eq!(h.rows[3].retention, 0.18);
        assert_eq!(h.rows[4].retention, 1.0);
        assert!(holding(&list("id,revenue\nA,1\n"), &[1.0], &a).is_none());
    }

    #[test]
    fn pareto_of_known_values() {
        // 10 customers: one holds 91 of 100.
        let mut v = vec![1.0; 9];
        v.push(91.0);
        let p = pareto(&v, 10).unwrap();
        assert_eq!(p.top20_count, 2);
        assert!((p.top20 - 0.92).abs() < 1e-12);
        assert_eq!(p.points.first(), Some(&(0.0, 0.0)));
        assert_eq!(p.points.last(), Some(&(1.0, 1.0)));
        assert_eq!(p.points.len(), 11);
        assert!(pareto(&[], 10).is_none());
        assert!(pareto(&[-1.0, 0.5], 10).is_none());
        // Loss-makers: the curve peaks above 1 (the "whale curve").
        let p = pareto(&[10.0, 5.0, -5.0], 10).unwrap();
        assert!((p.peak - 1.5).abs() < 1e-12);
    }

    #[test]
    fn suggest_and_round() {
        assert_eq!(round_nice(123_456.0), 120_000.0);
        assert_eq!(round_nice(0.0), 0.0);
        assert_eq!(round_nice(f64::NAN), 0.0);
        let l = list("id,aum,revenue\nA,1,10\nB,2,20\nC,3,30\nD,4,40\nE,5,50\n");
        let s = suggest(&l, &[10.0, 20.0, 30.0, 40.0, 50.0], Basis::Aum);
        assert_eq!(s.vip_min, 50.0);
        assert_eq!(s.metal_basis, Basis::Aum);
        assert_eq!(s.metal(), (5.0, 4.0));
        // The value basis gets its own suggestion from the same list.
        assert_eq!((s.platinum_min, s.gold_min), (50.0, 40.0));
    }

    #[test]
    fn table_sort_and_filter() {
        let l = list("id,name,revenue\nA2,Zed,3\nA1,amy,1\nB1,Bob,2\n");
        let an = analyse(
            &l,
            &Assumptions::default(),
            Scheme::Vip,
            &Thresholds::default(),
        )
        .unwrap();
        assert_eq!(
            table_order(&l, &an, SortKey::Id, false, "", None),
            vec![1, 0, 2]
        );
        assert_eq!(
            table_order(&l, &an, SortKey::Value, true, "", None),
            vec![0, 2, 1]
        );
        assert_eq!(
            table_order(&l, &an, SortKey::Value, true, "a", None),
            vec![0, 1]
        );
        assert_eq!(
            table_order(&l, &an, SortKey::Value, true, "AMY", None),
            vec![1]
        );
        assert!(table_order(&l, &an, SortKey::Value, true, "", Some(Tier::Vip)).is_empty());
    }

    #[test]
    fn export_has_bom_and_round_trips() {
        let l = list("客户号,客户名称,资产,年收益,持有产品数\nC1,\"张,三\",100,50,4\n");
        let a = Assumptions::default();
        let an = analyse(&l, &a, Scheme::Vip, &Thresholds::default()).unwrap();
        let names = ["VIP", "普通", "重铅", "铂金", "黄金", "铁"];
        let heads: Vec<&str> = EXPORT_HEADERS
            .iter()
            .map(|k| crate::i18n::t(crate::i18n::Lang::Zh, k))
            .collect();
        let s = export_csv(&l, &an, &heads, &names, &a);
        assert!(s.starts_with('\u{feff}'));
        let back = import_auto(&s).unwrap();
        assert_eq!(back.list.name(&back.list.customers[0]), "张,三");
        assert_eq!(back.list.customers[0].revenue, 50.0);
        assert!(s.contains(",普通\r\n"));
    }

    #[test]
    fn export_never_writes_a_live_formula() {
        let l = list("id,name,revenue\n=1+1,\"=HYPERLINK(\"\"http://e.x\"\")\",-50\n");
        let a = Assumptions::default();
        let an = analyse(&l, &a, Scheme::Vip, &Thresholds::default()).unwrap();
        let names = ["VIP", "普通", "重铅", "铂金", "黄金", "铁"];
        let heads: Vec<&str> = EXPORT_HEADERS.to_vec();
        let s = export_csv(&l, &an, &heads, &names, &a);
        let line = s.split("\r\n").nth(1).unwrap();
        assert!(
            line.starts_with("'=1+1,\"'=HYPERLINK(\"\"http://e.x\"\")\",0,-50,0,"),
            "{line}"
        );
    }

    proptest::proptest! {
        #[test]
        fn pareto_is_monotone_until_peak_and_ends_at_one(vals in proptest::collection::vec(0.0f64..1e6, 1..300)) {
            if let Some(p) = pareto(&vals, 50) {
                for w in p.points.windows(2) {
                    proptest::prop_assert!(w[1].0 >= w[0].0);
                    proptest::prop_assert!(w[1].1 + 1e-9 >= w[0].1);
                }
                proptest::prop_assert!((p.points.last().unwrap().1 - 1.0).abs() < 1e-12);
                // The top 20% hold at least 20% of a non-negative total.
                proptest::prop_assert!(p.top20 + 1e-9 >= 0.2);
            }
        }

        #[test]
        fn tiers_partition_the_list(vals in proptest::collection::vec((-1e5f64..1e6, 0u16..8), 1..100), vip in 0.0f64..5e5) {
            let mut t = String::from("id,revenue,products\n");
            for (i, (v, p)) in vals.iter().enumerate() {
                t.push_str(&format!("C{i},{v},{p}\n"));
            }
            let l = list(&t);
            let th = Thresholds { vip_min: vip, ..Default::default() };
            for scheme in [Scheme::Vip, Scheme::Metal] {
                let an = analyse(&l, &Assumptions::default(), scheme, &th).unwrap();
                let n: usize = an.summaries.iter().map(|s| s.count).sum();
                proptest::prop_assert_eq!(n, vals.len());
                let tot: f64 = an.summaries.iter().map(|s| s.total_value).sum();
                let direct: f64 = an.values.iter().sum();
                proptest::prop_assert!((tot - direct).abs() <= 1e-6 * direct.abs().max(1.0));
            }
            // Raising the VIP threshold never adds VIPs.
            let lo = analyse(&l, &Assumptions::default(), Scheme::Vip, &th).unwrap();
            let hi = analyse(&l, &Assumptions::default(), Scheme::Vip, &Thresholds { vip_min: vip * 2.0 + 1.0, ..Default::default() }).unwrap();
            proptest::prop_assert!(hi.summaries[0].count <= lo.summaries[0].count);
        }
    }
}
