//! The distribution of first-response times in fixed, human-sized bins.

use serde::{Deserialize, Serialize};

/// Bin edges, in seconds: 5, 15 and 30 minutes, 1, 2, 4, 8 and 24 hours, 3 days.
pub const FIRST_RESPONSE_EDGES: [i64; 9] =
    [300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200];

/// How many cases were first answered within each bin of [`FIRST_RESPONSE_EDGES`] (bin `i` is
/// `[edge i−1, edge i)`, the first from 0, the last open-ended), and how many were never answered
/// by a person.
///
/// # Example
///
/// ```
/// use kesher::report::FirstResponseHistogram;
/// let mut h = FirstResponseHistogram::default();
/// h.add(Some(60.0));
/// h.add(Some(300.0));
/// h.add(Some(1e7));
/// h.add(None);
/// assert_eq!(h.counts[..3], [1, 1, 0]);
/// assert_eq!((h.counts[9], h.unanswered, h.total()), (1, 1, 4));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstResponseHistogram {
    /// The upper edges of the bins, in seconds (the last bin has none).
    pub edges_seconds: Vec<i64>,
    /// Cases per bin: one more than the edges.
    pub counts: Vec<u64>,
    /// Cases with no answer from a person.
    pub unanswered: u64,
}

impl Default for FirstResponseHistogram {
    fn default() -> Self {
        FirstResponseHistogram {
            edges_seconds: FIRST_RESPONSE_EDGES.to_vec(),
            counts: vec![0; FIRST_RESPONSE_EDGES.len() + 1],
            unanswered: 0,
        }
    }
}

impl FirstResponseHistogram {
    /// Counts one case: its first response in seconds, or none.
    ///
    /// # Example
    ///
    /// See [`FirstResponseHistogram`].
    pub fn add(&mut self, seconds: Option<f64>) {
        match seconds {
            None => self.unanswered += 1,
            Some(s) => {
                let bin = self
                    .edges_seconds
                    .iter()
                    .position(|e| s < *e as f64)
                    .unwrap_or(self.edges_seconds.len());
                if let Some(c) = self.counts.get_mut(bin) {
                    *c += 1;
                }
            }
        }
    }

    /// Every case counted.
    ///
    /// # Example
    ///
    /// See [`FirstResponseHistogram`].
    pub fn total(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.unanswered
    }
}
