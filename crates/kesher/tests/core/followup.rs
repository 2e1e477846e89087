#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Follow-ups after resolution and the survey fatigue cap.

use chrono::{DateTime, TimeDelta, Utc};
use kesher::playbook::{next_follow_up, survey_allowed, FollowUpPolicy};
use kesher::{
    calendar::Calendar,
    case::{Case, CaseLog},
    customer::Customer,
    event::CaseEvent,
};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn case(extra: &[&str]) -> Case {
    let mut log = CaseLog::default();
    for line in [
        r#"{"type": "opened", "case_id": "T", "at": "2025-01-06T08:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#,
        r#"{"type": "status_changed", "case_id": "T", "seq": 1, "at": "2025-01-06T10:00:00Z", "to": "resolved"}"#,
    ]
    .iter()
    .chain(extra)
    {
        log.insert(CaseEvent::from_json(line).unwrap());
    }
    log.fold().unwrap()
}

fn follow_up(seq: u32, t: &str, extra: &str) -> String {
    format!(
        r#"{{"type": "interaction", "case_id": "T", "seq": {seq}, "id": "f{seq}", "customer_id": "c", "at": "{t}", "channel": "email", "direction": "outbound", "actor": {{"type": "agent", "id": "a"}}, "kind": "follow_up"{extra}}}"#
    )
}

fn policy(every: u32, limit: u32) -> FollowUpPolicy {
    FollowUpPolicy {
        every_business_days: every,
        limit,
        quiet_hours: None,
        close_after_business_days: None,
    }
}

#[test]
fn every_n_open_days_until_the_limit() {
    let us = Calendar::us_desk().unwrap();
    // Resolved Monday 2025-01-06: 3 business days on → Thursday 09:00 New York.
    let plan = next_follow_up(
        &case(&[]),
        None,
        &us,
        &policy(3, 2),
        at("2025-01-06T12:00:00Z"),
    )
    .unwrap();
    assert_eq!(plan.at, Some(at("2025-01-09T14:00:00Z")));
    assert_eq!(plan.made, 0);
    // After one follow-up on Thursday, the next is three open days later (Friday, Monday, Tuesday).
    let f = follow_up(2, "2025-01-09T14:00:00Z", "");
    let plan = next_follow_up(
        &case(&[&f]),
        None,
        &us,
        &policy(3, 2),
        at("2025-01-09T15:00:00Z"),
    )
    .unwrap();
    assert_eq!((plan.at, plan.made), (Some(at("2025-01-14T14:00:00Z")), 1));
    // The limit reached: none.
    let g = follow_up(3, "2025-01-14T14:00:00Z", "");
    let plan = next_follow_up(
        &case(&[&f, &g]),
        None,
        &us,
        &policy(3, 2),
        at("2025-01-15T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(plan.at, None);
    assert!(plan.reason.contains("limit"), "{}", plan.reason);
}

#[test]
fn none_when_the_customer_answered_or_declined_or_the_case_moved_on() {
    let us = Calendar::us_desk().unwrap();
    let reply = r#"{"type": "interaction", "case_id": "T", "seq": 5, "id": "r", "customer_id": "c", "at": "2025-01-07T10:00:00Z", "channel": "email", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message"}"#;
    // The reply reopens the case.
    let plan = next_follow_up(
        &case(&[reply]),
        None,
        &us,
        &policy(1, 3),
        at("2025-01-08T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(plan.at, None);
    let closed = r#"{"type": "status_changed", "case_id": "T", "seq": 5, "at": "2025-01-07T10:00:00Z", "to": "closed"}"#;
    assert_eq!(
        next_follow_up(
            &case(&[closed]),
            None,
            &us,
            &policy(1, 3),
            at("2025-01-08T00:00:00Z")
        )
        .unwrap()
        .at,
        None
    );
    let declined = Customer::from_json(r#"{"id": "c", "name": "Dana", "consents": [{"topic": "follow_ups", "granted": false, "at": "2024-01-01T00:00:00Z"}]}"#).unwrap();
    let plan = next_follow_up(
        &case(&[]),
        Some(&declined),
        &us,
        &policy(1, 3),
        at("2025-01-06T12:00:00Z"),
    )
    .unwrap();
    assert!(
        plan.at.is_none() && plan.reason.contains("consent"),
        "{plan:?}"
    );
}

#[test]
fn quiet_hours_are_in_the_customers_zone() {
    // A round-the-clock desk opens at 00:00; the customer in Jerusalem is quiet 21:00–09:00.
    let day = r#"[["00:00","24:00"]]"#;
    let always = Calendar::from_json(&format!(r#"{{"tz": "UTC", "week": {{"mon": {day}, "tue": {day}, "wed": {day}, "thu": {day}, "fri": {day}, "sat": {day}, "sun": {day}}}}}"#)).unwrap();
    let customer = Customer::from_json(r#"{"id": "c", "name": "Dana", "time_zone": "Asia/Jerusalem", "consents": [{"topic": "follow_ups", "granted": true, "at": "2024-01-01T00:00:00Z"}]}"#).unwrap();
    let p = FollowUpPolicy {
        every_business_days: 1,
        limit: 1,
        quiet_hours: Some(("21:00".parse().unwrap(), "09:00".parse().unwrap())),
        close_after_business_days: None,
    };
    let plan = next_follow_up(
        &case(&[]),
        Some(&customer),
        &always,
        &p,
        at("2025-01-06T12:00:00Z"),
    )
    .unwrap();
    // Tuesday 00:00 UTC is 02:00 in Jerusalem: moved to 09:00 there, 07:00 UTC.
    assert_eq!(plan.at, Some(at("2025-01-07T07:00:00Z")));
}

#[test]
fn surveys_respect_a_fatigue_cap_and_consent() {
    let sent = follow_up(
        2,
        "2025-01-07T10:00:00Z",
        r#", "metadata": {"survey": "request"}"#,
    );
    let c = case(&[&sent]);
    let now = at("2025-01-10T00:00:00Z");
    assert!(!survey_allowed(&[&c], None, 1, TimeDelta::days(30), now));
    assert!(survey_allowed(&[&c], None, 2, TimeDelta::days(30), now));
    assert!(
        survey_allowed(&[&c], None, 1, TimeDelta::days(2), now),
        "outside the window"
    );
    let declined = Customer::from_json(r#"{"id": "c", "name": "Dana", "consents": [{"topic": "surveys", "granted": false, "at": "2024-01-01T00:00:00Z"}]}"#).unwrap();
    assert!(!survey_allowed(
        &[],
        Some(&declined),
        5,
        TimeDelta::days(30),
        now
    ));
}

fn customer_says(seq: u32, t: &str, text: &str) -> String {
    format!(
        r#"{{"type": "interaction", "case_id": "T", "seq": {seq}, "id": "m{seq}", "customer_id": "c", "at": "{t}", "channel": "email", "direction": "inbound", "actor": {{"type": "customer"}}, "kind": "message", "text": "{text}"}}"#
    )
}

#[test]
fn a_confirmation_stops_follow_ups_and_a_silent_case_closes_on_its_own() {
    let us = Calendar::us_desk().unwrap();
    let closing = FollowUpPolicy {
        close_after_business_days: Some(2),
        ..policy(1, 1)
    };
    // "Yes, it works now": confirmed; by the policy the case may close at that message.
    let thanks = customer_says(2, "2025-01-06T15:00:00Z", "yes, it works now, thank you!");
    let plan = next_follow_up(
        &case(&[&thanks]),
        None,
        &us,
        &closing,
        at("2025-01-07T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(plan.at, None);
    assert!(plan.reason.contains("confirmed"), "{plan:?}");
    assert_eq!(plan.close_at, Some(at("2025-01-06T15:00:00Z")));
    // Without the auto-close policy the plan never closes anything.
    let plan = next_follow_up(
        &case(&[&thanks]),
        None,
        &us,
        &policy(1, 1),
        at("2025-01-07T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(plan.close_at, None);
    // A new problem is not a confirmation: it reopens the case (no follow-up, no closing).
    let problem = customer_says(
        2,
        "2025-01-06T15:00:00Z",
        "it broke again, the screen is black",
    );
    let plan = next_follow_up(
        &case(&[&problem]),
        None,
        &us,
        &closing,
        at("2025-01-07T00:00:00Z"),
    )
    .unwrap();
    assert_eq!((plan.at, plan.close_at), (None, None), "{plan:?}");
    // The one reminder was sent Tuesday and nobody answered: the case may close two open days
    // later, Thursday at the desk's opening (09:00 New York).
    let reminder = follow_up(2, "2025-01-07T14:00:00Z", "");
    let plan = next_follow_up(
        &case(&[&reminder]),
        None,
        &us,
        &closing,
        at("2025-01-08T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(plan.at, None);
    assert_eq!(plan.close_at, Some(at("2025-01-09T14:00:00Z")));
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["close_at"], "2025-01-09T14:00:00Z");
}
