//! Internationalisation: one translation table per language, assembled from the
//! shell's strings and each tool's strings (every tool keeps its strings in its own
//! folder, under keys prefixed with the tool's name). Pure Rust, no web APIs.
//!
//! `t(lang, key)` looks a key up; a missing key returns the key itself so a
//! mistake is visible but never crashes. `tests::tables_have_same_keys` fails if
//! any key is missing from either language.

pub mod format;
mod shell;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A user-interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文 (the default).
    #[default]
    #[serde(rename = "zh")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// BCP 47 tag for the `lang` attribute of the page.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh_cn" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// A text written in both languages, for content that is data (questionnaires,
/// frameworks, templates, rules) rather than interface strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bi {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Bi {
    pub const fn new(zh: &'static str, en: &'static str) -> Bi {
        Bi { zh, en }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A translation table: `(key, text)` pairs, written with [`table!`] and
/// stored as one string (key, U+001F, text, U+001E, …). A slice of pairs
/// would add 16 bytes of pointers per entry to every binary's data.
#[derive(Clone, Copy, Debug)]
pub struct Table(pub &'static str);

/// The pairs of a [`Table`].
pub type Entries = std::iter::Map<
    std::str::SplitTerminator<'static, char>,
    fn(&'static str) -> (&'static str, &'static str),
>;

impl Table {
    /// The `(key, text)` pairs, in the order written.
    pub fn iter(self) -> Entries {
        fn pair(e: &'static str) -> (&'static str, &'static str) {
            e.split_once('\u{1f}').unwrap_or((e, ""))
        }
        self.0.split_terminator('\u{1e}').map(pair as fn(_) -> _)
    }
}

impl IntoIterator for Table {
    type Item = (&'static str, &'static str);
    type IntoIter = Entries;
    fn into_iter(self) -> Entries {
        self.iter()
    }
}

/// A [`Table`] from `("key", "text")` pairs of string literals.
#[macro_export]
macro_rules! table {
    ($(($k:literal, $v:literal $(,)?)),* $(,)?) => {
        $crate::i18n::Table(concat!($($k, "\u{1f}", $v, "\u{1e}"),*))
    };
}

/// The tools whose strings are in this binary's tables: the one tool it was
/// started with (see [`register_tool`]). Native builds (tests) have them all.
static TOOL_TABLES: OnceLock<(Table, Table)> = OnceLock::new();

/// Add a tool's strings to the tables. Called once, before the first lookup,
/// by `app::start` (each binary holds the shell and one tool).
pub fn register_tool(zh: Table, en: Table) {
    let _ = TOOL_TABLES.set((zh, en));
}

/// Whether this binary shows the "My data" page (the shell's binary:
/// see [`register_pages`]). Native builds (tests) have their strings too.
static PAGES: OnceLock<()> = OnceLock::new();

/// Add the "My data" page's strings to the tables. Called once,
/// before the first lookup, by `app::start_shell`.
pub fn register_pages() {
    let _ = PAGES.set(());
}

/// The parts of one language's table: the shell's strings (with the share
/// module's), the pages' if this binary shows them, then the tool's.
pub fn parts(lang: Lang) -> Vec<Table> {
    // The share module's strings (links, QR codes, the share panel) are a
    // part of the shell's table: every tool shares, the home page opens none.
    let mut v = match lang {
        Lang::Zh => vec![shell::ZH, crate::share::strings::STRINGS_ZH],
        Lang::En => vec![shell::EN, crate::share::strings::STRINGS_EN],
    };
    if PAGES.get().is_some() || cfg!(not(target_arch = "wasm32")) {
        v.push(match lang {
            Lang::Zh => shell::PAGES_ZH,
            Lang::En => shell::PAGES_EN,
        });
    }
    if let Some((zh, en)) = TOOL_TABLES.get() {
        v.push(if lang == Lang::Zh { *zh } else { *en });
    }
    #[cfg(not(target_arch = "wasm32"))]
    if TOOL_TABLES.get().is_none() {
        v.extend(crate::tools::all().iter().map(|t| t.strings(lang)));
    }
    v
}

fn build(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    let mut map = BTreeMap::new();
    for part in parts(lang) {
        for (k, v) in part {
            map.insert(k, v);
        }
    }
    map
}

fn table(lang: Lang) -> &'static BTreeMap<&'static str, &'static str> {
    static ZH: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    static EN: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    match lang {
        Lang::Zh => ZH.get_or_init(|| build(Lang::Zh)),
        Lang::En => EN.get_or_init(|| build(Lang::En)),
    }
}

/// Translate `key` into `lang`. A missing key comes back as the key itself.
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    table(lang).get(key).copied().unwrap_or(key)
}

/// Translate a key chosen at run time (e.g. from data); `None` if unknown.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    table(lang).get(key).copied()
}

/// Translate and fill `{name}` placeholders.
pub fn tf(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    fill(t(lang, key), args)
}

/// Fill `{name}` placeholders in a template.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: Lang) -> (BTreeSet<&'static str>, Vec<&'static str>) {
        let mut set = BTreeSet::new();
        let mut dups = Vec::new();
        for part in parts(lang) {
            for (k, _) in part {
                if !set.insert(k) {
                    dups.push(k);
                }
            }
        }
        (set, dups)
    }

    #[test]
    fn tables_have_same_keys() {
        let (zh, _) = keys(Lang::Zh);
        let (en, _) = keys(Lang::En);
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(
            only_zh.is_empty(),
            "keys missing from the English table: {only_zh:?}"
        );
        assert!(
            only_en.is_empty(),
            "keys missing from the Chinese table: {only_en:?}"
        );
    }

    #[test]
    fn no_duplicate_keys() {
        for lang in Lang::ALL {
            let (_, dups) = keys(lang);
            assert!(dups.is_empty(), "duplicate keys in {lang:?}: {dups:?}");
        }
    }

    #[test]
    fn no_empty_translations_and_placeholders_match() {
        let zh = table(Lang::Zh);
        let en = table(Lang::En);
        for (k, v) in zh {
            assert!(!v.trim().is_empty(), "empty zh text for {k}");
            let e = en.get(k).copied().unwrap_or("");
            assert!(!e.trim().is_empty(), "empty en text for {k}");
            assert_eq!(
                placeholders(v),
                placeholders(e),
                "placeholders differ for {k}"
            );
        }
    }

    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            if let Some(j) = rest[i..].find('}') {
                out.insert(rest[i + 1..i + j].to_string());
                rest = &rest[i + j + 1..];
            } else {
                break;
            }
        }
        out
    }

    #[test]
    fn every_key_used_in_source_exists() {
        // Scan the sources for t(.., "key") / tf(.., "key") / tr("key") uses.
        let mut missing = Vec::new();
        let known = keys(Lang::Zh).0;
        for path in rust_files(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
            let text = std::fs::read_to_string(&path).unwrap();
            for key in used_keys(&text) {
                if !known.contains(key.as_str()) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not translated: {missing:#?}"
        );
    }

    fn rust_files(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(rust_files(p));
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
        out
    }

    /// Keys written as `tr("…")`, `t(lang, "…")`, `tf(lang, "…"` in the source.
    fn used_keys(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for pat in ["tr(\"", "t(lang, \"", "tf(lang, \"", ".t(\"", ".tf(\""] {
            let mut rest = text;
            while let Some(i) = rest.find(pat) {
                let after = &rest[i + pat.len()..];
                if let Some(j) = after.find('"') {
                    let key = &after[..j];
                    if key.contains('.') && !key.contains(' ') && !key.contains('{') {
                        out.push(key.to_string());
                    }
                }
                rest = after;
            }
        }
        out
    }

    #[test]
    fn lookup_and_fill() {
        assert_eq!(t(Lang::Zh, "app.title"), "客户经营工具箱");
        assert_eq!(t(Lang::En, "app.title"), "RM Toolkit");
        assert_eq!(t(Lang::En, "no.such.key"), "no.such.key");
        assert_eq!(fill("a {x} b {y}", &[("x", "1"), ("y", "2")]), "a 1 b 2");
    }

    #[test]
    fn lang_codes() {
        assert_eq!(Lang::from_code("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::default(), Lang::Zh);
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    }
}
