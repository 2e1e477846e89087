#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Computed holidays for 2000–2050 against an independent implementation (Python `holidays`;
//! see tests/vectors/holidays/generate.py for provenance).

use kesher::calendar::{HolidayEffect, HolidayRules, IsraelHolidays};
use std::collections::BTreeSet;

fn vector(name: &str, key: &str) -> BTreeSet<String> {
    let path = format!(
        "{}/../../tests/vectors/holidays/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(doc["years"], serde_json::json!([2000, 2050]));
    doc[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().to_string())
        .collect()
}

fn computed(
    rules: &HolidayRules,
    keep: impl Fn(&kesher::calendar::Observance) -> bool,
) -> BTreeSet<String> {
    (2000..=2050)
        .flat_map(|y| rules.observances(y))
        .filter(|o| keep(o))
        .map(|o| o.date.to_string())
        .collect()
}

fn assert_same(name: &str, ours: &BTreeSet<String>, theirs: &BTreeSet<String>) {
    let missing: Vec<_> = theirs.difference(ours).collect();
    let extra: Vec<_> = ours.difference(theirs).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{name}: missing {missing:?}, extra {extra:?}"
    );
}

#[test]
fn israel_closed_days_match_for_2000_to_2050() {
    let rules = HolidayRules::Israel(IsraelHolidays::default());
    let ours = computed(&rules, |o| o.effect == HolidayEffect::Closed);
    let theirs = vector("israel", "closed");
    assert_eq!(theirs.len(), 51 * 9);
    assert_same("israel closed", &ours, &theirs);
}

#[test]
fn israel_chol_hamoed_matches_for_2000_to_2050() {
    let rules = HolidayRules::Israel(IsraelHolidays::default());
    let ours = computed(&rules, |o| o.name.starts_with("Chol HaMoed"));
    assert_same(
        "israel chol hamoed",
        &ours,
        &vector("israel", "chol_hamoed"),
    );
}

#[test]
fn israel_eves_are_the_days_before_the_closed_holidays() {
    let rules = HolidayRules::Israel(IsraelHolidays::default());
    for year in 2000..=2050 {
        let days = rules.observances(year);
        for eve in days.iter().filter(|o| o.name.ends_with(" eve")) {
            let holiday = eve.name.trim_end_matches(" eve");
            let next = eve.date.succ_opt().unwrap();
            assert!(
                days.iter().any(|o| o.date == next && o.name == holiday)
                    || (next.format("%m-%d").to_string() == "01-01"),
                "{year}: {} on {} is not the day before {holiday}",
                eve.name,
                eve.date
            );
        }
    }
}

#[test]
fn us_federal_days_match_for_2000_to_2050() {
    let ours = computed(&HolidayRules::UsFederal, |_| true);
    assert_same("us federal", &ours, &vector("us_federal", "closed"));
}

#[test]
fn england_and_wales_bank_holidays_match_for_2000_to_2050() {
    let ours = computed(&HolidayRules::EnglandAndWales, |_| true);
    assert_same(
        "england and wales",
        &ours,
        &vector("england_and_wales", "closed"),
    );
}
