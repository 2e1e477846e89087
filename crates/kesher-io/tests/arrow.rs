//! Events read from Arrow record batches fold to the same cases as the same events in JSON.
#![cfg(feature = "arrow")]
#![allow(clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly

use arrow_array::cast::AsArray;
use arrow_array::{
    Array, ArrayRef, BinaryArray, DictionaryArray, RecordBatch, StringArray,
    TimestampMicrosecondArray,
};
use kesher::case::fold_events;
use kesher::event::CaseEvent;
use std::sync::Arc;

const SAMPLE: &str = include_str!("../../../examples/data/ibm-twitter-care-dev200.jsonl");

/// The sample's lines as record batches of `rows` rows, read by arrow-json with the schema it
/// infers (structs for objects, lists for arrays, nulls for absent keys), as Spark reads them.
fn batches(text: &str, rows: usize) -> Vec<RecordBatch> {
    let (schema, _) =
        arrow_json::reader::infer_json_schema(std::io::Cursor::new(text.as_bytes()), None)
            .expect("the sample is JSON Lines");
    arrow_json::ReaderBuilder::new(Arc::new(schema))
        .with_batch_size(rows)
        .build(std::io::Cursor::new(text.as_bytes()))
        .expect("a reader")
        .collect::<Result<_, _>>()
        .expect("batches")
}

#[test]
fn the_sample_folds_the_same_from_arrow_as_from_json() {
    let lines: Vec<&str> = SAMPLE.lines().filter(|l| !l.trim().is_empty()).collect();
    let from_json = fold_events(lines.iter().map(|l| CaseEvent::from_json(l)));
    for rows in [7, 1000, 100_000] {
        let batches = batches(SAMPLE, rows);
        assert!(rows > lines.len() || batches.len() > 1);
        let from_arrow = fold_events(batches.iter().flat_map(kesher_io::arrow::events));
        assert_eq!(from_arrow.cases.len(), from_json.cases.len());
        assert!(from_arrow.rejected.is_empty(), "{:?}", from_arrow.rejected);
        assert_eq!(from_arrow.cases, from_json.cases, "batches of {rows} rows");
    }
    assert!(from_json.cases.len() > 100);
}

#[test]
fn every_row_is_an_event_or_an_error_naming_its_field() {
    let text = |v: Vec<Option<&str>>| Arc::new(StringArray::from(v)) as ArrayRef;
    let batch = RecordBatch::try_from_iter([
        ("type", text(vec![Some("assigned"), Some("assigned"), None])),
        ("case_id", text(vec![Some("T-1"), Some("T-1"), Some("T-1")])),
        (
            "at",
            text(vec![Some("2025-01-05T09:00:00Z"), Some("soon"), None]),
        ),
        (
            "agent",
            text(vec![Some("dana"), Some("dana"), Some("dana")]),
        ),
    ])
    .expect("a batch");
    let read: Vec<_> = kesher_io::arrow::events(&batch).collect();
    assert_eq!(read.len(), 3);
    assert!(read[0].is_ok());
    let second = read[1].as_ref().expect_err("an unreadable instant");
    assert_eq!(second.field(), Some("at"));
    assert!(second.to_string().contains("soon"), "{second}");
    assert_eq!(read[2].as_ref().expect_err("no type").field(), Some("type"));
}

#[test]
fn instants_dictionaries_and_unsupported_columns() {
    let at = TimestampMicrosecondArray::from(vec![1_736_067_600_000_000, 1_736_067_600_000_001])
        .with_timezone("UTC");
    let naive = TimestampMicrosecondArray::from(vec![1_736_067_600_000_000, 0]);
    let agents: DictionaryArray<arrow_array::types::Int8Type> =
        vec!["dana", "omer"].into_iter().collect();
    let base = |at: ArrayRef| {
        RecordBatch::try_from_iter([
            (
                "type",
                Arc::new(StringArray::from(vec!["assigned"; 2])) as ArrayRef,
            ),
            (
                "case_id",
                Arc::new(StringArray::from(vec!["T-1"; 2])) as ArrayRef,
            ),
            ("at", at),
            ("agent", Arc::new(agents.clone()) as ArrayRef),
        ])
        .expect("a batch")
    };
    let zoned = base(Arc::new(at.clone()));
    let events: Vec<CaseEvent> = kesher_io::arrow::events(&zoned)
        .collect::<Result<_, _>>()
        .expect("events");
    assert_eq!(
        events[1].to_json(),
        r#"{"type":"assigned","case_id":"T-1","seq":0,"at":"2025-01-05T09:00:00.000001Z","agent":"omer"}"#
    );
    assert_eq!(events[0].at().timestamp_micros(), at.value(0));
    // Without a time zone the instant has no offset, which the core refuses, naming `at`.
    let unzoned = base(Arc::new(naive));
    for e in kesher_io::arrow::events(&unzoned) {
        assert_eq!(e.expect_err("no offset").field(), Some("at"));
    }
    let binary = base(Arc::new(BinaryArray::from(vec![&b"x"[..], &b"y"[..]])));
    let e = kesher_io::arrow::events(&binary)
        .next()
        .expect("a row")
        .expect_err("binary is not an instant");
    assert_eq!((e.field(), e.value()), (Some("at"), Some("Binary")));
}

#[test]
fn case_states_are_one_row_per_case() {
    let lines: Vec<&str> = SAMPLE.lines().filter(|l| !l.trim().is_empty()).collect();
    let folded = fold_events(lines.iter().map(|l| CaseEvent::from_json(l)));
    let table = kesher_io::arrow::case_states(&folded.cases, "brand").expect("a table");
    assert_eq!(table.num_rows(), folded.cases.len());
    let ids = table.column(0).as_string::<i32>();
    let first = table
        .column(8)
        .as_primitive::<arrow_array::types::Float64Type>();
    for (row, case) in folded.cases.iter().enumerate() {
        assert_eq!(ids.value(row), case.id().as_str());
        let expected = case
            .facts()
            .time_to_first_human_response
            .map(|d| d.num_milliseconds() as f64 / 1000.0);
        let got = (!first.is_null(row)).then(|| first.value(row));
        assert_eq!(got, expected, "case {}", case.id());
    }
    assert!(first.null_count() < table.num_rows());
}
