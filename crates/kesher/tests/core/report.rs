//! The report's invariants: it does not depend on the order of the cases, and its parts add up.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use kesher::report::{ReportBuilder, ReportOptions};
use kesher::{
    case::{Case, CaseLog},
    event::CaseEvent,
    journey::EmotionModel,
    sla::{ContractSet, SlaEngine},
    text::SentimentScorer,
    Language,
};
use proptest::prelude::*;

const TEXTS: [&str; 5] = [
    "my order never arrived, terrible",
    "password reset email never came",
    "thanks, love the new app",
    "where is my order?",
    "the app keeps crashing, so frustrating",
];

/// One case: a customer's message, maybe an answer after `wait` seconds, maybe resolved.
fn case(i: usize, brand: u8, channel: u8, text: usize, wait: Option<u32>, resolved: bool) -> Case {
    case_of(i, i, brand, channel, text, wait, resolved)
}

/// [`case`] of customer `c{customer}`.
fn case_of(
    customer: usize,
    i: usize,
    brand: u8,
    channel: u8,
    text: usize,
    wait: Option<u32>,
    resolved: bool,
) -> Case {
    let channel = ["email", "twitter", "chat"][channel as usize % 3];
    let open = 1_736_067_600 + i as i64 * 3_600; // 2025-01-05T09:00Z onwards
    let iso = |t: i64| chrono::DateTime::from_timestamp(t, 0).unwrap().to_rfc3339();
    let mut log = CaseLog::default();
    let mut add = |json: String| log.insert(CaseEvent::from_json(&json).unwrap());
    add(format!(
        r#"{{"type": "opened", "case_id": "T{i}", "at": "{}", "customer": {{"id": "c{customer}"}}, "channel": "{channel}", "metadata": {{"brand": "b{brand}"}}}}"#,
        iso(open)
    ));
    add(format!(
        r#"{{"type": "interaction", "case_id": "T{i}", "seq": 1, "id": "q{i}", "customer_id": "c{customer}", "at": "{}", "channel": "{channel}", "direction": "inbound", "actor": {{"type": "customer"}}, "kind": "message", "text": "{}"}}"#,
        iso(open),
        TEXTS[text % TEXTS.len()]
    ));
    if let Some(w) = wait {
        add(format!(
            r#"{{"type": "interaction", "case_id": "T{i}", "seq": 2, "id": "a{i}", "customer_id": "c{customer}", "at": "{}", "channel": "{channel}", "direction": "outbound", "actor": {{"type": "agent", "id": "ag{}"}}, "kind": "message", "text": "sorry, fixed now"}}"#,
            iso(open + i64::from(w)),
            w % 3
        ));
        if resolved {
            add(format!(
                r#"{{"type": "status_changed", "case_id": "T{i}", "seq": 3, "at": "{}", "to": "resolved"}}"#,
                iso(open + i64::from(w) + 60)
            ));
        }
    }
    log.fold().unwrap()
}

fn report(cases: &[Case]) -> serde_json::Value {
    report_with(cases, ReportOptions::default())
}

fn report_with(cases: &[Case], options: ReportOptions) -> serde_json::Value {
    let set = ContractSet::from_json(
        r#"[{"name": "std", "calendar": "us", "targets": [{"metric": "first_response", "within": 7200}]}]"#,
    )
    .unwrap();
    let mut engine = SlaEngine::new(set.clone());
    let now = "2025-03-01T00:00:00Z".parse().unwrap();
    let model = EmotionModel {
        scorer: Some(&SentimentScorer::DEFAULT),
        ..EmotionModel::default()
    };
    let mut b = ReportBuilder::new(options);
    for c in cases {
        let sla = engine.evaluate(c, now).unwrap();
        let j = model.journey(c, now, Some(&sla));
        b.add(c, Some(&sla), &j, now);
    }
    serde_json::to_value(b.finish(Some(&set), Language::En, now)).unwrap()
}

fn cases() -> impl Strategy<Value = Vec<Case>> {
    proptest::collection::vec(
        (
            0u8..3,
            0u8..3,
            0usize..5,
            proptest::option::of(0u32..200_000),
            any::<bool>(),
        ),
        1..25,
    )
    .prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, (b, ch, t, w, r))| case(i, b, ch, t, w, r))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_report_does_not_depend_on_the_order_of_cases(
        (cases, shuffled) in cases().prop_flat_map(|c| (Just(c.clone()), Just(c).prop_shuffle()))
    ) {
        prop_assert_eq!(report(&cases), report(&shuffled));
    }

    #[test]
    fn brands_and_channels_add_up_to_the_totals(cases in cases()) {
        let r = report(&cases);
        let total = r["totals"]["metrics"]["cases"].as_u64().unwrap();
        prop_assert_eq!(total as usize, cases.len());
        for part in ["brands", "channels"] {
            let sum: u64 = r[part].as_array().unwrap().iter()
                .map(|s| s["metrics"]["cases"].as_u64().unwrap()).sum();
            prop_assert_eq!(sum, total);
            let unanswered: u64 = r[part].as_array().unwrap().iter()
                .map(|s| s["unanswered_messages"].as_u64().unwrap()).sum();
            prop_assert_eq!(unanswered, r["totals"]["unanswered_messages"].as_u64().unwrap());
        }
        let h = &r["totals"]["first_response_histogram"];
        let binned: u64 = h["counts"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).sum();
        prop_assert_eq!(binned + h["unanswered"].as_u64().unwrap(), total);
        let answered = cases.iter().filter(|c| c.facts().time_to_first_human_response.is_some()).count();
        prop_assert_eq!(binned as usize, answered);
    }
}

/// Cases of a few customers (each case's customer drawn from six), in stream order.
fn shared_cases() -> impl Strategy<Value = Vec<Case>> {
    proptest::collection::vec(
        (
            0usize..6,
            0u8..3,
            0usize..5,
            proptest::option::of(0u32..200_000),
            any::<bool>(),
        ),
        1..30,
    )
    .prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, (c, ch, t, w, r))| case_of(c, i, 0, ch, t, w, r))
            .collect()
    })
}

fn with_window(window: u64) -> ReportOptions {
    ReportOptions {
        customer_window: window,
        list_length: 3,
        ..ReportOptions::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Settling customers as the stream moves on changes nothing while every customer's cases
    /// lie within the window.
    #[test]
    fn retention_is_exact_when_each_customer_fits_the_window(cases in shared_cases()) {
        let mut span: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for (i, c) in cases.iter().enumerate() {
            let e = span.entry(c.customer().id.as_str().to_string()).or_insert((i, i));
            e.1 = i;
        }
        let window = span.values().map(|(a, b)| b - a).max().unwrap() as u64 + 1;
        let exact = report_with(&cases, with_window(u64::MAX));
        prop_assert_eq!(&report_with(&cases, with_window(window))["retention"], &exact["retention"]);
    }

    /// Under any window, every customer is counted once, and a list names a customer once.
    #[test]
    fn under_any_window_a_list_names_a_customer_once(cases in shared_cases(), window in 1u64..6) {
        let exact = report_with(&cases, with_window(u64::MAX));
        let r = report_with(&cases, with_window(window));
        prop_assert_eq!(&r["retention"]["customers"], &exact["retention"]["customers"]);
        for total in ["win_back_total", "nurture_total", "word_of_mouth_total"] {
            prop_assert!(r["retention"][total].as_u64() <= r["retention"]["customers"].as_u64());
        }
        for list in ["win_back", "nurture", "word_of_mouth"] {
            let ids: Vec<&str> = r["retention"][list].as_array().unwrap().iter()
                .map(|e| e["customer_id"].as_str().unwrap()).collect();
            let distinct: std::collections::BTreeSet<&&str> = ids.iter().collect();
            prop_assert_eq!(distinct.len(), ids.len(), "{} names a customer twice: {:?}", list, ids);
            prop_assert!(ids.len() <= 3);
        }
    }
}

/// A customer the win-back list kept comes back after the window: shown once, with the cases
/// of both stretches.
#[test]
fn a_kept_customer_who_comes_back_is_one_customer() {
    let angry = |i: usize| case_of(0, i, 0, 1, 0, None, false);
    let other = |i: usize| case_of(i + 100, i, 0, 1, 2, None, false);
    let cases = vec![angry(0), other(1), other(2), other(3), angry(4)];
    let windowed = report_with(&cases, with_window(2));
    let exact = report_with(&cases, with_window(u64::MAX));
    assert_eq!(windowed["retention"], exact["retention"]);
    let facts = windowed["retention"]["win_back"][0]["facts"].to_string();
    assert_eq!(windowed["retention"]["win_back"][0]["customer_id"], "c0");
    assert!(facts.contains("2 cases still open"), "{facts}");
}

/// The report's JSON of one brand.
fn brand<'r>(r: &'r serde_json::Value, name: &str) -> &'r serde_json::Value {
    r["brands"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == name)
        .unwrap()
}

#[test]
fn word_of_mouth_per_brand_counts_each_public_message_once() {
    // Twitter (channel 1) is public; email and chat are not.
    let cases: Vec<Case> = (0..12)
        .map(|i| case(i, (i % 2) as u8, (i % 3) as u8, i, Some(600), true))
        .collect();
    let r = report(&cases);
    let mut public = 0;
    for b in r["brands"].as_array().unwrap() {
        let p = &b["public_messages"];
        let n = p["positive"].as_u64().unwrap()
            + p["negative"].as_u64().unwrap()
            + p["neutral"].as_u64().unwrap();
        public += n;
    }
    let twitter = (0..12).filter(|i| i % 3 == 1).count() as u64;
    assert_eq!(public, twitter);
    // Case 4 (brand 0, twitter) says "the app keeps crashing, so frustrating": negative;
    // case 10 (brand 0, twitter) "where is my order?": neutral; case 1 and 7 (brand 1).
    let b0 = brand(&r, "b0");
    assert!(
        b0["public_messages"]["negative"].as_u64().unwrap() >= 1,
        "{}",
        b0["public_messages"]
    );
}

#[test]
fn the_lowest_journey_shows_what_the_customer_said_escaped() {
    let mut log = CaseLog::default();
    for json in [
        r#"{"type": "opened", "case_id": "L", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "twitter", "metadata": {"brand": "b0"}}"#,
        r#"{"type": "interaction", "case_id": "L", "seq": 1, "id": "q", "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "twitter", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message", "text": "terrible <script>x</script> service, I am furious and cancelling"}"#,
    ] {
        log.insert(CaseEvent::from_json(json).unwrap());
    }
    let cases = vec![log.fold().unwrap(), case(1, 0, 0, 3, Some(600), true)];
    let r = report(&cases);
    let b0 = brand(&r, "b0");
    let said = b0["lowest_journey"]["said"].as_array().unwrap();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("terrible <script>"));
    let report: kesher::report::Report = serde_json::from_value(r).unwrap();
    let html = report.to_html();
    assert!(html.contains("terrible &lt;script&gt;x&lt;/script&gt; service"));
    assert!(!html.contains("<script>x"));
}

/// The report in a host's wording: its own labels, or a whole language it added, reach the
/// page, the pictures, the statements and the retention facts.
#[test]
fn a_host_words_the_report_in_its_own_language() {
    use kesher::catalogue::{Catalogue, Wording};
    let set = ContractSet::from_json(
        r#"[{"name": "std", "calendar": "us", "targets": [{"metric": "first_response", "within": 7200}]}]"#,
    )
    .unwrap();
    let cases: Vec<Case> = (0..12)
        .map(|i| {
            case(
                i,
                (i % 2) as u8,
                0,
                i % 5,
                Some(600 + 60 * i as u32),
                i % 3 != 0,
            )
        })
        .collect();
    let english = include_str!("../../locales/en.ftl");
    let french = english
        .replace(
            "report-title = Customer experience report",
            "report-title = Rapport d'expérience client",
        )
        .replace("journey-median = median", "journey-median = médiane")
        .replace("statement = We", "statement = Nous");
    let fr = Catalogue::built_in().with_messages("fr", &french).unwrap();
    let wording = Wording::new(&fr, "fr").unwrap();
    let now = "2025-03-01T00:00:00Z".parse().unwrap();
    let build = |w: Wording<'_>| {
        let mut engine = SlaEngine::new(set.clone());
        let mut b = ReportBuilder::new(ReportOptions::default());
        for c in &cases {
            let sla = engine.evaluate(c, now).unwrap();
            let j = EmotionModel::default().journey(c, now, Some(&sla));
            b.add(c, Some(&sla), &j, now);
        }
        b.finish(Some(&set), w, now)
    };
    let report = build(wording);
    assert_eq!(report.language, "fr");
    assert!(report
        .statements
        .iter()
        .all(|s| s.text.starts_with("Nous ")));
    let html = report.to_html_in(wording);
    assert!(
        html.contains(r#"<html lang="fr" dir="ltr">"#),
        "{}",
        &html[..200]
    );
    assert!(
        html.contains("<h1>Rapport d&#39;expérience client</h1>")
            || html.contains("<h1>Rapport d'expérience client</h1>")
    );
    assert!(html.contains("médiane"));
    // Without its catalogue, a host's language falls back to English rather than failing.
    assert!(report.to_html().contains(r#"<html lang="en" dir="ltr">"#));
    // Arabic, built in: right to left, Arabic words in the pictures.
    let ar = build(Language::Ar.into()).to_html();
    assert!(ar.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(ar.contains(r#"direction="rtl" xml:lang="ar""#));
}
