//! Escalation and routing rules: declarative JSON next to the contracts, checked at every
//! reading of a live case; what they ask for comes back as data for the host to confirm.

use super::case::LiveCase;
use super::changes::CaseChanges;
use crate::catalogue::{MessageArg, Wording};
use crate::sla::{ContractSet, Metric, TargetState};
use crate::text::{Sentiment, SentimentScorer, TurnKind};
use crate::{
    case::Case,
    error::{Error, Result},
    event::{CaseEvent, Priority, PriorityChanged, Transferred},
    id::{AgentId, InteractionId},
    interaction::{Actor, Direction, Interaction, InteractionKind},
    promise::PromiseState,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[path = "rules_wire.rs"]
mod wire;

/// What sets a rule off.
///
/// JSON: `{"on": "target_share", "share": 0.75, "metrics": ["first_response"]}`,
/// `{"on": "breach", "metrics": []}`, `{"on": "public_negative_message"}`,
/// `{"on": "promise_broken"}` (`metrics` empty or absent: every target).
///
/// # Example
///
/// ```
/// let t: kesher::live::EscalationTrigger = serde_json::from_str(r#"{"on": "promise_broken"}"#).unwrap();
/// assert_eq!(t, kesher::live::EscalationTrigger::PromiseBroken);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "on",
    rename_all = "snake_case",
    deny_unknown_fields,
    try_from = "wire::Trigger"
)]
pub enum EscalationTrigger {
    /// A target has consumed at least `share` of its time (once per target and cycle). The case
    /// is read at its wake-ups, which come at every warning fraction of the contract
    /// (`warn_at`): a share among them is acted on the moment it is reached
    /// ([`EscalationRules::check`] names the others).
    TargetShare {
        /// The share, above 0 and at most 1.
        share: f64,
        /// The targets it watches (none: all).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        metrics: Vec<Metric>,
    },
    /// A target is breached.
    Breach {
        /// The targets it watches (none: all).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        metrics: Vec<Metric>,
    },
    /// A customer's message on a public channel reads negative or is a complaint (article 001:
    /// a social-media manager answers within the hour).
    PublicNegativeMessage,
    /// A promise to the customer passed its due instant unkept.
    PromiseBroken,
}

/// What a rule asks for. The host decides; once it confirms, [`Escalation::events`] records
/// it in the case, so the audit trail explains it.
///
/// JSON: `{"do": "notify", "group": "..."}`, `{"do": "raise_priority", "to": "high"}`,
/// `{"do": "assign_team", "team": "..."}`, `{"do": "acknowledge"}`.
///
/// # Example
///
/// ```
/// let a: kesher::live::EscalationAction = serde_json::from_str(r#"{"do": "assign_team", "team": "social"}"#).unwrap();
/// assert_eq!(a, kesher::live::EscalationAction::AssignTeam { team: "social".into() });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "do",
    rename_all = "snake_case",
    deny_unknown_fields,
    try_from = "wire::Action"
)]
pub enum EscalationAction {
    /// Tell a group (a team lead, the social-media manager).
    Notify {
        /// Who.
        group: String,
    },
    /// Raise the case's priority (never lowers it).
    RaisePriority {
        /// To what.
        to: Priority,
    },
    /// Hand the case to a team.
    AssignTeam {
        /// Which.
        team: String,
    },
    /// Send the playbook's acknowledgement, with the time the contract in force promises.
    Acknowledge,
}

/// One rule: a name, what sets it off, optional channels it is limited to, and its actions.
///
/// # Example
///
/// See [`EscalationRules`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationRule {
    /// Its name, unique in the set (recorded with every action it takes).
    pub name: String,
    /// What sets it off.
    pub when: EscalationTrigger,
    /// The channels of first contact it applies to (none: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<crate::channel::Channel>,
    /// What it asks for, in order.
    pub then: Vec<EscalationAction>,
}

/// An action a rule asks for on one case, with the reason in the host's language.
///
/// JSON: `{"case_id", "rule", "about", "at", "action", "reason", "message"}` (`message` only
/// for `acknowledge`).
///
/// # Example
///
/// See [`EscalationRules`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// The case.
    pub case_id: crate::id::CaseId,
    /// The rule that asks.
    pub rule: String,
    /// What set it off: `metric/cycle` for a target (`first_response/1`), the promise's id, or
    /// the message's id.
    pub about: String,
    /// The reading that set it off.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// What it asks for.
    pub action: EscalationAction,
    /// Why, in words for the people who act on it.
    pub reason: String,
    /// For `acknowledge`: the message to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A set of escalation and routing rules (JSON: `{"rules": [...]}` or `[...]`).
///
/// At each reading of a live case ([`crate::live::LiveCase::apply`] or `tick`), pass the changes
/// (and the message applied, if it was one) to [`EscalationRules::escalations`]: each rule set
/// off returns its actions as [`Escalation`]s, once per target and cycle (shares, breaches),
/// per message or per promise; the live case remembers what it already asked for, in its
/// snapshot. Nothing is done by kesher: the host notifies, reassigns or sends, then records
/// what it did with [`Escalation::events`].
///
/// # Example
///
/// ```
/// use kesher::live::{EscalationAction, EscalationRules, LiveCase};
/// use kesher::{event::CaseEvent, CaseId, sla::{ContractSet, SlaEngine}, Language};
///
/// let contracts = ContractSet::from_json(r#"[{"name": "std", "calendar": "israel",
///     "targets": [{"metric": "first_response", "within": 7200}]}]"#)?;
/// let rules = EscalationRules::from_json(r#"{"rules": [
///   {"name": "lead at 75%", "when": {"on": "target_share", "share": 0.75}, "then": [{"do": "notify", "group": "team leads"}]},
///   {"name": "breach", "when": {"on": "breach"}, "then": [{"do": "raise_priority", "to": "high"}]}]}"#)?;
/// assert!(rules.check(&contracts).is_ok());
/// let mut engine = SlaEngine::new(contracts.clone());
/// let mut live = LiveCase::new(CaseId::new("T-1")?);
/// let opened = CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1",
///     "at": "2025-01-05T07:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#)?;
/// let changes = live.apply(opened, &mut engine, "2025-01-05T07:00:00Z".parse().unwrap())?;
/// assert!(rules.escalations(&mut live, &changes, None, &contracts, Language::En).is_empty());
///
/// let changes = live.tick(&mut engine, live.wake_at().unwrap())?; // 08:30, 75 % used
/// let asked = rules.escalations(&mut live, &changes, None, &contracts, Language::En);
/// assert_eq!(asked.len(), 1);
/// assert_eq!(asked[0].action, EscalationAction::Notify { group: "team leads".into() });
/// assert_eq!(asked[0].reason, "first_response has used 75% of its time (rule lead at 75%)");
/// assert_eq!(asked[0].about, "first_response/1");
/// // Asked once: the next reading does not ask again.
/// let changes = live.tick(&mut engine, "2025-01-05T08:40:00Z".parse().unwrap())?;
/// assert!(rules.escalations(&mut live, &changes, None, &contracts, Language::En).is_empty());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationRules {
    /// The rules, in the order they are checked.
    pub rules: Vec<EscalationRule>,
}

impl EscalationRules {
    /// Rules from JSON, checked: names non-empty and unique, shares above 0 and at most 1, at
    /// least one action each.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidJson`](crate::ErrorKind::InvalidJson) naming the path; [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming the rule's field.
    ///
    /// # Example
    ///
    /// ```
    /// let e = kesher::live::EscalationRules::from_json(r#"[{"name": "x",
    ///     "when": {"on": "target_share", "share": 1.5}, "then": [{"do": "acknowledge"}]}]"#).unwrap_err();
    /// assert_eq!(e.field(), Some("rules[0].when.share"));
    /// ```
    pub fn from_json(text: &str) -> Result<EscalationRules> {
        let value = crate::support::json::parse_value(text)?;
        let rules: EscalationRules = if value.is_array() {
            EscalationRules {
                rules: crate::support::json::from_value(value)?,
            }
        } else {
            crate::support::json::from_value(value)?
        };
        rules.validate()?;
        Ok(rules)
    }

    fn validate(&self) -> Result<()> {
        let mut names = std::collections::BTreeSet::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let at = |field: &str| format!("rules[{i}].{field}");
            if rule.name.trim().is_empty() || !names.insert(rule.name.as_str()) {
                return Err(Error::invalid(
                    at("name"),
                    &rule.name,
                    "each rule needs a name of its own",
                ));
            }
            if let EscalationTrigger::TargetShare { share, .. } = rule.when {
                if !(share > 0.0 && share <= 1.0) {
                    return Err(Error::invalid(
                        at("when.share"),
                        crate::support::decimal::shortest(share),
                        "a share of the target is above 0 and at most 1, such as 0.75",
                    ));
                }
            }
            if rule.then.is_empty() {
                return Err(Error::invalid(at("then"), "[]", "a rule needs an action"));
            }
        }
        Ok(())
    }

    /// Checks the rules against the contracts they run with: a share that is not a warning
    /// fraction (nor 1) of every contract would be acted on at the case's next reading rather
    /// than the moment it is reached.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming the rule's share and the contract.
    ///
    /// # Example
    ///
    /// ```
    /// let contracts = kesher::sla::ContractSet::from_json(r#"[{"name": "std", "calendar": "uk",
    ///     "targets": [{"metric": "resolution", "within": 86400}]}]"#)?;
    /// let rules = kesher::live::EscalationRules::from_json(r#"[{"name": "half",
    ///     "when": {"on": "target_share", "share": 0.5}, "then": [{"do": "notify", "group": "leads"}]}]"#)?;
    /// let e = rules.check(&contracts).unwrap_err();
    /// assert!(e.to_string().contains("warn_at"), "{e}");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn check(&self, contracts: &ContractSet) -> Result<()> {
        for (i, rule) in self.rules.iter().enumerate() {
            let EscalationTrigger::TargetShare { share, .. } = rule.when else {
                continue;
            };
            for contract in contracts.contracts() {
                let woken = share == 1.0
                    || contract
                        .targets
                        .iter()
                        .all(|t| contract.warn_fractions(t).contains(&share));
                if !woken {
                    return Err(Error::invalid(
                        format!("rules[{i}].when.share"),
                        crate::support::decimal::shortest(share),
                        format!(
                            "contract `{}` does not wake cases at this share: add it to its warn_at",
                            contract.name
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// [`LiveCase::apply`] then [`EscalationRules::escalations`] for the event (the message
    /// passed on when the event is an interaction).
    ///
    /// # Errors
    ///
    /// As [`LiveCase::apply`].
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::live::{EscalationRules, LiveCase};
    /// let contracts = kesher::sla::ContractSet::from_json("[]")?;
    /// let rules = EscalationRules::from_json(r#"[{"name": "complaint", "when": {"on": "public_negative_message"},
    ///     "then": [{"do": "notify", "group": "social"}]}]"#)?;
    /// let mut engine = kesher::sla::SlaEngine::new(contracts.clone());
    /// let mut live = LiveCase::new(kesher::CaseId::new("T")?);
    /// let tweet = kesher::event::CaseEvent::from_json(r#"{"type": "interaction", "case_id": "T", "id": "t1",
    ///     "customer_id": "c", "at": "2025-01-05T10:00:00Z", "channel": "twitter", "direction": "inbound",
    ///     "actor": {"type": "customer"}, "kind": "message", "text": "I will cancel my account, terrible"}"#)?;
    /// let at = tweet.at();
    /// let (_, asked) = rules.apply(&mut live, tweet, &mut engine, at, &contracts, kesher::Language::En)?;
    /// assert_eq!(asked[0].about, "t1");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn apply<'a>(
        &self,
        live: &mut LiveCase,
        event: CaseEvent,
        engine: &mut crate::sla::SlaEngine,
        now: DateTime<Utc>,
        contracts: &ContractSet,
        wording: impl Into<Wording<'a>>,
    ) -> Result<(CaseChanges, Vec<Escalation>)> {
        let message = match &event {
            CaseEvent::Interaction(i) => Some(i.clone()),
            _ => None,
        };
        let changes = live.apply(event, engine, now)?;
        let asked = self.escalations(live, &changes, message.as_ref(), contracts, wording);
        Ok((changes, asked))
    }

    /// [`LiveCase::tick`] then [`EscalationRules::escalations`].
    ///
    /// # Errors
    ///
    /// As [`LiveCase::tick`].
    ///
    /// # Example
    ///
    /// See [`EscalationRules`]; this is `live.tick` and `rules.escalations` in one call.
    pub fn tick<'a>(
        &self,
        live: &mut LiveCase,
        engine: &mut crate::sla::SlaEngine,
        now: DateTime<Utc>,
        contracts: &ContractSet,
        wording: impl Into<Wording<'a>>,
    ) -> Result<(CaseChanges, Vec<Escalation>)> {
        let changes = live.tick(engine, now)?;
        let asked = self.escalations(live, &changes, None, contracts, wording);
        Ok((changes, asked))
    }

    /// The actions the rules ask for at this reading of `live` (`message`: the interaction just
    /// applied, if the reading was an event's). Each is asked once: `live` remembers it. The
    /// reasons and acknowledgements are written in `wording`: a [`crate::Language`] of the built-in
    /// catalogue, or a host's [`Wording`] (its own messages, or a language it added).
    ///
    /// # Example
    ///
    /// See [`EscalationRules`]. In a host's words:
    ///
    /// ```
    /// use kesher::catalogue::{Catalogue, Wording};
    /// use kesher::live::{EscalationRules, LiveCase};
    /// let ours = Catalogue::built_in()
    ///     .with_messages("en", "escalation-public-negative = public complaint on { $channel } ({ $rule })")?;
    /// let rules = EscalationRules::from_json(r#"[{"name": "social", "when": {"on": "public_negative_message"},
    ///     "then": [{"do": "notify", "group": "social"}]}]"#)?;
    /// let contracts = kesher::sla::ContractSet::from_json("[]")?;
    /// let mut engine = kesher::sla::SlaEngine::new(contracts.clone());
    /// let mut live = LiveCase::new(kesher::CaseId::new("T")?);
    /// let tweet = kesher::event::CaseEvent::from_json(r#"{"type": "interaction", "case_id": "T", "id": "t1",
    ///     "customer_id": "c", "at": "2025-01-05T10:00:00Z", "channel": "twitter", "direction": "inbound",
    ///     "actor": {"type": "customer"}, "kind": "message", "text": "terrible service, I will cancel"}"#)?;
    /// let at = tweet.at();
    /// let (_, asked) = rules.apply(&mut live, tweet, &mut engine, at, &contracts, Wording::new(&ours, "en")?)?;
    /// assert_eq!(asked[0].reason, "public complaint on twitter (social)");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn escalations<'a>(
        &self,
        live: &mut LiveCase,
        changes: &CaseChanges,
        message: Option<&Interaction>,
        contracts: &ContractSet,
        wording: impl Into<Wording<'a>>,
    ) -> Vec<Escalation> {
        self.escalations_in(live, changes, message, contracts, wording.into())
    }

    fn escalations_in(
        &self,
        live: &mut LiveCase,
        changes: &CaseChanges,
        message: Option<&Interaction>,
        contracts: &ContractSet,
        wording: Wording<'_>,
    ) -> Vec<Escalation> {
        let mut out = Vec::new();
        let Some(case) = live.case().cloned() else {
            return out;
        };
        for rule in &self.rules {
            if !rule.channels.is_empty() && !rule.channels.contains(case.first_channel()) {
                continue;
            }
            for (key, reason) in fired(rule, live, changes, message, wording) {
                if !live.remember(format!("{}/{key}", rule.name)) {
                    continue;
                }
                for action in &rule.then {
                    out.push(Escalation {
                        case_id: case.id().clone(),
                        rule: rule.name.clone(),
                        about: key.clone(),
                        at: changes.at,
                        action: action.clone(),
                        reason: reason.clone(),
                        message: acknowledgement(
                            action, &case, live, contracts, changes.at, wording,
                        ),
                    });
                }
            }
        }
        out
    }
}

/// Each occasion `rule` is set off at this reading: a key (what it is about) and the reason.
fn fired(
    rule: &EscalationRule,
    live: &LiveCase,
    changes: &CaseChanges,
    message: Option<&Interaction>,
    wording: Wording<'_>,
) -> Vec<(String, String)> {
    let say = |id: &str, args: &[(&str, MessageArg<'_>)]| wording.say(id, args);
    let watched = |metrics: &[Metric], m: Metric| metrics.is_empty() || metrics.contains(&m);
    let name = &rule.name;
    match &rule.when {
        EscalationTrigger::TargetShare { share, metrics } => live
            .sla()
            .map(|s| s.targets.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|t| watched(metrics, t.metric) && !t.state.is_final())
            .filter(|t| {
                t.target.num_nanoseconds().is_some_and(|budget| {
                    let used = t.consumed.num_nanoseconds().unwrap_or(i64::MAX) as f64;
                    budget > 0 && used >= share * budget as f64
                })
            })
            .map(|t| {
                let percent = crate::support::decimal::fixed(share * 100.0, 0).to_string();
                (
                    format!("{}/{}", t.metric.as_str(), t.cycle),
                    say(
                        "escalation-share",
                        &[
                            ("metric", MessageArg::Text(t.metric.as_str())),
                            ("percent", MessageArg::Text(&percent)),
                            ("rule", MessageArg::Text(name)),
                        ],
                    ),
                )
            })
            .collect(),
        EscalationTrigger::Breach { metrics } => changes
            .targets
            .iter()
            .filter(|c| {
                c.report.state == TargetState::Breached && watched(metrics, c.report.metric)
            })
            .map(|c| {
                let metric = c.report.metric.as_str();
                (
                    format!("{metric}/{}", c.report.cycle),
                    say(
                        "escalation-breach",
                        &[
                            ("metric", MessageArg::Text(metric)),
                            ("rule", MessageArg::Text(name)),
                        ],
                    ),
                )
            })
            .collect(),
        EscalationTrigger::PromiseBroken => changes
            .promises
            .iter()
            .filter(|p| p.to == PromiseState::Broken)
            .map(|p| {
                let args = [
                    ("promise", MessageArg::Text(&p.promise.id)),
                    ("rule", MessageArg::Text(name)),
                ];
                (
                    p.promise.id.clone(),
                    say("escalation-promise-broken", &args),
                )
            })
            .collect(),
        EscalationTrigger::PublicNegativeMessage => message
            .filter(|m| m.is_customer_contact() && m.channel.is_public())
            .filter(|m| negative(m))
            .map(|m| {
                let channel = m.channel.to_string();
                let args = [
                    ("channel", MessageArg::Text(&channel)),
                    ("rule", MessageArg::Text(name)),
                ];
                (m.id.to_string(), say("escalation-public-negative", &args))
            })
            .into_iter()
            .collect(),
    }
}

/// Whether a customer's message reads negative or is a complaint.
fn negative(m: &Interaction) -> bool {
    if let Some(e) = &m.emotion {
        return e.value.value() < 0.0;
    }
    let Some(text) = m.text.as_deref() else {
        return false;
    };
    TurnKind::classify(text, None) == TurnKind::Complaint
        || SentimentScorer::DEFAULT.read(text, None).0 == Sentiment::Negative
}

/// The playbook's acknowledgement for an `acknowledge` action, on the contract in force.
fn acknowledgement(
    action: &EscalationAction,
    case: &Case,
    live: &LiveCase,
    contracts: &ContractSet,
    at: DateTime<Utc>,
    wording: Wording<'_>,
) -> Option<String> {
    if *action != EscalationAction::Acknowledge {
        return None;
    }
    let name = live.sla()?.contract.clone()?;
    let contract = contracts.contracts().iter().find(|c| *c.name == *name)?;
    crate::playbook::acknowledgement(contract, case.priority(), at, wording)
        .ok()
        .map(|a| a.text)
}

impl Escalation {
    /// The events that record this escalation once the host has carried it out: an internal
    /// note by the system naming the rule and the reason (always), and the change itself — a
    /// `priority_changed` (when it raises the priority), a `transferred` to the team, or the
    /// acknowledgement sent. `seq` numbers the first event; the rest follow.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::live::{Escalation, EscalationAction};
    /// let e = Escalation {
    ///     case_id: kesher::CaseId::new("T-1")?, rule: "breach".into(), about: "first_response/1".into(),
    ///     at: "2025-01-05T09:00:00Z".parse().unwrap(),
    ///     action: EscalationAction::AssignTeam { team: "tier 2".into() },
    ///     reason: "first_response is breached (rule breach)".into(), message: None,
    /// };
    /// let events = e.events(kesher::CustomerId::new("c")?, kesher::event::Priority::Normal, 100);
    /// assert_eq!(events.len(), 2);
    /// assert_eq!(events[1].type_name(), "transferred");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn events(
        &self,
        customer: crate::id::CustomerId,
        current: Priority,
        seq: u64,
    ) -> Vec<CaseEvent> {
        let case_id = self.case_id.clone();
        let at = self.at;
        let note = |seq: u64, kind: InteractionKind, text: String, direction| {
            let id = InteractionId::new(format!("escalation/{}/{seq}", self.rule))
                .or_else(|_| InteractionId::new(format!("escalation/{seq}")));
            id.ok().map(|id| {
                CaseEvent::Interaction(Interaction {
                    id,
                    customer_id: customer.clone(),
                    case_id: Some(case_id.clone()),
                    seq,
                    at,
                    channel: crate::channel::Channel::Custom("escalation".into()),
                    direction,
                    actor: Actor::System,
                    kind,
                    in_reply_to: None,
                    text: Some(text),
                    emotion: None,
                    metadata: BTreeMap::from([("escalation_rule".to_string(), self.rule.clone())]),
                })
            })
        };
        let mut out: Vec<CaseEvent> = note(
            seq,
            InteractionKind::InternalNote,
            self.reason.clone(),
            Direction::Outbound,
        )
        .into_iter()
        .collect();
        match &self.action {
            EscalationAction::RaisePriority { to }
                if priority_rank(*to) > priority_rank(current) =>
            {
                out.push(CaseEvent::PriorityChanged(PriorityChanged {
                    case_id: case_id.clone(),
                    seq: seq + 1,
                    at,
                    priority: *to,
                }));
            }
            EscalationAction::AssignTeam { team } => {
                if let Ok(to) = AgentId::new(team) {
                    out.push(CaseEvent::Transferred(Transferred {
                        case_id: case_id.clone(),
                        seq: seq + 1,
                        at,
                        from: None,
                        to,
                        team: Some(team.clone()),
                        reason: Some(self.reason.clone()),
                    }));
                }
            }
            EscalationAction::Acknowledge => {
                if let Some(text) = &self.message {
                    out.extend(note(
                        seq + 1,
                        InteractionKind::Acknowledgement,
                        text.clone(),
                        Direction::Outbound,
                    ));
                }
            }
            _ => {}
        }
        out
    }
}

fn priority_rank(p: Priority) -> u8 {
    match p {
        Priority::Low => 0,
        Priority::Normal => 1,
        Priority::High => 2,
        Priority::Urgent => 3,
    }
}
