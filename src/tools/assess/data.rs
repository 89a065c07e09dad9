//! The questionnaires, written for this app in both languages.
//! Data only: scoring lives in `score.rs`.

use super::model::{Bi, Dimension, Item, Kind, Questionnaire};

const fn dim(id: &'static str, zh: &'static str, en: &'static str, advice: [Bi; 3]) -> Dimension {
    Dimension {
        id,
        name: Bi::new(zh, en),
        advice,
        talk: None,
    }
}

const fn disc(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    advice: [Bi; 3],
    talk: Bi,
) -> Dimension {
    Dimension {
        id,
        name: Bi::new(zh, en),
        advice,
        talk: Some(talk),
    }
}

const fn it(id: &'static str, dim: &'static str, zh: &'static str, en: &'static str) -> Item {
    Item {
        id,
        dim,
        text: Bi::new(zh, en),
        reverse: false,
    }
}

/// A reverse-scored statement.
const fn rv(id: &'static str, dim: &'static str, zh: &'static str, en: &'static str) -> Item {
    Item {
        id,
        dim,
        text: Bi::new(zh, en),
        reverse: true,
    }
}

// ---------------------------------------------------------------------------
// 1. Are you an excellent customer-relationship marketer?

static EXCELLENT_DIMS: &[Dimension] = &[
    dim("insight", "客户洞察", "Customer insight", [
        Bi::new("为前20位客户各建一页档案：资产、家庭、目标、顾虑；每次见面前先读一遍。", "Build a one-page profile for each of your top 20 clients (assets, family, goals, worries) and read it before every meeting."),
        Bi::new("每次面谈多问一个开放式问题（如“您最近最操心的是什么？”），并把答案记入档案。", "Ask one more open question in every meeting (\"What is on your mind most these days?\") and record the answer."),
        Bi::new("把你的客户洞察方法整理成清单分享给团队，并练习预测客户的下一步需求。", "Write your insight method down as a checklist, share it with the team, and practise predicting clients' next needs."),
    ]),
    dim("communication", "沟通表达", "Communication", [
        Bi::new("面谈前先用三句话写下要点；练习先听后说，客户说完再停两秒。", "Before each meeting write your point in three sentences; listen first, and pause two seconds after the client finishes."),
        Bi::new("用“认同—澄清—回应”处理异议，并录音复盘一次模拟对话。", "Handle objections with \"acknowledge, clarify, respond\", and review one recorded role-play."),
        Bi::new("带新同事陪访，把你的沟通方式示范出来。", "Take a new colleague on client visits and show them how you communicate."),
    ]),
    dim("product", "产品知识", "Product knowledge", [
        Bi::new("每周精读一款主推产品的说明书，用自己的话写出风险、收益和费用。", "Study one main product's documents each week and write its risk, return and fees in your own words."),
        Bi::new("为年轻家庭、企业主、退休人士三类客户各设计一个产品组合。", "Design a product mix for three typical clients: a young family, a business owner and a retiree."),
        Bi::new("跟踪市场与政策，每月为客户写一份简明的市场解读。", "Follow markets and policy, and write a short monthly market note for your clients."),
    ]),
    dim("process", "流程纪律", "Process discipline", [
        Bi::new("每天下班前留出10分钟“记录时间”，把当天的客户接触补记完整。", "Keep ten minutes before leaving each day to log every client contact of the day."),
        Bi::new("用周计划表安排客户联系，每周五对照检查完成情况。", "Plan client contacts on a weekly sheet and check every Friday what was done."),
        Bi::new("把合规要点做成自查卡，帮助团队减少差错。", "Turn the compliance points into a self-check card that helps the team avoid mistakes."),
    ]),
    dim("upkeep", "关系维护", "Relationship upkeep", [
        Bi::new("为重要客户设定最低联系频率（如每月一次），成交后7天内一定回访。", "Set a minimum contact frequency for key clients (e.g. monthly) and always follow up within 7 days of a sale."),
        Bi::new("在客户的重要日子送上个性化问候，而不是群发消息。", "Send personal greetings on clients' important dates instead of mass messages."),
        Bi::new("主动请满意的客户转介绍，并为他们组织小型客户活动。", "Ask satisfied clients for referrals and host small client events for them."),
    ]),
    dim("self", "自我管理", "Self-management", [
        Bi::new("把月目标拆成每周三件事，每天开工先做最重要的一件。", "Break your monthly goal into three tasks a week, and do the most important one first every day."),
        Bi::new("每周花30分钟复盘：哪次沟通成功、为什么；哪次失败、下次怎么做。", "Spend 30 minutes a week reviewing which conversation worked and why, which failed and what you will do next time."),
        Bi::new("给自己定一个跳出舒适区的新目标，例如拿下一类新客户。", "Set yourself a stretch goal, such as winning a new type of client."),
    ]),
];

static EXCELLENT_ITEMS: &[Item] = &[
    it("x01", "insight", "见客户前，我会先梳理他的资产、家庭和近期变化。", "Before meeting a client I review their assets, family situation and recent changes."),
    it("x02", "communication", "我能用三句话讲清一个产品对这位客户的好处。", "I can explain in three sentences how a product benefits this particular client."),
    it("x03", "product", "我能准确说明主推产品的风险、收益和费用。", "I can state the risk, return and fees of our main products accurately."),
    it("x04", "process", "每次与客户接触后，我都会在当天记录到系统里。", "I log every client contact in the system the same day."),
    it("x05", "upkeep", "即使没有销售目的，我也会定期问候重要客户。", "I keep in touch with key clients regularly even when I have nothing to sell."),
    it("x06", "self", "我每月都设定明确的业绩目标和学习目标。", "I set clear monthly goals for results and for learning."),
    it("x07", "insight", "我能说出前20位客户各自最关心的一件事。", "I can name the one thing each of my top 20 clients cares about most."),
    it("x08", "communication", "与客户交谈时，我听的时间多于说的时间。", "In client conversations I listen more than I talk."),
    it("x09", "product", "我能把存款、理财、保险和信贷组合起来为客户做方案。", "I can combine deposits, investments, insurance and credit into one plan for a client."),
    it("x10", "process", "我严格按照适当性要求完成风险评估和双录。", "I complete risk assessments and required recordings exactly as the suitability rules demand."),
    it("x11", "upkeep", "客户的生日和重要日子，我都记得并有所表示。", "I remember clients' birthdays and important dates and mark them."),
    it("x12", "self", "被客户拒绝后，我能很快调整情绪继续工作。", "After a client says no I recover quickly and get on with work."),
    rv("x13", "insight", "我通常等客户自己提出需求，才去了解他的情况。", "I usually wait for clients to state a need before learning about their situation."),
    rv("x14", "communication", "客户提出异议时，我常常急于反驳。", "When a client raises an objection I am often quick to argue back."),
    rv("x15", "product", "遇到专业问题我常常答不上来，只能事后再查。", "I often cannot answer expert questions and have to look them up afterwards."),
    rv("x16", "process", "工作一忙，我就会跳过一些规定步骤。", "When I am busy I skip some required steps."),
    rv("x17", "upkeep", "产品成交后，我很少主动回访。", "After a sale I rarely follow up on my own initiative."),
    rv("x18", "self", "我经常因为拖延而赶不上约定的时间。", "I often miss agreed times because I put things off."),
    it("x19", "insight", "我能从客户的言谈中发现没说出口的需要，并记录下来。", "I pick up unspoken needs from what clients say and write them down."),
    it("x20", "communication", "我会根据客户的性格调整说话的节奏和方式。", "I adjust my pace and manner to the client's personality."),
    it("x21", "product", "市场或政策一有变化，我会在一周内弄清它对客户的影响。", "After a market or policy change I work out within a week what it means for my clients."),
    it("x22", "process", "我每周制订客户联系计划，并按计划执行。", "I plan my client contacts every week and follow the plan."),
    it("x23", "upkeep", "我的客户愿意把亲友介绍给我。", "My clients are willing to introduce friends and family to me."),
    it("x24", "self", "我会定期复盘自己成功和失败的案例。", "I regularly review my own successes and failures."),
];

// ---------------------------------------------------------------------------
// 2. KASH

static KASH_DIMS: &[Dimension] = &[
    dim("knowledge", "知识", "Knowledge", [
        Bi::new("制订每月学习计划：一款产品、一个市场主题、一个客户经营概念。", "Make a monthly learning plan: one product, one market topic, one client-management idea."),
        Bi::new("把学到的内容讲给同事听：讲得清楚，才算真正掌握。", "Explain what you learn to a colleague: if you can explain it clearly, you really know it."),
        Bi::new("考取一项专业资格，或在团队里开一次分享课。", "Earn a professional qualification or run a sharing session for your team."),
    ]),
    dim("attitude", "态度", "Attitude", [
        Bi::new("回想一位因你而受益的客户，写下你为他做对了什么。", "Recall a client who benefited from your work and write down what you did right for them."),
        Bi::new("每次推荐产品前先问自己：这对客户是最好的吗？", "Before recommending any product, ask yourself: is this the best thing for the client?"),
        Bi::new("把你的服务理念讲给新人听，成为团队的榜样。", "Share your service values with newcomers and be the team's example."),
    ]),
    dim("skills", "技巧", "Skills", [
        Bi::new("每周做一次角色扮演，练习提问、呈现方案和处理异议。", "Do one role-play a week to practise questioning, presenting and handling objections."),
        Bi::new("录下一次真实或模拟的面谈，找出一个可以改进的环节。", "Record one real or practice meeting and pick one step to improve."),
        Bi::new("把你的成交和转介绍做法整理成案例，供团队学习。", "Write up how you close and ask for referrals as cases the team can learn from."),
    ]),
    dim("habits", "习惯", "Habits", [
        Bi::new("从一个小习惯开始：每天上午10点前联系三位客户，坚持21天。", "Start with one small habit: contact three clients before 10 a.m. every day for 21 days."),
        Bi::new("在日程里锁定客户联系时间，把临时事务集中处理。", "Block client-contact time in your calendar and batch the odd jobs together."),
        Bi::new("把你的工作节奏写成一页日程模板，帮同事养成习惯。", "Write your routine down as a one-page schedule that helps colleagues build the habit."),
    ]),
];

static KASH_ITEMS: &[Item] = &[
    it(
        "k01",
        "knowledge",
        "我了解本行各类产品的特点，以及它们适合哪些客户。",
        "I know the features of our bank's products and which clients they suit.",
    ),
    it(
        "k02",
        "attitude",
        "我认为为客户创造价值，比完成一笔销售更重要。",
        "I believe creating value for clients matters more than closing a single sale.",
    ),
    it(
        "k03",
        "skills",
        "我能通过提问弄清客户真正的需求。",
        "I can find out a client's real needs by asking questions.",
    ),
    it(
        "k04",
        "habits",
        "我每天在固定的时间联系客户。",
        "I contact clients at a fixed time every day.",
    ),
    it(
        "k05",
        "knowledge",
        "我清楚客户价值、生命周期、客户分层等客户经营的基本概念。",
        "I understand the basics of managing clients, such as client value, lifecycle and tiering.",
    ),
    it(
        "k06",
        "attitude",
        "为了客户的利益，我愿意多做一步。",
        "I am willing to go the extra step in the client's interest.",
    ),
    it(
        "k07",
        "skills",
        "我能清楚地呈现方案，并妥善处理客户的异议。",
        "I can present a proposal clearly and handle the client's objections well.",
    ),
    it(
        "k08",
        "habits",
        "我坚持记录客户信息，并及时更新。",
        "I keep client records and update them promptly.",
    ),
    rv(
        "k09",
        "knowledge",
        "我对宏观经济和金融市场的动向知之甚少。",
        "I know little about where the economy and financial markets are heading.",
    ),
    rv(
        "k10",
        "attitude",
        "我觉得维护老客户不如开发新客户有成就感。",
        "I find looking after existing clients less rewarding than winning new ones.",
    ),
    it(
        "k11",
        "skills",
        "我能在合适的时机提出成交或转介绍的请求。",
        "I can ask for the decision or a referral at the right moment.",
    ),
    rv(
        "k12",
        "habits",
        "我的工作节奏常常被临时事务打乱。",
        "My working rhythm is often thrown off by urgent odd jobs.",
    ),
];

// ---------------------------------------------------------------------------
// 3. DISC communication style

static DISC_DIMS: &[Dimension] = &[
    disc("d", "支配型 D", "Dominance (D)", [
        Bi::new("需要时，练习更直接地表达观点、请客户做决定。", "When needed, practise stating your view and asking for the decision more directly."),
        Bi::new("你能在果断与倾听之间切换，继续根据客户调整。", "You can switch between decisiveness and listening; keep adjusting to each client."),
        Bi::new("你果断高效；注意放慢节奏、多倾听，避免给客户压力。", "You are decisive and efficient; slow down, listen more and avoid pressuring clients."),
    ], Bi::new("开门见山，先讲结论和收益；给出两三个选项让他拍板；守时，不绕弯子。", "Get to the point: conclusion and benefit first; offer two or three options and let them decide; be on time and brief.")),
    disc("i", "影响型 I", "Influence (I)", [
        Bi::new("见面时多一点寒暄和个人化的交流，拉近距离。", "Allow a little more small talk and personal touch in meetings to build closeness."),
        Bi::new("你能兼顾热情与分寸，继续保持。", "You balance warmth and restraint; keep it up."),
        Bi::new("你很有感染力；会后记得跟进细节、兑现承诺。", "You are engaging; after meetings, follow up on the details and keep your promises."),
    ], Bi::new("热情友好，先聊人和故事；用案例和愿景打动他；把要点写下来帮他落实。", "Be warm and friendly and talk about people and stories first; win them with examples and a vision; write the key points down to help them follow through.")),
    disc("s", "稳健型 S", "Steadiness (S)", [
        Bi::new("对客户多一些耐心和持续关注，不要只在有需要时才出现。", "Give clients more patience and steady attention, rather than appearing only when you need something."),
        Bi::new("你稳定可靠，同时也能适应变化。", "You are dependable and can also adapt to change."),
        Bi::new("你让客户安心；必要时也要敢于推动客户做决定。", "Clients feel safe with you; when needed, dare to move them towards a decision."),
    ], Bi::new("放慢节奏，真诚关心；讲清步骤和保障，不催促；留时间让他和家人商量。", "Slow down and show real care; explain the steps and safeguards without pushing; leave time to talk it over with family.")),
    disc("c", "谨慎型 C", "Conscientiousness (C)", [
        Bi::new("准备面谈时多核对数据和条款，口头承诺要慎重。", "Check figures and terms more when preparing, and be careful with verbal promises."),
        Bi::new("你重视细节又不拘泥，保持这种平衡。", "You care about detail without getting stuck in it; keep that balance."),
        Bi::new("你严谨专业；别用太多细节淹没客户，先讲结论。", "You are rigorous; don't drown clients in detail, give the conclusion first."),
    ], Bi::new("准备充分的数据和书面材料；讲逻辑、讲风险；回答准确，绝不夸大。", "Bring full figures and written material; talk logic and risk; answer precisely and never exaggerate.")),
];

static DISC_ITEMS: &[Item] = &[
    it(
        "d01",
        "d",
        "我喜欢快速做决定，直奔结果。",
        "I like to decide quickly and go straight for results.",
    ),
    it(
        "d02",
        "i",
        "我喜欢结识新朋友，很容易和人热络起来。",
        "I enjoy meeting new people and warm to them easily.",
    ),
    it(
        "d03",
        "s",
        "我做事讲究稳妥，不喜欢突然的变化。",
        "I prefer steady, safe ways of working and dislike sudden change.",
    ),
    it(
        "d04",
        "c",
        "做决定前，我要先看到数据和细节。",
        "Before deciding I want to see the figures and the details.",
    ),
    it(
        "d05",
        "d",
        "遇到挑战时，我会主动掌控局面。",
        "When facing a challenge I take charge.",
    ),
    it(
        "d06",
        "i",
        "我常用故事和热情去感染别人。",
        "I use stories and enthusiasm to win people over.",
    ),
    it(
        "d07",
        "s",
        "我是个耐心的倾听者，别人愿意向我倾诉。",
        "I am a patient listener; people like to confide in me.",
    ),
    it(
        "d08",
        "c",
        "我做事讲究准确，按规则和流程来。",
        "I value accuracy and follow rules and procedures.",
    ),
    it(
        "d09",
        "d",
        "我说话直接，不太绕弯子。",
        "I speak directly and get to the point.",
    ),
    it(
        "d10",
        "i",
        "在团队里，我喜欢活跃气氛。",
        "I like to lift the mood in a group.",
    ),
    it(
        "d11",
        "s",
        "我重视长期、和谐的关系。",
        "I value long, harmonious relationships.",
    ),
    it(
        "d12",
        "c",
        "我会仔细检查，避免出错。",
        "I check carefully to avoid mistakes.",
    ),
];

// ---------------------------------------------------------------------------
// 4. The client's ideal relationship manager

static IDEAL_DIMS: &[Dimension] = &[
    dim("reliability", "可靠守信", "Reliability", [
        Bi::new("用待办清单记下对每位客户的承诺，当天回复所有客户消息。", "Keep a to-do list of every promise to a client and answer every client message the same day."),
        Bi::new("承诺时说清完成时间，提前完成给客户一个惊喜。", "When you promise something, give a time, and surprise the client by finishing early."),
        Bi::new("你言出必行；让这份可靠成为客户愿意转介绍的理由。", "Your word is good; make that reliability a reason for clients to refer others."),
    ]),
    dim("expertise", "专业可信", "Expertise", [
        Bi::new("整理客户最常问的十个问题，并写好答案。", "Prepare written answers to the ten questions clients ask most."),
        Bi::new("用图表或简单的比喻解释产品，练习“一分钟讲清楚”。", "Explain products with a chart or a simple comparison; practise the one-minute explanation."),
        Bi::new("定期给客户发送专业解读，树立顾问形象。", "Send clients regular expert notes and build your image as an adviser."),
    ]),
    dim("empathy", "用心体贴", "Empathy", [
        Bi::new("每次面谈后记下客户的一个个人细节，下次主动提起。", "After each meeting note one personal detail about the client and bring it up next time."),
        Bi::new("先问感受再谈产品，多用“您觉得……”开头提问。", "Ask how the client feels before talking products; start more questions with \"How do you feel about…\"."),
        Bi::new("客户觉得被理解；可以尝试为客户家庭做整体规划。", "Clients feel understood by you; try offering whole-family planning."),
    ]),
    dim("proactivity", "主动及时", "Proactivity", [
        Bi::new("建一张到期提醒表，每周一检查一次。", "Keep a table of maturity and expiry dates and check it every Monday."),
        Bi::new("市场大幅波动的当天，给受影响的客户发一条简短说明。", "On days of big market moves, send affected clients a short note the same day."),
        Bi::new("主动服务是你的优势；可以为客户做年度回顾。", "Proactive service is your strength; offer clients an annual review."),
    ]),
    dim("integrity", "诚实正直", "Integrity", [
        Bi::new("每次推荐前对照客户的风险等级自查，先讲风险再讲收益。", "Check every recommendation against the client's risk level, and mention risk before return."),
        Bi::new("遇到不适合客户的需求，敢于说“不”，并给出替代方案。", "When a request does not suit the client, dare to say no and offer an alternative."),
        Bi::new("诚信是你最大的资产；继续坚持，并在团队中倡导。", "Integrity is your greatest asset; keep it and champion it in your team."),
    ]),
];

static IDEAL_ITEMS: &[Item] = &[
    it(
        "r01",
        "reliability",
        "我答应客户的事，都能按时做到。",
        "I do what I promise clients, on time.",
    ),
    it(
        "r02",
        "expertise",
        "客户有理财问题时，首先想到的是问我。",
        "When clients have a money question, I am the first person they think of.",
    ),
    it(
        "r03",
        "empathy",
        "我记得客户的偏好和家庭情况。",
        "I remember clients' preferences and family circumstances.",
    ),
    it(
        "r04",
        "proactivity",
        "市场波动时，我主动联系受影响的客户。",
        "When markets move I contact affected clients on my own initiative.",
    ),
    it(
        "r05",
        "integrity",
        "我会如实告知产品风险，即使这可能影响成交。",
        "I state a product's risks honestly, even if it may cost me the sale.",
    ),
    it(
        "r06",
        "reliability",
        "客户找我时，当天就能得到回复。",
        "Clients who contact me get an answer the same day.",
    ),
    it(
        "r07",
        "expertise",
        "我给出的建议有依据，能讲清来龙去脉。",
        "My advice is well-founded and I can explain the reasoning.",
    ),
    it(
        "r08",
        "empathy",
        "我会站在客户的角度考虑问题。",
        "I see things from the client's point of view.",
    ),
    it(
        "r09",
        "proactivity",
        "我会提前提醒客户产品到期、证件到期等事项。",
        "I remind clients in advance of maturing products, expiring documents and the like.",
    ),
    it(
        "r10",
        "integrity",
        "我从不推荐不适合客户的产品。",
        "I never recommend a product that does not suit the client.",
    ),
    rv(
        "r11",
        "reliability",
        "我有时会忘记客户交代的小事。",
        "I sometimes forget small things a client asked me to do.",
    ),
    it(
        "r12",
        "expertise",
        "我能把复杂的产品讲得通俗易懂。",
        "I can make complex products easy to understand.",
    ),
    it(
        "r13",
        "empathy",
        "客户情绪不好时，我先安抚，再谈业务。",
        "When a client is upset I calm things first and talk business later.",
    ),
    rv(
        "r14",
        "proactivity",
        "我通常等客户来问，才告诉他相关信息。",
        "I usually wait for clients to ask before telling them relevant news.",
    ),
    it(
        "r15",
        "integrity",
        "我对客户的信息严格保密。",
        "I keep clients' information strictly confidential.",
    ),
];

/// All questionnaires, in the order the list shows them.
pub static QUESTIONNAIRES: &[Questionnaire] = &[
    Questionnaire {
        id: "excellent",
        kind: Kind::Competency,
        title: Bi::new("你是一名优秀的客户关系营销人员吗？", "Are you an excellent customer-relationship marketer?"),
        intro: Bi::new("24条陈述，覆盖六项核心能力。请按真实情况作答：1表示完全不符合，5表示完全符合。", "24 statements across six core competencies. Answer honestly: 1 means not at all like me, 5 means exactly like me."),
        dims: EXCELLENT_DIMS,
        items: EXCELLENT_ITEMS,
    },
    Questionnaire {
        id: "kash",
        kind: Kind::Competency,
        title: Bi::new("KASH 自评：知识、态度、技巧、习惯", "KASH: knowledge, attitude, skills, habits"),
        intro: Bi::new("优秀的客户经理 = 知识 + 态度 + 技巧 + 习惯。12条陈述，看看你哪一块最扎实、哪一块最需要补。", "A strong relationship manager = knowledge + attitude + skills + habits. 12 statements show which part is solid and which needs work."),
        dims: KASH_DIMS,
        items: KASH_ITEMS,
    },
    Questionnaire {
        id: "disc",
        kind: Kind::Disc,
        title: Bi::new("DISC 沟通风格", "DISC communication style"),
        intro: Bi::new("了解自己的沟通风格，也学会识别客户的风格：支配型、影响型、稳健型、谨慎型。", "Learn your own communication style and how to recognise your clients': dominance, influence, steadiness, conscientiousness."),
        dims: DISC_DIMS,
        items: DISC_ITEMS,
    },
    Questionnaire {
        id: "ideal",
        kind: Kind::Checklist,
        title: Bi::new("客户心目中的理想客户经理", "The client's ideal relationship manager"),
        intro: Bi::new("站在客户的角度，逐条对照：这些做法你做到了几分？", "See yourself through the client's eyes: how often do you do each of these?"),
        dims: IDEAL_DIMS,
        items: IDEAL_ITEMS,
    },
];

/// A questionnaire by its id.
pub fn questionnaire(id: &str) -> Option<&'static Questionnaire> {
    QUESTIONNAIRES.iter().find(|q| q.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn questionnaires_are_well_formed() {
        let mut ids = BTreeSet::new();
        for q in QUESTIONNAIRES {
            assert!(ids.insert(q.id), "duplicate questionnaire {}", q.id);
            assert!(!q.dims.is_empty() && !q.items.is_empty());
            let mut item_ids = BTreeSet::new();
            for i in q.items {
                assert!(item_ids.insert(i.id), "duplicate item {} in {}", i.id, q.id);
                assert!(
                    q.dim(i.dim).is_some(),
                    "item {} has unknown dim {}",
                    i.id,
                    i.dim
                );
                assert!(!i.text.zh.trim().is_empty() && !i.text.en.trim().is_empty());
            }
            let mut dim_ids = BTreeSet::new();
            for d in q.dims {
                assert!(dim_ids.insert(d.id), "duplicate dim {}", d.id);
                let n = q.items.iter().filter(|i| i.dim == d.id).count();
                assert!(n >= 3, "dim {} of {} has only {n} items", d.id, q.id);
                for a in d.advice {
                    assert!(!a.zh.trim().is_empty() && !a.en.trim().is_empty());
                }
                assert_eq!(d.talk.is_some(), q.kind == Kind::Disc);
            }
        }
    }

    #[test]
    fn first_questionnaire_fits_the_brief() {
        let q = questionnaire("excellent").unwrap();
        assert!((20..=40).contains(&q.items.len()));
        assert_eq!(q.dims.len(), 6);
        assert!(q.items.iter().any(|i| i.reverse));
        assert_eq!(questionnaire("kash").unwrap().dims.len(), 4);
        assert_eq!(questionnaire("disc").unwrap().dims.len(), 4);
        assert!(questionnaire("nope").is_none());
    }
}
