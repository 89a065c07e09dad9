//! Conversation frameworks as data: a framework is a list of named parts, each
//! with a prompt, a hint, an example and the transition phrase spoken before
//! it, plus the order in which the parts are spoken. A new framework is a new
//! entry in [`FRAMEWORKS`]; assembly, editors, cue cards and practice need no
//! new code.

use super::text::{self, Bi};
use crate::i18n::Lang;

/// One part (step) of a framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartDef {
    /// Stable key, stored with scripts.
    pub key: &'static str,
    /// A short tag for cards and the quiz ("F", "A", "1"…).
    pub tag: &'static str,
    pub label: Bi,
    /// The question the trainee answers when writing this part.
    pub prompt: Bi,
    pub hint: Bi,
    pub example: Bi,
    /// Spoken before the part's text (may be empty). `{need}` is replaced by
    /// the customer's need where the framework has one.
    pub transition: Bi,
    /// Transition used when no need is given (for parts that quote the need).
    pub transition_no_need: Bi,
}

/// A conversation framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Framework {
    pub id: &'static str,
    pub name: Bi,
    pub intro: Bi,
    pub parts: &'static [PartDef],
    /// Indices into `parts`, in speaking order.
    pub order: &'static [usize],
    /// Key of the part that must answer the customer's need (FABE: Benefit).
    pub need_part: Option<&'static str>,
}

const NONE: Bi = Bi::new("", "");

const fn part(
    key: &'static str,
    tag: &'static str,
    label: Bi,
    prompt: Bi,
    hint: Bi,
    example: Bi,
    transition: Bi,
) -> PartDef {
    PartDef {
        key,
        tag,
        label,
        prompt,
        hint,
        example,
        transition,
        transition_no_need: transition,
    }
}

pub static FABE_PARTS: [PartDef; 4] = [
    part(
        "feature",
        "F",
        Bi::new("特征 Feature", "Feature 特征"),
        Bi::new("这个产品是什么？有哪些客观特点？", "What is the product? What are its facts?"),
        Bi::new(
            "只讲事实：期限、利率、门槛、功能。不夸大，可核实。",
            "Facts only: term, rate, minimum, functions. Verifiable, no hype.",
        ),
        Bi::new(
            "这款三年期定期存款，年利率2.6%，50元起存，到期可自动转存。",
            "This three-year time deposit pays 2.6% a year, opens from ¥50 and can renew automatically at maturity.",
        ),
        NONE,
    ),
    part(
        "advantage",
        "A",
        Bi::new("优势 Advantage", "Advantage 优势"),
        Bi::new("这些特点比其他选择好在哪里？", "What does it do better than the alternatives?"),
        Bi::new(
            "和客户现在的做法或同类产品比较：更高、更快、更省心。",
            "Compare with what the client does now or with similar products: more, faster, easier.",
        ),
        Bi::new(
            "和放在活期里相比，同样的钱利息高出很多，而且不用每年操心到期转存。",
            "Compared with leaving the money in a current account, it earns far more interest and needs no attention each year.",
        ),
        Bi::new("这样一来，", "As a result, "),
    ),
    PartDef {
        key: "benefit",
        tag: "B",
        label: Bi::new("利益 Benefit", "Benefit 利益"),
        prompt: Bi::new(
            "这对这位客户有什么好处？回应了客户说过的哪个需求？",
            "What does the client gain? Which need that the client stated does it meet?",
        ),
        hint: Bi::new(
            "从客户的需求出发：用客户自己的话，说清他得到什么。没有需求支撑的利益说服力很弱。",
            "Start from the client's need, in the client's words: what do they get? A benefit that meets no stated need persuades no one.",
        ),
        example: Bi::new(
            "孩子三年后上大学的学费，到时候正好连本带息准备好，您不用再为这笔钱操心。",
            "The school fees for your daughter in three years will be ready with interest exactly when you need them, so you can stop worrying about that money.",
        ),
        transition: Bi::new(
            "您刚才提到{need}，对您来说，",
            "You mentioned {need}. For you, ",
        ),
        transition_no_need: Bi::new("对您来说，", "For you, "),
    },
    part(
        "evidence",
        "E",
        Bi::new("证据 Evidence", "Evidence 证据"),
        Bi::new("用什么证明？", "What proves it?"),
        Bi::new(
            "利率表、合同条款、存款保险、客户案例、权威数据。证据要真实可查。",
            "Rate sheet, contract terms, deposit insurance, client cases, official data. Evidence must be real and checkable.",
        ),
        Bi::new(
            "这是我行公布的利率表，定期存款受《存款保险条例》保护，我们网点去年有两百多位客户选了它。",
            "Here is our published rate sheet; time deposits are covered by deposit insurance, and over two hundred clients of this branch chose it last year.",
        ),
        Bi::new("您可以看一下：", "And you can check it: "),
    ),
];

pub static OBJECTION_PARTS: [PartDef; 3] = [
    part(
        "acknowledge",
        "1",
        Bi::new("认同感受", "Acknowledge"),
        Bi::new("客户的顾虑是什么？先表示理解。", "What is the client's concern? Show you understand it first."),
        Bi::new("不争辩，不急着解释，先接住情绪。", "Do not argue or rush to explain; accept the feeling first."),
        Bi::new(
            "您担心利率会不会再降，这个顾虑很正常，很多客户都问过我。",
            "You are worried that rates may fall further; that is a fair concern and many clients ask me the same.",
        ),
        NONE,
    ),
    part(
        "clarify",
        "2",
        Bi::new("澄清原因", "Clarify"),
        Bi::new("顾虑背后的真正原因是什么？", "What is really behind the concern?"),
        Bi::new("用开放式问题探询，确认真正的异议。", "Ask open questions to find the real objection."),
        Bi::new(
            "我想确认一下，您主要是担心这笔钱锁定太久，还是担心收益不够？",
            "Let me check: is it mainly that the money is tied up too long, or that the return is too low?",
        ),
        Bi::new("", ""),
    ),
    part(
        "respond",
        "3",
        Bi::new("回应并确认", "Respond and confirm"),
        Bi::new("怎样回应这个原因？客户是否满意？", "How do you answer that reason, and is the client satisfied?"),
        Bi::new("针对真实原因给出方案，再问一句客户是否认可。", "Answer the real reason, then ask whether the client agrees."),
        Bi::new(
            "如果担心流动性，可以把钱分成三份，分别存一年、两年、三年，每年都有一笔到期。这样您觉得可以吗？",
            "If access is the worry, split the money into three deposits of one, two and three years so that one matures every year. Would that work for you?",
        ),
        Bi::new("那我们这样安排：", "Then here is what we can do: "),
    ),
];

pub static COMPLAINT_PARTS: [PartDef; 6] = [
    part(
        "listen",
        "1",
        Bi::new("倾听", "Listen"),
        Bi::new("让客户把话说完，你听到了什么？", "Let the client finish. What did you hear?"),
        Bi::new("不打断，记要点，点头回应。", "Do not interrupt; note the key points; nod."),
        Bi::new("您慢慢说，我都记下来。", "Please take your time; I am writing it all down."),
        NONE,
    ),
    part(
        "empathise",
        "2",
        Bi::new("感同身受", "Empathise"),
        Bi::new("怎样表达你理解客户的感受？", "How do you show you understand how the client feels?"),
        Bi::new("承认感受，不推卸责任。", "Acknowledge the feeling; do not shift the blame."),
        Bi::new(
            "排了这么久的队还没办成，换作是我也会着急。",
            "Queueing this long without getting it done would upset me too.",
        ),
        NONE,
    ),
    part(
        "find",
        "3",
        Bi::new("找问题", "Find the problem"),
        Bi::new("问题究竟出在哪里？", "Where exactly is the problem?"),
        Bi::new("问清事实：时间、业务、经办环节。", "Get the facts: when, which service, which step."),
        Bi::new(
            "我想了解一下，您今天是办理哪项业务，在哪一步卡住了？",
            "May I ask which service you came for today and at which step it got stuck?",
        ),
        NONE,
    ),
    part(
        "confirm",
        "4",
        Bi::new("双方确认", "Confirm together"),
        Bi::new("复述问题，与客户确认一致。", "Restate the problem and agree on it with the client."),
        Bi::new("用客户的话复述，请客户确认。", "Restate in the client's words and ask them to confirm."),
        Bi::new(
            "我确认一下：您的工资卡转账被退回了，手续费也扣了，是这样吗？",
            "Let me confirm: your salary-card transfer was returned and the fee was still charged, is that right?",
        ),
        NONE,
    ),
    part(
        "resolve",
        "5",
        Bi::new("解决", "Resolve"),
        Bi::new("你会怎样解决？何时完成？", "How will you solve it, and by when?"),
        Bi::new("给出具体措施和时限，能当场办的当场办。", "Give concrete steps and a deadline; fix on the spot what you can."),
        Bi::new(
            "我现在就为您申请退还手续费，今天下班前给您回电话确认。",
            "I am requesting the fee refund right now and will call you back before the end of today to confirm.",
        ),
        NONE,
    ),
    part(
        "satisfied",
        "6",
        Bi::new("客户满意", "Satisfied customer"),
        Bi::new("怎样确认客户满意并表示感谢？", "How do you check the client is satisfied and thank them?"),
        Bi::new("确认结果、致谢，并回访。", "Confirm the outcome, thank them, follow up later."),
        Bi::new(
            "这样处理您看满意吗？谢谢您告诉我们，这能帮我们改进服务。",
            "Are you happy with this? Thank you for telling us; it helps us improve.",
        ),
        NONE,
    ),
];

pub static DORMANT_PARTS: [PartDef; 5] = [
    part(
        "adopt",
        "1",
        Bi::new("领养", "Adopt"),
        Bi::new("你认领了哪位沉睡客户？了解到什么？", "Which dormant client did you adopt, and what do you know?"),
        Bi::new("查看历史业务、资产变化、最后一次联系。", "Check past business, asset changes and the last contact."),
        Bi::new(
            "王先生三年前在我行开过理财账户，去年到期后资金转出，之后没有往来。",
            "Mr Wang opened a wealth account with us three years ago; the money left when it matured last year and there has been no contact since.",
        ),
        NONE,
    ),
    part(
        "warm",
        "2",
        Bi::new("预热", "Warm up"),
        Bi::new("电话前怎样预热？", "How do you warm up before calling?"),
        Bi::new("短信、节日问候、活动邀请，先让客户知道你。", "A message, a holiday greeting or an event invitation, so the client knows you."),
        Bi::new(
            "王先生您好，我是您在XX银行的新客户经理小李，中秋将至，祝您和家人节日快乐。",
            "Dear Mr Wang, I am Li, your new relationship manager at XX Bank. Best wishes to you and your family for the Mid-Autumn Festival.",
        ),
        NONE,
    ),
    part(
        "first_call",
        "3",
        Bi::new("首电", "First call"),
        Bi::new("第一通电话说什么？", "What do you say in the first call?"),
        Bi::new("自我介绍、说明来意、不急于推销，约下次联系。", "Introduce yourself, say why you call, do not sell yet, agree on the next contact."),
        Bi::new(
            "王先生，我是前几天给您发问候的小李，想了解一下您对我们之前的服务有什么意见。",
            "Mr Wang, this is Li, who sent you a greeting the other day. I would like to hear what you thought of our service.",
        ),
        NONE,
    ),
    part(
        "follow_up",
        "4",
        Bi::new("跟进", "Follow up"),
        Bi::new("怎样跟进首电里了解到的信息？", "How do you follow up on what you learned in the first call?"),
        Bi::new("发送客户关心的资料，兑现承诺。", "Send what the client cares about; keep your promises."),
        Bi::new(
            "您上次提到关心孩子的教育金，我整理了一份资料发给您参考。",
            "You mentioned your son's education fund last time, so I have put together some information for you.",
        ),
        NONE,
    ),
    part(
        "call_again",
        "5",
        Bi::new("再电", "Call again"),
        Bi::new("第二次电话的目标是什么？", "What is the goal of the second call?"),
        Bi::new("约见面，提出具体建议。", "Book a meeting and make a concrete proposal."),
        Bi::new(
            "资料您看了吗？这周四下午您方便来网点坐坐吗？我帮您做个详细的规划。",
            "Did you have a chance to read it? Could you come to the branch on Thursday afternoon so I can prepare a detailed plan with you?",
        ),
        NONE,
    ),
];

pub static REFERRAL_PARTS: [PartDef; 4] = [
    part(
        "check",
        "1",
        Bi::new("确认满意", "Check satisfaction"),
        Bi::new("客户对你的服务满意吗？", "Is the client happy with your service?"),
        Bi::new("在客户表达满意之后再开口。", "Ask only after the client has said they are satisfied."),
        Bi::new(
            "这次的安排您还满意吧？",
            "Are you happy with how we arranged things this time?",
        ),
        NONE,
    ),
    part(
        "ask",
        "2",
        Bi::new("提出请求", "Ask"),
        Bi::new("怎样自然地请客户推荐？", "How do you ask for a referral naturally?"),
        Bi::new("直接、真诚地请求，说明你能帮到他人。", "Ask plainly and sincerely; say how you can help others."),
        Bi::new(
            "我的工作很大一部分靠像您这样的客户介绍，您身边有没有也在为孩子教育金做准备的朋友？",
            "Much of my work comes from clients like you. Do you know anyone who is also saving for a child's education?",
        ),
        NONE,
    ),
    part(
        "reassure",
        "3",
        Bi::new("打消顾虑", "Reassure"),
        Bi::new("客户担心什么？怎样让他放心？", "What might worry the client, and how do you reassure them?"),
        Bi::new("承诺尊重朋友意愿，不频繁打扰。", "Promise to respect the friend's wishes and not to pester."),
        Bi::new(
            "您放心，我会先请您的朋友方便时再联系，不会打扰他。",
            "Rest assured, I will only contact your friend when it suits them and will not be pushy.",
        ),
        NONE,
    ),
    part(
        "thank",
        "4",
        Bi::new("感谢并跟进", "Thank and follow up"),
        Bi::new("怎样致谢并告知结果？", "How do you thank the client and report back?"),
        Bi::new("无论结果如何都致谢，并告诉客户进展。", "Thank them whatever the outcome and tell them how it went."),
        Bi::new(
            "非常感谢您的信任，和您朋友联系后我会告诉您情况。",
            "Thank you very much for your trust; I will let you know once I have spoken with your friend.",
        ),
        NONE,
    ),
];

/// Every built-in framework. PPF has its own grid model (see `ppf`).
pub static FRAMEWORKS: [Framework; 5] = [
    Framework {
        id: "fabe",
        name: Bi::new("FABE 产品介绍", "FABE pitch"),
        intro: Bi::new(
            "特征、优势、利益、证据：从产品事实出发，落到客户的需求，再用证据让客户放心。",
            "Feature, Advantage, Benefit, Evidence: from product facts to the client's need, backed by proof.",
        ),
        parts: &FABE_PARTS,
        order: &[0, 1, 2, 3],
        need_part: Some("benefit"),
    },
    Framework {
        id: "objection",
        name: Bi::new("异议处理三步", "Objection handling (3 steps)"),
        intro: Bi::new(
            "认同感受、澄清原因、回应并确认。",
            "Acknowledge, clarify the reason, respond and confirm.",
        ),
        parts: &OBJECTION_PARTS,
        order: &[0, 1, 2],
        need_part: None,
    },
    Framework {
        id: "complaint",
        name: Bi::new("投诉处理六步", "Complaint handling (6 steps)"),
        intro: Bi::new(
            "倾听、感同身受、找问题、双方确认、解决、客户满意。",
            "Listen, empathise, find the problem, confirm together, resolve, satisfied customer.",
        ),
        parts: &COMPLAINT_PARTS,
        order: &[0, 1, 2, 3, 4, 5],
        need_part: None,
    },
    Framework {
        id: "dormant",
        name: Bi::new("沉睡客户唤醒五步", "Dormant customer wake-up (5 steps)"),
        intro: Bi::new(
            "领养、预热、首电、跟进、再电。",
            "Adopt, warm up, first call, follow up, call again.",
        ),
        parts: &DORMANT_PARTS,
        order: &[0, 1, 2, 3, 4],
        need_part: None,
    },
    Framework {
        id: "referral",
        name: Bi::new("请客户转介绍", "Asking for a referral"),
        intro: Bi::new(
            "确认满意、提出请求、打消顾虑、感谢并跟进。",
            "Check satisfaction, ask, reassure, thank and follow up.",
        ),
        parts: &REFERRAL_PARTS,
        order: &[0, 1, 2, 3],
        need_part: None,
    },
];

/// The framework with this id.
pub fn framework(id: &str) -> Option<&'static Framework> {
    FRAMEWORKS.iter().find(|f| f.id == id)
}

impl Framework {
    /// The parts in speaking order, with their index into `parts`.
    pub fn spoken(&self) -> impl Iterator<Item = (usize, &'static PartDef)> + '_ {
        self.order
            .iter()
            .filter_map(|&i| self.parts.get(i).map(|p| (i, p)))
    }

    pub fn part_index(&self, key: &str) -> Option<usize> {
        self.parts.iter().position(|p| p.key == key)
    }

    /// The examples of every part (the framework's example script).
    pub fn examples(&self, lang: Lang) -> Vec<String> {
        self.parts
            .iter()
            .map(|p| p.example.get(lang).to_string())
            .collect()
    }

    /// The example spoken script.
    pub fn example_script(&self, lang: Lang, need: &str) -> String {
        assemble(self, &self.examples(lang), need, lang)
    }
}

/// Does the text already open with (a connective like) the transition? Then
/// the transition is left out so the script does not say it twice.
fn starts_with_connective(text: &str, transition: &str) -> bool {
    let t = crate::fold::lower(text.trim_start());
    let core: String = crate::fold::lower(
        transition
            .trim()
            .trim_end_matches([',', '，', ':', '：', ' ']),
    );
    if core.is_empty() {
        return false;
    }
    if t.starts_with(&core) {
        return true;
    }
    const CONNECTIVES: [&str; 14] = [
        "这样一来",
        "这意味着",
        "也就是说",
        "对您来说",
        "您刚才提到",
        "比如",
        "as a result",
        "this means",
        "that means",
        "which means",
        "for you",
        "you mentioned",
        "for example",
        "so ",
    ];
    CONNECTIVES.iter().any(|c| t.starts_with(c))
}

/// One spoken sentence of a part: its transition and its text.
pub fn spoken_part(part: &PartDef, text: &str, need: &str, lang: Lang) -> String {
    let body = text.trim();
    if body.is_empty() {
        return String::new();
    }
    let need = text::strip_end_punct(need);
    let tr = if need.is_empty() {
        part.transition_no_need.get(lang)
    } else {
        part.transition.get(lang)
    };
    let tr = crate::i18n::fill(tr, &[("need", need)]);
    let sentence = if tr.trim().is_empty() || starts_with_connective(body, &tr) {
        text::upper_first(body)
    } else if lang == Lang::En && !body.chars().next().is_some_and(text::is_cjk) {
        format!("{tr}{}", text::lower_first(body))
    } else {
        format!("{}{body}", tr.trim_end())
    };
    text::close_sentence(&sentence)
}

/// Assemble the spoken script: the parts in speaking order, each introduced by
/// its transition, empty parts left out, sentences closed and joined.
/// `texts[i]` is the text of `fw.parts[i]` (missing texts count as empty).
pub fn assemble(fw: &Framework, texts: &[String], need: &str, lang: Lang) -> String {
    let sentences: Vec<String> = fw
        .spoken()
        .map(|(i, p)| {
            let t = texts.get(i).map(String::as_str).unwrap_or("");
            spoken_part(p, t, need, lang)
        })
        .collect();
    text::join_sentences(&sentences)
}

/// How well a Benefit answers the customer's need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeedLink {
    /// The benefit is empty: nothing to check.
    NoBenefit,
    /// A benefit with no need stated: it answers no need.
    NoNeed,
    /// A need is stated, but the benefit shares no words with it.
    Unlinked,
    /// The benefit speaks to the need.
    Linked,
}

impl NeedLink {
    /// Is this a teaching flag to show the trainee?
    pub fn is_flag(self) -> bool {
        matches!(self, NeedLink::NoNeed | NeedLink::Unlinked)
    }

    pub fn message_key(self) -> &'static str {
        match self {
            NeedLink::NoBenefit => "scripts.need.no_benefit",
            NeedLink::NoNeed => "scripts.need.no_need",
            NeedLink::Unlinked => "scripts.need.unlinked",
            NeedLink::Linked => "scripts.need.linked",
        }
    }
}

const EN_STOP: [&str; 40] = [
    "the", "and", "for", "you", "your", "with", "that", "this", "are", "was", "will", "can",
    "have", "has", "not", "but", "from", "they", "them", "their", "our", "who", "what", "when",
    "want", "wants", "need", "needs", "would", "like", "more", "some", "about", "into", "his",
    "her", "she", "him", "its", "all",
];

/// Words of an English text (lower case, 3+ letters, not stop words), cut to
/// a 4-letter stem so "saving"/"savings" or "school"/"schools" meet.
fn en_terms(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| w.len() >= 3 && !EN_STOP.contains(&w.as_str()))
        .map(|w| w.chars().take(4).collect())
        .collect()
}

/// Chinese character pairs of a text (runs of Han characters only).
fn zh_terms(s: &str) -> Vec<String> {
    const STOP: [&str; 10] = [
        "我们", "您的", "可以", "一个", "这个", "就是", "没有", "需要", "希望", "想要",
    ];
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    for w in chars.windows(2) {
        if w.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c)) {
            let t: String = w.iter().collect();
            if !STOP.contains(&t.as_str()) {
                out.push(t);
            }
        }
    }
    out
}

/// Check the Benefit against the customer's stated need. A teaching aid, not
/// a judge: it looks for shared words (English stems, Chinese character
/// pairs), so a benefit that paraphrases the need entirely may be flagged.
pub fn need_link(benefit: &str, need: &str) -> NeedLink {
    if benefit.trim().is_empty() {
        return NeedLink::NoBenefit;
    }
    if need.trim().is_empty() {
        return NeedLink::NoNeed;
    }
    let b_en = en_terms(benefit);
    let b_zh = zh_terms(benefit);
    let linked = en_terms(need).iter().any(|t| b_en.contains(t))
        || zh_terms(need).iter().any(|t| b_zh.contains(t));
    if linked {
        NeedLink::Linked
    } else {
        NeedLink::Unlinked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn frameworks_are_well_formed() {
        let mut ids = std::collections::BTreeSet::new();
        for fw in &FRAMEWORKS {
            assert!(ids.insert(fw.id), "duplicate framework id {}", fw.id);
            assert_eq!(fw.order.len(), fw.parts.len(), "{}", fw.id);
            let mut seen: Vec<usize> = fw.order.to_vec();
            crate::sort::asc(&mut seen);
            assert_eq!(seen, (0..fw.parts.len()).collect::<Vec<_>>(), "{}", fw.id);
            let mut keys = std::collections::BTreeSet::new();
            for p in fw.parts {
                assert!(keys.insert(p.key), "duplicate part key {}", p.key);
                for b in [p.label, p.prompt, p.hint, p.example] {
                    assert!(
                        !b.zh.trim().is_empty() && !b.en.trim().is_empty(),
                        "{}",
                        p.key
                    );
                }
            }
            if let Some(k) = fw.need_part {
                assert!(fw.part_index(k).is_some());
            }
        }
        assert_eq!(framework("complaint").map(|f| f.parts.len()), Some(6));
        assert_eq!(framework("dormant").map(|f| f.parts.len()), Some(5));
        assert_eq!(framework("objection").map(|f| f.parts.len()), Some(3));
        assert!(framework("nope").is_none());
    }

    #[test]
    fn complaint_steps_follow_the_course() {
        let fw = framework("complaint").unwrap();
        let zh: Vec<_> = fw.spoken().map(|(_, p)| p.label.zh).collect();
        assert_eq!(
            zh,
            ["倾听", "感同身受", "找问题", "双方确认", "解决", "客户满意"]
        );
        let fw = framework("dormant").unwrap();
        let zh: Vec<_> = fw.spoken().map(|(_, p)| p.label.zh).collect();
        assert_eq!(zh, ["领养", "预热", "首电", "跟进", "再电"]);
    }

    #[test]
    fn every_framework_has_an_example_script_in_both_languages() {
        for fw in &FRAMEWORKS {
            for lang in Lang::ALL {
                let s = fw.example_script(lang, "");
                assert!(!s.is_empty());
                for p in fw.parts {
                    let ex = text::strip_end_punct(p.example.get(lang));
                    // Each example appears (possibly with its first letter lowered).
                    let tail: String = ex.chars().skip(1).collect();
                    assert!(s.contains(&tail), "{} {lang:?}: {ex}", fw.id);
                }
            }
        }
    }

    #[test]
    fn fabe_assembles_in_order_with_transitions_zh() {
        let fw = framework("fabe").unwrap();
        let s = assemble(
            fw,
            &texts(&[
                "三年期，年利率2.6%",
                "比活期高",
                "学费到时准备好",
                "利率表可查",
            ]),
            "孩子三年后上大学。",
            Lang::Zh,
        );
        assert_eq!(
            s,
            "三年期，年利率2.6%。这样一来，比活期高。您刚才提到孩子三年后上大学，对您来说，学费到时准备好。您可以看一下：利率表可查。"
        );
    }

    #[test]
    fn fabe_assembles_in_english_with_natural_case() {
        let fw = framework("fabe").unwrap();
        let s = assemble(
            fw,
            &texts(&[
                "It pays 2.6% a year",
                "It beats a current account",
                "Your fees are ready",
                "See the rate sheet.",
            ]),
            "",
            Lang::En,
        );
        assert_eq!(
            s,
            "It pays 2.6% a year. As a result, it beats a current account. For you, your fees are ready. And you can check it: see the rate sheet."
        );
    }

    #[test]
    fn empty_parts_are_skipped_and_connectives_not_doubled() {
        let fw = framework("fabe").unwrap();
        let s = assemble(fw, &texts(&["", "这样一来，更省心", "", ""]), "", Lang::Zh);
        assert_eq!(s, "这样一来，更省心。");
        let s = assemble(
            fw,
            &texts(&["  ", "", "For you, less worry", ""]),
            "",
            Lang::En,
        );
        assert_eq!(s, "For you, less worry.");
        assert_eq!(assemble(fw, &[], "", Lang::Zh), "");
    }

    #[test]
    fn speaking_order_is_the_framework_order() {
        // A framework whose speaking order differs from its editing order.
        static P: [PartDef; 2] = [
            part("a", "A", NONE, NONE, NONE, NONE, NONE),
            part("b", "B", NONE, NONE, NONE, NONE, NONE),
        ];
        let fw = Framework {
            id: "t",
            name: NONE,
            intro: NONE,
            parts: &P,
            order: &[1, 0],
            need_part: None,
        };
        assert_eq!(
            assemble(&fw, &texts(&["first", "second"]), "", Lang::En),
            "Second. First."
        );
    }

    #[test]
    fn markup_and_long_text_pass_through_unchanged() {
        let fw = framework("objection").unwrap();
        let long = "很长的一句话".repeat(2000);
        let s = assemble(
            fw,
            &texts(&["<b>不</b> & <script>x</script>", "", &long]),
            "",
            Lang::Zh,
        );
        assert!(s.contains("<b>不</b> & <script>x</script>"));
        assert!(s.contains(&long));
    }

    proptest::proptest! {
        #[test]
        fn assembly_keeps_every_part_in_order(
            texts in proptest::collection::vec("[a-z一-龥<>& ]{0,30}", 0..6),
            need in "[a-z一-龥 ]{0,12}",
            zh in proptest::bool::ANY,
        ) {
            let lang = if zh { Lang::Zh } else { Lang::En };
            for fw in &FRAMEWORKS {
                let s = assemble(fw, &texts, &need, lang);
                // Every non-empty part's text appears, in speaking order.
                let mut from = 0;
                for (i, _) in fw.spoken() {
                    let t = texts.get(i).map(|t| t.trim()).unwrap_or("");
                    if t.is_empty() {
                        continue;
                    }
                    let core: String = t.chars().skip(1).collect();
                    let at = s[from..].find(&core);
                    proptest::prop_assert!(at.is_some(), "{} missing in {}", t, s);
                    from += at.unwrap_or(0);
                }
                let any = texts.iter().take(fw.parts.len()).any(|t| !t.trim().is_empty());
                proptest::prop_assert_eq!(s.is_empty(), !any);
            }
        }
    }

    #[test]
    fn benefit_need_link() {
        assert_eq!(need_link("", "孩子教育"), NeedLink::NoBenefit);
        assert_eq!(need_link("收益稳定", ""), NeedLink::NoNeed);
        assert!(NeedLink::NoNeed.is_flag());
        assert_eq!(
            need_link("孩子的教育金到时就能准备好", "为孩子教育存钱"),
            NeedLink::Linked
        );
        assert_eq!(
            need_link("手机随时查询", "为孩子教育存钱"),
            NeedLink::Unlinked
        );
        assert_eq!(
            need_link(
                "Your daughter's school fees will be ready",
                "Save for school fees"
            ),
            NeedLink::Linked
        );
        assert_eq!(
            need_link("Earn more points", "Save for school fees"),
            NeedLink::Unlinked
        );
        assert!(!NeedLink::Linked.is_flag());
    }
}
