//! The emotion graph of the bundled real sample: builds every case's journey with the emotion
//! model (and the lexicon scorer for message texts), aggregates the typical pattern per brand,
//! and writes one journey and one pattern as SVG, in English and in Hebrew.
//!
//! `cargo run -p kesher-io --example emotion_graph [OUT_DIR]` (default `target/emotion-graph`).

use kesher::journey::{journey_svg, pattern_svg};
use kesher::{
    case::CaseLogs,
    journey::{critical_points, turning_points, EmotionModel, PatternBuilder, Stages, SvgOptions},
    sla::{ContractSet, SlaEngine},
    text::SentimentScorer,
    Language,
};
use kesher_io::JsonLinesEvents;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = std::env::args()
        .nth(1)
        .map_or_else(|| root.join("target/emotion-graph"), PathBuf::from);
    std::fs::create_dir_all(&out)?;

    let file = File::open(root.join("examples/data/ibm-twitter-care-dev200.jsonl"))?;
    let mut logs = CaseLogs::default();
    for row in JsonLinesEvents::new(BufReader::new(file)) {
        let (line, event) = row?;
        logs.insert_with_origin(event, line)?;
    }
    let contracts = ContractSet::from_json(&std::fs::read_to_string(
        root.join("examples/data/contracts.json"),
    )?)?;
    let mut engine = SlaEngine::new(contracts);
    let scorer = SentimentScorer::DEFAULT;
    let model = EmotionModel {
        scorer: Some(&scorer),
        ..EmotionModel::default()
    };
    let cases = logs
        .iter()
        .map(|(_, log)| log.fold())
        .collect::<Result<Vec<_>, _>>()?;
    let now = cases
        .iter()
        .map(kesher::case::Case::last_event_at)
        .max()
        .unwrap_or_default();
    let stages = Stages::default();
    let mut builder = PatternBuilder::new(stages.clone(), -0.66);
    let mut journeys = Vec::new();
    for case in &cases {
        let sla = engine.evaluate(case, now)?;
        let journey = model.journey(case, now, Some(&sla));
        builder.add(&journey);
        journeys.push(journey);
    }
    // The journey with the most turns, and the brand with the most journeys.
    let eventful = journeys
        .iter()
        .max_by_key(|j| {
            (
                turning_points(j, 0.0).map_or(0, |t| t.len()),
                j.points().len(),
            )
        })
        .ok_or("no journeys")?;
    let patterns = builder.finish();
    let biggest = patterns
        .iter()
        .max_by_key(|p| p.journeys)
        .ok_or("no patterns")?;
    for lang in [Language::En, Language::He] {
        let o = SvgOptions {
            language: lang,
            title: eventful.case_id.as_ref().map(ToString::to_string),
            ..SvgOptions::default()
        };
        let journey_path = out.join(format!("journey-{}.svg", lang.code()));
        std::fs::write(&journey_path, journey_svg(eventful, &stages, &o))?;
        let pattern_path = out.join(format!("pattern-{}.svg", lang.code()));
        let o = SvgOptions { title: None, ..o };
        std::fs::write(&pattern_path, pattern_svg(biggest, &o))?;
        println!("{}\n{}", journey_path.display(), pattern_path.display());
    }
    let critical = critical_points(eventful, -0.66)?;
    println!(
        "{} journeys, {} brands; the most eventful journey has {} points, {} turning points, lowest {:+.2}; \
         {} ({} journeys) is most prone to trouble in stage {:?}",
        journeys.len(),
        patterns.len(),
        eventful.points().len(),
        turning_points(eventful, 0.0)?.len(),
        critical.lowest.map_or(0.0, |c| c.emotion),
        biggest.segment,
        biggest.journeys,
        biggest.trouble.first().map(|t| t.stage.as_str()).unwrap_or("none"),
    );
    Ok(())
}
