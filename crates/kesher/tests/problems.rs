#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Recurring problems on the bundled real sample: every case accounted for, order-independent,
//! a Pareto curve that adds up, and clusters more alike inside than across.

use kesher::insight::recurring_problems;
use kesher::{Case, CaseEvent, CaseLogs};

fn sample() -> Vec<Case> {
    let mut logs = CaseLogs::default();
    for line in include_str!("../../../examples/data/ibm-twitter-care-dev200.jsonl").lines() {
        logs.insert(CaseEvent::from_json(line).unwrap()).unwrap();
    }
    logs.iter().map(|(_, l)| l.fold().unwrap()).collect()
}

#[test]
fn clusters_account_for_every_case_and_do_not_depend_on_order() {
    let cases = sample();
    let p = recurring_problems(&cases, 3);
    assert_eq!(p.described, 200);
    let clustered: usize = p.clusters.iter().map(|c| c.cases).sum();
    assert_eq!(clustered + p.unclustered, p.described);
    assert!(
        p.clusters.windows(2).all(|w| w[0].cases >= w[1].cases),
        "largest first"
    );
    assert!(p
        .clusters
        .iter()
        .all(|c| c.cases >= 3 && !c.examples.is_empty()));
    let last = p.clusters.last().unwrap();
    assert!((last.cumulative_share - clustered as f64 / 200.0).abs() < 1e-12);
    assert!(p.clusters_for_80 <= p.clusters_for_90 && p.clusters_for_90 <= p.clusters.len());
    assert!(
        p.cohesion > p.separation,
        "{} vs {}",
        p.cohesion,
        p.separation
    );
    assert_eq!(
        p.clusters[0].label, "account",
        "the commonest problem in the sample"
    );
    let mut reversed = cases.clone();
    reversed.reverse();
    assert_eq!(recurring_problems(&reversed, 3).clusters, p.clusters);
}
