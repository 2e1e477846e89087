//! The emotion model: from a case's interactions and events to a journey, by documented,
//! configurable effects that decay back toward a baseline.

use super::model::{Journey, JourneyPoint};
use crate::sla::{CaseSla, Metric, TargetState};
use crate::text::TextScorer;
use crate::{Case, CaseStatus, Channel, Emotion, EmotionSource, Interaction, InteractionKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The effects of the emotion model and their strengths. Every field has a default, justified
/// by the source articles (`mission.md`); a host tunes them to its own survey data.
///
/// JSON: any subset of the fields, such as `{"transfer": -0.2, "half_life_seconds": 86400}`.
///
/// # Example
///
/// ```
/// let e: kesher::EmotionEffects = serde_json::from_str(r#"{"transfer": -0.2}"#).unwrap();
/// assert_eq!(e.transfer, -0.2);
/// assert_eq!(e.acknowledgement, kesher::EmotionEffects::default().acknowledgement);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmotionEffects {
    /// Where feelings drift back to when nothing happens: neutral (0). The articles' point is
    /// that indifference is not neutral for long: 68 % of customers who leave do so over
    /// indifferent treatment, so silence is modelled by the waiting and unanswered effects, not
    /// by a lower baseline.
    pub baseline: f64,
    /// How a customer feels when first reaching out with a problem: frustrated-leaning (−0.25),
    /// unless a survey, an annotation or the message text says otherwise.
    pub first_contact: f64,
    /// An immediate acknowledgement ("we got it, we will answer by …") lifts slightly (+0.1):
    /// the first step of the service model.
    pub acknowledgement: f64,
    /// How soon an acknowledgement counts as immediate (seconds; 600).
    pub acknowledgement_window_seconds: f64,
    /// An answer by a person lifts (+0.15).
    pub answer: f64,
    /// Waiting past the customer's patience drags down by this much per 100 % of overrun (−0.3),
    /// down to `waiting_floor` for one wait.
    pub waiting: f64,
    /// The deepest drag of one wait (−0.6).
    pub waiting_floor: f64,
    /// Patience on real-time channels (phone, chat, store): 90 s, after the articles' customer
    /// who leaves a shop after about a minute and a half without attention.
    pub patience_realtime_seconds: f64,
    /// Patience on written channels when no SLA target says otherwise: 2 hours.
    pub patience_seconds: f64,
    /// Each transfer to another person drags down (−0.15): the customer tells the story again.
    pub transfer: f64,
    /// A customer message still unanswered at the end drags down (−0.25): the voicemail never
    /// returned.
    pub unanswered: f64,
    /// A broken promise is a sharp drop (−0.5): a promise on the case's ledger not kept by its
    /// due instant, or an acknowledgement that promised an answer time when the first-response
    /// target was then missed.
    pub broken_promise: f64,
    /// Resolution at first contact lifts (+0.35).
    pub first_contact_resolution: f64,
    /// Any other resolution lifts (+0.2).
    pub resolution: f64,
    /// Reopening (it came back) drags down (−0.2).
    pub reopened: f64,
    /// A WOW gesture (an interaction with metadata `gesture: wow`) lifts strongly (+0.8).
    pub wow: f64,
    /// A release with a refund ends near neutral: the level is set to this (−0.05).
    pub release_level: f64,
    /// Effects fade back toward the baseline with this half-life (seconds; 3 days).
    pub half_life_seconds: f64,
    /// Message texts scored with at least this strength set the level (0.2).
    pub text_min_strength: f64,
    /// A customer's thanks or confirmation ([`crate::TurnKind::is_closing`]) raises the level
    /// to at least this (+0.2), whatever the scorer saw: a thankful ending ends above neutral.
    pub thanks_level: f64,
}

impl Default for EmotionEffects {
    fn default() -> Self {
        EmotionEffects {
            baseline: 0.0,
            first_contact: -0.25,
            acknowledgement: 0.1,
            acknowledgement_window_seconds: 600.0,
            answer: 0.15,
            waiting: -0.3,
            waiting_floor: -0.6,
            patience_realtime_seconds: 90.0,
            patience_seconds: 7200.0,
            transfer: -0.15,
            unanswered: -0.25,
            broken_promise: -0.5,
            first_contact_resolution: 0.35,
            resolution: 0.2,
            reopened: -0.2,
            wow: 0.8,
            release_level: -0.05,
            half_life_seconds: 3.0 * 86_400.0,
            text_min_strength: 0.2,
            thanks_level: 0.2,
        }
    }
}

/// Changed inputs for a what-if run: response times on a channel multiplied by a factor (0.5
/// halves them).
///
/// # Example
///
/// ```
/// let s: kesher::Scenario = serde_json::from_str(r#"{"response_time_factor": {"twitter": 0.5}}"#).unwrap();
/// assert_eq!(s.factor(&kesher::Channel::Twitter), 0.5);
/// assert_eq!(s.factor(&kesher::Channel::Email), 1.0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Per channel, the factor applied to every wait for an answer.
    pub response_time_factor: BTreeMap<Channel, f64>,
}

impl Scenario {
    /// The factor for a channel (1 when not given).
    ///
    /// # Example
    ///
    /// See [`Scenario`].
    pub fn factor(&self, channel: &Channel) -> f64 {
        self.response_time_factor
            .get(channel)
            .copied()
            .filter(|f| f.is_finite() && *f >= 0.0)
            .unwrap_or(1.0)
    }
}

/// The emotion model: effects, an optional text scorer, and the stage rule.
///
/// Stages (the default `before`, `during`, `after`): the customer's first contact describes
/// what happened before the encounter (`before`); from the organization's first reply until
/// the case is resolved, closed or released is `during`; everything later (follow-ups, surveys,
/// a returning complaint) is `after`.
///
/// Survey answers and agent annotations on interactions set the level directly (their own
/// source); scored message texts set it too (source `text_scorer`); every other point is
/// `emotion_model`.
///
/// # Example
///
/// ```
/// use kesher::{CaseEvent, CaseLog, EmotionModel};
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
/// let journey = EmotionModel::default().journey(&log.fold()?, None, "2025-01-05T10:00:00Z".parse().unwrap());
/// let causes: Vec<&str> = journey.points().iter().filter_map(|p| p.cause.as_deref()).collect();
/// // Six minutes on chat is four times the 90-second patience: the wait drags, the answer lifts.
/// assert_eq!(causes, ["first_contact", "waiting", "answer"]);
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
}

impl std::fmt::Debug for EmotionModel<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmotionModel")
            .field("effects", &self.effects)
            .field("scorer", &self.scorer.is_some())
            .field("scenario", &self.scenario)
            .field("segment_key", &self.segment_key)
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
        }
    }
}

/// A change to apply at an instant.
enum Change {
    Add(f64),
    Set(f64, EmotionSource),
    /// At least this level.
    Raise(f64),
}

struct Step {
    at: DateTime<Utc>,
    order: u8,
    change: Change,
    cause: &'static str,
    origin: Option<String>,
}

fn is_realtime(c: &Channel) -> bool {
    c.is_realtime()
}

impl EmotionModel<'_> {
    fn patience(&self, channel: &Channel, sla: Option<&CaseSla>, metric: Metric) -> f64 {
        let target = sla
            .and_then(|s| s.targets.iter().find(|t| t.metric == metric))
            .map(|t| crate::seconds::as_secs_f64(t.target));
        match target {
            Some(t) if t > 0.0 => t,
            _ if is_realtime(channel) => self.effects.patience_realtime_seconds,
            _ => self.effects.patience_seconds,
        }
    }

    fn waiting_effect(&self, waited: f64, patience: f64) -> f64 {
        if waited <= patience || patience <= 0.0 {
            return 0.0;
        }
        let overrun = (waited - patience) / patience;
        (self.effects.waiting * overrun).max(self.effects.waiting_floor)
    }

    /// The journey of one case up to `now`, optionally with its SLA evaluation (targets set the
    /// customer's patience and reveal broken promises).
    ///
    /// # Example
    ///
    /// See [`EmotionModel`].
    pub fn journey(&self, case: &Case, sla: Option<&CaseSla>, now: DateTime<Utc>) -> Journey {
        let e = &self.effects;
        let mut steps: Vec<Step> = Vec::new();
        let log: Vec<&Interaction> = case.log().iter().filter(|i| i.at <= now).collect();
        let first_contact = log.iter().position(|i| i.is_customer_contact());
        let acknowledged = log
            .iter()
            .any(|i| i.kind == InteractionKind::Acknowledgement);

        for (n, i) in log.iter().enumerate() {
            let origin = Some(i.id.to_string());
            if let Some(a) = &i.emotion {
                steps.push(Step {
                    at: i.at,
                    order: 2,
                    change: Change::Set(a.value.value(), a.source),
                    cause: "annotation",
                    origin: origin.clone(),
                });
                continue;
            }
            if i.is_customer_contact() {
                let scored = self
                    .scorer
                    .zip(i.text.as_deref())
                    .and_then(|(s, t)| s.score(t, None))
                    .filter(|v| v.abs() >= e.text_min_strength);
                match (scored, Some(n) == first_contact) {
                    (Some(v), _) => steps.push(Step {
                        at: i.at,
                        order: 1,
                        change: Change::Set(v, EmotionSource::TextScorer),
                        cause: "message_text",
                        origin: origin.clone(),
                    }),
                    (None, true) => steps.push(Step {
                        at: i.at,
                        order: 1,
                        change: Change::Set(e.first_contact, EmotionSource::EmotionModel),
                        cause: "first_contact",
                        origin: origin.clone(),
                    }),
                    (None, false) => {}
                }
                let closing = i
                    .text
                    .as_deref()
                    .is_some_and(|t| crate::TurnKind::classify(t, None).is_closing());
                if closing {
                    steps.push(Step {
                        at: i.at,
                        order: 2,
                        change: Change::Raise(e.thanks_level),
                        cause: "thanks",
                        origin: origin.clone(),
                    });
                }
            }
            if i.kind == InteractionKind::Acknowledgement {
                let since = first_contact.and_then(|f| log.get(f)).map(|f| i.at - f.at);
                if since.is_some_and(|d| {
                    d.num_milliseconds() as f64 <= e.acknowledgement_window_seconds * 1000.0
                }) {
                    steps.push(Step {
                        at: i.at,
                        order: 3,
                        change: Change::Add(e.acknowledgement),
                        cause: "acknowledgement",
                        origin: origin.clone(),
                    });
                }
            }
            if i.metadata.get("gesture").is_some_and(|g| g == "wow") {
                steps.push(Step {
                    at: i.at,
                    order: 3,
                    change: Change::Add(e.wow),
                    cause: "wow",
                    origin: origin.clone(),
                });
            }
            if i.is_human_answer() {
                steps.push(Step {
                    at: i.at,
                    order: 3,
                    change: Change::Add(e.answer),
                    cause: "answer",
                    origin,
                });
            }
        }

        // Waits: each customer message until the next answer by a person (or now).
        let mut answered_once = false;
        let mut pending: Option<&Interaction> = None;
        for i in &log {
            if i.awaits_answer() && pending.is_none() {
                pending = Some(i);
            } else if i.is_human_answer() {
                if let Some(m) = pending.take() {
                    let metric = if answered_once {
                        Metric::NextResponse
                    } else {
                        Metric::FirstResponse
                    };
                    let waited =
                        crate::seconds::as_secs_f64(i.at - m.at) * self.scenario.factor(&m.channel);
                    let drag = self.waiting_effect(waited, self.patience(&m.channel, sla, metric));
                    if drag < 0.0 {
                        steps.push(Step {
                            at: i.at,
                            order: 2,
                            change: Change::Add(drag),
                            cause: "waiting",
                            origin: Some(m.id.to_string()),
                        });
                    }
                }
                answered_once = true;
            }
        }
        // The case's facts say which messages still wait (a thanks after an answer does not,
        // by the case's turn policy): the wait runs from the first of those.
        let waiting = &case.facts().unanswered_inbound;
        let pending = pending.and_then(|first| {
            log.iter()
                .skip_while(|i| i.id != first.id)
                .find(|i| waiting.contains(&i.id))
                .copied()
        });
        if let Some(m) = pending {
            let metric = if answered_once {
                Metric::NextResponse
            } else {
                Metric::FirstResponse
            };
            let waited = crate::seconds::as_secs_f64(now - m.at) * self.scenario.factor(&m.channel);
            let drag = self.waiting_effect(waited, self.patience(&m.channel, sla, metric));
            steps.push(Step {
                at: now.max(m.at),
                order: 4,
                change: Change::Add(drag + e.unanswered),
                cause: "unanswered",
                origin: Some(m.id.to_string()),
            });
        }

        for h in case.transfer_history().iter().filter(|h| h.at <= now) {
            steps.push(Step {
                at: h.at,
                order: 3,
                change: Change::Add(e.transfer),
                cause: "transfer",
                origin: Some(format!("transfer:{}", h.seq)),
            });
        }
        let mut resolved_at: Option<DateTime<Utc>> = None;
        for t in case.status_history().iter().filter(|t| t.at <= now) {
            let origin = Some(format!("status:{}", t.to));
            match t.to {
                CaseStatus::Resolved => {
                    let fcr = case.facts().first_contact_resolved && resolved_at.is_none();
                    let (v, cause) = if fcr {
                        (e.first_contact_resolution, "first_contact_resolution")
                    } else {
                        (e.resolution, "resolution")
                    };
                    steps.push(Step {
                        at: t.at,
                        order: 3,
                        change: Change::Add(v),
                        cause,
                        origin,
                    });
                    resolved_at.get_or_insert(t.at);
                }
                CaseStatus::Reopened => steps.push(Step {
                    at: t.at,
                    order: 3,
                    change: Change::Add(e.reopened),
                    cause: "reopened",
                    origin,
                }),
                CaseStatus::Released => {
                    if case.release().is_some_and(|r| r.refund.is_some()) {
                        steps.push(Step {
                            at: t.at,
                            order: 3,
                            change: Change::Set(e.release_level, EmotionSource::EmotionModel),
                            cause: "release_with_refund",
                            origin,
                        });
                    }
                    resolved_at.get_or_insert(t.at);
                }
                CaseStatus::Closed => {
                    resolved_at.get_or_insert(t.at);
                }
                _ => {}
            }
        }
        // Promises on the ledger: one not kept by its due instant is a broken promise there.
        for p in case.promises() {
            if matches!(
                p.state(now),
                crate::PromiseState::Broken | crate::PromiseState::KeptLate
            ) && p.due <= now
            {
                steps.push(Step {
                    at: p.due,
                    order: 2,
                    change: Change::Add(e.broken_promise),
                    cause: "broken_promise",
                    origin: Some(format!("promise:{}", p.id)),
                });
            }
        }
        // A promise broken: an acknowledgement promised an answer time, and the first-response
        // target was missed. Under a what-if scenario, the wait is scaled first.
        if let Some(t) =
            sla.and_then(|s| s.targets.iter().find(|t| t.metric == Metric::FirstResponse))
        {
            let scaled_late = {
                let factor = self.scenario.factor(case.first_channel());
                let consumed = crate::seconds::as_secs_f64(t.consumed) * factor;
                consumed > crate::seconds::as_secs_f64(t.target)
            };
            let missed =
                matches!(t.state, TargetState::Breached | TargetState::MetLate) && scaled_late;
            if acknowledged && missed {
                if let Some(due) = t.due_at.filter(|d| *d <= now) {
                    steps.push(Step {
                        at: due,
                        order: 2,
                        change: Change::Add(e.broken_promise),
                        cause: "broken_promise",
                        origin: Some("sla:first_response".into()),
                    });
                }
            }
        }

        crate::sorting::sort_by_key(&mut steps, |s| (s.at, s.order));
        let first_reply = log
            .iter()
            .find(|i| {
                i.direction == crate::Direction::Outbound && i.actor != crate::Actor::Customer
            })
            .map(|i| i.at);
        let stage = |at: DateTime<Utc>, cause: &str| -> &'static str {
            if resolved_at.is_some_and(|r| at > r) {
                "after"
            } else if cause == "first_contact"
                || cause == "message_text" && first_reply.map_or(true, |f| at < f)
            {
                "before"
            } else {
                "during"
            }
        };
        let mut level = e.baseline;
        let mut last: Option<DateTime<Utc>> = None;
        let mut points = Vec::with_capacity(steps.len());
        for s in steps {
            if let Some(prev) = last {
                let dt = crate::seconds::as_secs_f64(s.at - prev);
                if e.half_life_seconds > 0.0 && dt > 0.0 {
                    level =
                        e.baseline + (level - e.baseline) * 0.5f64.powf(dt / e.half_life_seconds);
                }
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
            };
            level = crate::bounds::clamp(level, -1.0, 1.0);
            last = Some(s.at);
            points.push(JourneyPoint {
                at: s.at,
                stage: Some(stage(s.at, s.cause).to_string()),
                emotion: Emotion::new(level).unwrap_or(Emotion::NEUTRAL),
                source,
                origin: s.origin,
                cause: Some(s.cause.to_string()),
            });
        }
        let mut journey = Journey::new(case.customer().id.clone(), points);
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
}
