//! A case's events in fold order: by instant, then sequence number, events with one key in the
//! order they came, identical duplicates kept once.
//!
//! Events usually come in order (an importer reads a thread top to bottom, a live feed appends),
//! so the store is a plain list while each event's key is at or after the one before: inserting
//! is a push, and the list is the fold order. The first event out of order moves them all into a
//! B-tree by key, so inserting stays O(log n) whatever the order. The B-tree alone was the store
//! before: its first node holds eleven events, about 3 KB, so every case of one or two events
//! took 3 KB. Holding the cases of a million tweets (`kesher case fold`) took 1,101 MB at the
//! peak then, 768 MB now (benches/README.md).

use crate::event::CaseEvent;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// The order a fold applies events in: instant, then sequence number.
pub(super) type Key = (DateTime<Utc>, u64);

/// An event with the caller's origin.
pub(super) type Entry = (CaseEvent, u64);

/// What [`Ordered::insert`] did with an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Inserted {
    /// An identical event with the same key was there: kept once.
    Duplicate,
    /// Kept, after `same` different events with the same key.
    New { same: u32 },
}

/// Events in fold order (see the module's documentation).
#[derive(Debug, Clone, Default)]
pub(super) struct Ordered {
    /// While every event came at or after the one before: the events in the order they came.
    list: Vec<Entry>,
    /// After the first event out of order: every event, by instant, sequence number and how
    /// many events with that key came before it.
    tree: BTreeMap<(DateTime<Utc>, u64, u32), Entry>,
}

impl Ordered {
    /// Keeps `event` unless an identical one with the same key is there.
    pub(super) fn insert(&mut self, event: CaseEvent, origin: u64) -> Inserted {
        let key = event.order_key();
        if self.tree.is_empty() && self.list.last().is_some_and(|(e, _)| e.order_key() > key) {
            self.move_to_tree();
        }
        let Some(same) = count_unless_found(self.with_key(key), &event) else {
            return Inserted::Duplicate;
        };
        if self.tree.is_empty() {
            if self.list.len() == self.list.capacity() {
                // Doubling from one event, where a vector starts at four: many cases hold one
                // or two, and an event takes about 250 bytes.
                self.list.reserve_exact(self.list.len().max(1));
            }
            self.list.push((event, origin));
        } else {
            self.tree.insert((key.0, key.1, same), (event, origin));
        }
        Inserted::New { same }
    }

    /// The events with `key`, in the order they came.
    fn with_key(&self, key: Key) -> Iter<'_> {
        if self.tree.is_empty() {
            let run = self.list.iter().rev();
            let start = self.list.len() - run.take_while(|(e, _)| e.order_key() == key).count();
            Iter::List(self.list.get(start..).unwrap_or_default().iter())
        } else {
            Iter::Tree(
                self.tree
                    .range((key.0, key.1, 0)..=(key.0, key.1, u32::MAX)),
            )
        }
    }

    /// Moves the list into the tree, each event after the ones with its key.
    fn move_to_tree(&mut self) {
        let mut previous: Option<(Key, u32)> = None;
        for (event, origin) in std::mem::take(&mut self.list) {
            let key = event.order_key();
            let same = match previous {
                Some((k, n)) if k == key => n + 1,
                _ => 0,
            };
            previous = Some((key, same));
            self.tree.insert((key.0, key.1, same), (event, origin));
        }
    }

    /// How many events.
    pub(super) fn len(&self) -> usize {
        self.list.len() + self.tree.len()
    }

    /// Whether there is no event.
    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The events in fold order.
    pub(super) fn iter(&self) -> Iter<'_> {
        if self.tree.is_empty() {
            Iter::List(self.list.iter())
        } else {
            Iter::All(self.tree.values())
        }
    }

    /// The events in fold order, taken out.
    pub(super) fn into_entries(self) -> Vec<Entry> {
        if self.tree.is_empty() {
            self.list
        } else {
            self.tree.into_values().collect()
        }
    }
}

/// How many `entries` there are, or `None` when one is `event`.
fn count_unless_found(entries: Iter<'_>, event: &CaseEvent) -> Option<u32> {
    let mut n = 0u32;
    for (e, _) in entries {
        if e == event {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Two stores are equal when they hold the same events, with the same origins, in the same fold
/// order, whatever order they came in.
impl PartialEq for Ordered {
    fn eq(&self, other: &Ordered) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

/// Events of an [`Ordered`] in fold order.
pub(super) enum Iter<'a> {
    /// A run of the list, whose order is the fold order.
    List(std::slice::Iter<'a, Entry>),
    /// The whole tree.
    All(std::collections::btree_map::Values<'a, (DateTime<Utc>, u64, u32), Entry>),
    /// A range of the tree.
    Tree(std::collections::btree_map::Range<'a, (DateTime<Utc>, u64, u32), Entry>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Entry;

    fn next(&mut self) -> Option<&'a Entry> {
        match self {
            Iter::List(entries) => entries.next(),
            Iter::All(values) => values.next(),
            Iter::Tree(range) => range.next().map(|(_, entry)| entry),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn event(at: &str, seq: u64, agent: &str) -> CaseEvent {
        let json = format!(
            r#"{{"type": "assigned", "case_id": "T", "at": "2025-01-05T{at}:00Z", "seq": {seq}, "agent": "{agent}"}}"#
        );
        CaseEvent::from_json(&json).expect("a valid event")
    }

    fn agents(store: &Ordered) -> Vec<String> {
        store
            .iter()
            .map(|(e, _)| match e {
                CaseEvent::Assigned(a) => a.agent.to_string(),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn events_in_order_stay_a_list_and_out_of_order_get_the_fold_order() {
        let mut store = Ordered::default();
        assert_eq!(
            store.insert(event("09:00", 0, "a"), 1),
            Inserted::New { same: 0 }
        );
        assert_eq!(
            store.insert(event("09:05", 0, "b"), 2),
            Inserted::New { same: 0 }
        );
        assert!(store.tree.is_empty());
        assert_eq!(
            store.insert(event("09:01", 0, "c"), 3),
            Inserted::New { same: 0 }
        );
        assert!(store.list.is_empty());
        assert_eq!(agents(&store), ["a", "c", "b"]);
        let origins: Vec<u64> = store.into_entries().iter().map(|e| e.1).collect();
        assert_eq!(origins, [1, 3, 2]);
    }

    #[test]
    fn one_key_keeps_arrival_order_and_duplicates_once_in_both_forms() {
        for late in [false, true] {
            let mut store = Ordered::default();
            store.insert(event("09:05", 1, "x"), 0);
            if late {
                store.insert(event("09:00", 0, "first"), 0);
            }
            assert_eq!(
                store.insert(event("09:05", 1, "y"), 0),
                Inserted::New { same: 1 }
            );
            assert_eq!(store.insert(event("09:05", 1, "x"), 0), Inserted::Duplicate);
            assert_eq!(
                store.insert(event("09:05", 1, "z"), 0),
                Inserted::New { same: 2 }
            );
            let want: &[&str] = if late {
                &["first", "x", "y", "z"]
            } else {
                &["x", "y", "z"]
            };
            assert_eq!(agents(&store), want);
        }
    }

    #[test]
    fn stores_are_equal_whatever_order_the_events_came_in() {
        let events = [("09:00", 0, "a"), ("09:00", 1, "b"), ("10:00", 0, "c")];
        let mut forward = Ordered::default();
        let mut backward = Ordered::default();
        for &(at, seq, agent) in &events {
            forward.insert(event(at, seq, agent), 7);
        }
        for &(at, seq, agent) in events.iter().rev() {
            backward.insert(event(at, seq, agent), 7);
        }
        assert_eq!(forward, backward);
        backward.insert(event("11:00", 0, "d"), 7);
        assert_ne!(forward, backward);
    }

    proptest! {
        /// Whatever order events come in, the store holds the stable sort of what came by key,
        /// without the events identical to an earlier one with the same key.
        #[test]
        fn the_fold_order_is_the_stable_sort_without_duplicates(
            came in proptest::collection::vec((0u8..4, 0u64..2, 0u8..3), 0..40)
        ) {
            let events: Vec<CaseEvent> = came
                .iter()
                .map(|&(minute, seq, agent)| event(&format!("09:0{minute}"), seq, &format!("a{agent}")))
                .collect();
            let mut store = Ordered::default();
            let mut duplicates = 0;
            for (i, e) in events.iter().enumerate() {
                if store.insert(e.clone(), i as u64) == Inserted::Duplicate {
                    duplicates += 1;
                }
            }
            let mut want: Vec<(Key, &CaseEvent, u64)> = Vec::new();
            for (i, e) in events.iter().enumerate() {
                if !want.iter().any(|(k, w, _)| *k == e.order_key() && *w == e) {
                    want.push((e.order_key(), e, i as u64));
                }
            }
            want.sort_by_key(|(k, _, _)| *k);
            let got: Vec<(Key, &CaseEvent, u64)> =
                store.iter().map(|(e, o)| (e.order_key(), e, *o)).collect();
            prop_assert_eq!(&got, &want);
            prop_assert_eq!(duplicates + want.len(), events.len());
            let taken = store.clone().into_entries();
            let taken: Vec<(Key, &CaseEvent, u64)> =
                taken.iter().map(|(e, o)| (e.order_key(), e, *o)).collect();
            prop_assert_eq!(taken, want);
        }
    }
}
