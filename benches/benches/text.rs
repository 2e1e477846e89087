//! The built-in text scorer and turn classifier: messages per second on one core (target
//! ≥ 200,000 messages/s), on the customer tweets of the bundled IBM sample (English) and the
//! project's Hebrew support messages, beside a plain whitespace split of the same messages
//! measured in the same run (the floor any scorer pays to read the text).
//!
//! Run: `cargo bench -p kesher-benches --bench text`. Figures: benches/README.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kesher::{
    text::{SentimentScorer, TextScorer, TurnKind},
    Language,
};
use std::hint::black_box;

fn texts() -> (Vec<String>, Vec<String>) {
    let english: Vec<String> = include_str!("../../examples/data/ibm-twitter-care-dev200.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v.get("direction").and_then(|d| d.as_str()) == Some("inbound"))
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let hebrew: Vec<String> = include_str!("../../tests/data/sentiment-labelled-he.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    (english, hebrew)
}

fn scorer(c: &mut Criterion) {
    let (english, hebrew) = texts();
    let s = SentimentScorer::default();
    // Build the compiled tables once, outside the timing.
    let _ = s.score("warm up", Some(Language::En));
    let _ = s.score("חימום", Some(Language::He));
    let mut group = c.benchmark_group("text");
    for (name, set, lang) in [
        ("english", &english, Language::En),
        ("hebrew", &hebrew, Language::He),
    ] {
        group.throughput(Throughput::Elements(set.len() as u64));
        group.bench_function(format!("score_{name}"), |b| {
            b.iter(|| {
                set.iter()
                    .filter_map(|t| s.score(black_box(t), Some(lang)))
                    .count()
            })
        });
        group.bench_function(format!("turn_{name}"), |b| {
            b.iter(|| {
                set.iter()
                    .filter(|t| TurnKind::classify(black_box(t), Some(lang)).is_closing())
                    .count()
            })
        });
        group.bench_function(format!("split_floor_{name}"), |b| {
            b.iter(|| {
                set.iter()
                    .map(|t| black_box(t).split_whitespace().count())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, scorer);
criterion_main!(benches);
