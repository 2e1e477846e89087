//! Typical patterns: 1,000,000 journeys of 8–12 points aggregated into per-stage patterns for 10
//! segments (target: under a second on one core), and the memory a journey point takes.
//!
//! Run: `cargo bench -p kesher-benches --bench journey`. Figures: benches/README.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kesher::journey::{PatternBuilder, Stages};
use kesher_benches::{bench_size, journeys};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;
use std::hint::black_box;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn patterns(c: &mut Criterion) {
    let n = bench_size(1_000_000);
    // Memory: what building the journeys keeps allocated, per point (struct and heap).
    let region = Region::new(GLOBAL);
    let all = journeys(n, 9);
    let stats = region.change();
    let points: usize = all.iter().map(|j| j.points().len()).sum();
    let kept = stats
        .bytes_allocated
        .saturating_sub(stats.bytes_deallocated);
    eprintln!(
        "{n} journeys, {points} points: {kept} bytes kept, {:.1} bytes per point (JourneyPoint is {} bytes inline)",
        kept as f64 / points.max(1) as f64,
        std::mem::size_of::<kesher::journey::JourneyPoint>()
    );
    let mut group = c.benchmark_group("pattern_1M_journeys");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("aggregate_10_segments", |b| {
        b.iter(|| {
            let mut builder = PatternBuilder::new(Stages::default(), -0.66);
            for j in black_box(&all) {
                builder.add(j);
            }
            builder.finish()
        })
    });
    group.finish();
}

/// One journey of 100,000 points (a zigzag: a turning point at every other point, and many
/// crossings of the trouble line) drawn as SVG (target: under a second).
fn long_journey_svg(c: &mut Criterion) {
    let n = bench_size(100_000);
    let points = (0..n)
        .map(|i| kesher::journey::JourneyPoint {
            at: chrono::DateTime::from_timestamp(1_736_000_000 + i as i64 * 60, 0)
                .unwrap_or_default(),
            stage: Some("waiting".into()),
            emotion: kesher::Emotion::new(if i % 2 == 0 {
                -0.9
            } else {
                (i % 7) as f64 / 10.0
            })
            .unwrap_or(kesher::Emotion::NEUTRAL),
            source: kesher::EmotionSource::EmotionModel,
            origin: None,
            cause: None,
        })
        .collect();
    let Ok(customer) = kesher::CustomerId::new("c") else {
        return;
    };
    let j = kesher::journey::Journey::new(customer, points);
    let mut group = c.benchmark_group("journey_svg_100k_points");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("draw", |b| {
        b.iter(|| {
            kesher::journey::journey_svg(black_box(&j), &Stages::default(), &Default::default())
                .len()
        })
    });
    group.finish();
}

criterion_group!(journey, patterns, long_journey_svg);
criterion_main!(journey);
