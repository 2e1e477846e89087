//! The JSON of triggers and actions read as flat objects: `{"on": ..., "share": ...}` and
//! `{"do": ..., "team": ...}`. serde's derive for an internally tagged enum buffers every
//! object it reads, and in the WebAssembly package that buffering alone cost tens of KB; a
//! flat struct and a check of which fields go with which tag reads the same JSON, with an
//! error naming the field.

use super::{EscalationAction, EscalationTrigger};
use crate::event::Priority;
use crate::sla::Metric;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Trigger {
    on: String,
    #[serde(default)]
    share: Option<f64>,
    #[serde(default)]
    metrics: Option<Vec<Metric>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Action {
    #[serde(rename = "do")]
    action: String,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    to: Option<Priority>,
    #[serde(default)]
    team: Option<String>,
}

/// `Some(value)` when `name` was given, or an error saying `tag` takes none (or needs it).
fn needed<T>(value: Option<T>, name: &str, tag: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{name}` (`{tag}` needs it)"))
}

fn unwanted<T>(value: &Option<T>, name: &str, tag: &str) -> Result<(), String> {
    match value {
        Some(_) => Err(format!("unknown field `{name}` (not a field of `{tag}`)")),
        None => Ok(()),
    }
}

impl TryFrom<Trigger> for EscalationTrigger {
    type Error = String;

    fn try_from(w: Trigger) -> Result<EscalationTrigger, String> {
        let tag = w.on.as_str();
        match tag {
            "target_share" => Ok(EscalationTrigger::TargetShare {
                share: needed(w.share, "share", tag)?,
                metrics: w.metrics.unwrap_or_default(),
            }),
            "breach" => {
                unwanted(&w.share, "share", tag)?;
                Ok(EscalationTrigger::Breach {
                    metrics: w.metrics.unwrap_or_default(),
                })
            }
            "public_negative_message" | "promise_broken" => {
                unwanted(&w.share, "share", tag)?;
                unwanted(&w.metrics, "metrics", tag)?;
                Ok(if tag == "promise_broken" {
                    EscalationTrigger::PromiseBroken
                } else {
                    EscalationTrigger::PublicNegativeMessage
                })
            }
            other => Err(format!(
                "unknown variant `{other}`, expected one of `target_share`, `breach`, \
                 `public_negative_message`, `promise_broken`"
            )),
        }
    }
}

impl TryFrom<Action> for EscalationAction {
    type Error = String;

    fn try_from(w: Action) -> Result<EscalationAction, String> {
        let tag = w.action.as_str();
        let given = [
            ("group", w.group.is_some()),
            ("to", w.to.is_some()),
            ("team", w.team.is_some()),
        ];
        let own = match tag {
            "notify" => "group",
            "raise_priority" => "to",
            "assign_team" => "team",
            "acknowledge" => "",
            other => {
                return Err(format!(
                    "unknown variant `{other}`, expected one of `notify`, `raise_priority`, \
                     `assign_team`, `acknowledge`"
                ))
            }
        };
        if let Some((name, _)) = given.iter().find(|(name, set)| *set && *name != own) {
            return Err(format!("unknown field `{name}` (not a field of `{tag}`)"));
        }
        Ok(match tag {
            "notify" => EscalationAction::Notify {
                group: needed(w.group, "group", tag)?,
            },
            "raise_priority" => EscalationAction::RaisePriority {
                to: needed(w.to, "to", tag)?,
            },
            "assign_team" => EscalationAction::AssignTeam {
                team: needed(w.team, "team", tag)?,
            },
            _ => EscalationAction::Acknowledge,
        })
    }
}
