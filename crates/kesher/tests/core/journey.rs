#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! The emotion model's effects, one test each, and the pictures.

use chrono::{DateTime, TimeDelta, Utc};
use kesher::journey::{journey_svg, pattern_svg};
use kesher::{
    case::{Case, CaseLog},
    event::CaseEvent,
    journey::{EmotionModel, Journey, PatternBuilder, StageMap, Stages, SvgOptions},
    sla::{ContractSet, SlaEngine},
    Language,
};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// A case from compact specs: (at, what) with what `in`, `text:<message>`, `ack`, `ans`, `wow`, `survey:<v>`,
/// `csat:<n>`, `nps:<n>`, `call_wait:<s>`, `visit_wait:<s>`, `transfer`, `status:<to>`, `release`.
fn case(channel: &str, events: &[(&str, &str)]) -> Case {
    let mut log = CaseLog::default();
    log.insert(CaseEvent::from_json(&format!(
        r#"{{"type": "opened", "case_id": "T", "at": "{}", "customer": {{"id": "c"}}, "channel": "{channel}", "metadata": {{"brand": "acme"}}}}"#,
        events[0].0
    )).unwrap());
    for (seq, (t, what)) in events.iter().enumerate() {
        let seq = seq + 1;
        let i = |dir: &str, actor: &str, kind: &str, extra: &str| {
            format!(
                r#"{{"type": "interaction", "case_id": "T", "seq": {seq}, "id": "i{seq}", "customer_id": "c", "at": "{t}", "channel": "{channel}", "direction": "{dir}", "actor": {actor}, "kind": "{kind}"{extra}}}"#
            )
        };
        let json = match *what {
            "in" => i("inbound", r#"{"type": "customer"}"#, "message", ""),
            "ack" => i("outbound", r#"{"type": "bot"}"#, "acknowledgement", ""),
            "ans" => i("outbound", r#"{"type": "agent", "id": "a"}"#, "message", ""),
            "wow" => i(
                "outbound",
                r#"{"type": "agent", "id": "a"}"#,
                "message",
                r#", "metadata": {"gesture": "wow"}"#,
            ),
            "transfer" => format!(
                r#"{{"type": "transferred", "case_id": "T", "seq": {seq}, "at": "{t}", "to": "b"}}"#
            ),
            "release" => format!(
                r#"{{"type": "released", "case_id": "T", "seq": {seq}, "at": "{t}", "refund": {{"amount_minor": 100, "currency": "ILS"}}}}"#
            ),
            other => match other.split_once(':').unwrap() {
                ("survey", v) => i(
                    "inbound",
                    r#"{"type": "customer"}"#,
                    "survey_response",
                    &format!(r#", "emotion": {{"value": {v}, "source": "survey"}}"#),
                ),
                ("text", v) => i(
                    "inbound",
                    r#"{"type": "customer"}"#,
                    "message",
                    &format!(r#", "text": "{v}""#),
                ),
                ("csat" | "nps", v) => i(
                    "inbound",
                    r#"{"type": "customer"}"#,
                    "survey_response",
                    &format!(
                        r#", "metadata": {{"{}": "{v}"}}"#,
                        &what[..what.find(':').unwrap()]
                    ),
                ),
                ("call_wait" | "visit_wait", v) => i(
                    "inbound",
                    r#"{"type": "customer"}"#,
                    if what.starts_with("call") {
                        "call"
                    } else {
                        "visit"
                    },
                    &format!(r#", "metadata": {{"wait_seconds": "{v}"}}"#),
                ),
                ("status", to) => format!(
                    r#"{{"type": "status_changed", "case_id": "T", "seq": {seq}, "at": "{t}", "to": "{to}"}}"#
                ),
                _ => panic!("{other}"),
            },
        };
        log.insert(CaseEvent::from_json(&json).unwrap());
    }
    log.fold().unwrap()
}

fn journey(c: &Case, now: &str) -> Journey {
    EmotionModel::default().journey(c, at(now), None)
}

fn level(j: &Journey, cause: &str) -> f64 {
    j.points()
        .iter()
        .find(|p| p.cause.as_deref() == Some(cause))
        .unwrap_or_else(|| panic!("no {cause} in {j:?}"))
        .emotion
        .value()
}

fn causes(j: &Journey) -> Vec<&str> {
    j.points()
        .iter()
        .filter_map(|p| p.cause.as_deref())
        .collect()
}

const T0: &str = "2025-01-05T09:00:00Z";

#[test]
fn a_first_contact_starts_frustrated_leaning_and_an_immediate_acknowledgement_lifts() {
    let j = journey(
        &case("email", &[(T0, "in"), ("2025-01-05T09:01:00Z", "ack")]),
        "2025-01-05T09:02:00Z",
    );
    assert_eq!(level(&j, "first_contact"), -0.25);
    assert!((level(&j, "acknowledgement") - (-0.15)).abs() < 1e-3);
    // Outside the 10-minute window it is no lift.
    let late = journey(
        &case("email", &[(T0, "in"), ("2025-01-05T10:00:00Z", "ack")]),
        "2025-01-05T10:01:00Z",
    );
    assert!(!causes(&late).contains(&"acknowledgement"));
}

#[test]
fn waiting_past_patience_drags_in_proportion_to_the_overrun() {
    // Chat: 90 s of patience. 3 minutes is 100 % over, 6 minutes 300 % (capped at −0.6).
    let short = journey(
        &case("chat", &[(T0, "in"), ("2025-01-05T09:03:00Z", "ans")]),
        "2025-01-05T09:10:00Z",
    );
    let long = journey(
        &case("chat", &[(T0, "in"), ("2025-01-05T09:06:00Z", "ans")]),
        "2025-01-05T09:10:00Z",
    );
    let drag = |j: &Journey| level(j, "waiting") - level(j, "first_contact");
    assert!((drag(&short) - -0.3).abs() < 1e-3, "{}", drag(&short));
    assert!((drag(&long) - -0.6).abs() < 1e-3, "{}", drag(&long));
    // Within patience: the wait is drawn (the waiting stage) but drags nothing.
    let quick = journey(
        &case("chat", &[(T0, "in"), ("2025-01-05T09:01:00Z", "ans")]),
        "2025-01-05T09:10:00Z",
    );
    assert!(drag(&quick).abs() < 1e-3, "{}", drag(&quick));
}

#[test]
fn transfers_unanswered_messages_and_reopening_drag_down() {
    let j = journey(
        &case(
            "email",
            &[
                (T0, "in"),
                ("2025-01-05T09:10:00Z", "ans"),
                ("2025-01-05T09:20:00Z", "transfer"),
            ],
        ),
        "2025-01-05T09:30:00Z",
    );
    assert!((level(&j, "transfer") - level(&j, "answer") - -0.15).abs() < 1e-3);
    let j = journey(&case("email", &[(T0, "in")]), "2025-01-05T10:00:00Z");
    assert!(level(&j, "unanswered") < level(&j, "first_contact") - 0.24);
    let j = journey(
        &case(
            "email",
            &[
                (T0, "in"),
                ("2025-01-05T09:10:00Z", "ans"),
                ("2025-01-05T09:20:00Z", "status:resolved"),
                ("2025-01-06T09:00:00Z", "in"),
            ],
        ),
        "2025-01-06T09:01:00Z",
    );
    assert!(causes(&j).contains(&"reopened"));
}

#[test]
fn resolution_at_first_contact_lifts_more_than_a_later_one() {
    let fcr = journey(
        &case(
            "phone",
            &[
                (T0, "in"),
                ("2025-01-05T09:00:30Z", "ans"),
                ("2025-01-05T09:05:00Z", "status:resolved"),
            ],
        ),
        "2025-01-05T10:00:00Z",
    );
    assert!(causes(&fcr).contains(&"first_contact_resolution"));
    let later = journey(
        &case(
            "phone",
            &[
                (T0, "in"),
                ("2025-01-05T09:00:30Z", "ans"),
                ("2025-01-05T09:02:00Z", "in"),
                ("2025-01-05T09:02:30Z", "ans"),
                ("2025-01-05T09:05:00Z", "status:resolved"),
            ],
        ),
        "2025-01-05T10:00:00Z",
    );
    assert!(causes(&later).contains(&"resolution"));
}

#[test]
fn a_wow_gesture_lifts_strongly_and_a_release_with_refund_ends_near_neutral() {
    let j = journey(
        &case("email", &[(T0, "in"), ("2025-01-05T09:10:00Z", "wow")]),
        "2025-01-05T09:30:00Z",
    );
    assert!((level(&j, "wow") - level(&j, "first_contact") - 0.8).abs() < 1e-3);
    let j = journey(
        &case(
            "email",
            &[
                (T0, "in"),
                ("2025-01-05T09:10:00Z", "ans"),
                ("2025-01-05T09:20:00Z", "release"),
            ],
        ),
        "2025-01-05T09:30:00Z",
    );
    assert_eq!(level(&j, "release_with_refund"), -0.05);
}

#[test]
fn survey_answers_set_the_level_and_effects_decay_toward_the_baseline() {
    let j = journey(
        &case(
            "email",
            &[(T0, "in"), ("2025-01-05T09:10:00Z", "survey:0.66")],
        ),
        "2025-01-05T09:30:00Z",
    );
    let survey = j
        .points()
        .iter()
        .find(|p| p.cause.as_deref() == Some("annotation"))
        .unwrap();
    assert_eq!(
        (survey.emotion.value(), survey.source),
        (0.66, kesher::EmotionSource::Survey)
    );
    // Three days (one half-life) after a −0.25 first contact, a transfer finds −0.125 − 0.15.
    let j = journey(
        &case("email", &[(T0, "in"), ("2025-01-08T09:00:00Z", "transfer")]),
        "2025-01-08T10:00:00Z",
    );
    assert!(
        (level(&j, "transfer") - (-0.125 - 0.15)).abs() < 1e-3,
        "{}",
        level(&j, "transfer")
    );
}

#[test]
fn a_broken_promise_is_a_sharp_drop() {
    let contracts = ContractSet::from_json(r#"[{"name": "s", "calendar": {"tz": "UTC", "week": {"sun": [["00:00","24:00"]], "mon": [["00:00","24:00"]]}},
        "targets": [{"metric": "first_response", "within": 3600}]}]"#).unwrap();
    let c = case(
        "email",
        &[
            (T0, "in"),
            ("2025-01-05T09:01:00Z", "ack"),
            ("2025-01-05T12:00:00Z", "ans"),
        ],
    );
    let now = at("2025-01-05T13:00:00Z");
    let sla = SlaEngine::new(contracts).evaluate(&c, now).unwrap();
    let j = EmotionModel::default().journey(&c, now, Some(&sla));
    let broken = j
        .points()
        .iter()
        .find(|p| p.cause.as_deref() == Some("broken_promise"))
        .unwrap();
    assert_eq!(
        broken.at,
        at("2025-01-05T10:00:00Z"),
        "at the promised time"
    );
    // Without the acknowledgement nothing was promised: only the wait drags.
    let c = case("email", &[(T0, "in"), ("2025-01-05T12:00:00Z", "ans")]);
    let sla = SlaEngine::new(ContractSet::from_json(r#"[{"name": "s", "calendar": "israel", "targets": [{"metric": "first_response", "within": 3600}]}]"#).unwrap()).evaluate(&c, now).unwrap();
    assert!(
        !causes(&EmotionModel::default().journey(&c, now, Some(&sla))).contains(&"broken_promise")
    );
}

#[test]
fn stages_and_segments() {
    let j = journey(
        &case(
            "email",
            &[
                (T0, "in"),
                ("2025-01-05T09:10:00Z", "ans"),
                ("2025-01-05T09:20:00Z", "status:resolved"),
                ("2025-01-07T09:00:00Z", "survey:0.33"),
            ],
        ),
        "2025-01-08T00:00:00Z",
    );
    let stages: Vec<&str> = j
        .points()
        .iter()
        .map(|p| p.stage.as_deref().unwrap())
        .collect();
    // Two quiet days fade the resolution's lift: drawn as a drift in the stage it drifts in.
    assert_eq!(
        stages,
        [
            "first_contact",
            "waiting",
            "answer",
            "resolution",
            "resolution",
            "follow_up"
        ]
    );
    assert_eq!(j.points()[4].cause.as_deref(), Some("drift"));
    assert_eq!(j.segment.as_deref(), Some("acme"));
    assert_eq!(j.case_id.as_ref().map(|c| c.as_str()), Some("T"));
}

#[test]
fn journeys_reject_values_out_of_range_naming_the_point() {
    let err = Journey::from_json(r#"{"customer_id": "c", "points": [{"at": "2025-01-05T09:00:00Z", "emotion": -1.2, "source": "survey"}]}"#).unwrap_err();
    assert_eq!(err.field(), Some("points[0].emotion"));
    assert!(err.to_string().contains("-1.2"), "{err}");
}

fn hostile_journey() -> Journey {
    let mut j = Journey::from_json(r#"{"customer_id": "c\"<x>", "case_id": "<script>alert('x')</script>", "segment": "A & B \"quoted\"", "points": [
      {"at": "2025-01-05T09:00:00Z", "stage": "before", "emotion": -0.3, "source": "text_scorer", "cause": "<img src=x onerror=alert(1)>"},
      {"at": "2025-01-05T10:00:00Z", "stage": "during", "emotion": -0.9, "source": "emotion_model", "origin": "]]><!--"},
      {"at": "2025-01-05T11:00:00Z", "stage": "after", "emotion": 0.5, "source": "survey"}]}"#).unwrap();
    j.segment = Some("<b>brand</b> & 'co'".into());
    j
}

#[test]
fn pictures_are_well_formed_xml_with_data_escaped() {
    let j = hostile_journey();
    let stages = StageMap::encounter().stages().clone();
    let mut b = PatternBuilder::new(stages.clone(), -0.66);
    b.add(&j);
    let pattern = &b.finish()[0];
    for lang in [Language::En, Language::He] {
        for by_stage in [false, true] {
            let o = SvgOptions {
                language: lang,
                by_stage,
                title: j.case_id.as_ref().map(ToString::to_string),
                ..SvgOptions::default()
            };
            for svg in [journey_svg(&j, &stages, &o), pattern_svg(pattern, &o)] {
                let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
                assert_eq!(doc.root_element().tag_name().name(), "svg");
                assert!(
                    !svg.contains("<script") && !svg.contains("<img") && !svg.contains("<b>"),
                    "{svg}"
                );
                // The texts come back intact after parsing.
                let texts: String = doc.descendants().filter_map(|n| n.text()).collect();
                if svg.contains("alert('x')") || texts.contains("alert('x')") {
                    assert!(texts.contains("<script>alert('x')</script>"), "{texts}");
                }
                if lang == Language::He {
                    assert!(svg.contains(r#"direction="rtl""#));
                }
            }
        }
    }
    let empty = Journey::new(kesher::CustomerId::new("c").unwrap(), vec![]);
    roxmltree::Document::parse(&journey_svg(&empty, &stages, &SvgOptions::default())).unwrap();
}

#[test]
fn a_journey_picture_marks_its_turning_and_critical_points() {
    let j = Journey::from_json(
        r#"{"customer_id": "c", "points": [
      {"at": "2025-01-05T09:00:00Z", "emotion": 0.0, "source": "emotion_model"},
      {"at": "2025-01-05T10:00:00Z", "emotion": -0.9, "source": "emotion_model"},
      {"at": "2025-01-05T11:00:00Z", "emotion": 0.4, "source": "emotion_model"}]}"#,
    )
    .unwrap();
    let svg = journey_svg(&j, &Stages::default(), &SvgOptions::default());
    assert!(svg.contains("▲ turning point 0.90"), "{svg}");
    assert!(svg.contains(">lowest<") || svg.contains(">below<"), "{svg}");
    let _ = TimeDelta::zero();
}

#[test]
fn a_promise_not_kept_by_its_due_instant_drops_there() {
    let mut log = CaseLog::default();
    for line in [
        r#"{"type": "opened", "case_id": "T", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "phone"}"#,
        r#"{"type": "promise_made", "case_id": "T", "seq": 1, "at": "2025-01-05T09:05:00Z", "promise_id": "cb", "kind": "callback", "due": "2025-01-05T12:00:00Z"}"#,
        r#"{"type": "promise_made", "case_id": "T", "seq": 2, "at": "2025-01-05T09:06:00Z", "promise_id": "credit", "kind": "credit", "due": "2025-01-08T12:00:00Z"}"#,
        r#"{"type": "promise_kept", "case_id": "T", "seq": 3, "at": "2025-01-05T13:00:00Z", "promise_id": "cb"}"#,
    ] {
        log.insert(CaseEvent::from_json(line).unwrap());
    }
    let j = EmotionModel::default().journey(&log.fold().unwrap(), at("2025-01-06T00:00:00Z"), None);
    let broken: Vec<_> = j
        .points()
        .iter()
        .filter(|p| p.cause.as_deref() == Some("broken_promise"))
        .collect();
    assert_eq!(
        broken.len(),
        1,
        "the callback was late; the credit is not due yet"
    );
    assert_eq!(broken[0].at, at("2025-01-05T12:00:00Z"));
    assert_eq!(broken[0].origin.as_deref(), Some("promise:cb"));
}

/// A plot narrower than a label (the label cannot be kept inside it) is still drawn, with every
/// coordinate a number: keeping a label in bounds once panicked when the bounds crossed.
#[test]
fn a_plot_narrower_than_its_labels_is_drawn() {
    let j = hostile_journey();
    let stages = StageMap::encounter().stages().clone();
    for width in [0, 1, 120, 160, 200] {
        for by_stage in [false, true] {
            let o = SvgOptions {
                width,
                height: 120,
                by_stage,
                ..SvgOptions::default()
            };
            let svg = journey_svg(&j, &stages, &o);
            let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
            for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
                for attr in ["x", "y"] {
                    let v = n.attribute(attr).unwrap_or("0");
                    assert!(
                        v.parse::<f64>().is_ok_and(f64::is_finite),
                        "{attr}={v} in {svg}"
                    );
                }
            }
            assert!(svg.contains("<circle"), "{svg}");
        }
    }
}

/// The labels of marked points (lowest, below the threshold, turning points) cover no mark and
/// no other label, also when the marks crowd the bottom of the plot: the journey of the browser
/// example that fell lowest, in both languages and at two widths.
#[test]
fn labels_keep_clear_of_marks_and_of_each_other() {
    let j = Journey::from_json(r#"{"customer_id": "c", "points": [
      {"at": "2020-03-22T05:22:14Z", "stage": "before", "emotion": -0.46, "source": "text_scorer"},
      {"at": "2020-03-22T15:53:50.323Z", "stage": "during", "emotion": 0.5, "source": "agent_annotation"},
      {"at": "2020-03-22T15:53:50.323Z", "stage": "during", "emotion": -0.85, "source": "emotion_model"},
      {"at": "2020-03-22T16:53:50.323Z", "stage": "during", "emotion": -1.0, "source": "agent_annotation"}]}"#)
    .unwrap();
    for lang in [Language::En, Language::He] {
        for width in [640, 300] {
            let o = SvgOptions {
                language: lang,
                width,
                ..SvgOptions::default()
            };
            let svg = journey_svg(&j, &Stages::default(), &o);
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let num = |n: &roxmltree::Node<'_, '_>, a: &str| {
                n.attribute(a).unwrap().parse::<f64>().unwrap()
            };
            let marks: Vec<(f64, f64, f64)> = doc
                .descendants()
                .filter(|n| n.has_tag_name("circle"))
                .map(|n| (num(&n, "cx"), num(&n, "cy"), num(&n, "r")))
                .collect();
            let boxes: Vec<(f64, f64, f64, f64, String)> = doc
                .descendants()
                .filter(|n| n.has_tag_name("text") && n.attribute("font-size") == Some("11"))
                .map(|n| {
                    let text = n.text().unwrap_or("").to_string();
                    let half = text.chars().count() as f64 * 3.3 + 2.0;
                    let (x, y) = (num(&n, "x"), num(&n, "y"));
                    (x - half, y - 10.0, x + half, y + 3.0, text)
                })
                .collect();
            assert!(boxes.len() >= 2, "{svg}");
            for (i, (x0, y0, x1, y1, text)) in boxes.iter().enumerate() {
                for &(cx, cy, r) in &marks {
                    let dx = cx - cx.clamp(*x0, *x1);
                    let dy = cy - cy.clamp(*y0, *y1);
                    assert!(
                        dx * dx + dy * dy >= r * r,
                        "`{text}` covers the mark at {cx},{cy}: {svg}"
                    );
                }
                for (a0, b0, a1, b1, other) in boxes.iter().skip(i + 1) {
                    let apart = x1 <= a0 || a1 <= x0 || y1 <= b0 || b1 <= y0;
                    assert!(apart, "`{text}` and `{other}` overlap: {svg}");
                }
            }
        }
    }
}

#[test]
fn a_thankful_ending_ends_above_neutral_and_waits_for_nothing() {
    for thanks in [
        "thanks, great service!",
        "תודה רבה, מעולה!",
        "yes it works now",
        "הסתדר, תודה",
    ] {
        let c = case(
            "twitter",
            &[
                (T0, "text:my router is down again, this is awful"),
                ("2025-01-05T09:20:00Z", "ans"),
                ("2025-01-05T09:21:00Z", "status:resolved"),
                ("2025-01-05T09:30:00Z", &format!("text:{thanks}")),
            ],
        );
        // Judged a week later: no answer to the thanks is owed.
        let j = EmotionModel {
            scorer: Some(&kesher::text::SentimentScorer::DEFAULT),
            ..EmotionModel::default()
        }
        .journey(&c, at("2025-01-12T09:00:00Z"), None);
        let last = j.points().last().unwrap();
        assert!(last.emotion.value() >= 0.2, "{thanks}: {j:?}");
        assert!(
            !causes(&j).contains(&"unanswered"),
            "{thanks}: {:?}",
            causes(&j)
        );
    }
    // A new problem after the resolution still waits, and drags.
    let c = case(
        "twitter",
        &[
            (T0, "text:my router is down again"),
            ("2025-01-05T09:20:00Z", "ans"),
            ("2025-01-05T09:21:00Z", "status:resolved"),
            ("2025-01-05T09:30:00Z", "text:it is down again, please help"),
        ],
    );
    let j = journey(&c, "2025-01-12T09:00:00Z");
    assert!(causes(&j).contains(&"unanswered"), "{:?}", causes(&j));
}

/// The point drawn just before the first point of `cause`.
fn before(j: &Journey, cause: &str) -> f64 {
    let n = j
        .points()
        .iter()
        .position(|p| p.cause.as_deref() == Some(cause))
        .unwrap();
    j.points()[n - 1].emotion.value()
}

#[test]
fn a_drop_after_a_quiet_spell_is_drawn_as_a_drop() {
    // Resolved (−0.25 + 0.15 + 0.2 = 0.1), six quiet days, then it comes back: the reopening
    // drags from the faded level (0.025), not from the level of six days before.
    let j = journey(
        &case(
            "email",
            &[
                (T0, "in"),
                ("2025-01-05T09:05:00Z", "ans"),
                ("2025-01-05T09:10:00Z", "status:resolved"),
                ("2025-01-11T09:10:00Z", "status:reopened"),
            ],
        ),
        "2025-01-11T09:11:00Z",
    );
    assert!(causes(&j).contains(&"drift"), "{:?}", causes(&j));
    assert!(
        level(&j, "reopened") < before(&j, "reopened"),
        "a reopening is a drop from the point before it"
    );
    let lifted = level(&j, "resolution");
    let drift = level(&j, "drift");
    assert!(drift.abs() < lifted.abs(), "the lift fades toward neutral");
}

#[test]
fn a_silence_after_an_answer_drifts_toward_neutral_not_anger() {
    let j = journey(
        &case("email", &[(T0, "in"), ("2025-01-05T09:05:00Z", "ans")]),
        "2025-01-15T09:05:00Z",
    );
    let last = j.points().last().unwrap();
    assert_eq!(last.cause.as_deref(), Some("drift"));
    assert_eq!(
        last.at,
        at("2025-01-15T09:05:00Z"),
        "an open case drifts until now"
    );
    assert!(last.emotion.value() > level(&j, "answer"));
    assert!(last.emotion.value() <= 0.0 && last.emotion.value() > -0.02);
    assert!(!causes(&j).contains(&"unanswered"));
    // A resolved case stops where it ended: no point at `now`.
    let done = journey(
        &case(
            "email",
            &[
                (T0, "in"),
                ("2025-01-05T09:05:00Z", "ans"),
                ("2025-01-05T09:06:00Z", "status:resolved"),
            ],
        ),
        "2025-01-15T09:05:00Z",
    );
    assert!(done.points().last().unwrap().at < at("2025-01-06T00:00:00Z"));
}

#[test]
fn survey_answers_are_points_on_the_scale() {
    let survey = |spec: &str| {
        let j = journey(
            &case("email", &[(T0, "in"), ("2025-01-05T10:00:00Z", spec)]),
            "2025-01-05T11:00:00Z",
        );
        let p = j
            .points()
            .iter()
            .find(|p| p.cause.as_deref() == Some("survey"))
            .unwrap()
            .clone();
        assert_eq!(p.source, kesher::EmotionSource::Survey);
        p.emotion.value()
    };
    assert_eq!(survey("csat:5"), 0.66);
    assert_eq!(survey("csat:3"), 0.0);
    assert_eq!(survey("csat:1"), -0.66);
    assert!((survey("nps:10") - 0.66).abs() < 1e-9);
    assert!(survey("nps:7").abs() < 1e-9);
    assert_eq!(survey("nps:0"), -1.0);
    assert!(survey("nps:9") > survey("nps:8") && survey("nps:6") < 0.0);
    // An answer off its scale is refused when read, naming the field and the value.
    let err = CaseEvent::from_json(r#"{"type": "interaction", "case_id": "T", "seq": 2, "id": "s", "customer_id": "c",
        "at": "2025-01-05T10:00:00Z", "channel": "email", "direction": "inbound", "actor": {"type": "customer"},
        "kind": "survey_response", "metadata": {"csat": "9"}}"#).unwrap_err();
    assert_eq!(err.field(), Some("metadata.csat"));
    assert!(err.to_string().contains('9'), "{err}");
}

#[test]
fn a_wait_a_call_or_a_visit_reports_is_a_wait() {
    // Ten minutes in the phone queue: far past 90 s of patience.
    let call = journey(
        &case("phone", &[(T0, "call_wait:600")]),
        "2025-01-05T09:30:00Z",
    );
    assert!(
        (level(&call, "waiting") - (-0.25 - 0.6)).abs() < 1e-3,
        "{call:?}"
    );
    // A minute in the shop is within patience: no drag.
    let visit = journey(
        &case("store_visit", &[(T0, "visit_wait:60")]),
        "2025-01-05T09:30:00Z",
    );
    assert!(!causes(&visit).contains(&"waiting"));
    let err = CaseEvent::from_json(r#"{"type": "interaction", "case_id": "T", "seq": 2, "id": "s", "customer_id": "c",
        "at": "2025-01-05T10:00:00Z", "channel": "phone", "direction": "inbound", "actor": {"type": "customer"},
        "kind": "call", "metadata": {"wait_seconds": "-5"}}"#).unwrap_err();
    assert_eq!(err.field(), Some("metadata.wait_seconds"));
}

#[test]
fn a_stage_map_places_points_by_what_happened() {
    let c = case(
        "email",
        &[
            (T0, "in"),
            ("2025-01-05T09:10:00Z", "ans"),
            ("2025-01-05T09:20:00Z", "status:resolved"),
            ("2025-01-07T09:00:00Z", "survey:0.33"),
        ],
    );
    let stages_of = |model: &EmotionModel<'_>| -> Vec<String> {
        model
            .journey(&c, at("2025-01-08T00:00:00Z"), None)
            .points()
            .iter()
            .filter(|p| p.cause.as_deref() != Some("drift"))
            .map(|p| p.stage.clone().unwrap_or_default())
            .collect()
    };
    let encounter = EmotionModel {
        stage_map: StageMap::encounter(),
        ..EmotionModel::default()
    };
    assert_eq!(
        stages_of(&encounter),
        ["before", "during", "during", "during", "after"]
    );
    // A business's own process: surveys are "feedback", the rest of the case "support";
    // a point no rule places has no stage.
    let own = EmotionModel {
        stage_map: StageMap::from_json(
            r#"{"stages": ["support", "feedback"], "rules": [
              {"stage": "feedback", "when": {"kind": ["survey_response"]}},
              {"stage": "support", "when": {"status": ["received", "in_progress", "resolved"]}}]}"#,
        )
        .unwrap(),
        ..EmotionModel::default()
    };
    let stages = stages_of(&own);
    assert_eq!(stages.last().map(String::as_str), Some("feedback"));
    assert!(
        stages[..stages.len() - 1].iter().all(|s| s == "support"),
        "{stages:?}"
    );
}

#[test]
fn the_continuous_line_carries_a_customer_across_cases_and_purchases() {
    let customer: kesher::customer::Customer = serde_json::from_str(
        r#"{"id": "c", "name": "Dana", "segments": ["vip"], "purchases": [
          {"order_ref": "SO-1", "purchased_at": "2025-01-01T10:00:00Z", "total": {"amount_minor": 100, "currency": "ILS"}}]}"#,
    )
    .unwrap();
    let first = case("email", &[(T0, "in"), ("2025-01-05T09:05:00Z", "ans")]);
    let mut log = CaseLog::default();
    for line in [
        r#"{"type": "opened", "case_id": "U", "at": "2025-01-06T09:00:00Z", "customer": {"id": "c"}, "channel": "chat"}"#,
        r#"{"type": "interaction", "case_id": "U", "seq": 1, "id": "u1", "customer_id": "c", "at": "2025-01-06T09:00:00Z",
            "channel": "chat", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message"}"#,
    ] {
        log.insert(CaseEvent::from_json(line).unwrap());
    }
    let second = log.fold().unwrap();
    let model = EmotionModel::default();
    let now = at("2025-01-06T09:01:00Z");
    let line = model
        .customer_journey(&customer, &[(&first, None), (&second, None)], now)
        .unwrap();
    let origins: Vec<&str> = line
        .points()
        .iter()
        .filter_map(|p| p.origin.as_deref())
        .collect();
    assert_eq!(origins.first(), Some(&"order:SO-1"));
    assert!(
        origins.contains(&"i1") && origins.contains(&"u1"),
        "{origins:?}"
    );
    assert_eq!(line.segment.as_deref(), Some("vip"));
    assert!(line.points().windows(2).all(|w| w[0].at <= w[1].at));
    // The purchase has no stage in the default map; a map that names it places it.
    assert_eq!(line.points()[0].stage, None);
    // Another customer's case is refused, naming it.
    let other: kesher::customer::Customer =
        serde_json::from_str(r#"{"id": "d", "name": "Other"}"#).unwrap();
    let err = model
        .customer_journey(&other, &[(&first, None)], now)
        .unwrap_err();
    assert_eq!(err.field(), Some("cases[0].customer_id"));
}
