//! The partial builders of insights: `kesher.MetricsBuilder`, `kesher.ProblemSample` and
//! `kesher.RetentionTally`. Each gathers cases one at a time, travels as JSON (or a pickle) and
//! merges, so the partitions of a distributed engine give what one builder over every case
//! gives. The counting and checking are the core's.

use crate::cases::Case;
use crate::convert::{duration, instant, to_py_value};
use crate::errors::{arg_opt, invalid, to_py};
use crate::journey::Journey;
use crate::people::Customer;
use crate::sla::CaseSla;
use kesher::insight;
use pyo3::prelude::*;
use std::sync::{Mutex, MutexGuard};

fn locked<T>(m: &Mutex<T>) -> PyResult<MutexGuard<'_, T>> {
    m.lock()
        .map_err(|_| invalid("builder", "", "a previous call failed midway"))
}

/// Service metrics gathered one case at a time (`finish()` gives what
/// `kesher.service_metrics` gives over the same cases).
#[pyclass(module = "kesher", frozen)]
pub(crate) struct MetricsBuilder {
    inner: Mutex<insight::MetricsBuilder>,
}

#[pymethods]
impl MetricsBuilder {
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "()")]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<MetricsBuilder> {
        crate::errors::bind("MetricsBuilder", [], args, kwargs)?;
        Ok(MetricsBuilder {
            inner: Mutex::new(insight::MetricsBuilder::default()),
        })
    }

    /// Counts one case, with its SLA evaluation when given.
    #[pyo3(signature = (case, sla=None))]
    fn add(&self, case: PyRef<'_, Case>, sla: Option<PyRef<'_, CaseSla>>) -> PyResult<()> {
        locked(&self.inner)?.add(&case.inner, sla.as_ref().map(|s| &s.inner));
        Ok(())
    }

    /// Adds what another builder counted.
    fn merge(&self, other: PyRef<'_, MetricsBuilder>) -> PyResult<()> {
        let theirs = locked(&other.inner)?.clone();
        locked(&self.inner)?.merge(theirs);
        Ok(())
    }

    /// The builder as JSON (partial builders travel between workers and merge).
    fn to_json(&self) -> PyResult<String> {
        Ok(locked(&self.inner)?.to_json())
    }

    /// A builder from `to_json`'s JSON; one whose counts do not add up is refused.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<MetricsBuilder> {
        insight::MetricsBuilder::from_json(text)
            .map(|b| MetricsBuilder {
                inner: Mutex::new(b),
            })
            .map_err(to_py)
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        let from = slf.get_type().getattr("from_json")?.unbind();
        Ok((from, (locked(&slf.get().inner)?.to_json(),)))
    }

    /// The metrics, a dict (as `kesher.service_metrics` gives).
    fn finish(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, &locked(&self.inner)?.finish())
    }

    fn __repr__(&self) -> String {
        "MetricsBuilder()".to_string()
    }
}

/// A bounded sample of case descriptions for recurring problems: the `capacity` cases with the
/// lowest hashes of their ids, so samples of any partitions merge into the sample of all.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct ProblemSample {
    inner: Mutex<insight::ProblemSample>,
}

#[pymethods]
impl ProblemSample {
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "(capacity=20000)")]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<ProblemSample> {
        let [capacity] = crate::errors::bind("ProblemSample", ["capacity"], args, kwargs)?;
        let capacity: usize =
            arg_opt(capacity.as_ref(), "capacity")?.unwrap_or(insight::PROBLEM_SAMPLE_SIZE);
        Ok(ProblemSample {
            inner: Mutex::new(insight::ProblemSample::new(capacity)),
        })
    }

    /// Counts a case's description, keeping it if its id's hash is among the lowest.
    fn add(&self, case: PyRef<'_, Case>) -> PyResult<()> {
        locked(&self.inner)?.add(&case.inner);
        Ok(())
    }

    /// Adds what another sample kept and counted.
    fn merge(&self, other: PyRef<'_, ProblemSample>) -> PyResult<()> {
        let theirs = locked(&other.inner)?.clone();
        locked(&self.inner)?.merge(&theirs);
        Ok(())
    }

    /// The sample as JSON (partial samples travel between workers and merge).
    fn to_json(&self) -> PyResult<String> {
        Ok(locked(&self.inner)?.to_json())
    }

    /// A sample from `to_json`'s JSON.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<ProblemSample> {
        insight::ProblemSample::from_json(text)
            .map(|s| ProblemSample {
                inner: Mutex::new(s),
            })
            .map_err(to_py)
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        let from = slf.get_type().getattr("from_json")?.unbind();
        Ok((from, (locked(&slf.get().inner)?.to_json(),)))
    }

    /// The recurring problems of the sample, a dict (as `kesher.recurring_problems` gives),
    /// `described` counting every case seen.
    #[pyo3(signature = (min_cases=3))]
    fn finish(&self, py: Python<'_>, min_cases: usize) -> PyResult<Py<PyAny>> {
        let sample = locked(&self.inner)?.clone();
        to_py_value(py, &sample.finish(min_cases))
    }

    fn __repr__(&self) -> String {
        "ProblemSample()".to_string()
    }
}

/// What the retention signals of one customer need of their cases and journeys, a few numbers
/// gathered one case at a time; tallies of the same customer merge.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct RetentionTally {
    inner: Mutex<insight::RetentionTally>,
}

#[pymethods]
impl RetentionTally {
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "()")]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<RetentionTally> {
        crate::errors::bind("RetentionTally", [], args, kwargs)?;
        Ok(RetentionTally {
            inner: Mutex::new(insight::RetentionTally::default()),
        })
    }

    /// Counts one case of the customer as of `now` (with its SLA evaluation when given); the
    /// built-in scorer reads the customer's public messages.
    #[pyo3(signature = (case, now, sla=None))]
    fn add_case(
        &self,
        case: PyRef<'_, Case>,
        now: &Bound<'_, PyAny>,
        sla: Option<PyRef<'_, CaseSla>>,
    ) -> PyResult<()> {
        let now = instant("now", now)?;
        let scorer = kesher::text::SentimentScorer::DEFAULT;
        locked(&self.inner)?.add_case(&case.inner, sla.as_ref().map(|s| &s.inner), &scorer, now);
        Ok(())
    }

    /// Counts one journey of the customer: its latest point at or before `now`.
    fn add_journey(&self, journey: PyRef<'_, Journey>, now: &Bound<'_, PyAny>) -> PyResult<()> {
        let now = instant("now", now)?;
        locked(&self.inner)?.add_journey(&journey.inner, now);
        Ok(())
    }

    /// Adds what another tally of the same customer counted.
    fn merge(&self, other: PyRef<'_, RetentionTally>) -> PyResult<()> {
        let theirs = locked(&other.inner)?.clone();
        locked(&self.inner)?.merge(&theirs);
        Ok(())
    }

    /// The tally as JSON.
    fn to_json(&self) -> PyResult<String> {
        Ok(locked(&self.inner)?.to_json())
    }

    /// A tally from `to_json`'s JSON.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<RetentionTally> {
        insight::RetentionTally::from_json(text)
            .map(|t| RetentionTally {
                inner: Mutex::new(t),
            })
            .map_err(to_py)
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        let from = slf.get_type().getattr("from_json")?.unbind();
        Ok((from, (locked(&slf.get().inner)?.to_json(),)))
    }

    /// The customer's retention signals at `now` (a dict: win back, word of mouth, nurture),
    /// with their record when given; emotion counts within `recent` of `now` (30 days unless
    /// given, a `timedelta`).
    #[pyo3(signature = (now, customer=None, recent=None))]
    fn signals(
        &self,
        py: Python<'_>,
        now: &Bound<'_, PyAny>,
        customer: Option<PyRef<'_, Customer>>,
        recent: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let now = instant("now", now)?;
        let recent = match recent {
            Some(r) => duration("recent", r)?,
            None => chrono::TimeDelta::days(30),
        };
        let s = locked(&self.inner)?.signals(customer.as_ref().map(|c| &c.inner), recent, now);
        to_py_value(py, &s)
    }

    fn __repr__(&self) -> String {
        "RetentionTally()".to_string()
    }
}
