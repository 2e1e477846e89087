//! `kesher.Calendar`: business time on a calendar, one at a time or over numpy arrays.

use crate::convert::{days, duration, instant, json_text, to_py_value};
use crate::errors::{bind, invalid, required, to_py};
use chrono::{DateTime, TimeDelta, Utc};
use kesher::calendar::EpochUnit;
use numpy::{PyReadonlyArray1, PyReadwriteArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use std::sync::Mutex;

/// A business calendar: opening hours per weekday in a time zone, holidays and special days.
#[pyclass(module = "kesher", frozen, subclass)]
pub(crate) struct Calendar {
    pub(crate) inner: kesher::calendar::Calendar,
    /// The compiled timeline the batch methods reuse from call to call.
    timeline: Mutex<Option<kesher::calendar::Timeline>>,
}

impl Calendar {
    pub(crate) fn wrap(inner: kesher::calendar::Calendar) -> Calendar {
        Calendar {
            inner,
            timeline: Mutex::new(None),
        }
    }

    fn json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| invalid("calendar", "", &e.to_string()))
    }

    /// Runs `f` on the cached timeline, without the GIL.
    fn with_timeline<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut kesher::calendar::Timeline) -> kesher::Result<T> + Send,
    ) -> PyResult<T> {
        py.detach(|| {
            let mut guard = self
                .timeline
                .lock()
                .map_err(|_| invalid("calendar", "", "a previous batch call failed midway"))?;
            let tl = guard.get_or_insert_with(|| self.inner.timeline());
            f(tl).map_err(to_py)
        })
    }
}

impl Calendar {
    /// The one argument `at` of a method.
    fn at(
        &self,
        name: &str,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<DateTime<Utc>> {
        let [at] = bind(name, ["at"], args, kwargs)?;
        instant("at", required(name, "at", at.as_ref())?)
    }

    /// The two arguments `start` and `end` of a method.
    fn start_end(
        &self,
        name: &str,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<(DateTime<Utc>, DateTime<Utc>)> {
        let [a, b] = bind(name, ["start", "end"], args, kwargs)?;
        let a = instant("start", required(name, "start", a.as_ref())?)?;
        let b = instant("end", required(name, "end", b.as_ref())?)?;
        Ok((a, b))
    }

    /// Runs a batch computation of `len` answers without the GIL, writing into `out` in place.
    fn batch(
        &self,
        py: Python<'_>,
        out: &mut PyReadwriteArray1<'_, i64>,
        len: usize,
        f: impl FnOnce(&mut kesher::calendar::Timeline, &mut [i64]) -> kesher::Result<()> + Send,
    ) -> PyResult<()> {
        let out = out
            .as_slice_mut()
            .map_err(|_| invalid("out", "", "expected a contiguous writable int64 array"))?;
        if out.len() != len {
            return Err(invalid(
                "out",
                &out.len().to_string(),
                "expected an int64 array as long as the input",
            ));
        }
        self.with_timeline(py, |tl| f(tl, out))
    }
}

fn unit(name: &str) -> PyResult<EpochUnit> {
    match name {
        "s" => Ok(EpochUnit::Seconds),
        "ms" => Ok(EpochUnit::Milliseconds),
        "us" => Ok(EpochUnit::Microseconds),
        "ns" => Ok(EpochUnit::Nanoseconds),
        other => Err(invalid("unit", other, "expected s, ms, us or ns")),
    }
}

/// The contiguous int64 array `array` as a slice, read in place.
fn read<'a>(field: &str, array: &'a PyReadonlyArray1<'_, i64>) -> PyResult<&'a [i64]> {
    array
        .as_slice()
        .map_err(|_| invalid(field, "", "expected a contiguous array of int64"))
}

#[pymethods]
impl Calendar {
    /// A calendar from its JSON contract (a dict, a JSON string) or a preset name:
    /// `"israel"`, `"us"`, `"uk"`.
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "(definition)")]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<Calendar> {
        let definition = &crate::errors::single("Calendar", "definition", args, kwargs)?;
        let text = match definition.extract::<String>() {
            Ok(name) if ["israel", "us", "uk"].contains(&name.as_str()) => format!("\"{name}\""),
            _ => json_text(definition)?,
        };
        kesher::calendar::Calendar::from_json(&text)
            .map(Calendar::wrap)
            .map_err(to_py)
    }

    /// The business instant `duration` of working time after `start`.
    #[pyo3(signature = (*args, **kwargs), text_signature = "($self, start, duration)")]
    fn add(
        &self,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<DateTime<Utc>> {
        let [start, d] = bind("Calendar.add", ["start", "duration"], args, kwargs)?;
        let start = instant("start", required("Calendar.add", "start", start.as_ref())?)?;
        let d = duration(
            "duration",
            required("Calendar.add", "duration", d.as_ref())?,
        )?;
        self.inner.add(start, d).map_err(to_py)
    }

    /// The working time between `start` and `end`.
    #[pyo3(signature = (*args, **kwargs), text_signature = "($self, start, end)")]
    fn elapsed(
        &self,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<TimeDelta> {
        let (a, b) = self.start_end("Calendar.elapsed", args, kwargs)?;
        self.inner.elapsed(a, b).map_err(to_py)
    }

    /// Whether the calendar is open at `at`.
    #[pyo3(signature = (*args, **kwargs), text_signature = "($self, at)")]
    fn is_open(
        &self,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<bool> {
        let [at] = bind("Calendar.is_open", ["at"], args, kwargs)?;
        let at = instant("at", required("Calendar.is_open", "at", at.as_ref())?)?;
        self.inner.is_open(at).map_err(to_py)
    }

    /// The next instant at or after `at` when the calendar is open.
    #[pyo3(signature = (*args, **kwargs), text_signature = "($self, at)")]
    fn next_open(
        &self,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<DateTime<Utc>> {
        let [at] = bind("Calendar.next_open", ["at"], args, kwargs)?;
        let at = instant("at", required("Calendar.next_open", "at", at.as_ref())?)?;
        self.inner.next_open(at).map_err(to_py)
    }

    /// The latest instant with `duration` of working time between it and `end`.
    #[pyo3(signature = (*args, **kwargs), text_signature = "($self, end, duration)")]
    fn sub(
        &self,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<DateTime<Utc>> {
        let [end, d] = bind("Calendar.sub", ["end", "duration"], args, kwargs)?;
        let end = instant("end", required("Calendar.sub", "end", end.as_ref())?)?;
        let d = duration(
            "duration",
            required("Calendar.sub", "duration", d.as_ref())?,
        )?;
        self.inner.sub(end, d).map_err(to_py)
    }

    /// The latest opening instant at or before `at`.
    #[pyo3(signature = (*args, **kwargs), text_signature = "($self, at)")]
    fn previous_open(
        &self,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<DateTime<Utc>> {
        let at = self.at("Calendar.previous_open", args, kwargs)?;
        self.inner.previous_open(at).map_err(to_py)
    }

    /// The first closing instant after `at`.
    #[pyo3(signature = (*args, **kwargs), text_signature = "($self, at)")]
    fn next_close(
        &self,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<DateTime<Utc>> {
        let at = self.at("Calendar.next_close", args, kwargs)?;
        self.inner.next_close(at).map_err(to_py)
    }

    /// The latest closing instant at or before `at`.
    #[pyo3(signature = (*args, **kwargs), text_signature = "($self, at)")]
    fn previous_close(
        &self,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<DateTime<Utc>> {
        let at = self.at("Calendar.previous_close", args, kwargs)?;
        self.inner.previous_close(at).map_err(to_py)
    }

    /// `at` moved by `days` open days, at the same local time of day.
    #[pyo3(signature = (*args, **kwargs), text_signature = "($self, at, days)")]
    fn add_days(
        &self,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<DateTime<Utc>> {
        let [at, n] = bind("Calendar.add_days", ["at", "days"], args, kwargs)?;
        let at = instant("at", required("Calendar.add_days", "at", at.as_ref())?)?;
        let n = days("days", required("Calendar.add_days", "days", n.as_ref())?)?;
        self.inner.add_days(at, n).map_err(to_py)
    }

    /// How many open days lie from `start`'s local date up to, not including, `end`'s.
    #[pyo3(signature = (*args, **kwargs), text_signature = "($self, start, end)")]
    fn open_days_between(
        &self,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<i64> {
        let (a, b) = self.start_end("Calendar.open_days_between", args, kwargs)?;
        self.inner.open_days_between(a, b).map_err(to_py)
    }

    /// One instant → instant question over many instants (int64 in `unit`), written into
    /// `out`: `op` is `sub` (`n` = nanoseconds), `add_days` (`n` = days), `next_open`,
    /// `previous_open`, `next_close` or `previous_close`.
    fn _instant_batch(
        &self,
        py: Python<'_>,
        op: &str,
        at: PyReadonlyArray1<'_, i64>,
        n: &Bound<'_, PyAny>,
        mut out: PyReadwriteArray1<'_, i64>,
        unit_: &str,
    ) -> PyResult<()> {
        let unit = unit(unit_)?;
        let at = read("at", &at)?;
        let (n, n_days) = if op == "add_days" {
            (0, days("days", n)?)
        } else {
            (n.extract::<i64>()?, 0)
        };
        let op = op.to_owned();
        self.batch(py, &mut out, at.len(), move |tl, answers| {
            match op.as_str() {
                "sub" => tl.sub_many(at, unit, TimeDelta::nanoseconds(n), answers),
                "add_days" => tl.add_days_many(at, unit, n_days, answers),
                "next_open" => tl.next_open_many(at, unit, answers),
                "previous_open" => tl.previous_open_many(at, unit, answers),
                "next_close" => tl.next_close_many(at, unit, answers),
                _ => tl.previous_close_many(at, unit, answers),
            }
        })
    }

    /// Whether the calendar is open at each instant (int64 in `unit`), written into the bool
    /// array `out`.
    fn _is_open_batch(
        &self,
        py: Python<'_>,
        at: PyReadonlyArray1<'_, i64>,
        mut out: PyReadwriteArray1<'_, bool>,
        unit_: &str,
    ) -> PyResult<()> {
        let unit = unit(unit_)?;
        let at = read("at", &at)?;
        let out = out
            .as_slice_mut()
            .map_err(|_| invalid("out", "", "expected a contiguous writable bool array"))?;
        if out.len() != at.len() {
            return Err(invalid(
                "out",
                &out.len().to_string(),
                "expected a bool array as long as the input",
            ));
        }
        self.with_timeline(py, |tl| tl.is_open_many(at, unit, out))
    }

    /// Open days between pairs (int64 in `unit`), written into `out`.
    fn _open_days_between_batch(
        &self,
        py: Python<'_>,
        starts: PyReadonlyArray1<'_, i64>,
        ends: PyReadonlyArray1<'_, i64>,
        mut out: PyReadwriteArray1<'_, i64>,
        unit_: &str,
    ) -> PyResult<()> {
        let unit = unit(unit_)?;
        let starts = read("starts", &starts)?;
        let ends = read("ends", &ends)?;
        self.batch(py, &mut out, starts.len(), |tl, counts| {
            tl.open_days_between_many(starts, ends, unit, counts)
        })
    }

    /// Due instants for many starts (int64 since the epoch in `unit`) with one duration in
    /// nanoseconds, written into `out`. The GIL is released while it computes.
    fn _add_batch(
        &self,
        py: Python<'_>,
        starts: PyReadonlyArray1<'_, i64>,
        duration_ns: i64,
        mut out: PyReadwriteArray1<'_, i64>,
        unit_: &str,
    ) -> PyResult<()> {
        let unit = unit(unit_)?;
        let starts = read("starts", &starts)?;
        self.batch(py, &mut out, starts.len(), |tl, due| {
            tl.add_many(starts, unit, TimeDelta::nanoseconds(duration_ns), due)
        })
    }

    /// Due instants with a duration per start (both int64 in `unit`), written into `out`.
    fn _add_each_batch(
        &self,
        py: Python<'_>,
        starts: PyReadonlyArray1<'_, i64>,
        durations: PyReadonlyArray1<'_, i64>,
        mut out: PyReadwriteArray1<'_, i64>,
        unit_: &str,
    ) -> PyResult<()> {
        let unit = unit(unit_)?;
        let starts = read("starts", &starts)?;
        let durations = read("durations", &durations)?;
        self.batch(py, &mut out, starts.len(), |tl, due| {
            tl.add_each_many(starts, durations, unit, due)
        })
    }

    /// Working time between pairs (int64 in `unit`), in `unit`, written into `out`.
    fn _elapsed_batch(
        &self,
        py: Python<'_>,
        starts: PyReadonlyArray1<'_, i64>,
        ends: PyReadonlyArray1<'_, i64>,
        mut out: PyReadwriteArray1<'_, i64>,
        unit_: &str,
    ) -> PyResult<()> {
        let unit = unit(unit_)?;
        let starts = read("starts", &starts)?;
        let ends = read("ends", &ends)?;
        self.batch(py, &mut out, starts.len(), |tl, spans| {
            tl.elapsed_many(starts, ends, unit, spans)
        })
    }

    /// The calendar's JSON contract as Python objects.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, &self.inner)
    }

    /// The calendar's JSON contract as text.
    fn to_json(&self) -> PyResult<String> {
        self.json()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match other.cast::<Calendar>() {
            Ok(o) => Ok(self.json()? == o.get().json()?),
            Err(_) => Ok(false),
        }
    }

    fn __repr__(&self) -> PyResult<String> {
        let v: serde_json::Value = serde_json::to_value(&self.inner)
            .map_err(|e| invalid("calendar", "", &e.to_string()))?;
        let days = v["week"].as_object().map_or(0, |w| w.len());
        Ok(format!(
            "Calendar(tz={}, open days per week={days}, holidays={}, holiday_rules={})",
            v["tz"],
            v["holidays"].as_array().map_or(0, Vec::len),
            v["holiday_rules"].as_array().map_or(0, Vec::len)
        ))
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        let cls = slf.get_type().into_any().unbind();
        Ok((cls, (slf.get().json()?,)))
    }
}
