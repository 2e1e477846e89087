//! `kesher.Report`: the service report of `kesher report`, for notebooks.

use crate::cases::Case;
use crate::convert::{instant, to_py_value};
use crate::errors::to_py;
use crate::playbook::language;
use crate::sla::ContractSet;
use pyo3::prelude::*;

/// The service report over cases: SLA compliance and first responses per brand and channel,
/// FCR, unanswered messages, transfers, emotion patterns, recurring problems, retention lists,
/// statements and coverage. Draws itself as HTML in Jupyter.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct Report {
    inner: kesher::report::Report,
}

#[pymethods]
impl Report {
    /// The report over `cases` at `now` (default: the latest event of the cases), with SLA
    /// compliance when `contracts` are given, in `lang` (en or he).
    #[new]
    #[pyo3(signature = (cases, contracts=None, lang="en", now=None, segment_key="brand"))]
    fn new(
        py: Python<'_>,
        cases: Vec<PyRef<'_, Case>>,
        contracts: Option<PyRef<'_, ContractSet>>,
        lang: &str,
        now: Option<&Bound<'_, PyAny>>,
        segment_key: &str,
    ) -> PyResult<Report> {
        let lang = language(lang)?;
        let now = match now {
            Some(t) => instant("now", t)?,
            None => cases
                .iter()
                .map(|c| c.inner.last_event_at())
                .max()
                .unwrap_or(chrono::DateTime::UNIX_EPOCH),
        };
        let cases: Vec<kesher::Case> = cases.iter().map(|c| c.inner.clone()).collect();
        let set = contracts.map(|c| c.inner.clone());
        let segment_key = segment_key.to_string();
        let inner = py.detach(move || -> kesher::Result<kesher::report::Report> {
            let mut engine = set.clone().map(kesher::SlaEngine::new);
            let model = kesher::EmotionModel {
                scorer: Some(&kesher::LexiconScorer),
                segment_key: segment_key.clone(),
                ..kesher::EmotionModel::default()
            };
            let mut b = kesher::report::ReportBuilder::new(kesher::report::ReportOptions {
                segment_key,
                ..kesher::report::ReportOptions::default()
            });
            for case in &cases {
                let sla = engine.as_mut().map(|e| e.evaluate(case, now)).transpose()?;
                let journey = model.journey(case, sla.as_ref(), now);
                b.add(case, sla.as_ref(), &journey, now);
            }
            Ok(b.finish(&Default::default(), set.as_ref(), lang, now))
        });
        inner.map(|inner| Report { inner }).map_err(to_py)
    }

    /// The report's facts (the JSON of `kesher report --json`).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, &self.inner)
    }

    /// The report as one self-contained HTML page.
    #[getter]
    fn html(&self) -> String {
        self.inner.to_html()
    }

    fn _repr_html_(&self) -> String {
        self.inner.to_html()
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
