//! The share module's part of the translation tables (keys start with
//! "share."), to be merged into the app's tables (`crate::i18n`). Until then
//! [`lookup`] reads them directly, so pure code (anonymised names) and tests
//! can use them.

use crate::i18n::{Lang, Table};

pub const STRINGS_ZH: Table = &[
    // Why a link or code was refused (`ShareError::message_key`).
    ("share.err.empty", "链接里没有可打开的内容。"),
    ("share.err.foreign", "这不是本工具箱的分享链接或二维码。"),
    (
        "share.err.newer",
        "这个链接由更新版本的工具箱生成。请刷新页面（或联网后重新打开）再试。",
    ),
    (
        "share.err.truncated",
        "链接不完整，可能复制时少了一段。请完整复制链接或重新扫码。",
    ),
    (
        "share.err.damaged",
        "链接已损坏（校验不通过），内容无法还原。请重新获取链接。",
    ),
    ("share.err.too_large", "链接里的内容太大，无法打开。"),
    (
        "share.err.other_edition",
        "这个链接由另一版本的工具箱生成（内置模板不同），无法还原。请双方刷新页面后重新分享。",
    ),
    ("share.err.invalid", "链接完好，但内容无法在这里使用。"),
    (
        "share.err.outdated",
        "这份测评结果对应的问卷版本与本机不同（题目已更改），无法计入。",
    ),
    (
        "share.err.wrong_kind",
        "这里需要的是另一种内容（例如测评结果）。",
    ),
    ("share.err.nothing_changed", "您的数据没有任何改动。"),
    // What a link carries (`Kind::name_key`).
    ("share.kind.clv", "客户终生价值案例"),
    ("share.kind.tiering", "客户分层设置"),
    ("share.kind.map", "客户关系图"),
    ("share.kind.script", "话术"),
    ("share.kind.quiz", "测评问卷"),
    ("share.kind.result", "测评结果"),
    // The share dialog.
    ("share.title", "分享"),
    ("share.copy_link", "复制链接"),
    ("share.copied", "已复制"),
    ("share.link_chars", "链接长度：{n} 个字符"),
    (
        "share.private_note",
        "内容只在链接的 # 之后，浏览器不会把它发送给任何服务器。",
    ),
    ("share.opened_copy", "已添加为副本，您原有的内容没有改动。"),
    (
        "share.tiering_replaces",
        "打开后将替换您当前的分层设置（客户名单保留不变）。",
    ),
    ("share.export_file", "导出文件"),
    // The QR size meter (`qr::Advice`).
    ("share.qr.version", "二维码版本 {v}（{n}×{n} 模块）"),
    ("share.qr.distance", "投影画面宽 2 米时，约 {m} 米内可扫码"),
    (
        "share.qr.dense",
        "二维码太密，远处的手机难以识别。建议改用导出文件交接。",
    ),
    (
        "share.qr.too_large",
        "内容太多，无法生成二维码。请使用链接或导出文件。",
    ),
    // Anonymising a map.
    (
        "share.anon.toggle",
        "匿名化（用角色和编号代替姓名，去掉备注）",
    ),
    ("share.anon.map_name", "匿名关系图"),
    ("share.contents.people", "{n} 人"),
    ("share.contents.links", "{n} 条关系"),
    ("share.contents.names", "{n} 个姓名"),
    ("share.contents.notes", "{n} 条备注"),
    ("share.contents.tags", "{n} 人有标签"),
    ("share.contents.dates", "{n} 个生日/纪念日"),
    ("share.contents.since", "{n} 个结识日期"),
    ("share.contents.labels", "{n} 条关系说明"),
    // Hand-in (`assess::HandIn`).
    ("share.handin.show", "出示给讲师扫码"),
    ("share.handin.added", "已收到 {name} 的结果"),
    (
        "share.handin.duplicate",
        "{name} 的这份结果已经收到过，已跳过。",
    ),
    (
        "share.handin.retake",
        "{name} 已有一份结果。替换为新的，还是两份都保留？",
    ),
    ("share.handin.replace", "替换"),
    ("share.handin.keep_both", "都保留"),
];

pub const STRINGS_EN: Table = &[
    ("share.err.empty", "The link holds nothing to open."),
    (
        "share.err.foreign",
        "This is not a share link or code of this toolkit.",
    ),
    (
        "share.err.newer",
        "This link was made by a newer version of the toolkit. Reload the page (online) and try again.",
    ),
    (
        "share.err.truncated",
        "The link is incomplete — part of it was probably not copied. Copy the whole link or scan the code again.",
    ),
    (
        "share.err.damaged",
        "The link is damaged (its checksum does not match) and cannot be read. Ask for the link again.",
    ),
    ("share.err.too_large", "The link's content is too large to open."),
    (
        "share.err.other_edition",
        "This link was made by another version of the toolkit (its built-in templates differ) and cannot be read. Reload the page on both sides and share again.",
    ),
    ("share.err.invalid", "The link is intact, but its content cannot be used here."),
    (
        "share.err.outdated",
        "This result was made with a different version of the questionnaire (its statements changed), so it cannot be counted.",
    ),
    (
        "share.err.wrong_kind",
        "Something else is expected here (for example an assessment result).",
    ),
    ("share.err.nothing_changed", "Nothing in your data was changed."),
    ("share.kind.clv", "CLV case"),
    ("share.kind.tiering", "tier settings"),
    ("share.kind.map", "relationship map"),
    ("share.kind.script", "script"),
    ("share.kind.quiz", "questionnaire"),
    ("share.kind.result", "assessment result"),
    ("share.title", "Share"),
    ("share.copy_link", "Copy link"),
    ("share.copied", "Copied"),
    ("share.link_chars", "Link length: {n} characters"),
    (
        "share.private_note",
        "The content is only after the # of the link, which browsers never send to a server.",
    ),
    (
        "share.opened_copy",
        "Added as a copy; your own work is unchanged.",
    ),
    (
        "share.tiering_replaces",
        "Opening it replaces your current tier settings (your customer list stays).",
    ),
    ("share.export_file", "Export file"),
    ("share.qr.version", "QR version {v} ({n}×{n} modules)"),
    (
        "share.qr.distance",
        "On a 2 m wide projected image, scannable from about {m} m",
    ),
    (
        "share.qr.dense",
        "This code is dense: phones far away will struggle. Hand over an exported file instead.",
    ),
    (
        "share.qr.too_large",
        "Too much content for a QR code. Use the link or export a file.",
    ),
    (
        "share.anon.toggle",
        "Anonymise (names become role and number, notes are dropped)",
    ),
    ("share.anon.map_name", "Anonymised map"),
    ("share.contents.people", "{n} people"),
    ("share.contents.links", "{n} links"),
    ("share.contents.names", "{n} names"),
    ("share.contents.notes", "{n} notes"),
    ("share.contents.tags", "{n} people with tags"),
    ("share.contents.dates", "{n} birthdays/anniversaries"),
    ("share.contents.since", "{n} \"known since\" dates"),
    ("share.contents.labels", "{n} link labels"),
    ("share.handin.show", "Show to the trainer to scan"),
    ("share.handin.added", "Received {name}'s result"),
    (
        "share.handin.duplicate",
        "{name}'s result was already received; skipped.",
    ),
    (
        "share.handin.retake",
        "{name} already has a result. Replace it with the new one, or keep both?",
    ),
    ("share.handin.replace", "Replace"),
    ("share.handin.keep_both", "Keep both"),
];

/// The text of a share key in `lang` (the key itself when unknown).
pub fn lookup(lang: Lang, key: &'static str) -> &'static str {
    let table = match lang {
        Lang::Zh => STRINGS_ZH,
        Lang::En => STRINGS_EN,
    };
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
        .unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both tables have the same keys, once each, every text non-empty with
    /// the same placeholders; every "share.…" key used in the module's
    /// sources is in them.
    #[test]
    fn tables_are_complete_and_consistent() {
        let keys = |t: Table| t.iter().map(|(k, _)| *k).collect::<Vec<_>>();
        let (zh, en) = (keys(STRINGS_ZH), keys(STRINGS_EN));
        assert_eq!(zh, en);
        let set: std::collections::BTreeSet<_> = zh.iter().collect();
        assert_eq!(set.len(), zh.len(), "duplicate keys");
        let holes = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(h, _)| h.to_string()))
                .collect();
            crate::sort::asc(&mut v);
            v
        };
        for ((k, z), (_, e)) in STRINGS_ZH.iter().zip(STRINGS_EN) {
            assert!(!z.trim().is_empty() && !e.trim().is_empty(), "{k}");
            assert_eq!(holes(z), holes(e), "{k}");
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/share");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.file_name() == "strings.rs" {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for part in text.split("\"share.").skip(1) {
                let key = format!("share.{}", part.split('"').next().unwrap_or(""));
                if key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                    && !set.contains(&key.as_str())
                {
                    missing.push(key);
                }
            }
        }
        assert!(missing.is_empty(), "untranslated: {missing:?}");
        // Once merged into the app's tables, the texts are these.
        for lang in Lang::ALL {
            for k in &zh {
                if let Some(app) = crate::i18n::lookup(lang, k) {
                    assert_eq!(app, lookup(lang, k), "{k}");
                }
            }
        }
    }
}
