//! Opening the input of a command: a file, or standard input for none or `-`; and the format
//! it is read as.

use clap::Args;
use kesher_io::Format;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

/// A buffered reader over `path`, or standard input when `path` is `None` or `-`. The error
/// names the path: "cannot open `x.jsonl`: No such file or directory".
pub(crate) fn open(path: Option<&Path>) -> Result<Box<dyn BufRead + Send>, String> {
    match path {
        None => Ok(Box::new(BufReader::new(io::stdin()))),
        Some(p) if p.as_os_str() == "-" => Ok(Box::new(BufReader::new(io::stdin()))),
        Some(path) => File::open(path)
            .map(|f| Box::new(BufReader::with_capacity(1 << 16, f)) as Box<dyn BufRead + Send>)
            .map_err(|e| format!("cannot open `{}`: {e}", path.display())),
    }
}

/// How the input is read: a named format, a mapping, or (neither) told from its first bytes.
#[derive(Debug, Args, Clone, Default)]
pub(crate) struct SourceArgs {
    /// The input's format: events, twcs, helpdesk, bpic2013, ibm, nyc311, zendesk, freshdesk,
    /// zammad or chatwoot (detected from the first bytes when absent).
    #[arg(long)]
    pub(crate) format: Option<String>,
    /// A mapping (JSON) for a CSV of another shape: an event log (one row per activity,
    /// kesher_io::EventLogMapping) or a table with one row per ticket (with a `created` column,
    /// kesher_io::TicketTableMapping).
    #[arg(long, conflicts_with = "format")]
    pub(crate) mapping: Option<PathBuf>,
}

impl SourceArgs {
    /// The format named by `--format` or `--mapping`, if any.
    pub(crate) fn format(&self) -> Result<Option<Format>, String> {
        match (&self.format, &self.mapping) {
            (Some(name), _) => Format::from_name(name)
                .map(Some)
                .map_err(|e| format!("--format: {e}")),
            (None, Some(path)) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
                Format::from_mapping(&text)
                    .map(Some)
                    .map_err(|e| format!("--mapping `{}`: {e}", path.display()))
            }
            (None, None) => Ok(None),
        }
    }
}

/// `format`, or the format `reader`'s first bytes show.
pub(crate) fn resolve(
    reader: &mut dyn BufRead,
    format: Option<Format>,
    name: &str,
) -> Result<Format, String> {
    if let Some(format) = format {
        return Ok(format);
    }
    let head = reader
        .fill_buf()
        .map_err(|e| format!("cannot read `{name}`: {e}"))?;
    if head.is_empty() {
        return Ok(Format::Events);
    }
    kesher_io::detect(head).ok_or_else(|| {
        format!(
            "cannot tell the format of `{name}`; name it with --format ({}) or --mapping",
            Format::NAMES.join(", ")
        )
    })
}
