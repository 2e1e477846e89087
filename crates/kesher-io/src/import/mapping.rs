//! How the columns and activities of a helpdesk event log become case events.

use kesher::{event::Priority, CaseStatus, Channel};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one activity of an event log means for the case.
///
/// # Example
///
/// ```
/// let rule: kesher_io::ActivityRule = serde_json::from_str(r#"{"status": "in_progress", "answer": true}"#).unwrap();
/// assert_eq!(rule.status, Some(kesher::CaseStatus::InProgress));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityRule {
    /// The status the case moves to (none: the activity leaves the status as it is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CaseStatus>,
    /// Whether the activity is the agent's answer to the customer (an event log holds no
    /// messages: the first such activity stops the first-response clock). The row is then
    /// recorded as an outbound agent message without text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answer: bool,
}

/// How an event log's columns and activities map to case events. The presets
/// ([`EventLogMapping::helpdesk`], [`EventLogMapping::bpic2013`]) fit the two public logs; for
/// another log write one as JSON (`kesher report --mapping FILE`).
///
/// Every row becomes an interaction of the case (kind `status_change`, or an agent `message`
/// for an activity with `answer`), carrying the activity and the row's other mapped columns in its
/// metadata, so no row is lost; the first row of a case also opens it. Besides that:
/// - a status: a `status_changed` event (a closed case going back to work is `reopened` first;
///   closing an open case resolves it first; a move the case's status machine does not allow is
///   left to the interaction alone);
/// - a change of the team column: `transferred` to the row's agent (or the team); else a change
///   of the resource column: `assigned` (a case counts a new assignee as a transfer);
/// - a change of the priority column: `priority_changed`.
///
/// # Example
///
/// ```
/// let m = kesher_io::EventLogMapping::helpdesk();
/// assert_eq!(m.case, "Case ID");
/// let json = serde_json::to_string(&m).unwrap();
/// let back: kesher_io::EventLogMapping = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, m);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventLogMapping {
    /// A name for the log, recorded as the cases' `metadata.source`.
    pub name: String,
    /// The column with the case id.
    pub case: String,
    /// The column with the instant.
    pub timestamp: String,
    /// A chrono `strftime` format for timestamps without an offset (RFC 3339 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_format: Option<String>,
    /// The IANA time zone of timestamps written without an offset (UTC when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The columns whose values, joined by `/`, name the activity.
    pub activity: Vec<String>,
    /// What each activity means; an activity not listed is recorded as an interaction only.
    #[serde(default)]
    pub activities: BTreeMap<String, ActivityRule>,
    /// The column naming the agent who did it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The column naming the team the case is with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The column naming the customer (each case is its own customer when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// The column with the priority, read through `priorities`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// The priority each value of the priority column means.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub priorities: BTreeMap<String, Priority>,
    /// The column whose value is the case's `metadata.brand` (the company or line served).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// The brand when there is no brand column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_name: Option<String>,
    /// The channel of the cases.
    pub channel: Channel,
    /// Columns copied into the case's metadata at opening, under their own names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metadata: Vec<String>,
}

fn rule(status: Option<CaseStatus>, answer: bool) -> ActivityRule {
    ActivityRule { status, answer }
}

/// A map by name, built by inserting (collecting into a `BTreeMap` sorts, a sort per map type).
fn named<V>(pairs: impl IntoIterator<Item = (&'static str, V)>) -> BTreeMap<String, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k.to_string(), v);
    }
    map
}

impl EventLogMapping {
    /// The help-desk log of an Italian software company (Polato 2017, 4TU.ResearchData): columns
    /// `Case ID, Activity, Resource, Complete Timestamp` and anonymised attributes; times in
    /// Europe/Rome (the log has no zone). `Take in charge ticket` is the answer and starts the
    /// work, `Wait` waits on the customer (an SLA pause), `Resolve ticket` resolves and `Closed`
    /// closes.
    ///
    /// # Example
    ///
    /// ```
    /// let m = kesher_io::EventLogMapping::helpdesk();
    /// assert!(m.activities["Take in charge ticket"].answer);
    /// ```
    pub fn helpdesk() -> EventLogMapping {
        use CaseStatus::*;
        let activities = [
            ("Take in charge ticket", rule(Some(InProgress), true)),
            ("Wait", rule(Some(WaitingOnCustomer), false)),
            ("Resolve ticket", rule(Some(Resolved), false)),
            ("Closed", rule(Some(Closed), false)),
        ];
        EventLogMapping {
            name: "helpdesk".into(),
            case: "Case ID".into(),
            timestamp: "Complete Timestamp".into(),
            timestamp_format: Some("%Y/%m/%d %H:%M:%S%.f".into()),
            timezone: Some("Europe/Rome".into()),
            activity: vec!["Activity".into()],
            activities: named(activities),
            resource: Some("Resource".into()),
            team: None,
            customer: Some("customer".into()),
            priority: None,
            priorities: BTreeMap::new(),
            brand: None,
            brand_name: Some("help desk".into()),
            channel: Channel::Custom("ticket".into()),
            metadata: [
                "product",
                "seriousness",
                "service_level",
                "service_type",
                "support_section",
                "workgroup",
            ]
            .map(String::from)
            .to_vec(),
        }
    }

    /// Volvo IT Belgium's incident log (BPI Challenge 2013, Steeman 2013, 4TU.ResearchData), as
    /// CSV with columns `case_id, timestamp, status, sub_status, org_group, org_resource, impact,
    /// organization_involved, …`. The activity is `status/sub_status`: `Accepted/In Progress`
    /// is the answer; every `Accepted/Wait…` (user, customer, vendor, implementation) waits and
    /// pauses the SLA clock; `Completed/Resolved` and `Completed/In Call` (solved during the call)
    /// resolve; `Completed/Closed` and `Completed/Cancelled` close. A change of `org_group` is a
    /// transfer; `impact` Low/Medium/High/Major is the priority low/normal/high/urgent; the org
    /// line is the brand.
    ///
    /// # Example
    ///
    /// ```
    /// let m = kesher_io::EventLogMapping::bpic2013();
    /// assert_eq!(m.priorities["Major"], kesher::event::Priority::Urgent);
    /// ```
    pub fn bpic2013() -> EventLogMapping {
        use CaseStatus::*;
        let activities = [
            ("Accepted/In Progress", rule(Some(InProgress), true)),
            ("Accepted/Wait", rule(Some(WaitingOnCustomer), false)),
            ("Accepted/Wait - User", rule(Some(WaitingOnCustomer), false)),
            (
                "Accepted/Wait - Customer",
                rule(Some(WaitingOnCustomer), false),
            ),
            (
                "Accepted/Wait - Vendor",
                rule(Some(WaitingOnCustomer), false),
            ),
            (
                "Accepted/Wait - Implementation",
                rule(Some(WaitingOnCustomer), false),
            ),
            ("Completed/Resolved", rule(Some(Resolved), false)),
            ("Completed/In Call", rule(Some(Resolved), true)),
            ("Completed/Closed", rule(Some(Closed), false)),
            ("Completed/Cancelled", rule(Some(Closed), false)),
        ];
        EventLogMapping {
            name: "bpic2013".into(),
            case: "case_id".into(),
            timestamp: "timestamp".into(),
            timestamp_format: None,
            timezone: None,
            activity: vec!["status".into(), "sub_status".into()],
            activities: named(activities),
            resource: Some("org_resource".into()),
            team: Some("org_group".into()),
            customer: None,
            priority: Some("impact".into()),
            priorities: named([
                ("Low", Priority::Low),
                ("Medium", Priority::Normal),
                ("High", Priority::High),
                ("Major", Priority::Urgent),
            ]),
            brand: Some("organization_involved".into()),
            brand_name: None,
            channel: Channel::Custom("ticket".into()),
            metadata: [
                "product",
                "org_role",
                "resource_country",
                "organization_country",
            ]
            .map(String::from)
            .to_vec(),
        }
    }

    /// A mapping from JSON, errors naming the field.
    ///
    /// # Example
    ///
    /// ```
    /// let e = kesher_io::EventLogMapping::from_json(r#"{"name": "crm", "case": 7}"#).unwrap_err();
    /// assert!(e.to_string().starts_with("at `case`: invalid type"), "{e}");
    /// ```
    pub fn from_json(text: &str) -> Result<EventLogMapping, crate::Error> {
        kesher::from_json(text).map_err(crate::Error::Core)
    }
}
