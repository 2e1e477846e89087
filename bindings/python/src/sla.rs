//! `kesher.ContractSet`, `kesher.SlaEngine` and their evaluations.

use crate::cases::Case;
use crate::convert::{instant, json_text, to_py_value};
use crate::errors::{arg, invalid, not_constructible, to_py};
use pyo3::prelude::*;
use std::sync::Mutex;

/// SLA contracts: which cases each covers, its calendar and its targets.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct ContractSet {
    pub(crate) inner: kesher::sla::ContractSet,
    json: String,
}

#[pymethods]
impl ContractSet {
    /// Contracts from the JSON contract: a list, `{"contracts": [...]}`, or JSON text.
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "(definition)")]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<ContractSet> {
        let definition = &crate::errors::single("ContractSet", "definition", args, kwargs)?;
        let json = json_text(definition)?;
        let inner = kesher::sla::ContractSet::from_json(&json).map_err(to_py)?;
        Ok(ContractSet { inner, json })
    }

    /// The contracts' names, in order.
    #[getter]
    fn names(&self) -> Vec<String> {
        self.inner
            .contracts()
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    /// The contracts and interaction targets as customers read them, in `lang` (`en`, `he`,
    /// `ar`, `ru`) of the built-in catalogue, or of a host's `catalogue`.
    #[pyo3(signature = (lang="en", catalogue=None))]
    fn statements(
        &self,
        lang: &str,
        catalogue: Option<PyRef<'_, crate::catalogue::Catalogue>>,
    ) -> PyResult<Vec<String>> {
        let wording = crate::catalogue::wording(lang, catalogue.as_deref())?;
        Ok(kesher::sla::statement::set_statements(&self.inner, wording)
            .into_iter()
            .map(|s| s.text)
            .collect())
    }

    fn to_json(&self) -> String {
        self.json.clone()
    }

    fn __len__(&self) -> usize {
        self.inner.contracts().len()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<ContractSet>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        format!("ContractSet({:?})", self.names())
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        Ok((
            slf.get_type().into_any().unbind(),
            (slf.get().json.clone(),),
        ))
    }
}

/// One case's SLA evaluation: every target with its state, due, consumed and remaining time.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct CaseSla {
    pub(crate) inner: kesher::sla::CaseSla,
}

#[pymethods]
impl CaseSla {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(
        _args: &Bound<'_, pyo3::types::PyTuple>,
        _kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<CaseSla> {
        Err(not_constructible("CaseSla", "SlaEngine.evaluate()"))
    }

    /// The targets as dicts of the JSON contract (`metric`, `state`, `due`, `consumed`…).
    #[getter]
    fn targets(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, &self.inner.targets)
    }

    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let states: Vec<String> = self
            .inner
            .targets
            .iter()
            .map(|t| {
                let state = serde_json::to_value(t.state).unwrap_or_default();
                format!("{}={}", t.metric.as_str(), state.as_str().unwrap_or("?"))
            })
            .collect();
        format!("CaseSla({})", states.join(", "))
    }
}

/// Evaluates cases against contracts.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct SlaEngine {
    pub(crate) inner: Mutex<kesher::sla::SlaEngine>,
    pub(crate) contracts: kesher::sla::ContractSet,
}

#[pymethods]
impl SlaEngine {
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "(contracts)")]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<SlaEngine> {
        let contracts = &crate::errors::single("SlaEngine", "contracts", args, kwargs)?;
        let contracts: PyRef<'_, ContractSet> = arg(contracts, "contracts")?;
        Ok(SlaEngine {
            inner: Mutex::new(kesher::sla::SlaEngine::new(contracts.inner.clone())),
            contracts: contracts.inner.clone(),
        })
    }

    /// The case's SLA targets at `now` (a timezone-aware datetime).
    fn evaluate(&self, case: PyRef<'_, Case>, now: &Bound<'_, PyAny>) -> PyResult<CaseSla> {
        let now = instant("now", now)?;
        let mut engine = self
            .inner
            .lock()
            .map_err(|_| invalid("engine", "", "a previous evaluation failed midway"))?;
        engine
            .evaluate(&case.inner, now)
            .map(|inner| CaseSla { inner })
            .map_err(to_py)
    }

    fn __repr__(&self) -> String {
        let names: Vec<&str> = self
            .contracts
            .contracts()
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        format!("SlaEngine({names:?})")
    }
}
