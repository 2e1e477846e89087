#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Invariants of business-time arithmetic over random calendars and instants.

use chrono::{DateTime, TimeDelta, Utc};
use kesher::calendar::{Calendar, EpochUnit};
use proptest::prelude::*;

const Y2000: i64 = 946_684_800;
const SPAN: i64 = 40 * 365 * 86_400;

fn build_calendars() -> Vec<Calendar> {
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
    // Night shifts across DST changes, with a holiday, an override overlapping a night shift,
    // and breaks that cut a night shift after midnight and across it.
    out.push(Calendar::from_json(r#"{"tz": "America/New_York", "week": {"fri": [["08:00","12:00"], ["20:00","04:00"]], "sat": [["22:00","06:00"]], "sun": [["23:30","00:30"]]},
        "holidays": ["2024-03-09"], "overrides": {"2024-11-03": [["01:00","03:00"]]},
        "breaks": {"2024-11-02": [["23:00","01:00"]], "2025-03-09": [["02:30","03:30"]]}}"#).unwrap());
    out.push(Calendar::from_json(r#"{"tz": "Asia/Jerusalem", "week": {"sun": [["22:00","06:00"]], "tue": [["22:00","06:00"]], "thu": [["09:00","13:00"]]}, "holiday_rules": [{"set": "israel"}]}"#).unwrap());
    out
}

const CALENDARS: usize = 10;

/// Built once: each keeps its compiled table between cases, as a long-lived calendar in a host
/// does (the batch tests take fresh timelines).
fn calendars() -> &'static [Calendar] {
    static ALL: std::sync::OnceLock<Vec<Calendar>> = std::sync::OnceLock::new();
    ALL.get_or_init(build_calendars)
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
    fn elapsed_of_add_is_the_duration(c in 0..CALENDARS, a in instant(), d in duration()) {
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
    fn add_is_monotone_in_start_and_duration(c in 0..CALENDARS, a in instant(), b in instant(), d1 in duration(), d2 in duration()) {
        let cal = &calendars()[c];
        let (a, b) = (a.min(b), a.max(b));
        let (d1, d2) = (d1.min(d2), d1.max(d2));
        prop_assert!(cal.add(a, d1).unwrap() <= cal.add(b, d1).unwrap());
        prop_assert!(cal.add(a, d1).unwrap() <= cal.add(a, d2).unwrap());
    }

    #[test]
    fn elapsed_is_additive_and_bounded_by_real_time(c in 0..CALENDARS, x in instant(), y in instant(), z in instant()) {
        let cal = &calendars()[c];
        let mut v = [x, y, z];
        v.sort();
        let [a, b, e] = v;
        let ab = cal.elapsed(a, b).unwrap();
        prop_assert_eq!(cal.elapsed(a, e).unwrap(), ab + cal.elapsed(b, e).unwrap());
        prop_assert!(ab <= b - a);
    }

    #[test]
    fn open_means_next_open_is_now(c in 0..CALENDARS, t in instant()) {
        let cal = &calendars()[c];
        let next = cal.next_open(t).unwrap();
        prop_assert_eq!(cal.is_open(t).unwrap(), next == t);
        prop_assert!(cal.is_open(next).unwrap());
        prop_assert_eq!(cal.elapsed(t, next).unwrap(), TimeDelta::zero());
    }

    #[test]
    fn batch_answers_equal_single_answers(c in 0..CALENDARS, starts in prop::collection::vec(0..SPAN, 1..40), secs in 0..500_000i64) {
        let cal = &calendars()[c];
        let starts: Vec<i64> = starts.into_iter().map(|s| Y2000 + s).collect();
        let mut tl = cal.timeline();
        let mut due = vec![0; starts.len()];
        tl.add_many(&starts, EpochUnit::Seconds, TimeDelta::seconds(secs), &mut due).unwrap();
        let ends: Vec<i64> = starts.iter().map(|s| s + secs).collect();
        let mut spent = vec![0; starts.len()];
        tl.elapsed_many(&starts, &ends, EpochUnit::Seconds, &mut spent).unwrap();
        let mut open = vec![false; starts.len()];
        tl.is_open_many(&starts, EpochUnit::Seconds, &mut open).unwrap();
        let mut next = vec![0; starts.len()];
        tl.next_open_many(&starts, EpochUnit::Seconds, &mut next).unwrap();
        let nanos: Vec<i64> = starts.iter().map(|s| s * 1_000_000_000).collect();
        let mut due_ns = vec![0; starts.len()];
        tl.add_many(&nanos, EpochUnit::Nanoseconds, TimeDelta::seconds(secs), &mut due_ns).unwrap();
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
    fn calendars_round_trip_through_json(c in 0..CALENDARS) {
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

fn ns(t: DateTime<Utc>) -> i64 {
    t.timestamp_nanos_opt().unwrap()
}

fn wall(cal: &Calendar, t: DateTime<Utc>) -> chrono::NaiveDateTime {
    t.naive_utc() + TimeDelta::seconds(i64::from(cal.tz().offset_at(t).local_minus_utc()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sub_is_the_latest_start_with_that_much_business_time(c in 0..CALENDARS, t in instant(), d in duration()) {
        let cal = &calendars()[c];
        let u = cal.sub(t, d).unwrap();
        prop_assert!(u <= t);
        prop_assert_eq!(cal.elapsed(u, t).unwrap(), d);
        if d > TimeDelta::zero() {
            // The latest: a nanosecond later leaves less business time before `t`.
            prop_assert!(cal.elapsed(u + TimeDelta::nanoseconds(1), t).unwrap() < d);
            prop_assert!(cal.is_open(u).unwrap());
            // sub then add comes back to `t`, or to the closing before a closed `t`.
            let back = cal.add(u, d).unwrap();
            let closing = cal.previous_close(t).unwrap();
            prop_assert_eq!(back, if cal.is_open(t).unwrap() { t } else { closing });
            // add then sub comes back to the opening `t` waited for.
            let ahead = cal.add(t, d).unwrap();
            prop_assert_eq!(cal.sub(ahead, d).unwrap(), cal.next_open(t).unwrap());
        } else {
            prop_assert_eq!(u, t);
        }
    }

    #[test]
    fn sub_is_monotone(c in 0..CALENDARS, a in instant(), b in instant(), d1 in duration(), d2 in duration()) {
        let cal = &calendars()[c];
        let (a, b) = (a.min(b), a.max(b));
        let (d1, d2) = (d1.min(d2), d1.max(d2));
        prop_assert!(cal.sub(a, d1).unwrap() <= cal.sub(b, d1).unwrap());
        prop_assert!(cal.sub(a, d2).unwrap() <= cal.sub(a, d1).unwrap());
    }

    #[test]
    fn openings_and_closings_bound_the_stretches(c in 0..CALENDARS, t in instant()) {
        let cal = &calendars()[c];
        let one = TimeDelta::nanoseconds(1);
        let open = cal.is_open(t).unwrap();
        let opening = cal.previous_open(t).unwrap();
        prop_assert!(opening <= t);
        prop_assert!(cal.is_open(opening).unwrap() && !cal.is_open(opening - one).unwrap());
        let closing = cal.next_close(t).unwrap();
        prop_assert!(closing > t);
        prop_assert!(!cal.is_open(closing).unwrap() && cal.is_open(closing - one).unwrap());
        let before = cal.previous_close(t).unwrap();
        prop_assert!(before <= t);
        prop_assert!(!cal.is_open(before).unwrap() && cal.is_open(before - one).unwrap());
        // Nothing opens or closes in between.
        prop_assert!(cal.next_close(before).unwrap() > t);
        prop_assert!(cal.next_close(opening).unwrap() >= closing.min(cal.next_close(opening).unwrap()));
        if open {
            prop_assert_eq!(cal.elapsed(opening, closing).unwrap(), closing - opening);
            prop_assert_eq!(cal.next_close(opening).unwrap(), closing);
            prop_assert!(before < opening);
        } else {
            prop_assert_eq!(cal.elapsed(before, t).unwrap(), TimeDelta::zero());
            prop_assert_eq!(cal.next_close(opening).unwrap(), before);
            prop_assert!(cal.next_open(t).unwrap() < closing);
        }
    }

    #[test]
    fn add_days_counts_open_days_and_keeps_the_wall_time(c in 0..CALENDARS, t in instant(), n in -30..30i32) {
        let cal = &calendars()[c];
        let u = cal.add_days(t, n).unwrap();
        let home_open = cal.add_days(t, 0).unwrap() == t;
        let between = if n >= 0 { cal.open_days_between(t, u).unwrap() } else { cal.open_days_between(u, t).unwrap() };
        let want = match n {
            1.. => i64::from(n) - 1 + i64::from(home_open),
            0 => 0,
            _ => i64::from(-n),
        };
        prop_assert_eq!(between, want);
        // The target date is open, and it is the n-th: one day less ends earlier.
        prop_assert_eq!(cal.add_days(u, 0).unwrap().date_naive(), u.date_naive());
        // (From a closed date, zero and one open day both land on the next open day.)
        if n > 1 || (n == 1 && home_open) {
            prop_assert!(cal.add_days(t, n - 1).unwrap() < u);
        }
        // The wall-clock time is kept unless the target date skips or repeats it.
        let (from, to) = (wall(cal, t), wall(cal, u));
        let shift = to - from;
        if shift.num_seconds() % 86_400 != 0 {
            // The target date skips the wall time, which rule 2 moves forward by the gap: so
            // the offset changed just before `u` (at `u` itself when the wall time was the
            // first one skipped, `u` then having `t`'s own offset, as on 2036-03-28 in Israel).
            let before = cal.tz().offset_at(u - TimeDelta::days(1));
            prop_assert!(cal.tz().offset_at(u) != before, "{t} -> {u}");
        } else {
            prop_assert_eq!(from.time(), to.time());
        }
        prop_assert_eq!(to.date() == from.date(), n == 0 && home_open);
    }

    #[test]
    fn open_days_between_is_additive(c in 0..CALENDARS, x in instant(), y in instant(), z in instant()) {
        let cal = &calendars()[c];
        let mut v = [x, y, z];
        v.sort();
        let [a, b, e] = v;
        prop_assert_eq!(
            cal.open_days_between(a, e).unwrap(),
            cal.open_days_between(a, b).unwrap() + cal.open_days_between(b, e).unwrap()
        );
    }

    #[test]
    fn backward_batches_equal_single_answers(c in 0..CALENDARS, from in instant(), at in prop::collection::vec(0..2 * 366 * 86_400_000_000_000i64, 1..40), d in duration(), n in -10..10i32) {
        let cal = &calendars()[c];
        // A batch spans a couple of years, as a host's batch does.
        let at: Vec<i64> = at.into_iter().map(|x| ns(from) + x).collect();
        let mut tl = cal.timeline();
        let len = at.len();
        let (mut sub, mut po, mut nc, mut pc, mut days, mut between) =
            (vec![0; len], vec![0; len], vec![0; len], vec![0; len], vec![0; len], vec![0; len]);
        tl.sub_many(&at, EpochUnit::Nanoseconds, d, &mut sub).unwrap();
        tl.previous_open_many(&at, EpochUnit::Nanoseconds, &mut po).unwrap();
        tl.next_close_many(&at, EpochUnit::Nanoseconds, &mut nc).unwrap();
        tl.previous_close_many(&at, EpochUnit::Nanoseconds, &mut pc).unwrap();
        tl.add_days_many(&at, EpochUnit::Nanoseconds, n, &mut days).unwrap();
        let ends: Vec<i64> = at.iter().map(|&t| t.max(at[0])).collect();
        let starts: Vec<i64> = at.iter().map(|&t| t.min(at[0])).collect();
        tl.open_days_between_many(&starts, &ends, EpochUnit::Nanoseconds, &mut between).unwrap();
        let mut secs = vec![0; len];
        let at_s: Vec<i64> = at.iter().map(|t| t.div_euclid(1_000_000_000)).collect();
        tl.sub_many(&at_s, EpochUnit::Seconds, d, &mut secs).unwrap();
        for i in 0..len {
            let t = DateTime::from_timestamp_nanos(at[i]);
            prop_assert_eq!(sub[i], ns(cal.sub(t, d).unwrap()));
            prop_assert_eq!(po[i], ns(cal.previous_open(t).unwrap()));
            prop_assert_eq!(nc[i], ns(cal.next_close(t).unwrap()));
            prop_assert_eq!(pc[i], ns(cal.previous_close(t).unwrap()));
            prop_assert_eq!(days[i], ns(cal.add_days(t, n).unwrap()));
            let (a, b) = (DateTime::from_timestamp_nanos(starts[i]), DateTime::from_timestamp_nanos(ends[i]));
            prop_assert_eq!(between[i], cal.open_days_between(a, b).unwrap());
            let ts = DateTime::from_timestamp(at_s[i], 0).unwrap();
            prop_assert_eq!(secs[i], cal.sub(ts, d).unwrap().timestamp());
        }
    }
}

/// Instants within three days of a boundary between the compiled years a calendar's single
/// calls read (spans of 365.2425 days from the first supported instant).
fn near_year_edge() -> impl Strategy<Value = DateTime<Utc>> {
    const YEAR_NS: i64 = 31_556_952 * 1_000_000_000;
    (
        323..363i64,
        -3 * 86_400_000_000_000..3 * 86_400_000_000_000i64,
    )
        .prop_map(|(k, x)| {
            let edge = i128::from(i64::MIN) + i128::from(k) * i128::from(YEAR_NS);
            DateTime::from_timestamp_nanos(i64::try_from(edge).unwrap() + x)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn single_calls_equal_the_growable_timeline(c in 0..CALENDARS, t in prop_oneof![instant(), near_year_edge()], later in 0..400 * 86_400i64, d in duration(), n in -10..10i32) {
        // The calendar answers from its compiled years, or from its growable timeline when a
        // year cannot tell; a fresh timeline's own answers are the reference.
        let cal = &calendars()[c];
        let mut tl = cal.timeline();
        let (t_ns, d_ns) = (ns(t), d.num_nanoseconds().unwrap());
        let b = t + TimeDelta::seconds(later);
        prop_assert_eq!(ns(cal.add(t, d).unwrap()), tl.add_ns(t_ns, d_ns).unwrap());
        prop_assert_eq!(cal.add_ns(t_ns, d_ns).unwrap(), tl.add_ns(t_ns, d_ns).unwrap());
        prop_assert_eq!(cal.elapsed_ns(t_ns, ns(b)).unwrap(), tl.elapsed_ns(t_ns, ns(b)).unwrap());
        prop_assert_eq!(cal.is_open_ns(t_ns).unwrap(), tl.is_open_ns(t_ns).unwrap());
        prop_assert_eq!(cal.next_open_ns(t_ns).unwrap(), tl.next_open_ns(t_ns).unwrap());
        prop_assert_eq!(cal.elapsed(t, b).unwrap().num_nanoseconds().unwrap(), tl.elapsed_ns(t_ns, ns(b)).unwrap());
        prop_assert_eq!(cal.is_open(t).unwrap(), tl.is_open_ns(t_ns).unwrap());
        prop_assert_eq!(ns(cal.next_open(t).unwrap()), tl.next_open_ns(t_ns).unwrap());
        prop_assert_eq!(ns(cal.sub(t, d).unwrap()), tl.sub_ns(t_ns, d_ns).unwrap());
        prop_assert_eq!(ns(cal.previous_open(t).unwrap()), tl.previous_open_ns(t_ns).unwrap());
        prop_assert_eq!(ns(cal.next_close(t).unwrap()), tl.next_close_ns(t_ns).unwrap());
        prop_assert_eq!(ns(cal.previous_close(t).unwrap()), tl.previous_close_ns(t_ns).unwrap());
        prop_assert_eq!(ns(cal.add_days(t, n).unwrap()), tl.add_days_ns(t_ns, n).unwrap());
        prop_assert_eq!(cal.open_days_between(t, b).unwrap(), tl.open_days_between_ns(t_ns, ns(b)).unwrap());
    }
}

#[test]
fn single_calls_from_many_threads_agree() {
    // One calendar shared by four threads asking about different years at once.
    let cal = Calendar::israel_desk().unwrap();
    let d = TimeDelta::hours(30);
    let reference: Vec<i64> = (0..400)
        .map(|i| {
            ns(cal
                .clone()
                .add(
                    DateTime::from_timestamp(Y2000 + i * 7_919_999, 0).unwrap(),
                    d,
                )
                .unwrap())
        })
        .collect();
    std::thread::scope(|s| {
        for offset in 0..4 {
            let (cal, reference) = (&cal, &reference);
            s.spawn(move || {
                for i in (offset..400).step_by(4) {
                    let t = DateTime::from_timestamp(Y2000 + i as i64 * 7_919_999, 0).unwrap();
                    assert_eq!(ns(cal.add(t, d).unwrap()), reference[i]);
                }
            });
        }
    });
}
