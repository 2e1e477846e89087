//! Chatwoot conversations with their messages.
//!
//! Shape (Chatwoot developer documentation, Application API "Conversations" and "Messages",
//! developers.chatwoot.com/api-reference): a conversation has `id`, `inbox_id`, `status`
//! (`open`, `resolved`, `pending`, `snoozed`), `priority` (`urgent`, `high`, `medium`, `low`
//! or null), `created_at` and `last_activity_at` (Unix seconds), and `meta` with `sender` (the
//! contact), `assignee` and `channel` (`Channel::WebWidget`, `Channel::Email`…). Its
//! `messages` each have `id`, `content`, `message_type` (0 incoming, 1 outgoing, 2 activity,
//! 3 template), `private`, `created_at` (Unix seconds), `sender_type` (`Contact`, `User`,
//! `AgentBot`) and `sender`.

use super::helpdesk::Fields;
use super::thread::{Author, Post, Thread};
use crate::Error;
use kesher::{event::Priority, CaseStatus, Channel};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

fn channel(name: &str) -> Channel {
    match name.trim_start_matches("Channel::") {
        "WebWidget" => Channel::Chat,
        "Email" => Channel::Email,
        "Whatsapp" => Channel::Whatsapp,
        "Sms" | "TwilioSms" => Channel::Sms,
        "TwitterProfile" => Channel::Twitter,
        "FacebookPage" => Channel::FacebookMessenger,
        "Api" => Channel::Custom("api".into()),
        other => Channel::custom(&other.to_lowercase()).unwrap_or(Channel::Chat),
    }
}

pub(super) fn thread(record: &Map<String, Value>) -> Result<Thread, Error> {
    let f = Fields::of(record);
    let id = f.required("id")?;
    let created = f
        .unix("created_at")?
        .ok_or_else(|| super::invalid("created_at", "", "every conversation needs it"))?;
    let meta = f.object("meta");
    let m = meta.map(|m| f.nested(m, "meta".into()));
    let contact = m
        .as_ref()
        .and_then(|m| m.object("sender"))
        .and_then(|s| s.get("id"))
        .map(|v| v.to_string().trim_matches('"').to_string())
        .or_else(|| f.text("contact_id"))
        .ok_or_else(|| {
            super::invalid("meta.sender.id", "", "every conversation needs its contact")
        })?;
    let priority = match f.text("priority").as_deref() {
        Some("urgent") => Priority::Urgent,
        Some("high") => Priority::High,
        Some("low") => Priority::Low,
        _ => Priority::Normal,
    };
    let mut metadata = BTreeMap::from([("source".to_string(), "chatwoot".to_string())]);
    if let Some(inbox) = f.text("inbox_id") {
        metadata.insert("brand".into(), format!("inbox {inbox}"));
    }
    let channel_name = m
        .as_ref()
        .and_then(|m| m.text("channel"))
        .unwrap_or_default();
    let mut thread = Thread {
        id,
        id_field: "id",
        created,
        customer: contact,
        channel: channel(&channel_name),
        priority,
        subject: None,
        metadata,
        posts: Vec::new(),
        statuses: Vec::new(),
        status_now: None,
        assignments: Vec::new(),
    };
    let mut last = created;
    for (n, message) in f.objects("messages")?.iter().enumerate() {
        let g = f.nested(message, format!("messages[{n}]"));
        let at = g
            .unix("created_at")?
            .ok_or_else(|| super::invalid(&g.path("created_at"), "", "every message needs it"))?;
        last = last.max(at);
        let sender = g
            .object("sender")
            .and_then(|s| s.get("id"))
            .map(|v| v.to_string().trim_matches('"').to_string());
        let author = match (g.number("message_type"), g.text("sender_type").as_deref()) {
            // Activities ("Conversation was marked resolved by …") are not messages.
            (Some(2), _) => continue,
            (Some(0), _) => Author::Customer,
            (_, Some("AgentBot")) | (Some(3), _) => Author::Bot,
            (Some(1), _) => Author::Agent(sender.unwrap_or_else(|| "agent".into())),
            _ => Author::System,
        };
        thread.posts.push(Post {
            id: g.text("id").unwrap_or_else(|| n.to_string()),
            at,
            internal: g.flag("private") && author != Author::Customer,
            author,
            text: g.text("content"),
            channel: None,
        });
    }
    let updated = f.unix("last_activity_at")?.unwrap_or(last).max(last);
    thread.status_now = match f.text("status").as_deref() {
        Some("resolved") => Some((CaseStatus::Resolved, updated)),
        Some("snoozed") => Some((CaseStatus::WaitingOnCustomer, updated)),
        _ => None,
    };
    if let Some(agent) = m
        .as_ref()
        .and_then(|m| m.object("assignee"))
        .and_then(|a| a.get("id"))
        .map(|v| v.to_string().trim_matches('"').to_string())
    {
        thread.assignments.push((created, agent, None));
    }
    Ok(thread)
}
