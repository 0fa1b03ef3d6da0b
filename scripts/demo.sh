#!/usr/bin/env bash
# make demo: one Remote VSS shadow copy set, start to finish, on a throwaway
# btrfs and a private Samba in their own mount and network namespaces. The
# host's Samba, its configuration and its module directory are not touched.
set -euo pipefail

MODULE=${1:-target/release/librvss.so}
[ -f "$MODULE" ] || { echo "demo: $MODULE is missing; run make build" >&2; exit 1; }
MODULE=$(realpath "$MODULE")
PASS='rvss-Demo-1'
WORK=$(mktemp -d /tmp/rvss-demo.XXXXXX)
HOLDER=

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; in_ns sh -c "$*"; }
in_ns() { nsenter -t "$HOLDER" -m -n -r -w -- "$@"; }

cleanup() {
    set +e
    if [ -n "$HOLDER" ]; then
        # every process in the demo's network namespace was started by the demo
        local ns pid
        ns=$(readlink "/proc/$HOLDER/ns/net")
        for sig in TERM KILL; do
            for pid in $(ls /proc | grep -E '^[0-9]+$'); do
                [ "$pid" = "$HOLDER" ] && continue
                [ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" = "$ns" ] && kill -s "$sig" "$pid" 2>/dev/null
            done
            sleep 0.5
        done
        in_ns umount -l "$WORK/pool" 2>/dev/null
        kill "$HOLDER" 2>/dev/null
        wait "$HOLDER" 2>/dev/null
    fi
    losetup -j "$WORK/pool.img" 2>/dev/null | cut -d: -f1 | xargs -r -n1 losetup -d
    rm -rf "$WORK"
    echo "demo: cleaned up"
}
trap cleanup EXIT

step "Private namespaces, a throwaway btrfs, a private Samba loading rvss"
setsid unshare --mount --net --propagation private -- sleep infinity &
HOLDER=$!
until [ "$(readlink /proc/$HOLDER/ns/net)" != "$(readlink /proc/self/ns/net)" ]; do sleep 0.05; done
in_ns ip link set lo up
MODDIR=$(smbd -b | sed -n 's/^ *MODULESDIR: *//p')/vfs
mkdir -p "$WORK/vfs" "$WORK/pool"
cp "$MODDIR"/*.so "$WORK/vfs/" && cp "$MODULE" "$WORK/vfs/rvss.so"
for d in /etc/samba /var/lib/samba /var/cache/samba /run/samba /var/log/samba; do
    mkdir -p "$WORK/samba$d"
    in_ns mount --bind "$WORK/samba$d" "$d"
done
mkdir -p "$WORK/samba/var/lib/samba/private"
in_ns mount --bind "$WORK/vfs" "$MODDIR"
truncate -s 300M "$WORK/pool.img"
mkfs.btrfs -q "$WORK/pool.img"
in_ns mount -o loop "$WORK/pool.img" "$WORK/pool"
run "btrfs subvolume create $WORK/pool/vol1 && mkdir -p $WORK/pool/vol1/hyperv/vm1 && echo 'disk at backup time' > $WORK/pool/vol1/hyperv/vm1/disk.vhdx"
cat >"$WORK/samba/etc/samba/smb.conf" <<CONF
[global]
	server role = standalone server
	interfaces = lo
	bind interfaces only = yes
	registry shares = yes
	include = registry
	rpcd_fsrvp:num_workers = 1
	log level = 3 rvss:5
	log file = /var/log/samba/log.%m
	load printers = no

[vm1]
	path = $WORK/pool/vol1/hyperv/vm1
	read only = no
	vfs objects = rvss
CONF
cat "$WORK/samba/etc/samba/smb.conf"
in_ns sh -c "(echo $PASS; echo $PASS) | smbpasswd -s -a root >/dev/null 2>&1"
setsid nsenter -t "$HOLDER" -m -n -r -w -- smbd --foreground --no-process-group >"$WORK/smbd.out" 2>&1 &
RPC="rpcclient -U root%$PASS ncacn_np:127.0.0.1"
for _ in $(seq 1 100); do in_ns $RPC -c fss_get_sup_version >/dev/null 2>&1 && break; sleep 0.2; done

step "Is the share supported? (FSRVP IsPathSupported)"
run "$RPC -c 'fss_is_path_sup vm1'"

step "Create and expose a shadow copy set (read-only backup context)"
OUT=$(in_ns sh -c "$RPC -c 'fss_create_expose backup ro vm1'")
echo "$OUT"
SET=$(echo "$OUT" | sed -n 's/^\([0-9a-f-]\{36\}\): shadow-copy set created.*/\1/p')
SC=$(echo "$OUT" | sed -n 's/.*share vm1@{\([0-9a-f-]\{36\}\)} exposed.*/\1/p')

step "The live share changes after the commit"
run "echo 'disk after backup' > $WORK/pool/vol1/hyperv/vm1/disk.vhdx"
run "smbclient -U root%$PASS //127.0.0.1/vm1 -c 'get disk.vhdx -' 2>/dev/null"

step "The backup application reads the shadow copy share"
run "smbclient -U root%$PASS '//127.0.0.1/vm1@{$SC}' -c 'get disk.vhdx -' 2>/dev/null"

step "Clients of the live share never see the snapshot"
run "smbclient -U root%$PASS //127.0.0.1/vm1 -c ls 2>/dev/null"
run "btrfs subvolume list -o $WORK/pool | sed 's/.*path //'"

step "Delete the shadow copy (FSRVP DeleteShareMapping)"
run "$RPC -c 'fss_delete vm1 $SET $SC'"
run "btrfs subvolume list $WORK/pool | sed 's/.*path //'"

step "What rvss logged (log level = rvss:5)"
grep -h "rvss: " "$WORK"/samba/var/log/samba/log.* || true
