//! Events read from an Arrow record batch, column by column.
//!
//! A batch holds one event per row in the columns of the JSON contract (`type`, `case_id`, `at`,
//! `customer` as a struct with `id`, …), as Spark, pyarrow or polars read a JSON Lines file of
//! events or a Parquet table of them. A null cell is an absent key (Spark's inferred schema is
//! the union of every event type's fields). Each row becomes the JSON value it stands for, built
//! from the columns without any JSON text, and is then checked by the core exactly as a line of
//! JSON is ([`kesher::event::CaseEvent::from_value`]), so the errors name the same fields.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrowPrimitiveType, OffsetSizeTrait, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use kesher::event::CaseEvent;
use serde_json::{Map, Number, Value};

/// Reads one cell of a column as JSON: `None` for a null (an absent key).
type Cell<'a> = Box<dyn Fn(usize) -> kesher::Result<Option<Value>> + 'a>;

/// The events of `batch`, one per row in order, each read and checked as the same event in JSON
/// would be; a row that is not an event is its error, which names the field. Feed them to
/// [`kesher::case::fold_events`]: a rejection's `origin` is then the row's index in the batch.
///
/// Columns may be text (`Utf8`, `LargeUtf8`, `Utf8View`, or dictionary-encoded text), integers,
/// floats, booleans, structs (JSON objects), lists, maps with text keys, timestamps (written as
/// RFC 3339 instants; one without a time zone has no offset, which the core refuses) and dates.
/// A cell of another type (binary, decimal…) makes its row an error naming the column.
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
///
/// let column = |v: Vec<Option<&str>>| Arc::new(StringArray::from(v)) as ArrayRef;
/// let batch = RecordBatch::try_from_iter([
///     ("type", column(vec![Some("assigned"), Some("assigned")])),
///     ("case_id", column(vec![Some("T-1"), Some("T-1")])),
///     ("seq", Arc::new(Int64Array::from(vec![Some(1), None])) as ArrayRef),
///     ("at", column(vec![Some("2025-01-05T09:00:00Z"), Some("yesterday")])),
///     ("agent", column(vec![Some("dana"), Some("dana")])),
/// ])?;
/// let events: Vec<_> = kesher_io::arrow::events(&batch).collect();
/// assert_eq!(events[0].as_ref().map(|e| e.type_name()), Ok("assigned"));
/// assert_eq!(events[1].as_ref().unwrap_err().field(), Some("at"));
/// # Ok::<(), arrow_schema::ArrowError>(())
/// ```
pub fn events(batch: &RecordBatch) -> impl Iterator<Item = kesher::Result<CaseEvent>> + '_ {
    let schema = batch.schema_ref();
    let columns: Vec<(&str, Cell<'_>)> = schema
        .fields()
        .iter()
        .zip(batch.columns())
        .map(|(f, c)| (f.name().as_str(), cell(f.name(), c.as_ref())))
        .collect();
    (0..batch.num_rows()).map(move |row| {
        let mut map = Map::new();
        for (name, read) in &columns {
            if let Some(v) = read(row)? {
                map.insert((*name).to_owned(), v);
            }
        }
        CaseEvent::from_value(Value::Object(map))
    })
}

/// The reader of one column; `path` names it in errors (`customer.id`).
fn cell<'a>(path: &str, array: &'a dyn Array) -> Cell<'a> {
    let nullable = move |read: Box<dyn Fn(usize) -> kesher::Result<Value> + 'a>| -> Cell<'a> {
        Box::new(move |row| {
            if array.is_null(row) {
                Ok(None)
            } else {
                read(row).map(Some)
            }
        })
    };
    match array.data_type() {
        DataType::Null => Box::new(|_| Ok(None)),
        DataType::Utf8 => text::<i32>(array, nullable),
        DataType::LargeUtf8 => text::<i64>(array, nullable),
        DataType::Utf8View => {
            let a = array.as_string_view();
            nullable(Box::new(move |r| Ok(Value::String(a.value(r).to_owned()))))
        }
        DataType::Boolean => {
            let a = array.as_boolean();
            nullable(Box::new(move |r| Ok(Value::Bool(a.value(r)))))
        }
        DataType::Int8 => integer::<Int8Type>(array, nullable),
        DataType::Int16 => integer::<Int16Type>(array, nullable),
        DataType::Int32 => integer::<Int32Type>(array, nullable),
        DataType::Int64 => integer::<Int64Type>(array, nullable),
        DataType::UInt8 => integer::<UInt8Type>(array, nullable),
        DataType::UInt16 => integer::<UInt16Type>(array, nullable),
        DataType::UInt32 => integer::<UInt32Type>(array, nullable),
        DataType::UInt64 => integer::<UInt64Type>(array, nullable),
        DataType::Float32 => float::<Float32Type>(array, nullable),
        DataType::Float64 => float::<Float64Type>(array, nullable),
        DataType::Timestamp(unit, zone) => {
            let zoned = zone.is_some();
            let unit = *unit;
            let value: Box<dyn Fn(usize) -> i64 + 'a> = match unit {
                TimeUnit::Second => {
                    let a = array.as_primitive::<TimestampSecondType>();
                    Box::new(move |r| a.value(r))
                }
                TimeUnit::Millisecond => {
                    let a = array.as_primitive::<TimestampMillisecondType>();
                    Box::new(move |r| a.value(r))
                }
                TimeUnit::Microsecond => {
                    let a = array.as_primitive::<TimestampMicrosecondType>();
                    Box::new(move |r| a.value(r))
                }
                TimeUnit::Nanosecond => {
                    let a = array.as_primitive::<TimestampNanosecondType>();
                    Box::new(move |r| a.value(r))
                }
            };
            let path = path.to_owned();
            nullable(Box::new(move |r| instant(&path, value(r), unit, zoned)))
        }
        DataType::Date32 => {
            let a = array.as_primitive::<Date32Type>();
            let path = path.to_owned();
            nullable(Box::new(move |r| date(&path, a.value(r))))
        }
        DataType::Struct(fields) => {
            let a = array.as_struct();
            let children: Vec<(String, Cell<'a>)> = fields
                .iter()
                .zip(a.columns())
                .map(|(f, c)| (f.name().clone(), cell(&join(path, f.name()), c.as_ref())))
                .collect();
            nullable(Box::new(move |r| {
                let mut map = Map::new();
                for (name, read) in &children {
                    if let Some(v) = read(r)? {
                        map.insert(name.clone(), v);
                    }
                }
                Ok(Value::Object(map))
            }))
        }
        DataType::List(_) => list::<i32>(path, array, nullable),
        DataType::LargeList(_) => list::<i64>(path, array, nullable),
        DataType::Map(_, _) => {
            let a = array.as_map();
            let keys = cell(&join(path, "key"), a.keys().as_ref());
            let values = cell(path, a.values().as_ref());
            let path = path.to_owned();
            nullable(Box::new(move |r| {
                let offsets = a.value_offsets();
                let mut map = Map::new();
                for k in offset(offsets, r)..offset(offsets, r + 1) {
                    let Some(Value::String(key)) = keys(k)? else {
                        return Err(kesher::Error::invalid_input(
                            &path,
                            "a map",
                            "a map's keys must be text",
                        ));
                    };
                    map.insert(key, values(k)?.unwrap_or(Value::Null));
                }
                Ok(Value::Object(map))
            }))
        }
        DataType::Dictionary(_, _) => {
            let a = array.as_any_dictionary();
            let keys = a.normalized_keys();
            let values = cell(path, a.values().as_ref());
            nullable(Box::new(move |r| {
                let k = keys.get(r).copied().unwrap_or_default();
                Ok(values(k)?.unwrap_or(Value::Null))
            }))
        }
        other => {
            let path = path.to_owned();
            let kind = other.to_string();
            nullable(Box::new(move |_| {
                Err(kesher::Error::invalid_input(
                    &path,
                    &kind,
                    "an event's column holds text, numbers, booleans, instants, dates, structs, lists or maps",
                ))
            }))
        }
    }
}

fn join(path: &str, name: &str) -> String {
    format!("{path}.{name}")
}

fn offset<O: OffsetSizeTrait>(offsets: &[O], at: usize) -> usize {
    offsets.get(at).and_then(|o| o.to_usize()).unwrap_or(0)
}

fn text<'a, O: OffsetSizeTrait>(
    array: &'a dyn Array,
    nullable: impl Fn(Box<dyn Fn(usize) -> kesher::Result<Value> + 'a>) -> Cell<'a>,
) -> Cell<'a> {
    let a = array.as_string::<O>();
    nullable(Box::new(move |r| Ok(Value::String(a.value(r).to_owned()))))
}

fn integer<'a, T>(
    array: &'a dyn Array,
    nullable: impl Fn(Box<dyn Fn(usize) -> kesher::Result<Value> + 'a>) -> Cell<'a>,
) -> Cell<'a>
where
    T: ArrowPrimitiveType,
    T::Native: Into<Number>,
{
    let a = array.as_primitive::<T>();
    nullable(Box::new(move |r| Ok(Value::Number(a.value(r).into()))))
}

fn float<'a, T>(
    array: &'a dyn Array,
    nullable: impl Fn(Box<dyn Fn(usize) -> kesher::Result<Value> + 'a>) -> Cell<'a>,
) -> Cell<'a>
where
    T: ArrowPrimitiveType,
    T::Native: Into<f64>,
{
    let a = array.as_primitive::<T>();
    // NaN and infinities have no JSON form: null, which the core then refuses where a number is
    // required, as it would `null` in a line of JSON.
    nullable(Box::new(move |r| {
        Ok(Number::from_f64(a.value(r).into()).map_or(Value::Null, Value::Number))
    }))
}

fn list<'a, O: OffsetSizeTrait>(
    path: &str,
    array: &'a dyn Array,
    nullable: impl Fn(Box<dyn Fn(usize) -> kesher::Result<Value> + 'a>) -> Cell<'a>,
) -> Cell<'a> {
    let a = array.as_list::<O>();
    let items = cell(&format!("{path}[]"), a.values().as_ref());
    nullable(Box::new(move |r| {
        let offsets = a.value_offsets();
        (offset(offsets, r)..offset(offsets, r + 1))
            .map(|k| items(k).map(|v| v.unwrap_or(Value::Null)))
            .collect::<kesher::Result<Vec<Value>>>()
            .map(Value::Array)
    }))
}

/// An instant as RFC 3339 text (`Z` when the column has a time zone: Arrow keeps UTC).
fn instant(path: &str, value: i64, unit: TimeUnit, zoned: bool) -> kesher::Result<Value> {
    let at = match unit {
        TimeUnit::Second => chrono::DateTime::from_timestamp(value, 0),
        TimeUnit::Millisecond => chrono::DateTime::from_timestamp_millis(value),
        TimeUnit::Microsecond => chrono::DateTime::from_timestamp_micros(value),
        TimeUnit::Nanosecond => Some(chrono::DateTime::from_timestamp_nanos(value)),
    };
    let Some(at) = at else {
        return Err(kesher::Error::invalid_input(
            path,
            value,
            "an instant beyond the years chrono can hold",
        ));
    };
    let text = if zoned {
        at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    } else {
        at.naive_utc().format("%Y-%m-%dT%H:%M:%S%.f").to_string()
    };
    Ok(Value::String(text))
}

fn date(path: &str, days: i32) -> kesher::Result<Value> {
    chrono::NaiveDate::from_num_days_from_ce_opt(days.saturating_add(719_163))
        .map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
        .ok_or_else(|| kesher::Error::invalid_input(path, days, "a date beyond chrono's years"))
}
