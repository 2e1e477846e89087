//! The report's retention lists, gathered one case at a time with memory bounded by the
//! customers active within a window of cases, not by every customer of the input.
//!
//! A customer's [`RetentionTally`] stays open while their cases keep coming; once
//! [`ReportOptions::customer_window`] cases have been added without one of theirs (at the next
//! sweep, made every eighth of a window, so within an eighth more), the customer is *settled*:
//! counted in the totals of the lists their signals put them on, and kept (tally and all) only
//! while they rank among the strongest [`ReportOptions::list_length`] of a list;
//! of the others, a hash of the id and the lists that counted them (a few bytes) is all that is
//! kept. A settled customer who comes back is taken up again from their tally when a list kept
//! it, so the lists show them once with all their cases; one who was not kept leaves the totals
//! and starts anew, so every customer is counted once, on the lists their latest stretch of
//! cases (no two further apart than the window) puts them.

use super::{ReportOptions, RetentionEntry, RetentionLists};
use crate::catalogue::Wording;
use crate::insight::{RetentionSignals, RetentionTally};
use crate::support::hashing::{FastMap, FastSet};
use crate::{
    case::Case, customer::Customer, id::CustomerId, journey::Journey, sla::CaseSla,
    text::TextScorer,
};
use chrono::{DateTime, TimeDelta, Utc};
use std::collections::BTreeMap;

/// The default of [`ReportOptions::customer_window`]: a customer is settled once 100,000 cases
/// have been added to the report without one of theirs.
///
/// # Example
///
/// ```
/// assert_eq!(kesher::report::DEFAULT_CUSTOMER_WINDOW_CASES, 100_000);
/// ```
pub const DEFAULT_CUSTOMER_WINDOW_CASES: u64 = 100_000;

/// The three lists, in this order everywhere below.
const LISTS: usize = 3;

/// The most open customers room is made for ahead (a larger window grows its table as needed).
const MOST_RESERVED: usize = 1 << 20;

/// The bits of a settled customer's entry that say which lists counted them.
const LIST_BITS: u64 = 0b111;

/// A settled customer kept because they rank on a list.
#[derive(Debug, Clone)]
struct Candidate {
    score: f64,
    id: CustomerId,
    tally: RetentionTally,
}

impl Candidate {
    /// Whether `self` ranks above `other`: higher score, then the smaller id.
    fn above(&self, other: &Candidate) -> bool {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.id.cmp(&self.id))
            .is_gt()
    }
}

/// The retention side of a report being gathered.
#[derive(Debug)]
pub(super) struct CustomerTallies {
    window: u64,
    length: usize,
    recent: TimeDelta,
    records: BTreeMap<CustomerId, Customer>,
    /// Cases added so far (the clock of the window).
    cases: u64,
    /// Customers not settled, with the case count at their latest case. The tally is boxed:
    /// the table's entries stay small (40 bytes), so that finding a customer and growing the
    /// table touch a quarter of the memory they would with the tally inline.
    open: FastMap<CustomerId, Box<(u64, RetentionTally)>>,
    /// The case count at the last sweep.
    swept: u64,
    /// Every settled customer, in 8 bytes: a hash of the id whose lowest three bits are replaced
    /// by the lists that counted them (bit by bit), so one set holds both.
    settled: FastSet<u64>,
    totals: [usize; LISTS],
    ranked: [Vec<Candidate>; LISTS],
    now: DateTime<Utc>,
}

impl CustomerTallies {
    pub(super) fn new(options: &ReportOptions) -> CustomerTallies {
        CustomerTallies {
            window: options.customer_window.max(1),
            length: options.list_length,
            recent: options.recent,
            records: BTreeMap::new(),
            cases: 0,
            open: FastMap::default(),
            swept: 0,
            settled: FastSet::default(),
            totals: [0; LISTS],
            ranked: [Vec::new(), Vec::new(), Vec::new()],
            now: DateTime::UNIX_EPOCH,
        }
    }

    pub(super) fn set_records(&mut self, records: BTreeMap<CustomerId, Customer>) {
        self.records = records;
    }

    /// Counts one case of its customer, then settles the customers quiet for the window.
    pub(super) fn add(
        &mut self,
        case: &Case,
        sla: Option<&CaseSla>,
        journey: &Journey,
        scorer: &dyn TextScorer,
        now: DateTime<Utc>,
    ) {
        self.cases += 1;
        self.now = now;
        let id = &case.customer().id;
        if let Some(open) = self.open.get_mut(id) {
            let (last, tally) = &mut **open;
            *last = self.cases;
            tally.add_case(case, sla, scorer, now);
            tally.add_journey(journey, now);
        } else {
            let mut tally = self.take_back(id).unwrap_or_default();
            tally.add_case(case, sla, scorer, now);
            tally.add_journey(journey, now);
            self.open.insert(id.clone(), Box::new((self.cases, tally)));
        }
        // Once the stream is a window long, the open customers get room for twice the most a
        // window and an eighth can hold, once: a hash table whose entries come and go tidies
        // itself in place only while at most half full, and grows (with its old copy beside
        // the new one) otherwise; with that room it never grows again as the stream goes on.
        if self.cases == self.window {
            let most =
                usize::try_from(self.window.saturating_add(self.window / 8)).unwrap_or(usize::MAX);
            let room = most.saturating_mul(2).min(MOST_RESERVED);
            self.open.reserve(room.saturating_sub(self.open.len()));
        }
        // A sweep every eighth of a window: customers are settled between one window and an
        // eighth more after their latest case, and the open ones stay within that span.
        if self.cases - self.swept >= (self.window / 8).max(1) {
            self.sweep();
        }
    }

    /// Settles every customer without a case in the last window.
    fn sweep(&mut self) {
        self.swept = self.cases;
        let quiet: Vec<CustomerId> = self
            .open
            .iter()
            .filter(|(_, open)| self.cases - open.0 >= self.window)
            .map(|(id, _)| id.clone())
            .collect();
        for id in quiet {
            if let Some(open) = self.open.remove(&id) {
                self.settle(id, open.1);
            }
        }
    }

    /// A settled customer who comes back, out of the totals and the lists: their tally when a
    /// list kept it.
    fn take_back(&mut self, id: &CustomerId) -> Option<RetentionTally> {
        let base = crate::id::text_hash(id.as_str()) & !LIST_BITS;
        let counted = (0..=LIST_BITS).find(|bits| self.settled.remove(&(base | bits)))?;
        for (list, total) in self.totals.iter_mut().enumerate() {
            *total -= usize::from(counted >> list & 1 == 1);
        }
        let mut found = None;
        for list in &mut self.ranked {
            if let Some(at) = list.iter().position(|c| &c.id == id) {
                found = Some(list.swap_remove(at).tally);
            }
        }
        found
    }

    fn settle(&mut self, id: CustomerId, tally: RetentionTally) {
        // Only the scores: the facts of the few customers the lists keep are written at the end.
        let s = tally.signals_unworded(self.records.get(&id), self.recent, self.now);
        let signals = [&s.win_back, &s.nurture, &s.word_of_mouth];
        let mut counted = 0u8;
        for (list, signal) in signals.iter().enumerate() {
            let Some(signal) = signal else { continue };
            counted |= 1 << list;
            if let Some(total) = self.totals.get_mut(list) {
                *total += 1;
            }
            if let Some(ranked) = self.ranked.get_mut(list) {
                let candidate = Candidate {
                    score: signal.score,
                    id: id.clone(),
                    tally: tally.clone(),
                };
                offer(ranked, candidate, self.length);
            }
        }
        let base = crate::id::text_hash(id.as_str()) & !LIST_BITS;
        self.settled.insert(base | u64::from(counted));
    }

    /// The lists at `now`, their facts written in `language`.
    pub(super) fn finish(mut self, now: DateTime<Utc>, language: Wording<'_>) -> RetentionLists {
        self.now = now;
        for (id, open) in std::mem::take(&mut self.open) {
            self.settle(id, open.1);
        }
        let mut lists = RetentionLists {
            customers: self.settled.len(),
            customer_records: self.records.len(),
            win_back_total: self.totals[0],
            nurture_total: self.totals[1],
            word_of_mouth_total: self.totals[2],
            ..RetentionLists::default()
        };
        let [win, nurture, talk] = self.ranked;
        let records = &self.records;
        let recent = self.recent;
        let entries = |list: Vec<Candidate>, which: usize| {
            let mut out: Vec<RetentionEntry> = list
                .into_iter()
                .filter_map(|c| {
                    let s = c
                        .tally
                        .signals_in(records.get(&c.id), recent, now, language);
                    entry(c.id, &s, which, language)
                })
                .collect();
            crate::support::sorting::sort_by(&mut out, |a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(a.customer_id.cmp(&b.customer_id))
            });
            out
        };
        lists.win_back = entries(win, 0);
        lists.nurture = entries(nurture, 1);
        lists.word_of_mouth = entries(talk, 2);
        lists
    }
}

/// The entry of list `which` (win back, nurture, word of mouth) for a customer's signals, if
/// they are on it; word of mouth adds the balance of their public messages to the facts.
fn entry(
    customer_id: CustomerId,
    s: &RetentionSignals,
    which: usize,
    language: Wording<'_>,
) -> Option<RetentionEntry> {
    let signal = match which {
        0 => s.win_back.as_ref(),
        1 => s.nurture.as_ref(),
        _ => s.word_of_mouth.as_ref(),
    }?;
    let mut facts = signal.facts.clone();
    if which == 2 {
        let balance = s.word_of_mouth_balance;
        let shown = format!("{balance:+}");
        let args = [("balance", crate::catalogue::MessageArg::Text(&shown))];
        facts.push(language.say("retention-balance", &args));
    }
    Some(RetentionEntry {
        customer_id,
        score: signal.score,
        facts,
    })
}

/// Keeps `candidate` in `list` when it ranks among the strongest `length`.
fn offer(list: &mut Vec<Candidate>, candidate: Candidate, length: usize) {
    if list.len() < length {
        list.push(candidate);
        return;
    }
    let weakest = list
        .iter()
        .enumerate()
        .reduce(|w, c| if w.1.above(c.1) { c } else { w })
        .map(|(at, _)| at);
    if let Some(at) = weakest {
        if list.get(at).is_some_and(|w| candidate.above(w)) {
            if let Some(slot) = list.get_mut(at) {
                *slot = candidate;
            }
        }
    }
}
