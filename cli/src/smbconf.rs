//! `rvss smbconf`: the [global] lines rvss's setup needs (vfs_rvss(8));
//! `rvss smbconf SHARE`: the share lines that make rvss's backups visible to
//! SMB clients as Previous Versions, through Samba's vfs_shadow_copy2.

use super::shares;
use super::{Cli, Outcome, EXIT_OK};
use rvss_core::backend::Backend;
use rvss_core::layout::Layout;
use rvss_core::smbconf::GLOBAL_LINES;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The share to print the lines for; without it, the [global] lines.
    pub share: Option<String>,
}

/// The lines, given the share's current `vfs objects`.
pub fn lines(layout: &Layout, vfs_objects: &str) -> Vec<String> {
    // shadow_copy2 goes first: it must see the @GMT paths before the rest.
    let mut modules: Vec<&str> = vfs_objects
        .split([' ', ','])
        .filter(|m| !m.is_empty() && *m != "shadow_copy2")
        .collect();
    if !modules.contains(&"rvss") {
        modules.push("rvss");
    }
    let mut out = vec![
        format!("vfs objects = shadow_copy2 {}", modules.join(" ")),
        format!("shadow:snapdir = {}", layout.snapshots().display()),
    ];
    if !layout.rel.as_os_str().is_empty() {
        out.push(format!("shadow:snapsharepath = {}", layout.rel.display()));
    }
    out.push("shadow:format = @GMT-%Y.%m.%d-%H.%M.%S".into());
    out.push("shadow:localtime = no".into());
    out
}

/// The lines for a share on CephFS: Samba's vfs_ceph_snapshots shows the
/// share's own CephFS snapshots (`.snap`, named and dated by their
/// `ceph.snap.btime`) as Previous Versions, through a ceph-fuse or kernel
/// mount.
pub fn cephfs_lines(vfs_objects: &str) -> Vec<String> {
    let mut modules: Vec<&str> = vfs_objects
        .split([' ', ','])
        .filter(|m| !m.is_empty() && *m != "ceph_snapshots" && *m != "shadow_copy2")
        .collect();
    if !modules.contains(&"rvss") {
        modules.push("rvss");
    }
    vec![
        format!("vfs objects = ceph_snapshots {}", modules.join(" ")),
        "ceph:snapdir = .snap".into(),
    ]
}

pub fn run(cli: &Cli, args: &Args) -> Outcome {
    let Some(name) = &args.share else {
        for l in GLOBAL_LINES {
            println!("{l}");
        }
        return Ok(EXIT_OK);
    };
    let conf = cli.samba_conf()?;
    let share = shares::rvss_shares(&conf, Some(name))?
        .into_iter()
        .next()
        .ok_or_else(|| shares::failure(format!("no share {name}")))?;
    let vfs = conf
        .share(&share.name)
        .and_then(|s| conf.param(s, "vfs objects"))
        .unwrap_or_default();
    if share.backend() == Backend::Cephfs {
        for l in cephfs_lines(&vfs) {
            println!("{l}");
        }
        return Ok(EXIT_OK);
    }
    let layout = share.layout()?;
    for l in lines(&layout, &vfs) {
        println!("{l}");
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cephfs_share() {
        assert_eq!(
            cephfs_lines("shadow_copy2 catia rvss"),
            vec![
                "vfs objects = ceph_snapshots catia rvss",
                "ceph:snapdir = .snap"
            ]
        );
        assert_eq!(cephfs_lines("")[0], "vfs objects = ceph_snapshots rvss");
    }

    #[test]
    fn subdirectory_share() {
        let l = Layout {
            share: "/p/vol1/d/vm".into(),
            subvolume: "/p/vol1".into(),
            rel: "d/vm".into(),
            snapshot_dir: "/p/.rvss".into(),
            key: "vol1".into(),
            default_snapshot_dir: true,
        };
        assert_eq!(
            lines(&l, "catia rvss"),
            vec![
                "vfs objects = shadow_copy2 catia rvss",
                "shadow:snapdir = /p/.rvss/vol1",
                "shadow:snapsharepath = d/vm",
                "shadow:format = @GMT-%Y.%m.%d-%H.%M.%S",
                "shadow:localtime = no",
            ]
        );
        let root = Layout {
            rel: "".into(),
            ..l
        };
        assert!(!lines(&root, "shadow_copy2 rvss")
            .iter()
            .any(|x| x.contains("snapsharepath")));
        assert_eq!(
            lines(&root, "shadow_copy2 rvss")[0],
            "vfs objects = shadow_copy2 rvss"
        );
    }
}
