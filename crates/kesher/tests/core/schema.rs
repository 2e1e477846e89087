//! `docs/schema/*.schema.json` agrees with the code: everything kesher writes validates, the shared
//! vectors split the same way, and the examples in `docs/json-contract.md` parse.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use crate::common;

use common::*;
use kesher::{customer::Customer, event::CaseEvent};
use serde_json::Value;

fn validator(text: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&serde_json::from_str(text).unwrap()).unwrap()
}

fn event_schema() -> jsonschema::Validator {
    validator(include_str!("../../../../docs/schema/event.schema.json"))
}

#[test]
fn events_kesher_writes_validate() {
    let schema = event_schema();
    let mut events = vec![
        opened(0),
        customer(1, 1),
        agent(2, 20, "dana"),
        status(3, 21, "resolved"),
    ];
    events.push(
        serde_json::json!({"type": "released", "case_id": "T-1", "at": at(30),
        "refund": {"amount_minor": 100, "currency": "ILS"}, "note": "thanks"}),
    );
    events.push(serde_json::json!({"type": "transferred", "case_id": "T-1", "at": at(30), "from": "a", "to": "b"}));
    events.push(serde_json::json!({"type": "priority_changed", "case_id": "T-1", "at": at(30), "priority": "urgent"}));
    events.push(serde_json::json!({"type": "problem_updated", "case_id": "T-1", "at": at(30), "problem": {"category": "x"}}));
    for e in events {
        let written = serde_json::to_value(CaseEvent::from_value(e).unwrap()).unwrap();
        let errors: Vec<String> = schema
            .iter_errors(&written)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{written}: {errors:?}");
    }
}

#[test]
fn bundled_sample_validates() {
    let schema = event_schema();
    let text = include_str!("../../../../examples/data/ibm-twitter-care-dev200.jsonl");
    for (i, line) in text.lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(schema.is_valid(&v), "line {}", i + 1);
    }
}

#[test]
fn schema_and_parser_agree_on_the_event_vectors() {
    let schema = event_schema();
    let doc: Value =
        serde_json::from_str(include_str!("../../../../tests/vectors/events.json")).unwrap();
    for v in doc["vectors"].as_array().unwrap() {
        let input = v["input"].as_str().unwrap();
        let Ok(value) = serde_json::from_str::<Value>(input) else {
            continue;
        };
        let parsed = CaseEvent::from_json(input);
        // Rules the schema cannot state (who may act in which direction) are checked only by
        // kesher; everything else must agree.
        let beyond_shape = v["name"] == "customer writing outbound";
        if !beyond_shape {
            assert_eq!(schema.is_valid(&value), parsed.is_ok(), "{}", v["name"]);
        }
    }
}

#[test]
fn customers_validate() {
    let schema = validator(include_str!("../../../../docs/schema/customer.schema.json"));
    let c = Customer::from_json(include_str!("../../../../docs/examples/customer.json")).unwrap();
    let written = serde_json::to_value(&c).unwrap();
    let errors: Vec<String> = schema
        .iter_errors(&written)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let bad: Value = serde_json::json!({"id": "c", "name": "N", "segmnts": []});
    assert!(!schema.is_valid(&bad));
    assert!(Customer::from_json(&bad.to_string()).is_err());
}

#[test]
fn contract_examples_parse() {
    let doc = include_str!("../../../../docs/json-contract.md");
    let mut seen = 0;
    for block in doc.split("```jsonl\n").skip(1) {
        let block = block.split("```").next().unwrap();
        for line in block.lines().filter(|l| !l.trim().is_empty()) {
            CaseEvent::from_json(line).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert!(
                event_schema().is_valid(&serde_json::from_str(line).unwrap()),
                "{line}"
            );
            seen += 1;
        }
    }
    assert!(seen >= 8, "{seen}");
}

/// The blocks of `docs/json-contract.md` whose info string is "json kesher:<name>" or
/// "jsonl kesher:<name>".
fn doc_blocks(name: &str) -> Vec<String> {
    let doc = include_str!("../../../../docs/json-contract.md");
    let mut out = Vec::new();
    for marker in [
        format!("```json kesher:{name}\n"),
        format!("```jsonl kesher:{name}\n"),
    ] {
        for block in doc.split(marker.as_str()).skip(1) {
            out.push(block.split("```").next().unwrap().to_string());
        }
    }
    assert!(!out.is_empty(), "no block kesher:{name}");
    out
}

#[test]
fn calendar_contract_and_report_examples_hold() {
    use kesher::calendar::CalendarEval;
    use kesher::{
        calendar::Calendar,
        sla::{ContractSet, TargetReport},
    };
    for block in doc_blocks("calendar") {
        Calendar::from_json(&block).unwrap_or_else(|e| panic!("{block}: {e}"));
    }
    for block in doc_blocks("contracts") {
        ContractSet::from_json(&block).unwrap_or_else(|e| panic!("{block}: {e}"));
    }
    for block in doc_blocks("target-report") {
        let mut v: Value = serde_json::from_str(&block).unwrap();
        v.as_object_mut().unwrap().remove("case_id");
        serde_json::from_value::<TargetReport>(v).unwrap();
    }
    // The documented answers are what the evaluator says.
    let requests = doc_blocks("calendar-eval").concat();
    let answers = doc_blocks("calendar-answers").concat();
    let mut eval = CalendarEval::default();
    let got: Vec<Value> = requests
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::to_value(eval.eval_line(l)).unwrap())
        .collect();
    let want: Vec<Value> = answers
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(got, want);
}

#[test]
fn calendars_and_contracts_validate_against_their_schemas() {
    use kesher::{
        calendar::{Calendar, Preset},
        sla::ContractSet,
    };
    let calendar = validator(include_str!("../../../../docs/schema/calendar.schema.json"));
    let contracts = validator(include_str!(
        "../../../../docs/schema/contracts.schema.json"
    ));
    // What kesher writes.
    for preset in Preset::ALL {
        let written = serde_json::to_value(preset.calendar().unwrap()).unwrap();
        assert!(calendar.is_valid(&written), "{written}");
        assert!(calendar.is_valid(&Value::String(preset.name().into())));
    }
    for block in doc_blocks("calendar") {
        let v: Value = serde_json::from_str(&block).unwrap();
        assert!(calendar.is_valid(&v), "{block}");
        let written = serde_json::to_value(Calendar::from_value(v).unwrap()).unwrap();
        assert!(calendar.is_valid(&written), "{written}");
    }
    let files = [
        include_str!("../../../../examples/data/contracts.json").to_string(),
        doc_blocks("contracts").concat(),
    ];
    for text in files {
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(contracts.is_valid(&v), "{text}");
        let written = serde_json::to_value(ContractSet::from_json(&text).unwrap()).unwrap();
        assert!(contracts.is_valid(&written), "{written}");
    }
    // What kesher rejects, the schema rejects too (where a schema can say it).
    for bad in [
        r#"{"tz": "UTC", "week": {"monday": [["09:00","17:00"]]}}"#,
        r#"{"tz": "UTC", "week": {"mon": [["9:00","17:00"]]}}"#,
        r#"{"tz": "UTC", "week": {"mon": [["09:00","25:00"]]}}"#,
        r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}, "holidays": ["5 May"]}"#,
        r#"{"tz": "UTC", "week": {}, "holiday_rules": [{"set": "mars"}]}"#,
        r#""atlantis""#,
    ] {
        let v: Value = serde_json::from_str(bad).unwrap();
        assert!(!calendar.is_valid(&v), "{bad}");
        assert!(Calendar::from_value(v).is_err(), "{bad}");
    }
    for name in ["israel", "us", "uk"] {
        assert!(Calendar::from_value(Value::String(name.into())).is_ok());
    }
    for bad in [
        r#"[{"name": "a", "calendar": "israel", "targets": []}]"#,
        r#"[{"name": "a", "calendar": "israel", "targets": [{"metric": "first_reply", "within": 5}]}]"#,
        r#"[{"name": "a", "calendar": "israel", "targets": [{"metric": "resolution", "within": -5}]}]"#,
        r#"[{"name": "a", "calendar": "israel", "targets": [{"metric": "resolution", "within": 5}], "warn_at": [1.5]}]"#,
        r#"[{"name": "a", "calendar": "israel", "targets": [{"metric": "resolution", "within": 5}], "pause_on": ["resolved"]}]"#,
    ] {
        let v: Value = serde_json::from_str(bad).unwrap();
        assert!(!contracts.is_valid(&v), "{bad}");
        assert!(ContractSet::from_json(bad).is_err(), "{bad}");
    }
}

#[test]
fn journey_and_pattern_examples_hold() {
    use kesher::journey::{Journey, Pattern, PatternBuilder, Stages};
    let journeys: Vec<Journey> = doc_blocks("journey")
        .iter()
        .map(|b| Journey::from_json(b).unwrap())
        .collect();
    for block in doc_blocks("pattern") {
        let documented: Pattern = serde_json::from_str(&block).unwrap();
        // The documented pattern is what two journeys with those stage values give.
        let mut b = PatternBuilder::new(Stages::default(), -0.66);
        b.add_values("acme", &[Some(-0.25), Some(-0.7), Some(-0.55), None, None]);
        b.add_values("acme", &[Some(-0.25), Some(-0.5), Some(-0.35), None, None]);
        let built = &b.finish()[0];
        assert_eq!(built.stages, documented.stages);
        assert_eq!(built.trouble.len(), documented.trouble.len());
        for (x, y) in built.trouble.iter().zip(&documented.trouble) {
            assert_eq!(x.stage, y.stage);
            assert!((x.score - y.score).abs() < 1e-9, "{x:?} {y:?}");
        }
    }
    assert_eq!(journeys[0].points().len(), 4);
    let maps = doc_blocks("stage-map");
    assert_eq!(maps.len(), 1);
    assert_eq!(
        kesher::journey::StageMap::from_json(&maps[0]).unwrap(),
        kesher::journey::StageMap::default(),
        "the documented default stage map is the default"
    );
}

#[test]
fn the_live_case_example_resumes_and_ticks_as_documented() {
    use kesher::live::LiveCase;
    let block = doc_blocks("live-case").concat();
    let live = LiveCase::from_snapshot(&block).unwrap();
    let written: serde_json::Value = serde_json::from_str(&live.to_snapshot()).unwrap();
    let mut documented: serde_json::Value = serde_json::from_str(&block).unwrap();
    // The document leaves out the case's derived facts, which a snapshot writes for readers.
    if let Some(case) = written.get("case").and_then(|c| c.get("facts")) {
        documented["case"]["facts"] = case.clone();
    }
    assert_eq!(written, documented);
    let mut live = live;
    let mut engine = kesher::sla::SlaEngine::new(
        kesher::sla::ContractSet::from_json(
            r#"[{"name": "std", "calendar": "israel", "targets": [{"metric": "first_response", "within": 7200}]}]"#,
        )
        .unwrap(),
    );
    let changes = live.tick(&mut engine, live.wake_at().unwrap()).unwrap();
    let changes = serde_json::to_value(&changes).unwrap();
    let documented: serde_json::Value =
        serde_json::from_str(&doc_blocks("case-changes").concat()).unwrap();
    assert_eq!(changes, documented);
}

#[test]
fn the_documented_rules_escalate_the_documented_case_at_its_breach() {
    use kesher::live::{Escalation, EscalationRules, LiveCase};
    let rules = EscalationRules::from_json(&doc_blocks("escalation-rules").concat()).unwrap();
    let contracts = kesher::sla::ContractSet::from_json(
        r#"[{"name": "std", "calendar": "israel", "warn_at": [0.75],
            "targets": [{"metric": "first_response", "within": 7200}]}]"#,
    )
    .unwrap();
    rules.check(&contracts).unwrap();
    let mut engine = kesher::sla::SlaEngine::new(contracts.clone());
    let mut live = LiveCase::from_snapshot(&doc_blocks("live-case").concat()).unwrap();
    let mut asked = Vec::new();
    let end: chrono::DateTime<chrono::Utc> = "2025-01-05T09:00:00.000000001Z".parse().unwrap();
    while let Some(at) = live.wake_at() {
        if at > end {
            break;
        }
        let (_, more) = rules
            .tick(&mut live, &mut engine, at, &contracts, kesher::Language::En)
            .unwrap();
        asked.extend(more);
    }
    let documented: Escalation = serde_json::from_str(&doc_blocks("escalation").concat()).unwrap();
    assert_eq!(asked.last(), Some(&documented));
    assert_eq!(
        asked.len(),
        2,
        "the notice at 75 % and the breach: {asked:?}"
    );
    assert_eq!(
        serde_json::to_value(&documented).unwrap(),
        serde_json::from_str::<serde_json::Value>(&doc_blocks("escalation").concat()).unwrap()
    );
}
