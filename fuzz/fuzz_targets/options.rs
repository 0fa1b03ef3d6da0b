#![no_main]
//! `Config::from_options` on arbitrary `rvss:` option values: never panics
//! (errors are fine), and what it accepts holds the documented invariants.
//!
//! Input: NUL-separated `name=value` records (Samba hands over C strings, so
//! no NUL inside); the record named `*` answers every other name, so options
//! rvss learns later are fuzzed too.

use libfuzzer_sys::fuzz_target;
use rvss_core::config::Config;
use std::path::Component;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let records: Vec<(&str, &str)> = text.split('\0').filter_map(|r| r.split_once('=')).collect();
    let get = |name: &str| -> Option<String> {
        records
            .iter()
            .find(|(k, _)| *k == name)
            .or_else(|| records.iter().find(|(k, _)| *k == "*"))
            .map(|(_, v)| v.to_string())
    };
    let Ok(cfg) = Config::from_options(get) else {
        return;
    };
    if let Some(dir) = &cfg.snapshot_dir {
        assert!(dir.is_absolute(), "{dir:?}");
        assert!(
            !dir.components().any(|c| c == Component::ParentDir),
            "{dir:?}"
        );
    }
    assert!(cfg.retention.keep_last <= 10_000);
    assert!(cfg.retention.keep_days <= 10_000);
    // A function of the options alone.
    assert_eq!(Config::from_options(get).ok(), Some(cfg));
});
