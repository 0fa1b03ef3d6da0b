//! The Samba rvss was built for, and the one that is installed. The VFS ABI
//! is version-locked: samba_init_module refuses to register in any other
//! Samba, and `rvss doctor` reads the built version from the module file
//! (an exported marker string, `rvss_built_samba_version`) to say why.

use std::path::{Path, PathBuf};
use std::process::Command;

mod build_info {
    include!(concat!(env!("OUT_DIR"), "/build_info.rs"));
}
pub use build_info::{MARKER, SAMBA_PACKAGE_VERSION, SAMBA_VERSION, SAMBA_VERSION_FAKED};

/// Starts the marker in the module file (must match build.rs).
pub const MARKER_PREFIX: &str = "RVSS-BUILT-FOR-SAMBA ";

/// What a module file says about the Samba it was built for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltFor {
    /// Upstream version, e.g. "4.17.12".
    pub version: String,
    /// Debian package version, e.g. "2:4.17.12+dfsg-0+deb12u4" (may be empty).
    pub package: String,
}

/// Whether the running Samba ("4.17.12-Debian", "4.17.12") is the one rvss
/// was built for ("4.17.12").
pub fn same_samba(running: &str, built: &str) -> bool {
    running == built
        || running
            .strip_prefix(built)
            .is_some_and(|rest| rest.starts_with('-'))
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
    let mut package = String::new();
    for field in s.split(' ') {
        match field.split_once('=') {
            Some(("version", v)) => version = Some(v.to_string()),
            Some(("package", p)) => package = p.to_string(),
            _ => return None,
        }
    }
    let version =
        version.filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))?;
    Some(BuiltFor { version, package })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// The running Samba's version as `smbd -V` prints it ("4.17.12-Debian").
pub fn installed_version() -> Option<String> {
    output("smbd", &["-V"])?
        .lines()
        .find_map(|l| l.trim().strip_prefix("Version ").map(str::to_string))
}

/// The installed `samba` package's Debian version, where dpkg knows it.
pub fn installed_package_version() -> Option<String> {
    output("dpkg-query", &["-W", "-f=${Version}", "samba"])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// `smbd -b`'s build paths, e.g. MODULESDIR, SAMBA_LIBEXECDIR.
pub fn build_path(name: &str) -> Option<PathBuf> {
    let key = format!("{name}:");
    output("smbd", &["-b"])?
        .lines()
        .find_map(|l| l.trim().strip_prefix(&key).map(|v| PathBuf::from(v.trim())))
}

/// Where Samba loads `vfs objects = rvss` from.
pub fn module_path(modules_dir: &Path) -> PathBuf {
    modules_dir.join("vfs").join("rvss.so")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samba_versions() {
        assert!(same_samba("4.17.12", "4.17.12"));
        assert!(same_samba("4.17.12-Debian", "4.17.12"));
        assert!(same_samba(
            "4.17.12-Debian-4.17.12+dfsg-0+deb12u4",
            "4.17.12"
        ));
        assert!(!same_samba("4.17.13", "4.17.12"));
        assert!(!same_samba("4.17.120", "4.17.12"));
        assert!(!same_samba("4.18.0", "4.17.12"));
    }

    #[test]
    fn marker_round_trip() {
        // The marker this crate embeds reads back as what it was built for.
        let mut file = b"\x7fELF garbage RVSS-BUILT-FOR-SAMBA \0 more".to_vec();
        file.extend_from_slice(&MARKER);
        file.extend_from_slice(b"tail");
        let b = built_for(&file).expect("marker found");
        assert_eq!(b.version, SAMBA_VERSION);
        assert_eq!(b.package, SAMBA_PACKAGE_VERSION);
        assert_eq!(built_for(b"no marker here"), None);
        assert_eq!(
            built_for(b"RVSS-BUILT-FOR-SAMBA version=4.16.0 package=\0"),
            Some(BuiltFor {
                version: "4.16.0".into(),
                package: String::new()
            })
        );
        assert_eq!(
            built_for(b"RVSS-BUILT-FOR-SAMBA version=x package=\0"),
            None
        );
    }
}
