//! The formats kesher imports, and telling them apart from the first bytes of a file.

use super::{EventLogMapping, Helpdesk, TicketTableMapping};

/// A support-data format kesher imports.
///
/// # Example
///
/// ```
/// use kesher_io::Format;
/// assert_eq!(Format::from_name("twcs").unwrap(), Format::Twcs);
/// assert_eq!(Format::from_name("bpic2013").unwrap().name(), "bpic2013");
/// assert!(Format::from_name("xml").unwrap_err().contains("events, twcs"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// Kesher's JSON Lines case events.
    Events,
    /// The Twitter customer-support CSV (Kaggle's `twcs.csv`).
    Twcs,
    /// A helpdesk or incident event log (CSV) read through a mapping.
    EventLog(Box<EventLogMapping>),
    /// A table with one row per ticket (CSV) read through a mapping.
    Tickets(Box<TicketTableMapping>),
    /// A helpdesk's export of tickets with their posts (JSON).
    Helpdesk(Helpdesk),
    /// IBM's Twitter customer-care conversations (a JSON array).
    IbmJson,
}

impl Format {
    /// The names [`Format::from_name`] accepts.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher_io::Format::NAMES.contains(&"ibm"));
    /// ```
    pub const NAMES: [&'static str; 10] = [
        "events",
        "twcs",
        "helpdesk",
        "bpic2013",
        "ibm",
        "nyc311",
        "zendesk",
        "freshdesk",
        "zammad",
        "chatwoot",
    ];

    /// The help-desk log preset ([`EventLogMapping::helpdesk`]).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher_io::Format::helpdesk().name(), "helpdesk");
    /// ```
    pub fn helpdesk() -> Format {
        Format::EventLog(Box::new(EventLogMapping::helpdesk()))
    }

    /// The format of a name in [`Format::NAMES`].
    ///
    /// # Example
    ///
    /// See [`Format`].
    pub fn from_name(name: &str) -> Result<Format, String> {
        match name {
            "events" | "jsonl" => Ok(Format::Events),
            "twcs" => Ok(Format::Twcs),
            "helpdesk" => Ok(Format::helpdesk()),
            "bpic2013" => Ok(Format::EventLog(Box::new(EventLogMapping::bpic2013()))),
            "ibm" => Ok(Format::IbmJson),
            "nyc311" => Ok(Format::Tickets(Box::new(TicketTableMapping::nyc311()))),
            "zendesk" => Ok(Format::Helpdesk(Helpdesk::Zendesk)),
            "freshdesk" => Ok(Format::Helpdesk(Helpdesk::Freshdesk)),
            "zammad" => Ok(Format::Helpdesk(Helpdesk::Zammad)),
            "chatwoot" => Ok(Format::Helpdesk(Helpdesk::Chatwoot)),
            other => Err(format!(
                "unknown format `{other}`; expected one of {}",
                Format::NAMES.join(", ")
            )),
        }
    }

    /// The format a mapping file describes: a one-row-per-ticket table when it names a
    /// `created` column, else an event log.
    ///
    /// # Errors
    ///
    /// The mapping's own errors, naming the field.
    ///
    /// # Example
    ///
    /// ```
    /// let json = serde_json::to_string(&kesher_io::TicketTableMapping::nyc311()).unwrap();
    /// assert!(matches!(kesher_io::Format::from_mapping(&json)?, kesher_io::Format::Tickets(_)));
    /// # Ok::<(), kesher_io::Error>(())
    /// ```
    pub fn from_mapping(text: &str) -> Result<Format, crate::Error> {
        let value = kesher::from_json::<serde_json::Value>(text).map_err(crate::Error::Core)?;
        if value.get("created").is_some() {
            let mapping = kesher::from_json_value(value).map_err(crate::Error::Core)?;
            Ok(Format::Tickets(Box::new(mapping)))
        } else {
            let mapping = kesher::from_json_value(value).map_err(crate::Error::Core)?;
            Ok(Format::EventLog(Box::new(mapping)))
        }
    }

    /// The format a caller asked for, or the one `head` (the first bytes of the input) shows:
    /// a `mapping` (JSON text, as [`Format::from_mapping`]) when given, else the format
    /// `name`d, else [`detect`]ed; empty input reads as kesher events. The one place every
    /// front end (command line, Python, JavaScript) settles the format.
    ///
    /// # Errors
    ///
    /// [`kesher::ErrorKind::InvalidInput`] on `format` when both a name and a mapping are given,
    /// when the name is unknown, or when nothing was given and the head shows no format (the
    /// message lists [`Format::NAMES`]); the mapping's own errors, naming its field.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher_io::Format;
    /// let csv = b"tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";
    /// assert_eq!(Format::choose(csv, None, None)?.name(), "twcs");
    /// assert_eq!(Format::choose(b"", Some("nyc311"), None)?.name(), "nyc311");
    /// let err = Format::choose(b"a;b;c\n", None, None).unwrap_err();
    /// assert!(err.to_string().contains("zendesk"), "{err}");
    /// # Ok::<(), kesher_io::Error>(())
    /// ```
    pub fn choose(
        head: &[u8],
        name: Option<&str>,
        mapping: Option<&str>,
    ) -> Result<Format, crate::Error> {
        let refuse = |value: &str, reason: String| {
            crate::Error::Core(kesher::Error::invalid_input("format", value, reason))
        };
        match (name, mapping) {
            (Some(name), Some(_)) => {
                Err(refuse(name, "give a format or a mapping, not both".into()))
            }
            (None, Some(mapping)) => Format::from_mapping(mapping),
            (Some(name), None) => Format::from_name(name).map_err(|e| refuse(name, e)),
            (None, None) if head.iter().all(u8::is_ascii_whitespace) => Ok(Format::Events),
            (None, None) => detect(head).ok_or_else(|| {
                let shown = String::from_utf8_lossy(head.get(..40).unwrap_or(head)).into_owned();
                let names = Format::NAMES.join(", ");
                refuse(
                    &shown,
                    format!("cannot tell the format; name it ({names}) or give a mapping"),
                )
            }),
        }
    }

    /// The format's name (a mapping's name).
    ///
    /// # Example
    ///
    /// See [`Format`].
    pub fn name(&self) -> &str {
        match self {
            Format::Events => "events",
            Format::Twcs => "twcs",
            Format::EventLog(m) => &m.name,
            Format::Tickets(m) => &m.name,
            Format::Helpdesk(h) => h.name(),
            Format::IbmJson => "ibm",
        }
    }
}

/// The helpdesk whose export starts with `text`, by the fields only it writes.
fn helpdesk(text: &str) -> Option<Helpdesk> {
    let has = |key: &str| text.contains(&format!("\"{key}\""));
    if has("dialogHeader") {
        None
    } else if has("inbox_id") || has("message_type") {
        Some(Helpdesk::Chatwoot)
    } else if has("articles") || has("close_at") {
        Some(Helpdesk::Zammad)
    } else if has("description_text") || has("responder_id") || has("conversations") {
        Some(Helpdesk::Freshdesk)
    } else if has("requester_id") || has("audits") {
        Some(Helpdesk::Zendesk)
    } else {
        None
    }
}

/// The format of a file from its first bytes (a few kilobytes are enough): JSON holding the
/// fields only one helpdesk writes is that helpdesk's export; else a JSON array is IBM's
/// conversations and a JSON object kesher events; a CSV header tells the Twitter format, the
/// two event-log presets and NYC 311 apart. `None` when nothing matches.
///
/// # Example
///
/// ```
/// use kesher_io::{detect, Format};
/// assert_eq!(detect(b"tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"), Some(Format::Twcs));
/// assert_eq!(detect(b"  [{\"dialogHeader\": {}}]"), Some(Format::IbmJson));
/// assert_eq!(detect(b"{\"tickets\": [{\"id\": 1, \"requester_id\": 5, \"audits\": []}]}").unwrap().name(), "zendesk");
/// assert_eq!(detect(b"[{\"id\": 3, \"inbox_id\": 1, \"messages\": []}]").unwrap().name(), "chatwoot");
/// assert_eq!(detect(b"{\"type\": \"opened\"}\n"), Some(Format::Events));
/// assert_eq!(detect(b"Case ID,Activity,Resource,Complete Timestamp\n").unwrap().name(), "helpdesk");
/// assert_eq!(detect(b"Unique Key,Created Date,Closed Date,Agency,Open Data Channel Type\n").unwrap().name(), "nyc311");
/// assert_eq!(detect(b"name,age\n"), None);
/// assert_eq!(detect(b"[workspace]\nmembers = []\n"), None);
/// ```
pub fn detect(head: &[u8]) -> Option<Format> {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if let Some(rest) = text.strip_prefix('[') {
        // A JSON array of objects (not a TOML or INI section header such as `[workspace]`).
        if !matches!(
            rest.trim_start().chars().next(),
            Some('{') | Some(']') | None
        ) {
            return None;
        }
        return Some(helpdesk(text).map_or(Format::IbmJson, Format::Helpdesk));
    }
    if text.starts_with('{') {
        if text.contains("\"case_id\"") {
            return Some(Format::Events);
        }
        return Some(helpdesk(text).map_or(Format::Events, Format::Helpdesk));
    }
    let header: Vec<String> = text
        .lines()
        .next()?
        .split(',')
        .map(|h| h.trim().trim_matches('"').to_string())
        .collect();
    let has = |names: &[&str]| names.iter().all(|n| header.iter().any(|h| h == n));
    if has(&["tweet_id", "author_id", "inbound", "created_at"]) {
        return Some(Format::Twcs);
    }
    if has(&["Case ID", "Activity", "Complete Timestamp"]) {
        return Some(Format::helpdesk());
    }
    if has(&["case_id", "timestamp", "status", "sub_status"]) {
        return Format::from_name("bpic2013").ok();
    }
    if has(&[
        "Unique Key",
        "Created Date",
        "Closed Date",
        "Open Data Channel Type",
    ]) {
        return Format::from_name("nyc311").ok();
    }
    None
}
