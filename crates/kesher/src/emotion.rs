//! Emotion values: the vertical axis of the emotion graph.
//!
//! A number from −1.0 (furious) through 0 (neutral) to +1.0 (WOW), with named levels for people
//! (the emotion graph of [`crate::journey`]). Values outside the range, and NaN, are errors.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A customer's feeling towards the organization, in `[-1.0, 1.0]`. JSON: a number.
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming the field `emotion` for NaN or values outside `[-1.0, 1.0]`.
///
/// # Example
///
/// ```
/// use kesher::{Emotion, EmotionLevel};
///
/// let e = Emotion::new(-0.7)?;
/// assert_eq!(e.level(), EmotionLevel::Angry);
/// assert_eq!(Emotion::from(EmotionLevel::Wow).value(), 1.0);
/// assert!(Emotion::new(1.01).is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Emotion(f64);

impl Emotion {
    /// Neutral, 0.0.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::Emotion::NEUTRAL.value(), 0.0);
    /// ```
    pub const NEUTRAL: Emotion = Emotion(0.0);

    /// Validates an emotion value.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::Emotion::new(-1.0).is_ok());
    /// ```
    pub fn new(value: f64) -> Result<Emotion> {
        if value.is_finite() && (-1.0..=1.0).contains(&value) {
            // Normalise −0.0 so that equality and JSON agree.
            Ok(Emotion(if value == 0.0 { 0.0 } else { value }))
        } else {
            Err(Error::invalid(
                "emotion",
                crate::support::decimal::shortest(value),
                "must be a number from -1.0 to 1.0",
            ))
        }
    }

    /// The number.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::Emotion::new(0.33)?.value(), 0.33);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn value(self) -> f64 {
        self.0
    }

    /// The nearest named level (ties go towards neutral).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{Emotion, EmotionLevel};
    /// assert_eq!(Emotion::new(0.2)?.level(), EmotionLevel::Satisfied);
    /// assert_eq!(Emotion::new(0.1)?.level(), EmotionLevel::Neutral);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn level(self) -> EmotionLevel {
        let mut best = EmotionLevel::Neutral;
        let mut best_distance = f64::INFINITY;
        // Neutral first, then outwards, so that a tie keeps the level closer to neutral.
        for level in [
            EmotionLevel::Neutral,
            EmotionLevel::Satisfied,
            EmotionLevel::Frustrated,
            EmotionLevel::Happy,
            EmotionLevel::Angry,
            EmotionLevel::Wow,
            EmotionLevel::Furious,
        ] {
            let distance = (level.value() - self.0).abs();
            if distance < best_distance {
                best = level;
                best_distance = distance;
            }
        }
        best
    }
}

impl TryFrom<f64> for Emotion {
    type Error = Error;
    fn try_from(value: f64) -> Result<Emotion> {
        Emotion::new(value)
    }
}

impl From<Emotion> for f64 {
    fn from(e: Emotion) -> f64 {
        e.0
    }
}

impl From<EmotionLevel> for Emotion {
    fn from(level: EmotionLevel) -> Emotion {
        Emotion(level.value())
    }
}

impl fmt::Display for Emotion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})",
            crate::support::decimal::fixed(self.0, 2).signed(),
            self.level()
        )
    }
}

/// The named levels of the emotion scale.
///
/// # Example
///
/// ```
/// use kesher::EmotionLevel;
/// assert_eq!(EmotionLevel::Frustrated.value(), -0.33);
/// assert_eq!(EmotionLevel::Happy.to_string(), "happy");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmotionLevel {
    /// −1.0: the bottom of the graph.
    Furious,
    /// −0.66.
    Angry,
    /// −0.33.
    Frustrated,
    /// 0: neither pleased nor displeased.
    Neutral,
    /// +0.33.
    Satisfied,
    /// +0.66.
    Happy,
    /// +1.0: the top of the graph, a "WOW" experience.
    Wow,
}

impl EmotionLevel {
    /// The level's value on the scale.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::EmotionLevel::Angry.value(), -0.66);
    /// ```
    pub const fn value(self) -> f64 {
        match self {
            EmotionLevel::Furious => -1.0,
            EmotionLevel::Angry => -0.66,
            EmotionLevel::Frustrated => -0.33,
            EmotionLevel::Neutral => 0.0,
            EmotionLevel::Satisfied => 0.33,
            EmotionLevel::Happy => 0.66,
            EmotionLevel::Wow => 1.0,
        }
    }

    /// The level's snake_case name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::EmotionLevel::Wow.name(), "wow");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            EmotionLevel::Furious => "furious",
            EmotionLevel::Angry => "angry",
            EmotionLevel::Frustrated => "frustrated",
            EmotionLevel::Neutral => "neutral",
            EmotionLevel::Satisfied => "satisfied",
            EmotionLevel::Happy => "happy",
            EmotionLevel::Wow => "wow",
        }
    }
}

impl fmt::Display for EmotionLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where an emotion value came from.
///
/// # Example
///
/// ```
/// let s: kesher::EmotionSource = serde_json::from_str("\"survey\"")?;
/// assert_eq!(s, kesher::EmotionSource::Survey);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmotionSource {
    /// An agent's judgement, recorded by hand (the organization's tacit knowledge).
    AgentAnnotation,
    /// The customer's own answer to a survey or feedback request.
    Survey,
    /// Derived by kesher's emotion model from events (waiting, transfers, promises…).
    EmotionModel,
    /// Scored from the message text by a sentiment scorer.
    TextScorer,
}

/// An emotion value attached to an interaction, with its source.
///
/// # Example
///
/// ```
/// use kesher::{Emotion, EmotionAnnotation, EmotionSource};
///
/// let a: EmotionAnnotation = serde_json::from_str(r#"{"value": -0.66, "source": "agent_annotation"}"#)?;
/// assert_eq!(a.value, Emotion::new(-0.66)?);
/// assert_eq!(a.source, EmotionSource::AgentAnnotation);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmotionAnnotation {
    /// The emotion.
    pub value: Emotion,
    /// Who or what said so.
    pub source: EmotionSource,
}
