//! Messages about imports and assumptions in the user's language (pure).

use super::csv::column_letter;
use super::import::{Fatal, Field, Issue, IssueKind};
use crate::i18n::format::fmt_number;
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
    });
    s
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
