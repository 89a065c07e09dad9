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

/// What a tool hands to the shell: the one small description through which
/// the shell knows it. Each binary of the app (one per tool, see
/// `src/bin/`) passes its own tool to [`crate::app::start`]; the shell never
/// reaches into a tool, so a binary holds only the shell and that one tool.
#[derive(Clone, Copy)]
pub struct Tool {
    pub id: ToolId,
    /// The tool's part of the translation tables (zh, en).
    pub strings: (Table, Table),
    /// The documents the tool stores (full migration and validation).
    pub docs: fn() -> Vec<DocSpec>,
    /// The tool's in-browser benchmarks (`#/bench/<tool>`).
    pub benchmarks: fn(crate::bench::Clock) -> Vec<crate::bench::BenchResult>,
    /// The tool's page for a sub-route (`#/clv/retention` → `"retention"`).
    #[cfg(target_arch = "wasm32")]
    pub page: fn(leptos::prelude::Signal<String>) -> leptos::prelude::AnyView,
}

impl Tool {
    pub fn strings(&self, lang: Lang) -> Table {
        match lang {
            Lang::Zh => self.strings.0,
            Lang::En => self.strings.1,
        }
    }
}

/// No benchmarks.
pub fn no_benchmarks(_: crate::bench::Clock) -> Vec<crate::bench::BenchResult> {
    Vec::new()
}

/// Every document every tool stores, by name, with the schema this version
/// of the app writes. This list is all that every binary knows of the other
/// tools' documents: enough to export them exactly as stored, to check an
/// imported one generically (ours, known, not from a newer version) and to
/// reset it, and whether it lives in IndexedDB (`DocData::LARGE`) rather
/// than localStorage. A test checks it against each tool's own `docs()`.
pub const CATALOGUE: &[(ToolId, &str, u32, bool)] = &[
    (ToolId::Clv, "clv", 1, false),
    (ToolId::Tiering, "tiering", 1, true),
    (ToolId::Map, "map", 2, false),
    (ToolId::Scripts, "scripts", 1, false),
    (ToolId::Assess, "assess", 1, false),
];

/// Every tool (native tests and tools that need the full list; no binary's
/// shell calls this).
pub fn all() -> [Tool; 5] {
    [
        clv::tool(),
        tiering::tool(),
        map::tool(),
        scripts::tool(),
        assess::tool(),
    ]
}

/// Every tool's stored documents, fully (tests).
pub fn all_doc_specs() -> Vec<DocSpec> {
    all().iter().flat_map(|t| (t.docs)()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_matches_every_tool() {
        let mut from_tools = Vec::new();
        for t in all() {
            for spec in (t.docs)() {
                from_tools.push((t.id, spec.name, spec.schema, spec.large));
            }
        }
        assert_eq!(from_tools, CATALOGUE.to_vec());
    }

    #[test]
    fn registrations_are_in_order() {
        let ids: Vec<ToolId> = all().iter().map(|t| t.id).collect();
        assert_eq!(ids, ToolId::ALL.to_vec());
    }
}
