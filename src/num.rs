//! Decimal text to `f64` without linking core's float parser in the wasm
//! binaries (its Eisel–Lemire tables and code are ~17 KB of wasm, ~12 KB
//! gzipped, in every binary).
//!
//! Almost every number people type or a CSV holds has at most 15 significant
//! digits and a small exponent: such a number is exactly `m · 10^e` or
//! `m / 10^e` with both operands exact in `f64`, so one IEEE operation gives
//! the correctly rounded result (Clinger's fast path). Anything else goes to
//! the platform's correctly rounded parser: the browser's `parseFloat` in
//! wasm, Rust's `str::parse` natively. The results are the same either way.

/// Exact powers of ten in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A decimal number as Rust's `f64::from_str` reads it, except that `inf`
/// and `nan` are refused: `[+-]digits[.digits][(e|E)[+-]digits]`, with at
/// least one digit before the exponent. `None` for anything else.
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    let neg = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    // Significant digits (leading zeros skipped), as an integer while it fits.
    let mut m: u64 = 0;
    let mut sig = 0usize;
    let mut digits = 0usize;
    let mut exp: i64 = 0;
    let mut seen_dot = false;
    while i < b.len() {
        match b[i] {
            d @ b'0'..=b'9' => {
                digits += 1;
                if m != 0 || d != b'0' {
                    sig += 1;
                    if sig <= 19 {
                        m = m * 10 + u64::from(d - b'0');
                        if seen_dot {
                            exp -= 1;
                        }
                    } else if !seen_dot {
                        exp += 1;
                    }
                } else if seen_dot {
                    exp -= 1;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if i < b.len() {
        if !matches!(b[i], b'e' | b'E') {
            return None;
        }
        i += 1;
        let eneg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        if i >= b.len() {
            return None;
        }
        let mut e: i64 = 0;
        for &c in &b[i..] {
            if !c.is_ascii_digit() {
                return None;
            }
            e = (e * 10 + i64::from(c - b'0')).min(1_000_000);
        }
        exp += if eneg { -e } else { e };
    }
    if m == 0 {
        return Some(if neg { -0.0 } else { 0.0 });
    }
    if sig <= 15 && exp.unsigned_abs() <= 22 {
        let v = m as f64;
        let v = if exp >= 0 {
            v * POW10[exp as usize]
        } else {
            v / POW10[(-exp) as usize]
        };
        return Some(if neg { -v } else { v });
    }
    slow(s)
}

/// The platform's parser, for a string already checked to be decimal.
#[cfg(target_arch = "wasm32")]
fn slow(s: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(s)).filter(|v| !v.is_nan())
}

#[cfg(not(target_arch = "wasm32"))]
fn slow(s: &str) -> Option<f64> {
    s.parse().ok()
}

/// `v` with `decimals` digits after the point, exactly as `format!("{:.N}")`
/// writes it (the binary value rounded half to even, `-` kept on negative
/// zero results, `NaN`, `inf`, `-inf`), without linking core's float
/// formatting (Grisu and Dragon4 with their tables: about 15 KB of wasm in
/// every binary). `decimals` above 17 count as 17.
pub fn fixed(v: f64, decimals: usize) -> String {
    let mut out = String::new();
    push_fixed(&mut out, v, decimals);
    out
}

/// [`fixed`], appended to `out`.
pub fn push_fixed(out: &mut String, v: f64, decimals: usize) {
    if v.is_nan() {
        out.push_str("NaN");
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    if v.is_infinite() {
        out.push_str("inf");
        return;
    }
    let d = decimals.min(17);
    let bits = v.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // v = m · 2^e exactly.
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    // The digits of round(v · 10^d), as a decimal string.
    let digits = if e >= 0 {
        // An integer: m · 2^e · 10^d, in base-10^9 limbs (little-endian).
        let mut limbs: Vec<u32> = vec![(m % 1_000_000_000) as u32, (m / 1_000_000_000) as u32];
        let mul = |limbs: &mut Vec<u32>, by: u64| {
            let mut carry = 0u64;
            for l in limbs.iter_mut() {
                let x = u64::from(*l) * by + carry;
                *l = (x % 1_000_000_000) as u32;
                carry = x / 1_000_000_000;
            }
            while carry > 0 {
                limbs.push((carry % 1_000_000_000) as u32);
                carry /= 1_000_000_000;
            }
        };
        let mut left = e;
        while left > 0 {
            let step = left.min(30);
            mul(&mut limbs, 1u64 << step);
            left -= step;
        }
        for _ in 0..d {
            mul(&mut limbs, 10);
        }
        let mut s = String::new();
        for (i, l) in limbs.iter().rev().enumerate() {
            if i == 0 {
                s.push_str(&l.to_string());
            } else {
                let t = l.to_string();
                for _ in t.len()..9 {
                    s.push('0');
                }
                s.push_str(&t);
            }
        }
        let s = s.trim_start_matches('0');
        if s.is_empty() {
            "0".to_string()
        } else {
            s.to_string()
        }
    } else {
        let k = (-e) as u32;
        // m < 2^53 and 10^17 < 2^57, so m · 10^d < 2^110.
        let n = u128::from(m) * 10u128.pow(d as u32);
        let q = if k >= 120 {
            0 // n < 2^110 ≤ 2^(k−1): below one half.
        } else {
            let q = n >> k;
            let r = n - (q << k);
            let half = 1u128 << (k - 1);
            if r > half || (r == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        };
        q.to_string()
    };
    // Place the point: at least one digit before it.
    if d == 0 {
        out.push_str(&digits);
        return;
    }
    if digits.len() <= d {
        out.push('0');
        out.push('.');
        for _ in digits.len()..d {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let (int, fr) = digits.split_at(digits.len() - d);
        out.push_str(int);
        out.push('.');
        out.push_str(fr);
    }
}

/// A number for an attribute or a label: at most `decimals` digits after
/// the point, trailing zeros and a trailing point dropped, never `-0`
/// (`short(12.0, 2)` → `12`, `short(0.25, 1)` → `0.2`); 0 when not finite.
pub fn short(v: f64, decimals: usize) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let mut s = fixed(v, decimals);
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// The shortest decimal text that reads back as exactly `v`, never with an
/// exponent: what `format!("{v}")` writes (`1500`, `0.085`, `-2.5`,
/// `0.0000001`, `NaN`, `inf`), without linking core's float formatting.
/// (On an exact tie between two shortest forms the last digit may differ
/// from Display's: both read back as the same number.)
/// The digits come from `zmij` (Schubfach), which serde_json already links
/// to write numbers; only its exponent form is spelled out here.
pub fn plain<F: zmij::Float>(v: F) -> String {
    let mut out = String::new();
    push_plain(&mut out, v);
    out
}

/// [`plain`], appended to `out`.
pub fn push_plain<F: zmij::Float>(out: &mut String, v: F) {
    let mut buf = zmij::Buffer::new();
    let s = buf.format(v);
    // zmij writes `1500.0`, `0.085`, `NaN`, `inf`, or for very large and
    // small numbers `d.ddde±x` with one nonzero digit before the point.
    let Some((mant, exp)) = s.split_once('e') else {
        out.push_str(s.strip_suffix(".0").unwrap_or(s));
        return;
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let frac = frac.trim_end_matches('0');
    // The significant digits are int + frac; the point goes after the
    // first `int.len() + exp` of them.
    let point = int.len() as i32 + exp;
    let n = (int.len() + frac.len()) as i32;
    if neg {
        out.push('-');
    }
    if point <= 0 {
        out.push('0');
        out.push('.');
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.push_str(int);
        out.push_str(frac);
    } else if point >= n {
        out.push_str(int);
        out.push_str(frac);
        out.extend(std::iter::repeat_n('0', (point - n) as usize));
    } else {
        // (zmij writes an exponent only outside 1e-5..1e16, so this is
        // not reached; kept correct all the same.)
        for (k, d) in int.chars().chain(frac.chars()).enumerate() {
            if k == point as usize {
                out.push('.');
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(s: &str) {
        let want = s.parse::<f64>().ok();
        let got = parse_f64(s);
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{s:?}: {got:?} vs {want:?}"
        );
    }

    #[test]
    fn reads_as_rust_does() {
        for s in [
            "0",
            "-0",
            "+0",
            "1",
            "-1",
            "1.",
            ".5",
            "-.5",
            "0.1",
            "0.3",
            "12345.67",
            "1e5",
            "1E-5",
            "2.5e+3",
            "007",
            "0.000001",
            "123456789012345",
            "1234567890123456789",
            "12345678901234567890123",
            "9007199254740993",
            "1e22",
            "1e23",
            "1e-22",
            "1e-23",
            "1e308",
            "1e309",
            "1e-400",
            "4.9e-324",
            "2.2250738585072014e-308",
            "0.1e1",
            "100e-2",
            "3.14159265358979323846",
            "1_0",
            "",
            "-",
            "+",
            ".",
            "e5",
            "1e",
            "1e+",
            "1.2.3",
            "1e5.5",
            " 1",
            "1 ",
            "--1",
            "1-2",
            "0x10",
            "inf",
            "NaN",
            "١",
        ] {
            if s.eq_ignore_ascii_case("inf") || s.eq_ignore_ascii_case("nan") {
                assert_eq!(parse_f64(s), None);
            } else {
                same(s);
            }
        }
    }

    #[test]
    fn fixed_writes_as_rust_does() {
        for v in [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            1.005,
            0.285,
            12345.678,
            -0.04,
            1e15,
            1e16,
            1e21,
            1e22,
            1e23,
            1.7976931348623157e308,
            5e-324,
            2.2250738585072014e-308,
            123456789012345680.0,
            0.1,
            0.2,
            0.3,
            99.95,
            99.949999,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            4503599627370496.5,
            9007199254740993.0,
        ] {
            for d in 0..=17 {
                assert_eq!(
                    fixed(v, d),
                    format!("{:.*}", d, v),
                    "{v:e} with {d} decimals"
                );
            }
        }
    }

    #[test]
    fn short_trims() {
        assert_eq!(short(12.0, 2), "12");
        assert_eq!(short(0.25, 1), "0.2");
        assert_eq!(short(-0.04, 1), "0");
        assert_eq!(short(1.5, 3), "1.5");
        assert_eq!(short(f64::NAN, 1), "0");
        assert_eq!(short(-3.25, 2), "-3.25");
    }

    #[test]
    fn plain_writes_what_display_writes() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -2.5,
            0.085,
            1500.0,
            1e16,
            1.5e-7,
            123456789.125,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            1e21,
            1e22,
            0.1 + 0.2,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(plain(v), format!("{v}"), "{v:e}");
        }
        for w in [
            0.0f32,
            -0.0,
            1.0,
            0.1,
            65.5,
            3.4e38,
            1e-45,
            f32::NAN,
            30.0,
            4.5,
        ] {
            assert_eq!(plain(w), format!("{w}"), "{w:e}");
        }
    }

    proptest! {
        #[test]
        fn fixed_matches_format(bits in any::<u64>(), d in 0usize..18) {
            let v = f64::from_bits(bits);
            prop_assert_eq!(fixed(v, d), format!("{:.*}", d, v));
        }

        #[test]
        fn fixed_matches_format_for_ordinary_numbers(x in -1e12f64..1e12, d in 0usize..7) {
            prop_assert_eq!(fixed(x, d), format!("{:.*}", d, x));
        }

        #[test]
        fn numbers_read_as_rust_does(m in any::<u64>(), frac in 0usize..25, e in -30i32..30, neg: bool, with_e: bool) {
            let digits = m.to_string();
            let s = if frac > 0 && frac < digits.len() {
                format!("{}.{}", &digits[..digits.len() - frac], &digits[digits.len() - frac..])
            } else if frac >= digits.len() {
                format!("0.{}{}", "0".repeat(frac - digits.len()), digits)
            } else {
                digits
            };
            let s = if with_e { format!("{s}e{e}") } else { s };
            let s = if neg { format!("-{s}") } else { s };
            same(&s);
        }

        #[test]
        fn any_text_is_read_as_rust_does(s in "[-+0-9.eE]{0,12}") {
            same(&s);
        }

        #[test]
        fn plain_reads_back_in_as_few_digits_as_display(bits in any::<u64>(), bits32 in any::<u32>()) {
            let v = f64::from_bits(bits);
            let p = plain(v);
            if v.is_finite() {
                prop_assert_eq!(parse_f64(&p).map(f64::to_bits), Some(v.to_bits()));
                prop_assert_eq!(p.len(), format!("{v}").len());
            } else {
                prop_assert_eq!(p, format!("{v}"));
            }
            let w = f32::from_bits(bits32);
            let p = plain(w);
            if w.is_finite() {
                prop_assert_eq!(parse_f64(&p).map(|v| (v as f32).to_bits()), Some(w.to_bits()));
                prop_assert_eq!(p.len(), format!("{w}").len());
            } else {
                prop_assert_eq!(p, format!("{w}"));
            }
        }

        #[test]
        fn plain_matches_display_for_ordinary_numbers(m in -10_000_000_000i64..10_000_000_000, q in 0i32..12) {
            let v = m as f64 / 10f64.powi(q);
            prop_assert_eq!(plain(v), format!("{v}"));
            prop_assert_eq!(parse_f64(&plain(v)), Some(v));
        }

        #[test]
        fn round_trips(v in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
            prop_assert_eq!(parse_f64(&v.to_string()).map(f64::to_bits), Some(v.to_bits()));
            prop_assert_eq!(parse_f64(&format!("{v:e}")).map(f64::to_bits), Some(v.to_bits()));
        }
    }
}
