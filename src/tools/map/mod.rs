//! Relationship map 客户关系地图: see issue 5 and ../shared/DESIGN.md §2.
//!
//! Pure modules (native tests): `model` (graph, edits, undo/redo, repair),
//! `analysis` (centrality, introduction paths), `growth` (the group over
//! time: counts by month and kind, the map as of a day), `layout` (force, radial),
//! `doc` (stored document, templates, demo, file import/export), `svg`
//! (shapes and standalone SVG export). `view` is the wasm page.

use crate::storage::codec::DocSpec;

pub mod analysis;
pub mod doc;
pub mod growth;
pub mod layer;
pub mod layout;
pub mod model;
pub mod strings;
pub mod svg;
#[cfg(target_arch = "wasm32")]
pub mod view;
#[cfg(target_arch = "wasm32")]
mod view_layer;
#[cfg(target_arch = "wasm32")]
mod view_share;
pub mod viewport;

/// This tool's registration with the shell.
pub fn tool() -> super::Tool {
    super::Tool {
        id: super::ToolId::Map,
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
    vec![DocSpec::of::<doc::MapDoc>()]
}

/// This tool's in-browser benchmarks (run by `#/bench` and scripts/bench.sh).
pub fn benchmarks(clock: crate::bench::Clock) -> Vec<crate::bench::BenchResult> {
    use crate::bench::{median_ms, BenchResult};
    let mut out = Vec::new();
    for (n, runs) in [(100usize, 5usize), (500, 5), (2_000, 3)] {
        let g = layout::generate(n, 42);
        let opts = layout::ForceOpts::default();
        let ms = median_ms(clock, runs, || {
            std::hint::black_box(layout::force(&g, &opts));
        });
        out.push(BenchResult {
            name: format!("map.force.{n}"),
            ms,
            budget_ms: (n == 500).then_some(150.0),
            detail: format!(
                "{n} nodes, {} links, {} iterations, median of {runs}",
                g.links.len(),
                opts.iterations
            ),
        });
    }
    for n in [500usize, 2_000] {
        let g = layout::generate(n, 42);
        let ms = median_ms(clock, 3, || {
            std::hint::black_box(analysis::summary(&g, 5));
        });
        out.push(BenchResult {
            name: format!("map.analysis.{n}"),
            ms,
            budget_ms: None,
            detail: format!(
                "degree + betweenness (Brandes, ≤{} sources) + reach, {n} nodes, {} links",
                analysis::PANEL_SOURCES,
                g.links.len()
            ),
        });
        let target = g.nodes[n - 1].id;
        let ms = median_ms(clock, 5, || {
            std::hint::black_box(analysis::intro_path(&g, 1, target));
        });
        out.push(BenchResult {
            name: format!("map.path.{n}"),
            ms,
            budget_ms: None,
            detail: format!("Dijkstra introduction path, {n} nodes"),
        });
    }
    let g = layout::generate(500, 42);
    let ms = median_ms(clock, 5, || {
        std::hint::black_box(svg::export(&g, "bench", crate::i18n::Lang::Zh));
    });
    out.push(BenchResult {
        name: "map.svg_export.500".into(),
        ms,
        budget_ms: None,
        detail: "standalone SVG string, 500 nodes, 1000 links".into(),
    });
    out
}

#[cfg(test)]
mod bench_tests {
    // Slow in debug builds: run with `cargo test --release tools::map::bench`.
    #[test]
    #[cfg_attr(debug_assertions, ignore)]
    fn benchmarks_run_natively() {
        let t0 = std::time::Instant::now();
        let clock = move || t0.elapsed().as_secs_f64() * 1000.0;
        let r = super::benchmarks(&clock);
        assert_eq!(r.len(), 8);
        for b in &r {
            assert!(b.ms.is_finite() && b.ms >= 0.0);
            println!("{:24} {:9.2} ms  {}", b.name, b.ms, b.detail);
        }
    }
}
