//! `rvss:vm file patterns`: shell-style wildcards over one file name,
//! matched by the glob crate (rust-lang's); rvss only folds case (Unicode,
//! which glob's case-insensitive mode does not do beyond ASCII) and keeps
//! `[` and `]` literal, as the patterns have always been.

use super::DEFAULT_VM_FILE_PATTERNS;

/// A file name pattern of `rvss:vm file patterns`: `*` matches any run of
/// characters (dots included), `?` exactly one; case-insensitive, as
/// Windows compares names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    text: String,
    glob: glob::Pattern,
}

fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// The glob for a folded pattern: `[` and `]` literal, runs of `*` as one
/// (glob reserves `**` for whole path components).
fn glob_text(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            '[' => out.push_str("[[]"),
            ']' => out.push_str("[]]"),
            '*' if out.ends_with('*') => {}
            c => out.push(c),
        }
    }
    out
}

impl Pattern {
    /// A pattern for a name in one directory: not empty, no '/' or NUL.
    pub fn new(text: &str) -> std::result::Result<Pattern, String> {
        if text.is_empty() {
            return Err("an empty pattern".into());
        }
        if text.contains(['/', '\0']) {
            return Err(format!(
                "pattern {text:?} holds a '/' or NUL; patterns match names in the share's root"
            ));
        }
        let glob = glob::Pattern::new(&glob_text(&fold(text)))
            .map_err(|e| format!("pattern {text:?}: {e}"))?;
        Ok(Pattern {
            text: text.to_string(),
            glob,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the name (raw bytes; invalid UTF-8 is compared as U+FFFD)
    /// matches.
    pub fn matches(&self, name: &[u8]) -> bool {
        self.glob.matches(&fold(&String::from_utf8_lossy(name)))
    }
}

/// The parsed default pattern list. Parsed once per process: every hook
/// reads the share's options, and parsing the globs cost more than the rest
/// of reading them.
pub fn default_vm_file_patterns() -> Vec<Pattern> {
    static PARSED: std::sync::OnceLock<Vec<Pattern>> = std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| {
            DEFAULT_VM_FILE_PATTERNS
                .split_whitespace()
                .filter_map(|p| Pattern::new(p).ok())
                .collect()
        })
        .clone()
}
