//! `kesher.Report`: the service report of `kesher report`, for notebooks.

use crate::cases::Case;
use crate::catalogue::{wording, Catalogue};
use crate::convert::{instant, to_py_value};
use crate::errors::{arg, arg_opt, to_py};
use crate::sla::ContractSet;
use pyo3::prelude::*;

/// The service report over cases: SLA compliance and first responses per brand and channel,
/// FCR, unanswered messages, transfers, emotion patterns, recurring problems, retention lists,
/// statements and coverage. Draws itself as HTML in Jupyter.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct Report {
    inner: kesher::report::Report,
    /// The host's words, when it gave its own.
    catalogue: Option<Catalogue>,
}

impl Report {
    /// The page in the report's language, from the host's catalogue when it gave one.
    fn page(&self) -> PyResult<String> {
        let words = wording(&self.inner.language, self.catalogue.as_ref())?;
        Ok(self.inner.to_html_in(words))
    }
}

#[pymethods]
impl Report {
    /// The report over `cases` at `now` (default: the latest event of the cases), with SLA
    /// compliance when `contracts` are given, in `lang` (en, he, ar, ru) of the built-in
    /// catalogue or of a host's `catalogue`.
    #[new]
    #[pyo3(
        signature = (*args, **kwargs),
        text_signature = "(cases, contracts=None, lang=None, now=None, segment_key=None, stage_map=None, catalogue=None)"
    )]
    fn new(
        py: Python<'_>,
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<Report> {
        let [cases, contracts, lang, now, segment_key, stage_map, catalogue] = crate::errors::bind(
            "Report",
            [
                "cases",
                "contracts",
                "lang",
                "now",
                "segment_key",
                "stage_map",
                "catalogue",
            ],
            args,
            kwargs,
        )?;
        let (contracts, lang, now) = (contracts.as_ref(), lang.as_ref(), now.as_ref());
        let (segment_key, stage_map) = (segment_key.as_ref(), stage_map.as_ref());
        let cases = crate::errors::required("Report", "cases", cases.as_ref())?;
        let cases: Vec<PyRef<'_, Case>> = arg(cases, "cases")?;
        let contracts: Option<PyRef<'_, ContractSet>> = arg_opt(contracts, "contracts")?;
        let lang: String = arg_opt(lang, "lang")?.unwrap_or_else(|| "en".into());
        let segment_key: String =
            arg_opt(segment_key, "segment_key")?.unwrap_or_else(|| "brand".into());
        let catalogue: Option<PyRef<'_, Catalogue>> = arg_opt(catalogue.as_ref(), "catalogue")?;
        let catalogue = catalogue.map(|c| c.clone());
        let wording = wording(&lang, catalogue.as_ref())?;
        let now = now.map(|t| instant("now", t)).transpose()?;
        let cases: Vec<kesher::case::Case> = cases.iter().map(|c| c.inner.clone()).collect();
        let set = contracts.map(|c| c.inner.clone());
        let options = kesher::report::ReportOptions {
            segment_key: segment_key.to_string(),
            stage_map: crate::journey::stage_map(stage_map)?,
            ..kesher::report::ReportOptions::default()
        };
        let inner = py.detach(move || {
            kesher::report::report_of_cases(&cases, set.as_ref(), options, wording, now)
        });
        let inner = inner.map_err(to_py)?;
        Ok(Report { inner, catalogue })
    }

    /// The report's facts (the JSON of `kesher report --json`).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, &self.inner)
    }

    /// The report as one self-contained HTML page.
    #[getter]
    fn html(&self) -> PyResult<String> {
        self.page()
    }

    fn _repr_html_(&self) -> PyResult<String> {
        self.page()
    }

    fn __repr__(&self) -> String {
        format!(
            "Report(cases={}, brands={}, customers={})",
            self.inner.totals.metrics.cases,
            self.inner.brands.len(),
            self.inner.retention.customers
        )
    }
}
