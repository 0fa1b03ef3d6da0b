#!/usr/bin/env bash
# Builds the Debian packages from the built module and CLI, with dpkg-deb
# (no debian/ source tree needed), into target/debian:
#   scripts/deb.sh [--module FILE] [--cli FILE] [--out DIR]
# prints the paths of the two packages, one a line:
#
#   rvss-tools_<version>_<arch>.deb   the admin CLI /usr/sbin/rvss and rvss(8).
#       Depends only on what the binary links (dpkg-shlibdeps: libc6,
#       libgcc-s1) and btrfs-progs (btrfs send/receive for replication): a
#       replication target host installs it alone, without Samba, and runs
#       `rvss serve-target ROOT` (rvss(8), REPLICATION). The CLI links
#       nothing of Samba: it runs Samba's tools (testparm, smbd -b) when a
#       command is about Samba, and dlopens libtdb only for the audit
#       trail's ids (rvss list --history), carrying on without them.
#   rvss_<version>_<arch>.deb         the Samba VFS module, vfs_rvss(8), the
#       daily maintenance units (they act on Samba's shares) and the
#       smb.conf and CTDB examples. Depends on the samba release series the
#       module was built for (read from the module itself), e.g.
#       samba (>= 2:4.22~), samba (<< 2:4.23~): the module loads in any patch
#       release of that series (security updates install without holding
#       rvss back or removing it), and apt refuses a Samba of another series,
#       which would refuse the module; and on rvss-tools of the same version
#       (the units run its CLI, which must understand this module's catalog).
#
# The module's package keeps the name rvss, so that an installed rvss
# upgrades into both: the new rvss pulls rvss-tools in. Until 0.3.0, rvss
# shipped /usr/sbin/rvss and rvss(8) itself; rvss-tools takes those files
# over with Replaces (dpkg may overwrite them) and Breaks (an older rvss is
# upgraded, never left configured without its files) on rvss (<< 0.3.0), as
# Debian policy 7.6.1 prescribes for files moved between packages. Each
# package has its own /usr/share/doc directory (copyright, changelog): a
# directory turned into a symlink on upgrade would need a maintscript.
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
for t in dpkg-deb dpkg-shlibdeps pandoc strip objdump; do
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
# The version of rvss from which on the CLI is in rvss-tools.
split_version=0.3.0

for page in vfs_rvss rvss; do
    "$top/scripts/man.sh" "$top/man/$page.8.md" "$work/$page.8"
done
# A package tree: $1 package name; the man page and binaries go in after.
new_tree() {
    local root=$work/debian/$1
    install -d "$root/DEBIAN" "$root/usr/share/man/man8" "$root/usr/share/doc/$1"
    install -m 0644 "$top/packaging/debian/copyright" "$root/usr/share/doc/$1/copyright"
    # rvss is a native package: its changelog is the Debian changelog.
    gzip -9n <"$top/packaging/debian/changelog" >"$root/usr/share/doc/$1/changelog.gz"
    chmod 0644 "$root/usr/share/doc/$1/changelog.gz"
}
man_page() { # $1 package, $2 page
    gzip -9n <"$work/$2.8" >"$work/debian/$1/usr/share/man/man8/$2.8.gz"
    chmod 0644 "$work/debian/$1/usr/share/man/man8/$2.8.gz"
}

# rvss-tools: the CLI.
tools=$work/debian/rvss-tools
new_tree rvss-tools
install -D -m 0755 "$cli" "$tools/usr/sbin/rvss"
strip --strip-unneeded --remove-section=.comment "$tools/usr/sbin/rvss"
man_page rvss-tools rvss
# The CLI must run where Samba is not installed (a replication target).
if objdump -p "$tools/usr/sbin/rvss" | grep -E '^ *NEEDED' | grep -iE 'samba|smb|tdb|talloc|tevent|ldb'; then
    die "$cli links a Samba library: rvss-tools must run without Samba"
fi

# rvss: the module and what serves Samba's shares.
root=$work/debian/rvss
doc=$root/usr/share/doc/rvss
new_tree rvss
install -D -m 0644 "$module" "$root$modulesdir/vfs/rvss.so"
strip --strip-unneeded --remove-section=.comment "$root$modulesdir/vfs/rvss.so"
man_page rvss vfs_rvss
install -D -m 0644 "$top/packaging/debian/smb.conf.example" "$doc/examples/smb.conf"
# The CTDB event script that fences a failed node's CephFS session
# (vfs_rvss(8), CEPHFS AND CTDB CLUSTERS): an example the admin installs.
install -D -m 0755 "$top/scripts/ctdb/05.rvss-cephfs-evict.script" \
    "$doc/examples/ctdb/05.rvss-cephfs-evict.script"
# The daily maintenance timer (rvss(8), MAINTENANCE) and the replication
# started when a backup is retained (rvss(8), REPLICATION), enabled by
# postinst with deb-systemd-helper as Debian's own packages are.
for unit in rvss-maintenance.service rvss-maintenance.timer rvss-replicate.service rvss-replicate.path; do
    install -D -m 0644 "$top/packaging/systemd/$unit" "$root/usr/lib/systemd/system/$unit"
done
for script in postinst prerm postrm; do
    install -m 0755 "$top/packaging/debian/$script" "$root/DEBIAN/$script"
done

# Shared-library dependencies of each package's binary (libc6, libgcc-s1).
printf 'Source: rvss\n\nPackage: rvss\nArchitecture: any\n\nPackage: rvss-tools\nArchitecture: any\n' >"$work/debian/control"
shlibs_of() { # $1: a file in the package trees
    local deps
    deps=$(cd "$work" && dpkg-shlibdeps -O "-e${1#"$work"/}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
    [ -n "$deps" ] || die "dpkg-shlibdeps found no dependencies of ${1#"$work"/debian/}"
    echo "$deps"
}
module_shlibs=$(shlibs_of "$root$modulesdir/vfs/rvss.so")
cli_shlibs=$(shlibs_of "$tools/usr/sbin/rvss")
rm "$work/debian/control"

# $1 package tree; the control file on standard input.
finish() {
    local tree=$1 size
    size=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
    sed "s/@SIZE@/$size/" >"$tree/DEBIAN/control"
    (cd "$tree" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z |
        xargs -0 md5sum) >"$tree/DEBIAN/md5sums"
    chmod 0644 "$tree/DEBIAN/control" "$tree/DEBIAN/md5sums"
}

finish "$tools" <<CONTROL
Package: rvss-tools
Source: rvss
Version: $version
Architecture: $arch
Maintainer: rvss developers <rvss-devel@example.org>
Installed-Size: @SIZE@
Depends: $cli_shlibs, btrfs-progs
Suggests: openssh-server
Breaks: rvss (<< $split_version)
Replaces: rvss (<< $split_version)
Section: admin
Priority: optional
Description: Remote VSS (MS-FSRVP) shadow copies on btrfs and CephFS - admin tool
 rvss is the admin tool of vfs_rvss, the Samba VFS module that makes
 application-consistent shadow copies of shares as btrfs or CephFS
 snapshots (package rvss): it checks shares, lists, prunes, replicates and
 restores backups and diagnoses an installation (rvss doctor).
 .
 This package alone, without Samba, makes a replication target host:
 rvss serve-target receives copies of a file server's backups over SSH
 into a btrfs directory (btrfs receive).
CONTROL

finish "$root" <<CONTROL
Package: rvss
Version: $version
Architecture: $arch
Maintainer: rvss developers <rvss-devel@example.org>
Installed-Size: @SIZE@
Depends: $samba_range, rvss-tools (= $version), init-system-helpers, $module_shlibs
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
 A daily timer prunes backups by policy, replicates them and removes
 orphaned snapshots, with the rvss tool (package rvss-tools).
 .
 Built for Samba $built_version (package $built_package); loads in any
 Samba $major.$minor.x (the VFS interface is fixed within a release series).
CONTROL

mkdir -p "$out"
for pkg in rvss-tools rvss; do
    deb=$out/${pkg}_${version}_${arch}.deb
    dpkg-deb --root-owner-group -Zxz --build "$work/debian/$pkg" "$deb" >/dev/null
    echo "$deb"
done
