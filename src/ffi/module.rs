//! samba_init_module: what smbd (and rpcd_fsrvp) call when they load rvss.so.

use super::c_api::{
    rvss_shim_debug_level, rvss_shim_log, rvss_shim_register, rvss_shim_samba_version,
};
use super::guard;
use super::samba_abi::NTSTATUS;
use crate::logging;
use crate::ntstatus::{self, Status};
use crate::samba::{self, Compat};
use std::ffi::{c_void, CStr, CString};

/// The Samba this module was built for, as a NUL-terminated string exported
/// from the .so (`RVSS-BUILT-FOR-SAMBA version=4.17.12 package=2:4.17.12+...`):
/// `rvss doctor` and the Debian packaging read it from the file.
#[no_mangle]
#[used]
#[allow(non_upper_case_globals)]
pub static rvss_built_samba_version: [u8; samba::MARKER.len()] = samba::MARKER;

fn samba_sink(level: i32, line: &str) {
    let Ok(c) = CString::new(line.replace('\0', "?")) else {
        return;
    };
    // SAFETY: the shim's logger takes a NUL-terminated string for the call.
    unsafe { rvss_shim_log(level, c.as_ptr()) };
}

fn samba_debug_level() -> i32 {
    // SAFETY: reads Samba's debug level table; the shim is linked in and
    // Samba's debug system is initialised before modules load.
    unsafe { rvss_shim_debug_level() }
}

/// # Safety
/// Called by Samba's module loader in a Samba process, with the shim linked in.
#[no_mangle]
pub unsafe extern "C" fn samba_init_module(_ctx: *mut c_void) -> NTSTATUS {
    let v = guard("samba_init_module", || {
        logging::install_samba(samba_sink, samba_debug_level);
        // Panics go to Samba's log, never to smbd's stderr.
        std::panic::set_hook(Box::new(|info| log::error!("panic: {info}")));
        // SAFETY: samba_version_string() returns a static NUL-terminated string.
        let running = unsafe { CStr::from_ptr(rvss_shim_samba_version()) }
            .to_string_lossy()
            .into_owned();
        let built = samba::SAMBA_VERSION;
        match samba::compat(&running, built) {
            Compat::Same => {}
            Compat::PatchRelease => log::info!(
                "built for Samba {built}, running in Samba {running}: same release series, loading"
            ),
            Compat::OtherRelease => {
                log::error!(
                    "refusing to register: rvss was built for Samba {built} but this is Samba {running} \
                     (a module loads only in the release series it was built for, {}.x: the VFS \
                     interface changes between series); install an rvss built against this Samba \
                     (make deps build install, or make deb)",
                    samba::release_series(built)
                );
                return ntstatus::REVISION_MISMATCH;
            }
        }
        // SAFETY: registers the shim's static hook table with smbd.
        let st = unsafe { rvss_shim_register() };
        // The rvss debug class exists now: follow its level.
        logging::follow_samba_level();
        if st != ntstatus::OK {
            log::error!(
                "smb_register_vfs refused rvss (NTSTATUS {st:#010x}): rvss was built for VFS \
                 interface {} of Samba {built}, and this Samba {running} has another; rebuild \
                 rvss against this Samba (make deps build install, or make deb)",
                samba::VFS_INTERFACE_VERSION
            );
        }
        Status::from_code(st)
    });
    NTSTATUS { v }
}
