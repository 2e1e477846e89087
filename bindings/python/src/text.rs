//! Reading customer text: `kesher.read_messages`, and the callable scorer hook that
//! `EmotionModel(scorer=...)` shares.

use crate::convert::to_py_value;
use crate::errors::{invalid, to_py};
use kesher::{
    text::{MessageReading, ScoreTable, SentimentScorer, TextScorer},
    Language,
};
use pyo3::prelude::*;

/// A language hint: `None`, `"en"` or `"he"` (the core parses it).
pub(crate) fn hint(lang: Option<&str>) -> PyResult<Option<Language>> {
    lang.map(|l| l.parse::<Language>().map_err(to_py))
        .transpose()
}

/// Calls a host's scorer once with `texts` (a list of str) and checks its answers in the core.
pub(crate) fn score_table(scorer: &Bound<'_, PyAny>, texts: &[&str]) -> PyResult<ScoreTable> {
    let answer = scorer.call1((texts.to_vec(),))?;
    let values: Vec<Option<f64>> = answer.extract().map_err(|_| {
        let shown = answer.repr().map(|r| r.to_string()).unwrap_or_default();
        invalid(
            "scores",
            &shown.chars().take(80).collect::<String>(),
            "the scorer must return a sequence of floats (or None), one per text",
        )
    })?;
    ScoreTable::new(texts.iter().map(|t| t.to_string()), values).map_err(to_py)
}

/// Reads each customer message: its sentiment score in [-1, 1] (or None), its class and what
/// it does in the conversation (`thanks`, `confirmation`, `problem`, `complaint`).
///
/// `scorer`: any callable taking a list of texts and returning one float (or None) per text,
/// such as a transformers pipeline wrapped in a function; the built-in scorer otherwise.
#[pyfunction]
#[pyo3(signature = (texts, lang=None, scorer=None))]
pub(crate) fn read_messages(
    py: Python<'_>,
    texts: Vec<String>,
    lang: Option<&str>,
    scorer: Option<Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let language = hint(lang)?;
    let table;
    let scorer: &dyn TextScorer = match &scorer {
        Some(callable) => {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            table = score_table(callable, &refs)?;
            &table
        }
        None => &SentimentScorer::DEFAULT,
    };
    let readings: Vec<MessageReading> = texts
        .iter()
        .map(|t| MessageReading::new(t, language, scorer))
        .collect();
    to_py_value(py, &readings)
}
