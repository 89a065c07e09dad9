//! A small, fast reader of delimited text (CSV / TSV) as pasted from Excel or
//! saved by it: delimiter detection (tab, comma, semicolon), RFC 4180 quoting
//! (quoted fields with `""` escapes and line breaks), a UTF-8 byte-order mark,
//! CRLF or LF line ends, blank lines skipped.
//!
//! The reader streams records into a reusable buffer of borrowed cells (only a
//! quoted field with an escaped quote allocates), so a million rows never sit in
//! memory as cells at once.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Largest text accepted for import (bytes of UTF-8).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// The field separator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delim {
    /// Excel's clipboard and `.tsv` files.
    #[default]
    Tab,
    Comma,
    /// Excel in locales with a decimal comma.
    Semicolon,
}

impl Delim {
    pub const ALL: [Delim; 3] = [Delim::Tab, Delim::Comma, Delim::Semicolon];

    pub fn byte(self) -> u8 {
        match self {
            Delim::Tab => b'\t',
            Delim::Comma => b',',
            Delim::Semicolon => b';',
        }
    }

    /// Translation key of the delimiter's name.
    pub fn key(self) -> &'static str {
        match self {
            Delim::Tab => "tiering.delim.tab",
            Delim::Comma => "tiering.delim.comma",
            Delim::Semicolon => "tiering.delim.semicolon",
        }
    }
}

/// The text without a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Guess the delimiter from the first records: the candidate present in the
/// first line whose count is the same on most sampled lines wins (ties: tab,
/// then semicolon, then comma — a comma is often a thousands separator).
pub fn detect_delimiter(text: &str) -> Delim {
    let text = strip_bom(text);
    // Count candidates per physical line outside quotes, for up to 20 lines.
    let mut lines: Vec<[usize; 3]> = Vec::new();
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut any = false;
    for &b in text.as_bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                if any {
                    lines.push(counts);
                }
                counts = [0; 3];
                any = false;
                if lines.len() >= 20 {
                    break;
                }
            }
            b'\t' if !in_quotes => counts[0] += 1,
            b';' if !in_quotes => counts[1] += 1,
            b',' if !in_quotes => counts[2] += 1,
            b'\r' => {}
            b' ' => {}
            _ => any = true,
        }
        if matches!(b, b'\t' | b';' | b',') {
            any = true;
        }
    }
    if any && lines.len() < 20 {
        lines.push(counts);
    }
    let Some(first) = lines.first() else {
        return Delim::Tab;
    };
    let order = [
        (0usize, Delim::Tab),
        (1, Delim::Semicolon),
        (2, Delim::Comma),
    ];
    let mut best: Option<((usize, usize), Delim)> = None;
    for (i, d) in order {
        let c0 = first[i];
        if c0 == 0 {
            continue;
        }
        let consistent = lines.iter().filter(|l| l[i] == c0).count();
        let score = (consistent, c0);
        if best.map(|(s, _)| score > s).unwrap_or(true) {
            best = Some((score, d));
        }
    }
    best.map(|(_, d)| d).unwrap_or(Delim::Tab)
}

/// A malformed record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// A quoted field runs to the end of the text.
    UnterminatedQuote,
}

/// Streams records out of delimited text.
pub struct Reader<'a> {
    s: &'a str,
    pos: usize,
    delim: u8,
    /// Number of records returned so far (the spreadsheet row of the last one).
    pub record: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str, delim: Delim) -> Self {
        Reader {
            s: strip_bom(text),
            pos: 0,
            delim: delim.byte(),
            record: 0,
        }
    }

    /// Read the next non-blank record into `out` (cleared first). Returns
    /// `None` at the end of the text.
    pub fn next_record(&mut self, out: &mut Vec<Cow<'a, str>>) -> Option<Result<(), RecordError>> {
        out.clear();
        let bytes = self.s.as_bytes();
        let n = bytes.len();
        // Skip blank lines.
        loop {
            if self.pos >= n {
                return None;
            }
            let mut p = self.pos;
            while p < n && matches!(bytes[p], b' ' | b'\r') {
                p += 1;
            }
            if p < n && bytes[p] == b'\n' {
                self.pos = p + 1;
                continue;
            }
            if p >= n {
                self.pos = n;
                return None;
            }
            break;
        }
        self.record += 1;
        let d = self.delim;
        loop {
            // One field starting at self.pos.
            let start = self.pos;
            if start < n && bytes[start] == b'"' {
                // Quoted field.
                let mut p = start + 1;
                let mut owned: Option<String> = None;
                let mut seg = p;
                loop {
                    if p >= n {
                        self.pos = n;
                        return Some(Err(RecordError::UnterminatedQuote));
                    }
                    if bytes[p] == b'"' {
                        if p + 1 < n && bytes[p + 1] == b'"' {
                            let o = owned.get_or_insert_with(String::new);
                            o.push_str(&self.s[seg..=p]);
                            p += 2;
                            seg = p;
                            continue;
                        }
                        break;
                    }
                    p += 1;
                }
                let cell: Cow<'a, str> = match owned {
                    Some(mut o) => {
                        o.push_str(&self.s[seg..p]);
                        Cow::Owned(o)
                    }
                    None => Cow::Borrowed(&self.s[seg..p]),
                };
                p += 1; // closing quote
                        // Lenient: text after the closing quote up to the delimiter is appended.
                let tail_start = p;
                while p < n && bytes[p] != d && bytes[p] != b'\n' {
                    p += 1;
                }
                let tail = self.s[tail_start..p].trim_end_matches('\r');
                let cell = if tail.trim().is_empty() {
                    cell
                } else {
                    Cow::Owned(format!("{cell}{tail}"))
                };
                out.push(cell);
                if p < n && bytes[p] == d {
                    self.pos = p + 1;
                    continue;
                }
                self.pos = (p + 1).min(n);
                return Some(Ok(()));
            }
            let mut p = start;
            while p < n {
                let b = bytes[p];
                if b == d || b == b'\n' {
                    break;
                }
                p += 1;
            }
            let mut end = p;
            if (p >= n || bytes[p] == b'\n') && end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
            out.push(Cow::Borrowed(&self.s[start..end]));
            if p < n && bytes[p] == d {
                self.pos = p + 1;
                if self.pos >= n {
                    // Trailing delimiter at the very end: one more empty field.
                    out.push(Cow::Borrowed(""));
                    return Some(Ok(()));
                }
                continue;
            }
            self.pos = (p + 1).min(n);
            return Some(Ok(()));
        }
    }
}

/// Parse everything into owned rows (for previews and tests; imports stream).
pub fn parse_all(
    text: &str,
    delim: Delim,
    limit: usize,
) -> Result<Vec<Vec<String>>, (usize, RecordError)> {
    let mut r = Reader::new(text, delim);
    let mut buf = Vec::new();
    let mut rows = Vec::new();
    while rows.len() < limit {
        match r.next_record(&mut buf) {
            None => break,
            Some(Err(e)) => return Err((r.record, e)),
            Some(Ok(())) => rows.push(buf.iter().map(|c| c.to_string()).collect()),
        }
    }
    Ok(rows)
}

/// Text of file bytes: UTF-8 (with or without a BOM) as is; anything else goes
/// to `fallback` (the browser's GB18030 decoder in the page).
pub fn decode_bytes(
    bytes: Vec<u8>,
    fallback: impl FnOnce(&[u8]) -> Option<String>,
) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => fallback(e.as_bytes()),
    }
}

/// Quote a cell for CSV output if it needs it (no formula neutralising: for
/// cells that are not user text, such as the compact stored list).
pub fn quote(cell: &str, delim: u8, out: &mut String) {
    let needs = cell
        .bytes()
        .any(|b| b == delim || b == b'"' || b == b'\n' || b == b'\r')
        || cell.starts_with(' ')
        || cell.ends_with(' ');
    if needs {
        out.push('"');
        for ch in cell.chars() {
            if ch == '"' {
                out.push('"');
            }
            out.push(ch);
        }
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Characters that make a spreadsheet read a cell as a formula (or hide one).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The one CSV writer of every export in the app (tiering results, the
/// assessment class table, …): a UTF-8 byte-order mark so Excel opens Chinese
/// intact, commas, CRLF line ends, RFC 4180 quoting. Text cells that start
/// with `= + - @`, a tab or a carriage return get a leading apostrophe, so a
/// customer named `=HYPERLINK(…)` stays text in the spreadsheet.
#[derive(Clone, Debug)]
pub struct CsvWriter {
    out: String,
    row_start: bool,
}

impl Default for CsvWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvWriter {
    pub fn new() -> Self {
        Self::with_capacity(256)
    }

    pub fn with_capacity(bytes: usize) -> Self {
        let mut out = String::with_capacity(bytes + 4);
        out.push('\u{feff}');
        CsvWriter {
            out,
            row_start: true,
        }
    }

    fn sep(&mut self) {
        if !self.row_start {
            self.out.push(',');
        }
        self.row_start = false;
    }

    /// A cell of user text (names, ids, headers): quoted when needed and
    /// never a formula.
    pub fn text(&mut self, cell: &str) -> &mut Self {
        self.sep();
        if cell.starts_with(FORMULA_START) {
            let safe = format!("'{cell}");
            quote(&safe, b',', &mut self.out);
        } else {
            quote(cell, b',', &mut self.out);
        }
        self
    }

    /// A number, written as Rust prints it (`-7`, `0.18`), so the
    /// spreadsheet reads it as a number.
    pub fn num(&mut self, v: f64) -> &mut Self {
        self.sep();
        if v.is_finite() {
            crate::num::push_plain(&mut self.out, v);
        }
        self
    }

    /// A number with a fixed number of decimals (`1234.50`).
    pub fn fixed(&mut self, v: f64, decimals: usize) -> &mut Self {
        self.sep();
        if v.is_finite() {
            crate::num::push_fixed(&mut self.out, v, decimals);
        }
        self
    }

    /// An optional number: empty when absent.
    pub fn opt(&mut self, v: Option<f64>) -> &mut Self {
        match v {
            Some(v) => self.num(v),
            None => self.empty(),
        }
    }

    /// An empty cell.
    pub fn empty(&mut self) -> &mut Self {
        self.sep();
        self
    }

    /// Several text cells.
    pub fn texts<S: AsRef<str>>(&mut self, cells: &[S]) -> &mut Self {
        for c in cells {
            self.text(c.as_ref());
        }
        self
    }

    /// End the current row.
    pub fn end_row(&mut self) -> &mut Self {
        self.out.push_str("\r\n");
        self.row_start = true;
        self
    }

    /// The finished file.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, d: Delim) -> Vec<Vec<String>> {
        parse_all(text, d, usize::MAX).unwrap()
    }

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3\n"), Delim::Tab);
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), Delim::Comma);
        assert_eq!(detect_delimiter("a;b;c\n1,5;2,5;3\n"), Delim::Semicolon);
        // Thousands separators inside quotes don't count.
        assert_eq!(
            detect_delimiter("id,aum\n1,\"1,234,567\"\n2,\"5,000\"\n"),
            Delim::Comma
        );
        // Excel paste with thousands commas in cells.
        assert_eq!(
            detect_delimiter("id\taum\n1\t1,234,567\n2\t5,000\n"),
            Delim::Tab
        );
        assert_eq!(
            detect_delimiter("\u{feff}客户号,资产\r\nC1,100\r\n"),
            Delim::Comma
        );
        assert_eq!(detect_delimiter(""), Delim::Tab);
        assert_eq!(detect_delimiter("single"), Delim::Tab);
    }

    #[test]
    fn quoting_per_rfc4180() {
        let t = "a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"line1\r\nline2\"\r\n1,,3\r\n";
        let r = rows(t, Delim::Comma);
        assert_eq!(r.len(), 3);
        assert_eq!(r[1], vec!["x, y", "he said \"hi\"", "line1\r\nline2"]);
        assert_eq!(r[2], vec!["1", "", "3"]);
    }

    #[test]
    fn bom_crlf_blank_lines_and_trailing() {
        let t = "\u{feff}id\tv\r\n\r\nA\t1\r\n   \nB\t2";
        let r = rows(t, Delim::Tab);
        assert_eq!(r, vec![vec!["id", "v"], vec!["A", "1"], vec!["B", "2"]]);
        let r = rows("a,b,\n", Delim::Comma);
        assert_eq!(r, vec![vec!["a", "b", ""]]);
        let r = rows("a,b,", Delim::Comma);
        assert_eq!(r, vec![vec!["a", "b", ""]]);
        assert!(rows("", Delim::Comma).is_empty());
        assert!(rows("\u{feff}", Delim::Comma).is_empty());
    }

    #[test]
    fn unterminated_quote_names_the_record() {
        let e = parse_all("a,b\n1,\"oops\n2,3\n", Delim::Comma, 100).unwrap_err();
        assert_eq!(e, (2, RecordError::UnterminatedQuote));
    }

    #[test]
    fn chinese_text_and_lenient_tail() {
        let r = rows("客户,资产\n\"张三\"先生,1万\n", Delim::Comma);
        assert_eq!(r[1], vec!["张三先生", "1万"]);
    }

    #[test]
    fn bytes_are_utf8_or_fall_back() {
        let bom = "\u{feff}客户号,年收益\r\n".as_bytes().to_vec();
        assert_eq!(
            decode_bytes(bom, |_| None).as_deref(),
            Some("\u{feff}客户号,年收益\r\n")
        );
        // "客户" in GB18030 is not UTF-8: the fallback gets the bytes.
        let gbk = vec![0xbf, 0xcd, 0xbb, 0xa7];
        let mut seen = Vec::new();
        let out = decode_bytes(gbk.clone(), |b| {
            seen = b.to_vec();
            Some("客户".into())
        });
        assert_eq!(out.as_deref(), Some("客户"));
        assert_eq!(seen, gbk);
        assert_eq!(decode_bytes(vec![0xff], |_| None), None);
    }

    #[test]
    fn the_writer_neutralises_formulas_and_round_trips() {
        let mut w = CsvWriter::new();
        w.texts(&["id", "name"]).text("n").end_row();
        w.text("C1")
            .text("=HYPERLINK(\"http://e.x\")")
            .num(-7.0)
            .end_row();
        for start in ["+1", "-x", "@SUM(A1)", "\tx", "\rx"] {
            w.text("C2").text(start).opt(None).end_row();
        }
        let s = w.finish();
        assert!(s.starts_with("\u{feff}id,name,n\r\n"));
        // The formula is text, numbers stay numbers.
        assert!(
            s.contains("C1,\"'=HYPERLINK(\"\"http://e.x\"\")\",-7\r\n"),
            "{s}"
        );
        assert!(s.contains("C2,'+1,\r\n"));
        assert!(s.contains("C2,'-x,\r\n"));
        assert!(s.contains("C2,'@SUM(A1),\r\n"));
        let rows = parse_all(&s, Delim::Comma, 100).unwrap();
        assert_eq!(rows[1][1], "'=HYPERLINK(\"http://e.x\")");
        assert_eq!(rows[1][2], "-7");
        assert_eq!(rows[5][1], "'\tx");
        assert_eq!(rows[6][1], "'\rx");
        let mut w = CsvWriter::new();
        w.fixed(2.0 / 3.0, 2).text("普通").end_row();
        assert_eq!(w.finish(), "\u{feff}0.67,普通\r\n");
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    proptest::proptest! {
        #[test]
        fn quote_then_parse_round_trips(
            cells in proptest::collection::vec(proptest::collection::vec("[a-z0-9,;\"\t\n 张]{0,6}", 1..5), 1..6),
            d in 0usize..3
        ) {
            let delim = Delim::ALL[d];
            let mut text = String::new();
            // Rows whose only cell is blank are skipped by the reader: avoid them.
            let cells: Vec<Vec<String>> = cells.into_iter().map(|mut r| { r.push("x".into()); r }).collect();
            for row in &cells {
                for (i, c) in row.iter().enumerate() {
                    if i > 0 { text.push(delim.byte() as char); }
                    // Always quote so cells with spaces/newlines survive.
                    text.push('"');
                    text.push_str(&c.replace('"', "\"\""));
                    text.push('"');
                }
                text.push_str("\r\n");
            }
            let back = parse_all(&text, delim, usize::MAX).unwrap();
            proptest::prop_assert_eq!(back, cells);
        }

        #[test]
        fn never_panics(text in "[a-z0-9,;\"\t\r\n 张]{0,80}") {
            for d in Delim::ALL {
                let _ = parse_all(&text, d, usize::MAX);
            }
            let _ = detect_delimiter(&text);
        }
    }
}
