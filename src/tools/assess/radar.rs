//! Radar (spider) chart geometry: pure functions producing SVG coordinates.
//! Axis 0 points straight up; axes go clockwise.

use std::f64::consts::PI;

/// Angle (radians, SVG coordinates) of axis `i` of `n`.
pub fn axis_angle(i: usize, n: usize) -> f64 {
    let n = n.max(1) as f64;
    -PI / 2.0 + 2.0 * PI * (i as f64) / n
}

/// Clamp a score into 0–100 (non-finite → 0).
pub fn clamp_score(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// The point for `value` (0–100) on axis `i` of `n`, centre `(cx, cy)`, radius `r`.
pub fn point(cx: f64, cy: f64, r: f64, i: usize, n: usize, value: f64) -> (f64, f64) {
    let a = axis_angle(i, n);
    let d = r * clamp_score(value) / 100.0;
    (cx + d * a.cos(), cy + d * a.sin())
}

/// Polygon points of a series of scores, one per axis.
pub fn polygon(values: &[f64], cx: f64, cy: f64, r: f64) -> Vec<(f64, f64)> {
    let n = values.len();
    values
        .iter()
        .enumerate()
        .map(|(i, v)| point(cx, cy, r, i, n, *v))
        .collect()
}

/// A grid ring at `level` (0–100) for `n` axes.
pub fn ring(n: usize, level: f64, cx: f64, cy: f64, r: f64) -> Vec<(f64, f64)> {
    polygon(&vec![level; n], cx, cy, r)
}

/// The SVG `points` attribute text.
pub fn points_attr(pts: &[(f64, f64)]) -> String {
    pts.iter()
        .map(|(x, y)| format!("{},{}", crate::num::fixed(*x, 1), crate::num::fixed(*y, 1)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text-anchor` for the label of axis `i` of `n`.
pub fn label_anchor(i: usize, n: usize) -> &'static str {
    let c = axis_angle(i, n).cos();
    if c > 0.2 {
        "start"
    } else if c < -0.2 {
        "end"
    } else {
        "middle"
    }
}

/// Rough width of a label in SVG units (CJK characters are square, Latin
/// ones about 0.58 em).
pub fn text_width(s: &str, font: f64) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.58 } else { 1.0 })
        .sum::<f64>()
        * font
}

/// Half the width a radar needs so every axis label fits: labels on the
/// sides extend away from the centre, labels at the top and bottom are centred.
pub fn half_width(labels: &[String], r: f64, pad: f64, font: f64) -> f64 {
    let n = labels.len();
    let need = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let w = text_width(l, font);
            let dx = ((r + pad) * axis_angle(i, n).cos()).abs();
            match label_anchor(i, n) {
                "middle" => dx + w / 2.0,
                _ => dx + w,
            }
        })
        .fold(r + pad, f64::max);
    need + 6.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn four_axes_full_scores() {
        let p = polygon(&[100.0, 100.0, 100.0, 100.0], 100.0, 100.0, 50.0);
        assert!(close(p[0], (100.0, 50.0))); // up
        assert!(close(p[1], (150.0, 100.0))); // right
        assert!(close(p[2], (100.0, 150.0))); // down
        assert!(close(p[3], (50.0, 100.0))); // left
    }

    #[test]
    fn zero_and_bad_values_sit_at_the_centre() {
        let p = polygon(&[0.0, f64::NAN, f64::INFINITY, -5.0], 10.0, 20.0, 30.0);
        for q in p {
            assert!(close(q, (10.0, 20.0)));
        }
        assert!(close(point(0.0, 0.0, 10.0, 0, 3, 250.0), (0.0, -10.0)));
    }

    #[test]
    fn attr_and_anchor() {
        assert_eq!(points_attr(&[(1.0, 2.25), (3.0, 4.0)]), "1.0,2.2 3.0,4.0");
        assert_eq!(points_attr(&[]), "");
        assert_eq!(label_anchor(0, 4), "middle");
        assert_eq!(label_anchor(1, 4), "start");
        assert_eq!(label_anchor(3, 4), "end");
        assert_eq!(ring(6, 50.0, 0.0, 0.0, 10.0).len(), 6);
        assert!(polygon(&[], 0.0, 0.0, 1.0).is_empty());
    }

    #[test]
    fn width_fits_labels() {
        assert_eq!(text_width("ab", 10.0), 11.6);
        assert_eq!(text_width("客户", 10.0), 20.0);
        let zh: Vec<String> = ["客户洞察", "沟通表达", "产品知识", "流程纪律"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let en: Vec<String> = [
            "Customer insight",
            "Communication",
            "Product knowledge",
            "Process discipline",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let hz = half_width(&zh, 100.0, 10.0, 14.0);
        let he = half_width(&en, 100.0, 10.0, 14.0);
        assert!(hz >= 110.0 + 56.0 && he > hz);
        assert!(half_width(&[], 100.0, 10.0, 14.0) >= 110.0);
    }

    proptest! {
        #[test]
        fn points_stay_within_radius(vals in proptest::collection::vec(-50.0f64..200.0, 1..12), r in 1.0f64..500.0) {
            let n = vals.len();
            let p = polygon(&vals, 0.0, 0.0, r);
            prop_assert_eq!(p.len(), n);
            for ((x, y), v) in p.iter().zip(vals.iter()) {
                let d = (x * x + y * y).sqrt();
                prop_assert!(d <= r + 1e-9);
                prop_assert!((d - r * clamp_score(*v) / 100.0).abs() < 1e-6);
            }
        }
    }
}
