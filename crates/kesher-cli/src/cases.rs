//! Reading JSON Lines events into cases, with every line accounted for.

use kesher::{Case, CaseLogs};
use kesher_io::{ImportSummary, JsonLinesEvents};
use std::io::{self, BufRead, Write};

/// Events read and partitioned by case, with the row accounting so far.
pub(crate) struct Loaded {
    pub(crate) logs: CaseLogs,
    pub(crate) summary: ImportSummary,
}

/// Reads every line; rejected lines are reported on `err` with their line number.
pub(crate) fn load(input: Box<dyn BufRead>, err: &mut impl Write) -> Loaded {
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
