//! The Samba rvss was built for, and whether a running one may load it
//! (what the module needs; what is installed is `admin::samba`). The VFS ABI
//! is versioned per release series: samba_init_module accepts any patch
//! release of the major.minor series it was built for (security updates must
//! not break backups) and refuses every other Samba; `rvss doctor` reads the
//! built version from the module file (an exported marker string,
//! `rvss_built_samba_version`) to say why.

/// Starts the marker in the module file (must match build.rs).
pub const MARKER_PREFIX: &str = "RVSS-BUILT-FOR-SAMBA ";

/// What a module file says about the Samba it was built for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltFor {
    /// Upstream version, e.g. "4.17.12".
    pub version: String,
    /// SMB_VFS_INTERFACE_VERSION of the headers (absent in modules built
    /// before it was recorded).
    pub interface: Option<u32>,
    /// Debian package version, e.g. "2:4.17.12+dfsg-0+deb12u4" (may be empty).
    pub package: String,
}

/// How a running Samba relates to the one rvss was built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compat {
    /// The same release ("4.17.12" and "4.17.12-Debian").
    Same,
    /// Another patch release of the same major.minor series (a security or
    /// bug-fix update): Samba keeps the VFS interface within a series, so
    /// the module loads (smb_register_vfs still checks the interface).
    PatchRelease,
    /// Another major.minor release (or an unreadable version): the VFS
    /// interface may differ, so the module refuses to register.
    OtherRelease,
}

/// "4.17.12-Debian-4.17.12+dfsg" -> (4, 17, 12).
fn parse_version(v: &str) -> Option<(u32, u32, u32)> {
    let head = v.split(['-', ' ']).next()?;
    let mut parts = head.split('.');
    let mut num = || parts.next()?.parse::<u32>().ok();
    let version = (num()?, num()?, num()?);
    parts.next().is_none().then_some(version)
}

/// Compares the running Samba ("4.22.11-Debian-4.22.11+dfsg-0+deb13u1")
/// with the one rvss was built for ("4.22.6").
pub fn compat(running: &str, built: &str) -> Compat {
    match (parse_version(running), parse_version(built)) {
        (Some(r), Some(b)) if r == b => Compat::Same,
        (Some(r), Some(b)) if (r.0, r.1) == (b.0, b.1) => Compat::PatchRelease,
        _ => Compat::OtherRelease,
    }
}

/// The "4.22" of "4.22.6".
pub fn release_series(version: &str) -> String {
    match parse_version(version) {
        Some((major, minor, _)) => format!("{major}.{minor}"),
        None => version.to_string(),
    }
}

/// Finds the marker in the bytes of a module file.
pub fn built_for(module: &[u8]) -> Option<BuiltFor> {
    let prefix = MARKER_PREFIX.as_bytes();
    let mut from = 0;
    while let Some(i) = find(&module[from..], prefix) {
        let start = from + i + prefix.len();
        let end = module[start..]
            .iter()
            .position(|&b| b == 0)
            .map_or(module.len(), |n| start + n);
        if let Some(b) = std::str::from_utf8(&module[start..end])
            .ok()
            .and_then(parse_marker)
        {
            return Some(b);
        }
        from = start;
    }
    None
}

fn parse_marker(s: &str) -> Option<BuiltFor> {
    let mut version = None;
    let mut interface = None;
    let mut package = String::new();
    for field in s.split(' ') {
        match field.split_once('=')? {
            ("version", v) => version = Some(v.to_string()),
            ("interface", i) => interface = Some(i.parse().ok()?),
            ("package", p) => package = p.to_string(),
            // Fields a newer rvss may add.
            _ => {}
        }
    }
    let version =
        version.filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))?;
    Some(BuiltFor {
        version,
        interface,
        package,
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samba_versions() {
        use Compat::*;
        assert_eq!(compat("4.17.12", "4.17.12"), Same);
        assert_eq!(compat("4.17.12-Debian", "4.17.12"), Same);
        assert_eq!(
            compat("4.17.12-Debian-4.17.12+dfsg-0+deb12u4", "4.17.12"),
            Same
        );
        assert_eq!(
            compat("4.22.11-Debian-4.22.11+dfsg-0+deb13u1", "4.22.6"),
            PatchRelease
        );
        assert_eq!(compat("4.17.13", "4.17.12"), PatchRelease);
        assert_eq!(compat("4.17.120", "4.17.12"), PatchRelease);
        assert_eq!(compat("4.18.0", "4.17.12"), OtherRelease);
        assert_eq!(compat("4.22.6", "4.17.12"), OtherRelease);
        assert_eq!(compat("5.17.12", "4.17.12"), OtherRelease);
        assert_eq!(compat("4.17", "4.17.12"), OtherRelease);
        assert_eq!(compat("", "4.17.12"), OtherRelease);
        assert_eq!(compat("4.17.x", "4.17.12"), OtherRelease);
        assert_eq!(release_series("4.22.6"), "4.22");
    }

    #[test]
    fn markers() {
        // The module's own marker is checked in the module package.
        assert_eq!(built_for(b"no marker here"), None);
        assert_eq!(
            built_for(b"RVSS-BUILT-FOR-SAMBA version=4.16.0 package=\0"),
            Some(BuiltFor {
                version: "4.16.0".into(),
                interface: None,
                package: String::new()
            })
        );
        // Fields added later are ignored; a malformed interface is not.
        assert_eq!(
            built_for(
                b"RVSS-BUILT-FOR-SAMBA version=4.22.6 interface=48 future=x package=2:4.22.6\0"
            )
            .map(|b| (b.interface, b.package)),
            Some((Some(48), "2:4.22.6".to_string()))
        );
        assert_eq!(
            built_for(b"RVSS-BUILT-FOR-SAMBA version=4.22.6 interface=x package=\0"),
            None
        );
        assert_eq!(
            built_for(b"RVSS-BUILT-FOR-SAMBA version=x package=\0"),
            None
        );
    }
}
