#![no_main]
//! /proc/self/mountinfo: `mounts::parse_bytes` never panics on any bytes
//! (the kernel leaves paths that are not UTF-8 as they are), `parse` agrees
//! with it on text, and
//! `containing` answers the longest mount point that is a prefix of the path
//! (the last-mounted one among equals).
//!
//! Input: mountinfo text, then NUL-separated paths to look up.

use libfuzzer_sys::fuzz_target;
use rvss_core::mounts::{containing, parse, parse_bytes};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let text = parts.next().unwrap_or_default();
    let mounts = parse_bytes(text);
    if let Ok(text) = std::str::from_utf8(text) {
        assert_eq!(parse(text), mounts);
    }
    let paths: Vec<&Path> = parts
        .map(|p| Path::new(OsStr::from_bytes(p)))
        .chain([Path::new("/"), Path::new("/srv/pool/vol1")])
        .collect();
    for p in paths {
        let Some(m) = containing(&mounts, p) else {
            assert!(!mounts.iter().any(|m| p.starts_with(&m.mount_point)));
            continue;
        };
        assert!(p.starts_with(&m.mount_point));
        let len = m.mount_point.as_os_str().len();
        let last = mounts
            .iter()
            .rposition(|x| p.starts_with(&x.mount_point) && x.mount_point.as_os_str().len() >= len)
            .expect("the answer is among the mounts");
        assert!(std::ptr::eq(&mounts[last], m), "not the last longest");
    }
});
