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

/// The documents this tool stores.
pub fn doc_specs() -> Vec<DocSpec> {
    vec![DocSpec::of::<library::ScriptsDoc>()]
}
