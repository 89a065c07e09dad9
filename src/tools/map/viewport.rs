//! Pan and zoom maths of the canvas (screen = world × zoom + pan).

pub const MIN_ZOOM: f64 = 0.1;
pub const MAX_ZOOM: f64 = 4.0;

/// Zoom and pan that fit `bounds` (x0, y0, x1, y1) in a `w`×`h` canvas.
pub fn fit(bounds: (f64, f64, f64, f64), w: f64, h: f64) -> (f64, (f64, f64)) {
    let (x0, y0, x1, y1) = bounds;
    let (bw, bh) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
    let z = (w / bw).min(h / bh);
    let z = if z.is_finite() {
        z.clamp(MIN_ZOOM, 2.0)
    } else {
        1.0
    };
    (
        z,
        (w / 2.0 - (x0 + x1) / 2.0 * z, h / 2.0 - (y0 + y1) / 2.0 * z),
    )
}

/// Zoom by `factor` keeping the screen point `at` over the same world point.
pub fn zoom_about(z0: f64, pan0: (f64, f64), factor: f64, at: (f64, f64)) -> (f64, (f64, f64)) {
    let z = (z0 * factor).clamp(MIN_ZOOM, MAX_ZOOM);
    let k = z / z0;
    (z, (at.0 - (at.0 - pan0.0) * k, at.1 - (at.1 - pan0.1) * k))
}

/// Two-finger pinch: the world point under the first midpoint follows the
/// fingers' midpoint; zoom follows the change in finger distance.
pub fn pinch(
    z0: f64,
    pan0: (f64, f64),
    mid0: (f64, f64),
    d0: f64,
    mid: (f64, f64),
    d: f64,
) -> (f64, (f64, f64)) {
    let ratio = if d0 > 1.0 && d.is_finite() {
        d / d0
    } else {
        1.0
    };
    let z = (z0 * ratio).clamp(MIN_ZOOM, MAX_ZOOM);
    let (wx, wy) = ((mid0.0 - pan0.0) / z0, (mid0.1 - pan0.1) / z0);
    (z, (mid.0 - wx * z, mid.1 - wy * z))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn fit_centres_the_bounds() {
        let (z, (px, py)) = fit((0.0, 0.0, 200.0, 100.0), 400.0, 400.0);
        assert!(close(z, 2.0));
        assert!(close(px + 100.0 * z, 200.0) && close(py + 50.0 * z, 200.0));
        let (z, _) = fit((0.0, 0.0, 1e6, 1e6), 400.0, 400.0);
        assert!(close(z, MIN_ZOOM));
        let (z, _) = fit((5.0, 5.0, 5.0, 5.0), 0.0, 0.0);
        assert!(z.is_finite());
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let (z0, pan0, at) = (1.5, (30.0, -20.0), (200.0, 120.0));
        let world = ((at.0 - pan0.0) / z0, (at.1 - pan0.1) / z0);
        let (z, pan) = zoom_about(z0, pan0, 1.1, at);
        assert!(close(world.0 * z + pan.0, at.0) && close(world.1 * z + pan.1, at.1));
        assert!(close(zoom_about(3.9, pan0, 2.0, at).0, MAX_ZOOM));
    }

    #[test]
    fn pinch_follows_the_fingers() {
        let (z, pan) = pinch(1.0, (0.0, 0.0), (100.0, 100.0), 50.0, (120.0, 90.0), 100.0);
        assert!(close(z, 2.0));
        assert!(close(100.0 * z + pan.0, 120.0) && close(100.0 * z + pan.1, 90.0));
        let (z, _) = pinch(1.0, (0.0, 0.0), (0.0, 0.0), 0.0, (0.0, 0.0), 10.0);
        assert!(close(z, 1.0));
    }
}
