//! User names, as the system's name service (NSS: /etc/passwd, winbind's
//! `DOMAIN\user`, SSSD) gives them: for the audit trail's "who asked".

/// The name of `uid`, or None when the name service knows none.
pub fn name_of(uid: u32) -> Option<String> {
    let mut buf = vec![0u8; 1024];
    loop {
        // SAFETY: `pwd` is plain old data getpwuid_r fills in; `buf` is
        // valid for `buf.len()` bytes of writes and outlives the use of the
        // strings getpwuid_r points into it; `found` is a valid out-pointer.
        // getpwuid_r is the reentrant variant (no shared static record).
        let (rc, name) = unsafe {
            let mut pwd: libc::passwd = std::mem::zeroed();
            let mut found: *mut libc::passwd = std::ptr::null_mut();
            let rc = libc::getpwuid_r(
                uid,
                &mut pwd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut found,
            );
            let name = (rc == 0 && !found.is_null() && !pwd.pw_name.is_null()).then(|| {
                std::ffi::CStr::from_ptr(pwd.pw_name)
                    .to_string_lossy()
                    .into_owned()
            });
            (rc, name)
        };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 4, 0);
            continue;
        }
        return name;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn root_has_a_name_and_an_unused_uid_has_none() {
        assert_eq!(super::name_of(0).as_deref(), Some("root"));
        assert_eq!(super::name_of(4_000_000_123), None);
    }
}
