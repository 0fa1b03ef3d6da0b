//! A replication target on another btrfs filesystem of this host: the
//! share's `Store` opened in-process (and locked for the whole run), each
//! copy `btrfs send [-p parent] <backup> | btrfs receive <target>/<share>`.

use super::run::{Destination, OpenedCopy};
use super::store::{Copy, Store};
use super::stream::{transfer, Moved};
use crate::error::{Error, Result};
use std::path::Path;
use std::time::Duration;

pub struct Local {
    root: String,
    store: Store,
}

impl Local {
    /// Opens `<root>/<share>` (making it if needed; `root` must exist on
    /// btrfs), cleaning what a killed transfer left.
    pub fn open(root: &Path, share: &str) -> Result<Local> {
        Ok(Local {
            root: root.display().to_string(),
            store: Store::open(root, share)?,
        })
    }
}

impl Destination for Local {
    fn describe(&self) -> String {
        self.root.clone()
    }

    fn dir(&self) -> String {
        self.store.path().display().to_string()
    }

    fn inventory(&mut self) -> Result<Vec<Copy>> {
        self.store.inventory()
    }

    fn receive(
        &mut self,
        name: &str,
        uuid: &[u8; 16],
        source: &Path,
        parent: Option<&Path>,
        progress: &mut dyn FnMut(u64, Duration),
    ) -> Result<Moved> {
        // Both ends close-on-exec: only btrfs receive gets the read end.
        let (reader, writer) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)
            .map_err(|e| Error::with_cause("make a pipe for btrfs receive", e))?;
        let store = &self.store;
        std::thread::scope(|s| {
            let receiving = s.spawn(move || store.receive(name, uuid, reader.into()));
            transfer(
                source,
                parent,
                std::fs::File::from(writer),
                move |writer, _| {
                    // The end of the stream, then the receiver's verdict.
                    drop(writer);
                    match receiving.join() {
                        Ok(r) => r.map(|_| ()),
                        Err(_) => Err(Error::invalid("the receiving thread panicked")),
                    }
                },
                progress,
            )
        })
    }

    fn remove(&mut self, name: &str, uuid: &[u8; 16]) -> Result<()> {
        self.store.remove(name, uuid)
    }

    fn open_copy(
        &mut self,
        name: &str,
        uuid: &[u8; 16],
        _staging: &dyn Fn() -> Result<Store>,
    ) -> Result<OpenedCopy> {
        Ok(OpenedCopy {
            root: self.store.open_copy(name, uuid)?,
            fetched: None,
        })
    }
}
