//! Which mount a path lives on, from /proc/self/mountinfo (the calling
//! process's own mount namespace, so smbd and the CLI see what they serve).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// The kernel's mount id (mountinfo's first field, statx's mount id).
    pub id: u64,
    /// Where the filesystem is mounted.
    pub mount_point: PathBuf,
    /// Which directory of the filesystem appears there (e.g. `/` or a subvolume).
    pub root: PathBuf,
    pub fs_type: String,
    pub source: String,
}

/// Undoes mountinfo's octal escapes (`\040` for a space, etc.).
fn unescape(b: &[u8]) -> PathBuf {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && i + 3 < b.len()
            && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c))
        {
            let v = (b[i + 1] - b'0') as u32 * 64
                + (b[i + 2] - b'0') as u32 * 8
                + (b[i + 3] - b'0') as u32;
            if let Ok(byte) = u8::try_from(v) {
                out.push(byte);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    PathBuf::from(OsString::from_vec(out))
}

/// Parses mountinfo text; malformed lines are skipped.
pub fn parse(text: &str) -> Vec<Mount> {
    parse_bytes(text.as_bytes())
}

/// Parses mountinfo as the kernel writes it: it escapes only space, tab,
/// newline and backslash, so paths may hold any other byte (not UTF-8).
pub fn parse_bytes(text: &[u8]) -> Vec<Mount> {
    text.split(|&c| c == b'\n')
        .filter_map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let sep = line.windows(3).position(|w| w == b" - ")?;
            let (left, right) = (&line[..sep], &line[sep + 3..]);
            let l: Vec<&[u8]> = left.split(|&c| c == b' ').collect();
            let r: Vec<&[u8]> = right.split(|&c| c == b' ').collect();
            if l.len() < 6 || r.len() < 2 {
                return None;
            }
            Some(Mount {
                id: std::str::from_utf8(l[0]).ok()?.parse().ok()?,
                root: unescape(l[3]),
                mount_point: unescape(l[4]),
                fs_type: String::from_utf8_lossy(r[0]).into_owned(),
                source: unescape(r[1]).to_string_lossy().into_owned(),
            })
        })
        .collect()
}

/// The mount that holds `path` (absolute, canonical): the last-mounted entry
/// whose mount point is the longest prefix of it.
pub fn containing<'a>(mounts: &'a [Mount], path: &Path) -> Option<&'a Mount> {
    let mut best: Option<&Mount> = None;
    for m in mounts {
        if crate::paths::is_within(path, &m.mount_point)
            && best
                .is_none_or(|b| m.mount_point.as_os_str().len() >= b.mount_point.as_os_str().len())
        {
            best = Some(m);
        }
    }
    best
}

/// The mount whose id (statx's `stx_mnt_id`) is `id`.
pub fn with_id(mounts: &[Mount], id: u64) -> Option<&Mount> {
    mounts.iter().find(|m| m.id == id)
}

/// The current process's mounts.
pub fn current() -> std::io::Result<Vec<Mount>> {
    read(&mut std::fs::File::open("/proc/self/mountinfo")?)
}

fn read(f: &mut std::fs::File) -> std::io::Result<Vec<Mount>> {
    use std::io::Read;
    // One large read instead of std::fs::read's growing ones (procfs
    // reports no size).
    let mut buf = Vec::with_capacity(64 * 1024);
    f.read_to_end(&mut buf)?;
    Ok(parse_bytes(&buf))
}

/// The mount table a process read, with the open mountinfo that tells when
/// it changes.
struct Cached {
    pid: u32,
    file: std::fs::File,
    mounts: Arc<Vec<Mount>>,
}

/// The current process's mounts, as `current`, read again only after the
/// kernel reports a change: generating and parsing mountinfo was a third of
/// the create hook's own cost, and the table of a file server rarely
/// changes. An open mountinfo polls POLLPRI once any mount of the
/// namespace was added, moved, changed or removed since it was opened.
/// A forked child (another pid) reads its own.
pub fn cached() -> std::io::Result<Arc<Vec<Mount>>> {
    static CACHE: Mutex<Option<Cached>> = Mutex::new(None);
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let pid = std::process::id();
    if let Some(c) = cache.as_ref().filter(|c| c.pid == pid) {
        if !changed(&c.file)? {
            return Ok(Arc::clone(&c.mounts));
        }
    }
    // Opened before it is read: a change in between polls as a change
    // next time, and costs one more read, never a stale table.
    let mut file = std::fs::File::open("/proc/self/mountinfo")?;
    let mounts = Arc::new(read(&mut file)?);
    *cache = Some(Cached {
        pid,
        file,
        mounts: Arc::clone(&mounts),
    });
    Ok(mounts)
}

/// Whether the mount table changed since `mountinfo` was opened.
fn changed(mountinfo: &std::fs::File) -> std::io::Result<bool> {
    use rustix::event::{poll, PollFd, PollFlags};
    let mut fds = [PollFd::new(mountinfo, PollFlags::PRI)];
    poll(&mut fds, 0)?;
    Ok(fds[0].revents().intersects(PollFlags::PRI | PollFlags::ERR))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw
40 22 0:35 / /srv/pool rw,relatime shared:20 - btrfs /dev/loop0 rw,space_cache=v2,subvolid=5,subvol=/
41 22 0:35 /vol1 /srv/vol\\040one rw,relatime shared:21 - btrfs /dev/loop0 rw,subvolid=256,subvol=/vol1
42 40 0:36 / /srv/pool/tmp rw - tmpfs tmpfs rw
garbage line
";

    #[test]
    fn the_cached_table_is_the_current_one_and_read_once() {
        // Other processes may mount meanwhile (then it is read again,
        // rightly): a few tries.
        let same = (0..5).any(|_| {
            let a = cached().expect("mountinfo");
            let b = cached().expect("mountinfo");
            Arc::ptr_eq(&a, &b) && *b == current().expect("mountinfo")
        });
        assert!(same, "an unchanged mount table was read again, or is stale");
    }

    #[test]
    fn parses_fields_and_escapes() {
        let m = parse(SAMPLE);
        assert_eq!(m.len(), 4);
        assert_eq!(m[2].mount_point, Path::new("/srv/vol one"));
        assert_eq!(m[2].root, Path::new("/vol1"));
        assert_eq!(m[1].fs_type, "btrfs");
        assert_eq!(m[1].source, "/dev/loop0");
        assert_eq!(m.iter().map(|m| m.id).collect::<Vec<_>>(), [22, 40, 41, 42]);
        assert_eq!(
            with_id(&m, 41).map(|m| m.root.clone()),
            Some("/vol1".into())
        );
        assert!(with_id(&m, 1).is_none());
    }

    #[test]
    fn a_path_is_on_the_mount_its_id_names() {
        // statx's mount id and mountinfo's first field name one mount: the
        // one the longest-prefix rule finds for the real path.
        let table = current().expect("mountinfo");
        for p in ["/", "/proc/self", "/dev", "/tmp"] {
            let real = std::fs::canonicalize(p).expect("canonicalize");
            let id = crate::sys::fs::mount_id(Path::new(p))
                .expect("statx")
                .expect("Linux 5.8+");
            let by_id = with_id(&table, id).map(|m| &m.mount_point);
            let by_prefix = containing(&table, &real).map(|m| &m.mount_point);
            assert_eq!(by_id, by_prefix, "{p}");
        }
    }

    #[test]
    fn longest_prefix_wins() {
        let m = parse(SAMPLE);
        let at = |p: &str| containing(&m, Path::new(p)).map(|m| m.mount_point.clone());
        assert_eq!(at("/srv/pool/a/b"), Some(PathBuf::from("/srv/pool")));
        assert_eq!(at("/srv/pool/tmp/x"), Some(PathBuf::from("/srv/pool/tmp")));
        assert_eq!(at("/srv/pool2"), Some(PathBuf::from("/")));
        assert_eq!(at("/srv/vol one/d"), Some(PathBuf::from("/srv/vol one")));
    }

    #[test]
    fn odd_escapes_are_kept_literally() {
        assert_eq!(unescape(b"a\\0"), PathBuf::from("a\\0"));
        assert_eq!(unescape(b"a\\777b"), PathBuf::from("a\\777b"));
        assert_eq!(unescape(b"a\\134b"), PathBuf::from("a\\b"));
    }

    #[test]
    fn non_utf8_mount_points_do_not_hide_the_others() {
        // A mount point that is not UTF-8 made reading mountinfo fail
        // (read_to_string), so no share on the machine could be snapshotted.
        let mut text = b"60 22 0:41 / /srv/caf\xe9 rw - btrfs /dev/sdc rw\n".to_vec();
        text.extend_from_slice(SAMPLE.as_bytes());
        let m = parse_bytes(&text);
        assert_eq!(m.len(), 5);
        assert_eq!(
            m[0].mount_point,
            PathBuf::from(OsString::from_vec(b"/srv/caf\xe9".to_vec()))
        );
        assert_eq!(parse_bytes(SAMPLE.as_bytes()), parse(SAMPLE));
        assert_eq!(parse("22 1 0:21 / / rw - ext4 /dev/vda rw\r\n").len(), 1);
    }
}
