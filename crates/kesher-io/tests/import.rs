//! The importers on real samples (tests/data, examples/data), checked against figures computed
//! here independently from the raw files; bad rows; and row accounting for arbitrary input.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use kesher::{case::Case, CaseStatus};
use kesher_io::{detect, import, Format, ImportSummary, Rejection};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// Every case of a file (format detected), the rejections and the summary.
fn run(bytes: Vec<u8>, format: Option<Format>) -> (Vec<Case>, Vec<Rejection>, ImportSummary) {
    let format = format.unwrap_or_else(|| detect(&bytes).unwrap());
    let mut source = import(Box::new(std::io::Cursor::new(bytes)), format).unwrap();
    let (mut cases, mut rejected) = (Vec::new(), Vec::new());
    for item in source.by_ref() {
        match item {
            Ok(batch) => {
                let outcome = batch.into_log().into_outcome();
                assert!(outcome.rejected.is_empty(), "{:?}", outcome.rejected);
                cases.push(outcome.case.unwrap());
            }
            Err(r) => rejected.push(r),
        }
    }
    let summary = source.summary();
    assert_eq!(summary.read, summary.accepted + summary.rejected);
    (cases, rejected, summary)
}

fn csv_rows(path: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(data(path)).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn twitter_threads_become_cases_with_every_tweet_once() {
    let (cases, rejected, summary) = run(
        std::fs::read(data("tests/data/twcs-sample.csv")).unwrap(),
        None,
    );
    assert!(rejected.is_empty());
    assert_eq!((summary.read, summary.accepted), (93, 93));
    // Independently: threads are the connected components of the reply links inside the file.
    let rows = csv_rows("tests/data/twcs-sample.csv");
    let ids: BTreeSet<&str> = rows.iter().map(|r| r["tweet_id"].as_str()).collect();
    let mut parent: HashMap<&str, &str> = ids.iter().map(|i| (*i, *i)).collect();
    fn find<'a>(p: &HashMap<&'a str, &'a str>, mut x: &'a str) -> &'a str {
        while p[x] != x {
            x = p[x];
        }
        x
    }
    for r in &rows {
        let links = r["response_tweet_id"]
            .split(',')
            .chain([r["in_response_to_tweet_id"].as_str()]);
        for l in links.map(str::trim).filter(|l| ids.contains(l)) {
            let (a, b) = (find(&parent, &r["tweet_id"]), find(&parent, l));
            parent.insert(a, b);
        }
    }
    let threads: BTreeSet<&str> = ids.iter().map(|i| find(&parent, i)).collect();
    assert_eq!(
        threads.len(),
        27,
        "the shared data README counts 27 threads"
    );
    // Every tweet is in exactly one case, and each case lies within one thread.
    let mut seen = BTreeSet::new();
    for case in &cases {
        let roots: BTreeSet<&str> = case
            .log()
            .iter()
            .map(|i| find(&parent, ids.get(i.id.as_str()).unwrap()))
            .collect();
        assert_eq!(roots.len(), 1, "case {} spans threads", case.id());
        for i in case.log() {
            assert!(
                seen.insert(i.id.as_str().to_string()),
                "tweet {} twice",
                i.id
            );
        }
    }
    assert_eq!(seen.len(), 93);
    assert!(cases.len() >= threads.len());
    // Brand tweets are agent messages, customer tweets inbound; the brand is in the metadata.
    let inbound: usize = rows.iter().filter(|r| r["inbound"] == "True").count();
    let from_customers: usize = cases
        .iter()
        .flat_map(|c| c.log())
        .filter(|i| i.direction == kesher::interaction::Direction::Inbound)
        .count();
    assert_eq!(from_customers, inbound);
    let apple = cases
        .iter()
        .filter(|c| c.metadata()["brand"] == "AppleSupport")
        .count();
    assert!(apple >= 1);
}

#[test]
fn twitter_rows_that_cannot_be_read_are_rejected_with_line_and_field() {
    let csv = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
1,115712,True,Tue Oct 31 22:10:47 +0000 2017,hi @sprintcare,2,
2,sprintcare,False,yesterday,@115712 hello,,1
3,115713,maybe,Tue Oct 31 22:10:47 +0000 2017,x,,
1,115714,True,Tue Oct 31 22:10:47 +0000 2017,dup,,
";
    let (cases, rejected, summary) = run(csv.as_bytes().to_vec(), Some(Format::Twcs));
    assert_eq!(
        (summary.read, summary.accepted, summary.rejected),
        (4, 1, 3)
    );
    let messages: Vec<String> = rejected.iter().map(ToString::to_string).collect();
    assert!(
        messages[0].starts_with("line 3: invalid created_at `yesterday`"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("line 4: invalid inbound `maybe`"),
        "{messages:?}"
    );
    assert!(
        messages[2].contains("line 5") && messages[2].contains("tweet_id"),
        "{messages:?}"
    );
    // Tweet 1 waited for tweet 2, which never came: its case is handed over at the end,
    // unanswered, with the brand it mentions.
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].metadata()["brand"], "sprintcare");
    assert!(cases[0].facts().has_unanswered_inbound());
}

#[test]
fn the_latest_twitter_instant_is_read_without_rebuilding_threads() {
    let bytes = std::fs::read(data("tests/data/twcs-sample.csv")).unwrap();
    let latest = |csv: &[u8]| {
        let open = |at: u64| Ok(csv.get(at as usize..).unwrap_or_default());
        kesher_io::twcs_latest_event_at(open, csv.len() as u64, 4).unwrap()
    };
    let scanned = latest(&bytes);
    let (cases, _, _) = run(bytes, Some(Format::Twcs));
    let folded = cases.iter().map(Case::last_event_at).max();
    assert!(folded.is_some());
    assert_eq!(scanned, folded);
    // A row that is not read (here: its reply list) does not count, a readable one does.
    let csv = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
1,115712,True,Tue Oct 31 22:10:47 +0000 2017,hi @sprintcare,,
2,115713,True,Wed Nov 01 22:10:47 +0000 2017,hi @sprintcare,x,
3,115713,True,Tue Oct 31 23:00:00 +0000 2017,hi @sprintcare,,
";
    let found = latest(csv.as_bytes()).map(|t| t.to_rfc3339());
    assert_eq!(found.as_deref(), Some("2017-10-31T23:00:00+00:00"));
}

#[test]
fn helpdesk_log_statuses_answers_and_pauses() {
    let (cases, rejected, summary) = run(
        std::fs::read(data("tests/data/helpdesk-first300.csv")).unwrap(),
        None,
    );
    assert!(rejected.is_empty());
    assert_eq!((summary.read, summary.accepted), (1376, 1376));
    assert_eq!(cases.len(), 300);
    // Independently: tickets whose last activity is `Closed`, and tickets with a `Wait`.
    let rows = csv_rows("tests/data/helpdesk-first300.csv");
    let mut last: BTreeMap<&str, &str> = BTreeMap::new();
    let mut waited = BTreeSet::new();
    let mut taken = BTreeSet::new();
    for r in &rows {
        last.insert(&r["Case ID"], &r["Activity"]);
        if r["Activity"] == "Wait" {
            waited.insert(r["Case ID"].as_str());
        }
        if r["Activity"] == "Take in charge ticket" {
            taken.insert(r["Case ID"].as_str());
        }
    }
    let closed = last.values().filter(|a| **a == "Closed").count();
    assert_eq!(
        cases
            .iter()
            .filter(|c| c.status() == CaseStatus::Closed)
            .count(),
        closed
    );
    let paused = cases
        .iter()
        .filter(|c| {
            c.status_history()
                .iter()
                .any(|t| t.to == CaseStatus::WaitingOnCustomer)
        })
        .count();
    assert_eq!(paused, waited.len());
    let answered = cases
        .iter()
        .filter(|c| c.facts().time_to_first_human_response.is_some())
        .count();
    assert_eq!(answered, taken.len());
    // Each row is an interaction, plus the ticket itself.
    let interactions: usize = cases.iter().map(|c| c.log().len()).sum();
    assert_eq!(interactions, 1376 + 300);
}

#[test]
fn bpic_log_transfers_priorities_and_brands() {
    let (cases, rejected, summary) = run(
        std::fs::read(data("tests/data/bpic2013-first300.csv")).unwrap(),
        None,
    );
    assert!(rejected.is_empty());
    assert_eq!((summary.read, summary.accepted), (5538, 5538));
    assert_eq!(cases.len(), 300);
    // Independently: handovers within each incident, in time order: to another support group,
    // or to another person (the first person is an assignment, not a handover).
    let rows = csv_rows("tests/data/bpic2013-first300.csv");
    let mut by_case: BTreeMap<&str, Vec<&BTreeMap<String, String>>> = BTreeMap::new();
    for r in &rows {
        by_case.entry(&r["case_id"]).or_default().push(r);
    }
    let mut changes = 0u32;
    for list in by_case.values_mut() {
        list.sort_by_key(|r| chrono::DateTime::parse_from_rfc3339(&r["timestamp"]).unwrap());
        let mut person: Option<&str> = None;
        for (i, r) in list.iter().enumerate() {
            let new_person = Some(r["org_resource"].as_str()).filter(|p| !p.is_empty());
            let group_moved = i > 0 && list[i - 1]["org_group"] != r["org_group"];
            let person_moved = person.is_some() && new_person.is_some() && new_person != person;
            changes += u32::from(group_moved || person_moved);
            person = new_person.or(person);
        }
    }
    assert_eq!(cases.iter().map(Case::transfers).sum::<u32>(), changes);
    let brands: BTreeSet<&str> = rows
        .iter()
        .map(|r| r["organization_involved"].as_str())
        .collect();
    let seen: BTreeSet<&str> = cases
        .iter()
        .map(|c| c.metadata()["brand"].as_str())
        .collect();
    assert!(seen.is_subset(&brands));
    assert!(cases
        .iter()
        .any(|c| c.priority() == kesher::event::Priority::High));
}

#[test]
fn event_log_rows_of_a_case_must_be_together() {
    let csv =
        "case_id,timestamp,status,sub_status,org_group,org_resource,impact,organization_involved
A,2010-03-31T16:59:42+02:00,Accepted,In Progress,V30,Ann,Medium,Org line A2
B,2010-03-31T17:59:42+02:00,Accepted,In Progress,V30,Ann,Medium,Org line A2
A,2010-04-01T16:59:42+02:00,Completed,Closed,V30,Ann,Medium,Org line A2
B,2010-04-01T10:00:00+02:00,Accepted,In Progress,V30,Ann,Severe,Org line A2
";
    let (cases, rejected, summary) = run(csv.as_bytes().to_vec(), None);
    assert_eq!(
        (summary.read, summary.accepted, summary.rejected),
        (4, 2, 2)
    );
    assert_eq!(cases.len(), 2);
    let m: Vec<String> = rejected.iter().map(ToString::to_string).collect();
    assert!(m[0].starts_with("line 4: invalid case_id `A`"), "{m:?}");
    assert!(m[0].contains("rows of a case must be together"), "{m:?}");
    assert!(m[1].starts_with("line 5: invalid impact `Severe`"), "{m:?}");
}

/// A New York wall time of the 311 export, read here with chrono-free arithmetic of its own:
/// `MM/DD/YYYY hh:mm:ss AM` to seconds since the epoch, through the offset 311 requests in the
/// sample use (EDT −4 h from the second Sunday of March to the first Sunday of November, else
/// EST −5 h; the sample has no request inside a changeover hour).
fn new_york_epoch(raw: &str) -> i64 {
    let (date, time) = raw.split_once(' ').unwrap();
    let d: Vec<i64> = date.split('/').map(|p| p.parse().unwrap()).collect();
    let (clock, half) = time.split_once(' ').unwrap();
    let t: Vec<i64> = clock.split(':').map(|p| p.parse().unwrap()).collect();
    let hour = t[0] % 12 + if half == "PM" { 12 } else { 0 };
    let (month, day, year) = (d[0], d[1], d[2]);
    let days = |y: i64, m: i64, d: i64| {
        // Days from 1970-01-01 (Howard Hinnant's civil-date algorithm).
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    };
    let nth_sunday = |m: i64, n: i64| {
        let first = days(year, m, 1);
        let weekday = (first + 4).rem_euclid(7); // 0 = Sunday
        1 + (7 - weekday) % 7 + 7 * (n - 1)
    };
    let local = days(year, month, day);
    let summer =
        local >= days(year, 3, nth_sunday(3, 2)) && local < days(year, 11, nth_sunday(11, 1));
    let offset = if summer { 4 } else { 5 };
    local * 86_400 + (hour + offset) * 3_600 + t[1] * 60 + t[2]
}

#[test]
fn nyc311_requests_are_one_case_each_with_their_real_durations() {
    let rows = csv_rows("tests/data/nyc311-first300.csv");
    let bytes = std::fs::read(data("tests/data/nyc311-first300.csv")).unwrap();
    let (cases, rejected, summary) = run(bytes, None);
    assert_eq!(
        (summary.read, summary.accepted, summary.rejected),
        (300, 298, 2)
    );
    // The two rows closed before they were created, named by line and column.
    let lines: Vec<u64> = rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [238, 276]);
    assert!(rejected
        .iter()
        .all(|r| r.error.to_string().contains("Closed Date")));
    let by_key: HashMap<&str, &Case> = cases.iter().map(|c| (c.id().as_str(), c)).collect();
    let mut checked = 0;
    for row in &rows {
        let Some(case) = by_key.get(row["Unique Key"].as_str()) else {
            continue;
        };
        let created = new_york_epoch(&row["Created Date"]);
        assert_eq!(
            case.opened_at().timestamp(),
            created,
            "{}",
            row["Unique Key"]
        );
        assert_eq!(case.metadata()["brand"], row["Agency"]);
        assert_eq!(case.problem().unwrap().category, row["Complaint Type"]);
        let closed = row["Closed Date"].as_str();
        if closed.is_empty() {
            // No closing instant: the status column says where the request stands.
            assert_ne!(case.status(), CaseStatus::Closed, "{}", row["Unique Key"]);
            assert_eq!(case.facts().time_to_resolution, None);
        } else {
            assert_eq!(case.status(), CaseStatus::Closed);
            let took = case.facts().time_to_resolution.unwrap().num_seconds();
            assert_eq!(
                took,
                new_york_epoch(closed) - created,
                "{}",
                row["Unique Key"]
            );
            checked += 1;
        }
    }
    // Not "resolved in 0 s": the real durations, and the sample's median of 10.3 h or so.
    assert!(checked > 280, "{checked}");
    let mut took: Vec<i64> = cases
        .iter()
        .filter_map(|c| c.facts().time_to_resolution.map(|d| d.num_seconds()))
        .collect();
    took.sort_unstable();
    let median = took[took.len() / 2];
    assert!((3_600..86_400).contains(&median), "median {median} s");
    assert!(took.iter().filter(|t| **t == 0).count() < 20);
}

#[test]
fn ticket_tables_read_through_a_mapping_file() {
    let mapping = r#"{"name": "sheet", "case": "id", "created": "opened", "first_reply": "answered",
        "resolved": "solved", "closed": "closed", "status": "state",
        "statuses": {"open": "received", "pending": "waiting_on_customer", "solved": "resolved", "closed": "closed"},
        "channel": "via", "channels": {"mail": "email"}, "default_channel": "web_form",
        "priority": "prio", "priorities": {"P1": "urgent", "P3": "normal"},
        "customer": "who", "agent": "agent"}"#;
    let format = Format::from_mapping(mapping).unwrap();
    let csv = "id,opened,answered,solved,closed,state,via,prio,who,agent
A-1,2025-01-05T09:00:00Z,2025-01-05T09:30:00Z,2025-01-05T12:00:00Z,2025-01-06T09:00:00Z,closed,mail,P1,dana,avi
A-2,2025-01-05T10:00:00Z,,,,pending,chat widget,P3,noa,
A-3,2025-01-05T10:00:00Z,2025-01-05T09:00:00Z,,,open,mail,P3,noa,avi
A-4,2025-01-05T10:00:00Z,,,,open,mail,P9,noa,avi
A-1,2025-01-07T10:00:00Z,,,,open,mail,P3,noa,avi
";
    let (cases, rejected, summary) = run(csv.as_bytes().to_vec(), Some(format));
    assert_eq!(
        (summary.read, summary.accepted, summary.rejected),
        (5, 2, 3)
    );
    let reasons: Vec<(u64, String)> = rejected
        .iter()
        .map(|r| (r.line, r.error.to_string()))
        .collect();
    assert!(
        reasons[0].0 == 4 && reasons[0].1.contains("answered"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].0 == 5 && reasons[1].1.contains("prio") && reasons[1].1.contains("P9"),
        "{reasons:?}"
    );
    assert!(
        reasons[2].0 == 6 && reasons[2].1.contains("second row"),
        "{reasons:?}"
    );
    let (a1, a2) = (&cases[0], &cases[1]);
    assert_eq!(a1.status(), CaseStatus::Closed);
    assert_eq!(a1.priority(), kesher::event::Priority::Urgent);
    assert_eq!(a1.first_channel(), &kesher::Channel::Email);
    assert_eq!(a1.customer().id.as_str(), "dana");
    assert_eq!(
        a1.facts()
            .time_to_first_human_response
            .unwrap()
            .num_minutes(),
        30
    );
    assert_eq!(a1.facts().time_to_resolution.unwrap().num_hours(), 3);
    assert_eq!(a2.status(), CaseStatus::WaitingOnCustomer);
    assert_eq!(
        a2.first_channel(),
        &kesher::Channel::Custom("chat_widget".into())
    );
}

fn helpdesk_cases(file: &str) -> (Vec<Case>, ImportSummary) {
    let bytes = std::fs::read(data(&format!("examples/data/helpdesks/{file}"))).unwrap();
    let (cases, rejected, summary) = run(bytes, None);
    assert!(rejected.is_empty(), "{rejected:?}");
    (cases, summary)
}

#[test]
fn zendesk_tickets_with_audits_or_comments() {
    let (cases, summary) = helpdesk_cases("zendesk-tickets.json");
    assert_eq!((summary.read, summary.accepted), (3, 3));
    let (billing, app, parcel) = (&cases[0], &cases[1], &cases[2]);
    // Audits: statuses at their instants, the private comment a note, thanks after the
    // resolution neither reopening nor waiting for an answer.
    assert_eq!(billing.status(), CaseStatus::Closed);
    assert_eq!(billing.priority(), kesher::event::Priority::High);
    assert_eq!(billing.metadata()["brand"], "360000123");
    let kinds: Vec<kesher::interaction::InteractionKind> =
        billing.log().iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == kesher::interaction::InteractionKind::InternalNote)
            .count(),
        1
    );
    assert!(billing.facts().first_contact_resolved);
    assert_eq!(billing.facts().reopened, 0);
    assert!(billing.facts().unanswered_inbound.is_empty());
    assert_eq!(
        billing
            .facts()
            .time_to_first_human_response
            .unwrap()
            .num_seconds(),
        5991
    );
    assert_eq!(billing.assignee().map(|a| a.as_str()), Some("235323"));
    // Comments only: the status as of the export.
    assert_eq!(app.status(), CaseStatus::WaitingOnCustomer);
    assert_eq!(app.first_channel(), &kesher::Channel::WebForm);
    assert_eq!(app.log().len(), 4);
    // Neither: the description is the request.
    assert_eq!(parcel.status(), CaseStatus::Received);
    assert_eq!(parcel.first_channel(), &kesher::Channel::Twitter);
    assert_eq!(
        parcel.log()[0].text.as_deref(),
        Some("Tracking has not moved for five days.")
    );
}

#[test]
fn freshdesk_tickets_with_conversations() {
    let (cases, _) = helpdesk_cases("freshdesk-tickets.json");
    let (password, refund, invoice) = (&cases[0], &cases[1], &cases[2]);
    assert_eq!(password.status(), CaseStatus::Closed);
    assert_eq!(
        password
            .facts()
            .time_to_first_human_response
            .unwrap()
            .num_minutes(),
        52
    );
    assert!(password.facts().first_contact_resolved);
    assert_eq!(
        password
            .log()
            .iter()
            .filter(|i| i.kind == kesher::interaction::InteractionKind::InternalNote)
            .count(),
        1
    );
    assert_eq!(refund.status(), CaseStatus::WaitingOnCustomer);
    assert_eq!(refund.priority(), kesher::event::Priority::Urgent);
    assert_eq!(refund.first_channel(), &kesher::Channel::Phone);
    assert_eq!(invoice.status(), CaseStatus::Received);
    assert_eq!(invoice.first_channel(), &kesher::Channel::WebForm);
}

#[test]
fn zammad_tickets_with_articles() {
    let (cases, _) = helpdesk_cases("zammad-tickets.jsonl");
    let (vpn, laptop, printer) = (&cases[0], &cases[1], &cases[2]);
    assert_eq!(vpn.status(), CaseStatus::Closed);
    assert_eq!(vpn.first_channel(), &kesher::Channel::Phone);
    assert_eq!(vpn.priority(), kesher::event::Priority::High);
    assert_eq!(
        vpn.facts()
            .time_to_first_human_response
            .unwrap()
            .num_minutes(),
        26
    );
    assert_eq!(vpn.metadata()["brand"], "Users");
    assert_eq!(laptop.status(), CaseStatus::WaitingOnCustomer);
    assert_eq!(printer.status(), CaseStatus::Received);
    assert_eq!(printer.assignee(), None, "owner 1 is Zammad's nobody");
}

#[test]
fn chatwoot_conversations_with_messages() {
    let (cases, _) = helpdesk_cases("chatwoot-conversations.json");
    let (discount, broken, address) = (&cases[0], &cases[1], &cases[2]);
    assert_eq!(discount.status(), CaseStatus::Resolved);
    // The bot's greeting acknowledges; the person's answer is the first response; the
    // activities are not messages.
    assert_eq!(discount.log().len(), 4);
    assert_eq!(
        discount
            .facts()
            .time_to_first_human_response
            .unwrap()
            .num_minutes(),
        10
    );
    assert!(discount.facts().first_contact_resolved);
    assert_eq!(broken.first_channel(), &kesher::Channel::Whatsapp);
    assert_eq!(broken.priority(), kesher::event::Priority::Urgent);
    assert_eq!(broken.facts().unanswered_inbound.len(), 2);
    assert_eq!(address.status(), CaseStatus::WaitingOnCustomer);
    assert_eq!(address.first_channel(), &kesher::Channel::Email);
}

#[test]
fn helpdesk_records_that_cannot_be_cases_are_rejected_with_line_and_field() {
    let text = r#"{"id": 1, "created_at": "2025-01-01T00:00:00Z", "requester_id": 5, "via": {"channel": "email"}}
{"id": 2, "created_at": "yesterday", "requester_id": 5}
{"id": 3, "created_at": "2025-01-01T00:00:00Z"}
{"id": 1, "created_at": "2025-01-02T00:00:00Z", "requester_id": 6}
{"id": 4, "created_at": "2025-01-01T00:00:00Z", "requester_id": 5, "comments": "none"}
{"id": 5, "created_at": 
"#;
    let (cases, rejected, summary) = run(
        text.as_bytes().to_vec(),
        Some(Format::Helpdesk(kesher_io::Helpdesk::Zendesk)),
    );
    assert_eq!(cases.len(), 1);
    assert_eq!(
        (summary.read, summary.accepted, summary.rejected),
        (6, 1, 5)
    );
    let seen: Vec<(u64, String)> = rejected
        .iter()
        .map(|r| (r.line, r.error.to_string()))
        .collect();
    assert!(
        seen[0].0 == 2 && seen[0].1.contains("created_at") && seen[0].1.contains("yesterday"),
        "{seen:?}"
    );
    assert!(
        seen[1].0 == 3 && seen[1].1.contains("requester_id"),
        "{seen:?}"
    );
    assert!(seen[2].0 == 4 && seen[2].1.contains("repeats"), "{seen:?}");
    assert!(seen[3].0 == 5 && seen[3].1.contains("comments"), "{seen:?}");
    assert!(
        seen[4].0 == 6 && seen[4].1.contains("not closed"),
        "{seen:?}"
    );
}

#[test]
fn ibm_conversations_match_the_raw_file() {
    let raw = std::fs::read(data("examples/data/ibm-twitter-care-dev.json")).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&raw).unwrap();
    let conversations = json.as_array().unwrap();
    let (cases, rejected, summary) = run(raw.clone(), None);
    assert!(rejected.is_empty());
    assert_eq!(summary.accepted as usize, conversations.len());
    assert_eq!(cases.len(), 525);
    for (case, conv) in cases.iter().zip(conversations) {
        assert_eq!(case.id().as_str(), conv["dialogHeader"]["sessionID"]);
        assert_eq!(case.metadata()["brand"], conv["dialogHeader"]["company"]);
        let turns = conv["dialogContent"].as_array().unwrap().len();
        assert_eq!(case.log().len(), turns + 1, "the turns and the URL tweet");
    }
}

#[test]
fn ibm_conversations_that_cannot_be_read_are_rejected_whole() {
    let json = r#"[
 {"dialogHeader": {"company": "A", "sessionID": "s1"},
  "dialogContent": [{"client": "c", "datetime": "soon", "message": "m", "tweet_ID": "1"}]},
 {"dialogHeader": {"company": "A", "sessionID": "s2"},
  "dialogContent": [{"client": "c", "datetime": "2020-04-01T17:31:32.000Z", "message": "m", "tweet_ID": "1"}]},
 7
]"#;
    let (cases, rejected, summary) = run(json.as_bytes().to_vec(), None);
    assert_eq!(
        (summary.read, summary.accepted, summary.rejected),
        (3, 1, 2)
    );
    assert_eq!(cases.len(), 1);
    let m: Vec<String> = rejected.iter().map(ToString::to_string).collect();
    assert!(
        m[0].starts_with("line 2: invalid dialogContent[0].datetime `soon`"),
        "{m:?}"
    );
    assert!(m[1].starts_with("line 6: "), "{m:?}");
}

#[test]
fn formats_are_detected_from_the_real_files() {
    for (path, name) in [
        ("tests/data/twcs-sample.csv", "twcs"),
        ("tests/data/helpdesk-first300.csv", "helpdesk"),
        ("tests/data/bpic2013-first300.csv", "bpic2013"),
        ("examples/data/ibm-twitter-care-dev.json", "ibm"),
        ("examples/data/ibm-twitter-care-dev200.jsonl", "events"),
    ] {
        let head: Vec<u8> = std::fs::read(data(path))
            .unwrap()
            .into_iter()
            .take(4096)
            .collect();
        assert_eq!(detect(&head).unwrap().name(), name, "{path}");
    }
}

#[test]
fn events_importer_groups_the_bundled_events_like_case_fold() {
    let (cases, _, summary) = run(
        std::fs::read(data("examples/data/ibm-twitter-care-dev200.jsonl")).unwrap(),
        None,
    );
    assert_eq!((summary.read, summary.rejected), (647, 0));
    assert_eq!(cases.len(), 200);
}

fn drain(bytes: &[u8], format: Format) {
    if let Ok(mut source) = import(Box::new(std::io::Cursor::new(bytes.to_vec())), format) {
        let n = source.by_ref().count();
        let s = source.summary();
        assert_eq!(s.read, s.accepted + s.rejected, "{s}");
        assert!(n as u64 <= s.read + 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the bytes, no importer panics and every row is accounted for.
    #[test]
    fn every_row_is_accounted_for_whatever_the_bytes(
        body in proptest::collection::vec(prop_oneof![
            Just(b"1,115712,True,Tue Oct 31 22:10:47 +0000 2017,hi,2,\n".to_vec()),
            Just(b"2,brand,False,Tue Oct 31 22:11:47 +0000 2017,yo,,1\n".to_vec()),
            Just(b"Case 1,Closed,Value 1,2012/10/09 14:50:17.000,Value 2\n".to_vec()),
            Just(b"{\"dialogHeader\": {\"company\": \"A\", \"sessionID\": \"s\"}, \"dialogContent\": []},".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..40),
        ], 0..12)
    ) {
        let bytes: Vec<u8> = body.concat();
        let twcs = [b"tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n".to_vec(), bytes.clone()].concat();
        drain(&twcs, Format::Twcs);
        let log = [b"Case ID,Activity,Resource,Complete Timestamp,customer\n".to_vec(), bytes.clone()].concat();
        drain(&log, Format::helpdesk());
        drain(&[b"[".to_vec(), bytes.clone()].concat(), Format::IbmJson);
        drain(&bytes, Format::Events);
    }
}

/// A twcs row: id, author, inbound, text, the id it answers.
fn twcs_row(id: u64, author: &str, inbound: bool, text: &str, answers: Option<u64>) -> String {
    let quoted = format!("\"{}\"", text.replace('"', "\"\""));
    format!(
        "{id},{author},{},Tue Oct 31 22:{:02}:47 +0000 2017,{quoted},,{}\n",
        if inbound { "True" } else { "False" },
        id % 60,
        answers.map_or(String::new(), |a| a.to_string())
    )
}

/// The twcs rows of a file that ended up in cases, by tweet id (each case's interactions).
fn tweets_in_cases(cases: &[Case]) -> Vec<String> {
    cases
        .iter()
        .flat_map(|c| c.log().iter().map(|i| i.id.as_str().to_string()))
        .collect()
}

#[test]
fn twitter_authors_and_handles_no_id_can_hold_are_rejected_not_lost() {
    let long = "x".repeat(300);
    let mut csv = String::from(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n",
    );
    csv += &twcs_row(1, "115712", true, "hi @sprintcare", None);
    csv += &twcs_row(2, "sprintcare", false, "@115712 hello", None);
    csv += &twcs_row(3, "bad\u{1}author", true, "hi", None);
    csv += &twcs_row(4, &long, true, "hi", None);
    csv += &twcs_row(5, "115713", true, &format!("hi @{long}"), None);
    let (cases, rejected, summary) = run(csv.into_bytes(), Some(Format::Twcs));
    assert_eq!(
        (summary.read, summary.accepted, summary.rejected),
        (5, 3, 2),
        "{rejected:?}"
    );
    let messages: Vec<String> = rejected.iter().map(ToString::to_string).collect();
    assert!(
        messages.iter().all(|m| m.contains("author_id")),
        "{messages:?}"
    );
    assert!(messages[0].starts_with("line 4") && messages[1].starts_with("line 5"));
    // The customer naming a handle too long for a brand still has a case (brand unknown).
    let mut ids = tweets_in_cases(&cases);
    ids.sort();
    assert_eq!(ids, ["1", "2", "5"]);
}

#[test]
fn an_unclosed_quote_that_swallows_rows_is_rejected_with_them() {
    let csv = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
1,115712,True,Tue Oct 31 22:10:47 +0000 2017,\"hi @sprintcare,,
2,sprintcare,False,Tue Oct 31 22:11:47 +0000 2017,@115712 hello,,1
3,115713,True,Tue Oct 31 22:12:47 +0000 2017,\"a \"\"quoted\"\" text\",,
4,115714,True,Tue Oct 31 22:13:47 +0000 2017,\"a text
over two lines, fine\",,
";
    let (cases, rejected, summary) = run(csv.as_bytes().to_vec(), Some(Format::Twcs));
    // Row 1's quote runs to row 3's: rows 1 and 2 are rejected together; 4 is a real
    // multi-line text and is read.
    assert_eq!(summary.read, summary.accepted + summary.rejected);
    assert!(summary.rejected >= 2, "{summary}");
    assert!(
        rejected[0].to_string().contains("unclosed quote"),
        "{rejected:?}"
    );
    assert!(tweets_in_cases(&cases).contains(&"4".to_string()));
    assert!(!tweets_in_cases(&cases).contains(&"2".to_string()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Hostile twcs files: authors with control characters or too long, handles too long,
    /// replies to anything. Every row is read once, accepted into exactly one case or rejected.
    #[test]
    fn every_twitter_row_is_in_one_case_or_rejected(
        rows in proptest::collection::vec((
            0u64..40,
            prop_oneof![
                Just("115712".to_string()),
                Just("sprintcare".to_string()),
                Just("a\u{7}b".to_string()),
                Just("y".repeat(257)),
                "[a-z0-9]{1,12}",
            ],
            any::<bool>(),
            prop_oneof![
                Just("hi".to_string()),
                Just(format!("@{} hello", "z".repeat(280))),
                Just("@sprintcare help".to_string()),
                Just("thanks, \"great\"".to_string()),
            ],
            proptest::option::of(0u64..40),
        ), 0..30)
    ) {
        let mut csv = String::from("tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n");
        for (id, author, inbound, text, answers) in &rows {
            csv += &twcs_row(*id, author, *inbound, text, *answers);
        }
        // Under any watermark: still every row once; a thread's id comes again only from
        // rows more than a window after it was handed over (its ids are remembered that long).
        for window in [1, 2, 5] {
            let source = kesher_io::TwcsImporter::with_window(std::io::Cursor::new(csv.clone().into_bytes()), window).unwrap();
            accounted_from(Box::new(source), Some(window));
        }
        let (cases, _, summary) = run(csv.into_bytes(), Some(Format::Twcs));
        prop_assert_eq!(summary.read, rows.len() as u64);
        let ids = tweets_in_cases(&cases);
        prop_assert_eq!(ids.len() as u64, summary.accepted, "accepted rows are the cases' tweets");
        let distinct: BTreeSet<&String> = ids.iter().collect();
        prop_assert_eq!(distinct.len(), ids.len(), "no tweet in two cases");
    }
}

#[test]
fn an_ibm_conversation_over_16_mib_is_rejected_and_reading_goes_on() {
    let conversation = |id: &str, text: &str| {
        format!(
            r#"{{"dialogHeader": {{"company": "A", "sessionID": "{id}"}},
  "dialogContent": [{{"client": "c", "datetime": "2020-04-01T17:31:32.000Z", "message": "{text}", "tweet_ID": "1"}}]}}"#
        )
    };
    let huge = "a, [b] {c} \\\" d".repeat((17 << 20) / 15 + 1);
    let json = format!(
        "[\n{},\n{},\n{}\n]",
        conversation("s1", "first"),
        conversation("s2", &huge),
        conversation("s3", "after the huge one")
    );
    let (cases, rejected, summary) = run(json.into_bytes(), Some(Format::IbmJson));
    assert_eq!(
        (summary.read, summary.accepted, summary.rejected),
        (3, 2, 1)
    );
    assert_eq!(
        cases.len(),
        2,
        "the conversation after the huge one is read"
    );
    let m = rejected[0].to_string();
    assert!(
        m.starts_with("line 4: ") && m.contains("larger than the 16 MiB"),
        "{m}"
    );
}

/// Imports `bytes` to the end and checks the accounting of every row: `read = accepted +
/// rejected`, every accepted row (by line) is in exactly one case, no case is handed over twice.
/// Returns the summary.
fn accounted(bytes: &[u8], format: Format) -> ImportSummary {
    let source = import(Box::new(std::io::Cursor::new(bytes.to_vec())), format).unwrap();
    accounted_from(source, None)
}

/// [`accounted`] for any importer. With `repeat_gap`, a case id may be handed over again, but
/// only by rows more than that many lines after its earlier case ended (an importer with a
/// watermark remembers the ids it handed over for a window of rows, not forever).
fn accounted_from(
    mut source: Box<dyn kesher_io::CaseSource + Send>,
    repeat_gap: Option<u64>,
) -> ImportSummary {
    let mut owner: BTreeMap<u64, String> = BTreeMap::new();
    let mut cases: BTreeMap<String, u64> = BTreeMap::new();
    // A row's own event claims its line; an `opened` event made up from the row that starts a
    // thread claims it only if nothing else did.
    let mut opened_from = Vec::new();
    for batch in source.by_ref().flatten() {
        let id = batch.case_id.as_str().to_string();
        let first = batch.events.iter().map(|(l, _)| *l).min().unwrap_or(0);
        let last = batch.events.iter().map(|(l, _)| *l).max().unwrap_or(0);
        if let Some(ended) = cases.insert(id.clone(), last) {
            assert!(
                repeat_gap.is_some_and(|g| first > ended + g),
                "case {id} handed over twice (earlier one ended on line {ended}, this starts on {first})"
            );
        }
        for (line, event) in &batch.events {
            if matches!(event, kesher::event::CaseEvent::Opened(_)) {
                opened_from.push((*line, id.clone()));
            } else if let Some(other) = owner.insert(*line, id.clone()) {
                assert_eq!(other, id, "line {line} is in two cases");
            }
        }
    }
    for (line, id) in opened_from {
        owner.entry(line).or_insert(id);
    }
    let s = source.summary();
    assert_eq!(s.read, s.accepted + s.rejected, "{s}");
    assert_eq!(
        owner.len() as u64,
        s.accepted,
        "accepted rows that are in no case: {s}"
    );
    s
}

/// A hostile value for a field: fine, empty, a control character, too long for an id, a quote
/// left open, a comma, a line break.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9 ]{1,8}",
        1 => Just(String::new()),
        1 => Just("a\u{1}b".to_string()),
        1 => Just("k".repeat(300)),
        1 => Just("\"open".to_string()),
        1 => Just("a,b".to_string()),
        1 => Just("two\nlines".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Hostile helpdesk event logs (rows of one case need not be adjacent; ids, activities and
    /// resources with control characters, overlong, unquoted commas and quotes, bad dates).
    #[test]
    fn every_event_log_row_is_in_one_case_or_rejected(
        rows in proptest::collection::vec((
            prop_oneof![4 => "Case [1-5]", 1 => hostile()],
            prop_oneof![
                Just("Take in charge ticket".to_string()),
                Just("Resolve ticket".to_string()),
                Just("Closed".to_string()),
                hostile(),
            ],
            hostile(),
            prop_oneof![
                4 => (0u32..28).prop_map(|d| format!("2012/10/{:02} 14:50:17.000", d + 1)),
                1 => Just("2300/01/01 00:00:00.000".to_string()),
                1 => hostile(),
            ],
        ), 0..25)
    ) {
        let mut csv = String::from("Case ID,Activity,Resource,Complete Timestamp,customer\n");
        for (case, activity, resource, at) in &rows {
            csv += &format!("{case},{activity},{resource},{at},c1\n");
        }
        accounted(csv.as_bytes(), Format::helpdesk());
    }

    /// Hostile one-row-per-ticket tables: ids repeated, instants broken or backwards.
    #[test]
    fn every_ticket_row_is_one_case_or_rejected(
        rows in proptest::collection::vec((
            prop_oneof![4 => "[1-9]", 1 => hostile()],
            prop_oneof![4 => (1u32..28).prop_map(|d| format!("06/{d:02}/2018 10:58:54 AM")), 1 => hostile()],
            prop_oneof![2 => (1u32..28).prop_map(|d| format!("06/{d:02}/2018 11:00:00 PM")), 1 => Just(String::new()), 1 => hostile()],
            prop_oneof![Just("Closed".to_string()), Just("Open".to_string()), hostile()],
        ), 0..25)
    ) {
        let mut csv = String::from("Unique Key,Created Date,Closed Date,Agency,Complaint Type,Descriptor,Status,Resolution Description,Open Data Channel Type\n");
        for (key, created, closed, status) in &rows {
            csv += &format!("{key},{created},{closed},NYPD,Noise,Loud,{status},done,PHONE\n");
        }
        accounted(csv.as_bytes(), Format::from_name("nyc311").unwrap());
    }

    /// Hostile helpdesk exports: ids repeated, instants and authors broken, records cut off,
    /// in any of the four shapes.
    #[test]
    fn every_helpdesk_record_is_one_case_or_rejected(
        records in proptest::collection::vec((
            prop_oneof![4 => "[1-6]", 1 => hostile()],
            prop_oneof![3 => Just("2025-01-05T09:00:00Z".to_string()), 1 => hostile()],
            prop_oneof![3 => Just("7".to_string()), 1 => hostile()],
            any::<bool>(),
        ), 0..12),
        which in 0usize..4,
        as_array in any::<bool>(),
    ) {
        let helpdesk = kesher_io::Helpdesk::ALL[which];
        let mut texts = Vec::new();
        for (id, at, author, cut) in &records {
            let record = match helpdesk {
                kesher_io::Helpdesk::Zendesk => serde_json::json!({"id": id, "created_at": at, "requester_id": author,
                    "comments": [{"id": 1, "author_id": author, "body": "hi", "public": true, "created_at": at}]}),
                kesher_io::Helpdesk::Freshdesk => serde_json::json!({"id": id, "created_at": at, "requester_id": author, "status": 5,
                    "conversations": [{"id": 1, "incoming": false, "user_id": author, "body_text": "hi", "created_at": at}]}),
                kesher_io::Helpdesk::Zammad => serde_json::json!({"id": id, "created_at": at, "customer_id": author, "state": "closed",
                    "articles": [{"id": 1, "sender": "Agent", "type": "email", "created_by_id": author, "body": "hi", "created_at": at}]}),
                kesher_io::Helpdesk::Chatwoot => serde_json::json!({"id": id, "created_at": 1736067600, "meta": {"sender": {"id": author}},
                    "messages": [{"id": 1, "message_type": 1, "content": at, "created_at": 1736067700, "sender": {"id": author}}]}),
            }
            .to_string();
            texts.push(if *cut { record[..record.len() / 2].to_string() } else { record });
        }
        let text = if as_array { format!("[{}]", texts.join(",\n")) } else { texts.join("\n") };
        accounted(text.as_bytes(), Format::Helpdesk(helpdesk));
    }

    /// Hostile JSON Lines events: cases interleaved, fields broken, lines not JSON.
    #[test]
    fn every_event_line_is_in_one_case_or_rejected(
        lines in proptest::collection::vec((
            prop_oneof![4 => "T[1-4]", 1 => hostile()],
            prop_oneof![
                Just("opened"), Just("assigned"), Just("interaction"), Just("status_changed"),
                Just("nonsense"),
            ],
            0u32..50,
            any::<bool>(),
        ), 0..25)
    ) {
        let mut text = String::new();
        for (case, kind, minute, broken) in &lines {
            let case = serde_json::to_string(case).unwrap();
            let at = format!("2025-01-05T09:{:02}:00Z", minute % 60);
            let line = match *kind {
                "opened" => format!(r#"{{"type": "opened", "case_id": {case}, "at": "{at}", "customer": {{"id": "c"}}, "channel": "chat"}}"#),
                "assigned" => format!(r#"{{"type": "assigned", "case_id": {case}, "seq": {minute}, "at": "{at}", "agent": "a"}}"#),
                "interaction" => format!(r#"{{"type": "interaction", "case_id": {case}, "id": "m{minute}", "customer_id": "c", "at": "{at}", "channel": "chat", "direction": "inbound", "actor": {{"type": "customer"}}, "kind": "message", "text": "hi"}}"#),
                "status_changed" => format!(r#"{{"type": "status_changed", "case_id": {case}, "seq": {minute}, "at": "{at}", "to": "resolved"}}"#),
                _ => format!(r#"{{"type": "{kind}", "case_id": {case}}}"#),
            };
            text += if *broken { &line[..line.len() / 2] } else { &line };
            text.push('\n');
        }
        accounted(text.as_bytes(), Format::Events);
        // Under any watermark: still every row once, and a case handed over twice only when
        // its rows lie more than two windows apart (handed over one window after its last
        // event, its id remembered for one window more at least).
        for window in [1, 2, 5] {
            let source = kesher_io::EventsImporter::with_window(std::io::Cursor::new(text.clone().into_bytes()), window);
            accounted_from(Box::new(source), Some(2 * window));
        }
    }

    /// Hostile IBM conversation files: sessions repeated, clients and times broken, records
    /// cut off.
    #[test]
    fn every_ibm_conversation_is_in_one_case_or_rejected(
        convs in proptest::collection::vec((
            prop_oneof![4 => "s[1-6]", 1 => hostile()],
            hostile(),
            prop_oneof![3 => Just("2020-04-01T17:31:32.000Z".to_string()), 1 => hostile()],
            any::<bool>(),
        ), 0..12)
    ) {
        let mut records = Vec::new();
        for (session, client, at, cut) in &convs {
            let record = serde_json::json!({
                "dialogHeader": {"company": "A", "sessionID": session},
                "dialogContent": [{"client": client, "datetime": at, "message": "my phone is dead", "tweet_ID": "1"}],
            })
            .to_string();
            records.push(if *cut { record[..record.len() / 2].to_string() } else { record });
        }
        let json = format!("[\n{}\n]", records.join(",\n"));
        accounted(json.as_bytes(), Format::IbmJson);
    }
}

#[test]
fn a_csv_row_over_the_cap_is_rejected_and_reading_goes_on() {
    let huge = "x".repeat(kesher_io::MAX_CSV_ROW_BYTES + 10);
    let mut csv = String::from(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n",
    );
    csv += &twcs_row(1, "115712", true, "hi @sprintcare", None);
    csv += &twcs_row(2, "115713", true, &huge, None);
    csv += &twcs_row(3, "115714", true, "hello @sprintcare", None);
    let (cases, rejected, summary) = run(csv.into_bytes(), Some(Format::Twcs));
    assert_eq!(
        (summary.read, summary.accepted, summary.rejected),
        (3, 2, 1)
    );
    assert!(
        rejected[0].to_string().starts_with("line 3: ")
            && rejected[0].to_string().contains("cap on a row"),
        "{rejected:?}"
    );
    assert_eq!(tweets_in_cases(&cases).len(), 2);
    let log = format!(
        "Case ID,Activity,Resource,Complete Timestamp,customer\nCase 1,Closed,{huge},2012/10/09 14:50:17.000,c\nCase 2,Closed,r,2012/10/09 14:50:17.000,c\n"
    );
    let s = accounted(log.as_bytes(), Format::helpdesk());
    assert_eq!((s.read, s.accepted, s.rejected), (2, 1, 1));
}

/// Found by `cargo fuzz` (fuzz/regressions/import_ibm): a repeated session became a second
/// case with the same id.
#[test]
fn a_repeated_ibm_session_is_rejected_not_made_a_second_case() {
    let conversation = |text: &str| {
        format!(
            r#"{{"dialogHeader": {{"company": "A", "sessionID": "s1"}},
  "dialogContent": [{{"client": "c", "datetime": "2020-04-01T17:31:32.000Z", "message": "{text}", "tweet_ID": "1"}}]}}"#
        )
    };
    let json = format!(
        "[\n{},\n{}\n]",
        conversation("first"),
        conversation("again")
    );
    let (cases, rejected, summary) = run(json.into_bytes(), Some(Format::IbmJson));
    assert_eq!(
        (summary.read, summary.accepted, summary.rejected),
        (2, 1, 1)
    );
    assert_eq!(cases.len(), 1);
    let m = rejected[0].to_string();
    assert!(
        m.starts_with("line 4: ") && m.contains("sessionID") && m.contains("repeats"),
        "{m}"
    );
}

#[test]
fn the_events_watermark_keeps_memory_to_the_cases_within_the_window() {
    // 30,000 cases of two events each, the second about 100 rows of the stream after the
    // first: with a window of 200 rows every case is complete, and about 100 are open at a time.
    let mut text = String::new();
    let event = |case: u32, seq: u32| {
        format!(
            r#"{{"type": "assigned", "case_id": "T{case}", "seq": {seq}, "at": "2025-01-05T09:00:00Z", "agent": "a"}}"#
        ) + "\n"
    };
    for row in 0..30_050u32 {
        if row < 30_000 {
            text += &event(row, 0);
        }
        if row >= 50 {
            text += &event(row - 50, 1);
        }
    }
    let mut source =
        kesher_io::EventsImporter::with_window(std::io::Cursor::new(text.into_bytes()), 200);
    let (mut cases, mut most_open) = (0, 0);
    while let Some(batch) = source.next() {
        let batch = batch.unwrap();
        assert_eq!(batch.events.len(), 2, "{}", batch.case_id.as_str());
        cases += 1;
        most_open = most_open.max(source.open_cases());
    }
    assert_eq!(cases, 30_000);
    assert!((50..=200).contains(&most_open), "{most_open}");
    use kesher_io::CaseSource;
    assert_eq!(
        source.summary().to_string(),
        "read 60000, accepted 60000, rejected 0"
    );
}
