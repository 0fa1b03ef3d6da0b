//! The Samba installed on this host, for `rvss doctor` and the tests: its
//! version (`smbd -V`, dpkg), its build paths (`smbd -b`) and where its FSRVP
//! server and rvss's module live. The version rules themselves are in
//! `crate::samba` (the module needs them, not this).

use super::{dpkg, process};
use std::path::{Path, PathBuf};

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    process::stdout(cmd, args).ok()
}

/// The running Samba's version as `smbd -V` prints it ("4.17.12-Debian").
pub fn installed_version() -> Option<String> {
    output("smbd", &["-V"])?
        .lines()
        .find_map(|l| l.trim().strip_prefix("Version ").map(str::to_string))
}

/// The installed `samba` package's Debian version, where dpkg knows it.
pub fn installed_package_version() -> Option<String> {
    dpkg::installed_version("samba")
}

/// Where Samba's FSRVP server (rpcd_fsrvp) is installed: a known place,
/// or where dpkg says the package put it.
pub fn fsrvp_server() -> Option<PathBuf> {
    let known = [
        "/usr/libexec/samba/rpcd_fsrvp",
        "/usr/lib/samba/rpcd_fsrvp",
        "/usr/local/samba/libexec/samba/rpcd_fsrvp",
    ];
    if let Some(p) = known.iter().map(PathBuf::from).find(|p| p.exists()) {
        return Some(p);
    }
    dpkg::installed_file("*/rpcd_fsrvp")
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
