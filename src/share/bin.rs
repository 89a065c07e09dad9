//! The compact binary form of pieces, before deflate: LEB128 varints,
//! zig-zag signed integers, short decimal numbers, length-prefixed UTF-8.
//!
//! Every reader call checks bounds; a malformed body gives [`BinError`],
//! never a panic.

/// The body could not be read (too short, a value out of range, bad UTF-8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BinError;

/// Longest string accepted when reading (bytes): no field of any piece
/// legitimately comes near it; the whole body is limited anyway.
const MAX_STR: usize = 1 << 20;

/// Writes a body.
#[derive(Clone, Debug, Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    pub fn bool(&mut self, v: bool) {
        self.buf.push(u8::from(v));
    }

    /// Unsigned LEB128.
    pub fn uv(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(b);
                return;
            }
            self.buf.push(b | 0x80);
        }
    }

    /// Signed integer, zig-zag then LEB128 (small magnitudes are short).
    pub fn iv(&mut self, v: i64) {
        self.uv(((v << 1) ^ (v >> 63)) as u64);
    }

    /// A number, exactly: `m × 10^q` with `q` in −8..=6 when the shortest
    /// decimal form allows (one varint: 300 or 20 000 → 1 byte, 0.085 or
    /// 1500 → 2 bytes), else the raw IEEE bits (9 bytes).
    pub fn num(&mut self, v: f64) {
        match decimal(v) {
            Some((m, q)) => {
                let z = ((m << 1) ^ (m >> 63)) as u64;
                self.uv((z << 4) | (q + 8) as u64);
            }
            None => {
                self.uv(15);
                self.buf.extend_from_slice(&v.to_bits().to_le_bytes());
            }
        }
    }

    pub fn str(&mut self, s: &str) {
        self.uv(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
}

/// `(m, q)` with `v == m × 10^q` exactly in the shortest round-trip decimal
/// form, `|m| < 2^58`, `q` in −8..=6; `None` otherwise (and for −0, NaN, ∞).
fn decimal(v: f64) -> Option<(i64, i64)> {
    if !v.is_finite() || (v == 0.0 && v.is_sign_negative()) {
        return None;
    }
    // The shortest digits that round-trip, never an exponent.
    let s = crate::num::plain(v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if int.len() + frac.len() > 18 {
        return None;
    }
    let mut m: i64 = format!("{int}{frac}").parse().ok()?;
    let mut q = -(frac.len() as i64);
    while m != 0 && m % 10 == 0 && q < 6 {
        m /= 10;
        q += 1;
    }
    if m == 0 {
        q = 0;
    }
    if !(-8..=6).contains(&q) || m >= 1 << 58 {
        return None;
    }
    Some((if v < 0.0 { -m } else { m }, q))
}

/// Reads a body written by [`Writer`].
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    /// Ok when every byte was read (trailing bytes mean a foreign body).
    pub fn end(&self) -> Result<(), BinError> {
        if self.pos == self.buf.len() {
            Ok(())
        } else {
            Err(BinError)
        }
    }

    pub fn u8(&mut self) -> Result<u8, BinError> {
        let b = *self.buf.get(self.pos).ok_or(BinError)?;
        self.pos += 1;
        Ok(b)
    }

    pub fn bool(&mut self) -> Result<bool, BinError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(BinError),
        }
    }

    pub fn uv(&mut self) -> Result<u64, BinError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return Err(BinError);
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(BinError)
    }

    /// A varint that must fit `T` (e.g. `u32`, `usize`).
    pub fn uv_as<T: TryFrom<u64>>(&mut self) -> Result<T, BinError> {
        T::try_from(self.uv()?).map_err(|_| BinError)
    }

    /// A count of items still to read: refused when larger than the bytes
    /// left (each item takes at least one byte), so no huge allocation.
    pub fn count(&mut self) -> Result<usize, BinError> {
        let n: usize = self.uv_as()?;
        if n > self.buf.len() - self.pos {
            return Err(BinError);
        }
        Ok(n)
    }

    pub fn iv(&mut self) -> Result<i64, BinError> {
        let z = self.uv()?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }

    pub fn num(&mut self) -> Result<f64, BinError> {
        let h = self.uv()?;
        let code = (h & 15) as i64;
        if code == 15 {
            if h != 15 {
                return Err(BinError);
            }
            let end = self.pos.checked_add(8).ok_or(BinError)?;
            let bytes: [u8; 8] = self
                .buf
                .get(self.pos..end)
                .ok_or(BinError)?
                .try_into()
                .map_err(|_| BinError)?;
            self.pos = end;
            return Ok(f64::from_bits(u64::from_le_bytes(bytes)));
        }
        let z = h >> 4;
        let m = ((z >> 1) as i64) ^ -((z & 1) as i64);
        let q = code - 8;
        crate::num::parse_f64(&format!("{m}e{q}")).ok_or(BinError)
    }

    pub fn str(&mut self) -> Result<String, BinError> {
        let n: usize = self.uv_as()?;
        if n > MAX_STR {
            return Err(BinError);
        }
        let end = self.pos.checked_add(n).ok_or(BinError)?;
        let bytes = self.buf.get(self.pos..end).ok_or(BinError)?;
        let s = std::str::from_utf8(bytes).map_err(|_| BinError)?;
        self.pos = end;
        Ok(s.to_string())
    }
}

/// Days since 2000-01-01 (negative before).
pub fn day_number(d: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(d.num_days_from_ce()) - 730_120
}

pub fn from_day_number(n: i64) -> Result<chrono::NaiveDate, BinError> {
    let ce = i32::try_from(n.checked_add(730_120).ok_or(BinError)?).map_err(|_| BinError)?;
    chrono::NaiveDate::from_num_days_from_ce_opt(ce).ok_or(BinError)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn num_round_trip(v: f64) -> (f64, usize) {
        let mut w = Writer::new();
        w.num(v);
        let len = w.buf.len();
        let mut r = Reader::new(&w.buf);
        let back = r.num().unwrap();
        r.end().unwrap();
        (back, len)
    }

    #[test]
    fn numbers_are_short_and_exact() {
        for (v, len) in [
            (0.0, 1),
            (300.0, 1),
            (20_000.0, 1),
            (0.08, 2),
            (0.085, 2),
            (1500.0, 2),
            (0.5, 2),
            (1e15, 5),
            (-12.5, 2),
            (1e300, 9),
            (-0.0, 9),
            (f64::INFINITY, 9),
            (1.0 / 3.0, 9),
        ] {
            let (back, n) = num_round_trip(v);
            assert_eq!(back.to_bits(), v.to_bits(), "{v}");
            assert_eq!(n, len, "{v}");
        }
        let (back, _) = num_round_trip(f64::NAN);
        assert!(back.is_nan());
    }

    #[test]
    fn dates_round_trip() {
        for s in ["1900-01-01", "2000-01-01", "2024-02-29", "2100-12-31"] {
            let d: chrono::NaiveDate = s.parse().unwrap();
            assert_eq!(from_day_number(day_number(d)).unwrap(), d);
        }
        assert_eq!(day_number("2000-01-01".parse().unwrap()), 0);
        assert!(from_day_number(i64::MAX).is_err());
    }

    #[test]
    fn malformed_bodies_are_errors() {
        assert!(Reader::new(&[]).u8().is_err());
        assert!(Reader::new(&[0x80]).uv().is_err());
        assert!(Reader::new(&[0xff; 11]).uv().is_err());
        assert!(Reader::new(&[5, b'a']).str().is_err());
        assert!(Reader::new(&[2, 0xff, 0xfe]).str().is_err());
        assert!(Reader::new(&[15, 1, 2]).num().is_err());
        assert!(Reader::new(&[200, 1]).count().is_err());
        assert!(Reader::new(&[2]).bool().is_err());
        let r = Reader::new(&[1]);
        assert!(r.end().is_err());
    }

    proptest! {
        #[test]
        fn any_number_round_trips(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            let (back, _) = num_round_trip(v);
            if v.is_nan() {
                prop_assert!(back.is_nan());
            } else {
                prop_assert_eq!(back.to_bits(), bits);
            }
        }

        #[test]
        fn decimal_inputs_round_trip(m in -10_000_000i64..10_000_000, q in 0u32..7) {
            let v = m as f64 / 10f64.powi(q as i32);
            let (back, n) = num_round_trip(v);
            prop_assert_eq!(back.to_bits(), v.to_bits());
            prop_assert!(n <= 5, "{} took {} bytes", v, n);
        }

        #[test]
        fn integers_and_strings_round_trip(u in any::<u64>(), i in any::<i64>(), s in ".{0,40}") {
            let mut w = Writer::new();
            w.uv(u);
            w.iv(i);
            w.str(&s);
            let mut r = Reader::new(&w.buf);
            prop_assert_eq!(r.uv().unwrap(), u);
            prop_assert_eq!(r.iv().unwrap(), i);
            prop_assert_eq!(r.str().unwrap(), s);
            prop_assert!(r.end().is_ok());
        }
    }
}
