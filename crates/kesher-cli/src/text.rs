//! `kesher text score`: read customer messages, one per line.

use clap::{Args, Subcommand};
use kesher::{
    text::{MessageReading, SentimentScorer},
    Language,
};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub(crate) enum TextCommand {
    /// Score customer messages with the built-in scorer, one message per line in (a file or
    /// standard input), one JSON line out per message: {"score": x or null, "sentiment":
    /// "negative"|"neutral"|"positive", "turn": "thanks"|"confirmation"|"problem"|"complaint"}.
    /// A line that is not UTF-8 is answered with {"error": ...} and counted; the summary is on
    /// stderr and the exit status is 1 when any line could not be read.
    Score(ScoreArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ScoreArgs {
    /// The file of messages, one per line (default: standard input).
    input: Option<PathBuf>,
    /// The language of every message, `he` or `en` (default: guessed per message).
    #[arg(long)]
    lang: Option<String>,
}

pub(crate) fn run(command: &TextCommand) -> ExitCode {
    match command {
        TextCommand::Score(args) => match score(args) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("kesher text score: {e}");
                ExitCode::from(2)
            }
        },
    }
}

fn score(args: &ScoreArgs) -> Result<ExitCode, String> {
    let language = args
        .lang
        .as_deref()
        .map(str::parse::<Language>)
        .transpose()
        .map_err(|e| e.to_string())?;
    let input: Box<dyn BufRead> = match &args.input {
        Some(path) => Box::new(io::BufReader::new(
            std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?,
        )),
        None => Box::new(io::stdin().lock()),
    };
    let scorer = SentimentScorer::default();
    let mut out = BufWriter::new(io::stdout().lock());
    let (mut read, mut bad) = (0u64, 0u64);
    for line in input.split(b'\n') {
        let bytes = line.map_err(|e| e.to_string())?;
        read += 1;
        let written = match std::str::from_utf8(&bytes) {
            Ok(text) => {
                let text = text.strip_suffix('\r').unwrap_or(text);
                let reading = MessageReading::new(text, language, &scorer);
                serde_json::to_string(&reading).map_err(|e| e.to_string())?
            }
            Err(e) => {
                bad += 1;
                eprintln!("line {read}: not UTF-8 ({e})");
                serde_json::json!({ "error": format!("line {read} is not UTF-8") }).to_string()
            }
        };
        writeln!(out, "{written}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    eprintln!("read {read}, scored {}, rejected {bad}", read - bad);
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
