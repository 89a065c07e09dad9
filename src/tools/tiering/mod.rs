//! See the tool's issue and ../shared/DESIGN.md.

use crate::storage::codec::DocSpec;

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
