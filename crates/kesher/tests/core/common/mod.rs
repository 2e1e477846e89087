//! Helpers shared by the integration tests: terse event builders.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use kesher::{case::CaseLog, event::CaseEvent};
use serde_json::{json, Value};

pub fn at(minute: u32) -> String {
    format!("2025-01-05T{:02}:{:02}:00Z", 9 + minute / 60, minute % 60)
}

pub fn msg(seq: u64, minute: u32, dir: &str, actor: Value, kind: &str) -> Value {
    json!({"type": "interaction", "case_id": "T-1", "seq": seq, "id": format!("i-{seq}"),
           "customer_id": "cu-1", "at": at(minute), "channel": "email", "direction": dir,
           "actor": actor, "kind": kind})
}

pub fn customer(seq: u64, minute: u32) -> Value {
    msg(
        seq,
        minute,
        "inbound",
        json!({"type": "customer"}),
        "message",
    )
}

pub fn agent(seq: u64, minute: u32, id: &str) -> Value {
    msg(
        seq,
        minute,
        "outbound",
        json!({"type": "agent", "id": id}),
        "message",
    )
}

pub fn status(seq: u64, minute: u32, to: &str) -> Value {
    json!({"type": "status_changed", "case_id": "T-1", "seq": seq, "at": at(minute), "to": to})
}

pub fn opened(minute: u32) -> Value {
    json!({"type": "opened", "case_id": "T-1", "seq": 0, "at": at(minute),
           "customer": {"id": "cu-1", "name": "Dana Levi", "email": "dana@example.com"},
           "channel": "email", "problem": {"category": "delivery", "description": "parcel late"},
           "order": {"order_ref": "SO-1", "purchased_at": "2024-12-20T10:00:00Z", "items": ["Kettle"]}})
}

pub fn log_of(events: &[Value]) -> CaseLog {
    let mut log = CaseLog::default();
    for (i, e) in events.iter().enumerate() {
        let event =
            CaseEvent::from_value(e.clone()).unwrap_or_else(|err| panic!("event {i}: {err}"));
        log.insert_with_origin(event, i as u64 + 1);
    }
    log
}
