#!/usr/bin/env bash
# make bench: runs every benchmark (benches/*.rs, each writing
# target/bench/<name>.json), then assembles BENCHMARKS.md, benchmarks-summary.png
# (every goal against its target) and benchmarks.png
# (examples/bench_report.rs). Needs root (loop devices, namespaces) and the
# built tree (make build). RVSS_BENCH_QUICK=1 makes a short development run.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'bench: %s\n' "$*" >&2; }

# gnuplot draws both figures (gnuplot-nox: no X11, has pngcairo);
# valgrind's massif attributes rpcd_fsrvp's heap growth (benches/massif.rs);
# btrbk is the replication bench's reference tool (benches/replicate/).
missing=()
for pkg in gnuplot-nox valgrind btrbk; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if (( ${#missing[@]} )); then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The loop images live in /tmp (tests/common World): the busy-share benches
# write up to 8 GiB into one (benches/eightshares.rs: 8 x 1 GiB; dirty.rs:
# 4 GiB and its snapshot); benches/replicate/ makes the largest, a 15.3 GiB
# source (the 1 and 10 GiB shares and their backups) and a 14 GiB target.
# Fail now rather than with ENOSPC an hour in.
need_gib=31
free_gib=$(( $(df --output=avail -k /tmp | tail -1) / 1048576 ))
if (( free_gib < need_gib )); then
    log "only ${free_gib} GiB free in /tmp; the benchmarks need ${need_gib} GiB for their loop images"
    exit 1
fi

target=${CARGO_TARGET_DIR:-target}
mkdir -p "$target/bench"
# Only this run's results go into the report.
rm -f "$target"/bench/*.json

start=$(date +%s)
cargo bench --benches
log "benchmarks took $(( $(date +%s) - start )) s"
cargo run --release --quiet --example bench_report
