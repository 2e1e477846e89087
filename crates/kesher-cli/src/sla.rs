//! `kesher sla evaluate | statements | coverage`.

use crate::cases;
use chrono::DateTime;
use clap::{Args, Subcommand};
use kesher::sla::statement::{channel_coverage, set_statements, traffic};
use kesher::sla::{SlaEngine, TargetState};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub(crate) enum SlaCommand {
    /// Evaluate SLA targets of every case at an instant: one JSON line per case and target.
    ///
    /// Reads JSON Lines case events (standard input when INPUT is absent or `-`). Each line has
    /// case_id, metric, contract, time, state (running, paused, warning, breached, met,
    /// met_late, cancelled), cycle, started_at, due_at, stopped_at, target_seconds,
    /// consumed_seconds, remaining_seconds, late_cycles, and with --explain the audit trail.
    Evaluate(EvaluateArgs),
    /// Print each contract as customer-readable statements, one per channel.
    Statements(StatementArgs),
    /// List channels with customer traffic and how contracts cover them (uncovered first).
    Coverage(CoverageArgs),
}

#[derive(Debug, Args)]
pub(crate) struct EvaluateArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
    /// The contracts: `{"contracts": [...]}` or `[...]`.
    #[arg(long)]
    contracts: PathBuf,
    /// The instant to evaluate at (RFC 3339, such as 2025-01-06T12:00:00Z).
    #[arg(long)]
    now: String,
    /// Include the audit trail of every target.
    #[arg(long)]
    explain: bool,
    /// Exit with status 0 even when lines were rejected.
    #[arg(long)]
    allow_rejects: bool,
    /// The JSON Lines file of events.
    input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct StatementArgs {
    /// The contracts file.
    #[arg(long)]
    contracts: PathBuf,
    #[command(flatten)]
    words: crate::words::LanguageArgs,
    /// Write JSON lines instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CoverageArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
    /// The contracts file.
    #[arg(long)]
    contracts: PathBuf,
    /// The JSON Lines file of events.
    input: Option<PathBuf>,
}

pub(crate) fn run(command: &SlaCommand) -> ExitCode {
    let result = match command {
        SlaCommand::Evaluate(args) => evaluate(args),
        SlaCommand::Statements(args) => print_statements(args),
        SlaCommand::Coverage(args) => coverage(args),
    };
    cases::exit(result)
}

fn evaluate(args: &EvaluateArgs) -> Result<ExitCode, cases::Stop> {
    let now = cases::parse_now(Some(&args.now))?.unwrap_or(DateTime::UNIX_EPOCH);
    let mut engine = SlaEngine::new(cases::read_contracts(&args.contracts)?).explain(args.explain);
    let input = crate::input::open(args.input.as_deref())?;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let name = args
        .input
        .as_ref()
        .map_or("standard input".into(), |p| p.display().to_string());
    let mut loaded = cases::load_as(input, args.source.format()?, &name, &mut err)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut states: BTreeMap<&'static str, u64> = BTreeMap::new();
    let (mut targets, mut failed) = (0u64, 0u64);
    let mut failures = Vec::new();
    let written = loaded
        .fold_each(&mut err, |case| match engine.evaluate(case, now) {
            Ok(sla) => {
                for t in &sla.targets {
                    targets += 1;
                    *states.entry(state_name(t.state)).or_insert(0) += 1;
                    cases::write_line(
                        &mut out,
                        &Line {
                            case_id: &sla.case_id,
                            target: t,
                        },
                    )?;
                }
                Ok(())
            }
            Err(e) => {
                failed += 1;
                failures.push(format!("case {}: {e}", case.id()));
                Ok(())
            }
        })
        .and_then(|_| out.flush());
    written?;
    for f in &failures {
        let _ = writeln!(err, "{f}");
    }
    let counts: Vec<String> = states.iter().map(|(s, n)| format!("{s} {n}")).collect();
    let _ = writeln!(
        err,
        "{}; {} cases, {targets} targets ({}){}",
        loaded.summary,
        loaded.logs.len(),
        counts.join(", "),
        if failed > 0 {
            format!("; {failed} cases could not be evaluated")
        } else {
            String::new()
        }
    );
    Ok(
        if failed > 0 || (loaded.summary.rejected > 0 && !args.allow_rejects) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// One output line: the case, then the target's report.
#[derive(serde::Serialize)]
struct Line<'a> {
    case_id: &'a kesher::CaseId,
    #[serde(flatten)]
    target: &'a kesher::sla::TargetReport,
}

fn state_name(s: TargetState) -> &'static str {
    match s {
        TargetState::Running => "running",
        TargetState::Paused => "paused",
        TargetState::Warning => "warning",
        TargetState::Breached => "breached",
        TargetState::Met => "met",
        TargetState::MetLate => "met_late",
        TargetState::Cancelled => "cancelled",
    }
}

fn print_statements(args: &StatementArgs) -> Result<ExitCode, cases::Stop> {
    let words = args.words.words()?;
    let lang = words.wording()?;
    let set = cases::read_contracts(&args.contracts)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    {
        for s in set_statements(&set, lang) {
            if args.json {
                cases::write_line(&mut out, &s)?;
            } else {
                let channel = s
                    .channel
                    .map_or_else(|| "all channels".to_string(), |c| c.name());
                writeln!(out, "[{} · {channel}] {}", s.contract, s.text)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn coverage(args: &CoverageArgs) -> Result<ExitCode, cases::Stop> {
    let set = cases::read_contracts(&args.contracts)?;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let cases::Folded {
        loaded,
        cases: folded,
        ..
    } = cases::read_cases(args.input.as_deref(), &args.source, &mut err)?;
    let report = channel_coverage(&set, &traffic(&folded));
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    cases::write_lines(&mut out, &report)?;
    let gaps = report
        .iter()
        .filter(|c| c.coverage != kesher::sla::statement::Coverage::Covered)
        .count();
    let _ = writeln!(
        err,
        "{}; {} channels with traffic, {gaps} not fully covered",
        loaded.summary,
        report.len()
    );
    Ok(ExitCode::SUCCESS)
}
