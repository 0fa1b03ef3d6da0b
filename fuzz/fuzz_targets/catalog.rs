#![no_main]
//! catalog.json: `catalog::parse` never panics on any bytes (a torn or
//! hand-edited file is an error, never a crash); whatever it accepts
//! serializes and parses back to the same entries; entries of any content
//! round-trip; and the retention pass over a parsed catalog never panics.

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use rvss_core::catalog::{parse, serialize, Entry, State};
use rvss_core::retention::{to_prune, Policy};

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
    let bytes = serialize(entries);
    let back = parse(&bytes).unwrap_or_else(|e| panic!("own output rejected: {e}"));
    assert_eq!(back, entries);
    assert_eq!(serialize(&back), bytes);
}

fuzz_target!(|data: &[u8]| {
    // The bytes as a catalog file.
    if let Ok(entries) = parse(data) {
        round_trips(&entries);
        let shares: Vec<&str> = entries.iter().map(|e| e.share.as_str()).collect();
        for (i, share) in shares.iter().take(4).enumerate() {
            let policy = Policy {
                keep_last: i as u32,
                keep_days: (3 - i) as u32,
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
