//! SLA compliance counted per group (a channel, a contract, an agent) while cases stream by: a
//! hash map from the group's name to one count per metric, turned into the sorted maps of
//! [`ServiceMetrics`](super::ServiceMetrics) once, at the end. (Counting straight into those
//! sorted maps searched thousands of agents' names for every target of every case; the map
//! hashes with the report's fast hasher, as an export can name tens of thousands of agents.)

use super::metrics::Compliance;
use crate::sla::{Metric, TargetState};
use crate::support::hashing::FastMap;
use std::collections::BTreeMap;

/// One count per metric, in the order of [`Metric::ALL`]; `None` where none was counted.
type PerMetric = [Option<Compliance>; Metric::ALL.len()];

/// Compliance per group, then metric.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub(super) struct Grouped(FastMap<String, PerMetric>);

fn place(metric: Metric) -> usize {
    Metric::ALL.iter().position(|m| *m == metric).unwrap_or(0)
}

impl Grouped {
    /// Counts each `(metric, state)` under `group` (its name copied the first time only).
    pub(super) fn count(
        &mut self,
        group: &str,
        states: impl IntoIterator<Item = (Metric, TargetState)>,
    ) {
        let per = match self.0.get_mut(group) {
            Some(per) => per,
            None => self.0.entry(group.to_string()).or_default(),
        };
        for (metric, state) in states {
            if let Some(slot) = per.get_mut(place(metric)) {
                slot.get_or_insert_with(Compliance::default).count(state);
            }
        }
    }

    /// Adds another tally's counts.
    pub(super) fn merge(&mut self, other: Grouped) {
        for (group, theirs) in other.0 {
            let mine = self.0.entry(group).or_default();
            for (mine, theirs) in mine.iter_mut().zip(theirs) {
                if let Some(theirs) = theirs {
                    mine.get_or_insert_with(Compliance::default).add(&theirs);
                }
            }
        }
    }

    /// The counts by group name, then metric name, each with its rate.
    pub(super) fn finish(&self) -> BTreeMap<String, BTreeMap<String, Compliance>> {
        let mut out = BTreeMap::new();
        for (group, per) in &self.0 {
            let mut by = BTreeMap::new();
            for (metric, c) in Metric::ALL.iter().zip(per) {
                if let Some(c) = c {
                    let mut c = c.clone();
                    c.finish();
                    by.insert(metric.as_str().to_string(), c);
                }
            }
            out.insert(group.clone(), by);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_land_under_their_group_and_metric_and_merge() {
        let mut a = Grouped::default();
        a.count("dana", [(Metric::FirstResponse, TargetState::Met)]);
        a.count(
            "dana",
            [
                (Metric::FirstResponse, TargetState::Breached),
                (Metric::Resolution, TargetState::Running),
            ],
        );
        let mut b = Grouped::default();
        b.count("omer", [(Metric::FirstResponse, TargetState::MetLate)]);
        b.count("dana", [(Metric::FirstResponse, TargetState::Met)]);
        a.merge(b);
        let out = a.finish();
        assert_eq!(out.len(), 2);
        let dana = &out["dana"]["first_response"];
        assert_eq!(
            (dana.met, dana.breached, dana.rate),
            (2, 1, Some(2.0 / 3.0))
        );
        assert_eq!(out["dana"]["resolution"].open, 1);
        assert_eq!(out["omer"]["first_response"].met_late, 1);
        assert!(!out["omer"].contains_key("resolution"));
    }
}
