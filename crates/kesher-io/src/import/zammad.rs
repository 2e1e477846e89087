//! Zammad tickets with their articles.
//!
//! Shape (Zammad documentation, "REST API: Tickets" with `expand=true` and "Articles",
//! docs.zammad.org/en/latest/api/ticket): a ticket has `id`, `number`, `title`, `group`,
//! `state` (`new`, `open`, `pending reminder`, `pending close`, `closed`, `merged`),
//! `priority` (`1 low`, `2 normal`, `3 high`), `customer_id`, `owner_id`, `created_at`,
//! `updated_at` and `close_at`. Its `articles` each have `id`, `sender` (`Customer`, `Agent`,
//! `System`), `type` (`email`, `phone`, `web`, `note`, `sms`, `chat`, `twitter status`…),
//! `internal`, `body`, `created_at` and `created_by_id`.

use super::helpdesk::Fields;
use super::thread::{Author, Post, Thread};
use crate::Error;
use kesher::{event::Priority, CaseStatus, Channel};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

fn state(value: &str) -> Option<CaseStatus> {
    Some(match value {
        "new" => CaseStatus::Received,
        "open" => CaseStatus::InProgress,
        "pending reminder" => CaseStatus::WaitingOnCustomer,
        "pending close" => CaseStatus::Resolved,
        "closed" | "merged" | "removed" => CaseStatus::Closed,
        _ => return None,
    })
}

fn channel(article_type: &str) -> Option<Channel> {
    Some(match article_type {
        "email" => Channel::Email,
        "phone" => Channel::Phone,
        "web" => Channel::WebForm,
        "sms" => Channel::Sms,
        "chat" => Channel::Chat,
        "note" => return None,
        t if t.starts_with("twitter") => Channel::Twitter,
        t if t.starts_with("facebook") => Channel::FacebookPage,
        t if t.starts_with("telegram") => Channel::Custom("telegram".into()),
        t if t.starts_with("whatsapp") => Channel::Whatsapp,
        t => Channel::custom(&t.replace([' ', '-'], "_")).ok()?,
    })
}

pub(super) fn thread(record: &Map<String, Value>) -> Result<Thread, Error> {
    let f = Fields::of(record);
    let id = f.required("id")?;
    let created = f
        .instant("created_at")?
        .ok_or_else(|| super::invalid("created_at", "", "every ticket needs it"))?;
    let customer = f
        .text("customer_id")
        .or_else(|| f.text("customer"))
        .ok_or_else(|| super::invalid("customer_id", "", "every ticket needs its customer"))?;
    let priority = match f
        .text("priority")
        .as_deref()
        .or(f.text("priority_id").as_deref())
    {
        Some(p) if p.starts_with('1') => Priority::Low,
        Some(p) if p.starts_with('3') => Priority::High,
        _ => Priority::Normal,
    };
    let mut metadata = BTreeMap::from([("source".to_string(), "zammad".to_string())]);
    if let Some(group) = f.text("group") {
        metadata.insert("brand".into(), group);
    }
    if let Some(number) = f.text("number") {
        metadata.insert("number".into(), number);
    }
    let mut thread = Thread {
        id,
        id_field: "id",
        created,
        customer: customer.clone(),
        channel: Channel::Email,
        priority,
        subject: f.text("title"),
        metadata,
        posts: Vec::new(),
        statuses: Vec::new(),
        status_now: None,
        assignments: Vec::new(),
    };
    let mut first_channel = None;
    for (n, article) in f.objects("articles")?.iter().enumerate() {
        let a = f.nested(article, format!("articles[{n}]"));
        let at = a
            .instant("created_at")?
            .ok_or_else(|| super::invalid(&a.path("created_at"), "", "every article needs it"))?;
        let by = a.text("created_by_id").or_else(|| a.text("from"));
        let author = match a.text("sender").as_deref() {
            Some("Customer") => Author::Customer,
            Some("Agent") => Author::Agent(by.unwrap_or_else(|| "agent".into())),
            _ => Author::System,
        };
        let channel = a.text("type").as_deref().and_then(channel);
        if first_channel.is_none() {
            first_channel = channel.clone();
        }
        thread.posts.push(Post {
            id: a.text("id").unwrap_or_else(|| n.to_string()),
            at,
            internal: a.flag("internal") && author != Author::Customer,
            author,
            text: a.text("body"),
            channel,
        });
    }
    if let Some(c) = first_channel {
        thread.channel = c;
    }
    let now = f.text("state").as_deref().and_then(state);
    match (now, f.instant("close_at")?) {
        (Some(s), Some(at)) if s == CaseStatus::Closed => thread.statuses.push((at, s)),
        (Some(s), _) => {
            let updated = f.instant("updated_at")?.unwrap_or(created);
            thread.status_now = Some((s, updated));
        }
        (None, _) => {}
    }
    if let Some(owner) = f.text("owner_id").filter(|o| o != "1") {
        // Zammad's user 1 is "nobody": an unowned ticket.
        thread.assignments.push((created, owner, f.text("group")));
    }
    Ok(thread)
}
