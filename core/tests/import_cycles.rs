//! No import cycles between the modules of the core, the CLI or the module
//! (issue 22): the layering in ARCHITECTURE.md holds only while nothing
//! lower uses anything higher. `make lint` runs this check.
//!
//! A node is a top-level module, or, inside a folder module, one of its
//! children (`backend::btrfs`, `catalog::store`): a folder's `mod.rs` is its
//! own node, so a trait in `backend/mod.rs` and the backends beneath it are
//! separate layers. An edge is any path the code names (`use` trees and
//! paths in expressions, through `crate::`, `super::` or `self::`); a
//! folder's `mod` declarations and its re-exports of its own children are
//! not edges. Comments and string literals are skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file: its module path in the crate and its tokens.
struct Source {
    file: PathBuf,
    module: Vec<String>,
    tokens: Vec<(String, usize)>,
}

#[derive(Default)]
struct Graph {
    /// node -> node -> (file, line) of the first reference.
    edges: BTreeMap<String, BTreeMap<String, (PathBuf, usize)>>,
}

/// Rust source reduced to identifiers and punctuation, each with its line:
/// comments, strings and char literals removed.
fn tokenize(text: &str) -> Vec<(String, usize)> {
    let b: Vec<char> = text.chars().collect();
    let mut out = vec![];
    let (mut i, mut line) = (0, 1);
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if b[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && raw_string_at(&b, i) {
            // r"..." / r#"..."#
            let mut j = i + 1;
            let mut hashes = 0;
            while b[j] == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                if b[j] == '\n' {
                    line += 1;
                }
                j += 1;
            }
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                if i < b.len() && b[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{..}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < b.len() && b[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            out.push((b[start..i].iter().collect(), line));
        } else if c == ':' && next == Some(':') {
            out.push(("::".into(), line));
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push((c.to_string(), line));
            i += 1;
        }
    }
    out
}

/// The tokens without `#[cfg(test)]` items: what tests use is no part of
/// the layering.
fn without_tests(t: Vec<(String, usize)>) -> Vec<(String, usize)> {
    let attr = ["#", "[", "cfg", "(", "test", ")", "]"];
    let mut out = vec![];
    let mut i = 0;
    while i < t.len() {
        if t.len() - i >= attr.len() && attr.iter().enumerate().all(|(k, a)| t[i + k].0 == *a) {
            i += attr.len();
            // Skip the item: up to its `;`, or its block.
            while i < t.len() && t[i].0 != "{" && t[i].0 != ";" {
                i += 1;
            }
            if i < t.len() && t[i].0 == "{" {
                let mut depth = 0;
                while i < t.len() {
                    match t[i].0.as_str() {
                        "{" => depth += 1,
                        "}" => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
            } else {
                i += 1;
            }
            continue;
        }
        out.push(t[i].clone());
        i += 1;
    }
    out
}

fn raw_string_at(b: &[char], i: usize) -> bool {
    // `r` must start a token (not the end of an identifier like `bar"`).
    if i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_') {
        return false;
    }
    let mut j = i + 1;
    while j < b.len() && b[j] == '#' {
        j += 1;
    }
    b.get(j) == Some(&'"')
}

/// Every `.rs` file under `root` with its module path (`lib.rs`/`main.rs`
/// are the crate root; `a/mod.rs` is `a`).
fn sources(root: &Path) -> Vec<Source> {
    let mut out = vec![];
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().and_then(|x| x.to_str()) != Some("rs") {
                continue;
            }
            let rel = p.strip_prefix(root).unwrap();
            let mut module: Vec<String> = rel
                .iter()
                .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            // Unit tests (`tests.rs`, `tests/`) are no part of the layering.
            if module.iter().any(|m| m == "tests") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            out.push(Source {
                file: p,
                module,
                tokens: without_tests(tokenize(&text)),
            });
        }
    }
    out
}

/// Folder modules and their children, from the files found.
fn folders(srcs: &[Source]) -> BTreeMap<String, BTreeSet<String>> {
    let mut f: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in srcs {
        if s.module.len() >= 2 {
            f.entry(s.module[0].clone())
                .or_default()
                .insert(s.module[1].clone());
        }
    }
    f
}

/// The node an absolute module path (within the crate) belongs to.
fn node_of(path: &[String], folders: &BTreeMap<String, BTreeSet<String>>) -> Option<String> {
    let first = path.first()?;
    match (folders.get(first), path.get(1)) {
        (Some(children), Some(second)) if children.contains(second) => {
            Some(format!("{first}::{second}"))
        }
        _ => Some(first.clone()),
    }
}

/// The paths a use tree starting at token `i` (just after `use`) names,
/// each as the list of its segments, with the index after the tree.
fn use_tree(t: &[(String, usize)], mut i: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut path = prefix;
    let mut out = vec![];
    while i < t.len() {
        let tok = t[i].0.as_str();
        match tok {
            "{" => {
                i += 1;
                loop {
                    if i >= t.len() {
                        return (out, i);
                    }
                    if t[i].0 == "}" {
                        i += 1;
                        break;
                    }
                    if t[i].0 == "," {
                        i += 1;
                        continue;
                    }
                    let (mut inner, j) = use_tree(t, i, path.clone());
                    out.append(&mut inner);
                    i = j;
                }
                return (out, i);
            }
            "::" => i += 1,
            ";" | "," | "}" => break,
            "as" => i += 2,
            "*" => i += 1,
            _ => {
                path.push(tok.to_string());
                i += 1;
            }
        }
    }
    out.push(path);
    (out, i)
}

/// A path's segments, made absolute (`crate::`, `super::`, `self::`) for
/// the file's module, or None for external crates and local names.
fn absolute(segments: &[String], module: &[String]) -> Option<Vec<String>> {
    let mut base: Vec<String>;
    let mut rest = segments;
    match segments.first().map(String::as_str) {
        Some("crate") => {
            base = vec![];
            rest = &segments[1..];
        }
        Some("self") => {
            base = module.to_vec();
            rest = &segments[1..];
        }
        Some("super") => {
            base = module.to_vec();
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

fn graph_of(root: &Path) -> Graph {
    let srcs = sources(root);
    let folders = folders(&srcs);
    let mut g = Graph::default();
    for s in &srcs {
        let Some(from) = node_of(&s.module, &folders) else {
            continue; // the crate root only declares modules
        };
        let is_folder_root = s.module.len() == 1 && folders.contains_key(&s.module[0]);
        let t = &s.tokens;
        let mut i = 0;
        while i < t.len() {
            let (tok, line) = (&t[i].0, t[i].1);
            let mut found: Vec<Vec<String>> = vec![];
            if tok == "use" {
                let public = i > 0 && (t[i - 1].0 == "pub" || t[i - 1].0 == ")");
                let (paths, j) = use_tree(t, i + 1, vec![]);
                i = j;
                for p in paths {
                    // A folder's re-export of its own children: not an edge.
                    let reexport = public
                        && is_folder_root
                        && absolute(&p, &s.module)
                            .or_else(|| {
                                let mut q = s.module.clone();
                                q.extend(p.iter().cloned());
                                Some(q)
                            })
                            .is_some_and(|a| a.len() >= 2 && a[0] == s.module[0]);
                    if !reexport {
                        found.push(p);
                    }
                }
            } else if matches!(tok.as_str(), "crate" | "super" | "self")
                && t.get(i + 1).is_some_and(|n| n.0 == "::")
                && !(i > 0 && t[i - 1].0 == "::")
            {
                let mut p = vec![tok.clone()];
                let mut j = i + 1;
                while j + 1 < t.len() && t[j].0 == "::" {
                    let n = &t[j + 1].0;
                    if !(n.chars().all(|c| c.is_alphanumeric() || c == '_')) {
                        break;
                    }
                    p.push(n.clone());
                    j += 2;
                }
                i = j;
                found.push(p);
            } else {
                i += 1;
            }
            for p in found {
                let Some(abs) = absolute(&p, &s.module) else {
                    continue;
                };
                let Some(to) = node_of(&abs, &folders) else {
                    continue;
                };
                if to != from {
                    g.edges
                        .entry(from.clone())
                        .or_default()
                        .entry(to)
                        .or_insert((s.file.clone(), line));
                }
            }
        }
    }
    g
}

/// Strongly connected components of more than one node (Tarjan).
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    struct T<'g> {
        g: &'g Graph,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on: BTreeSet<String>,
        out: Vec<Vec<String>>,
    }
    fn visit(t: &mut T, v: &str) {
        let n = t.index.len();
        t.index.insert(v.into(), n);
        t.low.insert(v.into(), n);
        t.stack.push(v.into());
        t.on.insert(v.into());
        let next: Vec<String> =
            t.g.edges
                .get(v)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
        for w in next {
            if !t.index.contains_key(&w) {
                visit(t, &w);
                let lw = t.low[&w];
                let lv = t.low[v];
                t.low.insert(v.into(), lv.min(lw));
            } else if t.on.contains(&w) {
                let iw = t.index[&w];
                let lv = t.low[v];
                t.low.insert(v.into(), lv.min(iw));
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = vec![];
            while let Some(w) = t.stack.pop() {
                t.on.remove(&w);
                let done = w == v;
                comp.push(w);
                if done {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: vec![],
        on: BTreeSet::new(),
        out: vec![],
    };
    let nodes: Vec<String> = g.edges.keys().cloned().collect();
    for v in nodes {
        if !t.index.contains_key(&v) {
            visit(&mut t, &v);
        }
    }
    t.out
}

/// The cycles of the crate under `root`, each with the references that
/// close it (file:line), for the failure message.
fn report(root: &Path) -> Vec<String> {
    let g = graph_of(root);
    cycles(&g)
        .into_iter()
        .map(|comp| {
            let set: BTreeSet<&String> = comp.iter().collect();
            let mut lines = vec![format!("cycle among {}:", comp.join(", "))];
            for from in &comp {
                for (to, (file, line)) in g.edges.get(from).into_iter().flatten() {
                    if set.contains(to) {
                        lines.push(format!("  {from} -> {to}  ({}:{line})", file.display()));
                    }
                }
            }
            lines.join("\n")
        })
        .collect()
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_core_the_cli_and_the_module_have_no_import_cycles() {
    let mut found = vec![];
    for krate in ["core/src", "cli/src", "src"] {
        found.extend(report(&workspace().join(krate)));
    }
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

// The check itself can fail: a cycle planted in a scratch crate is found,
// through `use` trees, expression paths and `super::`, and comments,
// strings and re-exports are not mistaken for edges.
#[test]
fn a_planted_cycle_is_found_and_noise_is_not() {
    let root = std::env::temp_dir().join(format!("rvss-cycles-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("backend")).unwrap();
    let write = |p: &str, s: &str| std::fs::write(root.join(p), s).unwrap();
    write(
        "lib.rs",
        "pub mod a; pub mod b; pub mod c; pub mod backend;",
    );
    write(
        "a.rs",
        "use crate::{b::{X, Y}, c};\n// crate::backend::btrfs\n",
    );
    write(
        "b.rs",
        "fn f() { let s = \"crate::a::Z\"; crate::backend::btrfs::go(); }",
    );
    write(
        "c.rs",
        "#[cfg(test)]\nmod tests { use crate::a; }\n#[cfg(test)]\nuse crate::b;\n",
    );
    write(
        "backend/mod.rs",
        "mod btrfs;\npub use btrfs::go;\npub trait T {}\n",
    );
    write(
        "backend/btrfs.rs",
        "use super::T;\npub fn go() { super::super::a::f(); }",
    );
    let g = graph_of(&root);
    let edges: BTreeSet<(String, String)> = g
        .edges
        .iter()
        .flat_map(|(f, m)| m.keys().map(move |t| (f.clone(), t.clone())))
        .collect();
    let e = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        edges,
        [
            e("a", "b"),
            e("a", "c"),
            e("b", "backend::btrfs"),
            e("backend::btrfs", "backend"),
            e("backend::btrfs", "a"),
        ]
        .into_iter()
        .collect()
    );
    let c = cycles(&g);
    assert_eq!(
        c,
        vec![vec!["a".to_string(), "b".into(), "backend::btrfs".into()]]
    );
    std::fs::remove_dir_all(&root).unwrap();
}
