//! Fold the bundled real sample (IBM Twitter customer-care conversations) and print what a support
//! manager asks first: how fast did a person answer, and what went unanswered?
//!
//! Run: `cargo run -p kesher-io --example fold_sample`

use kesher::case::CaseLogs;
use kesher_io::JsonLinesEvents;
use std::collections::BTreeMap;
use std::io::BufReader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/ibm-twitter-care-dev200.jsonl"
    );
    let mut reader = JsonLinesEvents::new(BufReader::new(std::fs::File::open(path)?));
    let mut logs = CaseLogs::default();
    for row in reader.by_ref() {
        let (line, event) = row?;
        logs.insert_with_origin(event, line)?;
    }
    println!("{}", reader.summary());

    // Per brand: cases, median minutes to the first human answer, cases with an unanswered message.
    let mut brands: BTreeMap<String, (Vec<f64>, usize)> = BTreeMap::new();
    for (_, log) in logs.iter() {
        let case = log.fold()?;
        let brand = case.metadata().get("brand").cloned().unwrap_or_default();
        let entry = brands.entry(brand).or_default();
        if let Some(d) = case.facts().time_to_first_human_response {
            entry.0.push(d.num_seconds() as f64 / 60.0);
        }
        if case.facts().has_unanswered_inbound() {
            entry.1 += 1;
        }
    }
    println!(
        "{:<18} {:>5} {:>14} {:>11}",
        "brand", "cases", "median min", "unanswered"
    );
    for (brand, (mut minutes, unanswered)) in brands.into_iter().filter(|(_, v)| v.0.len() >= 5) {
        minutes.sort_by(f64::total_cmp);
        let median = minutes.get(minutes.len() / 2).copied().unwrap_or(f64::NAN);
        println!(
            "{brand:<18} {:>5} {median:>14.1} {unanswered:>11}",
            minutes.len()
        );
    }
    Ok(())
}
