//! samba_init_module: what smbd (and rpcd_fsrvp) call when they load rvss.so.

use super::c_api::{rvss_shim_log, rvss_shim_register, rvss_shim_samba_version};
use super::guard;
use super::samba_abi::{built_samba_version, NTSTATUS};
use crate::{logging, ntstatus};
use std::ffi::{c_void, CStr, CString};

fn samba_sink(level: i32, line: &str) {
    let Ok(c) = CString::new(line.replace('\0', "?")) else {
        return;
    };
    // SAFETY: the shim's logger takes a NUL-terminated string for the call.
    unsafe { rvss_shim_log(level, c.as_ptr()) };
}

/// Whether the running Samba ("4.17.12-Debian-...") is the one rvss was
/// built for ("4.17.12"): the VFS ABI is version-locked.
pub fn same_samba(running: &str, built: &str) -> bool {
    running == built
        || running
            .strip_prefix(built)
            .is_some_and(|rest| rest.starts_with('-'))
}

/// # Safety
/// Called by Samba's module loader in a Samba process, with the shim linked in.
#[no_mangle]
pub unsafe extern "C" fn samba_init_module(_ctx: *mut c_void) -> NTSTATUS {
    let v = guard("samba_init_module", || {
        logging::install(samba_sink, log::LevelFilter::Trace);
        // Panics go to Samba's log, never to smbd's stderr.
        std::panic::set_hook(Box::new(|info| log::error!("panic: {info}")));
        // SAFETY: samba_version_string() returns a static NUL-terminated string.
        let running = unsafe { CStr::from_ptr(rvss_shim_samba_version()) }
            .to_string_lossy()
            .into_owned();
        let built = built_samba_version();
        if !same_samba(&running, &built) {
            log::error!(
                "refusing to register: rvss was built for Samba {built} but this is Samba {running}; \
                 rebuild rvss against this Samba (make deps build install)"
            );
            return ntstatus::REVISION_MISMATCH;
        }
        // SAFETY: registers the shim's static hook table with smbd.
        let st = unsafe { rvss_shim_register() };
        if st != ntstatus::OK {
            log::error!("smb_register_vfs refused rvss (NTSTATUS {st:#010x})");
        }
        st
    });
    NTSTATUS { v }
}

#[cfg(test)]
mod tests {
    use super::same_samba;

    #[test]
    fn samba_versions() {
        assert!(same_samba("4.17.12", "4.17.12"));
        assert!(same_samba(
            "4.17.12-Debian-4.17.12+dfsg-0+deb12u4",
            "4.17.12"
        ));
        assert!(!same_samba("4.17.13", "4.17.12"));
        assert!(!same_samba("4.17.120", "4.17.12"));
        assert!(!same_samba("4.18.0", "4.17.12"));
    }
}
