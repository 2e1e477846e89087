//! Reading JSON Lines events into cases, with every line accounted for.

use kesher::case::{Case, CaseLogs};
use kesher_io::{ImportSummary, JsonLinesEvents};
use std::io::{self, BufRead, Write};

/// Events read and partitioned by case, with the row accounting so far.
pub(crate) struct Loaded {
    pub(crate) logs: CaseLogs,
    pub(crate) summary: ImportSummary,
}

/// Reads every case of `input` in `format` (or the format its first bytes show); rejected rows
/// are reported on `err` with their line number.
pub(crate) fn load_as(
    mut input: Box<dyn BufRead + Send>,
    format: Option<kesher_io::Format>,
    name: &str,
    err: &mut impl Write,
) -> Result<Loaded, String> {
    let format = crate::input::resolve(&mut input, format, name)?;
    if format == kesher_io::Format::Events {
        return Ok(load(input, err));
    }
    let mut source = kesher_io::import(input, format.clone())
        .map_err(|e| format!("`{name}` ({}): {e}", format.name()))?;
    let mut logs = CaseLogs::default();
    for item in source.by_ref() {
        match item {
            Ok(batch) => {
                for (line, event) in batch.events {
                    if let Err(e) = logs.insert_with_origin(event, line) {
                        let _ = writeln!(err, "line {line}: {e}");
                    }
                }
            }
            Err(rejection) => {
                let _ = writeln!(err, "{rejection}");
            }
        }
    }
    Ok(Loaded {
        logs,
        summary: source.summary(),
    })
}

/// Reads every line; rejected lines are reported on `err` with their line number.
pub(crate) fn load(input: Box<dyn BufRead + Send>, err: &mut impl Write) -> Loaded {
    let mut reader = JsonLinesEvents::new(input);
    let mut logs = CaseLogs::default();
    for row in reader.by_ref() {
        match row {
            Ok((line, event)) => {
                // Every event from the reader names its case (validated), so this cannot fail;
                // if it did, the line is still accounted for.
                if let Err(e) = logs.insert_with_origin(event, line) {
                    let _ = writeln!(err, "line {line}: {e}");
                }
            }
            Err(rejection) => {
                let _ = writeln!(err, "{rejection}");
            }
        }
    }
    Loaded {
        logs,
        summary: reader.summary(),
    }
}

impl Loaded {
    /// Folds each case leniently (events the fold rejects are reported and counted as
    /// rejected) and hands the case to `each`, in order of first appearance. Returns the number
    /// of identical duplicates kept once. Stops at the first error of `each`.
    pub(crate) fn fold_each(
        &mut self,
        err: &mut impl Write,
        mut each: impl FnMut(&Case) -> io::Result<()>,
    ) -> io::Result<u64> {
        let mut duplicates = 0;
        for (_, log) in self.logs.iter() {
            duplicates += log.duplicates();
            let outcome = log.fold_lenient();
            for rejected in &outcome.rejected {
                let _ = writeln!(
                    err,
                    "line {}: {} event rejected: {}",
                    rejected.origin, rejected.event_type, rejected.error
                );
                self.summary.reject_accepted();
            }
            if let Some(case) = &outcome.case {
                each(case)?;
            }
        }
        Ok(duplicates)
    }
}

/// Writes one JSON line.
pub(crate) fn write_line(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// Writes each value as a JSON line, then flushes.
pub(crate) fn write_lines<'a, T: serde::Serialize + 'a>(
    out: &mut impl Write,
    values: impl IntoIterator<Item = &'a T>,
) -> io::Result<()> {
    for v in values {
        write_line(out, v)?;
    }
    out.flush()
}

/// The exit code for an output error: a closed pipe (`| head`) is not a failure.
pub(crate) fn output_failed(err: &mut impl Write, e: &io::Error) -> std::process::ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return std::process::ExitCode::SUCCESS;
    }
    let _ = writeln!(err, "kesher: cannot write the output: {e}");
    std::process::ExitCode::from(2)
}

/// `--now`: an RFC 3339 instant, when given.
pub(crate) fn parse_now(
    text: Option<&str>,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, String> {
    text.map(|t| {
        chrono::DateTime::parse_from_rfc3339(t)
            .map(|t| t.with_timezone(&chrono::Utc))
            .map_err(|e| {
                format!("invalid --now `{t}`: {e}; expected RFC 3339 such as 2025-01-06T12:00:00Z")
            })
    })
    .transpose()
}

/// A contract set read from a file, errors naming the file.
pub(crate) fn read_contracts(path: &std::path::Path) -> Result<kesher::sla::ContractSet, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    kesher::sla::ContractSet::from_json(&text).map_err(|e| format!("`{}`: {e}", path.display()))
}

/// An SLA engine over the contracts in `path`, when given.
pub(crate) fn engine(
    path: Option<&std::path::Path>,
) -> Result<Option<kesher::sla::SlaEngine>, String> {
    path.map(|p| read_contracts(p).map(kesher::sla::SlaEngine::new))
        .transpose()
}

/// Every case of the input, folded (rejections reported on `err`), and the instant of the
/// latest event (the default `now`: the data's own present, never the wall clock).
pub(crate) fn fold_all(
    loaded: &mut Loaded,
    err: &mut impl Write,
) -> io::Result<(Vec<Case>, chrono::DateTime<chrono::Utc>)> {
    let mut folded = Vec::new();
    loaded.fold_each(err, |case| {
        folded.push(case.clone());
        Ok(())
    })?;
    let latest = folded
        .iter()
        .map(Case::last_event_at)
        .max()
        .unwrap_or(chrono::DateTime::UNIX_EPOCH);
    Ok((folded, latest))
}

/// Each case with its SLA evaluation at `now` (none without an engine).
pub(crate) fn evaluate_all(
    engine: Option<&mut kesher::sla::SlaEngine>,
    cases: Vec<Case>,
    now: chrono::DateTime<chrono::Utc>,
    err: &mut dyn Write,
) -> Evaluated {
    let mut engine = engine;
    let mut out = Evaluated::default();
    for case in cases {
        match engine
            .as_deref_mut()
            .map(|e| e.evaluate(&case, now))
            .transpose()
        {
            Ok(sla) => out.cases.push((case, sla)),
            Err(e) => {
                let _ = writeln!(err, "case {} refused: {e}", case.id());
                out.refused += 1;
            }
        }
    }
    out
}

/// Exit status 1 when cases were refused (named on standard error), else 0.
pub(crate) fn refused_status(refused: u64) -> std::process::ExitCode {
    if refused > 0 {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    }
}

/// Cases with their SLA evaluations, and how many could not be evaluated (each named on
/// standard error with its reason; the rest go on).
#[derive(Default)]
pub(crate) struct Evaluated {
    pub cases: Vec<(Case, Option<kesher::sla::CaseSla>)>,
    pub refused: u64,
}

/// Why a command stopped early: a usage error (exit 2 with the message) or a failed write to
/// the output (quiet for a closed pipe, else exit 2). Both travel with `?`.
#[derive(Debug)]
pub(crate) enum Stop {
    Usage(String),
    Output(io::Error),
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Usage(message)
    }
}

impl From<&str> for Stop {
    fn from(message: &str) -> Stop {
        Stop::Usage(message.to_string())
    }
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Stop {
        Stop::Output(e)
    }
}

/// The exit code of a command: its own, or that of the reason it stopped.
pub(crate) fn exit(result: Result<std::process::ExitCode, Stop>) -> std::process::ExitCode {
    match result {
        Ok(code) => code,
        Err(Stop::Usage(message)) => {
            eprintln!("kesher: {message}");
            std::process::ExitCode::from(2)
        }
        Err(Stop::Output(e)) => output_failed(&mut io::stderr(), &e),
    }
}

/// Every case of the input file (or standard input), folded, with the row accounting and the
/// latest event's instant.
pub(crate) struct Folded {
    pub(crate) loaded: Loaded,
    pub(crate) cases: Vec<Case>,
    pub(crate) latest: chrono::DateTime<chrono::Utc>,
}

pub(crate) fn read_cases(
    path: Option<&std::path::Path>,
    source: &crate::input::SourceArgs,
    err: &mut impl Write,
) -> Result<Folded, Stop> {
    let input = crate::input::open(path)?;
    let name = path.map_or("standard input".into(), |p| p.display().to_string());
    let mut loaded = load_as(input, source.format()?, &name, err)?;
    let (cases, latest) = fold_all(&mut loaded, err)?;
    Ok(Folded {
        loaded,
        cases,
        latest,
    })
}
