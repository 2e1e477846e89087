//! Cases as Arrow tables: one row per case, in the columns Spark and dataframes read.

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int32Builder, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, TimeUnit};
use kesher::case::Case;
use std::sync::Arc;

/// The columns of [`case_states`], in order: `case_id`, `customer_id`, `status`, `priority`,
/// `channel` (the first), `segment` (the metadata value under the segment key), `opened_at`,
/// `last_event_at` (UTC microseconds), `first_response_seconds` (to the first human answer),
/// `resolved`, `first_contact_resolved`, `transfers`, `interactions` and `unanswered` (the
/// customer's messages still waiting for an answer).
///
/// # Example
///
/// ```
/// let schema = kesher_io::arrow::case_state_schema();
/// assert_eq!(schema.field(0).name(), "case_id");
/// assert_eq!(schema.fields().len(), 14);
/// ```
pub fn case_state_schema() -> Schema {
    let instant = DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()));
    let text = |name: &str, nullable| Field::new(name, DataType::Utf8, nullable);
    Schema::new(vec![
        text("case_id", false),
        text("customer_id", false),
        text("status", false),
        text("priority", false),
        text("channel", false),
        text("segment", true),
        Field::new("opened_at", instant.clone(), false),
        Field::new("last_event_at", instant, false),
        Field::new("first_response_seconds", DataType::Float64, true),
        Field::new("resolved", DataType::Boolean, false),
        Field::new("first_contact_resolved", DataType::Boolean, false),
        Field::new("transfers", DataType::Int32, false),
        Field::new("interactions", DataType::Int32, false),
        Field::new("unanswered", DataType::Int32, false),
    ])
}

/// One row per case (a slice of cases or any iterator of references to them), in the columns of
/// [`case_state_schema`]; `segment_key` names the metadata key whose value is the case's
/// segment (`brand`, `team`…).
///
/// # Errors
///
/// Only if arrow-rs refuses the columns it was given (they are built to the schema).
///
/// # Example
///
/// ```
/// use kesher::event::CaseEvent;
/// let opened = CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-05T09:00:00Z",
///     "customer": {"id": "cu-7"}, "channel": "email", "metadata": {"brand": "acme"}}"#)?;
/// let folded = kesher::case::fold_events([Ok(opened)]);
/// let table = kesher_io::arrow::case_states(&folded.cases, "brand")?;
/// assert_eq!(table.num_rows(), 1);
/// let segment = arrow_array::cast::AsArray::as_string::<i32>(table.column(5));
/// assert_eq!(segment.value(0), "acme");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn case_states<'a>(
    cases: impl IntoIterator<Item = &'a Case>,
    segment_key: &str,
) -> Result<RecordBatch, ArrowError> {
    let cases: Vec<&Case> = cases.into_iter().collect();
    let n = cases.len();
    let texts = || StringBuilder::with_capacity(n, n * 12);
    let (mut id, mut customer, mut status, mut priority, mut channel, mut segment) =
        (texts(), texts(), texts(), texts(), texts(), texts());
    let instants = || TimestampMicrosecondBuilder::with_capacity(n).with_timezone("UTC");
    let (mut opened, mut last) = (instants(), instants());
    let mut first = Float64Builder::with_capacity(n);
    let (mut resolved, mut fcr) = (
        BooleanBuilder::with_capacity(n),
        BooleanBuilder::with_capacity(n),
    );
    let counts = || Int32Builder::with_capacity(n);
    let (mut transfers, mut interactions, mut unanswered) = (counts(), counts(), counts());
    for case in cases {
        let facts = case.facts();
        id.append_value(case.id().as_str());
        customer.append_value(case.customer().id.as_str());
        status.append_value(case.status().name());
        priority.append_value(case.priority().as_str());
        channel.append_value(case.first_channel().name());
        segment.append_option(case.metadata().get(segment_key));
        opened.append_value(case.opened_at().timestamp_micros());
        last.append_value(case.last_event_at().timestamp_micros());
        first.append_option(facts.time_to_first_human_response.map(seconds));
        resolved.append_value(facts.time_to_resolution.is_some());
        fcr.append_value(facts.first_contact_resolved);
        transfers.append_value(count(case.transfers() as usize));
        interactions.append_value(count(case.log().len()));
        unanswered.append_value(count(facts.unanswered_inbound.len()));
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(customer.finish()),
        Arc::new(status.finish()),
        Arc::new(priority.finish()),
        Arc::new(channel.finish()),
        Arc::new(segment.finish()),
        Arc::new(opened.finish()),
        Arc::new(last.finish()),
        Arc::new(first.finish()),
        Arc::new(resolved.finish()),
        Arc::new(fcr.finish()),
        Arc::new(transfers.finish()),
        Arc::new(interactions.finish()),
        Arc::new(unanswered.finish()),
    ];
    RecordBatch::try_new(Arc::new(case_state_schema()), columns)
}

/// Seconds with their fraction, as the JSON of case facts writes them.
fn seconds(d: chrono::TimeDelta) -> f64 {
    d.num_seconds() as f64 + f64::from(d.subsec_nanos()) / 1e9
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}
