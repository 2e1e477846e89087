#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Invariants of business-time arithmetic over random calendars and instants.

use chrono::{DateTime, TimeDelta, Utc};
use kesher::{Calendar, EpochUnit};
use proptest::prelude::*;

const Y2000: i64 = 946_684_800;
const SPAN: i64 = 40 * 365 * 86_400;

fn calendars() -> Vec<Calendar> {
    let mut out = vec![
        Calendar::israel_desk().unwrap(),
        Calendar::us_desk().unwrap(),
        Calendar::uk_desk().unwrap(),
    ];
    // Round-the-clock desks in zones with DST, and one with a short night shift over midnight.
    for tz in [
        "America/New_York",
        "Europe/London",
        "Asia/Jerusalem",
        "Pacific/Apia",
    ] {
        let day = r#"[["00:00","24:00"]]"#;
        out.push(Calendar::from_json(&format!(
            r#"{{"tz": "{tz}", "week": {{"mon": {day}, "wed": {day}, "sat": {day}}}, "overrides": {{"2024-03-10": [["01:30","02:30"]]}}, "breaks": {{"2024-11-03": [["01:15","01:45"]]}}}}"#
        )).unwrap());
    }
    out.push(Calendar::from_json(r#"{"tz": "Europe/London", "week": {"mon": [["00:00","02:00"], ["22:00","24:00"]], "tue": [["00:00","02:00"], ["22:00","24:00"]]}}"#).unwrap());
    out
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0..SPAN, 0..1_000_000_000u32)
        .prop_map(|(s, ns)| DateTime::from_timestamp(Y2000 + s, ns).unwrap())
}

fn duration() -> impl Strategy<Value = TimeDelta> {
    prop_oneof![
        Just(TimeDelta::zero()),
        (0..3_600_000_000_000i64).prop_map(TimeDelta::nanoseconds),
        (0..2_000i64 * 3600).prop_map(TimeDelta::seconds),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn elapsed_of_add_is_the_duration(c in 0..8usize, a in instant(), d in duration()) {
        let cal = &calendars()[c];
        let u = cal.add(a, d).unwrap();
        prop_assert!(u >= a);
        prop_assert_eq!(cal.elapsed(a, u).unwrap(), d);
        // The earliest such instant: one nanosecond less of business time ends earlier.
        if d > TimeDelta::zero() {
            prop_assert!(cal.add(a, d - TimeDelta::nanoseconds(1)).unwrap() < u);
        } else {
            prop_assert_eq!(u, cal.next_open(a).unwrap());
        }
    }

    #[test]
    fn add_is_monotone_in_start_and_duration(c in 0..8usize, a in instant(), b in instant(), d1 in duration(), d2 in duration()) {
        let cal = &calendars()[c];
        let (a, b) = (a.min(b), a.max(b));
        let (d1, d2) = (d1.min(d2), d1.max(d2));
        prop_assert!(cal.add(a, d1).unwrap() <= cal.add(b, d1).unwrap());
        prop_assert!(cal.add(a, d1).unwrap() <= cal.add(a, d2).unwrap());
    }

    #[test]
    fn elapsed_is_additive_and_bounded_by_real_time(c in 0..8usize, x in instant(), y in instant(), z in instant()) {
        let cal = &calendars()[c];
        let mut v = [x, y, z];
        v.sort();
        let [a, b, e] = v;
        let ab = cal.elapsed(a, b).unwrap();
        prop_assert_eq!(cal.elapsed(a, e).unwrap(), ab + cal.elapsed(b, e).unwrap());
        prop_assert!(ab <= b - a);
    }

    #[test]
    fn open_means_next_open_is_now(c in 0..8usize, t in instant()) {
        let cal = &calendars()[c];
        let next = cal.next_open(t).unwrap();
        prop_assert_eq!(cal.is_open(t).unwrap(), next == t);
        prop_assert!(cal.is_open(next).unwrap());
        prop_assert_eq!(cal.elapsed(t, next).unwrap(), TimeDelta::zero());
    }

    #[test]
    fn batch_answers_equal_single_answers(c in 0..8usize, starts in prop::collection::vec(0..SPAN, 1..40), secs in 0..500_000i64) {
        let cal = &calendars()[c];
        let starts: Vec<i64> = starts.into_iter().map(|s| Y2000 + s).collect();
        let mut tl = cal.timeline();
        let mut due = vec![0; starts.len()];
        tl.add_batch(&starts, EpochUnit::Seconds, TimeDelta::seconds(secs), &mut due).unwrap();
        let ends: Vec<i64> = starts.iter().map(|s| s + secs).collect();
        let mut spent = vec![0; starts.len()];
        tl.elapsed_batch(&starts, &ends, EpochUnit::Seconds, &mut spent).unwrap();
        let mut open = vec![false; starts.len()];
        tl.is_open_batch(&starts, EpochUnit::Seconds, &mut open).unwrap();
        let mut next = vec![0; starts.len()];
        tl.next_open_batch(&starts, EpochUnit::Seconds, &mut next).unwrap();
        let nanos: Vec<i64> = starts.iter().map(|s| s * 1_000_000_000).collect();
        let mut due_ns = vec![0; starts.len()];
        tl.add_batch(&nanos, EpochUnit::Nanoseconds, TimeDelta::seconds(secs), &mut due_ns).unwrap();
        for (i, &s) in starts.iter().enumerate() {
            let t = DateTime::from_timestamp(s, 0).unwrap();
            let single = cal.add(t, TimeDelta::seconds(secs)).unwrap();
            prop_assert_eq!(due[i], single.timestamp());
            prop_assert_eq!(due_ns[i], single.timestamp_nanos_opt().unwrap());
            let e = DateTime::from_timestamp(ends[i], 0).unwrap();
            prop_assert_eq!(spent[i], cal.elapsed(t, e).unwrap().num_seconds());
            prop_assert_eq!(open[i], cal.is_open(t).unwrap());
            prop_assert_eq!(next[i], cal.next_open(t).unwrap().timestamp());
        }
    }

    #[test]
    fn calendars_round_trip_through_json(c in 0..8usize) {
        let cal = &calendars()[c];
        let text = serde_json::to_string(cal).unwrap();
        let back = Calendar::from_json(&text).unwrap();
        prop_assert_eq!(&back, cal);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }

    #[test]
    fn random_week_json_is_accepted_or_rejected_without_panic(h1 in 0..26u32, m1 in 0..61u32, h2 in 0..26u32, m2 in 0..61u32, tz in "[A-Za-z/_]{0,20}") {
        let json = format!(r#"{{"tz": "{tz}", "week": {{"tue": [["{h1:02}:{m1:02}","{h2:02}:{m2:02}"]]}}}}"#);
        match Calendar::from_json(&json) {
            Ok(cal) => {
                let back = Calendar::from_json(&serde_json::to_string(&cal).unwrap()).unwrap();
                prop_assert_eq!(back, cal);
            }
            Err(e) => prop_assert!(matches!(e.kind(), kesher::ErrorKind::InvalidCalendar | kesher::ErrorKind::NoWorkingTime), "{e}"),
        }
    }
}
