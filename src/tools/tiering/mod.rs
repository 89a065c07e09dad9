//! Portfolio tiering 客户价值档案: import a customer list (CSV / TSV pasted
//! from Excel), value every customer with the CLV retention model, sort them
//! into tiers, and show the Pareto curve and the product-holding effect.
//! See issue 4 and ../shared/DESIGN.md §1.

use crate::bench::{median_ms, BenchResult, Clock};
use crate::storage::codec::DocSpec;

pub mod chart;
pub mod csv;
pub mod doc;
pub mod import;
pub mod model;
pub mod sample;
pub mod strings;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod view;
#[cfg(target_arch = "wasm32")]
mod view_share;

/// This tool's registration with the shell.
pub fn tool() -> super::Tool {
    super::Tool {
        id: super::ToolId::Tiering,
        strings: (strings::ZH, strings::EN),
        docs: doc_specs,
        benchmarks,
        #[cfg(target_arch = "wasm32")]
        page: |sub| {
            use leptos::prelude::*;
            view! { <view::Page sub=sub /> }.into_any()
        },
    }
}

/// The documents this tool stores.
pub fn doc_specs() -> Vec<DocSpec> {
    vec![DocSpec::of::<doc::TieringDoc>()]
}

/// The whole pipeline the page runs on an import: parse, value, tier, Pareto.
/// Returns the number of customers (so the work cannot be optimised away).
pub fn pipeline(text: &str) -> usize {
    let Ok(imported) = import::import_auto(text) else {
        return 0;
    };
    let a = model::Assumptions::default();
    match model::analyse(
        &imported.list,
        &a,
        model::Scheme::Vip,
        &model::Thresholds::default(),
    ) {
        Ok(an) => {
            std::hint::black_box(&an.pareto);
            an.tiers.len()
        }
        Err(_) => 0,
    }
}

/// This tool's in-browser benchmarks (run by `#/bench` and scripts/bench.sh):
/// parse + value + tier + Pareto of generated lists of 10k, 100k and 1M rows.
pub fn benchmarks(clock: Clock) -> Vec<BenchResult> {
    let mut out = Vec::new();
    for (rows, runs, label, budget) in [
        (10_000usize, 5usize, "10k", None),
        (100_000, 5, "100k", Some(250.0)),
        (1_000_000, 1, "1m", None),
    ] {
        let text = sample::bench_csv(rows);
        let mut n = 0;
        let ms = median_ms(clock, runs, || n = pipeline(&text));
        out.push(BenchResult {
            name: format!("tiering.pipeline.{label}"),
            ms,
            budget_ms: budget,
            detail: format!(
                "parse+value+tier+Pareto, {n} rows, {} MB CSV, median of {runs}",
                crate::num::fixed(text.len() as f64 / 1e6, 1)
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn pipeline_counts_rows() {
        assert_eq!(super::pipeline(&super::sample::bench_csv(500)), 500);
        assert_eq!(super::pipeline("garbage"), 0);
    }
}
