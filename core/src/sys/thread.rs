//! Threads started inside Samba's processes: they must not take Samba's
//! signals (its handlers belong to its own event loop's thread).

use std::io;
use std::thread::{Builder, JoinHandle};

/// Spawns `f` on a new thread that has every signal blocked, so that the
/// kernel delivers the process's signals to Samba's own threads. The mask
/// is set on the calling thread around the spawn (a new thread inherits
/// it), so there is no moment at which the new thread could take one.
pub fn spawn_without_signals<F>(builder: Builder, f: F) -> io::Result<JoinHandle<()>>
where
    F: FnOnce() + Send + 'static,
{
    let mut all = std::mem::MaybeUninit::<libc::sigset_t>::uninit();
    let mut old = std::mem::MaybeUninit::<libc::sigset_t>::uninit();
    // SAFETY: sigfillset initialises the set it is given; `all` is a valid
    // sigset_t-sized place on this stack.
    if unsafe { libc::sigfillset(all.as_mut_ptr()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `all` was initialised by sigfillset; `old` is a valid place
    // for the previous mask, which pthread_sigmask fills on success.
    let rc = unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, all.as_ptr(), old.as_mut_ptr()) };
    if rc != 0 {
        return Err(io::Error::from_raw_os_error(rc));
    }
    let spawned = builder.spawn(f);
    // SAFETY: `old` was filled by the successful pthread_sigmask above;
    // restoring it cannot fail with a valid `how` and set.
    unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, old.as_ptr(), std::ptr::null_mut()) };
    spawned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocked(sig: libc::c_int) -> bool {
        let mut cur = std::mem::MaybeUninit::<libc::sigset_t>::uninit();
        // SAFETY: reading the current mask into a valid place.
        unsafe {
            libc::pthread_sigmask(libc::SIG_SETMASK, std::ptr::null(), cur.as_mut_ptr());
            libc::sigismember(cur.as_ptr(), sig) == 1
        }
    }

    #[test]
    fn the_thread_blocks_signals_and_the_caller_keeps_its_mask() {
        let before = blocked(libc::SIGTERM);
        let h = spawn_without_signals(Builder::new(), || {
            assert!(blocked(libc::SIGTERM) && blocked(libc::SIGUSR1));
        })
        .unwrap();
        assert!(h.join().is_ok());
        assert_eq!(blocked(libc::SIGTERM), before);
    }
}
