//! Script builders 话术构建器: FABE pitches, PPF nine-grid interviews and
//! step-by-step conversation scripts. Frameworks, templates and compliance
//! rules are data; assembly and checks are pure Rust (tested natively).

use crate::storage::codec::DocSpec;

pub mod compliance;
pub mod framework;
pub mod library;
pub mod nav;
pub mod ppf;
pub mod practice;
pub mod strings;
pub mod templates;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod view;
#[cfg(target_arch = "wasm32")]
mod view_share;

/// This tool's registration with the shell.
pub fn tool() -> super::Tool {
    super::Tool {
        id: super::ToolId::Scripts,
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
    vec![DocSpec::of::<library::ScriptsDoc>()]
}
