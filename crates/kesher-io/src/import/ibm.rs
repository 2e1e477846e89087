//! IBM's Twitter customer-care conversations (Ganhotra et al., EMNLP 2020), one case each.

use super::json_array::JsonArray;
use super::{invalid, twcs::signature, CaseBatch, CaseSource};
use crate::{Error, ImportSummary, Rejection};
use chrono::{DateTime, Utc};
use kesher::{
    event::CaseEvent,
    interaction::{Actor, Direction, Interaction, InteractionKind},
    AgentId, Channel, CustomerId, InteractionId,
};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::BufRead;

/// Milliseconds from the Unix epoch to Twitter's snowflake epoch (2010-11-04T01:42:54.657Z).
const TWITTER_EPOCH_MS: i64 = 1_288_834_974_657;

/// The conversations of IBM's *Twitter Conversations for Conversational Document Prediction*
/// (a JSON array of `{dialogHeader, dialogContent, agentURL}`), read one at a time; each is a
/// case.
///
/// The case id is the `sessionID`, the customer the first `client`, the brand (in
/// `metadata.brand`) the `company`, the channel `twitter`. Turns of `client` and `client1` are
/// inbound customer messages, `agent` turns outbound agent messages; the final `agentURL` tweet
/// (which has no timestamp in the data) is an agent message timed from its tweet id, a Twitter
/// snowflake, with the document's URL in its metadata. An agent is `<brand>/<initials>` when the
/// tweet is signed (`^SJ`). A conversation that cannot be read is rejected whole, with the line
/// it starts on and the field at fault (`dialogContent[1].datetime`); so is one repeating a
/// `sessionID` read within the last [`crate::DEFAULT_CASE_WINDOW_ROWS`] conversations (a hash of
/// the ids of that window, at most two, is kept, not every id of the file). Tweet text is kept as
/// written: the `&amp;`, `&lt;` and `&gt;` Twitter's API puts in are decoded.
///
/// # Example
///
/// ```
/// use kesher_io::{CaseSource, IbmImporter};
///
/// let json = r#"[{"dialogHeader": {"company": "AskPlayStation", "sessionID": "s1"},
///   "dialogContent": [{"client": "ann", "datetime": "2020-04-01T17:31:32.000Z", "message": "@AskPlayStation psn down?", "tweet_ID": "1245403438755852288"}],
///   "agentURL": {"tweet_ID": "1245425308704149506", "url_utterance": "@ann Check here ^SJ", "url": "https://status", "turn": 1}}]"#;
/// let mut source = IbmImporter::new(json.as_bytes());
/// let case = source.next().unwrap()?.into_log().into_case()?;
/// assert_eq!(case.metadata()["brand"], "AskPlayStation");
/// assert_eq!(case.log()[1].at.to_rfc3339(), "2020-04-01T18:58:27.135+00:00");
/// assert_eq!(case.agents()[0].as_str(), "AskPlayStation/SJ");
/// assert_eq!(source.summary().to_string(), "read 1, accepted 1, rejected 0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct IbmImporter<R> {
    array: JsonArray<R>,
    summary: ImportSummary,
    index: usize,
    /// A hash of each session read within the window, so a repeated one is rejected rather
    /// than made a second case with the same id.
    sessions: super::recent::RecentIds,
}

impl<R: BufRead> IbmImporter<R> {
    /// An importer over `reader`.
    ///
    /// # Example
    ///
    /// See [`IbmImporter`].
    pub fn new(reader: R) -> Self {
        IbmImporter {
            array: JsonArray::new(reader),
            summary: ImportSummary::default(),
            index: 0,
            sessions: super::recent::RecentIds::new(super::DEFAULT_CASE_WINDOW_ROWS),
        }
    }
}

fn text<'a>(object: &'a Map<String, Value>, key: &str, path: &str) -> Result<&'a str, Error> {
    match object.get(key) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(invalid(
            &format!("{path}.{key}"),
            &other.to_string(),
            "expected a string",
        )),
        None => Err(invalid(&format!("{path}.{key}"), "", "missing")),
    }
}

fn object<'a>(value: Option<&'a Value>, path: &str) -> Result<&'a Map<String, Value>, Error> {
    match value {
        Some(Value::Object(o)) => Ok(o),
        Some(other) => Err(invalid(path, &other.to_string(), "expected an object")),
        None => Err(invalid(path, "", "missing")),
    }
}

fn instant(raw: &str, path: &str) -> Result<DateTime<Utc>, Error> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| invalid(path, raw, format!("{e}; expected RFC 3339")))
}

fn snowflake(raw: &str, path: &str) -> Result<DateTime<Utc>, Error> {
    let id: i64 = raw
        .trim()
        .parse()
        .map_err(|_| invalid(path, raw, "expected a tweet id (digits)"))?;
    DateTime::from_timestamp_millis((id >> 22) + TWITTER_EPOCH_MS)
        .ok_or_else(|| invalid(path, raw, "not a Twitter snowflake id"))
}

fn agent(brand: &str, message: &str) -> Result<AgentId, Error> {
    match signature(message) {
        Some(initials) => AgentId::new(format!("{brand}/{initials}")),
        None => AgentId::new(brand),
    }
    .map_err(Error::Core)
}

/// A conversation's turns as (role, who, instant, message, tweet id), each checked.
type Turn<'a> = (&'static str, &'a str, DateTime<Utc>, &'a str, &'a str);

fn turns_of(turns: &[Value]) -> Result<Vec<Turn<'_>>, Error> {
    let mut parsed = Vec::with_capacity(turns.len());
    for (i, turn) in turns.iter().enumerate() {
        let path = format!("dialogContent[{i}]");
        let t = object(Some(turn), &path)?;
        let (role, who) = ["agent", "client", "client1"]
            .iter()
            .find_map(|r| t.get(*r).and_then(Value::as_str).map(|w| (*r, w)))
            .ok_or_else(|| {
                invalid(
                    &path,
                    &turn.to_string(),
                    "a turn names its `client`, `client1` or `agent`",
                )
            })?;
        let at = instant(text(t, "datetime", &path)?, &format!("{path}.datetime"))?;
        let message = text(t, "message", &path)?;
        let id = text(t, "tweet_ID", &path)?;
        parsed.push((role, who, at, message, id));
    }
    Ok(parsed)
}

fn conversation(line: u64, value: &Value) -> Result<CaseBatch, Error> {
    let root = object(Some(value), "conversation")?;
    let head = object(root.get("dialogHeader"), "dialogHeader")?;
    let brand = text(head, "company", "dialogHeader")?;
    let session = text(head, "sessionID", "dialogHeader")?;
    let case_id = super::case_id("dialogHeader.sessionID", session)?;
    let turns = match root.get("dialogContent") {
        Some(Value::Array(a)) => a,
        _ => return Err(invalid("dialogContent", "", "expected an array of turns")),
    };
    let parsed = turns_of(turns)?;
    let first = parsed
        .iter()
        .find(|t| t.0 != "agent")
        .ok_or_else(|| invalid("dialogContent", "", "no customer turn"))?;
    let customer = CustomerId::new(first.1).map_err(Error::Core)?;
    let opened_at = parsed.first().map_or(first.2, |t| t.2);
    let mut metadata = BTreeMap::new();
    metadata.insert("brand".to_string(), brand.to_string());
    metadata.insert("source".to_string(), "ibm-twitter-cdp".to_string());
    let mut events = vec![(
        line,
        super::opened(
            &case_id,
            opened_at,
            &customer,
            Channel::Twitter,
            kesher::event::Priority::Normal,
            metadata,
        ),
    )];
    let message = |seq: usize,
                   id: &str,
                   at: DateTime<Utc>,
                   text: &str,
                   inbound: Option<&str>|
     -> Result<Interaction, Error> {
        let (direction, actor, customer_id) = match inbound {
            Some(who) => (
                Direction::Inbound,
                Actor::Customer,
                CustomerId::new(who).map_err(Error::Core)?,
            ),
            None => (
                Direction::Outbound,
                Actor::Agent {
                    id: agent(brand, text)?,
                },
                customer.clone(),
            ),
        };
        Ok(Interaction {
            id: InteractionId::new(id).map_err(Error::Core)?,
            customer_id,
            case_id: Some(case_id.clone()),
            seq: seq as u64,
            at,
            channel: Channel::Twitter,
            direction,
            actor,
            kind: InteractionKind::Message,
            in_reply_to: None,
            text: Some(super::tweet_text(text)),
            emotion: None,
            metadata: BTreeMap::new(),
        })
    };
    for (i, (role, who, at, text, id)) in parsed.iter().enumerate() {
        let inbound = (*role != "agent").then_some(*who);
        events.push((
            line,
            CaseEvent::Interaction(message(i + 1, id, *at, text, inbound)?),
        ));
    }
    if let Some(url) = root.get("agentURL").filter(|v| !v.is_null()) {
        let url = object(Some(url), "agentURL")?;
        let id = text(url, "tweet_ID", "agentURL")?;
        let at = snowflake(id, "agentURL.tweet_ID")?;
        let utterance = text(url, "url_utterance", "agentURL")?;
        let mut m = message(parsed.len() + 1, id, at, utterance, None)?;
        for key in ["url", "doc_id"] {
            if let Some(v) = url.get(key).and_then(Value::as_str) {
                m.metadata.insert(
                    format!("doc_{}", key.trim_start_matches("doc_")),
                    v.to_string(),
                );
            }
        }
        events.push((line, CaseEvent::Interaction(m)));
    }
    Ok(CaseBatch { case_id, events })
}

impl<R: BufRead> Iterator for IbmImporter<R> {
    type Item = Result<CaseBatch, Rejection>;

    fn next(&mut self) -> Option<Self::Item> {
        let element = self.array.next_element()?;
        self.summary.read += 1;
        let index = self.index;
        self.index += 1;
        let outcome = match element {
            Ok((line, bytes)) => serde_json::from_slice::<Value>(&bytes)
                .map_err(|e| {
                    Error::Core(
                        kesher::Error::invalid_json(format!("[{index}]"), e.to_string())
                            .with_source(e),
                    )
                })
                .and_then(|v| conversation(line, &v))
                .and_then(|batch| {
                    if self
                        .sessions
                        .insert(self.summary.read, super::id_hash(&batch.case_id))
                    {
                        Ok(batch)
                    } else {
                        Err(invalid(
                            "dialogHeader.sessionID",
                            batch.case_id.as_str(),
                            "repeats a conversation already read",
                        ))
                    }
                })
                .map_err(|error| Rejection { line, error }),
            Err((line, error)) => Err(Rejection { line, error }),
        };
        match &outcome {
            Ok(_) => self.summary.accepted += 1,
            Err(_) => self.summary.rejected += 1,
        }
        Some(outcome)
    }
}

impl<R: BufRead> CaseSource for IbmImporter<R> {
    fn summary(&self) -> ImportSummary {
        self.summary
    }
}
