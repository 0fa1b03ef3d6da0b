//! Support for what rvss 0.2 left on disk, kept apart so that it can be
//! deleted in one commit when 0.2 is no longer supported (its callers are
//! marked `0.2:`).

pub mod catalog;

#[cfg(test)]
mod tests;
