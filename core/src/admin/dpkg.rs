//! What dpkg knows: the installed version of a package, and which
//! installed file matches a pattern. The one place rvss asks dpkg (build.rs
//! includes this file, so the module's build asks the same way).

use super::process;
use std::path::PathBuf;

/// The installed version of `package` ("2:4.17.12+dfsg-0+deb12u4"), where
/// dpkg knows it.
pub fn installed_version(package: &str) -> Option<String> {
    process::stdout("dpkg-query", &["-W", "-f=${Version}", package])
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The first installed file matching `pattern` (`dpkg-query -S`) that exists.
pub fn installed_file(pattern: &str) -> Option<PathBuf> {
    let out = process::run("dpkg-query", &["-S", pattern]).ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.split_once(": ").map(|(_, p)| PathBuf::from(p.trim())))
        .filter(|p| p.exists())
}
