//! What changed in a btrfs tree since a transaction, as `btrfs subvolume
//! find-new` finds it: BTRFS_IOC_TREE_SEARCH with `min_transid` visits only
//! the leaves written since (the kernel skips every older subtree by the
//! generation in its parent pointer), and each DIR_ITEM entry carries the
//! transaction that made the name and what the name points at. DIR_ITEM,
//! not DIR_INDEX: btrfs inserts the index items of a running transaction
//! late (delayed items, flushed at its commit), the name-hash items at once,
//! so a search of a live tree sees every name made so far. Plus
//! BTRFS_IOC_INO_LOOKUP: a directory's path inside its subvolume. Both need
//! CAP_SYS_ADMIN.
//!
//! The decoding of the search buffer is pure (unit tested below); the
//! ioctls are the only unsafe parts.

use super::abi;
use rustix::ioctl::{ioctl, Updater};
use std::io;
use std::os::fd::AsFd;

/// What a directory entry names (`BTRFS_FT_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryType {
    Unknown,
    File,
    Dir,
    CharDevice,
    BlockDevice,
    Fifo,
    Socket,
    Symlink,
    /// Another value (a newer kernel's): judged as the unknown type.
    Other(u8),
}

impl EntryType {
    fn from_ft(ft: u8) -> EntryType {
        // Bit 7 marks an encrypted name (fscrypt), not a type.
        match ft & 0x7f {
            0 => EntryType::Unknown,
            1 => EntryType::File,
            2 => EntryType::Dir,
            3 => EntryType::CharDevice,
            4 => EntryType::BlockDevice,
            5 => EntryType::Fifo,
            6 => EntryType::Socket,
            7 => EntryType::Symlink,
            other => EntryType::Other(other),
        }
    }
}

/// One name in one directory (an entry of a DIR_ITEM item, which holds
/// every name of that directory with the same hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    /// The inode number of the directory holding the name.
    pub parent: u64,
    /// The transaction that made the name.
    pub transid: u64,
    pub kind: EntryType,
    /// The name links a subvolume (its location is a ROOT_ITEM key): in a
    /// snapshot, what shows is an empty stand-in.
    pub subvolume: bool,
    pub name: Vec<u8>,
}

/// The key after `(objectid, type, offset)` in btrfs's key order; None
/// past the last.
fn next_key(objectid: u64, ty: u32, offset: u64) -> Option<(u64, u32, u64)> {
    if let Some(o) = offset.checked_add(1) {
        return Some((objectid, ty, o));
    }
    if ty < 255 {
        return Some((objectid, ty + 1, 0));
    }
    objectid.checked_add(1).map(|id| (id, 0, 0))
}

/// Decodes the `n` items the kernel wrote to `buf`: the names of the
/// DIR_ITEM items among them, and the key of the last item (where the next search goes
/// on). Truncated or malformed records end the decoding.
pub fn decode(buf: &[u8], n: u32) -> (Vec<DirEntry>, Option<(u64, u32, u64)>) {
    let u64_at = |b: &[u8], o: usize| {
        b.get(o..o + 8)
            .map(|s| u64::from_ne_bytes(s.try_into().unwrap_or([0; 8])))
    };
    let u32_at = |b: &[u8], o: usize| {
        b.get(o..o + 4)
            .map(|s| u32::from_ne_bytes(s.try_into().unwrap_or([0; 4])))
    };
    let mut out = vec![];
    let mut last = None;
    let mut pos = 0usize;
    for _ in 0..n {
        let Some(h) = buf.get(pos..pos + abi::SEARCH_HEADER) else {
            break;
        };
        // Header (native endian): transid, objectid, offset, type, len.
        let (Some(objectid), Some(offset), Some(ty), Some(len)) =
            (u64_at(h, 8), u64_at(h, 16), u32_at(h, 24), u32_at(h, 28))
        else {
            break;
        };
        let start = pos + abi::SEARCH_HEADER;
        let Some(item) = buf.get(start..start + len as usize) else {
            break;
        };
        last = Some((objectid, ty, offset));
        pos = start + len as usize;
        if ty == abi::BTRFS_DIR_ITEM_KEY {
            dir_entries(objectid, item, &mut out);
        }
    }
    (out, last)
}

/// The entries of one DIR_ITEM item: each a `struct btrfs_dir_item`
/// (little endian, packed: location key (objectid u64, type u8, offset
/// u64), transid u64, data_len u16, name_len u16, type u8), its name and
/// its data. A malformed entry ends the item.
fn dir_entries(parent: u64, item: &[u8], out: &mut Vec<DirEntry>) {
    const FIXED: usize = 30;
    let mut at = 0usize;
    while let Some(e) = item.get(at..).filter(|e| e.len() >= FIXED) {
        let le16 = |o: usize| u16::from_le_bytes([e[o], e[o + 1]]);
        let transid = u64::from_le_bytes(e[17..25].try_into().unwrap_or([0; 8]));
        let (data_len, name_len) = (usize::from(le16(25)), usize::from(le16(27)));
        let Some(name) = e.get(FIXED..FIXED + name_len) else {
            return;
        };
        out.push(DirEntry {
            parent,
            transid,
            kind: EntryType::from_ft(e[29]),
            subvolume: e[8] == abi::BTRFS_ROOT_ITEM_KEY,
            name: name.to_vec(),
        });
        at += FIXED + name_len + data_len;
    }
}

/// Every name made in transaction `min_transid` or later in the subvolume
/// containing `f` (the other names of the leaves written since are
/// filtered out by their own transid), in key order.
pub fn names_since(f: impl AsFd, min_transid: u64) -> io::Result<Vec<DirEntry>> {
    let f = f.as_fd();
    let mut out = vec![];
    let mut from = Some((abi::BTRFS_FIRST_FREE_OBJECTID, 0u32, 0u64));
    while let Some((objectid, ty, offset)) = from {
        let mut args = Box::<abi::btrfs_ioctl_search_args>::default();
        // Tree 0: the tree of the subvolume `f` lies in.
        args.key.min_objectid = objectid;
        args.key.min_type = ty;
        args.key.min_offset = offset;
        args.key.max_objectid = u64::MAX;
        args.key.max_type = 255;
        args.key.max_offset = u64::MAX;
        args.key.min_transid = min_transid;
        args.key.max_transid = u64::MAX;
        args.key.nr_items = 4096;
        // SAFETY: the request reads and fills `args` (a plain struct with a
        // byte buffer), of the opcode's type.
        unsafe { ioctl(f, Updater::<abi::TreeSearch, _>::new(&mut *args)) }?;
        let n = args.key.nr_items;
        if n == 0 {
            break;
        }
        let (items, last) = decode(&args.buf, n);
        out.extend(items.into_iter().filter(|d| d.transid >= min_transid));
        from = match last {
            // The kernel's key order: on after the last item seen.
            Some((o, t, off)) => next_key(o, t, off).filter(|&k| k > (objectid, ty, offset)),
            None => None,
        };
    }
    Ok(out)
}

/// The path of directory `ino` inside the subvolume containing `f`, as the
/// kernel gives it: components joined by '/', empty for the subvolume's
/// root (no leading or trailing '/').
pub fn dir_path(f: impl AsFd, ino: u64) -> io::Result<Vec<u8>> {
    let f = f.as_fd();
    let mut args = Box::<abi::btrfs_ioctl_ino_lookup_args>::default();
    args.objectid = ino;
    // SAFETY: the request reads and fills `args`, of the opcode's type.
    unsafe { ioctl(f, Updater::<abi::InoLookup, _>::new(&mut *args)) }?;
    let end = args
        .name
        .iter()
        .position(|&c| c == 0)
        .unwrap_or(args.name.len());
    let mut p = args.name[..end].to_vec();
    while p.last() == Some(&b'/') {
        p.pop();
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A search record as the kernel writes it.
    fn record(objectid: u64, ty: u32, offset: u64, item: &[u8]) -> Vec<u8> {
        let mut r = vec![];
        r.extend_from_slice(&77u64.to_ne_bytes());
        r.extend_from_slice(&objectid.to_ne_bytes());
        r.extend_from_slice(&offset.to_ne_bytes());
        r.extend_from_slice(&ty.to_ne_bytes());
        r.extend_from_slice(&(item.len() as u32).to_ne_bytes());
        r.extend_from_slice(item);
        r
    }

    fn dir_item(location_type: u8, transid: u64, ft: u8, name: &[u8]) -> Vec<u8> {
        let mut i = vec![];
        i.extend_from_slice(&300u64.to_le_bytes());
        i.push(location_type);
        i.extend_from_slice(&0u64.to_le_bytes());
        i.extend_from_slice(&transid.to_le_bytes());
        i.extend_from_slice(&0u16.to_le_bytes());
        i.extend_from_slice(&(name.len() as u16).to_le_bytes());
        i.push(ft);
        i.extend_from_slice(name);
        i
    }

    #[test]
    fn dir_items_are_decoded_and_others_skipped() {
        let mut buf = record(257, 1, 0, &[0u8; 160]); // an INODE_ITEM
        buf.extend(record(257, 84, 2, &dir_item(1, 12, 7, b"link")));
        // Two names with one hash share an item.
        let mut both = dir_item(132, 13, 2, b"nested");
        both.extend(dir_item(1, 14, 0x80 | 5, b"fifo"));
        buf.extend(record(258, 84, 3, &both));
        buf.extend(record(258, 96, 3, &dir_item(1, 14, 5, b"fifo"))); // its DIR_INDEX
        buf.extend(record(258, 108, 0, &[0u8; 53])); // EXTENT_DATA
        let (items, last) = decode(&buf, 5);
        assert_eq!(last, Some((258, 108, 0)));
        assert_eq!(
            items,
            vec![
                DirEntry {
                    parent: 257,
                    transid: 12,
                    kind: EntryType::Symlink,
                    subvolume: false,
                    name: b"link".to_vec()
                },
                DirEntry {
                    parent: 258,
                    transid: 13,
                    kind: EntryType::Dir,
                    subvolume: true,
                    name: b"nested".to_vec()
                },
                DirEntry {
                    parent: 258,
                    transid: 14,
                    kind: EntryType::Fifo,
                    subvolume: false,
                    name: b"fifo".to_vec()
                },
            ]
        );
    }

    #[test]
    fn truncated_records_end_the_decoding() {
        let mut buf = record(257, 84, 2, &dir_item(1, 12, 1, b"a"));
        let whole = buf.len();
        buf.extend(record(257, 84, 3, &dir_item(1, 12, 1, b"b")));
        // Fewer bytes than the second record's header says.
        let (items, last) = decode(&buf[..buf.len() - 1], 2);
        assert_eq!(items.len(), 1);
        assert_eq!(last, Some((257, 84, 2)));
        // A name longer than its item: that entry is skipped.
        let mut bad = dir_item(1, 12, 1, b"abc");
        bad.truncate(bad.len() - 1);
        let (items, _) = decode(&record(257, 84, 2, &bad), 1);
        assert!(items.is_empty());
        assert_eq!(decode(&buf[..whole], 9).0.len(), 1);
    }

    #[test]
    fn the_next_key_carries_over() {
        assert_eq!(next_key(5, 96, 7), Some((5, 96, 8)));
        assert_eq!(next_key(5, 96, u64::MAX), Some((5, 97, 0)));
        assert_eq!(next_key(5, 255, u64::MAX), Some((6, 0, 0)));
        assert_eq!(next_key(u64::MAX, 255, u64::MAX), None);
    }
}
