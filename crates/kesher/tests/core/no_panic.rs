#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Arbitrary and near-miss JSON fed to every calendar, SLA and journey entry point: an answer or
//! an error, never a panic.

use kesher::calendar::CalendarEval;
use kesher::{
    calendar::Calendar,
    journey::{AnnotatedPoint, Journey},
    sla::{ContractSet, SlaContract},
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;

fn shaped_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (-2.0f64..2.0).prop_map(Value::from),
        ".{0,10}".prop_map(Value::from),
        select(vec![
            "2025-01-05T09:00:00Z",
            "2262-04-11T23:47:16Z",
            "1677-09-21T00:12:44Z",
            "09:00",
            "17:00",
            "24:00",
            "25:00",
            "UTC",
            "Asia/Jerusalem",
            "Pacific/Apia",
            "israel",
            "us",
            "uk",
            "add",
            "elapsed",
            "is_open",
            "next_open",
            "first_response",
            "resolution",
            "survey",
            "during",
            "2011-12-30",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    select(vec![
                        "id",
                        "op",
                        "calendar",
                        "input",
                        "start",
                        "end",
                        "seconds",
                        "at",
                        "tz",
                        "week",
                        "mon",
                        "sun",
                        "holidays",
                        "overrides",
                        "breaks",
                        "holiday_rules",
                        "set",
                        "name",
                        "targets",
                        "metric",
                        "within",
                        "time",
                        "conditions",
                        "customer_id",
                        "points",
                        "emotion",
                        "source",
                        "stage",
                        "warn_at",
                        "pause_on",
                    ]),
                    inner,
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn nothing_panics(v in shaped_json()) {
        let text = v.to_string();
        let mut eval = CalendarEval::default();
        let _ = eval.eval(&v);
        let _ = eval.eval(&serde_json::json!({"id": 1, "op": "add", "calendar": v.clone(), "input": {"start": "2025-01-05T09:00:00Z", "seconds": 3600}}));
        let _ = eval.eval(&serde_json::json!({"id": 1, "op": "elapsed", "calendar": "israel", "input": v.clone()}));
        if let Ok(cal) = Calendar::from_value(v.clone()) {
            let t = "2025-01-05T09:00:00Z".parse().unwrap();
            let _ = cal.add(t, chrono::TimeDelta::hours(5));
            let _ = cal.next_open(t);
        }
        let _ = ContractSet::from_json(&text);
        let _ = SlaContract::from_json(&text);
        let _ = Journey::from_json(&text);
        let _ = AnnotatedPoint::from_json(&text);
    }

    #[test]
    fn calendar_eval_survives_arbitrary_text(text in ".{0,200}") {
        let answer = CalendarEval::default().eval_line(&text);
        prop_assert!(answer.result.is_some() != answer.error.is_some());
    }
}
