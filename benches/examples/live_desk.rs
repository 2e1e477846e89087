//! A help desk kept live (issue 18, item 3): N cases opened over one week, their events applied
//! one at a time in the order they happen, each case's wake-up kept in one `WakeSchedule` and
//! served in order, every case read at every event and every wake-up. In the same run, the
//! peer: the batch fold and SLA evaluation of the same cases (`CaseLog::into_case` then
//! `SlaEngine::evaluate`), and a check that every live case equals its batch fold.
//!
//! `cargo run --release -p kesher-benches --example live_desk -- [cases]` (default 1,000,000,
//! about 10.25 events each). Prints the figures benches/README.md records.

use chrono::{DateTime, TimeDelta, Utc};
use kesher::live::{LiveCase, WakeSchedule};
use kesher::sla::ContractSet;
use kesher::{event::CaseEvent, sla::SlaEngine, CaseId};
use kesher_benches::case_logs_opened_between;
use std::collections::HashMap;
use std::time::Instant;

const WEEK_FROM: i64 = 1_735_984_800; // Saturday 2025-01-04 10:00 UTC
const WEEK: i64 = 7 * 86_400;

/// Tighter than the batch bench's contract, so that warnings and breaches happen: the generated
/// answers come 30 minutes to 2 hours after the question.
fn contracts() -> Result<ContractSet, kesher::Error> {
    ContractSet::from_json(
        r#"[{"name": "live", "calendar": "israel", "warn_at": [0.75], "targets": [
            {"metric": "acknowledgement", "within": 900, "time": "calendar"},
            {"metric": "first_response", "within": {"high": 1800, "normal": 3600}},
            {"metric": "next_response", "within": 3600},
            {"metric": "resolution", "within": 86400},
            {"metric": "follow_up", "within": 172800, "time": "calendar"}]}]"#,
    )
}

/// The peak resident memory of this process, in MiB (Linux; 0 elsewhere).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

struct Desk {
    engine: SlaEngine,
    cases: HashMap<CaseId, LiveCase>,
    schedule: WakeSchedule,
    wakeups: u64,
    changes: u64,
    last_wake: DateTime<Utc>,
}

impl Desk {
    /// Ticks every case due at or before `now`, in order of instant.
    fn serve(&mut self, now: DateTime<Utc>) -> Result<(), Box<dyn std::error::Error>> {
        for (id, at) in self.schedule.due(now) {
            if at < self.last_wake {
                return Err(format!("wake-up {at} served after {}", self.last_wake).into());
            }
            self.last_wake = at;
            let live = self
                .cases
                .get_mut(&id)
                .ok_or("a scheduled case is missing")?;
            let changes = live.tick(&mut self.engine, at)?;
            self.changes += changes.targets.len() as u64 + changes.promises.len() as u64;
            self.schedule.set(id, live.wake_at());
            self.wakeups += 1;
        }
        Ok(())
    }

    fn apply(&mut self, event: CaseEvent) -> Result<(), Box<dyn std::error::Error>> {
        let at = event.at();
        let id = event.case_id().ok_or("an event without a case")?.clone();
        let live = self
            .cases
            .entry(id.clone())
            .or_insert_with(|| LiveCase::new(id.clone()));
        let changes = live.apply(event, &mut self.engine, at)?;
        self.changes += changes.targets.len() as u64 + u64::from(changes.status.is_some());
        self.schedule.set(id, live.wake_at());
        Ok(())
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(Ok(1_000_000), |s| s.parse())?;
    let cases = || case_logs_opened_between(n, 7, WEEK_FROM, WEEK_FROM + WEEK);
    let mut events: Vec<CaseEvent> = cases()
        .iter()
        .flat_map(|l| l.events().cloned().collect::<Vec<_>>())
        .collect();
    events.sort_by_key(|e| e.order_key());
    let total = events.len();
    let end = events.last().map(|e| e.at()).ok_or("no events")? + TimeDelta::days(30);
    println!("{n} cases opened over one week, {total} events in the order they happen");
    let before = peak_mib();

    let mut desk = Desk {
        engine: SlaEngine::new(contracts()?),
        cases: HashMap::with_capacity(n),
        schedule: WakeSchedule::default(),
        wakeups: 0,
        changes: 0,
        last_wake: DateTime::<Utc>::MIN_UTC,
    };
    let mut most_open = 0usize;
    let start = Instant::now();
    for event in events {
        desk.serve(event.at())?;
        desk.apply(event)?;
        most_open = most_open.max(desk.schedule.len());
    }
    desk.serve(end)?;
    let live_s = start.elapsed().as_secs_f64();
    let live_peak = peak_mib();

    // The peer: the same cases folded and evaluated in one batch, each compared with its live
    // case as it goes.
    let logs = cases();
    let mut engine = SlaEngine::new(contracts()?);
    let (mut differ, mut batch_s) = (0, 0.0);
    for log in logs {
        let start = Instant::now();
        let case = log.into_case()?;
        let sla = engine.evaluate(&case, end)?;
        batch_s += start.elapsed().as_secs_f64();
        // The live case against the batch fold, and its last reading against an evaluation at
        // the same instant.
        let live = desk
            .cases
            .get(case.id())
            .ok_or("a case was never applied")?;
        let same_sla = match live.seen_at() {
            Some(t) if t == end => live.sla() == Some(&sla),
            Some(t) => live.sla() == Some(&engine.evaluate(&case, t)?),
            None => false,
        };
        if live.case() != Some(&case) || !same_sla {
            differ += 1;
        }
    }
    println!(
        "live: {:.2} s, {:.2} M events/s applied and read, {} wake-ups served in order ({:.0} k/s of the run), {} changes reported; most cases with a wake-up at once: {most_open}; memory {:.0} MiB (peak {:.0} MiB, {:.0} MiB before the run)",
        live_s,
        total as f64 / live_s / 1e6,
        desk.wakeups,
        desk.wakeups as f64 / live_s / 1e3,
        desk.changes,
        live_peak - before,
        live_peak,
        before,
    );
    println!(
        "batch (peer): {:.2} s, {:.2} M events/s folded and evaluated once; live / batch = {:.3}×",
        batch_s,
        total as f64 / batch_s / 1e6,
        batch_s / live_s,
    );
    println!("live cases that differ from their batch fold: {differ} of {n}");
    if differ > 0 {
        return Err("live and batch disagree".into());
    }
    Ok(())
}
