//! Practice: compare what the trainee typed from memory with the hidden part,
//! and a quiz that asks which FABE part a sentence is.

use super::templates::TEMPLATES;
use super::text::is_cjk;
use crate::i18n::Lang;

/// Longest text compared, in tokens (keeps the comparison quick).
pub const MAX_TOKENS: usize = 2000;

/// Tokens of a text: each Chinese character, each Latin word or number (lower
/// case); punctuation and spaces dropped.
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        if is_cjk(c) && c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() || c == '%' || c == '.' && !word.is_empty() {
            word.push(crate::fold::lower_char(c));
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if out.len() >= MAX_TOKENS {
            break;
        }
    }
    if !word.is_empty() && out.len() < MAX_TOKENS {
        out.push(word);
    }
    for w in out.iter_mut() {
        while w.ends_with('.') {
            w.pop();
        }
    }
    out.retain(|w| !w.is_empty());
    out
}

/// The result of comparing a recalled text with the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// Share of the original's tokens recalled in order, 0–100.
    pub score: u32,
    /// Runs of the original that were missed, in order.
    pub missing: Vec<String>,
}

/// Compare the typed text with the original (longest common subsequence of
/// tokens). Empty original → 100.
pub fn compare(original: &str, typed: &str) -> Comparison {
    let a = tokens(original);
    let b = tokens(typed);
    if a.is_empty() {
        return Comparison {
            score: 100,
            missing: Vec::new(),
        };
    }
    let (n, m) = (a.len(), b.len());
    // Full table for the back-trace (bounded by MAX_TOKENS² = 4M u16s at
    // worst; typical texts are a few dozen tokens).
    let mut t = vec![0u16; (n + 1) * (m + 1)];
    let w = m + 1;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * w + j] = if a[i] == b[j] {
                t[(i + 1) * w + j + 1] + 1
            } else {
                t[(i + 1) * w + j].max(t[i * w + j + 1])
            };
        }
    }
    let matched = t[0] as usize;
    let mut missing = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let (mut i, mut j) = (0, 0);
    let flush = |run: &mut Vec<&str>, missing: &mut Vec<String>| {
        if !run.is_empty() {
            let cjk = run.iter().all(|x| x.chars().all(is_cjk));
            missing.push(run.join(if cjk { "" } else { " " }));
            run.clear();
        }
    };
    while i < n {
        if j < m && a[i] == b[j] {
            flush(&mut run, &mut missing);
            i += 1;
            j += 1;
        } else if j < m && t[i * w + j + 1] >= t[(i + 1) * w + j] {
            j += 1;
        } else {
            run.push(&a[i]);
            i += 1;
        }
    }
    flush(&mut run, &mut missing);
    Comparison {
        score: ((matched * 100) / n) as u32,
        missing,
    }
}

/// A quiz question: a sentence and the index of its FABE part (0 F, 1 A, 2 B, 3 E).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizItem {
    pub sentence: String,
    pub answer: usize,
}

/// Every quiz sentence in a language: the four parts of every product
/// template, plus the user's own FABE parts (`extra`: (part index, text)).
pub fn quiz_pool(lang: Lang, extra: &[(usize, String)]) -> Vec<QuizItem> {
    let mut out: Vec<QuizItem> = TEMPLATES
        .iter()
        .flat_map(|t| {
            t.parts.iter().enumerate().map(move |(i, p)| QuizItem {
                sentence: p.get(lang).to_string(),
                answer: i,
            })
        })
        .collect();
    for (i, s) in extra {
        if *i < 4 && !s.trim().is_empty() && !out.iter().any(|q| q.sentence == s.trim()) {
            out.push(QuizItem {
                sentence: s.trim().to_string(),
                answer: *i,
            });
        }
    }
    out
}

/// The `n`-th question of a quiz shuffled by `seed` (a stable, cheap mix, so
/// the same seed gives the same order).
pub fn quiz_item(pool: &[QuizItem], seed: u64, n: usize) -> Option<&QuizItem> {
    if pool.is_empty() {
        return None;
    }
    let mut x = seed ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    pool.get((x % pool.len() as u64) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tokens_split_chinese_by_character_and_english_by_word() {
        assert_eq!(
            tokens("利率2.6%，Rate is HIGH."),
            ["利", "率", "2.6%", "rate", "is", "high"]
        );
        assert!(tokens("，。！ ...").is_empty());
    }

    #[test]
    fn perfect_partial_and_empty_recall() {
        assert_eq!(compare("利率高，很省心", "利率高很省心").score, 100);
        let c = compare("利率高，很省心", "利率高");
        assert_eq!(c.score, 50);
        assert_eq!(c.missing, ["很省心"]);
        let c = compare("It pays more than a current account", "it pays more");
        assert_eq!(c.missing, ["than a current account"]);
        assert_eq!(c.score, 42);
        assert_eq!(compare("abc", "").score, 0);
        assert_eq!(compare("", "anything").score, 100);
    }

    #[test]
    fn quiz_covers_all_four_parts() {
        let pool = quiz_pool(Lang::Zh, &[(2, "自己写的利益".into()), (9, "bad".into())]);
        assert_eq!(pool.len(), TEMPLATES.len() * 4 + 1);
        for k in 0..4 {
            assert!(pool.iter().any(|q| q.answer == k));
        }
        let a = quiz_item(&pool, 7, 3).cloned();
        assert_eq!(a, quiz_item(&pool, 7, 3).cloned());
        assert!(quiz_item(&[], 1, 1).is_none());
    }

    proptest! {
        #[test]
        fn score_is_bounded_and_self_recall_is_perfect(a in ".{0,80}", b in ".{0,80}") {
            let c = compare(&a, &b);
            prop_assert!(c.score <= 100);
            prop_assert_eq!(compare(&a, &a).score, 100);
        }
    }
}
