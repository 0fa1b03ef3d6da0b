#!/usr/bin/env bash
# Tries scripts/deps.sh on clean Debian roots, the way a new machine meets it:
# a fresh `debootstrap --variant=minbase` root per target (created once, kept
# as a pristine tarball), /proc /sys /dev bound into it, a copy of this work
# tree in /src, `bash scripts/deps.sh` run twice (the second must be the fast
# path), then the module's wrapper header and its C shim compiled against the
# bundle alone (and against a relocated copy of it).
#
#   scripts/deps-test-roots.sh [TARGET...]
#
# Targets: bookworm, bookworm-backports (Samba from backports, which must not
# be downgraded), trixie, forky, tarball (RVSS_SAMBA_SOURCE with Debian's orig
# tarball on bookworm, dpkg-query refusing any question about samba).
# Default: all. Needs root, debootstrap and a Debian mirror.
#
# Environment: RVSS_ROOTS (where roots and pristine tarballs live; default
# /var/tmp/rvss-deps-roots), RVSS_MIRROR (default http://deb.debian.org/debian),
# RVSS_ROOTS_IGNORE_VALID_UNTIL=1 (for a mirror snapshot older than the
# clock: testing suites' Release files expire), RVSS_ROOTS_KEEP=1 (keep each
# root afterwards for inspection).
set -uo pipefail

ROOTS=${RVSS_ROOTS:-/var/tmp/rvss-deps-roots}
MIRROR=${RVSS_MIRROR:-http://deb.debian.org/debian}
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(bookworm bookworm-backports trixie forky tarball)

say() { printf 'deps-test: %s\n' "$*" >&2; }

# The pristine minbase tarball of a suite, made once.
pristine() {
    local suite=$1 tar=$ROOTS/$1-minbase.tar dir script=()
    if [ ! -f "$tar" ]; then
        dir=$ROOTS/$suite-pristine
        rm -rf --one-file-system "$dir"
        # debootstrap knows suites by name up to its own release; newer
        # testing suites use sid's script
        [ -e "/usr/share/debootstrap/scripts/$suite" ] || script=(/usr/share/debootstrap/scripts/sid)
        say "creating the $suite minbase root (about a minute)"
        local start=$SECONDS
        debootstrap --variant=minbase "$suite" "$dir" "$MIRROR" "${script[@]}" >"$ROOTS/$suite.debootstrap.log" 2>&1 ||
            { tail -5 "$ROOTS/$suite.debootstrap.log" >&2; return 1; }
        say "minbase $suite created in $((SECONDS - start)) s"
        tar -C "$dir" -cf "$tar" . && rm -rf --one-file-system "$dir"
    fi
    printf '%s\n' "$tar"
}

ROOT=
unmount_root() {
    [ -n "$ROOT" ] || return 0
    local m
    for m in dev/pts dev sys proc; do
        mountpoint -q "$ROOT/$m" && umount -l "$ROOT/$m"
    done
    if [ "${RVSS_ROOTS_KEEP:-0}" != 1 ]; then rm -rf --one-file-system "$ROOT"; fi
    ROOT=
}
trap unmount_root EXIT INT TERM

in_root() {
    chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 bash -c "$1"
}

# Compiles the wrapper header and the C shim against the bundle alone, then
# against a copy of it somewhere else; prints the VFS interface version.
CHECK='
set -e
B=$(ls -d /var/cache/rvss/samba-headers/*/ | head -1); B=${B%/}
flags() { mapfile -t F <"$B/cflags"; I=(); while read -r d; do I+=("-I$1/$d"); done <"$B/include-dirs"; }
cd /src
flags "$B"
gcc -fsyntax-only "${F[@]}" "${I[@]}" samba-module/samba.h
gcc -fsyntax-only "${F[@]}" -I include "${I[@]}" samba-module/vfs_rvss.c
rm -rf /tmp/relocated && cp -a "$B" /tmp/relocated && flags /tmp/relocated
gcc -fsyntax-only "${F[@]}" -I include "${I[@]}" samba-module/vfs_rvss.c
echo "bundle ${B##*/}: samba.h and vfs_rvss.c compile (also relocated); SMB_VFS_INTERFACE_VERSION $(cat "$B/vfs-interface-version"); package-version \"$(cat "$B/package-version")\""
'

DEPS='
cd /src
s=$(date +%s); bash scripts/deps.sh || exit 1; echo "first run: $(( $(date +%s) - s )) s"
s=$(date +%s%N); bash scripts/deps.sh || exit 1; echo "second run: $(( ($(date +%s%N) - s) / 1000000 )) ms"
'

run_target() {
    local target=$1 suite setup="" deps=$DEPS after=""
    case $target in
    bookworm | trixie | forky) suite=$target ;;
    bookworm-backports)
        suite=bookworm
        setup='echo "deb '"$MIRROR"' bookworm-backports main" >>/etc/apt/sources.list
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -t bookworm-backports samba >/dev/null
            dpkg-query -W -f="\${Version}\n" samba >/tmp/samba-before'
        after='[ "$(dpkg-query -W -f="\${Version}" samba)" = "$(cat /tmp/samba-before)" ] && echo "samba still $(cat /tmp/samba-before)" || { echo "samba was changed"; exit 1; }'
        ;;
    tarball)
        suite=bookworm
        # Debian's Samba plays the admin's own; its orig tarball the upstream
        # one; dpkg-query must never be asked about samba
        setup='apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends samba >/dev/null
            v=$(dpkg-query -W -f="\${Version}" samba)
            sed -n "s/^deb /deb-src /p" /etc/apt/sources.list >/etc/apt/sources.list.d/test-src.list && apt-get update -qq
            mkdir -p /srcs && cd /srcs && { apt-get source --download-only -qq "samba=$v" >/dev/null 2>&1 || true; ls samba_*.orig.tar.* >/dev/null; }
            rm /etc/apt/sources.list.d/test-src.list && apt-get update -qq
            mkdir -p /usr/local/shim
            printf "%s\n" "#!/bin/sh" "echo \"\$*\" >>/tmp/dpkg-query.log" "case \" \$* \" in *samba*) exit 1;; esac" "exec /usr/bin/dpkg-query \"\$@\"" >/usr/local/shim/dpkg-query
            chmod +x /usr/local/shim/dpkg-query'
        deps='export PATH=/usr/local/shim:$PATH RVSS_SAMBA_SOURCE=$(ls /srcs/samba_*.orig.tar.*)'"$DEPS"
        after='n=$(grep -c samba /tmp/dpkg-query.log 2>/dev/null); echo "dpkg-query questions about samba: ${n:-0}"; [ "${n:-0}" = 0 ]'
        ;;
    *) say "unknown target $target"; return 1 ;;
    esac
    local tar
    tar=$(pristine "$suite") || return 1
    ROOT=$ROOTS/test-$target
    rm -rf --one-file-system "$ROOT" && mkdir -p "$ROOT" && tar -C "$ROOT" -xf "$tar" || return 1
    mount --bind /proc "$ROOT/proc" && mount --bind /sys "$ROOT/sys" &&
        mount --bind /dev "$ROOT/dev" && mount --bind /dev/pts "$ROOT/dev/pts" || return 1
    cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null
    [ "${RVSS_ROOTS_IGNORE_VALID_UNTIL:-0}" = 1 ] &&
        echo 'Acquire::Check-Valid-Until "false";' >"$ROOT/etc/apt/apt.conf.d/99rvss-test-stale-mirror"
    mkdir -p "$ROOT/src" && (cd "$TOP" && git ls-files -z | xargs -0 cp --parents -t "$ROOT/src")
    local start=$SECONDS
    if [ -n "$setup" ]; then
        in_root "set -e; $setup" || { say "$target: setting the root up failed"; return 1; }
        say "$target: root set up in $((SECONDS - start)) s"
    fi
    in_root "$deps" && in_root "$CHECK" && { [ -z "$after" ] || in_root "$after"; }
}

mkdir -p "$ROOTS"
results=()
for t in "${TARGETS[@]}"; do
    say "=== $t"
    if run_target "$t"; then results+=("$t: ok"); else results+=("$t: FAILED"); fi
    unmount_root
done
printf '%s\n' "${results[@]}"
[[ " ${results[*]} " != *FAILED* ]]
