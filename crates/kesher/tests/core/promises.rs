#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! The promise ledger and the promise guard.

use chrono::{DateTime, TimeDelta, Utc};
use kesher::{
    calendar::Calendar,
    case::CaseLog,
    event::CaseEvent,
    ledger::{Load, PromiseGuard},
    promise::PromiseState,
    ErrorKind,
};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn log(lines: &[&str]) -> CaseLog {
    let mut log = CaseLog::default();
    log.insert(CaseEvent::from_json(r#"{"type": "opened", "case_id": "T", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "phone"}"#).unwrap());
    for l in lines {
        log.insert(CaseEvent::from_json(l).unwrap());
    }
    log
}

const MADE: &str = r#"{"type": "promise_made", "case_id": "T", "seq": 1, "at": "2025-01-05T09:05:00Z", "promise_id": "p", "kind": "delivery", "owner": "dana", "channel": "phone", "due": "2025-01-07T12:00:00Z", "description": "the kettle arrives"}"#;

#[test]
fn states_follow_what_happened_by_now() {
    let case = log(&[MADE]).fold().unwrap();
    let p = &case.promises()[0];
    assert_eq!(
        p.state(at("2025-01-07T12:00:00Z")),
        PromiseState::Open,
        "due at, not yet broken"
    );
    assert_eq!(p.state(at("2025-01-07T12:00:01Z")), PromiseState::Broken);
    let kept = log(&[MADE, r#"{"type": "promise_kept", "case_id": "T", "seq": 2, "at": "2025-01-07T12:00:00Z", "promise_id": "p"}"#]).fold().unwrap();
    assert_eq!(
        kept.promises()[0].state(at("2025-01-09T00:00:00Z")),
        PromiseState::Kept
    );
    assert_eq!(
        kept.promises()[0].state(at("2025-01-06T00:00:00Z")),
        PromiseState::Open,
        "kept later than now does not count yet"
    );
    let cancelled = log(&[MADE, r#"{"type": "promise_cancelled", "case_id": "T", "seq": 2, "at": "2025-01-06T10:00:00Z", "promise_id": "p", "reason": "customer collects in store"}"#]).fold().unwrap();
    assert_eq!(
        cancelled.promises()[0].state(at("2025-01-09T00:00:00Z")),
        PromiseState::Cancelled
    );
    // A snapshot round-trips with its promises.
    let text = serde_json::to_string(&cancelled).unwrap();
    let back: kesher::case::Case = serde_json::from_str(&text).unwrap();
    assert_eq!(back, cancelled);
}

#[test]
fn bad_promise_events_are_errors_naming_the_field() {
    let err = log(&[r#"{"type": "promise_kept", "case_id": "T", "seq": 2, "at": "2025-01-06T10:00:00Z", "promise_id": "nope"}"#]).fold().unwrap_err();
    assert_eq!(
        (err.field(), err.value()),
        (Some("promise_id"), Some("nope"))
    );
    let err = log(&[MADE, &MADE.replace("\"seq\": 1", "\"seq\": 3")])
        .fold()
        .unwrap_err();
    assert_eq!(err.field(), Some("promise_id"));
    let err = CaseEvent::from_json(&MADE.replace("2025-01-07T12:00:00Z", "2025-01-05T09:00:00Z"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EndBeforeStart);
    // The lenient fold keeps the case and reports the event.
    let outcome = log(&[r#"{"type": "promise_kept", "case_id": "T", "seq": 2, "at": "2025-01-06T10:00:00Z", "promise_id": "nope"}"#]).fold_lenient();
    assert!(outcome.case.is_some());
    assert_eq!(outcome.rejected[0].event_type, "promise_kept");
}

#[test]
fn the_guard_flags_what_the_queue_and_calendar_cannot_deliver() {
    let guard = PromiseGuard {
        calendar: Calendar::us_desk().unwrap(),
        load: Load {
            queue: 30,
            handle_minutes: 12.0,
            agents: 3,
        },
    };
    // Thursday 2025-07-03 15:00 New York (Independence Day is Friday the 4th): two hours of queue
    // end Thursday 17:00 — exactly the close.
    let now = at("2025-07-03T19:00:00Z");
    let v = guard.check(now, at("2025-07-03T21:00:00Z")).unwrap();
    assert!(v.keepable);
    assert_eq!(v.slack, TimeDelta::zero());
    let v = guard.check(now, at("2025-07-03T20:59:59Z")).unwrap();
    assert!(!v.keepable);
    // "Within 1 business hour" cannot be kept; "within 4" can (ending Monday).
    assert!(
        !guard
            .check_within(now, TimeDelta::hours(1))
            .unwrap()
            .keepable
    );
    let four = guard.check_within(now, TimeDelta::hours(4)).unwrap();
    assert!(four.keepable);
    assert_eq!(four.promised, at("2025-07-07T15:00:00Z"));
    let idle = PromiseGuard {
        load: Load {
            queue: 1,
            handle_minutes: 5.0,
            agents: 0,
        },
        ..guard
    };
    assert_eq!(
        idle.check(now, now).unwrap_err().field(),
        Some("load.agents")
    );
}
