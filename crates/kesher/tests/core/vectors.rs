//! Runs the shared vectors in `tests/vectors/` (also run by the Python and JavaScript suites).

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use kesher::{case::CaseLog, event::CaseEvent};
use serde_json::Value;

fn vectors(text: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(text).unwrap();
    doc["vectors"].as_array().unwrap().clone()
}

/// Every key of `expected` equals the same key of `actual` (objects compared recursively).
fn assert_subset(expected: &Value, actual: &Value, path: &str) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let got = a.get(k).unwrap_or(&Value::Null);
                assert_subset(v, got, &format!("{path}.{k}"));
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            assert_eq!(e.as_f64(), a.as_f64(), "{path}");
        }
        _ => assert_eq!(expected, actual, "{path}"),
    }
}

#[test]
fn fold_vectors() {
    let all = vectors(include_str!("../../../../tests/vectors/fold.json"));
    assert!(all.len() >= 10);
    for v in all {
        let name = v["name"].as_str().unwrap();
        let mut log = CaseLog::default();
        for e in v["events"].as_array().unwrap() {
            log.insert(
                CaseEvent::from_value(e.clone()).unwrap_or_else(|err| panic!("{name}: {err}")),
            );
        }
        let result = log.fold();
        match (&v["expect"]["case"], &v["expect"]["error"], result) {
            (Value::Object(_), _, Ok(case)) => assert_subset(
                &v["expect"]["case"],
                &serde_json::to_value(&case).unwrap(),
                name,
            ),
            (_, Value::Object(err), Err(got)) => {
                assert_eq!(err["kind"], got.kind().as_str(), "{name}");
                assert_eq!(err["field"].as_str(), got.field(), "{name}");
            }
            (_, _, other) => panic!("{name}: unexpected {other:?}"),
        }
    }
}

#[test]
fn event_vectors() {
    for v in vectors(include_str!("../../../../tests/vectors/events.json")) {
        let name = v["name"].as_str().unwrap();
        let result = CaseEvent::from_json(v["input"].as_str().unwrap());
        match (&v["expect"]["ok"], result) {
            (Value::String(ty), Ok(event)) => assert_eq!(ty, event.type_name(), "{name}"),
            (Value::Null, Err(err)) => {
                assert_eq!(
                    v["expect"]["error"]["kind"],
                    err.kind().as_str(),
                    "{name}: {err}"
                );
                assert_eq!(
                    v["expect"]["error"]["field"].as_str(),
                    err.field(),
                    "{name}: {err}"
                );
            }
            (_, other) => panic!("{name}: unexpected {other:?}"),
        }
    }
}

#[test]
fn calendar_vectors() {
    let all = vectors(include_str!("../../../../tests/vectors/calendar.json"));
    assert!(all.len() >= 30);
    let mut eval = kesher::calendar::CalendarEval::default();
    for v in all {
        let name = v["name"].as_str().unwrap();
        let answer = eval.eval(&v["request"]);
        assert_eq!(answer.id, v["request"]["id"], "{name}");
        match (&v["expect"]["result"], &v["expect"]["error"]) {
            (Value::Null, Value::String(kind)) => {
                let error = answer
                    .error
                    .unwrap_or_else(|| panic!("{name}: expected {kind}"));
                assert_eq!(error.kind, kind, "{name}: {}", error.message);
            }
            (expected, _) => {
                assert!(answer.error.is_none(), "{name}: {:?}", answer.error);
                assert_subset(expected, &answer.result.unwrap(), name);
            }
        }
    }
}
