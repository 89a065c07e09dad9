//! CLV studio: six-component CLV, the retention model and its sensitivity,
//! scenarios, lifecycle and follow-up planner. See the tool's issue and
//! ../shared/DESIGN.md. Pure modules (`model`, `retention`, `doc`,
//! `lifecycle`, `chart`) hold all the maths; `view` only binds inputs.

use crate::storage::codec::DocSpec;

pub mod chart;
pub mod doc;
pub mod lifecycle;
pub mod model;
pub mod retention;
pub mod strings;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The documents this tool stores.
pub fn doc_specs() -> Vec<DocSpec> {
    vec![DocSpec::of::<doc::ClvDoc>()]
}
