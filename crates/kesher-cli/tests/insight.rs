//! `kesher insight metrics` on the bundled real sample, checked against figures computed here
//! from the raw event lines.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

mod common;
use chrono::{DateTime, Utc};
use common::{kesher, lines, root};
use std::collections::BTreeMap;

const SAMPLE: &str = "examples/data/ibm-twitter-care-dev200.jsonl";

#[test]
fn metrics_match_an_independent_computation() {
    let out = kesher(
        &[
            "insight",
            "metrics",
            "--contracts",
            "examples/data/contracts.json",
            SAMPLE,
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = &lines(&out.stdout)[0];
    assert_eq!(m["cases"], 200);

    // First human response, from the raw lines: each case's first event to its first agent message.
    let text = std::fs::read_to_string(root().join(SAMPLE)).unwrap();
    let mut first: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
    let mut answer: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
    for line in text.lines() {
        let e: serde_json::Value = serde_json::from_str(line).unwrap();
        let case = e["case_id"].as_str().unwrap().to_string();
        let at: DateTime<Utc> = e["at"].as_str().unwrap().parse().unwrap();
        let f = first.entry(case.clone()).or_insert(at);
        *f = (*f).min(at);
        if e["direction"] == "outbound" && e["actor"]["type"] == "agent" && e["kind"] == "message" {
            let a = answer.entry(case).or_insert(at);
            *a = (*a).min(at);
        }
    }
    let mut waits: Vec<f64> = answer
        .iter()
        .map(|(case, a)| (*a - first[case]).num_milliseconds() as f64 / 1000.0)
        .collect();
    waits.sort_by(f64::total_cmp);
    let nearest = |q: f64| waits[((q * waits.len() as f64).ceil() as usize).max(1) - 1];
    assert_eq!(
        m["first_response"]["count"].as_u64().unwrap() as usize,
        waits.len()
    );
    for (key, q) in [("median", 0.5), ("p90", 0.9), ("p95", 0.95)] {
        let got = m["first_response"][key].as_f64().unwrap();
        assert!(
            (got - nearest(q)).abs() < 1e-6,
            "{key}: {got} vs {}",
            nearest(q)
        );
    }
    // Business time never exceeds calendar time.
    assert!(
        m["first_response_business"]["median"].as_f64().unwrap()
            <= m["first_response"]["median"].as_f64().unwrap()
    );
    // Every case's first-response target is counted once.
    let c = &m["sla"]["first_response"];
    let total: u64 = ["met", "met_late", "breached", "open"]
        .iter()
        .map(|k| c[k].as_u64().unwrap())
        .sum();
    assert_eq!(total, 200);
    let rate = c["rate"].as_f64().unwrap();
    let met = c["met"].as_f64().unwrap();
    assert!(
        (rate - met / (met + c["met_late"].as_f64().unwrap() + c["breached"].as_f64().unwrap()))
            .abs()
            < 1e-12
    );
    // Per brand agent: the IBM sample's agents are the brands.
    assert!(m["sla_by_agent"].as_object().unwrap().len() > 1);
}

#[test]
fn problems_retention_and_audit() {
    let out = kesher(&["insight", "problems", SAMPLE], None);
    assert!(out.status.success());
    let p = &lines(&out.stdout)[0];
    assert_eq!(p["described"], 200);
    assert_eq!(p["clusters"][0]["label"], "account");

    let out = kesher(
        &[
            "insight",
            "retention",
            "--contracts",
            "examples/data/contracts.json",
            SAMPLE,
        ],
        None,
    );
    assert!(out.status.success());
    let rows = lines(&out.stdout);
    let customers: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r["customer_id"].as_str().unwrap())
        .collect();
    assert_eq!(customers.len(), rows.len(), "one line per customer");
    for r in &rows {
        if let Some(w) = r.get("win_back") {
            assert!(!w["facts"].as_array().unwrap().is_empty(), "{r}");
            let s = w["score"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&s), "{r}");
        }
    }

    let visits = b"{\"live\": true, \"pleasant\": true, \"professional\": true, \"solved_at_once\": true, \"waited_seconds\": 40}\n{\"live\": true}\n";
    let out = kesher(&["insight", "audit"], Some(visits));
    assert_eq!(out.status.code(), Some(1), "one visit lacked fields");
    assert_eq!(lines(&out.stdout)[0]["law_kept"], 1.0);
    assert!(String::from_utf8_lossy(&out.stderr).contains("read 2, accepted 1, rejected 1"));
}

#[test]
fn surveys_count_csat_and_nps_from_survey_answers() {
    let events = concat!(
        "{\"type\": \"interaction\", \"case_id\": \"T\", \"seq\": 1, \"id\": \"s1\", \"customer_id\": \"c\", \"at\": \"2025-01-06T15:00:00Z\", \"channel\": \"email\", \"direction\": \"inbound\", \"actor\": {\"type\": \"customer\"}, \"kind\": \"survey_response\", \"metadata\": {\"csat\": \"5\", \"nps\": \"10\"}}\n",
        "{\"type\": \"interaction\", \"case_id\": \"U\", \"seq\": 1, \"id\": \"s2\", \"customer_id\": \"d\", \"at\": \"2025-01-06T15:00:00Z\", \"channel\": \"email\", \"direction\": \"inbound\", \"actor\": {\"type\": \"customer\"}, \"kind\": \"survey_response\", \"metadata\": {\"csat\": \"2\", \"nps\": \"3\"}}\n",
    );
    let out = kesher(&["insight", "surveys"], Some(events.as_bytes()));
    assert!(out.status.success());
    let s = &lines(&out.stdout)[0];
    assert_eq!(
        (s["csat"].as_f64(), s["nps"].as_f64()),
        (Some(0.5), Some(0.0))
    );
}
