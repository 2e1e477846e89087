#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! The SLA rules written on `SlaEngine` (`crates/kesher/src/sla/engine.rs`), one test (or a
//! few) each.

use chrono::{DateTime, TimeDelta, Utc};
use kesher::{
    case::{Case, CaseLog},
    event::CaseEvent,
    sla::{AuditAction, ContractSet, Metric, SlaEngine, TargetReport, TargetState},
    ErrorKind,
};

/// Monday–Friday 09:00–17:00 UTC.
const OFFICE: &str = r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]], "wed": [["09:00","17:00"]], "thu": [["09:00","17:00"]], "fri": [["09:00","17:00"]]}}"#;

fn contracts(targets: &str) -> ContractSet {
    ContractSet::from_json(&format!(
        r#"[{{"name": "std", "calendar": {OFFICE}, "targets": {targets}}}]"#
    ))
    .unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// A case from compact event specs: (at, what) with what one of
/// `in` (customer message), `ack` (bot acknowledgement), `bot` (bot answer), `ans` (agent answer),
/// `fu` (agent follow-up), `status:<to>`, `prio:<p>`, `contract:<name>`.
fn case(opened: &str, priority: &str, channel: &str, events: &[(&str, &str)]) -> Case {
    let mut log = CaseLog::default();
    log.insert(CaseEvent::from_json(&format!(
        r#"{{"type": "opened", "case_id": "T-1", "at": "{opened}", "customer": {{"id": "c", "segments": ["vip"]}}, "channel": "{channel}", "priority": "{priority}"}}"#
    )).unwrap());
    for (seq, (t, what)) in events.iter().enumerate() {
        let seq = seq + 1;
        let interaction = |dir: &str, actor: &str, kind: &str| {
            format!(
                r#"{{"type": "interaction", "case_id": "T-1", "seq": {seq}, "id": "i{seq}", "customer_id": "c", "at": "{t}", "channel": "{channel}", "direction": "{dir}", "actor": {actor}, "kind": "{kind}"}}"#
            )
        };
        let json = match *what {
            "in" => interaction("inbound", r#"{"type": "customer"}"#, "message"),
            "ack" => interaction(
                "outbound",
                r#"{"type": "bot", "name": "auto"}"#,
                "acknowledgement",
            ),
            "bot" => interaction("outbound", r#"{"type": "bot", "name": "auto"}"#, "message"),
            "ans" => interaction("outbound", r#"{"type": "agent", "id": "dana"}"#, "message"),
            "fu" => interaction(
                "outbound",
                r#"{"type": "agent", "id": "dana"}"#,
                "follow_up",
            ),
            other => {
                let (kind, value) = other.split_once(':').unwrap();
                match kind {
                    "status" => format!(
                        r#"{{"type": "status_changed", "case_id": "T-1", "seq": {seq}, "at": "{t}", "to": "{value}"}}"#
                    ),
                    "prio" => format!(
                        r#"{{"type": "priority_changed", "case_id": "T-1", "seq": {seq}, "at": "{t}", "priority": "{value}"}}"#
                    ),
                    "contract" => format!(
                        r#"{{"type": "contract_changed", "case_id": "T-1", "seq": {seq}, "at": "{t}", "contract": "{value}"}}"#
                    ),
                    _ => panic!("unknown spec {other}"),
                }
            }
        };
        log.insert(CaseEvent::from_json(&json).unwrap());
    }
    log.fold().unwrap()
}

fn target(engine: &mut SlaEngine, case: &Case, now: &str, metric: Metric) -> TargetReport {
    let sla = engine.evaluate(case, at(now)).unwrap();
    sla.targets
        .into_iter()
        .find(|t| t.metric == metric)
        .unwrap_or_else(|| panic!("no {metric:?} target"))
}

const MON_9: &str = "2025-01-06T09:00:00Z";

#[test]
fn first_response_states_over_time() {
    let mut e = SlaEngine::new(contracts(
        r#"[{"metric": "first_response", "within": 7200}]"#,
    ));
    let c = case(MON_9, "normal", "email", &[]);
    let t = target(&mut e, &c, "2025-01-06T10:00:00Z", Metric::FirstResponse);
    assert_eq!(t.state, TargetState::Running);
    assert_eq!(t.due_at, Some(at("2025-01-06T11:00:00Z")));
    assert_eq!(
        (t.consumed, t.remaining),
        (TimeDelta::hours(1), TimeDelta::hours(1))
    );
    // 75% (90 minutes) is the default warning.
    assert_eq!(
        target(&mut e, &c, "2025-01-06T10:29:59Z", Metric::FirstResponse).state,
        TargetState::Running
    );
    assert_eq!(
        target(&mut e, &c, "2025-01-06T10:30:00Z", Metric::FirstResponse).state,
        TargetState::Warning
    );
    // Exactly at the due instant it is not yet breached; one second later it is.
    assert_eq!(
        target(&mut e, &c, "2025-01-06T11:00:00Z", Metric::FirstResponse).state,
        TargetState::Warning
    );
    let t = target(&mut e, &c, "2025-01-06T11:00:01Z", Metric::FirstResponse);
    assert_eq!(t.state, TargetState::Breached);
    assert_eq!(t.remaining, TimeDelta::zero());
}

#[test]
fn met_on_time_at_the_due_instant_and_met_late_after_it() {
    let mut e = SlaEngine::new(contracts(
        r#"[{"metric": "first_response", "within": 28800}]"#,
    ));
    // Due Monday 17:00 (the closing instant); answered exactly then: met.
    let c = case(MON_9, "normal", "email", &[("2025-01-06T17:00:00Z", "ans")]);
    let t = target(&mut e, &c, "2025-01-08T00:00:00Z", Metric::FirstResponse);
    assert_eq!(t.state, TargetState::Met);
    assert_eq!(t.stopped_at, Some(at("2025-01-06T17:00:00Z")));
    // Answered in the evening, when no business time passes: still after the due instant.
    let c = case(MON_9, "normal", "email", &[("2025-01-06T19:00:00Z", "ans")]);
    let t = target(&mut e, &c, "2025-01-08T00:00:00Z", Metric::FirstResponse);
    assert_eq!(t.state, TargetState::MetLate);
    assert_eq!(t.consumed, TimeDelta::hours(8));
}

#[test]
fn bots_and_acknowledgements_meet_acknowledgement_but_never_first_response() {
    let mut e = SlaEngine::new(contracts(
        r#"[{"metric": "acknowledgement", "within": 300}, {"metric": "first_response", "within": 7200}]"#,
    ));
    let c = case(
        MON_9,
        "normal",
        "email",
        &[
            ("2025-01-06T09:00:05Z", "ack"),
            ("2025-01-06T09:30:00Z", "bot"),
        ],
    );
    let sla = e.evaluate(&c, at("2025-01-06T10:00:00Z")).unwrap();
    assert_eq!(sla.targets[0].metric, Metric::Acknowledgement);
    assert_eq!(sla.targets[0].state, TargetState::Met);
    assert_eq!(sla.targets[0].consumed, TimeDelta::seconds(5));
    assert_eq!(sla.targets[1].metric, Metric::FirstResponse);
    assert_eq!(
        sla.targets[1].state,
        TargetState::Running,
        "a bot answer is not a first response"
    );
}

#[test]
fn waiting_on_customer_pauses_and_resumes_with_time_kept() {
    let mut e = SlaEngine::new(contracts(r#"[{"metric": "resolution", "within": 14400}]"#).clone())
        .explain(true);
    let c = case(
        MON_9,
        "normal",
        "email",
        &[
            ("2025-01-06T10:00:00Z", "ans"),
            ("2025-01-06T10:00:01Z", "status:waiting_on_customer"),
            ("2025-01-07T09:00:00Z", "in"),
        ],
    );
    let paused = target(&mut e, &c, "2025-01-06T15:00:00Z", Metric::Resolution);
    assert_eq!(paused.state, TargetState::Paused);
    assert_eq!(paused.due_at, None);
    assert_eq!(paused.consumed, TimeDelta::seconds(3601));
    // The customer replied Tuesday 09:00: the case is in progress again and the clock resumes
    // with 3 h − 1 s left, due Tuesday 11:59:59.
    let resumed = target(&mut e, &c, "2025-01-07T10:00:00Z", Metric::Resolution);
    assert_eq!(resumed.state, TargetState::Running);
    assert_eq!(resumed.due_at, Some(at("2025-01-07T11:59:59Z")));
    let actions: Vec<AuditAction> = resumed.audit.iter().map(|a| a.action).collect();
    assert_eq!(
        actions,
        [
            AuditAction::Started,
            AuditAction::Paused,
            AuditAction::Resumed
        ]
    );
    assert_eq!(resumed.audit[1].consumed, TimeDelta::seconds(3601));
}

#[test]
fn resolution_stops_at_resolved_and_a_reopened_case_resumes_the_same_clock() {
    let mut e = SlaEngine::new(contracts(r#"[{"metric": "resolution", "within": 28800}]"#));
    let c = case(
        MON_9,
        "normal",
        "email",
        &[
            ("2025-01-06T10:00:00Z", "ans"),
            ("2025-01-06T12:00:00Z", "status:resolved"),
            ("2025-01-07T09:00:00Z", "in"),
        ],
    );
    let t = target(&mut e, &c, "2025-01-06T20:00:00Z", Metric::Resolution);
    assert_eq!(
        (t.state, t.consumed),
        (TargetState::Met, TimeDelta::hours(3))
    );
    // Reopened by the customer's message on Tuesday 09:00: 5 h left, due 14:00.
    let t = target(&mut e, &c, "2025-01-07T10:00:00Z", Metric::Resolution);
    assert_eq!(t.state, TargetState::Running);
    assert_eq!(t.consumed, TimeDelta::hours(4));
    assert_eq!(t.due_at, Some(at("2025-01-07T14:00:00Z")));
}

#[test]
fn response_targets_are_cancelled_when_the_case_resolves_first() {
    let mut e = SlaEngine::new(contracts(
        r#"[{"metric": "first_response", "within": 7200}]"#,
    ));
    let c = case(
        MON_9,
        "normal",
        "email",
        &[("2025-01-06T09:30:00Z", "status:resolved")],
    );
    let t = target(&mut e, &c, "2025-01-06T12:00:00Z", Metric::FirstResponse);
    assert_eq!(t.state, TargetState::Cancelled);
    assert_eq!(t.due_at, None);
}

#[test]
fn next_response_runs_from_the_oldest_unanswered_message_and_counts_late_cycles() {
    let mut e = SlaEngine::new(contracts(
        r#"[{"metric": "next_response", "within": 3600}]"#,
    ));
    let c = case(
        MON_9,
        "normal",
        "chat",
        &[
            ("2025-01-06T09:00:00Z", "in"),
            ("2025-01-06T09:10:00Z", "ans"),
            ("2025-01-06T09:20:00Z", "in"),
            ("2025-01-06T09:25:00Z", "in"),
            ("2025-01-06T11:00:00Z", "ans"),
            ("2025-01-06T12:00:00Z", "in"),
        ],
    );
    let t = target(&mut e, &c, "2025-01-06T12:30:00Z", Metric::NextResponse);
    assert_eq!(t.cycle, 2);
    assert_eq!(t.state, TargetState::Running);
    assert_eq!(t.started_at, at("2025-01-06T12:00:00Z"));
    assert_eq!(t.late_cycles, 1, "the 09:20 message waited 100 minutes");
    // Before the first answer there is no next-response clock.
    let early = e.evaluate(&c, at("2025-01-06T09:05:00Z")).unwrap();
    assert!(early
        .targets
        .iter()
        .all(|t| t.metric != Metric::NextResponse));
}

#[test]
fn follow_up_starts_at_resolution_and_recurs_until_closed() {
    let mut e = SlaEngine::new(contracts(
        r#"[{"metric": "follow_up", "within": 28800, "time": "calendar"}]"#,
    ));
    let c = case(
        MON_9,
        "normal",
        "email",
        &[
            ("2025-01-06T10:00:00Z", "ans"),
            ("2025-01-06T11:00:00Z", "status:resolved"),
            ("2025-01-06T15:00:00Z", "fu"),
            ("2025-01-07T09:00:00Z", "status:closed"),
        ],
    );
    let t = target(&mut e, &c, "2025-01-06T16:00:00Z", Metric::FollowUp);
    assert_eq!((t.cycle, t.state), (2, TargetState::Running));
    assert_eq!(
        t.due_at,
        Some(at("2025-01-06T23:00:00Z")),
        "calendar time: 8 h after the follow-up"
    );
    let t = target(&mut e, &c, "2025-01-07T12:00:00Z", Metric::FollowUp);
    assert_eq!((t.cycle, t.state), (2, TargetState::Cancelled));
    assert_eq!(t.late_cycles, 0);
}

#[test]
fn a_priority_change_retargets_and_keeps_the_time_consumed() {
    let set = ContractSet::from_json(&format!(r#"[{{"name": "std", "calendar": {OFFICE},
        "targets": [{{"metric": "first_response", "within": {{"urgent": 3600, "normal": 28800}}}}]}}]"#)).unwrap();
    let mut e = SlaEngine::new(set).explain(true);
    let c = case(
        MON_9,
        "normal",
        "email",
        &[("2025-01-06T09:30:00Z", "prio:urgent")],
    );
    let t = target(&mut e, &c, "2025-01-06T09:45:00Z", Metric::FirstResponse);
    assert_eq!(t.target, TimeDelta::hours(1));
    assert_eq!(
        t.due_at,
        Some(at("2025-01-06T10:00:00Z")),
        "30 minutes consumed, 30 left"
    );
    assert_eq!(t.state, TargetState::Warning);
    let retarget = t
        .audit
        .iter()
        .find(|a| a.action == AuditAction::Retargeted)
        .unwrap();
    assert_eq!(retarget.consumed, TimeDelta::minutes(30));
    assert_eq!(retarget.target, TimeDelta::hours(1));
    assert!(
        retarget.reason.contains("normal → urgent"),
        "{}",
        retarget.reason
    );
    // A priority without an allowance cancels the target.
    let c = case(
        MON_9,
        "normal",
        "email",
        &[("2025-01-06T09:30:00Z", "prio:low")],
    );
    assert_eq!(
        target(&mut e, &c, "2025-01-06T10:00:00Z", Metric::FirstResponse).state,
        TargetState::Cancelled
    );
}

#[test]
fn a_contract_change_counts_the_rest_on_the_new_calendar() {
    let set = ContractSet::from_json(&format!(r#"[
        {{"name": "std", "calendar": {OFFICE}, "targets": [{{"metric": "resolution", "within": 14400}}]}},
        {{"name": "oncall", "conditions": {{"priorities": ["urgent"]}}, "calendar": {{"tz": "UTC", "week": {{"mon": [["00:00","24:00"]], "tue": [["00:00","24:00"]], "wed": [["00:00","24:00"]], "thu": [["00:00","24:00"]], "fri": [["00:00","24:00"]], "sat": [["00:00","24:00"]], "sun": [["00:00","24:00"]]}}}},
         "targets": [{{"metric": "resolution", "within": 14400}}]}}
    ]"#)).unwrap();
    let mut e = SlaEngine::new(set);
    // Friday 15:00 → 17:00 two office hours; escalated to on-call at 17:00: two more hours of
    // round-the-clock time, due 19:00 (the office calendar would have said Monday 11:00).
    let c = case(
        "2025-01-10T15:00:00Z",
        "normal",
        "email",
        &[("2025-01-10T17:00:00Z", "contract:oncall")],
    );
    let t = target(&mut e, &c, "2025-01-10T18:00:00Z", Metric::Resolution);
    assert_eq!(&*t.contract, "oncall");
    assert_eq!(t.due_at, Some(at("2025-01-10T19:00:00Z")));
    assert_eq!(t.consumed, TimeDelta::hours(3));
    // The same through a priority change that selects the urgent contract.
    let c = case(
        "2025-01-10T15:00:00Z",
        "normal",
        "email",
        &[("2025-01-10T17:00:00Z", "prio:urgent")],
    );
    assert_eq!(
        target(&mut e, &c, "2025-01-10T18:00:00Z", Metric::Resolution).due_at,
        Some(at("2025-01-10T19:00:00Z"))
    );
    // An unknown contract is an error naming it.
    let c = case(
        MON_9,
        "normal",
        "email",
        &[("2025-01-06T10:00:00Z", "contract:gold")],
    );
    let err = e.evaluate(&c, at("2025-01-06T11:00:00Z")).unwrap_err();
    assert_eq!(
        (err.kind(), err.value()),
        (ErrorKind::InvalidInput, Some("gold"))
    );
}

#[test]
fn selection_is_first_match_in_order_with_a_fallback() {
    let set = ContractSet::from_json(&format!(r#"{{"contracts": [
        {{"name": "fallback", "calendar": {OFFICE}, "targets": [{{"metric": "first_response", "within": 28800}}]}},
        {{"name": "vip", "conditions": {{"segments": ["vip"]}}, "calendar": {OFFICE}, "targets": [{{"metric": "first_response", "within": 3600}}]}},
        {{"name": "social", "conditions": {{"channels": ["twitter"]}}, "calendar": {OFFICE}, "targets": [{{"metric": "first_response", "within": 1800}}]}}
    ]}}"#)).unwrap();
    let mut e = SlaEngine::new(set);
    // The customer is vip: "vip" is declared before "social".
    let c = case(MON_9, "normal", "twitter", &[]);
    assert_eq!(
        e.evaluate(&c, at("2025-01-06T10:00:00Z"))
            .unwrap()
            .contract
            .as_deref(),
        Some("vip")
    );
    let no_match = ContractSet::from_json(&format!(r#"[{{"name": "social", "conditions": {{"channels": ["twitter"]}}, "calendar": {OFFICE}, "targets": [{{"metric": "first_response", "within": 1800}}]}}]"#)).unwrap();
    let sla = SlaEngine::new(no_match)
        .evaluate(
            &case(MON_9, "normal", "email", &[]),
            at("2025-01-06T10:00:00Z"),
        )
        .unwrap();
    assert_eq!(sla.contract, None);
    assert!(sla.targets.is_empty());
}

#[test]
fn only_what_happened_by_now_counts() {
    let mut e = SlaEngine::new(contracts(
        r#"[{"metric": "first_response", "within": 7200}]"#,
    ));
    let c = case(MON_9, "normal", "email", &[("2025-01-06T10:00:00Z", "ans")]);
    assert_eq!(
        target(&mut e, &c, "2025-01-06T09:30:00Z", Metric::FirstResponse).state,
        TargetState::Running
    );
    assert_eq!(
        target(&mut e, &c, "2025-01-06T10:30:00Z", Metric::FirstResponse).state,
        TargetState::Met
    );
    assert!(
        e.evaluate(&c, at("2025-01-01T00:00:00Z"))
            .unwrap()
            .targets
            .is_empty(),
        "not opened yet"
    );
}

#[test]
fn the_audit_trail_explains_warnings_and_the_breach() {
    let mut e = SlaEngine::new(contracts(
        r#"[{"metric": "first_response", "within": 7200, "warn_at": [0.5, 0.75]}]"#,
    ))
    .explain(true);
    let c = case(
        "2025-01-06T16:00:00Z",
        "normal",
        "email",
        &[("2025-01-07T12:00:00Z", "ans")],
    );
    let t = target(&mut e, &c, "2025-01-08T00:00:00Z", Metric::FirstResponse);
    assert_eq!(t.state, TargetState::MetLate);
    let trail: Vec<(AuditAction, DateTime<Utc>)> =
        t.audit.iter().map(|a| (a.action, a.at)).collect();
    assert_eq!(
        trail,
        [
            (AuditAction::Started, at("2025-01-06T16:00:00Z")),
            (AuditAction::Warning, at("2025-01-06T17:00:00Z")),
            (AuditAction::Warning, at("2025-01-07T09:30:00Z")),
            (AuditAction::Breached, at("2025-01-07T10:00:00Z")),
            (AuditAction::Stopped, at("2025-01-07T12:00:00Z")),
        ]
    );
    assert_eq!(t.audit[3].consumed, TimeDelta::hours(2));
    assert_eq!(t.audit[4].consumed, TimeDelta::hours(4));
}

#[test]
fn contract_sets_reject_bad_definitions_naming_the_field() {
    for (json, field) in [
        (
            r#"[{"name": "a", "calendar": "israel", "targets": [{"metric": "first_response", "within": -5}]}]"#,
            "[0].targets[0].within",
        ),
        (
            r#"[{"name": "a", "calendar": "israel", "targets": [{"metric": "first_reply", "within": 5}]}]"#,
            "[0].targets[0].metric",
        ),
        (
            r#"[{"name": "a", "calendar": "israel", "targets": [{"metric": "resolution", "within": 5}], "warn_at": [1.5]}]"#,
            "contracts[0].warn_at[0]",
        ),
        (
            r#"[{"name": "a", "calendar": "israel", "targets": [{"metric": "resolution", "within": 5}], "pause_on": ["resolved"]}]"#,
            "contracts[0].pause_on[0]",
        ),
        (
            r#"[{"name": "a", "calendar": "israel", "targets": [{"metric": "resolution", "within": 5}, {"metric": "resolution", "within": 9}]}]"#,
            "contracts[0].targets[1].metric",
        ),
        (
            r#"{"contracts": [{"name": "a", "calendar": {"tz": "UTC", "week": {}}, "targets": []}]}"#,
            "contracts[0].calendar",
        ),
        (
            r#"[{"name": "a", "calendar": "israel", "targets": [{"metric": "resolution", "within": 5}]}, {"name": "a", "calendar": "us", "targets": [{"metric": "resolution", "within": 5}]}]"#,
            "contracts[1].name",
        ),
    ] {
        let err = ContractSet::from_json(json).unwrap_err();
        assert_eq!(err.field(), Some(field), "{json}: {err}");
    }
}

#[test]
fn reports_round_trip_through_json() {
    let mut e = SlaEngine::new(contracts(r#"[{"metric": "first_response", "within": 7200}, {"metric": "resolution", "within": 86400}]"#)).explain(true);
    let c = case(
        MON_9,
        "high",
        "email",
        &[
            ("2025-01-06T10:00:00.5Z", "ans"),
            ("2025-01-06T11:00:00Z", "status:waiting_on_customer"),
        ],
    );
    let sla = e.evaluate(&c, at("2025-01-07T00:00:00Z")).unwrap();
    let text = serde_json::to_string(&sla).unwrap();
    let back: kesher::sla::CaseSla = serde_json::from_str(&text).unwrap();
    assert_eq!(back, sla);
    assert!(text.contains(r#""consumed_seconds":3600.5"#), "{text}");
}

// ---- interaction targets: a target that starts at an interaction and runs on its own ----------

fn raw_case(channel: &str, events: &[(&str, &str, &str, &str, &str)]) -> Case {
    let mut log = CaseLog::default();
    log.insert(CaseEvent::from_json(&format!(
        r#"{{"type": "opened", "case_id": "T-1", "at": "2025-01-06T08:00:00Z", "customer": {{"id": "c"}}, "channel": "{channel}"}}"#
    )).unwrap());
    for (seq, (t, channel, dir, actor, kind)) in events.iter().enumerate() {
        let seq = seq + 1;
        let json = if let Some(to) = kind.strip_prefix("status:") {
            format!(
                r#"{{"type": "status_changed", "case_id": "T-1", "seq": {seq}, "at": "{t}", "to": "{to}"}}"#
            )
        } else {
            format!(
                r#"{{"type": "interaction", "case_id": "T-1", "seq": {seq}, "id": "i{seq}", "customer_id": "c", "at": "{t}", "channel": "{channel}", "direction": "{dir}", "actor": {actor}, "kind": "{kind}"}}"#
            )
        };
        log.insert(CaseEvent::from_json(&json).unwrap());
    }
    log.fold().unwrap()
}

const CUSTOMER: &str = r#"{"type": "customer"}"#;
const AGENT: &str = r#"{"type": "agent", "id": "dana"}"#;

fn with_callback() -> ContractSet {
    ContractSet::from_json(&format!(
        r#"{{"contracts": [{{"name": "chat", "calendar": "us", "targets": [{{"metric": "first_response", "within": 600, "time": "calendar"}}]}}],
            "interaction_targets": [{{"name": "call back", "on": {{"kinds": ["voicemail", "missed_call"]}}, "within": 28800,
                                      "calendar": {OFFICE}, "answered_on": ["phone"]}},
                                     {{"name": "public", "on": {{"public": true}}, "within": 3600, "time": "calendar", "calendar": "uk"}}]}}"#
    ))
    .unwrap()
}

fn callback(sla: &kesher::sla::CaseSla) -> Option<&TargetReport> {
    sla.targets
        .iter()
        .find(|t| t.metric == Metric::InteractionResponse && &*t.contract == "call back")
}

#[test]
fn a_voicemail_starts_its_own_target_whatever_the_contract() {
    let set = with_callback();
    let mut engine = SlaEngine::new(set).explain(true);
    // A chat case; on Monday 16:00 the customer leaves a voicemail: 8 office hours, due Tuesday 16:00.
    let c = raw_case(
        "chat",
        &[
            ("2025-01-06T08:05:00Z", "chat", "outbound", AGENT, "message"),
            (
                "2025-01-06T16:00:00Z",
                "phone",
                "inbound",
                CUSTOMER,
                "voicemail",
            ),
            (
                "2025-01-06T16:30:00Z",
                "phone",
                "inbound",
                CUSTOMER,
                "missed_call",
            ),
            (
                "2025-01-07T10:00:00Z",
                "email",
                "outbound",
                AGENT,
                "message",
            ),
        ],
    );
    let sla = engine.evaluate(&c, at("2025-01-07T12:00:00Z")).unwrap();
    let t = callback(&sla).unwrap();
    assert_eq!(
        t.state,
        TargetState::Running,
        "an email does not meet a call-back"
    );
    assert_eq!(
        t.cycle, 1,
        "a missed call while it runs starts no second clock"
    );
    assert_eq!(t.due_at, Some(at("2025-01-07T16:00:00Z")));
    assert_eq!(t.started_at, at("2025-01-06T16:00:00Z"));
    assert!(t.audit[0].reason.contains("voicemail"), "{:?}", t.audit[0]);
    // The contract's own target is untouched.
    let first = sla
        .targets
        .iter()
        .find(|t| t.metric == Metric::FirstResponse)
        .unwrap();
    assert_eq!(first.state, TargetState::Met);
    assert_eq!(sla.contract.as_deref(), Some("chat"));

    // A call back by phone meets it; late after the due instant.
    let c = raw_case(
        "chat",
        &[
            (
                "2025-01-06T16:00:00Z",
                "phone",
                "inbound",
                CUSTOMER,
                "voicemail",
            ),
            ("2025-01-07T16:30:00Z", "phone", "outbound", AGENT, "call"),
            (
                "2025-01-08T09:00:00Z",
                "phone",
                "inbound",
                CUSTOMER,
                "voicemail",
            ),
        ],
    );
    let sla = engine.evaluate(&c, at("2025-01-08T10:00:00Z")).unwrap();
    let t = callback(&sla).unwrap();
    assert_eq!(
        (t.cycle, t.state, t.late_cycles),
        (2, TargetState::Running, 1)
    );
    assert_eq!(t.consumed, TimeDelta::hours(1));

    // Resolving the case before the call back cancels it.
    let c = raw_case(
        "chat",
        &[
            (
                "2025-01-06T16:00:00Z",
                "phone",
                "inbound",
                CUSTOMER,
                "voicemail",
            ),
            (
                "2025-01-06T16:10:00Z",
                "chat",
                "outbound",
                AGENT,
                "status:resolved",
            ),
        ],
    );
    let sla = engine.evaluate(&c, at("2025-01-08T10:00:00Z")).unwrap();
    assert_eq!(callback(&sla).unwrap().state, TargetState::Cancelled);
}

#[test]
fn a_public_complaint_gets_an_answer_within_the_hour() {
    let mut engine = SlaEngine::new(with_callback());
    let c = raw_case(
        "twitter",
        &[
            (
                "2025-01-06T08:00:00Z",
                "twitter",
                "inbound",
                CUSTOMER,
                "message",
            ),
            (
                "2025-01-06T08:40:00Z",
                "twitter",
                "outbound",
                AGENT,
                "message",
            ),
        ],
    );
    let sla = engine.evaluate(&c, at("2025-01-06T12:00:00Z")).unwrap();
    let public = sla
        .targets
        .iter()
        .find(|t| &*t.contract == "public")
        .unwrap();
    assert_eq!(public.metric, Metric::InteractionResponse);
    assert_eq!(public.state, TargetState::Met);
    assert_eq!(public.consumed, TimeDelta::minutes(40));
    // A private chat starts nothing.
    let c = raw_case(
        "chat",
        &[(
            "2025-01-06T08:00:00Z",
            "chat",
            "inbound",
            CUSTOMER,
            "message",
        )],
    );
    let sla = engine.evaluate(&c, at("2025-01-06T12:00:00Z")).unwrap();
    assert!(sla
        .targets
        .iter()
        .all(|t| t.metric != Metric::InteractionResponse));
}

#[test]
fn interaction_targets_are_checked_stated_and_counted_for_coverage() {
    use kesher::sla::statement::{channel_coverage, interaction_statement, Coverage};
    use kesher::{Channel, Language};
    let set = with_callback();
    let text = serde_json::to_string(&set).unwrap();
    assert_eq!(ContractSet::from_json(&text).unwrap(), set);
    let en = interaction_statement(&set.interaction_targets()[0], Language::En);
    assert_eq!(
        en.text,
        "We call back voicemail messages and missed calls within 8 business hours (Monday–Friday 09:00–17:00)."
    );
    let he = interaction_statement(&set.interaction_targets()[1], Language::He);
    assert!(
        he.text
            .starts_with("אנחנו עונים לפניות שלכם שפורסמו בפומבי תוך שעה"),
        "{}",
        he.text
    );
    let traffic = [(Channel::Voicemail, 5), (Channel::Sms, 3)]
        .into_iter()
        .collect();
    let report = channel_coverage(&set, &traffic);
    // The chat contract has no conditions, so it covers every channel; the interaction targets
    // are listed beside it.
    assert!(report.iter().all(|r| r.coverage == Coverage::Covered));
    assert!(report[0].contracts.contains(&"call back".to_string()));
    let only_rules = ContractSet::from_json(
        r#"{"contracts": [], "interaction_targets": [{"name": "call back", "on": {"kinds": ["voicemail"]}, "within": 60, "calendar": "us"}]}"#,
    )
    .unwrap();
    let report = channel_coverage(&only_rules, &traffic);
    assert!(report.iter().all(|r| r.coverage == Coverage::Partial));
    for (json, field) in [
        (
            r#"{"contracts": [], "interaction_targets": [{"name": "x", "on": {}, "within": 60, "calendar": "us"}]}"#,
            "interaction_targets[0].on",
        ),
        (
            r#"{"contracts": [], "interaction_targets": [{"name": "x", "on": {"public": true}, "within": 60, "calendar": "us"}, {"name": "x", "on": {"public": true}, "within": 60, "calendar": "us"}]}"#,
            "interaction_targets[1].name",
        ),
        (r#"{"contracts": [], "rules": []}"#, "rules"),
        (
            r#"[{"name": "c", "calendar": "us", "targets": [{"metric": "interaction_response", "within": 60}]}]"#,
            "contracts[0].targets[0].metric",
        ),
    ] {
        let e = ContractSet::from_json(json).unwrap_err();
        assert_eq!(e.field(), Some(field), "{json}: {e}");
    }
}

// ---- team and agent schedules -------------------------------------------------------------------

fn assign(seq: usize, t: &str, agent: &str, team: Option<&str>) -> String {
    let team = team
        .map(|t| format!(r#", "team": "{t}""#))
        .unwrap_or_default();
    format!(
        r#"{{"type": "assigned", "case_id": "T-1", "seq": {seq}, "at": "{t}", "agent": "{agent}"{team}}}"#
    )
}

fn team_case(events: &[String]) -> Case {
    let mut log = CaseLog::default();
    log.insert(CaseEvent::from_json(
        r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-06T08:00:00Z", "customer": {"id": "c"}, "channel": "phone"}"#,
    ).unwrap());
    for e in events {
        log.insert(CaseEvent::from_json(e).unwrap());
    }
    log.fold().unwrap()
}

fn with_teams() -> ContractSet {
    let nights = r#"{"tz": "UTC", "week": {"mon": [["22:00","06:00"]], "tue": [["22:00","06:00"]], "wed": [["22:00","06:00"]], "thu": [["22:00","06:00"]], "fri": [["22:00","06:00"]], "sat": [["22:00","06:00"]], "sun": [["22:00","06:00"]]}}"#;
    let always = r#"{"tz": "UTC", "week": {"mon": [["00:00","24:00"]], "tue": [["00:00","24:00"]], "wed": [["00:00","24:00"]], "thu": [["00:00","24:00"]], "fri": [["00:00","24:00"]], "sat": [["00:00","24:00"]], "sun": [["00:00","24:00"]]}}"#;
    ContractSet::from_json(&format!(
        r#"[{{"name": "std", "calendar": {OFFICE}, "teams": {{"night": {nights}}}, "agents": {{"noa": {always}}},
             "targets": [{{"metric": "resolution", "within": 36000}}]}}]"#
    ))
    .unwrap()
}

fn resolution(engine: &mut SlaEngine, case: &Case, now: &str) -> TargetReport {
    let sla = engine.evaluate(case, at(now)).unwrap();
    sla.targets
        .into_iter()
        .find(|t| t.metric == Metric::Resolution)
        .unwrap()
}

#[test]
fn the_assigned_teams_calendar_times_the_case_and_keeps_what_was_consumed() {
    let mut engine = SlaEngine::new(with_teams()).explain(true);
    // No assignment: 10 office hours from Monday 08:00 (opens 09:00) → Tuesday 11:00.
    let plain = team_case(&[]);
    assert_eq!(
        resolution(&mut engine, &plain, "2025-01-06T10:00:00Z").due_at,
        Some(at("2025-01-07T11:00:00Z"))
    );
    // Monday 12:00 the night team takes it: 3 office hours consumed, 7 left on nights (22:00 → 05:00).
    let night = team_case(&[assign(1, "2025-01-06T12:00:00Z", "dana", Some("night"))]);
    let r = resolution(&mut engine, &night, "2025-01-06T23:00:00Z");
    assert_eq!(r.due_at, Some(at("2025-01-07T05:00:00Z")));
    assert_eq!(r.consumed, TimeDelta::hours(4));
    assert!(
        r.audit.iter().any(|a| a.reason.contains("team night")),
        "{:?}",
        r.audit
    );
    // Tuesday 02:00 a day agent takes it (no team named: still the night team) → still nights.
    // Then at 03:00 it goes to team "day", which has no calendar: the contract's again, with
    // 3 + 5 = 8 hours consumed, 2 left: Tuesday 09:00 → 11:00.
    let handed = team_case(&[
        assign(1, "2025-01-06T12:00:00Z", "dana", Some("night")),
        assign(2, "2025-01-07T02:00:00Z", "omer", None),
        assign(3, "2025-01-07T03:00:00Z", "omer", Some("day")),
    ]);
    let r = resolution(&mut engine, &handed, "2025-01-07T10:00:00Z");
    assert_eq!(r.due_at, Some(at("2025-01-07T11:00:00Z")));
    assert_eq!(r.consumed, TimeDelta::hours(9));
    // An agent's calendar wins over the team's: noa works round the clock.
    let noa = team_case(&[assign(1, "2025-01-06T12:00:00Z", "noa", Some("night"))]);
    let r = resolution(&mut engine, &noa, "2025-01-06T13:00:00Z");
    assert_eq!(r.due_at, Some(at("2025-01-06T19:00:00Z")));
    // Transfers name a team too.
    let moved = team_case(&[r#"{"type": "transferred", "case_id": "T-1", "seq": 1, "at": "2025-01-06T12:00:00Z", "to": "dana", "team": "night"}"#.to_string()]);
    assert_eq!(
        resolution(&mut engine, &moved, "2025-01-06T23:00:00Z").due_at,
        Some(at("2025-01-07T05:00:00Z"))
    );
    assert_eq!(moved.team(), Some("night"));
    // The contract round-trips with its team and agent calendars.
    let set = with_teams();
    let text = serde_json::to_string(&set).unwrap();
    assert!(text.contains(r#""teams":{"night""#), "{text}");
    assert_eq!(ContractSet::from_json(&text).unwrap(), set);
}

/// Article 001: a negative public message goes to the social-media team, which acknowledges
/// within the hour; what the host confirms is recorded in the case and explains itself.
#[test]
fn a_public_complaint_is_escalated_and_the_escalation_recorded() {
    use kesher::live::{EscalationAction, EscalationRules, LiveCase};
    let contracts = ContractSet::from_json(
        r#"[{"name": "social", "calendar": "israel", "conditions": {"channels": ["twitter"]},
            "targets": [{"metric": "first_response", "within": 3600, "time": "calendar"}]}]"#,
    )
    .unwrap();
    let rules = EscalationRules::from_json(
        r#"{"rules": [{"name": "public complaint", "when": {"on": "public_negative_message"},
            "channels": ["twitter"], "then": [{"do": "assign_team", "team": "social"}, {"do": "acknowledge"}]}]}"#,
    )
    .unwrap();
    let mut engine = SlaEngine::new(contracts.clone());
    let mut live = LiveCase::new(kesher::CaseId::new("T-9").unwrap());
    let tweet = |id: &str, at: &str, text: &str| {
        CaseEvent::from_json(&format!(
            r#"{{"type": "interaction", "case_id": "T-9", "seq": {}, "id": "{id}", "customer_id": "c",
                "at": "{at}", "channel": "twitter", "direction": "inbound", "actor": {{"type": "customer"}},
                "kind": "message", "text": "{text}"}}"#,
            id.len()
        ))
        .unwrap()
    };
    let read = |live: &mut LiveCase, engine: &mut SlaEngine, e: CaseEvent| {
        let CaseEvent::Interaction(message) = e.clone() else {
            unreachable!()
        };
        let changes = live.apply(e.clone(), engine, e.at()).unwrap();
        rules.escalations(
            live,
            &changes,
            Some(&message),
            &contracts,
            kesher::Language::En,
        )
    };
    let first = tweet(
        "t1",
        "2025-01-05T10:00:00Z",
        "@shop worst service ever, I want my money back",
    );
    let asked = read(&mut live, &mut engine, first);
    assert_eq!(asked.len(), 2);
    assert_eq!(
        asked[0].action,
        EscalationAction::AssignTeam {
            team: "social".into()
        }
    );
    assert_eq!(asked[0].about, "t1");
    let ack = asked[1].message.clone().unwrap();
    assert!(ack.contains("within 1 hour"), "{ack}");
    // The host carries them out and records them.
    let case = live.case().unwrap().clone();
    let mut seq = 100;
    for a in &asked {
        for e in a.events(case.customer().id.clone(), case.priority(), seq) {
            live.apply(e, &mut engine, a.at).unwrap();
            seq += 1;
        }
        seq += 10;
    }
    let case = live.case().unwrap();
    assert_eq!(case.team(), Some("social"));
    let notes: Vec<&kesher::interaction::Interaction> = case
        .log()
        .iter()
        .filter(|i| {
            i.metadata.get("escalation_rule").map(String::as_str) == Some("public complaint")
        })
        .collect();
    assert_eq!(notes.len(), 3, "two notes and the acknowledgement");
    assert!(notes.iter().any(
        |i| i.kind == kesher::interaction::InteractionKind::Acknowledgement
            && i.text.as_deref() == Some(ack.as_str())
    ));
    // Thanks in public is not a complaint.
    let thanks = tweet(
        "t22",
        "2025-01-05T10:30:00Z",
        "@shop thanks, that was quick!",
    );
    assert!(read(&mut live, &mut engine, thanks).is_empty());
}

/// Triggers and actions are read as flat objects: each tag takes its own fields, and a field of
/// another tag, a missing one or an unknown tag is refused with the rule's path.
#[test]
fn escalation_rules_name_what_does_not_fit() {
    use kesher::live::{EscalationAction, EscalationRules, EscalationTrigger};
    let rule = |when: &str, then: &str| {
        EscalationRules::from_json(&format!(
            r#"[{{"name": "r", "when": {when}, "then": [{then}]}}]"#
        ))
    };
    let ok = rule(
        r#"{"on": "target_share", "share": 0.75, "metrics": ["first_response"]}"#,
        r#"{"do": "raise_priority", "to": "high"}"#,
    )
    .unwrap();
    let text = serde_json::to_string(&ok).unwrap();
    assert_eq!(EscalationRules::from_json(&text).unwrap(), ok);
    let trigger: EscalationTrigger = serde_json::from_str(r#"{"on": "breach"}"#).unwrap();
    assert_eq!(trigger, EscalationTrigger::Breach { metrics: vec![] });
    let action: EscalationAction =
        serde_json::from_str(r#"{"do": "notify", "group": "leads"}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&action).unwrap(),
        r#"{"do":"notify","group":"leads"}"#
    );
    for (when, then, field, words) in [
        (
            r#"{"on": "breach", "share": 0.5}"#,
            r#"{"do": "acknowledge"}"#,
            "[0].when",
            "share",
        ),
        (
            r#"{"on": "target_share"}"#,
            r#"{"do": "acknowledge"}"#,
            "[0].when",
            "share",
        ),
        (
            r#"{"on": "sometimes"}"#,
            r#"{"do": "acknowledge"}"#,
            "[0].when",
            "sometimes",
        ),
        (
            r#"{"on": "promise_broken", "metrics": []}"#,
            r#"{"do": "acknowledge"}"#,
            "[0].when",
            "metrics",
        ),
        (
            r#"{"on": "breach"}"#,
            r#"{"do": "notify"}"#,
            "[0].then[0]",
            "group",
        ),
        (
            r#"{"on": "breach"}"#,
            r#"{"do": "assign_team", "group": "x"}"#,
            "[0].then[0]",
            "group",
        ),
        (
            r#"{"on": "breach"}"#,
            r#"{"do": "shout"}"#,
            "[0].then[0]",
            "shout",
        ),
        (
            r#"{"on": "breach"}"#,
            r#"{"do": "notify", "group": "x", "colour": 1}"#,
            "[0].then[0].colour",
            "colour",
        ),
    ] {
        let err = rule(when, then).unwrap_err();
        assert_eq!(err.field(), Some(field), "{when} {then}: {err}");
        assert!(err.to_string().contains(words), "{when} {then}: {err}");
    }
}
