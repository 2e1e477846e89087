//! One customer message read whole: its sentiment and what it does in the conversation.

use super::{Sentiment, TextScorer, TurnKind};
use crate::language::Language;
use serde::{Deserialize, Serialize};

/// A customer message read by a [`TextScorer`] and [`TurnKind::classify`]: what `kesher text
/// score` writes per line.
///
/// JSON: `{"score": -0.62 or null, "sentiment": "negative", "turn": "problem"}`.
///
/// # Example
///
/// ```
/// use kesher::text::{MessageReading, Sentiment, SentimentScorer, TurnKind};
///
/// let r = MessageReading::new("thanks, great service!", None, &SentimentScorer::default());
/// assert_eq!(r.sentiment, Sentiment::Positive);
/// assert_eq!(r.turn, TurnKind::Thanks);
/// assert!(r.score.is_some_and(|s| s >= 0.2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageReading {
    /// The scorer's value in [−1, 1], or `None` when the text carries no opinion it can see.
    pub score: Option<f64>,
    /// The class of the score ([`Sentiment::of`]).
    pub sentiment: Sentiment,
    /// What the message does in the conversation.
    pub turn: TurnKind,
}

impl MessageReading {
    /// Reads `text` with `scorer`; `language` is a hint for both (`None`: guess).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{Language, text::{MessageReading, SentimentScorer, TurnKind}};
    ///
    /// let r = MessageReading::new("אני אפרסם את זה בכל מקום", Some(Language::He), &SentimentScorer::default());
    /// assert_eq!(r.turn, TurnKind::Complaint);
    /// ```
    pub fn new(text: &str, language: Option<Language>, scorer: &dyn TextScorer) -> MessageReading {
        let score = scorer
            .score(text, language)
            .filter(|s| s.is_finite())
            .map(|s| crate::support::bounds::clamp(s, -1.0, 1.0));
        MessageReading {
            score,
            sentiment: Sentiment::of(score),
            turn: TurnKind::classify(text, language),
        }
    }
}
