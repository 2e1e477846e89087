//! Tables with one row per ticket (spreadsheets, 311-style exports) into cases.

use super::recent::RecentIds;
use super::timestamps::Timestamps;
use super::{case_id, invalid, CaseBatch, CaseSource, TicketTableMapping};
use crate::{Error, ImportSummary, Rejection};
use chrono::{DateTime, Utc};
use kesher::{
    event::{CaseEvent, Priority, Problem, StatusChanged},
    interaction::{Actor, Direction, Interaction, InteractionKind},
    AgentId, CaseId, CaseStatus, Channel, CustomerId, InteractionId,
};
use std::collections::BTreeMap;
use std::io::BufRead;

/// A table with one row per ticket (CSV) read into cases through a [`TicketTableMapping`]: each
/// row is a complete case, handed over at once, so memory holds one row. A second row for a
/// ticket already read (within [`crate::DEFAULT_CASE_WINDOW_ROWS`] rows) is rejected.
///
/// # Example
///
/// ```
/// use kesher_io::{CaseSource, TicketTableImporter, TicketTableMapping};
///
/// let csv = "Unique Key,Created Date,Closed Date,Agency,Complaint Type,Descriptor,Status,Resolution Description,Open Data Channel Type
/// 1,06/26/2018 10:58:54 AM,06/26/2018 12:50:01 PM,NYPD,Noise,Loud Music,Closed,Police responded.,PHONE
/// 2,06/26/2018 11:00:00 AM,,DOT,Street Condition,Pothole,Open,,ONLINE
/// 3,06/26/2018 11:00:00 AM,06/25/2018 09:00:00 AM,DOT,Street Condition,Pothole,Closed,,ONLINE
/// ";
/// let mut source = TicketTableImporter::new(csv.as_bytes(), TicketTableMapping::nyc311())?;
/// let noise = source.next().unwrap()?.into_log().into_case()?;
/// assert_eq!(noise.status(), kesher::CaseStatus::Closed);
/// assert_eq!(noise.facts().time_to_resolution.map(|d| d.num_minutes()), Some(111));
/// let pothole = source.next().unwrap()?.into_log().into_case()?;
/// assert_eq!(pothole.status(), kesher::CaseStatus::Received);
/// assert_eq!(pothole.first_channel(), &kesher::Channel::WebForm);
/// let backwards = source.next().unwrap().unwrap_err();
/// assert_eq!(backwards.line, 4);
/// assert!(backwards.to_string().contains("Closed Date"), "{backwards}");
/// assert!(source.next().is_none());
/// assert_eq!(source.summary().to_string(), "read 3, accepted 2, rejected 1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct TicketTableImporter<R> {
    csv: csv::Reader<super::csv_lines::LineCounted<R>>,
    mapping: TicketTableMapping,
    timestamps: Timestamps,
    columns: BTreeMap<String, usize>,
    record: csv::StringRecord,
    width: usize,
    seen: RecentIds,
    summary: ImportSummary,
    ended: bool,
}

impl<R: BufRead> TicketTableImporter<R> {
    /// An importer over `reader`; fails when the header lacks a mapped column (the `metadata`
    /// columns excepted: tables differ in which they keep) or the mapping names an unknown time
    /// zone.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher_io::{TicketTableImporter, TicketTableMapping};
    /// let e = TicketTableImporter::new("Unique Key,Status\n".as_bytes(), TicketTableMapping::nyc311()).unwrap_err();
    /// assert!(e.to_string().contains("Created Date"), "{e}");
    /// ```
    pub fn new(reader: R, mapping: TicketTableMapping) -> Result<Self, Error> {
        let timestamps = Timestamps::new(
            mapping.timestamp_format.as_deref(),
            mapping.timezone.as_deref(),
        )?;
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(super::csv_lines::counted(reader));
        let headers: Vec<String> = csv
            .headers()
            .map_err(|e| invalid("header", "", e.to_string()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        let m = &mapping;
        let required = [Some(&m.case), Some(&m.created)]
            .into_iter()
            .chain(
                [
                    &m.first_reply,
                    &m.resolved,
                    &m.closed,
                    &m.status,
                    &m.channel,
                    &m.priority,
                    &m.customer,
                    &m.agent,
                    &m.problem,
                    &m.description,
                    &m.resolution,
                    &m.brand,
                ]
                .map(Option::as_ref),
            )
            .flatten();
        let mut columns = BTreeMap::new();
        for name in required {
            let i = headers.iter().position(|h| h == name).ok_or_else(|| {
                invalid(
                    "header",
                    &headers.join(","),
                    format!("the column `{name}` of the mapping `{}` is missing", m.name),
                )
            })?;
            columns.insert(name.clone(), i);
        }
        for name in &m.metadata {
            if let Some(i) = headers.iter().position(|h| h == name) {
                columns.insert(name.clone(), i);
            }
        }
        Ok(TicketTableImporter {
            csv,
            width: headers.len(),
            mapping,
            timestamps,
            columns,
            record: csv::StringRecord::new(),
            seen: RecentIds::new(super::DEFAULT_CASE_WINDOW_ROWS),
            summary: ImportSummary::default(),
            ended: false,
        })
    }

    /// The trimmed value of a mapped column (`None` when unmapped or blank).
    fn get(&self, column: Option<&String>) -> Option<&str> {
        let i = *self.columns.get(column?)?;
        Some(self.record.get(i)?.trim()).filter(|v| !v.is_empty())
    }

    fn instant<'a>(
        &self,
        column: Option<&'a String>,
    ) -> Result<Option<(DateTime<Utc>, &'a str)>, Error> {
        let (Some(name), Some(raw)) = (column, self.get(column)) else {
            return Ok(None);
        };
        Ok(Some((self.timestamps.parse(name, raw)?, name.as_str())))
    }

    fn mapped<V: Clone>(
        &self,
        column: Option<&String>,
        values: &BTreeMap<String, V>,
    ) -> Option<Result<V, Error>> {
        let value = self.get(column)?;
        Some(values.get(value).cloned().ok_or_else(|| {
            let known: Vec<&str> = values.keys().map(String::as_str).collect();
            invalid(
                column.map_or("", |c| c.as_str()),
                value,
                format!("not one of the mapping's values ({})", known.join(", ")),
            )
        }))
    }

    fn channel(&self) -> Result<Channel, Error> {
        let m = &self.mapping;
        match (
            self.mapped(m.channel.as_ref(), &m.channels),
            self.get(m.channel.as_ref()),
        ) {
            (None, _) => Ok(m.default_channel.clone()),
            (Some(Ok(c)), _) => Ok(c),
            (Some(Err(_)), Some(raw)) => {
                let name = raw.to_lowercase().replace([' ', '-'], "_");
                Channel::custom(&name).map_err(|e| {
                    invalid(
                        m.channel.as_deref().unwrap_or("channel"),
                        raw,
                        format!("not a channel name kesher can keep: {e}"),
                    )
                })
            }
            (Some(Err(e)), None) => Err(e),
        }
    }

    /// The row as one case's events.
    fn case(&self, line: u64) -> Result<CaseBatch, Error> {
        let m = &self.mapping;
        let id = case_id(&m.case, self.get(Some(&m.case)).unwrap_or(""))?;
        let created = self
            .instant(Some(&m.created))?
            .ok_or_else(|| invalid(&m.created, "", "every ticket needs its creation instant"))?;
        let mut marks = vec![created];
        for column in [&m.first_reply, &m.resolved, &m.closed] {
            if let Some(mark) = self.instant(column.as_ref())? {
                if let Some((before, name)) = marks.iter().rev().find(|(t, _)| *t > mark.0) {
                    return Err(invalid(
                        mark.1,
                        self.get(column.as_ref()).unwrap_or(""),
                        format!("before `{name}` ({before}): the row's instants go backwards"),
                    ));
                }
                marks.push(mark);
            }
        }
        let priority = match self.mapped(m.priority.as_ref(), &m.priorities) {
            Some(p) => p?,
            None => Priority::Normal,
        };
        let status = self
            .mapped(m.status.as_ref(), &m.statuses)
            .and_then(Result::ok);
        let row = Row {
            line,
            id,
            channel: self.channel()?,
            priority,
            customer: self.get(m.customer.as_ref()).map(str::to_string),
            agent: self.get(m.agent.as_ref()).map(str::to_string),
            problem: self.get(m.problem.as_ref()).map(str::to_string),
            description: self.get(m.description.as_ref()).map(str::to_string),
            resolution: self.get(m.resolution.as_ref()).map(str::to_string),
            metadata: self.metadata(),
            created: created.0,
            first_reply: self.instant(m.first_reply.as_ref())?.map(|t| t.0),
            resolved: self.instant(m.resolved.as_ref())?.map(|t| t.0),
            closed: self.instant(m.closed.as_ref())?.map(|t| t.0),
            status,
            last: marks.iter().map(|t| t.0).max().unwrap_or(created.0),
        };
        row.events(m)
    }

    fn metadata(&self) -> BTreeMap<String, String> {
        let m = &self.mapping;
        let mut out = BTreeMap::new();
        for name in &m.metadata {
            if let Some(v) = self.get(Some(name)) {
                out.insert(name.clone(), v.to_string());
            }
        }
        if let Some(brand) = self
            .get(m.brand.as_ref())
            .map(str::to_string)
            .or_else(|| m.brand_name.clone())
        {
            out.insert("brand".into(), brand);
        }
        out.insert("source".into(), m.name.clone());
        out
    }
}

/// One ticket, read.
struct Row {
    line: u64,
    id: CaseId,
    channel: Channel,
    priority: Priority,
    customer: Option<String>,
    agent: Option<String>,
    problem: Option<String>,
    description: Option<String>,
    resolution: Option<String>,
    metadata: BTreeMap<String, String>,
    created: DateTime<Utc>,
    first_reply: Option<DateTime<Utc>>,
    resolved: Option<DateTime<Utc>>,
    closed: Option<DateTime<Utc>>,
    status: Option<CaseStatus>,
    /// The latest instant of the row.
    last: DateTime<Utc>,
}

impl Row {
    /// The status moves the row records: resolved and closed at their instants, or else the
    /// row's status at its latest instant (resolved first when it says closed).
    fn status_steps(&self, resolved_at: Option<DateTime<Utc>>) -> Vec<(DateTime<Utc>, CaseStatus)> {
        let mut steps: Vec<(DateTime<Utc>, CaseStatus)> = Vec::new();
        if let Some(at) = resolved_at {
            steps.push((at, CaseStatus::Resolved));
        }
        if let Some(at) = self.closed {
            steps.push((at, CaseStatus::Closed));
        }
        if steps.is_empty() {
            if let Some(status) = self.status.filter(|s| *s != CaseStatus::Received) {
                if matches!(status, CaseStatus::Closed) {
                    steps.push((self.last, CaseStatus::Resolved));
                }
                steps.push((self.last, status));
            }
        }
        steps
    }

    fn events(self, m: &TicketTableMapping) -> Result<CaseBatch, Error> {
        let customer_name = self.customer.as_deref().unwrap_or(self.id.as_str());
        let customer = CustomerId::new(customer_name)
            .map_err(|e| super::renamed(e, m.customer.as_deref().unwrap_or(&m.case)))?;
        let agent = self
            .agent
            .as_deref()
            .and_then(|a| AgentId::new(a).ok())
            .or_else(|| AgentId::new("agent").ok());
        let mut opened = super::opened(
            &self.id,
            self.created,
            &customer,
            self.channel.clone(),
            self.priority,
            self.metadata.clone(),
        );
        if let (CaseEvent::Opened(o), Some(category)) = (&mut opened, &self.problem) {
            o.problem = Some(Problem {
                category: category.clone(),
                description: self.description.clone(),
            });
        }
        let mut events = vec![(self.line, opened)];
        let mut seq = 0u64;
        let mut message = |at, direction, actor: Actor, text: Option<&String>, what: &str| {
            seq += 1;
            let interaction = Interaction {
                id: InteractionId::new(format!("{}/{what}", self.id.as_str()))
                    .or_else(|_| InteractionId::new(format!("line-{}/{what}", self.line)))
                    .ok()?,
                customer_id: customer.clone(),
                case_id: Some(self.id.clone()),
                seq,
                at,
                channel: self.channel.clone(),
                direction,
                actor,
                kind: InteractionKind::Message,
                in_reply_to: None,
                text: text.cloned(),
                emotion: None,
                metadata: [("recorded_as".to_string(), what.to_string())].into(),
            };
            Some((self.line, CaseEvent::Interaction(interaction)))
        };
        let staff = || match &agent {
            Some(id) => Actor::Agent { id: id.clone() },
            None => Actor::System,
        };
        events.extend(message(
            self.created,
            Direction::Inbound,
            Actor::Customer,
            self.description.as_ref(),
            "request",
        ));
        if let Some(at) = self.first_reply {
            events.extend(message(
                at,
                Direction::Outbound,
                staff(),
                None,
                "first_reply",
            ));
        }
        let resolved_at = self.resolved.or(self.closed);
        if let Some(at) = resolved_at.filter(|_| self.resolution.is_some()) {
            events.extend(message(
                at,
                Direction::Outbound,
                staff(),
                self.resolution.as_ref(),
                "resolution",
            ));
        }
        let steps = self.status_steps(resolved_at);
        for (n, (at, to)) in steps.into_iter().enumerate() {
            events.push((
                self.line,
                CaseEvent::StatusChanged(StatusChanged {
                    case_id: self.id.clone(),
                    seq: 100 + n as u64,
                    at,
                    to,
                    actor: Some(staff()),
                    reason: None,
                }),
            ));
        }
        Ok(CaseBatch {
            case_id: self.id,
            events,
        })
    }
}

impl<R: BufRead> Iterator for TicketTableImporter<R> {
    type Item = Result<CaseBatch, Rejection>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ended {
            return None;
        }
        let read = super::read_csv_row(
            &mut self.csv,
            &mut self.record,
            &mut self.summary,
            self.width,
        );
        match read {
            super::CsvRow::End => {
                self.ended = true;
                None
            }
            super::CsvRow::Failed(rejection, goes_on) => {
                self.ended = !goes_on;
                Some(Err(rejection))
            }
            super::CsvRow::Record(line) => {
                let outcome = self.case(line).and_then(|batch| {
                    let hash = super::id_hash(&batch.case_id);
                    if self.seen.contains(hash) {
                        return Err(invalid(
                            &self.mapping.case,
                            batch.case_id.as_str(),
                            "a second row for this ticket: a table has one row per ticket",
                        ));
                    }
                    self.seen.insert(self.summary.read, hash);
                    Ok(batch)
                });
                match outcome {
                    Ok(_) => self.summary.accepted += 1,
                    Err(_) => self.summary.rejected += 1,
                }
                Some(outcome.map_err(|error| Rejection { line, error }))
            }
        }
    }
}

impl<R: BufRead> CaseSource for TicketTableImporter<R> {
    fn summary(&self) -> ImportSummary {
        self.summary
    }
}
