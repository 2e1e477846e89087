//! Shared workloads for the benchmarks and the agreement tests: the same inputs and the same
//! calendar for kesher and its peers.

use chrono::TimeDelta;
use jiff::civil::{Date, Time};
use kesher::calendar::{Calendar, HolidayEffect, HolidayRules, IsraelDesk, IsraelHolidays};
use workclock::{Holidays, Schedule, WorkDay};

/// 2024-01-01T00:00:00Z.
pub const FROM: i64 = 1_704_067_200;
/// Two years later, 2026-01-01T00:00:00Z.
pub const TO: i64 = 1_767_225_600;

/// A small deterministic generator (SplitMix64), so every run and every language sees the
/// same inputs.
#[derive(Debug, Clone)]
pub struct SplitMix(pub u64);

impl SplitMix {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[lo, hi)`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo).unwrap_or(1).max(1);
        lo + i64::try_from(self.next_u64() % span).unwrap_or(0)
    }
}

/// How many items a benchmark runs on: `full` under `cargo bench` (or `KESHER_BENCH_N` when
/// set), and a thousand when the bench binaries run as tests (`cargo test --all-targets`), so
/// the test suite stays quick while still running every benchmark body once.
pub fn bench_size(full: usize) -> usize {
    if std::env::args().any(|a| a == "--bench") {
        std::env::var("KESHER_BENCH_N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(full)
    } else {
        1_000
    }
}

/// `n` ticket-open instants (epoch seconds), uniform over 2024–2025.
pub fn ticket_opens(n: usize, seed: u64) -> Vec<i64> {
    let mut rng = SplitMix(seed);
    (0..n).map(|_| rng.between(FROM, TO)).collect()
}

/// `n` (start, end) pairs with the end up to 30 days after the start.
pub fn pairs(n: usize, seed: u64) -> (Vec<i64>, Vec<i64>) {
    let mut rng = SplitMix(seed);
    (0..n)
        .map(|_| {
            let a = rng.between(FROM, TO);
            (a, a + rng.between(0, 30 * 86_400))
        })
        .unzip()
}

/// The Israeli preset as shipped (eves until 13:00).
pub fn israel() -> Calendar {
    Calendar::israel_desk().unwrap_or_else(|e| unreachable(&e))
}

/// The United States preset (`Calendar::us_desk()`: New York, weekdays 09:00–17:00, federal
/// holidays).
pub fn new_york() -> Calendar {
    Calendar::us_desk().unwrap_or_else(|e| unreachable(&e))
}

/// The Israeli preset without reduced eves: what `workclock` can express (weekly hours plus
/// closed dates), so both engines answer the same question.
pub fn israel_plain() -> Calendar {
    let desk = IsraelDesk {
        holidays: IsraelHolidays {
            eve_hours: None,
            chol_hamoed_hours: None,
        },
        ..IsraelDesk::default()
    };
    Calendar::israel(&desk).unwrap_or_else(|e| unreachable(&e))
}

fn unreachable(e: &kesher::Error) -> ! {
    // The presets are valid by construction; a failure here is a bug in kesher.
    eprintln!("preset failed: {e}");
    std::process::abort()
}

/// The closed Israeli holidays of 2023–2027, as computed by kesher.
pub fn israel_closed_dates() -> Vec<chrono::NaiveDate> {
    let rules = HolidayRules::Israel(IsraelHolidays::default());
    (2023..=2027)
        .flat_map(|y| rules.observances(y))
        .filter(|o| o.effect == HolidayEffect::Closed)
        .map(|o| o.date)
        .collect()
}

/// [`israel_plain`] as a `workclock` schedule.
pub fn israel_workclock() -> Result<Schedule, workclock::Error> {
    use jiff::civil::Weekday::*;
    let sun_thu = [Sunday, Monday, Tuesday, Wednesday, Thursday]
        .into_iter()
        .collect();
    let friday = [Friday].into_iter().collect();
    let dates: Vec<Date> = israel_closed_dates()
        .into_iter()
        .filter_map(|d| {
            use chrono::Datelike;
            Date::new(
                i16::try_from(d.year()).ok()?,
                i8::try_from(d.month()).ok()?,
                i8::try_from(d.day()).ok()?,
            )
            .ok()
        })
        .collect();
    Schedule::builder()
        .time_zone("Asia/Jerusalem")
        .rule(WorkDay::new(hm(9), hm(17), sun_thu))
        .rule(WorkDay::new(hm(9), hm(13), friday))
        .rule(Holidays::new(dates))
        .build()
}

fn hm(hour: i8) -> Time {
    Time::constant(hour, 0, 0, 0)
}

/// Four business hours, the first-response target of the benchmarks.
pub fn four_hours() -> TimeDelta {
    TimeDelta::hours(4)
}

/// `n` cases of 10 events each (open, question, bot acknowledgement, answer, waiting on the
/// customer, the customer's reply, a second answer, a priority change in one case of four,
/// resolution, follow-up, closure), opened uniformly over 2024–2025.
pub fn case_logs(n: usize, seed: u64) -> Vec<kesher::case::CaseLog> {
    let mut rng = SplitMix(seed);
    (0..n).map(|i| one_case(i, &mut rng, FROM, TO)).collect()
}

/// The cases of [`case_logs`], opened uniformly between `from` and `to` (epoch seconds).
pub fn case_logs_opened_between(
    n: usize,
    seed: u64,
    from: i64,
    to: i64,
) -> Vec<kesher::case::CaseLog> {
    let mut rng = SplitMix(seed);
    (0..n).map(|i| one_case(i, &mut rng, from, to)).collect()
}

fn one_case(i: usize, rng: &mut SplitMix, from: i64, to: i64) -> kesher::case::CaseLog {
    use kesher::{case::*, event::*, interaction::*, *};
    let id = CaseId::new(format!("T-{i}")).unwrap_or_else(|e| unreachable(&e));
    let customer = CustomerId::new(format!("c-{}", i % 50_000)).unwrap_or_else(|e| unreachable(&e));
    let agent = AgentId::new(format!("agent-{}", i % 40)).unwrap_or_else(|e| unreachable(&e));
    let channel = match i % 4 {
        0 => Channel::Email,
        1 => Channel::Twitter,
        2 => Channel::Phone,
        _ => Channel::Chat,
    };
    let mut t = rng.between(from, to);
    let mut at = |gap: i64, rng: &mut SplitMix| {
        t += rng.between(gap / 2, gap * 2);
        chrono::DateTime::from_timestamp(t, 0).unwrap_or_default()
    };
    let mut log = CaseLog::default();
    let opened = at(0, rng);
    log.insert(CaseEvent::Opened(Box::new(CaseOpened {
        case_id: id.clone(),
        seq: 0,
        at: opened,
        customer: CustomerDetails {
            id: customer.clone(),
            name: None,
            email: None,
            phone: None,
            segments: Default::default(),
        },
        channel: channel.clone(),
        problem: None,
        order: None,
        priority: Priority::Normal,
        metadata: Default::default(),
    })));
    let mut seq = 0;
    let mut interaction = |at: chrono::DateTime<chrono::Utc>, direction, actor, kind| {
        seq += 1;
        CaseEvent::Interaction(Interaction {
            id: InteractionId::new(format!("{id}-{seq}")).unwrap_or_else(|e| unreachable(&e)),
            customer_id: customer.clone(),
            case_id: Some(id.clone()),
            seq,
            at,
            channel: channel.clone(),
            direction,
            actor,
            kind,
            in_reply_to: None,
            text: None,
            emotion: None,
            metadata: Default::default(),
        })
    };
    let agent_actor = Actor::Agent { id: agent.clone() };
    log.insert(interaction(
        opened,
        Direction::Inbound,
        Actor::Customer,
        InteractionKind::Message,
    ));
    log.insert(interaction(
        at(30, rng),
        Direction::Outbound,
        Actor::Bot { name: None },
        InteractionKind::Acknowledgement,
    ));
    log.insert(interaction(
        at(3_600, rng),
        Direction::Outbound,
        agent_actor.clone(),
        InteractionKind::Message,
    ));
    let waiting = at(60, rng);
    log.insert(CaseEvent::StatusChanged(StatusChanged {
        case_id: id.clone(),
        seq: 20,
        at: waiting,
        to: CaseStatus::WaitingOnCustomer,
        actor: None,
        reason: None,
    }));
    log.insert(interaction(
        at(7_200, rng),
        Direction::Inbound,
        Actor::Customer,
        InteractionKind::Message,
    ));
    log.insert(interaction(
        at(3_600, rng),
        Direction::Outbound,
        agent_actor.clone(),
        InteractionKind::Message,
    ));
    if i % 4 == 0 {
        log.insert(CaseEvent::PriorityChanged(PriorityChanged {
            case_id: id.clone(),
            seq: 21,
            at: at(60, rng),
            priority: Priority::High,
        }));
    }
    log.insert(CaseEvent::StatusChanged(StatusChanged {
        case_id: id.clone(),
        seq: 22,
        at: at(1_800, rng),
        to: CaseStatus::Resolved,
        actor: None,
        reason: None,
    }));
    log.insert(interaction(
        at(86_400, rng),
        Direction::Outbound,
        agent_actor,
        InteractionKind::FollowUp,
    ));
    log.insert(CaseEvent::StatusChanged(StatusChanged {
        case_id: id,
        seq: 23,
        at: at(3_600, rng),
        to: CaseStatus::Closed,
        actor: None,
        reason: None,
    }));
    log
}

/// The contracts of the fold + SLA benchmark: every target, on the Israeli preset.
pub fn bench_contracts() -> kesher::sla::ContractSet {
    kesher::sla::ContractSet::from_json(
        r#"[{"name": "std", "calendar": "israel", "targets": [
            {"metric": "acknowledgement", "within": 900, "time": "calendar"},
            {"metric": "first_response", "within": {"urgent": 3600, "high": 7200, "normal": 14400, "low": 28800}},
            {"metric": "next_response", "within": 14400},
            {"metric": "resolution", "within": 172800},
            {"metric": "follow_up", "within": 259200, "time": "calendar"}]}]"#,
    )
    .unwrap_or_else(|e| unreachable(&e))
}

/// `n` journeys of 8–12 points over the default stages, spread over 10 segments.
pub fn journeys(n: usize, seed: u64) -> Vec<kesher::journey::Journey> {
    use kesher::{
        journey::{Journey, JourneyPoint},
        CustomerId, Emotion, EmotionSource,
    };
    let mut rng = SplitMix(seed);
    let stages = ["before", "during", "after"];
    (0..n)
        .map(|i| {
            let len = usize::try_from(rng.between(8, 13)).unwrap_or(8);
            let mut t = rng.between(FROM, TO);
            let mut level = -0.2;
            let points = (0..len)
                .map(|k| {
                    t += rng.between(60, 7_200);
                    level = (level + (rng.between(-300, 301) as f64) / 1000.0).clamp(-1.0, 1.0);
                    JourneyPoint {
                        at: chrono::DateTime::from_timestamp(t, 0).unwrap_or_default(),
                        stage: stages.get(k * 3 / len).map(|s| (*s).to_string()),
                        emotion: Emotion::new(level).unwrap_or(Emotion::NEUTRAL),
                        source: EmotionSource::EmotionModel,
                        origin: None,
                        cause: None,
                    }
                })
                .collect();
            let customer = CustomerId::new(format!("c-{i}")).unwrap_or_else(|e| unreachable(&e));
            let mut j = Journey::new(customer, points);
            j.segment = Some(format!("segment-{}", i % 10));
            j
        })
        .collect()
}

/// The events of one long conversation (`n` messages, alternating customer and agent, a minute
/// apart), in time order: for folding one case whatever the order its events arrive in.
pub fn one_long_case(n: usize) -> Vec<kesher::event::CaseEvent> {
    use kesher::{event::*, interaction::*, *};
    let id = CaseId::new("long").unwrap_or_else(|e| unreachable(&e));
    let customer = CustomerId::new("c").unwrap_or_else(|e| unreachable(&e));
    let agent = Actor::Agent {
        id: AgentId::new("a").unwrap_or_else(|e| unreachable(&e)),
    };
    (0..n)
        .map(|i| {
            let inbound = i % 2 == 0;
            CaseEvent::Interaction(Interaction {
                id: InteractionId::new(format!("m{i}")).unwrap_or_else(|e| unreachable(&e)),
                customer_id: customer.clone(),
                case_id: Some(id.clone()),
                seq: i as u64 + 1,
                at: chrono::DateTime::from_timestamp(FROM + 60 * i as i64, 0).unwrap_or_default(),
                channel: Channel::Chat,
                direction: if inbound {
                    Direction::Inbound
                } else {
                    Direction::Outbound
                },
                actor: if inbound {
                    Actor::Customer
                } else {
                    agent.clone()
                },
                kind: InteractionKind::Message,
                in_reply_to: None,
                text: None,
                emotion: None,
                metadata: Default::default(),
            })
        })
        .collect()
}
