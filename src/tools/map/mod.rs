//! Relationship map 客户关系地图: see issue 5 and ../shared/DESIGN.md §2.
//!
//! Pure modules (native tests): `model` (graph, edits, undo/redo, repair),
//! `analysis` (centrality, introduction paths), `layout` (force, radial),
//! `doc` (stored document, templates, demo, file import/export), `svg`
//! (shapes and standalone SVG export). `view` is the wasm page.

use crate::storage::codec::DocSpec;

pub mod model;
pub mod strings;
#[cfg(target_arch = "wasm32")]
pub mod view;

/// The documents this tool stores.
pub fn doc_specs() -> Vec<DocSpec> {
    Vec::new()
}

/// This tool's in-browser benchmarks (run by `#/bench` and scripts/bench.sh).
pub fn benchmarks(clock: crate::bench::Clock) -> Vec<crate::bench::BenchResult> {
    let _ = clock;
    Vec::new()
}
