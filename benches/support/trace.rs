//! FSRVP calls timed on the client's own system calls: rpcclient runs under
//! `strace -ttt` with `-d 10 --debug-stdout`, whose NDR dumps ("in: struct
//! fss_X", "out: ...") bracket each request.

use crate::common::{text, World};

/// The strace command line (before rpcclient's own arguments).
pub const STRACE: &str =
    "strace -ttt -e trace=write,writev,sendmsg,sendto,read,readv,recvmsg,recvfrom -s 64";

/// Runs rpcclient `-c cmds` under strace inside the world; returns its
/// output and the trace.
pub fn traced_rpc(w: &World, cmds: &str, tag: &str) -> (std::process::Output, String) {
    let trace = w.dir.join(format!("strace-{tag}.txt"));
    let o = w.sh(&format!(
        "{STRACE} -o '{}' rpcclient -d 10 --debug-stdout -U 'root%{}' ncacn_np:127.0.0.1 -c '{cmds}'",
        trace.display(),
        crate::common::PASSWORD
    ));
    let strace = std::fs::read_to_string(&trace).unwrap_or_default();
    let _ = std::fs::remove_file(&trace);
    assert!(
        !strace.is_empty(),
        "no strace output for {cmds}: {}",
        text(&o)
    );
    (o, strace)
}

/// The request-to-reply time (ms) of the FSRVP call `call` (e.g.
/// "fss_CommitShadowCopySet") in an `strace -ttt` trace of rpcclient at
/// debug level 10: from the first send on a socket after the call's "in:"
/// dump to the last receive before its "out:" dump. The first such call.
pub fn call_interval(strace: &str, call: &str) -> Option<f64> {
    call_intervals(strace, call).into_iter().next()
}

/// Every request-to-reply time (ms) of `call` in the trace, in order (see
/// `call_interval`); a call whose request or reply is missing ends the list.
pub fn call_intervals(strace: &str, call: &str) -> Vec<f64> {
    let lines: Vec<&str> = strace.lines().collect();
    let (inp, outp) = (format!("in: struct {call}"), format!("out: struct {call}"));
    let mut v = vec![];
    let mut from = 0;
    while let Some(i) = lines[from..].iter().position(|l| l.contains(&inp)) {
        let i = from + i;
        let Some(o) = lines[i..].iter().position(|l| l.contains(&outp)) else {
            break;
        };
        let o = i + o;
        match interval(&lines[i..o]) {
            Some(ms) => v.push(ms),
            None => break,
        }
        from = o + 1;
    }
    v
}

/// Between a call's "in:" and "out:" dumps: first socket send to last
/// socket receive, ms.
fn interval(lines: &[&str]) -> Option<f64> {
    let time = |l: &str| l.split_whitespace().next()?.parse::<f64>().ok();
    // Calls on fd 1 and 2 are rpcclient's own debug output; failed calls
    // (EAGAIN) moved nothing.
    let on_socket = |l: &str, calls: &[&str]| {
        if l.contains(" = -1 ") {
            return false;
        }
        let call = l.split_whitespace().nth(1).unwrap_or("");
        calls.iter().any(|c| {
            call.strip_prefix(c)
                .and_then(|rest| rest.strip_prefix('('))
                .is_some_and(|rest| !rest.starts_with("1,") && !rest.starts_with("2,"))
        })
    };
    let sent = lines
        .iter()
        .find(|l| on_socket(l, &["writev", "sendmsg", "sendto", "write"]))?;
    let received = lines
        .iter()
        .rev()
        .find(|l| on_socket(l, &["readv", "recvmsg", "recvfrom", "read"]))?;
    Some((time(received)? - time(sent)?) * 1000.0)
}
