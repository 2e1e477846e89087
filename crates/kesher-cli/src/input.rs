//! Opening the input of a command: a file, or standard input for none or `-`.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// A buffered reader over `path`, or standard input when `path` is `None` or `-`. The error
/// names the path: "cannot open `x.jsonl`: No such file or directory".
pub(crate) fn open(path: Option<&Path>) -> Result<Box<dyn BufRead>, String> {
    match path {
        None => Ok(Box::new(io::stdin().lock())),
        Some(p) if p.as_os_str() == "-" => Ok(Box::new(io::stdin().lock())),
        Some(path) => File::open(path)
            .map(|f| Box::new(BufReader::new(f)) as Box<dyn BufRead>)
            .map_err(|e| format!("cannot open `{}`: {e}", path.display())),
    }
}
