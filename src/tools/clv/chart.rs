//! The maths of the tool's SVG charts: scales, ticks, waterfall steps,
//! polyline paths and heat-map colours. The view only draws what these return.

/// A "nice" upper bound ≥ `v` (1, 2, 2.5 or 5 × 10ⁿ) and the tick values
/// from 0 to it (about 4–6 ticks). Non-positive or non-finite → (1, [0, 1]).
pub fn nice_ticks(v: f64) -> (f64, Vec<f64>) {
    if !v.is_finite() || v <= 0.0 {
        return (1.0, vec![0.0, 1.0]);
    }
    let raw = v / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|f| f * mag)
        .find(|s| *s >= raw * (1.0 - 1e-12))
        .unwrap_or(10.0 * mag);
    let n = (v / step - 1e-9).ceil().max(1.0) as usize;
    let ticks = (0..=n).map(|i| i as f64 * step).collect();
    (n as f64 * step, ticks)
}

/// Linear map of `v` in [0, max] onto [0, len] (0 when max is not positive).
pub fn scale(v: f64, max: f64, len: f64) -> f64 {
    if max.is_nan() || max <= 0.0 || !v.is_finite() {
        return 0.0;
    }
    (v / max * len).clamp(0.0, len)
}

/// Waterfall steps: each value starts where the previous one ended.
/// Returns (start, end) per value; the last end is the total.
pub fn waterfall(values: &[f64]) -> Vec<(f64, f64)> {
    let mut acc = 0.0;
    values
        .iter()
        .map(|v| {
            let start = acc;
            acc += if v.is_finite() { *v } else { 0.0 };
            (start, acc)
        })
        .collect()
}

/// SVG polyline points for `ys` (each in [0, y_max]) spread evenly over a
/// `w`×`h` box with the y axis pointing up, starting at (`x0`, `y0`).
pub fn polyline(ys: &[f64], y_max: f64, x0: f64, y0: f64, w: f64, h: f64) -> String {
    let n = ys.len();
    if n == 0 {
        return String::new();
    }
    let dx = if n > 1 { w / (n - 1) as f64 } else { 0.0 };
    ys.iter()
        .enumerate()
        .map(|(i, y)| {
            let x = x0 + dx * i as f64;
            let py = y0 + h - scale(*y, y_max, h);
            format!("{x:.1},{py:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Heat-map colour for `t` in [0, 1]: pale red (low) → pale yellow → green
/// (high). Out-of-range values are clamped; NaN gives grey.
pub fn heat_color(t: f64) -> String {
    if t.is_nan() {
        return "#cccccc".into();
    }
    let t = t.clamp(0.0, 1.0);
    let (a, b, u) = if t < 0.5 {
        ((0xf4, 0xa5, 0x9a), (0xfa, 0xe8, 0x9c), t * 2.0)
    } else {
        ((0xfa, 0xe8, 0x9c), (0x6c, 0xc0, 0x8a), (t - 0.5) * 2.0)
    };
    let mix = |x: i32, y: i32| (x as f64 + (y - x) as f64 * u).round() as i32;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(a.0, b.0),
        mix(a.1, b.1),
        mix(a.2, b.2)
    )
}

/// Position of `v` between `lo` and `hi` as a fraction (0.5 when equal).
pub fn fraction(v: f64, lo: f64, hi: f64) -> f64 {
    if hi.is_nan() || lo.is_nan() || hi <= lo || !v.is_finite() {
        return 0.5;
    }
    ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
}

/// A symmetric range [−a, a] (nice) covering every value: used for the
/// tornado chart's axis around the base value.
pub fn symmetric_extent(values: &[f64]) -> f64 {
    let m = values
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    nice_ticks(m).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks() {
        assert_eq!(
            nice_ticks(2666.67),
            (3000.0, vec![0.0, 1000.0, 2000.0, 3000.0])
        );
        let (m, t) = nice_ticks(9.0);
        assert_eq!(m, 10.0);
        assert_eq!(t.len(), 6);
        assert_eq!(nice_ticks(0.0), (1.0, vec![0.0, 1.0]));
        assert_eq!(nice_ticks(f64::NAN).0, 1.0);
        assert_eq!(nice_ticks(100.0).0, 100.0);
    }

    #[test]
    fn scale_clamps() {
        assert_eq!(scale(5.0, 10.0, 200.0), 100.0);
        assert_eq!(scale(20.0, 10.0, 200.0), 200.0);
        assert_eq!(scale(5.0, 0.0, 200.0), 0.0);
        assert_eq!(scale(f64::INFINITY, 10.0, 200.0), 0.0);
    }

    #[test]
    fn waterfall_steps() {
        assert_eq!(
            waterfall(&[1.0, 2.0, 3.0]),
            vec![(0.0, 1.0), (1.0, 3.0), (3.0, 6.0)]
        );
        assert_eq!(waterfall(&[1.0, f64::NAN]), vec![(0.0, 1.0), (1.0, 1.0)]);
    }

    #[test]
    fn polyline_points() {
        assert_eq!(
            polyline(&[1.0, 0.5, 0.0], 1.0, 0.0, 0.0, 100.0, 50.0),
            "0.0,0.0 50.0,25.0 100.0,50.0"
        );
        assert_eq!(polyline(&[], 1.0, 0.0, 0.0, 1.0, 1.0), "");
    }

    #[test]
    fn colours() {
        assert_eq!(heat_color(0.0), "#f4a59a");
        assert_eq!(heat_color(1.0), "#6cc08a");
        assert_eq!(heat_color(0.5), "#fae89c");
        assert_eq!(heat_color(f64::NAN), "#cccccc");
        assert_eq!(fraction(5.0, 0.0, 10.0), 0.5);
        assert_eq!(fraction(5.0, 5.0, 5.0), 0.5);
        assert_eq!(symmetric_extent(&[-120.0, 80.0]), 125.0);
    }

    proptest::proptest! {
        #[test]
        fn ticks_cover(v in 1e-6f64..1e15) {
            let (m, t) = nice_ticks(v);
            proptest::prop_assert!(m >= v * (1.0 - 1e-9));
            proptest::prop_assert!(m <= v * 2.6 + 1e-9);
            proptest::prop_assert!(t.len() >= 2 && t.len() <= 7);
        }
    }
}
