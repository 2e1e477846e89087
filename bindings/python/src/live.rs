//! `kesher.LiveCase`, `kesher.WakeSchedule`, `kesher.EscalationRules`: a case kept between
//! events, when cases wake up, and what the rules ask for.

use crate::cases::Case;
use crate::catalogue::wording;
use crate::convert::{instant, json_text, to_py_value};
use crate::errors::{invalid, to_py};
use crate::sla::{CaseSla, ContractSet, SlaEngine};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use std::sync::{Mutex, MutexGuard};

/// The value behind `mutex`; `what` names it when a previous call panicked while holding it.
fn locked<'a, T>(mutex: &'a Mutex<T>, what: &str) -> PyResult<MutexGuard<'a, T>> {
    mutex
        .lock()
        .map_err(|_| invalid(what, "", "a previous call failed midway"))
}

fn engine(engine: &SlaEngine) -> PyResult<MutexGuard<'_, kesher::sla::SlaEngine>> {
    locked(&engine.inner, "engine")
}

fn event(obj: &Bound<'_, PyAny>) -> PyResult<kesher::event::CaseEvent> {
    kesher::event::CaseEvent::from_json(&json_text(obj)?).map_err(to_py)
}

/// An escalation as `EscalationRules.apply` returned it (a dict or JSON text).
fn escalation_of(obj: &Bound<'_, PyAny>) -> PyResult<kesher::live::Escalation> {
    kesher::from_json(&json_text(obj)?).map_err(to_py)
}

fn case_id(text: &str) -> PyResult<kesher::CaseId> {
    kesher::CaseId::new(text).map_err(to_py)
}

/// `at` rounded up to a whole microsecond (Python's `datetime` resolution).
fn ceil_to_microsecond(at: DateTime<Utc>) -> DateTime<Utc> {
    let extra = at.timestamp_subsec_nanos() % 1_000;
    if extra == 0 {
        at
    } else {
        at + chrono::TimeDelta::nanoseconds(i64::from(1_000 - extra))
    }
}

/// A case kept between events (see the Rust `kesher::live::LiveCase`).
#[pyclass(module = "kesher")]
pub(crate) struct LiveCase {
    inner: Mutex<kesher::live::LiveCase>,
}

impl LiveCase {
    fn lock(&self) -> PyResult<MutexGuard<'_, kesher::live::LiveCase>> {
        locked(&self.inner, "live_case")
    }
}

#[pymethods]
impl LiveCase {
    /// A case with no event yet.
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "(case_id)")]
    fn new(args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<LiveCase> {
        let id = crate::errors::single("LiveCase", "case_id", args, kwargs)?;
        let id: String = id
            .extract()
            .map_err(|_| invalid("case_id", &id.to_string(), "a case id is a string"))?;
        Ok(LiveCase {
            inner: Mutex::new(kesher::live::LiveCase::new(case_id(&id)?)),
        })
    }

    /// Resumes a case from its snapshot (the JSON text `to_snapshot` wrote).
    #[staticmethod]
    fn from_snapshot(text: &str) -> PyResult<LiveCase> {
        kesher::live::LiveCase::from_snapshot(text)
            .map(|l| LiveCase {
                inner: Mutex::new(l),
            })
            .map_err(to_py)
    }

    /// The case as one JSON document to store.
    fn to_snapshot(&self) -> PyResult<String> {
        Ok(self.lock()?.to_snapshot())
    }

    /// Applies one event (a dict or JSON text) and reads the case at `now`: what changed.
    fn apply(
        &self,
        py: Python<'_>,
        event_: &Bound<'_, PyAny>,
        engine_: PyRef<'_, SlaEngine>,
        now: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let (event_, now) = (event(event_)?, instant("now", now)?);
        let changes = self
            .lock()?
            .apply(event_, &mut *engine(&engine_)?, now)
            .map_err(to_py)?;
        to_py_value(py, &changes)
    }

    /// Reads the case at `now` with no new event: what the clock changed.
    fn tick(
        &self,
        py: Python<'_>,
        engine_: PyRef<'_, SlaEngine>,
        now: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let now = instant("now", now)?;
        let changes = self
            .lock()?
            .tick(&mut *engine(&engine_)?, now)
            .map_err(to_py)?;
        to_py_value(py, &changes)
    }

    /// Records an escalation (a dict as `EscalationRules.apply` returns them) the host carried
    /// out; its events are numbered from `seq`.
    fn record(
        &self,
        py: Python<'_>,
        escalation: &Bound<'_, PyAny>,
        engine_: PyRef<'_, SlaEngine>,
        seq: u64,
    ) -> PyResult<Py<PyAny>> {
        let escalation = escalation_of(escalation)?;
        let changes = self
            .lock()?
            .record(&escalation, &mut *engine(&engine_)?, seq)
            .map_err(to_py)?;
        to_py_value(py, &changes)
    }

    /// The events that record an escalation in this case (numbered from `seq`), for a host that
    /// stores every event it applies; `record` applies them.
    fn escalation_events(
        &self,
        py: Python<'_>,
        escalation: &Bound<'_, PyAny>,
        seq: u64,
    ) -> PyResult<Py<PyAny>> {
        let escalation = escalation_of(escalation)?;
        let events = self
            .lock()?
            .escalation_events(&escalation, seq)
            .map_err(to_py)?;
        to_py_value(py, &events)
    }

    #[getter]
    fn case_id(&self) -> PyResult<String> {
        Ok(self.lock()?.id().to_string())
    }

    /// The case folded from every event applied, or `None`.
    #[getter]
    fn case(&self) -> PyResult<Option<Case>> {
        Ok(self.lock()?.case().map(|c| Case { inner: c.clone() }))
    }

    /// The SLA targets as last read, or `None`.
    #[getter]
    fn sla(&self) -> PyResult<Option<CaseSla>> {
        Ok(self.lock()?.sla().map(|s| CaseSla { inner: s.clone() }))
    }

    #[getter]
    fn seen_at(&self) -> PyResult<Option<DateTime<Utc>>> {
        Ok(self.lock()?.seen_at())
    }

    /// The next instant at which the case changes by the clock alone, or `None`; rounded up to
    /// the microsecond a `datetime` holds, so a tick at it sees the change (a breach falls 1 ns
    /// after the due instant).
    #[getter]
    fn wake_at(&self) -> PyResult<Option<DateTime<Utc>>> {
        Ok(self.lock()?.wake_at().map(ceil_to_microsecond))
    }

    /// Events held but not applied: `(event_type, message)` pairs.
    #[getter]
    fn rejected(&self) -> PyResult<Vec<(&'static str, String)>> {
        Ok(self
            .lock()?
            .rejected()
            .iter()
            .map(|r| (r.event_type, r.error.to_string()))
            .collect())
    }
}

/// When many cases next change by the clock alone, served in order of instant.
#[pyclass(module = "kesher")]
pub(crate) struct WakeSchedule {
    inner: Mutex<kesher::live::WakeSchedule>,
}

impl WakeSchedule {
    fn lock(&self) -> PyResult<MutexGuard<'_, kesher::live::WakeSchedule>> {
        locked(&self.inner, "schedule")
    }
}

#[pymethods]
impl WakeSchedule {
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "()")]
    fn new(
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<WakeSchedule> {
        let [] = crate::errors::bind("WakeSchedule", [], args, kwargs)?;
        Ok(WakeSchedule {
            inner: Mutex::new(kesher::live::WakeSchedule::default()),
        })
    }

    /// Sets (or, with `None`, removes) the wake-up of one case.
    #[pyo3(signature = (case_id_, at))]
    fn set(&self, case_id_: &str, at: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let at = at.map(|a| instant("at", a)).transpose()?;
        self.lock()?.set(case_id(case_id_)?, at);
        Ok(())
    }

    /// The wake-up of one case, or `None`.
    fn get(&self, case_id_: &str) -> PyResult<Option<DateTime<Utc>>> {
        Ok(self.lock()?.get(&case_id(case_id_)?))
    }

    /// Removes and returns every wake-up at or before `now`, earliest first.
    fn due(&self, now: &Bound<'_, PyAny>) -> PyResult<Vec<(String, DateTime<Utc>)>> {
        let now = instant("now", now)?;
        Ok(self
            .lock()?
            .due(now)
            .into_iter()
            .map(|(id, at)| (id.to_string(), at))
            .collect())
    }

    /// The earliest wake-up, or `None`.
    fn earliest(&self) -> PyResult<Option<DateTime<Utc>>> {
        Ok(self.lock()?.earliest())
    }

    fn __len__(&self) -> PyResult<usize> {
        Ok(self.lock()?.len())
    }
}

/// Escalation and routing rules (JSON text, a list, or `{"rules": [...]}`).
#[pyclass(module = "kesher", frozen)]
pub(crate) struct EscalationRules {
    inner: kesher::live::EscalationRules,
    /// The host's words for the reasons and acknowledgements, if it gave its own.
    catalogue: Option<crate::catalogue::Catalogue>,
}

#[pymethods]
impl EscalationRules {
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "(definition, catalogue=None)")]
    fn new(
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<EscalationRules> {
        let [definition, catalogue] =
            crate::errors::bind("EscalationRules", ["definition", "catalogue"], args, kwargs)?;
        let definition =
            crate::errors::required("EscalationRules", "definition", definition.as_ref())?;
        let inner =
            kesher::live::EscalationRules::from_json(&json_text(definition)?).map_err(to_py)?;
        let catalogue = match catalogue.filter(|c| !c.is_none()) {
            Some(c) => Some(
                c.extract::<PyRef<'_, crate::catalogue::Catalogue>>()
                    .map_err(|_| {
                        invalid("catalogue", &c.to_string(), "expected a kesher.Catalogue")
                    })?
                    .clone(),
            ),
            None => None,
        };
        Ok(EscalationRules { inner, catalogue })
    }

    /// Raises when a share would not wake cases under one of `contracts`.
    fn check(&self, contracts: PyRef<'_, ContractSet>) -> PyResult<()> {
        self.inner.check(&contracts.inner).map_err(to_py)
    }

    /// `live.apply(event, engine, now)` and the escalations it sets off: `(changes, escalations)`.
    #[pyo3(signature = (live, event_, engine_, now, lang="en"))]
    fn apply(
        &self,
        py: Python<'_>,
        live: PyRef<'_, LiveCase>,
        event_: &Bound<'_, PyAny>,
        engine_: PyRef<'_, SlaEngine>,
        now: &Bound<'_, PyAny>,
        lang: &str,
    ) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
        let (event_, now) = (event(event_)?, instant("now", now)?);
        let lang = wording(lang, self.catalogue.as_ref())?;
        let (changes, asked) = self
            .inner
            .apply(
                &mut *live.lock()?,
                event_,
                &mut *engine(&engine_)?,
                now,
                &engine_.contracts,
                lang,
            )
            .map_err(to_py)?;
        Ok((to_py_value(py, &changes)?, to_py_value(py, &asked)?))
    }

    /// `live.tick(engine, now)` and the escalations it sets off: `(changes, escalations)`.
    #[pyo3(signature = (live, engine_, now, lang="en"))]
    fn tick(
        &self,
        py: Python<'_>,
        live: PyRef<'_, LiveCase>,
        engine_: PyRef<'_, SlaEngine>,
        now: &Bound<'_, PyAny>,
        lang: &str,
    ) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
        let now = instant("now", now)?;
        let lang = wording(lang, self.catalogue.as_ref())?;
        let (changes, asked) = self
            .inner
            .tick(
                &mut *live.lock()?,
                &mut *engine(&engine_)?,
                now,
                &engine_.contracts,
                lang,
            )
            .map_err(to_py)?;
        Ok((to_py_value(py, &changes)?, to_py_value(py, &asked)?))
    }
}
