//! From delimited text to a customer list: column mapping (guessed from Chinese
//! or English headers, editable), cell checks and the list of rows that failed.

use super::csv::{self, Delim, Reader, RecordError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The columns the tool understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Aum,
    Revenue,
    Cost,
    Products,
    Age,
    Tenure,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Id,
        Field::Name,
        Field::Aum,
        Field::Revenue,
        Field::Cost,
        Field::Products,
        Field::Age,
        Field::Tenure,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// Stable key, used in the stored list and in test ids.
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Aum => "aum",
            Field::Revenue => "revenue",
            Field::Cost => "cost",
            Field::Products => "products",
            Field::Age => "age",
            Field::Tenure => "tenure",
        }
    }

    /// Translation key of the field's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Field::Id => "tiering.field.id",
            Field::Name => "tiering.field.name",
            Field::Aum => "tiering.field.aum",
            Field::Revenue => "tiering.field.revenue",
            Field::Cost => "tiering.field.cost",
            Field::Products => "tiering.field.products",
            Field::Age => "tiering.field.age",
            Field::Tenure => "tiering.field.tenure",
        }
    }

    fn is_numeric(self) -> bool {
        !matches!(self, Field::Id | Field::Name)
    }

    /// Header words: (exact matches, contained words), on normalised headers.
    fn synonyms(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Field::Id => (
                &["id", "no", "code", "编号", "账号", "客户号", "代码", "户号"],
                &[
                    "customerid",
                    "clientid",
                    "custid",
                    "accountid",
                    "customerno",
                    "客户号",
                    "客户编号",
                    "客户代码",
                    "客户id",
                    "客户账号",
                ],
            ),
            Field::Name => (
                &[
                    "name",
                    "customer",
                    "client",
                    "客户",
                    "姓名",
                    "名称",
                    "客户名",
                    "户名",
                ],
                &[
                    "customername",
                    "clientname",
                    "fullname",
                    "姓名",
                    "客户名",
                    "名称",
                ],
            ),
            Field::Aum => (
                &["aum", "assets", "资产", "余额", "balance"],
                &["aum", "asset", "资产", "balance", "余额", "存款", "deposit"],
            ),
            Field::Revenue => (
                &[
                    "revenue", "margin", "profit", "收益", "利润", "贡献", "收入", "income",
                ],
                &[
                    "revenue", "margin", "profit", "income", "收益", "利润", "贡献", "收入", "毛利",
                ],
            ),
            Field::Cost => (
                &["cost", "成本", "费用"],
                &["cost", "成本", "费用", "expense"],
            ),
            Field::Products => (
                &["products", "product", "产品", "产品数"],
                &["product", "产品", "holding", "持有"],
            ),
            Field::Age => (&["age", "年龄", "岁"], &["年龄", "ageyears", "agey"]),
            Field::Tenure => (
                &["tenure", "年限", "客龄"],
                &[
                    "tenure",
                    "开户年限",
                    "年限",
                    "客龄",
                    "开户时长",
                    "关系年限",
                    "yearswith",
                    "yearsasclient",
                    "yearsascustomer",
                ],
            ),
        }
    }
}

/// Which column (0-based) holds each field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mapping {
    pub cols: [Option<usize>; 8],
}

impl Mapping {
    pub fn get(&self, f: Field) -> Option<usize> {
        self.cols[f.index()]
    }

    pub fn set(&mut self, f: Field, col: Option<usize>) {
        // One field per column: take the column away from any other field.
        if let Some(c) = col {
            for slot in self.cols.iter_mut() {
                if *slot == Some(c) {
                    *slot = None;
                }
            }
        }
        self.cols[f.index()] = col;
    }

    /// Fields that must be mapped and are not.
    pub fn missing(&self) -> Vec<Field> {
        let mut v = Vec::new();
        if self.get(Field::Id).is_none() && self.get(Field::Name).is_none() {
            v.push(Field::Id);
        }
        if self.get(Field::Revenue).is_none() {
            v.push(Field::Revenue);
        }
        v
    }
}

fn normalise(h: &str) -> String {
    h.trim()
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '_' | '-'
                        | '.'
                        | '('
                        | ')'
                        | '（'
                        | '）'
                        | '/'
                        | '['
                        | ']'
                        | ':'
                        | '：'
                        | '¥'
                        | '￥'
                        | '元'
                        | '%'
                        | '#'
                )
        })
        .map(crate::fold::lower_char)
        .collect()
}

/// Guess the mapping from header cells.
pub fn guess_mapping(headers: &[String]) -> Mapping {
    let norm: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    // Score every (field, column) pair; best pairs first.
    let mut pairs: Vec<(u8, usize, Field, usize)> = Vec::new();
    for (fi, f) in Field::ALL.into_iter().enumerate() {
        let (exact, contains) = f.synonyms();
        for (ci, h) in norm.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            let score = if exact.contains(&h.as_str()) {
                3
            } else if contains.iter().any(|w| h.contains(w)) {
                2
            } else if f == Field::Age && h.starts_with("age") {
                1
            } else {
                0
            };
            if score > 0 {
                pairs.push((score, fi, f, ci));
            }
        }
    }
    crate::sort::by(&mut pairs, |a, b| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.3.cmp(&b.3))
    });
    let mut m = Mapping::default();
    let mut used = vec![false; headers.len()];
    for (_, _, f, ci) in pairs {
        if m.get(f).is_none() && !used[ci] {
            m.cols[f.index()] = Some(ci);
            used[ci] = true;
        }
    }
    m
}

/// What a preview shows before import.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub delim: Delim,
    pub headers: Vec<String>,
    /// The first data rows.
    pub rows: Vec<Vec<String>>,
    pub mapping: Mapping,
}

/// Why nothing could be imported.
#[derive(Clone, Debug, PartialEq)]
pub enum Fatal {
    Empty,
    TooLarge {
        bytes: usize,
    },
    /// Only one column: probably a delimiter other than tab, comma or semicolon.
    OneColumn,
    /// Required fields are not mapped.
    MissingColumns(Vec<Field>),
    /// A quoted field never ends (record number).
    UnterminatedQuote {
        row: usize,
    },
    /// Every row failed.
    NoRows,
}

/// Read the header and the first rows, detect the delimiter, guess the mapping.
pub fn preview(text: &str, delim: Option<Delim>, n: usize) -> Result<Preview, Fatal> {
    if text.len() > csv::MAX_BYTES {
        return Err(Fatal::TooLarge { bytes: text.len() });
    }
    let body = csv::strip_bom(text);
    if body.trim().is_empty() {
        return Err(Fatal::Empty);
    }
    let delim = delim.unwrap_or_else(|| csv::detect_delimiter(body));
    let mut r = Reader::new(body, delim);
    let mut buf = Vec::new();
    let headers: Vec<String> = match r.next_record(&mut buf) {
        None => return Err(Fatal::Empty),
        Some(Err(RecordError::UnterminatedQuote)) => {
            return Err(Fatal::UnterminatedQuote { row: r.record })
        }
        Some(Ok(())) => buf.iter().map(|c| c.trim().to_string()).collect(),
    };
    let mut rows = Vec::new();
    while rows.len() < n {
        match r.next_record(&mut buf) {
            None => break,
            Some(Err(_)) => break,
            Some(Ok(())) => rows.push(buf.iter().map(|c| c.to_string()).collect()),
        }
    }
    let mapping = guess_mapping(&headers);
    if headers.len() == 1 && !mapping.missing().is_empty() {
        return Err(Fatal::OneColumn);
    }
    Ok(Preview {
        delim,
        headers,
        rows,
        mapping,
    })
}

/// Where a customer's id or name is in its list's text
/// ([`CustomerList::id`], [`CustomerList::name`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    len: u32,
}

/// One customer of the list. The id and name are in the list's one text
/// (see [`CustomerList`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Customer {
    id: Span,
    name: Span,
    /// Assets under management.
    pub aum: f64,
    /// Yearly revenue (or margin before cost to serve).
    pub revenue: f64,
    /// Yearly cost to serve.
    pub cost: f64,
    pub products: Option<u16>,
    pub age: Option<f32>,
    pub tenure: Option<f32>,
}

impl Customer {
    /// Yearly margin after the cost to serve.
    pub fn margin(&self) -> f64 {
        self.revenue - self.cost
    }
}

/// An imported list. Every id and name is in one text, one after another
/// (a customer holds where): one allocation for the whole list instead of
/// two per customer, a third of the import time of a 100,000-row file.
#[derive(Clone, Debug, Default)]
pub struct CustomerList {
    pub customers: Vec<Customer>,
    /// Which fields were present.
    pub has: [bool; 8],
    text: String,
}

/// Lists are equal when they hold the same customers, wherever their
/// texts are kept.
impl PartialEq for CustomerList {
    fn eq(&self, other: &Self) -> bool {
        self.has == other.has
            && self.customers.len() == other.customers.len()
            && self.customers.iter().zip(&other.customers).all(|(a, b)| {
                self.id(a) == other.id(b)
                    && self.name(a) == other.name(b)
                    && (a.aum, a.revenue, a.cost, a.products, a.age, a.tenure)
                        == (b.aum, b.revenue, b.cost, b.products, b.age, b.tenure)
            })
    }
}

impl CustomerList {
    fn text_of(&self, s: Span) -> &str {
        self.text
            .get(s.start as usize..(s.start + s.len) as usize)
            .unwrap_or_default()
    }

    /// A customer's id ("" without an id column).
    pub fn id(&self, c: &Customer) -> &str {
        self.text_of(c.id)
    }

    /// A customer's name ("" without a name column).
    pub fn name(&self, c: &Customer) -> &str {
        self.text_of(c.name)
    }

    /// The id, or the name when there is no id column.
    pub fn label(&self, c: &Customer) -> &str {
        if c.id.len == 0 {
            self.name(c)
        } else {
            self.id(c)
        }
    }

    /// Append a cell's text (trimmed; tabs and line breaks as spaces).
    fn push_text(&mut self, cell: &str) -> Span {
        let t = trim(cell);
        let start = self.text.len();
        if t.bytes().any(|b| b == b'\t' || b == b'\n' || b == b'\r') {
            self.text.extend(t.chars().map(|ch| {
                if matches!(ch, '\t' | '\n' | '\r') {
                    ' '
                } else {
                    ch
                }
            }));
        } else {
            self.text.push_str(t);
        }
        Span {
            start: start as u32,
            len: (self.text.len() - start) as u32,
        }
    }

    pub fn has(&self, f: Field) -> bool {
        self.has[f.index()]
    }
    pub fn len(&self) -> usize {
        self.customers.len()
    }
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }
}

/// What went wrong in one row.
#[derive(Clone, Debug, PartialEq)]
pub enum IssueKind {
    /// The row has fewer cells than the column needs.
    MissingCell,
    /// A required cell is empty.
    Empty,
    /// Not a number (the cell text, shortened).
    NotNumeric(String),
    /// A number outside the accepted range.
    OutOfRange(String),
    /// The id appeared before, in this spreadsheet row.
    DuplicateId {
        first_row: usize,
    },
    UnterminatedQuote,
    /// A warning, not a failure: the AUM is negative (kept as it is).
    NegativeAum(String),
}

/// A failed row: spreadsheet row number (header = 1), the column and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub row: usize,
    /// Column index and header text.
    pub col: Option<(usize, String)>,
    pub kind: IssueKind,
}

/// The result of an import.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    pub list: CustomerList,
    /// The first failed rows (at most [`MAX_ISSUES`]).
    pub issues: Vec<Issue>,
    /// All failed rows.
    pub failed: usize,
    /// Rows that loaded but look wrong (negative AUM): the first
    /// [`MAX_ISSUES`], and how many in all.
    pub warnings: Vec<Issue>,
    pub warned: usize,
    pub delim: Option<Delim>,
}

/// How many failed rows are listed.
pub const MAX_ISSUES: usize = 500;

/// A fast FNV-1a hasher for the duplicate-id check (no crate needed).
#[derive(Default)]
pub struct Fnv(u64);
impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
pub type FnvBuild = BuildHasherDefault<Fnv>;

/// Parse a numeric cell: plain numbers fast, else grouping commas, ¥, %, 万/亿
/// (through the shared parser). `decimal_comma` for semicolon files.
pub fn parse_cell_number(cell: &str, decimal_comma: bool) -> Option<f64> {
    let s = trim(cell);
    if s.is_empty() {
        return None;
    }
    let plain = s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    let v = if plain {
        crate::num::parse_f64(s)
    } else if decimal_comma && s.contains(',') {
        // "1.234,5": dots group thousands, the comma is the decimal mark.
        crate::i18n::format::parse_number(&s.replace('.', "").replace(',', "."))
    } else {
        crate::i18n::format::parse_number(s)
    };
    v.filter(|v| v.is_finite())
}

fn short(s: &str) -> String {
    let mut out: String = s.trim().chars().take(24).collect();
    if s.trim().chars().count() > 24 {
        out.push('…');
    }
    out
}

/// `str::trim`, with a quick exit for the usual cell that starts and ends
/// with a visible ASCII character (the general trim decodes characters from
/// both ends: a fifth of the import time of a large list).
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&b)) if (b'!'..0x80).contains(&a) && (b'!'..0x80).contains(&b) => s,
        _ => s.trim(),
    }
}

/// How many times `needle` occurs in `b`, eight bytes at a time.
fn count_byte(b: &[u8], needle: u8) -> usize {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let rep = u64::from_ne_bytes([needle; 8]);
    let chunks = b.chunks_exact(8);
    let rest = chunks.remainder();
    let mut n = 0;
    for c in chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        // A zero byte of x is a match: its high bit stays clear below.
        let x = u64::from_ne_bytes(w) ^ rep;
        let t = ((x & LO7) + LO7) | x | LO7;
        n += (!t).count_ones() as usize;
    }
    n + rest.iter().filter(|&&x| x == needle).count()
}

/// Import every row of `text` with `delim` and `mapping`. Rows that fail are
/// listed (row, column, reason); the rest load.
pub fn import(text: &str, delim: Delim, mapping: &Mapping) -> Result<Imported, Fatal> {
    if text.len() > csv::MAX_BYTES {
        return Err(Fatal::TooLarge { bytes: text.len() });
    }
    let body = csv::strip_bom(text);
    if body.trim().is_empty() {
        return Err(Fatal::Empty);
    }
    let mut r = Reader::new(body, delim);
    let mut buf = Vec::with_capacity(16);
    let headers: Vec<String> = match r.next_record(&mut buf) {
        None => return Err(Fatal::Empty),
        Some(Err(_)) => return Err(Fatal::UnterminatedQuote { row: r.record }),
        Some(Ok(())) => buf.iter().map(|c| c.trim().to_string()).collect(),
    };
    let missing = mapping.missing();
    if !missing.is_empty() {
        if headers.len() == 1 {
            return Err(Fatal::OneColumn);
        }
        return Err(Fatal::MissingColumns(missing));
    }
    let ncols = headers.len();
    let cols: Vec<(Field, usize)> = Field::ALL
        .into_iter()
        .filter_map(|f| mapping.get(f).filter(|&c| c < ncols).map(|c| (f, c)))
        .collect();
    if !cols.iter().any(|(f, _)| *f == Field::Revenue)
        || !cols
            .iter()
            .any(|(f, _)| matches!(f, Field::Id | Field::Name))
    {
        return Err(Fatal::MissingColumns(
            mapping.missing_or(&[Field::Id, Field::Revenue]),
        ));
    }
    let mut has = [false; 8];
    for (f, _) in &cols {
        has[f.index()] = true;
    }
    let key_col = mapping
        .get(Field::Id)
        .filter(|&c| c < ncols)
        .or(mapping.get(Field::Name));
    let decimal_comma = delim == Delim::Semicolon;
    // Capacity: one customer per line at most (a quick count of line ends).
    let est = count_byte(body.as_bytes(), b'\n') + 1;
    let mut out = Imported {
        list: CustomerList {
            customers: Vec::with_capacity(est.min(2_000_000)),
            has,
            // Ids and names are about a third of a typical file.
            text: String::with_capacity(body.len().min(csv::MAX_BYTES) / 3),
        },
        issues: Vec::new(),
        failed: 0,
        warnings: Vec::new(),
        warned: 0,
        delim: Some(delim),
    };
    // Duplicate check on 64-bit hashes of the key (no key copies); a hit is
    // confirmed by comparing the stored customer's key.
    let mut seen: HashMap<u64, (u32, u32), FnvBuild> =
        HashMap::with_capacity_and_hasher(est.min(2_000_000), FnvBuild::default());
    let col_of = |c: usize| Some((c, headers.get(c).cloned().unwrap_or_default()));
    loop {
        let res = match r.next_record(&mut buf) {
            None => break,
            Some(res) => res,
        };
        let row = r.record;
        let fail = |kind: IssueKind, col: Option<usize>, out: &mut Imported| {
            out.failed += 1;
            if out.issues.len() < MAX_ISSUES {
                out.issues.push(Issue {
                    row,
                    col: col.and_then(col_of),
                    kind,
                });
            }
        };
        if res.is_err() {
            fail(IssueKind::UnterminatedQuote, None, &mut out);
            break;
        }
        // A row that fails takes its texts back out of the list's text.
        let text_start = out.list.text.len();
        let mut c = Customer {
            id: Span::default(),
            name: Span::default(),
            aum: 0.0,
            revenue: 0.0,
            cost: 0.0,
            products: None,
            age: None,
            tenure: None,
        };
        let mut bad = false;
        let mut warning = None;
        for &(f, ci) in &cols {
            let Some(cell) = buf.get(ci) else {
                // Short row: only a problem for the fields that matter.
                if matches!(f, Field::Revenue) || Some(ci) == key_col {
                    fail(IssueKind::MissingCell, Some(ci), &mut out);
                    bad = true;
                    break;
                }
                continue;
            };
            if !f.is_numeric() {
                let t = out.list.push_text(cell);
                if t.len == 0 && Some(ci) == key_col {
                    fail(IssueKind::Empty, Some(ci), &mut out);
                    bad = true;
                    break;
                }
                if f == Field::Id {
                    c.id = t;
                } else {
                    c.name = t;
                }
                continue;
            }
            if trim(cell).is_empty() {
                if f == Field::Revenue {
                    fail(IssueKind::Empty, Some(ci), &mut out);
                    bad = true;
                    break;
                }
                continue;
            }
            let Some(v) = parse_cell_number(cell, decimal_comma) else {
                fail(IssueKind::NotNumeric(short(cell)), Some(ci), &mut out);
                bad = true;
                break;
            };
            let ok = match f {
                Field::Aum | Field::Revenue | Field::Cost => {
                    v.abs() <= 1e15 && (f != Field::Aum || v >= -1e15)
                }
                Field::Products => (0.0..=1000.0).contains(&v) && v.fract() == 0.0,
                Field::Age => (0.0..=150.0).contains(&v),
                Field::Tenure => (0.0..=150.0).contains(&v),
                _ => true,
            };
            if !ok {
                fail(IssueKind::OutOfRange(short(cell)), Some(ci), &mut out);
                bad = true;
                break;
            }
            if f == Field::Aum && v < 0.0 {
                warning = Some(Issue {
                    row,
                    col: col_of(ci),
                    kind: IssueKind::NegativeAum(short(cell)),
                });
            }
            match f {
                Field::Aum => c.aum = v,
                Field::Revenue => c.revenue = v,
                Field::Cost => c.cost = v,
                Field::Products => c.products = Some(v as u16),
                Field::Age => c.age = Some(v as f32),
                Field::Tenure => c.tenure = Some(v as f32),
                _ => {}
            }
        }
        if bad {
            out.list.text.truncate(text_start);
            continue;
        }
        let by_id = has[Field::Id.index()];
        let key = out.list.text_of(if by_id { c.id } else { c.name });
        let h = {
            let mut f = Fnv::default();
            f.write(key.as_bytes());
            f.finish()
        };
        match seen.entry(h) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let (idx, first_row) = *e.get();
                let other = &out.list.customers[idx as usize];
                let same = if by_id {
                    out.list.id(other) == out.list.id(&c)
                } else {
                    out.list.name(other) == out.list.name(&c)
                };
                if same {
                    out.list.text.truncate(text_start);
                    fail(
                        IssueKind::DuplicateId {
                            first_row: first_row as usize,
                        },
                        key_col,
                        &mut out,
                    );
                    continue;
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((out.list.customers.len() as u32, row as u32));
            }
        }
        out.list.customers.push(c);
        if let Some(w) = warning {
            out.warned += 1;
            if out.warnings.len() < MAX_ISSUES {
                out.warnings.push(w);
            }
        }
    }
    if out.list.customers.is_empty() {
        if headers.len() == 1 {
            return Err(Fatal::OneColumn);
        }
        if out.failed == 0 {
            return Err(Fatal::Empty);
        }
        // Keep the issues visible: the caller shows them with NoRows.
    }
    Ok(out)
}

impl Mapping {
    fn missing_or(&self, fallback: &[Field]) -> Vec<Field> {
        let m = self.missing();
        if m.is_empty() {
            fallback.to_vec()
        } else {
            m
        }
    }
}

/// Import with a detected delimiter and guessed mapping (sample, stored list).
pub fn import_auto(text: &str) -> Result<Imported, Fatal> {
    let p = preview(text, None, 0)?;
    if p.headers.len() == 1 && !p.mapping.missing().is_empty() {
        return Err(Fatal::OneColumn);
    }
    import(text, p.delim, &p.mapping)
}

/// The list in a compact tab-separated form for storage (header of field keys).
pub fn encode_list(list: &CustomerList) -> String {
    let fields: Vec<Field> = Field::ALL.into_iter().filter(|f| list.has(*f)).collect();
    let mut s = String::with_capacity(list.len() * 48 + 64);
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            s.push('\t');
        }
        s.push_str(f.key());
    }
    s.push('\n');
    use std::fmt::Write;
    for c in &list.customers {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                s.push('\t');
            }
            match f {
                Field::Id => s.push_str(list.id(c)),
                Field::Name => s.push_str(list.name(c)),
                Field::Aum => crate::num::push_plain(&mut s, c.aum),
                Field::Revenue => crate::num::push_plain(&mut s, c.revenue),
                Field::Cost => crate::num::push_plain(&mut s, c.cost),
                Field::Products => {
                    if let Some(p) = c.products {
                        let _ = write!(s, "{p}");
                    }
                }
                Field::Age | Field::Tenure => {
                    if let Some(p) = if *f == Field::Age { c.age } else { c.tenure } {
                        crate::num::push_plain(&mut s, p);
                    }
                }
            }
        }
        s.push('\n');
    }
    s
}

/// Read a list written by [`encode_list`]. Damaged rows are dropped.
pub fn decode_list(text: &str) -> CustomerList {
    if text.trim().is_empty() {
        return CustomerList::default();
    }
    let mut r = Reader::new(text, Delim::Tab);
    let mut buf = Vec::new();
    let mut mapping = Mapping::default();
    if let Some(Ok(())) = r.next_record(&mut buf) {
        for (i, h) in buf.iter().enumerate() {
            if let Some(f) = Field::ALL.into_iter().find(|f| f.key() == h.as_ref()) {
                mapping.cols[f.index()] = Some(i);
            }
        }
    }
    import(text, Delim::Tab, &mapping)
        .map(|i| i.list)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn failed_and_duplicate_rows_leave_no_text_behind() {
        let csv = "id,name,revenue\nA,Ann,10\nB,Bob,x\nA,Dup,5\n\"C\t1\",\" Cat \",7\n";
        let r = import_auto(csv).unwrap();
        assert_eq!(r.failed, 2);
        let l = &r.list;
        let rows: Vec<(&str, &str)> = l.customers.iter().map(|c| (l.id(c), l.name(c))).collect();
        assert_eq!(rows, [("A", "Ann"), ("C 1", "Cat")]);
        assert_eq!(l.label(&l.customers[1]), "C 1");
        assert_eq!(l.text, "AAnnC 1Cat");
        // Equal lists, whatever their texts hold.
        let again = decode_list(&encode_list(l));
        assert_eq!(&again, l);
    }

    #[test]
    fn guesses_chinese_and_english_headers() {
        let m = guess_mapping(&heads(&[
            "客户号",
            "客户名称",
            "资产(元)",
            "年收益",
            "服务成本",
            "持有产品数",
            "年龄",
            "开户年限",
        ]));
        assert_eq!(
            m.cols,
            [
                Some(0),
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7)
            ]
        );
        let m = guess_mapping(&heads(&[
            "Customer ID",
            "Name",
            "AUM (¥)",
            "Yearly revenue",
            "Cost to serve",
            "Products held",
            "Age",
            "Tenure (years)",
        ]));
        assert_eq!(
            m.cols,
            [
                Some(0),
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7)
            ]
        );
        let m = guess_mapping(&heads(&["姓名", "利润", "Average"]));
        assert_eq!(m.get(Field::Name), Some(0));
        assert_eq!(m.get(Field::Revenue), Some(1));
        assert_eq!(m.get(Field::Age), None);
        assert_eq!(m.missing(), vec![]);
        let m = guess_mapping(&heads(&["foo", "bar"]));
        assert_eq!(m.missing(), vec![Field::Id, Field::Revenue]);
    }

    #[test]
    fn mapping_set_moves_a_column() {
        let mut m = Mapping::default();
        m.set(Field::Id, Some(0));
        m.set(Field::Name, Some(0));
        assert_eq!(m.get(Field::Id), None);
        assert_eq!(m.get(Field::Name), Some(0));
    }

    #[test]
    fn imports_and_lists_failed_rows() {
        let t = "id,name,aum,revenue,cost,products\n\
                 A1,Ann,\"1,000,000\",5000,800,4\n\
                 A2,Bob,20万,abc,100,2\n\
                 A3,Cai,100,300,,\n\
                 A1,Dup,1,1,1,1\n\
                 A4,Short\n\
                 ,NoId,1,1,1,1\n\
                 A5,Neg,1,1,1,2.5\n";
        let r = import_auto(t).unwrap();
        let ids: Vec<&str> = r.list.customers.iter().map(|c| r.list.id(c)).collect();
        assert_eq!(ids, vec!["A1", "A3"]);
        assert_eq!(r.list.customers[0].aum, 1_000_000.0);
        assert_eq!(r.list.customers[0].products, Some(4));
        assert_eq!(r.list.customers[1].products, None);
        assert_eq!(r.list.customers[1].cost, 0.0);
        assert_eq!(r.failed, 5);
        assert_eq!(
            r.issues[0],
            Issue {
                row: 3,
                col: Some((3, "revenue".into())),
                kind: IssueKind::NotNumeric("abc".into())
            }
        );
        assert_eq!(
            r.issues[1],
            Issue {
                row: 5,
                col: Some((0, "id".into())),
                kind: IssueKind::DuplicateId { first_row: 2 }
            }
        );
        assert_eq!(r.issues[2].kind, IssueKind::MissingCell);
        assert_eq!(r.issues[2].row, 6);
        assert_eq!(r.issues[3].kind, IssueKind::Empty);
        assert_eq!(r.issues[4].kind, IssueKind::OutOfRange("2.5".into()));
        assert_eq!(r.warned, 0);
    }

    #[test]
    fn negative_aum_loads_with_a_warning() {
        let r = import_auto("id,aum,revenue\nA,-500,10\nB,abc,1\nC,-1,x\nD,5,1\n").unwrap();
        let ids: Vec<&str> = r.list.customers.iter().map(|c| r.list.id(c)).collect();
        assert_eq!(ids, vec!["A", "D"]);
        assert_eq!(r.list.customers[0].aum, -500.0);
        // Only the loaded row is warned about (row C failed on its revenue).
        assert_eq!(r.warned, 1);
        assert_eq!(
            r.warnings,
            vec![Issue {
                row: 2,
                col: Some((1, "aum".into())),
                kind: IssueKind::NegativeAum("-500".into())
            }]
        );
    }

    #[test]
    fn fatal_errors() {
        assert_eq!(import_auto(""), Err(Fatal::Empty));
        assert_eq!(import_auto("\u{feff}\r\n  \n"), Err(Fatal::Empty));
        assert_eq!(
            import_auto("id|name|revenue\n1|a|3\n"),
            Err(Fatal::OneColumn)
        );
        assert_eq!(preview("id|revenue\n1|2\n", None, 5), Err(Fatal::OneColumn));
        assert_eq!(
            import_auto("foo,bar\n1,2\n"),
            Err(Fatal::MissingColumns(vec![Field::Id, Field::Revenue]))
        );
        assert_eq!(import_auto("id,revenue\n"), Err(Fatal::Empty));
        assert_eq!(
            import_auto("\"id,revenue\n1,2\n"),
            Err(Fatal::UnterminatedQuote { row: 1 })
        );
        let big = "x".repeat(csv::MAX_BYTES + 1);
        assert_eq!(
            import_auto(&big),
            Err(Fatal::TooLarge {
                bytes: csv::MAX_BYTES + 1
            })
        );
        // Every row bad: Ok with no customers, the issues name them.
        let r = import_auto("id,revenue\n1,x\n2,y\n").unwrap();
        assert!(r.list.is_empty());
        assert_eq!(r.failed, 2);
    }

    #[test]
    fn excel_paste_gbk_decoded_and_semicolon_decimal_comma() {
        let t = "客户号\t客户名称\t资产\t年收益\r\nC001\t张三\t1,234,567.5\t¥8,000\r\n";
        let r = import_auto(t).unwrap();
        assert_eq!(r.list.customers[0].aum, 1_234_567.5);
        assert_eq!(r.list.customers[0].revenue, 8000.0);
        assert_eq!(r.list.name(&r.list.customers[0]), "张三");
        let t = "id;revenue;aum\nA;1234,5;10\n";
        let r = import_auto(t).unwrap();
        assert_eq!(r.list.customers[0].revenue, 1234.5);
    }

    #[test]
    fn fixtures_from_excel() {
        let r = import_auto(include_str!(
            "../../../tests/fixtures/tiering/excel-utf8-bom.csv"
        ))
        .unwrap();
        assert_eq!(r.failed, 0);
        let names: Vec<&str> = r.list.customers.iter().map(|c| r.list.name(c)).collect();
        assert_eq!(names, vec!["王,伟", "李\"小\"娜", "张敏", "刘洋"]);
        assert_eq!(r.list.customers[3].aum, 1_500_000.0);
        assert_eq!(r.list.customers[0].tenure, Some(12.0));

        let r = import_auto(include_str!("../../../tests/fixtures/tiering/paste.tsv")).unwrap();
        assert_eq!(r.delim, Some(Delim::Tab));
        assert_eq!(r.list.len(), 2);
        assert_eq!(r.list.name(&r.list.customers[0]), "Ann \"Lee\"");
        assert_eq!(r.list.name(&r.list.customers[1]), "Multi line");
        assert_eq!(r.issues[0].row, 4);
        assert_eq!(r.issues[0].kind, IssueKind::NotNumeric("n/a".into()));

        let r = import_auto(include_str!(
            "../../../tests/fixtures/tiering/semicolon.csv"
        ))
        .unwrap();
        assert_eq!(r.delim, Some(Delim::Semicolon));
        assert_eq!(r.list.customers[0].revenue, 2500.75);
        assert_eq!(r.list.customers[0].aum, 1234.5);
    }

    #[test]
    fn compact_list_round_trips() {
        let t = "id,name,aum,revenue,cost,products,age,tenure\nA,\"x\ty\",1.5,2,3,4,50,6.5\nB,b,0,-7,1,,,\n";
        let r = import_auto(t).unwrap();
        let enc = encode_list(&r.list);
        let back = decode_list(&enc);
        assert_eq!(back, r.list);
        assert_eq!(back.name(&back.customers[0]), "x y");
        assert_eq!(decode_list(""), CustomerList::default());
        assert_eq!(decode_list("garbage"), CustomerList::default());
    }

    proptest::proptest! {
        #[test]
        fn import_never_panics(text in "[a-z0-9,;\"\t\n 张万.¥-]{0,120}") {
            let _ = import_auto(&text);
            let _ = preview(&text, None, 5);
        }

        #[test]
        fn good_rows_all_load(vals in proptest::collection::vec((-1e6f64..1e6, 0u16..9), 1..40)) {
            let mut t = String::from("id,revenue,products\n");
            for (i, (v, p)) in vals.iter().enumerate() {
                t.push_str(&format!("C{i},{v},{p}\n"));
            }
            let r = import_auto(&t).unwrap();
            proptest::prop_assert_eq!(r.failed, 0);
            proptest::prop_assert_eq!(r.list.len(), vals.len());
            for (c, (v, p)) in r.list.customers.iter().zip(vals.iter()) {
                proptest::prop_assert_eq!(c.revenue, *v);
                proptest::prop_assert_eq!(c.products, Some(*p));
            }
        }
    }
}
#[cfg(test)]
mod fast_paths {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn trim_is_str_trim(s in "[ \t\r\u{3000}\u{a0}a-c0-9\u{1}\u{7f}中]{0,8}") {
            prop_assert_eq!(super::trim(&s), s.trim());
        }

        #[test]
        fn count_byte_counts(v in proptest::collection::vec(prop_oneof![Just(b'\n'), any::<u8>()], 0..70)) {
            prop_assert_eq!(super::count_byte(&v, b'\n'), v.iter().filter(|&&b| b == b'\n').count());
        }
    }
}
