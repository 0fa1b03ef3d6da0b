//! The `log` crate's records, delivered to Samba's debug system (inside smbd)
//! or to stderr (the CLI). Samba levels: error 0, warn 1, info 3, debug 5,
//! trace 10, so `log level = rvss:5` shows rvss's debug lines.
//!
//! Inside Samba a line is formatted only when Samba would print it: each
//! hook entry calls [`follow_samba_level`], which reads the current level of
//! Samba's `rvss` debug class (it changes at runtime with `smbcontrol PID
//! debug`) and sets the `log` crate's maximum level from it; the `log`
//! macros check that maximum before evaluating their arguments.

use log::{Level, LevelFilter, Log, Metadata, Record};
use std::sync::OnceLock;

/// Where a formatted line goes, with its Samba debug level.
pub type Sink = fn(level: i32, line: &str);

/// Reads the current Samba debug level of rvss's class.
pub type LevelSource = fn() -> i32;

struct Logger {
    sink: Sink,
    /// Inside Samba: where the level comes from. None: fixed at install.
    level: Option<LevelSource>,
}

static LOGGER: OnceLock<Logger> = OnceLock::new();

pub fn samba_level(level: Level) -> i32 {
    match level {
        Level::Error => 0,
        Level::Warn => 1,
        Level::Info => 3,
        Level::Debug => 5,
        Level::Trace => 10,
    }
}

/// The `log` filter that lets through exactly the records Samba prints at
/// debug level `samba`: a record of level L prints when samba_level(L) <=
/// `samba`.
pub fn level_filter(samba: i32) -> LevelFilter {
    match samba {
        i32::MIN..=-1 => LevelFilter::Off,
        0 => LevelFilter::Error,
        1..=2 => LevelFilter::Warn,
        3..=4 => LevelFilter::Info,
        5..=9 => LevelFilter::Debug,
        _ => LevelFilter::Trace,
    }
}

impl Log for Logger {
    fn enabled(&self, m: &Metadata) -> bool {
        m.level() <= log::max_level()
    }

    fn log(&self, record: &Record) {
        if self.enabled(record.metadata()) {
            (self.sink)(samba_level(record.level()), &record.args().to_string());
        }
    }

    fn flush(&self) {}
}

/// Routes log records to `sink` (first call wins), up to `max`.
pub fn install(sink: Sink, max: LevelFilter) {
    let logger = LOGGER.get_or_init(|| Logger { sink, level: None });
    if log::set_logger(logger).is_ok() {
        log::set_max_level(max);
    }
}

/// Routes log records to `sink` (first call wins), up to the level `level`
/// reads now and at each [`follow_samba_level`].
pub fn install_samba(sink: Sink, level: LevelSource) {
    let logger = LOGGER.get_or_init(|| Logger {
        sink,
        level: Some(level),
    });
    if log::set_logger(logger).is_ok() {
        follow_samba_level();
    }
}

/// Sets the maximum level from Samba's current level for rvss's class (a
/// no-op unless [`install_samba`] installed the logger). Cheap: one call
/// into Samba reading an array, one atomic store.
pub fn follow_samba_level() {
    if let Some(read) = LOGGER.get().and_then(|l| l.level) {
        log::set_max_level(level_filter(read()));
    }
}

/// Samba's level of the audit trail's lines (`crate::audit`): 1, "normal"
/// in Samba's terms, printed at `log level = 1` and above.
pub const AUDIT_LEVEL: i32 = 1;

/// Whether Samba prints lines of [`AUDIT_LEVEL`] now (the same check as a
/// `log::warn!`), so that an audit line is formatted only then.
pub fn audit_enabled() -> bool {
    LOGGER.get().is_some() && log::max_level() >= level_filter(AUDIT_LEVEL)
}

/// Delivers an audit line at [`AUDIT_LEVEL`] when Samba prints that level,
/// without calling it a warning.
pub fn audit(line: &str) {
    if let (Some(l), true) = (LOGGER.get(), audit_enabled()) {
        (l.sink)(AUDIT_LEVEL, line);
    }
}

/// The CLI's sink.
pub fn stderr_sink(_level: i32, line: &str) {
    // Not eprintln!, which panics when stderr is gone (an SSH client that
    // hung up on `rvss serve-target`): a lost line must not stop the work.
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "rvss: {line}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt;
    use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

    #[test]
    fn levels_follow_samba_conventions() {
        assert_eq!(samba_level(Level::Error), 0);
        assert_eq!(samba_level(Level::Warn), 1);
        assert_eq!(samba_level(Level::Info), 3);
        assert_eq!(samba_level(Level::Debug), 5);
        assert_eq!(samba_level(Level::Trace), 10);
    }

    const LEVELS: [Level; 5] = [
        Level::Error,
        Level::Warn,
        Level::Info,
        Level::Debug,
        Level::Trace,
    ];

    // A record passes the filter exactly when Samba would print its line.
    #[test]
    fn filter_lets_through_what_samba_prints() {
        assert_eq!(level_filter(-1), LevelFilter::Off);
        assert_eq!(level_filter(0), LevelFilter::Error);
        assert_eq!(level_filter(1), LevelFilter::Warn);
        assert_eq!(level_filter(2), LevelFilter::Warn);
        assert_eq!(level_filter(3), LevelFilter::Info);
        assert_eq!(level_filter(5), LevelFilter::Debug);
        assert_eq!(level_filter(9), LevelFilter::Debug);
        assert_eq!(level_filter(10), LevelFilter::Trace);
        assert_eq!(level_filter(100), LevelFilter::Trace);
        for samba in -2..=12 {
            for l in LEVELS {
                assert_eq!(
                    l <= level_filter(samba),
                    samba_level(l) <= samba,
                    "record {l} at Samba level {samba}"
                );
            }
        }
    }

    static SAMBA: AtomicI32 = AtomicI32::new(1);
    static SUNK: AtomicUsize = AtomicUsize::new(0);
    static FORMATTED: AtomicUsize = AtomicUsize::new(0);
    static LAST_LEVEL: AtomicI32 = AtomicI32::new(-1);

    fn test_level() -> i32 {
        SAMBA.load(Ordering::SeqCst)
    }

    fn counting_sink(level: i32, _: &str) {
        SUNK.fetch_add(1, Ordering::SeqCst);
        LAST_LEVEL.store(level, Ordering::SeqCst);
    }

    /// An argument that counts how often it is formatted.
    struct Counted;
    impl fmt::Display for Counted {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            FORMATTED.fetch_add(1, Ordering::SeqCst);
            f.write_str("counted")
        }
    }

    // The only test that installs the (process-wide) logger. Lines above
    // Samba's level are neither formatted nor sunk; a level raised at
    // runtime takes effect at the next follow_samba_level.
    #[test]
    fn nothing_is_formatted_above_samba_level() {
        install_samba(counting_sink, test_level);
        let counts = || {
            (
                FORMATTED.load(Ordering::SeqCst),
                SUNK.load(Ordering::SeqCst),
            )
        };
        SAMBA.store(1, Ordering::SeqCst);
        follow_samba_level();
        log::debug!("{}", Counted);
        log::info!("{}", Counted);
        assert_eq!(counts(), (0, 0), "lines above level 1 were formatted");
        log::warn!("{}", Counted);
        assert_eq!(counts(), (1, 1));
        SAMBA.store(5, Ordering::SeqCst);
        follow_samba_level();
        log::debug!("{}", Counted);
        log::trace!("{}", Counted);
        assert_eq!(counts(), (2, 2), "level 5 prints debug, not trace");
        SAMBA.store(0, Ordering::SeqCst);
        follow_samba_level();
        log::warn!("{}", Counted);
        assert_eq!(counts(), (2, 2));
        // Audit lines: at Samba's level 1 and above only.
        assert!(!audit_enabled());
        audit("audit: not printed at level 0");
        assert_eq!(counts(), (2, 2));
        SAMBA.store(1, Ordering::SeqCst);
        follow_samba_level();
        assert!(audit_enabled());
        audit("audit: printed at level 1");
        assert_eq!(SUNK.load(Ordering::SeqCst), 3);
        assert_eq!(LAST_LEVEL.load(Ordering::SeqCst), AUDIT_LEVEL);
    }
}
