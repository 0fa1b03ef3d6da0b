//! The NTSTATUS codes rvss answers with (values from MS-ERREF 2.3.1; Samba's
//! own definitions are function-like macros bindgen cannot translate).

pub const OK: u32 = 0x0000_0000;
pub const UNSUCCESSFUL: u32 = 0xC000_0001;
pub const INVALID_PARAMETER: u32 = 0xC000_000D;
pub const NO_MEMORY: u32 = 0xC000_0017;
pub const ACCESS_DENIED: u32 = 0xC000_0022;
pub const OBJECT_NAME_NOT_FOUND: u32 = 0xC000_0034;
pub const OBJECT_NAME_COLLISION: u32 = 0xC000_0035;
pub const OBJECT_PATH_NOT_FOUND: u32 = 0xC000_003A;
pub const DISK_FULL: u32 = 0xC000_007F;
pub const INSUFFICIENT_RESOURCES: u32 = 0xC000_009A;
/// A wait ran out (Samba's FSRVP server answers FSRVP_E_WAIT_TIMEOUT).
pub const IO_TIMEOUT: u32 = 0xC000_00B5;
pub const SHARING_VIOLATION: u32 = 0xC000_0043;
pub const MEDIA_WRITE_PROTECTED: u32 = 0xC000_00A2;
pub const NOT_SUPPORTED: u32 = 0xC000_00BB;
pub const INTERNAL_ERROR: u32 = 0xC000_00E5;
pub const NOT_SAME_DEVICE: u32 = 0xC000_00D4;
pub const NOT_A_DIRECTORY: u32 = 0xC000_0103;
pub const FILE_CORRUPT_ERROR: u32 = 0xC000_0102;
pub const BUFFER_TOO_SMALL: u32 = 0xC000_0023;
pub const REVISION_MISMATCH: u32 = 0xC000_0059;
