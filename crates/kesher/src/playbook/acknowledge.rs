//! The acknowledgement: "your request was received, we will answer within X, by a time", with
//! the promised time computed on the contract's calendar.

use crate::catalogue::{MessageArg, Wording};
use crate::sla::statement::{duration_text, weekday_name};
use crate::sla::{Metric, SlaContract, TimeBasis};
use crate::{
    error::{Error, Result},
    event::Priority,
};
use chrono::{DateTime, Datelike, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// An acknowledgement to send the moment a request arrives.
///
/// # Example
///
/// See [`acknowledgement`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    /// The message.
    pub text: String,
    /// The language of the message (its tag: `en`, `he`, `ar`, `ru`, or a host's own).
    pub language: String,
    /// The instant promised for the answer.
    #[serde(with = "crate::instant")]
    pub promised_by: DateTime<Utc>,
    /// The contract's first-response target it promises.
    #[serde(rename = "within_seconds", with = "crate::seconds")]
    pub within: TimeDelta,
    /// Business or calendar time.
    pub time: TimeBasis,
}

/// The acknowledgement for a request received at `received_at` with `priority`, promising the
/// contract's first-response target: the promised instant is computed on the contract's
/// calendar (business time) or added as calendar time, so it is honest outside hours and
/// before holidays. The time is written in the calendar's zone, with the weekday, and the date
/// when it is not within the coming week.
///
/// # Errors
///
/// [`ErrorKind::MissingField`](crate::ErrorKind::MissingField) when the contract has no first-response target for the priority;
/// calendar errors (no working time ahead).
///
/// # Example
///
/// ```
/// use kesher::{playbook::acknowledgement, Language, event::Priority, sla::SlaContract};
///
/// let contract = SlaContract::from_json(r#"{"name": "std", "calendar": "israel",
///     "targets": [{"metric": "first_response", "within": 7200}]}"#)?;
/// // Thursday 2025-01-02 16:30 in Israel: half an hour left today, the rest on Friday morning.
/// let ack = acknowledgement(&contract, Priority::Normal, "2025-01-02T14:30:00Z".parse().unwrap(), Language::En)?;
/// assert_eq!(ack.promised_by.to_rfc3339(), "2025-01-03T08:30:00+00:00");
/// assert_eq!(ack.text, "Your request was received. We will get back to you within 2 business hours, \
///     by Friday 10:30.");
/// let he = acknowledgement(&contract, Priority::Normal, "2025-01-02T14:30:00Z".parse().unwrap(), Language::He)?;
/// assert_eq!(he.text, "פנייתך התקבלה. נחזור אליך תוך שעתיים בשעות הפעילות, עד יום שישי בשעה \u{2068}10:30\u{2069}.");
/// let ar = acknowledgement(&contract, Priority::Normal, "2025-01-02T14:30:00Z".parse().unwrap(), Language::Ar)?;
/// assert_eq!(ar.text, "تم استلام طلبك. سنعود إليك خلال ساعتين من ساعات العمل، بحلول يوم الجمعة الساعة \u{2068}10:30\u{2069}.");
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn acknowledgement<'a>(
    contract: &SlaContract,
    priority: Priority,
    received_at: DateTime<Utc>,
    wording: impl Into<Wording<'a>>,
) -> Result<Acknowledgement> {
    acknowledgement_in(contract, priority, received_at, wording.into())
}

fn acknowledgement_in(
    contract: &SlaContract,
    priority: Priority,
    received_at: DateTime<Utc>,
    w: Wording<'_>,
) -> Result<Acknowledgement> {
    let target = contract.target(Metric::FirstResponse).ok_or_else(|| {
        Error::from(crate::error::Detail::MissingField {
            field: "targets".into(),
            reason: format!(
                "contract `{}` has no first_response target to promise",
                contract.name
            ),
        })
    })?;
    let within = target.within.for_priority(priority).ok_or_else(|| {
        Error::from(crate::error::Detail::MissingField {
            field: "targets.first_response.within".into(),
            reason: format!(
                "contract `{}` promises no first response for priority `{priority}`",
                contract.name
            ),
        })
    })?;
    let calendar = contract.calendar();
    let promised_by = match target.time {
        TimeBasis::Business => calendar.add(received_at, within)?,
        TimeBasis::Calendar => received_at + within,
    };
    let local = promised_by.with_timezone(calendar.tz());
    let received_local = received_at.with_timezone(calendar.tz());
    let days_ahead = (local.date_naive() - received_local.date_naive()).num_days();
    let clock = crate::support::dates::hm(&local);
    let weekday = weekday_name(local.weekday(), w);
    let date = w.say(
        "date-day-month",
        &[
            ("day", MessageArg::Count(i64::from(local.day()))),
            ("month", MessageArg::Count(i64::from(local.month()))),
        ],
    );
    let by_id = match days_ahead {
        0 => "acknowledgement-today",
        1..=6 => "acknowledgement-this-week",
        _ => "acknowledgement-later",
    };
    let by = w.say(
        by_id,
        &[
            ("time", MessageArg::Text(&clock)),
            ("weekday", MessageArg::Phrase(&weekday)),
            ("date", MessageArg::Phrase(&date)),
        ],
    );
    let within_text = duration_text(within, target.time, w);
    let text = w.say(
        "acknowledgement",
        &[
            ("within", MessageArg::Phrase(&within_text)),
            ("by", MessageArg::Phrase(&by)),
        ],
    );
    Ok(Acknowledgement {
        text,
        language: w.language().to_string(),
        promised_by,
        within,
        time: target.time,
    })
}
