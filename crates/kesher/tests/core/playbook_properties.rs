#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Invariants of promises, the guard, follow-ups, metrics, recurring problems and retention.

use chrono::{DateTime, TimeDelta, Utc};
use kesher::insight::{recurring_problems, retention_signals, CustomerHistory, ServiceMetrics};
use kesher::playbook::{next_follow_up, FollowUpPolicy};
use kesher::{
    calendar::Calendar,
    case::{Case, CaseLog},
    event::CaseEvent,
    ledger::{Load, PromiseGuard},
    promise::PromiseState,
    text::SentimentScorer,
};
use proptest::prelude::*;

const T0: i64 = 1_736_154_000; // Monday 2025-01-06 09:00 UTC

fn t(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(T0 + secs, 0).unwrap()
}

fn case_with(id: &str, text: &str, events: &[(i64, &str)]) -> Case {
    let mut log = CaseLog::default();
    log.insert(CaseEvent::from_json(&format!(
        r#"{{"type": "interaction", "case_id": "{id}", "seq": 0, "id": "{id}-q", "customer_id": "c-{id}", "at": "{}", "channel": "twitter", "direction": "inbound", "actor": {{"type": "customer"}}, "kind": "message", "text": {}}}"#,
        t(0).to_rfc3339(), serde_json::to_string(text).unwrap()
    )).unwrap());
    for (seq, (at, json)) in events.iter().enumerate() {
        let json = json
            .replace("{case}", id)
            .replace("{at}", &t(*at).to_rfc3339())
            .replace("{seq}", &(seq + 1).to_string());
        log.insert(CaseEvent::from_json(&json).unwrap());
    }
    log.fold_lenient().case.unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_promise_once_settled_stays_settled(made in 0i64..10_000, due_after in 0i64..100_000, kept in proptest::option::of(0i64..200_000), a in 0i64..300_000, b in 0i64..300_000) {
        let mut events = vec![(made, r#"{"type": "promise_made", "case_id": "{case}", "seq": {seq}, "at": "{at}", "promise_id": "p", "kind": "callback", "due": "DUE"}"#.replace("DUE", &t(made + due_after).to_rfc3339()))];
        if let Some(k) = kept {
            events.push((made + k, r#"{"type": "promise_kept", "case_id": "{case}", "seq": {seq}, "at": "{at}", "promise_id": "p"}"#.to_string()));
        }
        let refs: Vec<(i64, &str)> = events.iter().map(|(a, s)| (*a, s.as_str())).collect();
        let case = case_with("T", "x", &refs);
        let p = &case.promises()[0];
        let (early, late) = (a.min(b), a.max(b));
        let (s1, s2) = (p.state(t(early)), p.state(t(late)));
        if matches!(s1, PromiseState::Kept | PromiseState::KeptLate | PromiseState::Cancelled) {
            prop_assert_eq!(s1, s2);
        }
        if s1 == PromiseState::Broken {
            prop_assert!(matches!(s2, PromiseState::Broken | PromiseState::KeptLate));
        }
    }

    #[test]
    fn the_guard_says_keepable_exactly_when_the_slack_is_not_negative(queue in 0u32..50, minutes in 0.0f64..60.0, agents in 1u32..5, now in 0i64..(30 * 86_400), promise in 0i64..(40 * 86_400)) {
        let guard = PromiseGuard { calendar: Calendar::israel_desk().unwrap(), load: Load { queue, handle_minutes: minutes, agents } };
        let v = guard.check(t(now), t(promise)).unwrap();
        prop_assert_eq!(v.keepable, v.slack >= TimeDelta::zero());
        prop_assert!(v.earliest >= t(now));
    }

    #[test]
    fn a_follow_up_comes_after_the_resolution_on_an_open_day(resolved in 0i64..(60 * 86_400), every in 1u32..6) {
        let case = case_with("T", "x", &[(resolved, r#"{"type": "status_changed", "case_id": "{case}", "seq": {seq}, "at": "{at}", "to": "resolved"}"#)]);
        let cal = Calendar::us_desk().unwrap();
        let plan = next_follow_up(&case, None, &cal, &FollowUpPolicy { every_business_days: every, limit: 1, quiet_hours: None, close_after_business_days: None }, t(resolved)).unwrap();
        let at = plan.at.unwrap();
        prop_assert!(at > t(resolved));
        prop_assert!(cal.is_open(at).unwrap());
    }

    #[test]
    fn metrics_are_shares_and_ordered_percentiles(answers in prop::collection::vec(proptest::option::of(1i64..100_000), 1..20)) {
        let cases: Vec<(Case, Option<kesher::sla::CaseSla>)> = answers.iter().enumerate().map(|(i, a)| {
            let events: Vec<(i64, &str)> = a.iter().map(|s| (*s, r#"{"type": "interaction", "case_id": "{case}", "seq": {seq}, "id": "{case}-a", "customer_id": "c", "at": "{at}", "channel": "twitter", "direction": "outbound", "actor": {"type": "agent", "id": "dana"}, "kind": "message"}"#)).collect();
            (case_with(&format!("T{i}"), "x", &events), None)
        }).collect();
        let m = ServiceMetrics::of(&cases);
        prop_assert_eq!(m.first_response.count, answers.iter().flatten().count());
        if let (Some(med), Some(p90), Some(p95)) = (m.first_response.median, m.first_response.p90, m.first_response.p95) {
            prop_assert!(med <= p90 && p90 <= p95);
        }
        for r in [m.reopen_rate, m.first_contact_resolution_rate].into_iter().flatten() {
            prop_assert!((0.0..=1.0).contains(&r));
        }
    }

    #[test]
    fn recurring_problems_account_for_every_case_in_any_order(texts in prop::collection::vec(prop::sample::select(vec![
        "my password reset never arrives", "password locked out", "parcel is late again", "where is my parcel",
        "refund not received", "app crashes on login", "login fails with password", "cannot login", "late delivery",
    ]), 1..25), seed in any::<u64>()) {
        let cases: Vec<Case> = texts.iter().enumerate().map(|(i, tx)| case_with(&format!("T{i:03}"), tx, &[])).collect();
        let p = recurring_problems(&cases, 2);
        prop_assert_eq!(p.clusters.iter().map(|c| c.cases).sum::<usize>() + p.unclustered, cases.len());
        let mut shuffled = cases.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(recurring_problems(&shuffled, 2).clusters, p.clusters);
    }

    #[test]
    fn retention_scores_stay_between_zero_and_one(texts in prop::collection::vec(".{0,40}", 1..6)) {
        let cases: Vec<(Case, Option<kesher::sla::CaseSla>)> = texts.iter().enumerate().map(|(i, tx)| (case_with(&format!("T{i}"), tx, &[]), None)).collect();
        let s = retention_signals(&CustomerHistory { customer: None, cases: &cases, journeys: &[] }, &SentimentScorer::DEFAULT, TimeDelta::days(30), t(86_400));
        for sig in [s.win_back, s.nurture, s.word_of_mouth].into_iter().flatten() {
            prop_assert!((0.0..=1.0).contains(&sig.score));
            prop_assert!(!sig.facts.is_empty());
        }
        prop_assert!(s.word_of_mouth_balance.unsigned_abs() as usize <= texts.len());
    }
}
