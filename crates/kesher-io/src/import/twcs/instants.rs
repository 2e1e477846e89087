//! The scans of a Twitter export that only want its latest instant (the first pass of a report).
//!
//! Each record is read as bytes, and its time alone, read at the fixed places of Twitter's
//! stamps, decides whether it could be the latest. Only then is it checked as the importer
//! checks a row: its text, its length, the rows a quoted field swallowed, then every field. A
//! record no later than the latest so far cannot change the answer, readable or not, so the
//! rest of its checks are skipped; a time of any other shape is read by the full checks.

use super::{stamp_fixed, Scanned, TwcsImporter, COLUMNS, MONTHS};
use crate::import::twcs_latest::Stretch;
use crate::import::{swallowed_rows, MAX_CSV_ROW_BYTES};
use chrono::{DateTime, Utc};
use std::io::BufRead;

/// What reading the next record as bytes gave.
enum Read {
    Record,
    Unreadable,
    End,
    /// An I/O error: nothing after it can be read.
    Broken,
}

impl<R: BufRead> TwcsImporter<R> {
    /// The rows from here up to the first that starts at or past `end` (offsets counted from
    /// the export's beginning, this reader starting at `base`), as [`Self::latest_event_at`]
    /// reads them, the first `head` of them one by one.
    pub(in crate::import) fn stretch(&mut self, base: u64, end: u64, head: usize) -> Stretch {
        let mut seen = Stretch::default();
        loop {
            match self.read_bytes() {
                Read::End => return seen,
                Read::Broken => {
                    seen.ended = true;
                    return seen;
                }
                Read::Unreadable => {}
                Read::Record => {
                    let start = base + self.bytes.position().map_or(0, csv::Position::byte);
                    // Past the head only the latest counts; a record that may end the
                    // stretch is checked whatever its time.
                    let kept = seen.starts.len() < head;
                    if !kept && start < end && self.no_later_than(seen.tail) {
                        continue;
                    }
                    if !matches!(self.check_bytes(), Some(Scanned::Row)) {
                        continue;
                    }
                    if start >= end {
                        seen.next = Some(start);
                        return seen;
                    }
                    seen.add(start, self.instant(), head);
                }
            }
        }
    }

    /// The latest tweet of every readable row from here on, without rebuilding threads (the
    /// rows' own checks, not the threads', decide what counts).
    pub(in crate::import) fn latest_event_at(&mut self) -> Option<DateTime<Utc>> {
        let mut latest = None;
        loop {
            match self.read_bytes() {
                Read::End | Read::Broken => return latest,
                Read::Unreadable => {}
                Read::Record => {
                    if self.no_later_than(latest)
                        || !matches!(self.check_bytes(), Some(Scanned::Row))
                    {
                        continue;
                    }
                    latest = latest.max(self.instant());
                }
            }
        }
    }

    /// The next record, as bytes, into `self.bytes`.
    fn read_bytes(&mut self) -> Read {
        match self.csv.read_byte_record(&mut self.bytes) {
            Ok(false) => Read::End,
            Ok(true) => Read::Record,
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => Read::Broken,
            Err(_) => Read::Unreadable,
        }
    }

    /// The record read as bytes, checked as the importer reads a row (`read_csv_row`) and made
    /// the current row: `None` for a row of blanks, which is no row.
    fn check_bytes(&mut self) -> Option<Scanned> {
        let last = std::mem::take(&mut self.record).into_byte_record();
        let bytes = std::mem::replace(&mut self.bytes, last);
        match csv::StringRecord::from_byte_record(bytes) {
            Ok(record) => self.record = record,
            Err(e) => {
                self.bytes = e.into_byte_record();
                return Some(Scanned::Unreadable);
            }
        }
        if self.record.iter().all(|f| f.trim().is_empty()) {
            return None;
        }
        let too_long = self.record.as_slice().len() > MAX_CSV_ROW_BYTES;
        if too_long || swallowed_rows(&self.record, COLUMNS.len()) > 0 {
            return Some(Scanned::Unreadable);
        }
        Some(Scanned::Row)
    }

    /// Whether the record read as bytes is stamped no later than `than` (its time read as
    /// [`seconds_of`] reads it, nothing else of it checked).
    fn no_later_than(&self, than: Option<DateTime<Utc>>) -> bool {
        let field = self.columns.get(3).and_then(|&c| self.bytes.get(c));
        match (field.and_then(|f| seconds_of(f.trim_ascii())), than) {
            // Stamps are whole seconds: `than` rounded down compares the same.
            (Some(at), Some(than)) => at <= than.timestamp(),
            _ => false,
        }
    }
}

/// A stamp of Twitter's fixed shape (`Tue Oct 31 22:10:47 +0000 2017`) as seconds since the
/// epoch, as the importer reads it except for the weekday, which is not checked: `None` for a
/// stamp of any other shape or a date, time or offset out of range.
fn seconds_of(b: &[u8]) -> Option<i64> {
    let stamp = stamp_fixed(std::str::from_utf8(b).ok()?)?;
    let month = MONTHS.iter().position(|m| *m == stamp.month)? as i64 + 1;
    let (year, day) = (i64::from(stamp.year), i64::from(stamp.day));
    let [h, m, s] = stamp.hms.map(i64::from);
    let offset = i64::from(stamp.offset);
    let valid = (1..=days_in_month(year, month)).contains(&day)
        && h < 24
        && m < 60
        && s < 60
        && offset.abs() < 86_400;
    valid.then(|| days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s - offset)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Wherever the importer reads a stamp of the fixed shape, the quick reading gives the
        /// same second; it gives none where the date, time or offset is out of range.
        #[test]
        fn the_quick_reading_of_a_stamp_is_the_importer_s(
            day in -400_000i64..2_900_000,
            second in 0i64..86_400,
            offset_minutes in -1_500i64..1_500,
            weekday_right in any::<bool>(),
            t in "(Mon|Tue|Xyz) (Oct|Feb|oct) [0-9+ ][0-9] [0-9+][0-9]:[0-9][0-9]:[0-9 ][0-9] [-+*][0-9][0-9+][0-9][0-9] [0-9+ ][0-9][0-9][0-9]",
        ) {
            let utc = DateTime::from_timestamp(day * 86_400 + second, 0).unwrap_or_default();
            let stamp = match chrono::FixedOffset::east_opt(offset_minutes as i32 * 60) {
                Some(zone) => utc.with_timezone(&zone).format("%a %b %d %H:%M:%S %z %Y").to_string(),
                None => String::new(),
            };
            let stamp = if weekday_right { stamp } else { stamp.replacen(|c: char| c.is_ascii_uppercase(), "X", 1) };
            // A stamp the importer writes itself (a four-digit year) is read quickly.
            if weekday_right && stamp.len() == 30 {
                prop_assert!(seconds_of(stamp.as_bytes()).is_some(), "{}", stamp);
            }
            for text in [stamp.as_str(), t.as_str()] {
                let quick = seconds_of(text.as_bytes());
                let full = super::super::created_at(text);
                if let (Some(quick), Ok(full)) = (quick, &full) {
                    prop_assert_eq!(quick, full.timestamp(), "{}", text);
                } else if quick.is_some() {
                    // Read quickly, refused in full: only for a weekday that is not the date's.
                    let weekday = text.get(0..3).unwrap_or_default();
                    prop_assert!(super::super::created_at(&text.replacen(weekday, "Mon", 1)).is_ok()
                        || super::super::created_at(&text.replacen(weekday, "Tue", 1)).is_ok()
                        || ["Wed", "Thu", "Fri", "Sat", "Sun"].iter().any(|w| super::super::created_at(&text.replacen(weekday, w, 1)).is_ok()),
                        "{}", text);
                }
            }
        }
    }

    #[test]
    fn days_are_counted_as_chrono_counts_them() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2017, 10, 31),
            (1, 3, 1),
            (9999, 12, 31),
            (0, 1, 1),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            assert_eq!(
                days_from_civil(y.into(), m.into(), d.into()),
                (date - epoch).num_days(),
                "{date}"
            );
        }
    }
}
