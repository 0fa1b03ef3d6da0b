#!/usr/bin/env bash
# make matrix: every Samba a Debian admin runs, each proven in clean roots.
#
#   scripts/matrix.sh [--readme] [TARGET...]   (default: all four targets)
#
# For each TARGET (bookworm, bookworm-backports, trixie, forky):
#  1. build root: a clean minbase (scripts/root.sh) where the admin's Samba
#     is installed (from backports for bookworm-backports), then the
#     project's own `make deps build deb` (rvss and rvss-tools), the test
#     binaries, and two modules
#     that claim other Samba versions (for the version tests);
#  2. package root: another clean minbase with only `samba smbclient
#     btrfs-progs` (and the test tools: samba-testsuite iproute2 procps
#     man-db faketime tzdata systemd prometheus e2fsprogs openssh-client openssh-server), then
#     `apt-get install ./rvss_*.deb ./rvss-tools_*.deb`;
#  3. there: a simulated Samba patch release (a local archive of the same
#     samba packages one patch level up) must upgrade with rvss installed,
#     neither removing nor holding back either;
#  4. there: every test binary (unit and end-to-end) against the installed
#     module and CLI (tests/e2e/package.rs also makes a clean root of its
#     own there, for rvss-tools alone, from the host's cached minbase).
# After bookworm-backports and trixie, the package built on
# bookworm-backports (Samba 4.22.6) is installed on trixie (4.22.11) and
# serves FSRVP there (the end-to-end foundation and package tests).
#
# Prints a table (target, Samba, build, package install, e2e, minutes) and
# writes it to target/matrix/results.md; --readme also puts it into
# README.md's support table (only the named targets' rows when targets are
# named). Logs: target/matrix/<target>-*.log.
# Exit status 0 only when every step of every target passed.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
ROOT="bash $top/scripts/root.sh"
ROOTS=${RVSS_ROOTS:-/var/tmp/rvss-roots}
out=$top/target/matrix
mkdir -p "$out"

readme=0
targets=()
for a in "$@"; do
    case $a in
        --readme) readme=1 ;;
        bookworm | bookworm-backports | trixie | forky) targets+=("$a") ;;
        *) echo "usage: $0 [--readme] [bookworm|bookworm-backports|trixie|forky ...]" >&2; exit 2 ;;
    esac
done
partial=1
[ ${#targets[@]} -gt 0 ] || { partial=0; targets=(bookworm bookworm-backports trixie forky); }

made=()
cleanup() {
    for r in "${made[@]}"; do $ROOT rm "$r" 2>/dev/null || echo "matrix: could not remove root $r" >&2; done
}
trap cleanup EXIT

say() { printf '\n\033[1mmatrix: %s\033[0m\n' "$*"; }

# The suite's own cargo where it is new enough for rust-version (Debian 13
# and later); the host's rustup toolchain for Debian 12.
toolchain_of() {
    case $1 in trixie | forky) echo debian ;; *) echo host ;; esac
}

# Release to install samba from (apt -t), for targets whose Samba is not the
# suite's default.
samba_release_of() {
    case $1 in bookworm-backports) echo "-t bookworm-backports" ;; *) echo "" ;; esac
}

# Step 1. Leaves the package, test binaries and fake modules in the root.
build_in_root() {
    local t=$1 name=$1-build
    $ROOT new "$name" "$t" >/dev/null || return 1
    made+=("$name")
    $ROOT copy-project "$name"
    local tc release
    tc=$(toolchain_of "$t")
    release=$(samba_release_of "$t")
    $ROOT run "$name" --toolchain "$tc" -- bash -euxc "
        apt-get update -qq
        # the README's first line
        apt-get install -y -qq make >/dev/null
        if [ '$tc' = debian ]; then apt-get install -y -qq --no-install-recommends cargo rustc >/dev/null; fi
        if [ -n '$release' ]; then apt-get install -y -qq --no-install-recommends $release samba >/dev/null; fi
        cd /src/rvss
        cargo --version
        make deps build deb
        # make build builds only what is installed: the test binaries here
        # (a compile error stops the root), then their list.
        cargo test --release --no-run
        cargo test --release --no-run --message-format=json 2>/dev/null |
            grep -E '\"profile\":\{[^}]*\"test\":true' | sed -n 's/.*\"executable\":\"\\([^\"]*\\)\".*/\\1/p' | sort -u >target/matrix-tests.txt
        test -s target/matrix-tests.txt
        series=\$(sed -n 's/^version=\\([0-9]*\\.[0-9]*\\)\\..*/\\1/p' <<<\"\$(grep -aoE 'RVSS-BUILT-FOR-SAMBA version=[0-9.]+' target/release/librvss.so | head -n1 | sed 's/.* //')\")
        for v in 4.16.0 \$series.999; do
            RVSS_FAKE_SAMBA_VERSION=\$v cargo build --release --lib --target-dir target/fake-samba
            mkdir -p target/fake-samba/\$v && cp target/fake-samba/release/librvss.so target/fake-samba/\$v/
        done
    "
}

# rvss-tools' package beside the rvss package $1 (built together).
tools_of() {
    echo "$(dirname "$1")/rvss-tools_$(basename "${1#*/rvss_}")"
}

# Step 2. $1 target, $2 root name, $3 the rvss package (a path on the host;
# rvss-tools' beside it).
install_package_root() {
    local t=$1 name=$2 deb=$3 release tools
    tools=$(tools_of "$deb")
    release=$(samba_release_of "$t")
    $ROOT new "$name" "$t" >/dev/null || return 1
    made+=("$name")
    cp "$deb" "$tools" "$ROOTS/$name/tmp/"
    $ROOT run "$name" --toolchain debian -- bash -euxc "
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends $release samba smbclient btrfs-progs >/dev/null
        apt-get install -y -qq --no-install-recommends $release samba-testsuite iproute2 procps man-db faketime tzdata systemd prometheus e2fsprogs acl attr openssh-client openssh-server >/dev/null
        apt-get install -y -qq $release /tmp/$(basename "$deb") /tmp/$(basename "$tools") >/dev/null
        dpkg-query -W -f='\${Package} \${Status} \${Version}\n' rvss rvss-tools samba samba-vfs-modules
        for p in rvss rvss-tools samba samba-vfs-modules; do
            dpkg-query -W -f='\${Status}' \$p | grep -q 'install ok installed'
        done
        test -f \"\$(smbd -b | sed -n 's/^ *MODULESDIR: *//p')/vfs/rvss.so\"
        test -x /usr/sbin/rvss
        # The daily maintenance timer and the replication path unit: enabled
        # by the install, their units valid as systemd reads them in this root.
        test -L /etc/systemd/system/timers.target.wants/rvss-maintenance.timer
        test -L /etc/systemd/system/paths.target.wants/rvss-replicate.path
        systemd-analyze verify /usr/lib/systemd/system/rvss-maintenance.service /usr/lib/systemd/system/rvss-maintenance.timer \
            /usr/lib/systemd/system/rvss-replicate.service /usr/lib/systemd/system/rvss-replicate.path
    "
}

# Step 3, inside a package root: a local archive of the installed samba
# packages one patch release up; an upgrade (simulated: the packages are
# only metadata) must upgrade samba and keep rvss.
upgrade_check() {
    local name=$1
    $ROOT run "$name" --toolchain debian -- bash -euc '
        repo=/var/tmp/samba-update
        mkdir -p $repo
        old=$(dpkg-query -W -f="\${Version}" samba)
        patch=$(sed -E "s/^([0-9]+:)?[0-9]+\.[0-9]+\.([0-9]+).*/\2/" <<<"$old")
        new=$(sed -E "s/^([0-9]+:)?([0-9]+\.[0-9]+\.)[0-9]+/\1\2$((patch + 1))/" <<<"$old")
        for p in $(dpkg-query -W -f="\${Package} \${source:Package} \${Version}\n" | awk -v v="$old" "\$2 == \"samba\" && \$3 == v {print \$1}"); do
            apt-cache show "$p=$old" | awk "BEGIN{RS=\"\"} NR==1" |
                sed -e "s/^Version: .*/Version: $new/" -e "s/(= $old)/(= $new)/g" \
                    -e "/^Filename:/c Filename: ./$p.deb"
            echo
        done >$repo/Packages
        grep -c "^Package:" $repo/Packages
        echo "deb [trusted=yes] file:$repo ./" >/etc/apt/sources.list.d/samba-update.list
        apt-get update -qq
        # "upgrade", as unattended-upgrades does: it holds back whatever
        # would need a removal
        sim=$(apt-get -s -o APT::Get::Show-Versions=1 upgrade)
        rm -f /etc/apt/sources.list.d/samba-update.list
        apt-get update -qq
        echo "$sim" | grep -E "^(Inst|Remv)|kept back|REMOVED" || true
        echo "$sim" | grep -qF "Inst samba [$old] ($new " || { echo "samba $old would not be upgraded to $new"; exit 1; }
        if echo "$sim" | grep -qE "^Remv rvss|kept back"; then echo "the update removes or holds back a package"; exit 1; fi
        echo "upgrade check: samba $old -> $new upgrades with rvss installed; nothing removed or held back"
    '
}

# Step 4. Runs test binaries listed in the build root inside a package
# root; prints "N passed, M failed" as its last line. $4: optional filter
# (a grep -E pattern on the binary names); the rest: test name filters
# given to each binary (e.g. `foundation::`, one file of tests/e2e/).
run_tests() {
    local name=$1 build=$2 deb=$3 filter=${4:-.}
    shift 3
    [ $# -eq 0 ] || shift
    local names="$*"
    $ROOT run "$name" --toolchain debian --bind "$ROOTS/$build/src/rvss:/src/rvss" \
        --bind "${RVSS_CACHE:-/var/cache/rvss}/roots:/var/cache/rvss/roots" -- bash -uc "
        cd /src/rvss
        export RVSS_MODULE=\$(smbd -b | sed -n 's/^ *MODULESDIR: *//p')/vfs/rvss.so
        export RVSS_CLI=/usr/sbin/rvss RVSS_FAKE_MODULES=/src/rvss/target/fake-samba
        export RVSS_DEB=/tmp/$(basename "$deb") RUST_BACKTRACE=1
        passed=0 failed=0 bad=0
        for t in \$(grep -E '$filter' target/matrix-tests.txt); do
            echo \"== \$t\"
            \$t --test-threads=2 $names >/tmp/test.out 2>&1; rc=\$?
            cat /tmp/test.out
            p=\$(sed -n 's/^test result: .* \\([0-9]*\\) passed; \\([0-9]*\\) failed.*/\\1/p' /tmp/test.out | tail -n1)
            f=\$(sed -n 's/^test result: .* \\([0-9]*\\) passed; \\([0-9]*\\) failed.*/\\2/p' /tmp/test.out | tail -n1)
            passed=\$((passed + \${p:-0})); failed=\$((failed + \${f:-0}))
            [ \$rc -eq 0 ] || [ \${f:-0} -gt 0 ] || bad=\$((bad + 1))
        done
        echo \"e2e: \$passed passed, \$((failed + bad)) failed\"
        [ \$failed -eq 0 ] && [ \$bad -eq 0 ]
    "
}

results=()
all_ok=1
row() { results+=("$*"); }

for t in "${targets[@]}"; do
    start=$SECONDS
    build=fail pkg=skipped e2e=skipped samba=?
    say "$t: build root (make deps build deb)"
    if build_in_root "$t" >"$out/$t-build.log" 2>&1; then
        build="ok ($(((SECONDS - start + 30) / 60)) min)"
    else
        # the reason make deps gave, if it was make deps that stopped
        why=$(sed -n 's/^deps: error: \([^:(]*\).*/\1/p' "$out/$t-build.log" | tail -n 1)
        [ -z "$why" ] || build="fail: $why"
    fi
    deb=$(ls "$ROOTS/$t-build/src/rvss/target/debian/"rvss_*.deb 2>/dev/null | head -n1)
    if [ -n "$deb" ] && [ "${build%% *}" = ok ]; then
        cp "$deb" "$out/$t-$(basename "$deb")"
        cp "$(tools_of "$deb")" "$out/$t-$(basename "$(tools_of "$deb")")"
        say "$t: package root (apt-get install ./$(basename "$deb") ./$(basename "$(tools_of "$deb")"))"
        pstart=$SECONDS
        if install_package_root "$t" "$t-pkg" "$deb" >"$out/$t-package.log" 2>&1 &&
            upgrade_check "$t-pkg" >>"$out/$t-package.log" 2>&1; then
            pkg="ok ($(((SECONDS - pstart + 30) / 60)) min)"
            samba=$($ROOT run "$t-pkg" --toolchain debian -- dpkg-query -W -f='${Version}' samba 2>/dev/null)
            say "$t: end-to-end suite against the installed package"
            run_tests "$t-pkg" "$t-build" "$deb" >"$out/$t-e2e.log" 2>&1
            e2e=$(tail -n1 "$out/$t-e2e.log" | sed -n 's/^e2e: //p')
            [ -n "$e2e" ] || e2e="did not run (see $t-e2e.log)"
        else
            pkg=fail
        fi
    fi
    tail -n 3 "$out/$t-build.log" "$out/$t-package.log" 2>/dev/null | sed 's/^/    /'
    case "$build|$pkg|$e2e" in
        ok*"|"ok*"|"*" passed, 0 failed") ;;
        *) all_ok=0 ;;
    esac
    row "$t|${samba}|$build|$pkg|$e2e|$(((SECONDS - start + 30) / 60))"
    # Keep the build root of bookworm-backports for the cross check below.
    if [ "$t" != bookworm-backports ]; then
        $ROOT rm "$t-build"
        $ROOT rm "$t-pkg"
    fi
done

# A package built for 4.22.6 (bookworm-backports) on trixie's 4.22.11.
if [ -d "$ROOTS/bookworm-backports-build" ] && printf '%s\n' "${targets[@]}" | grep -qx trixie; then
    start=$SECONDS
    deb=$(ls "$ROOTS/bookworm-backports-build/src/rvss/target/debian/"rvss_*.deb 2>/dev/null | head -n1)
    say "cross: the bookworm-backports package on trixie"
    e2e="did not run" pkg=fail samba=?
    if [ -n "$deb" ] && install_package_root trixie trixie-cross "$deb" >"$out/cross-package.log" 2>&1; then
        pkg=ok
        samba=$($ROOT run trixie-cross --toolchain debian -- dpkg-query -W -f='${Version}' samba 2>/dev/null)
        run_tests trixie-cross bookworm-backports-build "$deb" '/e2e-[0-9a-f]+$' foundation:: package:: >"$out/cross-e2e.log" 2>&1
        e2e=$(tail -n1 "$out/cross-e2e.log" | sed -n 's/^e2e: //p')
    fi
    case "$pkg|$e2e" in ok"|"*" passed, 0 failed") ;; *) all_ok=0 ;; esac
    row "bookworm-backports package on trixie|$samba|(built on bookworm-backports)|$pkg|$e2e|$(((SECONDS - start + 30) / 60))"
fi

{
    echo "| target | Samba | build | package install | e2e | minutes |"
    echo "|---|---|---|---|---|---|"
    for r in "${results[@]}"; do echo "| ${r//|/ | } |"; done
    echo
    echo "Measured by \`make matrix\` on $(date -u +%Y-%m-%d) ($(nproc) cores)."
} >"$out/results.md"
say "results"
cat "$out/results.md"
if [ "$readme" = 1 ]; then
    # Targets named on the command line: only their rows change (matched
    # by the first word of the target cell); the other rows, their labels
    # and the text below the table stay as measured before.
    python3 - "$top/README.md" "$out/results.md" "$partial" <<'PY'
import sys
readme, table, partial = sys.argv[1], open(sys.argv[2]).read().strip(), sys.argv[3] == "1"
text = open(readme).read()
begin, end = "<!-- matrix:begin -->", "<!-- matrix:end -->"
if begin not in text or end not in text:
    sys.exit("README.md has no matrix markers")
head, rest = text.split(begin, 1)
old, tail = rest.split(end, 1)
if partial:
    key = lambda line: line.split("|")[1].split()[0] if line.startswith("| ") else None
    new = {key(l): l for l in table.splitlines() if key(l) not in (None, "target")}
    lines = old.strip("\n").splitlines()
    for i, l in enumerate(lines):
        if key(l) in new:
            label = l.split("|")[1]
            lines[i] = "|" + label + "|" + new.pop(key(l)).split("|", 2)[2]
    if new:
        sys.exit("README.md's table has no row for " + ", ".join(new))
    table = "\n".join(lines)
open(readme, "w").write(head + begin + "\n" + table + "\n" + end + tail)
PY
fi
[ "$all_ok" = 1 ]
