#!/usr/bin/env bash
# make root-test: the README's two commands on a clean machine. A fresh
# Debian minbase root (scripts/root.sh; default bookworm, RVSS_ROOT_TARGET
# for another), the project's files copied in, then exactly what the README
# tells a new user: `make demo` (its transcript redirected to a file, which
# must hold all of it) and `make test`. Nothing is installed by hand: the
# Rust toolchain is the host's (bound read-only), everything else comes from
# the project's own `make deps`.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
target=${RVSS_ROOT_TARGET:-bookworm}
name=root-test-$target
ROOT="bash $top/scripts/root.sh"
trap '$ROOT rm "$name" || true' EXIT

start=$SECONDS
$ROOT new "$name" "$target" >/dev/null
$ROOT copy-project "$name"
echo "root-test: clean $target root ready in $((SECONDS - start)) s"

# make test makes a clean root of its own (tests/e2e/package.rs: rvss-tools
# alone on a replication target), from the minbase tarballs cached here.
cache=${RVSS_CACHE:-/var/cache/rvss}/roots
$ROOT run "$name" --toolchain host --bind "$cache:/var/cache/rvss/roots" -- bash -euc '
    cd /src/rvss
    t=$SECONDS
    # the README'"'"'s first line
    apt-get update -qq && apt-get install -y -qq make >/dev/null
    make demo >demo.log 2>&1 || { cat demo.log; echo "root-test: make demo failed"; exit 1; }
    echo "root-test: make demo passed in $((SECONDS - t)) s"
    # the whole transcript, first step to cleanup, survived the redirection
    for want in "== Private namespaces" "disk at backup time" "demo: cleaned up"; do
        grep -qF "$want" demo.log || { cat demo.log; echo "root-test: demo.log lacks \"$want\""; exit 1; }
    done
    t=$SECONDS
    make test
    echo "root-test: make test passed in $((SECONDS - t)) s"
'
echo "root-test: $target passed in $(((SECONDS - start + 30) / 60)) min"
