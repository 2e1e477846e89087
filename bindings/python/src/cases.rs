//! `kesher.Case`, folding events into cases, reading support-data files, insights over cases.

use crate::convert::{from_json, json_text, to_py_value};
use crate::errors::{invalid, to_py};
use crate::sla::CaseSla;
use chrono::{DateTime, Utc};
use kesher::{case::CaseLog, event::CaseEvent};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

/// A case (ticket): the fold of its events.
#[pyclass(module = "kesher", frozen)]
#[derive(Clone)]
pub(crate) struct Case {
    pub(crate) inner: kesher::case::Case,
}

/// The events of `events`: a list of dicts or JSON strings, or one JSON Lines string.
fn events(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, String)>> {
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(text
            .to_string()
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (i, l.to_string()))
            .collect());
    }
    let mut out = Vec::new();
    for (i, item) in obj.try_iter()?.enumerate() {
        out.push((i, json_text(&item?)?));
    }
    Ok(out)
}

fn case_json(case: &kesher::case::Case) -> PyResult<String> {
    serde_json::to_string(case).map_err(|e| invalid("case", "", &e.to_string()))
}

#[pymethods]
impl Case {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(
        _args: &Bound<'_, pyo3::types::PyTuple>,
        _kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<Case> {
        Err(crate::errors::not_constructible(
            "Case",
            "Case.from_events() or kesher.fold()",
        ))
    }

    /// The case folded from its events (dicts, JSON strings, or one JSON Lines string). Any bad
    /// event raises, naming the event and the field.
    #[staticmethod]
    fn from_events(events_: &Bound<'_, PyAny>) -> PyResult<Case> {
        let mut log = CaseLog::default();
        for (i, text) in events(events_)? {
            let event = CaseEvent::from_json(&text).map_err(|e| {
                let err = to_py(e);
                Python::attach(|py| {
                    let _ = err.value(py).setattr("index", i);
                });
                err
            })?;
            log.insert(event);
        }
        log.into_case().map(|inner| Case { inner }).map_err(to_py)
    }

    /// A case from its JSON (as `to_json` writes it, or a dict).
    #[staticmethod]
    fn from_dict(value: &Bound<'_, PyAny>) -> PyResult<Case> {
        let text = json_text(value)?;
        kesher::from_json::<kesher::case::Case>(&text)
            .map(|inner| Case { inner })
            .map_err(to_py)
    }

    #[getter]
    fn id(&self) -> String {
        self.inner.id().to_string()
    }

    #[getter]
    fn customer_id(&self) -> String {
        self.inner.customer().id.to_string()
    }

    /// The status, a `kesher.CaseStatus` (a `str` enum).
    #[getter]
    fn status(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let cls = py.import("kesher")?.getattr("CaseStatus")?;
        Ok(cls.call1((self.inner.status().name(),))?.unbind())
    }

    /// The priority, a `kesher.Priority` (a `str` enum).
    #[getter]
    fn priority(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let cls = py.import("kesher")?.getattr("Priority")?;
        Ok(cls.call1((self.inner.priority().as_str(),))?.unbind())
    }

    #[getter]
    fn channel(&self) -> String {
        self.inner.first_channel().name()
    }

    #[getter]
    fn opened_at(&self) -> DateTime<Utc> {
        self.inner.opened_at()
    }

    #[getter]
    fn last_event_at(&self) -> DateTime<Utc> {
        self.inner.last_event_at()
    }

    #[getter]
    fn metadata(&self) -> std::collections::BTreeMap<String, String> {
        self.inner.metadata().clone()
    }

    #[getter]
    fn transfers(&self) -> u32 {
        self.inner.transfers()
    }

    /// The team the case is with now (the last one an assignment or transfer named).
    #[getter]
    fn team(&self) -> Option<String> {
        self.inner.team().map(str::to_owned)
    }

    /// Derived facts: first response, resolution, first contact resolution, unanswered…
    #[getter]
    fn facts(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, self.inner.facts())
    }

    /// The interactions, in order, as dicts of the JSON contract.
    #[getter]
    fn log(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, self.inner.log())
    }

    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        from_json(py, &case_json(&self.inner)?)
    }

    fn to_json(&self) -> PyResult<String> {
        case_json(&self.inner)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match other.cast::<Case>() {
            Ok(o) => Ok(case_json(&self.inner)? == case_json(&o.get().inner)?),
            Err(_) => Ok(false),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "Case(id={:?}, status={}, customer={:?}, channel={}, opened_at={}, interactions={})",
            self.inner.id().as_str(),
            self.inner.status().name(),
            self.inner.customer().id.as_str(),
            self.inner.first_channel().name(),
            self.inner.opened_at().to_rfc3339(),
            self.inner.log().len()
        )
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        let from = slf.get_type().getattr("from_dict")?.unbind();
        Ok((from, (case_json(&slf.get().inner)?,)))
    }
}

/// Cases folded from many events, and the events that could not be used.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct FoldResult {
    #[pyo3(get)]
    cases: Py<PyList>,
    /// One dict per rejected event: `index` (in the input), `kind`, `field`, `value`, `message`.
    #[pyo3(get)]
    rejected: Py<PyList>,
}

#[pymethods]
impl FoldResult {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(
        _args: &Bound<'_, pyo3::types::PyTuple>,
        _kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<FoldResult> {
        Err(crate::errors::not_constructible(
            "FoldResult",
            "kesher.fold()",
        ))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "FoldResult(cases={}, rejected={})",
            self.cases.bind(py).len(),
            self.rejected.bind(py).len()
        )
    }
}

fn rejection(py: Python<'_>, index: u64, e: &kesher::Error) -> PyResult<Py<PyAny>> {
    let d = pyo3::types::PyDict::new(py);
    d.set_item("index", index)?;
    d.set_item("kind", e.kind().as_str())?;
    d.set_item("field", e.field())?;
    d.set_item("value", e.value())?;
    d.set_item("message", e.to_string())?;
    Ok(d.into_any().unbind())
}

/// Folds events of any number of cases, in any order, leniently: every case that can be
/// folded is, and every event that cannot is reported with its index. Arrow data (a pyarrow
/// `Table` or `RecordBatch`, a polars frame…) is read column by column, one event per row.
#[pyfunction]
pub(crate) fn fold(py: Python<'_>, events_: &Bound<'_, PyAny>) -> PyResult<FoldResult> {
    if let Some(batches) = crate::arrow::batches(events_)? {
        let folded = py.detach(move || {
            kesher::case::fold_events(batches.iter().flat_map(kesher_io::arrow::events))
        });
        // The core numbers the rows it was given, across the batches: that is the index.
        return fold_result(py, folded, |origin| origin);
    }
    let texts = events(events_)?;
    let folded = kesher::case::fold_events(texts.iter().map(|(_, t)| CaseEvent::from_json(t)));
    // The core numbers the events it was given; blank lines were skipped before it.
    fold_result(py, folded, |origin| {
        usize::try_from(origin)
            .ok()
            .and_then(|k| texts.get(k))
            .map_or(origin, |(line, _)| *line as u64)
    })
}

fn fold_result(
    py: Python<'_>,
    folded: kesher::case::FoldResult,
    index: impl Fn(u64) -> u64,
) -> PyResult<FoldResult> {
    let rejected = PyList::empty(py);
    for r in &folded.rejected {
        rejected.append(rejection(py, index(r.origin), &r.error)?)?;
    }
    let cases = PyList::empty(py);
    for inner in folded.cases {
        cases.append(Case { inner })?;
    }
    Ok(FoldResult {
        cases: cases.unbind(),
        rejected: rejected.unbind(),
    })
}

/// One row per case as an Arrow record batch (`pyarrow.record_batch(...)` takes it without a
/// copy): the columns of `kesher_io::arrow::case_state_schema`, the segment from `segment_key`.
#[pyfunction]
#[pyo3(signature = (cases, segment_key="brand"))]
pub(crate) fn case_states(
    cases: Vec<PyRef<'_, Case>>,
    segment_key: &str,
) -> PyResult<crate::arrow::ArrowBatch> {
    // Read in place, with the interpreter held: a copy of every case to let it go would cost
    // more than the table.
    kesher_io::arrow::case_states(cases.iter().map(|c| &c.inner), segment_key)
        .map(crate::arrow::ArrowBatch::new)
        .map_err(|e| invalid("cases", "", &e.to_string()))
}

/// Reads a support-data file (kesher events, the Twitter support CSV, event logs, one-row-per-
/// ticket tables, helpdesk exports, IBM conversations JSON; detected unless `format` names it
/// or `mapping` describes it) into cases, with the row accounting. Returns `(cases, summary)`;
/// `summary` has `read`, `accepted`, `rejected` and `rejections` (line and reason).
#[pyfunction]
#[pyo3(signature = (path, format=None, mapping=None))]
pub(crate) fn read_cases(
    py: Python<'_>,
    path: std::path::PathBuf,
    format: Option<&str>,
    mapping: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Py<PyList>, Py<PyAny>)> {
    let (bytes, format) = crate::import::open(&path, format, mapping)?;
    let all = py
        .detach(move || kesher_io::import_all(Box::new(std::io::Cursor::new(bytes)), format))
        .map_err(crate::import::io_error)?;
    let list = PyList::empty(py);
    for inner in all.cases {
        list.append(Case { inner })?;
    }
    let d = crate::import::summary(py, &all.summary, &all.rejections)?;
    Ok((list.unbind(), d.into_any().unbind()))
}

/// Checks one event against the JSON contract; returns its type (`opened`, `interaction`…).
#[pyfunction]
pub(crate) fn check_event(event: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    CaseEvent::from_json(&json_text(event)?)
        .map(|e| e.type_name())
        .map_err(to_py)
}

/// Service metrics over cases (each with its SLA evaluation when `slas` is given).
#[pyfunction]
#[pyo3(signature = (cases, slas=None))]
pub(crate) fn service_metrics(
    py: Python<'_>,
    cases: Vec<PyRef<'_, Case>>,
    slas: Option<Vec<Option<PyRef<'_, CaseSla>>>>,
) -> PyResult<Py<PyAny>> {
    let mut b = kesher::insight::MetricsBuilder::default();
    for (i, c) in cases.iter().enumerate() {
        let sla = slas
            .as_ref()
            .and_then(|s| s.get(i))
            .and_then(|s| s.as_ref().map(|s| s.inner.clone()));
        b.add(&c.inner, sla.as_ref());
    }
    to_py_value(py, &b.finish())
}

/// Recurring problems: cases clustered by their descriptions into FAQ candidates.
#[pyfunction]
#[pyo3(signature = (cases, min_cases=3))]
pub(crate) fn recurring_problems(
    py: Python<'_>,
    cases: Vec<PyRef<'_, Case>>,
    min_cases: usize,
) -> PyResult<Py<PyAny>> {
    let digests: Vec<_> = cases
        .iter()
        .filter_map(|c| kesher::insight::ProblemDigest::of(&c.inner))
        .collect();
    to_py_value(
        py,
        &kesher::insight::recurring_problems_in(&digests, min_cases),
    )
}
