//! Row accounting.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How many rows were read, accepted and rejected. `read == accepted + rejected` always holds.
///
/// # Example
///
/// ```
/// let mut s = kesher_io::ImportSummary::default();
/// s.accept();
/// s.reject();
/// assert_eq!(s.to_string(), "read 2, accepted 1, rejected 1");
/// s.reject_accepted();
/// assert_eq!((s.read, s.accepted, s.rejected), (2, 0, 2));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Rows read (blank lines are not rows).
    pub read: u64,
    /// Rows accepted.
    pub accepted: u64,
    /// Rows rejected, each reported with its line and reason.
    pub rejected: u64,
}

impl ImportSummary {
    /// Counts a row read and accepted.
    ///
    /// # Example
    ///
    /// See [`ImportSummary`].
    pub fn accept(&mut self) {
        self.read += 1;
        self.accepted += 1;
    }

    /// Counts a row read and rejected.
    ///
    /// # Example
    ///
    /// See [`ImportSummary`].
    pub fn reject(&mut self) {
        self.read += 1;
        self.rejected += 1;
    }

    /// Moves a row accepted at reading to rejected (a later stage, such as a fold, refused it).
    ///
    /// # Example
    ///
    /// See [`ImportSummary`].
    pub fn reject_accepted(&mut self) {
        if self.accepted > 0 {
            self.accepted -= 1;
            self.rejected += 1;
        }
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "read {}, accepted {}, rejected {}",
            self.read, self.accepted, self.rejected
        )
    }
}
