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
