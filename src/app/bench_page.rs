//! `#/bench/<tool>`: runs that tool's benchmarks in the release build and shows the
//! figures in a table that scripts/bench.sh reads.

use crate::bench::BenchResult;
use crate::i18n::format::fmt_number;
use leptos::prelude::*;

fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

#[component]
pub fn BenchPage() -> impl IntoView {
    let results = RwSignal::new(None::<Vec<BenchResult>>);
    // Run after the first paint so the page shows "running…".
    set_timeout(
        move || {
            let run = crate::app::tool()
                .map(|t| t.benchmarks)
                .unwrap_or(crate::tools::no_benchmarks);
            results.set(Some(run(&now_ms)))
        },
        std::time::Duration::from_millis(50),
    );
    view! {
        <section class="page" data-testid="bench-page">
            <h1>"Benchmarks"</h1>
            {move || match results.get() {
                None => view! { <p data-testid="bench-running">"running…"</p> }.into_any(),
                Some(rows) => view! {
                    <table class="table" data-testid="bench-results">
                        <thead><tr><th>"name"</th><th class="num">"ms"</th><th class="num">"budget"</th><th>"detail"</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| { let name = r.name.clone(); view! {
                                <tr data-name=name data-ms=crate::num::fixed(r.ms, 4)
                                    data-budget=r.budget_ms.map(|b| crate::num::fixed(b, 4)).unwrap_or_default()>
                                    <td>{r.name}</td>
                                    <td class="num">{fmt_number(r.ms, 2)}</td>
                                    <td class="num">{r.budget_ms.map(|b| fmt_number(b, 0)).unwrap_or_default()}</td>
                                    <td>{r.detail}</td>
                                </tr>
                            }}).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}
