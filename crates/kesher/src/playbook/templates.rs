//! Reply templates with the structure of a good answer: greeting with the agent's name, thanks
//! for reporting, the realistic solution, closing thanks and "anything else?".

use crate::catalogue::{MessageArg, Wording};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A reply template: four parts, each text with `{variable}` placeholders (`{{` and `}}` for
/// literal braces).
///
/// JSON: `{"name": "delay", "language": "en", "greeting": "Hello {customer}, ...", "thanks":
/// "...", "solution": "...", "closing": "..."}`.
///
/// # Example
///
/// ```
/// use kesher::playbook::ReplyTemplate;
/// use kesher::Language;
///
/// let t = ReplyTemplate::built_in("reply", Language::En).unwrap();
/// let vars = [("customer", "Dana"), ("agent", "Noa"), ("company", "Acme"),
///             ("solution", "A new kettle leaves our warehouse today.")];
/// let text = t.render(&vars.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())?;
/// assert!(text.starts_with("Hello Dana, this is Noa from Acme."));
/// assert!(text.ends_with("Is there anything else I can help you with?"));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyTemplate {
    /// The template's name.
    pub name: String,
    /// Its language's tag (`en`, `he`, `ar`, `ru`, or a host's own).
    pub language: String,
    /// Greeting, with the agent's name.
    pub greeting: String,
    /// Thanks for reporting.
    pub thanks: String,
    /// The realistic solution.
    pub solution: String,
    /// Closing thanks and "anything else?".
    pub closing: String,
}

/// The variables of the built-in templates' messages, and the placeholders they become.
const TEMPLATE_VARIABLES: [(&str, &str); 6] = [
    ("customer", "{customer}"),
    ("agent", "{agent}"),
    ("company", "{company}"),
    ("solution", "{solution}"),
    ("order", "{order}"),
    ("promised_time", "{promised_time}"),
];

/// A piece of template text: literal or a variable.
enum Piece<'a> {
    Text(&'a str),
    Brace(char),
    Var(&'a str),
}

fn pieces<'a>(field: &str, text: &'a str) -> Result<Vec<Piece<'a>>> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("{{") {
            out.push(Piece::Brace('{'));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("}}") {
            out.push(Piece::Brace('}'));
            rest = r;
        } else if let Some(r) = rest.strip_prefix('{') {
            let end = r.find('}').ok_or_else(|| {
                Error::invalid(
                    field,
                    text,
                    "a `{` opens a variable that is never closed with `}` (write `{{` for a brace)",
                )
            })?;
            let name = r.get(..end).unwrap_or("");
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(Error::invalid(
                    field,
                    text,
                    format!("`{{{name}}}` is not a variable name (letters, digits, `_`)"),
                ));
            }
            out.push(Piece::Var(name));
            rest = r.get(end + 1..).unwrap_or("");
        } else if rest.starts_with('}') {
            return Err(Error::invalid(
                field,
                text,
                "a `}` closes nothing (write `}}` for a brace)",
            ));
        } else {
            let next = rest.find(['{', '}']).unwrap_or(rest.len());
            out.push(Piece::Text(rest.get(..next).unwrap_or("")));
            rest = rest.get(next..).unwrap_or("");
        }
    }
    Ok(out)
}

impl ReplyTemplate {
    /// A built-in template: `reply` (the general structure) or `delay` (an apology for a late
    /// delivery), from the catalogue's `template-*` messages: a [`crate::Language`] of the
    /// built-in catalogue or a host's [`Wording`].
    ///
    /// # Example
    ///
    /// ```
    /// let t = kesher::playbook::ReplyTemplate::built_in("delay", kesher::Language::He).unwrap();
    /// assert!(t.variables().unwrap().contains("order"));
    /// let ru = kesher::playbook::ReplyTemplate::built_in("reply", kesher::Language::Ru).unwrap();
    /// assert_eq!(ru.greeting, "Здравствуйте, {customer}! Это {agent} из {company}.");
    /// assert!(kesher::playbook::ReplyTemplate::built_in("nope", kesher::Language::En).is_none());
    /// ```
    pub fn built_in<'a>(name: &str, wording: impl Into<Wording<'a>>) -> Option<ReplyTemplate> {
        ReplyTemplate::built_in_in(name, wording.into())
    }

    fn built_in_in(name: &str, w: Wording<'_>) -> Option<ReplyTemplate> {
        if !matches!(name, "reply" | "delay") {
            return None;
        }
        // The catalogue's variables become the template's own placeholders, placed as they
        // are (the agent's values are not known yet, nor their direction).
        let args =
            TEMPLATE_VARIABLES.map(|(var, placeholder)| (var, MessageArg::Phrase(placeholder)));
        let part = |part: &str| w.say(&format!("template-{name}-{part}"), &args);
        Some(ReplyTemplate {
            name: name.to_string(),
            language: w.language().to_string(),
            greeting: part("greeting"),
            thanks: part("thanks"),
            solution: part("solution"),
            closing: part("closing"),
        })
    }

    /// Reads and checks a user-defined template.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::playbook::ReplyTemplate::from_json(r#"{"name": "x", "language": "en",
    ///     "greeting": "Hi {customer", "thanks": "", "solution": "", "closing": ""}"#).unwrap_err();
    /// assert_eq!(err.field(), Some("greeting"));
    /// ```
    pub fn from_json(text: &str) -> Result<ReplyTemplate> {
        let t: ReplyTemplate = crate::support::json::from_str(text)?;
        if !crate::catalogue::is_language_tag(&t.language) {
            return Err(Error::invalid(
                "language",
                &t.language,
                "expected a language tag such as `en`, `he` or `pt-BR`",
            ));
        }
        t.variables()?;
        Ok(t)
    }

    fn parts(&self) -> [(&'static str, &str); 4] {
        [
            ("greeting", &self.greeting),
            ("thanks", &self.thanks),
            ("solution", &self.solution),
            ("closing", &self.closing),
        ]
    }

    /// The variables the template uses.
    ///
    /// # Example
    ///
    /// See [`ReplyTemplate::built_in`].
    pub fn variables(&self) -> Result<BTreeSet<String>> {
        let mut out = BTreeSet::new();
        for (field, text) in self.parts() {
            for p in pieces(field, text)? {
                if let Piece::Var(v) = p {
                    out.insert(v.to_string());
                }
            }
        }
        Ok(out)
    }

    /// The reply with the variables filled in, the four parts in order, one paragraph each
    /// (empty parts left out). Every missing variable is named in one error.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::playbook::ReplyTemplate;
    /// let t = ReplyTemplate::built_in("reply", kesher::Language::En).unwrap();
    /// let err = t.render(&[("customer".to_string(), "Dana".to_string())].into()).unwrap_err();
    /// assert_eq!(err.field(), Some("variables"));
    /// assert!(err.to_string().contains("agent, company, solution"), "{err}");
    /// ```
    pub fn render(&self, vars: &BTreeMap<String, String>) -> Result<String> {
        let missing: Vec<String> = self
            .variables()?
            .into_iter()
            .filter(|v| !vars.contains_key(v))
            .collect();
        if !missing.is_empty() {
            return Err(Error::from(crate::error::Detail::MissingField {
                field: "variables".into(),
                reason: format!("template `{}` needs {}", self.name, missing.join(", ")),
            }));
        }
        let mut paragraphs = Vec::new();
        for (field, text) in self.parts() {
            let mut s = String::new();
            for p in pieces(field, text)? {
                match p {
                    Piece::Text(t) => s.push_str(t),
                    Piece::Brace(c) => s.push(c),
                    Piece::Var(v) => s.push_str(vars.get(v).map_or("", String::as_str)),
                }
            }
            if !s.trim().is_empty() {
                paragraphs.push(s.trim().to_string());
            }
        }
        Ok(paragraphs.join("\n\n"))
    }
}
