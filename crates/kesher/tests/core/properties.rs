//! Property tests: lossless JSON round-trips, fold-order independence, parsers that never panic.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use chrono::{DateTime, TimeZone, Utc};
use kesher::{case::*, customer::*, event::*, interaction::*, promise::*, sla::*, *};
use proptest::prelude::*;
use proptest::sample::select;

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 2000-01-01 .. 2040-01-01, with sub-second precision (the calendar module's rule 8).
    (
        946_684_800i64..2_208_988_800,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
    )
        .prop_map(|(s, n)| Utc.timestamp_opt(s, n).single().unwrap())
}

fn ident() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_\\-:/.@ א-ת]{1,20}"
}

fn channel() -> impl Strategy<Value = Channel> {
    prop_oneof![
        select(Channel::named().collect::<Vec<_>>()),
        "[a-z0-9_]{1,12}".prop_map(|n| Channel::custom(&n).unwrap()),
    ]
}

fn actor() -> impl Strategy<Value = Actor> {
    prop_oneof![
        Just(Actor::Customer),
        ident().prop_map(|a| Actor::Agent {
            id: AgentId::new(a).unwrap()
        }),
        proptest::option::of("[a-z]{1,8}").prop_map(|name| Actor::Bot { name }),
        Just(Actor::System),
    ]
}

fn kind() -> impl Strategy<Value = InteractionKind> {
    select(InteractionKind::ALL.to_vec())
}

fn emotion() -> impl Strategy<Value = EmotionAnnotation> {
    (
        -1.0f64..=1.0,
        select(vec![
            EmotionSource::AgentAnnotation,
            EmotionSource::Survey,
            EmotionSource::EmotionModel,
            EmotionSource::TextScorer,
        ]),
    )
        .prop_map(|(v, source)| EmotionAnnotation {
            value: Emotion::new(v).unwrap(),
            source,
        })
}

fn interaction(case: &'static str, seq: u64) -> impl Strategy<Value = Interaction> {
    (
        ident(),
        instant(),
        channel(),
        actor(),
        kind(),
        proptest::option::of(".{0,40}"),
        proptest::option::of(emotion()),
        proptest::collection::btree_map("[a-z]{1,6}", ".{0,10}", 0..3),
        proptest::option::of(ident()),
    )
        .prop_map(
            move |(id, at, channel, actor, kind, text, emotion, metadata, reply)| {
                let direction = if actor == Actor::Customer {
                    Direction::Inbound
                } else {
                    Direction::Outbound
                };
                let kind = if actor == Actor::Customer {
                    InteractionKind::Message
                } else {
                    kind
                };
                Interaction {
                    id: InteractionId::new(format!("{id}-{seq}")).unwrap(),
                    customer_id: CustomerId::new("cu-1").unwrap(),
                    case_id: Some(CaseId::new(case).unwrap()),
                    seq,
                    at,
                    channel,
                    direction,
                    actor,
                    kind,
                    in_reply_to: reply.map(|r| InteractionId::new(r).unwrap()),
                    text,
                    emotion,
                    metadata,
                }
            },
        )
}

fn status() -> impl Strategy<Value = CaseStatus> {
    select(
        CaseStatus::ALL
            .iter()
            .copied()
            .filter(|s| *s != CaseStatus::Released)
            .collect::<Vec<_>>(),
    )
}

/// An event of case `T-1` with sequence number `seq` (so a sequence of them has unique keys).
fn event(seq: u64) -> impl Strategy<Value = CaseEvent> {
    let case = || CaseId::new("T-1").unwrap();
    let agent = || ident().prop_map(|a| AgentId::new(a).unwrap());
    prop_oneof![
        4 => interaction("T-1", seq).prop_map(CaseEvent::Interaction),
        2 => (instant(), status()).prop_map(move |(at, to)| CaseEvent::StatusChanged(StatusChanged {
            case_id: case(), seq, at, to, actor: None, reason: None })),
        1 => (instant(), agent(), proptest::option::of("[a-z]{1,6}")).prop_map(move |(at, agent, team)| CaseEvent::Assigned(Assigned {
            case_id: case(), seq, at, agent, team })),
        1 => (instant(), agent(), proptest::option::of(agent())).prop_map(move |(at, to, from)|
            CaseEvent::Transferred(Transferred { case_id: case(), seq, at, from, to, team: None, reason: None })),
        1 => (instant(), "[a-z]{1,8}").prop_map(move |(at, category)| CaseEvent::ProblemUpdated(ProblemUpdated {
            case_id: case(), seq, at, problem: Problem { category, description: None } })),
        1 => (instant(), select(vec![Priority::Low, Priority::Normal, Priority::High, Priority::Urgent]))
            .prop_map(move |(at, priority)| CaseEvent::PriorityChanged(PriorityChanged { case_id: case(), seq, at, priority })),
        1 => (instant(), 0i64..100_000).prop_map(move |(at, minutes)| CaseEvent::PromiseMade(PromiseMade {
            case_id: case(), seq, at, promise_id: format!("p{seq}"), kind: PromiseKind::Callback, owner: None,
            channel: Some(Channel::Phone), due: at + chrono::TimeDelta::minutes(minutes), description: None })),
        1 => (instant(), 0u64..6).prop_map(move |(at, p)| CaseEvent::PromiseKept(PromiseUpdate {
            case_id: case(), seq, at, promise_id: format!("p{p}"), reason: None })),
        1 => (instant(), "[a-z][a-z0-9-]{0,8}").prop_map(move |(at, contract)| CaseEvent::ContractChanged(ContractChanged {
            case_id: case(), seq, at, contract, reason: Some("escalated".into()) })),
        1 => (instant(), proptest::option::of(0i64..100_000)).prop_map(move |(at, refund)| CaseEvent::Released(Released {
            case_id: case(), seq, at, refund: refund.map(|m| Money::new(m, "ILS").unwrap()), note: Some("thanks".into()) })),
        1 => (instant(), channel()).prop_map(move |(at, channel)| CaseEvent::Opened(Box::new(CaseOpened {
            case_id: case(), seq, at,
            customer: CustomerDetails { id: CustomerId::new("cu-1").unwrap(), name: Some("Dana".into()), email: None, phone: None, segments: ["vip".to_string()].into() },
            channel, problem: None, order: None, priority: Priority::High,
            metadata: [("brand".to_string(), "acme".to_string())].into() }))),
    ]
}

fn events() -> impl Strategy<Value = Vec<CaseEvent>> {
    (1usize..14).prop_flat_map(|n| (0..n as u64).map(event).collect::<Vec<_>>())
}

fn customer() -> impl Strategy<Value = Customer> {
    (
        ident(),
        ".{1,20}",
        proptest::collection::vec(instant(), 0..4),
        proptest::collection::btree_set("[a-z]{1,6}", 0..3),
        proptest::option::of(0i64..1_000_000),
        proptest::option::of(select(vec![
            "Asia/Jerusalem",
            "America/New_York",
            "Europe/London",
        ])),
        proptest::collection::vec((instant(), any::<bool>()), 0..3),
    )
        .prop_filter("a name is not blank", |c| !c.1.trim().is_empty())
        .prop_map(|(id, name, purchases, segments, cost, tz, consents)| {
            let mut c = Customer::new(CustomerId::new(id).unwrap(), name);
            c.purchases = purchases
                .into_iter()
                .enumerate()
                .map(|(i, at)| Purchase {
                    order_ref: OrderRef::new(format!("SO-{i}")).unwrap(),
                    purchased_at: at,
                    items: vec![LineItem {
                        sku: None,
                        description: "Kettle".into(),
                        quantity: 1,
                        unit_price: Money::new(19900, "ILS").unwrap(),
                    }],
                    total: Money::new(19900, "ILS").unwrap(),
                })
                .collect();
            c.segments = segments;
            c.acquisition_cost = cost.map(|m| Money::new(m, "ILS").unwrap());
            c.time_zone = tz.map(|t| t.parse().unwrap());
            c.birthday = chrono::NaiveDate::from_ymd_opt(1990, 4, 12);
            c.contact_points =
                vec![ContactPoint::new(Channel::Email, "dana@example.com", true).unwrap()];
            c.consents = consents
                .into_iter()
                .map(|(at, granted)| Consent {
                    topic: ConsentTopic::Surveys,
                    granted,
                    at,
                })
                .collect();
            c
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn events_round_trip_through_json(events in events()) {
        for e in events {
            let text = e.to_json();
            let back = CaseEvent::from_json(&text);
            // Events the generator makes may break validation rules; those must fail the same way
            // before and after serialization, and valid ones must come back identical.
            match e.validate() {
                Ok(()) => {
                    // What kesher writes also fits the published schema.
                    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                    prop_assert!(event_schema().is_valid(&value), "{}", text);
                    prop_assert_eq!(back.unwrap(), e)
                }
                Err(err) => prop_assert_eq!(back.unwrap_err(), err),
            }
        }
    }

    #[test]
    fn customers_round_trip_through_json(c in customer()) {
        let text = serde_json::to_string(&c).unwrap();
        prop_assert_eq!(Customer::from_json(&text).unwrap(), c);
    }

    #[test]
    fn cases_round_trip_through_json(events in events()) {
        let mut log = CaseLog::default();
        for e in events { log.insert(e); }
        if let Some(case) = log.fold_lenient().case {
            let text = serde_json::to_string(&case).unwrap();
            let back: Case = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(back, case);
        }
    }

    /// A live case fed one event at a time (in order, or in any order) holds the lenient fold
    /// of all of them, with the same rejections; an invalid event (one no case can take) is
    /// refused at once and changes nothing.
    #[test]
    fn live_cases_hold_the_lenient_fold(events in events(), seed in any::<u64>(), in_order in any::<bool>()) {
        let events: Vec<CaseEvent> = events.into_iter().filter(|e| e.validate().is_ok()).collect();
        prop_assume!(!events.is_empty());
        let mut arrival = events.clone();
        if in_order {
            arrival.sort_by_key(|e| e.order_key());
        } else {
            let mut state = seed | 1;
            for i in (1..arrival.len()).rev() {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                arrival.swap(i, (state >> 33) as usize % (i + 1));
            }
        }
        if seed % 3 == 0 {
            // An at-least-once delivery: an event comes twice.
            arrival.push(events[seed as usize % events.len()].clone());
        }
        let mut log = CaseLog::default();
        for e in &events { log.insert(e.clone()); }
        let outcome = log.fold_lenient();
        let mut engine = SlaEngine::new(ContractSet::from_json("[]").unwrap());
        let now = Utc.timestamp_opt(2_208_988_800, 0).single().unwrap();
        let mut live = kesher::live::LiveCase::new(CaseId::new("T-1").unwrap());
        for e in arrival { live.apply(e, &mut engine, now).unwrap(); }
        let before = live.to_snapshot();
        let stranger = events[0].to_json().replace(r#""case_id":"T-1""#, r#""case_id":"T-2""#);
        let stranger = CaseEvent::from_json(&stranger).unwrap();
        prop_assert!(live.apply(stranger, &mut engine, now).is_err());
        prop_assert_eq!(live.to_snapshot(), before);
        prop_assert_eq!(live.case(), outcome.case.as_ref());
        let errors = |r: &[RejectedEvent]| r.iter().map(|r| (r.event_type, r.error.clone())).collect::<Vec<_>>();
        prop_assert_eq!(errors(live.rejected()), errors(&outcome.rejected));
        let text = live.to_snapshot();
        let back = kesher::live::LiveCase::from_snapshot(&text).unwrap();
        prop_assert_eq!(back.case(), live.case());
        prop_assert_eq!(back.to_snapshot(), text);
    }

    #[test]
    fn fold_is_independent_of_input_order(events in events(), seed in any::<u64>()) {
        let mut shuffled = events.clone();
        // Fisher–Yates with a small LCG: proptest shrinks `seed`, not the permutation.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let fold = |evs: &[CaseEvent]| {
            let mut log = CaseLog::default();
            for e in evs { log.insert(e.clone()); }
            let outcome = log.fold_lenient();
            let rejected: Vec<_> = outcome.rejected.into_iter().map(|r| (r.event_type, r.error)).collect();
            (log.fold(), outcome.case, rejected)
        };
        prop_assert_eq!(fold(&events), fold(&shuffled));
    }

    /// The importers' fold of one case's events as they came (`FoldOutcome::of_events`) is the
    /// lenient fold of the log they make, in any order, with repeats (kept once) and conflicts
    /// (two different events at one instant and sequence number, both rejected).
    #[test]
    fn a_case_folded_from_its_events_is_the_fold_of_their_log(
        events in events(), seed in any::<u64>(), repeat in any::<bool>(), conflict in any::<bool>()
    ) {
        let mut arrival = events.clone();
        let mut state = seed | 1;
        for i in (1..arrival.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            arrival.swap(i, (state >> 33) as usize % (i + 1));
        }
        let pick = seed as usize % events.len();
        if repeat {
            arrival.insert(pick % arrival.len(), events[pick].clone());
        }
        if conflict {
            let mut other = events[pick].clone();
            match &mut other {
                CaseEvent::Interaction(i) => i.text = Some(format!("{:?} again", i.text)),
                CaseEvent::StatusChanged(e) => e.reason = Some("another reason".into()),
                _ => {}
            }
            arrival.push(other);
        }
        let mut log = CaseLog::default();
        for (origin, e) in arrival.iter().enumerate() {
            log.insert_with_origin(e.clone(), origin as u64);
        }
        let numbered: Vec<(u64, CaseEvent)> = arrival.into_iter().enumerate().map(|(o, e)| (o as u64, e)).collect();
        let outcome = FoldOutcome::of_events(numbered);
        prop_assert_eq!(&outcome, &log.fold_lenient());
        prop_assert_eq!(outcome, log.into_outcome());
    }

    #[test]
    fn duplicated_delivery_changes_nothing(events in events()) {
        let mut once = CaseLog::default();
        let mut twice = CaseLog::default();
        for e in &events {
            once.insert(e.clone());
            twice.insert(e.clone());
            twice.insert(e.clone());
        }
        prop_assert_eq!(once.fold(), twice.fold());
    }

    #[test]
    fn event_parser_never_panics_on_arbitrary_json(value in arbitrary_json()) {
        let _ = CaseEvent::from_value(value.clone());
        let _ = CaseEvent::from_json(&value.to_string());
        let _ = Customer::from_json(&value.to_string());
    }

    #[test]
    fn event_parser_never_panics_on_event_shaped_json(
        ty in select(EVENT_TYPES.to_vec()),
        fields in proptest::collection::btree_map(
            select(vec!["case_id", "seq", "at", "id", "customer_id", "channel", "direction", "actor",
                        "kind", "to", "agent", "customer", "refund", "emotion", "problem", "priority"]),
            arbitrary_json(), 0..10),
    ) {
        let mut map: serde_json::Map<String, serde_json::Value> =
            fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        map.insert("type".into(), ty.into());
        let _ = CaseEvent::from_value(serde_json::Value::Object(map));
    }

    #[test]
    fn event_parser_never_panics_on_arbitrary_text(text in ".{0,200}") {
        let _ = CaseEvent::from_json(&text);
    }
}

fn event_schema() -> &'static jsonschema::Validator {
    static SCHEMA: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let schema =
            serde_json::from_str(include_str!("../../../../docs/schema/event.schema.json"))
                .unwrap();
        jsonschema::validator_for(&schema).unwrap()
    })
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        select(vec![
            "2025-01-05T09:00:00Z",
            "email",
            "inbound",
            "customer",
            "T-1",
            "resolved"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    ".{0,6}",
                    select(vec!["type", "id", "at", "value", "source"]).prop_map(String::from)
                ],
                inner,
                0..5
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
