#!/usr/bin/env bash
# Clean Debian roots: the test machines of `make root-test` and `make matrix`.
#
#   scripts/root.sh new NAME TARGET     a fresh root, made from the cached
#                                       minbase of TARGET's suite
#   scripts/root.sh run NAME [--toolchain host|debian] [--bind DIR[:DIR_IN_ROOT]]
#                       [--env K=V]... -- CMD...
#                                       runs CMD (as root, cwd /) chrooted in NAME
#   scripts/root.sh copy-project NAME   copies this project's files (what git
#                                       tracks, or the tree without build
#                                       output) to /src/rvss in the root
#   scripts/root.sh rm NAME             removes the root
#
# TARGET is a suite (bookworm, trixie, forky) or bookworm-backports (bookworm
# with its backports suite, whose samba the root's admin would install).
#
# A root is `debootstrap --variant=minbase` of the suite, kept as a tarball
# under $RVSS_CACHE/roots (refreshed when older than RVSS_ROOT_MAX_AGE_DAYS,
# default 7), plus three things every container has: apt sources (the
# host's Debian mirror, with -updates and -security), the host's resolv.conf,
# and a policy-rc.d that stops package scripts from starting services (or a
# samba package installed in the root would start smbd on the host's
# network). Nothing else is installed by this script: the project's own
# `make deps` and package installs do the rest.
#
# `run` works in a private mount namespace, so the binds of /proc, /sys,
# /dev (and of the Rust toolchain) vanish when CMD ends, whatever happens.
# --toolchain host binds the host's rustup toolchain and cargo home;
# --toolchain debian uses the suite's own cargo (installed into the root).
# Either way the host's crate download cache is shared.
set -euo pipefail

CACHE=${RVSS_CACHE:-/var/cache/rvss}
ROOTS=${RVSS_ROOTS:-/var/tmp/rvss-roots}
MAX_AGE_DAYS=${RVSS_ROOT_MAX_AGE_DAYS:-7}
HOST_HOME=${HOME:-/root}
HOST_CARGO_HOME=${CARGO_HOME:-$HOST_HOME/.cargo}
HOST_RUSTUP_HOME=${RUSTUP_HOME:-$HOST_HOME/.rustup}

log() { printf 'root: %s\n' "$*" >&2; }
die() { printf 'root: %s\n' "$*" >&2; exit 1; }

suite_of() {
    case $1 in
        bookworm | trixie | forky) echo "$1" ;;
        bookworm-backports) echo bookworm ;;
        *) die "unknown target '$1' (bookworm, bookworm-backports, trixie, forky)" ;;
    esac
}

# The host's Debian mirrors (URIs of its apt sources), so roots use whatever
# mirror or proxy the machine is set up with.
host_uri() { # $1 = "main" or "security"
    local var="RVSS_DEBIAN_MIRROR"
    [ "$1" = security ] && var="RVSS_DEBIAN_SECURITY_MIRROR"
    if [ -n "${!var:-}" ]; then
        echo "${!var}"
        return
    fi
    local uris
    uris=$( {
        sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null
        sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' \
            /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
    } | tr ' ' '\n' | grep -E '^https?://' | grep -E '/debian(-security)?/?$' || true)
    if [ "$1" = security ]; then
        uris=$(grep -E 'security' <<<"$uris" || true)
    else
        uris=$(grep -vE 'security' <<<"$uris" || true)
    fi
    [ -n "$uris" ] || die "no Debian $1 mirror in the host's apt sources; set $var"
    head -n 1 <<<"$uris"
}

# The cached minbase tarball of a suite, made or refreshed as needed.
base_tarball() {
    local suite=$1 tarball="$CACHE/roots/$1-minbase.tar"
    mkdir -p "$CACHE/roots"
    if [ -f "$tarball" ] && [ -z "$(find "$tarball" -mtime +"$MAX_AGE_DAYS")" ]; then
        echo "$tarball"
        return
    fi
    # A new machine has no debootstrap: install it, as make deps installs
    # the rest (Debian's package; elsewhere it must be there already).
    if ! command -v debootstrap >/dev/null; then
        command -v apt-get >/dev/null || die "debootstrap is missing (install it with your package manager)"
        log "installing debootstrap"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; } >/dev/null ||
            die "debootstrap is missing and apt-get could not install it"
    fi
    local tmp start=$SECONDS
    tmp=$(mktemp -d "$CACHE/roots/.debootstrap.XXXXXX")
    log "debootstrap --variant=minbase $suite (cached in $tarball)"
    # A debootstrap older than the suite knows no script for it; testing
    # suites bootstrap like sid.
    local script=()
    [ -e "/usr/share/debootstrap/scripts/$suite" ] || script=(/usr/share/debootstrap/scripts/sid)
    if ! debootstrap --variant=minbase "$suite" "$tmp" "$(host_uri main)" "${script[@]}" >"$tmp.log" 2>&1; then
        tail -20 "$tmp.log" >&2
        rm -rf "$tmp" "$tmp.log"
        die "debootstrap $suite failed"
    fi
    # mktemp made the directory 0700; a root's / must be 0755, or nobody
    # but root can reach anything in it
    chmod 0755 "$tmp"
    tar -C "$tmp" -cf "$tarball.new" .
    mv "$tarball.new" "$tarball"
    rm -rf "$tmp" "$tmp.log"
    log "minbase $suite ready in $((SECONDS - start)) s"
    echo "$tarball"
}

write_sources() {
    local root=$1 target=$2 suite mirror security suites
    suite=$(suite_of "$target")
    mirror=$(host_uri main)
    suites="$suite"
    # testing has no -updates suite worth having
    [ "$suite" = forky ] || suites="$suites $suite-updates"
    [ "$target" = bookworm-backports ] && suites="$suites bookworm-backports"
    rm -f "$root/etc/apt/sources.list"
    {
        printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\n' "$mirror" "$suites"
        if [ "$suite" != forky ]; then
            security=$(host_uri security)
            printf '\nTypes: deb\nURIs: %s\nSuites: %s-security\nComponents: main\n' "$security" "$suite"
        fi
    } >"$root/etc/apt/sources.list.d/debian.sources"
    if [ "$suite" = forky ]; then
        # testing's Release files are valid for a week only: a mirror that
        # serves a snapshot (as this project's machines do) is otherwise
        # refused as expired
        echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99rvss-testing-snapshot"
    fi
}

cmd_new() {
    local name=$1 target=$2 root="$ROOTS/$1" tarball
    suite_of "$target" >/dev/null
    tarball=$(base_tarball "$(suite_of "$target")")
    cmd_rm "$name"
    mkdir -p "$root"
    tar -C "$root" -xf "$tarball"
    chmod 0755 "$root"
    write_sources "$root" "$target"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    printf '#!/bin/sh\n# rvss test root: package scripts start no services\nexit 101\n' \
        >"$root/usr/sbin/policy-rc.d"
    chmod 0755 "$root/usr/sbin/policy-rc.d"
    echo "$target" >"$root/.rvss-target"
    echo "$root"
}

# Refuses to act on anything that is not one of our roots.
root_dir() {
    local root="$ROOTS/$1"
    [[ $1 =~ ^[A-Za-z0-9._-]+$ ]] || die "bad root name '$1'"
    [ -f "$root/.rvss-target" ] || die "$root is not a root made by $0 new"
    echo "$root"
}

cmd_copy_project() {
    local top dest
    top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    dest=$(root_dir "$1")/src/rvss
    mkdir -p "$dest"
    if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
        git -C "$top" ls-files -z --cached --others --exclude-standard |
            tar -C "$top" --null -T - -cf - | tar -C "$dest" -xf -
    else
        tar -C "$top" --exclude=./target --exclude=./fuzz/target -cf - . | tar -C "$dest" -xf -
    fi
}

cmd_rm() {
    local root="$ROOTS/$1"
    [[ $1 =~ ^[A-Za-z0-9._-]+$ ]] || die "bad root name '$1'"
    [ -e "$root" ] || return 0
    [ -f "$root/.rvss-target" ] || die "$root is not a root made by $0 new; not removing it"
    # Mounts live only in the private namespaces of `run`; a leftover one
    # (a run killed mid-way) must not let rm reach into the host.
    if grep -q " $root/" /proc/self/mounts; then
        die "$root still has mounts: $(grep " $root/" /proc/self/mounts | cut -d' ' -f2 | tr '\n' ' ')"
    fi
    rm -rf --one-file-system "$root"
}

cmd_run() {
    local name=$1 root toolchain=host binds=() envs=()
    shift
    root=$(root_dir "$name")
    while [ $# -gt 0 ]; do
        case $1 in
            --toolchain) toolchain=$2; shift 2 ;;
            --bind) binds+=("$2"); shift 2 ;;
            --env) envs+=("$2"); shift 2 ;;
            --) shift; break ;;
            *) die "run: unknown option $1" ;;
        esac
    done
    [ $# -gt 0 ] || die "run: no command"
    local path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    # The root is made a mount point of its own: inside it, / must be one
    # (the tests' unshare --propagation remounts / private).
    local setup="set -e
mount --bind '$root' '$root'
mount --rbind /proc '$root/proc'
mount --rbind /sys '$root/sys'
mount --rbind /dev '$root/dev'
mkdir -p '$root/root/.cargo/registry' '$HOST_CARGO_HOME/registry'
mount --bind '$HOST_CARGO_HOME/registry' '$root/root/.cargo/registry'
"
    case $toolchain in
        host)
            [ -x "$HOST_CARGO_HOME/bin/cargo" ] || die "no host toolchain in $HOST_CARGO_HOME (rustup)"
            setup+="mkdir -p '$root/opt/rvss-toolchain/cargo-bin' '$root/opt/rvss-toolchain/rustup'
mount --bind -o ro '$HOST_CARGO_HOME/bin' '$root/opt/rvss-toolchain/cargo-bin'
mount --bind -o ro '$HOST_RUSTUP_HOME' '$root/opt/rvss-toolchain/rustup'
"
            path=/opt/rvss-toolchain/cargo-bin:$path
            envs+=("RUSTUP_HOME=/opt/rvss-toolchain/rustup")
            ;;
        debian) ;;
        *) die "run: --toolchain host|debian" ;;
    esac
    local b src dst
    for b in "${binds[@]}"; do
        src=${b%%:*}
        dst=${b#*:}
        [ -d "$src" ] || die "run: --bind $src is not a directory"
        setup+="mkdir -p '$root$dst'
mount --bind '$src' '$root$dst'
"
    done
    # One shell line per argument, quoted for the inner shell.
    local quoted
    quoted=$(printf '%q ' "$@")
    unshare --mount --propagation private -- bash -c "$setup
exec chroot '$root' /usr/bin/env -i HOME=/root PATH=$path LANG=C.UTF-8 TERM=dumb \
    DEBIAN_FRONTEND=noninteractive CARGO_HOME=/root/.cargo ${envs[*]:+${envs[*]}} \
    ${CI:+CI=$CI} bash -c 'cd / && exec \"\$@\"' cmd $quoted"
}

case ${1:-} in
    new) [ $# -eq 3 ] || die "usage: $0 new NAME TARGET"; cmd_new "$2" "$3" ;;
    run) [ $# -ge 3 ] || die "usage: $0 run NAME [options] -- CMD..."; shift; cmd_run "$@" ;;
    copy-project) [ $# -eq 2 ] || die "usage: $0 copy-project NAME"; cmd_copy_project "$2" ;;
    rm) [ $# -eq 2 ] || die "usage: $0 rm NAME"; cmd_rm "$2" ;;
    base) [ $# -eq 2 ] || die "usage: $0 base SUITE"; base_tarball "$2" ;;
    *) die "usage: $0 new|run|copy-project|rm|base ... (see the top of this file)" ;;
esac
