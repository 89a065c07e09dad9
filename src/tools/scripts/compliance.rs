//! Compliance check of sales wording. The rules are data ([`RULES`]): a
//! phrase, the phrases around it that make it harmless, and the reason in
//! both languages. Plus the suitability rule: a product risk level (R1–R5)
//! above the client's risk tolerance (C1–C5).
//!
//! Limits (a teaching aid, not legal review): matching is by phrase, so a
//! forbidden promise worded differently is not caught, and a quoted or negated
//! phrase is only spared where an exception is listed ("不保本", "not
//! risk-free", "第一次", "best regards"…). English matches whole words,
//! case-insensitively; Chinese matches the characters anywhere.

use super::text::Bi;
use crate::i18n::Lang;

/// The kind of problem a rule finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// Promising principal or return (forbidden in wealth-product sales).
    Guarantee,
    /// Absolute or superlative claims (forbidden or need evidence).
    Superlative,
    /// Product risk above the client's tolerance.
    Suitability,
}

impl Category {
    pub fn key(self) -> &'static str {
        match self {
            Category::Guarantee => "scripts.cat.guarantee",
            Category::Superlative => "scripts.cat.superlative",
            Category::Suitability => "scripts.cat.suitability",
        }
    }
}

/// One wording rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub category: Category,
    /// The phrase (Chinese: matched as characters; English: whole words,
    /// any case).
    pub phrase: &'static str,
    /// Longer phrases containing `phrase` that are not a problem.
    pub except: &'static [&'static str],
    pub reason: Bi,
}

const R_GUARANTEE: Bi = Bi::new(
    "承诺保本或保证收益：销售理财、基金、保险等产品时不得承诺保本保收益，只能如实说明风险。",
    "Promises principal or return: when selling wealth, fund or insurance products you may not promise principal or returns; state the risks truthfully.",
);
const R_NO_RISK: Bi = Bi::new(
    "宣称没有风险：任何投资都有风险，不得夸大安全性或隐瞒风险。",
    "Claims there is no risk: every investment has risks; you may not overstate safety or hide risks.",
);
const R_SUPERLATIVE: Bi = Bi::new(
    "绝对化用语：“最”“第一”“唯一”等说法被广告法禁止，或至少需要权威、可核实的证据。",
    "Absolute or superlative claim: words like 'best', 'number one' or 'only' are banned in advertising or at least need official, checkable evidence.",
);

const fn g(id: &'static str, phrase: &'static str, except: &'static [&'static str]) -> Rule {
    Rule {
        id,
        category: Category::Guarantee,
        phrase,
        except,
        reason: R_GUARANTEE,
    }
}

const fn nr(id: &'static str, phrase: &'static str, except: &'static [&'static str]) -> Rule {
    Rule {
        id,
        category: Category::Guarantee,
        phrase,
        except,
        reason: R_NO_RISK,
    }
}

const fn s(id: &'static str, phrase: &'static str, except: &'static [&'static str]) -> Rule {
    Rule {
        id,
        category: Category::Superlative,
        phrase,
        except,
        reason: R_SUPERLATIVE,
    }
}

/// The wording rules.
pub static RULES: &[Rule] = &[
    // Guaranteed principal / return — Chinese.
    g(
        "zh.baoben",
        "保本",
        &[
            "不保本",
            "非保本",
            "不承诺保本",
            "不能保本",
            "无法保本",
            "保本保收益是违规",
        ],
    ),
    g("zh.wenzhuan", "稳赚", &["不是稳赚", "没有稳赚"]),
    g(
        "zh.baozheng_shouyi",
        "保证收益",
        &["不保证收益", "不能保证收益", "无法保证收益"],
    ),
    g("zh.baoshou", "保收益", &["不保收益"]),
    g(
        "zh.gangdui",
        "刚性兑付",
        &["打破刚性兑付", "不再刚性兑付", "没有刚性兑付"],
    ),
    g("zh.baozhengben", "保证本金", &["不保证本金"]),
    g("zh.zhuanbupei", "只赚不赔", &[]),
    nr("zh.lingfengxian", "零风险", &[]),
    nr("zh.wufengxian", "无风险", &["并非无风险", "不是无风险"]),
    nr(
        "zh.meiyoufengxian",
        "没有风险",
        &["不是没有风险", "并非没有风险"],
    ),
    nr(
        "zh.juedui_anquan",
        "绝对安全",
        &["不是绝对安全", "没有绝对安全"],
    ),
    // Guaranteed principal / return — English.
    g(
        "en.guaranteed_return",
        "guaranteed return",
        &["no guaranteed return", "not a guaranteed return"],
    ),
    g(
        "en.guaranteed_returns",
        "guaranteed returns",
        &["no guaranteed returns"],
    ),
    g(
        "en.guaranteed_income",
        "guaranteed income",
        &["no guaranteed income"],
    ),
    g("en.guarantee_principal", "principal guaranteed", &[]),
    g(
        "en.principal_protected",
        "principal protected",
        &["not principal protected"],
    ),
    g(
        "en.capital_guaranteed",
        "capital guaranteed",
        &["not capital guaranteed"],
    ),
    g("en.cant_lose", "can't lose", &[]),
    g("en.cannot_lose", "cannot lose", &[]),
    g("en.sure_profit", "sure profit", &[]),
    nr(
        "en.risk_free",
        "risk-free",
        &[
            "not risk-free",
            "no investment is risk-free",
            "is never risk-free",
        ],
    ),
    nr("en.risk_free2", "risk free", &["not risk free"]),
    nr("en.no_risk", "no risk", &[]),
    nr("en.zero_risk", "zero risk", &[]),
    nr(
        "en.totally_safe",
        "completely safe",
        &["not completely safe"],
    ),
    // Superlatives — Chinese.
    s(
        "zh.zuihao",
        "最好",
        &["最好先", "最好还是", "您最好", "最好能", "最好是"],
    ),
    s(
        "zh.diyi",
        "第一",
        &[
            "第一次",
            "第一步",
            "第一个月",
            "第一年",
            "第一期",
            "第一天",
            "第一笔",
            "第一时间",
            "第一季度",
            "第一周",
            "第一位",
            "第一部分",
            "第一条",
            "第一点",
            "第一类",
        ],
    ),
    s("zh.weiyi", "唯一", &["唯一的区别", "唯一要注意"]),
    s(
        "zh.zuigao",
        "最高",
        &["最高额度", "最高可贷", "最高可达", "最高不超过", "最高限额"],
    ),
    s(
        "zh.zuidi",
        "最低",
        &[
            "最低起存",
            "最低起购",
            "最低金额",
            "最低还款",
            "最低额度",
            "最低消费",
            "最低不少于",
        ],
    ),
    s("zh.zuiyou", "最优", &[]),
    s("zh.zuiqiang", "最强", &[]),
    s("zh.zuijia", "最佳", &[]),
    s("zh.dingji", "顶级", &[]),
    s("zh.guojiaji", "国家级", &[]),
    // Superlatives — English.
    s(
        "en.best",
        "best",
        &[
            "best regards",
            "best wishes",
            "do my best",
            "best interest",
            "best interests",
            "at best",
            "the best time to call",
        ],
    ),
    s("en.number_one", "number one", &[]),
    s("en.no1", "no. 1", &[]),
    s(
        "en.the_only",
        "the only",
        &["the only thing to note", "not the only"],
    ),
    s("en.highest", "highest", &[]),
    s("en.lowest", "lowest", &[]),
    s("en.top_rated", "top-rated", &[]),
    s("en.unbeatable", "unbeatable", &[]),
];

/// A problem found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub rule: &'static str,
    pub category: Category,
    /// Byte range of the match in the checked text (empty for suitability).
    pub start: usize,
    pub end: usize,
    /// The words as they appear in the text.
    pub matched: String,
    pub reason: String,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'\''
}

/// Case-insensitive (ASCII) find of all occurrences of `needle` in `hay`.
fn find_all(hay: &str, needle: &str, ascii: bool) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.len() > h.len() {
        return out;
    }
    for i in 0..=h.len() - n.len() {
        if !hay.is_char_boundary(i) {
            continue;
        }
        let window = &h[i..i + n.len()];
        let eq = if ascii {
            window.eq_ignore_ascii_case(n)
        } else {
            window == n
        };
        if !eq {
            continue;
        }
        if ascii {
            let before_ok = i == 0 || !is_word_byte(h[i - 1]);
            let after = i + n.len();
            let after_ok = after >= h.len() || !is_word_byte(h[after]);
            if !(before_ok && after_ok) {
                continue;
            }
        }
        out.push(i);
    }
    out
}

/// Is the match at `pos` inside one of the rule's exception phrases?
fn excepted(text: &str, rule: &Rule, pos: usize, ascii: bool) -> bool {
    let end = pos + rule.phrase.len();
    let h = text.as_bytes();
    rule.except.iter().any(|ex| {
        // Only exception occurrences that start near the match can cover it:
        // look at those few start positions instead of the whole text.
        let n = ex.as_bytes();
        (pos.saturating_sub(n.len())..=pos).any(|s| {
            if s + n.len() < end || s + n.len() > h.len() || !text.is_char_boundary(s) {
                return false;
            }
            let window = &h[s..s + n.len()];
            if ascii {
                window.eq_ignore_ascii_case(n)
                    && (s == 0 || !is_word_byte(h[s - 1]))
                    && (s + n.len() >= h.len() || !is_word_byte(h[s + n.len()]))
            } else {
                window == n
            }
        })
    })
}

/// The reason text of a rule in a language.
pub fn reason(rule: &Rule, lang: Lang) -> String {
    rule.reason.get(lang).to_string()
}

/// Check one text against every wording rule (both languages' rules: texts
/// often mix them). Flags come in text order; overlapping matches of the same
/// category are reported once (the longest phrase).
pub fn check_text(text: &str, lang: Lang) -> Vec<Flag> {
    let mut flags: Vec<Flag> = Vec::new();
    for rule in RULES {
        let ascii = rule.phrase.is_ascii();
        for pos in find_all(text, rule.phrase, ascii) {
            if excepted(text, rule, pos, ascii) {
                continue;
            }
            let end = pos + rule.phrase.len();
            flags.push(Flag {
                rule: rule.id,
                category: rule.category,
                start: pos,
                end,
                matched: text[pos..end].to_string(),
                reason: reason(rule, lang),
            });
        }
    }
    crate::sort::by(&mut flags, |a, b| {
        a.start.cmp(&b.start).then(b.end.cmp(&a.end))
    });
    let mut out: Vec<Flag> = Vec::new();
    for f in flags {
        let overlaps = out
            .iter()
            .any(|o| o.category == f.category && f.start < o.end && o.start < f.end);
        if !overlaps {
            out.push(f);
        }
    }
    out
}

/// Parse a risk level such as "R3", "r3", "3", "C2", "R３" → 1..=5.
pub fn parse_level(s: &str) -> Option<u8> {
    let t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let t = t.trim_start_matches(['R', 'r', 'C', 'c']);
    match t.parse::<u8>() {
        Ok(n @ 1..=5) => Some(n),
        _ => None,
    }
}

/// The suitability check: a product risk level (R1–R5) above the client's
/// risk tolerance (C1–C5) — only when both are given.
pub fn check_suitability(product: Option<u8>, client: Option<u8>, lang: Lang) -> Option<Flag> {
    let (p, c) = (product?, client?);
    if !(1..=5).contains(&p) || !(1..=5).contains(&c) || p <= c {
        return None;
    }
    let reason = match lang {
        Lang::Zh => format!(
            "产品风险等级 R{p} 高于客户风险承受能力 C{c}：不得向客户推介超出其风险承受能力的产品（适当性要求）。"
        ),
        Lang::En => format!(
            "Product risk R{p} is above the client's risk tolerance C{c}: a product beyond the client's tolerance may not be recommended (suitability rule)."
        ),
    };
    Some(Flag {
        rule: "suitability",
        category: Category::Suitability,
        start: 0,
        end: 0,
        matched: format!("R{p} > C{c}"),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_hit(text: &str) -> Vec<&'static str> {
        check_text(text, Lang::Zh)
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn rules_are_well_formed() {
        let mut ids = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(ids.insert(r.id), "duplicate {}", r.id);
            assert!(!r.phrase.is_empty());
            assert!(!r.reason.zh.is_empty() && !r.reason.en.is_empty());
            for ex in r.except {
                assert!(
                    ex.to_lowercase().contains(&r.phrase.to_lowercase()),
                    "exception {ex} of {} does not contain the phrase",
                    r.id
                );
            }
        }
    }

    #[test]
    fn chinese_guarantees_are_flagged() {
        for (text, rule) in [
            ("这款理财保本，放心买", "zh.baoben"),
            ("买了就是稳赚", "zh.wenzhuan"),
            ("零风险，年化4%", "zh.lingfengxian"),
            ("我们保证收益5%", "zh.baozheng_shouyi"),
            ("完全无风险", "zh.wufengxian"),
        ] {
            let hits = rules_hit(text);
            assert!(hits.contains(&rule), "{text}: {hits:?}");
        }
        let f = &check_text("保本", Lang::Zh)[0];
        assert_eq!(f.category, Category::Guarantee);
        assert!(f.reason.contains("保本"));
        assert_eq!((f.start, f.end, f.matched.as_str()), (0, 6, "保本"));
    }

    #[test]
    fn english_guarantees_are_flagged() {
        for (text, rule) in [
            (
                "This fund has a Guaranteed Return of 5%.",
                "en.guaranteed_return",
            ),
            ("It is risk-free.", "en.risk_free"),
            ("There is no risk at all", "en.no_risk"),
            ("principal guaranteed!", "en.guarantee_principal"),
        ] {
            let hits = rules_hit(text);
            assert!(hits.contains(&rule), "{text}: {hits:?}");
        }
        let f = &check_text("risk-free", Lang::En)[0];
        assert!(f.reason.starts_with("Claims there is no risk"));
    }

    #[test]
    fn superlatives_are_flagged_in_both_languages() {
        for (text, rule) in [
            ("这是市场上最好的产品", "zh.zuihao"),
            ("收益率全行第一", "zh.diyi"),
            ("唯一一款", "zh.weiyi"),
            ("利率最高", "zh.zuigao"),
            ("The best card in town", "en.best"),
            ("We are number one", "en.number_one"),
            ("the only bank that cares", "en.the_only"),
            ("Highest rate", "en.highest"),
        ] {
            let hits = rules_hit(text);
            assert!(hits.contains(&rule), "{text}: {hits:?}");
        }
    }

    #[test]
    fn harmless_phrases_are_not_flagged() {
        for text in [
            "这是您第一次来我们网点吗？",
            "第一步，我们先做风险测评",
            "本产品不保本，过往业绩不代表未来表现",
            "理财非保本，投资需谨慎",
            "不保证收益",
            "最高额度50万元",
            "最低起存50元",
            "您最好先做个风险测评",
            "Best regards, Li",
            "I will do my best to help",
            "No investment is risk-free.",
            "This product is not risk-free.",
            "It only takes five minutes",
            "Our bestseller",     // whole words only
            "a nobody risked it", // "no risk" only as whole words
            "",
        ] {
            assert!(rules_hit(text).is_empty(), "{text}: {:?}", rules_hit(text));
        }
    }

    #[test]
    fn overlapping_matches_are_reported_once() {
        // "guaranteed returns" contains "guaranteed return" (not a word there
        // because of the trailing s) — only one flag.
        let hits = rules_hit("guaranteed returns");
        assert_eq!(hits, vec!["en.guaranteed_returns"]);
        // 保证收益 also contains 保收益? no: 保证收益 ≠ 保收益; but 保本 inside
        // 保证本金 is not a substring either. Two different guarantees at the
        // same place count once.
        let hits = rules_hit("零风险无风险");
        assert_eq!(hits.len(), 2);
    }

    #[test]
    fn flags_point_into_the_text_and_never_panic() {
        let text = "前言🙂保本<b>稳赚</b> best";
        for f in check_text(text, Lang::En) {
            assert_eq!(&text[f.start..f.end], f.matched);
        }
        assert_eq!(check_text(text, Lang::En).len(), 3);
        let long = "安全".repeat(20_000) + "保本";
        assert_eq!(check_text(&long, Lang::Zh).len(), 1);
    }

    #[test]
    fn many_matches_stay_fast() {
        let t = std::time::Instant::now();
        let text = "第一次第一".repeat(5000) + &"not risk-free best ".repeat(3000);
        let flags = check_text(&text, Lang::Zh);
        assert_eq!(flags.iter().filter(|f| f.rule == "zh.diyi").count(), 5000);
        assert_eq!(flags.iter().filter(|f| f.rule == "en.best").count(), 3000);
        assert!(!flags.iter().any(|f| f.rule == "en.risk_free"));
        assert!(t.elapsed().as_secs() < 5);
    }

    #[test]
    fn suitability() {
        assert!(check_suitability(Some(4), Some(2), Lang::Zh).is_some());
        let f = check_suitability(Some(4), Some(2), Lang::En).unwrap();
        assert!(f.reason.contains("R4") && f.reason.contains("C2"));
        assert!(check_suitability(Some(2), Some(2), Lang::Zh).is_none());
        assert!(check_suitability(Some(1), Some(5), Lang::Zh).is_none());
        assert!(check_suitability(None, Some(1), Lang::Zh).is_none());
        assert!(check_suitability(Some(5), None, Lang::Zh).is_none());
        assert!(check_suitability(Some(9), Some(1), Lang::Zh).is_none());
    }

    #[test]
    fn levels_parse() {
        assert_eq!(parse_level("R3"), Some(3));
        assert_eq!(parse_level(" c5 "), Some(5));
        assert_eq!(parse_level("Ｒ３"), None); // full-width R is not accepted
        assert_eq!(parse_level("R３"), Some(3));
        assert_eq!(parse_level("2"), Some(2));
        assert_eq!(parse_level("R6"), None);
        assert_eq!(parse_level(""), None);
    }
}
