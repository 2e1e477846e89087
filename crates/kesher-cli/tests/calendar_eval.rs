//! `kesher calendar eval` end to end: one answer line per request, errors as answers.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

mod common;
use common::{kesher, lines};

#[test]
fn answers_every_request_in_order_and_never_crashes() {
    let input = concat!(
        "{\"id\": \"a\", \"op\": \"add\", \"calendar\": \"israel\", \"input\": {\"start\": \"2025-10-01T08:00:00Z\", \"seconds\": 14400}}\n",
        "garbage\n",
        "\n",
        "{\"id\": \"b\", \"op\": \"elapsed\", \"calendar\": {\"tz\": \"UTC\", \"week\": {\"mon\": [[\"09:00\",\"17:00\"]]}}, \"input\": {\"start\": \"2025-01-07T00:00:00Z\", \"end\": \"2025-01-06T00:00:00Z\"}}\n",
        "{\"id\": \"c\", \"op\": \"is_open\", \"calendar\": {\"tz\": \"Nowhere\", \"week\": {}}, \"input\": {\"at\": \"2025-01-07T00:00:00Z\"}}\n",
        "[1, 2]\n",
    );
    let mut bytes = input.as_bytes().to_vec();
    bytes.extend_from_slice(b"{\"id\": \"\xff\"}\n");
    let out = kesher(&["calendar", "eval"], Some(&bytes));
    assert!(out.status.success());
    let answers = lines(&out.stdout);
    assert_eq!(answers.len(), 6, "one answer per non-blank line");
    assert_eq!(answers[0]["id"], "a");
    assert_eq!(answers[0]["result"], "2025-10-03T08:00:00Z");
    assert_eq!(answers[1]["error"]["kind"], "invalid_input");
    assert_eq!(answers[2]["error"]["kind"], "end_before_start");
    assert_eq!(answers[3]["error"]["kind"], "invalid_calendar");
    assert!(answers[3]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Nowhere"));
    assert_eq!(answers[4]["error"]["kind"], "invalid_input");
    assert_eq!(answers[5]["error"]["kind"], "invalid_input");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("{\"id\":\"a\",\"result\""),
        "id comes first: {text}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("read 6 requests: answered 1, errors 5"),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let out = kesher(&["calendar", "eval", "no/such/file.jsonl"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn holidays_lists_the_computed_dates_of_a_preset() {
    let out = kesher(
        &[
            "calendar", "holidays", "israel", "--from", "2025", "--to", "2026",
        ],
        None,
    );
    assert!(out.status.success());
    let rows = lines(&out.stdout);
    let closed: Vec<&str> = rows
        .iter()
        .filter(|r| r["effect"] == "closed")
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(closed.len(), 18, "nine closed days a year: {closed:?}");
    assert!(rows
        .iter()
        .any(|r| r["date"] == "2025-10-02" && r["name"] == "Yom Kippur"));
    let out = kesher(
        &["calendar", "holidays", "atlantis", "--from", "2025"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let out = kesher(
        &[
            "calendar", "holidays", "us", "--from", "2030", "--to", "2020",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}
