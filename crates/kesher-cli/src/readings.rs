//! What the emotion model read of one case's messages, handed to the report with the case so
//! that the report does not read them again.
//!
//! A worker draws a case's journey with [`RECORDING`] as the model's scorer: it reads each text
//! with the built-in scorer and notes the score in the worker's own notebook (a thread-local).
//! After the drawing, [`Readings::take`] empties that notebook into the case's [`Readings`],
//! which travel with the case to the thread that adds it to the report. The report reads its
//! public messages through them ([`kesher::report::ReportBuilder::add_with_scorer`]).
//!
//! A text is known by where it is (its address and length) and the language hint it was read
//! with, as the report's own memo knows it: cheap to compare, and exact as long as the readings
//! are used with the case they were taken from, whose texts stay where they are while it moves
//! between threads (a text elsewhere, or a case freed and another one allocated there, is
//! never looked up with them, and a text not found is read again).

use kesher::text::{SentimentScorer, TextScorer};
use kesher::Language;
use std::cell::RefCell;

/// Where a text is (its address and length) and the language hint it was read with.
type Place = (usize, usize, Option<Language>);

/// The scores one case's drawing read, by place (a hash table: a case of very many messages
/// is not looked up in time growing with their square).
#[derive(Debug, Default)]
pub(crate) struct Readings(foldhash::HashMap<Place, Option<f64>>);

thread_local! {
    /// What this thread's drawing has read since the last [`Readings::take`].
    static NOTEBOOK: RefCell<Readings> = RefCell::new(Readings::default());
}

/// The built-in scorer, noting each score in the thread's notebook.
pub(crate) struct Recording;

/// The emotion model's scorer on the report's workers.
pub(crate) static RECORDING: Recording = Recording;

fn place(text: &str, language: Option<Language>) -> Place {
    (text.as_ptr() as usize, text.len(), language)
}

impl TextScorer for Recording {
    fn score(&self, text: &str, language: Option<Language>) -> Option<f64> {
        let value = SentimentScorer::DEFAULT.score(text, language);
        NOTEBOOK.with(|n| n.borrow_mut().0.insert(place(text, language), value));
        value
    }
}

impl Readings {
    /// Everything this thread recorded since the last call (the notebook left empty).
    pub(crate) fn take() -> Readings {
        NOTEBOOK.with(|n| std::mem::take(&mut *n.borrow_mut()))
    }
}

impl TextScorer for Readings {
    fn score(&self, text: &str, language: Option<Language>) -> Option<f64> {
        match self.0.get(&place(text, language)) {
            Some(known) => *known,
            None => SentimentScorer::DEFAULT.score(text, language),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_gets_the_scores_the_drawing_read_and_reads_the_rest() {
        let texts = [
            String::from("thank you so much, great help"),
            String::from("this is the worst service ever"),
        ];
        let _ = Readings::take();
        let drawn = RECORDING.score(&texts[0], None);
        let readings = Readings::take();
        assert_eq!(readings.0.len(), 1);
        assert!(Readings::take().0.is_empty(), "the notebook is emptied");
        assert_eq!(readings.score(&texts[0], None), drawn);
        // Not read by the drawing (another text, or another hint): read now, and the same as
        // the built-in scorer's reading.
        let builtin = &SentimentScorer::DEFAULT;
        assert_eq!(
            readings.score(&texts[1], None),
            builtin.score(&texts[1], None)
        );
        assert_eq!(
            readings.score(&texts[0], Some(Language::En)),
            builtin.score(&texts[0], Some(Language::En))
        );
        // An equal text elsewhere is looked up by its own place, and read.
        let copy = texts[0].clone();
        assert_eq!(readings.score(&copy, None), builtin.score(&copy, None));
    }

    #[test]
    fn a_reading_found_is_not_read_again() {
        let text = String::from("where is my order");
        let _ = Readings::take();
        let _ = RECORDING.score(&text, None);
        let mut readings = Readings::take();
        // A score only the notebook could give shows that the lookup answered, not a reading.
        if let Some(entry) = readings.0.values_mut().next() {
            *entry = Some(0.123);
        }
        assert_eq!(readings.score(&text, None), Some(0.123));
    }
}
