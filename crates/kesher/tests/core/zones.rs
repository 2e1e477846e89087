#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Zones built from transitions (what a host's zone source gives, as the WebAssembly package's
//! does from `Intl`) answer as the compiled database does: every zone, every transition, and
//! calendars on them.
//!
//! The transitions are read from chrono-tz the way the package reads them from `Intl`: the offset
//! every 7 days from 1800 to 2100, and each change narrowed to the second by bisection.

use chrono::{DateTime, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use kesher::{calendar::Calendar, zone::Zone};
use proptest::prelude::*;
use std::sync::OnceLock;

const WEEK: i64 = 7 * 86_400;
const FROM: i64 = -5_364_662_400; // 1800-01-01T00:00:00Z
const UNTIL: i64 = 4_102_444_800; // 2100-01-01T00:00:00Z

fn db_offset(tz: chrono_tz::Tz, secs: i64) -> i32 {
    let t = DateTime::from_timestamp(secs, 0).unwrap();
    tz.offset_from_utc_datetime(&t.naive_utc())
        .fix()
        .local_minus_utc()
}

/// The transitions of `tz` between 1800 and 2100, probed as the WebAssembly package probes
/// `Intl`.
fn probed(tz: chrono_tz::Tz) -> (i32, Vec<(i64, i32)>) {
    let initial = db_offset(tz, FROM);
    let mut transitions = Vec::new();
    let (mut t, mut off) = (FROM, initial);
    while t < UNTIL {
        let next = (t + WEEK).min(UNTIL);
        let next_off = db_offset(tz, next);
        if next_off != off {
            // The change is in (t, next]: the first second with the new offset.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if db_offset(tz, mid) == off {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            transitions.push((hi, next_off));
            off = next_off;
        }
        t = next;
    }
    (initial, transitions)
}

fn table_of(tz: chrono_tz::Tz, name: &str) -> Zone {
    let (initial, transitions) = probed(tz);
    Zone::from_transitions(name, initial, transitions).unwrap()
}

#[test]
fn every_zone_from_transitions_answers_as_the_database() {
    for tz in chrono_tz::TZ_VARIANTS {
        let zone = table_of(tz, tz.name());
        let db = Zone::from(tz);
        let (_, transitions) = probed(tz);
        for &(t, _) in &transitions {
            for secs in [t - 86_400, t - 1, t, t + 1, t + 3600] {
                let utc = DateTime::from_timestamp(secs, 0).unwrap();
                assert_eq!(
                    zone.offset_at(utc),
                    db.offset_at(utc),
                    "{} at {utc}",
                    tz.name()
                );
                // Wall times around the transition: in gaps, overlaps and plain time.
                for wall in [-5400, -1800, 0, 1800, 5400] {
                    let local = (utc + TimeDelta::seconds(wall)).naive_utc();
                    let got = zone.offset_from_local_datetime(&local).map(|o| o.fix());
                    let want = tz.offset_from_local_datetime(&local).map(|o| o.fix());
                    assert_eq!(got, want, "{} at local {local}", tz.name());
                }
            }
        }
    }
}

/// A zone source that knows `Test/<zone>` for a few zones, built from transitions.
/// Every test here installs the same source; the first to run installs it (the source is set
/// once per process).
fn installed() {
    let _ = kesher::zone::install_source(test_source);
}

/// How many times the source was asked for `Test/Counted`.
static COUNTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn test_source(name: &str) -> Option<Zone> {
    if name == "Test/Counted" {
        COUNTED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        return Zone::from_transitions(name, 3600, vec![(0, 7200)]).ok();
    }
    static ZONES: OnceLock<Vec<Zone>> = OnceLock::new();
    let zones = ZONES.get_or_init(|| {
        [
            chrono_tz::Asia::Jerusalem,
            chrono_tz::America::New_York,
            chrono_tz::Pacific::Apia,
            chrono_tz::Australia::Lord_Howe,
        ]
        .into_iter()
        .map(|tz| table_of(tz, &format!("Test/{}", tz.name())))
        .collect()
    });
    if name == "Test/Asked" {
        // A source that answers with another zone than asked: not used.
        return Zone::from_transitions("Test/Other", 0, vec![]).ok();
    }
    zones.iter().find(|z| z.name() == name).cloned()
}

fn calendar(tz: &str) -> Calendar {
    let day = r#"[["08:30","12:00"],["13:00","17:30"]]"#;
    Calendar::from_json(&format!(
        r#"{{"tz": "{tz}", "week": {{"sun": {day}, "mon": {day}, "thu": {day}, "fri": [["00:00","24:00"]]}}, "holidays": ["2025-04-13"]}}"#
    ))
    .unwrap()
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 1990..2060, to the nanosecond.
    (631_152_000i64..2_840_140_800, 0u32..1_000_000_000)
        .prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn calendars_on_zones_from_transitions_equal_those_on_the_database(
        z in 0..4usize, a in instant(), hours in 0i64..400, nanos in 0i64..3_600_000_000_000
    ) {
        installed();
        let name = ["Asia/Jerusalem", "America/New_York", "Pacific/Apia", "Australia/Lord_Howe"][z];
        let (db, table) = (calendar(name), calendar(&format!("Test/{name}")));
        prop_assert_eq!(db.tz().name(), name);
        let d = TimeDelta::hours(hours) + TimeDelta::nanoseconds(nanos);
        let (u, v) = (db.add(a, d).unwrap(), table.add(a, d).unwrap());
        prop_assert_eq!(u, v);
        prop_assert_eq!(table.elapsed(a, v).unwrap(), d);
        prop_assert_eq!(db.next_open(a).unwrap(), table.next_open(a).unwrap());
        prop_assert_eq!(db.is_open(a).unwrap(), table.is_open(a).unwrap());
    }

    #[test]
    fn offsets_at_any_instant_agree(z in 0..4usize, a in instant()) {
        installed();
        let name = ["Asia/Jerusalem", "America/New_York", "Pacific/Apia", "Australia/Lord_Howe"][z];
        let (db, table) = (Zone::from_name(name).unwrap(), Zone::from_name(&format!("Test/{name}")).unwrap());
        prop_assert_eq!(db.offset_at(a), table.offset_at(a));
        let local: NaiveDateTime = a.naive_utc();
        prop_assert_eq!(
            db.offset_from_local_datetime(&local).map(|o| o.fix()),
            table.offset_from_local_datetime(&local).map(|o| o.fix())
        );
        prop_assert_eq!(a.with_timezone(&table).to_rfc3339(), a.with_timezone(&db).to_rfc3339());
    }
}

#[test]
fn a_source_is_asked_only_for_names_it_answers_exactly() {
    installed();
    assert!(Zone::from_name("Test/Asked").is_none());
    assert!(Zone::from_name("Test/Asia/Jerusalem").is_some());
    let err =
        Calendar::from_json(r#"{"tz": "Test/Nowhere", "week": {"mon": [["09:00","17:00"]]}}"#)
            .unwrap_err();
    assert_eq!(err.field(), Some("tz"));
    assert!(err.to_string().contains("Test/Nowhere"), "{err}");
}

#[test]
fn zones_serialize_as_their_names_and_compare_by_them() {
    let zone: Zone = "Asia/Jerusalem".parse().unwrap();
    let json = serde_json::to_string(&zone).unwrap();
    assert_eq!(json, r#""Asia/Jerusalem""#);
    assert_eq!(serde_json::from_str::<Zone>(&json).unwrap(), zone);
    let err = serde_json::from_str::<Zone>(r#""Mars/Olympus""#).unwrap_err();
    assert!(err.to_string().contains("Mars/Olympus"), "{err}");
    let err = "Mars/Olympus".parse::<Zone>().unwrap_err();
    assert_eq!(err.field(), Some("time_zone"));
}

/// The zones of `tests/vectors/zones.json`: ordinary ones, half- and quarter-hour offsets,
/// half-hour and negative daylight saving, a skipped day, Ramadan breaks, +14:00.
const VECTOR_ZONES: [&str; 18] = [
    "Asia/Jerusalem",
    "America/New_York",
    "Europe/London",
    "Pacific/Apia",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Africa/Casablanca",
    "Pacific/Kiritimati",
    "America/Sao_Paulo",
    "Europe/Dublin",
    "Antarctica/Troll",
    "Asia/Tehran",
    "Europe/Moscow",
    "America/Santiago",
    "Pacific/Chatham",
    "Asia/Tokyo",
];
const VECTORS_FROM: i64 = 0; // 1970
const VECTORS_UNTIL: i64 = 2_208_988_800; // 2040

/// `tests/vectors/zones.json` as the compiled database gives it.
fn zone_vectors() -> String {
    let mut lines = Vec::new();
    for name in VECTOR_ZONES {
        let tz: chrono_tz::Tz = name.parse().unwrap();
        let (_, transitions) = probed(tz);
        let pairs: Vec<String> = transitions
            .iter()
            .filter(|(t, _)| (VECTORS_FROM..VECTORS_UNTIL).contains(t))
            .map(|(t, o)| format!("[{t},{o}]"))
            .collect();
        let first = db_offset(tz, VECTORS_FROM);
        lines.push(format!(
            "    {{\"zone\": \"{name}\", \"offset_1970\": {first}, \"transitions\": [{}]}}",
            pairs.join(",")
        ));
    }
    format!(
        "{{\n  \"description\": \"Offsets of IANA zones from 1970 to 2040: the offset at 1970-01-01T00:00:00Z, then each transition as [epoch seconds, offset in seconds east of UTC from then on]. Written from the compiled database (chrono-tz) by `KESHER_WRITE_VECTORS=1 cargo test -p kesher --test zones`; a host's zone source (the WebAssembly package's, from Intl) must give the same.\",\n  \"vectors\": [\n{}\n  ]\n}}\n",
        lines.join(",\n")
    )
}

#[test]
fn zone_vectors_are_the_database() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/zones.json"
    );
    let want = zone_vectors();
    if std::env::var_os("KESHER_WRITE_VECTORS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap();
    assert!(
        have == want,
        "tests/vectors/zones.json is stale: rewrite it with KESHER_WRITE_VECTORS=1"
    );
    let doc: serde_json::Value = serde_json::from_str(&have).unwrap();
    assert_eq!(doc["vectors"].as_array().unwrap().len(), VECTOR_ZONES.len());
}

#[test]
fn a_zone_from_the_source_is_built_once_and_the_source_set_once() {
    installed();
    for _ in 0..5 {
        let zone = Zone::from_name("Test/Counted").unwrap();
        assert_eq!(zone.name(), "Test/Counted");
        let cal =
            Calendar::from_json(r#"{"tz": "Test/Counted", "week": {"mon": [["09:00","17:00"]]}}"#);
        assert!(cal.is_ok());
    }
    assert_eq!(COUNTED.load(std::sync::atomic::Ordering::SeqCst), 1);
    let again = kesher::zone::install_source(|_| None).unwrap_err();
    assert_eq!(again.field(), Some("zone_source"));
    // The first source stays.
    assert!(Zone::from_name("Test/Asia/Jerusalem").is_some());
}
