//! Service metrics over a set of cases: what a support manager looks at.

use crate::sla::{CaseSla, Metric, TargetState};
use crate::{Case, Channel};
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
        seconds.sort_by(f64::total_cmp);
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
    fn count(&mut self, state: TargetState) {
        match state {
            TargetState::Met => self.met += 1,
            TargetState::MetLate => self.met_late += 1,
            TargetState::Breached => self.breached += 1,
            TargetState::Running | TargetState::Warning | TargetState::Paused => self.open += 1,
            TargetState::Cancelled => {}
        }
    }

    fn finish(&mut self) {
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
/// use kesher::{CaseEvent, CaseLog, ContractSet, SlaEngine};
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
        let mut m = ServiceMetrics {
            cases: cases.len(),
            ..ServiceMetrics::default()
        };
        let (mut fr, mut frb, mut res, mut resb) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut fcr, mut transfers, mut turns, mut reopened) = (0usize, 0u64, 0u64, 0usize);
        for (case, sla) in cases {
            let facts = case.facts();
            if let Some(d) = facts.time_to_first_human_response {
                fr.push(secs(d));
            }
            if let Some(d) = facts.time_to_resolution {
                res.push(secs(d));
                m.resolved += 1;
                fcr += usize::from(facts.first_contact_resolved);
            }
            transfers += u64::from(case.transfers());
            turns += u64::from(facts.back_and_forth);
            reopened += usize::from(facts.reopened > 0);
            for id in &facts.unanswered_inbound {
                if let Some(i) = case.log().iter().find(|i| &i.id == id) {
                    *m.unanswered_by_channel.entry(i.channel.name()).or_insert(0) += 1;
                }
            }
            let Some(sla) = sla else { continue };
            let channel: &Channel = case.first_channel();
            let agent = case
                .assignee()
                .or_else(|| case.agents().last())
                .map_or_else(|| "unassigned".to_string(), ToString::to_string);
            for t in &sla.targets {
                let metric = t.metric.as_str().to_string();
                match (t.metric, t.state) {
                    (Metric::FirstResponse, TargetState::Met | TargetState::MetLate) => {
                        frb.push(secs(t.consumed))
                    }
                    (Metric::Resolution, TargetState::Met | TargetState::MetLate) => {
                        resb.push(secs(t.consumed))
                    }
                    _ => {}
                }
                m.sla.entry(metric.clone()).or_default().count(t.state);
                for (map, key) in [
                    (&mut m.sla_by_channel, channel.name()),
                    (&mut m.sla_by_contract, t.contract.to_string()),
                    (&mut m.sla_by_agent, agent.clone()),
                ] {
                    map.entry(key)
                        .or_default()
                        .entry(metric.clone())
                        .or_default()
                        .count(t.state);
                }
            }
        }
        m.first_response = DurationStats::of(&mut fr);
        m.first_response_business = DurationStats::of(&mut frb);
        m.resolution = DurationStats::of(&mut res);
        m.resolution_business = DurationStats::of(&mut resb);
        let n = cases.len() as f64;
        m.first_contact_resolution_rate = (m.resolved > 0).then(|| fcr as f64 / m.resolved as f64);
        m.transfers_per_case = (n > 0.0).then(|| transfers as f64 / n);
        m.back_and_forth_per_case = (n > 0.0).then(|| turns as f64 / n);
        m.reopen_rate = (n > 0.0).then(|| reopened as f64 / n);
        for c in m.sla.values_mut() {
            c.finish();
        }
        for map in [
            &mut m.sla_by_channel,
            &mut m.sla_by_contract,
            &mut m.sla_by_agent,
        ] {
            for c in map.values_mut().flat_map(|by| by.values_mut()) {
                c.finish();
            }
        }
        m
    }
}
