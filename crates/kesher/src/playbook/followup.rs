//! Follow-ups after resolution ("we hope your problem was solved") and survey requests with a
//! fatigue cap.

use crate::calendar::WallTime;
use crate::catalogue::{MessageArg, Wording};
use crate::{
    calendar::Calendar,
    case::Case,
    customer::{ConsentTopic, Customer},
    error::{Error, Result},
    interaction::{Direction, InteractionKind},
    language::Language,
    status::CaseStatus,
};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// How follow-ups are scheduled, and when a resolved case closes on its own.
///
/// JSON: `{"every_business_days": 2, "limit": 3, "quiet_hours": ["20:00", "09:00"],
/// "close_after_business_days": 2}`.
///
/// # Example
///
/// ```
/// let p: kesher::playbook::FollowUpPolicy = serde_json::from_str(r#"{"every_business_days": 2, "limit": 3}"#).unwrap();
/// assert_eq!((p.quiet_hours, p.close_after_business_days), (None, None));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpPolicy {
    /// Business days (days the calendar is open) between the resolution or the last follow-up
    /// and the next one.
    pub every_business_days: u32,
    /// Follow-ups at most, per case.
    pub limit: u32,
    /// Hours, in the customer's zone (else the calendar's), when nobody is contacted: from the
    /// first time to the second, over midnight if the second is earlier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_hours: Option<(WallTime, WallTime)>,
    /// Auto-close: once the customer confirms (a thanks or a confirmation after the
    /// resolution), the case can close at once; once every follow-up was made and the customer
    /// stayed silent, it can close this many open days after the last one, at that day's
    /// opening. None: a case never closes on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_after_business_days: Option<u32>,
}

impl<'de> Deserialize<'de> for WallTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for WallTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// The next follow-up of a case, or why there is none.
///
/// # Example
///
/// See [`next_follow_up`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpPlan {
    /// When to contact the customer, if at all.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub at: Option<DateTime<Utc>>,
    /// Follow-ups already made since the resolution.
    pub made: u32,
    /// Why (a due follow-up, or the reason none is due).
    pub reason: String,
    /// When the case may close on its own by the policy (the host records the closing as an
    /// event once it agrees), if it may.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub close_at: Option<DateTime<Utc>>,
}

impl FollowUpPlan {
    /// The message to send the customer for this follow-up (`follow-up-message`, or
    /// `follow-up-last` when it is the last the policy allows), in `wording`: a
    /// [`crate::Language`] of the built-in catalogue or a host's
    /// [`crate::catalogue::Wording`]. `None` when no follow-up is due.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::playbook::{FollowUpPlan, FollowUpPolicy};
    /// use kesher::Language;
    ///
    /// let policy: FollowUpPolicy = serde_json::from_str(r#"{"every_business_days": 2, "limit": 2}"#).unwrap();
    /// let first = FollowUpPlan { at: Some("2025-01-03T07:00:00Z".parse().unwrap()), made: 0,
    ///     reason: "follow-up 1 of 2".into(), close_at: None };
    /// let text = first.message(&policy, "Dana", Language::En).unwrap();
    /// assert!(text.starts_with("Hello Dana, we hope your problem was solved."), "{text}");
    /// let last = FollowUpPlan { made: 1, ..first.clone() };
    /// assert!(last.message(&policy, "Dana", Language::Ru).unwrap().contains("последнее"));
    /// assert!(FollowUpPlan { at: None, ..first }.message(&policy, "Dana", Language::He).is_none());
    /// ```
    pub fn message<'a>(
        &self,
        policy: &FollowUpPolicy,
        customer_name: &str,
        wording: impl Into<Wording<'a>>,
    ) -> Option<String> {
        self.at?;
        let number = self.made.saturating_add(1);
        let id = if number >= policy.limit {
            "follow-up-last"
        } else {
            "follow-up-message"
        };
        let args = [
            ("customer", MessageArg::Text(customer_name)),
            ("number", MessageArg::Count(i64::from(number))),
        ];
        Some(wording.into().say(id, &args))
    }
}

fn none(made: u32, reason: impl Into<String>) -> FollowUpPlan {
    FollowUpPlan {
        at: None,
        made,
        reason: reason.into(),
        close_at: None,
    }
}

/// The start of the `n`-th open day of `calendar` after the day of `after` (its first opening).
fn nth_open_day(calendar: &Calendar, after: DateTime<Utc>, n: u32) -> Result<DateTime<Utc>> {
    let tz = calendar.tz();
    let mut date = after.with_timezone(tz).date_naive();
    let mut open_days = 0;
    for _ in 0..crate::calendar::SEARCH_HORIZON_DAYS {
        date = date
            .succ_opt()
            .ok_or_else(|| Error::invalid("date", date, "out of range"))?;
        if let Some(first) = calendar.hours_on(date).first() {
            open_days += 1;
            if open_days == n.max(1) {
                let local = date.and_time(NaiveTime::MIN)
                    + Duration::seconds(i64::from(first.start().seconds_of_day()));
                return Ok(tz
                    .from_local_datetime(&local)
                    .earliest()
                    .map_or(after, |t| t.with_timezone(&Utc)));
            }
        }
    }
    Err(Error::from(crate::error::Detail::NoWorkingTime {
        from: format!("after {}", crate::instant::format(&after)),
        reason: "no open day for a follow-up within the search horizon".into(),
    }))
}

/// The next proactive follow-up of `case` as of `now`: `every_business_days` open days after the
/// resolution or the last follow-up, at the calendar's opening time that day, moved out of the
/// quiet hours; none when the case is not resolved (or was closed, reopened or released),
/// when the customer has answered since the resolution (a thanks or a confirmation says
/// "confirmed"; anything else is theirs to answer), when the limit is reached, or when the
/// customer has not consented to follow-ups. With `close_after_business_days`, the plan says
/// when the case may close on its own: at the confirmation, or that many open days after the
/// last follow-up once the limit is reached without an answer.
///
/// # Errors
///
/// [`ErrorKind::NoWorkingTime`](crate::ErrorKind::NoWorkingTime) when the calendar has no open day within a year.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog, calendar::Calendar};
/// use kesher::playbook::{next_follow_up, FollowUpPolicy};
///
/// let mut log = CaseLog::default();
/// for line in [
///   r#"{"type": "opened", "case_id": "T", "at": "2025-01-01T08:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#,
///   r#"{"type": "status_changed", "case_id": "T", "seq": 1, "at": "2025-01-01T10:00:00Z", "to": "resolved"}"#,
/// ] {
///     log.insert(CaseEvent::from_json(line)?);
/// }
/// let policy = FollowUpPolicy { every_business_days: 2, limit: 2, quiet_hours: None, close_after_business_days: None };
/// let plan = next_follow_up(&log.fold()?, None, &Calendar::israel_desk()?, &policy, "2025-01-01T12:00:00Z".parse().unwrap())?;
/// // Resolved Wednesday; Thursday and Friday are the next two open days: Friday 09:00 Israel.
/// assert_eq!(plan.at.unwrap().to_rfc3339(), "2025-01-03T07:00:00+00:00");
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn next_follow_up(
    case: &Case,
    customer: Option<&Customer>,
    calendar: &Calendar,
    policy: &FollowUpPolicy,
    now: DateTime<Utc>,
) -> Result<FollowUpPlan> {
    next_follow_up_in(case, customer, calendar, policy, now, Language::En)
}

/// [`next_follow_up`] with the plan's reason written in `wording` (`follow-up-why-*`
/// messages): a [`Language`] of the built-in catalogue, or a host's [`Wording`].
///
/// # Errors
///
/// As [`next_follow_up`].
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog, calendar::Calendar, Language};
/// use kesher::playbook::{next_follow_up_in, FollowUpPolicy};
///
/// let log = CaseLog::default();
/// let mut log = log;
/// log.insert(CaseEvent::from_json(r#"{"type": "opened", "case_id": "T", "at": "2025-01-01T08:00:00Z",
///     "customer": {"id": "c"}, "channel": "email"}"#)?);
/// let policy = FollowUpPolicy { every_business_days: 2, limit: 2, quiet_hours: None, close_after_business_days: None };
/// let plan = next_follow_up_in(&log.fold()?, None, &Calendar::israel_desk()?, &policy,
///     "2025-01-01T12:00:00Z".parse().unwrap(), Language::He)?;
/// assert_eq!(plan.reason, "הפנייה עדיין לא נפתרה");
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn next_follow_up_in<'a>(
    case: &Case,
    customer: Option<&Customer>,
    calendar: &Calendar,
    policy: &FollowUpPolicy,
    now: DateTime<Utc>,
    wording: impl Into<Wording<'a>>,
) -> Result<FollowUpPlan> {
    plan(case, customer, calendar, policy, now, wording.into())
}

fn plan(
    case: &Case,
    customer: Option<&Customer>,
    calendar: &Calendar,
    policy: &FollowUpPolicy,
    now: DateTime<Utc>,
    w: Wording<'_>,
) -> Result<FollowUpPlan> {
    let limit = MessageArg::Count(i64::from(policy.limit));
    let why =
        |id: &str, args: &[(&str, MessageArg<'_>)]| w.say(&format!("follow-up-why-{id}"), args);
    let Some(resolved) = case
        .status_history()
        .iter()
        .rev()
        .find(|t| t.at <= now && t.to == CaseStatus::Resolved)
        .map(|t| t.at)
    else {
        return Ok(none(0, why("not-resolved", &[])));
    };
    if case.status() != CaseStatus::Resolved {
        let status = case.status().to_string();
        return Ok(none(
            0,
            why("status", &[("status", MessageArg::Text(&status))]),
        ));
    }
    let after: Vec<_> = case
        .log()
        .iter()
        .filter(|i| i.at > resolved && i.at <= now)
        .collect();
    let made = after
        .iter()
        .filter(|i| i.kind == InteractionKind::FollowUp && i.direction == Direction::Outbound)
        .count() as u32;
    let answer = after
        .iter()
        .find(|i| i.is_customer_contact() || i.kind == InteractionKind::SurveyResponse);
    if let Some(a) = answer {
        let confirmed = a.text.as_deref().is_some_and(crate::text::is_closing_text);
        if confirmed {
            return Ok(FollowUpPlan {
                close_at: policy.close_after_business_days.map(|_| a.at),
                ..none(made, why("confirmed", &[]))
            });
        }
        return Ok(none(made, why("answered", &[])));
    }
    let last = after
        .iter()
        .filter(|i| i.kind == InteractionKind::FollowUp)
        .map(|i| i.at)
        .max()
        .unwrap_or(resolved);
    if made >= policy.limit {
        let close_at = policy
            .close_after_business_days
            .map(|n| nth_open_day(calendar, last, n))
            .transpose()?;
        return Ok(FollowUpPlan {
            close_at,
            ..none(made, why("limit", &[("limit", limit)]))
        });
    }
    if customer.is_some_and(|c| !c.has_consent(ConsentTopic::FollowUps)) {
        return Ok(none(made, why("no-consent", &[])));
    }
    let tz = calendar.tz();
    let mut at = nth_open_day(calendar, last, policy.every_business_days)?;
    if let Some(quiet) = policy.quiet_hours {
        let zone = customer.and_then(|c| c.time_zone.as_ref()).unwrap_or(tz);
        at = after_quiet_hours(calendar, zone, quiet, at)?;
    }
    Ok(FollowUpPlan {
        at: Some(at),
        made,
        reason: why(
            "due",
            &[
                ("number", MessageArg::Count(i64::from(made) + 1)),
                ("limit", limit),
            ],
        ),
        close_at: None,
    })
}

/// `at`, or the calendar's next opening after the quiet hours (`from`, `to`: times of day in
/// `zone`, `from` after `to` for a night) when `at` falls within them.
fn after_quiet_hours(
    calendar: &Calendar,
    zone: &crate::zone::Zone,
    (quiet_from, quiet_to): (WallTime, WallTime),
    at: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let wall = at.with_timezone(zone).time();
    let secs = chrono::Timelike::num_seconds_from_midnight(&wall);
    let (from, to) = (quiet_from.seconds_of_day(), quiet_to.seconds_of_day());
    let quiet = if from <= to {
        secs >= from && secs < to
    } else {
        secs >= from || secs < to
    };
    if !quiet {
        return Ok(at);
    }
    let local_date = at.with_timezone(zone).date_naive();
    let end_date = if from > to && secs >= from {
        local_date.succ_opt().unwrap_or(local_date)
    } else {
        local_date
    };
    let end = end_date.and_time(NaiveTime::MIN) + Duration::seconds(i64::from(to));
    match zone.from_local_datetime(&end).earliest() {
        Some(t) => calendar.next_open(t.with_timezone(&Utc)),
        None => Ok(at),
    }
}

/// Whether a customer may be sent another survey: fewer than `cap` survey requests (outbound
/// interactions with metadata `survey: request`, or follow-ups carrying one) in the `window`
/// before `now` across their cases, and consent to surveys.
///
/// # Example
///
/// ```
/// use kesher::playbook::survey_allowed;
/// assert!(survey_allowed(&[], None, 2, chrono::TimeDelta::days(30), "2025-01-01T00:00:00Z".parse().unwrap()));
/// ```
pub fn survey_allowed(
    cases: &[&Case],
    customer: Option<&Customer>,
    cap: u32,
    window: chrono::TimeDelta,
    now: DateTime<Utc>,
) -> bool {
    if customer.is_some_and(|c| !c.has_consent(ConsentTopic::Surveys)) {
        return false;
    }
    let since = now - window;
    let sent = cases
        .iter()
        .flat_map(|c| c.log())
        .filter(|i| {
            i.direction == Direction::Outbound
                && i.at > since
                && i.at <= now
                && i.metadata.get("survey").is_some_and(|v| v == "request")
        })
        .count();
    sent < cap as usize
}
