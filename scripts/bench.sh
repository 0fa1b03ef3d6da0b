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
# valgrind's massif attributes rpcd_fsrvp's heap growth (benches/massif.rs).
missing=()
for pkg in gnuplot-nox valgrind; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if (( ${#missing[@]} )); then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

target=${CARGO_TARGET_DIR:-target}
mkdir -p "$target/bench"
# Only this run's results go into the report.
rm -f "$target"/bench/*.json

start=$(date +%s)
cargo bench --benches
log "benchmarks took $(( $(date +%s) - start )) s"
cargo run --release --quiet --example bench_report
