//! `kesher case fold`.

use clap::Args;
use kesher::CaseLogs;
use kesher_io::{ImportSummary, JsonLinesEvents};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub(crate) struct FoldArgs {
    /// The JSON Lines file of events (standard input when absent or `-`).
    input: Option<PathBuf>,
    /// Exit with status 0 even when lines were rejected.
    #[arg(long)]
    allow_rejects: bool,
}

pub(crate) fn run(args: &FoldArgs) -> ExitCode {
    let input = match crate::input::open(args.input.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("kesher: {e}");
            return ExitCode::from(2);
        }
    };
    let stderr = io::stderr();
    let mut err = stderr.lock();
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
    let mut summary: ImportSummary = reader.summary();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut duplicates = 0u64;
    for (_, log) in logs.iter() {
        duplicates += log.duplicates();
        let outcome = log.fold_lenient();
        for rejected in &outcome.rejected {
            let _ = writeln!(
                err,
                "line {}: {} event rejected: {}",
                rejected.origin, rejected.event_type, rejected.error
            );
            summary.reject_accepted();
        }
        if let Some(case) = outcome.case {
            let written = serde_json::to_writer(&mut out, &case)
                .map_err(io::Error::from)
                .and_then(|()| out.write_all(b"\n"));
            if let Err(e) = written {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
                let _ = writeln!(err, "kesher: cannot write the output: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if let Err(e) = out.flush() {
        if e.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(err, "kesher: cannot write the output: {e}");
            return ExitCode::from(2);
        }
    }
    let dup_note = if duplicates > 0 {
        format!(" ({duplicates} identical duplicates kept once)")
    } else {
        String::new()
    };
    let _ = writeln!(err, "{summary}{dup_note}; {} cases", logs.len());
    if summary.rejected > 0 && !args.allow_rejects {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
