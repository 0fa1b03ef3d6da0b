#!/usr/bin/env bash
# Two throwaway single-host Ceph clusters with CephFS snapshot mirroring
# from A to B (issue 24; docs/cephfs-mirror.md has the measurements).
# Each cluster is scripts/cephfs-cluster.sh in its own network namespace,
# joined by a veth pair: A on $ADDR_A, B on $ADDR_B. A runs the
# cephfs-mirror daemon (Debian package cephfs-mirror), which copies every
# snapshot of the directories added with `add` to the same path on B.
# Mounts stay in the caller's mount namespace (nsenter --net only).
#
#   cephfs-mirror-pair.sh up DIR              both clusters, peer, daemon
#   cephfs-mirror-pair.sh mount DIR A|B MNT ID  ceph-fuse mount as client.ID
#   cephfs-mirror-pair.sh add DIR PATH        mirror PATH (absolute in the fs)
#   cephfs-mirror-pair.sh status DIR          the daemon's per-directory state
#   cephfs-mirror-pair.sh down DIR            unmount, kill by pid, remove netns
#
# Environment: NS (namespace prefix, default rvssm), ADDR_A/ADDR_B (default
# 10.77.0.1/10.77.0.2), SCAN (cephfs_mirror_directory_scan_interval in s,
# default 1; Ceph's default is 10).
set -euo pipefail
trap 'echo "cephfs-mirror-pair: failed (line $LINENO): $BASH_COMMAND" >&2' ERR

die() { echo "cephfs-mirror-pair: $*" >&2; exit 1; }

HERE=$(cd "$(dirname "$0")" && pwd)
NS=${NS:-rvssm}
ADDR_A=${ADDR_A:-10.77.0.1}
ADDR_B=${ADDR_B:-10.77.0.2}
SCAN=${SCAN:-1}
FS=cephfs

# run a command in cluster X's network namespace with its ceph.conf
in_x() {
    local x=$1
    shift
    CEPH_CONF=$DIR/$x/ceph.conf nsenter --net=/run/netns/$NS$x "$@"
}

retry() {
    local what=$1 i
    shift
    for i in $(seq 1 100); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    die "timed out: $what"
}

up() {
    command -v cephfs-mirror >/dev/null || die "cephfs-mirror is missing (apt-get install cephfs-mirror)"
    mkdir -p "$DIR"
    ip netns add "${NS}A"
    ip netns add "${NS}B"
    ip link add "${NS}vA" type veth peer name "${NS}vB"
    ip link set "${NS}vA" netns "${NS}A"
    ip link set "${NS}vB" netns "${NS}B"
    ip -n "${NS}A" addr add "$ADDR_A/24" dev "${NS}vA"
    ip -n "${NS}B" addr add "$ADDR_B/24" dev "${NS}vB"
    local x
    for x in A B; do
        ip -n "$NS$x" link set lo up
        ip -n "$NS$x" link set "${NS}v$x" up
    done
    in_x A env CEPH_ADDR="$ADDR_A" "$HERE/cephfs-cluster.sh" up "$DIR/A"
    in_x B env CEPH_ADDR="$ADDR_B" "$HERE/cephfs-cluster.sh" up "$DIR/B"
    # the mgr restarts to load the module: retry the first command using it
    in_x A ceph mgr module enable mirroring
    in_x B ceph mgr module enable mirroring
    retry "snapshot mirroring on A" in_x A ceph fs snapshot mirror enable $FS
    # the user the daemon on A uses on B, and B's bootstrap token
    in_x B ceph fs authorize $FS client.mirror_remote / rwps >/dev/null
    local token
    for _ in $(seq 1 100); do
        token=$(in_x B ceph fs snapshot mirror peer_bootstrap create $FS client.mirror_remote site-b 2>/dev/null |
            python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' 2>/dev/null) && break
        sleep 0.2
    done
    [ -n "${token:-}" ] || die "peer_bootstrap create on B failed"
    in_x A ceph fs snapshot mirror peer_bootstrap import $FS "$token" >/dev/null
    # the daemon's own user on A (the caps Ceph's documentation gives;
    # not enforced with auth none, as cephfs-cluster.sh runs)
    in_x A ceph auth get-or-create client.mirror mon 'profile cephfs-mirror' mds 'allow r' \
        osd 'allow rw tag cephfs metadata=*, allow r tag cephfs data=*' mgr 'allow r' >/dev/null
    # read at daemon start only (a later change is not picked up)
    in_x A ceph config set client.mirror cephfs_mirror_directory_scan_interval "$SCAN"
    # its explicit admin socket: the default $name.$pid.asok collides with
    # the daemon's second (per-filesystem) context, which then logs EEXIST
    CEPH_CONF=$DIR/A/ceph.conf setsid nsenter --net=/run/netns/${NS}A \
        cephfs-mirror --id mirror -f --log-file "$DIR/A/log/client.mirror.log" \
        --admin-socket "$DIR/A/run/client.mirror.asok" </dev/null >>"$DIR/A/log/mirror.out" 2>&1 &
    echo $! >"$DIR/A/run/cephfs-mirror.pid"
    retry "the cephfs-mirror daemon" sh -c "CEPH_CONF=$DIR/A/ceph.conf nsenter --net=/run/netns/${NS}A \
        ceph fs snapshot mirror daemon status | grep -q site-b"
}

mount_fs() {
    local x=$1 mnt=$2 id=$3
    in_x "$x" "$HERE/cephfs-cluster.sh" mount "$DIR/$x" "$mnt" "$id"
    echo "$mnt" >>"$DIR/mounts"
}

add() { in_x A ceph fs snapshot mirror add $FS "$1" >/dev/null; }

status() {
    local peer
    peer=$(in_x A ceph fs snapshot mirror peer_list $FS | python3 -c 'import json,sys; print(next(iter(json.load(sys.stdin))))')
    # the admin socket call blocks while the peer is unreachable: bound it
    timeout 10 ceph --admin-daemon "$DIR/A/run/client.mirror.asok" fs mirror peer status "$FS@1" "$peer"
}

down() {
    local m f pid
    if [ -f "$DIR/mounts" ]; then
        while read -r m; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done <"$DIR/mounts"
        rm -f "$DIR/mounts"
    fi
    f=$DIR/A/run/cephfs-mirror.pid
    if [ -f "$f" ]; then
        pid=$(cat "$f")
        [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
        rm -f "$f"
    fi
    "$HERE/cephfs-cluster.sh" down "$DIR/A"
    "$HERE/cephfs-cluster.sh" down "$DIR/B"
    ip netns del "${NS}A" 2>/dev/null || true
    ip netns del "${NS}B" 2>/dev/null || true
}

[ $# -ge 2 ] || die "usage: $0 up DIR | mount DIR A|B MNT ID | add DIR PATH | status DIR | down DIR"
cmd=$1
DIR=$(realpath -m "$2")
shift 2
case $cmd in
up) up ;;
mount) mount_fs "$@" ;;
add) add "$1" ;;
status) status ;;
down) down ;;
*) die "unknown command $cmd" ;;
esac
