//! The send side of a transfer: `btrfs send [-p parent] <backup>`, its
//! stream pumped by rvss into whatever receives it (a local `btrfs
//! receive`, or `ssh` running `rvss serve-target` on the target), counting
//! the bytes for the progress line and the report. The kernel moves the
//! stream between the pipes (splice): rvss holds none of it.

use crate::error::{Context, Error, Result};
use rustix::io::Errno;
use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::path::Path;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::{Duration, Instant};

/// The most moved at once, and the pipes' capacity: memory does not grow
/// with the backup.
const CHUNK: usize = 1 << 20;

/// How often the progress callback hears of the bytes sent.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);

/// A running `btrfs send`.
pub struct Sender {
    child: Child,
    errors: Option<std::thread::JoinHandle<Vec<u8>>>,
    source: String,
}

/// Drains a child's stderr meanwhile: a full pipe would stop it.
pub(super) fn drain(e: Option<ChildStderr>) -> Option<std::thread::JoinHandle<Vec<u8>>> {
    e.map(|mut e| {
        std::thread::spawn(move || {
            let mut buf = vec![];
            let _ = e.read_to_end(&mut buf);
            buf
        })
    })
}

impl Sender {
    pub fn start(source: &Path, parent: Option<&Path>) -> Result<Sender> {
        let mut send = Command::new("btrfs");
        send.args(["send", "-q"]);
        if let Some(p) = parent {
            send.arg("-p").arg(p);
        }
        let mut child = send
            .arg(source)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("run btrfs send (is btrfs-progs installed?)")?;
        let errors = drain(child.stderr.take());
        Ok(Sender {
            child,
            errors,
            source: source.display().to_string(),
        })
    }

    /// Moves the stream into `to` until it ends or `to` fails (the
    /// receiver gone: its own error says why); `progress` hears the bytes
    /// so far. Returns the bytes moved and whether `to` took them all.
    /// Both ends are pipes (`btrfs send`'s stdout; `btrfs receive`'s or
    /// ssh's stdin), so the kernel moves the pages (splice) and rvss never
    /// copies the stream; anything else is copied through a fixed buffer.
    pub fn pump<W: Write + AsFd>(
        &mut self,
        to: &mut W,
        progress: &mut dyn FnMut(u64, Duration),
    ) -> Result<(u64, bool)> {
        let Some(mut from) = self.child.stdout.take() else {
            return Err(Error::invalid("btrfs send gave no output pipe"));
        };
        // Fewer, larger moves; best effort (the default is 64 KiB).
        let _ = rustix::pipe::fcntl_setpipe_size(&from, CHUNK);
        let _ = rustix::pipe::fcntl_setpipe_size(&*to, CHUNK);
        let start = Instant::now();
        let mut last = start;
        let mut total = 0u64;
        let flags = rustix::pipe::SpliceFlags::MOVE | rustix::pipe::SpliceFlags::MORE;
        loop {
            let n = match rustix::pipe::splice(&from, None, &*to, None, CHUNK, flags) {
                Ok(0) => return Ok((total, true)),
                Ok(n) => n,
                Err(Errno::INTR) => continue,
                // Not two pipes: copy instead.
                Err(Errno::INVAL) if total == 0 => return copy(&mut from, to, progress),
                Err(Errno::PIPE) => {
                    // Stops the sender too: its next write fails.
                    drop(from);
                    return Ok((total, false));
                }
                Err(e) => return Err(Error::with_cause("move btrfs send's stream", e)),
            };
            total += n as u64;
            if last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                progress(total, start.elapsed());
            }
        }
    }

    /// Waits for `btrfs send`; its failure, with its last error line.
    pub fn finish(mut self) -> Result<()> {
        let status = self.child.wait().context("wait for btrfs send")?;
        let stderr = self
            .errors
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default();
        if status.success() {
            return Ok(());
        }
        Err(Error::new(
            crate::ntstatus::UNSUCCESSFUL,
            format!(
                "btrfs send {} failed ({status}): {}",
                self.source,
                super::store::last_line(&stderr)
            ),
        ))
    }

    /// Stops a send whose receiver failed.
    pub fn abort(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(t) = self.errors.take() {
            let _ = t.join();
        }
    }
}

/// `Sender::pump` through a fixed buffer, for a `to` that is not a pipe.
fn copy(
    from: &mut std::process::ChildStdout,
    to: &mut dyn Write,
    progress: &mut dyn FnMut(u64, Duration),
) -> Result<(u64, bool)> {
    let start = Instant::now();
    let mut last = start;
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok((total, true)),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::with_cause("read btrfs send's stream", e)),
        };
        if to.write_all(&buf[..n]).is_err() {
            return Ok((total, false));
        }
        total += n as u64;
        if last.elapsed() >= PROGRESS_EVERY {
            last = Instant::now();
            progress(total, start.elapsed());
        }
    }
}

/// What one transfer moved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moved {
    pub bytes: u64,
    pub seconds: f64,
}

/// Runs `receive` (which consumes a stream written into the `Write` it
/// returns, and finishes with `done`) against a `btrfs send` of `source`:
/// the shared frame of every destination's transfer.
pub fn transfer<W: Write + AsFd>(
    source: &Path,
    parent: Option<&Path>,
    receiver: W,
    done: impl FnOnce(W, bool) -> Result<()>,
    progress: &mut dyn FnMut(u64, Duration),
) -> Result<Moved> {
    let start = Instant::now();
    let mut sender = Sender::start(source, parent)?;
    let mut receiver = receiver;
    let pumped = sender.pump(&mut receiver, progress);
    let (bytes, complete) = match pumped {
        Ok(r) => r,
        Err(e) => {
            sender.abort();
            let _ = done(receiver, false);
            return Err(e);
        }
    };
    if !complete {
        sender.abort();
        // The receiver's own error says why it stopped taking the stream.
        done(receiver, false)?;
        return Err(Error::new(
            crate::ntstatus::UNSUCCESSFUL,
            "the receiver stopped reading the stream".to_string(),
        ));
    }
    // The stream ended: a failed send leaves the receiver an incomplete
    // stream, which it refuses; the send's error is the one to report.
    let sent = sender.finish();
    let received = done(receiver, true);
    sent?;
    received?;
    Ok(Moved {
        bytes,
        seconds: start.elapsed().as_secs_f64(),
    })
}
