//! The target host's side of SSH replication: `rvss serve-target <root>`,
//! the command the target's authorized_keys entry forces on rvss's key. It
//! answers exactly four requests, each about one share's directory under
//! `<root>` (a `Store`): list its copies, receive one copy from a send
//! stream on standard input, remove one copy rvss received, send one back
//! (`rvss restore --from-replica`). Anything else, another root included,
//! is refused: the key can do nothing more.
//!
//! A request is one line of words, `rvss serve-target <root> <op> <share>
//! [<copy> <uuid>]`, also valid as a shell command (when no command is
//! forced); each word is percent-encoded (`encode`), so share names with
//! spaces or shell characters pass unchanged and unquoted.

use super::store::{plain_name, Store};
use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// What the source asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    List {
        share: String,
    },
    Receive {
        share: String,
        copy: String,
        uuid: [u8; 16],
    },
    Remove {
        share: String,
        copy: String,
        uuid: [u8; 16],
    },
    /// A copy sent back (`rvss restore --from-replica`).
    Send {
        share: String,
        copy: String,
        uuid: [u8; 16],
    },
}

/// Bytes other than these are written `%XX`.
fn plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"/._@:+-".contains(&b)
}

pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if plain(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(word: &str) -> Result<String> {
    let bad = || Error::invalid(format!("refused: {word:?} is not a request word"));
    let b = word.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = word.get(i + 1..i + 3).ok_or_else(bad)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
                i += 3;
            }
            c if plain(c) => {
                out.push(c);
                i += 1;
            }
            _ => return Err(bad()),
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

fn copy_name(word: &str) -> Result<String> {
    let copy = decode(word)?;
    plain_name("copy", &copy)?;
    if !copy.starts_with("@GMT-") {
        return Err(Error::invalid(format!(
            "refused: {copy:?} is not the name of an rvss backup"
        )));
    }
    Ok(copy)
}

fn uuid_word(word: &str) -> Result<[u8; 16]> {
    uuid::Uuid::parse_str(word)
        .map(|u| *u.as_bytes())
        .map_err(|_| Error::invalid(format!("refused: {word:?} is not a UUID")))
}

/// Parses `command` (the client's, as sshd passes it in
/// SSH_ORIGINAL_COMMAND) for the target directory `root`.
pub fn parse(command: &str, root: &Path) -> Result<Request> {
    let refused = || {
        Error::invalid(format!(
            "refused: {:?} is not an rvss replication request",
            command.chars().take(200).collect::<String>()
        ))
    };
    let words: Vec<&str> = command.split(' ').collect();
    let [program, "serve-target", asked_root, op, share, rest @ ..] = words.as_slice() else {
        return Err(refused());
    };
    if *program != "rvss" && !program.ends_with("/rvss") {
        return Err(refused());
    }
    let asked_root = PathBuf::from(decode(asked_root)?);
    if !asked_root.components().eq(root.components()) {
        return Err(Error::invalid(format!(
            "refused: this key may only replicate into {}, not {}",
            root.display(),
            asked_root.display()
        )));
    }
    let share = decode(share)?;
    plain_name("share name", &share)?;
    match (*op, rest) {
        ("list", []) => Ok(Request::List { share }),
        ("receive", [copy, id]) => Ok(Request::Receive {
            share,
            copy: copy_name(copy)?,
            uuid: uuid_word(id)?,
        }),
        ("remove", [copy, id]) => Ok(Request::Remove {
            share,
            copy: copy_name(copy)?,
            uuid: uuid_word(id)?,
        }),
        ("send", [copy, id]) => Ok(Request::Send {
            share,
            copy: copy_name(copy)?,
            uuid: uuid_word(id)?,
        }),
        _ => Err(refused()),
    }
}

/// Answers `request` in `root`: `list` prints the share's copies as JSON on
/// `out`; `receive` reads the send stream from standard input; `send`
/// writes one to standard output.
pub fn serve(root: &Path, request: &Request, out: &mut dyn Write) -> Result<()> {
    match request {
        Request::List { share } => {
            let copies = Store::open(root, share)?.inventory()?;
            let text =
                serde_json::to_string(&copies).map_err(|e| Error::invalid(format!("JSON: {e}")))?;
            writeln!(out, "{text}").map_err(|e| Error::with_cause("write the list", e))
        }
        Request::Receive { share, copy, uuid } => {
            let store = Store::open(root, share)?;
            store.receive(copy, uuid, Stdio::inherit()).map(|_| ())
        }
        Request::Remove { share, copy, uuid } => Store::open(root, share)?.remove(copy, uuid),
        Request::Send { share, copy, uuid } => {
            Store::open(root, share)?.send(copy, uuid, Stdio::inherit())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const U: &str = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    #[test]
    fn words_round_trip_and_stay_shell_safe() {
        for s in ["VM Store", "a;b|c$(d)`e`'f\"g", "/srv/rvss", "ünï"] {
            let e = encode(s);
            assert!(e.bytes().all(|b| plain(b) || b == b'%'), "{e}");
            assert!(!e.contains([' ', ';', '|', '$', '`', '\'', '"']), "{e}");
            assert_eq!(decode(&e).unwrap(), s);
        }
        assert!(decode("%zz").is_err());
        assert!(decode("a b").is_err());
    }

    #[test]
    fn the_four_requests_and_nothing_else() {
        let root = Path::new("/srv/rvss");
        assert_eq!(
            parse("rvss serve-target /srv/rvss list VM%20Store", root).unwrap(),
            Request::List {
                share: "VM Store".into()
            }
        );
        assert_eq!(
            parse(
                &format!(
                    "/usr/sbin/rvss serve-target /srv/rvss receive vm @GMT-2026.01.01-00.00.00 {U}"
                ),
                root
            )
            .unwrap(),
            Request::Receive {
                share: "vm".into(),
                copy: "@GMT-2026.01.01-00.00.00".into(),
                uuid: *uuid::Uuid::parse_str(U).unwrap().as_bytes()
            }
        );
        for bad in [
            "cat /etc/shadow".to_string(),
            "rvss serve-target /srv/rvss list vm extra".into(),
            "rvss serve-target /etc list vm".into(),
            "rvss serve-target /srv/rvss list ..".into(),
            "rvss serve-target /srv/rvss list a%2Fb".into(),
            format!("rvss serve-target /srv/rvss remove vm ../../etc {U}"),
            format!("rvss serve-target /srv/rvss remove vm data {U}"),
            "rvss serve-target /srv/rvss remove vm @GMT-x not-a-uuid".into(),
            "rvss serve-target /srv/rvss list vm;reboot".into(),
            "sh -c 'rvss serve-target /srv/rvss list vm'".into(),
            "rvss gc".into(),
            String::new(),
        ] {
            assert!(parse(&bad, root).is_err(), "{bad:?} accepted");
        }
    }
}
