//! A zone as a table of transitions: the offset in force from each instant on.

use crate::error::{Error, Result};
use chrono::LocalResult;

/// The largest offset a zone may have, exclusive: a day (what `chrono::FixedOffset` allows).
const MAX_OFFSET: i64 = 86_400;

/// Offsets over time. Span `k` (0 ≤ k ≤ n) runs from `at[k-1]` (or the beginning of time) to
/// `at[k]` (or the end of time) with `offset[k]`; `offset[0]` is the initial offset.
#[derive(Debug)]
pub(crate) struct Table {
    name: Box<str>,
    at: Vec<i64>,
    offset: Vec<i32>,
}

impl Table {
    pub(crate) fn new(name: &str, initial: i32, transitions: Vec<(i64, i32)>) -> Result<Table> {
        if name.is_empty() {
            return Err(Error::invalid("name", name, "a zone needs a name"));
        }
        check_offset("initial_offset", initial)?;
        let mut at = Vec::with_capacity(transitions.len());
        let mut offset = Vec::with_capacity(transitions.len() + 1);
        offset.push(initial);
        for (i, (t, o)) in transitions.into_iter().enumerate() {
            if at.last().is_some_and(|&last| t <= last) {
                return Err(Error::invalid(
                    format!("transitions[{i}]"),
                    t,
                    "transition instants must strictly increase",
                ));
            }
            check_offset(&format!("transitions[{i}]"), o)?;
            at.push(t);
            offset.push(o);
        }
        Ok(Table {
            name: name.into(),
            at,
            offset,
        })
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The span holding the instant `secs`.
    fn span_of(&self, secs: i64) -> usize {
        self.at.partition_point(|&t| t <= secs)
    }

    fn offset_of(&self, span: usize) -> i32 {
        self.offset.get(span).copied().unwrap_or(0)
    }

    pub(crate) fn offset_at(&self, secs: i64) -> i32 {
        self.offset_of(self.span_of(secs))
    }

    /// The offsets a local wall time (`local` seconds since the epoch, read as if UTC) has: each
    /// span whose offset maps the wall time to an instant inside the span, earliest first.
    pub(crate) fn local_offsets(&self, local: i64) -> LocalResult<i32> {
        let first = self.span_of(local.saturating_sub(MAX_OFFSET));
        let last = self.span_of(local.saturating_add(MAX_OFFSET));
        let mut found = (first..=last).filter_map(|k| {
            let o = self.offset_of(k);
            let utc = local.saturating_sub(i64::from(o));
            let starts = k == 0 || self.at.get(k - 1).is_some_and(|&s| s <= utc);
            let ends = self.at.get(k).map_or(true, |&e| utc < e);
            (starts && ends).then_some(o)
        });
        match (found.next(), found.next_back()) {
            (None, _) => LocalResult::None,
            (Some(o), None) => LocalResult::Single(o),
            (Some(a), Some(b)) => LocalResult::Ambiguous(a, b),
        }
    }
}

fn check_offset(field: &str, offset: i32) -> Result<()> {
    if i64::from(offset).abs() >= MAX_OFFSET {
        return Err(Error::invalid(
            field,
            offset,
            "an offset from UTC is less than a day (86400 seconds) either way",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// +02:00, +03:00 from t=1000 (a one-hour gap in wall time), back to +02:00 from t=5000
    /// (a one-hour overlap).
    fn summer() -> Table {
        Table::new("Test/Summer", 7200, vec![(1000, 10_800), (5000, 7200)]).unwrap()
    }

    #[test]
    fn offsets_at_instants_follow_the_spans() {
        let t = summer();
        assert_eq!(t.offset_at(-1_000_000), 7200);
        assert_eq!(t.offset_at(999), 7200);
        assert_eq!(t.offset_at(1000), 10_800);
        assert_eq!(t.offset_at(4999), 10_800);
        assert_eq!(t.offset_at(5000), 7200);
        assert_eq!(t.offset_at(i64::MAX), 7200);
    }

    #[test]
    fn local_times_in_gaps_and_overlaps() {
        let t = summer();
        // The gap: wall times [1000+7200, 1000+10800) do not exist.
        assert_eq!(t.local_offsets(1000 + 7200 - 1), LocalResult::Single(7200));
        assert_eq!(t.local_offsets(1000 + 7200), LocalResult::None);
        assert_eq!(t.local_offsets(1000 + 10_800 - 1), LocalResult::None);
        assert_eq!(t.local_offsets(1000 + 10_800), LocalResult::Single(10_800));
        // The overlap: wall times [5000+7200, 5000+10800) happen twice, +03:00 first.
        assert_eq!(
            t.local_offsets(5000 + 7200 - 1),
            LocalResult::Single(10_800)
        );
        assert_eq!(
            t.local_offsets(5000 + 7200),
            LocalResult::Ambiguous(10_800, 7200)
        );
        assert_eq!(
            t.local_offsets(5000 + 10_799),
            LocalResult::Ambiguous(10_800, 7200)
        );
        assert_eq!(t.local_offsets(5000 + 10_800), LocalResult::Single(7200));
        assert_eq!(t.local_offsets(i64::MIN), LocalResult::Single(7200));
        assert_eq!(t.local_offsets(i64::MAX), LocalResult::Single(7200));
    }

    #[test]
    fn bad_tables_are_refused_by_field() {
        let e = Table::new("", 0, vec![]).unwrap_err();
        assert_eq!(e.field(), Some("name"));
        let e = Table::new("X", 86_400, vec![]).unwrap_err();
        assert_eq!(e.field(), Some("initial_offset"));
        let e = Table::new("X", 0, vec![(5, 0), (5, 3600)]).unwrap_err();
        assert_eq!(e.field(), Some("transitions[1]"));
        let e = Table::new("X", 0, vec![(5, -86_400)]).unwrap_err();
        assert_eq!(e.field(), Some("transitions[0]"));
    }
}
