//! `kesher case fold` end to end: row accounting, exit codes, and the bundled real sample.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

mod common;
use common::{kesher, lines, root};

#[test]
fn help_lists_the_commands() {
    let out = kesher(&["--help"], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("case"));
    let out = kesher(&["case", "fold", "--help"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("--allow-rejects"));
}

#[test]
fn bad_lines_are_reported_counted_and_fail_the_run() {
    let input = std::fs::read(root().join("tests/data/events-with-errors.jsonl")).unwrap();
    let out = kesher(&["case", "fold"], Some(&input));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let errs: Vec<&str> = stderr.lines().collect();
    assert!(
        errs[0].starts_with("line 4: at `channel`: invalid channel `tweeter`"),
        "{stderr}"
    );
    assert!(
        errs[1].starts_with("line 5: invalid JSON: expected ident at line 1 column 2"),
        "{stderr}"
    );
    assert_eq!(
        errs[2],
        "line 6: status_changed event rejected: illegal status transition from `received` to `closed` in case `T-1` (event seq 3)"
    );
    // 7 rows (the blank line is not a row): 4 accepted, 3 rejected.
    assert_eq!(
        errs.last().copied(),
        Some("read 7, accepted 4, rejected 3; 2 cases")
    );

    let cases = lines(&out.stdout);
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0]["id"], "T-1");
    assert_eq!(cases[0]["status"], "resolved");
    assert_eq!(
        cases[1]["facts"]["unanswered_inbound"],
        serde_json::json!(["m-9"])
    );

    let allowed = kesher(&["case", "fold", "--allow-rejects", "-"], Some(&input));
    assert_eq!(allowed.status.code(), Some(0));
    assert_eq!(allowed.stdout, out.stdout);
}

#[test]
fn missing_file_is_a_usage_error() {
    let out = kesher(&["case", "fold", "no/such/file.jsonl"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open `no/such/file.jsonl`"));
}

/// The bundled sample, checked against figures computed here directly from the event lines.
#[test]
fn bundled_sample_folds_to_the_independently_computed_figures() {
    let path = "examples/data/ibm-twitter-care-dev200.jsonl";
    let out = kesher(&["case", "fold", path], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");

    let events = lines(&std::fs::read(root().join(path)).unwrap());
    let mut by_case: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for e in &events {
        by_case
            .entry(e["case_id"].as_str().unwrap().into())
            .or_default()
            .push(e);
    }
    assert_eq!(
        stderr.trim(),
        format!(
            "read {n}, accepted {n}, rejected 0; {c} cases",
            n = events.len(),
            c = by_case.len()
        )
    );

    let cases = lines(&out.stdout);
    assert_eq!(cases.len(), by_case.len());
    let mut customers = BTreeSet::new();
    for case in &cases {
        let evs = &by_case[case["id"].as_str().unwrap()];
        let t =
            |e: &Value| chrono::DateTime::parse_from_rfc3339(e["at"].as_str().unwrap()).unwrap();
        let opened = evs.iter().map(|e| t(e)).min().unwrap();
        let first_agent = evs
            .iter()
            .filter(|e| e["actor"]["type"] == "agent")
            .map(|e| t(e))
            .min()
            .unwrap();
        let expected = (first_agent - opened).num_milliseconds() as f64 / 1000.0;
        let got = case["facts"]["time_to_first_human_response"]
            .as_f64()
            .unwrap();
        assert!(
            (got - expected).abs() < 1e-6,
            "{}: {got} vs {expected}",
            case["id"]
        );
        let inbound = evs.iter().filter(|e| e["direction"] == "inbound").count();
        assert_eq!(
            case["facts"]["customer_contacts"].as_u64(),
            Some(inbound as u64)
        );
        assert_eq!(case["log"].as_array().unwrap().len(), evs.len() - 1);
        assert_eq!(case["facts"]["public"], true);
        customers.insert(case["customer"]["id"].as_str().unwrap().to_string());
    }
    assert!(customers.len() > 150, "{}", customers.len());
}
