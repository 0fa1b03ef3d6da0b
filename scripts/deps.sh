#!/usr/bin/env bash
# Installs what rvss needs to build, test and run, then prepares a relocatable
# bundle of the headers of the exact installed Samba (the VFS ABI is
# version-locked), cached outside the work tree by Samba's package version.
# Idempotent: a second run with everything in place takes well under a second.
set -euo pipefail

CACHE_ROOT=${RVSS_CACHE:-/var/cache/rvss}
PACKAGES=(
    # Samba itself and the real clients the tests drive
    samba smbclient samba-testsuite
    # btrfs, loop devices, namespaces
    btrfs-progs util-linux iproute2 procps
    # moving the clock for gc grace tests (e2e_safety)
    faketime
    # build: bindgen needs libclang; the shim needs a C compiler
    build-essential pkg-config libclang-dev
    # enough of Samba's build dependencies to generate its headers
    dpkg-dev python3 flex bison libparse-yapp-perl libkeyutils-dev
    libgnutls28-dev zlib1g-dev libpopt-dev libtalloc-dev libtevent-dev
    libtdb-dev libldb-dev
    # man pages (pandoc, from man/*.8.md; man-db to check them) and the
    # Debian package (dpkg-deb, dpkg-shlibdeps; strip from binutils)
    pandoc man-db binutils
)

log() { printf 'deps: %s\n' "$*" >&2; }

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Debian's samba source package, for the same suites the machine installs from.
enable_deb_src() {
    local src=/etc/apt/sources.list.d/rvss-deb-src.sources
    [ -f "$src" ] && return 0
    local found=0
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        [ "$f" = "$src" ] && continue
        sed -e 's/^Types:.*/Types: deb-src/' "$f" >>"$src.tmp"
        printf '\n' >>"$src.tmp"
        found=1
    done
    if [ -f /etc/apt/sources.list ]; then
        sed -n 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list >/etc/apt/sources.list.d/rvss-deb-src.list || true
        [ -s /etc/apt/sources.list.d/rvss-deb-src.list ] && found=1
    fi
    [ "$found" = 1 ] || { log "no apt sources found to derive deb-src entries from"; exit 1; }
    [ -f "$src.tmp" ] && mv "$src.tmp" "$src"
    apt-get update -qq
}

configure_samba() {
    # configure wants Debian's python, not a pyenv shim first in PATH
    PYTHON=/usr/bin/python3 ./configure \
        --without-ad-dc --without-json --without-ldap --without-ads \
        --without-pam --without-libarchive --without-acl-support \
        --disable-python --without-systemd --without-gpgme --disable-cups \
        --disable-iprint --disable-avahi --without-dmapi --without-fam \
        --without-regedit --disable-glusterfs --disable-cephfs \
        --disable-spotlight --without-libunwind --without-lttng \
        --with-shared-modules='!vfs_snapper' --without-ldb-lmdb
    PYTHONHASHSEED=1 PYTHON=/usr/bin/python3 buildtools/bin/waf build --targets=\
PIDL_SERVER_ID,PIDL_MISC,PIDL_FILE_ID,PIDL_SMB2_LEASE_STRUCT,PIDL_SECURITY,\
PIDL_SMB_ACL,ntstatus_generated,werror_generated,param_local.h,param_global.h,\
param_functions.h,s3_param_proto_h
}

# Copies exactly the files the module's wrapper header pulls in, keeping their
# paths relative to the tree, so the bundle builds like the configured tree.
make_bundle() {
    local tree=$1 bundle=$2 wrapper=$3
    local incs="bin/default/include source3/include source3 lib/replace bin/default bin/default/source3 include/public . lib/talloc lib/tevent lib/tdb/include"
    local flags=(-D_SAMBA_BUILD_=4 -DHAVE_CONFIG_H=1 -D_GNU_SOURCE=1 -D_XOPEN_SOURCE_EXTENDED=1 -D__STDC_WANT_LIB_EXT1__=1 -D_REENTRANT)
    local iflags=()
    for d in $incs; do iflags+=("-I$tree/$d"); done
    gcc -M "${flags[@]}" "${iflags[@]}" "$wrapper" |
        sed -e 's/\\$//' | tr ' ' '\n' | sed -n "s#^$tree/##p" | sort -u >"$bundle.files"
    mkdir -p "$bundle"
    (cd "$tree" && xargs -a "$bundle.files" cp --parents -t "$bundle")
    for d in $incs; do mkdir -p "$bundle/$d"; done
    printf '%s\n' $incs >"$bundle/include-dirs"
    printf '%s\n' "${flags[@]}" >"$bundle/cflags"
    rm -f "$bundle.files"
}

prepare_headers() {
    local version bundle work
    version=$(dpkg-query -W -f='${Version}' samba)
    bundle="$CACHE_ROOT/samba-headers/$version"
    if [ -f "$bundle/.complete" ]; then
        return 0
    fi
    log "preparing Samba $version headers in $bundle (about 90 s, once per Samba version)"
    enable_deb_src
    work=$(mktemp -d "$CACHE_ROOT/build.XXXXXX")
    trap 'rm -rf "$work"' RETURN
    (
        cd "$work"
        apt-get source --download-only -qq "samba=$version" >/dev/null
        dpkg-source -x samba_*.dsc tree >/dev/null
        cd tree
        configure_samba >"$work/configure.log" 2>&1 || { tail -30 "$work/configure.log" >&2; exit 1; }
    )
    rm -rf "$bundle"
    make_bundle "$work/tree" "$bundle" "$(dirname "$0")/../samba-module/samba.h"
    # the exact package version, for the Debian package's Depends
    printf '%s\n' "$version" >"$bundle/package-version"
    touch "$bundle/.complete"
    log "Samba headers ready: $bundle"
}

mkdir -p "$CACHE_ROOT/samba-headers"
install_packages
prepare_headers
