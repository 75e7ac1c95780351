//! No import cycle between the crate's modules (issue 8: "no cycles").
//!
//! Reads every `src/**/*.rs`, takes each file's top-level module (`src/x.rs`, `src/x/mod.rs`
//! and `src/x/y.rs` all belong to `x`), collects the `crate::<module>` paths it names outside
//! comments (including `use crate::{a, b}` groups), and asserts that the graph is acyclic. On
//! failure it prints the cycle, e.g. `error -> number -> error`.
#![cfg(not(target_arch = "wasm32"))] // reads the source tree from disk

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read src/")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file belongs to (`None` for `lib.rs`, the crate root).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).expect("under src/");
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    if rel.components().count() > 1 {
        return Some(first);
    }
    let name = first.strip_suffix(".rs")?;
    (name != "lib").then(|| name.to_string())
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Top-level modules named by `crate::…` paths in `code`.
fn references(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let before_ok = at == 0 || {
                let c = rest.as_bytes()[at - 1];
                !(c.is_ascii_alphanumeric() || c == b'_')
            };
            rest = &rest[at + "crate::".len()..];
            if !before_ok {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a, b::c, d}`: the first identifier of each top-level item.
                let mut depth = 0;
                let mut item_start = true;
                for (n, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => item_start = true,
                        c if item_start && (c.is_ascii_alphabetic() || c == '_') => {
                            out.insert(ident(&group[n..]).to_string());
                            item_start = false;
                        }
                        _ => {}
                    }
                }
            } else {
                let name = ident(rest);
                if !name.is_empty() {
                    out.insert(name.to_string());
                }
            }
        }
    }
    out
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut modules = BTreeSet::new();
    for f in &files {
        modules.extend(module_of(&src, f));
    }
    let mut g = Graph::new();
    for f in &files {
        let Some(m) = module_of(&src, f) else {
            continue;
        };
        let code = fs::read_to_string(f).expect("read source");
        let refs = g.entry(m.clone()).or_default();
        for r in references(&code) {
            // Crate-root items (`crate::VERSION`) and the module itself are not edges.
            if r != m && modules.contains(&r) {
                refs.insert(r);
            }
        }
    }
    g
}

/// A cycle, if there is one, as the list of modules along it (first repeated at the end).
fn find_cycle(g: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        g: &Graph,
        n: &str,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(n) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let at = stack.iter().position(|s| s == n).unwrap_or(0);
                let mut cycle = stack[at..].to_vec();
                cycle.push(n.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(n.to_string(), Mark::Open);
        stack.push(n.to_string());
        for next in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(g, next, marks, stack) {
                return Some(c);
            }
        }
        stack.pop();
        marks.insert(n.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for n in g.keys() {
        let mut stack = Vec::new();
        if let Some(c) = visit(g, n, &mut marks, &mut stack) {
            return Some(c);
        }
    }
    None
}

#[test]
fn the_module_graph_is_acyclic() {
    let g = graph();
    assert!(
        g.len() >= 10,
        "the scan found the modules: {:?}",
        g.keys().collect::<Vec<_>>()
    );
    assert!(
        g.values().any(|refs| !refs.is_empty()),
        "the scan found references"
    );
    if let Some(cycle) = find_cycle(&g) {
        panic!("import cycle: {}\nwhole graph: {g:#?}", cycle.join(" -> "));
    }
}

#[test]
fn the_leaf_modules_import_nothing_from_the_crate() {
    let g = graph();
    assert_eq!(g.get("decimal"), Some(&BTreeSet::new()), "{g:#?}");
}

#[test]
fn the_scan_finds_a_cycle_when_there_is_one() {
    let refs = references("use crate::{error::Error, number::{a, b}};\nlet x = crate::value::f();\n// crate::assess::x");
    assert_eq!(
        refs.into_iter().collect::<Vec<_>>(),
        vec!["error", "number", "value"]
    );
    let mut g = Graph::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&g),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    g.get_mut("c").map(|s| s.remove("a"));
    assert_eq!(find_cycle(&g), None);
}
