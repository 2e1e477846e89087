//! The languages of customer-facing text.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// A language of kesher's built-in message catalogue: every text it writes for people comes in
/// English, Hebrew, Arabic and Russian. A host's own language is a catalogue it adds
/// ([`crate::catalogue::Catalogue::with_messages`]), used through
/// [`crate::catalogue::Wording`].
///
/// # Example
///
/// ```
/// use kesher::Language;
///
/// assert_eq!("he".parse::<Language>()?, Language::He);
/// assert!(Language::He.is_right_to_left());
/// assert!("fr".parse::<Language>().is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Hebrew, written right to left.
    He,
    /// English.
    #[default]
    En,
    /// Arabic, written right to left.
    Ar,
    /// Russian.
    Ru,
}

impl Language {
    /// Whether text in this language runs right to left.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!kesher::Language::En.is_right_to_left());
    /// ```
    pub const fn is_right_to_left(self) -> bool {
        matches!(self, Language::He | Language::Ar)
    }

    /// The ISO 639-1 code.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::Language::He.code(), "he");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Language::He => "he",
            Language::En => "en",
            Language::Ar => "ar",
            Language::Ru => "ru",
        }
    }
}

impl std::str::FromStr for Language {
    type Err = Error;

    fn from_str(s: &str) -> Result<Language> {
        match s {
            "he" | "iw" => Ok(Language::He),
            "en" => Ok(Language::En),
            "ar" => Ok(Language::Ar),
            "ru" => Ok(Language::Ru),
            other => Err(Error::invalid(
                "language",
                other,
                "expected `en`, `he`, `ar` or `ru`",
            )),
        }
    }
}
