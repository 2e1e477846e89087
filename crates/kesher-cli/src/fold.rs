//! `kesher case fold`.

use crate::cases;
use clap::Args;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub(crate) struct FoldArgs {
    #[command(flatten)]
    source: crate::input::SourceArgs,
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
    let name = args
        .input
        .as_ref()
        .map_or("standard input".into(), |p| p.display().to_string());
    let loaded = args
        .source
        .format()
        .and_then(|format| cases::load_as(input, format, &name, &mut err));
    let mut loaded = match loaded {
        Ok(l) => l,
        Err(e) => {
            eprintln!("kesher: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = loaded
        .fold_each(&mut err, |case| cases::write_line(&mut out, case))
        .and_then(|duplicates| out.flush().map(|()| duplicates));
    let duplicates = match written {
        Ok(d) => d,
        Err(e) => return cases::output_failed(&mut err, &e),
    };
    let dup_note = if duplicates > 0 {
        format!(" ({duplicates} identical duplicates kept once)")
    } else {
        String::new()
    };
    let _ = writeln!(
        err,
        "{}{dup_note}; {} cases",
        loaded.summary,
        loaded.logs.len()
    );
    if loaded.summary.rejected > 0 && !args.allow_rejects {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
