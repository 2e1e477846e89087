#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Invariants of SLA evaluation over random case histories.

use chrono::{DateTime, TimeDelta, Utc};
use kesher::{
    case::CaseLog,
    event::CaseEvent,
    sla::{ContractSet, SlaEngine, TargetState},
};
use proptest::prelude::*;

const T0: i64 = 1_736_154_000; // Monday 2025-01-06 09:00 UTC

fn contracts() -> ContractSet {
    ContractSet::from_json(r#"[
      {"name": "urgent", "conditions": {"priorities": ["urgent"]}, "calendar": {"tz": "UTC", "week": {"mon": [["00:00","24:00"]], "tue": [["00:00","24:00"]], "wed": [["00:00","24:00"]], "thu": [["00:00","24:00"]], "fri": [["00:00","24:00"]], "sat": [["00:00","24:00"]], "sun": [["00:00","24:00"]]}},
       "targets": [{"metric": "first_response", "within": 3600}, {"metric": "next_response", "within": 1800}, {"metric": "resolution", "within": 28800}]},
      {"name": "std", "calendar": "israel", "targets": [
        {"metric": "acknowledgement", "within": 600, "time": "calendar"},
        {"metric": "first_response", "within": {"high": 7200, "normal": 14400}},
        {"metric": "next_response", "within": 14400},
        {"metric": "resolution", "within": 86400},
        {"metric": "follow_up", "within": 172800, "time": "calendar"}]}
    ]"#).unwrap()
}

/// One step of a random history: what happens, minutes after the previous step.
#[derive(Debug, Clone)]
enum Step {
    Customer,
    Bot,
    Agent,
    FollowUp,
    Status(&'static str),
    Priority(&'static str),
    Contract(&'static str),
    /// A callback promised, due so many minutes later.
    Promise(i64),
    /// The latest promise kept (an unknown one when none was made).
    Keep,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => Just(Step::Customer),
        1 => Just(Step::Bot),
        3 => Just(Step::Agent),
        1 => Just(Step::FollowUp),
        2 => prop::sample::select(vec!["waiting_on_customer", "in_progress", "resolved", "closed"]).prop_map(Step::Status),
        1 => prop::sample::select(vec!["low", "normal", "high", "urgent"]).prop_map(Step::Priority),
        1 => prop::sample::select(vec!["std", "urgent"]).prop_map(Step::Contract),
        1 => (0..600i64).prop_map(Step::Promise),
        1 => Just(Step::Keep),
    ]
}

fn events(steps: &[(Step, i64)]) -> Vec<CaseEvent> {
    let mut out = vec![CaseEvent::from_json(&format!(
        r#"{{"type": "opened", "case_id": "T", "at": "{}", "customer": {{"id": "c"}}, "channel": "email"}}"#,
        DateTime::from_timestamp(T0, 0).unwrap().to_rfc3339()
    )).unwrap()];
    let mut t = T0;
    let mut promise = 0;
    for (seq, (s, minutes)) in steps.iter().enumerate() {
        t += minutes * 60;
        let at = DateTime::from_timestamp(t, 0).unwrap().to_rfc3339();
        let seq = seq + 1;
        let i = |dir: &str, actor: &str, kind: &str| {
            format!(
                r#"{{"type": "interaction", "case_id": "T", "seq": {seq}, "id": "i{seq}", "customer_id": "c", "at": "{at}", "channel": "email", "direction": "{dir}", "actor": {actor}, "kind": "{kind}"}}"#
            )
        };
        let json = match s {
            Step::Customer => i("inbound", r#"{"type": "customer"}"#, "message"),
            Step::Bot => i("outbound", r#"{"type": "bot"}"#, "acknowledgement"),
            Step::Agent => i("outbound", r#"{"type": "agent", "id": "a"}"#, "message"),
            Step::FollowUp => i("outbound", r#"{"type": "agent", "id": "a"}"#, "follow_up"),
            Step::Status(to) => format!(
                r#"{{"type": "status_changed", "case_id": "T", "seq": {seq}, "at": "{at}", "to": "{to}"}}"#
            ),
            Step::Priority(p) => format!(
                r#"{{"type": "priority_changed", "case_id": "T", "seq": {seq}, "at": "{at}", "priority": "{p}"}}"#
            ),
            Step::Contract(c) => format!(
                r#"{{"type": "contract_changed", "case_id": "T", "seq": {seq}, "at": "{at}", "contract": "{c}"}}"#
            ),
            Step::Promise(due) => {
                promise = seq;
                let due = DateTime::from_timestamp(t + due * 60, 0)
                    .unwrap()
                    .to_rfc3339();
                format!(
                    r#"{{"type": "promise_made", "case_id": "T", "seq": {seq}, "at": "{at}", "promise_id": "p{seq}", "kind": "callback", "due": "{due}"}}"#
                )
            }
            Step::Keep => format!(
                r#"{{"type": "promise_kept", "case_id": "T", "seq": {seq}, "at": "{at}", "promise_id": "p{promise}"}}"#
            ),
        };
        out.push(CaseEvent::from_json(&json).unwrap());
    }
    out
}

fn history() -> impl Strategy<Value = Vec<(Step, i64)>> {
    prop::collection::vec((step(), 0..3000i64), 0..14)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn reports_are_consistent(steps in history(), after in 0..20_000i64) {
        let mut log = CaseLog::default();
        for e in events(&steps) {
            log.insert(e);
        }
        let outcome = log.fold_lenient();
        let case = outcome.case.unwrap();
        let now = DateTime::from_timestamp(T0, 0).unwrap() + TimeDelta::minutes(after);
        let mut engine = SlaEngine::new(contracts()).explain(true);
        let sla = engine.evaluate(&case, now).unwrap();
        for t in &sla.targets {
            prop_assert!(t.consumed >= TimeDelta::zero(), "{t:?}");
            prop_assert!(t.consumed <= now - t.started_at + TimeDelta::seconds(1), "consumed within real time: {t:?}");
            prop_assert_eq!(t.remaining, (t.target - t.consumed).max(TimeDelta::zero()));
            match t.state {
                // A target met while paused has no due instant (its clock was stopped).
                TargetState::Met => prop_assert!(t.due_at.map_or(true, |d| t.stopped_at.unwrap() <= d), "{t:?}"),
                TargetState::MetLate => prop_assert!(t.stopped_at.unwrap() > t.due_at.unwrap() || t.late_cycles > 0 || t.audit.iter().any(|a| a.action == kesher::sla::AuditAction::Breached), "{t:?}"),
                TargetState::Running | TargetState::Warning => prop_assert!(t.due_at.unwrap() >= now, "{t:?}"),
                TargetState::Paused => prop_assert!(t.due_at.is_none()),
                TargetState::Cancelled => prop_assert!(t.stopped_at.is_some()),
                TargetState::Breached => {}
            }
            prop_assert!(t.audit.windows(2).all(|w| w[0].at <= w[1].at), "audit in time order: {:?}", t.audit);
            prop_assert_eq!(t.audit[0].action, kesher::sla::AuditAction::Started);
        }
        // The same history evaluated without the audit gives the same answers.
        let mut quiet = SlaEngine::new(contracts());
        let plain = quiet.evaluate(&case, now).unwrap();
        prop_assert_eq!(plain.targets.len(), sla.targets.len());
        for (a, b) in plain.targets.iter().zip(&sla.targets) {
            prop_assert_eq!((a.state, a.due_at, a.consumed), (b.state, b.due_at, b.consumed));
        }
        // Reports round-trip through JSON.
        let back: kesher::sla::CaseSla = serde_json::from_str(&serde_json::to_string(&sla).unwrap()).unwrap();
        prop_assert_eq!(back, sla);
    }

    #[test]
    fn event_order_does_not_matter(steps in history(), seed in any::<u64>()) {
        let evs = events(&steps);
        let mut shuffled = evs.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let fold = |list: Vec<CaseEvent>| {
            let mut log = CaseLog::default();
            for e in list {
                log.insert(e);
            }
            log.fold_lenient().case.unwrap()
        };
        let now = DateTime::from_timestamp(T0 + 40 * 86_400, 0).unwrap();
        let a = SlaEngine::new(contracts()).evaluate(&fold(evs), now).unwrap();
        let b = SlaEngine::new(contracts()).evaluate(&fold(shuffled), now).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn consumed_time_grows_with_now(steps in history(), a in 0..20_000i64, b in 0..20_000i64) {
        let mut log = CaseLog::default();
        for e in events(&steps) {
            log.insert(e);
        }
        let case = log.fold_lenient().case.unwrap();
        let (a, b) = (a.min(b), a.max(b));
        let at = |m: i64| DateTime::<Utc>::from_timestamp(T0, 0).unwrap() + TimeDelta::minutes(m);
        let mut engine = SlaEngine::new(contracts());
        let early = engine.evaluate(&case, at(a)).unwrap();
        let late = engine.evaluate(&case, at(b)).unwrap();
        for e in &early.targets {
            if let Some(l) = late.targets.iter().find(|l| l.metric == e.metric && l.cycle == e.cycle) {
                prop_assert!(l.consumed >= e.consumed || l.contract != e.contract || l.target != e.target, "{e:?} then {l:?}");
            }
        }
    }
}

const NIGHTS: &str = r#"{"tz": "Europe/London", "week": {"mon": [["22:00","06:00"]], "wed": [["20:00","04:00"]], "sat": [["10:00","02:00"]]}}"#;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Team schedules: whatever the reassignments, the resolution clock has consumed, at any
    /// instant, the business time of each stretch on the calendar of the team that had the case
    /// then (a reassignment keeps what was consumed, as a contract change does).
    #[test]
    fn reassignments_keep_the_time_consumed(gaps in prop::collection::vec((1..3_000i64, any::<bool>()), 0..8), tail in 1..5_000i64) {
        let set = ContractSet::from_json(&format!(
            r#"[{{"name": "std", "calendar": "israel", "teams": {{"night": {NIGHTS}}},
                 "targets": [{{"metric": "resolution", "within": 3000000}}]}}]"#
        )).unwrap();
        let day = kesher::calendar::Calendar::israel_desk().unwrap();
        let night = kesher::calendar::Calendar::from_json(NIGHTS).unwrap();
        let mut log = CaseLog::default();
        log.insert(CaseEvent::from_json(&format!(
            r#"{{"type": "opened", "case_id": "T", "at": "{}", "customer": {{"id": "c"}}, "channel": "phone"}}"#,
            DateTime::from_timestamp(T0, 0).unwrap().to_rfc3339()
        )).unwrap());
        let (mut t, mut on_nights, mut expected) = (T0, false, TimeDelta::zero());
        let at = |s: i64| DateTime::<Utc>::from_timestamp(s, 0).unwrap();
        for (seq, (minutes, nights)) in gaps.iter().enumerate() {
            let next = t + minutes * 60;
            let cal = if on_nights { &night } else { &day };
            expected += cal.elapsed(at(t), at(next)).unwrap();
            t = next;
            on_nights = *nights;
            let team = if *nights { "night" } else { "day" };
            log.insert(CaseEvent::from_json(&format!(
                r#"{{"type": "assigned", "case_id": "T", "seq": {}, "at": "{}", "agent": "a{seq}", "team": "{team}"}}"#,
                seq + 1, at(t).to_rfc3339()
            )).unwrap());
        }
        let now = t + tail * 60;
        let cal = if on_nights { &night } else { &day };
        expected += cal.elapsed(at(t), at(now)).unwrap();
        let case = log.fold().unwrap();
        let sla = SlaEngine::new(set).evaluate(&case, at(now)).unwrap();
        let resolution = sla.targets.iter().find(|r| r.metric == kesher::sla::Metric::Resolution).unwrap();
        prop_assert_eq!(resolution.consumed, expected);
        prop_assert_eq!(resolution.state, TargetState::Running);
    }
}

/// The same events for case `id` instead of `T`.
fn of_case(id: &str, events: &[CaseEvent]) -> Vec<CaseEvent> {
    events
        .iter()
        .map(|e| {
            let json = e
                .to_json()
                .replace(r#""case_id":"T""#, &format!(r#""case_id":"{id}""#));
            CaseEvent::from_json(&json).unwrap()
        })
        .collect()
}

fn shuffle<T>(list: &mut [T], seed: u64) {
    let mut s = seed;
    for i in (1..list.len()).rev() {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        list.swap(i, (s >> 33) as usize % (i + 1));
    }
}

fn lenient(
    events: &[CaseEvent],
) -> (
    Option<kesher::case::Case>,
    Vec<(&'static str, kesher::Error)>,
) {
    let mut log = CaseLog::default();
    for e in events {
        log.insert(e.clone());
    }
    let outcome = log.fold_lenient();
    let rejected = outcome
        .rejected
        .into_iter()
        .map(|r| (r.event_type, r.error))
        .collect();
    (outcome.case, rejected)
}

/// What a host sees of a case at an instant: its status, each target's cycle and state, each
/// promise's state.
type Seen = (
    Option<kesher::CaseStatus>,
    Vec<(kesher::sla::Metric, u32, TargetState)>,
    Vec<(String, kesher::promise::PromiseState)>,
);

fn seen(
    case: Option<&kesher::case::Case>,
    sla: Option<&kesher::sla::CaseSla>,
    at: DateTime<Utc>,
) -> Seen {
    (
        case.map(|c| c.status()),
        sla.map_or_else(Vec::new, |s| {
            s.targets
                .iter()
                .map(|t| (t.metric, t.cycle, t.state))
                .collect()
        }),
        case.map_or_else(Vec::new, |c| {
            c.promises()
                .iter()
                .map(|p| (p.id.clone(), p.state(at)))
                .collect()
        }),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Applying events one at a time, in any order of arrival, gives the lenient fold of all.
    #[test]
    fn a_live_case_is_the_fold_whatever_the_arrival_order(steps in history(), seed in any::<u64>()) {
        let evs = events(&steps);
        let mut arrival = evs.clone();
        shuffle(&mut arrival, seed);
        let now = DateTime::from_timestamp(T0 + 40 * 86_400, 0).unwrap();
        let mut engine = SlaEngine::new(contracts());
        let mut live = kesher::live::LiveCase::new(kesher::CaseId::new("T").unwrap());
        for e in arrival {
            live.apply(e, &mut engine, now).unwrap();
        }
        let (case, rejected) = lenient(&evs);
        prop_assert_eq!(live.case(), case.as_ref());
        let live_rejected: Vec<_> = live.rejected().iter().map(|r| (r.event_type, r.error.clone())).collect();
        prop_assert_eq!(live_rejected, rejected);
        let sla = engine.evaluate(case.as_ref().unwrap(), now).unwrap();
        prop_assert_eq!(live.sla(), Some(&sla));
    }

    /// A snapshot taken after some events, resumed, then given the rest, is the fold of all; a
    /// snapshot read back writes the same document.
    #[test]
    fn snapshot_and_new_events_are_the_fold(steps in history(), seed in any::<u64>(), split in 0usize..16) {
        let evs = events(&steps);
        let mut arrival = evs.clone();
        shuffle(&mut arrival, seed);
        let split = split.min(arrival.len());
        let now = DateTime::from_timestamp(T0 + 40 * 86_400, 0).unwrap();
        let mut engine = SlaEngine::new(contracts());
        let mut live = kesher::live::LiveCase::new(kesher::CaseId::new("T").unwrap());
        for e in &arrival[..split] {
            live.apply(e.clone(), &mut engine, now).unwrap();
        }
        let text = live.to_snapshot();
        let mut resumed = kesher::live::LiveCase::from_snapshot(&text).unwrap();
        prop_assert_eq!(resumed.to_snapshot(), text);
        for e in &arrival[split..] {
            resumed.apply(e.clone(), &mut engine, now).unwrap();
        }
        let (case, _) = lenient(&evs);
        prop_assert_eq!(resumed.case(), case.as_ref());
    }

    /// Stepping a wake schedule over three cases (events applied as they happen, each case
    /// ticked when due) gives, at every instant, what evaluating the events so far gives there:
    /// no change by the clock is missed between wake-ups.
    #[test]
    fn stepping_the_schedule_gives_the_states_at_every_instant(
        histories in prop::collection::vec(history(), 1..4),
        probes in prop::collection::vec(0..40_000i64, 1..40),
    ) {
        let at = |s: i64| DateTime::<Utc>::from_timestamp(s, 0).unwrap();
        let mut all: Vec<CaseEvent> = Vec::new();
        for (n, steps) in histories.iter().enumerate() {
            all.extend(of_case(&format!("C{n}"), &events(steps)));
        }
        all.sort_by_key(|e| e.order_key());
        let end = all.last().unwrap().at() + TimeDelta::days(30);
        let mut engine = SlaEngine::new(contracts());
        let mut cases: std::collections::BTreeMap<String, kesher::live::LiveCase> = Default::default();
        let mut schedule = kesher::live::WakeSchedule::default();
        // What each case looked like from each instant on.
        let mut records: std::collections::BTreeMap<String, Vec<(DateTime<Utc>, Seen)>> = Default::default();
        let mut record = |live: &kesher::live::LiveCase, t: DateTime<Utc>| {
            records.entry(live.id().to_string()).or_default().push((t, seen(live.case(), live.sla(), t)));
        };
        let mut events = all.iter().peekable();
        loop {
            let next_event = events.peek().map(|e| e.at());
            let next_wake = schedule.earliest().filter(|w| *w <= end);
            let t = match (next_event, next_wake) {
                (None, None) => break,
                (Some(e), Some(w)) => e.min(w),
                (Some(e), None) => e,
                (None, Some(w)) => w,
            };
            for (id, _) in schedule.due(t) {
                let live = cases.get_mut(id.as_str()).unwrap();
                live.tick(&mut engine, t).unwrap();
                schedule.set(id, live.wake_at());
                record(live, t);
            }
            while let Some(e) = events.next_if(|e| e.at() == t) {
                let id = e.case_id().unwrap().clone();
                let live = cases.entry(id.to_string()).or_insert_with(|| kesher::live::LiveCase::new(id.clone()));
                live.apply(e.clone(), &mut engine, t).unwrap();
                schedule.set(id, live.wake_at());
                record(live, t);
            }
        }
        // Random instants, and each instant the host read a case at and the nanosecond
        // before: a wake-up that came late would show there.
        let mut instants: Vec<DateTime<Utc>> = probes.iter().map(|p| at(T0) + TimeDelta::minutes(*p)).collect();
        for (r, _) in records.values().flatten() {
            instants.extend([*r, *r - TimeDelta::nanoseconds(1)]);
        }
        for t in instants {
            for (id, history) in &records {
                let Some((_, last)) = history.iter().rev().find(|(r, _)| *r <= t) else { continue };
                let so_far: Vec<CaseEvent> = all.iter().filter(|e| e.case_id().unwrap().as_str() == id && e.at() <= t).cloned().collect();
                let case = lenient(&so_far).0;
                let sla = case.as_ref().map(|c| engine.evaluate(c, t).unwrap());
                prop_assert_eq!(last, &seen(case.as_ref(), sla.as_ref(), t), "case {} at {}", id, t);
            }
        }
    }
}

/// The share and breach rules the escalation test runs (0.75 is the contracts' default warning
/// fraction, so cases wake up when it is reached).
fn escalation_rules() -> kesher::live::EscalationRules {
    kesher::live::EscalationRules::from_json(
        r#"[{"name": "three quarters", "when": {"on": "target_share", "share": 0.75}, "then": [{"do": "notify", "group": "leads"}]},
            {"name": "breach", "when": {"on": "breach"}, "then": [{"do": "raise_priority", "to": "urgent"}]},
            {"name": "broken", "when": {"on": "promise_broken"}, "then": [{"do": "notify", "group": "owner"}]}]"#,
    )
    .unwrap()
}

/// A target's (cycle, share used, state) at `t`, from `events` up to `t`.
fn target_at(
    events: &[CaseEvent],
    metric: kesher::sla::Metric,
    t: DateTime<Utc>,
) -> Option<(u32, f64, TargetState)> {
    let so_far: Vec<CaseEvent> = events.iter().filter(|e| e.at() <= t).cloned().collect();
    let case = lenient(&so_far).0?;
    let sla = SlaEngine::new(contracts()).evaluate(&case, t).unwrap();
    let r = sla.targets.into_iter().find(|r| r.metric == metric)?;
    let share =
        r.consumed.num_nanoseconds().unwrap() as f64 / r.target.num_nanoseconds().unwrap() as f64;
    Some((r.cycle, share, r.state))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// Escalation rules stepped with the schedule act at the very reading where what they
    /// watch happens: a share is crossed between the nanosecond before and the reading, a
    /// breach or a broken promise appears there; and each is asked for once.
    #[test]
    fn escalations_come_the_moment_they_are_due(steps in history()) {
        let evs = events(&steps);
        let end = evs.last().unwrap().at() + TimeDelta::days(30);
        let contracts = contracts();
        prop_assert!(escalation_rules().check(&contracts).is_ok());
        let rules = escalation_rules();
        let mut engine = SlaEngine::new(contracts.clone());
        let mut live = kesher::live::LiveCase::new(kesher::CaseId::new("T").unwrap());
        // Each escalation with the number of events applied when it was asked for.
        let mut asked = Vec::new();
        let mut applied = 0;
        let mut pending = evs.iter().peekable();
        loop {
            let next_event = pending.peek().map(|e| e.at());
            let next_wake = live.wake_at().filter(|w| *w <= end);
            let t = match (next_event, next_wake) {
                (None, None) => break,
                (Some(e), Some(w)) => e.min(w),
                (Some(e), None) => e,
                (None, Some(w)) => w,
            };
            if next_wake == Some(t) {
                let changes = live.tick(&mut engine, t).unwrap();
                let new = rules.escalations(&mut live, &changes, None, &contracts, kesher::Language::En);
                asked.extend(new.into_iter().map(|a| (a, applied)));
            }
            while let Some(e) = pending.next_if(|e| e.at() == t) {
                let message = match e { CaseEvent::Interaction(i) => Some(i.clone()), _ => None };
                let changes = live.apply(e.clone(), &mut engine, t).unwrap();
                applied += 1;
                let new = rules.escalations(&mut live, &changes, message.as_ref(), &contracts, kesher::Language::En);
                asked.extend(new.into_iter().map(|a| (a, applied)));
            }
        }
        let mut keys = std::collections::BTreeSet::new();
        for (a, applied) in &asked {
            let (a, seen) = (a, &evs[..*applied]);
            let t = a.at;
            let before = t - TimeDelta::nanoseconds(1);
            prop_assert!(keys.insert((a.rule.clone(), a.about.clone())), "asked twice: {a:?}");
            if a.rule == "broken" {
                continue;
            }
            let (name, cycle) = a.about.split_once('/').unwrap();
            let cycle: u32 = cycle.parse().unwrap();
            let metric = kesher::sla::Metric::ALL.iter().copied().find(|m| m.as_str() == name).unwrap();
            let (now_cycle, share, state) = target_at(seen, metric, t).unwrap();
            prop_assert_eq!(now_cycle, cycle, "{:?}", a);
            let earlier = target_at(seen, metric, before).filter(|b| b.0 == cycle);
            if a.rule == "three quarters" {
                prop_assert!(share >= 0.75 - 1e-9, "{a:?}: {share}");
                prop_assert!(earlier.map_or(true, |b| b.1 < 0.75), "{a:?}: already {earlier:?} before");
            } else {
                prop_assert_eq!(state, TargetState::Breached, "{:?}", a);
                prop_assert!(earlier.map_or(true, |b| b.2 != TargetState::Breached), "{a:?}: already breached before");
            }
        }
    }
}
