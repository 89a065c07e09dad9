//! Small text helpers shared by the script builders (pure, no web APIs).

pub use crate::i18n::Bi;

/// Is this a CJK character (Han ideographs and CJK punctuation)?
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Does the text end with sentence-closing punctuation?
pub fn ends_sentence(s: &str) -> bool {
    s.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '。' | '！' | '？' | '.' | '!' | '?' | '…' | '”' | '"' | '）' | ')' | '；' | ';'
        )
    })
}

/// Trim the text and close it with a full stop in the text's own script
/// (a text with Chinese characters gets 。, anything else gets .).
pub fn close_sentence(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() || ends_sentence(t) {
        return t.to_string();
    }
    let trimmed = t.trim_end_matches([',', '，', '、', ':', '：']);
    if t.chars().any(is_cjk) {
        format!("{trimmed}。")
    } else {
        format!("{trimmed}.")
    }
}

/// Strip trailing sentence punctuation (used when a text is quoted inside a
/// sentence, such as a customer need inside a transition).
pub fn strip_end_punct(s: &str) -> &str {
    s.trim()
        .trim_end_matches(['。', '！', '？', '.', '!', '?', '；', ';', '，', ','])
        .trim()
}

/// Lower-case the first letter when the text begins with a capitalised word
/// that is not an acronym or "I" (so "For you, " + "Your savings…" reads
/// "For you, your savings…").
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let second = chars.clone().next();
    let word: String = s.chars().take_while(|c| c.is_alphabetic()).collect();
    let is_i = word == "I";
    if first.is_uppercase() && second.is_some_and(|c| c.is_lowercase()) && !is_i {
        let mut out = String::from(crate::fold::lower_char(first));
        out.push_str(chars.as_str());
        out
    } else {
        s.to_string()
    }
}

/// Upper-case the first letter of a sentence.
pub fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => std::iter::once(crate::fold::upper_char(c))
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

/// Join spoken sentences: Chinese sentences run on, English ones get a space.
pub fn join_sentences(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts.iter().filter(|p| !p.trim().is_empty()) {
        let p = p.trim();
        if let (Some(prev), Some(next)) = (out.chars().last(), p.chars().next()) {
            if !(is_cjk(prev) || is_cjk(next)) {
                out.push(' ');
            }
        }
        out.push_str(p);
    }
    out
}

/// Cut a text to at most `max` characters (never inside a character).
pub fn clip_chars(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closes_sentences_in_their_script() {
        assert_eq!(close_sentence("利率2.6%"), "利率2.6%。");
        assert_eq!(close_sentence("利率较高"), "利率较高。");
        assert_eq!(close_sentence("rate is 2.6%"), "rate is 2.6%.");
        assert_eq!(close_sentence("已经好了。"), "已经好了。");
        assert_eq!(close_sentence("Done!"), "Done!");
        assert_eq!(close_sentence("  "), "");
        assert_eq!(close_sentence("逗号结尾，"), "逗号结尾。");
    }

    #[test]
    fn lowercases_only_ordinary_words() {
        assert_eq!(lower_first("Your savings grow"), "your savings grow");
        assert_eq!(lower_first("I can help"), "I can help");
        assert_eq!(lower_first("ATM fees"), "ATM fees");
        assert_eq!(lower_first("利率"), "利率");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn joins_with_spaces_only_between_latin_sentences() {
        let v = vec!["一。".to_string(), "二。".to_string()];
        assert_eq!(join_sentences(&v), "一。二。");
        let v = vec!["One.".to_string(), "".to_string(), "Two.".to_string()];
        assert_eq!(join_sentences(&v), "One. Two.");
    }

    #[test]
    fn strips_end_punctuation() {
        assert_eq!(strip_end_punct(" 孩子上大学。 "), "孩子上大学");
        assert_eq!(strip_end_punct("save for school."), "save for school");
    }
}
