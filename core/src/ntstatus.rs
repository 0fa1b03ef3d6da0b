//! The NTSTATUS codes rvss answers with (values from MS-ERREF 2.3.1; Samba's
//! own definitions are function-like macros bindgen cannot translate).
//!
//! A `Status` is typed so that a status cannot be confused with another
//! number, and knows Samba's name for the log line; the FFI hands Samba its
//! `code()`.

use std::fmt;

/// An NTSTATUS value.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Status(u32);

impl Status {
    /// The value Samba (and the wire) carries.
    pub const fn code(self) -> u32 {
        self.0
    }

    /// A status by its value (one rvss does not name is kept as it is).
    pub const fn from_code(code: u32) -> Status {
        Status(code)
    }

    /// Samba's name for it (`NT_STATUS_DISK_FULL`); None for a value rvss
    /// does not answer with.
    pub fn name(self) -> Option<&'static str> {
        NAMES.iter().find(|(s, _)| *s == self).map(|(_, n)| *n)
    }
}

macro_rules! statuses {
    ($($(#[$doc:meta])* $name:ident = $code:literal,)*) => {
        $($(#[$doc])* pub const $name: Status = Status($code);)*
        const NAMES: &[(Status, &str)] = &[
            $(($name, concat!("NT_STATUS_", stringify!($name))),)*
        ];
    };
}

statuses! {
    OK = 0x0000_0000,
    UNSUCCESSFUL = 0xC000_0001,
    INVALID_PARAMETER = 0xC000_000D,
    NO_MEMORY = 0xC000_0017,
    ACCESS_DENIED = 0xC000_0022,
    OBJECT_NAME_NOT_FOUND = 0xC000_0034,
    OBJECT_NAME_COLLISION = 0xC000_0035,
    OBJECT_PATH_NOT_FOUND = 0xC000_003A,
    DISK_FULL = 0xC000_007F,
    INSUFFICIENT_RESOURCES = 0xC000_009A,
    /// A wait ran out (Samba's FSRVP server answers FSRVP_E_WAIT_TIMEOUT).
    IO_TIMEOUT = 0xC000_00B5,
    SHARING_VIOLATION = 0xC000_0043,
    MEDIA_WRITE_PROTECTED = 0xC000_00A2,
    NOT_SUPPORTED = 0xC000_00BB,
    INTERNAL_ERROR = 0xC000_00E5,
    NOT_SAME_DEVICE = 0xC000_00D4,
    NOT_A_DIRECTORY = 0xC000_0103,
    FILE_CORRUPT_ERROR = 0xC000_0102,
    BUFFER_TOO_SMALL = 0xC000_0023,
    REVISION_MISMATCH = 0xC000_0059,
}

/// Samba's name, or the value in hex for one without a name.
impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "NTSTATUS {:#010x}", self.0),
        }
    }
}

/// Samba's name with the value, "NT_STATUS_NOT_SUPPORTED (0xc00000bb)",
/// as the hook's log line says it; the value alone when it has no name.
impl fmt::Debug for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => write!(f, "{n} ({:#010x})", self.0),
            None => write!(f, "{:#010x}", self.0),
        }
    }
}

/// `{:#010x}` prints the value, as rvss's log lines always have.
impl fmt::LowerHex for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.0, f)
    }
}

impl From<Status> for u32 {
    fn from(s: Status) -> u32 {
        s.0
    }
}

/// What the C side returned compares with a typed status directly.
impl PartialEq<u32> for Status {
    fn eq(&self, other: &u32) -> bool {
        self.0 == *other
    }
}

impl PartialEq<Status> for u32 {
    fn eq(&self, other: &Status) -> bool {
        *self == other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_values() {
        assert_eq!(DISK_FULL.code(), 0xC000_007F);
        assert_eq!(DISK_FULL.name(), Some("NT_STATUS_DISK_FULL"));
        assert_eq!(OK.to_string(), "NT_STATUS_OK");
        assert_eq!(format!("{:#010x}", ACCESS_DENIED), "0xc0000022");
        assert_eq!(
            format!("{ACCESS_DENIED:?}"),
            "NT_STATUS_ACCESS_DENIED (0xc0000022)"
        );
        let odd = Status::from_code(0xC000_0999);
        assert_eq!(odd.name(), None);
        assert_eq!(odd.to_string(), "NTSTATUS 0xc0000999");
        assert_eq!(format!("{odd:?}"), "0xc0000999");
        assert_eq!(0xC000_00BB_u32, NOT_SUPPORTED);
        assert_eq!(NOT_SUPPORTED, 0xC000_00BB_u32);
        // Every name is unique and spelled the way Samba spells it.
        for (i, (s, n)) in NAMES.iter().enumerate() {
            assert!(n.starts_with("NT_STATUS_"));
            assert!(NAMES[i + 1..].iter().all(|(t, m)| t != s && m != n), "{n}");
        }
    }
}
