//! The trainer's scanner, pure part (issue #13, the way back of the room
//! loop): camera frames become QR texts ([`read_codes`], with `rqrr`), a
//! code held in front of the camera for a while is taken once
//! ([`Recent`]), and a paste may hold several codes ([`pasted_codes`]).
//!
//! The view (`crate::ui::scan`) grabs frames from the `<video>` into a
//! canvas, converts them with [`grey_from_rgba`] and hands every text read
//! to its tool (e.g. [`super::assess::receive`]). Only the binaries whose
//! views call [`read_codes`] (assess, scripts) hold the decoder.

/// Grey levels (0–255, BT.601 luma) of an RGBA image, row-major.
pub fn grey_from_rgba(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
        .collect()
}

/// The texts of every QR code found in a `width × height` grey image (in no
/// particular order; codes that are found but cannot be read are left out).
pub fn read_codes(grey: &[u8], width: usize, height: usize) -> Vec<String> {
    if width == 0 || height == 0 || grey.len() < width * height {
        return Vec::new();
    }
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| grey[y * width + x]);
    img.detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

/// How long a code stays "just seen" (ms): a phone held in front of the
/// camera is read in every frame, but taken (and beeped) once; shown again
/// after this pause, it counts again (and is then a duplicate).
pub const HOLD_MS: f64 = 2500.0;

/// The codes read lately, to take each phone once while it is held up.
#[derive(Debug, Default)]
pub struct Recent {
    seen: Vec<(String, f64)>,
}

impl Recent {
    /// Whether `text` read at `now_ms` is new (not read in the last
    /// [`HOLD_MS`]). Either way it is remembered as read now.
    pub fn fresh(&mut self, text: &str, now_ms: f64) -> bool {
        self.seen.retain(|(_, t)| now_ms - *t < HOLD_MS);
        match self.seen.iter_mut().find(|(s, _)| s == text) {
            Some((_, t)) => {
                *t = now_ms;
                false
            }
            None => {
                self.seen.push((text.to_string(), now_ms));
                true
            }
        }
    }
}

/// The codes in a pasted text: each white-space separated word that looks
/// like a token or a link (one kind letter, a version, `.` or `-`, or an
/// address with `/open/`). When there is none, the whole text (trimmed) is
/// returned, to be refused with a reason. Empty text: none.
pub fn pasted_codes(text: &str) -> Vec<&str> {
    let looks = |w: &&str| {
        w.contains("/open/") || {
            let b = w.as_bytes();
            b.len() > 3
                && super::Kind::from_letter(b[0]).is_some()
                && b[1].is_ascii_digit()
                && w[1..]
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .starts_with(['.', '-'])
        }
    };
    let words: Vec<&str> = text.split_whitespace().filter(looks).collect();
    if words.is_empty() && !text.trim().is_empty() {
        vec![text.trim()]
    } else {
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::share::assess::{receive, HandIn, ResultPiece};
    use crate::share::qr::qr_svg;
    use crate::share::Piece;
    use crate::storage::codec::DocData;
    use crate::tools::assess::doc::AssessDoc;

    /// A 640×480 camera frame of a code: `px` pixels per module, centred,
    /// on a grey desk with some noise, the white quiet zone around it.
    fn frame(text: &str, px: usize) -> Vec<u8> {
        let code = qr_svg(text).unwrap();
        let (w, h) = (640, 480);
        let side = (code.modules + 8) * px;
        let (x0, y0) = ((w - side) / 2, (h - side) / 2);
        let mut seed = 7u32;
        let mut noise = move || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            ((seed >> 16) % 24) as u8
        };
        let mut img = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                let inside = (x0..x0 + side).contains(&x) && (y0..y0 + side).contains(&y);
                let v: u8 = if !inside {
                    120
                } else {
                    let (mx, my) = ((x - x0) / px, (y - y0) / px);
                    let n = code.modules;
                    let dark = (4..n + 4).contains(&mx)
                        && (4..n + 4).contains(&my)
                        && code.dark[(my - 4) * n + mx - 4];
                    if dark {
                        40
                    } else {
                        210
                    }
                };
                img[y * w + x] = v.saturating_add(noise());
            }
        }
        img
    }

    #[test]
    fn grey_levels() {
        assert_eq!(
            grey_from_rgba(&[255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 9]),
            vec![255, 0, 76]
        );
    }

    /// A trainee's hand-in code, seen by the camera, becomes a class entry;
    /// the same code again is a duplicate.
    #[test]
    fn a_camera_frame_of_a_hand_in_code_files_the_result() {
        let doc = AssessDoc::demo(Lang::Zh);
        let r = ResultPiece::from_attempt(&doc.attempts[0], "张敏").unwrap();
        let text = Piece::Result(r.clone()).qr_text(None);
        let img = frame(&text, 8);
        let t0 = std::time::Instant::now();
        let codes = read_codes(&img, 640, 480);
        println!("640×480 frame decoded in {:?}", t0.elapsed());
        assert_eq!(codes, vec![text.clone()]);
        let (how, e) = receive(&[], &codes[0], "QR").unwrap();
        assert_eq!(how, HandIn::New);
        assert_eq!(e.trainee, "张敏");
        assert_eq!(e.answers, doc.attempts[0].answers);
        let (again, _) = receive(&[e], &codes[0], "QR").unwrap();
        assert_eq!(again, HandIn::Duplicate(0));
        // An empty frame reads nothing.
        assert!(read_codes(&vec![128; 640 * 480], 640, 480).is_empty());
        assert!(read_codes(&[], 0, 0).is_empty());
    }

    #[test]
    fn a_code_held_up_is_taken_once() {
        let mut r = Recent::default();
        assert!(r.fresh("A", 0.0));
        assert!(!r.fresh("A", 200.0));
        assert!(r.fresh("B", 300.0));
        assert!(!r.fresh("A", 2000.0), "still held up");
        assert!(r.fresh("A", 2000.0 + HOLD_MS), "shown again after a pause");
    }

    #[test]
    fn pasted_text_may_hold_several_codes() {
        assert_eq!(
            pasted_codes("R1-AAAA\n  r1.bbbb https://x.org/rm/#/assess/open/R1-CCC  hello"),
            vec![
                "R1-AAAA",
                "r1.bbbb",
                "https://x.org/rm/#/assess/open/R1-CCC"
            ]
        );
        assert_eq!(pasted_codes("  just words  "), vec!["just words"]);
        assert!(pasted_codes("  \n").is_empty());
    }
}
