//! This tool's part of the translation tables (keys start with "scripts.").

use crate::i18n::{Lang, Table};

/// A text with a count `{n}`: the key's ".one" form when `n` is 1 (English
/// singular), else the key's own (plural) form.
pub fn count(lang: Lang, key: &str, n: usize) -> String {
    count_with(lang, key, n, &[])
}

/// [`count`] with more placeholders to fill.
pub fn count_with(lang: Lang, key: &str, n: usize, args: &[(&str, &str)]) -> String {
    let one = format!("{key}.one");
    let text = (n == 1)
        .then(|| crate::i18n::lookup(lang, &one))
        .flatten()
        .or_else(|| crate::i18n::lookup(lang, key))
        .unwrap_or(key);
    let n = n.to_string();
    let mut all: Vec<(&str, &str)> = vec![("n", &n)];
    all.extend_from_slice(args);
    crate::i18n::fill(text, &all)
}

pub static ZH: Table = crate::table![
    ("scripts.cards.a5", "A5 大卡片（每页一张更大）"),
    ("scripts.cards.hint", "A4 纸每页可打印多张提示卡。"),
    ("scripts.cards.print", "打印提示卡"),
    ("scripts.cat.guarantee", "承诺保本保收益"),
    ("scripts.cat.suitability", "风险不匹配"),
    ("scripts.cat.superlative", "绝对化用语"),
    ("scripts.ed.client_risk", "客户风险承受能力"),
    ("scripts.ed.copied", "已复制到剪贴板。"),
    ("scripts.ed.copy", "复制"),
    ("scripts.ed.example", "示例："),
    ("scripts.ed.hint", "提示与示例"),
    ("scripts.ed.lang", "话术语言"),
    ("scripts.ed.level.none", "未设定"),
    ("scripts.ed.name", "名称"),
    ("scripts.ed.need", "客户需求"),
    (
        "scripts.ed.need.placeholder",
        "用客户自己的话写下需求，例如：三年后孩子上大学要用一笔学费",
    ),
    ("scripts.ed.product_risk", "产品风险等级"),
    ("scripts.ed.edit.stale", "各部分已修改，但下方仍是你手动改过的话术（未被覆盖）。要改用新组合的话术，还是保留你的修改？"),
    ("scripts.ed.edit.use_new", "改用新组合的话术"),
    ("scripts.ed.edit.use_new.confirm", "放弃你对完整话术的手动修改，改用按各部分重新组合的话术？"),
    ("scripts.ed.edit.keep", "保留我的修改"),
    ("scripts.ed.edit.mine", "这是你修改过的话术，已自动保存；修改各部分不会覆盖它。"),
    ("scripts.ed.spoken", "完整话术"),
    (
        "scripts.ed.spoken.hint",
        "按讲述顺序自动组合并加上过渡语；可在这里直接修改（自动保存），修改后各部分的改动不会覆盖它。",
    ),
    ("scripts.ed.use_example", "填入示例"),
    ("scripts.flags.count", "{n} 处合规提示"),
    ("scripts.flags.count.one", "{n} 处合规提示"),
    ("scripts.flags.none", "没有发现合规问题。"),
    ("scripts.import.bad", "话术文件内容无效，没有导入。"),
    ("scripts.import.not_script", "这不是工具箱导出的话术文件。"),
    ("scripts.lib.copy_word", "副本"),
    ("scripts.lib.count", "共 {n} 份话术"),
    ("scripts.lib.count.one", "共 {n} 份话术"),
    ("scripts.lib.create", "新建"),
    ("scripts.lib.delete", "删除"),
    ("scripts.lib.delete.confirm", "确定删除“{name}”？"),
    ("scripts.lib.duplicate", "复制一份"),
    ("scripts.lib.export", "导出"),
    ("scripts.lib.export_all", "导出全部话术"),
    ("scripts.lib.framework", "框架"),
    ("scripts.lib.from_framework", "按框架新建"),
    ("scripts.lib.from_template", "从产品模板新建 FABE"),
    ("scripts.lib.full", "话术库已满，请先删除一些。"),
    ("scripts.lib.import", "导入话术文件"),
    (
        "scripts.lib.import.hint",
        "导入从本工具导出的 .rmscript.json（一份）或 .rmscripts.json（全部）文件，会作为新话术加入。",
    ),
    ("scripts.lib.imported", "已导入“{name}”。"),
    ("scripts.lib.imported_n", "已导入 {n} 份话术。"),
    ("scripts.lib.imported_n.one", "已导入 {n} 份话术。"),
    ("scripts.lib.product", "产品"),
    ("scripts.lib.rename", "重命名"),
    ("scripts.lib.rename.prompt", "新名称："),
    ("scripts.lib.search", "搜索话术"),
    ("scripts.lib.with_example", "填入示例话术"),
    ("scripts.missing", "找不到这份话术，可能已被删除。"),
    ("scripts.nav", "话术页面"),
    ("scripts.need.linked", "利益回应了客户的需求。"),
    ("scripts.need.no_benefit", "还没有写利益。"),
    (
        "scripts.need.no_need",
        "这条利益没有回应客户说出的需求：先写下客户的需求。",
    ),
    (
        "scripts.need.unlinked",
        "这条利益和客户的需求对不上：用客户自己的话说出他得到什么。",
    ),
    ("scripts.ppf.add_q", "添加问题"),
    ("scripts.ppf.answers", "客户的回答"),
    ("scripts.ppf.bank", "从题库添加…"),
    (
        "scripts.ppf.intro",
        "过去、现在、未来 × 三个主题：每格写下要问的问题和客户的回答，生成访谈顺序和需求总结。",
    ),
    ("scripts.ppf.name", "PPF九宫格"),
    ("scripts.ppf.new_fabe", "新建一份 FABE"),
    ("scripts.ppf.plan", "访谈提纲（过去 → 现在 → 未来）"),
    ("scripts.ppf.plan.empty", "还没有问题：在格子里添加问题。"),
    ("scripts.ppf.remove_q", "删除这个问题"),
    ("scripts.ppf.send", "把需求发送到 FABE"),
    ("scripts.ppf.send_to", "发送到"),
    (
        "scripts.ppf.replace.confirm",
        "“{name}”已经写有客户需求：\n{old}\n\n要替换为：\n{new}",
    ),
    ("scripts.ppf.sent", "需求已写入 FABE 的“客户需求”。"),
    ("scripts.ppf.summary", "需求总结"),
    (
        "scripts.ppf.summary.empty",
        "还没有回答：记录客户的回答后生成需求总结。",
    ),
    ("scripts.ppf.theme", "主题"),
    ("scripts.ppf.theme_n", "主题 {n}"),
    ("scripts.practice.choose", "选择要遮住的部分"),
    ("scripts.practice.compare", "对照原文"),
    (
        "scripts.practice.intro",
        "每次遮住一部分，凭记忆说出或写下来，再对照原文。",
    ),
    ("scripts.practice.missing", "漏掉的内容："),
    ("scripts.practice.na", "练习模式适用于 FABE 和分步话术。"),
    ("scripts.practice.next", "下一部分"),
    ("scripts.practice.original", "原文："),
    ("scripts.practice.recall", "凭记忆写出这一部分"),
    ("scripts.practice.score", "记住了 {n}%"),
    ("scripts.quiz.intro", "这句话属于 FABE 的哪一部分？"),
    ("scripts.quiz.next", "下一题"),
    ("scripts.quiz.right", "答对了！"),
    ("scripts.quiz.score", "得分：{r} / {t}"),
    ("scripts.quiz.title", "FABE 小测验"),
    ("scripts.quiz.wrong", "不对，这是 {part}。"),
    ("scripts.tab.cards", "提示卡"),
    ("scripts.tab.edit", "编辑"),
    ("scripts.tab.library", "话术库"),
    ("scripts.tab.practice", "练习"),
    ("scripts.tab.quiz", "小测验"),
    ("scripts.rules.title", "合规检查看哪些用语？"),
    ("scripts.rules.suitability", "同时填写产品风险等级（R1–R5）和客户风险承受能力（C1–C5）时，产品等级高于客户等级会提示。"),
    ("scripts.rules.limits", "这是教学辅助，不是合规审查：按词语匹配，换一种说法的违规承诺查不出来；“不保本”“第一次”“最低起存”等常见无害说法已排除。"),
];

pub static EN: Table = crate::table![
    ("scripts.cards.a5", "A5 large cards"),
    ("scripts.cards.hint", "An A4 page holds several cue cards."),
    ("scripts.cards.print", "Print cue cards"),
    ("scripts.cat.guarantee", "Promise of principal or return"),
    ("scripts.cat.suitability", "Risk mismatch"),
    ("scripts.cat.superlative", "Superlative claim"),
    ("scripts.ed.client_risk", "Client risk tolerance"),
    ("scripts.ed.copied", "Copied to the clipboard."),
    ("scripts.ed.copy", "Copy"),
    ("scripts.ed.example", "Example:"),
    ("scripts.ed.hint", "Hint and example"),
    ("scripts.ed.lang", "Script language"),
    ("scripts.ed.level.none", "Not set"),
    ("scripts.ed.name", "Name"),
    ("scripts.ed.need", "Customer need"),
    ("scripts.ed.need.placeholder", "The need in the client's words, e.g. school fees for her daughter in three years"),
    ("scripts.ed.product_risk", "Product risk level"),
    ("scripts.ed.edit.stale", "The parts have changed, but the script below is still your own edit (not overwritten). Use the newly assembled script, or keep your edit?"),
    ("scripts.ed.edit.use_new", "Use the new assembled script"),
    ("scripts.ed.edit.use_new.confirm", "Discard your edits to the spoken script and use the one assembled from the parts?"),
    ("scripts.ed.edit.keep", "Keep my edit"),
    ("scripts.ed.edit.mine", "This is your edited script, saved automatically; editing the parts will not overwrite it."),
    ("scripts.ed.spoken", "Spoken script"),
    ("scripts.ed.spoken.hint", "Assembled in speaking order with transitions; you may edit it here (saved automatically; later changes to the parts will not overwrite your edit)."),
    ("scripts.ed.use_example", "Use the example"),
    ("scripts.flags.count", "{n} compliance flags"),
    ("scripts.flags.count.one", "{n} compliance flag"),
    ("scripts.flags.none", "No compliance issues found."),
    ("scripts.import.bad", "The script file is not valid; nothing was imported."),
    ("scripts.import.not_script", "This is not a script file exported by RM Toolkit."),
    ("scripts.lib.copy_word", "(copy)"),
    ("scripts.lib.count", "{n} scripts"),
    ("scripts.lib.count.one", "{n} script"),
    ("scripts.lib.create", "Create"),
    ("scripts.lib.delete", "Delete"),
    ("scripts.lib.delete.confirm", "Delete “{name}”?"),
    ("scripts.lib.duplicate", "Duplicate"),
    ("scripts.lib.export", "Export"),
    ("scripts.lib.export_all", "Export all scripts"),
    ("scripts.lib.framework", "Framework"),
    ("scripts.lib.from_framework", "New from a framework"),
    ("scripts.lib.from_template", "New FABE from a product template"),
    ("scripts.lib.full", "The library is full; delete some scripts first."),
    ("scripts.lib.import", "Import a script file"),
    ("scripts.lib.import.hint", "Import a .rmscript.json (one script) or .rmscripts.json (all scripts) file exported from this tool; it is added as new scripts."),
    ("scripts.lib.imported", "Imported “{name}”."),
    ("scripts.lib.imported_n", "Imported {n} scripts."),
    ("scripts.lib.imported_n.one", "Imported {n} script."),
    ("scripts.lib.product", "Product"),
    ("scripts.lib.rename", "Rename"),
    ("scripts.lib.rename.prompt", "New name:"),
    ("scripts.lib.search", "Search scripts"),
    ("scripts.lib.with_example", "Fill in the example script"),
    ("scripts.missing", "This script was not found; it may have been deleted."),
    ("scripts.nav", "Script pages"),
    ("scripts.need.linked", "The benefit answers the client's need."),
    ("scripts.need.no_benefit", "No benefit written yet."),
    ("scripts.need.no_need", "This benefit answers no need the client stated: write down the client's need first."),
    ("scripts.need.unlinked", "This benefit does not match the client's need: say what the client gains, in the client's words."),
    ("scripts.ppf.add_q", "Add a question"),
    ("scripts.ppf.answers", "Client's answers"),
    ("scripts.ppf.bank", "Add from the question bank…"),
    ("scripts.ppf.intro", "Past, present, future × three themes: write the questions and the client's answers in each cell to get an interview plan and a needs summary."),
    ("scripts.ppf.name", "PPF nine-grid"),
    ("scripts.ppf.new_fabe", "A new FABE pitch"),
    ("scripts.ppf.plan", "Interview plan (past → present → future)"),
    ("scripts.ppf.plan.empty", "No questions yet: add some in the cells."),
    ("scripts.ppf.remove_q", "Remove this question"),
    ("scripts.ppf.send", "Send the need to FABE"),
    ("scripts.ppf.send_to", "Send to"),
    ("scripts.ppf.replace.confirm", "“{name}” already has a customer need:\n{old}\n\nReplace it with:\n{new}"),
    ("scripts.ppf.sent", "The need was written into the FABE pitch's customer need."),
    ("scripts.ppf.summary", "Needs summary"),
    ("scripts.ppf.summary.empty", "No answers yet: record the client's answers to get a summary."),
    ("scripts.ppf.theme", "Theme"),
    ("scripts.ppf.theme_n", "Theme {n}"),
    ("scripts.practice.choose", "Choose the part to hide"),
    ("scripts.practice.compare", "Compare"),
    ("scripts.practice.intro", "One part is hidden at a time: say or type it from memory, then compare."),
    ("scripts.practice.missing", "Missed:"),
    ("scripts.practice.na", "Practice mode is for FABE and step-by-step scripts."),
    ("scripts.practice.next", "Next part"),
    ("scripts.practice.original", "Original:"),
    ("scripts.practice.recall", "Type this part from memory"),
    ("scripts.practice.score", "{n}% recalled"),
    ("scripts.quiz.intro", "Which part of FABE is this sentence?"),
    ("scripts.quiz.next", "Next question"),
    ("scripts.quiz.right", "Right!"),
    ("scripts.quiz.score", "Score: {r} / {t}"),
    ("scripts.quiz.title", "FABE quiz"),
    ("scripts.quiz.wrong", "Not quite: this is {part}."),
    ("scripts.tab.cards", "Cue cards"),
    ("scripts.tab.edit", "Edit"),
    ("scripts.tab.library", "Library"),
    ("scripts.tab.practice", "Practice"),
    ("scripts.tab.quiz", "Quiz"),
    ("scripts.rules.title", "What does the compliance check look for?"),
    ("scripts.rules.suitability", "When both the product risk level (R1–R5) and the client's risk tolerance (C1–C5) are given, a product level above the client's is flagged."),
    ("scripts.rules.limits", "A teaching aid, not a compliance review: it matches phrases, so a forbidden promise worded differently is not caught; common harmless phrases (\"not risk-free\", \"best regards\", 第一次, 不保本…) are excluded."),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 15 item 25: "1 links" — counts take the singular in English.
    #[test]
    fn counts_take_singular_and_plural_forms() {
        assert_eq!(
            count(Lang::En, "scripts.flags.count", 1),
            "1 compliance flag"
        );
        assert_eq!(
            count(Lang::En, "scripts.flags.count", 2),
            "2 compliance flags"
        );
        assert_eq!(
            count(Lang::En, "scripts.flags.count", 0),
            "0 compliance flags"
        );
        assert_eq!(count(Lang::En, "scripts.lib.count", 1), "1 script");
        assert_eq!(count(Lang::Zh, "scripts.lib.count", 1), "共 1 份话术");
        assert_eq!(count(Lang::Zh, "scripts.lib.count", 7), "共 7 份话术");
        // Every English count text with a plural noun has its singular form.
        for (k, v) in EN {
            if v.contains("{n}")
                && !k.ends_with(".one")
                && !v.contains('%')
                && k != "scripts.ppf.theme_n"
            {
                let one = format!("{k}.one");
                assert!(EN.iter().any(|(k2, _)| *k2 == one), "{k} has no .one form");
            }
        }
    }
}
