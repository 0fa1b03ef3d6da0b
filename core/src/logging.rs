//! The `log` crate's records, delivered to Samba's debug system (inside smbd)
//! or to stderr (the CLI). Samba levels: error 0, warn 1, info 3, debug 5,
//! trace 10, so `log level = rvss:5` shows rvss's debug lines.

use log::{Level, LevelFilter, Log, Metadata, Record};
use std::sync::OnceLock;

/// Where a formatted line goes, with its Samba debug level.
pub type Sink = fn(level: i32, line: &str);

struct Logger {
    sink: Sink,
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

impl Log for Logger {
    fn enabled(&self, _: &Metadata) -> bool {
        true
    }

    fn log(&self, record: &Record) {
        (self.sink)(samba_level(record.level()), &record.args().to_string());
    }

    fn flush(&self) {}
}

/// Routes log records to `sink` (first call wins), up to `max`.
pub fn install(sink: Sink, max: LevelFilter) {
    let logger = LOGGER.get_or_init(|| Logger { sink });
    if log::set_logger(logger).is_ok() {
        log::set_max_level(max);
    }
}

/// The CLI's sink.
pub fn stderr_sink(_level: i32, line: &str) {
    eprintln!("rvss: {line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_samba_conventions() {
        assert_eq!(samba_level(Level::Error), 0);
        assert_eq!(samba_level(Level::Warn), 1);
        assert_eq!(samba_level(Level::Info), 3);
        assert_eq!(samba_level(Level::Debug), 5);
        assert_eq!(samba_level(Level::Trace), 10);
    }
}
