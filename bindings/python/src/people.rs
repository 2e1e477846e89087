//! `kesher.Customer` and `kesher.Interaction`: records of the JSON contract with typed fields.

use crate::convert::{from_json, instant, json_text, to_py_value};
use crate::errors::{invalid, to_py};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;

fn text_of<T: serde::Serialize>(what: &str, v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| invalid(what, "", &e.to_string()))
}

/// A customer: identity, contact points, purchases, segments, consents.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct Customer {
    pub(crate) inner: kesher::customer::Customer,
}

#[pymethods]
impl Customer {
    /// A customer from the JSON contract (a dict or JSON text).
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "(definition)")]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<Customer> {
        let definition = &crate::errors::single("Customer", "definition", args, kwargs)?;
        kesher::customer::Customer::from_json(&json_text(definition)?)
            .map(|inner| Customer { inner })
            .map_err(to_py)
    }

    #[getter]
    fn id(&self) -> String {
        self.inner.id.to_string()
    }

    #[getter]
    fn name(&self) -> String {
        self.inner.name.clone()
    }

    #[getter]
    fn segments(&self) -> Vec<String> {
        self.inner.segments.iter().cloned().collect()
    }

    /// How many purchases are on record.
    #[getter]
    fn purchases(&self) -> usize {
        self.inner.purchases.len()
    }

    /// The customer's lifetime value as of `as_of` (a dict of the JSON contract), or None
    /// without purchases.
    fn lifetime_value(&self, py: Python<'_>, as_of: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let v = self
            .inner
            .lifetime_value(
                instant("as_of", as_of)?,
                kesher::customer::LifetimeModel::default(),
            )
            .map_err(to_py)?;
        to_py_value(py, &v)
    }

    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        from_json(py, &text_of("customer", &self.inner)?)
    }

    fn to_json(&self) -> PyResult<String> {
        text_of("customer", &self.inner)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Customer>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Customer(id={:?}, name={:?}, segments={:?}, purchases={})",
            self.inner.id.as_str(),
            self.inner.name,
            self.segments(),
            self.inner.purchases.len()
        )
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        Ok((
            slf.get_type().into_any().unbind(),
            (text_of("customer", &slf.get().inner)?,),
        ))
    }
}

/// One interaction: a message, call, visit… on a channel, inbound or outbound.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct Interaction {
    inner: kesher::interaction::Interaction,
}

#[pymethods]
impl Interaction {
    /// An interaction from the JSON contract (a dict or JSON text), also in its event form
    /// (with `"type": "interaction"`).
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "(definition)")]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<Interaction> {
        let definition = &crate::errors::single("Interaction", "definition", args, kwargs)?;
        let text = json_text(definition)?;
        let mut value: serde_json::Value = kesher::from_json(&text).map_err(to_py)?;
        if let Some(o) = value.as_object_mut() {
            if o.get("type").and_then(|t| t.as_str()) == Some("interaction") {
                o.remove("type");
            }
        }
        let inner: kesher::interaction::Interaction =
            kesher::from_json_value(value).map_err(to_py)?;
        inner.validate().map_err(to_py)?;
        Ok(Interaction { inner })
    }

    #[getter]
    fn id(&self) -> String {
        self.inner.id.to_string()
    }

    #[getter]
    fn customer_id(&self) -> String {
        self.inner.customer_id.to_string()
    }

    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.inner.at
    }

    #[getter]
    fn channel(&self) -> String {
        self.inner.channel.name()
    }

    #[getter]
    fn direction(&self) -> PyResult<String> {
        Ok(text_of("direction", &self.inner.direction)?
            .trim_matches('"')
            .to_string())
    }

    #[getter]
    fn kind(&self) -> PyResult<String> {
        Ok(text_of("kind", &self.inner.kind)?
            .trim_matches('"')
            .to_string())
    }

    #[getter]
    fn text(&self) -> Option<String> {
        self.inner.text.clone()
    }

    /// Whether this is a customer's message, call or visit.
    #[getter]
    fn is_customer_contact(&self) -> bool {
        self.inner.is_customer_contact()
    }

    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        from_json(py, &text_of("interaction", &self.inner)?)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Interaction>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok(format!(
            "Interaction(id={:?}, {} {} {} at {})",
            self.inner.id.as_str(),
            self.direction()?,
            self.kind()?,
            self.inner.channel.name(),
            self.inner.at.to_rfc3339()
        ))
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        Ok((
            slf.get_type().into_any().unbind(),
            (text_of("interaction", &slf.get().inner)?,),
        ))
    }
}
