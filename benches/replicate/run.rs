//! One share size's rounds: the backups made, each method's full and
//! incremental transfer timed, checked and measured (peak RSS).

use super::*;
use crate::bed::Bed;

/// Writes the share's data, takes its first backup, then `rounds` rounds.
pub(crate) fn run_size(
    bed: &Bed,
    r: &mut Report,
    sent_bytes: &mut HashMap<String, f64>,
    mib: u64,
    share: &str,
    rounds: usize,
) {
    let w = &bed.w;
    let dir = bed.fs.join(share);
    let (n, each) = files(mib);
    w.must(&format!(
        "for i in $(seq 1 {n}); do dd if=/dev/urandom of='{}/disk'$i.vhdx bs=1M count={each} \
         status=none; done; sync -f '{}'",
        dir.display(),
        dir.display()
    ));
    let mut snap = backup(bed, share);
    for round in 0..rounds {
        let order = support::rotation(round, METHODS.len());
        let modes: [&str; 2] = if round % 2 == 0 {
            ["local", "ssh"]
        } else {
            ["ssh", "local"]
        };
        // Full.
        for &k in &order {
            let m = METHODS[k];
            for mode in modes {
                bed.clear();
                let t = step(
                    bed,
                    r,
                    sent_bytes,
                    m,
                    mode,
                    Kind::Full,
                    share,
                    mib,
                    &snap,
                    None,
                );
                eprintln!("replicate: {} {mode} full {m}: {t:.0} ms", label(mib));
            }
        }
        bed.clear();
        // About 6 % changed, then the next backup.
        let chunk = (each / 16).max(1);
        let seek = ((round as u64 * 5 + 3) % 16) * chunk;
        w.must(&format!(
            "for i in $(seq 1 {n}); do dd if=/dev/urandom of='{}/disk'$i.vhdx bs=1M \
             seek={seek} count={chunk} conv=notrunc status=none; done; sync -f '{}'",
            dir.display(),
            dir.display()
        ));
        let next = backup(bed, share);
        assert_ne!(next.uuid, snap.uuid);
        // Incremental.
        for &k in &order {
            let m = METHODS[k];
            bed.clear();
            // The parent's copy, where and as the method looks for it.
            if m == BTRBK {
                bed.rename(&snap.path, &snap.btrbk_path(share));
                bed.plain_copy(&snap.btrbk_path(share), &bed.btrbk_dir());
                bed.rename(&snap.btrbk_path(share), &snap.path);
            } else {
                let parent_copy = bed.copy_of(m, share, &snap);
                bed.plain_copy(&snap.path, parent_copy.parent().expect("a directory"));
            }
            for mode in modes {
                let done = bed.copy_of(m, share, &next);
                if bed
                    .w
                    .sh(&format!("test -e '{}'", done.display()))
                    .status
                    .success()
                {
                    bed.delete(&done);
                }
                let t = step(
                    bed,
                    r,
                    sent_bytes,
                    m,
                    mode,
                    Kind::Incremental,
                    share,
                    mib,
                    &next,
                    Some(&snap),
                );
                eprintln!(
                    "replicate: {} {mode} incremental {m}: {t:.0} ms",
                    label(mib)
                );
            }
        }
        bed.clear();
        // The old backup goes: the next round's full phase sends `next`.
        let o = w.sh(&format!(
            "'{}' -s '{}' prune",
            cli_path().display(),
            bed.conf_local.display()
        ));
        assert!(o.status.success(), "rvss prune: {}", text(&o));
        let left = retained(bed, share);
        assert_eq!(
            left.iter().map(|s| s.uuid.clone()).collect::<Vec<_>>(),
            vec![next.uuid.clone()],
            "after prune only the newest backup is retained"
        );
        snap = next;
    }
}

/// One timed transfer of `s` (from `parent` when incremental) by method
/// `m`; records its time (and rvss's peak RSS); returns the ms.
#[allow(clippy::too_many_arguments)]
fn step(
    bed: &Bed,
    r: &mut Report,
    sent_bytes: &mut HashMap<String, f64>,
    m: &str,
    mode: &str,
    kind: Kind,
    share: &str,
    mib: u64,
    s: &Snap,
    parent: Option<&Snap>,
) -> f64 {
    let w = &bed.w;
    let tgt = bed.tgt.display();
    let out = w.dir.join("step.out");
    let pidfile = w.dir.join("step.pid");
    let _ = std::fs::remove_file(&pidfile);
    let snapdir = s.path.parent().expect("snapshot directory").to_path_buf();
    let script = match m {
        RAW => {
            let p = parent.map_or(String::new(), |p| format!("-p '{}' ", p.path.display()));
            let recv = if mode == "local" {
                format!("btrfs receive -q '{tgt}/raw'")
            } else {
                format!("{} btrfs receive -q '{tgt}/raw'", bed.ssh())
            };
            format!("btrfs send -q {p}'{}' | {recv}", s.path.display())
        }
        RVSS => format!(
            "'{}' -s '{}' replicate --share {share} --json > '{}' &\necho $! > '{}'\nwait $!",
            cli_path().display(),
            bed.conf(mode).display(),
            out.display(),
            pidfile.display()
        ),
        _ => {
            let conf = bed.btrbk_conf(share, mode, &snapdir);
            for x in std::iter::once(s).chain(parent) {
                bed.rename(&x.path, &x.btrbk_path(share));
            }
            format!(
                "btrbk -c '{}' --preserve run > '{}'",
                conf.display(),
                out.display()
            )
        }
    };
    let file = w.dir.join("step.sh");
    std::fs::write(&file, format!("set -e\n{script}\nsync -f '{tgt}'\n")).expect("step.sh");
    bed.quiesce();

    // rvss's own high-water mark, read while it runs.
    let stop = Arc::new(AtomicBool::new(false));
    let hwm = Arc::new(AtomicU64::new(0));
    let watcher = (m == RVSS).then(|| {
        let (stop, hwm, pidfile) = (stop.clone(), hwm.clone(), pidfile.clone());
        std::thread::spawn(move || watch_hwm(&pidfile, &stop, &hwm))
    });
    let t = Instant::now();
    let o = w.sh(&format!("sh '{}'", file.display()));
    let ms = support::ms_since(t);
    stop.store(true, Ordering::Relaxed);
    if let Some(h) = watcher {
        let _ = h.join();
    }
    if m == BTRBK {
        for x in std::iter::once(s).chain(parent) {
            bed.rename(&x.btrbk_path(share), &x.path);
        }
    }
    let printed = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        o.status.success(),
        "{m} {mode} {}: {}\n{printed}",
        kind.label(),
        text(&o)
    );
    verify(bed, m, share, s, kind);
    if m == RVSS {
        let report: serde_json::Value =
            serde_json::from_str(&printed).expect("rvss replicate --json");
        let sent = report["sent"].as_array().cloned().unwrap_or_default();
        assert_eq!(sent.len(), 1, "rvss sent one backup: {printed}");
        assert_eq!(
            sent[0]["parent"].as_str(),
            parent.map(|p| p.gmt.as_str()),
            "{printed}"
        );
        sent_bytes.insert(
            format!("{} {}", label(mib), kind.label()),
            sent[0]["bytes"].as_f64().unwrap_or(0.0),
        );
        let kib = hwm.load(Ordering::Relaxed);
        assert!(kib > 0, "rvss's VmHWM was never read");
        r.samples
            .entry(format!("rvss VmHWM MiB, {}, {mode}", label(mib)))
            .or_default()
            .push(kib as f64 / 1024.0);
        if kind == Kind::Incremental {
            // rvss's fixed cost: the same run again, nothing left to send
            // (smb.conf through testparm, the catalog, the target's
            // inventory; over SSH one connection).
            let (idle, o) = support::timed(|| {
                w.sh(&format!(
                    "'{}' -s '{}' replicate --share {share} --json",
                    cli_path().display(),
                    bed.conf(mode).display()
                ))
            });
            let again: serde_json::Value =
                serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null);
            assert!(
                o.status.success() && again["sent"].as_array().is_some_and(Vec::is_empty),
                "rvss replicate with nothing to send: {}",
                text(&o)
            );
            r.samples
                .entry(format!("{IDLE}, {mode}"))
                .or_default()
                .push(idle);
        }
    }
    r.samples
        .entry(format!("{}, {mode}, {}: {m}", label(mib), kind.label()))
        .or_default()
        .push(ms);
    ms
}

/// Polls the VmHWM of the process whose pid `pidfile` names until `stop`.
fn watch_hwm(pidfile: &Path, stop: &AtomicBool, hwm: &AtomicU64) {
    let mut pid = None;
    while !stop.load(Ordering::Relaxed) {
        if pid.is_none() {
            pid = std::fs::read_to_string(pidfile)
                .ok()
                .and_then(|p| p.trim().parse::<u32>().ok());
        }
        if let Some(p) = pid {
            let status = std::fs::read_to_string(format!("/proc/{p}/status")).unwrap_or_default();
            let is_rvss = status
                .lines()
                .next()
                .is_some_and(|l| l.trim_end() == "Name:\trvss");
            if is_rvss {
                if let Some(kib) = status
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                {
                    hwm.fetch_max(kib, Ordering::Relaxed);
                }
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// `btrfs subvolume show`'s fields.
fn show(w: &World, subvol: &Path) -> HashMap<String, String> {
    w.must(&format!("btrfs subvolume show '{}'", subvol.display()))
        .lines()
        .filter_map(|l| l.trim().split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The method's copy is a received copy of `s`, full or incremental as
/// asked.
fn verify(bed: &Bed, m: &str, share: &str, s: &Snap, kind: Kind) {
    let copy = bed.copy_of(m, share, s);
    let f = show(&bed.w, &copy);
    assert_eq!(
        f.get("Received UUID"),
        Some(&s.uuid),
        "{m}: {} is not a received copy of {}",
        copy.display(),
        s.path.display()
    );
    let parent = f.get("Parent UUID").map(String::as_str).unwrap_or("-");
    assert_eq!(
        parent == "-",
        kind == Kind::Full,
        "{m}: {} was not received {} (parent UUID {parent})",
        copy.display(),
        kind.label()
    );
}

/// The share's retained backups, oldest first.
fn retained(bed: &Bed, share: &str) -> Vec<Snap> {
    let o = bed.w.sh(&format!(
        "'{}' -s '{}' list --json",
        cli_path().display(),
        bed.conf_local.display()
    ));
    assert!(o.status.success(), "rvss list: {}", text(&o));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("rvss list --json");
    let mut v: Vec<Snap> = list
        .iter()
        .filter(|e| e["share"] == share && e["state"] == "retained")
        .map(|e| {
            let path = PathBuf::from(e["path"].as_str().expect("path"));
            Snap {
                uuid: show(&bed.w, &path)["UUID"].clone(),
                gmt: e["gmt"].as_str().expect("gmt").to_string(),
                path,
            }
        })
        .collect();
    v.sort_by(|a, b| a.gmt.cmp(&b.gmt));
    v
}

/// One FSRVP backup of `share` that rvss retains; returns it.
fn backup(bed: &Bed, share: &str) -> Snap {
    let w = &bed.w;
    // A new @GMT label (one a second).
    std::thread::sleep(Duration::from_millis(1100));
    let e = parse_expose(&w.rpc_ok(&format!("fss_create_expose backup ro {share}")))
        .pop()
        .expect("exposed");
    w.rpc_ok(&format!("fss_delete {share} {} {}", e.set, e.copy));
    let v = retained(bed, share);
    let newest = v.last().cloned().expect("a retained backup");
    let ro = w.must(&format!(
        "btrfs property get -ts '{}' ro",
        newest.path.display()
    ));
    assert_eq!(ro.trim(), "ro=true", "{}", newest.path.display());
    newest
}
