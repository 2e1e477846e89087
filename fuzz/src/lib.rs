//! What each fuzz target checks, as plain functions that `cargo fuzz run <target>` drives with
//! libFuzzer. Every run first replays the seed corpus and every input that once failed
//! (`regressions/<target>/`).
//!
//! Beyond "no panic, no abort, no hang", every target asserts what the project promises of its
//! input: importers account for every row and put an accepted row in exactly one case, the SVG
//! is well-formed XML, the report's JSON parses back.
#![allow(clippy::panic)] // a broken promise must stop the fuzzer loudly

use chrono::{DateTime, Utc};
use kesher::{
    case::CaseLog,
    journey::EmotionModel,
    sla::{ContractSet, SlaEngine},
    text::SentimentScorer,
    CaseId,
};
use kesher_io::Format;
use std::collections::{BTreeMap, BTreeSet};

/// The bundled example contracts, so the fold targets also run the SLA engine.
const CONTRACTS: &str = include_str!("../../examples/data/contracts.json");

/// The instant the clocks are read at.
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600, 0).unwrap_or(DateTime::UNIX_EPOCH) // 2026-01-01
}

/// `CaseEvent::from_json` on the whole input, and the JSON Lines reader over it line by line:
/// every line is accepted or rejected, and an accepted one parses alone to the same event.
pub fn event_json(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = kesher::event::CaseEvent::from_json(text);
    }
    let mut reader = kesher_io::JsonLinesEvents::new(data);
    let mut rows = 0u64;
    for row in reader.by_ref() {
        rows += 1;
        if let Ok((_, event)) = row {
            let again = kesher::event::CaseEvent::from_json(&event.to_json());
            assert_eq!(again.ok().as_ref(), Some(&event), "an event must read back");
        }
    }
    let s = reader.summary();
    assert_eq!(s.read, s.accepted + s.rejected, "{s}");
    assert_eq!(s.read, rows, "{s}");
}

/// The `calendar eval` protocol, one request per line: every line gets an answer.
pub fn calendar_eval(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut eval = kesher::calendar::CalendarEval::default();
    for line in text.lines().take(64) {
        let answer = eval.eval_line(line);
        assert!(
            answer.result.is_some() || answer.error.is_some(),
            "a request got neither a result nor an error"
        );
    }
}

/// A carriage return not followed by a line feed: the CSV reader takes it as the end of a
/// record (classic Mac line ends) but rows are numbered by line feeds, so two rows can then share
/// a line number.
fn has_bare_cr(data: &[u8]) -> bool {
    data.windows(2).any(|w| w[0] == b'\r' && w[1] != b'\n') || data.last() == Some(&b'\r')
}

/// Runs an importer to its end and checks the accounting: `read = accepted + rejected`, and the
/// accepted rows (by line) are exactly the rows found in the cases, each in one case only.
fn import(data: &[u8], format: Format) {
    let Ok(mut source) = kesher_io::import(Box::new(std::io::Cursor::new(data.to_vec())), format)
    else {
        return; // not that format at all (a header without the columns): refused as a whole
    };
    let lines_are_rows = !has_bare_cr(data);
    // A row's own event claims its line; an `opened` event an importer made up from the row that
    // starts a thread (whose tweet may go to another brand's case) claims it only if nothing else did.
    let mut owner: BTreeMap<u64, CaseId> = BTreeMap::new();
    let mut opened_from: Vec<(u64, CaseId)> = Vec::new();
    let mut ids = BTreeSet::new();
    for item in source.by_ref() {
        let Ok(batch) = item else { continue };
        assert!(
            ids.insert(batch.case_id.clone()),
            "case {} handed over twice",
            batch.case_id
        );
        for (line, event) in &batch.events {
            if matches!(event, kesher::event::CaseEvent::Opened(_)) {
                opened_from.push((*line, batch.case_id.clone()));
                continue;
            }
            let previous = owner.insert(*line, batch.case_id.clone());
            if let Some(other) = previous.filter(|o| *o != batch.case_id && lines_are_rows) {
                panic!("line {line} is in cases {other} and {}", batch.case_id);
            }
        }
        let _ = batch.into_log().into_outcome();
    }
    for (line, case) in opened_from {
        owner.entry(line).or_insert(case);
    }
    let s = source.summary();
    assert_eq!(s.read, s.accepted + s.rejected, "{s}");
    if lines_are_rows {
        assert_eq!(
            owner.len() as u64,
            s.accepted,
            "accepted rows not in a case: {s}"
        );
    } else {
        assert!(
            owner.len() as u64 <= s.accepted,
            "rows in cases not accepted: {s}"
        );
    }
}

/// Kesher's JSON Lines events.
pub fn import_events(data: &[u8]) {
    import(data, Format::Events);
}

/// The input as JSON Lines read by arrow-json into record batches of the schema it infers (any
/// nesting of structs, lists and scalars), then every row read as an event: one item per row,
/// the fold accounting for each of them, and a case-state row per case.
pub fn import_arrow(data: &[u8]) {
    let Ok((schema, _)) = arrow_json::reader::infer_json_schema(std::io::Cursor::new(data), None)
    else {
        return;
    };
    let Ok(reader) = arrow_json::ReaderBuilder::new(std::sync::Arc::new(schema))
        .with_batch_size(7)
        .build(std::io::Cursor::new(data))
    else {
        return;
    };
    let batches: Vec<arrow_array::RecordBatch> = reader.map_while(Result::ok).collect();
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    let read = batches.iter().flat_map(kesher_io::arrow::events).count();
    assert_eq!(read, rows, "one event or error per row");
    let folded = kesher::case::fold_events(batches.iter().flat_map(kesher_io::arrow::events));
    let used: usize = folded.cases.iter().map(|c| c.log().len()).sum();
    assert!(folded.rejected.len() <= rows && used <= rows);
    assert!(folded.rejected.iter().all(|r| (r.origin as usize) < rows));
    let table = kesher_io::arrow::case_states(&folded.cases, "brand");
    assert_eq!(table.map(|t| t.num_rows()).ok(), Some(folded.cases.len()));
}

/// The Twitter customer-support CSV.
pub fn import_twcs(data: &[u8]) {
    import(data, Format::Twcs);
}

/// Event-log CSVs: the helpdesk layout, then BPI Challenge 2013.
pub fn import_eventlog(data: &[u8]) {
    import(data, Format::helpdesk());
    if let Ok(bpic) = Format::from_name("bpic2013") {
        import(data, bpic);
    }
}

/// The IBM customer-care JSON conversations.
pub fn import_ibm(data: &[u8]) {
    import(data, Format::IbmJson);
}

/// The events of a JSON Lines file, grouped by case, in input order.
fn events(data: &[u8]) -> BTreeMap<CaseId, Vec<kesher::event::CaseEvent>> {
    let mut cases: BTreeMap<CaseId, Vec<kesher::event::CaseEvent>> = BTreeMap::new();
    for (_, event) in kesher_io::JsonLinesEvents::new(data).flatten() {
        if let Some(id) = event.case_id().cloned() {
            cases.entry(id).or_default().push(event);
        }
    }
    cases
}

/// A case's events folded leniently, in the order given.
fn folded<'a>(
    events: impl Iterator<Item = &'a kesher::event::CaseEvent>,
) -> kesher::case::FoldOutcome {
    let mut log = CaseLog::default();
    for e in events {
        log.insert(e.clone());
    }
    log.into_outcome()
}

/// Every case of a JSON Lines event file, folded leniently.
fn cases(data: &[u8]) -> Vec<kesher::case::Case> {
    events(data)
        .values()
        .filter_map(|e| folded(e.iter()).case)
        .collect()
}

/// Folds every case in input order and reversed (the fold must not depend on the order),
/// evaluates it against the example contracts and draws its journey.
pub fn fold(data: &[u8]) {
    let Ok(set) = ContractSet::from_json(CONTRACTS) else {
        panic!("the bundled contracts must read");
    };
    let mut engine = SlaEngine::new(set);
    let model = EmotionModel::default();
    for events in events(data).values() {
        let forward = folded(events.iter());
        let backward = folded(events.iter().rev());
        assert!(
            forward.case == backward.case,
            "the fold depends on the order of the events"
        );
        let Some(case) = forward.case else { continue };
        let sla = engine.evaluate(&case, now()).ok();
        let journey = model.journey(&case, now(), sla.as_ref());
        let _ = serde_json::to_string(&journey);
    }
}

/// The whole report: cases evaluated (or refused), journeys, patterns, problems, retention,
/// then the page and the JSON, which must parse back.
pub fn report(data: &[u8]) {
    let Ok(set) = ContractSet::from_json(CONTRACTS) else {
        panic!("the bundled contracts must read");
    };
    let mut engine = SlaEngine::new(set.clone());
    let scorer = SentimentScorer::DEFAULT;
    let model = EmotionModel {
        scorer: Some(&scorer),
        ..EmotionModel::default()
    };
    let mut builder = kesher::report::ReportBuilder::new(Default::default());
    for case in cases(data) {
        match engine.evaluate(&case, now()) {
            Ok(sla) => {
                let journey = model.journey(&case, now(), Some(&sla));
                builder.add(&case, Some(&sla), &journey, now());
            }
            Err(e) => builder.refuse(case.id().clone(), e),
        }
    }
    let report = builder.finish(Some(&set), kesher::Language::He, now());
    let html = report.to_html();
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "the page must be a page"
    );
    let json = serde_json::to_string(&report).unwrap_or_else(|e| panic!("report JSON: {e}"));
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
        panic!("the report's JSON must parse: {e}");
    }
}

/// A conversation made of the input's lines (customer and agent in turn), drawn as a journey:
/// the SVG must be well-formed XML whatever the text.
pub fn journey_svg(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut log = CaseLog::default();
    let opened = r#"{"type": "opened", "case_id": "F", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "chat"}"#;
    let Ok(event) = kesher::event::CaseEvent::from_json(opened) else {
        panic!("the opened event must read");
    };
    log.insert(event);
    for (i, line) in text.lines().take(200).enumerate() {
        let (direction, actor) = if i % 2 == 0 {
            ("inbound", r#"{"type": "customer"}"#)
        } else {
            ("outbound", r#"{"type": "agent", "id": "a"}"#)
        };
        let event = serde_json::json!({
            "type": "interaction", "case_id": "F", "id": format!("m{i}"), "customer_id": "c",
            "at": format!("2025-01-05T{:02}:{:02}:00Z", 9 + i / 60, i % 60),
            "channel": "chat", "direction": direction,
            "actor": serde_json::from_str::<serde_json::Value>(actor).unwrap_or_default(),
            "kind": "message", "text": line,
        });
        if let Ok(e) = kesher::event::CaseEvent::from_json(&event.to_string()) {
            log.insert(e);
        }
    }
    let Ok(case) = log.fold() else { return };
    let scorer = SentimentScorer::DEFAULT;
    let model = EmotionModel {
        scorer: Some(&scorer),
        ..EmotionModel::default()
    };
    let journey = model.journey(&case, now(), None);
    let svg = kesher::journey::journey_svg(
        &journey,
        &kesher::journey::Stages::default(),
        &kesher::journey::SvgOptions::default(),
    );
    if let Err(e) = roxmltree::Document::parse(&svg) {
        panic!("the journey SVG is not well-formed: {e}");
    }
}

/// One-row-per-ticket tables (the NYC 311 preset), checked row by row as the CSV importers;
/// the four helpdesk exports, whose rows are records (a ticket, a conversation: several can
/// share a line of JSON), checked record by record: each accepted one is one case, handed over
/// once.
pub fn import_exports(data: &[u8]) {
    if let Ok(format) = Format::from_name("nyc311") {
        import(data, format);
    }
    for name in ["zendesk", "freshdesk", "zammad", "chatwoot"] {
        let Ok(format) = Format::from_name(name) else {
            continue;
        };
        let Ok(mut source) =
            kesher_io::import(Box::new(std::io::Cursor::new(data.to_vec())), format)
        else {
            continue;
        };
        let (mut cases, mut ids) = (0u64, BTreeSet::new());
        for batch in source.by_ref().flatten() {
            assert!(
                ids.insert(batch.case_id.clone()),
                "case {} handed over twice",
                batch.case_id
            );
            cases += 1;
        }
        let s = source.summary();
        assert_eq!(s.read, s.accepted + s.rejected, "{name}: {s}");
        assert_eq!(
            s.accepted, cases,
            "{name}: accepted records that are not one case each: {s}"
        );
    }
}

/// A live case per case of a JSON Lines event file, fed in input order and read at each
/// event's instant (clamped so time never runs back) through the example rules: it must hold
/// the lenient fold of its events, and its snapshot must resume to the same snapshot. The raw
/// input is also offered as a snapshot and as rules, which may fail but never panic.
pub fn live(data: &[u8]) {
    use kesher::live::{EscalationRules, LiveCase};
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = LiveCase::from_snapshot(text);
        let _ = EscalationRules::from_json(text);
    }
    let Ok(set) = ContractSet::from_json(CONTRACTS) else {
        panic!("the bundled contracts must read");
    };
    let Ok(rules) = EscalationRules::from_json(RULES) else {
        panic!("the example rules must read");
    };
    let mut engine = SlaEngine::new(set.clone());
    for (id, events) in events(data) {
        let mut live = LiveCase::new(id);
        let mut now = DateTime::<Utc>::MIN_UTC;
        for event in events.iter() {
            now = now.max(event.at());
            let Ok((_, asked)) = rules.apply(
                &mut live,
                event.clone(),
                &mut engine,
                now,
                &set,
                kesher::Language::He,
            ) else {
                continue;
            };
            assert!(
                asked.iter().all(|e| e.case_id == *live.id()),
                "an escalation of another case"
            );
        }
        let expected = folded(events.iter());
        assert!(
            live.case() == expected.case.as_ref(),
            "the live case is not the fold of its events"
        );
        let snapshot = live.to_snapshot();
        let Ok(back) = LiveCase::from_snapshot(&snapshot) else {
            panic!("a snapshot must resume: {snapshot}");
        };
        assert!(
            back.to_snapshot() == snapshot,
            "a resumed snapshot must write the same document"
        );
    }
}

/// The example help desk's rules (examples/crm/rules.json).
const RULES: &str = include_str!("../../examples/crm/rules.json");
