//! Pure geometry for the page's SVG charts and the windowed table.

/// A drawing area inside a viewBox of `w` × `h`, with margins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub w: f64,
    pub h: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Frame {
    pub fn x(&self, share: f64) -> f64 {
        self.left + share.clamp(0.0, 1.0) * (self.w - self.left - self.right)
    }
    /// `v` in [0, ymax] to a y coordinate (up is larger).
    pub fn y(&self, v: f64, ymax: f64) -> f64 {
        let ymax = if ymax > 0.0 && ymax.is_finite() {
            ymax
        } else {
            1.0
        };
        let v = if v.is_finite() {
            v.max(0.0).min(ymax)
        } else {
            0.0
        };
        self.h - self.bottom - v / ymax * (self.h - self.top - self.bottom)
    }
    pub fn inner_w(&self) -> f64 {
        self.w - self.left - self.right
    }
    pub fn inner_h(&self) -> f64 {
        self.h - self.top - self.bottom
    }
}

/// The top of the y axis for a cumulative share curve: 100%, or the peak
/// rounded up to a quarter when loss-makers push the curve above 100%.
pub fn share_axis_max(peak: f64) -> f64 {
    // A peak within 1% of 100% is drawn on a 100% axis (the curve is clamped).
    if !peak.is_finite() || peak <= 1.01 {
        1.0
    } else {
        (peak * 4.0).ceil() / 4.0
    }
}

/// An SVG path through `points` (shares) in `frame`.
pub fn path(points: &[(f64, f64)], frame: &Frame, ymax: f64) -> String {
    let mut s = String::with_capacity(points.len() * 16);
    for (i, &(x, y)) in points.iter().enumerate() {
        s.push(if i == 0 { 'M' } else { 'L' });
        crate::num::push_fixed(&mut s, frame.x(x), 1);
        s.push(',');
        crate::num::push_fixed(&mut s, frame.y(y, ymax), 1);
    }
    s
}

/// Share of the curve at customer share `x` (linear between points).
pub fn at(points: &[(f64, f64)], x: f64) -> f64 {
    for w in points.windows(2) {
        let (x0, y0) = w[0];
        let (x1, y1) = w[1];
        if x >= x0 && x <= x1 {
            if x1 - x0 <= 0.0 {
                return y1;
            }
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }
    points.last().map(|p| p.1).unwrap_or(0.0)
}

/// One bar of a bar chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Bars for `counts`, side by side, scaled to the largest.
pub fn bars(counts: &[usize], frame: &Frame) -> Vec<Bar> {
    let n = counts.len().max(1) as f64;
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let slot = frame.inner_w() / n;
    counts
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let h = c as f64 / max * frame.inner_h();
            Bar {
                x: frame.left + slot * i as f64 + slot * 0.15,
                y: frame.h - frame.bottom - h,
                w: slot * 0.7,
                h,
            }
        })
        .collect()
}

/// The rows to render in a scrolled list of `total` rows of `row_h` pixels in
/// a viewport of `view_h`, with `overscan` extra rows each side: `start..end`.
pub fn window(
    scroll_top: f64,
    view_h: f64,
    row_h: f64,
    total: usize,
    overscan: usize,
) -> (usize, usize) {
    if total == 0 || row_h <= 0.0 {
        return (0, 0);
    }
    let top = if scroll_top.is_finite() {
        scroll_top.max(0.0)
    } else {
        0.0
    };
    let first = ((top / row_h).floor() as usize).min(total.saturating_sub(1));
    let visible = ((view_h.max(0.0) / row_h).ceil() as usize).max(1);
    let start = first.saturating_sub(overscan);
    let end = (first + visible + overscan).min(total);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Frame = Frame {
        w: 600.0,
        h: 300.0,
        left: 50.0,
        right: 10.0,
        top: 10.0,
        bottom: 40.0,
    };

    #[test]
    fn scales() {
        assert_eq!(F.x(0.0), 50.0);
        assert_eq!(F.x(1.0), 590.0);
        assert_eq!(F.y(0.0, 1.0), 260.0);
        assert_eq!(F.y(1.0, 1.0), 10.0);
        assert_eq!(F.y(f64::NAN, 1.0), 260.0);
        assert_eq!(F.y(0.5, 0.0), F.y(0.5, 1.0));
        assert_eq!(share_axis_max(0.9), 1.0);
        assert_eq!(share_axis_max(1.005), 1.0);
        assert_eq!(share_axis_max(1.3), 1.5);
        assert_eq!(share_axis_max(f64::INFINITY), 1.0);
    }

    #[test]
    fn paths_and_interpolation() {
        let pts = [(0.0, 0.0), (0.2, 0.8), (1.0, 1.0)];
        assert_eq!(path(&pts[..2], &F, 1.0), "M50.0,260.0L158.0,60.0");
        assert!((at(&pts, 0.1) - 0.4).abs() < 1e-12);
        assert!((at(&pts, 0.6) - 0.9).abs() < 1e-12);
        assert_eq!(at(&[], 0.5), 0.0);
    }

    #[test]
    fn bars_fit_the_frame() {
        let b = bars(&[0, 5, 10], &F);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].h, 0.0);
        assert_eq!(b[2].h, F.inner_h());
        assert!(b[2].x + b[2].w <= F.w - F.right + 1e-9);
        assert!(bars(&[], &F).is_empty());
    }

    #[test]
    fn windowing() {
        assert_eq!(window(0.0, 400.0, 32.0, 100_000, 5), (0, 18));
        assert_eq!(window(32_000.0, 400.0, 32.0, 100_000, 5), (995, 1018));
        assert_eq!(window(1e12, 400.0, 32.0, 100, 5), (94, 100));
        assert_eq!(window(0.0, 400.0, 32.0, 0, 5), (0, 0));
        assert_eq!(window(f64::NAN, 400.0, 32.0, 10, 2), (0, 10));
    }

    proptest::proptest! {
        #[test]
        fn window_is_within_bounds(top in -1e6f64..1e9, vh in 0.0f64..2000.0, total in 0usize..1_000_000) {
            let (s, e) = window(top, vh, 30.0, total, 4);
            proptest::prop_assert!(s <= e && e <= total);
            if total > 0 { proptest::prop_assert!(e > s); }
            proptest::prop_assert!(e - s <= (vh / 30.0).ceil() as usize + 9);
        }
    }
}
