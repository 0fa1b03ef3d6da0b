#!/usr/bin/env bash
# Builds a man page from its single source, man/<page>.8.md, with pandoc:
#   scripts/man.sh man/vfs_rvss.8.md target/man/vfs_rvss.8
# The page's date is that of the source's last commit (reproducible builds);
# its footer names rvss's version from Cargo.toml.
set -euo pipefail

src=$1 out=$2
top=$(cd "$(dirname "$0")/.." && pwd)
command -v pandoc >/dev/null || { echo "man: pandoc is missing; run make deps" >&2; exit 1; }
version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$top/Cargo.toml" | head -n 1)
[ -n "$version" ] || { echo "man: no version in Cargo.toml" >&2; exit 1; }
date=$(git -C "$top" log -1 --format=%cs -- "$src" 2>/dev/null || true)
[ -n "$date" ] || date=$(date -u -r "$src" +%Y-%m-%d)
mkdir -p "$(dirname "$out")"
# The source's first heading, "name(8)", becomes the page's title.
pandoc --from markdown --to man --standalone --shift-heading-level-by=-1 \
    --metadata section=8 \
    --metadata header="System Administration tools" \
    --metadata footer="rvss $version" \
    --metadata date="$date" \
    --output "$out.tmp" "$src"
# Older pandoc (Debian 12's) selects the fonts C and CB, and maps inline
# verbatim (V) to CR/CB when a probe says the device has them; groff 1.23
# (Debian 13) warns about all of these, so a page built on Debian 12 would
# render there with warnings. Roman and bold (V as B) read the same on a
# terminal, everywhere.
sed -i -e 's/^\.ie "\\f\[CB\]x\\f\[\]"x" \\{\\$/.if 1 \\{\\/' -e '/^\.el \\{\\$/,/^\.\\}$/d' \
    -e 's/\\f\[C\]/\\f[R]/g' -e 's/\\f\[CB\]/\\f[B]/g' "$out.tmp"
mv "$out.tmp" "$out"
