//! QR codes for links and hand-in codes, as SVG, with a size meter.
//!
//! Black on white with a 4-module quiet zone. The error-correction level is
//! M when it fits in the smallest version that level L needs (so a code
//! never grows for the extra robustness), else L. A text that ends in a run
//! of QR-alphanumeric characters (`0–9 A–Z space $ % * + - . / :`, e.g. a
//! base32 token) is coded as a byte segment followed by an alphanumeric
//! segment when that gives a smaller code: 5.5 bits per character instead
//! of 8.

use qrcodegen::{QrCode as Qr, QrCodeEcc, QrSegment, Version};

/// Above this version the meter advises the file hand-off.
pub const DENSE_ABOVE: u8 = 25;

/// Error-correction level used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ecc {
    /// About 7 % of the symbol can be damaged.
    L,
    /// About 15 %.
    M,
}

/// What the size meter tells the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advice {
    /// Scannable across a room.
    Fine,
    /// Above version [`DENSE_ABOVE`]: suggest the file hand-off instead
    /// (message `share.qr.dense`).
    Dense,
}

impl Advice {
    pub fn message_key(self) -> Option<&'static str> {
        match self {
            Advice::Fine => None,
            Advice::Dense => Some("share.qr.dense"),
        }
    }
}

/// A QR code ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct QrCode {
    /// A standalone SVG (`viewBox` in modules, quiet zone included); scale it
    /// with CSS, it renders crisp at any size.
    pub svg: String,
    /// 1–40.
    pub version: u8,
    pub ecc: Ecc,
    /// Modules per side, quiet zone excluded (17 + 4 × version).
    pub modules: usize,
    /// Row-major dark modules, `modules × modules` (for a canvas or a test).
    pub dark: Vec<bool>,
    pub advice: Advice,
    /// [`scan_distance_m`] of the version.
    pub distance_m: f64,
}

/// The text does not fit any QR code: offer only the link and the file
/// (message `share.qr.too_large`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge;

impl TooLarge {
    pub fn message_key(self) -> &'static str {
        "share.qr.too_large"
    }
}

/// The QR code of `text`.
pub fn qr_svg(text: &str) -> Result<QrCode, TooLarge> {
    symbol(text).map(QrCode::from_symbol)
}

/// The modules of a QR symbol, before it is drawn: what the on-demand
/// encoder module (src/bin/encoder.rs) computes for a tool binary, which
/// then draws it with [`QrCode::from_symbol`] (so the encoder is not in the
/// tool's first download).
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    /// 1–40.
    pub version: u8,
    pub ecc: Ecc,
    /// Row-major dark modules, `(17 + 4 × version)²`.
    pub dark: Vec<bool>,
}

impl Symbol {
    /// Modules per side.
    pub fn modules(&self) -> usize {
        17 + 4 * usize::from(self.version)
    }

    /// `[version, ecc (0 = L, 1 = M), one byte per module (0/1)…]`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(2 + self.dark.len());
        v.push(self.version);
        v.push(u8::from(self.ecc == Ecc::M));
        v.extend(self.dark.iter().map(|d| u8::from(*d)));
        v
    }

    /// [`Symbol::to_bytes`] read back; `None` for anything else (an empty
    /// answer is the encoder's "does not fit").
    pub fn from_bytes(b: &[u8]) -> Option<Symbol> {
        let (&version, rest) = b.split_first()?;
        let (&ecc, dark) = rest.split_first()?;
        let s = Symbol {
            version,
            ecc: match ecc {
                0 => Ecc::L,
                1 => Ecc::M,
                _ => return None,
            },
            dark: dark.iter().map(|d| *d != 0).collect(),
        };
        ((1..=40).contains(&version) && dark.len() == s.modules() * s.modules()).then_some(s)
    }
}

/// The smallest symbol holding `text`: the segment list that needs the
/// lowest version, at level M when it fits that version, else L.
pub fn symbol(text: &str) -> Result<Symbol, TooLarge> {
    let mut best: Option<(Vec<QrSegment>, u8)> = None;
    for segs in candidates(text) {
        if let Ok(q) = Qr::encode_segments_advanced(
            &segs,
            QrCodeEcc::Low,
            Version::MIN,
            Version::MAX,
            None,
            false,
        ) {
            let v = q.version().value();
            if best.as_ref().is_none_or(|(_, b)| v < *b) {
                best = Some((segs, v));
            }
        }
    }
    let (segs, v) = best.ok_or(TooLarge)?;
    let at = Version::new(v);
    let (q, ecc) = match Qr::encode_segments_advanced(&segs, QrCodeEcc::Medium, at, at, None, false)
    {
        Ok(q) => (q, Ecc::M),
        Err(_) => (
            Qr::encode_segments_advanced(&segs, QrCodeEcc::Low, at, at, None, false)
                .map_err(|_| TooLarge)?,
            Ecc::L,
        ),
    };
    let n = q.size() as usize;
    let dark: Vec<bool> = (0..n * n)
        .map(|i| q.get_module((i % n) as i32, (i / n) as i32))
        .collect();
    Ok(Symbol {
        version: v,
        ecc,
        dark,
    })
}

impl QrCode {
    /// The code of a symbol: its SVG, size and meter.
    pub fn from_symbol(s: Symbol) -> QrCode {
        let n = s.modules();
        let v = s.version;
        QrCode {
            svg: svg(&s.dark, n),
            version: v,
            ecc: s.ecc,
            modules: n,
            dark: s.dark,
            advice: if v > DENSE_ABOVE {
                Advice::Dense
            } else {
                Advice::Fine
            },
            distance_m: scan_distance_m(v),
        }
    }
}

/// The segment lists worth trying: the whole text as bytes (or as
/// alphanumeric when it all is), and bytes + an alphanumeric tail.
fn candidates(text: &str) -> Vec<Vec<QrSegment>> {
    let mut v = vec![QrSegment::make_segments(text)];
    let tail_start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| QrSegment::is_alphanumeric(c.encode_utf8(&mut [0; 4])))
        .last()
        .map(|(i, _)| i);
    if let Some(i) = tail_start.filter(|i| *i > 0 && text.len() - i >= 8) {
        v.push(vec![
            QrSegment::make_bytes(&text.as_bytes()[..i]),
            QrSegment::make_alphanumeric(&text[i..]),
        ]);
    }
    v
}

fn svg(dark: &[bool], n: usize) -> String {
    let side = n + 8;
    let mut d = String::new();
    for y in 0..n {
        let row = &dark[y * n..(y + 1) * n];
        let mut x = 0;
        while x < n {
            if row[x] {
                let start = x;
                while x < n && row[x] {
                    x += 1;
                }
                d.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + 4,
                    y + 4,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" \
         fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>"
    )
}

/// Measured scanning distances from a 2 m wide projected code.
const FIGURES: [(u8, f64); 4] = [(4, 9.0), (10, 5.5), (20, 3.5), (40, 2.0)];

/// How far away (metres) a phone can still scan a code of this version
/// projected 2 m wide: the measured figures (version 4 ≈ 9 m, 10 ≈ 5.5 m,
/// 20 ≈ 3.5 m, 40 ≈ 2 m), linear between them. Below version 4 the distance
/// grows with the module size (the figures follow it: distance ∝ 1 / (side
/// in modules + quiet zone)).
pub fn scan_distance_m(version: u8) -> f64 {
    let v = version.clamp(1, 40);
    if v <= FIGURES[0].0 {
        let side = |v: u8| f64::from(v) * 4.0 + 25.0;
        return FIGURES[0].1 * side(FIGURES[0].0) / side(v);
    }
    for w in FIGURES.windows(2) {
        let ((v0, d0), (v1, d1)) = (w[0], w[1]);
        if v <= v1 {
            let t = f64::from(v - v0) / f64::from(v1 - v0);
            return d0 + (d1 - d0) * t;
        }
    }
    FIGURES[3].1
}

/// [`scan_distance_m`] for a code shown `width_m` wide (distance scales
/// with the size of the modules).
pub fn scan_distance_for(version: u8, width_m: f64) -> f64 {
    scan_distance_m(version) * width_m / 2.0
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Decode a code the way a camera would: draw it (quiet zone, 3 px per
    /// module, grey levels) and let `rqrr` find and read it.
    pub fn scan(code: &QrCode) -> Option<String> {
        let px = 3;
        let side = (code.modules + 8) * px;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = ((x / px) as isize - 4, (y / px) as isize - 4);
            let n = code.modules as isize;
            let dark =
                (0..n).contains(&mx) && (0..n).contains(&my) && code.dark[(my * n + mx) as usize];
            if dark {
                30
            } else {
                220
            }
        });
        let grids = img.detect_grids();
        let (_, text) = grids.first()?.decode().ok()?;
        Some(text)
    }

    #[test]
    fn codes_decode_back_to_their_text() {
        for text in [
            "hello",
            "https://example.org/rm/#/map/open/m1.q1YqLjRUslIqSk0sVrJSCk9RMlSqBQA",
            "https://example.org/rm/#/assess/open/R1-ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
            "R1-ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
            "中文也可以：王建国家庭关系图",
        ] {
            let code = qr_svg(text).unwrap();
            assert_eq!(code.modules, 17 + 4 * code.version as usize);
            assert_eq!(scan(&code).as_deref(), Some(text), "v{}", code.version);
        }
    }

    #[test]
    fn an_alphanumeric_tail_makes_a_smaller_code() {
        let tail = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".repeat(6);
        let text = format!("https://example.org/rm/#/map/open/M1-{tail}");
        let mixed = qr_svg(&text).unwrap();
        let bytes_only = Qr::encode_binary(text.as_bytes(), QrCodeEcc::Low).unwrap();
        assert!(
            mixed.version < bytes_only.version().value(),
            "{} vs {}",
            mixed.version,
            bytes_only.version().value()
        );
        assert_eq!(scan(&mixed).as_deref(), Some(text.as_str()));
    }

    #[test]
    fn the_svg_is_black_on_white_with_a_quiet_zone() {
        let code = qr_svg("hello").unwrap();
        assert_eq!(code.version, 1);
        assert_eq!(code.ecc, Ecc::M, "M fits in version 1");
        assert!(code
            .svg
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\""));
        assert!(code.svg.contains("fill=\"#fff\"") && code.svg.contains("fill=\"#000\""));
        // The top-left finder starts at the quiet zone's edge.
        assert!(code.svg.contains("M4 4h7v1h-7z"));
        assert!(code.dark[0] && !code.dark[7]);
        assert_eq!(code.advice, Advice::Fine);
    }

    #[test]
    fn the_meter_and_the_limits() {
        for (v, d) in FIGURES {
            assert!((scan_distance_m(v) - d).abs() < 1e-9);
        }
        assert!(scan_distance_m(1) > scan_distance_m(4));
        for v in 1..40 {
            assert!(scan_distance_m(v) > scan_distance_m(v + 1), "{v}");
        }
        assert!((scan_distance_for(10, 4.0) - 11.0).abs() < 1e-9);
        let dense = qr_svg(&"x".repeat(1400)).unwrap();
        assert!(dense.version > DENSE_ABOVE);
        assert_eq!(dense.advice, Advice::Dense);
        assert_eq!(dense.advice.message_key(), Some("share.qr.dense"));
        assert_eq!(qr_svg(&"x".repeat(3000)), Err(TooLarge));
        assert_eq!(TooLarge.message_key(), "share.qr.too_large");
    }

    #[test]
    fn a_symbol_crosses_the_module_boundary_unchanged() {
        for text in [
            "hello",
            "https://example.org/rm/#/clv/open/C1-ABCDEFGH2345",
            &"x".repeat(900),
        ] {
            let s = symbol(text).unwrap();
            let back = Symbol::from_bytes(&s.to_bytes()).unwrap();
            assert_eq!(back, s);
            assert_eq!(QrCode::from_symbol(back), qr_svg(text).unwrap());
        }
        assert_eq!(Symbol::from_bytes(&[]), None);
        assert_eq!(Symbol::from_bytes(&[1, 0, 1, 0]), None, "a wrong length");
        let mut b = symbol("hello").unwrap().to_bytes();
        b[1] = 2;
        assert_eq!(Symbol::from_bytes(&b), None, "an unknown level");
        b[1] = 0;
        b[0] = 41;
        assert_eq!(Symbol::from_bytes(&b), None, "version 41");
    }
}
