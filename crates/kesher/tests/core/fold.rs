//! Behaviour of the case fold: the status machine, implied transitions and derived facts.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use crate::common;

use chrono::TimeDelta;
use common::*;
use kesher::{case::Trigger, CaseStatus, Channel, ErrorKind};
use serde_json::json;

#[test]
fn opened_event_carries_ticket_details() {
    let case = log_of(&[opened(0), customer(1, 1)]).fold().unwrap();
    assert_eq!(case.customer().name.as_deref(), Some("Dana Levi"));
    assert_eq!(case.customer().email.as_deref(), Some("dana@example.com"));
    assert_eq!(case.order().map(|o| o.order_ref.as_str()), Some("SO-1"));
    assert_eq!(
        case.order()
            .and_then(|o| o.purchased_at)
            .map(|t| t.to_rfc3339()),
        Some("2024-12-20T10:00:00+00:00".into())
    );
    assert_eq!(
        case.problem().map(|p| p.category.as_str()),
        Some("delivery")
    );
    assert_eq!(case.first_channel(), &Channel::Email);
    assert_eq!(case.status(), CaseStatus::Received);
    assert_eq!(case.log().len(), 1);
    assert_eq!(case.event_count(), 2);
}

#[test]
fn without_opened_event_the_first_interaction_names_customer_and_channel() {
    let mut first = customer(1, 5);
    first["channel"] = json!("voicemail");
    first["kind"] = json!("voicemail");
    let case = log_of(&[agent(2, 30, "dana"), first]).fold().unwrap();
    assert_eq!(case.customer().id.as_str(), "cu-1");
    assert_eq!(case.first_channel(), &Channel::Voicemail);
    assert_eq!(case.opened_at().to_rfc3339(), "2025-01-05T09:05:00+00:00");
}

#[test]
fn illegal_transition_names_both_states() {
    let err = log_of(&[opened(0), status(1, 1, "closed")])
        .fold()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::IllegalTransition);
    assert_eq!(
        err.to_string(),
        "illegal status transition from `received` to `closed` in case `T-1` (event seq 1)"
    );
}

#[test]
fn every_transition_follows_the_table() {
    use CaseStatus::*;
    let allowed = [
        (
            Received,
            vec![
                Acknowledged,
                InProgress,
                WaitingOnCustomer,
                Resolved,
                Released,
            ],
        ),
        (
            Acknowledged,
            vec![InProgress, WaitingOnCustomer, Resolved, Released],
        ),
        (InProgress, vec![WaitingOnCustomer, Resolved, Released]),
        (WaitingOnCustomer, vec![InProgress, Resolved, Released]),
        (Resolved, vec![Closed, Reopened]),
        (Closed, vec![Reopened]),
        (
            Reopened,
            vec![InProgress, WaitingOnCustomer, Resolved, Released],
        ),
        (Released, vec![]),
    ];
    for (from, tos) in allowed {
        for to in CaseStatus::ALL {
            assert_eq!(from.can_become(to), tos.contains(&to), "{from} → {to}");
        }
    }
}

#[test]
fn same_status_again_changes_nothing() {
    let case = log_of(&[
        opened(0),
        status(1, 1, "in_progress"),
        status(2, 2, "in_progress"),
    ])
    .fold()
    .unwrap();
    assert_eq!(case.status_history().len(), 1);
}

#[test]
fn interactions_imply_transitions() {
    let ack = msg(1, 1, "outbound", json!({"type": "bot"}), "acknowledgement");
    let case = log_of(&[
        opened(0),
        ack,
        agent(2, 10, "dana"),
        status(3, 11, "waiting_on_customer"),
        customer(4, 20),
        status(5, 21, "resolved"),
        customer(6, 30),
    ])
    .fold()
    .unwrap();
    let path: Vec<_> = case.status_history().iter().map(|t| t.to.name()).collect();
    assert_eq!(
        path,
        [
            "acknowledged",
            "in_progress",
            "waiting_on_customer",
            "in_progress",
            "resolved",
            "reopened"
        ]
    );
    assert_eq!(
        case.status_history()[0].trigger,
        Trigger::Interaction {
            id: "i-1".try_into().unwrap()
        }
    );
    assert_eq!(case.status(), CaseStatus::Reopened);
    assert_eq!(case.facts().reopened, 1);
    assert!(!case.facts().first_contact_resolved);
}

#[test]
fn late_events_merge_by_timestamp_and_ties_by_seq() {
    let events = [
        opened(0),
        status(2, 10, "resolved"),
        status(1, 10, "in_progress"),
    ];
    let case = log_of(&events).fold().unwrap();
    assert_eq!(case.status(), CaseStatus::Resolved);
    let reversed: Vec<_> = events.iter().rev().cloned().collect();
    assert_eq!(log_of(&reversed).fold().unwrap(), case);
}

#[test]
fn first_contact_resolution() {
    let resolved = log_of(&[
        opened(0),
        customer(1, 1),
        agent(2, 20, "dana"),
        status(3, 21, "resolved"),
    ])
    .fold()
    .unwrap();
    assert!(resolved.facts().first_contact_resolved);

    // A further contact after the answer: not FCR.
    let again = log_of(&[
        opened(0),
        customer(1, 1),
        agent(2, 20, "dana"),
        customer(3, 25),
        agent(4, 30, "dana"),
        status(5, 31, "resolved"),
    ])
    .fold()
    .unwrap();
    assert!(!again.facts().first_contact_resolved);

    // A transfer: not FCR.
    let transferred = log_of(&[
        opened(0),
        customer(1, 1),
        json!({"type": "transferred", "case_id": "T-1", "seq": 2, "at": at(5), "to": "billing"}),
        agent(3, 20, "billing"),
        status(4, 21, "resolved"),
    ])
    .fold()
    .unwrap();
    assert!(!transferred.facts().first_contact_resolved);
    assert_eq!(transferred.transfers(), 1);

    // Internal notes and system messages are not contacts.
    let with_note = log_of(&[
        opened(0),
        customer(1, 1),
        agent(2, 20, "dana"),
        msg(
            3,
            22,
            "outbound",
            json!({"type": "agent", "id": "dana"}),
            "internal_note",
        ),
        msg(
            4,
            23,
            "outbound",
            json!({"type": "system"}),
            "status_change",
        ),
        status(5, 24, "resolved"),
    ])
    .fold()
    .unwrap();
    assert!(with_note.facts().first_contact_resolved);

    // Open cases are not FCR yet.
    let open = log_of(&[opened(0), customer(1, 1), agent(2, 20, "dana")])
        .fold()
        .unwrap();
    assert!(!open.facts().first_contact_resolved);

    // A phone call that took place is its own first response.
    let mut call = customer(1, 1);
    call["channel"] = json!("phone");
    call["kind"] = json!("call");
    let phone = log_of(&[opened(0), call, status(2, 10, "resolved")])
        .fold()
        .unwrap();
    assert!(phone.facts().first_contact_resolved);
}

#[test]
fn reassignment_counts_as_transfer_and_agents_are_remembered() {
    let assign = |seq: u64, m: u32, a: &str| json!({"type": "assigned", "case_id": "T-1", "seq": seq, "at": at(m), "agent": a});
    let case = log_of(&[
        opened(0),
        assign(1, 1, "dana"),
        assign(2, 2, "dana"),
        assign(3, 3, "yossi"),
        agent(4, 4, "noa"),
    ])
    .fold()
    .unwrap();
    assert_eq!(case.transfers(), 1);
    assert_eq!(case.assignee().map(|a| a.as_str()), Some("yossi"));
    let agents: Vec<_> = case.agents().iter().map(|a| a.as_str()).collect();
    assert_eq!(agents, ["dana", "yossi", "noa"]);
}

#[test]
fn first_human_response_ignores_bots_and_acknowledgements() {
    let case = log_of(&[
        opened(0),
        customer(1, 1),
        msg(
            2,
            2,
            "outbound",
            json!({"type": "bot", "name": "faq"}),
            "acknowledgement",
        ),
        msg(3, 3, "outbound", json!({"type": "bot"}), "message"),
        msg(
            4,
            4,
            "outbound",
            json!({"type": "agent", "id": "d"}),
            "acknowledgement",
        ),
        agent(5, 45, "dana"),
    ])
    .fold()
    .unwrap();
    assert_eq!(
        case.facts().time_to_first_human_response,
        Some(TimeDelta::minutes(45))
    );
}

#[test]
fn unanswered_inbound_and_back_and_forth() {
    let mut voicemail = customer(4, 50);
    voicemail["channel"] = json!("voicemail");
    voicemail["kind"] = json!("voicemail");
    voicemail["id"] = json!("vm-1");
    let case = log_of(&[
        opened(0),
        customer(1, 1),
        customer(2, 2),
        agent(3, 20, "dana"),
        voicemail,
        msg(5, 55, "outbound", json!({"type": "bot"}), "acknowledgement"),
    ])
    .fold()
    .unwrap();
    let facts = case.facts();
    assert_eq!(
        facts
            .unanswered_inbound
            .iter()
            .map(|i| i.as_str())
            .collect::<Vec<_>>(),
        ["vm-1"]
    );
    assert!(facts.has_unanswered_inbound());
    assert_eq!(facts.back_and_forth, 2);
    assert_eq!(facts.customer_contacts, 3);
    assert_eq!(facts.channels, [Channel::Email, Channel::Voicemail]);
    assert!(!facts.public);
}

#[test]
fn release_is_a_distinct_outcome() {
    let case = log_of(&[
        opened(0),
        customer(1, 1),
        json!({"type": "released", "case_id": "T-1", "seq": 2, "at": at(30),
               "refund": {"amount_minor": 19900, "currency": "ILS"},
               "note": "Here is your refund, we hope you'll consider us again"}),
    ])
    .fold()
    .unwrap();
    assert_eq!(case.status(), CaseStatus::Released);
    assert!(case.status().is_terminal());
    assert_eq!(
        case.release().and_then(|r| r.refund).map(|m| m.to_string()),
        Some("199.00 ILS".into())
    );
    assert!(!case.facts().first_contact_resolved);
    assert_eq!(case.facts().resolved_at, None);
    // Nothing follows a release.
    let err = log_of(&[
        opened(0),
        json!({"type": "released", "case_id": "T-1", "seq": 1, "at": at(1)}),
        status(2, 2, "in_progress"),
    ])
    .fold()
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::IllegalTransition);
}

#[test]
fn resolution_time_is_measured_to_the_last_resolution() {
    let case = log_of(&[
        opened(0),
        customer(1, 0),
        status(2, 10, "resolved"),
        status(3, 20, "reopened"),
        status(4, 90, "resolved"),
        status(5, 95, "closed"),
    ])
    .fold()
    .unwrap();
    assert_eq!(
        case.facts().time_to_resolution,
        Some(TimeDelta::minutes(90))
    );
    assert_eq!(case.status(), CaseStatus::Closed);
}

#[test]
fn duplicates_are_kept_once_and_conflicts_are_errors() {
    let log = log_of(&[opened(0), customer(1, 1), customer(1, 1)]);
    assert_eq!((log.len(), log.duplicates()), (2, 1));
    let mut other = customer(1, 1);
    other["text"] = json!("a different event with the same seq");
    let conflicted = log_of(&[opened(0), customer(1, 1), other]);
    let err = conflicted.fold().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ConflictingEvent);
    let outcome = conflicted.fold_lenient();
    assert_eq!(
        outcome
            .rejected
            .iter()
            .map(|r| r.origin)
            .collect::<Vec<_>>(),
        [2, 3]
    );
    assert!(outcome.case.is_some());
}

#[test]
fn second_opened_and_missing_customer_are_errors() {
    let err = log_of(&[opened(0), opened(5)]).fold().unwrap_err();
    assert_eq!(err.field(), Some("type"));
    let err = log_of(&[status(1, 1, "in_progress")]).fold().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingField);
    assert!(err.to_string().contains("no `opened` event"), "{err}");
    // Leniently, every event of a case that cannot be made is rejected.
    let outcome = log_of(&[status(1, 1, "in_progress"), status(2, 2, "resolved")]).fold_lenient();
    assert!(outcome.case.is_none());
    assert_eq!(outcome.rejected.len(), 2);
}

#[test]
fn a_rejected_event_leaves_the_case_as_it_was() {
    let outcome = log_of(&[
        opened(0),
        status(1, 1, "closed"),
        status(2, 2, "in_progress"),
    ])
    .fold_lenient();
    let case = outcome.case.unwrap();
    assert_eq!(case.status(), CaseStatus::InProgress);
    assert_eq!(case.event_count(), 2);
    assert_eq!(outcome.rejected.len(), 1);
    assert_eq!(outcome.rejected[0].origin, 2);
}

#[test]
fn event_validation_errors_name_field_and_value() {
    let bad = |v: serde_json::Value| kesher::event::CaseEvent::from_value(v).unwrap_err();
    let mut wrong_side = customer(1, 1);
    wrong_side["direction"] = json!("outbound");
    assert_eq!(bad(wrong_side).field(), Some("direction"));

    let mut no_case = customer(1, 1);
    no_case.as_object_mut().unwrap().remove("case_id");
    assert_eq!(bad(no_case).kind(), ErrorKind::MissingField);

    let mut emotion = customer(1, 1);
    emotion["emotion"] = json!({"value": -1.5, "source": "survey"});
    let err = bad(emotion);
    assert_eq!(err.field(), Some("emotion.value"));
    assert!(err.to_string().contains("`-1.5`"), "{err}");

    let mut when = customer(1, 1);
    when["at"] = json!("05/01/2025 09:00");
    let err = bad(when);
    assert_eq!(err.field(), Some("at"));
    assert!(err.to_string().contains("`05/01/2025 09:00`"), "{err}");

    let mut unknown = customer(1, 1);
    unknown["chanel"] = json!("email");
    assert!(bad(unknown).to_string().contains("chanel"));

    let err = bad(json!({"type": "merged", "case_id": "T-1", "at": at(0)}));
    assert_eq!(err.field(), Some("type"));
    assert!(
        err.to_string()
            .starts_with("invalid type `merged`: expected one of opened, interaction"),
        "{err}"
    );

    let err = bad(
        json!({"type": "released", "case_id": "T-1", "at": at(0), "refund": {"amount_minor": -5, "currency": "ILS"}}),
    );
    assert_eq!(err.field(), Some("refund.amount_minor"));
}
