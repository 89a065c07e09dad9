//! Numbers, money and dates in the user's language: grouping, ¥, 万/亿 in
//! Chinese and K/M/B in English, dates through chrono. Non-finite numbers are
//! never shown: they come out as "—".

use super::Lang;
use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// The dash shown in place of a number that cannot be shown (NaN, ∞).
pub const NO_VALUE: &str = "—";

/// Round half away from zero to `decimals` places and group the integer part
/// with commas: `fmt_number(1234567.891, 2)` → `1,234,567.89`.
pub fn fmt_number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return NO_VALUE.to_string();
    }
    let s = crate::num::fixed(v.abs(), decimals);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + 4);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    // Avoid "-0.00".
    let negative = v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Money in full: `¥1,234.50` (same form in both languages).
pub fn fmt_money(_lang: Lang, v: f64) -> String {
    if !v.is_finite() {
        return NO_VALUE.to_string();
    }
    let body = fmt_number(v.abs(), 2);
    if v < 0.0 && body.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("-¥{body}")
    } else {
        format!("¥{body}")
    }
}

/// The unit of a compact amount: the divisor and its suffix (`万`, `K`, …),
/// `(1, "")` for amounts shown in full.
fn short_unit(lang: Lang, a: f64) -> (f64, &'static str) {
    match lang {
        Lang::Zh => {
            if a >= 1e8 {
                (1e8, "亿")
            } else if a >= 1e4 {
                (1e4, "万")
            } else {
                (1.0, "")
            }
        }
        Lang::En => {
            if a >= 1e9 {
                (1e9, "B")
            } else if a >= 1e6 {
                (1e6, "M")
            } else if a >= 1e4 {
                (1e3, "K")
            } else {
                (1.0, "")
            }
        }
    }
}

/// Decimals of a compact amount `scaled` (already divided by its unit): at
/// least four significant digits, so `¥100.3万` is `¥1.003M` in English, not
/// `¥1M` (English units step by 1,000, Chinese ones by 10,000).
fn short_decimals(lang: Lang, scaled: f64) -> usize {
    if scaled >= 100.0 {
        1
    } else if scaled >= 10.0 || lang == Lang::Zh {
        2
    } else {
        3
    }
}

/// Money in compact form: `¥2.67万`, `¥1.2亿` in Chinese; `¥26.67K`,
/// `¥1.003M`, `¥3.4B` in English. Small amounts are shown in full.
pub fn fmt_money_short(lang: Lang, v: f64) -> String {
    if !v.is_finite() {
        return NO_VALUE.to_string();
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    let (div, unit) = short_unit(lang, a);
    if unit.is_empty() {
        return format!(
            "{sign}¥{}",
            fmt_number(a, if a.fract() == 0.0 { 0 } else { 2 })
        );
    }
    let scaled = a / div;
    let mut num = fmt_number(scaled, short_decimals(lang, scaled));
    if num.contains('.') {
        while num.ends_with('0') {
            num.pop();
        }
        if num.ends_with('.') {
            num.pop();
        }
    }
    format!("{sign}¥{num}{unit}")
}

/// A whole column (or grid) of money under one rule: the unit of the largest
/// amount (万/亿, K/M/B or none) and the same number of decimals for every
/// value, with enough decimals (up to three more) that different amounts never
/// look the same. Non-finite values come out as "—".
pub fn fmt_money_col(lang: Lang, values: &[f64]) -> Vec<String> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let max = finite.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let (div, unit) = short_unit(lang, max);
    let base = if unit.is_empty() {
        if finite.iter().all(|v| v.fract() == 0.0) {
            0
        } else {
            2
        }
    } else {
        short_decimals(lang, max / div)
    };
    let one = |v: f64, d: usize| -> String {
        if !v.is_finite() {
            return NO_VALUE.to_string();
        }
        let body = fmt_number(v.abs() / div, d);
        if v < 0.0 && body.chars().any(|c| c.is_ascii_digit() && c != '0') {
            format!("-¥{body}{unit}")
        } else {
            format!("¥{body}{unit}")
        }
    };
    let mut sorted = finite.clone();
    crate::sort::by(&mut sorted, f64::total_cmp);
    sorted.dedup_by(|a, b| (*a - *b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs())));
    let mut decimals = base;
    while decimals < base + 3 {
        let shown: Vec<String> = sorted.iter().map(|v| one(*v, decimals)).collect();
        if shown.windows(2).all(|w| w[0] != w[1]) {
            break;
        }
        decimals += 1;
    }
    values.iter().map(|v| one(*v, decimals)).collect()
}

/// Translate a message about `count` things: exactly one takes the key's
/// `.one` variant when there is one ("Imported 1 customer"), any other count
/// the key itself ("Imported 3 customers"). `args` fill the placeholders.
pub fn plural(lang: Lang, key: &'static str, count: usize, args: &[(&str, &str)]) -> String {
    let template = if count == 1 {
        super::lookup(lang, &format!("{key}.one")).unwrap_or_else(|| super::t(lang, key))
    } else {
        super::t(lang, key)
    };
    super::fill(template, args)
}

/// A plain count or quantity in compact form (万/亿 or K/M/B), no currency.
pub fn fmt_count_short(lang: Lang, v: f64) -> String {
    let s = fmt_money_short(lang, v);
    s.replacen('¥', "", 1)
}

/// A ratio shown as a percentage: `fmt_percent(0.125, 1)` → `12.5%`.
pub fn fmt_percent(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return NO_VALUE.to_string();
    }
    format!("{}%", fmt_number(v * 100.0, decimals))
}

/// A date: `2026年11月23日` or `23 Nov 2026`.
pub fn fmt_date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => format!(
            "{} {} {}",
            d.day(),
            crate::dates::month_abbr(d.month()),
            d.year()
        ),
    }
}

/// A date and time to the minute: `2026年11月23日 14:05` or `23 Nov 2026, 14:05`.
pub fn fmt_datetime(lang: Lang, dt: NaiveDateTime) -> String {
    let sep = match lang {
        Lang::Zh => " ",
        Lang::En => ", ",
    };
    format!(
        "{}{sep}{}",
        fmt_date(lang, dt.date()),
        crate::dates::hour_minute(dt)
    )
}

/// Parse a number typed by a user: accepts grouping commas, full-width digits
/// and punctuation, a trailing `%` (divided by 100), and 万/亿/K/M suffixes.
/// Returns `None` for empty or non-numeric text, and never a non-finite value.
pub fn parse_number(text: &str) -> Option<f64> {
    let mut s: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' | '−' => '-',
            '，' | ',' | ' ' | '\u{a0}' | '_' => '\0',
            '％' => '%',
            _ => c,
        })
        .filter(|&c| c != '\0')
        .collect();
    s = s
        .trim_start_matches('¥')
        .trim_start_matches('￥')
        .to_string();
    if s.is_empty() {
        return None;
    }
    let mut factor = 1.0;
    for (suffix, f) in [
        ("%", 0.01),
        ("亿", 1e8),
        ("万", 1e4),
        ("k", 1e3),
        ("K", 1e3),
        ("m", 1e6),
        ("M", 1e6),
        ("b", 1e9),
        ("B", 1e9),
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
            factor = f;
            break;
        }
    }
    let s = s.replace('¥', "");
    // Reject things Rust parses but users don't mean: "inf", "nan", "1e999".
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return None;
    }
    let v = crate::num::parse_f64(&s)?;
    let v = v * factor;
    v.is_finite().then_some(v)
}

/// Check a number typed into a field: the value, or the key of the reason it
/// is refused (`ui.err.number`: not a number; `ui.err.range`: outside
/// `[min, max]`). With `percent` the user types 80 for 0.8 (or "80%").
pub fn check_number(text: &str, min: f64, max: f64, percent: bool) -> Result<f64, &'static str> {
    let mut v = parse_number(text).ok_or("ui.err.number")?;
    if percent && !text.contains('%') && !text.contains('％') {
        v /= 100.0;
    }
    if v < min || v > max {
        return Err("ui.err.range");
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_rounded() {
        assert_eq!(fmt_number(0.0, 2), "0.00");
        assert_eq!(fmt_number(1234567.891, 2), "1,234,567.89");
        assert_eq!(fmt_number(999.0, 0), "999");
        assert_eq!(fmt_number(1000.0, 0), "1,000");
        assert_eq!(fmt_number(-1234.5, 1), "-1,234.5");
        assert_eq!(fmt_number(-0.001, 2), "0.00");
        assert_eq!(fmt_number(f64::NAN, 2), NO_VALUE);
        assert_eq!(fmt_number(f64::INFINITY, 2), NO_VALUE);
    }

    #[test]
    fn money_full_and_short() {
        assert_eq!(fmt_money(Lang::Zh, 2666.666), "¥2,666.67");
        assert_eq!(fmt_money(Lang::En, -50.0), "-¥50.00");
        assert_eq!(fmt_money_short(Lang::Zh, 26_666.67), "¥2.67万");
        assert_eq!(fmt_money_short(Lang::Zh, 120_000_000.0), "¥1.2亿");
        assert_eq!(fmt_money_short(Lang::Zh, 3_500_000.0), "¥350万");
        assert_eq!(fmt_money_short(Lang::Zh, 800.0), "¥800");
        assert_eq!(fmt_money_short(Lang::En, 26_666.67), "¥26.67K");
        assert_eq!(fmt_money_short(Lang::En, 1_200_000.0), "¥1.2M");
        assert_eq!(fmt_money_short(Lang::En, 3_400_000_000.0), "¥3.4B");
        assert_eq!(fmt_money_short(Lang::En, -20_000.0), "-¥20K");
        assert_eq!(fmt_money_short(Lang::En, f64::NAN), NO_VALUE);
        assert_eq!(fmt_count_short(Lang::Zh, 50_000.0), "5万");
        // English keeps as many digits as Chinese: ¥100.3万 is not "¥1M".
        assert_eq!(fmt_money_short(Lang::Zh, 1_003_000.0), "¥100.3万");
        assert_eq!(fmt_money_short(Lang::En, 1_003_000.0), "¥1.003M");
    }

    #[test]
    fn a_column_has_one_unit_and_one_precision() {
        // The year-by-year table: ¥9,638.22 above ¥1.08万 was two rules in one column.
        let col = fmt_money_col(Lang::Zh, &[9_638.22, 10_800.0, 500.0]);
        assert_eq!(col, vec!["¥0.96万", "¥1.08万", "¥0.05万"]);
        // The sensitivity grid: ¥9,865 next to ¥1.1万.
        let grid = fmt_money_col(Lang::Zh, &[9_865.0, 11_000.0]);
        assert_eq!(grid, vec!["¥0.99万", "¥1.10万"]);
        // Enough digits to tell values apart.
        let close = fmt_money_col(Lang::En, &[1_003_000.0, 1_004_000.0, 2_000_000.0]);
        assert_eq!(close, vec!["¥1.003M", "¥1.004M", "¥2.000M"]);
        let near = fmt_money_col(Lang::Zh, &[12_340.0, 12_345.0]);
        assert_ne!(near[0], near[1]);
        assert!(near.iter().all(|s| s.ends_with('万')));
        // Small amounts in full; integers without cents; negatives and "—".
        assert_eq!(
            fmt_money_col(Lang::Zh, &[800.0, -50.0]),
            vec!["¥800", "-¥50"]
        );
        assert_eq!(
            fmt_money_col(Lang::En, &[1.5, f64::NAN]),
            vec!["¥1.50", NO_VALUE]
        );
        assert!(fmt_money_col(Lang::Zh, &[]).is_empty());
    }

    #[test]
    fn plural_variant_for_one() {
        assert_eq!(
            plural(
                Lang::En,
                "tiering.msg.loaded",
                1,
                &[("n", "1"), ("src", "x")]
            ),
            "Imported 1 customer (source: x)."
        );
        assert_eq!(
            plural(
                Lang::En,
                "tiering.msg.loaded",
                2,
                &[("n", "2"), ("src", "x")]
            ),
            "Imported 2 customers (source: x)."
        );
        assert_eq!(
            plural(
                Lang::Zh,
                "tiering.msg.loaded",
                1,
                &[("n", "1"), ("src", "x")]
            ),
            "已导入 1 位客户（来源：x）。"
        );
    }

    #[test]
    fn percent_and_dates() {
        assert_eq!(fmt_percent(0.125, 1), "12.5%");
        let d = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert_eq!(fmt_date(Lang::Zh, d), "2026年11月3日");
        assert_eq!(fmt_date(Lang::En, d), "3 Nov 2026");
        let dt = d.and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(fmt_datetime(Lang::Zh, dt), "2026年11月3日 09:05");
        assert_eq!(fmt_datetime(Lang::En, dt), "3 Nov 2026, 09:05");
    }

    #[test]
    fn parses_user_numbers() {
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number(" ￥１２３ "), Some(123.0));
        assert_eq!(parse_number("80%"), Some(0.8));
        assert_eq!(parse_number("3万"), Some(30000.0));
        assert_eq!(parse_number("1.5亿"), Some(1.5e8));
        assert_eq!(parse_number("2k"), Some(2000.0));
        assert_eq!(parse_number("-7"), Some(-7.0));
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("1e999"), None);
    }

    #[test]
    fn field_checks() {
        assert_eq!(check_number("abc", 0.0, 1e12, false), Err("ui.err.number"));
        assert_eq!(check_number("120", 0.0, 1.0, true), Err("ui.err.range"));
        assert_eq!(check_number("120%", 0.0, 1.0, true), Err("ui.err.range"));
        assert_eq!(check_number("0", 1.0, 1000.0, false), Err("ui.err.range"));
        assert_eq!(check_number("80", 0.0, 1.0, true), Ok(0.8));
        assert_eq!(check_number("1,300", 0.0, 1e12, false), Ok(1300.0));
    }

    proptest::proptest! {
        #[test]
        fn formatting_never_panics_and_round_trips(v in -1e15f64..1e15) {
            let s = fmt_number(v, 2);
            let back = parse_number(&s).unwrap();
            proptest::prop_assert!((back - v).abs() <= 0.005 + v.abs() * 1e-12);
            let _ = fmt_money_short(Lang::Zh, v);
            let _ = fmt_money_short(Lang::En, v);
        }
    }
}
