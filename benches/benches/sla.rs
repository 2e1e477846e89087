//! Fold + SLA evaluation throughput: cases of ~10 events folded and evaluated against a contract
//! with every target kind on the Israeli preset.
//!
//! Run: `cargo bench -p kesher-benches --bench sla`. Figures: benches/README.md.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kesher::sla::SlaEngine;
use kesher_benches::{bench_contracts, bench_size, case_logs, one_long_case};
use std::hint::black_box;

fn fold_and_evaluate(c: &mut Criterion) {
    let logs = case_logs(bench_size(1_000_000), 7);
    let events: usize = logs.iter().map(kesher::case::CaseLog::len).sum();
    let now =
        chrono::DateTime::from_timestamp(kesher_benches::TO + 30 * 86_400, 0).unwrap_or_default();
    let mut engine = SlaEngine::new(bench_contracts());
    let mut group = c.benchmark_group("fold_sla_1M_cases");
    group.sample_size(10);
    group.throughput(Throughput::Elements(events as u64));
    group.bench_function("fold_only", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for log in black_box(&logs) {
                n += log.fold().map(|c| c.log().len()).unwrap_or(0);
            }
            n
        })
    });
    // The pipeline's own path: each log is consumed by its fold (events move into the case).
    group.bench_function("into_case_and_evaluate", |b| {
        b.iter_batched(
            || logs.clone(),
            |owned| {
                let mut n = 0usize;
                for log in owned {
                    if let Ok(case) = log.into_case() {
                        n += engine
                            .evaluate(&case, now)
                            .map(|s| s.targets.len())
                            .unwrap_or(0);
                    }
                }
                n
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("fold_and_evaluate", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for log in black_box(&logs) {
                if let Ok(case) = log.fold() {
                    n += engine
                        .evaluate(&case, now)
                        .map(|s| s.targets.len())
                        .unwrap_or(0);
                }
            }
            n
        })
    });
    group.finish();
}

/// One case of 1 M events inserted in time order and in reverse, then folded: the fold is
/// O(n log n) whatever the order (issue 22: reverse within 2x of in order).
fn one_case_any_order(c: &mut Criterion) {
    let events = one_long_case(bench_size(1_000_000));
    let mut group = c.benchmark_group("one_case_1M_events");
    group.sample_size(10);
    group.throughput(Throughput::Elements(events.len() as u64));
    for (name, reversed) in [("in_order", false), ("reversed", true)] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let mut e = events.clone();
                    if reversed {
                        e.reverse();
                    }
                    e
                },
                |batch| {
                    let mut log = kesher::case::CaseLog::default();
                    for e in batch {
                        log.insert(e);
                    }
                    log.into_case().map(|c| c.log().len()).unwrap_or(0)
                },
                BatchSize::LargeInput,
            )
        });
    }
    // The importers' path for ordinary cases: ~10 events each, in order, into logs and folded.
    let logs = case_logs(bench_size(100_000), 11);
    let small: Vec<Vec<kesher::event::CaseEvent>> =
        logs.iter().map(|l| l.events().cloned().collect()).collect();
    let n: usize = small.iter().map(Vec::len).sum();
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("100k_small_cases_insert_and_fold", |b| {
        b.iter_batched(
            || small.clone(),
            |cases| {
                let mut total = 0usize;
                for events in cases {
                    let mut log = kesher::case::CaseLog::default();
                    for e in events {
                        log.insert(e);
                    }
                    total += log.into_case().map(|c| c.log().len()).unwrap_or(0);
                }
                total
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(sla, fold_and_evaluate, one_case_any_order);
criterion_main!(sla);
