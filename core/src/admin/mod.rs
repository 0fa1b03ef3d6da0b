//! Admin-only inspection of the host, for the CLI (and the tests): smb.conf
//! as testparm reads it, the installed Samba and dpkg, the inventory of
//! snapshot directories, subprocesses. The module never needs it; nothing
//! below uses it (the top layer).

pub mod dpkg;
pub mod inventory;
pub mod process;
pub mod samba;
pub mod smbconf;
