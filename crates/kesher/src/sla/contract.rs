//! SLA contracts: conditions, a calendar, targets; and the ordered set they are selected from.

use super::interaction_target::InteractionTarget;
use crate::{
    calendar::{Calendar, Preset},
    channel::Channel,
    error::{Error, Result},
    event::Priority,
    status::CaseStatus,
};
use chrono::TimeDelta;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

/// What a target measures.
///
/// # Example
///
/// ```
/// let m: kesher::sla::Metric = serde_json::from_str("\"first_response\"").unwrap();
/// assert_eq!(m, kesher::sla::Metric::FirstResponse);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// From the case's opening to the first outbound acknowledgement or answer (automatic
    /// messages and bots count).
    Acknowledgement,
    /// From the case's opening to the first answer by a person (bots and acknowledgements never
    /// count).
    FirstResponse,
    /// After the first answer: from the oldest customer message still unanswered to the next
    /// answer by a person. Recurs for each such message.
    NextResponse,
    /// From the opening to resolved, closed or released, while the case is open (a reopened case
    /// resumes the same clock).
    Resolution,
    /// From resolution to a proactive follow-up contact; after each follow-up the next one is due
    /// again while the case stays resolved (the cadence).
    FollowUp,
    /// From one customer contact (a voicemail, a missed call, a public complaint) to the next
    /// answer by a person: the metric of an [`crate::sla::InteractionTarget`], never of a
    /// contract's own targets.
    InteractionResponse,
}

impl Metric {
    /// Every metric.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::sla::Metric::ALL.len(), 6);
    /// ```
    pub const ALL: [Metric; 6] = [
        Metric::Acknowledgement,
        Metric::FirstResponse,
        Metric::NextResponse,
        Metric::Resolution,
        Metric::FollowUp,
        Metric::InteractionResponse,
    ];

    /// The snake_case name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::sla::Metric::NextResponse.as_str(), "next_response");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Metric::Acknowledgement => "acknowledgement",
            Metric::FirstResponse => "first_response",
            Metric::NextResponse => "next_response",
            Metric::Resolution => "resolution",
            Metric::FollowUp => "follow_up",
            Metric::InteractionResponse => "interaction_response",
        }
    }
}

/// Whether a target counts business time (the contract's calendar) or calendar time (every
/// second).
///
/// # Example
///
/// ```
/// assert_eq!(kesher::sla::TimeBasis::default(), kesher::sla::TimeBasis::Business);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// Only the calendar's open hours count.
    #[default]
    Business,
    /// Every second counts (24/7).
    Calendar,
}

/// How long a target allows: one duration, or one per priority (a priority without an entry has
/// no such target). JSON: seconds, or `{"urgent": 3600, "normal": 14400}`.
///
/// # Example
///
/// ```
/// use kesher::{event::Priority, sla::Within};
///
/// let w: Within = serde_json::from_str(r#"{"urgent": 3600, "normal": 14400}"#).unwrap();
/// assert_eq!(w.for_priority(Priority::Urgent).map(|d| d.num_hours()), Some(1));
/// assert_eq!(w.for_priority(Priority::Low), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Within {
    /// The same for every priority.
    All(TimeDelta),
    /// Per priority.
    ByPriority(BTreeMap<Priority, TimeDelta>),
}

impl Within {
    /// The allowance for a priority.
    ///
    /// # Example
    ///
    /// ```
    /// let w = kesher::sla::Within::All(chrono::TimeDelta::hours(2));
    /// assert_eq!(w.for_priority(kesher::event::Priority::Low), Some(chrono::TimeDelta::hours(2)));
    /// ```
    pub fn for_priority(&self, priority: Priority) -> Option<TimeDelta> {
        match self {
            Within::All(d) => Some(*d),
            Within::ByPriority(map) => map.get(&priority).copied(),
        }
    }
}

fn seconds(field: &str, secs: f64) -> std::result::Result<TimeDelta, String> {
    if secs.is_nan() || secs <= 0.0 {
        return Err(format!(
            "invalid {field} `{}`: a target is a positive number of seconds",
            crate::support::decimal::shortest(secs)
        ));
    }
    crate::seconds::from_secs_f64(secs).ok_or_else(|| {
        format!(
            "invalid {field} `{}`: too large",
            crate::support::decimal::shortest(secs)
        )
    })
}

impl<'de> Deserialize<'de> for Within {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Spec {
            All(f64),
            ByPriority(BTreeMap<Priority, f64>),
        }
        let spec = Spec::deserialize(d).map_err(|_| {
            serde::de::Error::custom(
                "expected seconds (a number) or seconds per priority ({\"urgent\": 3600, ...})",
            )
        })?;
        match spec {
            Spec::All(s) => seconds("within", s)
                .map(Within::All)
                .map_err(serde::de::Error::custom),
            Spec::ByPriority(map) => {
                if map.is_empty() {
                    return Err(serde::de::Error::custom("give at least one priority"));
                }
                let mut out = BTreeMap::new();
                for (p, s) in map {
                    let d = seconds(&format!("within.{p}"), s).map_err(serde::de::Error::custom)?;
                    out.insert(p, d);
                }
                Ok(Within::ByPriority(out))
            }
        }
    }
}

impl Serialize for Within {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let secs = |d: &TimeDelta| crate::seconds::as_secs_f64(*d);
        match self {
            Within::All(d) => s.serialize_f64(secs(d)),
            Within::ByPriority(map) => s.collect_map(map.iter().map(|(p, d)| (p, secs(d)))),
        }
    }
}

/// One promise of a contract: a metric within a time, on business or calendar time.
///
/// JSON: `{"metric": "first_response", "within": 7200, "time": "business", "pause": true,
/// "warn_at": [0.5, 0.75]}` (`time`, `pause` and `warn_at` optional; `pause` defaults to true
/// except for acknowledgements; `warn_at` defaults to the contract's).
///
/// # Example
///
/// ```
/// let t: kesher::sla::Target = serde_json::from_str(r#"{"metric": "resolution", "within": 86400, "time": "calendar"}"#).unwrap();
/// assert_eq!(t.time, kesher::sla::TimeBasis::Calendar);
/// assert!(t.pauses());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// What is measured.
    pub metric: Metric,
    /// How long it may take.
    pub within: Within,
    /// Business or calendar time.
    #[serde(default)]
    pub time: TimeBasis,
    /// Whether the contract's pausing states stop this clock (default: all but acknowledgement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pause: Option<bool>,
    /// Warning fractions for this target, overriding the contract's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_at: Option<Vec<f64>>,
}

impl Target {
    /// Whether pausing states pause this target.
    ///
    /// # Example
    ///
    /// ```
    /// let t: kesher::sla::Target = serde_json::from_str(r#"{"metric": "acknowledgement", "within": 60}"#).unwrap();
    /// assert!(!t.pauses());
    /// ```
    pub fn pauses(&self) -> bool {
        self.pause.unwrap_or(self.metric != Metric::Acknowledgement)
    }
}

/// Which cases a contract covers. An empty list matches anything; a contract whose three lists
/// are all empty is a fallback.
///
/// # Example
///
/// ```
/// let c: kesher::sla::Conditions = serde_json::from_str(r#"{"channels": ["facebook_page", "twitter"]}"#).unwrap();
/// assert!(c.matches(&kesher::Channel::Twitter, kesher::event::Priority::Low, &Default::default()));
/// assert!(!c.matches(&kesher::Channel::Email, kesher::event::Priority::Low, &Default::default()));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// The case's first channel is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// The case's current priority is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<Priority>,
    /// The customer is in at least one of these segments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<String>,
}

impl Conditions {
    /// Whether nothing is required (a fallback contract).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::sla::Conditions::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.channels.is_empty() && self.priorities.is_empty() && self.segments.is_empty()
    }

    /// Whether a case with this channel, priority and customer segments is covered.
    ///
    /// # Example
    ///
    /// ```
    /// let c: kesher::sla::Conditions = serde_json::from_str(r#"{"segments": ["vip"]}"#).unwrap();
    /// let vip = ["vip".to_string()].into_iter().collect();
    /// assert!(c.matches(&kesher::Channel::Phone, kesher::event::Priority::Normal, &vip));
    /// ```
    pub fn matches(
        &self,
        channel: &Channel,
        priority: Priority,
        segments: &BTreeSet<String>,
    ) -> bool {
        (self.channels.is_empty() || self.channels.contains(channel))
            && (self.priorities.is_empty() || self.priorities.contains(&priority))
            && (self.segments.is_empty() || self.segments.iter().any(|s| segments.contains(s)))
    }
}

/// A calendar given inline or by preset name (`"israel"`, `"us"`, `"uk"`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CalendarRef {
    pub(crate) preset: Option<Preset>,
    pub(crate) calendar: Calendar,
}

impl<'de> Deserialize<'de> for CalendarRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Spec {
            Preset(String),
            Inline(serde_json::Value),
        }
        match Spec::deserialize(d)? {
            Spec::Preset(name) => {
                let preset: Preset = name.parse().map_err(serde::de::Error::custom)?;
                let calendar = preset.calendar().map_err(serde::de::Error::custom)?;
                Ok(CalendarRef {
                    preset: Some(preset),
                    calendar,
                })
            }
            Spec::Inline(value) => Calendar::from_value(value)
                .map(|calendar| CalendarRef {
                    preset: None,
                    calendar,
                })
                .map_err(serde::de::Error::custom),
        }
    }
}

impl Serialize for CalendarRef {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.preset {
            Some(p) => s.serialize_str(p.name()),
            None => self.calendar.serialize(s),
        }
    }
}

fn default_pause_on() -> Vec<CaseStatus> {
    vec![CaseStatus::WaitingOnCustomer]
}

fn default_warn_at() -> Vec<f64> {
    vec![0.75]
}

/// An SLA contract (policy): the cases it covers, the calendar its business time runs on, and
/// its targets.
///
/// JSON: `{"name": "social", "conditions": {"channels": ["facebook_page"]}, "calendar":
/// "israel", "targets": [{"metric": "first_response", "within": 7200}], "pause_on":
/// ["waiting_on_customer"], "warn_at": [0.75]}`. `calendar` is a preset name or a calendar
/// object; `conditions`, `pause_on` (default `waiting_on_customer`) and `warn_at` (default
/// 0.75) are optional.
///
/// # Example
///
/// ```
/// let c = kesher::sla::SlaContract::from_json(r#"{"name": "std", "calendar": "israel",
///     "targets": [{"metric": "first_response", "within": 7200}]}"#)?;
/// assert_eq!(c.name, "std");
/// assert!(c.conditions.is_empty());
/// assert_eq!(c.warn_at, [0.75]);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaContract {
    /// A unique name (what `contract_changed` events refer to).
    pub name: String,
    /// Which cases it covers.
    #[serde(default, skip_serializing_if = "Conditions::is_empty")]
    pub conditions: Conditions,
    #[serde(rename = "calendar")]
    pub(crate) calendar_ref: CalendarRef,
    /// The promises.
    pub targets: Vec<Target>,
    /// Statuses that pause the pausable targets.
    #[serde(default = "default_pause_on")]
    pub pause_on: Vec<CaseStatus>,
    /// Warning fractions of each target (each in (0, 1)).
    #[serde(default = "default_warn_at")]
    pub warn_at: Vec<f64>,
    /// Calendars per team: while the case is with a team named here, its clocks run on the
    /// team's calendar (a night desk, a weekend team). A change keeps the time consumed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) teams: BTreeMap<String, CalendarRef>,
    /// Calendars per agent, which win over the team's while the case is with that agent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) agents: BTreeMap<String, CalendarRef>,
}

impl SlaContract {
    /// Reads and validates one contract from JSON.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::sla::SlaContract::from_json(r#"{"name": "x", "calendar": "israel", "targets": []}"#).unwrap_err();
    /// assert_eq!(err.field(), Some("targets"));
    /// ```
    pub fn from_json(text: &str) -> Result<SlaContract> {
        let contract: SlaContract = crate::support::json::from_str(text)?;
        contract.validate("")?;
        Ok(contract)
    }

    /// The calendar its business time runs on.
    ///
    /// # Example
    ///
    /// ```
    /// let c = kesher::sla::SlaContract::from_json(r#"{"name": "std", "calendar": "uk",
    ///     "targets": [{"metric": "resolution", "within": 86400}]}"#)?;
    /// assert_eq!(c.calendar().tz().name(), "Europe/London");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn calendar(&self) -> &Calendar {
        &self.calendar_ref.calendar
    }

    /// The target for a metric, if the contract has one.
    ///
    /// # Example
    ///
    /// ```
    /// let c = kesher::sla::SlaContract::from_json(r#"{"name": "std", "calendar": "uk",
    ///     "targets": [{"metric": "resolution", "within": 86400}]}"#)?;
    /// assert!(c.target(kesher::sla::Metric::Resolution).is_some());
    /// assert!(c.target(kesher::sla::Metric::FirstResponse).is_none());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn target(&self, metric: Metric) -> Option<&Target> {
        self.targets.iter().find(|t| t.metric == metric)
    }

    /// The calendar of a team, when the contract has one for it.
    ///
    /// # Example
    ///
    /// ```
    /// let c = kesher::sla::SlaContract::from_json(r#"{"name": "std", "calendar": "israel",
    ///     "teams": {"night": {"tz": "Asia/Jerusalem", "week": {"sun": [["22:00","06:00"]]}}},
    ///     "targets": [{"metric": "resolution", "within": 86400}]}"#)?;
    /// assert!(c.team_calendar("night").is_some() && c.team_calendar("day").is_none());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn team_calendar(&self, team: &str) -> Option<&Calendar> {
        self.teams.get(team).map(|r| &r.calendar)
    }

    /// The calendar of an agent, when the contract has one for them.
    ///
    /// # Example
    ///
    /// ```
    /// let c = kesher::sla::SlaContract::from_json(r#"{"name": "std", "calendar": "israel",
    ///     "agents": {"noa": "uk"}, "targets": [{"metric": "resolution", "within": 86400}]}"#)?;
    /// assert_eq!(c.agent_calendar("noa").map(|c| c.tz().name()), Some("Europe/London"));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn agent_calendar(&self, agent: &str) -> Option<&Calendar> {
        self.agents.get(agent).map(|r| &r.calendar)
    }

    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::invalid(
                format!("{path}name"),
                &self.name,
                "a contract needs a name",
            ));
        }
        if self.targets.is_empty() {
            return Err(Error::invalid(
                format!("{path}targets"),
                "[]",
                "a contract promises at least one target",
            ));
        }
        // A handful of targets: a list is enough (and compiles smaller than a set).
        let mut seen = Vec::with_capacity(self.targets.len());
        for (i, t) in self.targets.iter().enumerate() {
            if seen.contains(&t.metric) {
                return Err(Error::invalid(
                    format!("{path}targets[{i}].metric"),
                    t.metric.as_str(),
                    "each metric appears once per contract",
                ));
            }
            seen.push(t.metric);
            if t.metric == Metric::InteractionResponse {
                return Err(Error::invalid(
                    format!("{path}targets[{i}].metric"),
                    t.metric.as_str(),
                    "a contract's targets are acknowledgement, first_response, next_response, resolution or follow_up; an answer to one interaction is an interaction target of the set",
                ));
            }
            if let Some(w) = &t.warn_at {
                check_fractions(&format!("{path}targets[{i}].warn_at"), w)?;
            }
        }
        check_fractions(&format!("{path}warn_at"), &self.warn_at)?;
        for (i, s) in self.pause_on.iter().enumerate() {
            if matches!(
                s,
                CaseStatus::Resolved | CaseStatus::Closed | CaseStatus::Released
            ) {
                return Err(Error::invalid(
                    format!("{path}pause_on[{i}]"),
                    s,
                    "resolved, closed and released stop the clocks; they cannot pause them",
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn warn_fractions(&self, target: &Target) -> Vec<f64> {
        let mut w = target
            .warn_at
            .clone()
            .unwrap_or_else(|| self.warn_at.clone());
        crate::support::sorting::sort_by(&mut w, f64::total_cmp);
        w
    }
}

/// A JSON error inside `key`, with its path under it.
fn under(key: &str, e: Error) -> Error {
    if e.kind() == crate::error::ErrorKind::InvalidJson {
        e.within(key)
    } else {
        e
    }
}

pub(crate) fn check_fractions(field: &str, fractions: &[f64]) -> Result<()> {
    for (i, f) in fractions.iter().enumerate() {
        if !(*f > 0.0 && *f < 1.0) {
            return Err(Error::invalid(
                format!("{field}[{i}]"),
                crate::support::decimal::shortest(*f),
                "a warning fraction is between 0 and 1, such as 0.75",
            ));
        }
    }
    Ok(())
}

/// The contracts of an organization, in declared order. A case gets the first contract with
/// conditions that matches it; if none does, the first contract without conditions (the
/// fallback); a `contract_changed` event overrides the selection by name.
///
/// JSON: `{"contracts": [...], "interaction_targets": [...]}` (the second list optional, see
/// [`InteractionTarget`]) or a bare array of contracts.
///
/// # Example
///
/// ```
/// use kesher::{Channel, sla::ContractSet, event::Priority};
///
/// let set = ContractSet::from_json(r#"{"contracts": [
///   {"name": "default", "calendar": "israel", "targets": [{"metric": "first_response", "within": 28800}]},
///   {"name": "social", "conditions": {"channels": ["twitter"]}, "calendar": "israel",
///    "targets": [{"metric": "first_response", "within": 3600}]}
/// ]}"#)?;
/// let none = Default::default();
/// assert_eq!(set.select(&Channel::Twitter, Priority::Normal, &none).map(|c| c.name.as_str()), Some("social"));
/// assert_eq!(set.select(&Channel::Email, Priority::Normal, &none).map(|c| c.name.as_str()), Some("default"));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractSet {
    contracts: Vec<SlaContract>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    interaction_targets: Vec<InteractionTarget>,
}

impl ContractSet {
    /// A set from contracts, validated (unique names, valid targets).
    ///
    /// # Example
    ///
    /// ```
    /// let c = kesher::sla::SlaContract::from_json(r#"{"name": "a", "calendar": "us", "targets": [{"metric": "resolution", "within": 60}]}"#)?;
    /// assert!(kesher::sla::ContractSet::new(vec![c.clone(), c]).is_err());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(contracts: Vec<SlaContract>) -> Result<ContractSet> {
        for (i, c) in contracts.iter().enumerate() {
            c.validate(&format!("contracts[{i}]."))?;
            if contracts
                .get(..i)
                .is_some_and(|before| before.iter().any(|b| b.name == c.name))
            {
                return Err(Error::invalid(
                    format!("contracts[{i}].name"),
                    &c.name,
                    "two contracts have this name",
                ));
            }
        }
        Ok(ContractSet {
            contracts,
            interaction_targets: Vec::new(),
        })
    }

    /// The same set with targets that start at interactions (see [`InteractionTarget`]);
    /// names must be unique.
    ///
    /// # Example
    ///
    /// ```
    /// let rules = serde_json::from_str(r#"[{"name": "call back", "on": {"kinds": ["voicemail"]},
    ///     "within": 28800, "calendar": "us"}]"#).unwrap();
    /// let set = kesher::sla::ContractSet::new(vec![])?.with_interaction_targets(rules)?;
    /// assert_eq!(set.interaction_targets().len(), 1);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn with_interaction_targets(
        mut self,
        targets: Vec<InteractionTarget>,
    ) -> Result<ContractSet> {
        for (i, t) in targets.iter().enumerate() {
            let path = format!("interaction_targets[{i}].");
            t.validate(&path)?;
            if targets
                .get(..i)
                .is_some_and(|before| before.iter().any(|b| b.name == t.name))
            {
                return Err(Error::invalid(
                    format!("{path}name"),
                    &t.name,
                    "two interaction targets have this name",
                ));
            }
        }
        self.interaction_targets = targets;
        Ok(self)
    }

    /// The targets that start at interactions, in declared order.
    ///
    /// # Example
    ///
    /// See [`ContractSet::with_interaction_targets`].
    pub fn interaction_targets(&self) -> &[InteractionTarget] {
        &self.interaction_targets
    }

    /// Reads `{"contracts": [...]}` or `[...]`.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::sla::ContractSet::from_json(r#"[{"name": "a", "calendar": "mars", "targets": []}]"#).unwrap_err();
    /// assert_eq!(err.field(), Some("[0].calendar"));
    /// ```
    pub fn from_json(text: &str) -> Result<ContractSet> {
        let value = crate::support::json::parse_value(text)?;
        let mut rules = Vec::new();
        let contracts: Vec<SlaContract> = match value {
            serde_json::Value::Object(mut o) if o.contains_key("contracts") => {
                if let Some(inner) = crate::support::json::take_key(&mut o, "interaction_targets") {
                    rules = crate::support::json::from_value(inner)
                        .map_err(|e| under("interaction_targets", e))?;
                }
                if let Some((key, _)) = o.iter().find(|(k, _)| k.as_str() != "contracts") {
                    return Err(Error::from(crate::error::Detail::InvalidJson{
                        field: key.clone(),
                        reason: "unknown field: a contract set has `contracts` and `interaction_targets`".into(),
                    }));
                }
                let inner = crate::support::json::take_key(&mut o, "contracts").unwrap_or_default();
                crate::support::json::from_value(inner).map_err(|e| under("contracts", e))?
            }
            other => crate::support::json::from_value(other)?,
        };
        ContractSet::new(contracts)?.with_interaction_targets(rules)
    }

    /// The contracts, in declared order.
    ///
    /// # Example
    ///
    /// ```
    /// let set = kesher::sla::ContractSet::from_json("[]")?;
    /// assert!(set.contracts().is_empty());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn contracts(&self) -> &[SlaContract] {
        &self.contracts
    }

    /// The contract of this name.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `contract` when the
    /// set has none of that name.
    ///
    /// # Example
    ///
    /// ```
    /// let set = kesher::sla::ContractSet::from_json(r#"[{"name": "gold", "calendar": "us", "targets": [{"metric": "first_response", "within": 3600}]}]"#)?;
    /// assert_eq!(set.contract("gold")?.name, "gold");
    /// assert_eq!(set.contract("tin").unwrap_err().field(), Some("contract"));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn contract(&self, name: &str) -> Result<&SlaContract> {
        self.contracts
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| Error::invalid("contract", name, "no contract of this name"))
    }

    pub(crate) fn select_index(
        &self,
        channel: &Channel,
        priority: Priority,
        segments: &BTreeSet<String>,
    ) -> Option<usize> {
        self.contracts
            .iter()
            .position(|c| {
                !c.conditions.is_empty() && c.conditions.matches(channel, priority, segments)
            })
            .or_else(|| self.contracts.iter().position(|c| c.conditions.is_empty()))
    }

    /// The contract for a case with this channel, priority and segments (see the type's rule).
    ///
    /// # Example
    ///
    /// See [`ContractSet`].
    pub fn select(
        &self,
        channel: &Channel,
        priority: Priority,
        segments: &BTreeSet<String>,
    ) -> Option<&SlaContract> {
        self.select_index(channel, priority, segments)
            .and_then(|i| self.contracts.get(i))
    }

    pub(crate) fn index_of(&self, name: &str) -> Option<usize> {
        self.contracts.iter().position(|c| c.name == name)
    }
}
