//! The compiled years a calendar's single calls read without a lock.
//!
//! A [`Calendar`](super::Calendar) answers one instant at a time from a table compiled for the
//! instant's year (a span of 365.2425 days counted from the earliest supported instant, the
//! table reaching a week before it and four months after). Each year is compiled once, on the
//! first question about it, and never changes after: a reader takes it by reference with one
//! atomic load, so questions from many threads never wait for one another, and compiling a new
//! year holds up only the threads asking about that same year. A question the year's table
//! cannot answer (a search past its end, a duration longer than its four months of margin) goes
//! to the calendar's growable timeline, behind a lock, which gives the same answers.

use super::definition::Definition;
use super::timeline::Timeline;
use super::zone::NS;
use std::sync::{Arc, OnceLock};

/// The span of one compiled year: 365.2425 days.
const YEAR_NS: i64 = 31_556_952 * NS;
/// Years enough for every instant from the first supported one (1677-09-21) to the last
/// (2262-04-11).
const YEARS: usize = 585;

type Slot = OnceLock<Option<Box<Timeline>>>;

/// The compiled years of one calendar: a slot per year (about 9 KB), allocated on the first
/// single call.
pub(super) struct Years {
    slots: OnceLock<Box<[Slot]>>,
}

impl Years {
    pub(super) fn new() -> Years {
        Years {
            slots: OnceLock::new(),
        }
    }

    /// The compiled table of `t`'s year when it has been compiled: the lookup of every single
    /// call, small enough to inline into the caller's loop (two loads and no branch taken).
    #[inline]
    pub(super) fn compiled(&self, t: i64) -> Option<&Timeline> {
        let year = usize::try_from(t.wrapping_sub(i64::MIN) as u64 / YEAR_NS as u64).ok()?;
        self.slots.get()?.get(year)?.get()?.as_deref()
    }

    /// The compiled table of `t`'s year, compiling it on first use; `None` when the year
    /// cannot be compiled (the edges of the supported range, a table over the size limit).
    pub(super) fn at(&self, def: &Arc<Definition>, t: i64) -> Option<&Timeline> {
        let year = t.wrapping_sub(i64::MIN) as u64 / YEAR_NS as u64;
        let slots = self
            .slots
            .get_or_init(|| (0..YEARS).map(|_| OnceLock::new()).collect());
        let year = usize::try_from(year).ok()?;
        slots
            .get(year)?
            .get_or_init(|| compile(def, year))
            .as_deref()
    }
}

fn compile(def: &Arc<Definition>, year: usize) -> Option<Box<Timeline>> {
    let start = i64::MIN.wrapping_add(i64::try_from(year).ok()?.wrapping_mul(YEAR_NS));
    let end = start.checked_add(YEAR_NS - 1).unwrap_or(i64::MAX);
    let mut table = Timeline::new(Arc::clone(def));
    table.ensure(start, end).ok()?;
    table.mark_steady();
    Some(Box::new(table))
}

impl std::fmt::Debug for Years {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Years").finish_non_exhaustive()
    }
}
