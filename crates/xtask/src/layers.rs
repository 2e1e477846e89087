//! The core's layers: which of its top-level modules uses which, read from the source.
//!
//! `cargo xtask test` fails when a module reaches another through a root re-export
//! (`crate::Case` instead of `crate::case::Case`), when the modules form a cycle, or when the
//! graph in docs/architecture.md is not the one the source has; `cargo xtask layers` rewrites
//! that graph.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Where the core's source is, and the page that draws its layers.
const SRC: &str = "crates/kesher/src";
const PAGE: &str = "docs/architecture.md";
const BEGIN: &str = "<!-- layers: written by `cargo xtask layers` -->";
const END: &str = "<!-- end of layers -->";

/// Module → the modules it uses.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The top-level module a path under `SRC` belongs to (`case/log.rs` → `case`).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The names a `crate::` path starts with in `code`: `crate::case::Case` gives `case`,
/// `crate::{case::Case, error::Error}` gives both. Comments and unit tests are left out.
fn heads(code: &str) -> Vec<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let code: Vec<&str> = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect();
    let code = code.join("\n");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = rest.get(at + "crate::".len()..).unwrap_or_default();
        match rest.strip_prefix('{') {
            Some(group) => out.extend(group_heads(group)),
            None => out.push(ident(rest)),
        }
    }
    out.retain(|h| !h.is_empty());
    out
}

/// The first name of each entry of a `use crate::{...}` group, `group` being the text after
/// its opening brace (the group may span lines).
fn group_heads(group: &str) -> Vec<String> {
    let mut depth = 0;
    let mut out = vec![ident(group.trim_start())];
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => out.push(ident(group.get(i + 1..).unwrap_or("").trim_start())),
            _ => {}
        }
    }
    out
}

fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The module graph of the core, and every place that reaches a module's item through the
/// crate root instead of its module path.
fn graph(src: &Path) -> Result<(Graph, Vec<String>), String> {
    let mut files = Vec::new();
    rust_files(src, &mut files)?;
    let mut modules = BTreeSet::new();
    for f in &files {
        if let Some(m) = f.strip_prefix(src).ok().and_then(module_of) {
            modules.insert(m);
        }
    }
    let mut graph = Graph::new();
    let mut through_root = Vec::new();
    for f in &files {
        let Some(from) = f.strip_prefix(src).ok().and_then(module_of) else {
            continue;
        };
        let code = fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let uses = graph.entry(from.clone()).or_default();
        for head in heads(&code) {
            if modules.contains(&head) {
                if head != from {
                    uses.insert(head);
                }
            } else {
                through_root.push(format!("{}: crate::{head}", f.display()));
            }
        }
    }
    Ok((graph, through_root))
}

/// A cycle of modules, when there is one.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut found = path.get(at..).unwrap_or_default().to_vec();
            found.push(m.to_string());
            return Some(found);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

/// Each module's layer: 0 for a module that uses none, else one above the highest it uses.
fn layers(graph: &Graph) -> BTreeMap<String, usize> {
    fn layer(m: &str, graph: &Graph, memo: &mut BTreeMap<String, usize>) -> usize {
        if let Some(&l) = memo.get(m) {
            return l;
        }
        let l = graph
            .get(m)
            .into_iter()
            .flatten()
            .map(|d| layer(d, graph, memo) + 1)
            .max()
            .unwrap_or(0);
        memo.insert(m.to_string(), l);
        l
    }
    let mut memo = BTreeMap::new();
    for m in graph.keys() {
        layer(m, graph, &mut memo);
    }
    memo
}

/// The generated part of docs/architecture.md: the layers as a table, and the graph (without
/// the edges every module has to `error`, which would hide the rest) in Mermaid.
fn drawing(graph: &Graph) -> String {
    let layer = layers(graph);
    let top = layer.values().copied().max().unwrap_or(0);
    let mut out = format!("{BEGIN}\n\n| layer | modules |\n|---:|---|\n");
    for l in (0..=top).rev() {
        let names: Vec<String> = layer
            .iter()
            .filter(|(_, &x)| x == l)
            .map(|(m, _)| format!("`{m}`"))
            .collect();
        out.push_str(&format!("| {l} | {} |\n", names.join(", ")));
    }
    out.push_str("\n```mermaid\nflowchart BT\n");
    for (m, uses) in graph {
        for u in uses.iter().filter(|u| *u != "error" && *u != "support") {
            out.push_str(&format!("  {m} --> {u}\n"));
        }
    }
    out.push_str("```\n\n");
    out.push_str(END);
    out
}

/// The page with its generated part replaced by `drawn`.
fn page_with(page: &str, drawn: &str) -> Result<String, String> {
    let (before, rest) = page
        .split_once(BEGIN)
        .ok_or_else(|| format!("{PAGE} lacks the line {BEGIN}"))?;
    let (_, after) = rest
        .split_once(END)
        .ok_or_else(|| format!("{PAGE} lacks the line {END}"))?;
    Ok(format!("{before}{drawn}{after}"))
}

/// The check `cargo xtask test` runs (with `write`, `cargo xtask layers`: rewrite the page).
pub fn check(write: bool) -> Result<(), String> {
    eprintln!("==> core layers: {SRC} against {PAGE}");
    let (graph, through_root) = graph(Path::new(SRC))?;
    if let Some(first) = through_root.first() {
        return Err(format!(
            "{} references reach an item through the crate root instead of its module, first {first}",
            through_root.len()
        ));
    }
    if let Some(c) = cycle(&graph) {
        return Err(format!(
            "the core's modules form a cycle: {}",
            c.join(" → ")
        ));
    }
    let page = fs::read_to_string(PAGE).map_err(|e| format!("{PAGE}: {e}"))?;
    let want = page_with(&page, &drawing(&graph))?;
    if want == page {
        Ok(())
    } else if write {
        fs::write(PAGE, want).map_err(|e| format!("{PAGE}: {e}"))
    } else {
        Err(format!(
            "{PAGE} does not draw the modules the source has: run `cargo xtask layers`"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(edges: &[(&str, &str)]) -> Graph {
        let mut g = Graph::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    }

    #[test]
    fn heads_are_read_from_paths_and_groups() {
        let code = "use crate::case::Case;\nuse crate::{\n    error::{Error, Result},\n    id::CaseId,\n};\n// crate::Comment\nfn f() { crate::support::sorting::sort_by(); }\n#[cfg(test)]\nmod t { use crate::Late; }";
        assert_eq!(heads(code), ["case", "error", "id", "support"]);
        // Each group is read where it stands, not as the first group of the file.
        let two = "fn a() { use crate::{zone::Zone}; }\nfn b() { use crate::{money::Money, id::CaseId}; }";
        assert_eq!(heads(two), ["zone", "money", "id"]);
    }

    #[test]
    fn a_cycle_is_found_and_layers_count_up() {
        let acyclic = g(&[("case", "event"), ("event", "error"), ("sla", "case")]);
        assert_eq!(cycle(&acyclic), None);
        let l = layers(&acyclic);
        assert_eq!((l["error"], l["event"], l["case"], l["sla"]), (0, 1, 2, 3));
        let cyclic = g(&[("case", "event"), ("event", "promise"), ("promise", "case")]);
        assert_eq!(
            cycle(&cyclic),
            Some(vec![
                "case".into(),
                "event".into(),
                "promise".into(),
                "case".into()
            ])
        );
    }

    #[test]
    fn the_page_keeps_what_surrounds_the_drawing() {
        let page = format!("# A\n\n{BEGIN}\nold\n{END}\n\ntail\n");
        let drawn = drawing(&g(&[("case", "event")]));
        let new = page_with(&page, &drawn).unwrap_or_default();
        assert!(new.starts_with("# A\n\n<!-- layers"));
        assert!(new.contains("| 1 | `case` |") && new.contains("case --> event"));
        assert!(new.ends_with("<!-- end of layers -->\n\ntail\n"));
    }
}
