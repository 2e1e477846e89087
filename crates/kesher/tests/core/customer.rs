//! Customers: validation, consent, lifetime value.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use chrono::{TimeZone, Utc};
use kesher::{
    customer::{ConsentTopic, Customer, LifetimeModel},
    Channel, ErrorKind,
};
use serde_json::json;

fn parse(v: serde_json::Value) -> kesher::Result<Customer> {
    Customer::from_json(&v.to_string())
}

#[test]
fn the_documented_example_parses_with_every_field() {
    let c = Customer::from_json(include_str!("../../../../docs/examples/customer.json")).unwrap();
    assert_eq!(c.given_name.as_deref(), Some("Dana"));
    assert_eq!(c.contacts_on(&Channel::Whatsapp).count(), 1);
    assert_eq!(c.preferred_contact().unwrap().channel, Channel::Email);
    assert_eq!(
        c.time_zone.as_ref().map(|tz| tz.name()),
        Some("Asia/Jerusalem")
    );
    assert!(c.has_consent(ConsentTopic::MonthlyEmail));
    assert!(!c.has_consent(ConsentTopic::Surveys));
    assert!(c.segments.contains("vip"));
}

#[test]
fn latest_consent_decision_wins_and_a_tie_withdraws() {
    let c = parse(json!({"id": "c", "name": "N", "consents": [
        {"topic": "surveys", "granted": true, "at": "2025-03-01T00:00:00Z"},
        {"topic": "surveys", "granted": false, "at": "2025-01-01T00:00:00Z"},
        {"topic": "follow_ups", "granted": true, "at": "2025-01-01T00:00:00Z"},
        {"topic": "follow_ups", "granted": false, "at": "2025-01-01T00:00:00Z"}]}))
    .unwrap();
    assert!(c.has_consent(ConsentTopic::Surveys));
    assert!(!c.has_consent(ConsentTopic::FollowUps));
    assert!(!c.has_consent(ConsentTopic::Marketing));
}

#[test]
fn validation_names_field_and_value() {
    let err = parse(json!({"id": "c", "name": "N", "contact_points": [
        {"channel": "email", "address": "dana@example"}]}))
    .unwrap_err();
    assert_eq!(err.field(), Some("contact_points.address"));
    assert_eq!(err.value(), Some("dana@example"));

    let err = parse(json!({"id": "c", "name": "N", "contact_points": [
        {"channel": "phone", "address": "+972 3 555 0101", "preferred": true},
        {"channel": "email", "address": "a@b.co", "preferred": true}]}))
    .unwrap_err();
    assert_eq!(err.field(), Some("contact_points.preferred"));

    let err = parse(json!({"id": "c", "name": "N", "time_zone": "Asia/Jerusalam"})).unwrap_err();
    assert_eq!(err.field(), Some("time_zone"));
    assert!(err.to_string().contains("`Asia/Jerusalam`"), "{err}");

    let err = parse(json!({"id": "c", "name": "N", "language": "he IL"})).unwrap_err();
    assert_eq!(err.field(), Some("language"));

    let err = parse(json!({"id": "c", "name": "N", "acquisition_cost": {"amount_minor": -1, "currency": "ILS"}})).unwrap_err();
    assert_eq!(err.field(), Some("acquisition_cost.amount_minor"));

    let err = parse(json!({"id": "c", "name": "N", "purchases": [{"order_ref": "A",
        "purchased_at": "2025-01-01T00:00:00Z", "total": {"amount_minor": 100, "currency": "ILS"},
        "items": [{"description": "x", "quantity": 0, "unit_price": {"amount_minor": 100, "currency": "ILS"}}]}]}))
    .unwrap_err();
    assert_eq!(err.field(), Some("purchases[0].items[0].quantity"));
}

fn purchase(order: &str, at: &str, minor: i64, currency: &str) -> serde_json::Value {
    json!({"order_ref": order, "purchased_at": at, "total": {"amount_minor": minor, "currency": currency}})
}

#[test]
fn lifetime_value_counts_only_purchases_up_to_as_of() {
    let c = parse(json!({"id": "c", "name": "N", "purchases": [
        purchase("A", "2023-01-01T00:00:00Z", 10000, "USD"),
        purchase("B", "2024-01-01T00:00:00Z", 10000, "USD"),
        purchase("C", "2026-01-01T00:00:00Z", 99900, "USD")]}))
    .unwrap();
    let as_of = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
    let model = LifetimeModel {
        expected_relationship_days: 730,
        min_observation_days: 365,
    };
    let ltv = c.lifetime_value(as_of, model).unwrap().unwrap();
    assert_eq!(ltv.purchases, 2);
    assert_eq!(ltv.realized.amount_minor, 20000);
    // Tenure (731 days) already exceeds the expected relationship: nothing more is projected.
    assert_eq!(ltv.projected, ltv.realized);
    assert_eq!(ltv.net_projected, ltv.realized);

    let before = Utc.with_ymd_and_hms(2022, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(c.lifetime_value(before, model).unwrap(), None);
}

#[test]
fn a_single_recent_purchase_is_not_projected_as_a_daily_habit() {
    let c = parse(json!({"id": "c", "name": "N", "purchases": [purchase("A", "2025-01-01T00:00:00Z", 36500, "ILS")]})).unwrap();
    let as_of = Utc.with_ymd_and_hms(2025, 1, 2, 0, 0, 0).unwrap();
    let ltv = c
        .lifetime_value(as_of, LifetimeModel::default())
        .unwrap()
        .unwrap();
    // 365.00 over the minimum observation of 365 days = 1.00/day for the 1094 days left.
    assert_eq!(ltv.projected.amount_minor, 36500 + 109400);
}

#[test]
fn mixed_currencies_are_an_error_naming_the_purchase() {
    let c = parse(json!({"id": "c", "name": "N", "purchases": [
        purchase("A", "2024-01-01T00:00:00Z", 100, "ILS"),
        purchase("B", "2024-02-01T00:00:00Z", 100, "USD")]}))
    .unwrap();
    let err = c
        .lifetime_value(
            Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(),
            LifetimeModel::default(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CurrencyMismatch);
    assert_eq!(err.field(), Some("purchases[1].total"));
    assert_eq!(
        err.to_string(),
        "currency mismatch in purchases[1].total: expected `ILS`, found `USD`"
    );

    let c = parse(
        json!({"id": "c", "name": "N", "acquisition_cost": {"amount_minor": 1, "currency": "EUR"},
        "purchases": [purchase("A", "2024-01-01T00:00:00Z", 100, "ILS")]}),
    )
    .unwrap();
    let err = c
        .lifetime_value(
            Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(),
            LifetimeModel::default(),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("acquisition_cost"));
}

#[test]
fn interaction_kind_names_are_the_json_contract_names() {
    let mut names: Vec<&str> = Vec::new();
    for kind in kesher::interaction::InteractionKind::ALL {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.name()));
        let back: kesher::interaction::InteractionKind = serde_json::from_str(&json).unwrap();
        assert_eq!(back, kind);
        names.push(kind.name());
    }
    // ALL holds every kind the JSON schema names, once, in the schema's order.
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../../docs/schema/event.schema.json")).unwrap();
    let listed: Vec<&str> = schema["$defs"]["interaction_kind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(names, listed);
}
