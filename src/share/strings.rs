//! The share module's part of the translation tables (keys start with
//! "share."), to be merged into the app's tables (`crate::i18n`). Until then
//! [`lookup`] reads them directly, so pure code (anonymised names) and tests
//! can use them.

use crate::i18n::Table;

pub const STRINGS_ZH: Table = crate::table![
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
    ("share.preparing", "正在生成链接和二维码……"),
    (
        "share.encoder_failed",
        "链接和二维码暂时无法生成：生成它们的部分还没有保存到本机，而现在没有网络。请联网后重试。您的内容没有任何改动。",
    ),
    ("share.retry", "重试"),
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
    (
        "share.handin.replaced",
        "已收到 {name} 的新结果，替换了之前的一份。",
    ),
    ("share.handin.unnamed", "未署名"),
    ("share.handin.refused", "已跳过：{reason}"),
    ("share.handin.title", "交给培训师"),
    (
        "share.handin.hint",
        "把手机屏幕对准培训师电脑的摄像头，听到“嘀”声即已收到。",
    ),
    ("share.handin.name", "姓名"),
    (
        "share.handin.no_name",
        "请先填写姓名，培训师才知道这是谁的结果。",
    ),
    ("share.handin.code", "代码（也可以复制后发给培训师粘贴）"),
    ("share.handin.qr_label", "交给培训师的二维码"),
    (
        "share.handin.contents.result",
        "{trainee}：{name}，{n} 题的作答，{date}",
    ),
    ("share.handin.script_added", "已收到话术“{name}”"),
    (
        "share.handin.script_duplicate",
        "话术“{name}”已在话术库中，已跳过。",
    ),
    ("share.handin.map_added", "已收到关系图“{name}”"),
    (
        "share.handin.map_duplicate",
        "关系图“{name}”已经收到过，已跳过。",
    ),
    // The trainer's receiver (src/ui/scan.rs).
    ("share.scan.open", "扫码收取"),
    ("share.scan.paste_open", "粘贴收取"),
    ("share.scan.close", "停止并关闭"),
    ("share.scan.video", "摄像头画面"),
    (
        "share.scan.starting",
        "正在打开摄像头…（浏览器可能会询问权限）",
    ),
    (
        "share.scan.live",
        "请学员把手机上的二维码对准摄像头，读到即自动收取。",
    ),
    ("share.scan.denied", "未获得摄像头权限。"),
    ("share.scan.nocamera", "找不到可用的摄像头。"),
    (
        "share.scan.other_routes",
        "仍可导入文件，或把链接、代码粘贴到下面。",
    ),
    ("share.scan.paste", "粘贴链接或代码（可一次粘贴多个）"),
    ("share.scan.paste_go", "收取"),
    ("share.scan.log", "本次已处理 {n} 个"),
    ("share.scan.source", "扫码 {time}"),
    // The share panel and opening links (src/ui/share.rs).
    ("share.close", "关闭"),
    ("share.link", "链接"),
    ("share.qr.label", "分享二维码"),
    ("share.qr.scan", "用手机相机扫码即可打开"),
    ("share.fullscreen", "全屏显示二维码"),
    ("share.fullscreen_exit", "退出全屏"),
    ("share.contents", "链接中包含的内容"),
    ("share.contents.name", "名称：{name}"),
    (
        "share.contents.clv",
        "六要素 CLV 的全部输入（{n} 个要素启用）与留存模型输入",
    ),
    (
        "share.contents.tiering",
        "分层方案、分层阈值和估值假设（折现率、期限、留存率）",
    ),
    ("share.contents.script", "{framework}：{n} 个部分"),
    ("share.contents.script_grid", "PPF 九宫格的问题与回答"),
    ("share.contents.script_edit", "修改过的口述稿"),
    ("share.contents.quiz", "问卷：{name}"),
    ("share.contents.target", "讲师的目标画像：{n} 个维度"),
    ("share.contents.no_target", "不含目标画像"),
    ("share.contents.anon_names", "姓名已替换为角色和编号"),
    (
        "share.tiering.no_list",
        "客户名单永远不会放进链接：它是客户数据。链接只包含分层设置和估值假设。",
    ),
    ("share.opened.added", "已打开分享的{kind}“{name}”。"),
    ("share.opened.undo", "撤销"),
    ("share.opened.undone", "已撤销，分享的副本已移除。"),
    ("share.opened.ask", "链接中有一套分享的{kind}。"),
    ("share.opened.replace", "替换我的设置"),
    ("share.opened.keep", "保留我的设置"),
    (
        "share.opened.replaced",
        "已替换为分享的{kind}，客户名单保持不变。",
    ),
    ("share.opened.kept", "已保留您的设置。"),
    ("share.opened.dismiss", "关闭提示"),
    (
        "share.err.full",
        "列表已满，无法再添加副本。请先删除一些内容。",
    ),
];

pub const STRINGS_EN: Table = crate::table![
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
    ("share.preparing", "Preparing the link and QR code…"),
    (
        "share.encoder_failed",
        "The link and QR code cannot be made right now: the part of the app that makes them is not saved on this device yet, and there is no network. Connect and try again. Nothing of yours has changed.",
    ),
    ("share.retry", "Try again"),
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
    (
        "share.handin.replaced",
        "Received {name}'s new result; it replaces the earlier one.",
    ),
    ("share.handin.unnamed", "unnamed"),
    ("share.handin.refused", "Skipped: {reason}"),
    ("share.handin.title", "Hand in to the trainer"),
    (
        "share.handin.hint",
        "Hold this screen up to the trainer's camera; a beep means it was received.",
    ),
    ("share.handin.name", "Your name"),
    (
        "share.handin.no_name",
        "Add your name first, so the trainer knows whose result this is.",
    ),
    (
        "share.handin.code",
        "Code (or copy it and send it to the trainer to paste)",
    ),
    ("share.handin.qr_label", "QR code to hand in"),
    (
        "share.handin.contents.result",
        "{trainee}: {name}, answers to {n} statements, {date}",
    ),
    ("share.handin.script_added", "Received the script “{name}”"),
    (
        "share.handin.script_duplicate",
        "The script “{name}” is already in the library: skipped.",
    ),
    ("share.handin.map_added", "Received the map “{name}”"),
    (
        "share.handin.map_duplicate",
        "The map “{name}” was already received: skipped.",
    ),
    // The trainer's receiver (src/ui/scan.rs).
    ("share.scan.open", "Scan hand-ins"),
    ("share.scan.paste_open", "Receive a pasted code"),
    ("share.scan.close", "Stop and close"),
    ("share.scan.video", "Camera view"),
    (
        "share.scan.starting",
        "Opening the camera… (the browser may ask for permission)",
    ),
    (
        "share.scan.live",
        "Ask trainees to hold their phone's code up to the camera; each is taken as soon as it is read.",
    ),
    ("share.scan.denied", "Camera permission was denied."),
    ("share.scan.nocamera", "No camera is available."),
    (
        "share.scan.other_routes",
        "You can still import files, or paste links and codes below.",
    ),
    (
        "share.scan.paste",
        "Paste links or codes (several at once is fine)",
    ),
    ("share.scan.paste_go", "Receive"),
    ("share.scan.log", "{n} handled this session"),
    ("share.scan.source", "Scan {time}"),
    ("share.close", "Close"),
    ("share.link", "Link"),
    ("share.qr.label", "Share QR code"),
    ("share.qr.scan", "Scan with a phone camera to open"),
    ("share.fullscreen", "Show QR code full screen"),
    ("share.fullscreen_exit", "Exit full screen"),
    ("share.contents", "What the link holds"),
    ("share.contents.name", "Name: {name}"),
    (
        "share.contents.clv",
        "Every input of the six-component CLV ({n} components on) and of the retention model",
    ),
    (
        "share.contents.tiering",
        "The tier scheme, the thresholds and the valuation assumptions (discount, horizon, retention)",
    ),
    ("share.contents.script", "{framework}: {n} parts"),
    ("share.contents.script_grid", "The PPF nine-grid's questions and answers"),
    ("share.contents.script_edit", "The edited spoken text"),
    ("share.contents.quiz", "Questionnaire: {name}"),
    ("share.contents.target", "The trainer's target profile: {n} dimensions"),
    ("share.contents.no_target", "No target profile"),
    ("share.contents.anon_names", "Names replaced by role and number"),
    (
        "share.tiering.no_list",
        "The customer list never goes into a link: it is client data. The link holds only the tier settings and valuation assumptions.",
    ),
    ("share.opened.added", "Opened the shared {kind} \u{201c}{name}\u{201d}."),
    ("share.opened.undo", "Undo"),
    ("share.opened.undone", "Undone: the shared copy was removed."),
    ("share.opened.ask", "This link holds shared {kind}."),
    ("share.opened.replace", "Replace my settings"),
    ("share.opened.keep", "Keep mine"),
    ("share.opened.replaced", "Replaced by the shared {kind}; your customer list is unchanged."),
    ("share.opened.kept", "Your settings were kept."),
    ("share.opened.dismiss", "Dismiss"),
    ("share.err.full", "The list is full: no room for another copy. Delete something first."),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Both tables have the same keys, once each, every text non-empty with
    /// the same placeholders; every "share.…" key used in the module's
    /// sources is in them.
    #[test]
    fn tables_are_complete_and_consistent() {
        let keys = |t: Table| t.iter().map(|(k, _)| k).collect::<Vec<_>>();
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
        let lookup = |lang: Lang, key: &str| {
            let table = match lang {
                Lang::Zh => STRINGS_ZH,
                Lang::En => STRINGS_EN,
            };
            table
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v)
                .unwrap_or("")
        };
        for lang in Lang::ALL {
            for k in &zh {
                if let Some(app) = crate::i18n::lookup(lang, k) {
                    assert_eq!(app, lookup(lang, k), "{k}");
                }
            }
        }
    }
}
