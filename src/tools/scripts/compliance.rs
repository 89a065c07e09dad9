//! Compliance check of sales wording. The rules are data ([`RULES`]): a
//! phrase, optionally the words that must follow it ("高达" only before a
//! return such as "8%"), the phrases around it that make it harmless, and the
//! reason in both languages. Plus the suitability rule: a product risk level
//! (R1–R5) above the client's risk tolerance (C1–C5).
//!
//! Matching is forgiving about how a phrase is written: full-width letters
//! and digits count as plain ones, and spaces or punctuation inserted between
//! the characters of a phrase ("保 本", "稳-赚", "r i s k - f r e e") do not
//! hide it. Sentence ends (。！？；) do stop a phrase.
//!
//! Limits (a teaching aid, not legal review): matching is by phrase, so a
//! forbidden promise worded differently is not caught, and a quoted or negated
//! phrase is only spared where an exception is listed ("不保本", "not
//! risk-free", "第一次", "best regards"…) or a negation stands between a
//! phrase and the word that must follow it ("本金不安全"). English matches
//! whole words, case-insensitively; Chinese matches the characters anywhere.

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

/// Words that must follow a rule's phrase for the rule to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Then {
    pub words: &'static [&'static str],
    /// Most units allowed between the phrase and the word: characters before
    /// a Chinese (or symbol) word, words before an English one. A negation
    /// (不, 没, not, never…) in between spares the text.
    pub within: usize,
}

/// One wording rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub category: Category,
    /// The phrase (Chinese: matched as characters; English: whole words,
    /// any case).
    pub phrase: &'static str,
    /// What must follow the phrase (`None`: the phrase alone is enough).
    pub then: Option<Then>,
    /// Longer phrases containing `phrase` that are not a problem.
    pub except: &'static [&'static str],
    pub reason: Bi,
}

impl Rule {
    /// How the rule is listed for the user: "高达…%/倍" for a rule with
    /// following words.
    pub fn shown(&self) -> String {
        match self.then {
            None => self.phrase.to_string(),
            Some(t) => {
                let words: Vec<&str> = t.words.iter().take(3).copied().collect();
                let more = if t.words.len() > 3 { "…" } else { "" };
                format!("{}…{}{more}", self.phrase, words.join("/"))
            }
        }
    }
}

const R_GUARANTEE: Bi = Bi::new(
    "承诺保本或保证收益：销售理财、基金、保险等产品时不得承诺保本保收益，只能如实说明风险。",
    "Promises principal or return: when selling wealth, fund or insurance products you may not promise principal or returns; state the risks truthfully.",
);
const R_NO_LOSS: Bi = Bi::new(
    "承诺不会亏损：“包赚”“不会亏”等说法等于承诺收益，任何投资都可能亏损。",
    "Promises no loss: saying the client \"can't lose\" promises a return; every investment can lose money.",
);
const R_PRINCIPAL: Bi = Bi::new(
    "宣称本金安全：除存款外，不得宣称本金安全、有保障或不会损失。",
    "Claims the principal is safe: apart from deposits you may not claim the principal is safe, protected or cannot be lost.",
);
const R_CERTAIN: Bi = Bi::new(
    "百分之百的确定性：投资结果不能说“100%”“百分之百”，应如实说明风险。",
    "Claims 100% certainty: an investment outcome is never \"100%\" certain; state the risks truthfully.",
);
const R_NO_RISK: Bi = Bi::new(
    "宣称没有风险：任何投资都有风险，不得夸大安全性或隐瞒风险。",
    "Claims there is no risk: every investment has risks; you may not overstate safety or hide risks.",
);
const R_SUPERLATIVE: Bi = Bi::new(
    "绝对化用语：“最”“第一”“唯一”等说法被广告法禁止，或至少需要权威、可核实的证据。",
    "Absolute or superlative claim: words like 'best', 'number one' or 'only' are banned in advertising or at least need official, checkable evidence.",
);
const R_HIGH_RETURN: Bi = Bi::new(
    "渲染收益：用“高达”等字眼突出收益属于误导宣传；应说明业绩比较基准，并提示过往业绩不代表未来表现。",
    "Plays up the return: \"up to\" or \"as high as\" a return misleads; give the performance benchmark and say past performance does not predict future results.",
);

const fn rule(
    id: &'static str,
    category: Category,
    reason: Bi,
    phrase: &'static str,
    then: Option<Then>,
    except: &'static [&'static str],
) -> Rule {
    Rule {
        id,
        category,
        phrase,
        then,
        except,
        reason,
    }
}

const fn g(id: &'static str, phrase: &'static str, except: &'static [&'static str]) -> Rule {
    rule(id, Category::Guarantee, R_GUARANTEE, phrase, None, except)
}

const fn nl(id: &'static str, phrase: &'static str, except: &'static [&'static str]) -> Rule {
    rule(id, Category::Guarantee, R_NO_LOSS, phrase, None, except)
}

const fn nr(id: &'static str, phrase: &'static str, except: &'static [&'static str]) -> Rule {
    rule(id, Category::Guarantee, R_NO_RISK, phrase, None, except)
}

const fn s(id: &'static str, phrase: &'static str, except: &'static [&'static str]) -> Rule {
    rule(
        id,
        Category::Superlative,
        R_SUPERLATIVE,
        phrase,
        None,
        except,
    )
}

/// A guarantee rule that needs following words.
const fn gt(
    id: &'static str,
    reason: Bi,
    phrase: &'static str,
    words: &'static [&'static str],
    within: usize,
    except: &'static [&'static str],
) -> Rule {
    rule(
        id,
        Category::Guarantee,
        reason,
        phrase,
        Some(Then { words, within }),
        except,
    )
}

/// What a guaranteed return is about (Chinese).
const ZH_RETURN: &[&str] = &[
    "年化", "收益", "回报", "利息", "利率", "分红", "本息", "兑付", "赚", "不亏", "不赔", "到期",
];
/// Principal-safety words (Chinese).
const ZH_SAFE: &[&str] = &[
    "安全",
    "无忧",
    "有保障",
    "保障",
    "无风险",
    "零风险",
    "没有风险",
    "稳妥",
    "不会亏",
    "不会损失",
    "不受损失",
    "不会少",
    "没有损失",
    "万无一失",
    "100%",
];
/// Principal-safety words (English).
const EN_SAFE: &[&str] = &[
    "safe",
    "protected",
    "secure",
    "guaranteed",
    "safeguarded",
    "risk-free",
];
/// Certainty after "100%" / 百分之百.
const CERTAIN: &[&str] = &[
    "安全",
    "保本",
    "保证",
    "赚",
    "收益",
    "没有风险",
    "无风险",
    "放心",
    "稳",
    "兑付",
    "回本",
    "不亏",
    "不会亏",
    "保障",
    "safe",
    "sure",
    "guaranteed",
    "certain",
    "secure",
    "risk-free",
    "protected",
];
/// What a guaranteed yield is about (English).
const EN_RETURN: &[&str] = &[
    "yield",
    "yields",
    "return",
    "returns",
    "income",
    "interest",
    "profit",
    "profits",
    "payout",
    "payouts",
    "rate",
    "principal",
    "capital",
];

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
    g("zh.baoxi", "保息", &["不保息", "非保息"]),
    g("zh.wenzhuan", "稳赚", &["不是稳赚", "没有稳赚"]),
    g(
        "zh.baozheng_shouyi",
        "保证收益",
        &["不保证收益", "不能保证收益", "无法保证收益"],
    ),
    gt(
        "zh.baozheng_return",
        R_GUARANTEE,
        "保证",
        ZH_RETURN,
        2,
        &[
            "不保证",
            "不能保证",
            "无法保证",
            "不敢保证",
            "没法保证",
            "并不保证",
            "不作保证",
            "不做保证",
        ],
    ),
    g("zh.baoshou", "保收益", &["不保收益"]),
    g(
        "zh.gangdui",
        "刚性兑付",
        &["打破刚性兑付", "不再刚性兑付", "没有刚性兑付"],
    ),
    g("zh.baozhengben", "保证本金", &["不保证本金"]),
    nl("zh.zhuanbupei", "只赚不赔", &[]),
    nl("zh.baozhuan", "包赚", &["不包赚"]),
    nl("zh.baozhuan2", "保赚", &["不保赚"]),
    nl("zh.yidingzhuan", "一定赚", &["不一定赚"]),
    nl("zh.kendingzhuan", "肯定赚", &["不肯定赚"]),
    nl("zh.tangzhuan", "躺赚", &[]),
    nl("zh.buhuikui", "不会亏", &["不会亏待"]),
    nl("zh.kuibuliao", "亏不了", &[]),
    nl("zh.peibuliao", "赔不了", &[]),
    nl("zh.buhuipei", "不会赔", &["不会赔偿"]),
    nl("zh.bukuiben", "不亏本", &[]),
    nl("zh.lingkuisun", "零亏损", &[]),
    nl("zh.bukenengkui", "不可能亏", &[]),
    gt(
        "zh.benjin_safe",
        R_PRINCIPAL,
        "本金",
        ZH_SAFE,
        3,
        &["不保证本金", "不承诺本金", "无法保证本金", "不能保证本金"],
    ),
    gt("zh.bai_fen_zhi_bai", R_CERTAIN, "百分之百", CERTAIN, 2, &[]),
    gt("zh.bai_fen_bai", R_CERTAIN, "百分百", CERTAIN, 2, &[]),
    gt("x.hundred_percent", R_CERTAIN, "100%", CERTAIN, 2, &[]),
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
    gt(
        "en.guaranteed_yield",
        R_GUARANTEE,
        "guaranteed",
        EN_RETURN,
        3,
        &["no guaranteed", "not guaranteed", "never guaranteed"],
    ),
    gt(
        "en.guarantee_yield",
        R_GUARANTEE,
        "guarantee",
        EN_RETURN,
        3,
        &[
            "cannot guarantee",
            "can't guarantee",
            "can not guarantee",
            "don't guarantee",
            "do not guarantee",
            "doesn't guarantee",
            "does not guarantee",
            "no guarantee",
            "not guarantee",
            "never guarantee",
        ],
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
    gt(
        "en.principal_safe",
        R_PRINCIPAL,
        "principal",
        EN_SAFE,
        3,
        &["not principal", "non-principal"],
    ),
    gt(
        "en.capital_safe",
        R_PRINCIPAL,
        "capital",
        EN_SAFE,
        3,
        &["not capital", "non-capital"],
    ),
    gt("en.money_safe", R_PRINCIPAL, "your money", EN_SAFE, 3, &[]),
    nl("en.cant_lose", "can't lose", &[]),
    nl("en.cannot_lose", "cannot lose", &[]),
    nl("en.can_not_lose", "can not lose", &[]),
    nl("en.wont_lose_money", "won't lose money", &[]),
    nl("en.will_not_lose_money", "will not lose money", &[]),
    nl("en.never_lose_money", "never lose money", &[]),
    nl("en.never_lose_a", "never lose a", &[]),
    nl("en.wont_lose_a", "won't lose a", &[]),
    nl("en.no_way_to_lose", "no way to lose", &[]),
    nl("en.impossible_to_lose", "impossible to lose", &[]),
    nl("en.cant_go_wrong", "can't go wrong", &[]),
    nl("en.cannot_go_wrong", "cannot go wrong", &[]),
    nl("en.sure_profit", "sure profit", &[]),
    nl("en.sure_thing", "sure thing", &[]),
    nr(
        "en.risk_free",
        "risk-free",
        &[
            "not risk-free",
            "no investment is risk-free",
            "is never risk-free",
        ],
    ),
    nr("en.no_risk", "no risk", &[]),
    nr("en.zero_risk", "zero risk", &[]),
    nr(
        "en.totally_safe",
        "completely safe",
        &["not completely safe"],
    ),
    nr("en.totally_safe2", "totally safe", &["not totally safe"]),
    nr(
        "en.absolutely_safe",
        "absolutely safe",
        &["not absolutely safe"],
    ),
    // Playing up returns.
    rule(
        "zh.gaoda",
        Category::Superlative,
        R_HIGH_RETURN,
        "高达",
        Some(Then {
            words: &["%", "倍", "个点", "厘"],
            within: 8,
        }),
        &[],
    ),
    rule(
        "en.as_high_as",
        Category::Superlative,
        R_HIGH_RETURN,
        "as high as",
        Some(Then {
            words: &["%"],
            within: 8,
        }),
        &[],
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

// ---------------------------------------------------------------------------
// Reading a text into units: characters (for Chinese phrases) and words (for
// English ones), each with its byte range in the text.

/// Full-width forms as plain ASCII, curly apostrophes as straight ones,
/// ASCII in lower case.
fn norm(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => match c {
            '’' | '‘' | '′' | '`' => '\'',
            _ => c,
        },
    };
    c.to_ascii_lowercase()
}

/// Ends a sentence: a phrase never runs across it.
fn is_stop(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n' | '\r' | '！' | '？' | '；')
}

/// Spaces and punctuation that may sit inside a phrase without hiding it.
fn is_filler(c: char) -> bool {
    if is_stop(c) || c == '%' {
        return false;
    }
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '，' | '、'
                | '·'
                | '・'
                | '：'
                | '“'
                | '”'
                | '「'
                | '」'
                | '『'
                | '』'
                | '（'
                | '）'
                | '【'
                | '】'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '…'
                | '—'
                | '–'
                | '‐'
                | '‑'
                | '～'
                | '〜'
                | '\u{200b}'
        )
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '\'' || c == '%'
}

/// Between two words of an English phrase: spaces, hyphens and the like
/// (a full stop only where the phrase has one, as in "no. 1").
fn soft_gap(gap: &str, dot: bool) -> bool {
    gap.chars().map(norm).all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '-' | '‐'
                    | '‑'
                    | '–'
                    | '—'
                    | '_'
                    | '*'
                    | '~'
                    | '·'
                    | '/'
                    | '\\'
                    | '|'
                    | '"'
                    | '“'
                    | '”'
            )
            || (dot && c == '.')
    })
}

#[derive(Clone, Debug)]
struct Word {
    text: String,
    start: usize,
    end: usize,
}

/// Words of a text (letters, digits, ' and %), with letter-spaced words
/// ("r i s k", "g.u.a.r.d") joined back together.
fn words(text: &str) -> Vec<Word> {
    let mut raw: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    for (i, c) in text.char_indices() {
        let n = norm(c);
        if is_word_char(n) {
            let w = cur.get_or_insert_with(|| Word {
                text: String::new(),
                start: i,
                end: i,
            });
            w.text.push(n);
            w.end = i + c.len_utf8();
        } else if let Some(w) = cur.take() {
            raw.push(w);
        }
    }
    raw.extend(cur);
    // Trim quotes used as quotation marks ('best').
    let mut out: Vec<Word> = Vec::with_capacity(raw.len());
    for mut w in raw {
        while w.text.starts_with('\'') {
            w.text.remove(0);
            w.start += text[w.start..].chars().next().map_or(1, char::len_utf8);
        }
        while w.text.ends_with('\'') {
            w.text.pop();
            w.end -= text[..w.end].chars().next_back().map_or(1, char::len_utf8);
        }
        if !w.text.is_empty() {
            out.push(w);
        }
    }
    // Join runs of three or more single letters one filler apart.
    let single = |w: &Word| w.text.chars().count() == 1 && w.text != "%";
    let mut joined: Vec<Word> = Vec::with_capacity(out.len());
    let mut i = 0;
    while i < out.len() {
        let mut j = i;
        while j + 1 < out.len()
            && single(&out[j])
            && single(&out[j + 1])
            && text[out[j].end..out[j + 1].start].chars().count() == 1
            && soft_gap(&text[out[j].end..out[j + 1].start], true)
        {
            j += 1;
        }
        if j >= i + 2 {
            joined.push(Word {
                text: out[i..=j].iter().map(|w| w.text.as_str()).collect(),
                start: out[i].start,
                end: out[j].end,
            });
            i = j + 1;
        } else {
            joined.push(out[i].clone());
            i += 1;
        }
    }
    joined
}

/// The characters of a text that are not fillers, normalised, with their
/// byte ranges.
fn chars(text: &str) -> Vec<(char, usize, usize)> {
    text.char_indices()
        .filter(|(_, c)| !is_filler(norm(*c)))
        .map(|(i, c)| (norm(c), i, i + c.len_utf8()))
        .collect()
}

fn key_chars(s: &str) -> Vec<char> {
    s.chars().map(norm).filter(|c| !is_filler(*c)).collect()
}

/// A phrase's words and whether it has a full stop between them.
fn key_words(s: &str) -> (Vec<String>, bool) {
    let w = words(s);
    let dot = w.windows(2).any(|p| s[p[0].end..p[1].start].contains('.'));
    (w.into_iter().map(|w| w.text).collect(), dot)
}

/// A checked text, read once for every rule.
struct Reading<'a> {
    text: &'a str,
    chars: Vec<(char, usize, usize)>,
    words: Vec<Word>,
}

const ZH_NEGATIONS: &[char] = &['不', '非', '没', '无', '未', '勿'];

fn is_negation(w: &str) -> bool {
    matches!(w, "not" | "no" | "never" | "nor" | "without" | "cannot") || w.ends_with("n't")
}

impl Reading<'_> {
    /// Do the words from `at` spell `key` (with soft gaps)?
    fn words_at(&self, at: usize, key: &[String], dot: bool) -> bool {
        at + key.len() <= self.words.len()
            && key.iter().enumerate().all(|(k, w)| {
                self.words[at + k].text == *w
                    && (k == 0
                        || soft_gap(
                            &self.text[self.words[at + k - 1].end..self.words[at + k].start],
                            dot,
                        ))
            })
    }

    fn chars_at(&self, at: usize, key: &[char]) -> bool {
        at + key.len() <= self.chars.len()
            && key
                .iter()
                .enumerate()
                .all(|(k, c)| self.chars[at + k].0 == *c)
    }

    /// Start indices of the phrase: (first unit, one past the last unit),
    /// in characters or words.
    fn find(&self, rule: &Rule) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if rule.phrase.is_ascii() {
            let (key, dot) = key_words(rule.phrase);
            if key.is_empty() {
                return out;
            }
            for i in 0..self.words.len() {
                if self.words[i].text == key[0] && self.words_at(i, &key, dot) {
                    out.push((i, i + key.len()));
                }
            }
        } else {
            let key = key_chars(rule.phrase);
            if key.is_empty() {
                return out;
            }
            for i in 0..self.chars.len() {
                if self.chars[i].0 == key[0] && self.chars_at(i, &key) {
                    out.push((i, i + key.len()));
                }
            }
        }
        out
    }

    /// Is the match inside one of the rule's exception phrases?
    fn excepted(&self, rule: &Rule, at: usize) -> bool {
        rule.except.iter().any(|ex| {
            if rule.phrase.is_ascii() {
                let (key, _) = key_words(rule.phrase);
                let (exw, dot) = key_words(ex);
                (0..=exw.len().saturating_sub(key.len()))
                    .filter(|&o| exw[o..].starts_with(&key))
                    .any(|o| at >= o && self.words_at(at - o, &exw, dot))
            } else {
                let key = key_chars(rule.phrase);
                let exc = key_chars(ex);
                (0..=exc.len().saturating_sub(key.len()))
                    .filter(|&o| exc[o..].starts_with(&key))
                    .any(|o| at >= o && self.chars_at(at - o, &exc))
            }
        })
    }

    /// The byte end of the following word that completes a match ending at
    /// byte `end` (`None` when no such word follows closely, or a negation
    /// stands in between).
    fn then_end(&self, then: &Then, end: usize, word_end: Option<usize>) -> Option<usize> {
        let first_char = self.chars.partition_point(|c| c.1 < end);
        for w in then.words {
            if w.is_ascii() && w.chars().any(|c| c.is_ascii_alphabetic()) {
                // An English word, after an English phrase.
                let Some(after) = word_end else { continue };
                let (key, dot) = key_words(w);
                for gap in 0..=then.within {
                    let at = after + gap;
                    if at > self.words.len() {
                        break;
                    }
                    let between = &self.text[end..self.words.get(at).map_or(end, |x| x.start)];
                    if between
                        .chars()
                        .any(|c| is_stop(norm(c)) || super::text::is_cjk(c))
                    {
                        break;
                    }
                    if self.words[after..at].iter().any(|x| is_negation(&x.text)) {
                        break;
                    }
                    if self.words_at(at, &key, dot) {
                        return Some(self.words[at + key.len() - 1].end);
                    }
                }
            } else {
                let key = key_chars(w);
                for gap in 0..=then.within {
                    let at = first_char + gap;
                    if at > self.chars.len() {
                        break;
                    }
                    let between = &self.chars[first_char..at];
                    if between
                        .iter()
                        .any(|c| is_stop(c.0) || ZH_NEGATIONS.contains(&c.0))
                    {
                        break;
                    }
                    if self.chars_at(at, &key) {
                        return Some(self.chars[at + key.len() - 1].2);
                    }
                }
            }
        }
        None
    }
}

/// The reason text of a rule in a language.
pub fn reason(rule: &Rule, lang: Lang) -> String {
    rule.reason.get(lang).to_string()
}

/// Check one text against every wording rule (both languages' rules: texts
/// often mix them). Flags come in text order; overlapping matches of the same
/// category are reported once (the longest phrase).
pub fn check_text(text: &str, lang: Lang) -> Vec<Flag> {
    let r = Reading {
        text,
        chars: chars(text),
        words: words(text),
    };
    let mut flags: Vec<Flag> = Vec::new();
    for rule in RULES {
        let ascii = rule.phrase.is_ascii();
        for (a, b) in r.find(rule) {
            if r.excepted(rule, a) {
                continue;
            }
            let (start, mut end) = if ascii {
                (r.words[a].start, r.words[b - 1].end)
            } else {
                (r.chars[a].1, r.chars[b - 1].2)
            };
            if let Some(then) = &rule.then {
                match r.then_end(then, end, ascii.then_some(b)) {
                    Some(e) => end = e,
                    None => continue,
                }
            }
            flags.push(Flag {
                rule: rule.id,
                category: rule.category,
                start,
                end,
                matched: text[start..end].to_string(),
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

/// The words of the product risk levels R1–R5.
pub const PRODUCT_LEVELS: [Bi; 5] = [
    Bi::new("低风险", "low risk"),
    Bi::new("中低风险", "medium-low risk"),
    Bi::new("中风险", "medium risk"),
    Bi::new("中高风险", "medium-high risk"),
    Bi::new("高风险", "high risk"),
];

/// The words of the client risk tolerances C1–C5.
pub const CLIENT_LEVELS: [Bi; 5] = [
    Bi::new("保守型", "conservative"),
    Bi::new("谨慎型", "cautious"),
    Bi::new("稳健型", "balanced"),
    Bi::new("积极型", "growth"),
    Bi::new("激进型", "aggressive"),
];

/// A level with its words: "R4 中高风险", "C1 保守型", "C5 aggressive".
pub fn level_label(product: bool, level: u8, lang: Lang) -> String {
    let (prefix, words) = if product {
        ("R", &PRODUCT_LEVELS)
    } else {
        ("C", &CLIENT_LEVELS)
    };
    match words.get(usize::from(level).wrapping_sub(1)) {
        Some(w) => format!("{prefix}{level} {}", w.get(lang)),
        None => format!("{prefix}{level}"),
    }
}

/// The suitability check: a product risk level (R1–R5) above the client's
/// risk tolerance (C1–C5) — only when both are given.
pub fn check_suitability(product: Option<u8>, client: Option<u8>, lang: Lang) -> Option<Flag> {
    let (p, c) = (product?, client?);
    if !(1..=5).contains(&p) || !(1..=5).contains(&c) || p <= c {
        return None;
    }
    let (pl, cl) = (level_label(true, p, lang), level_label(false, c, lang));
    let reason = match lang {
        Lang::Zh => format!(
            "产品风险等级 {pl} 高于客户风险承受能力 {cl}：不得向客户推介超出其风险承受能力的产品（适当性要求）。"
        ),
        Lang::En => format!(
            "Product risk {pl} is above the client's risk tolerance {cl}: a product beyond the client's tolerance may not be recommended (suitability rule)."
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
        // A guard against quadratic matching only (a generous bound: debug build, busy CI).
        assert!(t.elapsed().as_secs() < 60);
    }

    /// Issue 15 item 20: common wording the first rules missed, in both
    /// languages, each with a harmless look-alike that must stay unflagged.
    #[test]
    fn widened_rules_flag_common_wording() {
        for (text, rule) in [
            ("这款产品包赚", "zh.baozhuan"),
            ("买了保赚", "zh.baozhuan2"),
            ("年化收益高达8%", "zh.gaoda"),
            ("收益高达 6.5 %", "zh.gaoda"),
            ("回报高达两倍", "zh.gaoda"),
            ("Returns as high as 7% a year", "en.as_high_as"),
            ("我们保证年化4%", "zh.baozheng_return"),
            ("保证年化收益率3.5%", "zh.baozheng_return"),
            ("保证到期兑付", "zh.baozheng_return"),
            ("A guaranteed yield of 4%", "en.guaranteed_yield"),
            ("guaranteed annual yield", "en.guaranteed_yield"),
            ("We guarantee your principal", "en.guarantee_yield"),
            ("放心，不会亏", "zh.buhuikui"),
            ("这笔钱亏不了", "zh.kuibuliao"),
            ("一定赚钱", "zh.yidingzhuan"),
            ("You can't lose.", "en.cant_lose"),
            ("You can’t lose with this fund", "en.cant_lose"),
            ("you won't lose money", "en.wont_lose_money"),
            ("You will never lose a penny", "en.never_lose_a"),
            ("本金安全，放心买", "zh.benjin_safe"),
            ("您的本金绝对有保障", "zh.benjin_safe"),
            ("本金不会损失", "zh.benjin_safe"),
            ("Your principal is safe with us", "en.principal_safe"),
            ("your capital is always protected", "en.capital_safe"),
            ("Your money is 100% safe", "en.money_safe"),
            ("100%保本", "x.hundred_percent"),
            ("１００％安全", "x.hundred_percent"),
            ("It is 100% guaranteed", "x.hundred_percent"),
            ("百分之百放心", "zh.bai_fen_zhi_bai"),
            ("保本保息", "zh.baoxi"),
        ] {
            let hits = rules_hit(text);
            assert!(hits.contains(&rule), "{text}: {hits:?}");
        }
        for text in [
            // The false positives of the issue stay clean.
            "本产品不保本",
            "这是您第一次来吗",
            "历史业绩不代表未来表现",
            "预期收益率3.2%",
            "业绩比较基准为年化3.2%",
            // Look-alikes of the new rules.
            "额度高达50万元",
            "不包赚，也可能亏损",
            "我们不保证年化收益",
            "无法保证到期兑付",
            "本金不安全，可能亏损",
            "本金可能受损",
            "本金和利息按月到账",
            "不一定赚钱",
            "我们不会亏待老客户",
            "100%控股子公司",
            "百分之百的用心服务",
            "We cannot guarantee a return.",
            "Returns are not guaranteed",
            "no guaranteed yield",
            "Your principal is not protected",
            "You won't lose touch with us",
            "Rates as high as the market allows",
            "Fees are 100% transparent",
        ] {
            assert!(rules_hit(text).is_empty(), "{text}: {:?}", rules_hit(text));
        }
    }

    #[test]
    fn spaced_or_punctuated_words_are_still_flagged() {
        for (text, rule) in [
            ("这款产品保 本", "zh.baoben"),
            ("稳-赚不赔", "zh.wenzhuan"),
            ("稳*赚", "zh.wenzhuan"),
            ("零，风险", "zh.lingfengxian"),
            ("市场上最 好的产品", "zh.zuihao"),
            ("全行第 一", "zh.diyi"),
            ("保、本、保、息", "zh.baoben"),
            ("ｒｉｓｋ－ｆｒｅｅ", "en.risk_free"),
            ("It is risk - free", "en.risk_free"),
            ("It is risk free", "en.risk_free"),
            ("r i s k - f r e e", "en.risk_free"),
            ("the b.e.s.t card", "en.best"),
            ("g u a r a n t e e d return", "en.guaranteed_return"),
            ("No.1 bank", "en.no1"),
        ] {
            let hits = rules_hit(text);
            assert!(hits.contains(&rule), "{text}: {hits:?}");
        }
        // The match covers the inserted characters, as typed.
        let f = &check_text("稳 - 赚", Lang::Zh)[0];
        assert_eq!(f.matched, "稳 - 赚");
        // A sentence end stops a phrase; exceptions survive spacing too.
        for text in [
            "要稳。赚钱靠积累",
            "不 保 本",
            "第 一 次见面",
            "be stable and calm",
            "No. Risk is part of investing",
            "not risk - free",
        ] {
            assert!(rules_hit(text).is_empty(), "{text}: {:?}", rules_hit(text));
        }
    }

    #[test]
    fn levels_have_words() {
        assert_eq!(level_label(false, 1, Lang::Zh), "C1 保守型");
        assert_eq!(level_label(false, 5, Lang::Zh), "C5 激进型");
        assert_eq!(level_label(true, 4, Lang::Zh), "R4 中高风险");
        assert_eq!(level_label(false, 3, Lang::En), "C3 balanced");
        assert_eq!(level_label(true, 9, Lang::En), "R9");
        let f = check_suitability(Some(4), Some(1), Lang::Zh).unwrap();
        assert!(f.reason.contains("R4 中高风险") && f.reason.contains("C1 保守型"));
    }

    #[test]
    fn rules_are_listed_with_their_following_words() {
        let gaoda = RULES.iter().find(|r| r.id == "zh.gaoda").unwrap();
        assert_eq!(gaoda.shown(), "高达…%/倍/个点…");
        let baoben = RULES.iter().find(|r| r.id == "zh.baoben").unwrap();
        assert_eq!(baoben.shown(), "保本");
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
