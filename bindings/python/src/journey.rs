//! The emotion graph: `kesher.EmotionModel`, `kesher.Journey`, `kesher.Pattern`,
//! `kesher.PatternBuilder`.

use crate::cases::Case;
use crate::convert::{instant, json_text, to_py_value};
use crate::errors::{arg, arg_opt, invalid, not_constructible, to_py};
use crate::sla::CaseSla;
use kesher::{
    journey::{Stages, SvgOptions},
    text::{ScoreTable, SentimentScorer, TextScorer},
};
use pyo3::prelude::*;
use std::sync::Mutex;

fn stage_list(names: Option<Vec<String>>) -> PyResult<Stages> {
    match names {
        None => Ok(Stages::default()),
        Some(n) => Stages::new(n).map_err(to_py),
    }
}

/// Builds each case's emotion journey from its interactions (documented effects, see the Rust
/// `kesher::journey::EmotionEffects`).
#[pyclass(module = "kesher", frozen)]
pub(crate) struct EmotionModel {
    lexicon: bool,
    segment_key: String,
    scorer: Option<Py<PyAny>>,
    stage_map: kesher::journey::StageMap,
}

/// A stage map from a dict or a JSON string (None: the default).
pub(crate) fn stage_map(obj: Option<&Bound<'_, PyAny>>) -> PyResult<kesher::journey::StageMap> {
    match obj {
        None => Ok(kesher::journey::StageMap::default()),
        Some(o) => kesher::journey::StageMap::from_json(&json_text(o)?).map_err(to_py),
    }
}

#[pymethods]
impl EmotionModel {
    /// `lexicon`: score customer message texts with the built-in English/Hebrew scorer;
    /// `segment_key`: the case metadata key whose value is the journey's segment;
    /// `scorer`: a callable taking a list of texts and returning one float in [-1, 1] (or
    /// None) per text, called once per journey with the case's customer messages (it
    /// replaces the built-in scorer); `stage_map`: the stages and the rules that place each
    /// point (a dict or JSON, as the Rust `kesher::journey::StageMap`; None: the default).
    #[new]
    #[pyo3(
        signature = (*args, **kwargs),
        text_signature = "(lexicon=None, segment_key=None, scorer=None, stage_map=None)"
    )]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<EmotionModel> {
        let [lexicon, segment_key, scorer, stage_map] = crate::errors::bind(
            "EmotionModel",
            ["lexicon", "segment_key", "scorer", "stage_map"],
            args,
            kwargs,
        )?;
        let (lexicon, segment_key, stage_map) =
            (lexicon.as_ref(), segment_key.as_ref(), stage_map.as_ref());
        let scorer: Option<Py<PyAny>> = scorer.filter(|s| !s.is_none()).map(Bound::unbind);
        Ok(EmotionModel {
            lexicon: arg_opt(lexicon, "lexicon")?.unwrap_or(true),
            segment_key: arg_opt(segment_key, "segment_key")?.unwrap_or_else(|| "brand".into()),
            scorer,
            stage_map: self::stage_map(stage_map)?,
        })
    }

    /// The journey of `case` up to `now`, with waits judged against `sla` when given.
    #[pyo3(signature = (case, now, sla=None))]
    fn journey(
        &self,
        case: PyRef<'_, Case>,
        now: &Bound<'_, PyAny>,
        sla: Option<PyRef<'_, CaseSla>>,
    ) -> PyResult<Journey> {
        let now = instant("now", now)?;
        let table = self.scores(case.py(), case.inner.customer_texts())?;
        let model = self.model(table.as_ref());
        Ok(Journey {
            inner: model.journey(&case.inner, now, sla.as_ref().map(|s| &s.inner)),
        })
    }

    /// The continuous line: `customer`'s journey across `cases` (theirs) and purchases up to
    /// `now`; `slas`, when given, one per case (or None).
    #[pyo3(signature = (customer, cases, now, slas=None))]
    fn customer_journey(
        &self,
        customer: PyRef<'_, crate::people::Customer>,
        cases: Vec<PyRef<'_, Case>>,
        now: &Bound<'_, PyAny>,
        slas: Option<Vec<Option<PyRef<'_, CaseSla>>>>,
    ) -> PyResult<Journey> {
        let now = instant("now", now)?;
        let slas = slas.unwrap_or_default();
        if !slas.is_empty() && slas.len() != cases.len() {
            let got = slas.len().to_string();
            return Err(invalid("slas", &got, "one per case, or None"));
        }
        let texts: Vec<&str> = cases
            .iter()
            .flat_map(|c| c.inner.customer_texts())
            .collect();
        let table = self.scores(customer.py(), texts)?;
        let pairs: Vec<(&kesher::case::Case, Option<&kesher::sla::CaseSla>)> = cases
            .iter()
            .enumerate()
            .map(|(n, c)| {
                (
                    &c.inner,
                    slas.get(n).and_then(|s| s.as_ref().map(|s| &s.inner)),
                )
            })
            .collect();
        self.model(table.as_ref())
            .customer_journey(&customer.inner, &pairs, now)
            .map(|inner| Journey { inner })
            .map_err(to_py)
    }
    fn __repr__(&self) -> String {
        format!(
            "EmotionModel(lexicon={}, segment_key={:?}, scorer={})",
            if self.lexicon { "True" } else { "False" },
            self.segment_key,
            if self.scorer.is_some() {
                "<callable>"
            } else {
                "None"
            }
        )
    }
}

impl EmotionModel {
    /// The host's scores of `texts`, when a scorer callable was given.
    fn scores(&self, py: Python<'_>, texts: Vec<&str>) -> PyResult<Option<ScoreTable>> {
        self.scorer
            .as_ref()
            .map(|callable| crate::text::score_table(callable.bind(py), &texts))
            .transpose()
    }

    fn model<'a>(&'a self, table: Option<&'a ScoreTable>) -> kesher::journey::EmotionModel<'a> {
        let scorer: Option<&dyn TextScorer> = match (table, self.lexicon) {
            (Some(t), _) => Some(t),
            (None, true) => Some(&SentimentScorer::DEFAULT),
            (None, false) => None,
        };
        kesher::journey::EmotionModel {
            scorer,
            segment_key: self.segment_key.clone(),
            stage_map: self.stage_map.clone(),
            ..kesher::journey::EmotionModel::default()
        }
    }
}

/// One customer's emotion journey: points in time with an emotion in [-1, 1].
#[pyclass(module = "kesher", frozen)]
pub(crate) struct Journey {
    pub(crate) inner: kesher::journey::Journey,
}

fn journey_json(j: &kesher::journey::Journey) -> PyResult<String> {
    serde_json::to_string(j).map_err(|e| invalid("journey", "", &e.to_string()))
}

#[pymethods]
impl Journey {
    /// A journey from its JSON contract (`customer_id`, `points`…), a dict or JSON text.
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "(definition)")]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<Journey> {
        let definition = &crate::errors::single("Journey", "definition", args, kwargs)?;
        kesher::journey::Journey::from_json(&json_text(definition)?)
            .map(|inner| Journey { inner })
            .map_err(to_py)
    }

    #[getter]
    fn customer_id(&self) -> String {
        self.inner.customer_id.to_string()
    }

    #[getter]
    fn case_id(&self) -> Option<String> {
        self.inner.case_id.as_ref().map(ToString::to_string)
    }

    #[getter]
    fn segment(&self) -> Option<String> {
        self.inner.segment.clone()
    }

    /// The points as dicts of the JSON contract (`at`, `emotion`, `stage`, `source`, `cause`).
    #[getter]
    fn points(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, self.inner.points())
    }

    /// Where the direction changed, with the size of the swing.
    #[pyo3(signature = (min_swing=0.0))]
    fn turning_points(&self, py: Python<'_>, min_swing: f64) -> PyResult<Py<PyAny>> {
        let turns = kesher::journey::turning_points(&self.inner, min_swing).map_err(to_py)?;
        to_py_value(py, &turns)
    }

    /// The lowest point, the steepest drops and the crossings below `threshold`.
    #[pyo3(signature = (threshold=-0.66))]
    fn critical_points(&self, py: Python<'_>, threshold: f64) -> PyResult<Py<PyAny>> {
        let critical = kesher::journey::critical_points(&self.inner, threshold).map_err(to_py)?;
        to_py_value(py, &critical)
    }

    /// The journey as SVG (labels in `lang`: en, he, ar or ru, he and ar right to left; or a
    /// language of a host's `catalogue`).
    #[pyo3(signature = (lang="en", title=None, width=760, height=400, catalogue=None))]
    fn svg(
        &self,
        lang: &str,
        title: Option<String>,
        width: u32,
        height: u32,
        catalogue: Option<PyRef<'_, crate::catalogue::Catalogue>>,
    ) -> PyResult<String> {
        let wording = crate::catalogue::wording(lang, catalogue.as_deref())?;
        let o = SvgOptions {
            title,
            ..SvgOptions::sized(width, height).map_err(to_py)?
        };
        Ok(kesher::journey::journey_svg_in(
            &self.inner,
            &Stages::default(),
            &o,
            wording,
        ))
    }

    fn _repr_svg_(&self) -> PyResult<String> {
        self.svg("en", None, 760, 400, None)
    }

    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, &self.inner)
    }

    fn to_json(&self) -> PyResult<String> {
        journey_json(&self.inner)
    }

    fn __len__(&self) -> usize {
        self.inner.points().len()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Journey>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        let low = self
            .inner
            .points()
            .iter()
            .map(|p| p.emotion.value())
            .fold(f64::INFINITY, f64::min);
        format!(
            "Journey(customer={:?}, case={:?}, segment={:?}, points={}, lowest={})",
            self.inner.customer_id.as_str(),
            self.inner.case_id.as_ref().map(|c| c.as_str()),
            self.inner.segment,
            self.inner.points().len(),
            if low.is_finite() {
                format!("{low:+.2}")
            } else {
                "None".into()
            }
        )
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        Ok((
            slf.get_type().into_any().unbind(),
            (journey_json(&slf.get().inner)?,),
        ))
    }
}

/// The typical pattern of one segment: per stage the median and bands, and the stages prone
/// to trouble.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct Pattern {
    inner: kesher::journey::Pattern,
}

fn pattern_json(p: &kesher::journey::Pattern) -> PyResult<String> {
    serde_json::to_string(p).map_err(|e| invalid("pattern", "", &e.to_string()))
}

#[pymethods]
impl Pattern {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(
        _args: &Bound<'_, pyo3::types::PyTuple>,
        _kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<Pattern> {
        Err(not_constructible(
            "Pattern",
            "PatternBuilder.finish() or Pattern.from_json()",
        ))
    }

    /// A pattern from its JSON (as `to_json` writes it).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Pattern> {
        kesher::from_json(text)
            .map(|inner| Pattern { inner })
            .map_err(to_py)
    }

    #[getter]
    fn segment(&self) -> String {
        self.inner.segment.clone()
    }

    #[getter]
    fn journeys(&self) -> u64 {
        self.inner.journeys
    }

    /// Per stage: `stage`, `count`, `mean`, `p10`, `p25`, `median`, `p75`, `p90`.
    #[getter]
    fn stages(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, &self.inner.stages)
    }

    /// The stages prone to trouble, worst first.
    #[getter]
    fn trouble(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, &self.inner.trouble)
    }

    #[pyo3(signature = (lang="en", width=760, height=400, catalogue=None))]
    fn svg(
        &self,
        lang: &str,
        width: u32,
        height: u32,
        catalogue: Option<PyRef<'_, crate::catalogue::Catalogue>>,
    ) -> PyResult<String> {
        let wording = crate::catalogue::wording(lang, catalogue.as_deref())?;
        let o = SvgOptions::sized(width, height).map_err(to_py)?;
        Ok(kesher::journey::pattern_svg_in(&self.inner, &o, wording))
    }

    fn _repr_svg_(&self) -> PyResult<String> {
        self.svg("en", 760, 400, None)
    }

    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py_value(py, &self.inner)
    }

    fn to_json(&self) -> PyResult<String> {
        pattern_json(&self.inner)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Pattern>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        let medians: Vec<String> = self
            .inner
            .stages
            .iter()
            .map(|s| {
                format!(
                    "{}={}",
                    s.stage,
                    s.median.map_or("None".into(), |m| format!("{m:+.2}"))
                )
            })
            .collect();
        format!(
            "Pattern(segment={:?}, journeys={}, medians=[{}])",
            self.inner.segment,
            self.inner.journeys,
            medians.join(", ")
        )
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        let from = slf.get_type().getattr("from_json")?.unbind();
        Ok((from, (pattern_json(&slf.get().inner)?,)))
    }
}

/// Aggregates journeys into patterns per segment; builders merge, so partial builders from
/// partitions of the data give the same patterns as one.
#[pyclass(module = "kesher", frozen)]
pub(crate) struct PatternBuilder {
    inner: Mutex<kesher::journey::PatternBuilder>,
}

impl PatternBuilder {
    fn lock(&self) -> PyResult<std::sync::MutexGuard<'_, kesher::journey::PatternBuilder>> {
        self.inner
            .lock()
            .map_err(|_| invalid("builder", "", "a previous call failed midway"))
    }
}

#[pymethods]
impl PatternBuilder {
    #[new]
    #[pyo3(
        signature = (*args, **kwargs),
        text_signature = "(stages=None, threshold=None)"
    )]
    fn new(
        args: &Bound<'_, pyo3::types::PyTuple>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<PatternBuilder> {
        let [stages, threshold] =
            crate::errors::bind("PatternBuilder", ["stages", "threshold"], args, kwargs)?;
        let (stages, threshold) = (stages.as_ref(), threshold.as_ref());
        let stages: Option<Vec<String>> = arg_opt(stages, "stages")?;
        let threshold: f64 = arg_opt(threshold, "threshold")?.unwrap_or(-0.66);
        Ok(PatternBuilder {
            inner: Mutex::new(
                kesher::journey::PatternBuilder::checked(stage_list(stages)?, threshold)
                    .map_err(to_py)?,
            ),
        })
    }

    /// Counts one journey in its segment.
    fn add(&self, journey: &Bound<'_, PyAny>) -> PyResult<()> {
        let journey: PyRef<'_, Journey> = arg(journey, "journey")?;
        self.lock()?.add(&journey.inner);
        Ok(())
    }

    /// Adds what another builder counted.
    fn merge(&self, other: PyRef<'_, PatternBuilder>) -> PyResult<()> {
        let theirs = other.lock()?.clone();
        self.lock()?.merge(&theirs);
        Ok(())
    }

    /// The builder as JSON (partial builders travel between workers and merge).
    fn to_json(&self) -> PyResult<String> {
        Ok(self.lock()?.to_json())
    }

    /// A builder from `to_json`'s JSON.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<PatternBuilder> {
        kesher::journey::PatternBuilder::from_json(text)
            .map(|b| PatternBuilder {
                inner: Mutex::new(b),
            })
            .map_err(to_py)
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
        let from = slf.get_type().getattr("from_json")?.unbind();
        Ok((from, (slf.get().lock()?.to_json(),)))
    }

    /// The pattern of every segment, by segment name.
    fn finish(&self) -> PyResult<Vec<Pattern>> {
        Ok(self
            .lock()?
            .finish()
            .into_iter()
            .map(|inner| Pattern { inner })
            .collect())
    }

    fn __repr__(&self) -> String {
        "PatternBuilder()".to_string()
    }
}
