//! `kesher calendar eval`: JSON Lines calendar requests in, one JSON line per request out.

use crate::input;
use clap::Args;
use kesher::calendar::{AnswerError, CalendarAnswer, CalendarEval};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    /// The JSON Lines file of requests (standard input when absent or `-`).
    input: Option<PathBuf>,
}

pub(crate) fn run(args: &EvalArgs) -> ExitCode {
    let mut reader = match input::open(args.input.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("kesher: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut eval = CalendarEval::default();
    let (mut read, mut failed) = (0u64, 0u64);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("kesher: cannot read input: {e}");
                return ExitCode::from(2);
            }
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            continue;
        }
        read += 1;
        let answer = if std::str::from_utf8(&line).is_err() {
            CalendarAnswer {
                id: serde_json::Value::Null,
                result: None,
                error: Some(AnswerError {
                    kind: "invalid_input",
                    message: format!("request {read}: not valid UTF-8"),
                }),
            }
        } else {
            eval.eval_line(text)
        };
        if answer.error.is_some() {
            failed += 1;
        }
        let written = serde_json::to_string(&answer)
            .map_err(io::Error::other)
            .and_then(|text| writeln!(out, "{text}"));
        if written.is_err() {
            return ExitCode::from(2);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    eprintln!(
        "read {read} requests: answered {}, errors {failed}",
        read - failed
    );
    ExitCode::SUCCESS
}

#[derive(Debug, Args)]
pub(crate) struct HolidaysArgs {
    /// The preset: israel, us or uk.
    preset: String,
    /// The first year.
    #[arg(long)]
    from: i32,
    /// The last year (the first when absent).
    #[arg(long)]
    to: Option<i32>,
}

pub(crate) fn holidays(args: &HolidaysArgs) -> ExitCode {
    let calendar = match args
        .preset
        .parse::<kesher::Preset>()
        .and_then(|p| p.calendar())
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kesher: {e}");
            return ExitCode::from(2);
        }
    };
    let to = args.to.unwrap_or(args.from);
    if !(1678..=2261).contains(&args.from) || !(args.from..=2261).contains(&to) {
        eprintln!(
            "kesher: years must run forward within 1678–2261, got {}–{to}",
            args.from
        );
        return ExitCode::from(2);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for year in args.from..=to {
        for rules in calendar.holiday_rules() {
            for o in rules.observances(year) {
                let line = serde_json::to_string(&o).map_err(io::Error::from);
                if line.and_then(|l| writeln!(out, "{l}")).is_err() {
                    return ExitCode::SUCCESS;
                }
            }
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}
