//! The four tools of the course (CLV studio and portfolio tiering are listed
//! apart). One folder per tool: `model`/pure logic with native tests,
//! `strings.rs` with its part of the translation tables, `view.rs` (wasm only).

use crate::i18n::{Lang, Table};
use crate::storage::codec::DocSpec;

pub mod assess;
pub mod clv;
pub mod map;
pub mod scripts;
pub mod tiering;

/// The tools, in the order the home page and navigation show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ToolId {
    Clv,
    Tiering,
    Map,
    Scripts,
    Assess,
}

impl ToolId {
    pub const ALL: [ToolId; 5] = [
        ToolId::Clv,
        ToolId::Tiering,
        ToolId::Map,
        ToolId::Scripts,
        ToolId::Assess,
    ];

    /// The address segment: `#/clv`.
    pub fn slug(self) -> &'static str {
        match self {
            ToolId::Clv => "clv",
            ToolId::Tiering => "tiering",
            ToolId::Map => "map",
            ToolId::Scripts => "scripts",
            ToolId::Assess => "assess",
        }
    }

    pub fn from_slug(s: &str) -> Option<ToolId> {
        ToolId::ALL.into_iter().find(|t| t.slug() == s)
    }

    /// Translation key of the tool's name.
    pub fn name_key(self) -> &'static str {
        match self {
            ToolId::Clv => "tool.clv.name",
            ToolId::Tiering => "tool.tiering.name",
            ToolId::Map => "tool.map.name",
            ToolId::Scripts => "tool.scripts.name",
            ToolId::Assess => "tool.assess.name",
        }
    }

    /// Translation key of the tool's one-paragraph introduction.
    pub fn intro_key(self) -> &'static str {
        match self {
            ToolId::Clv => "tool.clv.intro",
            ToolId::Tiering => "tool.tiering.intro",
            ToolId::Map => "tool.map.intro",
            ToolId::Scripts => "tool.scripts.intro",
            ToolId::Assess => "tool.assess.intro",
        }
    }

    /// A small emblem for cards and navigation.
    pub fn icon(self) -> &'static str {
        match self {
            ToolId::Clv => "¥",
            ToolId::Tiering => "▤",
            ToolId::Map => "◎",
            ToolId::Scripts => "❝",
            ToolId::Assess => "✦",
        }
    }
}

/// Each tool's part of the translation table for `lang`.
pub fn strings(lang: Lang) -> Vec<Table> {
    let pick = |zh: Table, en: Table| if lang == Lang::Zh { zh } else { en };
    vec![
        pick(clv::strings::ZH, clv::strings::EN),
        pick(tiering::strings::ZH, tiering::strings::EN),
        pick(map::strings::ZH, map::strings::EN),
        pick(scripts::strings::ZH, scripts::strings::EN),
        pick(assess::strings::ZH, assess::strings::EN),
    ]
}

/// Every tool's stored documents.
pub fn doc_specs() -> Vec<DocSpec> {
    let mut v = Vec::new();
    v.extend(clv::doc_specs());
    v.extend(tiering::doc_specs());
    v.extend(map::doc_specs());
    v.extend(scripts::doc_specs());
    v.extend(assess::doc_specs());
    v
}

/// Every tool's in-browser benchmarks (see `crate::bench`).
pub fn benchmarks(clock: crate::bench::Clock) -> Vec<crate::bench::BenchResult> {
    let mut v = Vec::new();
    v.extend(tiering::benchmarks(clock));
    v.extend(map::benchmarks(clock));
    v
}
