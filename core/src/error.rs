//! One error type for the core: an NTSTATUS for Samba and a sentence for the
//! log line (or the CLI's stderr) that says what failed and why.

use crate::ntstatus;
use std::fmt;
use std::io;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub status: u32,
    pub message: String,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(status: u32, message: impl Into<String>) -> Self {
        Error {
            status,
            message: message.into(),
        }
    }

    pub fn not_supported(message: impl Into<String>) -> Self {
        Error::new(ntstatus::NOT_SUPPORTED, message)
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(ntstatus::INVALID_PARAMETER, message)
    }

    /// An I/O failure while doing `what`, with the NTSTATUS that best says
    /// why to a Windows client.
    pub fn io(what: impl fmt::Display, e: &io::Error) -> Self {
        Error::new(status_of(e), format!("{what}: {e}"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// errno -> NTSTATUS.
pub fn status_of(e: &io::Error) -> u32 {
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

    #[test]
    fn errno_mapping() {
        let st = |n| status_of(&io::Error::from_raw_os_error(n));
        assert_eq!(st(libc::ENOSPC), ntstatus::DISK_FULL);
        assert_eq!(st(libc::EROFS), ntstatus::MEDIA_WRITE_PROTECTED);
        assert_eq!(st(libc::EPERM), ntstatus::ACCESS_DENIED);
        assert_eq!(st(libc::ENOENT), ntstatus::OBJECT_PATH_NOT_FOUND);
        assert_eq!(st(libc::EIO), ntstatus::UNSUCCESSFUL);
    }
}
