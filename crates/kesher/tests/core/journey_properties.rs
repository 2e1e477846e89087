#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Invariants of patterns and turning points.

use chrono::DateTime;
use kesher::{
    journey::{turning_points, Journey, JourneyPoint, PatternBuilder, Stages},
    Emotion, EmotionSource,
};
use proptest::prelude::*;

fn journey(values: &[(u8, f64)], segment: &str) -> Journey {
    let names = ["before", "during", "after"];
    let points = values
        .iter()
        .enumerate()
        .map(|(i, (stage, v))| JourneyPoint {
            at: DateTime::from_timestamp(1_736_000_000 + i as i64 * 60, 0).unwrap(),
            stage: Some(names[usize::from(*stage) % 3].to_string()),
            emotion: Emotion::new(*v).unwrap(),
            source: EmotionSource::EmotionModel,
            origin: None,
            cause: None,
        })
        .collect();
    let mut j = Journey::new(kesher::CustomerId::new("c").unwrap(), points);
    j.segment = Some(segment.to_string());
    j
}

fn points() -> impl Strategy<Value = Vec<(u8, f64)>> {
    prop::collection::vec((0u8..3, -1.0f64..=1.0), 1..12)
}

proptest! {
    #[test]
    fn the_pattern_of_identical_journeys_is_the_journey(values in points(), n in 1usize..20) {
        let j = journey(&values, "s");
        let stages = Stages::default();
        let mut b = PatternBuilder::new(stages.clone(), -0.66);
        for _ in 0..n {
            b.add(&j);
        }
        let p = &b.finish()[0];
        prop_assert_eq!(p.journeys, n as u64);
        for (summary, value) in p.stages.iter().zip(j.stage_values(&stages)) {
            match value {
                None => prop_assert_eq!(summary.count, 0),
                Some(v) => {
                    prop_assert_eq!(summary.count, n as u64);
                    for q in [summary.p10, summary.p25, summary.median, summary.p75, summary.p90] {
                        prop_assert!((q.unwrap() - v).abs() <= 0.0005 + 1e-12, "{q:?} vs {v}");
                    }
                    prop_assert!((summary.mean.unwrap() - v).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn journey_order_and_partitioning_do_not_change_the_pattern(all in prop::collection::vec((points(), 0u8..3), 1..30), split in 0usize..30, seed in any::<u64>()) {
        let journeys: Vec<Journey> = all.iter().map(|(v, s)| journey(v, &format!("seg{s}"))).collect();
        let stages = Stages::default();
        let build = |list: &[&Journey]| {
            let mut b = PatternBuilder::new(stages.clone(), -0.66);
            for j in list {
                b.add(j);
            }
            b
        };
        let in_order: Vec<&Journey> = journeys.iter().collect();
        let mut shuffled = in_order.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let whole = build(&in_order).finish();
        prop_assert_eq!(&build(&shuffled).finish(), &whole);
        // Two partitions built apart and merged: the two-phase aggregation.
        let cut = split.min(shuffled.len());
        let mut left = build(&shuffled[..cut]);
        left.merge(&build(&shuffled[cut..]));
        let merged = left.finish();
        prop_assert_eq!(merged.len(), whole.len());
        for (a, b) in merged.iter().zip(&whole) {
            prop_assert_eq!(&a.segment, &b.segment);
            prop_assert_eq!(a.journeys, b.journeys);
            for (x, y) in a.stages.iter().zip(&b.stages) {
                prop_assert_eq!((x.count, x.p10, x.median, x.p90), (y.count, y.p10, y.median, y.p90));
                prop_assert!(x.mean.zip(y.mean).map_or(x.mean == y.mean, |(m, n)| (m - n).abs() < 1e-9));
            }
        }
    }

    #[test]
    fn turning_points_do_not_move_when_a_constant_is_added(values in prop::collection::vec(-0.5f64..=0.5, 1..15), shift in -0.5f64..=0.5) {
        let base = journey(&values.iter().map(|v| (1u8, *v)).collect::<Vec<_>>(), "s");
        let moved = journey(&values.iter().map(|v| (1u8, v + shift)).collect::<Vec<_>>(), "s");
        let a = turning_points(&base, 0.0).unwrap();
        let b = turning_points(&moved, 0.0).unwrap();
        let key = |t: &kesher::journey::TurningPoint| (t.index, t.turn);
        prop_assert_eq!(a.iter().map(key).collect::<Vec<_>>(), b.iter().map(key).collect::<Vec<_>>());
        for (x, y) in a.iter().zip(&b) {
            prop_assert!((x.magnitude - y.magnitude).abs() < 1e-9);
        }
    }

    #[test]
    fn journeys_round_trip_through_json(values in points()) {
        let j = journey(&values, "s");
        let back = Journey::from_json(&serde_json::to_string(&j).unwrap()).unwrap();
        prop_assert_eq!(back, j);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever text a title, a segment or a stage name holds (controls, noncharacters,
    /// markup), the pictures are well-formed XML.
    #[test]
    fn pictures_are_well_formed_for_any_text(
        title in any::<String>(),
        segment in any::<String>(),
        stage in "\\PC{1,8}|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{fdd0}\u{fffe}\u{ffff}<&>]{1,8}",
        values in points(),
    ) {
        let stages = Stages::new([format!("s{stage}"), "during".into(), "after".into()]).unwrap();
        let mut j = journey(&values, &segment);
        j.case_id = kesher::CaseId::new("c").ok();
        let o = kesher::journey::SvgOptions { title: Some(title), ..kesher::journey::SvgOptions::default() };
        let mut b = PatternBuilder::new(stages.clone(), -0.66);
        b.add(&j);
        for by_stage in [false, true] {
            let o = kesher::journey::SvgOptions { by_stage, ..o.clone() };
            let svg = kesher::journey::journey_svg(&j, &stages, &o);
            prop_assert!(roxmltree::Document::parse(&svg).is_ok(), "{}", svg);
            for p in b.clone().finish() {
                let svg = kesher::journey::pattern_svg(&p, &o);
                prop_assert!(roxmltree::Document::parse(&svg).is_ok(), "{}", svg);
            }
        }
    }
}
