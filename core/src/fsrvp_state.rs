//! Which FSRVP shadow copy set and shadow copy a snapshot belongs to, as
//! Samba's FSRVP server records them: for the audit trail.
//!
//! Samba passes the VFS hooks no ids. Its server keeps its state in
//! `srv_fss.tdb` in the lock directory (`lock_path()`), rewritten after
//! each CommitShadowCopySet, ExposeShadowCopySet, RecoveryCompleteShadowCopySet,
//! AbortShadowCopySet and DeleteShareMapping
//! (source3/rpc_server/fss/srv_fss_state.c). A shadow copy's record is keyed
//! `sc_set/<set id>/sc/<shadow copy id>` (NUL-terminated), its value the
//! NDR form of `fsrvp_state_sc` (librpc/idl/fsrvp_state.idl): three
//! NUL-terminated UTF-8 strings (id, volume name, snapshot path) and two
//! 32-bit integers. So at snap_delete the deleted copy's ids are there; at
//! snap_create they are not yet (the set is stored only after the commit),
//! and `rvss list --history` finds them later by the snapshot's path.
//!
//! With `clustering = yes` the state lives in a CTDB database, not this
//! file: the ids are then unknown to rvss.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// The file's name in Samba's lock directory (srv_fss_private.h).
pub const FILE_NAME: &str = "srv_fss.tdb";

/// One shadow copy as Samba's FSRVP server recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShadowCopy {
    /// The shadow copy set's id (a GUID, as rpcclient prints it).
    pub set: String,
    /// The shadow copy's id.
    pub shadow_copy: String,
    /// The snapshot path the module returned at snap_create (empty until
    /// the set was committed).
    pub snapshot: String,
}

/// The shadow copy whose record is `key`/`value`, None for any other record
/// (the version, the set count, sets, share mappings) or one that does not
/// parse.
pub fn parse(key: &[u8], value: &[u8]) -> Option<ShadowCopy> {
    let key = std::str::from_utf8(key.strip_suffix(b"\0").unwrap_or(key)).ok()?;
    let rest = key.strip_prefix("sc_set/")?;
    let (set, sc) = rest.split_once("/sc/")?;
    if set.is_empty() || sc.is_empty() || sc.contains('/') {
        return None;
    }
    let mut strings = value.split(|&b| b == 0);
    let id = std::str::from_utf8(strings.next()?).ok()?;
    let _volume = strings.next()?;
    let snapshot = std::str::from_utf8(strings.next()?).ok()?;
    // The id repeats the key's: a record that disagrees is not trusted.
    (id == sc).then(|| ShadowCopy {
        set: set.to_string(),
        shadow_copy: sc.to_string(),
        snapshot: snapshot.to_string(),
    })
}

/// Every shadow copy recorded in the state file in `lock_dir`: empty when
/// there is no file (no FSRVP request yet, or a clustered Samba); an error
/// when it cannot be read.
pub fn read_in(lock_dir: &Path) -> std::io::Result<Vec<ShadowCopy>> {
    match crate::sys::tdb::records(&lock_dir.join(FILE_NAME)) {
        Ok(records) => Ok(records.iter().filter_map(|(k, v)| parse(k, v)).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(vec![]),
        Err(e) => Err(e),
    }
}

/// The shadow copy whose snapshot is `snapshot`, if the state file in
/// `lock_dir` records one.
pub fn find_in(lock_dir: &Path, snapshot: &str) -> std::io::Result<Option<ShadowCopy>> {
    Ok(read_in(lock_dir)?
        .into_iter()
        .find(|c| !snapshot.is_empty() && c.snapshot == snapshot))
}

/// `read_in` of Samba's lock directory (`state_dir::lock_dir`).
pub fn read() -> std::io::Result<Vec<ShadowCopy>> {
    read_in(&crate::state_dir::lock_dir())
}

/// `find_in` of Samba's lock directory.
pub fn find(snapshot: &str) -> std::io::Result<Option<ShadowCopy>> {
    find_in(&crate::state_dir::lock_dir(), snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value as Samba's ndr_push_fsrvp_state_sc writes it.
    fn value(id: &str, volume: &str, path: &str) -> Vec<u8> {
        let mut v = vec![];
        for s in [id, volume, path] {
            v.extend_from_slice(s.as_bytes());
            v.push(0);
        }
        v.extend_from_slice(&1_765_000_000u32.to_le_bytes());
        v.extend_from_slice(&1i32.to_le_bytes());
        v
    }

    const SET: &str = "8c2b6f0e-1d7a-4c7e-9b1f-2d6a0c9e4b11";
    const SC: &str = "f4e1a2b3-0c9d-4e8f-a7b6-5c4d3e2f1a00";

    #[test]
    fn a_shadow_copy_record_names_its_set_copy_and_snapshot() {
        let key = format!("sc_set/{SET}/sc/{SC}\0");
        let c = parse(
            key.as_bytes(),
            &value(SC, "/srv/fs1/vol1", "/srv/fs1/.rvss/vol1/@GMT-x"),
        )
        .unwrap();
        assert_eq!(c.set, SET);
        assert_eq!(c.shadow_copy, SC);
        assert_eq!(c.snapshot, "/srv/fs1/.rvss/vol1/@GMT-x");
    }

    #[test]
    fn other_records_and_damaged_ones_are_not_shadow_copies() {
        let v = value(SC, "/v", "/s");
        for key in [
            "version\0".to_string(),
            "sc_set_count\0".to_string(),
            format!("sc_set/{SET}\0"),
            format!("sc_set/{SET}/sc/{SC}/smap/vm\0"),
            format!("sc_set//sc/{SC}\0"),
        ] {
            assert_eq!(parse(key.as_bytes(), &v), None, "{key}");
        }
        let key = format!("sc_set/{SET}/sc/{SC}\0");
        // Truncated before the path, or an id that is not the key's.
        assert_eq!(parse(key.as_bytes(), b"abc\0/v"), None);
        assert_eq!(parse(key.as_bytes(), &value("other", "/v", "/s")), None);
        assert_eq!(parse(key.as_bytes(), b""), None);
    }
}
