//! The first pass of a Twitter report alone: the export's latest instant, found by
//! `kesher_io::twcs_latest_event_at` on some threads, each round timed.
//!
//! Run: `cargo run --release -p kesher-benches --example twcs_latest -- FILE [threads] [rounds]`
//! (make a file with the `gen_support_csv` example).

use std::io::{Seek, SeekFrom};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: twcs_latest FILE [threads] [rounds]");
        std::process::exit(2);
    };
    let threads: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let open = |at: u64| {
        let mut file = std::fs::File::open(&path)?;
        file.seek(SeekFrom::Start(at))?;
        Ok(file)
    };
    for _ in 0..rounds {
        let start = Instant::now();
        let latest = kesher_io::twcs_latest_event_at(open, size, threads);
        println!(
            "{:.3} s  {:?}",
            start.elapsed().as_secs_f64(),
            latest.map(|t| t.map(|t| t.to_rfc3339()))
        );
    }
}
