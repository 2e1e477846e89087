//! The message catalogue: the texts kesher writes for people, per language, in Project Fluent's
//! FTL syntax. The built-in catalogue has English, Hebrew, Arabic and Russian
//! (`crates/kesher/locales/*.ftl`, compiled in); a host overrides messages or adds a language
//! with its own FTL text at run time ([`Catalogue::with_messages`]), without a new release.
//!
//! Texts in a right-to-left language (Hebrew, Arabic) isolate every value placed in them
//! (U+2068 … U+2069, as Fluent does), so a metric name or a rule name written left to right
//! keeps its order inside the sentence.
//!
//! Every text kesher writes for people comes from here: statements of SLA contracts,
//! acknowledgements, reply templates, follow-up messages, the release message, escalation
//! reasons, the report's labels and facts, the journey pictures' words, retention facts. The
//! calls that write them take a [`crate::Language`] (the built-in catalogue) or a
//! [`Wording`] (a host's catalogue and one of its languages). Plural forms follow CLDR's
//! rules for the four built-in languages; a host's language without rules here selects by
//! exact number or the default variant.

mod ftl;
mod plural;
mod wording;

pub use wording::Wording;

use crate::error::{Error, Result};
use ftl::{Element, Expression, Pattern, Resource, VariantKey};
use std::collections::{BTreeMap, BTreeSet};

/// The built-in catalogues, English first (the reference every other one must match): the
/// files of `crates/kesher/locales/` without their comments (see `build.rs`).
const BUILT_IN: [(&str, &str); 4] = [
    ("en", include_str!(concat!(env!("OUT_DIR"), "/en.ftl"))),
    ("he", include_str!(concat!(env!("OUT_DIR"), "/he.ftl"))),
    ("ar", include_str!(concat!(env!("OUT_DIR"), "/ar.ftl"))),
    ("ru", include_str!(concat!(env!("OUT_DIR"), "/ru.ftl"))),
];

/// The reference language: every message kesher writes has its English text.
const REFERENCE: &str = "en";

/// A value given to a message: text, or a whole number (which also selects plural forms).
///
/// # Example
///
/// See [`Catalogue::format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageArg<'a> {
    /// Text, placed as it is.
    Text(&'a str),
    /// A whole number, written in digits; a select on it picks `[n]`, then the plural form.
    Count(i64),
    /// Text already written in the message's language (another message of the catalogue),
    /// placed as it is: never isolated, since it runs in the sentence's own direction.
    Phrase(&'a str),
}

/// Messages per language. Cloning is cheap enough to keep one per host configuration.
///
/// # Example
///
/// ```
/// use kesher::catalogue::{Catalogue, MessageArg};
/// let words = Catalogue::built_in();
/// assert_eq!(words.languages(), ["ar", "en", "he", "ru"]);
/// let args = [("metric", MessageArg::Text("first_response")), ("rule", MessageArg::Text("late"))];
/// assert_eq!(words.format("en", "escalation-breach", &args)?, "first_response is breached (rule late)");
/// // A host's own wording, without a new release:
/// let ours = words.with_messages("en", "escalation-breach = { $metric } is late! ({ $rule })")?;
/// assert_eq!(ours.format("en", "escalation-breach", &args)?, "first_response is late! (late)");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    languages: BTreeMap<String, Resource>,
    /// Every language has every message kesher writes, each with only the variables kesher
    /// gives: true of the built-in catalogue and of what `with_messages` makes of it (which
    /// checks), so [`Wording::new`] need not check again.
    complete: bool,
}

impl Catalogue {
    /// The built-in catalogue: English, Hebrew, Arabic and Russian (read once, then shared;
    /// it never changes).
    ///
    /// # Example
    ///
    /// ```
    /// let words = kesher::catalogue::Catalogue::built_in();
    /// assert!(words.missing("ru").is_empty());
    /// ```
    pub fn built_in() -> &'static Catalogue {
        static BUILT: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
        BUILT.get_or_init(|| {
            let languages = BUILT_IN
                .iter()
                // Every built-in resource reads (tests/core/catalogue.rs); one that did not would
                // show as missing messages there, not as a panic here.
                .map(|(tag, text)| (tag.to_string(), ftl::parse(text).unwrap_or_default()))
                .collect();
            Catalogue {
                languages,
                complete: true,
            }
        })
    }

    /// A catalogue of one language read from FTL text, with no reference to check it
    /// against: a host's own messages, formatted the way kesher formats its own.
    ///
    /// # Errors
    ///
    /// As [`Catalogue::with_messages`]: the tag, and the text's syntax (naming the line).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::catalogue::{Catalogue, MessageArg};
    /// let ours = Catalogue::from_ftl("ru", "tickets = { $n ->\n    [one] { $n } обращение\n    [few] { $n } обращения\n   *[many] { $n } обращений\n}")?;
    /// assert_eq!(ours.format("ru", "tickets", &[("n", MessageArg::Count(22))])?, "22 обращения");
    /// assert_eq!(ours.format("ru", "tickets", &[("n", MessageArg::Count(11))])?, "11 обращений");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn from_ftl(language: &str, ftl: &str) -> Result<Catalogue> {
        let resource = read(language, ftl)?;
        Ok(Catalogue {
            languages: BTreeMap::from([(language.to_string(), resource)]),
            complete: false,
        })
    }

    /// The languages, by tag.
    ///
    /// # Example
    ///
    /// See [`Catalogue`].
    pub fn languages(&self) -> Vec<&str> {
        self.languages.keys().map(String::as_str).collect()
    }

    /// Whether text in `language` (a tag such as `he`, `ar-EG`) runs right to left.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::catalogue::Catalogue;
    /// assert!(Catalogue::is_right_to_left("ar-EG") && Catalogue::is_right_to_left("he"));
    /// assert!(!Catalogue::is_right_to_left("ru"));
    /// ```
    pub fn is_right_to_left(language: &str) -> bool {
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        matches!(
            primary,
            "he" | "iw" | "ar" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "dv" | "ckb"
        )
    }

    /// The ids of the messages in `language` (empty when the catalogue lacks it).
    ///
    /// # Example
    ///
    /// ```
    /// let words = kesher::catalogue::Catalogue::built_in();
    /// assert!(words.message_ids("he").contains(&"escalation-breach"));
    /// ```
    pub fn message_ids(&self, language: &str) -> Vec<&str> {
        self.languages
            .get(language)
            .map(|r| r.messages.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// The ids of the English messages that `language` lacks (all of them when the catalogue
    /// has no such language).
    ///
    /// # Example
    ///
    /// ```
    /// let words = kesher::catalogue::Catalogue::built_in();
    /// assert!(words.missing("ar").is_empty());
    /// assert!(!words.missing("fr").is_empty());
    /// ```
    pub fn missing(&self, language: &str) -> Vec<&str> {
        let have = self.languages.get(language);
        self.message_ids(REFERENCE)
            .into_iter()
            .filter(|id| !have.is_some_and(|r| r.messages.contains_key(*id)))
            .collect()
    }

    /// This catalogue with the messages and terms of `ftl` (FTL text) in `language`: they
    /// replace the ones of the same id, and a language the catalogue lacks is added.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) on `catalogue.<language>` when the text does not read (the value
    /// names the line), when it has a message kesher does not write, when a message uses a
    /// variable the English one does not give, or when a new language lacks messages (named);
    /// on `language` when the tag is not a language tag.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::catalogue::{Catalogue, MessageArg};
    /// let words = Catalogue::built_in();
    /// let err = words.with_messages("en", "escalation-breach = { $who } broke it").unwrap_err();
    /// assert_eq!(err.field(), Some("catalogue.en"));
    /// let err = words.with_messages("fr", "escalation-breach = { $metric } est dépassé").unwrap_err();
    /// assert!(err.to_string().contains("needs every message"), "{err}");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn with_messages(&self, language: &str, ftl: &str) -> Result<Catalogue> {
        let field = format!("catalogue.{language}");
        if !is_language_tag(language) {
            return Err(Error::invalid(
                "language",
                language,
                "expected a language tag such as `fr` or `pt-BR`",
            ));
        }
        let added = ftl::parse(ftl)
            .map_err(|e| Error::invalid(field.clone(), format!("line {}", e.line), e.reason))?;
        check_against(self.languages.get(REFERENCE), &added, &field)?;
        let mut out = self.clone();
        let resource = out.languages.entry(language.to_string()).or_default();
        resource.messages.extend(added.messages);
        resource.terms.extend(added.terms);
        let missing = out.missing(language);
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(8).copied().collect();
            return Err(Error::invalid(
                field,
                language,
                format!(
                    "a new language needs every message; {} missing: {}",
                    missing.len(),
                    shown.join(", ")
                ),
            ));
        }
        Ok(out)
    }

    /// The text of message `id` in `language` (a tag; `he-IL` falls back to `he`), with `args`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) on `language` when the catalogue has neither the tag nor its
    /// language; [`ErrorKind::MissingField`](crate::ErrorKind::MissingField) naming the message when that language lacks it, or
    /// naming the variable when `args` lacks one the message uses.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::catalogue::{Catalogue, MessageArg};
    /// let words = Catalogue::built_in();
    /// let args = [("metric", MessageArg::Text("first_response")), ("percent", MessageArg::Count(75)),
    ///             ("rule", MessageArg::Text("warn"))];
    /// let he = words.format("he-IL", "escalation-share", &args)?;
    /// assert!(he.contains("\u{2068}first_response\u{2069}"), "{he}");
    /// assert!(words.format("fr", "escalation-share", &args).is_err());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn format(
        &self,
        language: &str,
        id: &str,
        args: &[(&str, MessageArg<'_>)],
    ) -> Result<String> {
        let (tag, resource) = self.resolve(language)?;
        let pattern = resource.messages.get(id).ok_or_else(|| {
            Error::from(crate::error::Detail::MissingField {
                field: id.to_string(),
                reason: format!("the `{tag}` catalogue has no message `{id}`"),
            })
        })?;
        let writer = Writer {
            language: tag,
            resource,
            args,
            isolate: Catalogue::is_right_to_left(tag),
        };
        let mut out = String::new();
        writer.pattern(pattern, &mut out, 0)?;
        Ok(out)
    }

    fn resolve(&self, language: &str) -> Result<(&str, &Resource)> {
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        [language, primary]
            .into_iter()
            .find_map(|tag| self.languages.get_key_value(tag))
            .map(|(tag, r)| (tag.as_str(), r))
            .ok_or_else(|| {
                Error::invalid(
                    "language",
                    language,
                    format!("the catalogue has {}", self.languages().join(", ")),
                )
            })
    }
}

/// Every message of `resource` is one kesher writes (it is in `reference`) and uses only
/// variables the reference's gives; errors are on `field` and name the message.
fn check_against(reference: Option<&Resource>, resource: &Resource, field: &str) -> Result<()> {
    for (id, pattern) in &resource.messages {
        let Some(english) = reference.and_then(|r| r.messages.get(id)) else {
            return Err(Error::invalid(field, id, "not a message kesher writes"));
        };
        let allowed = variables(english);
        if let Some(unknown) = variables(pattern).difference(&allowed).next() {
            let given: Vec<&str> = allowed.iter().map(String::as_str).collect();
            return Err(Error::invalid(
                field,
                id,
                format!("uses `${unknown}`; this message gives {}", given.join(", ")),
            ));
        }
    }
    Ok(())
}

/// The FTL text of `language`, read; errors name the line.
fn read(language: &str, ftl: &str) -> Result<Resource> {
    if !is_language_tag(language) {
        return Err(Error::invalid(
            "language",
            language,
            "expected a language tag such as `fr` or `pt-BR`",
        ));
    }
    ftl::parse(ftl).map_err(|e| {
        Error::invalid(
            format!("catalogue.{language}"),
            format!("line {}", e.line),
            e.reason,
        )
    })
}

/// A BCP 47-like tag: a primary language of 2–3 ASCII letters, then subtags of 1–8
/// alphanumerics, joined by `-`.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The variables a pattern uses, select expressions included.
fn variables(pattern: &Pattern) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for element in &pattern.0 {
        if let Element::Placeable(e) = element {
            match e {
                Expression::Variable(v) => {
                    out.insert(v.clone());
                }
                Expression::Select { on, variants, .. } => {
                    out.insert(on.clone());
                    for (_, p) in variants {
                        out.extend(variables(p));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Writes patterns of one language with one set of arguments.
struct Writer<'a> {
    language: &'a str,
    resource: &'a Resource,
    args: &'a [(&'a str, MessageArg<'a>)],
    isolate: bool,
}

/// How deep terms may refer to terms (a cycle stops here).
const MAX_DEPTH: usize = 8;

impl Writer<'_> {
    fn pattern(&self, pattern: &Pattern, out: &mut String, depth: usize) -> Result<()> {
        let several = pattern.0.len() > 1;
        for element in &pattern.0 {
            match element {
                Element::Text(t) => out.push_str(t),
                Element::Placeable(e) => {
                    // As Fluent: every placeable but a term or a string is isolated; and a
                    // phrase, which is the sentence's own language.
                    let phrase = matches!(e, Expression::Variable(v)
                        if matches!(self.arg(v), Ok(MessageArg::Phrase(_))));
                    let isolated = self.isolate
                        && several
                        && !phrase
                        && !matches!(e, Expression::Term(_) | Expression::Literal(_));
                    if isolated {
                        out.push('\u{2068}');
                    }
                    self.expression(e, out, depth)?;
                    if isolated {
                        out.push('\u{2069}');
                    }
                }
            }
        }
        Ok(())
    }

    fn arg(&self, name: &str) -> Result<MessageArg<'_>> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                Error::from(crate::error::Detail::MissingField {
                    field: name.to_string(),
                    reason: format!("the message needs `${name}`"),
                })
            })
    }

    fn expression(&self, e: &Expression, out: &mut String, depth: usize) -> Result<()> {
        match e {
            Expression::Literal(s) | Expression::Number(s) => out.push_str(s),
            Expression::Variable(v) => match self.arg(v)? {
                MessageArg::Text(t) | MessageArg::Phrase(t) => out.push_str(t),
                MessageArg::Count(n) => out.push_str(&n.to_string()),
            },
            Expression::Term(t) => {
                let term = self.resource.terms.get(t).ok_or_else(|| {
                    Error::from(crate::error::Detail::MissingField {
                        field: format!("-{t}"),
                        reason: format!("the `{}` catalogue has no term `-{t}`", self.language),
                    })
                })?;
                if depth >= MAX_DEPTH {
                    return Err(Error::invalid(
                        format!("-{t}"),
                        t,
                        "terms refer to each other in a cycle",
                    ));
                }
                self.pattern(term, out, depth + 1)?;
            }
            Expression::Select {
                on,
                variants,
                default,
            } => {
                let value = self.arg(on)?;
                // As Fluent: the first variant whose key matches, in order: a number equal to
                // a count, a name equal to a text or to the count's plural category.
                let category = match value {
                    MessageArg::Count(n) => plural::category(self.language, n),
                    MessageArg::Text(_) | MessageArg::Phrase(_) => None,
                };
                let chosen = variants
                    .iter()
                    .position(|(key, _)| match (key, value) {
                        (VariantKey::Number(k), MessageArg::Count(n)) => *k == n,
                        (VariantKey::Name(k), MessageArg::Text(t) | MessageArg::Phrase(t)) => {
                            k == t
                        }
                        (VariantKey::Name(k), MessageArg::Count(_)) => Some(k.as_str()) == category,
                        (VariantKey::Number(_), _) => false,
                    })
                    .unwrap_or(*default);
                if let Some((_, pattern)) = variants.get(chosen) {
                    self.pattern(pattern, out, depth)?;
                }
            }
        }
        Ok(())
    }
}
