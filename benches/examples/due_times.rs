//! Due times for N ticket-open instants through kesher's batch API, timed, for the Python
//! comparison script (`benches/compare_python.py`), which runs this in the same session as the
//! Python libraries and checks that the answers agree.
//!
//! `cargo run --release -p kesher-benches --example due_times -- <n> <calendar> [out]`
//! where calendar is `plain` (Sunday–Thursday 09:00–17:00, Friday 09:00–13:00, Israeli
//! holidays) or `weekdays` (the same without Friday, which pandas' CustomBusinessHour can
//! express). Prints one JSON line with the throughput; with `out`, writes the inputs and due
//! instants (epoch seconds, one pair per line), the calendar's closed dates to `out.dates` and
//! its definition to `out.calendar.json` (the Node.js comparison, `bindings/wasm/bench/`, reads it).

use kesher::calendar::{Calendar, EpochUnit};
use kesher_benches::{four_hours, israel_closed_dates, israel_plain, ticket_opens};
use std::io::Write;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).map_or(Ok(1_000_000), |s| s.parse())?;
    let kind = args.get(2).map_or("plain", String::as_str);
    let calendar = match kind {
        "plain" => israel_plain(),
        "weekdays" => {
            let plain = israel_plain();
            let mut value = serde_json::to_value(&plain)?;
            if let Some(week) = value.get_mut("week").and_then(|w| w.as_object_mut()) {
                week.remove("fri");
            }
            Calendar::from_value(value)?
        }
        other => return Err(format!("unknown calendar `{other}`: plain or weekdays").into()),
    };
    let opens = ticket_opens(n, 42);
    let mut due = vec![0_i64; n];
    let mut timeline = calendar.timeline();
    // One pass to compile the timeline, then the best of five timed passes.
    timeline.add_many(&opens, EpochUnit::Seconds, four_hours(), &mut due)?;
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        timeline.add_many(&opens, EpochUnit::Seconds, four_hours(), &mut due)?;
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{{\"n\": {n}, \"calendar\": \"{kind}\", \"seconds\": {best}, \"per_second\": {}}}",
        n as f64 / best
    );
    if let Some(out) = args.get(3) {
        let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
        for (t, d) in opens.iter().zip(&due) {
            writeln!(file, "{t} {d}")?;
        }
        std::fs::write(
            format!("{out}.calendar.json"),
            serde_json::to_string(&calendar)?,
        )?;
        let mut dates = std::io::BufWriter::new(std::fs::File::create(format!("{out}.dates"))?);
        for d in israel_closed_dates() {
            writeln!(dates, "{d}")?;
        }
    }
    Ok(())
}
