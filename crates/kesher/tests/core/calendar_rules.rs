#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! One group of tests per business-time rule of the `calendar` module's documentation
//! (`crates/kesher/src/calendar/mod.rs`, numbered as there).

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use kesher::{
    calendar::{Calendar, EpochUnit},
    ErrorKind,
};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn cal(json: &str) -> Calendar {
    Calendar::from_json(json).unwrap()
}

fn always(tz: &str) -> Calendar {
    let day = r#"[["00:00","24:00"]]"#;
    cal(&format!(
        r#"{{"tz": "{tz}", "week": {{"mon": {day}, "tue": {day}, "wed": {day}, "thu": {day}, "fri": {day}, "sat": {day}, "sun": {day}}}}}"#
    ))
}

fn nine_to_five(tz: &str) -> Calendar {
    let day = r#"[["09:00","17:00"]]"#;
    cal(&format!(
        r#"{{"tz": "{tz}", "week": {{"mon": {day}, "tue": {day}, "wed": {day}, "thu": {day}, "fri": {day}, "sat": {day}, "sun": {day}}}}}"#
    ))
}

fn h(n: i64) -> TimeDelta {
    TimeDelta::hours(n)
}

// ---- rule 1: half-open intervals ------------------------------------------------------------

#[test]
fn rule1_open_at_the_opening_instant_closed_at_the_closing_instant() {
    let c = nine_to_five("UTC");
    assert!(c.is_open(at("2025-01-06T09:00:00Z")).unwrap());
    assert!(!c.is_open(at("2025-01-06T08:59:59.999999999Z")).unwrap());
    assert!(c.is_open(at("2025-01-06T16:59:59.999999999Z")).unwrap());
    assert!(!c.is_open(at("2025-01-06T17:00:00Z")).unwrap());
    assert_eq!(
        c.next_open(at("2025-01-06T17:00:00Z")).unwrap(),
        at("2025-01-07T09:00:00Z")
    );
    assert_eq!(
        c.next_open(at("2025-01-06T09:00:00Z")).unwrap(),
        at("2025-01-06T09:00:00Z")
    );
}

#[test]
fn rule1_24_00_end_runs_to_midnight_and_touches_the_next_day() {
    let c = always("UTC");
    assert!(c.is_open(at("2025-01-06T23:59:59Z")).unwrap());
    assert!(c.is_open(at("2025-01-07T00:00:00Z")).unwrap());
    assert_eq!(
        c.elapsed(at("2025-01-06T12:00:00Z"), at("2025-01-08T12:00:00Z"))
            .unwrap(),
        h(48)
    );
}

// ---- rule 2: local time through the zone ----------------------------------------------------

#[test]
fn rule2_spring_forward_day_counts_23_hours_in_three_zones() {
    for (tz, day, next) in [
        ("Asia/Jerusalem", "2025-03-28", "2025-03-29"),
        ("America/New_York", "2025-03-09", "2025-03-10"),
        ("Europe/London", "2025-03-30", "2025-03-31"),
    ] {
        let c = always(tz);
        let zone: chrono_tz::Tz = tz.parse().unwrap();
        let start = local(zone, day, "00:00:00");
        let end = local(zone, next, "00:00:00");
        assert_eq!(c.elapsed(start, end).unwrap(), h(23), "{tz}");
        assert_eq!(c.add(start, h(23)).unwrap(), end, "{tz}");
    }
}

#[test]
fn rule2_fall_back_day_counts_25_hours_in_three_zones() {
    for (tz, day, next) in [
        ("Asia/Jerusalem", "2025-10-26", "2025-10-27"),
        ("America/New_York", "2025-11-02", "2025-11-03"),
        ("Europe/London", "2025-10-26", "2025-10-27"),
    ] {
        let c = always(tz);
        let zone: chrono_tz::Tz = tz.parse().unwrap();
        let start = local(zone, day, "00:00:00");
        let end = local(zone, next, "00:00:00");
        assert_eq!(c.elapsed(start, end).unwrap(), h(25), "{tz}");
    }
}

fn local(tz: chrono_tz::Tz, date: &str, time: &str) -> DateTime<Utc> {
    use chrono::TimeZone;
    let naive =
        chrono::NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M:%S")
            .unwrap();
    tz.from_local_datetime(&naive)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn rule2_a_boundary_inside_the_gap_moves_forward_by_the_gap() {
    // New York, 2025-03-09: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
    let c = cal(
        r#"{"tz": "America/New_York", "week": {"mon": [["09:00","17:00"]]},
                    "overrides": {"2025-03-09": [["02:30","04:00"]]}}"#,
    );
    // 02:30 does not exist: it opens at 03:30 EDT = 07:30 UTC; closes 04:00 EDT = 08:00 UTC.
    assert_eq!(
        c.next_open(at("2025-03-09T00:00:00Z")).unwrap(),
        at("2025-03-09T07:30:00Z")
    );
    assert_eq!(
        c.elapsed(at("2025-03-09T00:00:00Z"), at("2025-03-09T12:00:00Z"))
            .unwrap(),
        TimeDelta::minutes(30)
    );
}

#[test]
fn rule2_an_interval_entirely_inside_the_gap_keeps_its_length_after_the_gap() {
    let c = cal(
        r#"{"tz": "America/New_York", "week": {"mon": [["09:00","17:00"]]},
                    "overrides": {"2025-03-09": [["02:15","02:45"]]}}"#,
    );
    assert_eq!(
        c.next_open(at("2025-03-09T00:00:00Z")).unwrap(),
        at("2025-03-09T07:15:00Z")
    );
    assert_eq!(
        c.elapsed(at("2025-03-09T00:00:00Z"), at("2025-03-10T00:00:00Z"))
            .unwrap(),
        TimeDelta::minutes(30)
    );
}

#[test]
fn rule2_an_ambiguous_boundary_is_the_earlier_occurrence() {
    // New York, 2025-11-02: 01:00–02:00 happens twice (05:00–06:00 UTC EDT, 06:00–07:00 EST).
    let c = cal(
        r#"{"tz": "America/New_York", "week": {"mon": [["09:00","17:00"]]},
                    "overrides": {"2025-11-02": [["01:00","02:00"]]}}"#,
    );
    // Opens at the first 01:00 (05:00 UTC) and closes at 02:00 EST (07:00 UTC): two real hours.
    assert_eq!(
        c.next_open(at("2025-11-02T00:00:00Z")).unwrap(),
        at("2025-11-02T05:00:00Z")
    );
    assert!(c.is_open(at("2025-11-02T06:30:00Z")).unwrap());
    assert_eq!(
        c.elapsed(at("2025-11-02T00:00:00Z"), at("2025-11-03T00:00:00Z"))
            .unwrap(),
        h(2)
    );
    // A closing time in the repeated hour closes at its first occurrence.
    let c = cal(
        r#"{"tz": "America/New_York", "week": {"mon": [["09:00","17:00"]]},
                    "overrides": {"2025-11-02": [["00:00","01:30"]]}}"#,
    );
    assert!(!c.is_open(at("2025-11-02T05:30:00Z")).unwrap());
    assert_eq!(
        c.elapsed(at("2025-11-02T00:00:00Z"), at("2025-11-03T00:00:00Z"))
            .unwrap(),
        TimeDelta::minutes(90)
    );
}

#[test]
fn rule2_a_date_that_does_not_exist_has_no_hours() {
    // Samoa moved across the date line: 2011-12-29 was followed by 2011-12-31.
    let c = nine_to_five("Pacific/Apia");
    let zone: chrono_tz::Tz = "Pacific/Apia".parse().unwrap();
    let thursday_16 = local(zone, "2011-12-29", "16:00:00");
    let saturday_10 = local(zone, "2011-12-31", "10:00:00");
    assert_eq!(c.add(thursday_16, h(2)).unwrap(), saturday_10);
    assert_eq!(c.elapsed(thursday_16, saturday_10).unwrap(), h(2));
    assert!(
        c.hours_on(NaiveDate::from_ymd_opt(2011, 12, 30).unwrap())
            .len()
            == 1,
        "the wall-clock view still lists the weekday"
    );
}

#[test]
fn rule2_an_israeli_desk_across_both_changes_of_2025() {
    let c = Calendar::israel_desk().unwrap();
    // Thursday 2025-03-27 16:00 (UTC+2) + 2h: 1h Thursday, then Friday 09:00–10:00 (still +2:
    // the change is on Friday 02:00, so Friday 09:00 is UTC+3 = 06:00 UTC).
    assert_eq!(
        c.add(at("2025-03-27T14:00:00Z"), h(2)).unwrap(),
        at("2025-03-28T07:00:00Z")
    );
    // Thursday 2025-10-23 16:00 (UTC+3) + 6h: 1h Thursday, 4h Friday 09:00–13:00 (UTC+3),
    // then Sunday 10-26, the fall-back day (from 02:00 it is UTC+2): due 10:00 = 08:00 UTC.
    assert_eq!(
        c.add(at("2025-10-23T13:00:00Z"), h(5)).unwrap(),
        at("2025-10-24T10:00:00Z")
    );
    assert_eq!(
        c.add(at("2025-10-23T13:00:00Z"), h(6)).unwrap(),
        at("2025-10-26T08:00:00Z")
    );
}

// ---- rule 3: add ------------------------------------------------------------------------------

#[test]
fn rule3_zero_duration_gives_next_open() {
    let c = nine_to_five("UTC");
    for t in [
        "2025-01-06T08:00:00Z",
        "2025-01-06T12:00:00Z",
        "2025-01-06T17:00:00Z",
    ] {
        assert_eq!(
            c.add(at(t), TimeDelta::zero()).unwrap(),
            c.next_open(at(t)).unwrap()
        );
    }
}

#[test]
fn rule3_ending_exactly_at_closing_returns_the_closing_instant() {
    let c = nine_to_five("UTC");
    assert_eq!(
        c.add(at("2025-01-06T09:00:00Z"), h(8)).unwrap(),
        at("2025-01-06T17:00:00Z")
    );
    assert_eq!(
        c.add(at("2025-01-06T13:00:00Z"), h(4)).unwrap(),
        at("2025-01-06T17:00:00Z")
    );
}

#[test]
fn rule3_start_at_opening_and_at_closing() {
    let c = nine_to_five("UTC");
    assert_eq!(
        c.add(at("2025-01-06T09:00:00Z"), h(1)).unwrap(),
        at("2025-01-06T10:00:00Z")
    );
    assert_eq!(
        c.add(at("2025-01-06T17:00:00Z"), h(1)).unwrap(),
        at("2025-01-07T10:00:00Z")
    );
    assert_eq!(
        c.add(at("2025-01-06T17:00:00Z"), TimeDelta::zero())
            .unwrap(),
        at("2025-01-07T09:00:00Z")
    );
}

#[test]
fn rule3_durations_spanning_months() {
    // Monday–Friday 09:00–17:00 UTC: 40 business hours a week.
    let day = r#"[["09:00","17:00"]]"#;
    let c = cal(&format!(
        r#"{{"tz": "UTC", "week": {{"mon": {day}, "tue": {day}, "wed": {day}, "thu": {day}, "fri": {day}}}}}"#
    ));
    let start = at("2025-01-06T09:00:00Z");
    // 13 weeks of 40 hours: exactly 13 weeks later, minus the last weekend (ends Friday 17:00).
    assert_eq!(
        c.add(start, h(13 * 40)).unwrap(),
        at("2025-04-04T17:00:00Z")
    );
    assert_eq!(
        c.elapsed(start, at("2025-04-07T09:00:00Z")).unwrap(),
        h(13 * 40)
    );
    // The Israeli desk over Tishrei 2025: holidays and eves make a month of 300 hours longer.
    let il = Calendar::israel_desk().unwrap();
    let opened = at("2025-09-01T06:00:00Z");
    let due = il.add(opened, h(300)).unwrap();
    assert_eq!(il.elapsed(opened, due).unwrap(), h(300));
    let plain = cal(
        r#"{"tz": "Asia/Jerusalem", "week": {"sun": [["09:00","17:00"]], "mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]], "wed": [["09:00","17:00"]], "thu": [["09:00","17:00"]], "fri": [["09:00","13:00"]]}}"#,
    );
    assert!(due > plain.add(opened, h(300)).unwrap() + TimeDelta::days(7));
}

// ---- rule 4: errors on reversed ranges and negative durations ----------------------------------

#[test]
fn rule4_end_before_start_and_negative_duration_are_errors() {
    let c = nine_to_five("UTC");
    let (a, b) = (at("2025-01-06T10:00:00Z"), at("2025-01-06T09:00:00Z"));
    let e = c.elapsed(a, b).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::EndBeforeStart);
    assert!(e.to_string().contains("2025-01-06T09:00:00Z"), "{e}");
    assert_eq!(c.elapsed(a, a).unwrap(), TimeDelta::zero());
    let e = c.add(a, TimeDelta::seconds(-90)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NegativeDuration);
    assert!(e.to_string().contains("-90"), "{e}");
}

// ---- rule 5: no working time --------------------------------------------------------------------

#[test]
fn rule5_a_calendar_without_hours_is_an_error_at_construction() {
    let e = Calendar::from_json(r#"{"tz": "UTC", "week": {}}"#).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NoWorkingTime);
    let e = Calendar::from_json(r#"{"tz": "UTC", "week": {}, "overrides": {"2025-01-01": []}}"#)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NoWorkingTime);
    let e = Calendar::from_json(r#"{"tz": "UTC", "week": {}, "overrides": {"2025-01-01": [["09:00","10:00"]]}, "holidays": ["2025-01-01"]}"#).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NoWorkingTime);
}

#[test]
fn rule5_no_working_time_ahead_fails_after_a_bounded_search() {
    let c = cal(r#"{"tz": "UTC", "week": {}, "overrides": {"2025-01-01": [["09:00","10:00"]]}}"#);
    assert_eq!(
        c.next_open(at("2024-12-31T00:00:00Z")).unwrap(),
        at("2025-01-01T09:00:00Z")
    );
    let e = c.next_open(at("2025-01-02T00:00:00Z")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NoWorkingTime);
    assert!(e.to_string().contains("2025-01-02T00:00:00Z"), "{e}");
    let e = c.add(at("2025-01-01T09:30:00Z"), h(1)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NoWorkingTime);
    assert_eq!(
        c.add(at("2025-01-01T09:30:00Z"), TimeDelta::minutes(30))
            .unwrap(),
        at("2025-01-01T10:00:00Z")
    );
    // elapsed and is_open need no search ahead.
    assert_eq!(
        c.elapsed(at("2024-01-01T00:00:00Z"), at("2030-01-01T00:00:00Z"))
            .unwrap(),
        h(1)
    );
    assert!(!c.is_open(at("2031-01-01T09:30:00Z")).unwrap());
}

// ---- rule 6: invalid calendars ------------------------------------------------------------------

#[test]
fn rule6_invalid_calendars_name_the_field_and_value() {
    for (json, field, value) in [
        (
            r#"{"tz": "Nowhere/City", "week": {"mon": [["09:00","17:00"]]}}"#,
            "tz",
            "Nowhere/City",
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["09:00","09:00"]]}}"#,
            "week.mon[0]",
            r#"["09:00","09:00"]"#,
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["24:00","06:00"]]}}"#,
            "week.mon[0]",
            r#"["24:00","06:00"]"#,
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["22:00","06:00"], ["23:00","23:30"]]}}"#,
            "week.mon[1]",
            "23:00–23:30",
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["22:00","06:00"]], "tue": [["05:00","12:00"]]}}"#,
            "week.tue[0]",
            "05:00–12:00",
        ),
        (
            r#"{"tz": "UTC", "week": {"sun": [["20:00","02:00"]], "mon": [["01:00","12:00"]]}}"#,
            "week.mon[0]",
            "01:00–12:00",
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["9:00","17:00"]]}}"#,
            "week.mon[0]",
            r#"["9:00","17:00"]"#,
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["24:00","24:00"]]}}"#,
            "week.mon[0]",
            r#"["24:00","24:00"]"#,
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["09:00","25:00"]]}}"#,
            "week.mon[0]",
            r#"["09:00","25:00"]"#,
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["09:00","12:00"], ["11:00","17:00"]]}}"#,
            "week.mon[1]",
            "11:00–17:00",
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}, "holidays": ["2025-13-01"]}"#,
            "holidays[0]",
            "2025-13-01",
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}, "overrides": {"2025-1-5": []}}"#,
            "overrides.2025-1-5",
            "2025-1-5",
        ),
        (
            r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}, "breaks": {"2025-01-05": [["12:00","12:00"]]}}"#,
            "breaks.2025-01-05[0]",
            r#"["12:00","12:00"]"#,
        ),
        (
            r#"{"tz": "UTC", "week": {"monday": [["09:00","17:00"]]}}"#,
            "week.monday",
            r#"[["09:00","17:00"]]"#,
        ),
        (r#"{"tz": "UTC"}"#, "week", ""), // a missing field is named
        (
            r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}, "holiday_rules": [{"set": "mars"}]}"#,
            "holiday_rules[0].set",
            "mars",
        ),
        ("not json", ".", ""),
    ] {
        let e = Calendar::from_json(json).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidCalendar, "{json}: {e}");
        assert_eq!(e.field(), Some(field), "{json}: {e}");
        if !value.is_empty() {
            assert_eq!(e.value(), Some(value), "{json}: {e}");
        }
    }
}

// ---- rule 7: holidays win; breaks cut whatever the date has -------------------------------------

#[test]
fn rule7_a_holiday_closes_its_date_even_with_an_override() {
    let c = cal(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]},
                    "holidays": ["2025-01-06"], "overrides": {"2025-01-06": [["10:00","12:00"]]}}"#);
    assert!(!c.is_open(at("2025-01-06T11:00:00Z")).unwrap());
    assert_eq!(
        c.next_open(at("2025-01-06T11:00:00Z")).unwrap(),
        at("2025-01-13T09:00:00Z")
    );
}

#[test]
fn rule7_breaks_are_cut_from_overrides_regular_and_reduced_hours() {
    let c = cal(
        r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]]},
                    "overrides": {"2025-01-06": [["10:00","14:00"]]},
                    "breaks": {"2025-01-06": [["12:00","12:30"]], "2025-01-07": [["08:00","09:30"], ["16:00","18:00"]]}}"#,
    );
    assert_eq!(
        c.elapsed(at("2025-01-06T00:00:00Z"), at("2025-01-07T00:00:00Z"))
            .unwrap(),
        TimeDelta::minutes(210)
    );
    assert!(!c.is_open(at("2025-01-06T12:15:00Z")).unwrap());
    assert_eq!(
        c.next_open(at("2025-01-06T12:15:00Z")).unwrap(),
        at("2025-01-06T12:30:00Z")
    );
    assert_eq!(
        c.elapsed(at("2025-01-07T00:00:00Z"), at("2025-01-08T00:00:00Z"))
            .unwrap(),
        TimeDelta::minutes(390)
    );
    // A break on an Israeli holiday eve is cut from the eve's reduced hours.
    let il = Calendar::israel_desk()
        .unwrap()
        .with_break(
            NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
            kesher::calendar::WallInterval::parse("10:00", "11:00").unwrap(),
        )
        .unwrap();
    let eve = il.hours_on(NaiveDate::from_ymd_opt(2025, 10, 1).unwrap());
    assert_eq!(
        eve.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["09:00–10:00", "11:00–13:00"]
    );
}

#[test]
fn rule7_israeli_holidays_eves_and_chol_hamoed() {
    let il = Calendar::israel_desk().unwrap();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert!(il.hours_on(d("2025-10-02")).is_empty(), "Yom Kippur");
    assert!(il.hours_on(d("2025-09-23")).is_empty(), "Rosh Hashana");
    assert!(
        il.hours_on(d("2025-09-24")).is_empty(),
        "Rosh Hashana, second day"
    );
    assert_eq!(
        il.hours_on(d("2025-09-22"))[0].to_string(),
        "09:00–13:00",
        "Rosh Hashana eve"
    );
    assert_eq!(
        il.hours_on(d("2025-10-08"))[0].to_string(),
        "09:00–17:00",
        "Chol HaMoed keeps regular hours by default"
    );
    assert!(
        il.hours_on(d("2025-05-01")).is_empty(),
        "Independence Day moved to Thursday"
    );
    let reduced = Calendar::israel(&kesher::calendar::IsraelDesk {
        holidays: kesher::calendar::IsraelHolidays {
            eve_hours: Some(vec![]),
            chol_hamoed_hours: Some(vec![kesher::calendar::WallInterval::parse(
                "10:00", "14:00",
            )
            .unwrap()]),
        },
        ..kesher::calendar::IsraelDesk::default()
    })
    .unwrap();
    assert!(reduced.hours_on(d("2025-09-22")).is_empty(), "eves closed");
    assert_eq!(
        reduced.hours_on(d("2025-10-08"))[0].to_string(),
        "10:00–14:00"
    );
    // Chol HaMoed on Friday: the short Friday cut to 10:00–13:00.
    assert_eq!(
        reduced.hours_on(d("2025-10-10"))[0].to_string(),
        "10:00–13:00"
    );
    assert!(
        reduced.hours_on(d("2025-10-11")).is_empty(),
        "Saturday stays closed"
    );
}

// ---- rule 8: sub-second precision --------------------------------------------------------------

#[test]
fn rule8_nanoseconds_are_kept() {
    let c = nine_to_five("UTC");
    let t = at("2025-01-06T16:59:59.999999999Z");
    assert_eq!(
        c.add(t, TimeDelta::nanoseconds(1)).unwrap(),
        at("2025-01-06T17:00:00Z")
    );
    assert_eq!(
        c.add(t, TimeDelta::nanoseconds(2)).unwrap(),
        at("2025-01-07T09:00:00.000000001Z")
    );
    assert_eq!(
        c.elapsed(at("2025-01-06T09:00:00.25Z"), at("2025-01-06T09:00:01Z"))
            .unwrap(),
        TimeDelta::milliseconds(750)
    );
}

// ---- range and far dates -------------------------------------------------------------------------

#[test]
fn far_dates_compile_fresh_windows_and_out_of_range_is_an_error() {
    let c = Calendar::israel_desk().unwrap();
    let mut tl = c.timeline();
    tl.is_open_ns(at("2025-01-01T10:00:00Z").timestamp_nanos_opt().unwrap())
        .unwrap();
    let near = tl.compiled_intervals();
    tl.is_open_ns(at("2200-01-01T10:00:00Z").timestamp_nanos_opt().unwrap())
        .unwrap();
    assert!(
        tl.compiled_intervals() < near * 4,
        "a far query compiles a window, not 175 years"
    );
    assert!(c.add(at("2200-06-01T10:00:00Z"), h(100)).is_ok());
    assert!(c.add(at("1700-06-01T10:00:00Z"), h(100)).is_ok());
    let e = c.add(at("2262-04-01T00:00:00Z"), h(10_000)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    let mut out = [0_i64];
    let e = tl
        .add_many(&[i64::MAX / 2], EpochUnit::Seconds, h(1), &mut out)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert_eq!(e.field(), Some("starts"));
}

/// 96 quarter-hour slots (ten minutes open in each) on every day of the week.
fn sliced() -> Calendar {
    let day: Vec<String> = (0..96)
        .map(|i| {
            let (h, m) = (i / 4, i % 4 * 15);
            format!(r#"["{h:02}:{m:02}","{h:02}:{:02}"]"#, m + 10)
        })
        .collect();
    let day = format!("[{}]", day.join(","));
    cal(&format!(
        r#"{{"tz": "UTC", "week": {{"mon": {day}, "tue": {day}, "wed": {day}, "thu": {day}, "fri": {day}, "sat": {day}, "sun": {day}}}}}"#
    ))
}

#[test]
fn rule9_a_span_of_centuries_is_refused_and_the_table_stays_bounded() {
    let c = sliced();
    let mut tl = c.timeline();
    let (a, b) = (at("1700-01-01T00:00:00Z"), at("2250-01-01T00:00:00Z"));
    let err = c.elapsed(a, b).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("span"), "{err}");
    let (a_ns, b_ns) = (
        a.timestamp_nanos_opt().unwrap(),
        b.timestamp_nanos_opt().unwrap(),
    );
    assert!(tl.elapsed_ns(a_ns, b_ns).is_err());
    assert!(tl.compiled_intervals() <= kesher::calendar::MAX_COMPILED_INTERVALS);
    // After the refusal the same timeline answers a normal question as a fresh one does.
    let t = at("2025-03-04T10:03:00Z").timestamp_nanos_opt().unwrap();
    let want = c.timeline().add_ns(t, 3_600 * 1_000_000_000).unwrap();
    assert_eq!(tl.add_ns(t, 3_600 * 1_000_000_000).unwrap(), want);
    // Twenty years of it still compile (192,000 intervals a year at most).
    let twenty = at("2045-01-01T00:00:00Z").timestamp_nanos_opt().unwrap();
    assert!(tl.elapsed_ns(t, twenty).unwrap() > 0);
}

/// Found by `cargo fuzz` (fuzz/regressions/calendar_eval): the day index of a table spanning
/// most of the supported years overflowed an i64 of nanoseconds.
#[test]
fn rule9_the_whole_range_of_years_is_answered_or_refused_never_overflowed() {
    let us = Calendar::us_desk().unwrap();
    let (a, b) = (at("1762-01-06T14:00:00Z"), at("2250-01-06T16:30:00Z"));
    let hours = us.elapsed(a, b).unwrap().num_hours();
    // About 2,000 open hours a year (8 hours × ~250 days) over 488 years.
    assert!((900_000..1_000_000).contains(&hours), "{hours}");
    // Round the clock, 585 years hold more nanoseconds than an i64: refused, not wrapped.
    let err = always("UTC")
        .elapsed(at("1678-01-01T00:00:00Z"), at("2262-01-01T00:00:00Z"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("292 years"), "{err}");
}

// ---- rule 13: night shifts belong to the date they start ----------------------------------------

fn nights(extra: &str) -> Calendar {
    let night = r#"[["22:00","06:00"]]"#;
    cal(&format!(
        r#"{{"tz": "UTC", "week": {{"mon": {night}, "tue": {night}, "wed": {night}}}{extra}}}"#
    ))
}

#[test]
fn rule13_a_night_shift_runs_past_midnight() {
    let c = nights("");
    assert!(!c.is_open(at("2025-01-06T21:59:59Z")).unwrap());
    assert!(c.is_open(at("2025-01-06T22:00:00Z")).unwrap());
    assert!(c.is_open(at("2025-01-07T05:59:59.999999999Z")).unwrap());
    // Tuesday 06:00 closes Monday's shift; Tuesday's own opens at 22:00.
    assert!(!c.is_open(at("2025-01-07T06:00:00Z")).unwrap());
    assert_eq!(
        c.elapsed(at("2025-01-06T00:00:00Z"), at("2025-01-08T00:00:00Z"))
            .unwrap(),
        h(10)
    );
    assert_eq!(
        c.add(at("2025-01-07T05:00:00Z"), h(2)).unwrap(),
        at("2025-01-07T23:00:00Z")
    );
    // Wednesday's shift ends Thursday 06:00, then nothing until Monday 22:00.
    assert_eq!(
        c.next_open(at("2025-01-09T06:00:00Z")).unwrap(),
        at("2025-01-13T22:00:00Z")
    );
    let tuesday: Vec<String> = c
        .hours_on(NaiveDate::from_ymd_opt(2025, 1, 7).unwrap())
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(tuesday, ["00:00–06:00", "22:00–24:00"]);
    let c2 = cal(r#"{"tz": "UTC", "week": {"fri": [["22:00","06:00"]]}}"#);
    let j = serde_json::to_string(&c2).unwrap();
    assert!(j.contains(r#"["22:00","06:00"]"#), "{j}");
    assert_eq!(Calendar::from_json(&j).unwrap(), c2);
}

#[test]
fn rule13_a_holiday_closes_the_shift_that_starts_on_it() {
    let c = nights(r#", "holidays": ["2025-01-07"]"#);
    // Monday's shift keeps its Tuesday morning.
    assert!(c.is_open(at("2025-01-07T05:00:00Z")).unwrap());
    // Tuesday's own shift is closed, through Wednesday 06:00.
    assert!(!c.is_open(at("2025-01-07T23:00:00Z")).unwrap());
    assert!(!c.is_open(at("2025-01-08T05:00:00Z")).unwrap());
    assert_eq!(
        c.next_open(at("2025-01-07T06:00:00Z")).unwrap(),
        at("2025-01-08T22:00:00Z")
    );
    // An override replaces only the shifts that start on its date.
    let c = nights(r#", "overrides": {"2025-01-07": [["23:00","02:00"]]}"#);
    assert!(c.is_open(at("2025-01-07T05:00:00Z")).unwrap());
    assert!(!c.is_open(at("2025-01-07T22:30:00Z")).unwrap());
    assert!(c.is_open(at("2025-01-08T01:59:00Z")).unwrap());
    assert!(!c.is_open(at("2025-01-08T02:00:00Z")).unwrap());
}

#[test]
fn rule13_breaks_close_wall_time_on_their_own_date() {
    // A break on Tuesday 02:00–03:00 cuts Monday's shift; one crossing midnight cuts both days.
    let c = nights(r#", "breaks": {"2025-01-07": [["02:00","03:00"], ["23:30","00:30"]]}"#);
    assert!(c.is_open(at("2025-01-07T01:59:00Z")).unwrap());
    assert!(!c.is_open(at("2025-01-07T02:30:00Z")).unwrap());
    assert!(c.is_open(at("2025-01-07T03:00:00Z")).unwrap());
    assert!(!c.is_open(at("2025-01-07T23:45:00Z")).unwrap());
    assert!(!c.is_open(at("2025-01-08T00:15:00Z")).unwrap());
    assert!(c.is_open(at("2025-01-08T00:30:00Z")).unwrap());
    assert_eq!(
        c.elapsed(at("2025-01-06T22:00:00Z"), at("2025-01-08T06:00:00Z"))
            .unwrap(),
        h(14)
    );
}

#[test]
fn rule13_night_shifts_count_real_time_across_dst_changes() {
    let night = r#"[["22:00","06:00"]]"#;
    let c = cal(&format!(
        r#"{{"tz": "Europe/London", "week": {{"sat": {night}}}, "holidays": ["2025-11-01"]}}"#
    ));
    // Spring forward (Sunday 2025-03-30, 01:00 → 02:00): the shift is 7 hours.
    assert_eq!(
        c.elapsed(at("2025-03-29T12:00:00Z"), at("2025-03-30T12:00:00Z"))
            .unwrap(),
        h(7)
    );
    assert!(!c.is_open(at("2025-03-30T05:00:00Z")).unwrap()); // 06:00 BST
    assert!(c.is_open(at("2025-03-30T04:59:59Z")).unwrap());
    // Fall back (Sunday 2025-10-26, 02:00 → 01:00): 9 hours.
    assert_eq!(
        c.elapsed(at("2025-10-25T12:00:00Z"), at("2025-10-26T12:00:00Z"))
            .unwrap(),
        h(9)
    );
    assert!(c.is_open(at("2025-10-26T05:59:59Z")).unwrap()); // 05:59:59 GMT
    assert!(!c.is_open(at("2025-10-26T06:00:00Z")).unwrap());
    // A holiday on the Saturday closes its whole night.
    assert_eq!(
        c.elapsed(at("2025-11-01T12:00:00Z"), at("2025-11-02T12:00:00Z"))
            .unwrap(),
        h(0)
    );
    // The same in New York, where the change happens at 02:00 inside the shift.
    let ny = cal(&format!(
        r#"{{"tz": "America/New_York", "week": {{"sat": {night}}}}}"#
    ));
    assert_eq!(
        ny.elapsed(at("2025-03-08T12:00:00Z"), at("2025-03-09T20:00:00Z"))
            .unwrap(),
        h(7)
    );
    assert_eq!(
        ny.elapsed(at("2025-11-01T12:00:00Z"), at("2025-11-02T20:00:00Z"))
            .unwrap(),
        h(9)
    );
}

// ---- rule 10: sub ------------------------------------------------------------------------------

#[test]
fn rule10_sub_is_the_latest_start_with_that_much_business_time() {
    let c = nine_to_five("UTC");
    let t = at("2025-01-07T10:00:00Z");
    assert_eq!(c.sub(t, h(1)).unwrap(), at("2025-01-07T09:00:00Z"));
    // Exactly a day's hours back from an opening's hour: the opening, not the closing before.
    assert_eq!(
        c.sub(at("2025-01-07T17:00:00Z"), h(8)).unwrap(),
        at("2025-01-07T09:00:00Z")
    );
    assert_eq!(c.sub(t, h(2)).unwrap(), at("2025-01-06T16:00:00Z"));
    assert_eq!(c.sub(t, TimeDelta::zero()).unwrap(), t);
    // From a closed instant, the time counts back from the last closing.
    assert_eq!(
        c.sub(at("2025-01-07T20:00:00Z"), h(1)).unwrap(),
        at("2025-01-07T16:00:00Z")
    );
    assert_eq!(
        c.sub(at("2025-01-07T20:00:00Z"), TimeDelta::zero())
            .unwrap(),
        at("2025-01-07T20:00:00Z")
    );
    // Far back: 800 business hours before, a hundred days of eight hours.
    let u = c.sub(t, h(800)).unwrap();
    assert_eq!(c.elapsed(u, t).unwrap(), h(800));
    assert_eq!(u, at("2024-09-29T10:00:00Z"));
}

#[test]
fn rule10_negative_durations_name_the_other_direction() {
    let c = nine_to_five("UTC");
    let t = at("2025-01-07T10:00:00Z");
    for e in [c.sub(t, h(-1)).unwrap_err(), c.add(t, h(-1)).unwrap_err()] {
        assert_eq!(e.kind(), ErrorKind::NegativeDuration);
        assert!(e.to_string().contains("`sub` moves back"), "{e}");
    }
}

#[test]
fn rule10_sub_without_working_time_behind_fails_after_the_horizon() {
    let c = cal(r#"{"tz": "UTC", "week": {}, "overrides": {"2025-06-02": [["09:00","17:00"]]}}"#);
    assert_eq!(
        c.sub(at("2025-06-03T00:00:00Z"), h(8)).unwrap(),
        at("2025-06-02T09:00:00Z")
    );
    for e in [
        c.sub(at("2025-06-03T00:00:00Z"), h(9)).unwrap_err(),
        c.previous_open(at("2025-06-01T00:00:00Z")).unwrap_err(),
        c.previous_close(at("2025-06-01T00:00:00Z")).unwrap_err(),
    ] {
        assert_eq!(e.kind(), ErrorKind::NoWorkingTime, "{e}");
    }
}

// ---- rule 11: openings and closings -------------------------------------------------------------

#[test]
fn rule11_openings_and_closings_either_side() {
    let c = nine_to_five("UTC");
    let open = at("2025-01-07T12:00:00Z");
    let closed = at("2025-01-07T20:00:00Z");
    assert_eq!(c.previous_open(open).unwrap(), at("2025-01-07T09:00:00Z"));
    assert_eq!(c.previous_open(closed).unwrap(), at("2025-01-07T09:00:00Z"));
    assert_eq!(c.next_close(open).unwrap(), at("2025-01-07T17:00:00Z"));
    assert_eq!(c.next_close(closed).unwrap(), at("2025-01-08T17:00:00Z"));
    assert_eq!(c.previous_close(open).unwrap(), at("2025-01-06T17:00:00Z"));
    assert_eq!(
        c.previous_close(closed).unwrap(),
        at("2025-01-07T17:00:00Z")
    );
    // At the instants themselves (half-open: open at the opening, closed at the closing).
    let opening = at("2025-01-07T09:00:00Z");
    let closing = at("2025-01-07T17:00:00Z");
    assert_eq!(c.previous_open(opening).unwrap(), opening);
    assert_eq!(c.previous_close(closing).unwrap(), closing);
    assert_eq!(c.next_close(closing).unwrap(), at("2025-01-08T17:00:00Z"));
    assert_eq!(c.next_close(opening).unwrap(), closing);
}

#[test]
fn rule11_a_stretch_over_midnight_has_one_opening_and_one_closing() {
    let c = always("America/New_York");
    let e = c.next_close(at("2025-01-07T12:00:00Z")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert_eq!(e.field(), Some("at"));
    assert!(e.to_string().contains("stays open"), "{e}");
    assert_eq!(
        c.previous_close(at("2025-01-07T12:00:00Z"))
            .unwrap_err()
            .field(),
        Some("at")
    );
    // Sunday's night shift, Monday from 02:00 and Tuesday from 00:00 touch: one stretch; an
    // override that overlaps a night shift adds only what it does not cover.
    let c = cal(
        r#"{"tz": "UTC", "week": {"sun": [["20:00","02:00"]], "mon": [["02:00","24:00"]], "tue": [["00:00","12:00"]]},
            "overrides": {"2025-01-13": [["01:00","03:00"], ["04:00","24:00"]]}}"#,
    );
    // Sunday 20:00 to Monday 03:00, then Monday 04:00 to Tuesday 12:00.
    assert_eq!(
        c.elapsed(at("2025-01-12T00:00:00Z"), at("2025-01-15T00:00:00Z"))
            .unwrap(),
        h(7 + 20 + 12)
    );
    assert_eq!(
        c.previous_open(at("2025-01-14T11:00:00Z")).unwrap(),
        at("2025-01-13T04:00:00Z")
    );
    assert_eq!(
        c.next_close(at("2025-01-06T01:00:00Z")).unwrap(),
        at("2025-01-07T12:00:00Z")
    );
    assert_eq!(
        c.previous_open(at("2025-01-07T11:00:00Z")).unwrap(),
        at("2025-01-05T20:00:00Z")
    );
}

// ---- rule 12: open days ------------------------------------------------------------------------

#[test]
fn rule12_add_days_keeps_the_time_of_day_on_open_days() {
    let weekdays = r#"[["09:00","17:00"]]"#;
    let c = cal(&format!(
        r#"{{"tz": "America/New_York", "week": {{"mon": {weekdays}, "tue": {weekdays}, "wed": {weekdays}, "thu": {weekdays}, "fri": {weekdays}}}, "holidays": ["2025-03-10"]}}"#
    ));
    // Friday 2025-03-07 20:30 EST; one open day later is Tuesday (Monday is a holiday), EDT.
    let friday = at("2025-03-08T01:30:00Z");
    assert_eq!(c.add_days(friday, 1).unwrap(), at("2025-03-12T00:30:00Z"));
    assert_eq!(c.add_days(friday, 0).unwrap(), friday);
    assert_eq!(c.add_days(friday, -1).unwrap(), at("2025-03-07T01:30:00Z"));
    // From a Saturday, zero days rolls forward to the next open day.
    let saturday = at("2025-03-08T15:00:00Z");
    assert_eq!(c.add_days(saturday, 0).unwrap(), at("2025-03-11T14:00:00Z"));
    assert_eq!(
        c.add_days(saturday, -1).unwrap(),
        at("2025-03-07T15:00:00Z")
    );
    assert_eq!(
        c.open_days_between(friday, c.add_days(friday, 5).unwrap())
            .unwrap(),
        5
    );
    assert_eq!(
        c.open_days_between(saturday, at("2025-03-13T00:00:00Z"))
            .unwrap(),
        1
    ); // Wednesday 20:00
    assert_eq!(
        c.open_days_between(saturday, at("2025-03-13T12:00:00Z"))
            .unwrap(),
        2
    );
    assert_eq!(
        c.open_days_between(saturday, friday).unwrap_err().kind(),
        ErrorKind::EndBeforeStart
    );
    // A wall time the target date skips moves forward by the gap (rule 2).
    let every_day = r#"[["09:00","17:00"]]"#;
    let c = cal(&format!(
        r#"{{"tz": "America/New_York", "week": {{"sat": {every_day}, "sun": {every_day}}}}}"#
    ));
    let saturday_0230 = at("2025-03-08T07:30:00Z");
    assert_eq!(
        c.add_days(saturday_0230, 1).unwrap(),
        at("2025-03-09T07:30:00Z")
    );
    assert_eq!(
        c.add_days(at("2025-11-01T05:30:00Z"), 1).unwrap(), // 01:30 EDT → the earlier 01:30
        at("2025-11-02T05:30:00Z")
    );
    assert_eq!(
        c.add_days(at("2025-11-02T06:30:00Z"), -1).unwrap(), // the later 01:30 (EST) → Saturday 01:30 EDT
        at("2025-11-01T05:30:00Z")
    );
    let e = c.add_days(saturday_0230, 300_000).unwrap_err();
    assert_eq!(e.field(), Some("days"));
}

#[test]
fn rule12_a_night_shift_makes_its_start_date_the_open_day() {
    let c = nights(r#", "holidays": ["2025-01-07"]"#);
    // Open days: Monday, Wednesday (Tuesday is a holiday, though Monday's shift runs into it).
    let monday_noon = at("2025-01-06T12:00:00Z");
    assert_eq!(
        c.add_days(monday_noon, 1).unwrap(),
        at("2025-01-08T12:00:00Z")
    );
    assert_eq!(
        c.open_days_between(monday_noon, at("2025-01-13T00:00:00Z"))
            .unwrap(),
        2
    );
}
