#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! kesher and `workclock` (an independent engine) give the same due times and elapsed business
//! time on the same calendar and inputs — the benchmark compares like with like.

use jiff::{SignedDuration, Timestamp};
use kesher::calendar::EpochUnit;
use kesher_benches::{four_hours, israel_plain, israel_workclock, pairs, ticket_opens};

#[test]
fn due_times_agree_with_workclock() {
    let opens = ticket_opens(20_000, 7);
    let mut due = vec![0; opens.len()];
    israel_plain()
        .timeline()
        .add_many(&opens, EpochUnit::Seconds, four_hours(), &mut due)
        .unwrap();
    let wc = israel_workclock().unwrap();
    for (&t, &ours) in opens.iter().zip(&due) {
        let theirs = wc
            .add(
                Timestamp::from_second(t).unwrap(),
                SignedDuration::from_hours(4),
            )
            .unwrap();
        assert_eq!(ours, theirs.as_second(), "start {t}");
    }
}

#[test]
fn elapsed_agrees_with_workclock() {
    let (a, b) = pairs(20_000, 11);
    let mut out = vec![0; a.len()];
    israel_plain()
        .timeline()
        .elapsed_many(&a, &b, EpochUnit::Seconds, &mut out)
        .unwrap();
    let wc = israel_workclock().unwrap();
    for i in 0..a.len() {
        let theirs = wc.between(
            Timestamp::from_second(a[i]).unwrap(),
            Timestamp::from_second(b[i]).unwrap(),
        );
        assert_eq!(out[i], theirs.as_secs(), "pair {} → {}", a[i], b[i]);
    }
}

#[test]
fn the_fold_and_sla_workload_is_what_the_benchmark_says() {
    use kesher::sla::{Metric, SlaEngine, TargetState};
    let logs = kesher_benches::case_logs(2_000, 3);
    let mut engine = SlaEngine::new(kesher_benches::bench_contracts());
    let now = chrono::DateTime::from_timestamp(kesher_benches::TO + 30 * 86_400, 0).unwrap();
    let mut events = 0;
    for log in &logs {
        events += log.len();
        let case = log.fold().unwrap();
        let sla = engine.evaluate(&case, now).unwrap();
        let metrics: Vec<Metric> = sla.targets.iter().map(|t| t.metric).collect();
        // Every target a contract can hold (interaction targets belong to the set, not the
        // benchmark's contracts).
        let contract_metrics: Vec<Metric> = Metric::ALL
            .into_iter()
            .filter(|&m| m != Metric::InteractionResponse)
            .collect();
        assert_eq!(metrics, contract_metrics, "every target kind is exercised");
        assert!(
            sla.targets
                .iter()
                .all(|t| t.state.is_final() || t.state == TargetState::Breached),
            "{sla:?}"
        );
        assert_eq!(
            sla.targets[0].state,
            TargetState::Met,
            "the bot acknowledged"
        );
    }
    assert!(
        (10 * 2_000..=11 * 2_000).contains(&events),
        "about ten events a case: {events}"
    );
}
