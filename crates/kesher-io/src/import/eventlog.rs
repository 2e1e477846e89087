//! Helpdesk and incident event logs (one row per activity of a case) into cases.

use super::recent::RecentIds;
use super::{case_id, invalid, CaseBatch, CaseSource, EventLogMapping};
use crate::{Error, ImportSummary, Rejection};
use chrono::{DateTime, Utc};
use kesher::{
    event::{Assigned, CaseEvent, Priority, PriorityChanged, StatusChanged, Transferred},
    interaction::{Actor, Direction, Interaction, InteractionKind},
    AgentId, CaseId, CaseStatus, CustomerId, InteractionId,
};
use std::collections::{BTreeMap, VecDeque};
use std::io::BufRead;

/// Where each mapped column is in the header.
#[derive(Debug)]
struct Columns {
    case: usize,
    timestamp: usize,
    activity: Vec<usize>,
    resource: Option<usize>,
    team: Option<usize>,
    customer: Option<usize>,
    priority: Option<usize>,
    brand: Option<usize>,
    metadata: Vec<(String, usize)>,
}

/// One row, read.
#[derive(Debug)]
struct Row {
    line: u64,
    at: DateTime<Utc>,
    activity: String,
    resource: Option<String>,
    team: Option<String>,
    customer: Option<String>,
    priority: Option<Priority>,
    brand: Option<String>,
    metadata: Vec<(String, String)>,
}

/// An event log (CSV, one row per activity) read into cases through an [`EventLogMapping`].
///
/// Rows must be grouped by case (both public logs are): a case is handed over when the next case
/// id starts, so memory holds one case. A row whose case id was already handed over is rejected
/// with its line and the reason, when it comes within [`crate::DEFAULT_CASE_WINDOW_ROWS`] rows
/// of the hand-over (the importer remembers a hash of the ids of that window, at most two, not
/// every id of the file); later than that, it starts a second case with the same id. Within a case, rows are ordered by time (stable, so rows at the
/// same instant keep their order) before they become events.
///
/// The first row of a case opens it and records the customer's request (the ticket itself) as
/// an inbound message without text, since a log holds no messages.
///
/// # Example
///
/// ```
/// use kesher_io::{CaseSource, EventLogImporter, EventLogMapping};
///
/// let csv = "Case ID,Activity,Resource,Complete Timestamp,customer
/// Case 1,Assign seriousness,Value 1,2012/10/09 14:50:17.000,Value 7
/// Case 1,Take in charge ticket,Value 2,2012/10/09 14:51:01.000,Value 7
/// Case 1,Resolve ticket,Value 2,2012/10/12 15:02:56.000,Value 7
/// Case 1,Closed,Value 3,2012/10/20 15:04:24.000,Value 7
/// ";
/// let mut source = EventLogImporter::new(csv.as_bytes(), EventLogMapping::helpdesk())?;
/// let case = source.next().unwrap()?.into_log().into_case()?;
/// assert_eq!(case.status(), kesher::CaseStatus::Closed);
/// assert_eq!(case.customer().id.as_str(), "Value 7");
/// // Europe/Rome in October is UTC+2.
/// assert_eq!(case.opened_at().to_rfc3339(), "2012-10-09T12:50:17+00:00");
/// assert_eq!(case.facts().time_to_first_human_response, Some(chrono::TimeDelta::seconds(44)));
/// assert!(source.next().is_none());
/// assert_eq!(source.summary().to_string(), "read 4, accepted 4, rejected 0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct EventLogImporter<R> {
    csv: csv::Reader<super::csv_lines::LineCounted<R>>,
    mapping: EventLogMapping,
    timestamps: super::timestamps::Timestamps,
    columns: Columns,
    record: csv::StringRecord,
    /// The header's number of fields (a row's line inside a field with as many separators is a
    /// row swallowed by an unclosed quote).
    width: usize,
    open: Option<(CaseId, Vec<Row>)>,
    /// A hash of each case handed over within the window, to refuse rows of it that come later.
    finished: RecentIds,
    ready: VecDeque<CaseBatch>,
    summary: ImportSummary,
    ended: bool,
}

impl<R: BufRead> EventLogImporter<R> {
    /// An importer over `reader`; fails when the header lacks a mapped column or the mapping
    /// names an unknown time zone.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher_io::{EventLogImporter, EventLogMapping};
    /// let e = EventLogImporter::new("Case ID,Activity\n".as_bytes(), EventLogMapping::helpdesk()).unwrap_err();
    /// assert!(e.to_string().contains("Complete Timestamp"));
    /// ```
    pub fn new(reader: R, mapping: EventLogMapping) -> Result<Self, Error> {
        let timestamps = super::timestamps::Timestamps::new(
            mapping.timestamp_format.as_deref(),
            mapping.timezone.as_deref(),
        )?;
        let reader = super::csv_lines::counted(reader);
        let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let headers: Vec<String> = csv
            .headers()
            .map_err(|e| invalid("header", "", e.to_string()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        let find = |name: &str| -> Result<usize, Error> {
            headers.iter().position(|h| h == name).ok_or_else(|| {
                invalid(
                    "header",
                    &headers.join(","),
                    format!(
                        "the column `{name}` of the mapping `{}` is missing",
                        mapping.name
                    ),
                )
            })
        };
        let optional = |name: &Option<String>| name.as_deref().map(find).transpose();
        let columns = Columns {
            case: find(&mapping.case)?,
            timestamp: find(&mapping.timestamp)?,
            activity: mapping
                .activity
                .iter()
                .map(|a| find(a))
                .collect::<Result<_, _>>()?,
            resource: optional(&mapping.resource)?,
            team: optional(&mapping.team)?,
            customer: optional(&mapping.customer)?,
            priority: optional(&mapping.priority)?,
            brand: optional(&mapping.brand)?,
            // Attribute columns are copied when present: logs differ in which they keep.
            metadata: mapping
                .metadata
                .iter()
                .filter_map(|m| find(m).ok().map(|i| (m.clone(), i)))
                .collect(),
        };
        if columns.activity.is_empty() {
            return Err(invalid(
                "activity",
                "[]",
                "name at least one activity column",
            ));
        }
        Ok(EventLogImporter {
            csv,
            mapping,
            timestamps,
            columns,
            record: csv::StringRecord::new(),
            width: headers.len(),
            open: None,
            finished: RecentIds::new(super::DEFAULT_CASE_WINDOW_ROWS),
            ready: VecDeque::new(),
            summary: ImportSummary::default(),
            ended: false,
        })
    }

    fn get(&self, i: usize) -> &str {
        self.record.get(i).unwrap_or("").trim()
    }

    fn text(&self, i: Option<usize>) -> Option<String> {
        i.map(|i| self.get(i))
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    }

    fn parse(&self, line: u64) -> Result<(CaseId, Row), Error> {
        let id = case_id(&self.mapping.case, self.get(self.columns.case))?;
        let at = self
            .timestamps
            .parse(&self.mapping.timestamp, self.get(self.columns.timestamp))?;
        let activity: Vec<&str> = self.columns.activity.iter().map(|i| self.get(*i)).collect();
        let activity = activity.join("/");
        if activity.chars().all(|c| c == '/') {
            return Err(invalid(
                &self.mapping.activity.join("/"),
                &activity,
                "every row needs its activity",
            ));
        }
        let priority = match self.text(self.columns.priority) {
            None => None,
            Some(p) => Some(*self.mapping.priorities.get(&p).ok_or_else(|| {
                invalid(
                    self.mapping.priority.as_deref().unwrap_or("priority"),
                    &p,
                    format!(
                        "not one of the mapping's priorities ({})",
                        self.mapping
                            .priorities
                            .keys()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })?),
        };
        Ok((
            id,
            Row {
                line,
                at,
                activity,
                resource: self.text(self.columns.resource),
                team: self.text(self.columns.team),
                customer: self.text(self.columns.customer),
                priority,
                brand: self.text(self.columns.brand),
                metadata: self
                    .columns
                    .metadata
                    .iter()
                    .map(|(k, i)| (k.clone(), self.get(*i).to_string()))
                    .filter(|(_, v)| !v.is_empty())
                    .collect(),
            },
        ))
    }

    fn add(&mut self, id: CaseId, row: Row) -> Result<(), Error> {
        match &mut self.open {
            Some((open, rows)) if *open == id => {
                rows.push(row);
                return Ok(());
            }
            _ => {}
        }
        if self.finished.contains(super::id_hash(&id)) {
            return Err(invalid(
                &self.mapping.case,
                id.as_str(),
                "this case's rows ended earlier in the file and it was handed over; rows of a case must be together (sort the log by case id, keeping time order)",
            ));
        }
        self.finish();
        self.open = Some((id, vec![row]));
        Ok(())
    }

    fn finish(&mut self) {
        if let Some((id, rows)) = self.open.take() {
            self.summary.accepted += rows.len() as u64;
            self.finished.insert(self.summary.read, super::id_hash(&id));
            self.ready.push_back(case_of(&self.mapping, id, rows));
        }
    }
}

/// The moves from `from` to `to` as the case's status machine allows them (empty when it does
/// not).
fn path(from: CaseStatus, to: CaseStatus) -> Vec<CaseStatus> {
    use CaseStatus::*;
    if from == to {
        return Vec::new();
    }
    if from.can_become(to) {
        return vec![to];
    }
    if to == Closed && from.can_become(Resolved) {
        return vec![Resolved, Closed];
    }
    if from.can_become(Reopened) && Reopened.can_become(to) {
        return vec![Reopened, to];
    }
    Vec::new()
}

fn case_of(mapping: &EventLogMapping, id: CaseId, mut rows: Vec<Row>) -> CaseBatch {
    rows.sort_by_key(|r| r.at);
    let customer = rows.first().and_then(|first| {
        first
            .customer
            .as_deref()
            .and_then(|c| CustomerId::new(c).ok())
            .or_else(|| CustomerId::new(id.as_str()).ok())
    });
    let (Some(first), Some(customer)) = (rows.first(), customer) else {
        return CaseBatch {
            case_id: id,
            events: Vec::new(),
        };
    };
    let mut case = CaseEvents {
        mapping,
        id,
        customer,
        events: Vec::with_capacity(rows.len() * 2 + 2),
        seq: 1,
        status: CaseStatus::Received,
        priority: first.priority.unwrap_or_default(),
        resource: None,
        team: first.team.clone(),
    };
    case.open(first);
    for (n, row) in rows.iter().enumerate() {
        case.handover(row);
        case.priority(row);
        case.activity(row, n + 1);
    }
    CaseBatch {
        case_id: case.id,
        events: case.events,
    }
}

/// One case's events as its rows are read, with what the rows so far have set.
struct CaseEvents<'m> {
    mapping: &'m EventLogMapping,
    id: CaseId,
    customer: CustomerId,
    events: Vec<(u64, CaseEvent)>,
    /// The last sequence number given (1: the customer's request).
    seq: u64,
    status: CaseStatus,
    priority: Priority,
    resource: Option<String>,
    team: Option<String>,
}

impl CaseEvents<'_> {
    fn next(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// The case opened at the first row, and the customer's request (the ticket itself).
    fn open(&mut self, first: &Row) {
        let mut metadata = BTreeMap::new();
        for (k, v) in &first.metadata {
            metadata.insert(k.clone(), v.clone());
        }
        if let Some(brand) = first
            .brand
            .clone()
            .or_else(|| self.mapping.brand_name.clone())
        {
            metadata.insert("brand".into(), brand);
        }
        metadata.insert("source".into(), self.mapping.name.clone());
        let opened = super::opened(
            &self.id,
            first.at,
            &self.customer,
            self.mapping.channel.clone(),
            self.priority,
            metadata,
        );
        self.events.push((first.line, opened));
        let request = self.interaction(
            1,
            first,
            0,
            InteractionKind::Message,
            Direction::Inbound,
            Actor::Customer,
        );
        if let Some(request) = request {
            let metadata = [("recorded_as".to_string(), "the ticket itself".to_string())].into();
            self.events.push((
                first.line,
                CaseEvent::Interaction(Interaction {
                    metadata,
                    ..request
                }),
            ));
        }
    }

    /// The row's place in the case as an interaction: the case id with the row's place in it
    /// (a case id at the length limit falls back to the line, which is always a valid id).
    fn interaction(
        &self,
        seq: u64,
        row: &Row,
        n: usize,
        kind: InteractionKind,
        direction: Direction,
        actor: Actor,
    ) -> Option<Interaction> {
        let mut metadata = BTreeMap::new();
        metadata.insert("activity".to_string(), row.activity.clone());
        if let Some(team) = &row.team {
            metadata.insert("team".to_string(), team.clone());
        }
        Some(Interaction {
            id: InteractionId::new(format!("{}/{n}", self.id.as_str()))
                .or_else(|_| InteractionId::new(format!("line-{}", row.line)))
                .ok()?,
            customer_id: self.customer.clone(),
            case_id: Some(self.id.clone()),
            seq,
            at: row.at,
            channel: self.mapping.channel.clone(),
            direction,
            actor,
            kind,
            in_reply_to: None,
            text: None,
            emotion: None,
            metadata,
        })
    }

    /// A new team is a transfer to the row's agent (or the team); a new agent in the same team
    /// is an assignment (which the case counts as a transfer when someone else had it).
    fn handover(&mut self, row: &Row) {
        let moved = matches!((&row.team, &self.team), (Some(new), Some(old)) if new != old);
        let to = row.resource.as_ref().or(row.team.as_ref());
        if moved {
            let from = self.resource.as_ref().or(self.team.as_ref());
            let from = from.and_then(|f| AgentId::new(f.as_str()).ok());
            let reason = format!(
                "{} → {}",
                self.team.as_deref().unwrap_or_default(),
                row.team.as_deref().unwrap_or_default()
            );
            if let Some(to) = to.and_then(|t| AgentId::new(t.as_str()).ok()) {
                let seq = self.next();
                self.events.push((
                    row.line,
                    CaseEvent::Transferred(Transferred {
                        case_id: self.id.clone(),
                        seq,
                        at: row.at,
                        from,
                        to,
                        team: row.team.clone(),
                        reason: Some(reason),
                    }),
                ));
            }
        } else if let Some(r) = row
            .resource
            .as_ref()
            .filter(|r| self.resource.as_ref() != Some(*r))
        {
            if let Ok(agent) = AgentId::new(r.as_str()) {
                let seq = self.next();
                self.events.push((
                    row.line,
                    CaseEvent::Assigned(Assigned {
                        case_id: self.id.clone(),
                        seq,
                        at: row.at,
                        agent,
                        team: row.team.clone(),
                    }),
                ));
            }
        }
        if row.team.is_some() {
            self.team = row.team.clone();
        }
        if row.resource.is_some() {
            self.resource = row.resource.clone();
        }
    }

    /// A change of priority the row records.
    fn priority(&mut self, row: &Row) {
        if let Some(p) = row.priority.filter(|p| *p != self.priority) {
            let seq = self.next();
            self.events.push((
                row.line,
                CaseEvent::PriorityChanged(PriorityChanged {
                    case_id: self.id.clone(),
                    seq,
                    at: row.at,
                    priority: p,
                }),
            ));
            self.priority = p;
        }
    }

    /// The row's activity: an answer or a status change by its agent, and the status moves
    /// the mapping's rule for it makes (through the statuses between, when needed).
    fn activity(&mut self, row: &Row, n: usize) {
        let rule = self.mapping.activities.get(&row.activity);
        let actor_id = row
            .resource
            .as_deref()
            .or(self.team.as_deref())
            .and_then(|a| AgentId::new(a).ok())
            .or_else(|| AgentId::new("agent").ok());
        let actor = match actor_id {
            Some(id) => Actor::Agent { id },
            None => Actor::Bot { name: None },
        };
        let kind = if rule.is_some_and(|r| r.answer) {
            InteractionKind::Message
        } else {
            InteractionKind::StatusChange
        };
        let seq = self.next();
        if let Some(i) = self.interaction(seq, row, n, kind, Direction::Outbound, actor.clone()) {
            self.events.push((row.line, CaseEvent::Interaction(i)));
        }
        if let Some(to) = rule.and_then(|r| r.status) {
            for step in path(self.status, to) {
                let seq = self.next();
                self.events.push((
                    row.line,
                    CaseEvent::StatusChanged(StatusChanged {
                        case_id: self.id.clone(),
                        seq,
                        at: row.at,
                        to: step,
                        actor: Some(actor.clone()),
                        reason: Some(row.activity.clone()),
                    }),
                ));
                self.status = step;
            }
        }
    }
}

impl<R: BufRead> Iterator for EventLogImporter<R> {
    type Item = Result<CaseBatch, Rejection>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(batch) = self.ready.pop_front() {
                return Some(Ok(batch));
            }
            if self.ended {
                return None;
            }
            match super::read_csv_row(
                &mut self.csv,
                &mut self.record,
                &mut self.summary,
                self.width,
            ) {
                super::CsvRow::End => {
                    self.ended = true;
                    self.finish();
                }
                super::CsvRow::Record(line) => {
                    let outcome = self.parse(line).and_then(|(id, row)| self.add(id, row));
                    if let Err(error) = outcome {
                        self.summary.rejected += 1;
                        return Some(Err(Rejection { line, error }));
                    }
                }
                super::CsvRow::Failed(rejection, goes_on) => {
                    if !goes_on {
                        self.ended = true;
                        self.finish();
                    }
                    return Some(Err(rejection));
                }
            }
        }
    }
}

impl<R: BufRead> CaseSource for EventLogImporter<R> {
    fn summary(&self) -> ImportSummary {
        self.summary
    }
}
