//! Where the built-in scorer's data comes from: the English lexicon (`english.tsv`) and the
//! Hebrew n-gram model (`hebrew.tsv`), about 285 KB of text, 96 KB gzipped.
//!
//! With the `text-model` cargo feature (on by default) both are compiled in. Without it they
//! are installed once per process by the host with [`super::install_model`]: the WebAssembly package
//! does so, keeping them out of its `.wasm` as a separate asset that its `init()` loads, so a
//! page that never reads text can skip them. Until they are installed, the scorer reads only
//! its own support words ("still waiting", "refund", "תודה") and [`model_installed`] is false.

use crate::error::{Error, Result};
use std::sync::OnceLock;

#[cfg(feature = "text-model")]
const COMPILED: Option<(&str, &str)> =
    Some((include_str!("english.tsv"), include_str!("hebrew.tsv")));
#[cfg(not(feature = "text-model"))]
const COMPILED: Option<(&str, &str)> = None;

static INSTALLED: OnceLock<(String, String)> = OnceLock::new();

/// Keeps the data [`super::install_model`] checked, once per process.
pub(super) fn install(english_lexicon: &str, hebrew_model: &str) -> Result<()> {
    let taken = || {
        Error::invalid_input(
            "text_model",
            "a second model",
            "the text model is compiled in or installed once per process, before text is read",
        )
    };
    if COMPILED.is_some() {
        return Err(taken());
    }
    INSTALLED
        .set((english_lexicon.to_string(), hebrew_model.to_string()))
        .map_err(|_| taken())
}

/// Whether the built-in scorer has its lexicon and model: compiled in, or installed with
/// [`super::install_model`].
///
/// # Example
///
/// ```
/// assert!(kesher::text::model_installed()); // compiled in by default
/// ```
pub fn model_installed() -> bool {
    COMPILED.is_some() || INSTALLED.get().is_some()
}

/// The English lexicon, if there is one yet.
pub(super) fn english_lexicon() -> Option<&'static str> {
    COMPILED
        .map(|(english, _)| english)
        .or_else(|| INSTALLED.get().map(|(english, _)| english.as_str()))
}

/// The Hebrew model, if there is one yet.
pub(super) fn hebrew_model() -> Option<&'static str> {
    COMPILED
        .map(|(_, hebrew)| hebrew)
        .or_else(|| INSTALLED.get().map(|(_, hebrew)| hebrew.as_str()))
}

/// An error for line `number` of an installed file, which does not read as `expected`.
pub(super) fn bad_line(field: &str, number: usize, line: &str, expected: &str) -> Error {
    Error::invalid_input(field, line, format!("line {number}: expected {expected}"))
}

#[cfg(test)]
mod tests {
    use super::super::{english, hebrew};

    #[test]
    fn the_shipped_files_read() {
        assert!(english::check(include_str!("english.tsv")).is_ok());
        assert!(hebrew::check(include_str!("hebrew.tsv")).is_ok());
    }

    #[test]
    fn a_bad_line_is_named_with_its_number() {
        let err = english::check("good\t19\nbad\t-99\n").unwrap_err();
        assert_eq!(
            (err.field(), err.value()),
            (Some("english_lexicon"), Some("bad\t-99"))
        );
        assert!(err.to_string().contains("line 2"), "{err}");
        let err = hebrew::check("#bias\t0\t1\t2\nab\t1\t2\n").unwrap_err();
        assert_eq!(err.field(), Some("hebrew_model"));
        assert!(err.to_string().contains("line 2"), "{err}");
        // The bias comes first and only first; an n-gram is there once.
        assert!(hebrew::check("ab\t1\t2\t3\n").is_err());
        assert!(hebrew::check("#bias\t0\t1\t2\n#bias\t0\t1\t2\n").is_err());
        let err = hebrew::check("#bias\t0\t1\t2\nab\t1\t2\t3\nab\t1\t2\t3\n").unwrap_err();
        assert_eq!(err.value(), Some("2 n-grams"));
    }
}
