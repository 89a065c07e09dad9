//! In-browser benchmarks: each tool exposes pure `benchmarks(clock)` functions
//! that time their own work with the clock they are given (`performance.now()`
//! in the browser, `Instant` natively). The `#/bench` page runs them in the
//! release build and `scripts/bench.sh` prints the figures.

/// One measured figure.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchResult {
    /// Stable name, e.g. `tiering.pipeline.100k`.
    pub name: String,
    /// Milliseconds (median of the runs).
    pub ms: f64,
    /// Budget in milliseconds, if the issue sets one.
    pub budget_ms: Option<f64>,
    /// Free text: sizes, runs, notes.
    pub detail: String,
}

/// A clock in milliseconds.
pub type Clock<'a> = &'a dyn Fn() -> f64;

/// Time `f` `runs` times and return the median in milliseconds.
pub fn median_ms(clock: Clock, runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t0 = clock();
            f();
            clock() - t0
        })
        .collect();
    crate::sort::f64_desc(&mut times);
    // Descending order: the element at ascending index len/2.
    times[times.len() - 1 - times.len() / 2]
}

#[cfg(test)]
mod tests {
    #[test]
    fn median_of_runs() {
        let t = std::cell::Cell::new(0.0);
        let clock = || {
            let v = t.get();
            t.set(v + 1.0);
            v
        };
        assert_eq!(super::median_ms(&clock, 3, || {}), 1.0);
    }
}
