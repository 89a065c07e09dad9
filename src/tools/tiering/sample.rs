//! Deterministic customer lists: the sample shipped with the app (in Chinese or
//! English) and the large lists of the benchmarks.

use crate::i18n::Lang;

/// A small xorshift generator: same seed, same list, on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋",
];
const GIVEN: [&str; 24] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "华", "平", "刚", "桂英", "建国", "晓东",
];
const FIRST: [&str; 24] = [
    "Alice", "Ben", "Chloe", "David", "Emma", "Frank", "Grace", "Henry", "Iris", "Jack", "Kate",
    "Leo", "Mia", "Noah", "Olivia", "Paul", "Queenie", "Ryan", "Sophie", "Tom", "Uma", "Victor",
    "Wendy", "Yusuf",
];
const LAST: [&str; 24] = [
    "Chen", "Wang", "Li", "Zhang", "Liu", "Smith", "Brown", "Taylor", "Wilson", "Lee", "Walker",
    "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Hill", "Wong", "Ho", "Lam",
    "Ng", "Tan",
];

/// One generated row: (aum, revenue, cost, products, age, tenure).
fn row(rng: &mut Rng) -> (f64, f64, f64, u16, u32, u32) {
    // Products held: most customers hold 1–3, some 4 or more.
    let products = match rng.below(100) {
        0..=17 => 1,
        18..=39 => 2,
        40..=64 => 3,
        65..=81 => 4,
        82..=91 => 5,
        92..=96 => 6,
        _ => 7,
    };
    // Assets: heavy-tailed (a few large customers hold most), more with more products.
    let u = rng.unit().max(1e-9);
    let aum = (30_000.0 * (1.0 / u).powf(0.85) * (0.6 + 0.25 * products as f64)).min(5e7);
    let aum = (aum / 100.0).round() * 100.0;
    // Revenue ≈ 1–2% of assets plus fees; cost to serve 200–1,200 a year.
    let revenue =
        (aum * (0.006 + 0.012 * rng.unit()) + 120.0 * products as f64 + 100.0 * rng.unit()).round();
    let cost = (300.0 + 900.0 * rng.unit()).round();
    let age = 22 + rng.below(55) as u32;
    let tenure = rng.below(((age - 18).min(30) + 1) as u64) as u32;
    (aum, revenue, cost, products, age, tenure)
}

/// The sample customer list as CSV in the given language (headers and names).
pub fn sample_csv(lang: Lang) -> String {
    let mut rng = Rng::new(20_261_123);
    let header = match lang {
        Lang::Zh => "客户号,客户名称,资产(元),年收益(元),服务成本(元),持有产品数,年龄,开户年限\r\n",
        Lang::En => "Customer ID,Name,AUM (CNY),Yearly revenue (CNY),Cost to serve (CNY),Products held,Age,Tenure (years)\r\n",
    };
    let mut s = String::from(header);
    for i in 0..SAMPLE_ROWS {
        let (aum, revenue, cost, products, age, tenure) = row(&mut rng);
        let a = rng.below(24) as usize;
        let b = rng.below(24) as usize;
        let name = match lang {
            Lang::Zh => format!("{}{}", SURNAMES[a], GIVEN[b]),
            Lang::En => format!("{} {}", FIRST[b], LAST[a]),
        };
        // Whole numbers: written as integers, as Display writes them.
        let (aum, revenue, cost) = (aum as i64, revenue as i64, cost as i64);
        s.push_str(&format!(
            "C{:04},{name},{aum},{revenue},{cost},{products},{age},{tenure}\r\n",
            i + 1
        ));
    }
    s
}

/// Rows in the sample list.
pub const SAMPLE_ROWS: usize = 200;

/// A large list for the benchmarks: `rows` customers, plain comma CSV.
pub fn bench_csv(rows: usize) -> String {
    use std::fmt::Write;
    let mut rng = Rng::new(rows as u64);
    let mut s = String::with_capacity(rows * 56 + 64);
    s.push_str("id,name,aum,revenue,cost,products,age,tenure\n");
    for i in 0..rows {
        let (aum, revenue, cost, products, age, tenure) = row(&mut rng);
        let (aum, revenue, cost) = (aum as i64, revenue as i64, cost as i64);
        let _ = writeln!(
            s,
            "C{i:07},客户{i},{aum},{revenue},{cost},{products},{age},{tenure}"
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::tiering::import::import_auto;

    #[test]
    fn sample_imports_cleanly_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let r = import_auto(&sample_csv(lang)).unwrap();
            assert_eq!(r.failed, 0, "{:?}", r.issues);
            assert_eq!(r.list.len(), SAMPLE_ROWS);
            assert!(r.list.has.iter().all(|&h| h));
        }
        assert_eq!(sample_csv(Lang::Zh), sample_csv(Lang::Zh));
    }

    #[test]
    fn bench_list_is_deterministic_and_clean() {
        let a = bench_csv(1000);
        assert_eq!(a, bench_csv(1000));
        let r = import_auto(&a).unwrap();
        assert_eq!(r.failed, 0);
        assert_eq!(r.list.len(), 1000);
    }
}
#[cfg(test)]
mod tier_counts {
    /// Platinum, gold, iron by AUM with the default thresholds (e2e too).
    const AUM_COUNTS: [usize; 3] = [7, 67, 126];
    /// The end-to-end test checks these counts on the page (default assumptions
    /// and thresholds): keep e2e/tiering.test.mjs in step.
    #[test]
    fn sample_tier_counts() {
        use crate::tools::tiering::{import::import_auto, model::*};
        for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
            let l = import_auto(&super::sample_csv(lang)).unwrap().list;
            let counts = |s| {
                analyse(&l, &Assumptions::default(), s, &Thresholds::default())
                    .unwrap()
                    .summaries
                    .iter()
                    .map(|s| s.count)
                    .collect::<Vec<_>>()
            };
            assert_eq!(counts(Scheme::Vip), vec![35, 139, 26]);
            assert_eq!(counts(Scheme::Metal), vec![15, 48, 137]);
            // By AUM, with the AUM thresholds: not everyone is platinum.
            let by_aum = Thresholds {
                metal_basis: Basis::Aum,
                ..Thresholds::default()
            };
            let aum = analyse(&l, &Assumptions::default(), Scheme::Metal, &by_aum)
                .unwrap()
                .summaries
                .iter()
                .map(|s| s.count)
                .collect::<Vec<_>>();
            assert_eq!(aum, vec![AUM_COUNTS[0], AUM_COUNTS[1], AUM_COUNTS[2]]);
            assert!(aum.iter().all(|&n| n > 0 && n < 150), "{aum:?}");
        }
    }
}
