//! `kesher report`: support data in, one self-contained HTML report (and its facts as JSON) out.

use crate::cases;
use crate::progress::{Counting, Progress};
use crate::readings::{Readings, RECORDING};
use clap::Args;
use kesher::report::{InputSummary, ReportBuilder, ReportOptions};
use kesher::{
    journey::EmotionModel,
    sla::{ContractSet, SlaEngine},
};
use kesher_io::{CaseSource, Format};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The bundled sample: IBM's Twitter customer-care conversations (dev set, 525 conversations),
/// pseudonymised (examples/data/README.md).
const SAMPLE: &[u8] = include_bytes!("../../../examples/data/ibm-twitter-care-dev.json");
const SAMPLE_NAME: &str = "examples/data/ibm-twitter-care-dev.json (bundled)";
/// The example contracts used with the bundled sample.
const SAMPLE_CONTRACTS: &str = include_str!("../../../examples/data/contracts.json");

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Support data files (standard input for `-`). Without any, the bundled sample: 525 real
    /// Twitter customer-care conversations of 24 brands (IBM, Apache-2.0, pseudonymised).
    inputs: Vec<PathBuf>,
    /// The format of every input: events, twcs, helpdesk, bpic2013, ibm or nyc311 (detected
    /// from each file's first bytes when absent).
    #[arg(long)]
    format: Option<String>,
    /// A mapping (JSON) for a CSV of another shape: an event log (kesher_io::EventLogMapping)
    /// or a table with one row per ticket (kesher_io::TicketTableMapping, with `created`).
    #[arg(long, conflicts_with = "format")]
    mapping: Option<PathBuf>,
    /// SLA contracts (JSON). The bundled sample uses examples/data/contracts.json.
    #[arg(long)]
    contracts: Option<PathBuf>,
    /// A business calendar for every contract: a preset (israel, us, uk) or a calendar JSON file.
    /// Without --contracts, the example contracts are used on this calendar.
    #[arg(long)]
    calendar: Option<String>,
    /// Customer records (JSON Lines), for the nurture list.
    #[arg(long)]
    customers: Option<PathBuf>,
    #[command(flatten)]
    words: crate::words::LanguageArgs,
    /// Where to write the HTML report.
    #[arg(long, default_value = "report.html")]
    out: PathBuf,
    /// Also write the report's facts as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
    /// The instant the SLA clocks are read at (default: the latest event in the data, found by
    /// a first pass; a Twitter export counts the latest tweet of every readable row).
    #[arg(long)]
    now: Option<String>,
    /// The case metadata key of the brand.
    #[arg(long, default_value = "brand")]
    segment_key: String,
    /// A stage map (JSON: stages and the rules that place each point), instead of the default
    /// first_contact, waiting, answer, resolution, follow_up.
    #[arg(long, value_name = "FILE")]
    stage_map: Option<PathBuf>,
    /// Exit with status 0 even when rows were rejected.
    #[arg(long)]
    allow_rejects: bool,
    /// Kesher's JSON Lines events and the Twitter CSV: a case (a thread) is complete once this
    /// many rows pass without an event (a tweet) of it; one coming later is rejected, or starts
    /// anew after two windows. 0 keeps every case open to the end.
    #[arg(long, value_name = "ROWS", default_value_t = kesher_io::DEFAULT_CASE_WINDOW_ROWS)]
    case_window: u64,
    /// Threads to use (0: one per core): one reads and folds the input; the others evaluate
    /// and draw its cases and build the report; 1 does it all on one thread. The report is the
    /// same whatever the number.
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// A customer is settled for the retention lists once this many cases pass without one of
    /// theirs (what bounds memory); one who comes back later is counted again unless a list
    /// kept them. 0 keeps every customer to the end.
    #[arg(long, value_name = "CASES", default_value_t = kesher::report::DEFAULT_CUSTOMER_WINDOW_CASES)]
    customer_window: u64,
}

/// One input: a file, standard input, or the bundled sample.
#[derive(Debug, Clone)]
enum Input {
    File(PathBuf),
    Stdin,
    Sample,
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "standard input".into(),
            Input::Sample => SAMPLE_NAME.into(),
        }
    }

    fn size(&self) -> u64 {
        match self {
            Input::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Input::Stdin => 0,
            Input::Sample => SAMPLE.len() as u64,
        }
    }

    fn open(&self) -> Result<Box<dyn BufRead + Send>, String> {
        match self {
            Input::File(p) => std::fs::File::open(p)
                .map(|f| Box::new(BufReader::new(f)) as Box<dyn BufRead + Send>)
                .map_err(|e| format!("cannot open `{}`: {e}", p.display())),
            Input::Stdin => Ok(Box::new(BufReader::new(io::stdin()))),
            Input::Sample => Ok(Box::new(SAMPLE)),
        }
    }
}

/// The input opened as its format, reading through the progress counter.
fn source(
    input: &Input,
    format: Option<&Format>,
    case_window: u64,
    progress: &Progress,
) -> Result<(Box<dyn CaseSource + Send>, Format), String> {
    let mut reader = BufReader::with_capacity(1 << 16, Counting::new(input.open()?, progress));
    let format = match format {
        Some(f) => f.clone(),
        None => {
            let head = reader
                .fill_buf()
                .map_err(|e| format!("cannot read `{}`: {e}", input.name()))?;
            kesher_io::detect(head).ok_or_else(|| {
                format!(
                    "cannot tell the format of `{}`; name it with --format ({})",
                    input.name(),
                    Format::NAMES.join(", ")
                )
            })?
        }
    };
    let window = if case_window == 0 {
        u64::MAX
    } else {
        case_window
    };
    match format {
        Format::Events => {
            let source = kesher_io::EventsImporter::with_window(reader, window);
            return Ok((Box::new(source), format));
        }
        Format::Twcs => {
            let source = kesher_io::TwcsImporter::with_window(reader, window)
                .map_err(|e| format!("`{}` ({}): {e}", input.name(), format.name()))?;
            return Ok((Box::new(source), format));
        }
        _ => {}
    }
    let source = kesher_io::import(Box::new(reader), format.clone())
        .map_err(|e| format!("`{}` ({}): {e}", input.name(), format.name()))?;
    Ok((source, format))
}

fn read_text(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

/// The contracts: from --contracts, else the example contracts for the bundled sample or when a
/// calendar is named; each contract's calendar replaced by --calendar.
fn contracts(args: &ReportArgs, sample: bool) -> Result<Option<ContractSet>, String> {
    let (text, name) = match &args.contracts {
        Some(path) => (read_text(path)?, path.display().to_string()),
        None if sample || args.calendar.is_some() => {
            (SAMPLE_CONTRACTS.to_string(), "the example contracts".into())
        }
        None => return Ok(None),
    };
    let Some(calendar) = &args.calendar else {
        return ContractSet::from_json(&text)
            .map(Some)
            .map_err(|e| format!("`{name}`: {e}"));
    };
    let calendar: serde_json::Value = if ["israel", "us", "uk"].contains(&calendar.as_str()) {
        serde_json::Value::String(calendar.clone())
    } else {
        let path = PathBuf::from(calendar);
        serde_json::from_str(&read_text(&path)?)
            .map_err(|e| format!("--calendar `{}`: {e}", path.display()))?
    };
    let mut value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("`{name}`: {e}"))?;
    let list = match &mut value {
        serde_json::Value::Object(o) => o.get_mut("contracts"),
        array => Some(array),
    };
    if let Some(serde_json::Value::Array(list)) = list {
        for c in list.iter_mut() {
            if let Some(o) = c.as_object_mut() {
                o.insert("calendar".into(), calendar.clone());
            }
        }
    }
    ContractSet::from_json(&value.to_string())
        .map(Some)
        .map_err(|e| format!("`{name}` with --calendar: {e}"))
}

fn customers(
    path: Option<&std::path::Path>,
    err: &mut impl Write,
) -> Result<BTreeMap<kesher::CustomerId, kesher::customer::Customer>, String> {
    let mut out = BTreeMap::new();
    let Some(path) = path else { return Ok(out) };
    let mut reader = kesher_io::JsonLines::with_parser(
        crate::input::open(Some(path))?,
        kesher_io::DEFAULT_MAX_LINE_BYTES,
        kesher::customer::Customer::from_json,
    );
    for row in reader.by_ref() {
        match row {
            Ok((_, c)) => {
                out.insert(c.id.clone(), c);
            }
            Err(rejection) => {
                let _ = writeln!(err, "{}: {rejection}", path.display());
            }
        }
    }
    let _ = writeln!(err, "{}: {}", path.display(), reader.summary());
    Ok(out)
}

/// What a worker makes of one item of the input: a case folded, evaluated and drawn (or
/// refused by the SLA engine), with the events its fold left out; or a row that could not be
/// used.
enum Evaluated {
    Case {
        rejected: Vec<kesher::case::RejectedEvent>,
        case: Option<Box<EvaluatedCase>>,
    },
    Rejected(kesher_io::Rejection),
}

type EvaluatedCase = (
    kesher::case::Case,
    Result<(Option<kesher::sla::CaseSla>, kesher::journey::Journey), kesher::Error>,
    Readings,
);

/// A case folded as it was read (on the reading thread), or a row that could not be used.
type Folded = Result<kesher::case::FoldOutcome, kesher_io::Rejection>;

/// What each worker keeps: its own SLA engine (which reuses buffers between cases) and model
/// (whose scorer notes what it reads, for the report: see `readings`).
struct Evaluator {
    engine: Option<SlaEngine>,
    model: EmotionModel<'static>,
}

impl Evaluator {
    fn evaluate(&mut self, item: Folded, now: chrono::DateTime<chrono::Utc>) -> Evaluated {
        let outcome = match item {
            Ok(outcome) => outcome,
            Err(rejection) => return Evaluated::Rejected(rejection),
        };
        let case = outcome.case.map(|case| {
            let _ = Readings::take(); // nothing of another case
            let sla = self
                .engine
                .as_mut()
                .map(|e| e.evaluate(&case, now))
                .transpose();
            let drawn = sla.map(|sla| {
                let journey = self.model.journey(&case, now, sla.as_ref());
                // Derived here, on the worker, rather than where the report is built.
                let _ = case.facts();
                (sla, journey)
            });
            Box::new((case, drawn, Readings::take()))
        });
        Evaluated::Case {
            rejected: outcome.rejected,
            case,
        }
    }
}

pub(crate) fn run(args: &ReportArgs) -> ExitCode {
    cases::exit(report(args))
}

/// Refuses an output path that is one of the files read: writing it would destroy the input.
fn check_outputs(args: &ReportArgs) -> Result<(), String> {
    let read: Vec<&PathBuf> = args
        .inputs
        .iter()
        .chain(&args.mapping)
        .chain(&args.contracts)
        .chain(&args.customers)
        .chain(&args.stage_map)
        .collect();
    for (flag, out) in [("--out", Some(&args.out)), ("--json", args.json.as_ref())] {
        let Some(out) = out else { continue };
        let Ok(target) = std::fs::canonicalize(out) else {
            continue; // not there yet, so not an input
        };
        if let Some(input) = read
            .iter()
            .find(|p| std::fs::canonicalize(p).is_ok_and(|p| p == target))
        {
            return Err(format!(
                "{flag} `{}` is the input `{}`: writing it would destroy what is read",
                out.display(),
                input.display()
            ));
        }
    }
    if args.json.as_ref().is_some_and(|j| *j == args.out) {
        return Err(format!(
            "--json and --out are both `{}`",
            args.out.display()
        ));
    }
    Ok(())
}

fn report(args: &ReportArgs) -> Result<ExitCode, cases::Stop> {
    check_outputs(args)?;
    let words = args.words.words()?;
    let language = words.wording()?;
    let format = chosen_format(args)?;
    let inputs = inputs_of(args);
    let set = contracts(args, args.inputs.is_empty())?;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let records = customers(args.customers.as_deref(), &mut err)?;
    let total: u64 = inputs.iter().map(Input::size).sum();
    let now = clocks_at(args, &inputs, format.as_ref(), total)?;

    let stage_map = crate::journey::stage_map(args.stage_map.as_deref())?;
    let evaluator = || Evaluator {
        engine: set.clone().map(SlaEngine::new),
        model: EmotionModel {
            scorer: Some(&RECORDING),
            segment_key: args.segment_key.clone(),
            stage_map: stage_map.clone(),
            ..EmotionModel::default()
        },
    };
    let mut builder = ReportBuilder::new(ReportOptions {
        segment_key: args.segment_key.clone(),
        stage_map: stage_map.clone(),
        customer_window: match args.customer_window {
            0 => u64::MAX,
            n => n,
        },
        ..ReportOptions::default()
    })
    .with_customer_records(records);
    let mut summaries = Vec::new();
    let progress = Progress::new("reporting", total);
    for input in &inputs {
        let (source, format) = source(input, format.as_ref(), args.case_window, &progress)?;
        let mut step = Step {
            name: input.name(),
            threads: crate::parallel::threads(args.threads),
            evaluator: &evaluator,
            builder: &mut builder,
            progress: &progress,
            err: &mut err,
            now,
        };
        let summary = step.run(source)?;
        summaries.push(InputSummary {
            name: step.name,
            format: format.name().to_string(),
            read: summary.read,
            accepted: summary.accepted,
            rejected: summary.rejected,
        });
    }
    progress.done();
    let mut report = builder.finish(set.as_ref(), language, now);
    report.inputs = summaries;
    write_report(args, &report, language, &mut err)
}

/// The format named by --format or described by --mapping; `None` to detect it.
fn chosen_format(args: &ReportArgs) -> Result<Option<Format>, cases::Stop> {
    Ok(match (&args.format, &args.mapping) {
        (Some(name), _) => Some(Format::from_name(name).map_err(|e| format!("--format: {e}"))?),
        (None, Some(path)) => Some(
            Format::from_mapping(&read_text(path)?)
                .map_err(|e| format!("--mapping `{}`: {e}", path.display()))?,
        ),
        (None, None) => None,
    })
}

/// The inputs named, standard input for `-`, the bundled sample when none is named.
fn inputs_of(args: &ReportArgs) -> Vec<Input> {
    if args.inputs.is_empty() {
        return vec![Input::Sample];
    }
    args.inputs
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Input::Stdin
            } else {
                Input::File(p.clone())
            }
        })
        .collect()
}

/// When the clocks are read: --now, else the latest event of the data (a first pass finds it).
fn clocks_at(
    args: &ReportArgs,
    inputs: &[Input],
    format: Option<&Format>,
    total: u64,
) -> Result<chrono::DateTime<chrono::Utc>, cases::Stop> {
    if let Some(now) = cases::parse_now(args.now.as_deref())? {
        return Ok(now);
    }
    if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        return Err("reading standard input needs --now: the report's clocks are read at the latest event, which takes a first pass over the data".into());
    }
    let progress = Progress::new("scanning", total);
    let mut latest = chrono::DateTime::UNIX_EPOCH;
    for input in inputs {
        let (mut source, format) = source(input, format, args.case_window, &progress)?;
        let found = match (input, format) {
            // A file of tweets is read in stretches, one per thread.
            (Input::File(path), Format::Twcs) => {
                drop(source);
                twcs_latest(path, crate::parallel::threads(args.threads), &progress)?
            }
            _ => latest_event(source.as_mut()),
        };
        if let Some(t) = found {
            latest = latest.max(t);
        }
    }
    progress.done();
    Ok(latest)
}

/// The latest event of every case the rest of `source` hands over.
fn latest_event(source: &mut dyn CaseSource) -> Option<chrono::DateTime<chrono::Utc>> {
    let mut latest = None;
    for batch in source.flatten() {
        for (_, e) in &batch.events {
            latest = latest.max(Some(e.at()));
        }
    }
    latest
}

/// The latest tweet of a Twitter export file, read with `threads` cores.
fn twcs_latest(
    path: &std::path::Path,
    threads: usize,
    progress: &Progress,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, cases::Stop> {
    use std::io::Seek;
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let open = |at: u64| {
        let mut file = std::fs::File::open(path)?;
        file.seek(io::SeekFrom::Start(at))?;
        Ok(Counting::new(file, progress))
    };
    // Four stretches a thread: stretches of equal bytes hold unequal work, and the system
    // shares the cores among more of them until the last ends.
    kesher_io::twcs_latest_event_at(open, size, threads.saturating_mul(4))
        .map_err(|e| format!("`{}`: {e}", path.display()).into())
}

/// One input's pass: its cases evaluated and added to the report as they are folded.
struct Step<'a, W, E> {
    name: String,
    threads: usize,
    evaluator: &'a E,
    builder: &'a mut ReportBuilder,
    progress: &'a Progress,
    err: &'a mut W,
    now: chrono::DateTime<chrono::Utc>,
}

impl<W: Write, E: Fn() -> Evaluator + Sync> Step<'_, W, E> {
    /// One thread reads and folds the input, workers evaluate and draw its cases, and this
    /// thread adds them to the report in the order they were read (see `parallel`).
    fn run(
        &mut self,
        mut source: Box<dyn CaseSource + Send>,
    ) -> Result<kesher_io::ImportSummary, cases::Stop> {
        let now = self.now;
        let mut fold_rejected = 0u64;
        let mut summary = crate::parallel::ordered(
            self.threads,
            move |give| {
                for item in source.by_ref() {
                    let folded = item.map(kesher_io::CaseBatch::into_outcome);
                    if !give(folded) {
                        break;
                    }
                }
                source.summary()
            },
            self.evaluator,
            |evaluator, item| evaluator.evaluate(item, now),
            |evaluated| fold_rejected += self.absorb(evaluated),
        );
        for _ in 0..fold_rejected {
            summary.reject_accepted();
        }
        Ok(summary)
    }

    /// One evaluated item added to the report (refused events and rows said on stderr); gives
    /// the number of input lines whose events the fold refused.
    fn absorb(&mut self, evaluated: Evaluated) -> u64 {
        let (name, err) = (&self.name, &mut *self.err);
        let (rejected, case) = match evaluated {
            Evaluated::Rejected(rejection) => {
                self.progress.say(|| {
                    let _ = writeln!(err, "{name}: {rejection}");
                });
                return 0;
            }
            Evaluated::Case { rejected, case } => (rejected, case),
        };
        let mut lines = BTreeSet::new();
        for r in &rejected {
            self.progress.say(|| {
                let _ = writeln!(
                    err,
                    "{name}: line {}: {} event rejected: {}",
                    r.origin, r.event_type, r.error
                );
            });
            lines.insert(r.origin);
        }
        let Some(evaluated) = case else {
            return lines.len() as u64;
        };
        let (case, drawn, readings) = *evaluated;
        match drawn {
            Ok((sla, journey)) => {
                let (sla, now) = (sla.as_ref(), self.now);
                self.builder
                    .add_with_scorer(&case, sla, &journey, &readings, now);
                self.progress.case();
            }
            Err(e) => {
                self.progress.say(|| {
                    let _ = writeln!(err, "{name}: case {} refused: {e}", case.id());
                });
                self.builder.refuse(case.id().clone(), e);
            }
        }
        lines.len() as u64
    }
}

/// The page, the facts as JSON when asked, the row accounting on stderr, and the exit status.
/// The report's facts as pretty JSON, streamed to `path` (a report naming tens of thousands of
/// agents is tens of megabytes of JSON, which is not held in memory whole).
fn write_json(path: &std::path::Path, report: &kesher::report::Report) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    serde_json::to_writer_pretty(&mut out, report)?;
    out.write_all(b"\n")?;
    out.flush()
}

fn write_report(
    args: &ReportArgs,
    report: &kesher::report::Report,
    language: kesher::catalogue::Wording<'_>,
    err: &mut impl Write,
) -> Result<ExitCode, cases::Stop> {
    // The JSON is written on a thread of its own while the page is drawn: neither waits for
    // the other at the end of a report.
    let (page, json) = std::thread::scope(|scope| {
        let json = args
            .json
            .as_ref()
            .map(|path| scope.spawn(move || (path, write_json(path, report))));
        let page = std::fs::write(&args.out, report.to_html_in(language));
        (page, json.map(|j| j.join()))
    });
    page.map_err(|e| format!("cannot write `{}`: {e}", args.out.display()))?;
    match json {
        Some(Ok((path, written))) => {
            written.map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        }
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        None => {}
    }
    let mut rejected = 0;
    for i in &report.inputs {
        let _ = writeln!(
            err,
            "{}: read {}, accepted {}, rejected {}",
            i.name, i.read, i.accepted, i.rejected
        );
        rejected += i.rejected;
    }
    let _ = writeln!(
        err,
        "{}: {} cases, {} brands, {} customers{}",
        args.out.display(),
        report.totals.metrics.cases,
        report.brands.len(),
        report.retention.customers,
        args.json
            .as_ref()
            .map_or_else(String::new, |p| format!("; facts in {}", p.display()))
    );
    if report.refused_total > 0 {
        let _ = writeln!(
            err,
            "{} case(s) could not be evaluated and are listed in the report",
            report.refused_total
        );
    }
    Ok(
        if (rejected > 0 || report.refused_total > 0) && !args.allow_rejects {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}
