//! `rvss doctor`: Samba, and the module built for it.

use super::Checks;
use rvss_core::{admin, samba};

/// Samba installed, rvss.so installed where Samba loads it, and built for
/// this Samba.
pub(super) fn check_samba_and_module(c: &mut Checks) {
    let running = admin::samba::installed_version();
    let package = admin::samba::installed_package_version();
    match &running {
        Some(v) => c.ok(
            "samba",
            None,
            match &package {
                Some(p) => format!("Samba {v} (Debian package samba {p})"),
                None => format!("Samba {v}"),
            },
        ),
        None => c.fail(
            "samba",
            None,
            "smbd is not installed (smbd -V failed)".into(),
            "install Samba (apt-get install samba)",
        ),
    }
    let Some(modules_dir) = admin::samba::build_path("MODULESDIR") else {
        if running.is_some() {
            c.fail(
                "module",
                None,
                "smbd -b does not name its MODULESDIR".into(),
                "",
            );
        }
        return;
    };
    let module = admin::samba::module_path(&modules_dir);
    let bytes = match std::fs::read(&module) {
        Ok(b) => b,
        Err(e) => {
            c.fail(
                "module",
                None,
                format!("{} cannot be read: {e}", module.display()),
                "install rvss (make install, or dpkg -i rvss_*.deb): Samba loads \
                 `vfs objects = rvss` only from <MODULESDIR>/vfs/rvss.so",
            );
            return;
        }
    };
    let Some(built) = samba::built_for(&bytes) else {
        c.fail(
            "module",
            None,
            format!(
                "{} does not say which Samba it was built for (not an rvss module, or one older than this tool)",
                module.display()
            ),
            "reinstall rvss (make install, or dpkg -i rvss_*.deb)",
        );
        return;
    };
    c.ok(
        "module",
        None,
        format!(
            "{} built for Samba {}{}",
            module.display(),
            built.version,
            if built.package.is_empty() {
                String::new()
            } else {
                format!(" (package {})", built.package)
            }
        ),
    );
    let Some(running) = running else { return };
    let rebuild = "rebuild and reinstall rvss against the installed Samba (make deps build \
                   install, or make deb and apt-get install the new package)";
    match samba::compat(&running, &built.version) {
        samba::Compat::OtherRelease => c.fail(
            "samba-version",
            None,
            format!(
                "rvss.so was built for Samba {} but Samba {running} is installed: a module loads \
                 only in the release series it was built for ({}.x), so Samba refuses to load rvss \
                 (NT_STATUS_REVISION_MISMATCH, logged as \"refusing to register\") and every rvss \
                 share fails",
                built.version,
                samba::release_series(&built.version)
            ),
            rebuild,
        ),
        samba::Compat::PatchRelease => c.ok(
            "samba-version",
            None,
            format!(
                "rvss.so was built for Samba {} and Samba {running} is installed: another patch \
                 release of the same series ({}.x), which loads it; rebuild only when Samba moves \
                 to another minor release",
                built.version,
                samba::release_series(&built.version)
            ),
        ),
        samba::Compat::Same => c.ok(
            "samba-version",
            None,
            format!("rvss.so matches the running Samba {running}"),
        ),
    }
}
