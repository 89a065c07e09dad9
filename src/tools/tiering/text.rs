//! Messages about imports and assumptions in the user's language (pure).

use super::csv::column_letter;
use super::import::{Fatal, Field, Imported, Issue, IssueKind, Mapping, Preview};
use crate::i18n::format::{fmt_number, plural};
use crate::i18n::{t, tf, Lang};
use crate::tools::clv::retention::InputError;

/// A whole-import failure.
pub fn fatal(lang: Lang, f: &Fatal) -> String {
    match f {
        Fatal::Empty => t(lang, "tiering.fatal.empty").to_string(),
        Fatal::TooLarge { bytes } => tf(
            lang,
            "tiering.fatal.too_large",
            &[("mb", &fmt_number(*bytes as f64 / 1_048_576.0, 1))],
        ),
        Fatal::OneColumn => t(lang, "tiering.fatal.one_column").to_string(),
        Fatal::MissingColumns(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| field_name(lang, *f)).collect();
            let sep = if lang == Lang::Zh { "、" } else { ", " };
            tf(
                lang,
                "tiering.fatal.missing",
                &[("fields", &names.join(sep))],
            )
        }
        Fatal::UnterminatedQuote { row } => {
            tf(lang, "tiering.fatal.quote", &[("row", &row.to_string())])
        }
        Fatal::NoRows => t(lang, "tiering.fatal.no_rows").to_string(),
    }
}

fn field_name(lang: Lang, f: Field) -> &'static str {
    match f {
        Field::Id => t(lang, "tiering.field.id"),
        Field::Name => t(lang, "tiering.field.name"),
        Field::Aum => t(lang, "tiering.field.aum"),
        Field::Revenue => t(lang, "tiering.field.revenue"),
        Field::Cost => t(lang, "tiering.field.cost"),
        Field::Products => t(lang, "tiering.field.products"),
        Field::Age => t(lang, "tiering.field.age"),
        Field::Tenure => t(lang, "tiering.field.tenure"),
    }
}

/// A field's translated label.
pub fn field_label(lang: Lang, f: Field) -> &'static str {
    field_name(lang, f)
}

/// One failed row: "Row 5, column C “revenue”: “abc” is not a number".
pub fn issue(lang: Lang, i: &Issue) -> String {
    let mut s = tf(lang, "tiering.issue.row", &[("row", &i.row.to_string())]);
    if let Some((c, name)) = &i.col {
        s.push_str(if lang == Lang::Zh { "，" } else { ", " });
        s.push_str(&tf(
            lang,
            "tiering.issue.col",
            &[("letter", &column_letter(*c)), ("name", name)],
        ));
    }
    s.push_str(if lang == Lang::Zh { "：" } else { ": " });
    s.push_str(&match &i.kind {
        IssueKind::MissingCell => t(lang, "tiering.issue.missing_cell").to_string(),
        IssueKind::Empty => t(lang, "tiering.issue.empty").to_string(),
        IssueKind::NotNumeric(x) => tf(lang, "tiering.issue.not_numeric", &[("text", x)]),
        IssueKind::OutOfRange(x) => tf(lang, "tiering.issue.out_of_range", &[("text", x)]),
        IssueKind::DuplicateId { first_row } => tf(
            lang,
            "tiering.issue.duplicate",
            &[("first", &first_row.to_string())],
        ),
        IssueKind::UnterminatedQuote => t(lang, "tiering.issue.quote").to_string(),
        IssueKind::NegativeAum(x) => tf(lang, "tiering.issue.negative_aum", &[("text", x)]),
    });
    s
}

/// What the import's one message area says.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Nothing could be read (a failed preview or import).
    Fatal(Fatal),
    /// An import ran.
    Done {
        loaded: usize,
        source: String,
        failed: usize,
        issues: Vec<Issue>,
        warned: usize,
        warnings: Vec<Issue>,
    },
    /// The file could not be read or decoded: message key and detail.
    Key(&'static str, String),
}

/// The single message area of the import: every attempt (a new paste or
/// file, a delimiter change, an import) replaces what it said before, so an
/// old success never stands beside a new error and no error shows twice.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MessageArea(Option<Notice>);

/// How a rendered notice looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Ok,
    Warn,
}

/// A notice in words: paragraphs, the listed problem rows, the listed
/// warnings, and the paragraphs after them.
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    pub tone: Tone,
    pub lines: Vec<String>,
    pub issues: Vec<String>,
    pub more: Option<String>,
    pub warning_head: Option<String>,
    pub warnings: Vec<String>,
}

impl Rendered {
    /// All the text, for tests.
    pub fn text(&self) -> String {
        let mut v = self.lines.clone();
        v.extend(self.issues.iter().cloned());
        v.extend(self.more.iter().cloned());
        v.extend(self.warning_head.iter().cloned());
        v.extend(self.warnings.iter().cloned());
        v.join("\n")
    }
}

impl MessageArea {
    pub fn clear(&mut self) {
        self.0 = None;
    }

    /// A new text was previewed: its error, or nothing.
    pub fn previewed(&mut self, p: &Result<Preview, Fatal>) {
        self.0 = p.as_ref().err().cloned().map(Notice::Fatal);
    }

    /// An import ran.
    pub fn imported(&mut self, r: &Result<Imported, Fatal>, source: &str) {
        self.0 = Some(match r {
            Err(f) => Notice::Fatal(f.clone()),
            Ok(imp) => Notice::Done {
                loaded: imp.list.len(),
                source: source.to_string(),
                failed: imp.failed,
                issues: imp.issues.clone(),
                warned: imp.warned,
                warnings: imp.warnings.clone(),
            },
        });
    }

    /// The file could not be read.
    pub fn failed(&mut self, key: &'static str, detail: String) {
        self.0 = Some(Notice::Key(key, detail));
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.0.as_ref()
    }

    pub fn render(&self, lang: Lang) -> Option<Rendered> {
        self.0.as_ref().map(|n| render(lang, n))
    }
}

/// Import a newly chosen file at once only when its preview worked and the
/// columns are mapped (otherwise the preview's message stands alone).
pub fn auto_import(preview: Option<&Result<Preview, Fatal>>, mapping: &Mapping) -> bool {
    matches!(preview, Some(Ok(_))) && mapping.missing().is_empty()
}

fn source_label(lang: Lang, src: &str) -> String {
    match src {
        "sample" => t(lang, "tiering.source.sample").to_string(),
        "paste" => t(lang, "tiering.source.paste").to_string(),
        s => s.to_string(),
    }
}

/// A notice in the user's language.
pub fn render(lang: Lang, n: &Notice) -> Rendered {
    let mut r = Rendered {
        tone: Tone::Warn,
        lines: Vec::new(),
        issues: Vec::new(),
        more: None,
        warning_head: None,
        warnings: Vec::new(),
    };
    let count = |n: usize| fmt_number(n as f64, 0);
    match n {
        Notice::Fatal(f) => r.lines.push(fatal(lang, f)),
        Notice::Key(k, detail) => r.lines.push(tf(lang, k, &[("detail", detail)])),
        Notice::Done {
            loaded,
            source,
            failed,
            issues,
            warned,
            warnings,
        } => {
            let only_quote = *loaded == 0
                && *failed == 1
                && issues.len() == 1
                && issues[0].kind == IssueKind::UnterminatedQuote;
            if only_quote {
                // The whole body is one unreadable quoted field: say that, once.
                r.lines.push(fatal(
                    lang,
                    &Fatal::UnterminatedQuote { row: issues[0].row },
                ));
                return r;
            }
            if *loaded > 0 {
                r.lines.push(plural(
                    lang,
                    "tiering.msg.loaded",
                    *loaded,
                    &[("n", &count(*loaded)), ("src", &source_label(lang, source))],
                ));
            } else {
                r.lines.push(fatal(lang, &Fatal::NoRows));
            }
            if *failed > 0 {
                r.lines.push(plural(
                    lang,
                    "tiering.msg.failed",
                    *failed,
                    &[("n", &count(*failed))],
                ));
                r.issues = issues.iter().map(|i| issue(lang, i)).collect();
                let rest = failed.saturating_sub(issues.len());
                if rest > 0 {
                    r.more = Some(plural(
                        lang,
                        "tiering.msg.more",
                        rest,
                        &[("n", &count(rest))],
                    ));
                }
            }
            if *warned > 0 {
                r.warning_head = Some(plural(
                    lang,
                    "tiering.msg.warned",
                    *warned,
                    &[("n", &count(*warned))],
                ));
                r.warnings = warnings.iter().map(|i| issue(lang, i)).collect();
            }
            if *loaded > 0 && *failed == 0 && *warned == 0 {
                r.tone = Tone::Ok;
            }
        }
    }
    r
}

/// Why the assumptions give no value.
pub fn assumption_error(lang: Lang, e: InputError) -> &'static str {
    match e {
        InputError::RetentionRange => t(lang, "tiering.assume.err.retention"),
        InputError::DiscountRange => t(lang, "tiering.assume.err.discount"),
        InputError::Diverges => t(lang, "tiering.assume.err.diverges"),
        InputError::NotFinite => t(lang, "tiering.assume.err.not_finite"),
        InputError::HorizonRange => t(lang, "tiering.assume.err.horizon"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::tiering::import::import_auto;

    fn area_after(steps: &[&str]) -> MessageArea {
        use crate::tools::tiering::import::{import, preview};
        let mut area = MessageArea::default();
        for text in steps {
            let p = preview(text, None, 5);
            area.previewed(&p);
            if let Ok(pv) = &p {
                area.imported(&import(text, pv.delim, &pv.mapping), "paste");
            }
        }
        area
    }

    #[test]
    fn one_message_area_replaced_on_every_attempt() {
        // A success, then a one-column text: only the new error, once.
        let mut area = area_after(&["id,revenue\nA,1\n"]);
        let p = crate::tools::tiering::import::preview("id|revenue\n1|2\n", None, 5);
        area.previewed(&p);
        let m = crate::tools::tiering::import::Mapping::default();
        // The file flow does not import a text whose preview failed.
        assert!(!auto_import(Some(&p), &m));
        let text = area.render(Lang::En).unwrap().text();
        assert!(!text.contains("Imported"), "{text}");
        assert_eq!(text.matches("Only one column").count(), 1, "{text}");
        // An unclosed quote in the first data row: one message, not "all
        // failed" beside "the rest loaded".
        let text = area_after(&["id,revenue\n\"A,1\nB,2\n"])
            .render(Lang::En)
            .unwrap()
            .text();
        assert_eq!(
            text,
            "Unterminated quote in row 2: the text cannot be read."
        );
        // Every row bad: said once, and the failures are listed.
        let r = area_after(&["id,revenue\nA,x\n"]).render(Lang::En).unwrap();
        assert!(!r.text().contains("the rest"), "{}", r.text());
        assert_eq!(r.lines[1], "1 row could not be imported:");
        assert_eq!(r.issues.len(), 1);
        // A good import: "1 customer", tone OK.
        let r = area_after(&["id,revenue\nA,1\n"]).render(Lang::En).unwrap();
        assert_eq!(r.text(), "Imported 1 customer (source: pasted text).");
        assert_eq!(r.tone, Tone::Ok);
        // Negative AUM: loaded, with a warning naming the row.
        let r = area_after(&["id,aum,revenue\nA,-5,1\nB,1,1\n"])
            .render(Lang::En)
            .unwrap();
        assert_eq!(r.tone, Tone::Warn);
        assert_eq!(
            r.warning_head.as_deref(),
            Some("1 row has a negative AUM; it is imported as it is — please check:")
        );
        assert_eq!(r.warnings, vec!["Row 2, column B “aum”: “-5” is negative"]);
        let zh = area_after(&["id,revenue\nA,1\nB,2\n"])
            .render(Lang::Zh)
            .unwrap();
        assert_eq!(zh.text(), "已导入 2 位客户（来源：粘贴内容）。");
    }

    #[test]
    fn messages_name_row_and_column() {
        let r = import_auto("客户号,年收益\nA,abc\nA,1\nA,2\n").unwrap();
        assert_eq!(
            issue(Lang::Zh, &r.issues[0]),
            "第 2 行，B 列「年收益」：「abc」不是数字"
        );
        assert_eq!(
            issue(Lang::En, &r.issues[0]),
            "Row 2, column B “年收益”: “abc” is not a number"
        );
        assert!(issue(Lang::En, &r.issues[1]).contains("first in row 3"));
        assert!(fatal(
            Lang::En,
            &Fatal::MissingColumns(vec![Field::Id, Field::Revenue])
        )
        .contains("Customer ID, Yearly revenue"));
        assert!(fatal(
            Lang::Zh,
            &Fatal::TooLarge {
                bytes: 60 * 1_048_576
            }
        )
        .contains("60.0 MB"));
        for e in [
            InputError::RetentionRange,
            InputError::DiscountRange,
            InputError::Diverges,
            InputError::NotFinite,
            InputError::HorizonRange,
        ] {
            assert!(!assumption_error(Lang::Zh, e).starts_with("tiering."));
            assert!(!assumption_error(Lang::En, e).starts_with("tiering."));
        }
        for f in [
            Fatal::Empty,
            Fatal::OneColumn,
            Fatal::NoRows,
            Fatal::UnterminatedQuote { row: 3 },
        ] {
            assert!(!fatal(Lang::En, &f).starts_with("tiering."));
        }
    }
}
