#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Partial builders, as a distributed engine uses them: the cases of the bundled real sample
//! cut into any partitions, each partition's builder sent as JSON and merged in any order,
//! finish as one builder over every case does.

use chrono::{DateTime, Utc};
use kesher::insight::{MetricsBuilder, ProblemSample, RetentionTally};
use kesher::sla::{ContractSet, SlaEngine};
use kesher::text::SentimentScorer;
use kesher::{
    case::{Case, CaseLogs},
    event::CaseEvent,
};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn sample() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut logs = CaseLogs::default();
        for line in include_str!("../../../../examples/data/ibm-twitter-care-dev200.jsonl").lines()
        {
            logs.insert(CaseEvent::from_json(line).unwrap()).unwrap();
        }
        logs.iter().map(|(_, l)| l.fold().unwrap()).collect()
    })
}

fn now() -> DateTime<Utc> {
    "2020-04-03T00:00:00Z".parse().unwrap()
}

fn engine() -> SlaEngine {
    let text = include_str!("../../../../examples/data/contracts.json");
    SlaEngine::new(ContractSet::from_json(text).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn merged_partials_finish_as_one_builder(
        parts in proptest::collection::vec(0usize..4, 200),
        order in Just([3usize, 1, 0, 2]).prop_shuffle(),
    ) {
        let (cases, mut engine) = (sample(), engine());
        let slas: Vec<_> = cases.iter().map(|c| engine.evaluate(c, now()).ok()).collect();
        let mut whole = (MetricsBuilder::default(), ProblemSample::new(16));
        let mut partial: Vec<_> = (0..4).map(|_| (MetricsBuilder::default(), ProblemSample::new(16))).collect();
        for (i, case) in cases.iter().enumerate() {
            whole.0.add(case, slas[i].as_ref());
            whole.1.add(case);
            let p = &mut partial[parts[i % parts.len()]];
            p.0.add(case, slas[i].as_ref());
            p.1.add(case);
        }
        let mut merged = (MetricsBuilder::default(), ProblemSample::new(16));
        for k in order {
            merged.0.merge(MetricsBuilder::from_json(&partial[k].0.to_json()).unwrap());
            merged.1.merge(&ProblemSample::from_json(&partial[k].1.to_json()).unwrap());
        }
        prop_assert_eq!(merged.0.finish(), whole.0.finish());
        prop_assert_eq!(merged.1.finish(3), whole.1.finish(3));
    }

    #[test]
    fn a_customers_tallies_merge_across_partitions(parts in proptest::collection::vec(0usize..3, 200)) {
        let cases = sample();
        // Per customer: the tally of every case in partition order, and one tally per partition.
        let mut whole: BTreeMap<&str, RetentionTally> = BTreeMap::new();
        let mut partial: BTreeMap<(&str, usize), RetentionTally> = BTreeMap::new();
        for p in 0..3 {
            for (_, case) in cases.iter().enumerate().filter(|(i, _)| parts[*i] == p) {
                let id = case.customer().id.as_str();
                whole.entry(id).or_default().add_case(case, None, &SentimentScorer::DEFAULT, now());
                partial.entry((id, p)).or_default().add_case(case, None, &SentimentScorer::DEFAULT, now());
            }
        }
        let mut merged: BTreeMap<&str, RetentionTally> = BTreeMap::new();
        for ((id, _), tally) in &partial {
            merged.entry(id).or_default().merge(&RetentionTally::from_json(&tally.to_json()).unwrap());
        }
        prop_assert_eq!(merged, whole);
    }
}

#[test]
fn a_partial_that_does_not_add_up_is_refused() {
    let mut b = MetricsBuilder::default();
    b.add(&sample()[0], None);
    let json = b.to_json();
    let broken = json.replacen("\"count\":1", "\"count\":2", 1);
    assert_ne!(broken, json);
    let err = MetricsBuilder::from_json(&broken).unwrap_err();
    assert!(err.to_string().contains("do not add up"), "{err}");
}
