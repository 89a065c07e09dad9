//! The envelope of every share link and hand-in code.
//!
//! A *token* is `<kind><version><sep><payload>`, e.g. `m1.q1Yx…`:
//! - `kind`: one letter naming the piece ([`Kind`]), case-insensitive;
//! - `version`: the piece's format version, decimal. It sits outside the
//!   payload so that a later format may change anything after it and an
//!   older app still says "made by a newer version" instead of "damaged";
//! - `sep`: `.` when the payload is base64url (links: fewest characters) or
//!   `-` when it is upper-case base32 (QR codes: the QR alphanumeric mode
//!   stores 5.5 bits per character instead of 8, so the code is smaller);
//! - `payload`: `crc32 (4 bytes, big-endian) ‖ [dictionary fingerprint
//!   (2 bytes), for kinds with a preset dictionary] ‖ raw-deflate(body)`,
//!   where the CRC-32 covers the kind letter, the version and the
//!   uncompressed body (see `dict.rs` for the dictionaries).
//!
//! Why the checksum comes first: a deflate stream ends with its end-of-block
//! code, whose last bit is always in the last byte, so *any* cut of the
//! payload leaves an unfinished stream and is reported as truncated — not by
//! luck of a checksum. A changed character fails the CRC (or the inflater).
//!
//! A link is `<page>#/<tool>/open/<token>`; [`find_token`] takes the token
//! out of a whole link, a fragment, or a bare token (a hand-in QR holds just
//! the token).

use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// Which piece a token carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A CLV scenario (six-component and retention inputs).
    Clv,
    /// Portfolio tier settings and assumptions (never the customer list).
    Tiering,
    /// A relationship map.
    Map,
    /// A FABE / PPF / step script.
    Script,
    /// A questionnaire to take, with an optional target profile.
    Quiz,
    /// A trainee's assessment result (hand-in).
    Result,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Clv,
        Kind::Tiering,
        Kind::Map,
        Kind::Script,
        Kind::Quiz,
        Kind::Result,
    ];

    /// The letter in the token.
    pub fn letter(self) -> u8 {
        match self {
            Kind::Clv => b'c',
            Kind::Tiering => b't',
            Kind::Map => b'm',
            Kind::Script => b's',
            Kind::Quiz => b'q',
            Kind::Result => b'r',
        }
    }

    pub fn from_letter(c: u8) -> Option<Kind> {
        let c = c.to_ascii_lowercase();
        Kind::ALL.into_iter().find(|k| k.letter() == c)
    }

    /// The newest format version this app writes and reads (it reads every
    /// version from 1 up to this one).
    pub fn current_version(self) -> u32 {
        1
    }

    /// The tool that opens this piece (its address segment, `crate::tools::ToolId`).
    pub fn tool(self) -> crate::tools::ToolId {
        use crate::tools::ToolId;
        match self {
            Kind::Clv => ToolId::Clv,
            Kind::Tiering => ToolId::Tiering,
            Kind::Map => ToolId::Map,
            Kind::Script => ToolId::Scripts,
            Kind::Quiz | Kind::Result => ToolId::Assess,
        }
    }

    /// Translation key of the piece's name ("a relationship map").
    pub fn name_key(self) -> &'static str {
        match self {
            Kind::Clv => "share.kind.clv",
            Kind::Tiering => "share.kind.tiering",
            Kind::Map => "share.kind.map",
            Kind::Script => "share.kind.script",
            Kind::Quiz => "share.kind.quiz",
            Kind::Result => "share.kind.result",
        }
    }
}

/// Why a link or code was refused. Nothing is changed when decoding fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// No token at all (an empty paste, a link without the piece).
    Empty,
    /// Not one of ours (another site's link, random text).
    Foreign,
    /// Made by a newer version of the app.
    Newer { kind: Kind, version: u32 },
    /// Cut short (part of the link was not copied).
    Truncated,
    /// Characters changed: the checksum or the compressed data is wrong.
    Damaged,
    /// Unpacks to more than [`MAX_BODY`] bytes.
    TooLarge,
    /// Made by an app whose built-in texts (templates, labels) differ, so
    /// the shared dictionary does not match (see `dict.rs`).
    OtherEdition,
    /// Intact but unusable here: e.g. an unknown questionnaire or framework,
    /// values out of range. The detail is for logs, not for users.
    Invalid(String),
    /// A result or questionnaire made for a different version of the
    /// questionnaire (its statements changed since).
    Outdated,
    /// The piece is not the one this place expects (e.g. a map given to the
    /// hand-in scanner).
    WrongKind(Kind),
}

impl ShareError {
    /// Translation key of the message (see `strings.rs`).
    pub fn message_key(&self) -> &'static str {
        match self {
            ShareError::Empty => "share.err.empty",
            ShareError::Foreign => "share.err.foreign",
            ShareError::Newer { .. } => "share.err.newer",
            ShareError::Truncated => "share.err.truncated",
            ShareError::Damaged => "share.err.damaged",
            ShareError::TooLarge => "share.err.too_large",
            ShareError::OtherEdition => "share.err.other_edition",
            ShareError::Invalid(_) => "share.err.invalid",
            ShareError::Outdated => "share.err.outdated",
            ShareError::WrongKind(_) => "share.err.wrong_kind",
        }
    }
}

/// The text alphabet of a payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alphabet {
    /// base64url without padding (`A–Z a–z 0–9 - _`), separator `.`.
    Base64Url,
    /// RFC 4648 base32 upper case without padding (`A–Z 2–7`), separator
    /// `-`; the whole token is then QR-alphanumeric.
    Base32,
}

/// Largest uncompressed body accepted (a zip bomb stops here).
pub const MAX_BODY: usize = 256 * 1024;

/// Seal a body into a token.
pub fn seal(kind: Kind, version: u32, body: &[u8], alphabet: Alphabet) -> String {
    seal_with(kind, version, body, super::dict::for_kind(kind), alphabet)
}

/// [`seal`] with the kind's dictionary given (`super::one`: a binary then
/// holds only the dictionary of its own kind).
pub fn seal_with(
    kind: Kind,
    version: u32,
    body: &[u8],
    dict: &'static [u8],
    alphabet: Alphabet,
) -> String {
    seal_using(kind, version, body, dict, alphabet, &deflate)
}

/// The compressor of [`seal_using`]: `(dictionary, body)` → the raw deflate
/// stream of `body` after the dictionary (as [`deflate`]).
pub type Deflate<'a> = &'a dyn Fn(&[u8], &[u8]) -> Vec<u8>;

/// [`seal_with`] with the compressor given. The app's tool binaries pass
/// the on-demand encoder module's [`deflate`] (src/bin/encoder.rs), so the
/// compressor is not in their first download; the tokens are the same.
pub fn seal_using(
    kind: Kind,
    version: u32,
    body: &[u8],
    dict: &[u8],
    alphabet: Alphabet,
    deflate: Deflate,
) -> String {
    let crc = checksum(kind, version, body);
    let mut bytes = crc.to_be_bytes().to_vec();
    if !dict.is_empty() {
        bytes.extend(super::dict::fingerprint(dict).to_be_bytes());
    }
    bytes.extend(deflate(dict, body));
    match alphabet {
        Alphabet::Base64Url => {
            format!(
                "{}{version}.{}",
                kind.letter() as char,
                base64url_encode(&bytes)
            )
        }
        Alphabet::Base32 => format!(
            "{}{version}-{}",
            kind.letter().to_ascii_uppercase() as char,
            base32_encode(&bytes)
        ),
    }
}

/// Open a token (or a link holding one): its kind, version and body.
pub fn open(text: &str) -> Result<(Kind, u32, Vec<u8>), ShareError> {
    open_with(text, None, &super::dict::for_kind)
}

/// Open a token of `kind` only (any other is [`ShareError::WrongKind`]),
/// whose dictionary is `dict`: its version and body.
pub fn open_kind(
    text: &str,
    kind: Kind,
    dict: &'static [u8],
) -> Result<(u32, Vec<u8>), ShareError> {
    open_with(text, Some(kind), &|_| dict).map(|(_, v, b)| (v, b))
}

fn open_with(
    text: &str,
    expect: Option<Kind>,
    dict_for: &dyn Fn(Kind) -> &'static [u8],
) -> Result<(Kind, u32, Vec<u8>), ShareError> {
    let token = find_token(text).ok_or(ShareError::Empty)?;
    let b = token.as_bytes();
    let kind = Kind::from_letter(b[0]).ok_or(ShareError::Foreign)?;
    let digits = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return Err(ShareError::Foreign);
    }
    let sep_at = 1 + digits;
    // A version too long for u32 is certainly not older than ours.
    let version: u32 = token[1..sep_at].parse().unwrap_or(u32::MAX);
    if version == 0 || token.as_bytes()[1] == b'0' {
        return Err(ShareError::Foreign);
    }
    if expect.is_some_and(|e| e != kind) {
        return Err(ShareError::WrongKind(kind));
    }
    if version > kind.current_version() {
        return Err(ShareError::Newer { kind, version });
    }
    let Some(&sep) = b.get(sep_at) else {
        return Err(ShareError::Truncated);
    };
    let payload = &b[sep_at + 1..];
    let bytes = match sep {
        b'.' => bits_decode(payload, 6, b64_value)?,
        b'-' => bits_decode(payload, 5, b32_value)?,
        _ => return Err(ShareError::Foreign),
    };
    let dict = dict_for(kind);
    let head = if dict.is_empty() { 4 } else { 6 };
    if bytes.len() <= head {
        return Err(ShareError::Truncated);
    }
    let (crc, rest) = bytes.split_at(4);
    let (fp, deflated) = rest.split_at(head - 4);
    if !dict.is_empty() && fp != super::dict::fingerprint(dict).to_be_bytes() {
        return Err(ShareError::OtherEdition);
    }
    let body = inflate(dict, deflated)?;
    let crc = u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]);
    if crc != checksum(kind, version, &body) {
        return Err(ShareError::Damaged);
    }
    Ok((kind, version, body))
}

/// The token inside a link (`…#/map/open/m1.xyz`), a fragment (`#/…`,
/// `/map/open/…`) or a bare token, with surrounding white space removed.
/// `None` when there is nothing that could be one.
pub fn find_token(text: &str) -> Option<&str> {
    let t = text.trim();
    let t = match t.find('#') {
        Some(i) => &t[i + 1..],
        None => t,
    };
    let t = t.split('?').next().unwrap_or("");
    let t = t.trim_end_matches('/');
    let last = t.rsplit('/').next().unwrap_or("");
    (!last.is_empty()).then_some(last)
}

/// The link to open a token: `<page>#/<tool>/open/<token>`. `page` is the
/// app's address; any fragment it has is replaced.
pub fn link(page: &str, kind: Kind, token: &str) -> String {
    let page = page.split('#').next().unwrap_or("");
    format!("{page}#/{}/open/{token}", kind.tool().slug())
}

fn checksum(kind: Kind, version: u32, body: &[u8]) -> u32 {
    let mut c = Crc32::new();
    c.update(&[kind.letter()]);
    c.update(&version.to_be_bytes());
    c.update(body);
    c.finish()
}

/// Raw deflate of `body`, with `dict` as the preset dictionary (see
/// `dict.rs`): only the part after the dictionary's sync flush is returned.
pub fn deflate(dict: &[u8], body: &[u8]) -> Vec<u8> {
    use miniz_oxide::deflate::core::{
        compress_to_output, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush,
    };
    if dict.is_empty() {
        return miniz_oxide::deflate::compress_to_vec(body, 10);
    }
    let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(10, 0, 0));
    let mut out = Vec::new();
    compress_to_output(&mut c, dict, TDEFLFlush::Sync, |b| {
        out.extend_from_slice(b);
        true
    });
    let skip = out.len();
    compress_to_output(&mut c, body, TDEFLFlush::Finish, |b| {
        out.extend_from_slice(b);
        true
    });
    out.split_off(skip)
}

/// `dict` as non-final stored deflate blocks (what the receiver puts in
/// front of the sender's stream).
fn stored_blocks(dict: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(dict.len() + dict.len() / 65_535 * 5 + 5);
    for chunk in dict.chunks(65_535) {
        let n = chunk.len() as u16;
        v.push(0);
        v.extend(n.to_le_bytes());
        v.extend((!n).to_le_bytes());
        v.extend_from_slice(chunk);
    }
    v
}

/// Inflate a raw deflate stream (after `dict`) that must end exactly at the
/// end of `data`.
fn inflate(dict: &[u8], data: &[u8]) -> Result<Vec<u8>, ShareError> {
    let mut input = stored_blocks(dict);
    input.extend_from_slice(data);
    let data = &input;
    let mut out = vec![0u8; dict.len() + MAX_BODY];
    let mut state = Box::<DecompressorOxide>::default();
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let (status, consumed, written) = decompress(&mut state, data, &mut out, 0, flags);
    match status {
        TINFLStatus::Done if consumed == data.len() && written >= dict.len() => {
            out.truncate(written);
            out.drain(..dict.len());
            Ok(out)
        }
        // Bytes after the end of the stream.
        TINFLStatus::Done => Err(ShareError::Damaged),
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            Err(ShareError::Truncated)
        }
        TINFLStatus::HasMoreOutput => Err(ShareError::TooLarge),
        _ => Err(ShareError::Damaged),
    }
}

// ---------------------------------------------------------------------------
// CRC-32 (IEEE 802.3, as in zip and PNG).

const fn crc_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 computed in steps.
pub struct Crc32(u32);

impl Crc32 {
    pub fn new() -> Crc32 {
        Crc32(0xFFFF_FFFF)
    }
    pub fn update(&mut self, data: &[u8]) {
        for &b in data {
            self.0 = CRC_TABLE[((self.0 ^ u32::from(b)) & 0xff) as usize] ^ (self.0 >> 8);
        }
    }
    pub fn finish(&self) -> u32 {
        self.0 ^ 0xFFFF_FFFF
    }
}

impl Default for Crc32 {
    fn default() -> Self {
        Crc32::new()
    }
}

// ---------------------------------------------------------------------------
// base64url and base32, strict: no padding, unused bits must be zero, so a
// text decodes to bytes in only one way.

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

pub fn base64url_encode(data: &[u8]) -> String {
    bits_encode(data, 6, B64)
}

pub fn base32_encode(data: &[u8]) -> String {
    bits_encode(data, 5, B32)
}

fn bits_encode(data: &[u8], width: u32, alphabet: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() * 8 / width as usize + 1);
    let (mut acc, mut n) = (0u32, 0u32);
    let mask = (1u32 << width) - 1;
    for &b in data {
        acc = (acc << 8) | u32::from(b);
        n += 8;
        while n >= width {
            n -= width;
            out.push(alphabet[((acc >> n) & mask) as usize] as char);
        }
        acc &= (1 << n) - 1;
    }
    if n > 0 {
        out.push(alphabet[((acc << (width - n)) & mask) as usize] as char);
    }
    out
}

pub fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    bits_decode(text.as_bytes(), 6, b64_value)
}

/// Upper or lower case is accepted.
pub fn base32_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    bits_decode(text.as_bytes(), 5, b32_value)
}

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

fn b32_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a'),
        b'2'..=b'7' => Some(c - b'2' + 26),
        _ => None,
    }
}

fn bits_decode(
    text: &[u8],
    width: u32,
    value: fn(u8) -> Option<u8>,
) -> Result<Vec<u8>, ShareError> {
    let mut out = Vec::with_capacity(text.len() * width as usize / 8);
    let (mut acc, mut n) = (0u32, 0u32);
    for &c in text {
        let v = value(c).ok_or(ShareError::Damaged)?;
        acc = (acc << width) | u32::from(v);
        n += width;
        if n >= 8 {
            n -= 8;
            out.push((acc >> n) as u8);
            acc &= (1 << n) - 1;
        }
    }
    // Leftover bits: fewer than a character's worth and all zero, else
    // characters are missing (a length no encoder produces) or changed.
    if n >= width {
        return Err(ShareError::Truncated);
    }
    if acc != 0 {
        return Err(ShareError::Damaged);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn crc_matches_the_standard_check_value() {
        let mut c = Crc32::new();
        c.update(b"123456789");
        assert_eq!(c.finish(), 0xCBF4_3926);
    }

    #[test]
    fn base_encodings_match_rfc_4648_vectors() {
        let cases: [(&str, &str, &str); 7] = [
            ("", "", ""),
            ("f", "Zg", "MY"),
            ("fo", "Zm8", "MZXQ"),
            ("foo", "Zm9v", "MZXW6"),
            ("foob", "Zm9vYg", "MZXW6YQ"),
            ("fooba", "Zm9vYmE", "MZXW6YTB"),
            ("foobar", "Zm9vYmFy", "MZXW6YTBOI"),
        ];
        for (raw, b64, b32) in cases {
            assert_eq!(base64url_encode(raw.as_bytes()), b64);
            assert_eq!(base32_encode(raw.as_bytes()), b32);
            assert_eq!(base64url_decode(b64).unwrap(), raw.as_bytes());
            assert_eq!(base32_decode(b32).unwrap(), raw.as_bytes());
            assert_eq!(base32_decode(&b32.to_lowercase()).unwrap(), raw.as_bytes());
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        // Non-zero unused bits, impossible lengths, foreign characters.
        assert_eq!(base64url_decode("Zh"), Err(ShareError::Damaged));
        assert_eq!(base64url_decode("Zm9vY"), Err(ShareError::Truncated));
        assert_eq!(base64url_decode("Zm9v+"), Err(ShareError::Damaged));
        assert_eq!(base32_decode("MZXW6Y"), Err(ShareError::Truncated));
        assert_eq!(base32_decode("MZ1"), Err(ShareError::Damaged));
    }

    #[test]
    fn tokens_find_their_way_out_of_links() {
        assert_eq!(
            find_token("https://x.org/app/#/map/open/m1.abc"),
            Some("m1.abc")
        );
        assert_eq!(find_token("  #/map/open/m1.abc/ \n"), Some("m1.abc"));
        assert_eq!(find_token("/map/open/m1.abc?x=1"), Some("m1.abc"));
        assert_eq!(find_token("M1-ABC"), Some("M1-ABC"));
        assert_eq!(find_token("https://x.org/app/#/"), None);
        assert_eq!(find_token("   "), None);
        assert_eq!(
            link("https://x.org/app/index.html#/clv", Kind::Clv, "c1.x"),
            "https://x.org/app/index.html#/clv/open/c1.x"
        );
    }

    #[test]
    fn the_prefix_decides_foreign_and_newer() {
        let t = seal(Kind::Map, 1, b"hello", Alphabet::Base64Url);
        assert!(t.starts_with("m1."));
        assert_eq!(open(&t).unwrap(), (Kind::Map, 1, b"hello".to_vec()));
        let t32 = seal(Kind::Map, 1, b"hello", Alphabet::Base32);
        assert!(t32.starts_with("M1-"));
        assert!(qrcodegen::QrSegment::is_alphanumeric(&t32));
        assert_eq!(open(&t32).unwrap(), (Kind::Map, 1, b"hello".to_vec()));
        assert_eq!(open(""), Err(ShareError::Empty));
        assert_eq!(open("hello"), Err(ShareError::Foreign));
        assert_eq!(open("m.abc"), Err(ShareError::Foreign));
        assert_eq!(open("m0.abc"), Err(ShareError::Foreign));
        assert_eq!(open("m01.abc"), Err(ShareError::Foreign));
        assert_eq!(open("m1+abc"), Err(ShareError::Foreign));
        assert_eq!(open("https://example.com/"), Err(ShareError::Foreign));
        assert!(open("m1\u{e9}abc").is_err());
        assert!(open("\u{e9}1.abc").is_err());
        assert!(open("m1.\u{e9}").is_err());
        assert_eq!(
            open("m2.anything-at-all"),
            Err(ShareError::Newer {
                kind: Kind::Map,
                version: 2
            })
        );
        assert!(matches!(
            open("c99999999999999999999.x"),
            Err(ShareError::Newer { .. })
        ));
        // Same payload, another kind letter: the checksum covers the prefix.
        let other = format!("c{}", &t[1..]);
        assert_eq!(open(&other), Err(ShareError::Damaged));
    }

    #[test]
    fn bytes_after_the_stream_and_bombs_are_refused() {
        let t = seal(Kind::Clv, 1, b"abc", Alphabet::Base64Url);
        let mut bytes = base64url_decode(&t[3..]).unwrap();
        bytes.push(0);
        let padded = format!("c1.{}", base64url_encode(&bytes));
        assert_eq!(open(&padded), Err(ShareError::Damaged));
        let big = vec![b'a'; MAX_BODY + 1];
        let t = seal(Kind::Clv, 1, &big, Alphabet::Base64Url);
        assert!(t.len() < 2000, "{}", t.len());
        assert_eq!(open(&t), Err(ShareError::TooLarge));
        let ok = vec![b'a'; MAX_BODY];
        assert!(open(&seal(Kind::Clv, 1, &ok, Alphabet::Base64Url)).is_ok());
    }

    proptest! {
        #[test]
        fn bases_round_trip(data in proptest::collection::vec(any::<u8>(), 0..100)) {
            prop_assert_eq!(base64url_decode(&base64url_encode(&data)).unwrap(), data.clone());
            prop_assert_eq!(base32_decode(&base32_encode(&data)).unwrap(), data);
        }

        /// Every body survives; every strict prefix of the token is refused.
        #[test]
        fn tokens_round_trip_and_every_cut_is_refused(
            body in proptest::collection::vec(any::<u8>(), 0..300),
            b32 in any::<bool>(),
        ) {
            let alphabet = if b32 { Alphabet::Base32 } else { Alphabet::Base64Url };
            let t = seal(Kind::Script, 1, &body, alphabet);
            prop_assert_eq!(open(&t).unwrap(), (Kind::Script, 1, body));
            for cut in 0..t.len() {
                prop_assert!(open(&t[..cut]).is_err(), "prefix {} of {} accepted", cut, t.len());
            }
        }

        /// Changing any one character never gives a different piece.
        #[test]
        fn every_changed_character_is_refused(
            body in proptest::collection::vec(any::<u8>(), 0..120),
            at in any::<proptest::sample::Index>(),
            to in any::<proptest::sample::Index>(),
        ) {
            let t = seal(Kind::Map, 1, &body, Alphabet::Base64Url);
            let i = at.index(t.len());
            let c = B64[to.index(64)];
            let mut b = t.clone().into_bytes();
            if b[i] == c || (i == 0 && c.eq_ignore_ascii_case(&b'm')) {
                return Ok(());
            }
            b[i] = c;
            let changed = String::from_utf8(b).unwrap();
            // Either refused, or (when only bits that deflate ignores changed,
            // e.g. the padding after a stored block's header) the very same
            // checksummed body: never a different piece.
            if let Ok(got) = open(&changed) {
                prop_assert_eq!(got, (Kind::Map, 1, body));
            }
        }
    }
}
