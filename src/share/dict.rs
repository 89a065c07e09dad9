//! Preset deflate dictionaries: text the receiving app already has, so a
//! piece that repeats it (a FABE script made from a product template, a map
//! with the usual kinds of people) costs a back-reference instead of the
//! text.
//!
//! They are built from the app's own data at run time (no copy in the wasm)
//! and identified in every token by a 16-bit fingerprint, so a link made by
//! an app whose templates read differently is refused as
//! [`super::ShareError::OtherEdition`] rather than decoded wrongly.
//!
//! How a dictionary is used with raw deflate (no preset-dictionary API
//! needed): the sender compresses `dictionary ‖ body` in one stream with a
//! sync flush after the dictionary and sends only what follows the flush;
//! the receiver puts the dictionary in front as stored blocks, inflates, and
//! drops the dictionary's bytes.

use super::codec::Kind;
use crate::i18n::Lang;
use std::sync::OnceLock;

/// Deflate's window: a dictionary beyond it could not be referred to.
const WINDOW: usize = 32 * 1024;

/// The dictionary of a kind (empty: none).
pub fn for_kind(kind: Kind) -> &'static [u8] {
    match kind {
        Kind::Script => script(),
        Kind::Map => map(),
        _ => &[],
    }
}

/// The scripts' dictionary.
pub fn script() -> &'static [u8] {
    static SCRIPT: OnceLock<Vec<u8>> = OnceLock::new();
    SCRIPT.get_or_init(script_dictionary)
}

/// The maps' dictionary.
pub fn map() -> &'static [u8] {
    static MAP: OnceLock<Vec<u8>> = OnceLock::new();
    MAP.get_or_init(map_dictionary)
}

/// The fingerprint of a dictionary (CRC-32 folded to 16 bits).
pub fn fingerprint(dict: &[u8]) -> u16 {
    let mut c = super::codec::Crc32::new();
    c.update(dict);
    let v = c.finish();
    ((v >> 16) ^ (v & 0xffff)) as u16
}

/// Keep the last `WINDOW` bytes (on a char boundary).
fn fit(mut s: String) -> Vec<u8> {
    if s.len() > WINDOW {
        let mut cut = s.len() - WINDOW;
        while !s.is_char_boundary(cut) {
            cut += 1;
        }
        s.drain(..cut);
    }
    s.into_bytes()
}

/// Templates, framework examples and transitions, PPF themes and suggested
/// questions; English first, Chinese (the default language) last, closest.
fn script_dictionary() -> Vec<u8> {
    use crate::tools::scripts::{framework::FRAMEWORKS, ppf, templates::TEMPLATES};
    let mut s = String::new();
    for lang in [Lang::En, Lang::Zh] {
        for q in ppf::BANK.iter().flatten().flat_map(|c| c.iter()) {
            s.push_str(q.get(lang));
        }
        for t in ppf::DEFAULT_THEMES.iter().chain(&ppf::TIME_TRANSITIONS) {
            s.push_str(t.get(lang));
        }
        for f in &FRAMEWORKS {
            s.push_str(f.name.get(lang));
            for p in f.parts {
                s.push_str(p.transition.get(lang));
                s.push_str(p.example.get(lang));
            }
        }
        for t in &TEMPLATES {
            s.push_str(t.name.get(lang));
            s.push_str(t.need.get(lang));
            for p in &t.parts {
                s.push_str(p.get(lang));
            }
        }
    }
    fit(s)
}

/// The map tool's names of kinds, roles, relations and template people.
fn map_dictionary() -> Vec<u8> {
    use crate::tools::map::strings::{EN, ZH};
    let mut s = String::new();
    for table in [EN, ZH] {
        for (k, v) in table.iter() {
            let wanted = ["map.kind.", "map.role.", "map.rel.", "map.t."];
            if wanted.iter().any(|w| k.starts_with(w)) {
                s.push_str(v);
            }
        }
    }
    fit(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionaries_fit_the_window_and_differ() {
        let s = for_kind(Kind::Script);
        let m = for_kind(Kind::Map);
        assert!(s.len() > 1000 && s.len() <= WINDOW, "{}", s.len());
        assert!(m.len() > 100 && m.len() <= WINDOW, "{}", m.len());
        assert!(std::str::from_utf8(s).is_ok());
        assert_ne!(fingerprint(s), fingerprint(m));
        assert!(for_kind(Kind::Clv).is_empty());
        println!("dictionaries: script {} B, map {} B", s.len(), m.len());
    }
}
