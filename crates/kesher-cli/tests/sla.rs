//! `kesher sla evaluate | statements | coverage` end to end on the bundled real sample.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

mod common;
use common::{kesher, lines};
use std::collections::BTreeSet;

const SAMPLE: &str = "examples/data/ibm-twitter-care-dev200.jsonl";
const CONTRACTS: &str = "examples/data/contracts.json";

/// `kesher sla evaluate` on the sample with the example contracts, at `now`, plus `extra`.
fn evaluate(now: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["sla", "evaluate", "--contracts", CONTRACTS, "--now", now];
    args.extend_from_slice(extra);
    args.push(SAMPLE);
    kesher(&args, None)
}

fn secs(v: &serde_json::Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn evaluate_reports_every_target_of_every_case_consistently() {
    let out = evaluate("2020-04-03T00:00:00Z", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = lines(&out.stdout);
    let cases: BTreeSet<&str> = rows
        .iter()
        .map(|r| r["case_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        cases.len(),
        200,
        "every case of the sample has a started target"
    );
    for r in &rows {
        let state = r["state"].as_str().unwrap();
        let target = secs(&r["target_seconds"]);
        let consumed = secs(&r["consumed_seconds"]);
        assert!(
            (secs(&r["remaining_seconds"]) - (target - consumed).max(0.0)).abs() < 1e-6,
            "{r}"
        );
        assert_eq!(r["contract"], "social", "the sample is Twitter: {r}");
        match state {
            "met" => assert!(
                r["stopped_at"].as_str().unwrap() <= r["due_at"].as_str().unwrap(),
                "{r}"
            ),
            "met_late" => assert!(
                r["stopped_at"].as_str().unwrap() > r["due_at"].as_str().unwrap(),
                "{r}"
            ),
            "breached" => assert!(
                r["due_at"].as_str().unwrap() < "2020-04-03T00:00:00Z",
                "{r}"
            ),
            "running" | "warning" => assert!(
                r["due_at"].as_str().unwrap() >= "2020-04-03T00:00:00Z",
                "{r}"
            ),
            other => assert!(matches!(other, "paused" | "cancelled"), "{r}"),
        }
    }
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("read 647, accepted 647, rejected 0; 200 cases"),
        "{err}"
    );
}

#[test]
fn explain_adds_the_audit_trail() {
    let out = evaluate("2020-04-03T00:00:00Z", &["--explain"]);
    assert!(out.status.success());
    for r in lines(&out.stdout) {
        let audit = r["audit"].as_array().unwrap();
        assert_eq!(audit[0]["action"], "started", "{r}");
        let times: Vec<&str> = audit.iter().map(|a| a["at"].as_str().unwrap()).collect();
        // RFC 3339 in UTC with Z sorts as text only with equal precision, so compare instants.
        let parsed: Vec<chrono::DateTime<chrono::Utc>> =
            times.iter().map(|t| t.parse().unwrap()).collect();
        assert!(
            parsed.windows(2).all(|w| w[0] <= w[1]),
            "audit in time order: {r}"
        );
    }
}

#[test]
fn bad_arguments_are_usage_errors_naming_the_fault() {
    let out = evaluate("yesterday", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--now `yesterday`"));
    let bad = std::env::temp_dir().join("kesher-bad-contracts.json");
    std::fs::write(&bad, r#"[{"name": "x", "calendar": "israel", "targets": [{"metric": "resolution", "within": 0}]}]"#).unwrap();
    let out = kesher(
        &[
            "sla",
            "evaluate",
            "--contracts",
            bad.to_str().unwrap(),
            "--now",
            "2020-04-03T00:00:00Z",
            SAMPLE,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("[0].targets[0].within"), "{err}");
}

#[test]
fn statements_and_coverage() {
    let out = kesher(
        &[
            "sla",
            "statements",
            "--contracts",
            CONTRACTS,
            "--lang",
            "he",
        ],
        None,
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("אנחנו עונים להודעות בטוויטר תוך שעתיים בשעות הפעילות"),
        "{text}"
    );
    let out = kesher(
        &["sla", "statements", "--json", "--contracts", CONTRACTS],
        None,
    );
    assert_eq!(lines(&out.stdout).len(), 3);
    let out = kesher(&["sla", "coverage", "--contracts", CONTRACTS, SAMPLE], None);
    let rows = lines(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0]["channel"].as_str(),
            rows[0]["coverage"].as_str(),
            rows[0]["contacts"].as_u64()
        ),
        (Some("twitter"), Some("covered"), Some(230))
    );
}

#[test]
fn statements_in_arabic_russian_and_a_hosts_own_messages() {
    for (lang, letter) in [("ar", 'ن'), ("ru", 'М')] {
        let out = kesher(
            &[
                "sla",
                "statements",
                "--contracts",
                CONTRACTS,
                "--lang",
                lang,
            ],
            None,
        );
        assert!(out.status.success(), "{lang}");
        let text = String::from_utf8_lossy(&out.stdout);
        // Each line: `[contract · channel] statement`.
        let said = |l: &str| {
            l.split_once("] ")
                .map(|(_, s)| s.to_string())
                .unwrap_or_default()
        };
        assert!(
            text.lines().all(|l| said(l).starts_with(letter)),
            "{lang}: {text}"
        );
    }
    let dir = std::env::temp_dir().join(format!("kesher-messages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Rewording one message of a built-in language.
    let ours = dir.join("he.ftl");
    std::fs::write(&ours, "statement = אצלנו: { $targets }{ $hours }.\n").unwrap();
    let args = [
        "sla",
        "statements",
        "--contracts",
        CONTRACTS,
        "--lang",
        "he",
    ];
    let out = kesher(
        &[&args[..], &["--messages", ours.to_str().unwrap()]].concat(),
        None,
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().all(|l| l.contains("] אצלנו: ")), "{text}");
    // Adding a language: it needs every message, and the error names what is missing.
    let partial = dir.join("fr.ftl");
    std::fs::write(&partial, "statement = Nous { $targets }{ $hours }.\n").unwrap();
    let args = [
        "sla",
        "statements",
        "--contracts",
        CONTRACTS,
        "--lang",
        "fr",
    ];
    let out = kesher(
        &[&args[..], &["--messages", partial.to_str().unwrap()]].concat(),
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--messages") && err.contains("needs every message"),
        "{err}"
    );
    let english =
        include_str!("../../kesher/locales/en.ftl").replace("statement = We", "statement = Nous");
    let full = dir.join("fr-full.ftl");
    std::fs::write(&full, english).unwrap();
    let out = kesher(
        &[&args[..], &["--messages", full.to_str().unwrap()]].concat(),
        None,
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout)
        .lines()
        .all(|l| l.contains("] Nous ")));
    let out = kesher(&args, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lang"));
}
