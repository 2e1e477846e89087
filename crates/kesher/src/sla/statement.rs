//! Contracts as customer-readable statements, in the words of the message catalogue
//! (`statement-*`, `duration-*`, `weekday` messages), and the channel-coverage check ("every
//! channel that is opened must have an SLA").

use super::contract::{ContractSet, SlaContract, TimeBasis, Within};
use super::interaction_target::{InteractionMatch, InteractionTarget};
use crate::calendar::WallInterval;
use crate::catalogue::{MessageArg, Wording};
use crate::{calendar::Calendar, case::Case, channel::Channel};
use chrono::{TimeDelta, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One statement: what a contract promises on one channel (or on every channel it covers).
///
/// # Example
///
/// ```
/// let set = kesher::sla::ContractSet::from_json(r#"[{"name": "social", "conditions": {"channels": ["facebook_page"]},
///     "calendar": "israel", "targets": [{"metric": "first_response", "within": 7200}]}]"#)?;
/// let s = kesher::sla::statement::statements(&set.contracts()[0], kesher::Language::En);
/// assert_eq!(s[0].text, "We answer posts on our Facebook page within 2 business hours \
///     (Sunday–Thursday 09:00–17:00, Friday 09:00–13:00, except holidays).");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The contract.
    pub contract: String,
    /// The channel, or none when the contract covers every channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// The language's tag (`en`, `he`, `ar`, `ru`, or a host's own).
    pub language: String,
    /// The text.
    pub text: String,
}

fn channel_phrase(channel: Option<&Channel>, w: Wording<'_>) -> String {
    let name = channel.map_or_else(|| "any".to_string(), Channel::name);
    let shown = name.trim_start_matches("custom:");
    let key = if channel.is_some_and(|c| matches!(c, Channel::Custom(_))) {
        "other"
    } else {
        name.as_str()
    };
    w.say(
        "statement-channel",
        &[
            ("channel", MessageArg::Text(key)),
            ("name", MessageArg::Text(shown)),
        ],
    )
}

/// "2 business hours", "30 minutes", "1 day" / "שעתיים בשעות הפעילות" (also used by the playbook).
pub(crate) fn duration_text(d: TimeDelta, basis: TimeBasis, w: Wording<'_>) -> String {
    let secs = d.num_seconds();
    let (days, hours, minutes) = (secs / 86_400, secs / 3600, secs % 3600 / 60);
    let basis_name = match basis {
        TimeBasis::Business => "business",
        TimeBasis::Calendar => "calendar",
    };
    let say = |id: &str, n: i64| {
        w.say(
            id,
            &[
                ("n", MessageArg::Count(n)),
                ("basis", MessageArg::Text(basis_name)),
            ],
        )
    };
    if basis == TimeBasis::Calendar && days > 0 && secs % 86_400 == 0 {
        say("duration-days", days)
    } else if secs < 600 && secs % 60 != 0 {
        say("duration-seconds", secs)
    } else if hours == 0 {
        say("duration-minutes", minutes.max(1))
    } else if minutes == 0 {
        say("duration-hours", hours)
    } else {
        w.say(
            "duration-hours-minutes",
            &[
                ("hours", MessageArg::Count(hours)),
                ("minutes", MessageArg::Count(minutes)),
                ("basis", MessageArg::Text(basis_name)),
            ],
        )
    }
}

/// Items joined as a list: `list-separator` between them and `list-and` (or `list-and-times`)
/// before the last.
fn list(items: &[String], and: &str, w: Wording<'_>) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => {
            let separator = w.say("list-separator", &[]);
            w.say(
                and,
                &[
                    ("head", MessageArg::Phrase(&head.join(&separator))),
                    ("last", MessageArg::Phrase(last)),
                ],
            )
        }
    }
}

fn within_phrase(within: &Within, basis: TimeBasis, w: Wording<'_>) -> String {
    match within {
        Within::All(d) => duration_text(*d, basis, w),
        Within::ByPriority(map) => {
            let parts: Vec<String> = map
                .iter()
                .rev()
                .map(|(p, d)| {
                    let requests = w.say(
                        "statement-priority",
                        &[("priority", MessageArg::Text(p.as_str()))],
                    );
                    w.say(
                        "statement-within-priority",
                        &[
                            ("duration", MessageArg::Phrase(&duration_text(*d, basis, w))),
                            ("requests", MessageArg::Phrase(&requests)),
                        ],
                    )
                })
                .collect();
            parts.join(&w.say("list-separator", &[]))
        }
    }
}

/// A weekday's name (also used by the playbook).
pub(crate) fn weekday_name(day: Weekday, w: Wording<'_>) -> String {
    let key = crate::calendar::weekday_key(day);
    w.say("weekday", &[("weekday", MessageArg::Text(key))])
}

/// Times of day joined as a list; in right-to-left text each keeps its left-to-right order
/// (first-strong isolate, as the catalogue isolates values).
fn intervals_text(hours: &[WallInterval], w: Wording<'_>) -> String {
    let list_items: Vec<String> = hours
        .iter()
        .map(|i| {
            if w.is_right_to_left() {
                format!("\u{2068}{i}\u{2069}")
            } else {
                i.to_string()
            }
        })
        .collect();
    list(&list_items, "list-and-times", w)
}

/// Runs of weekdays with the same hours, in the week's order.
fn runs<'c>(calendar: &'c Calendar, w: Wording<'_>) -> Vec<(Weekday, Weekday, &'c [WallInterval])> {
    use Weekday::*;
    let week = calendar.week();
    // Right-to-left text and weeks that work Sunday but not Saturday start on Sunday.
    let sunday_first =
        w.is_right_to_left() || (!week.day(Sun).is_empty() && week.day(Sat).is_empty());
    let order: [Weekday; 7] = if sunday_first {
        [Sun, Mon, Tue, Wed, Thu, Fri, Sat]
    } else {
        [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
    };
    let mut runs: Vec<(Weekday, Weekday, &[WallInterval])> = Vec::new();
    for day in order {
        let hours = week.day(day);
        if hours.is_empty() {
            continue;
        }
        match runs.last_mut() {
            Some((_, last, h)) if *h == hours && last.succ() == day => *last = day,
            _ => runs.push((day, day, hours)),
        }
    }
    runs
}

/// " (Sunday–Thursday 09:00–17:00, Friday 09:00–13:00, except holidays)".
fn hours_phrase(calendar: &Calendar, w: Wording<'_>) -> String {
    let runs = runs(calendar, w);
    let all_day = runs.len() == 1
        && runs.first().is_some_and(|(f, l, h)| {
            f.num_days_from_monday().abs_diff(l.num_days_from_monday()) == 6
                && h.len() == 1
                && h.first().is_some_and(|i| i.length_seconds() == 86_400)
        });
    let mut parts: Vec<String> = if all_day {
        vec![w.say("statement-around-the-clock", &[])]
    } else {
        runs.iter()
            .map(|(first, last, hours)| {
                let days = if first == last {
                    weekday_name(*first, w)
                } else {
                    w.say(
                        "weekday-range",
                        &[
                            ("first", MessageArg::Phrase(&weekday_name(*first, w))),
                            ("last", MessageArg::Phrase(&weekday_name(*last, w))),
                        ],
                    )
                };
                w.say(
                    "statement-hours-on",
                    &[
                        ("days", MessageArg::Phrase(&days)),
                        ("times", MessageArg::Phrase(&intervals_text(hours, w))),
                    ],
                )
            })
            .collect()
    };
    if !calendar.holiday_rules().is_empty() || calendar.has_dated_holidays() {
        parts.push(w.say("statement-except-holidays", &[]));
    }
    let hours = parts.join(&w.say("list-separator", &[]));
    w.say(
        "statement-business-hours",
        &[("hours", MessageArg::Phrase(&hours))],
    )
}

fn sentence(contract: &SlaContract, channel: Option<&Channel>, w: Wording<'_>) -> String {
    let what = channel_phrase(channel, w);
    let mut clauses: Vec<String> = Vec::new();
    let mut business = false;
    for target in &contract.targets {
        business |= target.time == TimeBasis::Business;
        let within = within_phrase(&target.within, target.time, w);
        clauses.push(w.say(
            "statement-target",
            &[
                ("metric", MessageArg::Text(target.metric.as_str())),
                ("what", MessageArg::Phrase(&what)),
                ("within", MessageArg::Phrase(&within)),
            ],
        ));
    }
    let hours = if business {
        hours_phrase(contract.calendar(), w)
    } else {
        String::new()
    };
    w.say(
        "statement",
        &[
            (
                "targets",
                MessageArg::Phrase(&list(&clauses, "list-and", w)),
            ),
            ("hours", MessageArg::Phrase(&hours)),
        ],
    )
}

/// What an interaction target's contacts are called ("voicemail messages and missed calls").
fn contacts_phrase(on: &InteractionMatch, w: Wording<'_>) -> String {
    let mut parts: Vec<String> = on
        .kinds
        .iter()
        .map(|k| w.say("statement-contact", &[("kind", MessageArg::Text(k.name()))]))
        .collect();
    if parts.is_empty() {
        parts = on
            .channels
            .iter()
            .map(|c| channel_phrase(Some(c), w))
            .collect();
    } else if !on.channels.is_empty() {
        let names: Vec<String> = on.channels.iter().map(Channel::name).collect();
        if let Some(last) = parts.last_mut() {
            *last = w.say(
                "statement-contacts-on",
                &[
                    ("contacts", MessageArg::Phrase(last)),
                    ("channels", MessageArg::Text(&names.join(", "))),
                ],
            );
        }
    }
    if parts.is_empty() {
        parts.push(channel_phrase(None, w));
    }
    let text = list(&parts, "list-and", w);
    if on.public {
        w.say(
            "statement-contacts-public",
            &[("contacts", MessageArg::Phrase(&text))],
        )
    } else {
        text
    }
}

/// The statement of an interaction target, in the words of a contract's ("We call back
/// voicemail messages and missed calls within 8 business hours (…).").
///
/// # Example
///
/// ```
/// let set = kesher::sla::ContractSet::from_json(r#"{"contracts": [], "interaction_targets": [{"name": "call back",
///     "on": {"kinds": ["voicemail", "missed_call"]}, "within": 28800, "calendar": "israel", "answered_on": ["phone"]}]}"#)?;
/// let target = &set.interaction_targets()[0];
/// let en = kesher::sla::statement::interaction_statement(target, kesher::Language::En);
/// assert!(en.text.starts_with("We call back voicemail messages and missed calls within 8 business hours"), "{}", en.text);
/// let he = kesher::sla::statement::interaction_statement(target, kesher::Language::He);
/// assert!(he.text.starts_with("אנחנו חוזרים להודעות בתא הקולי ולשיחות שלא נענו תוך \u{2068}8\u{2069} שעות בשעות הפעילות"), "{}", he.text);
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn interaction_statement<'a>(
    target: &InteractionTarget,
    wording: impl Into<Wording<'a>>,
) -> Statement {
    interaction_statement_in(target, wording.into())
}

fn interaction_statement_in(target: &InteractionTarget, w: Wording<'_>) -> Statement {
    let what = contacts_phrase(&target.on, w);
    let within = within_phrase(&target.within, target.time, w);
    let calls_back = target.answered_on.as_slice() == [Channel::Phone];
    let hours = if target.time == TimeBasis::Business {
        hours_phrase(target.calendar(), w)
    } else {
        String::new()
    };
    let id = if calls_back {
        "statement-call-back"
    } else {
        "statement-answer"
    };
    let args = [
        ("what", MessageArg::Phrase(&what)),
        ("within", MessageArg::Phrase(&within)),
        ("hours", MessageArg::Phrase(&hours)),
    ];
    Statement {
        contract: target.name.clone(),
        channel: match target.on.channels.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        },
        language: w.language().to_string(),
        text: w.say(id, &args),
    }
}

/// The statements of a contract: one per channel in its conditions, or one for every channel.
/// `wording` is a [`crate::Language`] of the built-in catalogue, or a host's
/// [`Wording`].
///
/// # Example
///
/// ```
/// use kesher::catalogue::{Catalogue, Wording};
/// let set = kesher::sla::ContractSet::from_json(r#"[{"name": "std", "calendar": "israel",
///     "targets": [{"metric": "first_response", "within": 7200}]}]"#)?;
/// let he = kesher::sla::statement::statements(&set.contracts()[0], kesher::Language::He);
/// assert!(he[0].text.starts_with("אנחנו עונים לפניות שלכם תוך שעתיים בשעות הפעילות"));
/// let ru = kesher::sla::statement::statements(&set.contracts()[0], kesher::Language::Ru);
/// assert!(ru[0].text.starts_with("Мы отвечаем на ваши обращения в течение 2 рабочих часов (воскресенье–четверг"), "{}", ru[0].text);
/// let ours = Catalogue::built_in().with_messages("en", "statement-except-holidays = closed on holidays")?;
/// let en = kesher::sla::statement::statements(&set.contracts()[0], Wording::new(&ours, "en")?);
/// assert!(en[0].text.ends_with("closed on holidays)."), "{}", en[0].text);
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn statements<'a>(contract: &SlaContract, wording: impl Into<Wording<'a>>) -> Vec<Statement> {
    statements_in(contract, wording.into())
}

fn statements_in(contract: &SlaContract, w: Wording<'_>) -> Vec<Statement> {
    let channels: Vec<Option<&Channel>> = if contract.conditions.channels.is_empty() {
        vec![None]
    } else {
        contract.conditions.channels.iter().map(Some).collect()
    };
    channels
        .into_iter()
        .map(|channel| Statement {
            contract: contract.name.clone(),
            channel: channel.cloned(),
            language: w.language().to_string(),
            text: sentence(contract, channel, w),
        })
        .collect()
}

/// Every statement of a contract set: each contract's (see [`statements`]), then each
/// interaction target's (see [`interaction_statement`]).
///
/// # Example
///
/// ```
/// let set = kesher::sla::ContractSet::from_json(r#"{"contracts": [{"name": "std", "calendar": "us",
///     "targets": [{"metric": "first_response", "within": 7200}]}], "interaction_targets": [{"name": "call back",
///     "on": {"kinds": ["voicemail"]}, "within": 28800, "calendar": "us"}]}"#)?;
/// let all = kesher::sla::statement::set_statements(&set, kesher::Language::Ar);
/// assert_eq!(all.len(), 2);
/// assert_eq!((all[1].contract.as_str(), all[1].language.as_str()), ("call back", "ar"));
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn set_statements<'a>(set: &ContractSet, wording: impl Into<Wording<'a>>) -> Vec<Statement> {
    set_statements_in(set, wording.into())
}

fn set_statements_in(set: &ContractSet, w: Wording<'_>) -> Vec<Statement> {
    let rules = set
        .interaction_targets()
        .iter()
        .map(|t| interaction_statement_in(t, w));
    set.contracts()
        .iter()
        .flat_map(|c| statements_in(c, w))
        .chain(rules)
        .collect()
}

/// How well a channel with traffic is covered by contracts.
///
/// # Example
///
/// ```
/// assert_eq!(serde_json::to_string(&kesher::sla::statement::Coverage::Uncovered).unwrap(), "\"uncovered\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// A contract covers every case on the channel (a fallback, or one naming only the channel).
    Covered,
    /// Only contracts that also require a priority or a segment cover it: some cases have none.
    Partial,
    /// No contract covers it: customers fill the vacuum with their own expectations.
    Uncovered,
}

/// One channel's traffic and coverage.
///
/// # Example
///
/// See [`channel_coverage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelCoverage {
    /// The channel.
    pub channel: Channel,
    /// Customer contacts seen on it.
    pub contacts: u64,
    /// The coverage.
    pub coverage: Coverage,
    /// The contracts that can apply to it, in declared order, then the interaction targets that
    /// can start on it.
    pub contracts: Vec<String>,
}

/// Customer contacts per channel over a set of cases (inbound messages, calls, voicemails…).
///
/// # Example
///
/// See [`channel_coverage`].
pub fn traffic<'a>(cases: impl IntoIterator<Item = &'a Case>) -> BTreeMap<Channel, u64> {
    let mut out = BTreeMap::new();
    for case in cases {
        for i in case.log().iter().filter(|i| i.is_customer_contact()) {
            *out.entry(i.channel.clone()).or_insert(0) += 1;
        }
    }
    out
}

/// The coverage of every channel with traffic; channels without a contract come first, then
/// partial ones, then covered, each by traffic (highest first).
///
/// # Example
///
/// ```
/// use kesher::sla::statement::{channel_coverage, Coverage};
/// use kesher::{Channel, sla::ContractSet};
///
/// let set = ContractSet::from_json(r#"[{"name": "social", "conditions": {"channels": ["twitter"]},
///     "calendar": "israel", "targets": [{"metric": "first_response", "within": 3600}]}]"#)?;
/// let traffic = [(Channel::Twitter, 40), (Channel::Voicemail, 7)].into_iter().collect();
/// let report = channel_coverage(&set, &traffic);
/// assert_eq!((report[0].channel.clone(), report[0].coverage), (Channel::Voicemail, Coverage::Uncovered));
/// assert_eq!(report[1].coverage, Coverage::Covered);
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn channel_coverage(
    set: &ContractSet,
    traffic: &BTreeMap<Channel, u64>,
) -> Vec<ChannelCoverage> {
    let mut out: Vec<ChannelCoverage> = traffic
        .iter()
        .map(|(channel, &contacts)| {
            let matching: Vec<&SlaContract> = set
                .contracts()
                .iter()
                .filter(|c| {
                    c.conditions.channels.is_empty() || c.conditions.channels.contains(channel)
                })
                .collect();
            // An interaction target counts for the channels it names (or every channel); it
            // covers one fully only when it starts at every contact there.
            let rules: Vec<&InteractionTarget> = set
                .interaction_targets()
                .iter()
                .filter(|t| t.on.channels.is_empty() || t.on.channels.contains(channel))
                .collect();
            let full = matching
                .iter()
                .any(|c| c.conditions.priorities.is_empty() && c.conditions.segments.is_empty())
                || rules.iter().any(|t| t.on.kinds.is_empty() && !t.on.public);
            let coverage = if full {
                Coverage::Covered
            } else if matching.is_empty() && rules.is_empty() {
                Coverage::Uncovered
            } else {
                Coverage::Partial
            };
            let names = matching.iter().map(|c| c.name.clone());
            ChannelCoverage {
                channel: channel.clone(),
                contacts,
                coverage,
                contracts: names.chain(rules.iter().map(|t| t.name.clone())).collect(),
            }
        })
        .collect();
    let rank = |c: Coverage| match c {
        Coverage::Uncovered => 0,
        Coverage::Partial => 1,
        Coverage::Covered => 2,
    };
    crate::support::sorting::sort_by(&mut out, |a, b| {
        rank(a.coverage)
            .cmp(&rank(b.coverage))
            .then(b.contacts.cmp(&a.contacts))
    });
    out
}
