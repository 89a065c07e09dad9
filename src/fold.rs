//! Letter case for searching and matching: lower- and upper-case of the
//! scripts people type here (ASCII, Latin-1, Latin Extended-A, Greek,
//! Cyrillic, full-width Latin). Chinese has no case. Written by hand so that
//! no binary carries the standard library's Unicode case tables (~12 KB of
//! wasm, ~6 KB gzipped); letters outside these blocks keep their case.

/// The lower-case of `c` (itself when it has none here).
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A => u + 32,
        0xC0..=0xDE if u != 0xD7 => u + 32,
        // Latin Extended-A pairs (İ, whose lower-case is two letters, kept).
        0x100..=0x137 if u.is_multiple_of(2) && u != 0x130 => u + 1,
        0x139..=0x148 if !u.is_multiple_of(2) => u + 1,
        0x14A..=0x177 if u.is_multiple_of(2) => u + 1,
        0x178 => 0xFF,
        0x179..=0x17E if !u.is_multiple_of(2) => u + 1,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 63,
        0x391..=0x3AB if u != 0x3A2 => u + 32,
        0x400..=0x40F => u + 80,
        0x410..=0x42F => u + 32,
        0xFF21..=0xFF3A => u + 32,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// The upper-case of `c` (itself when it has none here, or when it is more
/// than one letter, as ß's "SS").
pub fn upper_char(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x61..=0x7A => u - 32,
        0xB5 => 0x39C,
        0x131 => 0x49,
        0x17F => 0x53,
        0xE0..=0xFE if u != 0xF7 => u - 32,
        0xFF => 0x178,
        0x101..=0x138 if !u.is_multiple_of(2) && u != 0x131 && u != 0x138 => u - 1,
        0x13A..=0x149 if u.is_multiple_of(2) && u != 0x149 => u - 1,
        0x14B..=0x178 if !u.is_multiple_of(2) => u - 1,
        0x17A..=0x17F if u.is_multiple_of(2) && u != 0x17F => u - 1,
        0x3AC => 0x386,
        0x3AD..=0x3AF => u - 37,
        0x3CC => 0x38C,
        0x3CD..=0x3CE => u - 63,
        0x3B1..=0x3CB if u != 0x3C2 => u - 32,
        0x450..=0x45F => u - 80,
        0x430..=0x44F => u - 32,
        0xFF41..=0xFF5A => u - 32,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// `s` in lower-case (see [`lower_char`]).
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars().map(lower_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(mut it: impl Iterator<Item = char>) -> Option<char> {
        let c = it.next()?;
        it.next().is_none().then_some(c)
    }

    /// The blocks covered, where the result must be exactly the standard
    /// library's.
    fn covered(u: u32) -> bool {
        matches!(u, 0..=0x17F | 0x386..=0x3CE | 0x400..=0x45F | 0xFF00..=0xFF5F)
    }

    #[test]
    fn agrees_with_std_where_covered_and_never_invents_a_case() {
        for u in 0..0x3_0000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let (l, up) = (lower_char(c), upper_char(c));
            let std_l = one(c.to_lowercase());
            let std_u = one(c.to_uppercase());
            // Anything changed is what std does.
            if l != c {
                assert_eq!(Some(l), std_l, "lower of U+{u:04X}");
            }
            if up != c {
                assert_eq!(Some(up), std_u, "upper of U+{u:04X}");
            }
            // In the covered blocks, every single-letter case std knows is ours
            // (but for final sigma, and ΐ and ΰ, whose capitals are more
            // than one letter).
            if covered(u) {
                if let Some(s) = std_l.filter(|&s| s != c && covered(s as u32)) {
                    assert_eq!(l, s, "lower of U+{u:04X}");
                }
                if let Some(s) = std_u.filter(|&s| s != c && covered(s as u32)) {
                    if !matches!(u, 0x390 | 0x3B0 | 0x3C2) {
                        assert_eq!(up, s, "upper of U+{u:04X}");
                    }
                }
            }
        }
    }

    #[test]
    fn lowers_strings() {
        assert_eq!(lower("Zhang MIN"), "zhang min");
        assert_eq!(
            lower("ÉMILE Ｚｈａｎｇ 张伟 ΑΘΗΝΑ ПЕТР"),
            "émile ｚｈａｎｇ 张伟 αθηνα петр"
        );
        assert_eq!(lower("İ"), "İ");
    }
}
