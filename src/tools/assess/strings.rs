//! This tool's part of the translation tables (keys start with "assess.").
//! Questionnaire texts are bilingual data in `data.rs`; these are the labels
//! of the user interface.

use crate::i18n::Table;

pub static ZH: Table = &[
    ("assess.scale.agree.1", "完全不符合"),
    ("assess.scale.agree.2", "不太符合"),
    ("assess.scale.agree.3", "一般"),
    ("assess.scale.agree.4", "比较符合"),
    ("assess.scale.agree.5", "完全符合"),
    ("assess.scale.freq.1", "从不"),
    ("assess.scale.freq.2", "很少"),
    ("assess.scale.freq.3", "有时"),
    ("assess.scale.freq.4", "经常"),
    ("assess.scale.freq.5", "总是"),
    ("assess.band.low", "待加强"),
    ("assess.band.mid", "发展中"),
    ("assess.band.high", "优势"),
    (
        "assess.overall.low",
        "整体还有较大提升空间。先从得分最低的一项入手，每周练习一个具体动作。",
    ),
    (
        "assess.overall.mid",
        "基础扎实，部分能力仍有提升空间。巩固优势，重点补齐最弱的一项。",
    ),
    (
        "assess.overall.high",
        "整体表现优秀。保持优势，并把你的做法分享给团队。",
    ),
    ("assess.file.err.empty", "文件是空的"),
    ("assess.file.err.too_large", "文件太大，不是测评结果文件"),
    ("assess.file.err.not_json", "文件已损坏或不是 JSON"),
    ("assess.file.err.not_ours", "不是本工具导出的测评结果文件"),
    (
        "assess.file.err.newer",
        "由更新版本的工具导出（格式 {n}），请先更新",
    ),
    ("assess.file.err.unknown", "未知的问卷：{n}"),
    (
        "assess.file.err.bad_answers",
        "答案数据有误（超出 1–5 或题目不存在）",
    ),
    ("assess.file.err.incomplete", "有 {n} 题未作答"),
    ("assess.file.err.duplicate", "与已导入的结果重复"),
];

pub static EN: Table = &[
    ("assess.scale.agree.1", "Not at all like me"),
    ("assess.scale.agree.2", "Not much like me"),
    ("assess.scale.agree.3", "Somewhat"),
    ("assess.scale.agree.4", "Quite like me"),
    ("assess.scale.agree.5", "Exactly like me"),
    ("assess.scale.freq.1", "Never"),
    ("assess.scale.freq.2", "Rarely"),
    ("assess.scale.freq.3", "Sometimes"),
    ("assess.scale.freq.4", "Often"),
    ("assess.scale.freq.5", "Always"),
    ("assess.band.low", "To develop"),
    ("assess.band.mid", "Developing"),
    ("assess.band.high", "Strength"),
    ("assess.overall.low", "There is plenty of room to grow. Start with your lowest dimension and practise one concrete action each week."),
    ("assess.overall.mid", "A solid base, with room to grow in places. Build on your strengths and work on the weakest area first."),
    ("assess.overall.high", "An excellent profile overall. Keep your strengths and share your methods with the team."),
    ("assess.file.err.empty", "The file is empty"),
    ("assess.file.err.too_large", "The file is too large to be a result file"),
    ("assess.file.err.not_json", "The file is damaged or not JSON"),
    ("assess.file.err.not_ours", "Not a result file exported by this tool"),
    ("assess.file.err.newer", "Exported by a newer version (format {n}); please update"),
    ("assess.file.err.unknown", "Unknown questionnaire: {n}"),
    ("assess.file.err.bad_answers", "Answer data is wrong (outside 1–5 or unknown statements)"),
    ("assess.file.err.incomplete", "{n} statements unanswered"),
    ("assess.file.err.duplicate", "Same as a result already imported"),
];
