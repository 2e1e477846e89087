#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! kesher and `workclock` (an independent engine) give the same due times and elapsed business
//! time on the same calendar and inputs — the benchmark compares like with like.

use jiff::{SignedDuration, Timestamp};
use kesher::EpochUnit;
use kesher_benches::{four_hours, israel_plain, israel_workclock, pairs, ticket_opens};

#[test]
fn due_times_agree_with_workclock() {
    let opens = ticket_opens(20_000, 7);
    let mut due = vec![0; opens.len()];
    israel_plain()
        .timeline()
        .add_batch(&opens, EpochUnit::Seconds, four_hours(), &mut due)
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
        .elapsed_batch(&a, &b, EpochUnit::Seconds, &mut out)
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
