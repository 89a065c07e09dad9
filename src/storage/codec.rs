//! The storage codec: how a document is wrapped, versioned, migrated, decoded,
//! recovered and validated. Pure Rust (serde_json only), tested natively; the
//! browser side (`storage::browser`) only moves strings in and out of
//! localStorage.
//!
//! Every stored document is an [`Envelope`]: the app id, the document name, its
//! schema version, a revision counter (bumped on every save, used to stop a
//! stale tab from overwriting newer work) and the time of the save.

use crate::i18n::Lang;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Identifies our files and stored values.
pub const APP_ID: &str = "rm-toolkit";
/// Every localStorage key this app owns starts with this.
pub const KEY_PREFIX: &str = "rmt:";

pub fn doc_key(name: &str) -> String {
    format!("{KEY_PREFIX}doc:{name}")
}

/// Key under which unreadable raw text is kept aside.
pub fn quarantine_key(name: &str, stamp: &str) -> String {
    format!("{KEY_PREFIX}quarantine:{name}:{stamp}")
}

/// Key under which this tab's version is kept when another tab saved first.
pub fn conflict_key(name: &str, stamp: &str) -> String {
    format!("{KEY_PREFIX}conflict:{name}:{stamp}")
}

/// The document name in a `rmt:doc:<name>` key.
pub fn doc_name_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(KEY_PREFIX)?.strip_prefix("doc:")
}

/// A stored document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub app: String,
    pub doc: String,
    pub schema: u32,
    pub rev: u64,
    pub saved_at: String,
    pub data: Value,
}

/// A kind of document kept by the storage layer (one per tool, plus settings).
///
/// `migrate(from, data)` turns data of schema `from` into schema `from + 1`;
/// the codec chains the steps up to `SCHEMA`. `recover` may salvage part of a
/// document whose data no longer decodes (e.g. keep the good records of a list).
pub trait DocData:
    Serialize + DeserializeOwned + Clone + PartialEq + Default + Send + Sync + 'static
{
    const NAME: &'static str;
    const SCHEMA: u32;
    /// Kept in IndexedDB instead of localStorage: for documents that can
    /// outgrow localStorage's few megabytes (a 100,000-row portfolio is
    /// 3.2 MB). Same envelope, key name, checks and notices; loading is
    /// asynchronous (see `storage::browser`).
    const LARGE: bool = false;

    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        let _ = data;
        Err(format!("no migration from schema {from}"))
    }

    /// Demo content in the given language (used on first start and by "reset").
    fn demo(lang: Lang) -> Self {
        let _ = lang;
        Self::default()
    }

    /// Checks beyond the types (ranges, references, sizes).
    fn validate(&self) -> Result<(), String> {
        Ok(())
    }

    fn recover(data: &Value) -> Option<Self> {
        let _ = data;
        None
    }
}

/// Why stored or imported text could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// Not JSON at all (truncated write, hand edit, another program's value).
    NotJson(String),
    /// JSON, but not one of our envelopes.
    NotOurs,
    /// An envelope of another document.
    WrongDoc(String),
    /// A migration step failed.
    Migration { from: u32, reason: String },
    /// The data does not fit the document's type or fails validation.
    BadData(String),
}

impl DecodeError {
    /// A short technical detail for notices (the user-facing sentence comes
    /// from the translation table).
    pub fn detail(&self) -> String {
        match self {
            DecodeError::NotJson(e) => format!("JSON: {e}"),
            DecodeError::NotOurs => "not an RM Toolkit document".into(),
            DecodeError::WrongDoc(d) => format!("document '{d}'"),
            DecodeError::Migration { from, reason } => {
                format!("migration from schema {from}: {reason}")
            }
            DecodeError::BadData(e) => e.clone(),
        }
    }
}

/// The outcome of reading a stored document.
#[derive(Clone, Debug, PartialEq)]
pub enum Decoded<T> {
    /// Read whole (possibly after migrating from `migrated_from`).
    Ok {
        data: T,
        rev: u64,
        migrated_from: Option<u32>,
    },
    /// The data did not decode, but part of it was salvaged.
    Recovered {
        data: T,
        rev: u64,
        error: DecodeError,
    },
    /// Written by a newer version of the app: must not be overwritten.
    Newer { schema: u32, rev: u64 },
    /// Unreadable: keep the raw text aside and start afresh.
    Corrupt(DecodeError),
}

/// Wrap data in an envelope and serialise it.
pub fn encode<T: DocData>(data: &T, rev: u64, saved_at: &str) -> String {
    let env = Envelope {
        app: APP_ID.into(),
        doc: T::NAME.into(),
        schema: T::SCHEMA,
        rev,
        saved_at: saved_at.into(),
        data: serde_json::to_value(data).unwrap_or(Value::Null),
    };
    serde_json::to_string(&env).unwrap_or_default()
}

/// Just the header of a stored envelope: cheap revision checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub schema: u32,
    pub rev: u64,
}

pub fn peek_header(raw: &str) -> Option<Header> {
    #[derive(Deserialize)]
    struct H {
        app: String,
        schema: u32,
        rev: u64,
    }
    let h: H = serde_json::from_str(raw).ok()?;
    (h.app == APP_ID).then_some(Header {
        schema: h.schema,
        rev: h.rev,
    })
}

/// Parse an envelope from raw text and check it is ours and the right doc.
pub fn parse_envelope(raw: &str, name: &str) -> Result<Envelope, DecodeError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    envelope_from_value(value, name)
}

fn envelope_from_value(value: Value, name: &str) -> Result<Envelope, DecodeError> {
    let env: Envelope = serde_json::from_value(value).map_err(|_| DecodeError::NotOurs)?;
    if env.app != APP_ID {
        return Err(DecodeError::NotOurs);
    }
    if env.doc != name {
        return Err(DecodeError::WrongDoc(env.doc));
    }
    Ok(env)
}

/// Run the migration chain from `schema` up to `T::SCHEMA`.
pub fn migrate<T: DocData>(schema: u32, mut data: Value) -> Result<Value, DecodeError> {
    let mut s = schema;
    while s < T::SCHEMA {
        data = T::migrate(s, data).map_err(|reason| DecodeError::Migration { from: s, reason })?;
        s += 1;
    }
    Ok(data)
}

/// Turn current-schema JSON into the document type and validate it.
pub fn data_from_value<T: DocData>(data: Value) -> Result<T, DecodeError> {
    let t: T = serde_json::from_value(data).map_err(|e| DecodeError::BadData(e.to_string()))?;
    t.validate().map_err(DecodeError::BadData)?;
    Ok(t)
}

/// Decode a stored document: parse, check, migrate, type, validate; salvage
/// what can be salvaged; refuse (without damage) data from a newer version.
pub fn decode<T: DocData>(raw: &str) -> Decoded<T> {
    let env = match parse_envelope(raw, T::NAME) {
        Ok(env) => env,
        Err(e) => return Decoded::Corrupt(e),
    };
    if env.schema > T::SCHEMA {
        return Decoded::Newer {
            schema: env.schema,
            rev: env.rev,
        };
    }
    let from = env.schema;
    let rev = env.rev;
    let migrated = match migrate::<T>(from, env.data) {
        Ok(v) => v,
        Err(e) => return Decoded::Corrupt(e),
    };
    // The tree is handed over, not copied (a 2,000-person map is a large
    // tree): on the rare failure, `recover` gets it again from the text.
    match data_from_value::<T>(migrated) {
        Ok(data) => Decoded::Ok {
            data,
            rev,
            migrated_from: (from < T::SCHEMA).then_some(from),
        },
        Err(error) => {
            let again = parse_envelope(raw, T::NAME).and_then(|env| migrate::<T>(from, env.data));
            match again.ok().and_then(|v| T::recover(&v)) {
                Some(data) if data.validate().is_ok() => Decoded::Recovered { data, rev, error },
                _ => Decoded::Corrupt(error),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Whole-workspace export and import.

/// The workspace file format version.
pub const WORKSPACE_FORMAT: u32 = 1;
/// Largest workspace file accepted for import.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// Deepest nesting of arrays/objects accepted in an imported file.
pub const MAX_IMPORT_DEPTH: usize = 64;

/// How to check (and bring up to date) one kind of document: built from a
/// [`DocData`] type so import validation needs no per-tool code.
#[derive(Clone, Copy)]
pub struct DocSpec {
    pub name: &'static str,
    pub schema: u32,
    /// Stored in IndexedDB ([`DocData::LARGE`]).
    pub large: bool,
    /// Migrate and validate an envelope; returns the data at the current schema.
    pub check: fn(&Envelope) -> Result<Value, DecodeError>,
    /// Demo data in a language, as JSON.
    pub demo: fn(Lang) -> Value,
}

impl DocSpec {
    pub fn of<T: DocData>() -> DocSpec {
        DocSpec {
            name: T::NAME,
            schema: T::SCHEMA,
            large: T::LARGE,
            check: |env| {
                if env.schema > T::SCHEMA {
                    return Err(DecodeError::Migration {
                        from: env.schema,
                        reason: "newer".into(),
                    });
                }
                let v = migrate::<T>(env.schema, env.data.clone())?;
                let t = data_from_value::<T>(v)?;
                serde_json::to_value(t).map_err(|e| DecodeError::BadData(e.to_string()))
            },
            demo: |lang| serde_json::to_value(T::demo(lang)).unwrap_or(Value::Null),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct WorkspaceFile {
    app: String,
    kind: String,
    format: u32,
    exported_at: String,
    docs: serde_json::Map<String, Value>,
    /// Documents saved by a newer version of the app than the one that
    /// exported them: carried exactly as stored, never rewritten.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    newer_docs: Vec<String>,
}

/// A document name this app knows and the schema it writes.
pub type KnownDoc = (&'static str, u32);

/// Build the export file from the stored raw texts (`(doc name, raw)`).
/// Unreadable stored values are included as raw strings so nothing is lost.
pub fn export_workspace(stored: &[(String, String)], exported_at: &str) -> String {
    export_workspace_marked(stored, exported_at, &[])
}

/// [`export_workspace`], marking the documents whose stored schema is newer
/// than the one this app writes (`known`).
pub fn export_workspace_marked(
    stored: &[(String, String)],
    exported_at: &str,
    known: &[KnownDoc],
) -> String {
    let mut docs = serde_json::Map::new();
    let mut newer_docs = Vec::new();
    for (name, raw) in stored {
        let v = serde_json::from_str::<Value>(raw).unwrap_or_else(|_| Value::String(raw.clone()));
        if let (Some(h), Some((_, schema))) =
            (peek_header(raw), known.iter().find(|(n, _)| n == name))
        {
            if h.schema > *schema {
                newer_docs.push(name.clone());
            }
        }
        docs.insert(name.clone(), v);
    }
    let file = WorkspaceFile {
        app: APP_ID.into(),
        kind: "workspace".into(),
        format: WORKSPACE_FORMAT,
        exported_at: exported_at.into(),
        docs,
        newer_docs,
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Why an import was refused. Nothing is changed when an import fails.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    Empty,
    TooLarge { bytes: usize, limit: usize },
    TooDeep { limit: usize },
    NotJson(String),
    NotWorkspace,
    NewerFormat(u32),
    UnknownDoc(String),
    BadDoc { doc: String, error: DecodeError },
}

impl ImportError {
    /// The translation key of the message shown to the user.
    pub fn message_key(&self) -> &'static str {
        match self {
            ImportError::Empty => "import.err.empty",
            ImportError::TooLarge { .. } => "import.err.too_large",
            ImportError::TooDeep { .. } => "import.err.too_deep",
            ImportError::NotJson(_) => "import.err.not_json",
            ImportError::NotWorkspace => "import.err.not_workspace",
            ImportError::NewerFormat(_) => "import.err.newer",
            ImportError::UnknownDoc(_) => "import.err.unknown_doc",
            ImportError::BadDoc { .. } => "import.err.bad_doc",
        }
    }

    /// Technical detail appended to the message.
    pub fn detail(&self) -> String {
        match self {
            ImportError::Empty => String::new(),
            ImportError::TooLarge { bytes, limit } => {
                format!(
                    "{} MB > {} MB",
                    bytes / (1024 * 1024),
                    limit / (1024 * 1024)
                )
            }
            ImportError::TooDeep { limit } => format!("> {limit}"),
            ImportError::NotJson(e) => e.clone(),
            ImportError::NotWorkspace => String::new(),
            ImportError::NewerFormat(f) => format!("format {f}"),
            ImportError::UnknownDoc(d) => d.clone(),
            ImportError::BadDoc { doc, error } => format!("{doc}: {}", error.detail()),
        }
    }
}

/// Check the nesting depth of JSON text without parsing it (so a hostile file
/// cannot exhaust the parser). Strings are skipped, escapes honoured.
pub fn json_depth_ok(text: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_str {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

/// Common checks for any imported file: not empty, size, depth, JSON.
pub fn parse_import_json(text: &str, max_bytes: usize) -> Result<Value, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if text.len() > max_bytes {
        return Err(ImportError::TooLarge {
            bytes: text.len(),
            limit: max_bytes,
        });
    }
    if !json_depth_ok(text, MAX_IMPORT_DEPTH) {
        return Err(ImportError::TooDeep {
            limit: MAX_IMPORT_DEPTH,
        });
    }
    serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))
}

/// How far an imported document was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// Migrated, typed and validated by its tool's own rules.
    Full,
    /// A document of a tool that is not in this binary: checked to be one of
    /// ours, of a known name and not newer; its tool migrates it (or keeps it
    /// aside) when it is next opened.
    Generic,
    /// Saved by a newer version of the app: kept exactly as it is, and
    /// read-only for this version.
    Newer,
}

/// A validated import: per document, the envelope to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidImport {
    pub docs: Vec<(String, Envelope)>,
    /// How each document of `docs` was checked (same order).
    pub checked: Vec<Checked>,
}

impl ValidImport {
    /// The documents whose stored copy has a newer schema than the imported
    /// one (`stored`: name → stored schema): importing them would replace a
    /// newer document by an older one, which needs the user's explicit choice.
    pub fn downgrades(&self, stored: &[(String, u32)]) -> Vec<String> {
        self.docs
            .iter()
            .filter(|(name, env)| {
                stored
                    .iter()
                    .any(|(n, schema)| n == name && *schema > env.schema)
            })
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// The same import without the named documents.
    pub fn without(self, names: &[String]) -> ValidImport {
        let (docs, checked) = self
            .docs
            .into_iter()
            .zip(self.checked)
            .filter(|((n, _), _)| !names.contains(n))
            .unzip();
        ValidImport { docs, checked }
    }
}

/// Validate a workspace file completely before anything is written: format,
/// every document known, every document migrated, typed and validated.
pub fn validate_workspace(text: &str, specs: &[DocSpec]) -> Result<ValidImport, ImportError> {
    validate_workspace_with(text, specs, &[])
}

/// [`validate_workspace`] for a binary that fully knows only some documents
/// (`specs`) and the others by name and schema (`catalogue`): those are
/// checked generically (see [`Checked::Generic`]). Documents of a newer
/// schema than this app writes are accepted as they are ([`Checked::Newer`]),
/// so an export always imports back without loss.
pub fn validate_workspace_with(
    text: &str,
    specs: &[DocSpec],
    catalogue: &[KnownDoc],
) -> Result<ValidImport, ImportError> {
    let value = parse_import_json(text, MAX_IMPORT_BYTES)?;
    let file: WorkspaceFile =
        serde_json::from_value(value).map_err(|_| ImportError::NotWorkspace)?;
    if file.app != APP_ID || file.kind != "workspace" {
        return Err(ImportError::NotWorkspace);
    }
    if file.format > WORKSPACE_FORMAT {
        return Err(ImportError::NewerFormat(file.format));
    }
    let mut docs = Vec::new();
    let mut checked = Vec::new();
    for (name, v) in file.docs {
        let spec = specs.iter().find(|s| s.name == name);
        let known = spec
            .map(|s| (s.name, s.schema))
            .or_else(|| catalogue.iter().copied().find(|(n, _)| *n == name))
            .ok_or_else(|| ImportError::UnknownDoc(name.clone()))?;
        let bad = |error| ImportError::BadDoc {
            doc: name.clone(),
            error,
        };
        let env = envelope_from_value(v, known.0).map_err(bad)?;
        if env.schema > known.1 {
            docs.push((name.clone(), env));
            checked.push(Checked::Newer);
            continue;
        }
        match spec {
            Some(spec) => {
                let data = (spec.check)(&env).map_err(bad)?;
                docs.push((
                    name.clone(),
                    Envelope {
                        schema: spec.schema,
                        data,
                        ..env
                    },
                ));
                checked.push(Checked::Full);
            }
            None => {
                if env.data.is_null() {
                    return Err(bad(DecodeError::BadData("no data".into())));
                }
                docs.push((name.clone(), env));
                checked.push(Checked::Generic);
            }
        }
    }
    Ok(ValidImport { docs, checked })
}

#[cfg(test)]
mod tests;
