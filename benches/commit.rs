//! The commit of a 64-share shadow copy set: the time from the client's
//! CommitShadowCopySet request to the server's reply (64 snap_create calls
//! inside one RPC), rvss against vfs_btrfs, 64 subvolume shares each.
//!
//! rpcclient's `fss_create_expose` runs start, add x 64, prepare, commit and
//! expose in one call, and Debian's Samba Python bindings have no fsrvp
//! module, so the commit is timed on the client's own system calls: the
//! rpcclient process runs under `strace -ttt` with `-d 10 --debug-stdout`,
//! whose NDR dump of the call ("in: struct fss_CommitShadowCopySet", "out:
//! ...") brackets the request; the time is from the first socket send after
//! the "in" dump (the SMB2 request carrying the Commit PDU) to the last socket
//! receive before the "out" dump (the final SMB2 response after the server's
//! STATUS_PENDING interim). Only the client is traced: the server runs at its
//! normal log level.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::{parse_expose, text, World};
use std::path::Path;
use support::{Goal, Report};

const SHARES: usize = 64;
const MODULES: [&str; 2] = ["rvss", "vfs_btrfs"];
/// Issue 13's goal for one create hook over the bare ioctl (benches/hook.rs).
const HOOK_OVERHEAD_MS: f64 = 0.2;

fn share_name(module: &str, k: usize) -> String {
    format!("{}{k:02}", if module == "rvss" { "r" } else { "b" })
}

fn main() {
    if !support::is_bench_run() {
        return;
    }
    let rounds = support::reps(30, 3);
    let warmup = 1;
    let mut w = World::new("bench-commit");
    let fs = w.add_btrfs("fs", 2048);
    for module in MODULES {
        for k in 1..=SHARES {
            let name = share_name(module, k);
            let sub = fs.join(&name);
            support::subvolume(&w, &sub);
            support::write_data(&w, &sub.join("disk.vhdx"), 1);
            let opts: &[&str] = if module == "rvss" {
                &["vfs objects = rvss"]
            } else {
                &["vfs objects = btrfs", "btrfs:manipulate snapshots = yes"]
            };
            w.add_share(&name, &sub, opts);
        }
    }
    w.start_samba();

    let mut r = Report::new(
        "commit",
        "Commit of a 64-share set: CommitShadowCopySet request to reply",
    );
    for i in 0..rounds + warmup {
        for m in support::rotation(i, MODULES.len()) {
            let module = MODULES[m];
            settle(&w, &fs);
            let commit = commit_round(&w, module, i);
            if i >= warmup {
                r.samples
                    .entry(format!("{module} commit of {SHARES}"))
                    .or_default()
                    .push(commit);
            }
        }
    }
    r.compare(
        &format!("CommitShadowCopySet, {SHARES} shares"),
        &format!("rvss commit of {SHARES}"),
        &format!("vfs_btrfs commit of {SHARES}"),
        // Each of the 64 snap_create calls may cost what the hook goal
        // allows over the bare ioctl (vfs_btrfs's create is that ioctl):
        // rvss also writes a catalog entry and re-checks the share's
        // structure, which vfs_btrfs does not, so it cannot be faster.
        Goal::Overhead {
            pct: 5.0,
            ms: SHARES as f64 * HOOK_OVERHEAD_MS,
        },
    );
    r.command(format!(
        "{rounds} rounds (after {warmup} warm-up), the two modules' order rotated each round; \
         before each set, the filesystem is settled (not timed: btrfs filesystem sync, wait \
         for the cleaner to drop deleted subvolumes, sync)"
    ));
    r.command(
        "strace -ttt -e trace=write,writev,sendmsg,sendto,read,readv,recvmsg,recvfrom -o FILE \
         rpcclient -d 10 --debug-stdout -U root%... ncacn_np:127.0.0.1 -c 'fss_create_expose \
         backup ro S01 ... S64'; commit time = last socket receive before rpcclient's \
         \"out: struct fss_CommitShadowCopySet\" dump minus the first socket send after its \
         \"in: struct fss_CommitShadowCopySet\" dump (request on the wire to reply read)",
    );
    r.command("then rpcclient ... -c 'fss_delete S01 SET SC01; ...; fss_delete S64 SET SC64'");
    r.note(format!(
        "One 2 GiB loop btrfs, {} subvolumes each holding a 1 MiB file, one share at each \
         subvolume root: {SHARES} with `vfs objects = rvss`, {SHARES} with `vfs objects = \
         btrfs` and `btrfs:manipulate snapshots = yes`. Samba calls snap_create once per \
         share, sequentially, inside the one CommitShadowCopySet RPC. Only the client is \
         traced (strace's cost falls outside the interval, where rpcclient waits for the \
         reply); the server runs at its normal log level.",
        2 * SHARES
    ));
    r.write();
}

/// Settles the filesystem inside the world (see support::settle).
fn settle(w: &World, fs: &Path) {
    let m = fs.display();
    w.must(&format!(
        "btrfs filesystem sync '{m}' >/dev/null; n=0; \
         while [ -n \"$(btrfs subvolume list -d '{m}')\" ]; do \
           n=$((n+1)); [ $n -lt 12000 ] || exit 1; sleep 0.01; btrfs filesystem sync '{m}' >/dev/null; \
         done; btrfs filesystem sync '{m}' >/dev/null"
    ));
}

/// One 64-share set of `module`: creates it under strace, deletes it, and
/// returns the commit's request-to-reply time in ms.
fn commit_round(w: &World, module: &str, round: usize) -> f64 {
    let shares: Vec<String> = (1..=SHARES).map(|k| share_name(module, k)).collect();
    let trace = w.dir.join(format!("strace-{module}-{round}.txt"));
    let cmd = format!("fss_create_expose backup ro {}", shares.join(" "));
    let o = w.sh(&format!(
        "strace -ttt -e trace=write,writev,sendmsg,sendto,read,readv,recvmsg,recvfrom \
         -s 64 -o '{}' rpcclient -d 10 --debug-stdout -U 'root%{}' ncacn_np:127.0.0.1 -c '{cmd}'",
        trace.display(),
        common::PASSWORD
    ));
    let out = text(&o);
    let exposed_lines: String = out
        .lines()
        .filter(|l| l.contains("exposed as a snapshot"))
        .map(|l| format!("{l}\n"))
        .collect();
    let exposed = parse_expose(&exposed_lines);
    assert!(
        o.status.success() && exposed.len() == SHARES,
        "{module}: {} of {SHARES} shares exposed\n{}\n--- logs ---\n{}",
        exposed.len(),
        out.lines()
            .filter(|l| l.contains("failed") || l.contains("0x8"))
            .collect::<Vec<_>>()
            .join("\n"),
        w.logs()
    );
    let strace = std::fs::read_to_string(&trace).expect("strace output");
    let _ = std::fs::remove_file(&trace);
    let ms = commit_interval(&strace)
        .unwrap_or_else(|| panic!("{module}: no CommitShadowCopySet request/reply in the trace"));
    let deletes: Vec<String> = exposed
        .iter()
        .map(|e| format!("fss_delete {} {} {}", e.share, e.set, e.copy))
        .collect();
    let o = w.rpc(&deletes.join("; "));
    assert!(
        o.status.success() && !text(&o).contains("failed"),
        "{module}: deleting the set: {}\n{}",
        text(&o),
        w.logs()
    );
    ms
}

/// The commit's request-to-reply time (ms) in an `strace -ttt` trace of
/// rpcclient at debug level 10: from the first send on a socket after the
/// "in:" dump of CommitShadowCopySet to the last receive before its "out:"
/// dump.
fn commit_interval(strace: &str) -> Option<f64> {
    let lines: Vec<&str> = strace.lines().collect();
    let at = |needle: &str| lines.iter().position(|l| l.contains(needle));
    let inp = at("in: struct fss_CommitShadowCopySet")?;
    let outp = at("out: struct fss_CommitShadowCopySet")?;
    let time = |l: &str| l.split_whitespace().next()?.parse::<f64>().ok();
    // Calls on fd 1 and 2 are rpcclient's own debug output; failed calls
    // (EAGAIN) moved nothing.
    let on_socket = |l: &str, calls: &[&str]| {
        if l.contains(" = -1 ") {
            return false;
        }
        let call = l.split_whitespace().nth(1).unwrap_or("");
        calls.iter().any(|c| {
            call.strip_prefix(c)
                .and_then(|rest| rest.strip_prefix('('))
                .is_some_and(|rest| !rest.starts_with("1,") && !rest.starts_with("2,"))
        })
    };
    let sent = lines[inp..outp]
        .iter()
        .find(|l| on_socket(l, &["writev", "sendmsg", "sendto", "write"]))?;
    let received = lines[inp..outp]
        .iter()
        .rev()
        .find(|l| on_socket(l, &["readv", "recvmsg", "recvfrom", "read"]))?;
    Some((time(received)? - time(sent)?) * 1000.0)
}
