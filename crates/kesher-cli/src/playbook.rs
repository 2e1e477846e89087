//! `kesher playbook acknowledge | reply`.

use crate::cases;
use clap::{Args, Subcommand};
use kesher::playbook::{acknowledgement, ReplyTemplate};
use kesher::{event::Priority, Channel};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub(crate) enum PlaybookCommand {
    /// The acknowledgement for a request received now: the promised answer time computed on
    /// the contract's calendar. One JSON object (text, promised_by, within_seconds, time).
    Acknowledge(AcknowledgeArgs),
    /// A reply from a template (built-in `reply` or `delay`, or a template JSON file) with the
    /// variables given as --var name=value. Prints the text.
    Reply(ReplyArgs),
    /// The promise ledger: every promise of every case in JSON Lines events with its state
    /// (open, kept, kept_late, broken, cancelled) at --now, one JSON line each.
    Promises(PromisesArgs),
    /// The promise guard: can a promise due at --promise (or --within seconds of business
    /// time) be kept under the team's load on the calendar?
    Guard(GuardArgs),
    /// The next follow-up of every resolved case in JSON Lines events, one JSON line per case
    /// (case_id, at, made, reason).
    FollowUps(FollowUpsArgs),
    /// Release a customer: print the `released` event (to append to the case's events), with
    /// the refund and the parting message, which also goes to standard error.
    Release(ReleaseArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ReleaseArgs {
    /// The case.
    #[arg(long)]
    case: String,
    /// The event's sequence number.
    #[arg(long, default_value_t = 0)]
    seq: u64,
    /// When (RFC 3339).
    #[arg(long)]
    at: String,
    /// The refund in minor units (agorot, cents).
    #[arg(long)]
    refund_minor: Option<i64>,
    /// The refund's currency.
    #[arg(long, default_value = "ILS")]
    currency: String,
    /// The customer's name for the message.
    #[arg(long)]
    name: String,
    #[command(flatten)]
    words: crate::words::LanguageArgs,
}

#[derive(Debug, Args)]
pub(crate) struct FollowUpsArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
    /// The calendar: a preset (israel, us, uk) or a calendar JSON file.
    #[arg(long, default_value = "israel")]
    calendar: String,
    /// Open days between the resolution or the last follow-up and the next.
    #[arg(long, default_value_t = 2)]
    every_business_days: u32,
    /// Follow-ups at most per case.
    #[arg(long, default_value_t = 2)]
    limit: u32,
    /// Auto-close: a case the customer confirmed may close at once, and one left silent after
    /// every follow-up this many open days after the last (`close_at` in the plan).
    #[arg(long)]
    close_after_business_days: Option<u32>,
    /// The instant to plan from (default: the latest event in the input).
    #[arg(long)]
    now: Option<String>,
    #[command(flatten)]
    words: crate::words::LanguageArgs,
    /// The JSON Lines file of events.
    input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct PromisesArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
    /// SLA contracts: an acknowledgement then promises the first-response due instant.
    #[arg(long)]
    contracts: Option<PathBuf>,
    /// The instant to judge at (default: the latest event in the input).
    #[arg(long)]
    now: Option<String>,
    /// The JSON Lines file of events.
    input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct GuardArgs {
    /// The calendar: a preset (israel, us, uk) or a calendar JSON file.
    #[arg(long, default_value = "israel")]
    calendar: String,
    /// Cases waiting ahead.
    #[arg(long)]
    queue: u32,
    /// Business minutes of work per case.
    #[arg(long)]
    handle_minutes: f64,
    /// Agents on the queue.
    #[arg(long)]
    agents: u32,
    /// When the promise would be made (RFC 3339).
    #[arg(long)]
    now: String,
    /// The promised instant (RFC 3339).
    #[arg(long, conflicts_with = "within")]
    promise: Option<String>,
    /// The promise as seconds of business time from now.
    #[arg(long)]
    within: Option<f64>,
}

#[derive(Debug, Args)]
pub(crate) struct AcknowledgeArgs {
    /// The contracts file.
    #[arg(long)]
    contracts: PathBuf,
    /// The contract by name (default: the one selected for the channel and priority).
    #[arg(long)]
    contract: Option<String>,
    /// When the request arrived (RFC 3339).
    #[arg(long)]
    received: String,
    /// The channel it came on.
    #[arg(long, default_value = "email")]
    channel: String,
    /// Its priority.
    #[arg(long, default_value = "normal")]
    priority: String,
    #[command(flatten)]
    words: crate::words::LanguageArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ReplyArgs {
    /// A built-in template name (`reply`, `delay`) or a template JSON file.
    #[arg(long)]
    template: String,
    #[command(flatten)]
    words: crate::words::LanguageArgs,
    /// A variable, name=value (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
}

pub(crate) fn run(command: &PlaybookCommand) -> ExitCode {
    cases::exit(match command {
        PlaybookCommand::Acknowledge(a) => acknowledge(a).and_then(print),
        PlaybookCommand::Reply(a) => reply(a).and_then(print),
        PlaybookCommand::Promises(a) => promises(a),
        PlaybookCommand::Guard(a) => guard(a).and_then(print),
        PlaybookCommand::FollowUps(a) => follow_ups(a),
        PlaybookCommand::Release(a) => release_case(a).and_then(print),
    })
}

/// Prints a command's one result.
fn print(text: String) -> Result<ExitCode, cases::Stop> {
    let mut out = io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn from_str_value<T: serde::de::DeserializeOwned>(flag: &str, text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|e| format!("{flag} `{text}`: {e}"))
}

fn acknowledge(args: &AcknowledgeArgs) -> Result<String, cases::Stop> {
    let set = cases::read_contracts(&args.contracts)?;
    let words = args.words.words()?;
    let lang = words.wording()?;
    let priority: Priority = from_str_value("--priority", &args.priority)?;
    let channel: Channel = from_str_value("--channel", &args.channel)?;
    let received = cases::parse_now(Some(&args.received))
        .map_err(|e| e.replace("--now", "--received"))?
        .ok_or("--received is required")?;
    let contract = match &args.contract {
        Some(name) => set
            .contracts()
            .iter()
            .find(|c| &c.name == name)
            .ok_or_else(|| format!("--contract `{name}`: no contract with this name"))?,
        None => set
            .select(&channel, priority, &Default::default())
            .ok_or_else(|| {
                format!(
                    "no contract covers channel `{}` at priority `{priority}`",
                    channel.name()
                )
            })?,
    };
    let ack = acknowledgement(contract, priority, received, lang).map_err(|e| e.to_string())?;
    Ok(serde_json::to_string(&ack).map_err(|e| e.to_string())?)
}

fn reply(args: &ReplyArgs) -> Result<String, cases::Stop> {
    let words = args.words.words()?;
    let lang = words.wording()?;
    let template = match ReplyTemplate::built_in(&args.template, lang) {
        Some(t) => t,
        None => {
            let text = std::fs::read_to_string(&args.template).map_err(|e| {
                format!(
                    "--template `{}`: not a built-in (reply, delay) and not a readable file: {e}",
                    args.template
                )
            })?;
            ReplyTemplate::from_json(&text).map_err(|e| format!("`{}`: {e}", args.template))?
        }
    };
    let mut vars = BTreeMap::new();
    for spec in &args.vars {
        let (name, value) = spec
            .split_once('=')
            .ok_or_else(|| format!("--var `{spec}`: expected NAME=VALUE"))?;
        vars.insert(name.to_string(), value.to_string());
    }
    Ok(template.render(&vars).map_err(|e| e.to_string())?)
}

fn promises(args: &PromisesArgs) -> Result<ExitCode, cases::Stop> {
    let now = cases::parse_now(args.now.as_deref())?;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let cases::Folded {
        loaded,
        cases: folded,
        latest,
    } = cases::read_cases(args.input.as_deref(), &args.source, &mut err)?;
    let now = now.unwrap_or(latest);
    let mut engine = cases::engine(args.contracts.as_deref())?;
    let cases::Evaluated {
        cases: with_sla,
        refused,
    } = cases::evaluate_all(engine.as_mut(), folded, now, &mut err);
    #[derive(serde::Serialize)]
    struct Line<'a> {
        case_id: &'a kesher::CaseId,
        state: kesher::promise::PromiseState,
        #[serde(flatten)]
        promise: &'a kesher::promise::Promise,
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for (case, sla) in &with_sla {
        for p in kesher::ledger::ledger(case, sla.as_ref()) {
            let state = p.state(now);
            *counts
                .entry(format!("{state:?}").to_lowercase())
                .or_insert(0) += 1;
            cases::write_line(
                &mut out,
                &Line {
                    case_id: case.id(),
                    state,
                    promise: &p,
                },
            )?;
        }
    }
    out.flush()?;
    let counts: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(
        err,
        "{}; {} cases, promises: {}",
        loaded.summary,
        with_sla.len(),
        counts.join(", ")
    );
    Ok(cases::refused_status(refused))
}

fn guard(args: &GuardArgs) -> Result<String, cases::Stop> {
    let calendar = match args.calendar.parse::<kesher::calendar::Preset>() {
        Ok(p) => p.calendar().map_err(|e| e.to_string())?,
        Err(_) => {
            let text = std::fs::read_to_string(&args.calendar).map_err(|e| {
                format!(
                    "--calendar `{}`: not a preset (israel, us, uk) and not a readable file: {e}",
                    args.calendar
                )
            })?;
            kesher::calendar::Calendar::from_json(&text)
                .map_err(|e| format!("`{}`: {e}", args.calendar))?
        }
    };
    let guard = kesher::ledger::PromiseGuard {
        calendar,
        load: kesher::ledger::Load {
            queue: args.queue,
            handle_minutes: args.handle_minutes,
            agents: args.agents,
        },
    };
    let now = cases::parse_now(Some(&args.now))?.ok_or("--now is required")?;
    let verdict = match (&args.promise, args.within) {
        (Some(p), _) => {
            let promised = cases::parse_now(Some(p))
                .map_err(|e| e.replace("--now", "--promise"))?
                .ok_or("--promise")?;
            guard.check(now, promised)
        }
        (None, Some(secs)) => {
            let within = kesher_seconds(secs)?;
            guard.check_within(now, within)
        }
        (None, None) => return Err("give --promise INSTANT or --within SECONDS".into()),
    }
    .map_err(|e| e.to_string())?;
    Ok(serde_json::to_string(&verdict).map_err(|e| e.to_string())?)
}

fn kesher_seconds(secs: f64) -> Result<chrono::TimeDelta, String> {
    if !(0.0..9.0e15).contains(&secs) {
        return Err(format!(
            "--within `{secs}`: seconds of business time, zero or more"
        ));
    }
    let whole = secs.trunc();
    let nanos = ((secs - whole) * 1e9).round() as i64;
    chrono::TimeDelta::try_seconds(whole as i64)
        .map(|d| d + chrono::TimeDelta::nanoseconds(nanos))
        .ok_or_else(|| format!("--within `{secs}`: too large"))
}

/// `--calendar`: a preset name or a calendar JSON file.
fn calendar(spec: &str) -> Result<kesher::calendar::Calendar, String> {
    match spec.parse::<kesher::calendar::Preset>() {
        Ok(p) => p.calendar().map_err(|e| e.to_string()),
        Err(_) => {
            let text = std::fs::read_to_string(spec).map_err(|e| {
                format!("--calendar `{spec}`: not a preset (israel, us, uk) and not a readable file: {e}")
            })?;
            kesher::calendar::Calendar::from_json(&text).map_err(|e| format!("`{spec}`: {e}"))
        }
    }
}

fn follow_ups(args: &FollowUpsArgs) -> Result<ExitCode, cases::Stop> {
    let now = cases::parse_now(args.now.as_deref())?;
    let words = args.words.words()?;
    let wording = words.wording()?;
    let calendar = calendar(&args.calendar)?;
    let policy = kesher::playbook::FollowUpPolicy {
        every_business_days: args.every_business_days,
        limit: args.limit,
        quiet_hours: None,
        close_after_business_days: args.close_after_business_days,
    };
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let cases::Folded {
        loaded,
        cases: folded,
        latest,
    } = cases::read_cases(args.input.as_deref(), &args.source, &mut err)?;
    let now = now.unwrap_or(latest);
    #[derive(serde::Serialize)]
    struct Line<'a> {
        case_id: &'a kesher::CaseId,
        #[serde(flatten)]
        plan: kesher::playbook::FollowUpPlan,
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut due = 0;
    for case in folded
        .iter()
        .filter(|c| c.status() == kesher::CaseStatus::Resolved)
    {
        let plan =
            kesher::playbook::next_follow_up_in(case, None, &calendar, &policy, now, wording)
                .map_err(|e| format!("case {}: {e}", case.id()))?;
        due += usize::from(plan.at.is_some());
        cases::write_line(
            &mut out,
            &Line {
                case_id: case.id(),
                plan,
            },
        )?;
    }
    out.flush()?;
    let _ = writeln!(
        err,
        "{}; {} cases, {due} follow-ups planned",
        loaded.summary,
        folded.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn release_case(args: &ReleaseArgs) -> Result<String, cases::Stop> {
    let case = kesher::CaseId::new(args.case.clone()).map_err(|e| format!("--case: {e}"))?;
    let at = cases::parse_now(Some(&args.at))
        .map_err(|e| e.replace("--now", "--at"))?
        .ok_or("--at")?;
    let words = args.words.words()?;
    let lang = words.wording()?;
    let refund = args
        .refund_minor
        .map(|m| kesher::Money::new(m, &args.currency))
        .transpose()
        .map_err(|e| e.to_string())?;
    let (event, message) = kesher::playbook::release(&case, args.seq, at, refund, &args.name, lang)
        .map_err(|e| e.to_string())?;
    eprintln!("{message}");
    Ok(event.to_json())
}
