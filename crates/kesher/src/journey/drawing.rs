//! The emotion model: from a case's (or a customer's) steps to a journey, drawn with the
//! fading between events and a stage for every point.

use super::effects::{EmotionEffects, Scenario};
use super::model::{Journey, JourneyPoint};
use super::stagemap::{PointFacts, StageMap};
use super::steps::{Change, Step};
use crate::sla::CaseSla;
use crate::text::TextScorer;
use crate::{
    case::Case,
    customer::Customer,
    emotion::{Emotion, EmotionSource},
    error::{Error, Result},
    status::CaseStatus,
};
use chrono::{DateTime, Utc};

/// The emotion model: effects, an optional text scorer, and the stage map.
///
/// What it draws, for one case ([`EmotionModel::journey`]) or for one customer across their
/// cases and purchases ([`EmotionModel::customer_journey`]):
///
/// - survey answers (metadata `csat` 1–5 or `nps` 0–10 on a `survey_response`) and agent
///   annotations set the level (their own source); scored message texts set it too (source
///   `text_scorer`); every other point is `emotion_model`;
/// - waits past the customer's patience, from a message to the next answer by a person, or
///   reported by a call, visit or queue itself (metadata `wait_seconds`);
/// - the fading toward the baseline between events (half-life `half_life_seconds`), drawn as a
///   point of cause `drift` when it moves the level by `drift_step` or more: a broken promise
///   after a quiet week is a drop from the faded level, and a silence after an answer drifts
///   back toward the baseline, not toward anger (an open case drifts until `now`);
/// - the stage of each point, by the [`StageMap`] (by default `first_contact`, `waiting`,
///   `answer`, `resolution`, `follow_up`).
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog, journey::EmotionModel};
///
/// let mut log = CaseLog::default();
/// for line in [
///   r#"{"type": "interaction", "case_id": "T", "seq": 1, "id": "q", "customer_id": "c", "at": "2025-01-05T09:00:00Z",
///       "channel": "chat", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message"}"#,
///   r#"{"type": "interaction", "case_id": "T", "seq": 2, "id": "a", "customer_id": "c", "at": "2025-01-05T09:06:00Z",
///       "channel": "chat", "direction": "outbound", "actor": {"type": "agent", "id": "dana"}, "kind": "message"}"#,
/// ] {
///     log.insert(CaseEvent::from_json(line)?);
/// }
/// let journey = EmotionModel::default().journey(&log.fold()?, "2025-01-05T09:30:00Z".parse().unwrap(), None);
/// let causes: Vec<&str> = journey.points().iter().filter_map(|p| p.cause.as_deref()).collect();
/// // Six minutes on chat is four times the 90-second patience: the wait drags, the answer lifts.
/// assert_eq!(causes, ["first_contact", "waiting", "answer"]);
/// let stages: Vec<&str> = journey.points().iter().filter_map(|p| p.stage.as_deref()).collect();
/// assert_eq!(stages, ["first_contact", "waiting", "answer"]);
/// assert!(journey.points()[1].emotion.value() < journey.points()[0].emotion.value());
/// # Ok::<(), kesher::Error>(())
/// ```
pub struct EmotionModel<'s> {
    /// The effects.
    pub effects: EmotionEffects,
    /// A text scorer for customer messages (none: texts are not read).
    pub scorer: Option<&'s dyn TextScorer>,
    /// The what-if scenario (default: none).
    pub scenario: Scenario,
    /// The case metadata key whose value is the journey's segment (`brand`); without it, the
    /// customer's first segment, else the first channel.
    pub segment_key: String,
    /// Which stage each point belongs to.
    pub stage_map: StageMap,
}

impl std::fmt::Debug for EmotionModel<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmotionModel")
            .field("effects", &self.effects)
            .field("scorer", &self.scorer.is_some())
            .field("scenario", &self.scenario)
            .field("segment_key", &self.segment_key)
            .field("stage_map", &self.stage_map)
            .finish()
    }
}

impl Default for EmotionModel<'_> {
    fn default() -> Self {
        EmotionModel {
            effects: EmotionEffects::default(),
            scorer: None,
            scenario: Scenario::default(),
            segment_key: "brand".into(),
            stage_map: StageMap::default(),
        }
    }
}

/// Whether a case is resolved, closed or released at `now` (its curve stops drifting then).
fn settled(case: &Case, now: DateTime<Utc>) -> bool {
    let last = case.status_history().iter().rev().find(|t| t.at <= now);
    last.is_some_and(|t| {
        matches!(
            t.to,
            CaseStatus::Resolved | CaseStatus::Closed | CaseStatus::Released
        )
    })
}

impl EmotionModel<'_> {
    /// The journey of one case up to `now`, optionally with its SLA evaluation (targets set the
    /// customer's patience and reveal broken promises).
    ///
    /// # Example
    ///
    /// See [`EmotionModel`].
    pub fn journey(&self, case: &Case, now: DateTime<Utc>, sla: Option<&CaseSla>) -> Journey {
        let steps = self.staged_steps(case, sla, now);
        let until = (!settled(case, now)).then_some(now);
        let mut journey = Journey::new(case.customer().id.clone(), self.draw(steps, until));
        journey.case_id = Some(case.id().clone());
        journey.segment = Some(
            case.metadata()
                .get(&self.segment_key)
                .cloned()
                .or_else(|| case.customer().segments.iter().next().cloned())
                .unwrap_or_else(|| case.first_channel().name()),
        );
        journey
    }

    /// The continuous line: one customer's journey across all their cases and purchases up to
    /// `now`, the feelings of one case carried (and fading) into the next. Purchases are drawn
    /// as points of cause `purchase` at the level of the moment; the stage map gives them a
    /// stage only if a rule names that cause. The journey has no case and the customer's first
    /// segment.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `cases[i].customer_id` when a case is another customer's.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{event::CaseEvent, case::CaseLog, customer::Customer, journey::EmotionModel};
    ///
    /// let customer: Customer = serde_json::from_str(r#"{"id": "c", "name": "Dana", "purchases": [
    ///     {"order_ref": "SO-1", "purchased_at": "2025-01-01T10:00:00Z", "total": {"amount_minor": 100, "currency": "ILS"}}]}"#)?;
    /// let mut cases = Vec::new();
    /// for (id, day) in [("T-1", "05"), ("T-2", "20")] {
    ///     let mut log = CaseLog::default();
    ///     log.insert(CaseEvent::from_json(&format!(r#"{{"type": "interaction", "case_id": "{id}", "seq": 1, "id": "{id}-q",
    ///         "customer_id": "c", "at": "2025-01-{day}T09:00:00Z", "channel": "email", "direction": "inbound",
    ///         "actor": {{"type": "customer"}}, "kind": "message"}}"#))?);
    ///     cases.push(log.fold()?);
    /// }
    /// let with_sla: Vec<_> = cases.iter().map(|c| (c, None)).collect();
    /// let line = EmotionModel::default().customer_journey(&customer, &with_sla, "2025-02-01T00:00:00Z".parse().unwrap())?;
    /// let causes: Vec<&str> = line.points().iter().filter_map(|p| p.cause.as_deref()).collect();
    /// assert_eq!(&causes[..2], ["purchase", "first_contact"]);
    /// assert!(causes.iter().filter(|c| **c == "first_contact").count() == 2);
    /// assert_eq!(line.case_id, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn customer_journey(
        &self,
        customer: &Customer,
        cases: &[(&Case, Option<&CaseSla>)],
        now: DateTime<Utc>,
    ) -> Result<Journey> {
        let mut steps = Vec::new();
        for (n, (case, sla)) in cases.iter().enumerate() {
            if case.customer().id != customer.id {
                return Err(Error::invalid(
                    format!("cases[{n}].customer_id"),
                    case.customer().id.as_str(),
                    format!("the continuous line is customer `{}`'s", customer.id),
                ));
            }
            steps.extend(self.staged_steps(case, *sla, now));
        }
        for p in customer.purchases.iter().filter(|p| p.purchased_at <= now) {
            let mut step = Step::mark(p.purchased_at, "purchase");
            step.origin = Some(format!("order:{}", p.order_ref));
            step.stage = self.stage_map.stage_of(&PointFacts::cause_only("purchase"));
            steps.push(step);
        }
        crate::support::sorting::sort_by_key(&mut steps, |s| (s.at, s.order));
        let mut journey = Journey::new(customer.id.clone(), self.draw(steps, None));
        journey.segment = customer.segments.iter().next().cloned();
        Ok(journey)
    }

    /// A case's steps in drawing order, each with its stage by the map.
    fn staged_steps<'a>(
        &self,
        case: &'a Case,
        sla: Option<&CaseSla>,
        now: DateTime<Utc>,
    ) -> Vec<Step<'a>> {
        let mut steps = self.case_steps(case, sla, now);
        crate::support::sorting::sort_by_key(&mut steps, |s| (s.at, s.order));
        let first = case.log().iter().find(|i| i.is_customer_contact());
        let history = case.status_history();
        let mut status = history.first().map_or(CaseStatus::Received, |t| t.from);
        let mut applied = 0;
        let mut answered = false;
        for s in &mut steps {
            while let Some(t) = history.get(applied).filter(|t| t.at <= s.at) {
                status = t.to;
                applied += 1;
            }
            let facts = PointFacts {
                cause: s.cause,
                interaction: s.from,
                status: Some(status),
                answered: Some(answered),
                first_contact: Some(s.from.zip(first).is_some_and(|(a, b)| a.id == b.id)),
            };
            s.stage = self.stage_map.stage_of(&facts);
            answered |= s.cause == "answer";
        }
        steps
    }

    /// A stage's name from its position in the stage map.
    fn stage_name(&self, stage: Option<usize>) -> Option<String> {
        stage.and_then(|i| self.stage_map.stages().names().get(i).cloned())
    }

    /// The level after fading for `seconds` toward the baseline.
    fn faded(&self, level: f64, seconds: f64) -> f64 {
        let e = &self.effects;
        if e.half_life_seconds > 0.0 && seconds > 0.0 {
            e.baseline + (level - e.baseline) * 0.5f64.powf(seconds / e.half_life_seconds)
        } else {
            level
        }
    }

    /// Draws the steps (in order) as points; the fading between them becomes a `drift` point
    /// when it is material, and so does the fading until `until` (an open case's `now`).
    fn draw(&self, steps: Vec<Step<'_>>, until: Option<DateTime<Utc>>) -> Vec<JourneyPoint> {
        let mut level = self.effects.baseline;
        let mut last: Option<(DateTime<Utc>, Option<usize>)> = None;
        let mut points = Vec::with_capacity(steps.len());
        for s in steps {
            if let Some((prev, stage)) = &last {
                level = self.drift(level, *prev, s.at, stage, &mut points);
            }
            let source = match s.change {
                Change::Add(d) => {
                    level += d;
                    EmotionSource::EmotionModel
                }
                Change::Set(v, src) => {
                    level = v;
                    src
                }
                Change::Raise(v) => {
                    level = level.max(v);
                    EmotionSource::EmotionModel
                }
                Change::Mark => EmotionSource::EmotionModel,
            };
            level = crate::support::bounds::clamp(level, -1.0, 1.0);
            last = Some((s.at, s.stage));
            let stage = self.stage_name(s.stage);
            points.push(point(s.at, level, source, s.cause, s.origin, stage));
        }
        if let (Some(until), Some((prev, stage))) = (until, &last) {
            self.drift(level, *prev, until, stage, &mut points);
        }
        points
    }

    /// Fades the level from `from` to `to`, drawing a drift point when the change is material.
    fn drift(
        &self,
        level: f64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        stage: &Option<usize>,
        points: &mut Vec<JourneyPoint>,
    ) -> f64 {
        let faded = self.faded(level, crate::seconds::as_secs_f64(to - from));
        let step = self.effects.drift_step.max(f64::EPSILON);
        if (faded - level).abs() >= step {
            let src = EmotionSource::EmotionModel;
            let stage = self.stage_name(*stage);
            points.push(point(to, faded, src, "drift", None, stage));
        }
        faded
    }
}

fn point(
    at: DateTime<Utc>,
    level: f64,
    source: EmotionSource,
    cause: &str,
    origin: Option<String>,
    stage: Option<String>,
) -> JourneyPoint {
    JourneyPoint {
        at,
        stage,
        emotion: Emotion::new(level).unwrap_or(Emotion::NEUTRAL),
        source,
        origin,
        cause: Some(cause.to_string()),
    }
}
