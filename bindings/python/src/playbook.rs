//! The playbook: acknowledgements with honest promised times, reply templates.

use crate::catalogue::{wording, Catalogue};
use crate::convert::{instant, json_text};
use crate::errors::{invalid, to_py};
use crate::sla::ContractSet;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::collections::BTreeMap;

/// The acknowledgement of a request received at `received_at` under contract `contract`: the
/// message, and the promised instant computed on the contract's calendar. A dict with `text`,
/// `promised_by` (datetime), `within` (timedelta), `time` (business or calendar).
#[pyfunction]
#[pyo3(signature = (contracts, contract, received_at, priority_="normal", lang="en", catalogue=None))]
pub(crate) fn acknowledgement<'py>(
    py: Python<'py>,
    contracts: PyRef<'_, ContractSet>,
    contract: &str,
    received_at: &Bound<'_, PyAny>,
    priority_: &str,
    lang: &str,
    catalogue: Option<PyRef<'_, Catalogue>>,
) -> PyResult<Bound<'py, PyDict>> {
    let c = contracts.inner.contract(contract).map_err(to_py)?;
    let a = kesher::playbook::acknowledgement(
        c,
        priority_.parse().map_err(to_py)?,
        instant("received_at", received_at)?,
        wording(lang, catalogue.as_deref())?,
    )
    .map_err(to_py)?;
    let d = PyDict::new(py);
    d.set_item("text", a.text)?;
    d.set_item("promised_by", a.promised_by)?;
    d.set_item("within", a.within)?;
    let time = serde_json::to_value(a.time).unwrap_or_default();
    d.set_item("time", time.as_str().unwrap_or_default())?;
    Ok(d)
}

/// A reply in the four-part structure, from a built-in template (`reply`, `delay`) or the
/// user's own (a dict of the JSON contract).
#[pyclass(module = "kesher", frozen)]
pub(crate) struct ReplyTemplate {
    inner: kesher::playbook::ReplyTemplate,
}

#[pymethods]
impl ReplyTemplate {
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "(definition)")]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<ReplyTemplate> {
        let definition = &crate::errors::single("ReplyTemplate", "definition", args, kwargs)?;
        kesher::playbook::ReplyTemplate::from_json(&json_text(definition)?)
            .map(|inner| ReplyTemplate { inner })
            .map_err(to_py)
    }

    /// A built-in template: `reply` or `delay`, in `lang` of the built-in catalogue or of a
    /// host's `catalogue`.
    #[staticmethod]
    #[pyo3(signature = (name, lang="en", catalogue=None))]
    fn built_in(
        name: &str,
        lang: &str,
        catalogue: Option<PyRef<'_, Catalogue>>,
    ) -> PyResult<ReplyTemplate> {
        kesher::playbook::ReplyTemplate::built_in(name, wording(lang, catalogue.as_deref())?)
            .map(|inner| ReplyTemplate { inner })
            .ok_or_else(|| {
                invalid(
                    "name",
                    name,
                    "no built-in template of this name (reply, delay)",
                )
            })
    }

    /// The variables the template uses.
    #[getter]
    fn variables(&self) -> PyResult<Vec<String>> {
        Ok(self.inner.variables().map_err(to_py)?.into_iter().collect())
    }

    /// The reply with `variables` filled in; one error names every missing variable.
    fn render(&self, variables: BTreeMap<String, String>) -> PyResult<String> {
        self.inner.render(&variables).map_err(to_py)
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!("ReplyTemplate(variables={:?})", self.variables()?))
    }
}
