//! `kesher report` end to end: the bundled sample's key numbers against figures computed here
//! from the raw file, Hebrew layout, escaping, every input format, and row accounting.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::BTreeMap;

mod common;
use common::{kesher, root};

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kesher-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Each run's own output files: tests run in parallel threads of one process.
static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn run_report(args: &[&str], stdin: Option<&[u8]>) -> (std::process::Output, String, Value) {
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let html = tmp(&format!("run{run}.html"));
    let json = tmp(&format!("run{run}.json"));
    let mut all = vec![
        "report",
        "--out",
        html.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let out = kesher(&all, stdin);
    let text = std::fs::read_to_string(&html).unwrap_or_default();
    let facts = std::fs::read_to_string(&json)
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(Value::Null);
    (out, text, facts)
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// The instant of a tweet id (a Twitter snowflake).
fn snowflake(id: &str) -> DateTime<Utc> {
    let ms = (id.parse::<i64>().unwrap() >> 22) + 1_288_834_974_657;
    DateTime::from_timestamp_millis(ms).unwrap()
}

/// The nearest-rank median (kesher's percentiles are nearest-rank: the smallest value with at
/// least half the values at or below it).
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len().div_ceil(2) - 1]
}

#[test]
fn the_bundled_sample_report_matches_figures_computed_from_the_raw_file() {
    let (out, html, facts) = run_report(&[], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("read 525, accepted 525, rejected 0"), "{err}");

    // Independently, from the raw conversations: cases per brand, and the first response (the
    // first agent turn, else the final URL tweet timed from its id) per case.
    let raw: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/data/ibm-twitter-care-dev.json")).unwrap(),
    )
    .unwrap();
    let mut per_brand: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut unanswered = 0;
    let mut latest = DateTime::<Utc>::UNIX_EPOCH;
    for conv in raw.as_array().unwrap() {
        let turns = conv["dialogContent"].as_array().unwrap();
        let opened = at(turns[0]["datetime"].as_str().unwrap());
        let url = snowflake(conv["agentURL"]["tweet_ID"].as_str().unwrap());
        let answer = turns
            .iter()
            .find(|t| t.get("agent").is_some())
            .map(|t| at(t["datetime"].as_str().unwrap()))
            .unwrap_or(url);
        latest = latest.max(url);
        for t in turns {
            latest = latest.max(at(t["datetime"].as_str().unwrap()));
        }
        // Customer turns after the last agent tweet: none, since every conversation ends with it.
        unanswered += turns
            .iter()
            .rev()
            .take_while(|t| t.get("agent").is_none() && at(t["datetime"].as_str().unwrap()) > url)
            .count();
        per_brand
            .entry(
                conv["dialogHeader"]["company"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
            .or_default()
            .push((answer - opened).num_milliseconds() as f64 / 1000.0);
    }
    let all: Vec<f64> = per_brand.values().flatten().copied().collect();

    let totals = &facts["totals"];
    assert_eq!(totals["metrics"]["cases"], 525);
    assert_eq!(
        facts["now"],
        latest.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    );
    assert_eq!(totals["unanswered_messages"], unanswered as u64);
    let got = totals["metrics"]["first_response"]["median"]
        .as_f64()
        .unwrap();
    assert!((got - median(all.clone())).abs() < 1e-6, "{got}");
    // The histogram, bin by bin.
    let edges = [
        300.0, 900.0, 1800.0, 3600.0, 7200.0, 14400.0, 28800.0, 86400.0, 259200.0,
    ];
    let mut bins = [0u64; 10];
    for s in &all {
        bins[edges.iter().position(|e| s < e).unwrap_or(9)] += 1;
    }
    let counts: Vec<u64> = totals["first_response_histogram"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(counts, bins);
    // Brands: the same cases and medians, most cases first.
    let brands = facts["brands"].as_array().unwrap();
    assert_eq!(brands.len(), per_brand.len());
    assert_eq!(brands[0]["name"], "RockstarSupport");
    for b in brands {
        let name = b["name"].as_str().unwrap();
        let mine = &per_brand[name];
        assert_eq!(
            b["metrics"]["cases"].as_u64().unwrap() as usize,
            mine.len(),
            "{name}"
        );
        let m = b["metrics"]["first_response"]["median"].as_f64().unwrap();
        assert!((m - median(mine.clone())).abs() < 1e-6, "{name}: {m}");
        assert!(html.contains(name), "{name} in the HTML");
        assert_eq!(
            b["pattern"]["journeys"].as_u64().unwrap() as usize,
            mine.len()
        );
    }
    for w in brands.windows(2) {
        assert!(w[0]["metrics"]["cases"].as_u64() >= w[1]["metrics"]["cases"].as_u64());
    }
    // The example contracts apply: every case has a first-response target, decided or open.
    let c = &totals["metrics"]["sla"]["first_response"];
    let decided = ["met", "met_late", "breached", "open"]
        .iter()
        .map(|k| c[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(decided, 525);
    assert_eq!(facts["coverage"][0]["channel"], "twitter");
    assert!(!facts["statements"].as_array().unwrap().is_empty());
    // The page is one well-formed document with no network access.
    roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    for banned in ["<script", "http-equiv", "<link", "src=\"http", "@import"] {
        assert!(!html.contains(banned), "{banned}");
    }
    assert!(html.contains(r#"<html lang="en" dir="ltr">"#));
}

#[test]
fn hebrew_reports_are_right_to_left_with_hebrew_labels() {
    let (out, html, facts) = run_report(&["--lang", "he"], None);
    assert!(out.status.success());
    assert!(html.contains(r#"<html lang="he" dir="rtl">"#));
    assert!(html.contains("דוח חוויית לקוח"));
    assert!(
        html.contains("direction=\"rtl\""),
        "SVG labels are drawn right to left"
    );
    assert_eq!(facts["language"], "he");
    let statement = facts["statements"][0]["text"].as_str().unwrap();
    assert!(
        statement
            .chars()
            .any(|c| ('\u{05d0}'..='\u{05ea}').contains(&c)),
        "{statement}"
    );
}

/// No label of the English report shows in the Hebrew one: every label comes from the
/// catalogue's Hebrew messages (data, brand names and commands aside).
#[test]
fn the_hebrew_arabic_and_russian_reports_have_no_english_labels() {
    use kesher::catalogue::Catalogue;
    for (lang, dir) in [("he", "rtl"), ("ar", "rtl"), ("ru", "ltr")] {
        let (out, html, _) = run_report(&["--lang", lang], None);
        assert!(out.status.success(), "{lang}");
        assert!(
            html.contains(&format!(r#"<html lang="{lang}" dir="{dir}">"#)),
            "{lang}"
        );
        let words = Catalogue::built_in();
        let mut checked = 0;
        for id in words
            .message_ids("en")
            .into_iter()
            .filter(|id| id.starts_with("report-"))
        {
            let english = words.format("en", id, &[]).unwrap();
            // Units and words too short to tell apart from data (`h`, `of`, `to`) are left out.
            if english.chars().filter(char::is_ascii_alphabetic).count() < 5 {
                continue;
            }
            checked += 1;
            let shown = kesher::journey::escape_xml(&english);
            assert!(
                !html.contains(&shown),
                "`{english}` ({id}) in the `{lang}` report"
            );
        }
        assert!(checked > 50, "{checked}");
    }
    let (out, _, _) = run_report(&["--lang", "fr"], None);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("--lang") && said.contains("fr"), "{said}");
}

#[test]
fn data_text_is_escaped_everywhere() {
    let events = concat!(
        r#"{"type": "opened", "case_id": "T<1>", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c&<b>"}, "channel": "chat", "metadata": {"brand": "<script>alert(1)</script>"}}"#,
        "\n",
        r#"{"type": "interaction", "case_id": "T<1>", "seq": 1, "id": "m1", "customer_id": "c&<b>", "at": "2025-01-05T09:00:00Z", "channel": "chat", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message", "text": "<img src=x onerror=alert(1)> terrible \"service\" & worse"}"#,
        "\n",
        r#"{"type": "opened", "case_id": "T2", "at": "2025-01-05T09:00:00Z", "customer": {"id": "d"}, "channel": "chat", "metadata": {"brand": "<script>alert(1)</script>"}}"#,
        "\n",
        r#"{"type": "interaction", "case_id": "T2", "seq": 1, "id": "m2", "customer_id": "d", "at": "2025-01-05T09:00:00Z", "channel": "chat", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message", "text": "<img src=x onerror=alert(1)> terrible again"}"#,
        "\n",
    );
    let path = tmp("escape.jsonl");
    std::fs::write(&path, events).unwrap();
    for lang in ["en", "he"] {
        let (out, html, facts) = run_report(&[path.to_str().unwrap(), "--lang", lang], None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!html.contains("<script"), "{lang}");
        assert!(!html.contains("<img"), "{lang}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_eq!(facts["brands"][0]["name"], "<script>alert(1)</script>");
        roxmltree::Document::parse_with_options(
            &html,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        )
        .unwrap();
    }
}

#[test]
fn every_format_reports_with_its_rows_accounted_for() {
    for (path, read) in [
        ("tests/data/twcs-sample.csv", 93),
        ("tests/data/helpdesk-first300.csv", 1376),
        ("tests/data/bpic2013-first300.csv", 5538),
        ("examples/data/ibm-twitter-care-dev200.jsonl", 647),
    ] {
        let (out, _, facts) = run_report(&[path, "--calendar", "israel"], None);
        assert!(
            out.status.success(),
            "{path}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let input = &facts["inputs"][0];
        assert_eq!(input["read"], read, "{path}");
        assert_eq!(input["accepted"], read, "{path}");
        assert!(facts["totals"]["metrics"]["cases"].as_u64().unwrap() > 0);
        assert_eq!(facts["with_contracts"], true);
    }
    // The helpdesk log resolves tickets, so first contact resolution is known.
    let (_, _, facts) = run_report(&["tests/data/helpdesk-first300.csv"], None);
    assert!(facts["totals"]["metrics"]["first_contact_resolution_rate"].is_number());
    assert_eq!(facts["with_contracts"], false);
}

#[test]
fn the_report_is_the_same_on_any_number_of_threads() {
    for path in [
        "examples/data/ibm-twitter-care-dev.json",
        "tests/data/bpic2013-first300.csv",
        "tests/data/events-with-errors.jsonl",
    ] {
        let runs: Vec<(String, String, Value)> = ["1", "2", "3", "8"]
            .iter()
            .map(|threads| {
                let args = [
                    path,
                    "--calendar",
                    "us",
                    "--allow-rejects",
                    "--threads",
                    threads,
                ];
                let (out, html, facts) = run_report(&args, None);
                assert!(out.status.success(), "{path} on {threads} threads");
                (
                    String::from_utf8_lossy(&out.stderr).into_owned(),
                    html,
                    facts,
                )
            })
            .collect();
        let (first_err, first_html, first_facts) = &runs[0];
        assert!(first_facts["totals"]["metrics"]["cases"].as_u64().unwrap() > 0);
        for (err, html, facts) in &runs[1..] {
            assert_eq!(facts, first_facts, "{path}");
            assert!(html == first_html, "{path}: the pages differ");
            // Rejections are said in the order of the input whatever the threads.
            let said = |e: &str| {
                e.lines()
                    .filter(|l| l.contains("line "))
                    .map(String::from)
                    .collect::<Vec<_>>()
            };
            assert_eq!(said(err), said(first_err), "{path}");
        }
    }
}

#[test]
fn rejected_rows_are_reported_and_fail_the_run_unless_allowed() {
    let (out, _, facts) = run_report(&["tests/data/events-with-errors.jsonl"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line "), "{err}");
    let i = &facts["inputs"][0];
    assert_eq!(
        i["read"].as_u64().unwrap(),
        i["accepted"].as_u64().unwrap() + i["rejected"].as_u64().unwrap()
    );
    assert!(i["rejected"].as_u64().unwrap() > 0);
    let (out, _, _) = run_report(
        &["tests/data/events-with-errors.jsonl", "--allow-rejects"],
        None,
    );
    assert!(out.status.success());
}

#[test]
fn usage_errors_name_the_problem() {
    let (out, _, _) = run_report(&["-"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--now"));
    let (out, _, _) = run_report(&["--lang", "fr"], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lang: invalid language `fr`"));
    let (out, _, _) = run_report(&["Cargo.toml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
    let (out, _, _) = run_report(&["--format", "xml"], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown format `xml`"));
}

#[test]
fn a_case_that_cannot_be_evaluated_is_listed_and_the_rest_reported() {
    let events = [
        r#"{"type": "opened", "case_id": "good", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c1"}, "channel": "email", "metadata": {"brand": "Acme"}}"#,
        r#"{"type": "interaction", "case_id": "good", "seq": 1, "id": "g1", "customer_id": "c1", "at": "2025-01-05T09:00:00Z", "channel": "email", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message", "text": "my order is late"}"#,
        r#"{"type": "opened", "case_id": "bad", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c2"}, "channel": "email", "metadata": {"brand": "Acme"}}"#,
        r#"{"type": "contract_changed", "case_id": "bad", "seq": 1, "at": "2025-01-05T09:10:00Z", "contract": "no-such-contract"}"#,
    ]
    .join("\n");
    let path = tmp("refused.jsonl");
    std::fs::write(&path, events + "\n").unwrap();
    let args = [
        "--contracts",
        "examples/data/contracts.json",
        path.to_str().unwrap(),
    ];
    let (out, html, facts) = run_report(&args, None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("case bad refused") && err.contains("no-such-contract"),
        "{err}"
    );
    assert_eq!(facts["refused_total"], 1, "{facts}");
    assert_eq!(facts["refused"][0]["case_id"], "bad");
    assert_eq!(
        facts["totals"]["metrics"]["cases"], 1,
        "the rest is reported"
    );
    assert!(html.contains("could not be evaluated") && html.contains("no-such-contract"));
    let mut allowed = args.to_vec();
    allowed.push("--allow-rejects");
    let (out, _, _) = run_report(&allowed, None);
    assert!(out.status.success());
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let path = tmp("precious.jsonl");
    let events =
        std::fs::read_to_string(root().join("examples/data/ibm-twitter-care-dev200.jsonl"))
            .unwrap();
    std::fs::write(&path, &events).unwrap();
    for flag in ["--out", "--json"] {
        let out = kesher(
            &[
                "report",
                flag,
                path.to_str().unwrap(),
                path.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("would destroy"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            events,
            "the input is untouched"
        );
    }
}

#[test]
fn case_window_hands_quiet_cases_over_and_rejects_their_late_events() {
    let path = tmp("late.jsonl");
    let event = |case: &str, seq: u32, minute: u32| {
        format!(
            r#"{{"type": "interaction", "case_id": "{case}", "seq": {seq}, "id": "{case}-{seq}", "customer_id": "c{case}", "at": "2025-01-05T09:{minute:02}:00Z", "channel": "chat", "direction": "inbound", "actor": {{"type": "customer"}}, "kind": "message", "text": "hello"}}"#
        ) + "\n"
    };
    let text = [
        event("A", 1, 0),
        event("B", 1, 1),
        event("C", 1, 2),
        event("A", 2, 3),
    ]
    .concat();
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    // The default window holds all four rows: three cases, nothing rejected.
    let (out, _, facts) = run_report(&[p, "--format", "events"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(facts["totals"]["metrics"]["cases"], 3, "{facts}");
    // A window of two rows: A is handed over at C's row, so its second event is late.
    let (out, _, facts) = run_report(&[p, "--format", "events", "--case-window", "2"], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("line 4") && stderr.contains("already handed over"),
        "{stderr}"
    );
    assert!(
        stderr.contains("read 4, accepted 3, rejected 1"),
        "{stderr}"
    );
    assert_eq!(facts["totals"]["metrics"]["cases"], 3, "{facts}");
}
