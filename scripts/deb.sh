#!/usr/bin/env bash
# Builds the Debian package target/debian/rvss_<version>_<arch>.deb from the
# built module and CLI, with dpkg-deb (no debian/ source tree needed):
#   scripts/deb.sh [--module FILE] [--cli FILE] [--out DIR]
# The package Depends on the samba release series the module was built for
# (read from the module itself), e.g. samba (>= 2:4.22~), samba (<< 2:4.23~):
# the module loads in any patch release of that series (security updates
# install without holding rvss back or removing it), and apt refuses a
# Samba of another series, which would refuse the module.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
module=$top/target/release/librvss.so
cli=$top/target/release/rvss
out=$top/target/debian
while [ $# -gt 0 ]; do
    case $1 in
        --module) module=$2; shift 2 ;;
        --cli) cli=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "usage: $0 [--module FILE] [--cli FILE] [--out DIR]" >&2; exit 2 ;;
    esac
done
die() { echo "deb: $*" >&2; exit 1; }
for f in "$module" "$cli"; do [ -f "$f" ] || die "$f is missing; run make build"; done
for t in dpkg-deb dpkg-shlibdeps pandoc strip; do
    command -v "$t" >/dev/null || die "$t is missing; run make deps"
done

version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$top/Cargo.toml" | head -n 1)
arch=$(dpkg --print-architecture)
changelog_version=$(sed -n '1s/^rvss (\([^)]*\)).*/\1/p' "$top/packaging/debian/changelog")
[ "$changelog_version" = "$version" ] ||
    die "packaging/debian/changelog starts with version '$changelog_version', Cargo.toml says $version: add a changelog entry"

# What the module was built for: its exported marker string.
marker=$(grep -aoE 'RVSS-BUILT-FOR-SAMBA version=[0-9.]+( [a-z]+=[^[:space:][:cntrl:]]*)* package=[^[:space:][:cntrl:]]*' "$module" | head -n 1 || true)
[ -n "$marker" ] || die "$module does not say which Samba it was built for"
built_version=${marker#*version=}; built_version=${built_version%% *}
built_package=${marker##*package=}
[ -n "$built_package" ] || die "$module does not record the samba package it was built against"
series=$(sed -n 's/^\([0-9]\+\)\.\([0-9]\+\)\.[0-9]\+$/\1 \2/p' <<<"$built_version")
[ -n "$series" ] || die "$module names Samba '$built_version', not MAJOR.MINOR.PATCH"
read -r major minor <<<"$series"
epoch=
case $built_package in *:*) epoch=${built_package%%:*}: ;; esac
samba_range="samba (>= $epoch$major.$minor~), samba (<< $epoch$major.$((minor + 1))~)"
installed=$(dpkg-query -W -f='${Version}' samba 2>/dev/null || true)
dpkg --compare-versions "$installed" ge "$epoch$major.$minor~" &&
    dpkg --compare-versions "$installed" lt "$epoch$major.$((minor + 1))~" ||
    die "$module was built for Samba $built_version but samba ${installed:-(none)} is installed: rebuild it (make deps build)"
modulesdir=$(smbd -b | sed -n 's/^ *MODULESDIR: *//p')
[ -n "$modulesdir" ] || die "cannot find Samba's MODULESDIR (smbd -b)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/debian/rvss
doc=$root/usr/share/doc/rvss
install -d "$root/DEBIAN" "$root$modulesdir/vfs" "$root/usr/sbin" "$root/usr/share/man/man8" "$doc/examples"
install -m 0644 "$module" "$root$modulesdir/vfs/rvss.so"
install -m 0755 "$cli" "$root/usr/sbin/rvss"
strip --strip-unneeded --remove-section=.comment "$root$modulesdir/vfs/rvss.so" "$root/usr/sbin/rvss"
for page in vfs_rvss rvss; do
    "$top/scripts/man.sh" "$top/man/$page.8.md" "$work/$page.8"
    gzip -9n <"$work/$page.8" >"$root/usr/share/man/man8/$page.8.gz"
done
install -m 0644 "$top/packaging/debian/copyright" "$doc/copyright"
# rvss is a native package: its changelog is the Debian changelog.
gzip -9n <"$top/packaging/debian/changelog" >"$doc/changelog.gz"
install -m 0644 "$top/packaging/debian/smb.conf.example" "$doc/examples/smb.conf"
# The CTDB event script that fences a failed node's CephFS session
# (vfs_rvss(8), CEPHFS AND CTDB CLUSTERS): an example the admin installs.
install -D -m 0755 "$top/scripts/ctdb/05.rvss-cephfs-evict.script" \
    "$doc/examples/ctdb/05.rvss-cephfs-evict.script"
chmod 0644 "$doc/changelog.gz" "$root"/usr/share/man/man8/*.gz
# The daily maintenance timer (rvss(8), MAINTENANCE), enabled by postinst
# with deb-systemd-helper as Debian's own packages are.
for unit in rvss-maintenance.service rvss-maintenance.timer; do
    install -D -m 0644 "$top/packaging/systemd/$unit" "$root/usr/lib/systemd/system/$unit"
done
for script in postinst prerm postrm; do
    install -m 0755 "$top/packaging/debian/$script" "$root/DEBIAN/$script"
done

# Shared-library dependencies of the binaries (libc6, libgcc-s1).
printf 'Source: rvss\n\nPackage: rvss\nArchitecture: any\n' >"$work/debian/control"
shlibs=$(cd "$work" && dpkg-shlibdeps -O "-e${root#"$work"/}$modulesdir/vfs/rvss.so" "-e${root#"$work"/}/usr/sbin/rvss" 2>/dev/null |
    sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || die "dpkg-shlibdeps found no dependencies"
rm "$work/debian/control"

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: rvss
Version: $version
Architecture: $arch
Maintainer: rvss developers <rvss-devel@example.org>
Installed-Size: $size
Depends: $samba_range, init-system-helpers, $shlibs
Recommends: samba-vfs-modules
Suggests: smbclient
Enhances: samba
Section: net
Priority: optional
Description: Remote VSS (MS-FSRVP) shadow copies for Samba shares on btrfs and CephFS
 vfs_rvss is a Samba VFS module providing the snapshot hooks of Samba's
 File Server Remote VSS Protocol server: Windows backup software (Hyper-V
 and SQL Server over SMB) gets application-consistent shadow copies of
 shares, made as btrfs snapshots kept outside the shares, or as CephFS
 snapshots.
 .
 The rvss tool checks shares, lists and prunes snapshots and diagnoses an
 installation (rvss doctor); a daily timer prunes backups by policy and
 removes orphaned snapshots.
 .
 Built for Samba $built_version (package $built_package); loads in any
 Samba $major.$minor.x (the VFS interface is fixed within a release series).
CONTROL
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z |
    xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

mkdir -p "$out"
deb=$out/rvss_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
