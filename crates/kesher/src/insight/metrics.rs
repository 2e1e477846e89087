//! Service metrics over a set of cases: what a support manager looks at.

use super::durations::DurationDigest;
use super::grouped::Grouped;
use crate::case::Case;
use crate::sla::{CaseSla, Metric, TargetState};
use chrono::TimeDelta;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Percentiles of a duration, in seconds (nearest rank).
///
/// # Example
///
/// ```
/// let p = kesher::insight::DurationStats::of(&mut vec![10.0, 20.0, 30.0, 40.0]);
/// assert_eq!((p.count, p.median, p.p90), (4, Some(20.0), Some(40.0)));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DurationStats {
    /// How many durations.
    pub count: usize,
    /// Mean seconds.
    pub mean: Option<f64>,
    /// Median seconds.
    pub median: Option<f64>,
    /// 90th percentile seconds.
    pub p90: Option<f64>,
    /// 95th percentile seconds.
    pub p95: Option<f64>,
}

impl DurationStats {
    /// Statistics of `seconds` (sorted in place).
    ///
    /// # Example
    ///
    /// See [`DurationStats`].
    pub fn of(seconds: &mut [f64]) -> DurationStats {
        crate::support::sorting::sort_by(seconds, f64::total_cmp);
        let n = seconds.len();
        let rank = |q: f64| {
            let r = ((q * n as f64).ceil() as usize).clamp(1, n.max(1));
            seconds.get(r - 1).copied()
        };
        DurationStats {
            count: n,
            mean: (n > 0).then(|| seconds.iter().sum::<f64>() / n as f64),
            median: if n > 0 { rank(0.5) } else { None },
            p90: if n > 0 { rank(0.9) } else { None },
            p95: if n > 0 { rank(0.95) } else { None },
        }
    }
}

/// How often one SLA target was kept, for one group of cases.
///
/// # Example
///
/// See [`ServiceMetrics`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Compliance {
    /// Met on time.
    pub met: u64,
    /// Met after the due instant.
    pub met_late: u64,
    /// Due and not met.
    pub breached: u64,
    /// Still running, warning or paused (not counted in the rate).
    pub open: u64,
    /// `met / (met + met_late + breached)`, when any target was decided.
    pub rate: Option<f64>,
}

impl Compliance {
    pub(super) fn count(&mut self, state: TargetState) {
        match state {
            TargetState::Met => self.met += 1,
            TargetState::MetLate => self.met_late += 1,
            TargetState::Breached => self.breached += 1,
            TargetState::Running | TargetState::Warning | TargetState::Paused => self.open += 1,
            TargetState::Cancelled => {}
        }
    }

    pub(super) fn add(&mut self, other: &Compliance) {
        self.met += other.met;
        self.met_late += other.met_late;
        self.breached += other.breached;
        self.open += other.open;
        self.finish();
    }

    pub(super) fn finish(&mut self) {
        let decided = self.met + self.met_late + self.breached;
        self.rate = (decided > 0).then(|| self.met as f64 / decided as f64);
    }
}

/// Service metrics over a set of cases, in calendar time and (from the SLA evaluation, on each
/// contract's calendar with pauses left out) in business time.
///
/// - first response: from the case's opening to the first answer by a person;
/// - resolution: from opening to the (first) resolution;
/// - first contact resolution rate: among resolved cases;
/// - transfers and back-and-forth per case, reopen rate;
/// - SLA compliance per metric, overall and per channel, contract and agent (the case's
///   assignee, else the last agent who acted on it, else `unassigned`);
/// - unanswered customer messages per channel: the "voicemail never returned".
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog, sla::{ContractSet, SlaEngine}};
/// use kesher::insight::ServiceMetrics;
///
/// let mut log = CaseLog::default();
/// for line in [
///   r#"{"type": "interaction", "case_id": "T", "seq": 1, "id": "q", "customer_id": "c", "at": "2025-01-06T15:00:00Z",
///       "channel": "email", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message"}"#,
///   r#"{"type": "interaction", "case_id": "T", "seq": 2, "id": "a", "customer_id": "c", "at": "2025-01-06T16:00:00Z",
///       "channel": "email", "direction": "outbound", "actor": {"type": "agent", "id": "dana"}, "kind": "message"}"#,
/// ] {
///     log.insert(CaseEvent::from_json(line)?);
/// }
/// let case = log.fold()?;
/// let set = ContractSet::from_json(r#"[{"name": "std", "calendar": "us", "targets": [{"metric": "first_response", "within": 7200}]}]"#)?;
/// let sla = SlaEngine::new(set).evaluate(&case, "2025-01-07T00:00:00Z".parse().unwrap())?;
/// let m = ServiceMetrics::of(&[(case, Some(sla))]);
/// assert_eq!(m.first_response.median, Some(3600.0));
/// assert_eq!(m.first_response_business.median, Some(3600.0)); // 10:00–11:00 in New York
/// assert_eq!(m.sla["first_response"].rate, Some(1.0));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceMetrics {
    /// Cases measured.
    pub cases: usize,
    /// Time to the first answer by a person, calendar time.
    pub first_response: DurationStats,
    /// The same in business time (from the first-response target, where a contract has one).
    pub first_response_business: DurationStats,
    /// Time to resolution, calendar time.
    pub resolution: DurationStats,
    /// The same in business time (from the resolution target).
    pub resolution_business: DurationStats,
    /// Resolved cases.
    pub resolved: usize,
    /// Share of resolved cases solved at the first contact.
    pub first_contact_resolution_rate: Option<f64>,
    /// Mean transfers per case.
    pub transfers_per_case: Option<f64>,
    /// Mean turns of the conversation changing sides per case.
    pub back_and_forth_per_case: Option<f64>,
    /// Share of cases reopened at least once.
    pub reopen_rate: Option<f64>,
    /// SLA compliance per metric.
    pub sla: BTreeMap<String, Compliance>,
    /// SLA compliance per channel, then metric.
    pub sla_by_channel: BTreeMap<String, BTreeMap<String, Compliance>>,
    /// SLA compliance per contract, then metric.
    pub sla_by_contract: BTreeMap<String, BTreeMap<String, Compliance>>,
    /// SLA compliance per agent, then metric.
    pub sla_by_agent: BTreeMap<String, BTreeMap<String, Compliance>>,
    /// Customer messages, calls and voicemails left unanswered, per channel.
    pub unanswered_by_channel: BTreeMap<String, u64>,
}

/// Counts `state` for `metric` in `map`, allocating the key only the first time.
fn count(map: &mut BTreeMap<String, Compliance>, metric: &str, state: TargetState) {
    match map.get_mut(metric) {
        Some(c) => c.count(state),
        None => {
            let mut c = Compliance::default();
            c.count(state);
            map.insert(metric.to_string(), c);
        }
    }
}

fn secs(d: TimeDelta) -> f64 {
    crate::seconds::as_secs_f64(d)
}

impl ServiceMetrics {
    /// The metrics of `cases`, each with its SLA evaluation when there is one.
    ///
    /// # Example
    ///
    /// See [`ServiceMetrics`].
    pub fn of(cases: &[(Case, Option<CaseSla>)]) -> ServiceMetrics {
        let mut b = MetricsBuilder::default();
        for (case, sla) in cases {
            b.add(case, sla.as_ref());
        }
        b.finish()
    }
}

/// [`ServiceMetrics`] built one case at a time in bounded memory, so a stream of cases needs no
/// list of them. Builders merge. The durations behind the percentiles are kept as they are up to
/// 1,024 of each kind, and the percentiles are then exact; beyond that they are counted in
/// buckets 0.4 % wide (a few thousand counters at most, whatever the number of cases), and each
/// percentile is within 0.4 % of the exact one. Means and counts stay exact.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog};
/// use kesher::insight::MetricsBuilder;
///
/// let mut log = CaseLog::default();
/// for e in [
///     r#"{"type": "interaction", "case_id": "T", "id": "m1", "customer_id": "c", "at": "2025-01-05T09:00:00Z",
///         "channel": "chat", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message"}"#,
///     r#"{"type": "interaction", "case_id": "T", "id": "m2", "customer_id": "c", "at": "2025-01-05T09:02:00Z",
///         "channel": "chat", "direction": "outbound", "actor": {"type": "agent", "id": "a"}, "kind": "message"}"#,
/// ] {
///     log.insert(CaseEvent::from_json(e)?);
/// }
/// let (mut a, mut b) = (MetricsBuilder::default(), MetricsBuilder::default());
/// a.add(&log.fold()?, None);
/// b.merge(a.clone());
/// let m = b.finish();
/// assert_eq!((m.cases, m.first_response.median), (1, Some(120.0)));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsBuilder {
    m: ServiceMetrics,
    by_channel: Grouped,
    by_contract: Grouped,
    by_agent: Grouped,
    first_response: DurationDigest,
    first_response_business: DurationDigest,
    resolution: DurationDigest,
    resolution_business: DurationDigest,
    first_contact_resolved: usize,
    transfers: u64,
    turns: u64,
    reopened: usize,
}

impl MetricsBuilder {
    /// Counts one case with its SLA evaluation, if any.
    ///
    /// # Example
    ///
    /// See [`MetricsBuilder`].
    pub fn add(&mut self, case: &Case, sla: Option<&CaseSla>) {
        let m = &mut self.m;
        m.cases += 1;
        let facts = case.facts();
        if let Some(d) = facts.time_to_first_human_response {
            self.first_response.add(secs(d));
        }
        if let Some(d) = facts.time_to_resolution {
            self.resolution.add(secs(d));
            m.resolved += 1;
            self.first_contact_resolved += usize::from(facts.first_contact_resolved);
        }
        self.transfers += u64::from(case.transfers());
        self.turns += u64::from(facts.back_and_forth);
        self.reopened += usize::from(facts.reopened > 0);
        for id in &facts.unanswered_inbound {
            if let Some(i) = case.log().iter().find(|i| &i.id == id) {
                *m.unanswered_by_channel.entry(i.channel.name()).or_insert(0) += 1;
            }
        }
        let Some(sla) = sla else { return };
        let channel = case.first_channel().name();
        let agent = case
            .assignee()
            .or_else(|| case.agents().last())
            .map_or("unassigned", |a| a.as_str());
        for t in &sla.targets {
            let metric = t.metric.as_str();
            match (t.metric, t.state) {
                (Metric::FirstResponse, TargetState::Met | TargetState::MetLate) => {
                    self.first_response_business.add(secs(t.consumed))
                }
                (Metric::Resolution, TargetState::Met | TargetState::MetLate) => {
                    self.resolution_business.add(secs(t.consumed))
                }
                _ => {}
            }
            count(&mut m.sla, metric, t.state);
            self.by_contract.count(&t.contract, [(t.metric, t.state)]);
        }
        // The case's channel and agent are the same for every target: looked up once.
        let states = || sla.targets.iter().map(|t| (t.metric, t.state));
        self.by_channel.count(&channel, states());
        self.by_agent.count(agent, states());
    }

    /// Adds the cases another builder counted.
    ///
    /// # Example
    ///
    /// See [`MetricsBuilder`].
    pub fn merge(&mut self, other: MetricsBuilder) {
        let (m, o) = (&mut self.m, other.m);
        m.cases += o.cases;
        m.resolved += o.resolved;
        for (k, v) in o.unanswered_by_channel {
            *m.unanswered_by_channel.entry(k).or_insert(0) += v;
        }
        for (k, v) in o.sla {
            m.sla.entry(k).or_default().add(&v);
        }
        self.by_channel.merge(other.by_channel);
        self.by_contract.merge(other.by_contract);
        self.by_agent.merge(other.by_agent);
        self.first_response.merge(&other.first_response);
        self.first_response_business
            .merge(&other.first_response_business);
        self.resolution.merge(&other.resolution);
        self.resolution_business.merge(&other.resolution_business);
        self.first_contact_resolved += other.first_contact_resolved;
        self.transfers += other.transfers;
        self.turns += other.turns;
        self.reopened += other.reopened;
    }

    /// The builder as JSON, so partial builders can travel between the workers of a
    /// distributed engine (one per partition of cases) and be merged where the metrics are
    /// finished; merging them gives what one builder over every case gives.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::insight::MetricsBuilder;
    /// let b = MetricsBuilder::default();
    /// let back = MetricsBuilder::from_json(&b.to_json())?;
    /// assert_eq!(back.finish(), b.finish());
    /// let err = MetricsBuilder::from_json(r#"{"cases": 1}"#).unwrap_err();
    /// assert_eq!(err.kind(), kesher::ErrorKind::InvalidJson);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A builder from [`MetricsBuilder::to_json`]'s JSON; errors name the field at fault (a
    /// digest whose counts do not add up is refused).
    ///
    /// # Example
    ///
    /// See [`MetricsBuilder::to_json`].
    pub fn from_json(text: &str) -> crate::error::Result<MetricsBuilder> {
        crate::support::json::from_str(text)
    }

    /// The metrics.
    ///
    /// # Example
    ///
    /// See [`MetricsBuilder`].
    pub fn finish(&self) -> ServiceMetrics {
        let mut m = self.m.clone();
        m.first_response = self.first_response.stats();
        m.first_response_business = self.first_response_business.stats();
        m.resolution = self.resolution.stats();
        m.resolution_business = self.resolution_business.stats();
        let n = m.cases as f64;
        m.first_contact_resolution_rate =
            (m.resolved > 0).then(|| self.first_contact_resolved as f64 / m.resolved as f64);
        m.transfers_per_case = (n > 0.0).then(|| self.transfers as f64 / n);
        m.back_and_forth_per_case = (n > 0.0).then(|| self.turns as f64 / n);
        m.reopen_rate = (n > 0.0).then(|| self.reopened as f64 / n);
        for c in m.sla.values_mut() {
            c.finish();
        }
        m.sla_by_channel = self.by_channel.finish();
        m.sla_by_contract = self.by_contract.finish();
        m.sla_by_agent = self.by_agent.finish();
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::CaseLog;
    use crate::event::CaseEvent;
    use crate::sla::{ContractSet, SlaEngine};

    fn case(id: &str, channel: &str, agent: &str, answered_after_minutes: u32) -> Case {
        let mut log = CaseLog::default();
        for line in [
            format!(
                r#"{{"type": "opened", "case_id": "{id}", "at": "2025-01-05T07:00:00Z", "customer": {{"id": "c"}}, "channel": "{channel}"}}"#
            ),
            format!(
                r#"{{"type": "interaction", "case_id": "{id}", "seq": 1, "id": "{id}-a", "customer_id": "c", "at": "2025-01-05T09:{answered_after_minutes:02}:00Z",
                "channel": "{channel}", "direction": "outbound", "actor": {{"type": "agent", "id": "{agent}"}}, "kind": "message"}}"#
            ),
        ] {
            log.insert(CaseEvent::from_json(&line).unwrap_or_else(|e| unreachable!("{e}")));
        }
        log.fold().unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn per_channel_agent_and_contract_counts_are_the_targets_of_their_cases() {
        let contracts = ContractSet::from_json(
            r#"[{"name": "std", "calendar": "israel",
                "targets": [{"metric": "first_response", "within": 3000}, {"metric": "resolution", "within": 86400}]}]"#,
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        let mut engine = SlaEngine::new(contracts);
        let now = "2025-01-06T12:00:00Z".parse().unwrap_or_default();
        let mut b = MetricsBuilder::default();
        let cases = [
            case("A", "email", "dana", 10),
            case("B", "chat", "dana", 59),
            case("C", "email", "omer", 5),
        ];
        let mut want: BTreeMap<(String, String, String), Compliance> = BTreeMap::new();
        for c in &cases {
            let sla = engine
                .evaluate(c, now)
                .unwrap_or_else(|e| unreachable!("{e}"));
            let agent = c.agents().last().map_or("", |a| a.as_str()).to_string();
            for t in &sla.targets {
                for (kind, key) in [
                    ("channel", c.first_channel().name()),
                    ("agent", agent.clone()),
                    ("contract", t.contract.to_string()),
                ] {
                    want.entry((kind.into(), key, t.metric.as_str().into()))
                        .or_default()
                        .count(t.state);
                }
            }
            b.add(c, Some(&sla));
        }
        let m = b.finish();
        let mut got: BTreeMap<(String, String, String), Compliance> = BTreeMap::new();
        for (kind, map) in [
            ("channel", &m.sla_by_channel),
            ("agent", &m.sla_by_agent),
            ("contract", &m.sla_by_contract),
        ] {
            for (key, by) in map {
                for (metric, c) in by {
                    let mut c = c.clone();
                    c.rate = None;
                    got.insert((kind.into(), key.clone(), metric.clone()), c);
                }
            }
        }
        assert_eq!(got, want);
        // Two channels, two agents, one contract, each with both metrics.
        assert_eq!(got.len(), 2 * 2 + 2 * 2 + 2);
        let dana = &m.sla_by_agent["dana"]["first_response"];
        assert_eq!(dana.met + dana.met_late + dana.breached + dana.open, 2);
    }
}
