//! Targets that start at an interaction and run on their own, whatever the case's contract: a
//! voicemail promises a call back within 8 business hours, a public complaint an answer within
//! the hour.

use super::contract::{CalendarRef, TimeBasis, Within};
use crate::{
    calendar::Calendar,
    channel::Channel,
    error::{Error, Result},
    interaction::{Interaction, InteractionKind},
};
use serde::{Deserialize, Serialize};

/// Which customer contacts start an interaction target: any of `kinds` (empty: every kind) on
/// any of `channels` (empty: every channel), and only public ones (a post others can see) when
/// `public` is true. At least one of the three is given.
///
/// # Example
///
/// ```
/// let on: kesher::sla::InteractionMatch = serde_json::from_str(r#"{"kinds": ["voicemail", "missed_call"]}"#).unwrap();
/// assert_eq!(on.kinds.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteractionMatch {
    /// Kinds of interaction (`voicemail`, `missed_call`, `message`…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<InteractionKind>,
    /// Channels (`twitter`, `phone`…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Only contacts made in public (see [`Interaction::is_public`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub public: bool,
}

impl InteractionMatch {
    /// Whether an interaction is a customer contact this matches.
    ///
    /// # Example
    ///
    /// ```
    /// let on: kesher::sla::InteractionMatch = serde_json::from_str(r#"{"kinds": ["voicemail"]}"#)?;
    /// let vm: kesher::interaction::Interaction = serde_json::from_str(r#"{"id": "v", "customer_id": "c",
    ///     "at": "2025-01-05T09:00:00Z", "channel": "phone", "direction": "inbound",
    ///     "actor": {"type": "customer"}, "kind": "voicemail"}"#)?;
    /// assert!(on.matches(&vm));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn matches(&self, i: &Interaction) -> bool {
        i.is_customer_contact()
            && (self.kinds.is_empty() || self.kinds.contains(&i.kind))
            && (self.channels.is_empty() || self.channels.contains(&i.channel))
            && (!self.public || i.is_public())
    }
}

/// A target that starts at each matching customer contact and is met by the next answer from a
/// person (on one of `answered_on`, when given), on its own calendar, whatever contract the case
/// is on. While one runs, a further matching contact does not start another. A case resolved,
/// closed or released before it is met cancels it.
///
/// JSON (in a contract set's `interaction_targets`): `{"name": "call back", "on": {"kinds":
/// ["voicemail", "missed_call"]}, "within": 28800, "calendar": "israel"}`; `time` (`business`,
/// the default, or `calendar`), `warn_at` and `answered_on` are optional. Its reports carry the
/// metric `interaction_response` and its name as the contract.
///
/// # Example
///
/// ```
/// let set = kesher::sla::ContractSet::from_json(r#"{"contracts": [], "interaction_targets": [
///   {"name": "call back", "on": {"kinds": ["voicemail"]}, "within": 28800, "calendar": "uk"}]}"#)?;
/// assert_eq!(set.interaction_targets()[0].name, "call back");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteractionTarget {
    /// Its name, unique among a set's interaction targets; reports name it as the contract.
    pub name: String,
    /// The contacts that start it.
    pub on: InteractionMatch,
    /// The time allowed: seconds, or seconds per priority.
    pub within: Within,
    /// Business time on its calendar (default) or calendar time.
    #[serde(default)]
    pub time: TimeBasis,
    #[serde(rename = "calendar")]
    pub(crate) calendar_ref: CalendarRef,
    /// Warning fractions (default `[0.75]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_at: Option<Vec<f64>>,
    /// The channels an answer must come on to meet it (empty: any channel).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answered_on: Vec<Channel>,
}

impl InteractionTarget {
    /// Its calendar.
    ///
    /// # Example
    ///
    /// See [`InteractionTarget`]; `set.interaction_targets()[0].calendar().tz().name()` is
    /// `Europe/London` for the `uk` preset.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar_ref.calendar
    }

    /// Whether an answer meets it.
    pub(crate) fn met_by(&self, answer: &Interaction) -> bool {
        self.answered_on.is_empty() || self.answered_on.contains(&answer.channel)
    }

    /// The warning fractions, sorted.
    pub(crate) fn warn_fractions(&self) -> Vec<f64> {
        let mut w = self.warn_at.clone().unwrap_or_else(|| vec![0.75]);
        crate::support::sorting::sort_by(&mut w, f64::total_cmp);
        w
    }

    pub(crate) fn validate(&self, path: &str) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::invalid(
                format!("{path}name"),
                &self.name,
                "an interaction target needs a name",
            ));
        }
        if self.on.kinds.is_empty() && self.on.channels.is_empty() && !self.on.public {
            return Err(Error::invalid(
                format!("{path}on"),
                "{}",
                "name the kinds or channels of the contacts that start it, such as {\"kinds\": [\"voicemail\"]}",
            ));
        }
        if let Some(w) = &self.warn_at {
            super::contract::check_fractions(&format!("{path}warn_at"), w)?;
        }
        Ok(())
    }
}
