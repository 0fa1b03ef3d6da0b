//! The C boundary: what Samba and the shim call. Every entry point catches
//! panics (they must never unwind into smbd), checks its pointers, and turns
//! the core's results into NTSTATUS codes and one log line.

mod api;
pub mod c_api;
mod module;
pub mod samba_abi;

pub use api::{rvss_check_path, rvss_snap_create, rvss_snap_delete};
/// The share argument of the hooks, for in-process callers (the benchmarks).
pub use c_api::rvss_share;
pub use module::samba_init_module;

use crate::ntstatus::{self, Status};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `f`, turning a panic into NT_STATUS_INTERNAL_ERROR and a log line;
/// the typed status becomes the number Samba takes here.
fn guard(op: &str, f: impl FnOnce() -> Status) -> u32 {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(status) => status.code(),
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            log::error!("{op}: internal error: {why}");
            ntstatus::INTERNAL_ERROR.code()
        }
    }
}
