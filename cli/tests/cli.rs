//! The built `rvss` binary answers as rvss(8) says: usage errors exit 2.
//! (Also makes `cargo test` build target/<profile>/rvss, which the
//! module package's end-to-end tests run.)

use std::process::Command;

fn rvss() -> Command {
    Command::new(std::env::var_os("RVSS_CLI").unwrap_or_else(|| env!("CARGO_BIN_EXE_rvss").into()))
}

#[test]
fn version_and_usage_errors() {
    let out = rvss().arg("--version").output().expect("run rvss");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("rvss "));
    let out = rvss().arg("no-such-command").output().expect("run rvss");
    assert_eq!(out.status.code(), Some(2));
    let out = rvss()
        .args(["gc", "--grace", "soon"])
        .output()
        .expect("run rvss");
    assert_eq!(out.status.code(), Some(2));
}
