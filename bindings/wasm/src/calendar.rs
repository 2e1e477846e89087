//! `Calendar`: business time on a calendar, one instant at a time or over `Float64Array`s of
//! epoch milliseconds; and the `kesher calendar eval` protocol.

use crate::error::{fail, invalid, invalid_number, to_json, Result};
use crate::text::{instant, micros_to_millis, millis, nanos_to_millis};
use chrono::{DateTime, TimeDelta};
use kesher::calendar::{EpochUnit, Timeline};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// A business calendar (a preset name or a definition of the JSON contract), compiled once.
///
/// ```js
/// const desk = new Calendar("israel");
/// desk.add(new Date("2025-01-02T14:00:00Z"), 4 * 3600); // Date 2025-01-03T10:00:00Z
/// ```
#[wasm_bindgen(js_name = NativeCalendar)]
#[derive(Debug)]
pub struct Calendar {
    inner: kesher::calendar::Calendar,
    timeline: RefCell<Option<kesher::calendar::Timeline>>,
}

/// Largest epoch milliseconds a JavaScript `Date` holds.
const DATE_LIMIT_MS: f64 = 8.64e15;

/// Epoch milliseconds to epoch microseconds, `None` for NaN (a missing value: an invalid `Date`).
fn micros(field: &str, i: usize, ms: f64) -> Result<Option<i64>> {
    if ms.is_nan() {
        return Ok(None);
    }
    if !ms.is_finite() || ms.abs() > DATE_LIMIT_MS {
        return Err(invalid_number(
            &format!("{field}[{i}]"),
            ms,
            "not an instant a Date can hold (epoch milliseconds within ±8.64e15)",
        ));
    }
    Ok(Some((ms * 1e3).round_ties_even() as i64))
}

/// An instant from whole epoch milliseconds and the nanoseconds within that millisecond (how
/// the package's single calls pass a `Date`, or a string read by [`instant_parts`]), as epoch
/// nanoseconds, the core's unit.
fn at_ns(field: &str, ms: f64, ns: f64) -> Result<i64> {
    let whole = ms.fract() == 0.0 && ms.abs() <= DATE_LIMIT_MS;
    let within = ns.fract() == 0.0 && (0.0..1e6).contains(&ns);
    (whole && within)
        .then(|| (ms as i64).checked_mul(1_000_000)?.checked_add(ns as i64))
        .flatten()
        .ok_or_else(|| {
            invalid_number(
                field,
                ms,
                "not an instant from 1677 to 2262 (whole epoch milliseconds, then 0 to 999999 ns)",
            )
        })
}

/// An RFC 3339 instant as `[whole epoch milliseconds, nanoseconds within the millisecond]`,
/// the way the single calls take instants; the error names `field`.
#[wasm_bindgen(js_name = instantParts)]
pub fn instant_parts(field: &str, text: &str) -> Result<Vec<f64>> {
    let t = instant(field, text)?;
    let ns = t.timestamp_subsec_nanos() % 1_000_000;
    Ok(vec![t.timestamp_millis() as f64, f64::from(ns)])
}

/// Seconds to microseconds, refusing what is not a finite, representable number.
fn span_micros(field: &str, seconds: f64) -> Result<i64> {
    if !seconds.is_finite() || seconds.abs() > 9e9 {
        return Err(invalid_number(
            field,
            seconds,
            "not a representable number of seconds (finite, within ±9e9)",
        ));
    }
    Ok((seconds * 1e6).round_ties_even() as i64)
}

/// A whole number of open days.
fn days(n: f64) -> Result<i32> {
    if n.fract() == 0.0 && n.abs() <= f64::from(i32::MAX) {
        return Ok(n as i32);
    }
    Err(invalid_number(
        "days",
        n,
        "expected a whole number of open days",
    ))
}

/// The rows where every input is present, as microseconds, and their positions: no positions
/// (an empty list) when every row is present, the common case, which is converted in one pass
/// per column (NaN and infinities fail the range test and take the row-by-row path, which names
/// a bad row or leaves the NaN ones out).
fn present(columns: &[(&str, &[f64])]) -> Result<(Vec<usize>, Vec<Vec<i64>>)> {
    let len = columns.first().map_or(0, |c| c.1.len());
    for (name, c) in columns {
        if c.len() != len {
            return Err(invalid(
                name,
                &c.len().to_string(),
                &format!("expected {len} values, as many as the first array"),
            ));
        }
    }
    if columns
        .iter()
        .all(|(_, c)| c.iter().all(|&ms| ms.abs() <= DATE_LIMIT_MS))
    {
        let to_micros = |c: &[f64]| {
            c.iter()
                .map(|&ms| (ms * 1e3).round_ties_even() as i64)
                .collect()
        };
        return Ok((
            Vec::new(),
            columns.iter().map(|(_, c)| to_micros(c)).collect(),
        ));
    }
    let mut rows = Vec::with_capacity(len);
    let mut out: Vec<Vec<i64>> = columns.iter().map(|_| Vec::with_capacity(len)).collect();
    'row: for i in 0..len {
        let mut values = [0i64; 2];
        for (k, (name, c)) in columns.iter().enumerate() {
            match c.get(i).map(|&v| micros(name, i, v)).transpose()?.flatten() {
                Some(v) => {
                    if let Some(slot) = values.get_mut(k) {
                        *slot = v;
                    }
                }
                None => continue 'row,
            }
        }
        rows.push(i);
        for (k, col) in out.iter_mut().enumerate() {
            col.push(values.get(k).copied().unwrap_or_default());
        }
    }
    Ok((rows, out))
}

/// Pairs of instants where both are present, as microseconds, and their rows.
fn pairs(starts: &[f64], ends: &[f64]) -> Result<(Vec<usize>, Vec<i64>, Vec<i64>)> {
    let (rows, cols) = present(&[("starts", starts), ("ends", ends)])?;
    let [a, b]: [Vec<i64>; 2] = cols
        .try_into()
        .map_err(|_| invalid("ends", "", "internal: two columns expected"))?;
    Ok((rows, a, b))
}

/// A core batch error that names an index of the present rows (`ends[4]`), named by the
/// caller's row instead (`rows` is empty when every row is present), and by the caller's
/// argument where the core's differs (`(core, caller)` pairs in `names`: `durations` is
/// `seconds` here).
fn caller_row(e: kesher::Error, rows: &[usize], names: &[(&str, &str)]) -> kesher::Error {
    let place = e.field().and_then(|f| {
        let (name, rest) = f.split_once('[')?;
        Some((
            name.to_string(),
            rest.strip_suffix(']')?.parse::<usize>().ok()?,
        ))
    });
    match place {
        Some((name, k)) => {
            let row = rows.get(k).copied().unwrap_or(k);
            let name = names
                .iter()
                .find(|(core, _)| *core == name)
                .map_or(name.as_str(), |(_, caller)| caller);
            e.renamed(&format!("{name}[{row}]"))
        }
        None => e,
    }
}

/// Spreads answers back over the input rows, NaN where an input was missing (no rows: every
/// input was present and the answers are the output).
fn scatter(len: usize, rows: &[usize], answers: Vec<f64>) -> Vec<f64> {
    if rows.is_empty() && answers.len() == len {
        return answers;
    }
    let mut out = vec![f64::NAN; len];
    for (&i, a) in rows.iter().zip(answers) {
        if let Some(o) = out.get_mut(i) {
            *o = a;
        }
    }
    out
}

impl Calendar {
    /// An instant → instant batch over epoch milliseconds: microseconds into the core,
    /// milliseconds out, NaN rows left out and answered NaN.
    ///
    /// `whole_ms`: whether the question keeps whole milliseconds whole (its duration, if any,
    /// is whole milliseconds; a calendar's boundaries and offsets are whole seconds).
    fn instants(
        &self,
        field: &str,
        mut at: Vec<f64>,
        whole_ms: bool,
        mut ask: impl FnMut(&mut Timeline, &[i64], EpochUnit, &mut [i64]) -> kesher::Result<()>,
    ) -> Result<Vec<f64>> {
        let done = self.instants_in_chunks(&mut at, whole_ms, &mut ask)?;
        if done == at.len() {
            return Ok(at);
        }
        // From the first chunk holding a missing or out-of-range instant on, row by row.
        let (mut rows, mut col) = (Vec::new(), Vec::new());
        for (i, &ms) in at.iter().enumerate().skip(done) {
            if let Some(v) = micros(field, i, ms)? {
                rows.push(i);
                col.push(v);
            }
        }
        let mut out = vec![0i64; col.len()];
        self.with_rows(&rows, &[], |tl| {
            ask(tl, &col, EpochUnit::Microseconds, &mut out)
        })?;
        if let Some(rest) = at.get_mut(done..) {
            rest.fill(f64::NAN);
        }
        for (&i, &u) in rows.iter().zip(&out) {
            if let Some(slot) = at.get_mut(i) {
                *slot = micros_to_millis(u);
            }
        }
        Ok(at)
    }

    /// [`Calendar::instants`] while every instant is present: converted, asked and converted
    /// back a chunk at a time, each chunk's answers written over its instants, so that the
    /// integers stay in the cache and nothing the size of the column is allocated. A chunk of
    /// whole milliseconds (what a `Date` holds) asked a question that keeps them whole goes to
    /// the core in milliseconds, both conversions then being a single instruction; anything
    /// else in microseconds. Returns how many leading instants were answered: it stops, before
    /// touching it, at the first chunk that holds an instant that is missing or out of a
    /// `Date`'s range, and the caller takes the rest row by row. Checking while converting
    /// spares a pass over the whole column before the first chunk.
    fn instants_in_chunks(
        &self,
        at: &mut [f64],
        whole_ms: bool,
        ask: &mut impl FnMut(&mut Timeline, &[i64], EpochUnit, &mut [i64]) -> kesher::Result<()>,
    ) -> Result<usize> {
        const CHUNK: usize = 2048;
        let (mut col, mut out) = (Vec::with_capacity(CHUNK), vec![0i64; CHUNK]);
        self.with_timeline(|tl| {
            for (k, chunk) in at.chunks_mut(CHUNK).enumerate() {
                col.clear();
                let (mut whole, mut dates) = (whole_ms, true);
                col.extend(chunk.iter().map(|&ms| {
                    let i = ms as i64;
                    whole &= i as f64 == ms;
                    dates &= ms.abs() <= DATE_LIMIT_MS;
                    i
                }));
                if !dates {
                    return Ok(k * CHUNK);
                }
                let unit = if whole {
                    EpochUnit::Milliseconds
                } else {
                    col.clear();
                    col.extend(chunk.iter().map(|&ms| (ms * 1e3).round_ties_even() as i64));
                    EpochUnit::Microseconds
                };
                // Only the last chunk is shorter.
                out.truncate(chunk.len());
                ask(tl, &col, unit, &mut out).map_err(|e| {
                    let rows: Vec<usize> = (k * CHUNK..k * CHUNK + chunk.len()).collect();
                    caller_row(e, &rows, &[])
                })?;
                if whole {
                    for (slot, &u) in chunk.iter_mut().zip(&out) {
                        *slot = u as f64;
                    }
                } else {
                    for (slot, &u) in chunk.iter_mut().zip(&out) {
                        *slot = micros_to_millis(u);
                    }
                }
            }
            Ok(at.len())
        })
    }

    fn with_timeline<T>(
        &self,
        f: impl FnOnce(&mut kesher::calendar::Timeline) -> kesher::Result<T>,
    ) -> Result<T> {
        let mut guard = self
            .timeline
            .try_borrow_mut()
            .map_err(|_| invalid("calendar", "", "the calendar is busy"))?;
        let tl = guard.get_or_insert_with(|| self.inner.timeline());
        f(tl).map_err(fail)
    }

    /// [`Calendar::with_timeline`] for a batch over the present `rows`: an error naming an index
    /// names the caller's row (and argument, through `names`).
    fn with_rows<T>(
        &self,
        rows: &[usize],
        names: &[(&str, &str)],
        f: impl FnOnce(&mut kesher::calendar::Timeline) -> kesher::Result<T>,
    ) -> Result<T> {
        self.with_timeline(|tl| f(tl).map_err(|e| caller_row(e, rows, names)))
    }
}

#[wasm_bindgen(js_class = NativeCalendar)]
impl Calendar {
    /// Compiles a calendar from its JSON definition (a preset name is the JSON string
    /// `"israel"`, `"us"` or `"uk"`).
    #[wasm_bindgen(constructor)]
    pub fn new(definition: &str) -> Result<Calendar> {
        let inner = kesher::calendar::Calendar::from_json(definition).map_err(fail)?;
        Ok(Calendar {
            inner,
            timeline: RefCell::new(None),
        })
    }

    /// The definition as JSON text.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<String> {
        to_json("calendar", &self.inner)
    }

    /// `start` plus `seconds` of business time (to the nanosecond), as epoch milliseconds.
    /// Instants cross as whole epoch milliseconds and the nanoseconds within the millisecond.
    pub fn add(&self, start_ms: f64, start_ns: f64, seconds: f64) -> Result<f64> {
        let start = at_ns("start", start_ms, start_ns)?;
        span_micros("seconds", seconds)?;
        let d = (seconds * 1e9).round_ties_even() as i64;
        self.inner
            .add_ns(start, d)
            .map(nanos_to_millis)
            .map_err(fail)
    }

    /// Business seconds between two instants.
    pub fn elapsed(&self, start_ms: f64, start_ns: f64, end_ms: f64, end_ns: f64) -> Result<f64> {
        let a = at_ns("start", start_ms, start_ns)?;
        let b = at_ns("end", end_ms, end_ns)?;
        let e = self.inner.elapsed_ns(a, b).map_err(fail)?;
        Ok(e as f64 / 1e9)
    }

    /// Whether the calendar is open at an instant.
    #[wasm_bindgen(js_name = isOpen)]
    pub fn is_open(&self, at_ms: f64, at_sub_ns: f64) -> Result<bool> {
        let t = at_ns("at", at_ms, at_sub_ns)?;
        self.inner.is_open_ns(t).map_err(fail)
    }

    /// The first open instant at or after `at`, as epoch milliseconds.
    #[wasm_bindgen(js_name = nextOpen)]
    pub fn next_open(&self, at_ms: f64, at_sub_ns: f64) -> Result<f64> {
        let t = at_ns("at", at_ms, at_sub_ns)?;
        self.inner
            .next_open_ns(t)
            .map(nanos_to_millis)
            .map_err(fail)
    }

    /// One instant → instant question: `op` is `sub` (`n` business seconds back from the
    /// instant), `add_days` (`n` open days), `previous_open`, `next_close` or
    /// `previous_close`; epoch milliseconds out.
    pub fn question(&self, op: &str, at_ms: f64, at_sub_ns: f64, n: f64) -> Result<f64> {
        let field = if op == "sub" { "end" } else { "at" };
        let t = DateTime::from_timestamp_nanos(at_ns(field, at_ms, at_sub_ns)?);
        let answer = match op {
            "sub" => {
                span_micros("seconds", n)?;
                self.inner.sub(
                    t,
                    TimeDelta::nanoseconds((n * 1e9).round_ties_even() as i64),
                )
            }
            "add_days" => self.inner.add_days(t, days(n)?),
            "previous_open" => self.inner.previous_open(t),
            "next_close" => self.inner.next_close(t),
            _ => self.inner.previous_close(t),
        };
        answer.map(millis).map_err(fail)
    }

    /// Open days from `start`'s local date up to, not including, `end`'s.
    #[wasm_bindgen(js_name = openDaysBetween)]
    pub fn open_days_between(
        &self,
        start_ms: f64,
        start_ns: f64,
        end_ms: f64,
        end_ns: f64,
    ) -> Result<f64> {
        let a = DateTime::from_timestamp_nanos(at_ns("start", start_ms, start_ns)?);
        let b = DateTime::from_timestamp_nanos(at_ns("end", end_ms, end_ns)?);
        self.inner
            .open_days_between(a, b)
            .map(|n| n as f64)
            .map_err(fail)
    }

    /// [`Calendar::question`] over many instants (epoch milliseconds in and out, NaN in, NaN
    /// out).
    #[wasm_bindgen(js_name = questionMany)]
    pub fn question_many(&self, op: &str, at: Vec<f64>, n: f64) -> Result<Vec<f64>> {
        let d = TimeDelta::microseconds(if op == "sub" {
            span_micros("seconds", n)?
        } else {
            0
        });
        let n_days = if op == "add_days" { days(n)? } else { 0 };
        let whole_ms = d.subsec_nanos() % 1_000_000 == 0;
        self.instants("at", at, whole_ms, |tl, col, unit, out| match op {
            "sub" => tl.sub_many(col, unit, d, out),
            "add_days" => tl.add_days_many(col, unit, n_days, out),
            "previous_open" => tl.previous_open_many(col, unit, out),
            "next_close" => tl.next_close_many(col, unit, out),
            _ => tl.previous_close_many(col, unit, out),
        })
    }

    /// Open days between each start and end (epoch milliseconds; NaN where one is missing).
    #[wasm_bindgen(js_name = openDaysBetweenMany)]
    pub fn open_days_between_many(&self, starts: &[f64], ends: &[f64]) -> Result<Vec<f64>> {
        let (rows, a, b) = pairs(starts, ends)?;
        let mut counts = vec![0i64; a.len()];
        self.with_rows(&rows, &[], |tl| {
            tl.open_days_between_many(&a, &b, EpochUnit::Microseconds, &mut counts)
        })?;
        let counts: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
        Ok(scatter(starts.len(), &rows, counts))
    }

    /// Due times: each start plus the same business `seconds`, epoch milliseconds in and out
    /// (NaN in, NaN out).
    #[wasm_bindgen(js_name = addBatch)]
    pub fn add_many(&self, starts: Vec<f64>, seconds: f64) -> Result<Vec<f64>> {
        let d = TimeDelta::microseconds(span_micros("seconds", seconds)?);
        let whole_ms = d.subsec_nanos() % 1_000_000 == 0;
        self.instants("starts", starts, whole_ms, |tl, col, unit, due| {
            tl.add_many(col, unit, d, due)
        })
    }

    /// Each start plus its own business seconds.
    #[wasm_bindgen(js_name = addEachBatch)]
    pub fn add_each_many(&self, starts: &[f64], seconds: &[f64]) -> Result<Vec<f64>> {
        let ms: Vec<f64> = seconds.iter().map(|s| s * 1e3).collect();
        let (rows, cols) = present(&[("starts", starts), ("seconds", &ms)])?;
        let (s, d) = match cols.as_slice() {
            [s, d] => (s, d),
            _ => return Err(invalid("seconds", "", "internal: two columns expected")),
        };
        let mut due = vec![0i64; s.len()];
        self.with_rows(&rows, &[("durations", "seconds")], |tl| {
            tl.add_each_many(s, d, EpochUnit::Microseconds, &mut due)
        })?;
        let due: Vec<f64> = due.iter().map(|&u| micros_to_millis(u)).collect();
        Ok(scatter(starts.len(), &rows, due))
    }

    /// Business seconds between each start and end.
    #[wasm_bindgen(js_name = elapsedBatch)]
    pub fn elapsed_many(&self, starts: &[f64], ends: &[f64]) -> Result<Vec<f64>> {
        let (rows, a, b) = pairs(starts, ends)?;
        let mut spans = vec![0i64; a.len()];
        self.with_rows(&rows, &[], |tl| {
            tl.elapsed_many(&a, &b, EpochUnit::Microseconds, &mut spans)
        })?;
        let spans: Vec<f64> = spans.iter().map(|&u| u as f64 / 1e6).collect();
        Ok(scatter(starts.len(), &rows, spans))
    }

    /// Whether the calendar is open at each instant: 1 open, 0 closed, 255 missing (NaN).
    #[wasm_bindgen(js_name = isOpenBatch)]
    pub fn is_open_many(&self, at: &[f64]) -> Result<Vec<u8>> {
        let (rows, cols) = present(&[("at", at)])?;
        let col = cols.first().map(Vec::as_slice).unwrap_or_default();
        let mut open = vec![false; col.len()];
        self.with_timeline(|tl| tl.is_open_many(col, EpochUnit::Microseconds, &mut open))?;
        if rows.is_empty() {
            return Ok(open.into_iter().map(u8::from).collect());
        }
        let mut out = vec![255u8; at.len()];
        for (&i, &o) in rows.iter().zip(&open) {
            if let Some(slot) = out.get_mut(i) {
                *slot = u8::from(o);
            }
        }
        Ok(out)
    }

    /// The first open instant at or after each instant.
    #[wasm_bindgen(js_name = nextOpenBatch)]
    pub fn next_open_many(&self, at: Vec<f64>) -> Result<Vec<f64>> {
        self.instants("at", at, true, |tl, col, unit, next| {
            tl.next_open_many(col, unit, next)
        })
    }
}

/// Answers one request of the `kesher calendar eval` protocol (JSON text in, JSON text out:
/// `{"id", "result"}` or `{"id", "error": {"kind", "message"}}`), the form the shared test
/// vectors are written in.
#[wasm_bindgen(js_name = calendarEval)]
pub fn calendar_eval(request: &str) -> Result<String> {
    let answer = kesher::calendar::CalendarEval::default().eval_line(request);
    to_json("answer", &answer)
}
