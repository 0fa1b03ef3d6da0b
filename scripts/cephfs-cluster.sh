#!/usr/bin/env bash
# A throwaway single-host Ceph cluster with one CephFS, for the cluster
# tests (tests/common/ceph.rs) and benchmarks: one mon, one mgr, one
# memstore OSD, one MDS, all on 127.0.0.1 inside the caller's network
# namespace, every path below DIR (CEPH_CONF=DIR/ceph.conf: /etc/ceph and
# /var/lib/ceph are never touched). Daemons are tracked by pid files.
#
#   cephfs-cluster.sh up DIR            start the cluster (about 10 s) on
#                                       $CEPH_ADDR (default 127.0.0.1)
#   cephfs-cluster.sh mount DIR MNT ID  ceph-fuse mount as client.ID
#   cephfs-cluster.sh down DIR          kill every daemon by its pid file
set -euo pipefail
trap 'echo "cephfs-cluster: failed (line $LINENO): $BASH_COMMAND" >&2' ERR

die() { echo "cephfs-cluster: $*" >&2; exit 1; }

ADDR=${CEPH_ADDR:-127.0.0.1}

conf() {
    local d=$1 fsid
    fsid=$(cat /proc/sys/kernel/random/uuid)
    cat >"$d/ceph.conf" <<CONF
[global]
fsid = $fsid
mon host = v2:$ADDR:3300,v1:$ADDR:6789
public addr = $ADDR
cluster addr = $ADDR
auth cluster required = none
auth service required = none
auth client required = none
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
mon warn on insecure global id reclaim allowed = false
osd crush chooseleaf type = 0
run dir = $d/run
admin socket = $d/run/\$name.\$pid.asok
log file = $d/log/\$name.log
keyring = $d/keyring
osd objectstore = memstore
memstore device bytes = 2147483648
[mon]
mon data = $d/mon/\$cluster-\$id
mon cluster log file = $d/log/cluster.log
pid file = $d/run/\$name.pid
[mgr]
mgr data = $d/mgr/\$cluster-\$id
pid file = $d/run/\$name.pid
[osd]
osd data = $d/osd/\$cluster-\$id
osd journal = $d/osd/\$cluster-\$id/journal
pid file = $d/run/\$name.pid
[mds]
mds data = $d/mds/\$cluster-\$id
pid file = $d/run/\$name.pid
[client]
client oc size = 67108864
CONF
    echo "$fsid"
}

wait_for() {
    local what=$1 i
    shift
    for i in $(seq 1 300); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    die "timed out waiting for $what"
}

up() {
    local d=$1 fsid
    command -v ceph-mon >/dev/null || die "ceph-mon is missing (scripts/deps-cluster.sh installs it)"
    mkdir -p "$d"/{run,log,mon/ceph-a,mgr/ceph-x,osd/ceph-0,mds/ceph-a}
    fsid=$(conf "$d")
    export CEPH_CONF=$d/ceph.conf
    : >"$d/keyring"
    monmaptool --create --fsid "$fsid" --addv a "[v2:$ADDR:3300,v1:$ADDR:6789]" "$d/monmap" >/dev/null
    ceph-mon --mkfs -i a --monmap "$d/monmap" >/dev/null
    ceph-mon -i a
    wait_for "the monitor" timeout 5 ceph -s
    ceph-mgr -i x
    local uuid id
    uuid=$(cat /proc/sys/kernel/random/uuid)
    id=$(ceph osd new "$uuid")
    [ "$id" = 0 ] || die "unexpected OSD id $id"
    ceph-osd -i 0 --mkfs --osd-uuid "$uuid" >/dev/null 2>&1
    ceph-osd -i 0
    wait_for "the OSD" sh -c "ceph osd stat | grep -q '1 up'"
    ceph osd pool create cephfs_metadata 8 >/dev/null 2>&1
    ceph osd pool create cephfs_data 8 >/dev/null 2>&1
    ceph fs new cephfs cephfs_metadata cephfs_data >/dev/null 2>&1
    # CTDB's cluster lock as a RADOS object lock (ctdb_mutex_ceph_rados_helper)
    ceph osd pool create ctdb 8 >/dev/null 2>&1
    # a dead client's capabilities go stale after this long (default 60 s),
    # and its session is closed after session_autoclose (default 300 s)
    ceph fs set cephfs session_timeout 30 >/dev/null 2>&1
    ceph fs set cephfs session_autoclose 30 >/dev/null 2>&1
    ceph-mds -i a
    wait_for "the MDS" sh -c "ceph fs status cephfs 2>/dev/null | grep -q active"
}

mount_fs() {
    local d=$1 mnt=$2 id=$3
    export CEPH_CONF=$d/ceph.conf
    mkdir -p "$mnt"
    ceph-fuse --id "$id" --client_mountpoint=/ "$mnt" \
        --pid-file "$d/run/client.$id.pid" --log-file "$d/log/client.$id.log" >/dev/null 2>&1 ||
        die "ceph-fuse --id $id $mnt failed (log: $d/log/client.$id.log)"
    wait_for "the ceph-fuse mount $mnt" sh -c "grep -q ' $mnt fuse.ceph-fuse ' /proc/self/mounts"
}

down() {
    local d=$1 f pid
    [ -d "$d/run" ] || return 0
    # clients first (a client without its mon hangs), then the daemons
    for f in "$d"/run/client.*.pid "$d"/run/mds.*.pid "$d"/run/osd.*.pid "$d"/run/mgr.*.pid "$d"/run/mon.*.pid; do
        [ -f "$f" ] || continue
        pid=$(cat "$f")
        [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
        rm -f "$f"
    done
}

case ${1:-} in
up) up "$2" ;;
mount) mount_fs "$2" "$3" "$4" ;;
down) down "$2" ;;
*) die "usage: $0 up DIR | mount DIR MNT ID | down DIR" ;;
esac
