//! Running the tools rvss asks (testparm, net, smbd, dpkg-query,
//! smbcontrol, rpcclient): the one place that spawns subprocesses, so that
//! how they are run and how their failures read is decided once. Uses std
//! only: build.rs includes this file too (through `dpkg`).

use std::ffi::OsStr;
use std::process::{Command, Output};

/// Runs `cmd` with `args` to completion, capturing its output.
pub fn run<S: AsRef<OsStr>>(cmd: &str, args: &[S]) -> std::io::Result<Output> {
    Command::new(cmd).args(args).output()
}

/// Whether `cmd` ran and exited 0.
pub fn succeeds<S: AsRef<OsStr>>(cmd: &str, args: &[S]) -> bool {
    run(cmd, args).is_ok_and(|o| o.status.success())
}

/// The standard output of `cmd`, or a message that says what failed (with
/// its standard error).
pub fn stdout<S: AsRef<OsStr>>(cmd: &str, args: &[S]) -> Result<String, String> {
    let out = run(cmd, args).map_err(|e| format!("run {cmd}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The last line of output (standard output, then standard error) that is
/// not blank, for messages.
pub fn last_line(out: &Output) -> String {
    let all = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    all.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no output")
        .trim()
        .to_string()
}
