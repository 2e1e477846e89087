//! The stage map: which stage of a business's process each point of a journey belongs to.
//!
//! A map is the ordered [`Stages`] and rules read top to bottom; a point takes the stage of the
//! first rule whose conditions all hold, and no stage when none does (it is then left out of
//! the patterns). A rule can look at:
//!
//! - `cause`: the effect behind the point (one of [`StageMap::CAUSES`]);
//! - `kind`, `direction`, `channel`, `metadata`: the interaction the point came from (a point
//!   that did not come from an interaction, such as a resolution, fails these);
//! - `status`: the case's status at the point's instant;
//! - `answered`: whether a person had answered the customer before the point;
//! - `first_contact`: whether the point came from the case's first customer contact.
//!
//! Points outside any case (a purchase on the continuous line) have only a cause. A drift
//! point (the fading of feelings between two events) stays in the stage it drifts in.

use super::model::Stages;
use crate::{
    channel::Channel,
    error::{Error, Result},
    interaction::{Direction, Interaction, InteractionKind},
    status::CaseStatus,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a business's process goes, and which points belong to which step of it.
///
/// JSON: `{"stages": [...], "rules": [{"stage": "...", "when": {...}}, ...]}`; the conditions
/// of `when` are lists (any of) except `answered` and `first_contact` (true or false) and
/// `metadata` (an object of key and value, all of which must match).
///
/// The default follows article 003's process inside a case: `first_contact` (what the customer
/// brings), `waiting` (until a person answers, and every wait or unanswered message after),
/// `answer` (the handling), `resolution` (the resolution itself) and `follow_up` (everything once
/// resolved or closed, and a reopening).
///
/// # Example
///
/// ```
/// use kesher::journey::StageMap;
///
/// assert_eq!(StageMap::default().stages().names(),
///     ["first_contact", "waiting", "answer", "resolution", "follow_up"]);
/// let map = StageMap::from_json(r#"{"stages": ["order", "delivery", "support"], "rules": [
///   {"stage": "order", "when": {"cause": ["purchase"]}},
///   {"stage": "delivery", "when": {"metadata": {"step": "delivery"}}},
///   {"stage": "support", "when": {"answered": true}}]}"#)?;
/// assert_eq!(map.stages().len(), 3);
/// let err = StageMap::from_json(r#"{"stages": ["a"], "rules": [{"stage": "b", "when": {}}]}"#).unwrap_err();
/// assert_eq!(err.field(), Some("rules[0].stage"));
/// let err = StageMap::from_json(r#"{"stages": ["a"], "rules": [{"stage": "a", "when": {"cause": ["wating"]}}]}"#).unwrap_err();
/// assert_eq!(err.field(), Some("rules[0].when.cause[0]"));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StageMapFields", into = "StageMapFields")]
pub struct StageMap {
    stages: Stages,
    rules: Vec<StageRule>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StageMapFields {
    stages: Stages,
    rules: Vec<StageRule>,
}

/// One rule of a [`StageMap`]: the stage a point takes when every condition holds.
///
/// # Example
///
/// ```
/// let r: kesher::journey::StageRule = serde_json::from_str(
///     r#"{"stage": "waiting", "when": {"cause": ["waiting", "unanswered"]}}"#).unwrap();
/// assert_eq!(r.stage, "waiting");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageRule {
    /// The stage, one of the map's stages.
    pub stage: String,
    /// The conditions; all must hold (none: every point of a case).
    #[serde(default)]
    pub when: StageWhen,
}

/// The conditions of a [`StageRule`]; a condition not given always holds.
///
/// # Example
///
/// ```
/// let w: kesher::journey::StageWhen = serde_json::from_str(
///     r#"{"kind": ["call", "visit"], "direction": ["inbound"], "answered": false}"#).unwrap();
/// assert_eq!(w.answered, Some(false));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StageWhen {
    /// The effect behind the point, any of these.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Vec<String>>,
    /// The kind of the interaction the point came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Vec<InteractionKind>>,
    /// Its direction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Vec<Direction>>,
    /// Its channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<Vec<Channel>>,
    /// Metadata the interaction carries (every key with this value).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
    /// The case's status at the point's instant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Vec<CaseStatus>>,
    /// Whether a person had answered before the point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered: Option<bool>,
    /// Whether the point came from the case's first customer contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_contact: Option<bool>,
}

/// What a rule can see of one point (crate-internal; built by the emotion model).
pub(crate) struct PointFacts<'a> {
    pub cause: &'a str,
    pub interaction: Option<&'a Interaction>,
    pub status: Option<CaseStatus>,
    pub answered: Option<bool>,
    pub first_contact: Option<bool>,
}

impl PointFacts<'_> {
    /// A point outside any case: only its cause is known.
    pub fn cause_only(cause: &str) -> PointFacts<'_> {
        PointFacts {
            cause,
            interaction: None,
            status: None,
            answered: None,
            first_contact: None,
        }
    }
}

fn any_of<T: PartialEq>(wanted: Option<&Vec<T>>, got: Option<&T>) -> bool {
    wanted.map_or(true, |w| got.is_some_and(|g| w.contains(g)))
}

impl StageWhen {
    fn holds(&self, f: &PointFacts<'_>) -> bool {
        let i = f.interaction;
        self.cause
            .as_ref()
            .map_or(true, |c| c.iter().any(|c| c == f.cause))
            && any_of(self.kind.as_ref(), i.map(|i| &i.kind))
            && any_of(self.direction.as_ref(), i.map(|i| &i.direction))
            && any_of(self.channel.as_ref(), i.map(|i| &i.channel))
            && self
                .metadata
                .iter()
                .all(|(k, v)| i.is_some_and(|i| i.metadata.get(k) == Some(v)))
            && any_of(self.status.as_ref(), f.status.as_ref())
            && self.answered.map_or(true, |a| f.answered == Some(a))
            && self
                .first_contact
                .map_or(true, |a| f.first_contact == Some(a))
    }
}

fn rule(stage: &str, when: StageWhen) -> StageRule {
    StageRule {
        stage: stage.into(),
        when,
    }
}

fn causes(names: &[&str]) -> StageWhen {
    StageWhen {
        cause: Some(names.iter().map(|s| (*s).to_string()).collect()),
        ..StageWhen::default()
    }
}

fn statuses(s: &[CaseStatus]) -> StageWhen {
    StageWhen {
        status: Some(s.to_vec()),
        ..StageWhen::default()
    }
}

const RESOLVING: [&str; 3] = [
    "resolution",
    "first_contact_resolution",
    "release_with_refund",
];
const DONE: [CaseStatus; 3] = [
    CaseStatus::Resolved,
    CaseStatus::Closed,
    CaseStatus::Released,
];
const WAITS: [&str; 4] = ["waiting", "unanswered", "acknowledgement", "broken_promise"];

impl Default for StageMap {
    fn default() -> Self {
        let answered = |a: bool| StageWhen {
            answered: Some(a),
            ..StageWhen::default()
        };
        let first = StageWhen {
            first_contact: Some(true),
            ..StageWhen::default()
        };
        StageMap {
            stages: Stages::default(),
            rules: vec![
                rule("resolution", causes(&RESOLVING)),
                rule("follow_up", causes(&["reopened"])),
                rule("follow_up", statuses(&DONE)),
                rule("waiting", causes(&WAITS)),
                rule("answer", causes(&["answer"])),
                rule("first_contact", first),
                rule("waiting", answered(false)),
                rule("answer", answered(true)),
            ],
        }
    }
}

impl StageMap {
    /// Every cause the emotion model gives a point, which `when.cause` may name.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::journey::StageMap::CAUSES.contains(&"survey"));
    /// ```
    pub const CAUSES: [&'static str; 19] = [
        "first_contact",
        "message_text",
        "thanks",
        "annotation",
        "survey",
        "acknowledgement",
        "answer",
        "waiting",
        "unanswered",
        "transfer",
        "broken_promise",
        "first_contact_resolution",
        "resolution",
        "reopened",
        "release_with_refund",
        "wow",
        "drift",
        "purchase",
        "delivery",
    ];

    /// A map from stages and rules, checked: every rule names one of the stages and causes the
    /// model knows.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `rules[i].stage` or `rules[i].when.cause[j]`.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::journey::{StageMap, StageRule, StageWhen, Stages};
    /// let map = StageMap::new(Stages::new(["all"])?,
    ///     vec![StageRule { stage: "all".into(), when: StageWhen::default() }])?;
    /// assert_eq!(map.rules().len(), 1);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(stages: Stages, rules: Vec<StageRule>) -> Result<StageMap> {
        for (i, r) in rules.iter().enumerate() {
            if stages.position(&r.stage).is_none() {
                return Err(Error::invalid(
                    format!("rules[{i}].stage"),
                    &r.stage,
                    format!(
                        "a rule names one of the stages ({})",
                        stages.names().join(", ")
                    ),
                ));
            }
            for (j, c) in r.when.cause.iter().flatten().enumerate() {
                if !Self::CAUSES.contains(&c.as_str()) {
                    return Err(Error::invalid(
                        format!("rules[{i}].when.cause[{j}]"),
                        c,
                        format!("a cause is one of {}", Self::CAUSES.join(", ")),
                    ));
                }
            }
        }
        Ok(StageMap { stages, rules })
    }

    /// The grouping around the direct encounter, `before`, `during` and `after`: what the first
    /// contact says before anyone answers is before; the waits and everything until the
    /// resolution (included) is during; everything once resolved or closed is after.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::journey::StageMap::encounter().stages().names(), ["before", "during", "after"]);
    /// ```
    pub fn encounter() -> StageMap {
        let before = StageWhen {
            first_contact: Some(true),
            answered: Some(false),
            ..causes(&["first_contact", "message_text", "thanks", "annotation"])
        };
        let rules = vec![
            rule("during", causes(&RESOLVING)),
            rule("after", causes(&["reopened"])),
            rule("after", statuses(&DONE)),
            rule("before", before),
            rule("during", StageWhen::default()),
        ];
        let stages = Stages::new(["before", "during", "after"]).unwrap_or_default();
        StageMap { stages, rules }
    }

    /// Reads a map from JSON (errors name the JSON path).
    ///
    /// # Example
    ///
    /// See [`StageMap`].
    pub fn from_json(text: &str) -> Result<StageMap> {
        let fields: StageMapFields = crate::support::json::from_str(text)?;
        StageMap::new(fields.stages, fields.rules)
    }

    /// The stages, in order.
    ///
    /// # Example
    ///
    /// See [`StageMap`].
    pub fn stages(&self) -> &Stages {
        &self.stages
    }

    /// The rules, first match wins.
    ///
    /// # Example
    ///
    /// See [`StageMap::new`].
    pub fn rules(&self) -> &[StageRule] {
        &self.rules
    }

    /// The position (in [`StageMap::stages`]) of the stage of the first rule that holds.
    pub(crate) fn stage_of(&self, facts: &PointFacts<'_>) -> Option<usize> {
        self.rules
            .iter()
            .find(|r| r.when.holds(facts))
            .and_then(|r| self.stages.position(&r.stage))
    }
}

impl TryFrom<StageMapFields> for StageMap {
    type Error = Error;
    fn try_from(f: StageMapFields) -> Result<StageMap> {
        StageMap::new(f.stages, f.rules)
    }
}

impl From<StageMap> for StageMapFields {
    fn from(m: StageMap) -> StageMapFields {
        StageMapFields {
            stages: m.stages,
            rules: m.rules,
        }
    }
}
