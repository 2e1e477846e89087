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
    /// Recurring problems: cases clustered by their problem descriptions into FAQ candidates,
    /// largest first, with a Pareto view and the answers that ended well. One JSON object.
    Problems(ProblemsArgs),
    /// Retention signals per customer (win back, nurture, word of mouth, value at risk), one
    /// JSON line per customer, from events and optionally customer records.
    Retention(RetentionArgs),
    /// Mystery-shopper audit visits (JSON Lines of {live, pleasant, professional,
    /// solved_at_once, waited_seconds}) scored against the one law. One JSON object.
    Audit(AuditArgs),
    /// CSAT (1–5) and NPS (0–10) from survey answers in JSON Lines events: survey_response
    /// interactions with metadata `csat` or `nps`. One JSON object.
    Surveys(SurveysArgs),
}

#[derive(Debug, Args)]
pub(crate) struct SurveysArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
    /// The JSON Lines file of events.
    input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ProblemsArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
    /// The smallest cluster.
    #[arg(long, default_value_t = 3)]
    min_cases: usize,
    /// The JSON Lines file of events.
    input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct RetentionArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
    /// Customer records, JSON Lines (purchases, birthday, consents).
    #[arg(long)]
    customers: Option<PathBuf>,
    /// SLA contracts, for breaches.
    #[arg(long)]
    contracts: Option<PathBuf>,
    /// Days of emotion that count as recent.
    #[arg(long, default_value_t = 30)]
    recent_days: i64,
    /// The JSON Lines file of events.
    input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct AuditArgs {
    /// Seconds a customer may wait for attention.
    #[arg(long, default_value_t = 90.0)]
    patience_seconds: f64,
    /// The JSON Lines file of visits.
    input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct MetricsArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
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
    let result = match command {
        InsightCommand::Metrics(args) => metrics(args),
        InsightCommand::Problems(args) => problems(args),
        InsightCommand::Retention(args) => retention(args),
        InsightCommand::Audit(args) => audit(args),
        InsightCommand::Surveys(args) => surveys(args),
    };
    cases::exit(result)
}

fn metrics(args: &MetricsArgs) -> Result<ExitCode, cases::Stop> {
    let now = cases::parse_now(args.now.as_deref())?;
    let mut engine = cases::engine(args.contracts.as_deref())?;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let cases::Folded {
        loaded,
        cases: folded,
        latest,
    } = cases::read_cases(args.input.as_deref(), &args.source, &mut err)?;
    let cases::Evaluated {
        cases: with_sla,
        refused,
    } = cases::evaluate_all(engine.as_mut(), folded, now.unwrap_or(latest), &mut err);
    let metrics = ServiceMetrics::of(&with_sla);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    cases::write_line(&mut out, &metrics).and_then(|()| out.flush())?;
    let _ = writeln!(
        err,
        "{}; {} cases, {refused} refused",
        loaded.summary, metrics.cases
    );
    Ok(
        if (loaded.summary.rejected > 0 || refused > 0) && !args.allow_rejects {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

fn write_one(value: &impl serde::Serialize) -> io::Result<()> {
    let mut out = io::stdout().lock();
    cases::write_line(&mut out, value)?;
    out.flush()
}

fn problems(args: &ProblemsArgs) -> Result<ExitCode, cases::Stop> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let cases::Folded {
        loaded,
        cases: folded,
        ..
    } = cases::read_cases(args.input.as_deref(), &args.source, &mut err)?;
    let p = kesher::insight::recurring_problems(&folded, args.min_cases);
    write_one(&p)?;
    let _ = writeln!(
        err,
        "{}; {} described cases, {} clusters ({} cover 80 %), {} unclustered",
        loaded.summary,
        p.described,
        p.clusters.len(),
        p.clusters_for_80,
        p.unclustered
    );
    Ok(ExitCode::SUCCESS)
}

fn retention(args: &RetentionArgs) -> Result<ExitCode, cases::Stop> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let mut customers = std::collections::BTreeMap::new();
    if let Some(path) = &args.customers {
        let input = crate::input::open(Some(path))?;
        let mut reader = kesher_io::JsonLines::with_parser(
            input,
            kesher_io::DEFAULT_MAX_LINE_BYTES,
            kesher::customer::Customer::from_json,
        );
        for row in reader.by_ref() {
            match row {
                Ok((_, c)) => {
                    customers.insert(c.id.clone(), c);
                }
                Err(rejection) => {
                    let _ = writeln!(err, "customers {rejection}");
                }
            }
        }
        let _ = writeln!(err, "customers: {}", reader.summary());
    }
    let mut engine = cases::engine(args.contracts.as_deref())?;
    let cases::Folded {
        loaded,
        cases: folded,
        latest,
    } = cases::read_cases(args.input.as_deref(), &args.source, &mut err)?;
    let cases::Evaluated {
        cases: with_sla,
        refused,
    } = cases::evaluate_all(engine.as_mut(), folded, latest, &mut err);
    let scorer = kesher::text::SentimentScorer::DEFAULT;
    let model = kesher::journey::EmotionModel {
        scorer: Some(&scorer),
        ..kesher::journey::EmotionModel::default()
    };
    let mut by_customer: std::collections::BTreeMap<
        kesher::CustomerId,
        Vec<(kesher::case::Case, Option<kesher::sla::CaseSla>)>,
    > = std::collections::BTreeMap::new();
    for (case, sla) in with_sla {
        by_customer
            .entry(case.customer().id.clone())
            .or_default()
            .push((case, sla));
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut flagged = 0;
    for (id, list) in &by_customer {
        let journeys: Vec<kesher::journey::Journey> = list
            .iter()
            .map(|(c, s)| model.journey(c, latest, s.as_ref()))
            .collect();
        let history = kesher::insight::CustomerHistory {
            customer: customers.get(id),
            cases: list,
            journeys: &journeys,
        };
        let signals = kesher::insight::retention_signals(
            &history,
            &scorer,
            chrono::TimeDelta::days(args.recent_days),
            latest,
        );
        flagged += usize::from(signals.win_back.is_some());
        cases::write_line(&mut out, &signals)?;
    }
    out.flush()?;
    let _ = writeln!(
        err,
        "{}; {} customers, {flagged} to win back",
        loaded.summary,
        by_customer.len()
    );
    Ok(cases::refused_status(refused))
}

fn audit(args: &AuditArgs) -> Result<ExitCode, cases::Stop> {
    let input = crate::input::open(args.input.as_deref())?;
    let mut reader =
        kesher_io::JsonLines::with_parser(input, kesher_io::DEFAULT_MAX_LINE_BYTES, |t| {
            kesher::from_json::<kesher::insight::AuditVisit>(t)
        });
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let mut visits = Vec::new();
    for row in reader.by_ref() {
        match row {
            Ok((_, v)) => visits.push(v),
            Err(rejection) => {
                let _ = writeln!(err, "{rejection}");
            }
        }
    }
    let score = kesher::insight::audit_score(&visits, args.patience_seconds);
    write_one(&score)?;
    let summary = reader.summary();
    let _ = writeln!(err, "{summary}; {} visits", score.visits);
    Ok(if summary.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn surveys(args: &SurveysArgs) -> Result<ExitCode, cases::Stop> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let cases::Folded {
        loaded,
        cases: folded,
        ..
    } = cases::read_cases(args.input.as_deref(), &args.source, &mut err)?;
    let (mut csat, mut nps, mut unreadable) = (Vec::new(), Vec::new(), 0usize);
    for i in folded
        .iter()
        .flat_map(|c| c.log())
        .filter(|i| i.kind == kesher::interaction::InteractionKind::SurveyResponse)
    {
        for (key, list) in [("csat", &mut csat), ("nps", &mut nps)] {
            if let Some(v) = i.metadata.get(key) {
                match v.trim().parse::<u8>() {
                    Ok(n) => list.push(n),
                    Err(_) => {
                        unreadable += 1;
                        let _ = writeln!(
                            err,
                            "interaction {}: {key} `{v}` is not a whole number",
                            i.id
                        );
                    }
                }
            }
        }
    }
    let (scores, out_of_scale) = kesher::insight::survey_scores(&csat, &nps);
    write_one(&scores)?;
    let _ = writeln!(
        err,
        "{}; {} answers counted, {} out of scale, {unreadable} unreadable",
        loaded.summary,
        scores.csat_answers + scores.nps_answers,
        out_of_scale
    );
    Ok(ExitCode::SUCCESS)
}
