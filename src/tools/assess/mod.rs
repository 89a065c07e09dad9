//! Self-assessment 自我测评: questionnaires as data, pure scoring and
//! interpretation, radar geometry, result files, and the stored document.
//! See the tool's issue and ../shared/DESIGN.md §4.

use crate::storage::codec::DocSpec;

pub mod data;
pub mod doc;
pub mod file;
pub mod model;
pub mod radar;
pub mod score;
pub mod strings;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// This tool's registration with the shell.
pub fn tool() -> super::Tool {
    super::Tool {
        id: super::ToolId::Assess,
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
    vec![DocSpec::of::<doc::AssessDoc>()]
}
#[cfg(target_arch = "wasm32")]
pub mod class;
#[cfg(target_arch = "wasm32")]
pub mod result;
#[cfg(target_arch = "wasm32")]
pub mod take;
#[cfg(target_arch = "wasm32")]
mod view_share;
