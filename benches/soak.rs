//! The long soak: 1,000 create/expose/delete cycles (RVSS_BENCH_QUICK: 100),
//! reporting rpcd_fsrvp's RSS and descriptors from cycle 100 to 1,000 and
//! whether cycles slow down (the last tenth against the second tenth).

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use support::{median, p99};

use common::soak;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let cycles = if std::env::var_os("RVSS_BENCH_QUICK").is_some() {
        100
    } else {
        1000
    };
    let s = soak::run("bench-soak", cycles);
    println!("{}", s.summary());
    let tenth = cycles / 10;
    let (early, late) = (&s.cycle_ms[tenth..2 * tenth], &s.cycle_ms[cycles - tenth..]);
    let rss_growth = s.rss_kib.1 as i64 - s.rss_kib.0 as i64;
    let report = serde_json::json!({
        "bench": "soak",
        "title": format!("Soak: {cycles} create/expose/delete cycles through rpcclient (8 MiB share)"),
        "rows": [{
            "case": format!(
                "last {tenth} cycles vs cycles {}-{}; rpcd_fsrvp RSS {:+} KiB, open files {} -> {}, leaked {}",
                tenth + 1, 2 * tenth, rss_growth, s.files.0, s.files.1, s.leaked_snapshots.len() + s.catalog_entries
            ),
            "contender": "late cycles",
            "baseline": "early cycles",
            "median_ms": median(late),
            "p99_ms": p99(late),
            "baseline_median_ms": median(early),
            "baseline_p99_ms": p99(early),
            "ratio_median": median(late) / median(early),
            "goal": "RSS growth < 1 MiB, files flat, nothing leaked",
            "met": rss_growth < 1024 && s.files.1 <= s.files.0 && s.leaked_snapshots.is_empty() && s.catalog_entries == 0,
        }],
        "samples": { "late cycles": late, "early cycles": early },
    });
    let dir = common::manifest_dir().join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    std::fs::write(
        dir.join("soak.json"),
        serde_json::to_vec_pretty(&report).unwrap_or_default(),
    )
    .expect("write soak.json");
}
