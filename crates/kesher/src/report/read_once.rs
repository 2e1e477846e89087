//! Each message of one case read once, however many of the report's tallies ask for it (the
//! word-of-mouth balance and the retention tallies read the same public messages).

use crate::language::Language;
use crate::text::TextScorer;
use std::cell::RefCell;

/// Where a text is (its address and length) and the language hint it was read with.
type Place = (usize, usize, Option<Language>);

/// What was read, by place: natively a hash table, so that a case of very many messages (a
/// thread of 20,000 tweets) is not read in time growing with their square; in the WebAssembly
/// build, which is built for size, a list (the table's code took 600 of the `full` entry's
/// last 730 bytes of budget).
#[cfg(not(target_arch = "wasm32"))]
type Memo = crate::support::hashing::FastMap<Place, Option<f64>>;
#[cfg(target_arch = "wasm32")]
type Memo = List;

/// The WebAssembly build's memo: a list looked through from the start.
#[cfg(target_arch = "wasm32")]
#[derive(Default)]
struct List(Vec<(Place, Option<f64>)>);

#[cfg(target_arch = "wasm32")]
impl List {
    fn get(&self, key: &Place) -> Option<&Option<f64>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    fn insert(&mut self, key: Place, value: Option<f64>) {
        self.0.push((key, value));
    }
    fn clear(&mut self) {
        self.0.clear();
    }
}

/// A scorer that remembers what it read until it is cleared: make one per case, or clear it
/// between cases, so that a text is known by where it is (its address and length) and nothing
/// else can be there.
pub(super) struct ReadOnce<'s> {
    scorer: &'s dyn TextScorer,
    read: RefCell<Memo>,
}

impl<'s> ReadOnce<'s> {
    pub(super) fn new(scorer: &'s dyn TextScorer) -> ReadOnce<'s> {
        ReadOnce {
            scorer,
            read: RefCell::new(Memo::default()),
        }
    }
}

impl ReadOnce<'_> {
    /// Forgets what was read: before the next case, whose texts are elsewhere.
    pub(super) fn clear(&self) {
        self.read.borrow_mut().clear();
    }
}

impl TextScorer for ReadOnce<'_> {
    fn score(&self, text: &str, language: Option<Language>) -> Option<f64> {
        let key: Place = (text.as_ptr() as usize, text.len(), language);
        if let Some(known) = self.read.borrow().get(&key) {
            return *known;
        }
        let value = self.scorer.score(text, language);
        self.read.borrow_mut().insert(key, value);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    struct Counting(Cell<usize>);

    impl TextScorer for Counting {
        fn score(&self, text: &str, _: Option<Language>) -> Option<f64> {
            self.0.set(self.0.get() + 1);
            Some(text.len() as f64)
        }
    }

    #[test]
    fn a_text_is_read_once_and_equal_texts_elsewhere_are_read_again() {
        let counting = Counting(Cell::new(0));
        let once = ReadOnce::new(&counting);
        let texts = [
            String::from("thanks"),
            String::from("thanks"),
            String::from("no"),
        ];
        for _ in 0..3 {
            for t in &texts {
                assert_eq!(once.score(t, None), Some(t.len() as f64));
            }
        }
        // Two equal texts at two places are two messages: each read once.
        assert_eq!(counting.0.get(), 3);
        once.clear();
        assert_eq!(once.score(&texts[0], None), Some(6.0));
        assert_eq!(counting.0.get(), 4, "cleared: read again");
        assert_eq!(once.score(&texts[2], Some(Language::En)), Some(2.0));
        assert_eq!(
            counting.0.get(),
            5,
            "another language hint is another reading"
        );
    }
}
