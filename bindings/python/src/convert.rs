//! Python values in and out: timezone-aware datetimes, timedeltas, JSON-shaped objects.

use crate::errors::{invalid, to_py};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{
    PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyString, PyTimeAccess, PyTzInfo,
    PyTzInfoAccess,
};

/// A timezone-aware `datetime` as UTC; a naive one is an error naming `field`.
///
/// Read field by field from the object (no attribute looked up by name): `datetime.timezone.utc`
/// needs no offset at all, any other zone (`zoneinfo.ZoneInfo` included, `fold` respected) is
/// asked for the datetime's `utcoffset()` once.
pub(crate) fn instant(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    let naive = || {
        let shown = obj.repr().map(|r| r.to_string()).unwrap_or_default();
        invalid(
            field,
            &shown,
            "a naive datetime has no time zone; give tzinfo (datetime.timezone.utc or a zoneinfo.ZoneInfo)",
        )
    };
    let Ok(dt) = obj.cast::<PyDateTime>() else {
        let shown = obj.repr().map(|r| r.to_string()).unwrap_or_default();
        return Err(invalid(
            field,
            &shown,
            "expected a timezone-aware datetime.datetime",
        ));
    };
    let py = obj.py();
    let tz = dt.get_tzinfo().ok_or_else(naive)?;
    let offset_us = if tz.is(PyTzInfo::utc(py)?) {
        0
    } else {
        let offset = obj.call_method0(intern!(py, "utcoffset"))?;
        let offset = offset.cast::<PyDelta>().map_err(|_| naive())?;
        (i64::from(offset.get_days()) * 86_400 + i64::from(offset.get_seconds())) * 1_000_000
            + i64::from(offset.get_microseconds())
    };
    let date = NaiveDate::from_ymd_opt(dt.get_year(), dt.get_month().into(), dt.get_day().into());
    let time = NaiveTime::from_hms_micro_opt(
        dt.get_hour().into(),
        dt.get_minute().into(),
        dt.get_second().into(),
        dt.get_microsecond(),
    );
    let local = date
        .zip(time)
        .map(|(d, t)| d.and_time(t).and_utc())
        .ok_or_else(|| invalid(field, &obj.to_string(), "not a valid date and time"))?;
    Ok(local - TimeDelta::microseconds(offset_us))
}

/// A `datetime.timedelta` (or a number of seconds).
pub(crate) fn duration(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<TimeDelta> {
    if obj.is_instance_of::<PyDelta>() {
        return obj
            .extract::<TimeDelta>()
            .map_err(|e| invalid(field, &obj.to_string(), &e.to_string()));
    }
    if let Ok(seconds) = obj.extract::<f64>() {
        if seconds.is_finite() && seconds.abs() < 1e15 {
            return Ok(TimeDelta::nanoseconds((seconds * 1e9).round() as i64));
        }
        return Err(invalid(
            field,
            &seconds.to_string(),
            "not a representable number of seconds",
        ));
    }
    let shown = obj.repr().map(|r| r.to_string()).unwrap_or_default();
    Err(invalid(
        field,
        &shown,
        "expected a datetime.timedelta or a number of seconds",
    ))
}

/// A whole number of days (an `int`, not a `bool` or a `float`).
pub(crate) fn days(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<i32> {
    let whole =
        !obj.is_instance_of::<pyo3::types::PyBool>() && obj.is_instance_of::<pyo3::types::PyInt>();
    match obj.extract::<i32>() {
        Ok(n) if whole => Ok(n),
        _ => {
            let shown = obj.repr().map(|r| r.to_string()).unwrap_or_default();
            Err(invalid(
                field,
                &shown,
                "expected a whole number of open days (an int)",
            ))
        }
    }
}

/// A JSON text of a Python object: a `str` is taken as JSON; dicts, lists and the like go
/// through `kesher._json.dumps` (which writes aware datetimes as RFC 3339 and refuses naive
/// ones).
pub(crate) fn json_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_string());
    }
    let dumps = obj.py().import("kesher._json")?.getattr("dumps")?;
    dumps.call1((obj,))?.extract()
}

/// A Python object (dicts, lists, str, numbers) of a JSON text.
pub(crate) fn from_json(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
    Ok(py
        .import("json")?
        .getattr("loads")?
        .call1((text,))?
        .unbind())
}

/// A serialisable core value as Python objects.
pub(crate) fn to_py_value<T: serde::Serialize + ?Sized>(
    py: Python<'_>,
    value: &T,
) -> PyResult<Py<PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|e| to_py(kesher::Error::invalid_json(".", e.to_string()).with_source(e)))?;
    from_json(py, &text)
}
