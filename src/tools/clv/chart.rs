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
    // max/min, not clamp: clamp's check of its bounds would link core's
    // float formatting (its panic message prints them).
    (v / max * len).max(0.0).min(len)
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
            format!("{},{}", crate::num::fixed(x, 1), crate::num::fixed(py, 1))
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

/// The drawing box and text sizes of a chart, in SVG user units. The SVG is
/// scaled to the card's width, so text of `font` units is
/// `font × drawn width ÷ w` pixels on screen: the boxes are narrow enough
/// that text stays legible on a phone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    pub w: f64,
    /// Labels.
    pub font: f64,
    /// Values and the smallest text.
    pub small: f64,
    /// Height of one row (label line and bar).
    pub row: f64,
    /// Space at the left and right.
    pub pad: f64,
}

/// The six-component waterfall: one row per component (and the total), the
/// bar starting where the previous one ended.
pub const WATERFALL: Layout = Layout {
    w: 360.0,
    font: 15.0,
    small: 14.0,
    row: 46.0,
    pad: 4.0,
};

/// The tornado: one row per input, its name above its bar.
pub const TORNADO: Layout = Layout {
    w: 360.0,
    font: 15.0,
    small: 14.0,
    row: 50.0,
    pad: 4.0,
};

/// Width a chart is drawn at on a 360 px phone (page and card padding off).
pub const PHONE_W: f64 = 296.0;
/// Smallest legible text, in screen pixels.
pub const MIN_TEXT_PX: f64 = 11.0;

/// Screen size of text of `font` units in a box `view_w` wide drawn
/// `drawn_w` pixels wide.
pub fn screen_px(font: f64, view_w: f64, drawn_w: f64) -> f64 {
    if view_w <= 0.0 {
        return 0.0;
    }
    font * drawn_w / view_w
}

/// Horizontal waterfall bars, (x0, x1) per value and then the total's, in a
/// plot from `left` over `width`.
pub fn waterfall_bars(values: &[f64], left: f64, width: f64) -> Vec<(f64, f64)> {
    let steps = waterfall(values);
    let max = steps.iter().fold(0.0f64, |m, s| m.max(s.0).max(s.1));
    let x = |v: f64| left + scale(v, max, width);
    let mut out: Vec<(f64, f64)> = steps
        .iter()
        .map(|&(s, e)| (x(s.min(e)), x(s.max(e))))
        .collect();
    let total = steps.last().map(|s| s.1).unwrap_or(0.0);
    out.push((x(0.0), x(total.max(0.0))));
    out
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
    fn chart_text_is_legible_on_a_phone() {
        // The tornado was 600 units wide with 11-unit text: 8 px on a laptop
        // card, 5 px on a phone; the waterfall 640 wide.
        assert!(screen_px(11.0, 600.0, PHONE_W) < MIN_TEXT_PX);
        for l in [WATERFALL, TORNADO] {
            assert!(
                screen_px(l.small, l.w, PHONE_W) >= MIN_TEXT_PX,
                "{l:?}: {} px",
                screen_px(l.small, l.w, PHONE_W)
            );
            assert!(l.font >= l.small && l.row >= 2.5 * l.font);
        }
    }

    /// The calendar showed "张伟（…": names must wrap in the day cell, not be cut.
    #[test]
    fn calendar_names_are_not_cut_off() {
        let css = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("style/tools/clv.css"),
        )
        .unwrap();
        let rule = |sel: &str| -> String {
            let i = css
                .find(&format!("{sel} {{"))
                .unwrap_or_else(|| panic!("{sel}"));
            let j = css[i..].find('}').unwrap();
            css[i..i + j].to_string()
        };
        let contact = rule(".clv-contact");
        assert!(
            !contact.contains("ellipsis") && !contact.contains("nowrap"),
            "{contact}"
        );
        assert!(contact.contains("overflow-wrap: anywhere"), "{contact}");
        assert!(!rule(".clv-month td").contains("overflow: hidden"));
        // No presentation-mode rule shrinks the phone-sized charts' text.
        assert!(!css.contains(".clv-tornado text { font-size"));
    }

    #[test]
    fn horizontal_waterfall() {
        assert_eq!(
            waterfall_bars(&[1.0, 2.0, 1.0], 0.0, 100.0),
            vec![(0.0, 25.0), (25.0, 75.0), (75.0, 100.0), (0.0, 100.0)]
        );
        let zero = waterfall_bars(&[0.0, 0.0], 10.0, 100.0);
        assert!(zero.iter().all(|b| b.0 == 10.0 && b.1 == 10.0));
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
