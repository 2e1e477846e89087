//! `kesher journey build | pattern | render`.

use crate::cases;
use clap::{Args, Subcommand};
use kesher::journey::{journey_svg_in, pattern_svg_in};
use kesher::{
    journey::{EmotionModel, Journey, Pattern, PatternBuilder, Stages, SvgOptions},
    text::SentimentScorer,
};
use kesher_io::JsonLines;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub(crate) enum JourneyCommand {
    /// Build each case's emotion journey from JSON Lines case events: one journey per line.
    ///
    /// The emotion model's effects are documented in the rustdoc of `kesher::journey::EmotionEffects`.
    /// With --contracts, SLA targets set the customer's patience and reveal broken promises.
    Build(BuildArgs),
    /// Aggregate journeys (JSON Lines, as `build` writes them) into the typical pattern of each
    /// segment: per stage the median and 10/25/75/90 % bands, and the stages prone to trouble.
    Pattern(PatternArgs),
    /// Draw journeys or patterns (JSON Lines of either) as SVG files, one per line.
    Render(RenderArgs),
    /// What if: build patterns from events as they are and with response times on channels
    /// multiplied by a factor, and print the change per segment and stage.
    WhatIf(WhatIfArgs),
}

#[derive(Debug, Args)]
pub(crate) struct WhatIfArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
    /// A channel and the factor for its response times, such as `twitter=0.5` (repeatable).
    #[arg(long = "response-time", value_name = "CHANNEL=FACTOR", required = true)]
    response_time: Vec<String>,
    /// SLA contracts, to judge waits against their targets.
    #[arg(long)]
    contracts: Option<PathBuf>,
    /// Score customer message texts with the built-in English/Hebrew lexicon.
    #[arg(long)]
    lexicon: bool,
    /// The level counted as trouble.
    #[arg(long, default_value_t = -0.66, allow_hyphen_values = true)]
    threshold: f64,
    /// A stage map (JSON: stages and the rules that place each point), instead of the default
    /// first_contact, waiting, answer, resolution, follow_up.
    #[arg(long, value_name = "FILE")]
    stage_map: Option<PathBuf>,
    /// The JSON Lines file of events.
    input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
    /// SLA contracts, to judge waits against their targets.
    #[arg(long)]
    contracts: Option<PathBuf>,
    /// The instant the journeys end (default: the latest event in the input).
    #[arg(long)]
    now: Option<String>,
    /// Score customer message texts with the built-in English/Hebrew lexicon.
    #[arg(long)]
    lexicon: bool,
    /// The case metadata key whose value is the segment.
    #[arg(long, default_value = "brand")]
    segment_key: String,
    /// A stage map (JSON: stages and the rules that place each point), instead of the default
    /// first_contact, waiting, answer, resolution, follow_up.
    #[arg(long, value_name = "FILE")]
    stage_map: Option<PathBuf>,
    /// Read annotated points (one point per line with its customer_id, and case_id and segment
    /// when known) instead of case events, and group them into journeys.
    #[arg(long)]
    points: bool,
    /// Exit with status 0 even when lines were rejected.
    #[arg(long)]
    allow_rejects: bool,
    /// The JSON Lines file of events (standard input when absent or `-`).
    input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct PatternArgs {
    /// The stages, in order, comma-separated (default: first_contact, waiting, answer,
    /// resolution, follow_up).
    #[arg(long)]
    stages: Option<String>,
    /// The level counted as trouble.
    #[arg(long, default_value_t = -0.66, allow_hyphen_values = true)]
    threshold: f64,
    /// Exit with status 0 even when lines were rejected.
    #[arg(long)]
    allow_rejects: bool,
    /// The JSON Lines file of journeys.
    input: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// Where to write the SVG files (created if missing).
    #[arg(long)]
    out_dir: PathBuf,
    #[command(flatten)]
    words: crate::words::LanguageArgs,
    /// Plot journeys against their stages instead of time.
    #[arg(long)]
    by_stage: bool,
    /// The stages, in order, comma-separated (for --by-stage; default: first_contact, waiting,
    /// answer, resolution, follow_up).
    #[arg(long)]
    stages: Option<String>,
    /// The JSON Lines file of journeys or patterns.
    input: Option<PathBuf>,
}

pub(crate) fn run(command: &JourneyCommand) -> ExitCode {
    let result = match command {
        JourneyCommand::Build(a) => build(a),
        JourneyCommand::Pattern(a) => pattern(a),
        JourneyCommand::Render(a) => render(a),
        JourneyCommand::WhatIf(a) => what_if(a),
    };
    cases::exit(result)
}

fn stages(text: Option<&str>) -> Result<Stages, String> {
    text.map_or_else(
        || Ok(Stages::default()),
        |t| Stages::new(t.split(',').map(str::trim)).map_err(|e| format!("--stages: {e}")),
    )
}

pub(crate) fn stage_map(
    path: Option<&std::path::Path>,
) -> Result<kesher::journey::StageMap, String> {
    let Some(path) = path else {
        return Ok(kesher::journey::StageMap::default());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("--stage-map `{}`: {e}", path.display()))?;
    kesher::journey::StageMap::from_json(&text)
        .map_err(|e| format!("--stage-map `{}`: {e}", path.display()))
}

/// `journey build --points`: annotated points grouped into journeys.
fn build_from_points(args: &BuildArgs) -> Result<ExitCode, cases::Stop> {
    let input = crate::input::open(args.input.as_deref())?;
    let mut reader = JsonLines::with_parser(
        input,
        kesher_io::DEFAULT_MAX_LINE_BYTES,
        kesher::journey::AnnotatedPoint::from_json,
    );
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let mut points = Vec::new();
    for row in reader.by_ref() {
        match row {
            Ok((_, p)) => points.push(p),
            Err(rejection) => {
                let _ = writeln!(err, "{rejection}");
            }
        }
    }
    let count = points.len();
    let journeys = kesher::journey::journeys_from_points(points);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut too_long = 0u64;
    for j in &journeys {
        match write_journey(&mut out, j) {
            Ok(()) => {}
            Err(JourneyTooLong::Io(e)) => return Err(e.into()),
            Err(e) => {
                too_long += 1;
                let _ = writeln!(err, "customer {}: {e}", j.customer_id);
            }
        }
    }
    out.flush()?;
    let summary = reader.summary();
    let _ = writeln!(
        err,
        "{summary}; {} journeys, {count} points",
        journeys.len()
    );
    Ok(
        if too_long > 0 || (summary.rejected > 0 && !args.allow_rejects) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// Writes one journey line, or says why not: a line `journey pattern` could not read back (over
/// [`kesher_io::MAX_JOURNEY_LINE_BYTES`]) is not written.
fn write_journey(out: &mut impl Write, journey: &Journey) -> Result<(), JourneyTooLong> {
    let line = serde_json::to_string(journey).map_err(|e| JourneyTooLong::Io(e.into()))?;
    if line.len() > kesher_io::MAX_JOURNEY_LINE_BYTES {
        return Err(JourneyTooLong::Long(line.len(), journey.points().len()));
    }
    out.write_all(line.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .map_err(JourneyTooLong::Io)
}

/// Why a journey line was not written.
enum JourneyTooLong {
    Long(usize, usize),
    Io(io::Error),
}

impl std::fmt::Display for JourneyTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JourneyTooLong::Long(bytes, points) => write!(
                f,
                "its journey of {points} points is {bytes} bytes, over the {} a journey line may have; not written",
                kesher_io::MAX_JOURNEY_LINE_BYTES
            ),
            JourneyTooLong::Io(e) => write!(f, "{e}"),
        }
    }
}

fn build(args: &BuildArgs) -> Result<ExitCode, cases::Stop> {
    if args.points {
        return build_from_points(args);
    }
    let now = cases::parse_now(args.now.as_deref())?;
    let mut engine = cases::engine(args.contracts.as_deref())?;
    let scorer = SentimentScorer::DEFAULT;
    let model = EmotionModel {
        scorer: args
            .lexicon
            .then_some(&scorer as &dyn kesher::text::TextScorer),
        segment_key: args.segment_key.clone(),
        stage_map: stage_map(args.stage_map.as_deref())?,
        ..EmotionModel::default()
    };
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let cases::Folded {
        loaded,
        cases: folded,
        latest,
    } = cases::read_cases(args.input.as_deref(), &args.source, &mut err)?;
    let now = now.unwrap_or(latest);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut points = 0usize;
    let mut failed = 0u64;
    for case in &folded {
        let sla = match engine.as_mut().map(|e| e.evaluate(case, now)).transpose() {
            Ok(sla) => sla,
            Err(e) => {
                failed += 1;
                let _ = writeln!(err, "case {}: {e}", case.id());
                continue;
            }
        };
        let journey = model.journey(case, now, sla.as_ref());
        match write_journey(&mut out, &journey) {
            Ok(()) => {}
            Err(JourneyTooLong::Io(e)) => return Err(e.into()),
            Err(e) => {
                failed += 1;
                let _ = writeln!(err, "case {}: {e}", case.id());
                continue;
            }
        }
        points += journey.points().len();
    }
    out.flush()?;
    let _ = writeln!(
        err,
        "{}; {} journeys, {points} points, until {}",
        loaded.summary,
        folded.len(),
        now.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    );
    Ok(
        if failed > 0 || (loaded.summary.rejected > 0 && !args.allow_rejects) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

fn pattern(args: &PatternArgs) -> Result<ExitCode, cases::Stop> {
    let mut builder = PatternBuilder::new(stages(args.stages.as_deref())?, args.threshold);
    let input = crate::input::open(args.input.as_deref())?;
    let mut reader = JsonLines::journeys(input);
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for row in reader.by_ref() {
        match row {
            Ok((_, journey)) => builder.add(&journey),
            Err(rejection) => {
                let _ = writeln!(err, "{rejection}");
            }
        }
    }
    let patterns = builder.finish();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    cases::write_lines(&mut out, &patterns)?;
    let summary = reader.summary();
    let _ = writeln!(err, "{summary}; {} segments", patterns.len());
    Ok(if summary.rejected > 0 && !args.allow_rejects {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A line to draw: a journey or a pattern.
enum Drawing {
    Journey(Box<Journey>),
    Pattern(Box<Pattern>),
}

fn parse_drawing(text: &str) -> kesher::Result<Drawing> {
    let value: serde_json::Value = kesher::from_json(text)?;
    if value.get("points").is_some() {
        Journey::from_json(text).map(|j| Drawing::Journey(Box::new(j)))
    } else if value.get("stages").is_some() {
        kesher::from_json_value(value).map(|p| Drawing::Pattern(Box::new(p)))
    } else {
        Err(kesher::Error::missing_field(
            "points",
            "a line to draw is a journey (with `points`) or a pattern (with `stages`)",
        ))
    }
}

/// A file name from data: letters, digits, `-` and `_` only.
fn file_name(n: u64, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    format!("{n:04}-{clean}.svg")
}

fn render(args: &RenderArgs) -> Result<ExitCode, cases::Stop> {
    let words = args.words.words()?;
    let wording = words.wording()?;
    let stages = stages(args.stages.as_deref())?;
    std::fs::create_dir_all(&args.out_dir)
        .map_err(|e| format!("cannot create `{}`: {e}", args.out_dir.display()))?;
    let input = crate::input::open(args.input.as_deref())?;
    let mut reader =
        JsonLines::with_parser(input, kesher_io::DEFAULT_MAX_LINE_BYTES, parse_drawing);
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let options = SvgOptions {
        by_stage: args.by_stage,
        ..SvgOptions::default()
    };
    let mut written = 0u64;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for row in reader.by_ref() {
        let (line, drawing) = match row {
            Ok(r) => r,
            Err(rejection) => {
                let _ = writeln!(err, "{rejection}");
                continue;
            }
        };
        let (name, svg) = match drawing {
            Drawing::Journey(j) => {
                let title = j
                    .case_id
                    .as_ref()
                    .map_or_else(|| j.customer_id.to_string(), ToString::to_string);
                let o = SvgOptions {
                    title: Some(title.clone()),
                    ..options.clone()
                };
                (title, journey_svg_in(&j, &stages, &o, wording))
            }
            Drawing::Pattern(p) => (
                format!("pattern-{}", p.segment),
                pattern_svg_in(&p, &options, wording),
            ),
        };
        let path = args.out_dir.join(file_name(line, &name));
        std::fs::write(&path, svg)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        written += 1;
        writeln!(out, "{}", path.display()).and_then(|()| out.flush())?;
    }
    let summary = reader.summary();
    let _ = writeln!(err, "{summary}; {written} pictures");
    Ok(if summary.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn what_if(args: &WhatIfArgs) -> Result<ExitCode, cases::Stop> {
    let mut scenario = kesher::journey::Scenario::default();
    for spec in &args.response_time {
        let (channel, factor) = spec.split_once('=').ok_or_else(|| {
            format!("--response-time `{spec}`: expected CHANNEL=FACTOR, such as twitter=0.5")
        })?;
        let channel: kesher::Channel =
            serde_json::from_value(serde_json::Value::String(channel.to_string()))
                .map_err(|e| format!("--response-time `{spec}`: {e}"))?;
        let factor: f64 = factor
            .parse()
            .ok()
            .filter(|f: &f64| f.is_finite() && *f >= 0.0)
            .ok_or_else(|| {
                format!("--response-time `{spec}`: the factor is a number of zero or more")
            })?;
        scenario.response_time_factor.insert(channel, factor);
    }
    let mut engine = cases::engine(args.contracts.as_deref())?;
    let scorer = SentimentScorer::DEFAULT;
    let model = EmotionModel {
        scorer: args
            .lexicon
            .then_some(&scorer as &dyn kesher::text::TextScorer),
        stage_map: stage_map(args.stage_map.as_deref())?,
        ..EmotionModel::default()
    };
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let cases::Folded {
        loaded,
        cases: folded,
        latest: now,
    } = cases::read_cases(args.input.as_deref(), &args.source, &mut err)?;
    let cases::Evaluated {
        cases: with_sla,
        refused,
    } = cases::evaluate_all(engine.as_mut(), folded, now, &mut err);
    let (_, _, changes) =
        kesher::journey::what_if(&with_sla, &model, &scenario, now, args.threshold)
            .map_err(|e| format!("--threshold or --response-time: {e}"))?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    cases::write_lines(&mut out, &changes)?;
    let _ = writeln!(
        err,
        "{}; {} cases, {} stage changes",
        loaded.summary,
        with_sla.len(),
        changes.len()
    );
    Ok(cases::refused_status(refused))
}
