#!/usr/bin/env bash
# make tarball-test: rvss built for a Samba that dpkg knows nothing about, as
# on Fedora, openSUSE or Arch (docs/beyond-debian.md). In a clean bookworm
# root, Debian's samba plays the admin's own and Debian's orig tarball of it
# (samba_X.Y.Z+dfsg.orig.tar.xz, no Debian patches) the upstream release;
# a dpkg-query wrapper fails and records any question about samba. Then
# `RVSS_SAMBA_SOURCE=<tarball> make deps build`, the module's marker (the
# smbd -V version, no package), and the foundation end-to-end tests against
# that module. Passes only when dpkg-query was never asked about samba.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
name=tarball-test
ROOT="bash $top/scripts/root.sh"
trap '$ROOT rm "$name" || true' EXIT

start=$SECONDS
$ROOT new "$name" bookworm >/dev/null
$ROOT copy-project "$name"

$ROOT run "$name" --toolchain host -- bash -euc '
    apt-get update -qq
    apt-get install -y -qq make >/dev/null
    # the admin'"'"'s Samba, and the release tarball it was built from
    apt-get install -y -qq --no-install-recommends samba samba-vfs-modules smbclient >/dev/null
    v=$(dpkg-query -W -f="\${Version}" samba)
    sed "s/^Types: deb$/Types: deb-src/" /etc/apt/sources.list.d/debian.sources >/etc/apt/sources.list.d/src.sources
    apt-get update -qq
    mkdir -p /srcs && (cd /srcs && apt-get source --download-only -qq "samba=$v" >/dev/null 2>&1 || true)
    rm /etc/apt/sources.list.d/src.sources && apt-get update -qq
    tarball=$(ls /srcs/samba_*.orig.tar.*)
    echo "tarball-test: Samba $(smbd -V), source $tarball"
    # from here on, dpkg knows no samba
    mkdir -p /usr/local/shim
    cat >/usr/local/shim/dpkg-query <<"SHIM"
#!/bin/sh
echo "$*" >>/tmp/dpkg-query.log
case " $* " in *samba*) exit 1 ;; esac
exec /usr/bin/dpkg-query "$@"
SHIM
    chmod +x /usr/local/shim/dpkg-query
    export PATH=/usr/local/shim:$PATH RVSS_SAMBA_SOURCE=$tarball
    cd /src/rvss
    make deps build
    up=$(smbd -V | sed -n "s/^Version \([0-9.]*\).*/\1/p")
    marker=$(grep -aoE "RVSS-BUILT-FOR-SAMBA version=[0-9.]+ interface=[0-9]+ package=[^[:space:][:cntrl:]]*" target/release/librvss.so | head -n1)
    echo "tarball-test: module marker: $marker"
    case $marker in *"version=$up "*"package=") ;; *) echo "tarball-test: marker should name Samba $up and no package"; exit 1 ;; esac
    cargo test --release --test e2e -- foundation::
    n=$(grep -c samba /tmp/dpkg-query.log 2>/dev/null || true)
    echo "tarball-test: dpkg-query questions about samba: ${n:-0}"
    [ "${n:-0}" = 0 ]
'
echo "tarball-test: passed in $(((SECONDS - start + 30) / 60)) min"
