//! This tool's part of the translation tables (keys start with "scripts.").

use crate::i18n::Table;

pub static ZH: Table = &[
    ("scripts.need.no_benefit", "还没有写利益。"),
    ("scripts.need.no_need", "这条利益没有回应客户说出的需求：先写下客户的需求。"),
    ("scripts.need.unlinked", "这条利益和客户的需求对不上：用客户自己的话说出他得到什么。"),
    ("scripts.need.linked", "利益回应了客户的需求。"),
    ("scripts.cat.guarantee", "承诺保本保收益"),
    ("scripts.cat.superlative", "绝对化用语"),
    ("scripts.cat.suitability", "风险不匹配"),
    ("scripts.import.not_script", "这不是工具箱导出的话术文件。"),
    ("scripts.import.bad", "话术文件内容无效，没有导入。"),
];

pub static EN: Table = &[
    ("scripts.need.no_benefit", "No benefit written yet."),
    ("scripts.need.no_need", "This benefit answers no need the client stated: write down the client's need first."),
    ("scripts.need.unlinked", "This benefit does not match the client's need: say what the client gains, in the client's words."),
    ("scripts.need.linked", "The benefit answers the client's need."),
    ("scripts.cat.guarantee", "Promise of principal or return"),
    ("scripts.cat.superlative", "Superlative claim"),
    ("scripts.cat.suitability", "Risk mismatch"),
    ("scripts.import.not_script", "This is not a script file exported by RM Toolkit."),
    ("scripts.import.bad", "The script file is not valid; nothing was imported."),
];
