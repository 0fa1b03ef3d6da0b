//! Reading rpcclient's output: it exits 0 on some FSRVP errors (an
//! IsPathSupported refused: "IsPathSupported failed: NT_STATUS_OK result:
//! 0x80070005") and 1 on others ("result was NT_STATUS_UNSUCCESSFUL" then
//! "failed DeleteShareMapping response: 0x80042308"), so success is read
//! from the output as well as the exit status.

/// The line of `out` that reports a failed call, if any.
pub fn rpc_failure(out: &str) -> Option<&str> {
    out.lines().find(|l| {
        l.contains("failed")
            || l.strip_prefix("result was ")
                .is_some_and(|s| s.trim() != "NT_STATUS_OK")
    })
}
