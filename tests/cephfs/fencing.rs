//! scripts/ctdb/05.rvss-cephfs-evict.script's decisions, with stand-ins for
//! `ctdb` and `ceph` (the cluster test shows it evicting a real session):
//! which node counts as failed, which sessions go, and that it never fails
//! CTDB's recovery.

use super::*;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::process::Command;

struct Fake {
    dir: PathBuf,
}

impl Fake {
    fn new(name: &str) -> Fake {
        let dir = std::env::temp_dir().join(format!("rvss-fence-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("bin")).unwrap();
        let f = Fake { dir };
        // `ctdb -X nodestatus all`: the table in ./nodestatus
        f.exe("ctdb", "cat \"$FAKE/nodestatus\"; exit 1\n");
        // One active MDS, two client sessions (one per node); every call is
        // logged, `fail` makes the MDS unreachable.
        f.exe(
            "ceph",
            r#"echo "$*" >> "$FAKE/ceph.log"
[ -e "$FAKE/fail" ] && { echo "timed out" >&2; exit 110; }
case "$*" in
"fs dump --format=json")
    echo '{"filesystems":[{"mdsmap":{"info":{"gid_1":{"name":"a","state":"up:active"},"gid_2":{"name":"b","state":"up:standby"}}}}]}' ;;
"tell mds.a client ls --format=json")
    echo '[{"id":4159,"inst":"client.4159 10.0.0.11:0/1","entity":{"addr":{"addr":"10.0.0.11:0","nonce":1}}},
           {"id":4160,"inst":"client.4160 10.0.0.12:0/2","entity":{"addr":{"addr":"10.0.0.12:0","nonce":2}}}]' ;;
"tell mds.a client evict id="*) ;;
*) echo "unexpected: $*" >&2; exit 22 ;;
esac
"#,
        );
        f
    }

    fn exe(&self, name: &str, body: &str) {
        let p = self.dir.join("bin").join(name);
        fs::write(&p, format!("#!/bin/sh\n{body}")).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    }

    /// CTDB's view: node 0 and node 1, each connected or not.
    fn nodes(&self, connected: [bool; 2]) {
        let mut t = String::from(
            "|Node|IP|Disconnected|Unknown|Banned|Disabled|Unhealthy|Stopped|Inactive|PartiallyOnline|ThisNode|\n",
        );
        for (pnn, up) in connected.iter().enumerate() {
            t.push_str(&format!(
                "|{pnn}|10.0.0.1{}|{}|0|0|0|0|0|{}|0|{}|\n",
                pnn + 1,
                u8::from(!up),
                u8::from(!up),
                if pnn == 1 { "Y" } else { "N" }
            ));
        }
        fs::write(self.dir.join("nodestatus"), t).unwrap();
    }

    /// Runs the script for `event`; it must exit 0. Returns the ceph calls
    /// it made and what it logged, and forgets both.
    fn event(&self, event: &str) -> (Vec<String>, String) {
        let script = manifest_dir().join("scripts/ctdb/05.rvss-cephfs-evict.script");
        let path = format!(
            "{}:{}",
            self.dir.join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let o = Command::new(&script)
            .arg(event)
            .env("FAKE", &self.dir)
            .env("PATH", path)
            .env("CTDB", self.dir.join("bin/ctdb"))
            .env("CTDB_SCRIPT_VARDIR", self.dir.join("var"))
            .env(
                "CTDB_LOGGING",
                format!("file:{}", self.dir.join("log").display()),
            )
            .output()
            .expect("run the fencing script (needs /usr/bin/python3)");
        assert!(o.status.success(), "{event}: {}", text(&o));
        let take = |f: &str| {
            let s = fs::read_to_string(self.dir.join(f)).unwrap_or_default();
            let _ = fs::remove_file(self.dir.join(f));
            s
        };
        let calls = take("ceph.log").lines().map(str::to_string).collect();
        (calls, take("log"))
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn fencing_evicts_only_a_node_that_was_connected_and_failed() {
    let f = Fake::new("decide");
    // A node that has not joined yet (booting, its mount already up) is
    // never fenced: this node never saw it connected.
    f.nodes([false, true]);
    let (calls, log) = f.event("recovered");
    assert!(calls.is_empty(), "{calls:?} {log}");
    // Both connected: remembered, nothing evicted.
    f.nodes([true, true]);
    let (calls, _) = f.event("recovered");
    assert!(calls.is_empty(), "{calls:?}");
    // Other events never fence.
    f.nodes([false, true]);
    for e in ["monitor", "takeip", "startrecovery", "ipreallocated"] {
        let (calls, _) = f.event(e);
        assert!(calls.is_empty(), "{e}: {calls:?}");
    }
    // Node 0 failed: its session, and only its session, is evicted.
    let (calls, log) = f.event("recovered");
    assert_eq!(
        calls,
        [
            "fs dump --format=json",
            "tell mds.a client ls --format=json",
            "tell mds.a client evict id=4159"
        ],
        "{log}"
    );
    assert!(
        log.contains(
            "evicted client.4159 (client.4159 10.0.0.11:0/1) of the failed node 10.0.0.11"
        ),
        "{log}"
    );
    // Once: a later recovery without it does not evict again.
    let (calls, _) = f.event("recovered");
    assert!(calls.is_empty(), "{calls:?}");
    // Back (a new mount, a new session): remembered again, not evicted.
    f.nodes([true, true]);
    let (calls, _) = f.event("recovered");
    assert!(calls.is_empty(), "{calls:?}");
}

#[test]
fn fencing_never_fails_ctdbs_recovery() {
    let f = Fake::new("fail");
    f.nodes([true, true]);
    f.event("recovered");
    // Ceph unreachable: the event still succeeds (the MDS's own timeouts
    // apply) and the reason is logged.
    fs::write(f.dir.join("fail"), "").unwrap();
    f.nodes([false, true]);
    let (calls, log) = f.event("recovered");
    assert_eq!(calls, ["fs dump --format=json"]);
    assert!(log.contains("ceph fs dump: timed out"), "{log}");
    // ctdb itself failing or printing nonsense: no eviction, no failure.
    f.exe("ctdb", "echo garbage; exit 1\n");
    let (calls, log) = f.event("recovered");
    assert!(calls.is_empty(), "{calls:?}");
    assert!(log.contains("unexpected output"), "{log}");
}
