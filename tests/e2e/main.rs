//! The end-to-end suite (real smbd, rpcd_fsrvp, rpcclient, smbclient on real
//! btrfs in private namespaces) as one test binary, cargo's testsuite
//! pattern: tests/common and the rvss crates are compiled and linked once
//! instead of once per file. A test is named `<file>::<function>`, e.g.
//! `cargo test --release --test e2e -- semantics::` runs one file's tests.
//!
//! The files share one process and run in parallel threads, so nothing
//! here may change process-wide state: no `std::env::set_var` (a World
//! passes variables to its own smbd, `World::samba_env`), no current
//! directory or umask changes, no namespaces entered by the test process
//! itself (a World's namespaces belong to its holder process; the hostile
//! hooks test re-runs this binary in its own namespace).
//!
//! The cluster suite (tests/e2e_cephfs.rs) is a binary of its own, left out
//! of plain `cargo test` and run once by `make test-cluster`.

#[path = "../common/mod.rs"]
mod common;

mod bench_helpers;
mod commit_check;
mod commit_race;
mod concurrency;
mod conformance;
mod ecosystem;
mod flush;
mod foundation;
mod hostile_hooks;
mod logging;
mod monitoring;
mod package;
mod pinning;
mod reliability;
mod replication;
mod replication_ssh;
mod restore;
mod restore_busy;
mod retention;
mod safety;
mod semantics;
mod structure;
