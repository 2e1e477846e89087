//! The case status machine.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a case stands.
///
/// The machine (any other change is an [`crate::ErrorKind::IllegalTransition`]; asking for the status
/// the case is already in changes nothing):
///
/// | from | to |
/// |---|---|
/// | `received` | `acknowledged`, `in_progress`, `waiting_on_customer`, `resolved`, `released` |
/// | `acknowledged` | `in_progress`, `waiting_on_customer`, `resolved`, `released` |
/// | `in_progress` | `waiting_on_customer`, `resolved`, `released` |
/// | `waiting_on_customer` | `in_progress`, `resolved`, `released` |
/// | `resolved` | `closed`, `reopened` |
/// | `closed` | `reopened` |
/// | `reopened` | `in_progress`, `waiting_on_customer`, `resolved`, `released` |
/// | `released` | — (the relationship ended; a returning customer opens a new case) |
///
/// # Example
///
/// ```
/// use kesher::CaseStatus::*;
///
/// assert!(Received.can_become(Acknowledged));
/// assert!(InProgress.can_become(WaitingOnCustomer) && WaitingOnCustomer.can_become(InProgress));
/// assert!(!Closed.can_become(InProgress));
/// assert!(Released.is_terminal());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// The customer's request arrived; nobody has acted yet.
    Received,
    /// The customer was told the request arrived and when to expect an answer.
    Acknowledged,
    /// Someone is working on it.
    InProgress,
    /// The organization waits for the customer (information, a confirmation).
    WaitingOnCustomer,
    /// Solved, pending closure or the customer's confirmation.
    Resolved,
    /// Finished.
    Closed,
    /// Released: refunded and parted with on good terms.
    Released,
    /// Came back after being resolved or closed.
    Reopened,
}

impl CaseStatus {
    /// Every status, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::CaseStatus::ALL.len(), 8);
    /// ```
    pub const ALL: [CaseStatus; 8] = [
        CaseStatus::Received,
        CaseStatus::Acknowledged,
        CaseStatus::InProgress,
        CaseStatus::WaitingOnCustomer,
        CaseStatus::Resolved,
        CaseStatus::Closed,
        CaseStatus::Released,
        CaseStatus::Reopened,
    ];

    /// Whether the machine allows going from `self` to `to` (see the table on [`CaseStatus`]).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::CaseStatus::Resolved.can_become(kesher::CaseStatus::Reopened));
    /// ```
    pub fn can_become(self, to: CaseStatus) -> bool {
        use CaseStatus::*;
        match self {
            Received => matches!(
                to,
                Acknowledged | InProgress | WaitingOnCustomer | Resolved | Released
            ),
            Acknowledged | Reopened => {
                matches!(to, InProgress | WaitingOnCustomer | Resolved | Released)
            }
            InProgress => matches!(to, WaitingOnCustomer | Resolved | Released),
            WaitingOnCustomer => matches!(to, InProgress | Resolved | Released),
            Resolved => matches!(to, Closed | Reopened),
            Closed => to == Reopened,
            CaseStatus::Released => false,
        }
    }

    /// Whether the case is open: not resolved, closed or released.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::CaseStatus::Reopened.is_open());
    /// assert!(!kesher::CaseStatus::Resolved.is_open());
    /// ```
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            CaseStatus::Resolved | CaseStatus::Closed | CaseStatus::Released
        )
    }

    /// Whether no transition leaves this status.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!kesher::CaseStatus::Closed.is_terminal());
    /// ```
    pub fn is_terminal(self) -> bool {
        CaseStatus::ALL.iter().all(|to| !self.can_become(*to))
    }

    /// The snake_case name, as in JSON.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::CaseStatus::WaitingOnCustomer.name(), "waiting_on_customer");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            CaseStatus::Received => "received",
            CaseStatus::Acknowledged => "acknowledged",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::WaitingOnCustomer => "waiting_on_customer",
            CaseStatus::Resolved => "resolved",
            CaseStatus::Closed => "closed",
            CaseStatus::Released => "released",
            CaseStatus::Reopened => "reopened",
        }
    }
}

impl fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
