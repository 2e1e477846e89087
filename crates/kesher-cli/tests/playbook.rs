//! `kesher playbook acknowledge | reply` end to end.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

mod common;
use common::{kesher, lines};

const CONTRACTS: &str = "examples/data/contracts.json";

#[test]
fn acknowledge_selects_the_contract_and_promises_on_its_calendar() {
    // Friday 2025-07-04 is Independence Day: a Thursday-evening email waits for Monday.
    let out = kesher(
        &[
            "playbook",
            "acknowledge",
            "--contracts",
            CONTRACTS,
            "--received",
            "2025-07-03T20:30:00Z",
            "--channel",
            "email",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ack = &lines(&out.stdout)[0];
    assert_eq!(
        ack["promised_by"], "2025-07-07T20:30:00Z",
        "half an hour on Thursday, 7.5 on Monday: {ack}"
    );
    assert_eq!(ack["text"], "Your request was received. We will get back to you within 8 business hours, by Monday 16:30.");
    let out = kesher(
        &[
            "playbook",
            "acknowledge",
            "--contracts",
            CONTRACTS,
            "--received",
            "2025-07-03T20:30:00Z",
            "--contract",
            "gold",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`gold`"));
    let out = kesher(
        &[
            "playbook",
            "acknowledge",
            "--contracts",
            CONTRACTS,
            "--received",
            "2025-07-03T20:30:00Z",
            "--priority",
            "vital",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--priority `vital`"));
}

#[test]
fn reply_fills_a_template_or_names_what_is_missing() {
    let out = kesher(
        &[
            "playbook",
            "reply",
            "--template",
            "reply",
            "--lang",
            "he",
            "--var",
            "customer=דנה",
            "--var",
            "agent=נועה",
            "--var",
            "company=אקמה",
            "--var",
            "solution=נשלח היום.",
        ],
        None,
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("שלום דנה"));
    let out = kesher(
        &[
            "playbook",
            "reply",
            "--template",
            "delay",
            "--var",
            "customer=Dana",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("agent, company, order, promised_time, solution"),
        "{err}"
    );
}

#[test]
fn promises_and_the_guard() {
    let events = concat!(
        "{\"type\": \"opened\", \"case_id\": \"T\", \"at\": \"2025-01-05T09:00:00Z\", \"customer\": {\"id\": \"c\"}, \"channel\": \"phone\"}\n",
        "{\"type\": \"promise_made\", \"case_id\": \"T\", \"seq\": 1, \"at\": \"2025-01-05T09:05:00Z\", \"promise_id\": \"cb\", \"kind\": \"callback\", \"due\": \"2025-01-05T12:00:00Z\"}\n",
        "{\"type\": \"promise_made\", \"case_id\": \"T\", \"seq\": 2, \"at\": \"2025-01-05T09:06:00Z\", \"promise_id\": \"cr\", \"kind\": \"credit\", \"due\": \"2025-01-09T12:00:00Z\"}\n",
    );
    let out = kesher(
        &["playbook", "promises", "--now", "2025-01-06T00:00:00Z"],
        Some(events.as_bytes()),
    );
    assert!(out.status.success());
    let rows = lines(&out.stdout);
    let states: Vec<&str> = rows.iter().map(|r| r["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["broken", "open"]);
    assert_eq!(rows[0]["case_id"], "T");
    let out = kesher(
        &[
            "playbook",
            "guard",
            "--queue",
            "12",
            "--handle-minutes",
            "20",
            "--agents",
            "2",
            "--now",
            "2025-01-02T14:00:00Z",
            "--within",
            "3600",
        ],
        None,
    );
    let v = &lines(&out.stdout)[0];
    assert_eq!(
        (v["keepable"].as_bool(), v["earliest"].as_str()),
        (Some(false), Some("2025-01-03T08:00:00Z"))
    );
    let out = kesher(
        &[
            "playbook",
            "guard",
            "--queue",
            "1",
            "--handle-minutes",
            "5",
            "--agents",
            "0",
            "--now",
            "2025-01-02T14:00:00Z",
            "--within",
            "60",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("load.agents"));
}

#[test]
fn follow_ups_are_planned_for_resolved_cases_only() {
    let events = concat!(
        "{\"type\": \"opened\", \"case_id\": \"A\", \"at\": \"2025-01-06T08:00:00Z\", \"customer\": {\"id\": \"c\"}, \"channel\": \"email\"}\n",
        "{\"type\": \"status_changed\", \"case_id\": \"A\", \"seq\": 1, \"at\": \"2025-01-06T10:00:00Z\", \"to\": \"resolved\"}\n",
        "{\"type\": \"opened\", \"case_id\": \"B\", \"at\": \"2025-01-06T08:00:00Z\", \"customer\": {\"id\": \"d\"}, \"channel\": \"email\"}\n",
    );
    let out = kesher(
        &[
            "playbook",
            "follow-ups",
            "--calendar",
            "us",
            "--every-business-days",
            "3",
        ],
        Some(events.as_bytes()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = lines(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0]["case_id"].as_str(), rows[0]["at"].as_str()),
        (Some("A"), Some("2025-01-09T14:00:00Z"))
    );
    assert_eq!(rows[0]["reason"].as_str(), Some("follow-up 1 of 2"));
    let out = kesher(
        &[
            "playbook",
            "follow-ups",
            "--calendar",
            "us",
            "--every-business-days",
            "3",
            "--lang",
            "he",
        ],
        Some(events.as_bytes()),
    );
    let rows = lines(&out.stdout);
    assert_eq!(
        rows[0]["reason"].as_str(),
        Some("פניית מעקב \u{2068}1\u{2069} מתוך \u{2068}2\u{2069}")
    );
}

#[test]
fn release_prints_an_event_the_fold_accepts_and_the_ledger_includes_the_acknowledgement() {
    let out = kesher(
        &[
            "playbook",
            "release",
            "--case",
            "T",
            "--seq",
            "3",
            "--at",
            "2025-01-06T19:00:00Z",
            "--refund-minor",
            "4990",
            "--currency",
            "USD",
            "--name",
            "Dana",
        ],
        None,
    );
    assert!(out.status.success());
    let event = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(String::from_utf8_lossy(&out.stderr).contains("49.90 USD"));
    let mut events = concat!(
        "{\"type\": \"interaction\", \"case_id\": \"T\", \"seq\": 1, \"id\": \"q\", \"customer_id\": \"c\", \"at\": \"2025-01-06T15:00:00Z\", \"channel\": \"email\", \"direction\": \"inbound\", \"actor\": {\"type\": \"customer\"}, \"kind\": \"message\"}\n",
        "{\"type\": \"interaction\", \"case_id\": \"T\", \"seq\": 2, \"id\": \"a\", \"customer_id\": \"c\", \"at\": \"2025-01-06T15:01:00Z\", \"channel\": \"email\", \"direction\": \"outbound\", \"actor\": {\"type\": \"bot\"}, \"kind\": \"acknowledgement\"}\n",
    )
    .to_string();
    // Before the release: the acknowledgement promised an answer within 8 business hours, by
    // Tuesday 10:00 New York (15:00 UTC); nobody answered, so by Wednesday it is broken.
    let out = kesher(
        &[
            "playbook",
            "promises",
            "--contracts",
            CONTRACTS,
            "--now",
            "2025-01-08T00:00:00Z",
        ],
        Some(events.as_bytes()),
    );
    let rows = lines(&out.stdout);
    assert_eq!(
        (
            rows[0]["id"].as_str(),
            rows[0]["kind"].as_str(),
            rows[0]["state"].as_str(),
            rows[0]["due"].as_str()
        ),
        (
            Some("acknowledgement"),
            Some("answer"),
            Some("broken"),
            Some("2025-01-07T15:00:00Z")
        )
    );
    events.push_str(&event);
    let out = kesher(&["case", "fold"], Some(events.as_bytes()));
    assert!(out.status.success());
    assert_eq!(lines(&out.stdout)[0]["status"], "released");
}
