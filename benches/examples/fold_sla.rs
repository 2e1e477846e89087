//! Fold + SLA evaluation on generated cases, for profiling (`perf record`): the fold alone,
//! the evaluation alone (of cases folded before) and both, events per second each.
//!
//! Run: `cargo run --release -p kesher-benches --example fold_sla -- [cases] [rounds] [what]`,
//! `what` one of `read` (every event's key read), `fold`, `evaluate`, `both` (default: all three).

use kesher::sla::SlaEngine;
use kesher_benches::{bench_contracts, case_logs};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let what = args.next().unwrap_or_else(|| "all".into());
    let logs = case_logs(n, 7);
    let events: usize = logs.iter().map(kesher::case::CaseLog::len).sum();
    let now =
        chrono::DateTime::from_timestamp(kesher_benches::TO + 30 * 86_400, 0).unwrap_or_default();
    let mut engine = SlaEngine::new(bench_contracts());
    let cases: Vec<_> = if what == "all" || what == "evaluate" {
        logs.iter().filter_map(|l| l.fold().ok()).collect()
    } else {
        Vec::new()
    };
    let report = |name: &str, secs: f64, count: usize| {
        println!(
            "{name}: {:.2} M events/s ({count})",
            events as f64 / secs / 1e6
        );
    };
    for _ in 0..rounds {
        if what == "all" || what == "read" {
            // The floor: every event's instant and sequence number read, nothing built.
            let start = Instant::now();
            let mut sum = 0i64;
            for log in &logs {
                for e in log.events() {
                    let (at, seq) = e.order_key();
                    sum = sum.wrapping_add(at.timestamp()).wrapping_add(seq as i64);
                }
            }
            report("read", start.elapsed().as_secs_f64(), sum as usize % 10);
        }
        if what == "all" || what == "fold" {
            let start = Instant::now();
            let folded = logs.iter().filter_map(|l| l.fold().ok()).count();
            report("fold", start.elapsed().as_secs_f64(), folded);
        }
        if what == "all" || what == "evaluate" {
            let start = Instant::now();
            let mut targets = 0usize;
            for case in &cases {
                targets += engine
                    .evaluate(case, now)
                    .map(|s| s.targets.len())
                    .unwrap_or(0);
            }
            report("evaluate", start.elapsed().as_secs_f64(), targets);
        }
        if what == "all" || what == "both" {
            let start = Instant::now();
            let mut targets = 0usize;
            for log in &logs {
                if let Ok(case) = log.fold() {
                    targets += engine
                        .evaluate(&case, now)
                        .map(|s| s.targets.len())
                        .unwrap_or(0);
                }
            }
            report("fold + evaluate", start.elapsed().as_secs_f64(), targets);
        }
    }
}
