//! What-if: the same cases through the emotion model with changed inputs, and how the typical
//! pattern moves.

use super::drawing::EmotionModel;
use super::effects::Scenario;
use super::pattern::{Pattern, PatternBuilder};
use crate::case::Case;
use crate::error::{Error, Result};
use crate::sla::CaseSla;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How one stage of one segment's pattern moves under a scenario.
///
/// # Example
///
/// See [`what_if`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageChange {
    /// The segment.
    pub segment: String,
    /// The stage.
    pub stage: String,
    /// The median before and after.
    pub median_before: Option<f64>,
    /// The median under the scenario.
    pub median_after: Option<f64>,
    /// The 10th percentile (the unhappiest customers) before.
    pub p10_before: Option<f64>,
    /// The 10th percentile under the scenario.
    pub p10_after: Option<f64>,
    /// The share of journeys below the trouble threshold, before and after.
    pub below_before: f64,
    /// The share below the threshold under the scenario.
    pub below_after: f64,
}

/// The patterns of `cases` as they are and under `scenario`, and the change per segment and
/// stage (the stages of the model's stage map). `cases` come with their SLA evaluation when there is one.
///
/// # Example
///
/// ```
/// use kesher::{journey::{what_if, EmotionModel, Scenario}, event::CaseEvent, case::CaseLog};
///
/// let mut log = CaseLog::default();
/// for line in [
///   r#"{"type": "interaction", "case_id": "T", "seq": 1, "id": "q", "customer_id": "c", "at": "2025-01-05T09:00:00Z",
///       "channel": "twitter", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message"}"#,
///   r#"{"type": "interaction", "case_id": "T", "seq": 2, "id": "a", "customer_id": "c", "at": "2025-01-05T15:00:00Z",
///       "channel": "twitter", "direction": "outbound", "actor": {"type": "agent", "id": "dana"}, "kind": "message"}"#,
/// ] {
///     log.insert(CaseEvent::from_json(line)?);
/// }
/// let case = log.fold()?;
/// let halved: Scenario = serde_json::from_str(r#"{"response_time_factor": {"twitter": 0.5}}"#).unwrap();
/// let (_, _, changes) = what_if(&[(case, None)], &EmotionModel::default(), &halved,
///     "2025-01-06T00:00:00Z".parse().unwrap(), -0.66)?;
/// let waiting = changes.iter().find(|c| c.stage == "waiting").unwrap();
/// assert!(waiting.median_after > waiting.median_before, "faster answers, happier customers");
/// # Ok::<(), kesher::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `threshold` unless it is
/// a level from −1 to 1, or `response_time_factor.<channel>` for a factor that is not a finite
/// number of 0 or more.
pub fn what_if(
    cases: &[(Case, Option<CaseSla>)],
    model: &EmotionModel<'_>,
    scenario: &Scenario,
    now: DateTime<Utc>,
    threshold: f64,
) -> Result<(Vec<Pattern>, Vec<Pattern>, Vec<StageChange>)> {
    if !(-1.0..=1.0).contains(&threshold) {
        return Err(Error::invalid_number(
            "threshold",
            threshold,
            "expected a level from -1 to 1",
        ));
    }
    scenario.check()?;
    let changed = EmotionModel {
        effects: model.effects.clone(),
        scorer: model.scorer,
        scenario: scenario.clone(),
        segment_key: model.segment_key.clone(),
        stage_map: model.stage_map.clone(),
    };
    let stages = model.stage_map.stages();
    let mut before = PatternBuilder::new(stages.clone(), threshold);
    let mut after = PatternBuilder::new(stages.clone(), threshold);
    for (case, sla) in cases {
        before.add(&model.journey(case, now, sla.as_ref()));
        after.add(&changed.journey(case, now, sla.as_ref()));
    }
    let (before, after) = (before.finish(), after.finish());
    let mut changes = Vec::new();
    for (b, a) in before.iter().zip(&after) {
        for (sb, sa) in b.stages.iter().zip(&a.stages) {
            let below = |p: &Pattern| {
                p.trouble
                    .iter()
                    .find(|t| t.stage == sb.stage)
                    .map_or(0.0, |t| t.below_share)
            };
            changes.push(StageChange {
                segment: b.segment.clone(),
                stage: sb.stage.clone(),
                median_before: sb.median,
                median_after: sa.median,
                p10_before: sb.p10,
                p10_after: sa.p10,
                below_before: below(b),
                below_after: below(a),
            });
        }
    }
    Ok((before, after, changes))
}
