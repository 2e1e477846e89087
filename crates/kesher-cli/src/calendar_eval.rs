//! `kesher calendar eval`: JSON Lines calendar requests in, one JSON line per request out.

use crate::input;
use clap::Args;
use kesher::calendar::{AnswerError, CalendarAnswer, CalendarEval};
use std::io::{self, BufWriter, Write};
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
    // Lines over the cap (1 MiB) or not UTF-8 are answered with an error and never buffered
    // whole, so memory stays bounded whatever the input.
    let mut lines =
        kesher_io::JsonLines::with_parser(&mut reader, kesher_io::DEFAULT_MAX_LINE_BYTES, |text| {
            Ok(text.to_string())
        });
    for row in lines.by_ref() {
        read += 1;
        let answer = match row {
            Ok((_, text)) => eval.eval_line(&text),
            Err(rejection) => CalendarAnswer {
                id: serde_json::Value::Null,
                result: None,
                error: Some(AnswerError {
                    kind: "invalid_input",
                    message: format!("request {read}: {rejection}"),
                }),
            },
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
        .parse::<kesher::calendar::Preset>()
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
