//! Inputs the user has typed something unusable into. A field keeps its last
//! good value in the document, so without this the results would go on
//! showing the figure of the old input (“abc” in a margin kept the total at
//! ¥13,854.36). Every result that depends on an invalid input is replaced by
//! "—" and the reason.

use crate::i18n::{t, tf, Lang};

/// Invalid fields in the order they went wrong: (label key, reason key).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Invalid(Vec<(&'static str, &'static str)>);

/// Why a result cannot be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// A field holds unusable text: its label key and the reason key.
    Input {
        field: &'static str,
        reason: &'static str,
    },
    /// The inputs are all numbers but the model refuses them (message key).
    Model(&'static str),
}

impl Invalid {
    /// Record what a field's last commit was: `Some(reason)` or `None` (fine).
    pub fn set(&mut self, field: &'static str, reason: Option<&'static str>) {
        self.0.retain(|(f, _)| *f != field);
        if let Some(r) = reason {
            self.0.push((field, r));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A result, unless an input is invalid (the first one is named).
    pub fn gate<T>(&self, r: Result<T, &'static str>) -> Result<T, Blocked> {
        if let Some(&(field, reason)) = self.0.first() {
            return Err(Blocked::Input { field, reason });
        }
        r.map_err(Blocked::Model)
    }
}

impl Blocked {
    /// The reason in words: "“Margin per purchase”: Please enter a number."
    pub fn message(&self, lang: Lang) -> String {
        match *self {
            Blocked::Input { field, reason } => tf(
                lang,
                "err.field",
                &[("field", t(lang, field)), ("reason", t(lang, reason))],
            ),
            Blocked::Model(key) => t(lang, key).to_string(),
        }
    }
}

/// A figure, or "—" when it cannot be shown.
pub fn or_dash<T>(r: &Result<T, Blocked>, f: impl FnOnce(&T) -> String) -> String {
    match r {
        Ok(v) => f(v),
        Err(_) => crate::i18n::format::NO_VALUE.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::format::{check_number, fmt_money, fmt_number};
    use crate::tools::clv::lifecycle::prospects_needed;
    use crate::tools::clv::model::{six_clv, SixInputs};
    use crate::tools::clv::retention::RetentionInputs;

    #[test]
    fn an_invalid_input_replaces_its_results() {
        let lang = Lang::En;
        // "abc" in a CLV margin: the stored inputs still give ¥13,854.36-like
        // totals, but the total shown is "—" with the reason.
        let mut iv = Invalid::default();
        let typed = check_number("abc", 0.0, 1e12, false);
        iv.set("clv.in.repeat_margin", typed.err());
        let six = SixInputs::default();
        assert!(six_clv(&six).is_ok());
        let r = iv.gate(six_clv(&six).map_err(|e| e.message_key()));
        assert_eq!(or_dash(&r, |r| fmt_money(lang, r.total)), "—");
        assert_eq!(
            r.unwrap_err().message(lang),
            "“Margin per purchase”: Please enter a number."
        );
        // Correcting it brings the figure back.
        iv.set(
            "clv.in.repeat_margin",
            check_number("200", 0.0, 1e12, false).err(),
        );
        assert!(iv.is_empty());
        let r = iv.gate(six_clv(&six).map_err(|e| e.message_key()));
        assert_ne!(or_dash(&r, |r| fmt_money(lang, r.total)), "—");

        // Retention 120%: refused, the CLV is "—".
        let mut iv = Invalid::default();
        iv.set(
            "clv.ret.retention",
            check_number("120", 0.0, 1.0, true).err(),
        );
        let r = iv.gate(
            RetentionInputs::default()
                .evaluate()
                .map_err(|e| e.message_key()),
        );
        assert_eq!(or_dash(&r, |r| fmt_money(lang, r.clv)), "—");
        assert!(r
            .unwrap_err()
            .message(lang)
            .contains("Out of the allowed range"));

        // Closing ratio 0: the funnel is "—", not the old 25.
        let mut iv = Invalid::default();
        iv.set("clv.funnel.k", check_number("0", 1.0, 1000.0, false).err());
        let r = iv.gate(prospects_needed(5.0, 5.0).ok_or("clv.err.funnel"));
        assert_eq!(or_dash(&r, |n| fmt_number(*n, 0)), "—");
        // A model error is passed through as is.
        let r = Invalid::default().gate(prospects_needed(0.5, 1.0).ok_or("clv.err.funnel"));
        assert_eq!(r, Err(Blocked::Model("clv.err.funnel")));
    }
}
