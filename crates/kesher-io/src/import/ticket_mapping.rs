//! How the columns of a one-row-per-ticket table become case events.

use kesher::{event::Priority, CaseStatus, Channel};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a table with one row per ticket (a spreadsheet, a 311-style export, a helpdesk's ticket
/// list) maps to case events: `kesher import --mapping FILE`, `kesher report --mapping FILE`.
/// A mapping with a `created` column is read as such a table; one with `activity` columns as an
/// event log ([`crate::EventLogMapping`]).
///
/// Each row is one complete case:
/// - `opened` at the `created` instant, with the channel, priority, customer, problem
///   (`problem` column as its category, `description` as its description), the brand and the
///   `metadata` columns; and the customer's request as an inbound message at the same instant
///   (its text the description);
/// - the `first_reply` instant, when present: an agent's message (the first response);
/// - the `resolved` instant: `resolved`, with the `resolution` column as the agent's message
///   that resolved it;
/// - the `closed` instant: `closed` (resolved first when no `resolved` instant came before);
/// - otherwise the `status` column, read through `statuses`, at the latest instant of the row
///   (a table gives the status as of its export, not when it was reached).
///
/// A row whose instants go backwards (closed before created, say) is rejected with the column
/// and both values: it cannot be a case, and kesher does not guess which one is wrong.
///
/// # Example
///
/// ```
/// let m = kesher_io::TicketTableMapping::nyc311();
/// assert_eq!(m.created, "Created Date");
/// let json = serde_json::to_string(&m).unwrap();
/// assert_eq!(kesher_io::TicketTableMapping::from_json(&json).unwrap(), m);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketTableMapping {
    /// A name for the table, recorded as the cases' `metadata.source`.
    pub name: String,
    /// The column with the ticket id.
    pub case: String,
    /// The column with the instant the ticket was created.
    pub created: String,
    /// The column with the instant of the first reply to the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_reply: Option<String>,
    /// The column with the instant the ticket was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
    /// The column with the instant the ticket was closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<String>,
    /// The column with the ticket's status as of the export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The status each value of the status column means (a value not listed leaves the
    /// status to the instants).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub statuses: BTreeMap<String, CaseStatus>,
    /// A chrono `strftime` format for instants without an offset (RFC 3339 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_format: Option<String>,
    /// The IANA time zone of instants written without an offset (UTC when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The column with the channel, read through `channels`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The channel each value of the channel column means; a value not listed is a custom
    /// channel of that name (lower case).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub channels: BTreeMap<String, Channel>,
    /// The channel of a row without one.
    pub default_channel: Channel,
    /// The column with the priority, read through `priorities`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// The priority each value of the priority column means.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub priorities: BTreeMap<String, Priority>,
    /// The column naming the customer (each ticket is its own customer when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// The column naming the agent (or group) who handled the ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// The column whose value is the problem's category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// The column describing the problem (the request's text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The column with the resolution note (the text of the resolving message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// The column whose value is the case's `metadata.brand`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// The brand when there is no brand column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_name: Option<String>,
    /// Columns copied into the case's metadata, under their own names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metadata: Vec<String>,
}

impl TicketTableMapping {
    /// NYC 311 service requests as NYC Open Data exports them (dataset `erm2-nwe9`): `Unique
    /// Key`, `Created Date` and `Closed Date` in New York local time (`06/26/2018 10:58:54 AM`),
    /// `Status`, `Open Data Channel Type` (PHONE, ONLINE, MOBILE…), the agency as the brand and
    /// the handler, `Complaint Type` / `Descriptor` as the problem, `Resolution Description` as
    /// the note that resolved it. 311 records no first reply, and its closing is the resolution.
    ///
    /// # Example
    ///
    /// ```
    /// let m = kesher_io::TicketTableMapping::nyc311();
    /// assert_eq!(m.channels["ONLINE"], kesher::Channel::WebForm);
    /// ```
    pub fn nyc311() -> TicketTableMapping {
        let map = |pairs: &[(&str, Channel)]| {
            let mut m = BTreeMap::new();
            for (k, v) in pairs {
                m.insert(k.to_string(), v.clone());
            }
            m
        };
        let mut statuses = BTreeMap::new();
        for (k, v) in [
            ("Open", CaseStatus::Received),
            ("Assigned", CaseStatus::Acknowledged),
            ("In Progress", CaseStatus::InProgress),
            ("Pending", CaseStatus::WaitingOnCustomer),
            ("Email Sent", CaseStatus::InProgress),
            ("Closed", CaseStatus::Closed),
        ] {
            statuses.insert(k.to_string(), v);
        }
        TicketTableMapping {
            name: "nyc311".into(),
            case: "Unique Key".into(),
            created: "Created Date".into(),
            first_reply: None,
            resolved: None,
            closed: Some("Closed Date".into()),
            status: Some("Status".into()),
            statuses,
            timestamp_format: Some("%m/%d/%Y %I:%M:%S %p".into()),
            timezone: Some("America/New_York".into()),
            channel: Some("Open Data Channel Type".into()),
            channels: map(&[
                ("PHONE", Channel::Phone),
                ("ONLINE", Channel::WebForm),
                ("MOBILE", Channel::Custom("mobile_app".into())),
            ]),
            default_channel: Channel::Phone,
            priority: None,
            priorities: BTreeMap::new(),
            customer: None,
            agent: Some("Agency".into()),
            problem: Some("Complaint Type".into()),
            description: Some("Descriptor".into()),
            resolution: Some("Resolution Description".into()),
            brand: Some("Agency".into()),
            brand_name: None,
            metadata: ["Borough", "Incident Zip", "Location Type", "Due Date"]
                .map(String::from)
                .to_vec(),
        }
    }

    /// A mapping from JSON, errors naming the field.
    ///
    /// # Example
    ///
    /// ```
    /// let e = kesher_io::TicketTableMapping::from_json(r#"{"name": "crm", "case": "id"}"#).unwrap_err();
    /// assert!(e.to_string().contains("created"), "{e}");
    /// ```
    pub fn from_json(text: &str) -> Result<TicketTableMapping, crate::Error> {
        kesher::from_json(text).map_err(crate::Error::Core)
    }
}
