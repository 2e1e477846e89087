//! Reading customer text: how a message feels ([`Sentiment`], a value in [−1, 1]) and what it
//! does in the conversation ([`TurnKind`]: thanks, confirmation, problem, complaint).
//!
//! [`TextScorer`] is the hook: the emotion model, retention and the report call it for every
//! customer message, and a host plugs any model in (a transformers pipeline from Python, a
//! JavaScript function in the browser). [`SentimentScorer`] is the built-in one, deterministic,
//! its data compiled in (the `text-model` feature) or installed once ([`install_model`]):
//!
//! - **English**: the VADER lexicon (7,520 words, emoticons and slang rated by people, MIT,
//!   C.J. Hutto) with kesher's own rules for negation, intensifiers, contrast ("but"), capitals
//!   and exclamation marks, and support words the lexicon lacks ("still waiting", "refund").
//! - **Hebrew**: a linear model over character n-grams (1–5 characters within a word, which
//!   sees through Hebrew's prefixes and suffixes), fitted on 5,926 labelled Hebrew comments
//!   (Amram, Ben-David & Tsarfaty, COLING 2018; MIT) by `benches/text/fit_hebrew.py`, plus the
//!   same support words in Hebrew.
//!
//! Measured on labelled data nobody on the team wrote (macro-averaged recall over three
//! classes, the TweetEval metric; chance is 0.333), by `benches/text/README.md`'s command:
//! see [`SentimentScorer`] for the figures.

mod english;
mod grams;
mod hebrew;
mod model;
mod reading;
mod scorer;
mod support;
mod table;
pub(crate) mod tokens;
mod turn;

pub use model::model_installed;
pub use reading::MessageReading;
pub use scorer::SentimentScorer;
pub use table::ScoreTable;
pub(crate) use turn::is_closing_text;
pub use turn::TurnKind;

use crate::error::Result;
use crate::language::Language;
use serde::{Deserialize, Serialize};

/// Installs the built-in scorer's data in a build without the `text-model` cargo feature (on
/// by default, which compiles them in): the English lexicon (lines `word<TAB>rating`, the
/// rating in tenths from −40 to 40) and the Hebrew model (lines
/// `n-gram<TAB>idf<TAB>negative<TAB>positive` in hundredths, the first one `#bias`): the files
/// `english.tsv` and `hebrew.tsv` that the WebAssembly package ships in its `text/` folder and
/// its `init()` installs. Both are checked whole before anything is kept. Until they are
/// installed the scorer reads only its support words ([`model_installed`] is false).
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `english_lexicon` or
/// `hebrew_model` with the first line that does not read (its number in the reason) or n-grams
/// that appear twice, or naming `text_model` when a model is already there: compiled in, or
/// installed before (the first one stays).
///
/// # Example
///
/// ```
/// // This build has the model compiled in (the default), so installing one is refused.
/// let err = kesher::text::install_model("great\t31\n", "#bias\t0\t-168\t-186\n").unwrap_err();
/// assert_eq!(err.field(), Some("text_model"));
/// assert!(kesher::text::model_installed());
/// // A line that does not read is named, whatever the build.
/// let err = kesher::text::install_model("great 31\n", "#bias\t0\t-168\t-186\n").unwrap_err();
/// assert_eq!(err.field(), Some("english_lexicon"));
/// assert_eq!(err.value(), Some("great 31"));
/// ```
pub fn install_model(english_lexicon: &str, hebrew_model: &str) -> Result<()> {
    english::check(english_lexicon)?;
    let built = hebrew::check(hebrew_model)?;
    model::install(english_lexicon, hebrew_model)?;
    hebrew::keep(built);
    Ok(())
}

/// Scores the sentiment of a customer's message: `Some(value)` in [−1, 1], or `None` when the
/// text carries no opinion the scorer can see. Implement it to plug in a real model.
///
/// A value of −0.2 or below reads as negative, 0.2 or above as positive ([`Sentiment::of`]).
///
/// # Example
///
/// ```
/// use kesher::{Language, text::TextScorer};
///
/// struct Shouting;
/// impl TextScorer for Shouting {
///     fn score(&self, text: &str, _: Option<Language>) -> Option<f64> {
///         (text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)).then_some(-0.8)
///     }
/// }
/// assert_eq!(Shouting.score("WHERE IS MY ORDER", None), Some(-0.8));
/// ```
pub trait TextScorer {
    /// The sentiment of `text`, if any; `language` is a hint (`None`: guess).
    fn score(&self, text: &str, language: Option<Language>) -> Option<f64>;
}

/// How a message feels, in three classes.
///
/// JSON: `"negative"`, `"neutral"` or `"positive"`.
///
/// # Example
///
/// ```
/// use kesher::text::Sentiment;
///
/// assert_eq!(Sentiment::of(Some(-0.5)), Sentiment::Negative);
/// assert_eq!(Sentiment::of(Some(0.1)), Sentiment::Neutral);
/// assert_eq!(Sentiment::of(None), Sentiment::Neutral);
/// assert_eq!(serde_json::to_string(&Sentiment::Positive).unwrap(), r#""positive""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sentiment {
    /// Frustration, complaint, distress.
    Negative,
    /// Facts or a question without feeling, or no text.
    Neutral,
    /// Thanks, praise, relief.
    Positive,
}

impl Sentiment {
    /// Where a score counts as an opinion: −0.2 and below is negative, 0.2 and above positive.
    pub const THRESHOLD: f64 = 0.2;

    /// The class of a [`TextScorer`]'s value: at or beyond ±[`Sentiment::THRESHOLD`] an
    /// opinion, otherwise (and for `None`) neutral.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::text::Sentiment::of(Some(0.2)), kesher::text::Sentiment::Positive);
    /// ```
    pub fn of(score: Option<f64>) -> Sentiment {
        match score {
            Some(s) if s <= -Self::THRESHOLD => Sentiment::Negative,
            Some(s) if s >= Self::THRESHOLD => Sentiment::Positive,
            _ => Sentiment::Neutral,
        }
    }

    /// The snake_case name, as in JSON.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::text::Sentiment::Negative.name(), "negative");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Sentiment::Negative => "negative",
            Sentiment::Neutral => "neutral",
            Sentiment::Positive => "positive",
        }
    }
}

/// The language a message is written in: Hebrew when it has at least as many Hebrew letters
/// as Latin ones (and some), otherwise English.
pub(crate) fn guess_language(text: &str) -> Language {
    // No Hebrew letter in ASCII text (most messages): decided without decoding a character.
    if text.is_ascii() {
        return Language::En;
    }
    let (mut hebrew, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if ('\u{5d0}'..='\u{5ea}').contains(&c) {
            hebrew += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if hebrew > 0 && hebrew >= latin {
        Language::He
    } else {
        Language::En
    }
}

/// A fast hasher for the word tables (short keys, no untrusted-key flooding concern: the
/// tables are compiled in or installed by the host, and only looked up): FxHash's multiply-rotate over 8-byte words.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        for b in chunks.remainder() {
            self.add(u64::from(*b));
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }
}

impl WordHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A map keyed by words, with [`WordHasher`].
pub(crate) type WordMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<WordHasher>>;

/// `word` in lowercase (the crate's one lowercase mapping), without allocating when it already is.
pub(crate) fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    let upper = |c: char| {
        c.is_ascii_uppercase()
            || (!c.is_ascii() && !('\u{5d0}'..='\u{5ea}').contains(&c) && c.is_uppercase())
    };
    if word.chars().any(upper) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}
