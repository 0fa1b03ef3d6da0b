//! The two hosts of the replication bench: the source world (Samba, rvss,
//! the shares) and the target host (a second world with sshd), the target
//! filesystem they share, and what each method's turn needs of them.

use super::*;

/// The target host: a second world on the target filesystem, with sshd.
pub(crate) struct Host {
    pub(crate) sshd: Option<Child>,
    pub(crate) world: World,
}

impl Drop for Host {
    fn drop(&mut self) {
        if let Some(mut c) = self.sshd.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

pub(crate) struct Bed {
    /// First: its world (which mounts the target filesystem too) goes
    /// before the source world's teardown.
    pub(crate) _host: Host,
    pub(crate) w: World,
    pub(crate) fs: PathBuf,
    pub(crate) tgt: PathBuf,
    /// Raw pipe and btrbk's key (no forced command).
    pub(crate) raw_key: PathBuf,
    pub(crate) conf_local: PathBuf,
    pub(crate) conf_ssh: PathBuf,
}

impl Bed {
    pub(crate) fn raw_dir(&self) -> PathBuf {
        self.tgt.join("raw")
    }
    pub(crate) fn rvss_root(&self) -> PathBuf {
        self.tgt.join("rvss")
    }
    pub(crate) fn btrbk_dir(&self) -> PathBuf {
        self.tgt.join("btrbk")
    }

    pub(crate) fn ssh(&self) -> String {
        format!(
            "ssh {SSH_OPTIONS} -i '{}' -o IdentitiesOnly=yes -l root {TARGET_ADDR}",
            self.raw_key.display()
        )
    }

    /// Where method `m`'s copy of `s` lands.
    pub(crate) fn copy_of(&self, m: &str, share: &str, s: &Snap) -> PathBuf {
        match m {
            RAW => self.raw_dir().join(s.name()),
            RVSS => self.rvss_root().join(share).join(s.name()),
            _ => self.btrbk_dir().join(s.btrbk_name(share)),
        }
    }

    pub(crate) fn conf(&self, mode: &str) -> &Path {
        if mode == "local" {
            &self.conf_local
        } else {
            &self.conf_ssh
        }
    }

    /// Removes every received subvolume on the target, and waits until
    /// their space is free.
    pub(crate) fn clear(&self) {
        let t = self.tgt.display();
        self.w.must(&format!(
            "for d in '{t}/raw' '{t}/btrbk' '{t}'/rvss/*; do for s in \"$d\"/*; do \
               if [ \"$(stat -c %i \"$s\" 2>/dev/null)\" = 256 ]; then \
                 btrfs subvolume delete \"$s\" >/dev/null; fi; done; done"
        ));
        settle(&self.w, &self.tgt);
    }

    pub(crate) fn delete(&self, copy: &Path) {
        self.w.must(&format!(
            "btrfs subvolume delete '{}' >/dev/null",
            copy.display()
        ));
    }

    /// Both filesystems at rest, then the page cache dropped.
    pub(crate) fn quiesce(&self) {
        settle(&self.w, &self.tgt);
        settle(&self.w, &self.fs);
        let o = Command::new("sync").status().expect("sync");
        assert!(o.success(), "sync");
        std::fs::write("/proc/sys/vm/drop_caches", "3").expect("drop caches");
    }

    /// `btrfs send [-p parent] s | btrfs receive dir`, untimed (the parent
    /// copy an incremental step needs).
    pub(crate) fn plain_copy(&self, s: &Path, dir: &Path) {
        self.w.must(&format!(
            "mkdir -p -m 0700 '{1}' && btrfs send -q '{0}' | btrfs receive -q '{1}'",
            s.display(),
            dir.display()
        ));
    }

    pub(crate) fn rename(&self, from: &Path, to: &Path) {
        self.w
            .must(&format!("mv -T '{}' '{}'", from.display(), to.display()));
    }

    pub(crate) fn btrbk_conf(&self, share: &str, mode: &str, snapdir: &Path) -> PathBuf {
        let target = if mode == "local" {
            self.btrbk_dir().display().to_string()
        } else {
            format!("ssh://{TARGET_ADDR}{}", self.btrbk_dir().display())
        };
        let rel = snapdir
            .strip_prefix(&self.fs)
            .expect("snapshot directory on the source filesystem");
        let path = self.w.dir.join(format!("btrbk-{share}-{mode}.conf"));
        std::fs::write(
            &path,
            format!(
                "timestamp_format long-iso\n\
                 snapshot_create no\n\
                 snapshot_preserve_min all\n\
                 target_preserve_min all\n\
                 ssh_user root\n\
                 ssh_identity {}\n\
                 volume {}\n\
                 \x20 snapshot_dir {}\n\
                 \x20 subvolume {share}\n\
                 \x20   snapshot_name {share}\n\
                 \x20   target send-receive {target}\n",
                self.raw_key.display(),
                self.fs.display(),
                rel.display()
            ),
        )
        .expect("write btrbk.conf");
        path
    }
}
