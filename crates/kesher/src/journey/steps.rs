//! What moves a case's curve, and when: the steps the emotion model reads from a case's
//! interactions, statuses, transfers, promises and SLA targets, before they are drawn.

use super::effects::{csat_level, nps_level};
use super::EmotionModel;
use crate::sla::{CaseSla, Metric, TargetState};
use crate::{
    case::Case,
    emotion::EmotionSource,
    interaction::{Interaction, InteractionKind},
    status::CaseStatus,
};
use chrono::{DateTime, Utc};

/// A change to apply at an instant.
#[derive(Clone, Copy)]
pub(super) enum Change {
    Add(f64),
    Set(f64, EmotionSource),
    /// At least this level.
    Raise(f64),
    /// Nothing changes but a touchpoint is drawn (a purchase, a delivery).
    Mark,
}

/// One step: a change at an instant, in an order among steps at the same instant.
pub(super) struct Step<'a> {
    pub at: DateTime<Utc>,
    pub order: u8,
    pub change: Change,
    pub cause: &'static str,
    pub origin: Option<String>,
    pub from: Option<&'a Interaction>,
    /// The stage, as its position in the model's stage map.
    pub stage: Option<usize>,
}

impl<'a> Step<'a> {
    fn new(at: DateTime<Utc>, order: u8, change: Change, cause: &'static str) -> Step<'a> {
        Step {
            at,
            order,
            change,
            cause,
            origin: None,
            from: None,
            stage: None,
        }
    }

    /// A touchpoint drawn at the level of its moment (a purchase, a delivery).
    pub fn mark(at: DateTime<Utc>, cause: &'static str) -> Step<'a> {
        Step::new(at, 0, Change::Mark, cause)
    }

    fn of(mut self, i: &'a Interaction) -> Step<'a> {
        self.origin = Some(i.id.to_string());
        self.from = Some(i);
        self
    }

    fn origin(mut self, origin: String) -> Step<'a> {
        self.origin = Some(origin);
        self
    }
}

/// One case as the steps read it: its interactions up to `now` and its SLA evaluation.
struct CaseView<'a, 's> {
    case: &'a Case,
    log: Vec<&'a Interaction>,
    sla: Option<&'s CaseSla>,
    now: DateTime<Utc>,
}

/// The metric a wait is timed by: the first response until a person has answered once.
fn metric(answered_once: bool) -> Metric {
    if answered_once {
        Metric::NextResponse
    } else {
        Metric::FirstResponse
    }
}

impl EmotionModel<'_> {
    fn patience(&self, i: &Interaction, sla: Option<&CaseSla>, metric: Metric) -> f64 {
        let target = sla
            .and_then(|s| s.targets.iter().find(|t| t.metric == metric))
            .map(|t| crate::seconds::as_secs_f64(t.target));
        let live = i.channel.is_realtime()
            || matches!(i.kind, InteractionKind::Call | InteractionKind::Visit);
        match target {
            Some(t) if t > 0.0 => t,
            _ if live => self.effects.patience_realtime_seconds,
            _ => self.effects.patience_seconds,
        }
    }

    pub(super) fn waiting_effect(&self, waited: f64, patience: f64) -> f64 {
        if waited <= patience || patience <= 0.0 {
            return 0.0;
        }
        let overrun = (waited - patience) / patience;
        (self.effects.waiting * overrun).max(self.effects.waiting_floor)
    }

    /// Every step of one case up to `now`, in no particular order.
    pub(super) fn case_steps<'a>(
        &self,
        case: &'a Case,
        sla: Option<&CaseSla>,
        now: DateTime<Utc>,
    ) -> Vec<Step<'a>> {
        let log: Vec<&'a Interaction> = case.log().iter().filter(|i| i.at <= now).collect();
        let view = CaseView {
            case,
            log,
            sla,
            now,
        };
        let mut steps = Vec::new();
        self.interaction_steps(case, &view.log, &mut steps);
        self.wait_steps(&view, &mut steps);
        self.status_steps(case, now, &mut steps);
        self.promise_steps(&view, &mut steps);
        steps
    }

    fn interaction_steps<'a>(
        &self,
        case: &Case,
        log: &[&'a Interaction],
        steps: &mut Vec<Step<'a>>,
    ) {
        let e = &self.effects;
        let first_contact = log.iter().position(|i| i.is_customer_contact());
        let first_at = first_contact.and_then(|f| log.get(f)).map(|f| f.at);
        for (n, &i) in log.iter().enumerate() {
            if let Some(a) = &i.emotion {
                let set = Change::Set(a.value.value(), a.source);
                steps.push(Step::new(i.at, 2, set, "annotation").of(i));
                continue;
            }
            if let Some(level) = survey_level(i) {
                let set = Change::Set(level, EmotionSource::Survey);
                steps.push(Step::new(i.at, 2, set, "survey").of(i));
            }
            if i.is_customer_contact() {
                self.contact_steps(case, i, Some(n) == first_contact, steps);
            }
            if let Some(waited) = known_wait(i) {
                let patience = self.patience(i, None, Metric::FirstResponse);
                let drag = self.waiting_effect(waited, patience);
                if drag < 0.0 {
                    steps.push(Step::new(i.at, 2, Change::Add(drag), "waiting").of(i));
                }
            }
            if i.kind == InteractionKind::Acknowledgement {
                let window = e.acknowledgement_window_seconds;
                if first_at.is_some_and(|f| crate::seconds::as_secs_f64(i.at - f) <= window) {
                    let add = Change::Add(e.acknowledgement);
                    steps.push(Step::new(i.at, 3, add, "acknowledgement").of(i));
                }
            }
            if i.metadata.get("gesture").is_some_and(|g| g == "wow") {
                steps.push(Step::new(i.at, 3, Change::Add(e.wow), "wow").of(i));
            }
            if i.is_human_answer() {
                steps.push(Step::new(i.at, 3, Change::Add(e.answer), "answer").of(i));
            }
        }
    }

    fn contact_steps<'a>(
        &self,
        case: &Case,
        i: &'a Interaction,
        first: bool,
        steps: &mut Vec<Step<'a>>,
    ) {
        let e = &self.effects;
        let scored = self
            .scorer
            .zip(i.text.as_deref())
            .and_then(|(s, t)| s.score(t, None))
            .filter(|v| v.abs() >= e.text_min_strength);
        match (scored, first) {
            (Some(v), _) => {
                let set = Change::Set(v, EmotionSource::TextScorer);
                steps.push(Step::new(i.at, 1, set, "message_text").of(i));
            }
            (None, true) => {
                let set = Change::Set(e.first_contact, EmotionSource::EmotionModel);
                steps.push(Step::new(i.at, 1, set, "first_contact").of(i));
            }
            (None, false) => {}
        }
        if case.is_closing_turn(i) {
            let raise = Change::Raise(e.thanks_level);
            steps.push(Step::new(i.at, 2, raise, "thanks").of(i));
        }
    }

    /// Waits: each customer message until the next answer by a person (a point even when the
    /// wait was within patience), and the message still waiting at `now` (by the case's facts:
    /// a thanks after an answer waits for nothing).
    fn wait_steps<'a>(&self, view: &CaseView<'a, '_>, steps: &mut Vec<Step<'a>>) {
        let (case, log, sla, now) = (view.case, &view.log, view.sla, view.now);
        let mut answered_once = false;
        let mut pending: Option<&'a Interaction> = None;
        for &i in log.iter() {
            if i.awaits_answer() && pending.is_none() {
                pending = Some(i);
            } else if i.is_human_answer() {
                if let Some(m) = pending.take() {
                    let waited = self.scaled(m, i.at);
                    let patience = self.patience(m, sla, metric(answered_once));
                    // Drawn even within patience: every answered message passes through
                    // the waiting stage, so faster answers can only lift that stage.
                    let drag = self.waiting_effect(waited, patience);
                    let step = Step::new(i.at, 2, Change::Add(drag), "waiting");
                    let step = Step {
                        from: Some(m),
                        ..step
                    };
                    steps.push(step.origin(m.id.to_string()));
                }
                answered_once = true;
            }
        }
        let waiting = &case.facts().unanswered_inbound;
        let still = pending.and_then(|first| {
            log.iter()
                .skip_while(|i| i.id != first.id)
                .find(|i| waiting.contains(&i.id))
                .copied()
        });
        if let Some(m) = still {
            let waited = self.scaled(m, now);
            let patience = self.patience(m, sla, metric(answered_once));
            let drag = self.waiting_effect(waited, patience) + self.effects.unanswered;
            steps.push(Step::new(now.max(m.at), 4, Change::Add(drag), "unanswered").of(m));
        }
    }

    /// Seconds from a message to `until`, under the what-if scenario's factor.
    fn scaled(&self, m: &Interaction, until: DateTime<Utc>) -> f64 {
        crate::seconds::as_secs_f64(until - m.at) * self.scenario.factor(&m.channel)
    }

    fn status_steps<'a>(&self, case: &'a Case, now: DateTime<Utc>, steps: &mut Vec<Step<'a>>) {
        let e = &self.effects;
        for h in case.transfer_history().iter().filter(|h| h.at <= now) {
            let step = Step::new(h.at, 3, Change::Add(e.transfer), "transfer");
            steps.push(step.origin(format!("transfer:{}", h.seq)));
        }
        let mut resolved_before = false;
        for t in case.status_history().iter().filter(|t| t.at <= now) {
            let origin = format!("status:{}", t.to);
            let step = match t.to {
                CaseStatus::Resolved => {
                    let fcr = case.facts().first_contact_resolved && !resolved_before;
                    resolved_before = true;
                    if fcr {
                        let add = Change::Add(e.first_contact_resolution);
                        Step::new(t.at, 3, add, "first_contact_resolution")
                    } else {
                        Step::new(t.at, 3, Change::Add(e.resolution), "resolution")
                    }
                }
                CaseStatus::Reopened => Step::new(t.at, 3, Change::Add(e.reopened), "reopened"),
                CaseStatus::Released if case.release().is_some_and(|r| r.refund.is_some()) => {
                    let set = Change::Set(e.release_level, EmotionSource::EmotionModel);
                    Step::new(t.at, 3, set, "release_with_refund")
                }
                _ => continue,
            };
            steps.push(step.origin(origin));
        }
    }

    /// Broken promises: one on the case's ledger not kept by its due instant, and an
    /// acknowledgement's answer time when the first-response target was then missed (under a
    /// what-if scenario, the wait is scaled first).
    fn promise_steps<'a>(&self, view: &CaseView<'a, '_>, steps: &mut Vec<Step<'a>>) {
        let (case, log, sla, now) = (view.case, &view.log, view.sla, view.now);
        let drop = Change::Add(self.effects.broken_promise);
        for p in case.promises() {
            let broken = matches!(
                p.state(now),
                crate::promise::PromiseState::Broken | crate::promise::PromiseState::KeptLate
            );
            if broken && p.due <= now {
                let step = Step::new(p.due, 2, drop, "broken_promise");
                steps.push(step.origin(format!("promise:{}", p.id)));
            }
        }
        let acknowledged = log
            .iter()
            .any(|i| i.kind == InteractionKind::Acknowledgement);
        let Some(t) =
            sla.and_then(|s| s.targets.iter().find(|t| t.metric == Metric::FirstResponse))
        else {
            return;
        };
        let factor = self.scenario.factor(case.first_channel());
        let scaled_late = crate::seconds::as_secs_f64(t.consumed) * factor
            > crate::seconds::as_secs_f64(t.target);
        let missed = matches!(t.state, TargetState::Breached | TargetState::MetLate) && scaled_late;
        if let Some(due) = t.due_at.filter(|d| acknowledged && missed && *d <= now) {
            let step = Step::new(due, 2, drop, "broken_promise");
            steps.push(step.origin("sla:first_response".into()));
        }
    }
}

/// A survey answer's level: `csat` 1–5 or `nps` 0–10 in the interaction's metadata (checked
/// when the interaction is read).
fn survey_level(i: &Interaction) -> Option<f64> {
    if i.kind != InteractionKind::SurveyResponse {
        return None;
    }
    let read = |k: &str| i.metadata.get(k).and_then(|v| v.trim().parse::<u8>().ok());
    read("csat")
        .and_then(csat_level)
        .or_else(|| read("nps").and_then(nps_level))
}

/// A wait the interaction reports itself (`wait_seconds`: the queue before a call was picked up,
/// the minutes in a shop before anyone came).
fn known_wait(i: &Interaction) -> Option<f64> {
    i.metadata
        .get("wait_seconds")
        .and_then(|v| v.trim().parse::<u32>().ok())
        .map(f64::from)
}
