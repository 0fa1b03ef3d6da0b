//! What the CLI's reports go by, from smb.conf: the paths every share
//! definition points to (exposed shadow copies included).

use super::smbconf::SambaConf;
use std::collections::BTreeSet;

/// Paths of every share definition, to tell exposed snapshots from orphans.
pub fn share_paths(conf: &SambaConf) -> BTreeSet<String> {
    conf.shares
        .iter()
        .filter_map(|s| conf.param(s, "path"))
        .collect()
}
