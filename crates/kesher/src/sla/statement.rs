//! Contracts as customer-readable statements (Hebrew and English), and the channel-coverage
//! check ("every channel that is opened must have an SLA").

use super::contract::{ContractSet, Metric, SlaContract, TimeBasis, Within};
use super::interaction_target::{InteractionMatch, InteractionTarget};
use crate::calendar::WallInterval;
use crate::{Calendar, Case, Channel, InteractionKind, Language, Priority};
use chrono::{TimeDelta, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Left-to-right isolate: keeps times and ranges such as `09:00–17:00` in reading order inside
/// right-to-left Hebrew text (Unicode bidi: LRI … PDI).
const LRI: char = '\u{2066}';
const PDI: char = '\u{2069}';

/// One statement: what a contract promises on one channel (or on every channel it covers).
///
/// # Example
///
/// ```
/// let set = kesher::ContractSet::from_json(r#"[{"name": "social", "conditions": {"channels": ["facebook_page"]},
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
    /// The language.
    pub language: Language,
    /// The text.
    pub text: String,
}

fn channel_phrase(channel: Option<&Channel>, lang: Language) -> String {
    use Channel::*;
    match (lang, channel) {
        (Language::En, None) => "your requests".into(),
        (Language::En, Some(Phone)) => "phone calls".into(),
        (Language::En, Some(Email)) => "emails".into(),
        (Language::En, Some(Voicemail)) => "voicemail messages".into(),
        (Language::En, Some(FacebookPage)) => "posts on our Facebook page".into(),
        (Language::En, Some(FacebookMessenger)) => "Facebook Messenger messages".into(),
        (Language::En, Some(Twitter)) => "messages on Twitter".into(),
        (Language::En, Some(Whatsapp)) => "WhatsApp messages".into(),
        (Language::En, Some(Sms)) => "text messages".into(),
        (Language::En, Some(Chat)) => "chat messages".into(),
        (Language::En, Some(WebForm)) => "requests from our website form".into(),
        (Language::En, Some(StoreVisit)) => "requests in our stores".into(),
        (Language::En, Some(other)) => {
            format!("messages on {}", other.name().trim_start_matches("custom:"))
        }
        (Language::He, None) => "לפניות שלכם".into(),
        (Language::He, Some(Phone)) => "לשיחות טלפון".into(),
        (Language::He, Some(Email)) => "להודעות דוא״ל".into(),
        (Language::He, Some(Voicemail)) => "להודעות בתא הקולי".into(),
        (Language::He, Some(FacebookPage)) => "לפוסטים בעמוד הפייסבוק שלנו".into(),
        (Language::He, Some(FacebookMessenger)) => "להודעות במסנג׳ר".into(),
        (Language::He, Some(Twitter)) => "להודעות בטוויטר".into(),
        (Language::He, Some(Whatsapp)) => "להודעות וואטסאפ".into(),
        (Language::He, Some(Sms)) => "להודעות SMS".into(),
        (Language::He, Some(Chat)) => "להודעות בצ׳אט".into(),
        (Language::He, Some(WebForm)) => "לפניות בטופס באתר".into(),
        (Language::He, Some(StoreVisit)) => "לפניות בחנויות".into(),
        (Language::He, Some(other)) => {
            format!(
                "להודעות ב-{LRI}{}{PDI}",
                other.name().trim_start_matches("custom:")
            )
        }
    }
}

/// "2 business hours", "30 minutes", "1 day" / "שעתיים בשעות הפעילות" (also used by the playbook).
pub(crate) fn duration_text(d: TimeDelta, basis: TimeBasis, lang: Language) -> String {
    let secs = d.num_seconds();
    let (days, minutes) = (secs / 86_400, secs % 3600 / 60);
    let whole_days = basis == TimeBasis::Calendar && days > 0 && secs % 86_400 == 0;
    let business = basis == TimeBasis::Business;
    match lang {
        Language::En => {
            let unit = |n: i64, one: &str| {
                let adj = if business { "business " } else { "" };
                if n == 1 {
                    format!("1 {adj}{one}")
                } else {
                    format!("{n} {adj}{one}s")
                }
            };
            if whole_days {
                unit(days, "day")
            } else if secs < 600 && secs % 60 != 0 {
                unit(secs, "second")
            } else {
                let total_hours = secs / 3600;
                match (total_hours, minutes) {
                    (0, m) => unit(m.max(1), "minute"),
                    (h, 0) => unit(h, "hour"),
                    (h, m) => format!("{} {m} minutes", unit(h, "hour")),
                }
            }
        }
        Language::He => {
            let hours_he = |h: i64| match h {
                1 => "שעה".to_string(),
                2 => "שעתיים".to_string(),
                n => format!("{n} שעות"),
            };
            let minutes_he = |m: i64| {
                if m == 1 {
                    "דקה".to_string()
                } else {
                    format!("{m} דקות")
                }
            };
            let days_he = |n: i64| match n {
                1 => "יום".to_string(),
                2 => "יומיים".to_string(),
                n => format!("{n} ימים"),
            };
            let text = if whole_days {
                days_he(days)
            } else if secs < 600 && secs % 60 != 0 {
                format!("{secs} שניות")
            } else {
                let total_hours = secs / 3600;
                match (total_hours, minutes) {
                    (0, m) => minutes_he(m.max(1)),
                    (h, 0) => hours_he(h),
                    (h, m) => format!("{} ו-{}", hours_he(h), minutes_he(m)),
                }
            };
            if business {
                format!("{text} בשעות הפעילות")
            } else {
                text
            }
        }
    }
}

fn within_phrase(within: &Within, basis: TimeBasis, lang: Language) -> String {
    match within {
        Within::All(d) => duration_text(*d, basis, lang),
        Within::ByPriority(map) => {
            let parts: Vec<String> = map
                .iter()
                .rev()
                .map(|(p, d)| {
                    let label: String = match (lang, p) {
                        (Language::En, Priority::Urgent) => "urgent requests".into(),
                        (Language::En, Priority::High) => "high-priority requests".into(),
                        (Language::En, Priority::Normal) => "normal requests".into(),
                        (Language::En, Priority::Low) => "low-priority requests".into(),
                        (Language::He, Priority::Urgent) => "פניות דחופות".into(),
                        (Language::He, Priority::High) => "פניות בעדיפות גבוהה".into(),
                        (Language::He, Priority::Normal) => "פניות רגילות".into(),
                        (Language::He, Priority::Low) => "פניות בעדיפות נמוכה".into(),
                    };
                    match lang {
                        Language::En => format!("{} for {label}", duration_text(*d, basis, lang)),
                        Language::He => format!("{} ל{label}", duration_text(*d, basis, lang)),
                    }
                })
                .collect();
            parts.join(", ")
        }
    }
}

/// A weekday's name in Hebrew or English (also used by the playbook).
pub(crate) fn weekday_name(day: Weekday, lang: Language) -> &'static str {
    use Weekday::*;
    match (lang, day) {
        (Language::En, Mon) => "Monday",
        (Language::En, Tue) => "Tuesday",
        (Language::En, Wed) => "Wednesday",
        (Language::En, Thu) => "Thursday",
        (Language::En, Fri) => "Friday",
        (Language::En, Sat) => "Saturday",
        (Language::En, Sun) => "Sunday",
        (Language::He, Mon) => "שני",
        (Language::He, Tue) => "שלישי",
        (Language::He, Wed) => "רביעי",
        (Language::He, Thu) => "חמישי",
        (Language::He, Fri) => "שישי",
        (Language::He, Sat) => "שבת",
        (Language::He, Sun) => "ראשון",
    }
}

fn intervals_text(hours: &[WallInterval], lang: Language) -> String {
    let list: Vec<String> = hours
        .iter()
        .map(|i| match lang {
            Language::En => i.to_string(),
            Language::He => format!("{LRI}{i}{PDI}"),
        })
        .collect();
    list.join(if lang == Language::He {
        " ו-"
    } else {
        " and "
    })
}

/// "Sunday–Thursday 09:00–17:00, Friday 09:00–13:00, except holidays".
fn hours_phrase(calendar: &Calendar, lang: Language) -> String {
    use Weekday::*;
    let week = calendar.week();
    // Hebrew and weeks that work Sunday but not Saturday start on Sunday.
    let sunday_first =
        lang == Language::He || (!week.day(Sun).is_empty() && week.day(Sat).is_empty());
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
    let mut parts: Vec<String> = runs
        .iter()
        .map(|(first, last, hours)| {
            let days = if first == last {
                weekday_name(*first, lang).to_string()
            } else {
                format!(
                    "{}–{}",
                    weekday_name(*first, lang),
                    weekday_name(*last, lang)
                )
            };
            format!("{days} {}", intervals_text(hours, lang))
        })
        .collect();
    let all_day = runs.len() == 1
        && runs.first().is_some_and(|(f, l, h)| {
            f.num_days_from_monday().abs_diff(l.num_days_from_monday()) == 6
                && h.len() == 1
                && h.first().is_some_and(|i| i.length_seconds() == 86_400)
        });
    if all_day {
        parts = vec![match lang {
            Language::En => "around the clock".into(),
            Language::He => "מסביב לשעון".into(),
        }];
    }
    if !calendar.holiday_rules().is_empty() || calendar.has_dated_holidays() {
        parts.push(match lang {
            Language::En => "except holidays".into(),
            Language::He => "למעט חגים".into(),
        });
    }
    parts.join(", ")
}

fn sentence(contract: &SlaContract, channel: Option<&Channel>, lang: Language) -> String {
    let what = channel_phrase(channel, lang);
    let mut clauses: Vec<String> = Vec::new();
    let mut business = false;
    for target in &contract.targets {
        business |= target.time == TimeBasis::Business;
        let within = within_phrase(&target.within, target.time, lang);
        clauses.push(match (lang, target.metric) {
            (Language::En, Metric::Acknowledgement) => {
                format!("confirm we received {what} within {within}")
            }
            (Language::En, Metric::FirstResponse) => format!("answer {what} within {within}"),
            (Language::En, Metric::NextResponse) => {
                format!("reply to every further message within {within}")
            }
            (Language::En, Metric::Resolution) => format!("resolve them within {within}"),
            (Language::En, Metric::FollowUp) => {
                format!("check back within {within} that the problem is solved")
            }
            (Language::He, Metric::Acknowledgement) => {
                format!("מאשרים את קבלת הפנייה תוך {within}")
            }
            (Language::He, Metric::FirstResponse) => format!("עונים {what} תוך {within}"),
            (Language::He, Metric::NextResponse) => format!("משיבים לכל הודעה נוספת תוך {within}"),
            (Language::He, Metric::Resolution) => format!("פותרים את הפנייה תוך {within}"),
            (Language::He, Metric::FollowUp) => {
                format!("חוזרים אליכם תוך {within} לוודא שהבעיה נפתרה")
            }
            // Not a contract's target (validation refuses it): worded for completeness.
            (Language::En, Metric::InteractionResponse) => {
                format!("answer each such contact within {within}")
            }
            (Language::He, Metric::InteractionResponse) => {
                format!("עונים לכל פנייה כזו תוך {within}")
            }
        });
    }
    let joined = match clauses.len() {
        0 => String::new(),
        1 => clauses.concat(),
        n => {
            let (head, tail) = clauses.split_at(n - 1);
            let and = if lang == Language::He { " ו" } else { " and " };
            format!("{}{and}{}", head.join(", "), tail.concat())
        }
    };
    let hours = if business {
        format!(" ({})", hours_phrase(contract.calendar(), lang))
    } else {
        String::new()
    };
    match lang {
        Language::En => format!("We {joined}{hours}."),
        Language::He => format!("אנחנו {joined}{hours}."),
    }
}

/// What an interaction target's contacts are called ("voicemail messages and missed calls").
fn contacts_phrase(on: &InteractionMatch, lang: Language) -> String {
    use InteractionKind::*;
    let mut parts: Vec<String> = on
        .kinds
        .iter()
        .map(|k| {
            match (lang, k) {
                (Language::En, Voicemail) => "voicemail messages",
                (Language::En, MissedCall) => "missed calls",
                (Language::En, Call) => "calls",
                (Language::En, Visit) => "visits",
                (Language::En, _) => "messages",
                (Language::He, Voicemail) => "להודעות בתא הקולי",
                (Language::He, MissedCall) => "לשיחות שלא נענו",
                (Language::He, Call) => "לשיחות",
                (Language::He, Visit) => "לביקורים",
                (Language::He, _) => "להודעות",
            }
            .to_string()
        })
        .collect();
    if parts.is_empty() {
        parts = on
            .channels
            .iter()
            .map(|c| channel_phrase(Some(c), lang))
            .collect();
    } else if !on.channels.is_empty() {
        let on_channels: Vec<String> = on.channels.iter().map(|c| c.name().to_string()).collect();
        let tail = match lang {
            Language::En => format!(" on {}", on_channels.join(", ")),
            Language::He => format!(" ב־{}", on_channels.join(", ")),
        };
        if let Some(last) = parts.last_mut() {
            last.push_str(&tail);
        }
    }
    if parts.is_empty() {
        parts.push(channel_phrase(None, lang));
    }
    let mut text = match parts.len() {
        1 => parts.concat(),
        n => {
            let (head, tail) = parts.split_at(n - 1);
            let and = if lang == Language::He { " ו" } else { " and " };
            format!("{}{and}{}", head.join(", "), tail.concat())
        }
    };
    if on.public {
        text.push_str(match lang {
            Language::En => " made in public",
            Language::He => " שפורסמו בפומבי",
        });
    }
    text
}

/// The statement of an interaction target, in the words of a contract's ("We call back
/// voicemail messages and missed calls within 8 business hours (…).").
///
/// # Example
///
/// ```
/// let set = kesher::ContractSet::from_json(r#"{"contracts": [], "interaction_targets": [{"name": "call back",
///     "on": {"kinds": ["voicemail", "missed_call"]}, "within": 28800, "calendar": "israel", "answered_on": ["phone"]}]}"#)?;
/// let target = &set.interaction_targets()[0];
/// let en = kesher::sla::statement::interaction_statement(target, kesher::Language::En);
/// assert!(en.text.starts_with("We call back voicemail messages and missed calls within 8 business hours"), "{}", en.text);
/// let he = kesher::sla::statement::interaction_statement(target, kesher::Language::He);
/// assert!(he.text.starts_with("אנחנו חוזרים להודעות בתא הקולי ולשיחות שלא נענו תוך 8 שעות בשעות הפעילות"), "{}", he.text);
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn interaction_statement(target: &InteractionTarget, lang: Language) -> Statement {
    let what = contacts_phrase(&target.on, lang);
    let within = within_phrase(&target.within, target.time, lang);
    let calls_back = target.answered_on.as_slice() == [Channel::Phone];
    let hours = if target.time == TimeBasis::Business {
        format!(" ({})", hours_phrase(target.calendar(), lang))
    } else {
        String::new()
    };
    let text = match (lang, calls_back) {
        (Language::En, true) => format!("We call back {what} within {within}{hours}."),
        (Language::En, false) => format!("We answer {what} within {within}{hours}."),
        (Language::He, true) => format!("אנחנו חוזרים {what} תוך {within}{hours}."),
        (Language::He, false) => format!("אנחנו עונים {what} תוך {within}{hours}."),
    };
    Statement {
        contract: target.name.clone(),
        channel: match target.on.channels.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        },
        language: lang,
        text,
    }
}

/// The statements of a contract: one per channel in its conditions, or one for every channel.
///
/// # Example
///
/// ```
/// let set = kesher::ContractSet::from_json(r#"[{"name": "std", "calendar": "israel",
///     "targets": [{"metric": "first_response", "within": 7200}]}]"#)?;
/// let he = kesher::sla::statement::statements(&set.contracts()[0], kesher::Language::He);
/// assert!(he[0].text.starts_with("אנחנו עונים לפניות שלכם תוך שעתיים בשעות הפעילות"));
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn statements(contract: &SlaContract, lang: Language) -> Vec<Statement> {
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
            language: lang,
            text: sentence(contract, channel, lang),
        })
        .collect()
}

/// Every statement of a contract set: each contract's (see [`statements`]), then each
/// interaction target's (see [`interaction_statement`]).
///
/// # Example
///
/// ```
/// let set = kesher::ContractSet::from_json(r#"{"contracts": [{"name": "std", "calendar": "us",
///     "targets": [{"metric": "first_response", "within": 7200}]}], "interaction_targets": [{"name": "call back",
///     "on": {"kinds": ["voicemail"]}, "within": 28800, "calendar": "us"}]}"#)?;
/// let all = kesher::sla::statement::set_statements(&set, kesher::Language::En);
/// assert_eq!(all.len(), 2);
/// assert_eq!(all[1].contract, "call back");
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn set_statements(set: &ContractSet, lang: Language) -> Vec<Statement> {
    let rules = set
        .interaction_targets()
        .iter()
        .map(|t| interaction_statement(t, lang));
    set.contracts()
        .iter()
        .flat_map(|c| statements(c, lang))
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
/// use kesher::{Channel, ContractSet};
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
    crate::sorting::sort_by(&mut out, |a, b| {
        rank(a.coverage)
            .cmp(&rank(b.coverage))
            .then(b.contacts.cmp(&a.contacts))
    });
    out
}
