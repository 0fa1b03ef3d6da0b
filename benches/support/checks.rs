//! Pure checks the benches' verdicts rest on (unit-tested by
//! tests/e2e/bench_helpers.rs): a verdict must not pass because a measurement
//! could not be read.

/// The late cycles' median may be at most this many times the early
/// cycles' (noise: BENCHMARKS.md measured 0.98).
pub const SLOWDOWN_GOAL: f64 = 1.2;

/// The soak's first row: cycles do not slow down, descriptors stay flat,
/// nothing leaks.
pub fn soak_met(ratio_median: f64, files: (usize, usize), leaked: usize) -> bool {
    ratio_median.is_finite() && ratio_median <= SLOWDOWN_GOAL && files.1 <= files.0 && leaked == 0
}

/// Bytes used, from the last line of `df -B1 --output=used`.
pub fn parse_used(df: &str) -> Result<u64, String> {
    df.lines()
        .last()
        .map(str::trim)
        .and_then(|l| l.parse().ok())
        .ok_or_else(|| format!("no byte count in df's output {df:?}"))
}
