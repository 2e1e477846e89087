//! Zendesk Support tickets with their audits or comments.
//!
//! Shape (Zendesk developer documentation, "Tickets", "Ticket Audits", "Ticket Comments" and
//! "Incremental Exports", developer.zendesk.com/api-reference/ticketing): a ticket has `id`,
//! `created_at`, `updated_at`, `status` (`new`, `open`, `pending`, `hold`, `solved`, `closed`),
//! `priority`, `requester_id`, `assignee_id`, `group_id`, `brand_id`, `subject`,
//! `description`, `via.channel` and `tags`. Its `audits` each have `created_at`, `author_id`
//! and `events`: `Comment` (`body`, `public`, `author_id`), `Create` / `Change` (`field_name`,
//! `value`). Or its `comments` each have `id`, `author_id`, `body`, `public`, `created_at`.

use super::helpdesk::Fields;
use super::thread::{Author, Post, Thread};
use crate::Error;
use kesher::{event::Priority, CaseStatus, Channel};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

fn status(value: &str) -> Option<CaseStatus> {
    Some(match value {
        "new" => CaseStatus::Received,
        "open" | "hold" => CaseStatus::InProgress,
        "pending" => CaseStatus::WaitingOnCustomer,
        "solved" => CaseStatus::Resolved,
        "closed" => CaseStatus::Closed,
        _ => return None,
    })
}

fn channel(via: &str) -> Channel {
    match via {
        "email" => Channel::Email,
        "web" => Channel::WebForm,
        "chat" | "native_messaging" => Channel::Chat,
        "voice" => Channel::Phone,
        "twitter" => Channel::Twitter,
        "facebook" => Channel::FacebookPage,
        "whatsapp" => Channel::Whatsapp,
        "sms" => Channel::Sms,
        other => Channel::custom(&other.to_lowercase()).unwrap_or(Channel::WebForm),
    }
}

/// Who wrote a comment: the requester, the system (`-1`), or an agent by user id.
fn author(id: Option<String>, requester: &str) -> Author {
    match id.as_deref() {
        Some(a) if a == requester => Author::Customer,
        Some("-1") | None => Author::System,
        Some(a) => Author::Agent(a.to_string()),
    }
}

fn post(f: &Fields<'_>, id: String, at: chrono::DateTime<chrono::Utc>, requester: &str) -> Post {
    let author = author(f.text("author_id"), requester);
    Post {
        id,
        at,
        internal: f.record.get("public") == Some(&Value::Bool(false)) && author != Author::Customer,
        text: f.text("plain_body").or_else(|| f.text("body")),
        author,
        channel: None,
    }
}

/// A ticket's audits: comments become posts, status and assignee changes the thread's
/// statuses and assignments, each at its audit's instant.
fn read_audits(
    f: &Fields<'_>,
    audits: &[&Map<String, Value>],
    requester: &str,
    thread: &mut Thread,
) -> Result<(), Error> {
    for (n, audit) in audits.iter().enumerate() {
        let a = f.nested(audit, format!("audits[{n}]"));
        let at = a
            .instant("created_at")?
            .ok_or_else(|| super::invalid(&a.path("created_at"), "", "every audit needs it"))?;
        for (k, event) in a.objects("events")?.iter().enumerate() {
            let e = a.nested(event, format!("events[{k}]"));
            match e.text("type").as_deref() {
                Some("Comment" | "VoiceComment") => {
                    let id = e.text("id").unwrap_or_else(|| format!("{n}.{k}"));
                    let mut p = post(&e, id, at, requester);
                    if p.author == Author::System {
                        p.author = author(a.text("author_id"), requester);
                    }
                    thread.posts.push(p);
                }
                Some("Create" | "Change") => match e.text("field_name").as_deref() {
                    Some("status") => {
                        if let Some(s) = e.text("value").as_deref().and_then(status) {
                            thread.statuses.push((at, s));
                        }
                    }
                    Some("assignee_id") => {
                        if let Some(agent) = e.text("value") {
                            thread.assignments.push((at, agent, None));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }
    Ok(())
}

pub(super) fn thread(record: &Map<String, Value>) -> Result<Thread, Error> {
    let f = Fields::of(record);
    let id = f.required("id")?;
    let created = f
        .instant("created_at")?
        .ok_or_else(|| super::invalid("created_at", "", "every ticket needs it"))?;
    let requester = f.required("requester_id")?;
    let via = f
        .object("via")
        .and_then(|v| v.get("channel"))
        .and_then(Value::as_str)
        .unwrap_or("web");
    let priority = match f.text("priority").as_deref() {
        Some("urgent") => Priority::Urgent,
        Some("high") => Priority::High,
        Some("low") => Priority::Low,
        _ => Priority::Normal,
    };
    let mut metadata = BTreeMap::from([("source".to_string(), "zendesk".to_string())]);
    if let Some(brand) = f.text("brand_id") {
        metadata.insert("brand".into(), brand);
    }
    if let Some(Value::Array(tags)) = record.get("tags") {
        let tags: Vec<&str> = tags.iter().filter_map(Value::as_str).collect();
        if !tags.is_empty() {
            metadata.insert("tags".into(), tags.join(","));
        }
    }
    let mut thread = Thread {
        id,
        id_field: "id",
        created,
        customer: requester.clone(),
        channel: channel(via),
        priority,
        subject: f.text("subject"),
        metadata,
        posts: Vec::new(),
        statuses: Vec::new(),
        status_now: None,
        assignments: Vec::new(),
    };
    let audits = f.objects("audits")?;
    read_audits(&f, &audits, &requester, &mut thread)?;
    if audits.is_empty() {
        for (n, comment) in f.objects("comments")?.iter().enumerate() {
            let c = f.nested(comment, format!("comments[{n}]"));
            let at = c.instant("created_at")?.ok_or_else(|| {
                super::invalid(&c.path("created_at"), "", "every comment needs it")
            })?;
            let id = c.text("id").unwrap_or_else(|| n.to_string());
            thread.posts.push(post(&c, id, at, &requester));
        }
        let updated = f.instant("updated_at")?.unwrap_or(created);
        thread.status_now = f
            .text("status")
            .as_deref()
            .and_then(status)
            .map(|s| (s, updated));
        if let Some(agent) = f.text("assignee_id") {
            thread.assignments.push((created, agent, None));
        }
    }
    if thread.posts.is_empty() {
        // No comment exported: the description is the customer's request.
        thread.posts.push(Post {
            id: "description".into(),
            at: created,
            author: Author::Customer,
            text: f.text("description"),
            internal: false,
            channel: None,
        });
    }
    Ok(thread)
}
