//! Freshdesk tickets with their conversations.
//!
//! Shape (Freshdesk API v2 documentation, "Tickets" with `include=conversations,stats` and
//! "Conversations", developers.freshdesk.com/api): a ticket has `id`, `subject`,
//! `description_text`, `status` (2 open, 3 pending, 4 resolved, 5 closed), `priority` (1 low,
//! 2 medium, 3 high, 4 urgent), `source` (1 email, 2 portal, 3 phone, 5 Twitter, 6 Facebook,
//! 7 chat, 9 feedback widget, 10 outbound email), `requester_id`, `responder_id`,
//! `group_id`, `created_at`, `updated_at` and `stats` (`resolved_at`, `closed_at`). Its
//! `conversations` each have `id`, `body_text`, `incoming`, `private`, `user_id` and
//! `created_at`.

use super::helpdesk::Fields;
use super::thread::{Author, Post, Thread};
use crate::Error;
use kesher::{event::Priority, CaseStatus, Channel};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

fn channel(source: Option<i64>) -> Channel {
    match source {
        Some(1 | 10) => Channel::Email,
        Some(3) => Channel::Phone,
        Some(5) => Channel::Twitter,
        Some(6) => Channel::FacebookPage,
        Some(7) => Channel::Chat,
        Some(n) if n != 2 && n != 9 => {
            Channel::custom(&format!("freshdesk_source_{n}")).unwrap_or(Channel::WebForm)
        }
        _ => Channel::WebForm,
    }
}

pub(super) fn thread(record: &Map<String, Value>) -> Result<Thread, Error> {
    let f = Fields::of(record);
    let id = f.required("id")?;
    let created = f
        .instant("created_at")?
        .ok_or_else(|| super::invalid("created_at", "", "every ticket needs it"))?;
    let requester = f.required("requester_id")?;
    let priority = match f.number("priority") {
        Some(1) => Priority::Low,
        Some(3) => Priority::High,
        Some(4) => Priority::Urgent,
        _ => Priority::Normal,
    };
    let mut metadata = BTreeMap::from([("source".to_string(), "freshdesk".to_string())]);
    if let Some(group) = f.text("group_id") {
        metadata.insert("group".into(), group);
    }
    if let Some(company) = f.text("company_id") {
        metadata.insert("brand".into(), company);
    }
    let mut thread = Thread {
        id,
        id_field: "id",
        created,
        customer: requester.clone(),
        channel: channel(f.number("source")),
        priority,
        subject: f.text("subject"),
        metadata,
        posts: vec![Post {
            id: "description".into(),
            at: created,
            author: Author::Customer,
            text: f.text("description_text"),
            internal: false,
            channel: None,
        }],
        statuses: Vec::new(),
        status_now: None,
        assignments: Vec::new(),
    };
    for (n, conversation) in f.objects("conversations")?.iter().enumerate() {
        let c = f.nested(conversation, format!("conversations[{n}]"));
        let at = c.instant("created_at")?.ok_or_else(|| {
            super::invalid(&c.path("created_at"), "", "every conversation needs it")
        })?;
        let author = match (c.flag("incoming"), c.text("user_id")) {
            (true, _) => Author::Customer,
            (false, Some(user)) if user == requester => Author::Customer,
            (false, Some(user)) => Author::Agent(user),
            (false, None) => Author::System,
        };
        thread.posts.push(Post {
            id: c.text("id").unwrap_or_else(|| n.to_string()),
            at,
            internal: c.flag("private") && author != Author::Customer,
            author,
            text: c.text("body_text"),
            channel: None,
        });
    }
    if let Some(stats) = f.object("stats") {
        let s = f.nested(stats, "stats".into());
        if let Some(at) = s.instant("resolved_at")? {
            thread.statuses.push((at, CaseStatus::Resolved));
        }
        if let Some(at) = s.instant("closed_at")? {
            thread.statuses.push((at, CaseStatus::Closed));
        }
    }
    let updated = f.instant("updated_at")?.unwrap_or(created);
    let now = match f.number("status") {
        Some(3) => Some(CaseStatus::WaitingOnCustomer),
        Some(4) => Some(CaseStatus::Resolved),
        Some(5) => Some(CaseStatus::Closed),
        _ => None,
    };
    if thread.statuses.is_empty() {
        thread.status_now = now.map(|s| (s, updated));
    }
    if let Some(agent) = f.text("responder_id") {
        thread
            .assignments
            .push((created, agent, f.text("group_id")));
    }
    Ok(thread)
}
