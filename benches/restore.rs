//! Restore of a 1 GiB file from a retained backup: `rvss restore` (reflink)
//! against a plain copy of the same file, alternated, on a throwaway btrfs
//! in the e2e harness. Also the space each one adds to the filesystem.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use support::{median, p99};

use common::*;
use std::time::Instant;

fn used(w: &World, mnt: &std::path::Path) -> u64 {
    // A failed read must not look like "no extra space".
    support::checks::parse_used(&w.must(&format!(
        "btrfs filesystem sync '{0}' && df -B1 --output=used '{0}' | tail -1",
        mnt.display()
    )))
    .unwrap_or_else(|e| panic!("{e}"))
}

fn main() {
    // cargo bench passes --bench; a plain `cargo test` builds but skips us.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let reps: usize = if std::env::var_os("RVSS_BENCH_QUICK").is_some() {
        3
    } else {
        10
    };
    let mut w = World::new("bench-restore");
    let fs1 = w.add_btrfs("fs1", 4096);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create '{0}' >/dev/null && mkdir '{0}/vm'",
        vol.display()
    ));
    let share = vol.join("vm");
    w.must(&format!(
        "dd if=/dev/urandom of='{}/disk.vhdx' bs=1M count=1024 status=none && sync",
        share.display()
    ));
    w.add_share("vm", &share, &["vfs objects = rvss", "rvss:retain = 1"]);
    w.start_samba();
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .expect("exposed");
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&w.cli("list --json").stdout).expect("rvss list");
    let gmt = list[0]["gmt"].as_str().expect("a backup").to_string();
    let backup_file = format!(
        "{}/disk.vhdx",
        list[0]["path"].as_str().unwrap_or_default().to_string() + "/vm"
    );
    let cli = cli_path();

    let (mut rvss, mut copy) = (vec![], vec![]);
    let (mut rvss_space, mut copy_space) = (0u64, 0u64);
    for i in 0..reps {
        for which in if i % 2 == 0 { [0, 1] } else { [1, 0] } {
            w.must(&format!("rm -f '{}/disk.vhdx' && sync", share.display()));
            let before = used(&w, &fs1);
            let cmd = if which == 0 {
                format!(
                    "'{}' restore --share vm --from {gmt} disk.vhdx >/dev/null",
                    cli.display()
                )
            } else {
                format!(
                    "cp --reflink=never '{backup_file}' '{}/disk.vhdx'",
                    share.display()
                )
            };
            let t = Instant::now();
            w.must(&format!("{cmd} && sync"));
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            let grew = used(&w, &fs1).saturating_sub(before);
            if which == 0 {
                rvss.push(ms);
                rvss_space = rvss_space.max(grew);
            } else {
                copy.push(ms);
                copy_space = copy_space.max(grew);
            }
        }
    }
    // The measure sees space at all: the plain copy adds its gigabyte.
    assert!(
        copy_space >= 512 << 20,
        "the copy added {copy_space} bytes: the space measure is broken"
    );
    let (rm, cm) = (median(&rvss), median(&copy));
    println!(
        "restore 1 GiB: rvss restore median {rm:.1} ms p99 {:.1} ms, space added {} KiB",
        p99(&rvss),
        rvss_space >> 10
    );
    println!(
        "               cp --reflink=never median {cm:.1} ms p99 {:.1} ms, space added {} KiB",
        p99(&copy),
        copy_space >> 10
    );
    let report = serde_json::json!({
        "bench": "restore",
        "title": "Restore of a 1 GiB file from a retained backup (rvss restore vs a plain copy)",
        "rows": [{
            "case": format!("1 GiB file, incl. sync (space added: rvss {} KiB, copy {} MiB)", rvss_space >> 10, copy_space >> 20),
            "contender": "rvss restore",
            "baseline": "cp --reflink=never",
            "median_ms": rm,
            "p99_ms": p99(&rvss),
            "baseline_median_ms": cm,
            "baseline_p99_ms": p99(&copy),
            "ratio_median": rm / cm,
            "goal": "< 1000 ms and no extra space",
            "met": rm < 1000.0 && rvss_space < (16 << 20),
        }],
        "samples": { "rvss restore": rvss, "cp --reflink=never": copy },
    });
    let dir = manifest_dir().join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    std::fs::write(
        dir.join("restore.json"),
        serde_json::to_vec_pretty(&report).unwrap_or_default(),
    )
    .expect("write restore.json");
}
