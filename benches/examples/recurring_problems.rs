//! Recurring problems on real Twitter support conversations: clusters, Pareto and quality.
//!
//! `cargo run --release -p kesher-benches --example recurring_problems -- <events.jsonl>...`
//! (for instance the bundled `examples/data/ibm-twitter-care-dev200.jsonl`).

use kesher::{case::CaseLogs, insight::recurring_problems};
use kesher_io::JsonLinesEvents;
use std::fs::File;
use std::io::BufReader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut logs = CaseLogs::default();
    for path in std::env::args().skip(1) {
        for row in JsonLinesEvents::new(BufReader::new(File::open(&path)?)) {
            let (_, event) = row?;
            logs.insert(event)?;
        }
    }
    let cases = logs
        .iter()
        .map(|(_, l)| l.fold())
        .collect::<Result<Vec<_>, _>>()?;
    let p = recurring_problems(&cases, 3);
    println!(
        "{} described cases, {} clusters, {} unclustered; {} clusters cover 80 %, {} cover 90 %; cohesion {:.3}, separation {:.3}",
        p.described,
        p.clusters.len(),
        p.unclustered,
        p.clusters_for_80,
        p.clusters_for_90,
        p.cohesion,
        p.separation
    );
    for c in p.clusters.iter().take(12) {
        println!(
            "{:>4} {:5.1}% {:5.1}%  {:<14} {:?}  answers: {}",
            c.cases,
            c.share * 100.0,
            c.cumulative_share * 100.0,
            c.label,
            c.terms,
            c.answer_candidates.len()
        );
    }
    Ok(())
}
