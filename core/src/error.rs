//! One error type for the core: an NTSTATUS for Samba and a sentence for the
//! log line (or the CLI's stderr) that says what failed and why, keeping
//! the error that caused it.
//!
//! The idiom: add what was being done to a failed call with the `Context`
//! trait, which works on `std::io::Result`, `rustix::io::Result` and this
//! crate's `Result` alike:
//!
//! ```ignore
//! let dir = sys::fs::open_dir(p).with_context(|| format!("open {}", p.display()))?;
//! ```
//!
//! The message reads "open /x: No such file or directory (os error 2)",
//! the status is derived from the errno (`status_of`) unless given
//! (`with_status`), and `source()` is the `io::Error` itself. Wrapping an
//! rvss `Error` again keeps its status and prefixes its message.

use crate::ntstatus;
pub use crate::ntstatus::Status;
use std::fmt;
use std::io;
use std::sync::Arc;

type Source = Arc<dyn std::error::Error + Send + Sync + 'static>;

#[derive(Debug, Clone)]
pub struct Error {
    pub status: Status,
    /// The whole sentence, the causes' text included (what `Display`
    /// prints: log lines and the CLI show it as it is).
    pub message: String,
    source: Option<Source>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(status: Status, message: impl Into<String>) -> Self {
        Error {
            status,
            message: message.into(),
            source: None,
        }
    }

    pub fn not_supported(message: impl Into<String>) -> Self {
        Error::new(ntstatus::NOT_SUPPORTED, message)
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(ntstatus::INVALID_PARAMETER, message)
    }

    /// `what` failed because of `cause` (an `io::Error` or a rustix
    /// `Errno`: the status from its errno), which is kept as the source.
    /// For where a `Result` is not at hand (`Context` is the usual way).
    pub fn with_cause(what: impl fmt::Display, cause: impl Into<io::Error>) -> Self {
        let cause = cause.into();
        Error {
            status: status_of(&cause),
            message: format!("{what}: {cause}"),
            source: Some(Arc::new(cause)),
        }
    }

    /// This error, answering with `status` instead.
    pub fn with_status(mut self, status: Status) -> Self {
        self.status = status;
        self
    }

    /// The operating-system error at the bottom of the chain, if there is
    /// one (for deciding on an errno, e.g. ENOENT, after context was added).
    pub fn io_error(&self) -> Option<&io::Error> {
        let mut cur: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(self);
        while let Some(e) = cur {
            if let Some(io) = e.downcast_ref::<io::Error>() {
                return Some(io);
            }
            cur = e.source();
        }
        None
    }

    /// The errno at the bottom of the chain, if there is one.
    pub fn raw_os_error(&self) -> Option<i32> {
        self.io_error().and_then(io::Error::raw_os_error)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Two errors are equal when they say the same (status and message);
/// where the cause came from does not matter.
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        self.status == other.status && self.message == other.message
    }
}

impl Eq for Error {}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

// No `From<io::Error>`: a bare `?` would log "No such file or directory"
// without saying what rvss was doing; `Context` says it.

/// Says what was being done when a call failed, keeping the cause (see
/// the module documentation).
pub trait Context<T>: Sized {
    /// Adds `what` (built only on failure) before the cause's message.
    fn with_context<C: fmt::Display>(self, what: impl FnOnce() -> C) -> Result<T>;

    /// Adds `what` before the cause's message.
    fn context(self, what: impl fmt::Display) -> Result<T> {
        self.with_context(|| what)
    }

    /// Like `with_context`, answering with `status` whatever the cause.
    fn with_status<C: fmt::Display>(self, status: Status, what: impl FnOnce() -> C) -> Result<T> {
        self.with_context(what).map_err(|e| e.with_status(status))
    }
}

impl<T> Context<T> for std::result::Result<T, io::Error> {
    fn with_context<C: fmt::Display>(self, what: impl FnOnce() -> C) -> Result<T> {
        self.map_err(|e| Error::with_cause(what(), e))
    }
}

impl<T> Context<T> for std::result::Result<T, rustix::io::Errno> {
    fn with_context<C: fmt::Display>(self, what: impl FnOnce() -> C) -> Result<T> {
        self.map_err(|e| Error::with_cause(what(), e))
    }
}

impl<T> Context<T> for Result<T> {
    fn with_context<C: fmt::Display>(self, what: impl FnOnce() -> C) -> Result<T> {
        self.map_err(|e| Error {
            status: e.status,
            message: format!("{}: {}", what(), e.message),
            source: Some(Arc::new(e)),
        })
    }
}

/// errno -> NTSTATUS.
pub fn status_of(e: &io::Error) -> Status {
    match e.raw_os_error() {
        Some(libc::ENOSPC) | Some(libc::EDQUOT) => ntstatus::DISK_FULL,
        Some(libc::EROFS) => ntstatus::MEDIA_WRITE_PROTECTED,
        Some(libc::EPERM) | Some(libc::EACCES) => ntstatus::ACCESS_DENIED,
        Some(libc::ENOENT) => ntstatus::OBJECT_PATH_NOT_FOUND,
        Some(libc::EEXIST) => ntstatus::OBJECT_NAME_COLLISION,
        Some(libc::EXDEV) => ntstatus::NOT_SAME_DEVICE,
        Some(libc::ENOMEM) => ntstatus::NO_MEMORY,
        Some(libc::ENOTDIR) => ntstatus::NOT_A_DIRECTORY,
        Some(libc::ELOOP) => ntstatus::ACCESS_DENIED,
        Some(libc::ENAMETOOLONG) | Some(libc::EINVAL) => ntstatus::INVALID_PARAMETER,
        _ if e.kind() == io::ErrorKind::InvalidInput => ntstatus::INVALID_PARAMETER,
        _ if e.kind() == io::ErrorKind::TimedOut => ntstatus::IO_TIMEOUT,
        _ => ntstatus::UNSUCCESSFUL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn errno_mapping() {
        let st = |n| status_of(&io::Error::from_raw_os_error(n));
        assert_eq!(st(libc::ENOSPC), ntstatus::DISK_FULL);
        assert_eq!(st(libc::EROFS), ntstatus::MEDIA_WRITE_PROTECTED);
        assert_eq!(st(libc::EPERM), ntstatus::ACCESS_DENIED);
        assert_eq!(st(libc::ENOENT), ntstatus::OBJECT_PATH_NOT_FOUND);
        assert_eq!(st(libc::EIO), ntstatus::UNSUCCESSFUL);
        let timed_out = io::Error::new(io::ErrorKind::TimedOut, "held");
        assert_eq!(status_of(&timed_out), ntstatus::IO_TIMEOUT);
    }

    fn enospc() -> io::Result<()> {
        Err(io::Error::from_raw_os_error(libc::ENOSPC))
    }

    #[test]
    fn context_keeps_the_message_the_status_and_the_source() {
        let e = enospc().with_context(|| "write /x").unwrap_err();
        assert_eq!(e.status, ntstatus::DISK_FULL);
        let cause = io::Error::from_raw_os_error(libc::ENOSPC).to_string();
        assert_eq!(e.to_string(), format!("write /x: {cause}"));
        let src = e.source().expect("the io::Error is kept");
        assert_eq!(
            src.downcast_ref::<io::Error>().unwrap().raw_os_error(),
            Some(libc::ENOSPC)
        );
        assert_eq!(e.raw_os_error(), Some(libc::ENOSPC));
        // The same as saying it without a `Result` at hand.
        let direct = Error::with_cause("write /x", io::Error::from_raw_os_error(libc::ENOSPC));
        assert_eq!(direct, e);
        assert_eq!(direct.raw_os_error(), Some(libc::ENOSPC));
    }

    #[test]
    fn rustix_errors_and_rvss_errors_take_context_too() {
        let r: rustix::io::Result<()> = Err(rustix::io::Errno::ACCESS);
        let e = r.context("open /y").unwrap_err();
        assert_eq!(e.status, ntstatus::ACCESS_DENIED);
        assert!(e.message.starts_with("open /y: "), "{e}");
        assert_eq!(e.raw_os_error(), Some(libc::EACCES));

        // Wrapping an rvss error keeps its status and chains it.
        let outer = Err::<(), _>(e.clone()).context("restore /z").unwrap_err();
        assert_eq!(outer.status, ntstatus::ACCESS_DENIED);
        assert_eq!(outer.message, format!("restore /z: {}", e.message));
        let inner = outer.source().unwrap().downcast_ref::<Error>().unwrap();
        assert_eq!(inner, &e);
        // The errno is still found at the bottom of the chain.
        assert_eq!(outer.raw_os_error(), Some(libc::EACCES));
    }

    #[test]
    fn the_status_can_be_overridden_and_plain_errors_have_no_source() {
        let e = enospc()
            .with_status(ntstatus::INTERNAL_ERROR, || "write /x")
            .unwrap_err();
        assert_eq!(e.status, ntstatus::INTERNAL_ERROR);
        assert!(e.source().is_some());
        let plain = Error::invalid("bad name");
        assert_eq!(plain.status, ntstatus::INVALID_PARAMETER);
        assert!(plain.source().is_none() && plain.raw_os_error().is_none());
        assert_eq!(Error::not_supported("x").status, ntstatus::NOT_SUPPORTED);
        let exists = Error::with_cause("create /w", rustix::io::Errno::EXIST);
        assert_eq!(exists.status, ntstatus::OBJECT_NAME_COLLISION);
        assert_eq!(exists.raw_os_error(), Some(libc::EEXIST));
        assert!(exists.message.starts_with("create /w: "), "{exists}");
    }

    #[test]
    fn errors_cross_threads() {
        fn send_sync<T: Send + Sync + 'static>() {}
        send_sync::<Error>();
    }
}
