#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Acknowledgements promise honest times; reply templates keep their structure and name what
//! is missing.

use chrono::{DateTime, Utc};
use kesher::playbook::{acknowledgement, ReplyTemplate};
use kesher::{event::Priority, sla::SlaContract, ErrorKind, Language};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn contract(targets: &str) -> SlaContract {
    SlaContract::from_json(&format!(
        r#"{{"name": "std", "calendar": "israel", "targets": {targets}}}"#
    ))
    .unwrap()
}

#[test]
fn the_promise_skips_holidays_and_closed_hours() {
    let c = contract(r#"[{"metric": "first_response", "within": 7200}]"#);
    // Yom Kippur eve 2025 (Wednesday 1 October) closes at 13:00; received 12:30 Israel time.
    let ack = acknowledgement(
        &c,
        Priority::Normal,
        at("2025-10-01T09:30:00Z"),
        Language::En,
    )
    .unwrap();
    assert_eq!(
        ack.promised_by,
        at("2025-10-03T07:30:00Z"),
        "30 min on the eve, Yom Kippur closed, Friday 09:00 + 1.5 h"
    );
    assert_eq!(ack.text, "Your request was received. We will get back to you within 2 business hours, by Friday 10:30.");
    let he = acknowledgement(
        &c,
        Priority::Normal,
        at("2025-10-01T09:30:00Z"),
        Language::He,
    )
    .unwrap();
    assert!(
        he.text.contains("עד יום שישי בשעה \u{2068}10:30\u{2069}"),
        "{}",
        he.text
    );
}

#[test]
fn calendar_time_priorities_and_far_dates() {
    let c = contract(
        r#"[{"metric": "first_response", "within": {"urgent": 900, "low": 1209600}, "time": "calendar"}]"#,
    );
    let ack = acknowledgement(
        &c,
        Priority::Urgent,
        at("2025-01-04T10:00:00Z"),
        Language::En,
    )
    .unwrap();
    assert_eq!(
        ack.text,
        "Your request was received. We will get back to you within 15 minutes, by today at 12:15."
    );
    let far = acknowledgement(&c, Priority::Low, at("2025-01-04T10:00:00Z"), Language::En).unwrap();
    assert_eq!(far.text, "Your request was received. We will get back to you within 14 days, by Saturday 18 January 12:00.");
    let err = acknowledgement(
        &c,
        Priority::Normal,
        at("2025-01-04T10:00:00Z"),
        Language::En,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingField);
    assert!(err.to_string().contains("normal"), "{err}");
    let none = contract(r#"[{"metric": "resolution", "within": 900}]"#);
    assert!(acknowledgement(
        &none,
        Priority::Normal,
        at("2025-01-04T10:00:00Z"),
        Language::En
    )
    .is_err());
}

fn vars(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn built_in_templates_have_the_four_parts_in_both_languages() {
    for name in ["reply", "delay"] {
        for lang in [Language::En, Language::He] {
            let t = ReplyTemplate::built_in(name, lang).unwrap();
            let all: BTreeMap<String, String> = t
                .variables()
                .unwrap()
                .into_iter()
                .map(|v| (v.clone(), format!("<{v}>")))
                .collect();
            let text = t.render(&all).unwrap();
            assert_eq!(text.split("\n\n").count(), 4, "{text}");
            for v in all.values() {
                assert!(text.contains(v.as_str()), "{name}/{lang:?}: {v} in {text}");
            }
        }
    }
    let he = ReplyTemplate::built_in("reply", Language::He)
        .unwrap()
        .render(&vars(&[
            ("customer", "דנה"),
            ("agent", "נועה"),
            ("company", "אקמה"),
            ("solution", "הקומקום החדש יצא היום."),
        ]))
        .unwrap();
    assert!(he.starts_with("שלום דנה, מדבר/ת נועה מאקמה."), "{he}");
    assert!(he.ends_with("האם יש עוד משהו שאוכל לעזור בו?"), "{he}");
}

#[test]
fn user_templates_are_checked_and_braces_escape() {
    let t = ReplyTemplate::from_json(
        r#"{"name": "code", "language": "en", "greeting": "Hi {customer},",
        "thanks": "thanks!", "solution": "Use the code {{{code}}}.", "closing": ""}"#,
    )
    .unwrap();
    assert_eq!(
        t.render(&vars(&[("customer", "Dana"), ("code", "X1")]))
            .unwrap(),
        "Hi Dana,\n\nthanks!\n\nUse the code {X1}."
    );
    for (bad, field) in [
        (r#""greeting": "Hi {customer""#, "greeting"),
        (r#""greeting": "Hi customer}""#, "greeting"),
        (r#""greeting": "Hi {cust omer}""#, "greeting"),
    ] {
        let json = format!(
            r#"{{"name": "x", "language": "en", {bad}, "thanks": "", "solution": "", "closing": ""}}"#
        );
        let err = ReplyTemplate::from_json(&json).unwrap_err();
        assert_eq!(err.field(), Some(field), "{json}: {err}");
    }
}

proptest! {
    #[test]
    fn any_values_fill_any_template(customer in ".{0,30}", solution in ".{0,80}") {
        let t = ReplyTemplate::built_in("reply", Language::En).unwrap();
        let text = t.render(&vars(&[("customer", &customer), ("agent", "Noa"), ("company", "Acme"), ("solution", &solution)])).unwrap();
        prop_assert!(text.contains(customer.trim()));
    }
}

proptest! {
    #[test]
    fn an_acknowledgement_promises_exactly_its_target(secs in 60i64..200_000, offset in 0i64..(2 * 365 * 86_400)) {
        let c = contract(&format!(r#"[{{"metric": "first_response", "within": {secs}}}]"#));
        let received = at("2025-01-01T00:00:00Z") + chrono::TimeDelta::seconds(offset);
        let ack = acknowledgement(&c, Priority::Normal, received, Language::En).unwrap();
        prop_assert!(ack.promised_by > received);
        prop_assert_eq!(c.calendar().elapsed(received, ack.promised_by).unwrap(), chrono::TimeDelta::seconds(secs));
        prop_assert!(ack.text.starts_with("Your request was received."));
    }
}
