//! The wake-ups of many cases: a priority queue by instant.

use crate::id::CaseId;
use chrono::{DateTime, Utc};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// When each of many cases next changes by the clock alone, served in order of instant.
///
/// A host keeps one schedule for its open cases: after every [`crate::live::LiveCase::apply`] or
/// [`crate::live::LiveCase::tick`] it sets the case's [`crate::live::LiveCase::wake_at`]; at `now` it takes
/// what is due and ticks those cases. Setting a case again replaces its wake-up; setting `None`
/// removes it. Memory stays proportional to the cases scheduled (replaced entries are dropped
/// lazily and compacted).
///
/// # Example
///
/// ```
/// use kesher::live::WakeSchedule;
/// use kesher::CaseId;
///
/// let mut schedule = WakeSchedule::default();
/// let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
/// schedule.set(CaseId::new("A")?, Some(at("2025-01-05T10:00:00Z")));
/// schedule.set(CaseId::new("B")?, Some(at("2025-01-05T09:00:00Z")));
/// schedule.set(CaseId::new("A")?, Some(at("2025-01-05T08:00:00Z"))); // moved earlier
/// assert_eq!(schedule.earliest(), Some(at("2025-01-05T08:00:00Z")));
/// let due = schedule.due(at("2025-01-05T09:30:00Z"));
/// let ids: Vec<&str> = due.iter().map(|(id, _)| id.as_str()).collect();
/// assert_eq!(ids, ["A", "B"]);
/// assert!(schedule.is_empty());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct WakeSchedule {
    heap: BinaryHeap<Reverse<(DateTime<Utc>, CaseId)>>,
    current: HashMap<CaseId, DateTime<Utc>>,
}

impl WakeSchedule {
    /// Sets (or, with `None`, removes) the wake-up of one case.
    ///
    /// # Example
    ///
    /// See [`WakeSchedule`].
    pub fn set(&mut self, case: CaseId, at: Option<DateTime<Utc>>) {
        match at {
            Some(at) => {
                if self.current.insert(case.clone(), at) != Some(at) {
                    self.heap.push(Reverse((at, case)));
                }
            }
            None => {
                self.current.remove(&case);
            }
        }
        if self.heap.len() > 64 + 2 * self.current.len() {
            self.compact();
        }
    }

    /// The wake-up of one case, if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// let mut schedule = kesher::live::WakeSchedule::default();
    /// assert_eq!(schedule.get(&kesher::CaseId::new("A")?), None);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn get(&self, case: &CaseId) -> Option<DateTime<Utc>> {
        self.current.get(case).copied()
    }

    /// The earliest wake-up.
    ///
    /// # Example
    ///
    /// See [`WakeSchedule`].
    pub fn earliest(&mut self) -> Option<DateTime<Utc>> {
        self.drop_replaced();
        self.heap.peek().map(|Reverse((at, _))| *at)
    }

    /// Removes and returns every wake-up at or before `now`, earliest first (ties by case id).
    ///
    /// # Example
    ///
    /// See [`WakeSchedule`].
    pub fn due(&mut self, now: DateTime<Utc>) -> Vec<(CaseId, DateTime<Utc>)> {
        let mut out = Vec::new();
        while let Some(Reverse((at, _))) = self.heap.peek() {
            if *at > now {
                break;
            }
            let Some(Reverse((at, case))) = self.heap.pop() else {
                break;
            };
            if self.current.get(&case) == Some(&at) {
                self.current.remove(&case);
                out.push((case, at));
            }
        }
        out
    }

    /// How many cases have a wake-up.
    ///
    /// # Example
    ///
    /// See [`WakeSchedule::is_empty`].
    pub fn len(&self) -> usize {
        self.current.len()
    }

    /// Whether no case has a wake-up.
    ///
    /// # Example
    ///
    /// ```
    /// let schedule = kesher::live::WakeSchedule::default();
    /// assert!(schedule.is_empty());
    /// assert_eq!(schedule.len(), 0);
    /// ```
    pub fn is_empty(&self) -> bool {
        self.current.is_empty()
    }

    /// Drops replaced entries from the top of the heap.
    fn drop_replaced(&mut self) {
        while let Some(Reverse((at, case))) = self.heap.peek() {
            if self.current.get(case) == Some(at) {
                return;
            }
            self.heap.pop();
        }
    }

    /// Rebuilds the heap from the current wake-ups.
    fn compact(&mut self) {
        self.heap = self
            .current
            .iter()
            .map(|(case, at)| Reverse((*at, case.clone())))
            .collect();
    }
}
