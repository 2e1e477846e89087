//! A helpdesk's ticket or conversation as the vendors' exports hold it, and its case events.

use super::{invalid, CaseBatch};
use crate::Error;
use chrono::{DateTime, Utc};
use kesher::{
    case::TurnPolicy,
    event::{Assigned, CaseEvent, Priority, Problem, StatusChanged},
    interaction::{Actor, Direction, Interaction, InteractionKind},
    AgentId, CaseId, CaseStatus, Channel, CustomerId, InteractionId,
};
use std::collections::BTreeMap;

/// Who wrote a post.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Author {
    Customer,
    Agent(String),
    Bot,
    System,
}

/// One message, comment, article or note of a ticket.
#[derive(Debug, Clone)]
pub(super) struct Post {
    pub(super) id: String,
    pub(super) at: DateTime<Utc>,
    pub(super) author: Author,
    pub(super) text: Option<String>,
    /// A note agents see and the customer does not.
    pub(super) internal: bool,
    /// The post's own channel, when it differs from the ticket's.
    pub(super) channel: Option<Channel>,
}

/// A ticket (or conversation) read from a vendor's export, before it becomes events.
#[derive(Debug, Clone)]
pub(super) struct Thread {
    pub(super) id: String,
    /// The JSON path of the id (for errors).
    pub(super) id_field: &'static str,
    pub(super) created: DateTime<Utc>,
    pub(super) customer: String,
    pub(super) channel: Channel,
    pub(super) priority: Priority,
    pub(super) subject: Option<String>,
    pub(super) metadata: BTreeMap<String, String>,
    pub(super) posts: Vec<Post>,
    /// Status changes the export records, with their instants.
    pub(super) statuses: Vec<(DateTime<Utc>, CaseStatus)>,
    /// The status as of the export, and the instant it was last updated (used when the export
    /// holds no history of statuses, or ends elsewhere).
    pub(super) status_now: Option<(CaseStatus, DateTime<Utc>)>,
    /// Assignments: instant, agent, team.
    pub(super) assignments: Vec<(DateTime<Utc>, String, Option<String>)>,
}

/// The moves the status machine allows from `from` to `to` (resolved before closed, reopened
/// before work on a closed case).
fn path(from: CaseStatus, to: CaseStatus) -> Vec<CaseStatus> {
    use CaseStatus::*;
    if from == to {
        Vec::new()
    } else if from.can_become(to) {
        vec![to]
    } else if to == Closed && from.can_become(Resolved) {
        vec![Resolved, Closed]
    } else if from.can_become(Reopened) && Reopened.can_become(to) {
        vec![Reopened, to]
    } else {
        Vec::new()
    }
}

impl Thread {
    /// The case's events, each with the line of the record.
    pub(super) fn events(mut self, line: u64) -> Result<CaseBatch, Error> {
        let id = CaseId::new(&self.id).map_err(|e| super::renamed(e, self.id_field))?;
        let customer =
            CustomerId::new(&self.customer).map_err(|e| super::renamed(e, "customer"))?;
        self.posts.sort_by_key(|p| p.at);
        self.statuses.sort_by_key(|s| s.0);
        self.assignments.sort_by_key(|a| a.0);
        let mut opened = super::opened(
            &id,
            self.created,
            &customer,
            self.channel.clone(),
            self.priority,
            self.metadata.clone(),
        );
        if let (CaseEvent::Opened(o), Some(subject)) = (&mut opened, &self.subject) {
            o.problem = Some(Problem {
                category: "ticket".into(),
                description: Some(subject.clone()),
            });
        }
        let mut events = vec![(line, opened)];
        let mut seq = 0u64;
        let mut next = || {
            seq += 1;
            seq
        };
        // Every step in time order: posts, assignments and status changes merged.
        enum Step<'a> {
            Post(&'a Post),
            Assign(&'a str, Option<&'a String>),
            Status(CaseStatus),
        }
        let mut steps: Vec<(DateTime<Utc>, u8, Step<'_>)> = Vec::new();
        steps.extend(self.posts.iter().map(|p| (p.at, 0, Step::Post(p))));
        steps.extend(
            self.assignments
                .iter()
                .map(|(at, agent, team)| (*at, 1, Step::Assign(agent, team.as_ref()))),
        );
        steps.extend(
            self.statuses
                .iter()
                .map(|(at, s)| (*at, 2, Step::Status(*s))),
        );
        if self.statuses.is_empty() {
            if let Some((status, at)) = self.status_now {
                steps.push((at.max(self.created), 3, Step::Status(status)));
            }
        }
        steps.sort_by_key(|(at, order, _)| (*at, *order));
        let mut status = CaseStatus::Received;
        for (at, _, step) in steps {
            match step {
                Step::Post(post) => {
                    let interaction = self.interaction(&id, &customer, post, next())?;
                    // Where the fold will stand after it (the same rule the fold applies).
                    if let Some(to) = TurnPolicy::default().status_after(status, &interaction) {
                        status = to;
                    }
                    events.push((line, CaseEvent::Interaction(interaction)));
                }
                Step::Assign(agent, team) => {
                    let agent = AgentId::new(agent).map_err(|e| super::renamed(e, "assignee"))?;
                    events.push((
                        line,
                        CaseEvent::Assigned(Assigned {
                            case_id: id.clone(),
                            seq: next(),
                            at,
                            agent,
                            team: team.cloned(),
                        }),
                    ));
                }
                Step::Status(to) => {
                    for step in path(status, to) {
                        events.push((
                            line,
                            CaseEvent::StatusChanged(StatusChanged {
                                case_id: id.clone(),
                                seq: next(),
                                at,
                                to: step,
                                actor: None,
                                reason: None,
                            }),
                        ));
                        status = step;
                    }
                }
            }
        }
        Ok(CaseBatch {
            case_id: id,
            events,
        })
    }

    fn interaction(
        &self,
        id: &CaseId,
        customer: &CustomerId,
        post: &Post,
        seq: u64,
    ) -> Result<Interaction, Error> {
        let (direction, actor) = match &post.author {
            Author::Customer => (Direction::Inbound, Actor::Customer),
            Author::Agent(a) => (
                Direction::Outbound,
                Actor::Agent {
                    id: AgentId::new(a).map_err(|e| super::renamed(e, "author"))?,
                },
            ),
            Author::Bot => (Direction::Outbound, Actor::Bot { name: None }),
            Author::System => (Direction::Outbound, Actor::System),
        };
        let kind = if post.internal {
            InteractionKind::InternalNote
        } else {
            InteractionKind::Message
        };
        let interaction_id = InteractionId::new(format!("{}/{}", self.id, post.id))
            .or_else(|_| InteractionId::new(&post.id))
            .map_err(|e| super::renamed(e, "id"))?;
        Ok(Interaction {
            id: interaction_id,
            customer_id: customer.clone(),
            case_id: Some(id.clone()),
            seq,
            at: post.at,
            channel: post.channel.clone().unwrap_or_else(|| self.channel.clone()),
            direction,
            actor,
            kind,
            in_reply_to: None,
            text: post.text.clone(),
            emotion: None,
            metadata: BTreeMap::new(),
        })
    }
}

/// An RFC 3339 instant at `path`.
pub(super) fn rfc3339(raw: &str, path: &str) -> Result<DateTime<Utc>, Error> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| invalid(path, raw, format!("{e}; expected an RFC 3339 instant")))
}
