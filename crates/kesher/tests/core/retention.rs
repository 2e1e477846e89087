#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Retention signals list their facts; value at risk follows the win-back score.

use chrono::TimeDelta;
use kesher::insight::{retention_signals, CustomerHistory};
use kesher::{
    case::CaseLog, customer::Customer, event::CaseEvent, journey::Journey, text::SentimentScorer,
};

#[test]
fn a_loyal_customer_who_just_had_a_bad_time() {
    let customer = Customer::from_json(r#"{"id": "c", "name": "Dana", "birthday": "1990-01-20",
        "purchases": [
          {"order_ref": "A", "purchased_at": "2023-01-10T10:00:00Z", "total": {"amount_minor": 10000, "currency": "ILS"}},
          {"order_ref": "B", "purchased_at": "2023-06-10T10:00:00Z", "total": {"amount_minor": 20000, "currency": "ILS"}},
          {"order_ref": "C", "purchased_at": "2024-06-10T10:00:00Z", "total": {"amount_minor": 30000, "currency": "ILS"}}],
        "consents": [{"topic": "birthday_greetings", "granted": true, "at": "2023-01-01T00:00:00Z"},
                     {"topic": "monthly_email", "granted": true, "at": "2023-01-01T00:00:00Z"}]}"#).unwrap();
    let mut log = CaseLog::default();
    for line in [
        r#"{"type": "interaction", "case_id": "T", "id": "m", "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "facebook_page", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message", "text": "thanks, great service!"}"#,
        r#"{"type": "promise_made", "case_id": "T", "seq": 1, "at": "2025-01-05T09:05:00Z", "promise_id": "cb", "kind": "callback", "due": "2025-01-05T12:00:00Z"}"#,
        r#"{"type": "status_changed", "case_id": "T", "seq": 2, "at": "2025-01-05T13:00:00Z", "to": "resolved"}"#,
    ] {
        log.insert(CaseEvent::from_json(line).unwrap());
    }
    let cases = vec![(log.fold().unwrap(), None)];
    let journeys = vec![Journey::from_json(r#"{"customer_id": "c", "points": [{"at": "2025-01-05T12:00:00Z", "emotion": -0.66, "source": "emotion_model"}]}"#).unwrap()];
    let now = "2025-01-06T00:00:00Z".parse().unwrap();
    let s = retention_signals(
        &CustomerHistory {
            customer: Some(&customer),
            cases: &cases,
            journeys: &journeys,
        },
        &SentimentScorer::DEFAULT,
        TimeDelta::days(30),
        now,
    );
    let win = s.win_back.unwrap();
    assert!((win.score - 0.66).abs() < 1e-9, "{win:?}");
    assert!(
        win.facts.iter().any(|f| f.contains("promises broken")),
        "{:?}",
        win.facts
    );
    let nurture = s.nurture.unwrap();
    assert!((nurture.score - 0.6).abs() < 1e-9);
    assert!(
        nurture
            .facts
            .iter()
            .any(|f| f.contains("birthday on 20 January")),
        "{:?}",
        nurture.facts
    );
    assert!(nurture.facts.iter().any(|f| f.contains("monthly")));
    assert_eq!(
        s.word_of_mouth.unwrap().facts,
        ["1 public messages on facebook_page"]
    );
    assert_eq!(s.word_of_mouth_balance, 1);
    let ltv = customer
        .lifetime_value(now, kesher::customer::LifetimeModel::default())
        .unwrap()
        .unwrap();
    let risk = s.value_at_risk.unwrap();
    assert_eq!(
        risk.amount_minor,
        (ltv.net_projected.amount_minor as f64 * 0.66).round() as i64
    );
}

/// Issue 17: a customer whose last word is thanks is not on the win-back list, even after a
/// breach-worthy wait; a complaint as the last word keeps them on it.
#[test]
fn a_customer_whose_last_word_is_thanks_is_not_to_win_back() {
    let signals = |last: &str| {
        let mut log = CaseLog::default();
        for line in [
            r#"{"type": "interaction", "case_id": "T", "seq": 1, "id": "q", "customer_id": "c", "at": "2025-01-01T09:00:00Z", "channel": "email", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message", "text": "my order never arrived"}"#,
            r#"{"type": "promise_made", "case_id": "T", "seq": 2, "at": "2025-01-01T09:05:00Z", "promise_id": "cb", "kind": "callback", "due": "2025-01-01T12:00:00Z"}"#,
            r#"{"type": "interaction", "case_id": "T", "seq": 3, "id": "a", "customer_id": "c", "at": "2025-01-02T09:00:00Z", "channel": "email", "direction": "outbound", "actor": {"type": "agent", "id": "noa"}, "kind": "message", "text": "A new parcel is on its way."}"#,
        ] {
            log.insert(CaseEvent::from_json(line).unwrap());
        }
        let last = serde_json::json!({"type": "interaction", "case_id": "T", "seq": 4, "id": "t",
            "customer_id": "c", "at": "2025-01-03T09:00:00Z", "channel": "email",
            "direction": "inbound", "actor": {"type": "customer"}, "kind": "message", "text": last});
        log.insert(CaseEvent::from_json(&last.to_string()).unwrap());
        let cases = vec![(log.fold().unwrap(), None)];
        retention_signals(
            &CustomerHistory {
                customer: None,
                cases: &cases,
                journeys: &[],
            },
            &SentimentScorer::DEFAULT,
            TimeDelta::days(30),
            "2025-01-04T00:00:00Z".parse().unwrap(),
        )
    };
    assert!(signals("thanks, great service!").win_back.is_none());
    assert!(signals("תודה רבה, מעולה!").win_back.is_none());
    let still = signals("it still has not arrived, this is ridiculous")
        .win_back
        .unwrap();
    assert!(
        still.facts.iter().any(|f| f.contains("promises broken")),
        "{:?}",
        still.facts
    );
}
