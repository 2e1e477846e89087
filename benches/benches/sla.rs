//! Fold + SLA evaluation throughput: cases of ~10 events folded and evaluated against a contract
//! with every target kind on the Israeli preset.
//!
//! Run: `cargo bench -p kesher-benches --bench sla`. Figures: benches/README.md.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kesher::SlaEngine;
use kesher_benches::{bench_contracts, bench_size, case_logs};
use std::hint::black_box;

fn fold_and_evaluate(c: &mut Criterion) {
    let logs = case_logs(bench_size(1_000_000), 7);
    let events: usize = logs.iter().map(kesher::CaseLog::len).sum();
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

criterion_group!(sla, fold_and_evaluate);
criterion_main!(sla);
