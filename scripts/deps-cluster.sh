#!/usr/bin/env bash
# Installs what the cluster suite (tests/e2e_cephfs.rs, benches/cephfs.rs)
# needs beyond scripts/deps.sh: a throwaway Ceph cluster (mon, mgr, osd, mds)
# and ceph-fuse from Debian's packages, CTDB, and the cephfs-mirror daemon
# (tests/cephfs/mirror.rs, scripts/cephfs-mirror-pair.sh). No daemon is
# started and nothing under /etc/ceph is written: the tests keep every path
# in a temp dir.
# Idempotent: a second run with everything in place takes well under a second.
set -euo pipefail

PACKAGES=(ceph-mon ceph-osd ceph-mds ceph-mgr ceph-fuse ceph-common ctdb cephfs-mirror)

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps-cluster: installing ${missing[*]} (about a minute)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        { echo "deps-cluster: $p is still not installed" >&2; exit 1; }
done
