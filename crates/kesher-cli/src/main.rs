//! The `kesher` command.

mod calendar_eval;
mod cases;
mod fold;
mod import;
mod input;
mod insight;
mod journey;
mod parallel;
mod playbook;
mod progress;
mod readings;
mod report;
mod sla;
mod text;
mod words;

use clap::{Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

/// kesher: the customer-experience core: cases folded from events, SLAs, the emotion graph.
#[derive(Debug, Parser)]
#[command(name = "kesher", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Work with cases (tickets).
    #[command(subcommand)]
    Case(CaseCommand),
    /// Business calendars: opening hours, holidays, business time.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// The emotion graph: build journeys from events, aggregate patterns, draw them.
    #[command(subcommand)]
    Journey(journey::JourneyCommand),
    /// The service playbook: acknowledgements with honest promised times, reply templates.
    #[command(subcommand)]
    Playbook(playbook::PlaybookCommand),
    /// Insights over many cases: service metrics.
    #[command(subcommand)]
    Insight(insight::InsightCommand),
    /// SLA contracts: evaluate targets, print statements, check channel coverage.
    #[command(subcommand)]
    Sla(sla::SlaCommand),
    /// Customer text: sentiment and what each message does (thanks, confirmation, problem,
    /// complaint), in English and Hebrew.
    #[command(subcommand)]
    Text(text::TextCommand),
    /// The service report: support data in (any format `kesher import` reads: the Twitter
    /// support CSV, event logs, ticket tables, helpdesk exports, IBM JSON, kesher events), one self-contained HTML page out: SLA compliance
    /// and first-response times per brand and channel, first contact resolution, unanswered
    /// messages, transfers, the emotion pattern per brand, recurring problems, retention lists,
    /// the contracts as customers read them and channel coverage. Without inputs it reports on
    /// the bundled sample and writes report.html.
    ///
    /// Every row is accounted for: rejected rows are printed on stderr with their line and
    /// reason and counted per input (read = accepted + rejected); the exit status is 1 when any
    /// row was rejected, unless --allow-rejects is given.
    Report(report::ReportArgs),
    /// Convert a support-data export into kesher's JSON Lines events, one event per line, case
    /// after case: the Twitter support CSV, helpdesk and incident event logs, IBM customer-care
    /// JSON, NYC 311 requests, Zendesk, Freshdesk, Zammad and Chatwoot exports, or any CSV
    /// through --mapping (an event log, or a table with one row per ticket). Rejected rows go to stderr with their line and reason, then
    /// `read N, accepted A, rejected R`; the exit status is 1 when any row was rejected, unless
    /// --allow-rejects is given.
    Import(import::ImportArgs),
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// Evaluate JSON Lines calendar requests, one answer line per request.
    ///
    /// A request: {"id": "...", "op": "add"|"elapsed"|"is_open"|"next_open",
    /// "calendar": {...} or "israel"|"us"|"uk", "input": {"start", "seconds"} | {"start", "end"} |
    /// {"at"}}. An answer: {"id": "...", "result": ...} or {"id": "...", "error": {"kind",
    /// "message"}}. A malformed line gets an error answer; the exit status is 0 unless the input
    /// cannot be read.
    Eval(calendar_eval::EvalArgs),
    /// List the holidays a preset computes for a range of years, one JSON line per date
    /// (date, name, effect: closed or reduced).
    Holidays(calendar_eval::HolidaysArgs),
}

#[derive(Debug, Subcommand)]
enum CaseCommand {
    /// Fold JSON Lines case events into each case's derived state, one JSON line per case.
    ///
    /// Events may come in any order. Bad lines are reported on stderr with their line number and
    /// reason, and counted in a final summary (`read N, accepted A, rejected R`). The exit status
    /// is 1 when anything was rejected, unless --allow-rejects is given.
    Fold(fold::FoldArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Case(CaseCommand::Fold(args)) => fold::run(&args),
        Command::Calendar(CalendarCommand::Eval(args)) => calendar_eval::run(&args),
        Command::Calendar(CalendarCommand::Holidays(args)) => calendar_eval::holidays(&args),
        Command::Sla(command) => sla::run(&command),
        Command::Journey(command) => journey::run(&command),
        Command::Insight(command) => insight::run(&command),
        Command::Playbook(command) => playbook::run(&command),
        Command::Text(command) => text::run(&command),
        Command::Report(args) => report::run(&args),
        Command::Import(args) => import::run(&args),
    }
}
