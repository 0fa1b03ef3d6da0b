//! Unit tests of the pure checks the benches' verdicts and the end-to-end
//! tests' rpcclient calls rest on (the bench binaries run without a test
//! harness).

#[path = "../../benches/support/checks.rs"]
mod checks;

use crate::common::rpc_output::rpc_failure;
use checks::{parse_used, soak_met, SLOWDOWN_GOAL};

#[test]
fn rpcclient_failures_are_read_from_the_output() {
    // Exit 0, refused (rpcclient 4.22, measured).
    let refused = "IsPathSupported failed: NT_STATUS_OK result: 0x80070005\n";
    assert_eq!(rpc_failure(refused), Some(refused.trim_end()));
    let not_found =
        "result was NT_STATUS_UNSUCCESSFUL\nfailed DeleteShareMapping response: 0x80042308\n";
    assert_eq!(
        rpc_failure(not_found),
        Some("result was NT_STATUS_UNSUCCESSFUL")
    );
    let ok = "7679c7ad-9583-45da-82d6-7d79cac80067: shadow-copy set created\n\
              7679c7ad-9583-45da-82d6-7d79cac80067(9972c305-b709-4a38-ad7b-264f56362581): \\\\127.0.0.1\\vm\\ shadow-copy added to set\n\
              7679c7ad-9583-45da-82d6-7d79cac80067: prepare completed in 0 secs\n\
              7679c7ad-9583-45da-82d6-7d79cac80067: commit completed in 0 secs\n";
    assert_eq!(rpc_failure(ok), None);
    assert_eq!(
        rpc_failure("29c2310e-8568-40fe-8a5e-b61c9e791edb(0f1f5154-2aed-4f02-bd3f-0f516c333b59): \\\\127.0.0.1\\vm\\ shadow-copy deleted\n"),
        None
    );
    assert_eq!(rpc_failure("result was NT_STATUS_OK\n"), None);
}

#[test]
fn a_slowdown_a_descriptor_leak_or_a_leaked_snapshot_fails_the_soak() {
    assert!(soak_met(0.98, (13, 13), 0));
    assert!(soak_met(SLOWDOWN_GOAL, (13, 12), 0));
    assert!(!soak_met(1.5, (13, 13), 0), "cycles slowed down");
    assert!(!soak_met(f64::NAN, (13, 13), 0), "no ratio");
    assert!(!soak_met(f64::INFINITY, (13, 13), 0), "no early cycles");
    assert!(!soak_met(1.0, (13, 14), 0), "a descriptor leaked");
    assert!(!soak_met(1.0, (13, 13), 1), "a snapshot leaked");
}

#[test]
fn unreadable_space_is_an_error_not_zero() {
    assert_eq!(parse_used("  Used\n 123456\n"), Ok(123_456));
    assert_eq!(parse_used("123\n"), Ok(123));
    assert!(parse_used("").is_err());
    assert!(parse_used("df: /x: No such file or directory\n").is_err());
    assert!(parse_used("Used\n").is_err());
}
