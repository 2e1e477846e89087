//! Scores a host computed elsewhere, in one batch: how a stronger model (a transformers
//! pipeline in Python, a JavaScript function in the browser) plugs into every place that
//! reads customer text.

use super::TextScorer;
use crate::{
    error::{Error, Result},
    language::Language,
};

/// A [`TextScorer`] that answers from a table of texts and the scores a host's own model gave
/// them, asked for all at once (a model is fastest on a batch).
///
/// The bindings build one from a Python callable or a JavaScript function: they ask
/// [`Case::customer_texts`](crate::case::Case::customer_texts) which texts a case's journey will read, call the host's model once
/// with that list, and hand the answers to [`ScoreTable::new`], which checks them. A text the
/// table does not hold scores `None` (no opinion seen).
///
/// # Example
///
/// ```
/// use kesher::text::{ScoreTable, TextScorer};
///
/// let texts = vec!["thanks a lot".to_string(), "still broken".to_string()];
/// let table = ScoreTable::new(texts, vec![Some(0.9), Some(-0.7)])?;
/// assert_eq!(table.score("still broken", None), Some(-0.7));
/// assert_eq!(table.score("never asked", None), None);
///
/// let err = ScoreTable::new(vec!["x".to_string()], vec![Some(3.0)]).unwrap_err();
/// assert_eq!(err.to_string(), "invalid score `3`: must be a number from -1.0 to 1.0, or none (text 0)");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreTable {
    /// By text (sorted; a text given twice keeps its first score).
    scores: Vec<(String, Option<f64>)>,
}

impl ScoreTable {
    /// The table of `texts` and their `scores`, in the same order. Errors name the score that
    /// is not a number in [−1, 1] (and its place), or the two lengths when they differ.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::text::ScoreTable::new(vec!["a".to_string()], vec![]).unwrap_err();
    /// assert_eq!(err.kind(), kesher::ErrorKind::InvalidInput);
    /// ```
    pub fn new(
        texts: impl IntoIterator<Item = String>,
        scores: impl IntoIterator<Item = Option<f64>>,
    ) -> Result<ScoreTable> {
        let texts: Vec<String> = texts.into_iter().collect();
        let scores: Vec<Option<f64>> = scores.into_iter().collect();
        if texts.len() != scores.len() {
            return Err(Error::from(crate::error::Detail::InvalidInput {
                field: "scores".into(),
                value: format!("{} values", scores.len()),
                reason: format!(
                    "the scorer must answer one value per text ({} texts)",
                    texts.len()
                ),
            }));
        }
        let mut table = Vec::with_capacity(texts.len());
        for (place, (text, score)) in texts.into_iter().zip(scores).enumerate() {
            if let Some(s) = score.filter(|s| !(s.is_finite() && (-1.0..=1.0).contains(s))) {
                return Err(Error::from(crate::error::Detail::InvalidInput {
                    field: "score".into(),
                    value: s.to_string(),
                    reason: format!("must be a number from -1.0 to 1.0, or none (text {place})"),
                }));
            }
            table.push((text, score));
        }
        crate::support::sorting::sort_by(&mut table, |a, b| a.0.cmp(&b.0));
        table.dedup_by(|later, first| later.0 == first.0);
        Ok(ScoreTable { scores: table })
    }

    /// How many texts the table holds.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::text::ScoreTable::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    /// Whether the table holds no text.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::text::ScoreTable::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }
}

impl TextScorer for ScoreTable {
    fn score(&self, text: &str, _: Option<Language>) -> Option<f64> {
        let at = self.scores.binary_search_by(|(t, _)| t.as_str().cmp(text));
        at.ok()
            .and_then(|i| self.scores.get(i))
            .and_then(|(_, s)| *s)
    }
}
