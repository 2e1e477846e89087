//! `kesher insight metrics`.

use crate::cases;
use clap::{Args, Subcommand};
use kesher::insight::ServiceMetrics;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub(crate) enum InsightCommand {
    /// Service metrics over every case in JSON Lines events: first response and resolution
    /// times (calendar time, and business time with --contracts), first contact resolution,
    /// transfers, back-and-forth, reopens, SLA compliance per channel, contract and agent,
    /// unanswered messages per channel. One JSON object on standard output.
    Metrics(MetricsArgs),
}

#[derive(Debug, Args)]
pub(crate) struct MetricsArgs {
    /// SLA contracts, for business times and compliance.
    #[arg(long)]
    contracts: Option<PathBuf>,
    /// The instant of the evaluation (default: the latest event in the input).
    #[arg(long)]
    now: Option<String>,
    /// Exit with status 0 even when lines were rejected.
    #[arg(long)]
    allow_rejects: bool,
    /// The JSON Lines file of events.
    input: Option<PathBuf>,
}

pub(crate) fn run(command: &InsightCommand) -> ExitCode {
    let InsightCommand::Metrics(args) = command;
    metrics(args).unwrap_or_else(|message| {
        eprintln!("kesher: {message}");
        ExitCode::from(2)
    })
}

fn metrics(args: &MetricsArgs) -> Result<ExitCode, String> {
    let now = cases::parse_now(args.now.as_deref())?;
    let mut engine = cases::engine(args.contracts.as_deref())?;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let cases::Folded {
        loaded,
        cases: folded,
        latest,
    } = match cases::read_cases(args.input.as_deref(), &mut err)? {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    let with_sla = cases::evaluate_all(engine.as_mut(), folded, now.unwrap_or(latest))?;
    let metrics = ServiceMetrics::of(&with_sla);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if let Err(e) = cases::write_line(&mut out, &metrics).and_then(|()| out.flush()) {
        return Ok(cases::output_failed(&mut err, &e));
    }
    let _ = writeln!(err, "{}; {} cases", loaded.summary, metrics.cases);
    Ok(if loaded.summary.rejected > 0 && !args.allow_rejects {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
