//! Business-time throughput: due times and elapsed time for 1,000,000 tickets on the Israeli
//! preset, side by side with the `workclock` crate on the same inputs and calendar; and the
//! backward and closing questions and open days over the same tickets (no peer answers them).
//!
//! Run: `cargo bench -p kesher-benches --bench calendar`. Figures: benches/README.md.

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jiff::{SignedDuration, Timestamp};
use kesher::calendar::EpochUnit;
use kesher_benches::{
    bench_size, four_hours, israel, israel_plain, israel_workclock, new_york, pairs, ticket_opens,
};
use std::hint::black_box;

fn due_times(c: &mut Criterion) {
    let n = bench_size(1_000_000);
    let opens = ticket_opens(n, 42);
    let mut due = vec![0_i64; n];
    let mut group = c.benchmark_group("due_times_1M");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));

    for (name, cal) in [
        ("kesher_batch_israel", israel()),
        ("kesher_batch_plain", israel_plain()),
    ] {
        let mut tl = cal.timeline();
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                tl.add_many(
                    black_box(&opens),
                    EpochUnit::Seconds,
                    four_hours(),
                    &mut due,
                )
                .map(|()| black_box(due.last().copied()))
            })
        });
    }

    let mut tl = israel_plain().timeline();
    let d = four_hours().num_nanoseconds().unwrap_or(0);
    group.bench_function(BenchmarkId::from_parameter("kesher_single_plain"), |b| {
        b.iter(|| {
            let mut sum = 0_i64;
            for &t in black_box(&opens) {
                sum = sum.wrapping_add(tl.add_ns(t * 1_000_000_000, d).unwrap_or(0));
            }
            sum
        })
    });

    if let Ok(wc) = israel_workclock() {
        let stamps: Vec<Timestamp> = opens
            .iter()
            .filter_map(|&t| Timestamp::from_second(t).ok())
            .collect();
        group.bench_function(BenchmarkId::from_parameter("workclock_plain"), |b| {
            b.iter(|| {
                let mut sum = 0_i64;
                for &t in black_box(&stamps) {
                    let due = wc.add(t, SignedDuration::from_hours(4));
                    sum = sum.wrapping_add(due.map(|u| u.as_second()).unwrap_or(0));
                }
                sum
            })
        });
    }
    group.finish();
}

fn elapsed(c: &mut Criterion) {
    let n = bench_size(1_000_000);
    let (a, b) = pairs(n, 43);
    let mut out = vec![0_i64; n];
    let mut group = c.benchmark_group("elapsed_1M");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));

    let mut tl = israel_plain().timeline();
    group.bench_function(BenchmarkId::from_parameter("kesher_batch_plain"), |bench| {
        bench.iter(|| {
            tl.elapsed_many(black_box(&a), black_box(&b), EpochUnit::Seconds, &mut out)
                .map(|()| black_box(out.last().copied()))
        })
    });
    let mut tl = israel().timeline();
    group.bench_function(
        BenchmarkId::from_parameter("kesher_batch_israel"),
        |bench| {
            bench.iter(|| {
                tl.elapsed_many(black_box(&a), black_box(&b), EpochUnit::Seconds, &mut out)
                    .map(|()| black_box(out.last().copied()))
            })
        },
    );
    if let Ok(wc) = israel_workclock() {
        let stamps: Vec<(Timestamp, Timestamp)> = a
            .iter()
            .zip(&b)
            .filter_map(|(&x, &y)| {
                Some((
                    Timestamp::from_second(x).ok()?,
                    Timestamp::from_second(y).ok()?,
                ))
            })
            .collect();
        group.bench_function(BenchmarkId::from_parameter("workclock_plain"), |bench| {
            bench.iter(|| {
                let mut sum = SignedDuration::ZERO;
                for &(x, y) in black_box(&stamps) {
                    sum += wc.between(x, y);
                }
                sum
            })
        });
    }
    group.finish();
}

/// One batch question over the tickets, on a timeline warmed by a first call.
fn backward(c: &mut Criterion) {
    let n = bench_size(1_000_000);
    let opens = ticket_opens(n, 42);
    let (a, b) = pairs(n, 43);
    let mut out = vec![0_i64; n];
    let mut group = c.benchmark_group("backward_1M");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    type Ask =
        fn(&mut kesher::calendar::Timeline, &[i64], &[i64], &mut [i64]) -> kesher::Result<()>;
    let questions: [(&str, Ask); 6] = [
        ("sub", |tl, at, _, out| {
            tl.sub_many(at, EpochUnit::Seconds, four_hours(), out)
        }),
        ("previous_open", |tl, at, _, out| {
            tl.previous_open_many(at, EpochUnit::Seconds, out)
        }),
        ("next_close", |tl, at, _, out| {
            tl.next_close_many(at, EpochUnit::Seconds, out)
        }),
        ("previous_close", |tl, at, _, out| {
            tl.previous_close_many(at, EpochUnit::Seconds, out)
        }),
        ("add_days", |tl, at, _, out| {
            tl.add_days_many(at, EpochUnit::Seconds, 3, out)
        }),
        ("open_days_between", |tl, a, b, out| {
            tl.open_days_between_many(a, b, EpochUnit::Seconds, out)
        }),
    ];
    for (calendar, cal) in [("plain", israel_plain()), ("israel", israel())] {
        for (name, ask) in questions {
            let (x, y) = if name == "open_days_between" {
                (&a, &b)
            } else {
                (&opens, &opens)
            };
            let mut tl = cal.timeline();
            group.bench_function(BenchmarkId::new(name, calendar), |bench| {
                bench.iter(|| {
                    ask(&mut tl, black_box(x), black_box(y), &mut out)
                        .map(|()| black_box(out.last().copied()))
                })
            });
        }
    }
    group.finish();
}

/// Single calls on `Calendar` (what a CRM makes per ticket), with `DateTime`s and on epoch
/// nanoseconds, against the batch form of the same question over the same tickets, per item,
/// on the New York and Israeli desks.
fn single_calls(c: &mut Criterion) {
    let n = bench_size(1_000_000);
    let opens = ticket_opens(n, 42);
    let (a, b) = pairs(n, 43);
    let instants: Vec<DateTime<Utc>> = opens
        .iter()
        .filter_map(|&t| DateTime::from_timestamp(t, 0))
        .collect();
    let spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = a
        .iter()
        .zip(&b)
        .filter_map(|(&x, &y)| {
            Some((
                DateTime::from_timestamp(x, 0)?,
                DateTime::from_timestamp(y, 0)?,
            ))
        })
        .collect();
    let mut out = vec![0_i64; n];
    let mut open = vec![false; n];
    let mut group = c.benchmark_group("single_1M");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    for (calendar, cal) in [("new_york", new_york()), ("israel", israel())] {
        let mut tl = cal.timeline();
        group.bench_function(BenchmarkId::new("add_many", calendar), |bench| {
            bench.iter(|| {
                tl.add_many(
                    black_box(&opens),
                    EpochUnit::Seconds,
                    four_hours(),
                    &mut out,
                )
            })
        });
        group.bench_function(BenchmarkId::new("add_single", calendar), |bench| {
            bench.iter(|| {
                for &t in black_box(&instants) {
                    black_box(cal.add(t, four_hours()).ok());
                }
            })
        });
        group.bench_function(BenchmarkId::new("elapsed_many", calendar), |bench| {
            bench.iter(|| {
                tl.elapsed_many(black_box(&a), black_box(&b), EpochUnit::Seconds, &mut out)
            })
        });
        group.bench_function(BenchmarkId::new("elapsed_single", calendar), |bench| {
            bench.iter(|| {
                for &(x, y) in black_box(&spans) {
                    black_box(cal.elapsed(x, y).ok());
                }
            })
        });
        // The floor of a `DateTime` single call: chrono's conversions alone, in and out.
        if calendar == "new_york" {
            group.bench_function("chrono_round_trip", |bench| {
                bench.iter(|| {
                    for &t in black_box(&instants) {
                        let ns = t.timestamp_nanos_opt().unwrap_or(0);
                        black_box(DateTime::from_timestamp_nanos(black_box(ns)));
                    }
                })
            });
        }
        group.bench_function(BenchmarkId::new("is_open_many", calendar), |bench| {
            bench.iter(|| tl.is_open_many(black_box(&opens), EpochUnit::Seconds, &mut open))
        });
        group.bench_function(BenchmarkId::new("is_open_single", calendar), |bench| {
            bench.iter(|| {
                for &t in black_box(&instants) {
                    black_box(cal.is_open(t).ok());
                }
            })
        });
        let opens_ns: Vec<i64> = opens.iter().map(|&t| t * 1_000_000_000).collect();
        let d = four_hours().num_nanoseconds().unwrap_or(0);
        group.bench_function(BenchmarkId::new("add_ns_single", calendar), |bench| {
            bench.iter(|| {
                for &t in black_box(&opens_ns) {
                    black_box(cal.add_ns(t, d).ok());
                }
            })
        });
        group.bench_function(BenchmarkId::new("is_open_ns_single", calendar), |bench| {
            bench.iter(|| {
                for &t in black_box(&opens_ns) {
                    black_box(cal.is_open_ns(t).ok());
                }
            })
        });
        let (a_ns, b_ns): (Vec<i64>, Vec<i64>) = a
            .iter()
            .zip(&b)
            .map(|(&x, &y)| (x * 1_000_000_000, y * 1_000_000_000))
            .unzip();
        group.bench_function(BenchmarkId::new("elapsed_ns_single", calendar), |bench| {
            bench.iter(|| {
                for (&x, &y) in black_box(&a_ns).iter().zip(black_box(&b_ns)) {
                    black_box(cal.elapsed_ns(x, y).ok());
                }
            })
        });
        group.bench_function(BenchmarkId::new("next_open_ns_single", calendar), |bench| {
            bench.iter(|| {
                for &t in black_box(&opens_ns) {
                    black_box(cal.next_open_ns(t).ok());
                }
            })
        });
        group.bench_function(BenchmarkId::new("next_open_many", calendar), |bench| {
            bench.iter(|| tl.next_open_many(black_box(&opens), EpochUnit::Seconds, &mut out))
        });
        group.bench_function(BenchmarkId::new("next_open_single", calendar), |bench| {
            bench.iter(|| {
                for &t in black_box(&instants) {
                    black_box(cal.next_open(t).ok());
                }
            })
        });
        datetime_batches(&mut group, calendar, &mut tl, &instants, &spans);
    }
    group.finish();
}

/// The batches as a caller holding `DateTime`s uses them, beside the single `DateTime` calls:
/// each instant converted to epoch nanoseconds, the batch, and each answer converted back
/// (chrono's conversions, as the single calls make them), into buffers allocated once.
fn datetime_batches(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    calendar: &str,
    tl: &mut kesher::calendar::Timeline,
    instants: &[DateTime<Utc>],
    spans: &[(DateTime<Utc>, DateTime<Utc>)],
) {
    let nanos = |t: &DateTime<Utc>| t.timestamp_nanos_opt().unwrap_or(0);
    let (mut at, mut ends) = (vec![0_i64; instants.len()], vec![0_i64; spans.len()]);
    let mut out = vec![0_i64; instants.len()];
    let mut open = vec![false; instants.len()];
    let mut back = vec![DateTime::<Utc>::UNIX_EPOCH; instants.len()];
    let mut spent = vec![TimeDelta::zero(); spans.len()];
    let d = four_hours().num_nanoseconds().unwrap_or(0);
    let unit = EpochUnit::Nanoseconds;
    let in_nanos = |at: &mut [i64]| {
        for (a, t) in at.iter_mut().zip(black_box(instants)) {
            *a = nanos(t);
        }
    };
    let to_datetimes = |out: &[i64], back: &mut [DateTime<Utc>]| {
        for (b, &ns) in back.iter_mut().zip(out) {
            *b = DateTime::from_timestamp_nanos(ns);
        }
    };
    group.bench_function(BenchmarkId::new("add_many_datetimes", calendar), |bench| {
        bench.iter(|| {
            in_nanos(&mut at);
            let _ = tl.add_many(&at, unit, TimeDelta::nanoseconds(d), &mut out);
            to_datetimes(&out, &mut back);
            black_box(&back);
        })
    });
    group.bench_function(
        BenchmarkId::new("is_open_many_datetimes", calendar),
        |bench| {
            bench.iter(|| {
                in_nanos(&mut at);
                let _ = tl.is_open_many(&at, unit, &mut open);
                black_box(&open);
            })
        },
    );
    group.bench_function(
        BenchmarkId::new("next_open_many_datetimes", calendar),
        |bench| {
            bench.iter(|| {
                in_nanos(&mut at);
                let _ = tl.next_open_many(&at, unit, &mut out);
                to_datetimes(&out, &mut back);
                black_box(&back);
            })
        },
    );
    group.bench_function(
        BenchmarkId::new("elapsed_many_datetimes", calendar),
        |bench| {
            bench.iter(|| {
                for ((a, e), (x, y)) in at.iter_mut().zip(ends.iter_mut()).zip(black_box(spans)) {
                    (*a, *e) = (nanos(x), nanos(y));
                }
                let _ = tl.elapsed_many(&at, &ends, unit, &mut out);
                for (s, &ns) in spent.iter_mut().zip(&out) {
                    *s = TimeDelta::nanoseconds(ns);
                }
                black_box(&spent);
            })
        },
    );
}

criterion_group!(calendar, due_times, elapsed, backward, single_calls);
criterion_main!(calendar);
