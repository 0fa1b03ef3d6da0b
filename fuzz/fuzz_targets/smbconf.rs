#![no_main]
//! smb.conf text as testparm or `net conf list` print it: parsing, merging
//! and reading a share's rvss options never panic, and keys come out as
//! Samba compares them (lower case, single spaces).

use libfuzzer_sys::fuzz_target;
use rvss_core::admin::smbconf::{parse, SambaConf};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let sections = parse(&text);
    for s in &sections {
        for k in s.params.keys() {
            assert_eq!(*k, k.to_lowercase(), "{k:?}");
            assert_eq!(
                *k,
                k.split_whitespace().collect::<Vec<_>>().join(" "),
                "{k:?}"
            );
        }
    }
    let conf = SambaConf::from_sections(sections);
    for share in conf.rvss_shares() {
        let _ = conf.rvss_config(share);
        let _ = conf.param(share, "path");
        assert!(conf.share(&share.name).is_some());
    }
    for share in &conf.shares {
        assert!(!share.name.eq_ignore_ascii_case("global"));
    }
});
