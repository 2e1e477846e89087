//! The calendar itself: its parts, its JSON shape, validation, and the hours of a date.

use super::clock::{check_day, cut, sort_by_start, Span, WallInterval};
use super::rules::{HolidayEffect, HolidayRules};
use super::timeline::Timeline;
use super::week::WeeklyHours;
use super::years::Years;
use crate::{
    error::{Error, Result},
    zone::Zone,
};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

/// A business calendar (see the [module documentation](crate::calendar) for the eight rules).
///
/// JSON shape: `{"tz": "Asia/Jerusalem", "week": {"sun": [["09:00","17:00"]], ...},
/// "holidays": ["2025-10-02"], "overrides": {"2025-09-22": [["09:00","13:00"]]},
/// "breaks": {"2025-01-05": [["12:00","12:30"]]}, "holiday_rules": [{"set": "israel"}]}`;
/// everything but `tz` and `week` is optional.
///
/// The per-instant operations ([`Calendar::add`] and friends) read tables compiled once per
/// year and shared by every thread without a lock (a question a year cannot answer, such as a
/// search past its end, takes a growable [`Timeline`] kept inside the calendar, behind a lock);
/// batch work should take its own with [`Calendar::timeline`].
///
/// # Example
///
/// ```
/// use chrono::{DateTime, Utc};
/// use kesher::calendar::Calendar;
///
/// let cal = Calendar::from_json(r#"{"tz": "Europe/London", "week": {"mon": [["09:00","17:00"]]}}"#)?;
/// let monday_noon: DateTime<Utc> = "2025-01-06T12:00:00Z".parse().unwrap();
/// assert!(cal.is_open(monday_noon)?);
/// assert_eq!(cal.next_open("2025-01-06T17:00:00Z".parse().unwrap())?.to_rfc3339(),
///            "2025-01-13T09:00:00+00:00");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug)]
pub struct Calendar {
    pub(super) def: Arc<Definition>,
    /// The compiled years the single calls read without a lock.
    pub(super) years: Years,
    /// The growable timeline for what a year's table cannot answer.
    pub(super) cache: Mutex<Option<Timeline>>,
}

/// The immutable parts of a calendar, shared with its timelines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Definition {
    pub(crate) tz: Zone,
    pub(crate) week: WeeklyHours,
    pub(crate) holidays: BTreeSet<NaiveDate>,
    pub(crate) overrides: BTreeMap<NaiveDate, Vec<WallInterval>>,
    pub(crate) breaks: BTreeMap<NaiveDate, Vec<WallInterval>>,
    pub(crate) holiday_rules: Vec<HolidayRules>,
}

impl Definition {
    /// The last date the calendar names explicitly (holiday, override or break).
    pub(crate) fn last_dated_entry(&self) -> Option<NaiveDate> {
        [
            self.holidays.last().copied(),
            self.overrides.keys().next_back().copied(),
            self.breaks.keys().next_back().copied(),
        ]
        .into_iter()
        .flatten()
        .max()
    }

    /// The first date the calendar names explicitly (holiday, override or break).
    pub(crate) fn first_dated_entry(&self) -> Option<NaiveDate> {
        [
            self.holidays.first().copied(),
            self.overrides.keys().next().copied(),
            self.breaks.keys().next().copied(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// The shifts that start on `date` (weekly hours, an override, or hours reduced by a
    /// computed eve), before breaks, given the computed observances that fall on it
    /// (`(rule set, effect, name)`). A holiday closes every shift that starts on its date.
    fn shifts_on(
        &self,
        date: NaiveDate,
        observances: &[(usize, HolidayEffect, &'static str)],
    ) -> Vec<WallInterval> {
        if self.holidays.contains(&date)
            || observances
                .iter()
                .any(|(_, effect, _)| *effect == HolidayEffect::Closed)
        {
            return Vec::new();
        }
        if let Some(fixed) = self.overrides.get(&date) {
            return fixed.clone();
        }
        let mut hours = self.week.day(date.weekday()).to_vec();
        for (set, _, name) in observances {
            let reduced = self
                .holiday_rules
                .get(*set)
                .and_then(|rules| rules.reduced_hours(name));
            if let Some(limit) = reduced {
                hours = hours
                    .iter()
                    .flat_map(|h| limit.iter().filter_map(|l| h.intersect(*l)))
                    .collect();
            }
        }
        hours
    }

    /// What stays open of the shifts that start on `date`, in seconds after its midnight:
    /// breaks close wall-clock time on their own date, so the breaks of the day before (one
    /// that crosses midnight) and of the day after (under a night shift) cut them too.
    pub(crate) fn spans_on(
        &self,
        date: NaiveDate,
        observances: &[(usize, HolidayEffect, &'static str)],
    ) -> Vec<Span> {
        let shifts: Vec<Span> = self
            .shifts_on(date, observances)
            .iter()
            .map(|i| i.span())
            .collect();
        let mut breaks = Vec::new();
        let around = [(1, date.pred_opt()), (0, Some(date)), (-1, date.succ_opt())];
        for (days_later, day) in around {
            if let Some(list) = day.and_then(|d| self.breaks.get(&d)) {
                breaks.extend(list.iter().map(|b| b.span().shifted(days_later)));
            }
        }
        if breaks.is_empty() {
            shifts
        } else {
            cut(&shifts, &breaks)
        }
    }
}

impl Calendar {
    /// A calendar from a zone and weekly hours (add dated entries with the `with_` methods).
    ///
    /// Fails with [`ErrorKind::NoWorkingTime`](crate::ErrorKind::NoWorkingTime) when the week has no hours at all.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, WeeklyHours};
    ///
    /// let week: WeeklyHours = serde_json::from_str(r#"{"mon": [["09:00","17:00"]]}"#).unwrap();
    /// let cal = Calendar::new("America/New_York".parse()?, week)?;
    /// assert_eq!(cal.tz().name(), "America/New_York");
    /// assert!(Calendar::new(kesher::zone::Zone::UTC, WeeklyHours::closed()).is_err());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(tz: Zone, week: WeeklyHours) -> Result<Calendar> {
        Calendar::from_definition(Definition {
            tz,
            week,
            holidays: BTreeSet::new(),
            overrides: BTreeMap::new(),
            breaks: BTreeMap::new(),
            holiday_rules: Vec::new(),
        })
    }

    fn from_definition(def: Definition) -> Result<Calendar> {
        def.week.validate()?;
        for (date, hours) in &def.overrides {
            check_day(&format!("overrides.{date}"), hours)?;
        }
        let has_hours = def.week.weekly_seconds() > 0
            || def.overrides.iter().any(|(date, hours)| {
                !hours.is_empty() && !def.holidays.contains(date) && {
                    let spans = |list: &[WallInterval]| -> Vec<Span> {
                        list.iter().map(|i| i.span()).collect()
                    };
                    let left = def.breaks.get(date).map(|b| cut(&spans(hours), &spans(b)));
                    left.map_or(true, |l| !l.is_empty())
                }
            });
        if !has_hours {
            return Err(Error::from(crate::error::Detail::NoWorkingTime{
                from: "in the calendar".into(),
                reason: "the week has no hours and no override opens a date; give at least one weekday an interval such as [\"09:00\",\"17:00\"]".into(),
            }));
        }
        Ok(Calendar {
            def: Arc::new(def),
            years: Years::new(),
            cache: Mutex::new(None),
        })
    }

    fn edit(&self, change: impl FnOnce(&mut Definition)) -> Result<Calendar> {
        let mut def = (*self.def).clone();
        change(&mut def);
        Calendar::from_definition(def)
    }

    /// The same calendar with more holidays (whole local dates closed).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?
    ///     .with_holidays([NaiveDate::from_ymd_opt(2025, 1, 6).unwrap()])?;
    /// assert!(!cal.is_open("2025-01-06T10:00:00Z".parse().unwrap())?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn with_holidays(&self, dates: impl IntoIterator<Item = NaiveDate>) -> Result<Calendar> {
        let dates: Vec<NaiveDate> = dates.into_iter().collect();
        self.edit(|d| d.holidays.extend(dates))
    }

    /// The same calendar with `date`'s hours replaced (an empty list closes the date).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kesher::calendar::WallInterval;
    ///
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?
    ///     .with_override(NaiveDate::from_ymd_opt(2025, 1, 5).unwrap(), vec![WallInterval::parse("10:00", "12:00")?])?;
    /// assert!(cal.is_open("2025-01-05T11:00:00Z".parse().unwrap())?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn with_override(&self, date: NaiveDate, hours: Vec<WallInterval>) -> Result<Calendar> {
        self.edit(|d| {
            d.overrides.insert(date, hours);
        })
    }

    /// The same calendar with a break cut out of `date` (added to the date's other breaks).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kesher::calendar::WallInterval;
    ///
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?
    ///     .with_break(NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), WallInterval::parse("12:00", "13:00")?)?;
    /// assert!(!cal.is_open("2025-01-06T12:30:00Z".parse().unwrap())?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn with_break(&self, date: NaiveDate, hours: WallInterval) -> Result<Calendar> {
        self.edit(|d| {
            let list = d.breaks.entry(date).or_default();
            list.push(hours);
            crate::support::sorting::sort_by(list, Ord::cmp);
        })
    }

    /// The same calendar with a holiday rule set added.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::HolidayRules;
    ///
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "America/New_York", "week": {"fri": [["09:00","17:00"]]}}"#)?
    ///     .with_holiday_rules(HolidayRules::UsFederal)?;
    /// // 2025-07-04 is a Friday: Independence Day.
    /// assert!(!cal.is_open("2025-07-04T15:00:00Z".parse().unwrap())?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn with_holiday_rules(&self, rules: HolidayRules) -> Result<Calendar> {
        self.edit(|d| d.holiday_rules.push(rules))
    }

    /// Reads a calendar from its JSON text. Every fault is an [`ErrorKind::InvalidCalendar`](crate::ErrorKind::InvalidCalendar) naming
    /// the field (`week.mon[0]`, `tz`, `holidays[2]`) and the value.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{calendar::Calendar, ErrorKind};
    ///
    /// let err = Calendar::from_json(r#"{"tz": "Mars/Olympus", "week": {}}"#).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidCalendar);
    /// assert_eq!(err.field(), Some("tz"));
    /// let err = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","09:00"]]}}"#).unwrap_err();
    /// assert_eq!(err.field(), Some("week.mon[0]"));
    /// ```
    pub fn from_json(text: &str) -> Result<Calendar> {
        let value = crate::support::json::parse_value(text).map_err(as_calendar_error)?;
        Calendar::from_value(value)
    }

    /// Reads a calendar from a parsed JSON value (see [`Calendar::from_json`]): a calendar
    /// object, or a preset name (`"israel"`, `"us"`, `"uk"`).
    ///
    /// # Example
    ///
    /// ```
    /// let v = serde_json::json!({"tz": "UTC", "week": {"sun": [["08:00", "16:00"]]}});
    /// assert!(kesher::calendar::Calendar::from_value(v).is_ok());
    /// assert_eq!(kesher::calendar::Calendar::from_value(serde_json::json!("israel"))?, kesher::calendar::Calendar::israel_desk()?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn from_value(value: serde_json::Value) -> Result<Calendar> {
        if let serde_json::Value::String(name) = &value {
            return name
                .parse::<super::Preset>()
                .and_then(super::Preset::calendar)
                .map_err(|_| {
                    Error::calendar("calendar", name, "not a preset: `israel`, `us` or `uk`")
                });
        }
        let spec: CalendarSpec = match crate::support::json::from_value(value.clone()) {
            Ok(spec) => spec,
            Err(e) if e.kind() == crate::error::ErrorKind::InvalidJson => {
                let field = e.field().unwrap_or(".");
                let reason = e.reason().unwrap_or_default().to_string();
                let found = lookup(&value, field);
                let reason = reason
                    .split_once("`: ")
                    .map_or(reason.clone(), |(_, r)| r.to_string());
                return Err(Error::calendar(field, found, reason));
            }
            Err(other) => return Err(other),
        };
        Calendar::try_from(spec)
    }

    /// The time zone.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "Asia/Jerusalem", "week": {"sun": [["09:00","17:00"]]}}"#)?;
    /// assert_eq!(cal.tz().name(), "Asia/Jerusalem");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn tz(&self) -> &Zone {
        &self.def.tz
    }

    /// The weekly hours.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"sun": [["09:00","17:00"]]}}"#)?;
    /// assert_eq!(cal.week().weekly_seconds(), 8 * 3600);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn week(&self) -> &WeeklyHours {
        &self.def.week
    }

    /// The holiday rule sets.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::Calendar::israel_desk()?.holiday_rules().len(), 1);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn holiday_rules(&self) -> &[HolidayRules] {
        &self.def.holiday_rules
    }

    /// Whether the calendar closes on some dates named one by one (`holidays`).
    pub(crate) fn has_dated_holidays(&self) -> bool {
        !self.def.holidays.is_empty()
    }

    /// The wall-clock hours open during one local date, after holidays, overrides, computed
    /// eves and breaks, whichever shift they belong to: a night shift that started the day
    /// before shows as `00:00–06:00`, tonight's as `22:00–24:00` (DST is applied when instants
    /// are computed).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kesher::calendar::Calendar;
    ///
    /// let il = Calendar::israel_desk()?;
    /// // Yom Kippur 2025 is closed; its eve (Wednesday) closes at 13:00.
    /// assert!(il.hours_on(NaiveDate::from_ymd_opt(2025, 10, 2).unwrap()).is_empty());
    /// let eve = il.hours_on(NaiveDate::from_ymd_opt(2025, 10, 1).unwrap());
    /// assert_eq!(eve[0].to_string(), "09:00–13:00");
    ///
    /// let nights = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["22:00","06:00"]]}}"#)?;
    /// let tuesday = nights.hours_on(NaiveDate::from_ymd_opt(2025, 1, 7).unwrap());
    /// assert_eq!(tuesday[0].to_string(), "00:00–06:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn hours_on(&self, date: NaiveDate) -> Vec<WallInterval> {
        let mut open: Vec<Span> = Vec::new();
        for (days_later, day) in [(1, date.pred_opt()), (0, Some(date))] {
            if let Some(day) = day {
                let spans = self.def.spans_on(day, &self.observances_on(day));
                open.extend(spans.into_iter().map(|s| s.shifted(days_later)));
            }
        }
        sort_by_start(&mut open);
        let mut out: Vec<WallInterval> = Vec::new();
        for span in open {
            let Some(piece) = WallInterval::within_day(span) else {
                continue;
            };
            match out.last_mut() {
                Some(last) if last.end().seconds_of_day() >= piece.start().seconds_of_day() => {
                    *last = last.joined(piece);
                }
                _ => out.push(piece),
            }
        }
        out
    }

    fn observances_on(&self, date: NaiveDate) -> Vec<(usize, HolidayEffect, &'static str)> {
        self.def
            .holiday_rules
            .iter()
            .enumerate()
            .flat_map(|(i, rules)| {
                rules
                    .observances(date.year())
                    .into_iter()
                    .filter(|o| o.date == date)
                    .map(move |o| (i, o.effect, o.name))
            })
            .collect()
    }

    /// A fresh compiled timeline of this calendar, for batch work (see [`Timeline`]).
    ///
    /// # Example
    ///
    /// ```
    /// let mut timeline = kesher::calendar::Calendar::israel_desk()?.timeline();
    /// let opened = [1_735_725_600_i64]; // 2025-01-01T10:00:00Z, a Wednesday
    /// let mut due = [0_i64; 1];
    /// timeline.add_many(&opened, kesher::calendar::EpochUnit::Seconds, chrono::TimeDelta::hours(4), &mut due)?;
    /// assert_eq!(due[0], 1_735_740_000); // 14:00 UTC = 16:00 Israel time
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn timeline(&self) -> Timeline {
        Timeline::new(Arc::clone(&self.def))
    }
}

/// Instant → epoch nanoseconds, or an error naming the field.
#[inline]
pub(crate) fn to_nanos(field: &str, t: DateTime<Utc>) -> Result<i64> {
    match t.timestamp_nanos_opt() {
        Some(ns) => Ok(ns),
        None => Err(instant_out_of_range(field, t)),
    }
}

#[cold]
fn instant_out_of_range(field: &str, t: DateTime<Utc>) -> Error {
    Error::invalid(
        field,
        crate::instant::format(&t),
        "outside the supported range of years 1677–2262",
    )
}

/// A duration to add → nanoseconds; negative is an error.
#[inline]
pub(crate) fn duration_nanos(d: TimeDelta) -> Result<i64> {
    match d.num_nanoseconds() {
        Some(ns) if ns >= 0 => Ok(ns),
        _ => Err(bad_duration(d)),
    }
}

#[cold]
fn bad_duration(d: TimeDelta) -> Error {
    if d < TimeDelta::zero() {
        Error::from(crate::error::Detail::NegativeDuration {
            field: "duration".into(),
            value: crate::support::decimal::shortest(crate::seconds::as_secs_f64(d)).to_string(),
        })
    } else {
        Error::invalid("seconds", d.num_seconds(), "too long: at most ~292 years")
    }
}

impl Clone for Calendar {
    fn clone(&self) -> Self {
        Calendar {
            def: Arc::clone(&self.def),
            years: Years::new(),
            cache: Mutex::new(None),
        }
    }
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Self) -> bool {
        self.def == other.def
    }
}

impl Eq for Calendar {}

/// The JSON shape, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarSpec {
    tz: String,
    week: WeeklyHours,
    #[serde(default)]
    holidays: Vec<String>,
    #[serde(default)]
    overrides: BTreeMap<String, Vec<WallInterval>>,
    #[serde(default)]
    breaks: BTreeMap<String, Vec<WallInterval>>,
    #[serde(default)]
    holiday_rules: Vec<HolidayRules>,
}

fn parse_date(field: String, text: &str) -> Result<NaiveDate> {
    crate::support::dates::read_ymd(text).ok_or_else(|| {
        Error::calendar(
            field,
            text,
            "expected a local date `YYYY-MM-DD`, such as `2025-10-02`",
        )
    })
}

impl TryFrom<CalendarSpec> for Calendar {
    type Error = Error;

    fn try_from(spec: CalendarSpec) -> Result<Calendar> {
        let tz = Zone::from_name(&spec.tz)
            .ok_or_else(|| Error::calendar("tz", &spec.tz, crate::zone::unknown_zone_reason()))?;
        // Built by inserting: collecting into B-tree maps would compile a sort for each.
        let mut holidays = BTreeSet::new();
        for (i, d) in spec.holidays.iter().enumerate() {
            holidays.insert(parse_date(format!("holidays[{i}]"), d)?);
        }
        let dated = |name: &str, map: BTreeMap<String, Vec<WallInterval>>| {
            let mut out = BTreeMap::new();
            for (k, v) in map {
                out.insert(parse_date(format!("{name}.{k}"), &k)?, v);
            }
            Ok::<_, Error>(out)
        };
        let overrides = dated("overrides", spec.overrides)?;
        let mut breaks = dated("breaks", spec.breaks)?;
        for list in breaks.values_mut() {
            crate::support::sorting::sort_by(list, Ord::cmp);
        }
        Calendar::from_definition(Definition {
            tz,
            week: spec.week,
            holidays,
            overrides,
            breaks,
            holiday_rules: spec.holiday_rules,
        })
    }
}

impl<'de> Deserialize<'de> for Calendar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let spec = CalendarSpec::deserialize(d)?;
        Calendar::try_from(spec).map_err(serde::de::Error::custom)
    }
}

#[derive(Serialize)]
struct CalendarOut<'a> {
    tz: &'a str,
    week: &'a WeeklyHours,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    holidays: &'a BTreeSet<NaiveDate>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    overrides: &'a BTreeMap<NaiveDate, Vec<WallInterval>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    breaks: &'a BTreeMap<NaiveDate, Vec<WallInterval>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    holiday_rules: &'a [HolidayRules],
}

impl Serialize for Calendar {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let d = &self.def;
        CalendarOut {
            tz: d.tz.name(),
            week: &d.week,
            holidays: &d.holidays,
            overrides: &d.overrides,
            breaks: &d.breaks,
            holiday_rules: &d.holiday_rules,
        }
        .serialize(s)
    }
}

fn as_calendar_error(e: Error) -> Error {
    match (e.kind(), e.field(), e.reason()) {
        (crate::error::ErrorKind::InvalidJson, Some(field), Some(reason)) => {
            Error::calendar(field, "", reason)
        }
        _ => e,
    }
}

/// The value at a JSON path (`week.mon[0]`, as `kesher::from_json` names them) inside `root`, as compact JSON.
fn lookup(root: &serde_json::Value, path: &str) -> String {
    let mut node = Some(root);
    for segment in path.split('.').filter(|s| !s.is_empty() && *s != ".") {
        let (key, indices) = segment
            .split_once('[')
            .map_or((segment, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            node = node.and_then(|n| n.get(key));
        }
        for index in indices.split('[').filter(|s| !s.is_empty()) {
            let i = index.trim_end_matches(']').parse::<usize>().ok();
            node = node.and_then(|n| i.and_then(|i| n.get(i)));
        }
    }
    node.map_or_else(String::new, |v| match v {
        serde_json::Value::String(s) => s.clone(),
        other => crate::support::json::compact(other),
    })
}
