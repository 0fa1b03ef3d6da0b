#!/usr/bin/env bash
# Builds the cargo-fuzz targets of fuzz/ and runs each one for a fixed time.
#
#   scripts/fuzz.sh SECONDS [TARGET...]      (all targets when none is named)
#
# Environment:
#   FUZZ_SANITIZER  none (default) or address. The fuzzed parsers are safe
#                   Rust: panics and overflow checks (on in fuzz builds) find
#                   their bugs; AddressSanitizer finds nothing more there and
#                   costs 3-6x in speed and twice the build time.
#   FUZZ_JOBS       targets run side by side (default: one per core).
#
# Only stable Rust is on the machine: cargo-fuzz passes -Z flags to rustc,
# which stable rustc accepts with RUSTC_BOOTSTRAP=1. cargo-fuzz itself is
# installed once (pinned) when missing.
#
# The committed seed corpus (fuzz/corpus/<target>) is only read. What the
# fuzzer adds goes to fuzz/target/<sanitizer>/corpus/<target> (ignored by
# git, kept between runs so longer runs build on earlier ones); crashes go to
# fuzz/artifacts/<target>/ (ignored by git too).
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
sanitizer=${FUZZ_SANITIZER:-none}
jobs=${FUZZ_JOBS:-$(nproc)}

export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION (once)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list --fuzz-dir fuzz)
fi

target_dir=fuzz/target/$sanitizer
bin_dir=$target_dir/x86_64-unknown-linux-gnu/release
echo "== building ${#targets[@]} fuzz targets (sanitizer: $sanitizer)"
start=$(date +%s)
# 16 codegen units instead of cargo-fuzz's 1: a much shorter build on two cores.
cargo fuzz build --fuzz-dir fuzz --sanitizer "$sanitizer" --codegen-units 16 \
    --target-dir "$target_dir"
echo "== built in $(($(date +%s) - start)) s; fuzzing each target for $seconds s, $jobs at a time"

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

run_one() {
    local t=$1 work=$target_dir/corpus/$1
    mkdir -p "$work" "fuzz/artifacts/$t"
    # The first directory receives new inputs; the seeds are only read.
    "$bin_dir/$t" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
        -artifact_prefix="fuzz/artifacts/$t/" \
        "$work" "fuzz/corpus/$t" >"$logs/$t.log" 2>&1
}
export -f run_one
export seconds target_dir bin_dir logs

printf '%s\n' "${targets[@]}" |
    xargs -P "$jobs" -n 1 bash -c 'if run_one "$1"; then r=ok; else r=failed; fi; echo $r >"$logs/$1.rc"' _

failed=()
printf '%-14s %12s %9s %8s  %s\n' target runs exec/s corpus result
for t in "${targets[@]}"; do
    log=$logs/$t.log
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    corpus=$(find "$target_dir/corpus/$t" -type f | wc -l)
    result=$(cat "$logs/$t.rc")
    printf '%-14s %12s %9s %8s  %s\n' "$t" "${runs:-?}" "${rate:-?}" "$corpus" "$result"
    if [ "$result" != ok ]; then
        failed+=("$t")
        cp "$log" "fuzz/artifacts/$t/last-run.log"
    fi
done
for t in "${failed[@]}"; do
    echo
    echo "== $t failed (full log: fuzz/artifacts/$t/last-run.log):"
    grep -m1 -A12 -E 'panicked|ERROR: libFuzzer|ERROR: AddressSanitizer' "fuzz/artifacts/$t/last-run.log" || tail -20 "fuzz/artifacts/$t/last-run.log"
    grep -E '^(artifact_prefix|Test unit written to)' "fuzz/artifacts/$t/last-run.log" || true
    echo "reproduce: $bin_dir/$t fuzz/artifacts/$t/<crash-file>"
done
echo "fuzz: $((${#targets[@]} - ${#failed[@]})) passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
