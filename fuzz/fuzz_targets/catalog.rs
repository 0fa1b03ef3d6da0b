#![no_main]
//! Catalog files: `catalog::parse` (one entry file) and `parse_legacy` (a
//! 0.2 catalog.json) never panic on any bytes (a torn or hand-edited file is
//! an error, never a crash); whatever they accept serializes and parses back
//! to the same entries; entries of any content round-trip; entry file names
//! read back to their path; and the retention pass never panics.

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use rvss_core::catalog::{
    entry_name, parse, parse_legacy, rel_of_entry_name, serialize, serialize_legacy, Entry, State,
};
use rvss_core::policy::retention::{to_prune, Policy};

#[derive(Arbitrary, Debug)]
struct RawEntry {
    id: String,
    share: String,
    base_volume: String,
    subvolume: String,
    path: String,
    snap_path: String,
    gmt: String,
    created: i64,
    readonly: bool,
    retained: bool,
}

impl From<RawEntry> for Entry {
    fn from(r: RawEntry) -> Entry {
        Entry {
            id: r.id,
            share: r.share,
            base_volume: r.base_volume,
            subvolume: r.subvolume,
            path: r.path,
            snap_path: r.snap_path,
            gmt: r.gmt,
            created: r.created,
            readonly: r.readonly,
            state: if r.retained {
                State::Retained
            } else {
                State::Exposed
            },
            ..Default::default()
        }
    }
}

fn round_trips(entries: &[Entry]) {
    let bytes = serialize_legacy(entries);
    let back = parse_legacy(&bytes).unwrap_or_else(|e| panic!("own output rejected: {e}"));
    assert_eq!(back, entries);
    assert_eq!(serialize_legacy(&back), bytes);
    for e in entries {
        let bytes = serialize(e);
        let back = parse(&bytes).unwrap_or_else(|err| panic!("own entry rejected: {err}"));
        assert_eq!(&back, e);
        // Entry file names: no slash, within NAME_MAX, and readable back.
        let rel = std::path::Path::new(&e.path);
        if !e.path.contains('\0') {
            let name = entry_name(rel);
            assert!(name.len() <= 255 && !name.to_string_lossy().contains('/'));
            if let Some(back) = rel_of_entry_name(&name) {
                assert_eq!(back, rel);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // The bytes as one entry file.
    if let Ok(e) = parse(data) {
        round_trips(std::slice::from_ref(&e));
    }
    // The bytes as a legacy catalog file.
    if let Ok(entries) = parse_legacy(data) {
        round_trips(&entries);
        let shares: Vec<&str> = entries.iter().map(|e| e.share.as_str()).collect();
        for (i, share) in shares.iter().take(4).enumerate() {
            let policy = Policy {
                keep_last: i as u32,
                keep_days: (3 - i) as u32,
                calendar: rvss_core::config::Calendar {
                    daily: (i * 2) as u32,
                    monthly: i as u32,
                    ..Default::default()
                },
            };
            for now in [0, 1_764_064_800, i64::MIN, i64::MAX] {
                let out = to_prune(&entries, share, &policy, now);
                assert!(out.iter().all(|&j| j < entries.len()));
            }
        }
    }
    // The same bytes as entries of arbitrary content.
    let mut u = Unstructured::new(data);
    if let Ok(raw) = Vec::<RawEntry>::arbitrary(&mut u) {
        let entries: Vec<Entry> = raw.into_iter().map(Entry::from).collect();
        round_trips(&entries);
    }
});
