#!/usr/bin/env bash
# Makes a Samba header bundle (exactly what scripts/deps.sh's make_bundle
# keeps) from a commit of Samba's git history, for a Samba whose source the
# Debian archive does not serve. The bundle is kept in the repository
# (samba-headers/<series>/), with a PROVENANCE file; deps.sh installs it when
# the installed Samba is of that series and its source cannot be downloaded.
#
#   scripts/samba-bundle.sh GIT_DIR COMMIT OUT_DIR
#
# GIT_DIR is a (bare) clone of Samba's git history. Blobs the clone lacks (a
# partial mirror) are left out of the tree and listed in PROVENANCE; the
# clone is only read (new objects go to a temporary object directory).
# Run it on the Debian release whose Samba the bundle is for (its compiler
# and C library answer configure's questions, as in deps.sh's Debian mode),
# with deps.sh's build requirements and git installed.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 GIT_DIR COMMIT OUT_DIR" >&2; exit 2; }
GIT=$(cd "$1" && pwd)
COMMIT=$(git --git-dir="$GIT" rev-parse --verify "$2^{commit}")
OUT=$3
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# configure_samba, generate_headers, make_bundle and their settings
# shellcheck source=deps.sh
source "$TOP/scripts/deps.sh"
set -euo pipefail

# (a fixed path: config.h records it as SRCDIR, and a regenerated bundle
# should be the same bytes)
work=${TMPDIR:-/var/tmp}/samba-bundle-$COMMIT
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
start=$SECONDS

# The commit's tree without the blobs the clone lacks.
g() {
    GIT_DIR=$GIT GIT_OBJECT_DIRECTORY=$work/objects GIT_ALTERNATE_OBJECT_DIRECTORIES=$GIT/objects \
        GIT_INDEX_FILE=$work/index git "$@"
}
mkdir -p "$work/objects"
g read-tree "$COMMIT"
g ls-files -s | awk '{ print $2 }' | g cat-file --batch-check | awk '$2 == "missing" { print $1 }' >"$work/missing-ids"
g ls-files -s | awk 'NR == FNR { m[$1] = 1; next } ($2 in m) { sub(/^[^\t]*\t/, ""); print }' \
    "$work/missing-ids" - >"$work/missing"
while IFS= read -r p; do g update-index --force-remove -- "$p"; done <"$work/missing"
tree=$(g write-tree)
log "Samba $COMMIT: $(wc -l <"$work/missing") missing blob(s) left out; unpacking"
g archive --format=tar --prefix=tree/ "$tree" | tar -x -C "$work"

version=$(tree_version "$work/tree/VERSION")
series=$(cut -d. -f1,2 <<<"$version")
logf=$OUT.log
mkdir -p "$(dirname "$OUT")"
log "configuring Samba $version and generating its headers (log: $logf)"
configure_samba "$work/tree" >"$logf" 2>&1 ||
    { tail -25 "$logf" >&2; die "configuring Samba failed"; }
generate_headers "$work/tree" "$logf" ||
    { tail -25 "$logf" >&2; die "generating Samba's headers failed"; }
rm -rf "$OUT.new"
make_bundle "$work/tree" "$OUT.new"
interface=$(awk '$1 == "#define" && $2 == "SMB_VFS_INTERFACE_VERSION" { print $3 }' "$work/tree/source3/include/vfs.h")
echo "$interface" >"$OUT.new/vfs-interface-version"
sed -n 's/^== round [0-9]*: waf build --targets=//p' "$logf" | tr ',' '\n' >"$OUT.new/generated-targets"

files=$(find "$OUT.new" -type f | wc -l)
{
    cat <<EOF
Samba header bundle for the Samba $series series, made from Samba's git history
(the Debian archive serves this series' binaries but not their source).

upstream:    https://git.samba.org/samba.git (mirror: https://github.com/samba-team/samba)
commit:      $COMMIT
commit date: $(g log -1 --format=%cI "$COMMIT")
subject:     $(g log -1 --format=%s "$COMMIT")
VERSION:     $version ($(grep -E '^SAMBA_VERSION_(MAJOR|MINOR|RELEASE|PRE_RELEASE|RC_RELEASE|IS_GIT_SNAPSHOT)=' "$work/tree/VERSION" | tr '\n' ' '))
SMB_VFS_INTERFACE_VERSION: $interface (source3/include/vfs.h)
left out (blobs the clone lacked; none is read to configure Samba or by the bundle):
$(sed 's/^/    /' "$work/missing")
generated:   $(date -u +%Y-%m-%d) on $(. /etc/os-release && echo "$PRETTY_NAME") ($(gcc --version | head -n1), $("$(python_bin)" --version))
$(sed -n 's/^configure /configure:   /p' "$logf")
contents:    $files files besides this one, $(du -sk --apparent-size "$OUT.new" | cut -f1) KiB: the headers the wrapper
             (samba-module/samba.h) includes, at their paths in the configured tree; include-dirs, cflags
             (as deps.sh writes them), vfs-interface-version, generated-targets, this file

To regenerate (on the Debian release of the series, as root, with
scripts/deps.sh's build requirements and git installed):
    git clone --bare https://git.samba.org/samba.git samba.git   # or an existing clone
    bash scripts/samba-bundle.sh samba.git $COMMIT $(realpath -m --relative-to="$TOP" "$OUT")
scripts/deps.sh installs it (Debian mode, when the installed Samba is of this
series and \`apt-get source\` cannot download its source) as
\$RVSS_CACHE/samba-headers/<samba package version>/.
EOF
} >"$OUT.new/PROVENANCE"
rm -rf "$OUT"
mv "$OUT.new" "$OUT"
rm -f "$logf"
log "bundle of Samba $version (VFS interface $interface) ready in $((SECONDS - start)) s: $OUT ($files files)"
