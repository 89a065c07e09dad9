//! The stored library of scripts (document "scripts"): create from a framework
//! or a product template, duplicate, rename, delete, search; export one script
//! as a file and import it back (validated completely before anything changes).

use super::compliance::{self, Flag};
use super::framework::{self, NeedLink};
use super::ppf::{self, Grid};
use super::templates::{self, ProductTemplate};
use super::text;
use crate::i18n::Lang;
use crate::storage::codec::{self, DocData, ImportError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The framework id of PPF nine-grid scripts.
pub const PPF: &str = "ppf";
/// Longest script name kept.
pub const MAX_NAME: usize = 200;
/// Most scripts in a library.
pub const MAX_SCRIPTS: usize = 1000;
/// Largest script file accepted for import.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// The script file format version.
pub const FILE_FORMAT: u32 = 1;

/// One script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Script {
    pub id: u64,
    pub name: String,
    /// A framework id (see `framework::FRAMEWORKS`) or "ppf".
    pub framework: String,
    /// The language the script is written in (transitions follow it).
    pub lang: Lang,
    /// Texts of the framework's parts, in the framework's part order.
    pub parts: Vec<String>,
    /// The customer need the Benefit must meet (FABE).
    pub need: String,
    /// Product risk level R1–R5 and client risk tolerance C1–C5 (FABE).
    pub product_risk: Option<u8>,
    pub client_risk: Option<u8>,
    /// The product template it was made from (informative).
    pub template: String,
    /// The PPF grid (PPF scripts only).
    pub grid: Option<Grid>,
    /// The user's own edit of the assembled spoken script (step frameworks);
    /// `None` when the assembled text is used as is.
    pub edited_script: Option<String>,
    /// The assembled text the edit was based on (to tell when the parts
    /// changed afterwards).
    pub edited_base: String,
}

impl Default for Script {
    fn default() -> Self {
        Script {
            id: 0,
            name: String::new(),
            framework: "fabe".into(),
            lang: Lang::Zh,
            parts: Vec::new(),
            need: String::new(),
            product_risk: None,
            client_risk: None,
            template: String::new(),
            grid: None,
            edited_script: None,
            edited_base: String::new(),
        }
    }
}

/// Where in a script a compliance flag was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagAt {
    /// A part of the framework (index in the framework's part order).
    Part(usize),
    /// The customer need.
    Need,
    /// The user's own edit of the assembled spoken script.
    Spoken,
    /// A PPF theme name.
    Theme(usize),
    /// A PPF question.
    Question { time: usize, theme: usize, q: usize },
    /// The product and client risk levels (suitability).
    Levels,
}

/// The library document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScriptsDoc {
    pub scripts: Vec<Script>,
    pub next_id: u64,
}

fn known_framework(id: &str) -> bool {
    id == PPF || framework::framework(id).is_some()
}

impl Script {
    pub fn is_ppf(&self) -> bool {
        self.framework == PPF
    }

    pub fn framework_def(&self) -> Option<&'static framework::Framework> {
        framework::framework(&self.framework)
    }

    /// The text of part `i` ("" when missing).
    pub fn part(&self, i: usize) -> &str {
        self.parts.get(i).map(String::as_str).unwrap_or("")
    }

    /// Set the text of part `i`, growing the list as needed.
    pub fn set_part(&mut self, i: usize, text: String) {
        if i >= 64 {
            return;
        }
        if self.parts.len() <= i {
            self.parts.resize(i + 1, String::new());
        }
        self.parts[i] = text;
    }

    /// Make the shape right: as many parts as the framework has (extra texts
    /// are kept at the end so nothing typed is lost), a full grid for PPF.
    pub fn normalise(&mut self) {
        if let Some(fw) = self.framework_def() {
            if self.parts.len() < fw.parts.len() {
                self.parts.resize(fw.parts.len(), String::new());
            }
        }
        if self.is_ppf() {
            let lang = self.lang;
            self.grid
                .get_or_insert_with(|| Grid::new(lang))
                .normalise(lang);
        }
        self.name = text::clip_chars(&self.name, MAX_NAME);
    }

    /// The spoken script (FABE and step frameworks) or the interview plan
    /// (PPF) as text.
    pub fn spoken(&self) -> String {
        if let Some(fw) = self.framework_def() {
            framework::assemble(fw, &self.parts, &self.need, self.lang)
        } else if let Some(g) = &self.grid {
            ppf::plan_text(&ppf::interview_plan(g, self.lang), self.lang)
        } else {
            String::new()
        }
    }

    /// The script text the user sees: their edit when there is one, else
    /// the assembled one.
    pub fn shown_script(&self) -> String {
        match &self.edited_script {
            Some(t) if !self.is_ppf() => t.clone(),
            _ => self.spoken(),
        }
    }

    /// Store the user's edit of the spoken script. An edit equal to the
    /// assembled text is no edit. The base is taken at the first edit, so a
    /// pending "parts changed" notice stays until the user answers it.
    pub fn set_edited(&mut self, text: String) {
        if self.is_ppf() {
            return;
        }
        let assembled = self.spoken();
        if self.edited_script.is_none() {
            if text == assembled {
                return;
            }
            self.edited_base = assembled;
        }
        self.edited_script = Some(text);
    }

    /// Is there an edit whose parts changed since (the assembled text now
    /// differs from the one the edit was based on)?
    pub fn edit_is_stale(&self) -> bool {
        self.edited_script.is_some() && !self.is_ppf() && self.edited_base != self.spoken()
    }

    /// "Keep my edit": the edit now counts as based on the current parts.
    pub fn keep_edit(&mut self) {
        if self.edited_script.is_some() {
            self.edited_base = self.spoken();
        }
    }

    /// "Use the new assembled script": discard the edit.
    pub fn reset_edit(&mut self) {
        self.edited_script = None;
        self.edited_base.clear();
    }

    /// Compliance flags of every text the client may hear, wherever it was
    /// typed: each part, the customer need (quoted in the Benefit's
    /// transition), the user's own edit of the spoken script (what Copy and
    /// the cue cards use), and a PPF grid's questions and themes; plus, when
    /// both levels are given, the suitability flag.
    pub fn flags(&self, lang: Lang) -> Vec<(FlagAt, Flag)> {
        let mut out = Vec::new();
        let mut check = |at: FlagAt, text: &str| {
            for f in compliance::check_text(text, lang) {
                out.push((at, f));
            }
        };
        for (i, p) in self.parts.iter().enumerate() {
            check(FlagAt::Part(i), p);
        }
        check(FlagAt::Need, &self.need);
        if let Some(t) = self.edited_script.as_deref().filter(|_| !self.is_ppf()) {
            check(FlagAt::Spoken, t);
        }
        if let Some(g) = self.grid.as_ref().filter(|_| self.is_ppf()) {
            for (theme, t) in g.themes.iter().enumerate() {
                check(FlagAt::Theme(theme), t);
            }
            for (k, c) in g.cells.iter().enumerate() {
                for (q, text) in c.questions.iter().enumerate() {
                    check(
                        FlagAt::Question {
                            time: k / 3,
                            theme: k % 3,
                            q,
                        },
                        text,
                    );
                }
            }
        }
        if let Some(f) = compliance::check_suitability(self.product_risk, self.client_risk, lang) {
            out.push((FlagAt::Levels, f));
        }
        out
    }

    /// The Benefit-versus-need check (FABE only).
    pub fn need_link(&self) -> Option<NeedLink> {
        let fw = self.framework_def()?;
        let i = fw.part_index(fw.need_part?)?;
        Some(framework::need_link(self.part(i), &self.need))
    }

    /// Does the script contain this text (name, parts, need, grid), ignoring case?
    pub fn matches(&self, query: &str) -> bool {
        let q = crate::fold::lower(query.trim());
        if q.is_empty() {
            return true;
        }
        let has = |s: &str| crate::fold::lower(s).contains(&q);
        has(&self.name)
            || self.parts.iter().any(|p| has(p))
            || has(&self.need)
            || self.edited_script.as_deref().is_some_and(has)
            || self.grid.as_ref().is_some_and(|g| {
                g.themes.iter().any(|t| has(t))
                    || g.cells
                        .iter()
                        .any(|c| has(&c.answers) || c.questions.iter().any(|q| has(q)))
            })
    }
}

/// A new script of a framework, empty or filled with the framework's example.
pub fn from_framework(fw_id: &str, lang: Lang, with_example: bool) -> Option<Script> {
    if fw_id == PPF {
        return Some(new_ppf(lang, with_example));
    }
    let fw = framework::framework(fw_id)?;
    Some(Script {
        name: fw.name.get(lang).to_string(),
        framework: fw.id.into(),
        lang,
        parts: if with_example {
            fw.examples(lang)
        } else {
            vec![String::new(); fw.parts.len()]
        },
        ..Script::default()
    })
}

/// A new FABE script from a product template.
pub fn from_template(t: &ProductTemplate, lang: Lang) -> Script {
    Script {
        name: format!("FABE · {}", t.name.get(lang)),
        framework: "fabe".into(),
        lang,
        parts: t.parts.iter().map(|p| p.get(lang).to_string()).collect(),
        need: t.need.get(lang).to_string(),
        product_risk: t.risk,
        template: t.id.into(),
        ..Script::default()
    }
}

/// A new PPF nine-grid script (with one suggested question per cell or empty).
pub fn new_ppf(lang: Lang, with_suggestions: bool) -> Script {
    Script {
        name: match lang {
            Lang::Zh => "PPF九宫格".into(),
            Lang::En => "PPF nine-grid".into(),
        },
        framework: PPF.into(),
        lang,
        grid: Some(if with_suggestions {
            Grid::with_suggestions(lang)
        } else {
            Grid::new(lang)
        }),
        ..Script::default()
    }
}

impl ScriptsDoc {
    pub fn get(&self, id: u64) -> Option<&Script> {
        self.scripts.iter().find(|s| s.id == id)
    }

    pub fn get_mut(&mut self, id: u64) -> Option<&mut Script> {
        self.scripts.iter_mut().find(|s| s.id == id)
    }

    fn fresh_id(&mut self) -> u64 {
        let max = self.scripts.iter().map(|s| s.id).max().unwrap_or(0);
        self.next_id = self.next_id.max(max + 1).max(1);
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// A name not used by another script: "name", "name (2)", "name (3)"…
    pub fn unique_name(&self, name: &str) -> String {
        let base = text::clip_chars(name.trim(), MAX_NAME - 8);
        let base = if base.is_empty() {
            "—".to_string()
        } else {
            base
        };
        if !self.scripts.iter().any(|s| s.name == base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|c| !self.scripts.iter().any(|s| &s.name == c))
            .unwrap_or(base)
    }

    /// Add a script (new id, unique name); returns its id, or `None` when the
    /// library is full.
    pub fn add(&mut self, mut script: Script) -> Option<u64> {
        if self.scripts.len() >= MAX_SCRIPTS {
            return None;
        }
        script.id = self.fresh_id();
        script.name = self.unique_name(&script.name);
        script.normalise();
        let id = script.id;
        self.scripts.insert(0, script);
        Some(id)
    }

    /// Copy a script; the copy comes first with a "copy" name.
    pub fn duplicate(&mut self, id: u64, copy_word: &str) -> Option<u64> {
        let mut s = self.get(id)?.clone();
        s.name = format!("{} {copy_word}", s.name);
        self.add(s)
    }

    /// Rename; an empty name is refused (returns false).
    pub fn rename(&mut self, id: u64, name: &str) -> bool {
        let name = text::clip_chars(name.trim(), MAX_NAME);
        if name.is_empty() {
            return false;
        }
        match self.get_mut(id) {
            Some(s) => {
                s.name = name;
                true
            }
            None => false,
        }
    }

    /// Remove a script; returns it (for undo).
    pub fn delete(&mut self, id: u64) -> Option<Script> {
        let i = self.scripts.iter().position(|s| s.id == id)?;
        Some(self.scripts.remove(i))
    }

    /// Ids of the scripts that match a search, in library order.
    pub fn search(&self, query: &str) -> Vec<u64> {
        self.scripts
            .iter()
            .filter(|s| s.matches(query))
            .map(|s| s.id)
            .collect()
    }
}

/// What sending a PPF needs summary to a FABE pitch would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendNeed {
    /// No (known) target: a new FABE pitch is made with the need.
    New,
    /// The target has no need yet: it is filled in.
    Fill(u64),
    /// The target already has this need: nothing changes.
    Same(u64),
    /// The target has another need, which would be replaced: ask first.
    Replace { id: u64, old: String },
}

impl ScriptsDoc {
    /// What [`ScriptsDoc::send_need`] would do, so the page can ask before a
    /// need the user wrote is replaced.
    pub fn send_need_plan(&self, target: Option<u64>, need: &str) -> SendNeed {
        match target.and_then(|t| self.get(t)).filter(|s| !s.is_ppf()) {
            None => SendNeed::New,
            Some(s) if s.need.trim().is_empty() => SendNeed::Fill(s.id),
            Some(s) if s.need.trim() == need.trim() => SendNeed::Same(s.id),
            Some(s) => SendNeed::Replace {
                id: s.id,
                old: s.need.clone(),
            },
        }
    }

    /// Write the need into the target pitch (or a new one); returns the id
    /// of the pitch written, `None` when a new one does not fit.
    pub fn send_need(&mut self, target: Option<u64>, need: &str, lang: Lang) -> Option<u64> {
        match self.send_need_plan(target, need) {
            SendNeed::New => {
                let mut s = from_framework("fabe", lang, false)?;
                s.need = need.to_string();
                self.add(s)
            }
            SendNeed::Same(id) => Some(id),
            SendNeed::Fill(id) | SendNeed::Replace { id, .. } => {
                let s = self.get_mut(id)?;
                s.need = need.to_string();
                Some(id)
            }
        }
    }
}

fn demo_doc(lang: Lang) -> ScriptsDoc {
    let mut doc = ScriptsDoc::default();
    let mut scripts = Vec::new();
    // PPF grid with answers, to show the summary flowing into FABE.
    let mut ppf_script = new_ppf(lang, true);
    if let Some(g) = ppf_script.grid.as_mut() {
        let answers: [(usize, usize, &str, &str); 5] = [
            (
                0,
                2,
                "以前只把钱存活期",
                "kept all savings in a current account",
            ),
            (
                1,
                0,
                "在一家外贸公司做财务，收入稳定",
                "works in finance at a trading firm; steady income",
            ),
            (
                1,
                1,
                "女儿读高一",
                "daughter in her first year of high school",
            ),
            (
                2,
                1,
                "女儿三年后上大学，要准备学费",
                "school fees for her daughter in three years",
            ),
            (
                2,
                2,
                "希望这笔钱稳妥，到时能用",
                "wants the money safe and ready when needed",
            ),
        ];
        for (time, theme, zh, en) in answers {
            if let Some(c) = g.cell_mut(time, theme) {
                c.answers = if lang == Lang::Zh { zh } else { en }.to_string();
            }
        }
    }
    ppf_script.name = match lang {
        Lang::Zh => "PPF九宫格 · 张女士".into(),
        Lang::En => "PPF nine-grid · Ms Zhang".into(),
    };
    // A pitch with compliance problems, as an exercise.
    let mut risky = from_template(&templates::TEMPLATES[1], lang);
    risky.name = match lang {
        Lang::Zh => "练习：找出违规话术".into(),
        Lang::En => "Exercise: spot the non-compliant wording".into(),
    };
    risky.set_part(
        0,
        match lang {
            Lang::Zh => "这是市场上最好的理财，保本保息，年化4.5%。".into(),
            Lang::En => {
                "This is the best wealth product on the market, with a guaranteed return of 4.5%."
                    .into()
            }
        },
    );
    risky.product_risk = Some(3);
    risky.client_risk = Some(2);
    scripts.push(risky);
    for id in ["objection", "complaint", "dormant", "referral"] {
        if let Some(s) = from_framework(id, lang, true) {
            scripts.push(s);
        }
    }
    scripts.push(ppf_script);
    scripts.push(from_template(&templates::TEMPLATES[0], lang));
    for s in scripts {
        doc.add(s);
    }
    doc
}

impl DocData for ScriptsDoc {
    const NAME: &'static str = "scripts";
    const SCHEMA: u32 = 1;

    fn demo(lang: Lang) -> Self {
        demo_doc(lang)
    }

    fn validate(&self) -> Result<(), String> {
        if self.scripts.len() > MAX_SCRIPTS {
            return Err(format!("more than {MAX_SCRIPTS} scripts"));
        }
        let mut ids = std::collections::BTreeSet::new();
        for s in &self.scripts {
            validate_script(s)?;
            if !ids.insert(s.id) {
                return Err(format!("duplicate script id {}", s.id));
            }
        }
        Ok(())
    }

    /// Keep every script that decodes and validates on its own.
    fn recover(data: &Value) -> Option<Self> {
        let list = data.get("scripts")?.as_array()?;
        let mut doc = ScriptsDoc {
            next_id: data.get("next_id").and_then(Value::as_u64).unwrap_or(0),
            ..ScriptsDoc::default()
        };
        let mut ids = std::collections::BTreeSet::new();
        for v in list.iter().take(MAX_SCRIPTS) {
            if let Ok(s) = serde_json::from_value::<Script>(v.clone()) {
                if validate_script(&s).is_ok() && ids.insert(s.id) {
                    doc.scripts.push(s);
                }
            }
        }
        let max = doc.scripts.iter().map(|s| s.id).max().unwrap_or(0);
        doc.next_id = doc.next_id.max(max + 1);
        Some(doc)
    }
}

/// Checks of one script beyond its types.
pub fn validate_script(s: &Script) -> Result<(), String> {
    if !known_framework(&s.framework) {
        return Err(format!("unknown framework '{}'", s.framework));
    }
    for (what, level) in [
        ("product risk", s.product_risk),
        ("client risk", s.client_risk),
    ] {
        if let Some(l) = level {
            if !(1..=5).contains(&l) {
                return Err(format!("{what} level {l} is not 1–5"));
            }
        }
    }
    if s.parts.len() > 64 {
        return Err("too many parts".into());
    }
    if s.edited_script
        .as_ref()
        .is_some_and(|t| t.len() > MAX_FILE_BYTES)
    {
        return Err("edited script too long".into());
    }
    if let Some(g) = &s.grid {
        if g.themes.len() > 3 || g.cells.len() > 9 {
            return Err("PPF grid is not 3×3".into());
        }
    }
    Ok(())
}

#[derive(Serialize, Deserialize)]
struct ScriptFile {
    app: String,
    kind: String,
    format: u32,
    script: Value,
}

/// The file text of one exported script.
pub fn export_script(s: &Script) -> String {
    let file = ScriptFile {
        app: codec::APP_ID.into(),
        kind: "script".into(),
        format: FILE_FORMAT,
        script: serde_json::to_value(s).unwrap_or(Value::Null),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Every script of the library as one file (kind "scripts"); it imports
/// back with [`import_scripts`].
pub fn export_library(doc: &ScriptsDoc) -> String {
    let v = serde_json::json!({
        "app": codec::APP_ID,
        "kind": "scripts",
        "format": FILE_FORMAT,
        "scripts": serde_json::to_value(&doc.scripts).unwrap_or(Value::Null),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// The file name of a whole-library export.
pub fn library_file_name(stamp: &str) -> String {
    format!("scripts-{stamp}.rmscripts.json")
}

/// Read a script file: one script (kind "script") or a whole library
/// (kind "scripts"). Every script is checked before anything is added; one
/// bad script refuses the file.
pub fn import_scripts(text: &str) -> Result<Vec<Script>, ScriptImportError> {
    let v = codec::parse_import_json(text, MAX_FILE_BYTES).map_err(ScriptImportError::File)?;
    if v.get("kind").and_then(Value::as_str) != Some("scripts") {
        return import_script(text).map(|s| vec![s]);
    }
    if v.get("app").and_then(Value::as_str) != Some(codec::APP_ID) {
        return Err(ScriptImportError::NotScript);
    }
    let format = v.get("format").and_then(Value::as_u64).unwrap_or(0);
    if format > u64::from(FILE_FORMAT) {
        return Err(ScriptImportError::Newer(
            u32::try_from(format).unwrap_or(u32::MAX),
        ));
    }
    let list = v
        .get("scripts")
        .and_then(Value::as_array)
        .ok_or(ScriptImportError::NotScript)?;
    if list.len() > MAX_SCRIPTS {
        return Err(ScriptImportError::Bad(format!(
            "more than {MAX_SCRIPTS} scripts"
        )));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        if !item.is_object() {
            return Err(ScriptImportError::Bad(format!("script {}", i + 1)));
        }
        let mut s: Script = serde_json::from_value(item.clone())
            .map_err(|_| ScriptImportError::Bad(format!("script {}", i + 1)))?;
        validate_script(&s)
            .map_err(|e| ScriptImportError::Bad(format!("script {}: {e}", i + 1)))?;
        s.normalise();
        out.push(s);
    }
    Ok(out)
}

/// A file name for an exported script: its name made safe, plus a stamp.
pub fn file_name(s: &Script, stamp: &str) -> String {
    let safe: String = s
        .name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    let safe = safe.trim_matches('-');
    let safe = if safe.is_empty() { "script" } else { safe };
    format!("{safe}-{stamp}.rmscript.json")
}

/// Why a script file was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum ScriptImportError {
    File(ImportError),
    NotScript,
    Newer(u32),
    Bad(String),
}

impl ScriptImportError {
    pub fn message_key(&self) -> &'static str {
        match self {
            ScriptImportError::File(e) => e.message_key(),
            ScriptImportError::NotScript => "scripts.import.not_script",
            ScriptImportError::Newer(_) => "import.err.newer",
            ScriptImportError::Bad(_) => "scripts.import.bad",
        }
    }

    pub fn detail(&self) -> String {
        match self {
            ScriptImportError::File(e) => e.detail(),
            ScriptImportError::NotScript => String::new(),
            ScriptImportError::Newer(f) => format!("format {f}"),
            ScriptImportError::Bad(e) => e.clone(),
        }
    }
}

/// Read a script file completely: JSON, ours, a script, a known framework,
/// valid levels. Returns the script (its id is replaced when added).
pub fn import_script(text: &str) -> Result<Script, ScriptImportError> {
    let v = codec::parse_import_json(text, MAX_FILE_BYTES).map_err(ScriptImportError::File)?;
    let file: ScriptFile = serde_json::from_value(v).map_err(|_| ScriptImportError::NotScript)?;
    if file.app != codec::APP_ID || file.kind != "script" {
        return Err(ScriptImportError::NotScript);
    }
    if file.format > FILE_FORMAT {
        return Err(ScriptImportError::Newer(file.format));
    }
    if !file.script.is_object() {
        return Err(ScriptImportError::NotScript);
    }
    let mut s: Script =
        serde_json::from_value(file.script).map_err(|e| ScriptImportError::Bad(e.to_string()))?;
    validate_script(&s).map_err(ScriptImportError::Bad)?;
    s.normalise();
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::codec::{decode, encode, Decoded};

    #[test]
    fn demo_is_valid_in_both_languages_and_round_trips() {
        for lang in Lang::ALL {
            let d = ScriptsDoc::demo(lang);
            assert!(d.validate().is_ok());
            assert!(d.scripts.len() >= 7);
            let raw = encode(&d, 1, "now");
            match decode::<ScriptsDoc>(&raw) {
                Decoded::Ok { data, .. } => assert_eq!(data, d),
                other => panic!("{other:?}"),
            }
            // Every demo script has a spoken text.
            for s in &d.scripts {
                assert!(!s.spoken().is_empty(), "{}", s.name);
            }
            // The exercise shows flags; the plain template none.
            let ex = &d
                .scripts
                .iter()
                .find(|s| s.product_risk == Some(3))
                .unwrap();
            let flags = ex.flags(lang);
            assert!(
                flags.iter().any(|(p, _)| *p == FlagAt::Levels),
                "suitability"
            );
            assert!(flags.len() >= 3, "{flags:?}");
        }
    }

    #[test]
    fn create_duplicate_rename_delete_search() {
        let mut d = ScriptsDoc::default();
        let a = d
            .add(from_template(
                templates::template("credit_card").unwrap(),
                Lang::En,
            ))
            .unwrap();
        let b = d
            .add(from_framework("complaint", Lang::Zh, false).unwrap())
            .unwrap();
        assert_ne!(a, b);
        assert_eq!(d.get(b).unwrap().parts.len(), 6);
        let c = d.duplicate(a, "(copy)").unwrap();
        assert_eq!(d.get(c).unwrap().name, "FABE · Credit card (copy)");
        assert_eq!(d.get(c).unwrap().parts, d.get(a).unwrap().parts);
        assert!(d.rename(c, "  Mine  "));
        assert_eq!(d.get(c).unwrap().name, "Mine");
        assert!(!d.rename(c, "   "));
        assert!(!d.rename(999, "x"));
        assert_eq!(d.search("MILES"), vec![c, a]);
        assert_eq!(d.search("投诉"), vec![b]);
        assert_eq!(d.search("").len(), 3);
        assert!(d.delete(a).is_some());
        assert!(d.delete(a).is_none());
        assert_eq!(d.scripts.len(), 2);
        // Ids are never reused.
        let e = d.add(new_ppf(Lang::En, false)).unwrap();
        assert!(e > c);
        assert!(d.validate().is_ok());
    }

    #[test]
    fn names_stay_unique() {
        let mut d = ScriptsDoc::default();
        let s = from_framework("referral", Lang::En, true).unwrap();
        let a = d.add(s.clone()).unwrap();
        let b = d.add(s.clone()).unwrap();
        let c = d.add(s).unwrap();
        assert_eq!(d.get(a).unwrap().name, "Asking for a referral");
        assert_eq!(d.get(b).unwrap().name, "Asking for a referral (2)");
        assert_eq!(d.get(c).unwrap().name, "Asking for a referral (3)");
        assert!(from_framework("nope", Lang::En, true).is_none());
    }

    #[test]
    fn export_import_round_trip_keeps_everything() {
        let mut s = from_template(&templates::TEMPLATES[2], Lang::Zh);
        s.set_part(0, "<script>alert(1)</script> & \"引号\" ".repeat(500));
        s.client_risk = Some(1);
        let text = export_script(&s);
        let back = import_script(&text).unwrap();
        assert_eq!(back, s);
        let p = new_ppf(Lang::En, true);
        assert_eq!(import_script(&export_script(&p)).unwrap(), p);
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        let good = export_script(&from_framework("fabe", Lang::En, true).unwrap());
        assert!(matches!(
            import_script(""),
            Err(ScriptImportError::File(ImportError::Empty))
        ));
        assert!(matches!(
            import_script("{nope"),
            Err(ScriptImportError::File(ImportError::NotJson(_)))
        ));
        assert_eq!(import_script("[1,2]"), Err(ScriptImportError::NotScript));
        assert_eq!(
            import_script(r#"{"app":"rm-toolkit","kind":"workspace","format":1,"script":{}}"#),
            Err(ScriptImportError::NotScript)
        );
        assert_eq!(
            import_script(&good.replace("\"format\": 1", "\"format\": 9")),
            Err(ScriptImportError::Newer(9))
        );
        let bad_fw = good.replace("\"framework\": \"fabe\"", "\"framework\": \"zzz\"");
        assert!(matches!(
            import_script(&bad_fw),
            Err(ScriptImportError::Bad(_))
        ));
        let bad_risk = good.replace("\"client_risk\": null", "\"client_risk\": 7");
        assert!(matches!(
            import_script(&bad_risk),
            Err(ScriptImportError::Bad(_))
        ));
        let bad_type = good.replace("\"need\": \"\"", "\"need\": 5");
        assert!(matches!(
            import_script(&bad_type),
            Err(ScriptImportError::Bad(_))
        ));
        for e in [
            ScriptImportError::NotScript,
            ScriptImportError::Bad("x".into()),
            ScriptImportError::Newer(2),
        ] {
            assert!(!e.message_key().is_empty());
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(matches!(
            import_script(&deep),
            Err(ScriptImportError::File(ImportError::TooDeep { .. }))
        ));
    }

    #[test]
    fn damaged_library_keeps_its_good_scripts() {
        let d = ScriptsDoc::demo(Lang::Zh);
        let mut v = serde_json::to_value(&d).unwrap();
        v["scripts"][1]["framework"] = Value::String("gone".into());
        v["scripts"][2]["parts"] = Value::String("not a list".into());
        let raw = serde_json::json!({
            "app": "rm-toolkit", "doc": "scripts", "schema": 1, "rev": 3, "saved_at": "x", "data": v
        })
        .to_string();
        match decode::<ScriptsDoc>(&raw) {
            Decoded::Recovered { data, .. } => {
                assert_eq!(data.scripts.len(), d.scripts.len() - 2);
                assert!(data.next_id > data.scripts.iter().map(|s| s.id).max().unwrap());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn need_link_and_flags_of_a_script() {
        let mut s = from_framework("fabe", Lang::Zh, false).unwrap();
        assert_eq!(s.need_link(), Some(NeedLink::NoBenefit));
        s.set_part(2, "收益更高".into());
        assert_eq!(s.need_link(), Some(NeedLink::NoNeed));
        s.need = "想让收益更高一些".into();
        assert_eq!(s.need_link(), Some(NeedLink::Linked));
        s.set_part(0, "稳赚不赔".into());
        let f = s.flags(Lang::En);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, FlagAt::Part(0));
        assert!(from_framework("complaint", Lang::Zh, true)
            .unwrap()
            .need_link()
            .is_none());
    }

    /// Issue 15 item 19: text typed into the spoken-script box (and every
    /// other text the client hears) is checked.
    #[test]
    fn every_heard_text_is_checked() {
        let mut s = from_template(templates::template("wealth").unwrap(), Lang::Zh);
        assert!(s.flags(Lang::Zh).is_empty(), "{:?}", s.flags(Lang::Zh));
        let mine = format!("{}这款产品保本保息，稳赚不赔", s.spoken());
        s.set_edited(mine);
        let f = s.flags(Lang::Zh);
        let spoken: Vec<&str> = f
            .iter()
            .filter(|(at, _)| *at == FlagAt::Spoken)
            .map(|(_, f)| f.rule)
            .collect();
        assert!(spoken.contains(&"zh.baoben"), "{f:?}");
        assert!(spoken.contains(&"zh.wenzhuan"), "{f:?}");
        // The need is spoken too ("您刚才提到…").
        s.need = "想要零风险的理财".into();
        assert!(s
            .flags(Lang::Zh)
            .iter()
            .any(|(at, f)| *at == FlagAt::Need && f.rule == "zh.lingfengxian"));
        // PPF questions and themes are said to the client.
        let mut p = new_ppf(Lang::Zh, true);
        assert!(p.flags(Lang::Zh).is_empty());
        if let Some(g) = p.grid.as_mut() {
            g.cells[4]
                .questions
                .push("要不要试试我们包赚的产品？".into());
            g.themes[2] = "稳赚理财".into();
        }
        let f = p.flags(Lang::Zh);
        assert!(f.iter().any(|(at, f)| *at
            == FlagAt::Question {
                time: 1,
                theme: 1,
                q: 1
            }
            && f.rule == "zh.baozhuan"));
        assert!(f.iter().any(|(at, _)| *at == FlagAt::Theme(2)));
        // Every shipped template, example and need starts clean.
        for lang in Lang::ALL {
            for t in &templates::TEMPLATES {
                let s = from_template(t, lang);
                assert!(s.flags(lang).is_empty(), "{} {lang:?}", t.id);
            }
            for fw in framework::FRAMEWORKS {
                let s = from_framework(fw.id, lang, true).unwrap();
                assert!(s.flags(lang).is_empty(), "{} {lang:?}", fw.id);
            }
            assert!(new_ppf(lang, true).flags(lang).is_empty());
        }
    }

    /// Issue 15 item 25: sending a need to a FABE pitch that has one asks.
    #[test]
    fn sending_a_need_asks_before_replacing_one() {
        let mut d = ScriptsDoc::default();
        let a = d
            .add(from_framework("fabe", Lang::Zh, false).unwrap())
            .unwrap();
        let b = d
            .add(from_template(&templates::TEMPLATES[1], Lang::Zh))
            .unwrap();
        let old = d.get(b).unwrap().need.clone();
        assert!(!old.is_empty());
        assert_eq!(d.send_need_plan(None, "学费"), SendNeed::New);
        assert_eq!(d.send_need_plan(Some(999), "学费"), SendNeed::New);
        assert_eq!(d.send_need_plan(Some(a), "学费"), SendNeed::Fill(a));
        assert_eq!(
            d.send_need_plan(Some(b), "学费"),
            SendNeed::Replace {
                id: b,
                old: old.clone()
            }
        );
        assert_eq!(
            d.send_need_plan(Some(b), &format!(" {old} ")),
            SendNeed::Same(b)
        );
        assert_eq!(d.send_need(Some(a), "学费", Lang::Zh), Some(a));
        assert_eq!(d.get(a).unwrap().need, "学费");
        let n = d.scripts.len();
        let c = d.send_need(None, "养老", Lang::Zh).unwrap();
        assert_eq!(d.scripts.len(), n + 1);
        assert_eq!(d.get(c).unwrap().need, "养老");
        assert_eq!(d.get(c).unwrap().framework, "fabe");
    }

    /// Issue 15 item 25: the whole library exports as one file and imports back.
    #[test]
    fn whole_library_exports_and_imports() {
        let d = ScriptsDoc::demo(Lang::Zh);
        let text = export_library(&d);
        let back = import_scripts(&text).unwrap();
        assert_eq!(back, d.scripts);
        assert_eq!(library_file_name("x"), "scripts-x.rmscripts.json");
        // A single-script file still imports.
        let one = import_scripts(&export_script(&d.scripts[0])).unwrap();
        assert_eq!(one, vec![d.scripts[0].clone()]);
        // One bad script refuses the whole file.
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["scripts"][2]["framework"] = Value::String("zzz".into());
        assert!(matches!(
            import_scripts(&v.to_string()),
            Err(ScriptImportError::Bad(_))
        ));
        v["scripts"][2] = Value::Null;
        assert!(matches!(
            import_scripts(&v.to_string()),
            Err(ScriptImportError::Bad(_))
        ));
        v["format"] = 9.into();
        assert_eq!(
            import_scripts(&v.to_string()),
            Err(ScriptImportError::Newer(9))
        );
        let foreign = r#"{"app":"other","kind":"scripts","format":1,"scripts":[]}"#;
        assert_eq!(import_scripts(foreign), Err(ScriptImportError::NotScript));
        assert!(import_scripts("[1]").is_err());
    }

    #[test]
    fn file_names_are_safe() {
        let mut s = Script {
            name: "a/b:<c> 话术".into(),
            ..Script::default()
        };
        assert_eq!(
            file_name(&s, "20260101-1200"),
            "a-b--c--话术-20260101-1200.rmscript.json"
        );
        s.name = "///".into();
        assert_eq!(file_name(&s, "x"), "script-x.rmscript.json");
    }

    #[test]
    fn edited_script_is_kept_flagged_when_parts_change_and_reset() {
        let mut s = from_framework("fabe", Lang::Zh, true).unwrap();
        let assembled = s.spoken();
        // Setting the assembled text unchanged is no edit.
        s.set_edited(assembled.clone());
        assert_eq!(s.edited_script, None);
        let mine = format!("{assembled}（我的补充）");
        s.set_edited(mine.clone());
        assert_eq!(s.shown_script(), mine);
        assert!(!s.edit_is_stale());
        // Parts change: the edit stays, flagged stale.
        s.set_part(0, "新的特点".into());
        assert_ne!(s.spoken(), assembled);
        assert_eq!(s.shown_script(), mine);
        assert!(s.edit_is_stale());
        // Editing further keeps the notice until answered.
        s.set_edited(format!("{mine}!"));
        assert!(s.edit_is_stale());
        // Keep my edit: no longer stale, edit kept.
        s.keep_edit();
        assert!(!s.edit_is_stale());
        assert_eq!(s.shown_script(), format!("{mine}!"));
        assert!(s.matches("我的补充"));
        // Use the assembled script: edit gone.
        s.set_part(1, "再改".into());
        assert!(s.edit_is_stale());
        s.reset_edit();
        assert_eq!(s.edited_script, None);
        assert!(!s.edit_is_stale());
        assert_eq!(s.shown_script(), s.spoken());
        // PPF scripts take no edit.
        let mut p = new_ppf(Lang::Zh, true);
        p.set_edited("x".into());
        assert_eq!(p.edited_script, None);
    }

    #[test]
    fn edited_script_survives_save_export_and_old_saves_load() {
        let mut d = ScriptsDoc::demo(Lang::Zh);
        let id = d.scripts[0].id;
        let mine = "我自己改过的话术".to_string();
        if let Some(s) = d.get_mut(id) {
            s.set_edited(mine.clone());
        }
        let back: ScriptsDoc = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back.get(id).unwrap().shown_script(), mine);
        let s = d.get(id).unwrap();
        let imported = import_script(&export_script(s)).unwrap();
        assert_eq!(imported.edited_script.as_deref(), Some(mine.as_str()));
        assert_eq!(imported.edited_base, s.edited_base);
        // A save from before the field existed still loads, with no edit.
        let mut v = serde_json::to_value(ScriptsDoc::demo(Lang::Zh)).unwrap();
        for sc in v["scripts"].as_array_mut().unwrap() {
            let o = sc.as_object_mut().unwrap();
            o.remove("edited_script");
            o.remove("edited_base");
        }
        let raw = serde_json::json!({
            "app": "rm-toolkit", "doc": "scripts", "schema": 1, "rev": 1, "saved_at": "x", "data": v
        })
        .to_string();
        match decode::<ScriptsDoc>(&raw) {
            Decoded::Ok { data, .. } => {
                assert!(data.scripts.iter().all(|s| s.edited_script.is_none()));
                assert!(data.scripts.iter().all(|s| !s.edit_is_stale()));
            }
            other => panic!("{other:?}"),
        }
    }
}
