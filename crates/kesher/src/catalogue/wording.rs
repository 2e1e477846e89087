//! The words one text is written in: a catalogue and one of its languages, checked once so
//! that writing never fails.

use super::{check_against, Catalogue, MessageArg, REFERENCE};
use crate::{
    error::{Error, Result},
    language::Language,
};

/// A catalogue and one of its languages, for the calls that write text for people
/// (statements, acknowledgements, reply templates, follow-ups). A [`Language`] is the
/// built-in catalogue in that language; a host's own wording or language comes through
/// [`Wording::new`].
///
/// # Example
///
/// ```
/// use kesher::catalogue::{Catalogue, Wording};
/// use kesher::Language;
///
/// let built_in: Wording = Language::Ru.into();
/// assert_eq!(built_in.language(), "ru");
/// let ours = Catalogue::built_in().with_messages("he", "statement-around-the-clock = 24/7")?;
/// let wording = Wording::new(&ours, "he-IL")?;
/// assert_eq!((wording.language(), wording.is_right_to_left()), ("he", true));
/// assert!(Wording::new(&ours, "fr").is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Wording<'a> {
    catalogue: &'a Catalogue,
    language: &'a str,
}

impl<'a> Wording<'a> {
    /// `language` of `catalogue` (a tag; `he-IL` falls back to `he`), checked to have every
    /// message kesher writes, each using only the variables kesher gives it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) on `language` when the catalogue lacks the language or some
    /// of kesher's messages in it (the first few named); on `catalogue.<language>` when a
    /// message is not one kesher writes or uses a variable kesher does not give.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::catalogue::{Catalogue, Wording};
    /// let partial = Catalogue::from_ftl("fr", "statement-around-the-clock = 24 h sur 24")?;
    /// let err = Wording::new(&partial, "fr").unwrap_err();
    /// assert_eq!(err.field(), Some("language"));
    /// assert!(err.to_string().contains("lacks"), "{err}");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(catalogue: &'a Catalogue, language: &str) -> Result<Wording<'a>> {
        let (tag, resource) = catalogue.resolve(language)?;
        if catalogue.complete {
            return Ok(Wording {
                catalogue,
                language: tag,
            });
        }
        let reference = Catalogue::built_in().languages.get(REFERENCE);
        check_against(reference, resource, &format!("catalogue.{tag}"))?;
        let missing: Vec<&str> = reference
            .map(|r| r.messages.keys().map(String::as_str))
            .into_iter()
            .flatten()
            .filter(|id| !resource.messages.contains_key(*id))
            .collect();
        if let Some(first) = missing.first() {
            let shown = missing
                .iter()
                .take(8)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Error::invalid(
                "language",
                language,
                format!(
                    "the `{tag}` catalogue lacks {} of kesher's messages (first {first}): {shown}",
                    missing.len()
                ),
            ));
        }
        Ok(Wording {
            catalogue,
            language: tag,
        })
    }

    /// The language's tag, as the catalogue has it.
    ///
    /// # Example
    ///
    /// See [`Wording`].
    pub fn language(&self) -> &'a str {
        self.language
    }

    /// Whether the text runs right to left.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::catalogue::Wording::from(kesher::Language::Ar).is_right_to_left());
    /// ```
    pub fn is_right_to_left(&self) -> bool {
        Catalogue::is_right_to_left(self.language)
    }

    /// Message `id` with `args`. [`Wording::new`] checked every message and its variables, and
    /// a test checks that kesher gives each message what it uses; should the two still
    /// disagree, the English message is written rather than nothing.
    pub(crate) fn say(&self, id: &str, args: &[(&str, MessageArg<'_>)]) -> String {
        self.catalogue
            .format(self.language, id, args)
            .or_else(|_| Catalogue::built_in().format(REFERENCE, id, args))
            .unwrap_or_else(|e| e.to_string())
    }
}

impl Wording<'_> {
    /// Message `id` when this wording has it (a host's own stage has no message).
    pub(crate) fn say_if_any(&self, id: &str) -> Option<String> {
        self.catalogue.format(self.language, id, &[]).ok()
    }
}

impl From<Language> for Wording<'static> {
    fn from(language: Language) -> Wording<'static> {
        Wording {
            catalogue: Catalogue::built_in(),
            language: language.code(),
        }
    }
}
