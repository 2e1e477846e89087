//! What importers remember of the cases they handed over: a hash of each id, for a window of
//! rows, so memory stays bounded however long the input.

use super::hashing::HashSet;

/// Hashes of ids handed over within the last `window` rows at least (at most twice that): two
/// generations, the older dropped once the newer has covered a whole window.
#[derive(Debug)]
pub(super) struct RecentIds {
    window: u64,
    /// The row at which `current` began.
    started: u64,
    current: HashSet<u64>,
    previous: HashSet<u64>,
}

impl RecentIds {
    pub(super) fn new(window: u64) -> RecentIds {
        RecentIds {
            window: window.max(1),
            started: 0,
            current: HashSet::default(),
            previous: HashSet::default(),
        }
    }

    /// Moves the window to `row` (rows only go forward).
    pub(super) fn advance(&mut self, row: u64) {
        if row.saturating_sub(self.started) >= self.window {
            // The older generation's table, emptied, holds the next one: no growing anew.
            std::mem::swap(&mut self.previous, &mut self.current);
            self.current.clear();
            self.started = row;
        }
    }

    /// Remembers `id` (a hash) as handed over at `row`; false when it already was.
    pub(super) fn insert(&mut self, row: u64, id: u64) -> bool {
        self.advance(row);
        !self.previous.contains(&id) && self.current.insert(id)
    }

    pub(super) fn contains(&self, id: u64) -> bool {
        self.current.contains(&id) || self.previous.contains(&id)
    }

    /// How many ids are remembered now.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.current.len() + self.previous.len()
    }
}

#[cfg(test)]
mod tests {
    use super::RecentIds;

    #[test]
    fn remembers_at_least_a_window_and_at_most_two() {
        let mut ids = RecentIds::new(10);
        assert!(ids.insert(1, 7));
        assert!(!ids.insert(5, 7));
        ids.advance(10);
        assert!(ids.contains(7), "9 rows later, still within the window");
        ids.advance(19);
        assert!(ids.contains(7), "at most two windows back");
        ids.advance(20);
        assert!(!ids.contains(7), "forgotten after two windows");
        for row in 20..1000 {
            ids.insert(row, row);
        }
        assert!(ids.len() <= 20, "bounded by two windows: {}", ids.len());
        assert!(ids.contains(999) && ids.contains(990));
    }
}
