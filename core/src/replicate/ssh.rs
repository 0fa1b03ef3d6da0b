//! A replication target on another host, reached with OpenSSH: every
//! operation is one `ssh` run of `rvss serve-target <root> <op> ...` on the
//! target (`serve`), which the target's authorized_keys entry can force
//! (`command="rvss serve-target /srv/rvss",restrict`), so that the key rvss
//! uses can do nothing else. Host keys are checked strictly (never learned
//! on first use), and nothing ever asks for a password.

use super::run::{Destination, Fetched, OpenedCopy};
use super::serve::encode;
use super::store::{last_line, uuid_text, Copy, Store};
use super::stream::{drain, transfer, Moved};
use crate::error::{Context, Error, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// The `ssh` exit status for its own failures (connection, host key,
/// authentication); any other is the remote command's.
const SSH_FAILED: i32 = 255;

/// Where and how to reach the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    /// The target directory on that host (`rvss serve-target`'s root).
    pub root: PathBuf,
    /// `rvss:replicate ssh key`: the private key (else ssh's defaults).
    pub key: Option<PathBuf>,
    /// `rvss:replicate known hosts`: the only known_hosts file trusted
    /// (else ssh's defaults).
    pub known_hosts: Option<PathBuf>,
}

pub struct Ssh {
    remote: Remote,
    url: String,
    share: String,
}

impl Ssh {
    pub fn new(remote: Remote, url: String, share: &str) -> Result<Ssh> {
        super::store::plain_name("share name", share)?;
        Ok(Ssh {
            remote,
            url,
            share: share.to_string(),
        })
    }

    /// `ssh` with rvss's fixed options, running `rvss serve-target` `op`.
    fn command(&self, op: &str, args: &[&str]) -> Command {
        let r = &self.remote;
        let mut c = Command::new("ssh");
        c.args([
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "ConnectTimeout=10",
            "-o",
            "ServerAliveInterval=15",
            "-o",
            "ServerAliveCountMax=4",
            "-o",
            "LogLevel=ERROR",
        ]);
        if let Some(k) = &r.key {
            c.arg("-i").arg(k).args(["-o", "IdentitiesOnly=yes"]);
        }
        if let Some(kh) = &r.known_hosts {
            c.arg("-o")
                .arg(format!("UserKnownHostsFile={}", kh.display()))
                .args(["-o", "GlobalKnownHostsFile=/dev/null"]);
        }
        if let Some(p) = r.port {
            c.arg("-p").arg(p.to_string());
        }
        if let Some(u) = &r.user {
            c.arg("-l").arg(u);
        }
        // ssh wants an IPv6 address without the URL's brackets.
        let host = r.host.trim_start_matches('[').trim_end_matches(']');
        let mut remote = format!(
            "rvss serve-target {} {op} {}",
            encode(&r.root.display().to_string()),
            encode(&self.share)
        );
        for a in args {
            remote.push(' ');
            remote.push_str(&encode(a));
        }
        c.arg("--").arg(host).arg(remote);
        c
    }

    /// The failure of an ssh run, in one line: ssh's own (unreachable, host
    /// key, refused key) or the target's (`rvss serve-target`'s message).
    fn failure(&self, status: std::process::ExitStatus, stderr: &[u8]) -> Error {
        let line = last_line(stderr);
        let line = line.strip_prefix("rvss: serve-target: ").unwrap_or(&line);
        let message = if status.code() == Some(SSH_FAILED) {
            format!("target {} unreachable or refused by SSH: {line}", self.url)
        } else {
            format!("target {}: {line}", self.url)
        };
        Error::new(crate::ntstatus::UNSUCCESSFUL, message)
    }

    fn run(&self, op: &str, args: &[&str]) -> Result<Output> {
        let out = self
            .command(op, args)
            .stdin(Stdio::null())
            .output()
            .context("run ssh (is openssh-client installed?)")?;
        if !out.status.success() {
            return Err(self.failure(out.status, &out.stderr));
        }
        Ok(out)
    }
}

impl Destination for Ssh {
    fn describe(&self) -> String {
        self.url.clone()
    }

    fn dir(&self) -> String {
        format!("{}/{}", self.url.trim_end_matches('/'), self.share)
    }

    fn inventory(&mut self) -> Result<Vec<Copy>> {
        let out = self.run("list", &[])?;
        serde_json::from_slice(&out.stdout).map_err(|e| {
            Error::invalid(format!(
                "target {}: rvss serve-target list answered what rvss cannot read ({e}): \
                 is the same rvss release installed there?",
                self.url
            ))
        })
    }

    fn receive(
        &mut self,
        name: &str,
        uuid: &[u8; 16],
        source: &Path,
        parent: Option<&Path>,
        progress: &mut dyn FnMut(u64, Duration),
    ) -> Result<Moved> {
        let uuid = uuid_text(uuid);
        let mut ssh = self
            .command("receive", &[name, uuid.as_str()])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .context("run ssh (is openssh-client installed?)")?;
        let Some(stdin) = ssh.stdin.take() else {
            let _ = ssh.kill();
            let _ = ssh.wait();
            return Err(Error::invalid("ssh gave no input pipe"));
        };
        let errors = drain(ssh.stderr.take());
        let moved = transfer(
            source,
            parent,
            stdin,
            |stdin, _| {
                drop(stdin);
                let status = ssh.wait().context("wait for ssh")?;
                let stderr = errors.and_then(|t| t.join().ok()).unwrap_or_default();
                if status.success() {
                    Ok(())
                } else {
                    Err(self.failure(status, &stderr))
                }
            },
            progress,
        );
        if moved.is_err() {
            // Reaped already when the transfer got as far as its end.
            let _ = ssh.kill();
            let _ = ssh.wait();
        }
        moved
    }

    fn open_copy(
        &mut self,
        name: &str,
        uuid: &[u8; 16],
        staging: &dyn Fn() -> Result<Store>,
    ) -> Result<OpenedCopy> {
        let store = staging()?;
        let mut ssh = self
            .command("send", &[name, uuid_text(uuid).as_str()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("run ssh (is openssh-client installed?)")?;
        let errors = drain(ssh.stderr.take());
        let received = match ssh.stdout.take() {
            Some(stream) => store.receive(name, uuid, stream.into()),
            None => Err(Error::invalid("ssh gave no output pipe")),
        };
        let status = ssh.wait().context("wait for ssh")?;
        let stderr = errors.and_then(|t| t.join().ok()).unwrap_or_default();
        if !status.success() {
            return Err(self.failure(status, &stderr));
        }
        received?;
        let root = store.open_copy(name, uuid)?;
        Ok(OpenedCopy {
            root,
            fetched: Some(Fetched {
                store,
                name: name.to_string(),
                uuid: *uuid,
            }),
        })
    }

    fn remove(&mut self, name: &str, uuid: &[u8; 16]) -> Result<()> {
        self.run("remove", &[name, uuid_text(uuid).as_str()])
            .map(|_| ())
    }
}
