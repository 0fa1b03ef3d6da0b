//! Two worlds as two hosts on one link, for replication over SSH: a veth
//! pair with one end in each world's network namespace, the keys the test
//! makes, and sshd's runtime directory in the target world.

use super::{text, World};
use std::path::Path;
use std::process::Command;

/// Joins `a` and `b` by a veth pair named `<name>a` and `<name>b` (at most
/// 14 bytes of `name`: interface names have 15), addressed `addr_a`/24 and
/// `addr_b`/24, both up. The pair goes with the namespaces.
pub fn link(a: &World, b: &World, name: &str, addr_a: &str, addr_b: &str) {
    let (ia, ib) = (format!("{name}a"), format!("{name}b"));
    for args in [
        format!("link add {ia} type veth peer name {ib}"),
        format!("link set {ia} netns {}", a.pid),
        format!("link set {ib} netns {}", b.pid),
    ] {
        let o = Command::new("ip")
            .args(args.split(' '))
            .output()
            .expect("ip (iproute2) must be installed");
        assert!(o.status.success(), "ip {args}: {}", text(&o));
    }
    a.must(&format!(
        "ip addr add {addr_a}/24 dev {ia} && ip link set {ia} up"
    ));
    b.must(&format!(
        "ip addr add {addr_b}/24 dev {ib} && ip link set {ib} up"
    ));
}

/// A new ed25519 key pair at `path` (no passphrase): its public key line.
pub fn keygen(path: &Path, comment: &str) -> String {
    let o = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f"])
        .arg(path)
        .output()
        .expect("ssh-keygen (openssh-client) must be installed");
    assert!(o.status.success(), "ssh-keygen: {}", text(&o));
    std::fs::read_to_string(path.with_extension("pub")).expect("the public key")
}

/// sshd's privilege separation directory, in `w`'s own /run.
pub fn prepare_sshd(w: &World) {
    w.must("mount -t tmpfs -o mode=0755 tmpfs /run && mkdir -m 0755 /run/sshd");
}
