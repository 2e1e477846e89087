//! `kesher.Catalogue`: kesher's messages per language (Project Fluent's FTL), which a host
//! overrides or extends at run time.

use crate::errors::{invalid, to_py};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// Messages per language (see the Rust `kesher::catalogue::Catalogue`).
#[pyclass(module = "kesher", frozen)]
#[derive(Clone)]
pub(crate) struct Catalogue {
    pub(crate) inner: kesher::catalogue::Catalogue,
}

/// One argument of a message: an `int` is a count (it selects plural forms), anything else
/// is text.
enum Arg {
    Text(String),
    Count(i64),
}

#[pymethods]
impl Catalogue {
    /// The built-in catalogue (English, Hebrew, Arabic, Russian).
    #[new]
    #[pyo3(signature = (*args, **kwargs), text_signature = "()")]
    fn new(args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Catalogue> {
        let [] = crate::errors::bind("Catalogue", [], args, kwargs)?;
        Ok(Catalogue {
            inner: kesher::catalogue::Catalogue::built_in().clone(),
        })
    }

    /// A catalogue of one language read from FTL text (a host's own messages).
    #[staticmethod]
    fn from_ftl(language: &str, ftl: &str) -> PyResult<Catalogue> {
        kesher::catalogue::Catalogue::from_ftl(language, ftl)
            .map(|inner| Catalogue { inner })
            .map_err(to_py)
    }

    /// This catalogue with the messages of `ftl` in `language` (overriding, or a new language,
    /// which needs every message).
    fn with_messages(&self, language: &str, ftl: &str) -> PyResult<Catalogue> {
        self.inner
            .with_messages(language, ftl)
            .map(|inner| Catalogue { inner })
            .map_err(to_py)
    }

    /// The text of message `id` in `language`, with keyword arguments as its variables.
    #[pyo3(signature = (language, id, /, **args))]
    fn format(
        &self,
        language: &str,
        id: &str,
        args: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let mut values: Vec<(String, Arg)> = Vec::new();
        for (key, value) in args.into_iter().flat_map(|d| d.iter()) {
            let name: String = key.extract()?;
            let arg = if value.is_instance_of::<pyo3::types::PyInt>()
                && !value.is_instance_of::<pyo3::types::PyBool>()
            {
                Arg::Count(value.extract().map_err(|_| {
                    invalid(
                        &name,
                        &value.to_string(),
                        "a count is a whole number that fits in 64 bits",
                    )
                })?)
            } else {
                Arg::Text(value.str()?.to_string())
            };
            values.push((name, arg));
        }
        let borrowed: Vec<(&str, kesher::catalogue::MessageArg<'_>)> = values
            .iter()
            .map(|(n, a)| {
                let a = match a {
                    Arg::Text(t) => kesher::catalogue::MessageArg::Text(t),
                    Arg::Count(c) => kesher::catalogue::MessageArg::Count(*c),
                };
                (n.as_str(), a)
            })
            .collect();
        self.inner.format(language, id, &borrowed).map_err(to_py)
    }

    /// The languages, by tag.
    #[getter]
    fn languages(&self) -> Vec<String> {
        owned(self.inner.languages())
    }

    /// The ids of the messages in `language`.
    fn message_ids(&self, language: &str) -> Vec<String> {
        owned(self.inner.message_ids(language))
    }

    /// The ids of the English messages `language` lacks.
    fn missing(&self, language: &str) -> Vec<String> {
        owned(self.inner.missing(language))
    }

    /// Whether text in `language` runs right to left.
    #[staticmethod]
    fn is_right_to_left(language: &str) -> bool {
        kesher::catalogue::Catalogue::is_right_to_left(language)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, Catalogue>>()
            .is_ok_and(|o| o.inner == self.inner)
    }

    fn __repr__(&self) -> String {
        format!("Catalogue(languages={:?})", self.inner.languages())
    }
}

/// Borrowed ids or tags as Python strings.
fn owned(items: Vec<&str>) -> Vec<String> {
    items.into_iter().map(String::from).collect()
}

/// A language of the built-in catalogue (`en`, `he`, `ar`, `ru`), read by the core.
pub(crate) fn language(lang: &str) -> PyResult<kesher::Language> {
    lang.parse().map_err(to_py)
}

/// The words to write in: `lang` of the host's `catalogue` when one is given, else of the
/// built-in catalogue.
pub(crate) fn wording<'a>(
    lang: &str,
    catalogue: Option<&'a Catalogue>,
) -> PyResult<kesher::catalogue::Wording<'a>> {
    match catalogue {
        Some(c) => kesher::catalogue::Wording::new(&c.inner, lang).map_err(to_py),
        None => Ok(language(lang)?.into()),
    }
}
