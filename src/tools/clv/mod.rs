//! CLV studio: six-component CLV, the retention model and its sensitivity,
//! scenarios, lifecycle and follow-up planner. See the tool's issue and
//! ../shared/DESIGN.md. Pure modules (`model`, `retention`, `doc`,
//! `lifecycle`, `chart`) hold all the maths; `view` only binds inputs.

use crate::storage::codec::DocSpec;

pub mod chart;
pub mod doc;
pub mod invalid;
pub mod lifecycle;
pub mod model;
pub mod retention;
pub mod strings;
#[cfg(target_arch = "wasm32")]
pub mod view;
#[cfg(target_arch = "wasm32")]
mod view_life;
#[cfg(target_arch = "wasm32")]
mod view_ret;
#[cfg(target_arch = "wasm32")]
mod view_sc;
#[cfg(target_arch = "wasm32")]
mod view_share;

/// This tool's registration with the shell.
pub fn tool() -> super::Tool {
    super::Tool {
        id: super::ToolId::Clv,
        strings: (strings::ZH, strings::EN),
        docs: doc_specs,
        benchmarks: super::no_benchmarks,
        #[cfg(target_arch = "wasm32")]
        page: |sub| {
            use leptos::prelude::*;
            view! { <view::Page sub=sub /> }.into_any()
        },
    }
}

/// The documents this tool stores.
pub fn doc_specs() -> Vec<DocSpec> {
    vec![DocSpec::of::<doc::ClvDoc>()]
}

#[cfg(test)]
mod tests {
    use super::strings::{EN, ZH};

    /// Every `"clv.…"` key written anywhere in this tool's sources (including
    /// keys returned by pure code and passed around) exists in both tables.
    #[test]
    fn every_clv_key_is_translated() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tools/clv");
        let has = |table: crate::i18n::Table, k: &str| table.iter().any(|(key, _)| key == k);
        let mut missing = Vec::new();
        let mut count = 0;
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == "strings.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let mut rest = text.as_str();
            while let Some(i) = rest.find("\"clv.") {
                let after = &rest[i + 1..];
                let end = after.find('"').unwrap_or(after.len());
                let key = &after[..end];
                if key.len() > 4
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                {
                    count += 1;
                    if !has(ZH, key) || !has(EN, key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
                rest = &after[end.min(after.len())..];
            }
        }
        assert!(count > 100, "only {count} keys found");
        assert!(missing.is_empty(), "untranslated keys: {missing:#?}");
    }
}
