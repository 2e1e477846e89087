//! `kesher import`: any supported export in, kesher's JSON Lines events out.

use crate::cases;
use crate::input::SourceArgs;
use clap::Args;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The export to read (standard input when `-`).
    input: PathBuf,
    #[command(flatten)]
    source: SourceArgs,
    /// Exit with status 0 even when rows were rejected.
    #[arg(long)]
    allow_rejects: bool,
}

pub(crate) fn run(args: &ImportArgs) -> ExitCode {
    cases::exit(import(args))
}

fn import(args: &ImportArgs) -> Result<ExitCode, cases::Stop> {
    let mut input = crate::input::open(Some(&args.input))?;
    let name = args.input.display().to_string();
    let format = crate::input::resolve(&mut input, args.source.format()?, &name)?;
    let mut source = kesher_io::import(input, format.clone())
        .map_err(|e| format!("`{name}` ({}): {e}", format.name()))?;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut cases = 0u64;
    for item in source.by_ref() {
        match item {
            Ok(batch) => {
                cases += 1;
                for (_, event) in &batch.events {
                    out.write_all(event.to_json().as_bytes())?;
                    out.write_all(b"\n")?;
                }
            }
            Err(rejection) => {
                let _ = writeln!(err, "{name}: {rejection}");
            }
        }
    }
    out.flush()?;
    let summary = source.summary();
    let _ = writeln!(err, "{name} ({}): {summary}; {cases} cases", format.name());
    Ok(if summary.rejected > 0 && !args.allow_rejects {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
