//! The one error type of `kesher-io`, and row rejections.

use std::fmt;

/// What can go wrong while importing.
///
/// # Example
///
/// ```
/// let e = kesher_io::Error::LineTooLong { line: 3, bytes: 2_000_000, limit: 1_048_576 };
/// assert_eq!(e.kind(), "line_too_long");
/// assert_eq!(e.to_string(), "line 3 is longer than the limit of 1048576 bytes (at least 2000000 bytes)");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading the input failed (a file vanished, a pipe broke).
    #[error("cannot read the input: {message}")]
    Io {
        /// What the operating system said.
        message: String,
    },
    /// A line is not valid UTF-8.
    #[error("line {line} is not valid UTF-8 (at byte {byte})")]
    InvalidUtf8 {
        /// The line number (1-based).
        line: u64,
        /// The offset of the first bad byte within the line.
        byte: usize,
    },
    /// A line is longer than the reader's limit (the rest of it is skipped).
    #[error("line {line} is longer than the limit of {limit} bytes (at least {bytes} bytes)")]
    LineTooLong {
        /// The line number (1-based).
        line: u64,
        /// How many bytes were seen.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The row was read but kesher rejected its content.
    #[error(transparent)]
    Core(#[from] kesher::Error),
}

impl Error {
    /// A stable snake_case code: `io`, `invalid_utf8`, `line_too_long`, or the core error's kind.
    ///
    /// # Example
    ///
    /// ```
    /// let e = kesher_io::Error::from(kesher::CaseId::new("").unwrap_err());
    /// assert_eq!(e.kind(), "invalid_input");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::InvalidUtf8 { .. } => "invalid_utf8",
            Error::LineTooLong { .. } => "line_too_long",
            Error::Core(e) => e.kind().as_str(),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Io {
            message: e.to_string(),
        }
    }
}

/// A row that was read and rejected: its line number and why.
///
/// # Example
///
/// ```
/// let r = kesher_io::Rejection { line: 7, error: kesher_io::Error::Io { message: "gone".into() } };
/// assert_eq!(r.to_string(), "line 7: cannot read the input: gone");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    /// The line number (1-based).
    pub line: u64,
    /// Why the row was rejected.
    pub error: Error,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.error {
            // These messages already name the line.
            Error::InvalidUtf8 { .. } | Error::LineTooLong { .. } => write!(f, "{}", self.error),
            other => write!(f, "line {}: {}", self.line, other),
        }
    }
}

impl std::error::Error for Rejection {}
