//! What a customer's message does in the conversation: thanks, confirms, raises a problem, or
//! complains and threatens to leave or go public. Rules over phrases in English and Hebrew,
//! deterministic; the case fold uses them through [`crate::case::TurnPolicy`].

use super::{english, guess_language, hebrew, support, WordMap};
use crate::language::Language;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// What a customer's message does in the conversation.
///
/// [`TurnKind::classify`] reads it in this order:
/// 1. **complaint**: an escalation or a threat ("I'll post this everywhere", "cancel my
///    account", "lawyer", "אני אפרסם", "לבטל את המנוי") or thanks used in scorn ("thanks for
///    nothing");
/// 2. **problem**: a question mark, a question or help word ("how", "can you", "למה", "איך"),
///    a sign the trouble goes on ("still", "again", "but", "עדיין", "שוב", "אבל"), or a
///    negative reading of the text;
/// 3. **thanks**: thanks, praise or a goodbye ("thanks!", "great service", "תודה רבה");
/// 4. **confirmation**: the fix worked ("yes, it works now", "sorted", "הסתדר", "עובד עכשיו"),
///    or a bare answer ("ok", "yes", "כן") in a reply of at most six words;
/// 5. otherwise **problem**: a message that says something the business must read and answer.
///
/// JSON: `"thanks"`, `"confirmation"`, `"problem"`, `"complaint"`.
///
/// # Example
///
/// ```
/// use kesher::text::TurnKind;
///
/// assert_eq!(TurnKind::classify("thanks, great service!", None), TurnKind::Thanks);
/// assert_eq!(TurnKind::classify("תודה רבה, מעולה!", None), TurnKind::Thanks);
/// assert_eq!(TurnKind::classify("yes, it works now", None), TurnKind::Confirmation);
/// assert_eq!(TurnKind::classify("thanks, but it still doesn't work", None), TurnKind::Problem);
/// assert_eq!(TurnKind::classify("fix it or I'm cancelling my account", None), TurnKind::Complaint);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurnKind {
    /// Thanks, praise or a goodbye: the conversation can end here.
    Thanks,
    /// The customer confirms the answer worked.
    Confirmation,
    /// A question, a new or continuing problem, or anything that needs an answer.
    Problem,
    /// A complaint that escalates: a threat to leave, to go public or to go to law.
    Complaint,
}

impl TurnKind {
    /// Every kind, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::text::TurnKind::ALL.len(), 4);
    /// ```
    pub const ALL: [TurnKind; 4] = [
        TurnKind::Thanks,
        TurnKind::Confirmation,
        TurnKind::Problem,
        TurnKind::Complaint,
    ];

    /// The snake_case name, as in JSON.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::text::TurnKind::Confirmation.name(), "confirmation");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            TurnKind::Thanks => "thanks",
            TurnKind::Confirmation => "confirmation",
            TurnKind::Problem => "problem",
            TurnKind::Complaint => "complaint",
        }
    }

    /// Whether the message closes the exchange (thanks or a confirmation): by the default
    /// [`crate::case::TurnPolicy`] it needs no answer and does not reopen a case.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::text::TurnKind::Thanks.is_closing());
    /// assert!(!kesher::text::TurnKind::Problem.is_closing());
    /// ```
    pub const fn is_closing(self) -> bool {
        matches!(self, TurnKind::Thanks | TurnKind::Confirmation)
    }

    /// What `text` does in the conversation; `language` is a hint (`None`: guess from the
    /// letters). The rules are in the type's documentation.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{Language, text::TurnKind};
    ///
    /// assert_eq!(TurnKind::classify("הסתדר, עובד עכשיו", Some(Language::He)), TurnKind::Confirmation);
    /// assert_eq!(TurnKind::classify("למה זה עדיין לא עובד?", None), TurnKind::Problem);
    /// ```
    pub fn classify(text: &str, language: Option<Language>) -> TurnKind {
        let lang = language.unwrap_or_else(|| guess_language(text));
        // Messages mix languages ("thanks!! עובד"): both languages' phrases count.
        let words = Words::new(text);
        let found = words.classes(text);
        if found & ESCALATION != 0 {
            return TurnKind::Complaint;
        }
        if text.contains('?') || found & TROUBLE != 0 {
            return TurnKind::Problem;
        }
        let closing = if found & THANKS != 0 {
            TurnKind::Thanks
        } else if found & CONFIRMATION != 0
            || (found & SHORT_REPLY != 0 && words.count() <= SHORT_REPLY_WORDS)
        {
            TurnKind::Confirmation
        } else {
            return TurnKind::Problem;
        };
        if reads_negative(text, lang) {
            TurnKind::Problem
        } else {
            closing
        }
    }
}

/// Whether `text` is a closing turn: [`TurnKind::is_closing`] of its classification (language
/// guessed). A question never is one (it classifies as a problem, or as a complaint), so it is
/// answered without reading the message.
pub(crate) fn is_closing_text(text: &str) -> bool {
    !text.contains('?') && TurnKind::classify(text, None).is_closing()
}

/// Whether the text reads as clearly negative in its language (thanks and confirmations never
/// do; a complaint wrapped in "thanks" does).
fn reads_negative(text: &str, lang: Language) -> bool {
    match lang {
        Language::En => english::read(text).value <= -0.25,
        Language::He => {
            let ([neg, pos], support) = hebrew::logits(text);
            support < -0.25 || (neg > 1.0 && neg > pos + 1.0)
        }
        // Not read yet: only the phrases decide.
        Language::Ar | Language::Ru => false,
    }
}

/// The phrases of one language, lowercase, matched on word boundaries.
struct Phrases {
    escalation: &'static [&'static str],
    trouble: &'static [&'static str],
    thanks: &'static [&'static str],
    confirmation: &'static [&'static str],
    /// Bare answers ("ok", "yes", "כן") that confirm only as a short reply of their own.
    short_reply: &'static [&'static str],
}

/// Classes of phrases, as bits.
const ESCALATION: u8 = 1;
const TROUBLE: u8 = 2;
const THANKS: u8 = 4;
const CONFIRMATION: u8 = 8;
/// A bare answer: a confirmation when the message is at most [`SHORT_REPLY_WORDS`] words.
const SHORT_REPLY: u8 = 16;
const SHORT_REPLY_WORDS: usize = 6;

/// Every phrase of both languages, by its first word (one lookup a word): the classes of the
/// word as a phrase of its own and the longer phrases it starts; emoji in a list.
struct Table {
    words: WordMap<&'static str, Entry>,
    symbols: Vec<(&'static str, u8)>,
}

/// The phrases that start with one word.
#[derive(Default)]
struct Entry {
    /// The classes of the word as a whole phrase (0: none).
    alone: u8,
    /// The longer phrases: the words after the first, and the phrase's class.
    longer: Vec<(Vec<&'static str>, u8)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            words: WordMap::default(),
            symbols: Vec::new(),
        };
        for p in [&EN, &HE] {
            for (list, class) in [
                (p.escalation, ESCALATION),
                (p.trouble, TROUBLE),
                (p.thanks, THANKS),
                (p.confirmation, CONFIRMATION),
                (p.short_reply, SHORT_REPLY),
            ] {
                for phrase in list {
                    let mut words = phrase.split(' ');
                    match (words.next(), phrase.contains(char::is_alphanumeric)) {
                        (_, false) => t.symbols.push((phrase, class)),
                        (Some(first), true) if phrase.contains(' ') => t
                            .words
                            .entry(first)
                            .or_default()
                            .longer
                            .push((words.collect(), class)),
                        _ => t.words.entry(phrase).or_default().alone |= class,
                    }
                }
            }
        }
        t
    })
}

const EN: Phrases = Phrases {
    escalation: &[
        "cancel my",
        "cancelling my",
        "canceling my",
        "close my account",
        "closing my account",
        "switch to",
        "switching to",
        "moving to",
        "lawyer",
        "attorney",
        "sue",
        "lawsuit",
        "court",
        "report you",
        "reporting you",
        "bbb",
        "ombudsman",
        "regulator",
        "post this everywhere",
        "tell everyone",
        "telling everyone",
        "never again",
        "never use",
        "never buy",
        "never fly",
        "last time i",
        "done with",
        "chargeback",
        "thanks for nothing",
        "worst company",
        "escalate",
        "escalating",
        "fcc",
        "cancelled my",
        "canceled my",
    ],
    trouble: &[
        "still",
        "again",
        "another",
        "but",
        "however",
        "not working",
        "doesnt work",
        "doesn't work",
        "didnt work",
        "didn't work",
        "won't",
        "wont",
        "can't",
        "cant",
        "cannot",
        "how",
        "why",
        "can you",
        "could you",
        "please",
        "dm",
        "dm'd",
        "dmd",
        "dmed",
        "dm'ed",
        "attached",
        "screenshot",
        "help",
        "issue",
        "problem",
        "error",
        "broken",
        "wrong",
        "missing",
        "haven't",
        "hasn't",
        "never got",
        "no one",
        "nobody",
        "waiting",
        "yet",
    ],
    thanks: &[
        "thanks",
        "thank",
        "thx",
        "ty",
        "cheers",
        "appreciate",
        "appreciated",
        "great service",
        "excellent",
        "awesome",
        "amazing",
        "love",
        "you rock",
        "legend",
        "brilliant",
        "perfect",
        "have a good",
        "have a great",
        "have a nice",
        "bye",
        "wonderful",
        "fantastic",
        "kudos",
        "👍",
        "🙏",
        "❤",
        "😊",
        "🙂",
    ],
    confirmation: &[
        "works now",
        "working now",
        "it works",
        "it worked",
        "that worked",
        "that did it",
        "did the trick",
        "fixed",
        "solved",
        "resolved",
        "sorted",
        "all good",
        "all set",
        "got it",
        "back up",
        "back on",
        "up and running",
        "received",
        "arrived",
        "came through",
    ],
    short_reply: &[
        "ok",
        "okay",
        "yes",
        "yep",
        "yeah",
        "no problem",
        "great",
        "good",
        "done",
    ],
};

const HE: Phrases = Phrases {
    escalation: &[
        "לבטל את",
        "אבטל",
        "מבטל את",
        "מבטלת את",
        "עורך דין",
        "עו\"ד",
        "תביעה",
        "אתבע",
        "אפרסם",
        "אני אפרסם",
        "לפרסם",
        "ברשתות",
        "אעזוב",
        "עוזב אתכם",
        "עוברת ל",
        "עובר ל",
        "לעבור ל",
        "משרד הכלכלה",
        "הגנת הצרכן",
        "לא אקנה",
        "לא אזמין",
        "פעם אחרונה",
    ],
    trouble: &[
        "עדיין",
        "שוב",
        "אבל",
        "אך",
        "לא עובד",
        "לא עובדת",
        "לא הגיע",
        "לא הגיעה",
        "איך",
        "למה",
        "מתי",
        "איפה",
        "מה",
        "אפשר",
        "תוכלו",
        "בבקשה",
        "עזרה",
        "בעיה",
        "תקלה",
        "מחכה",
        "ממתין",
        "ממתינה",
        "אף אחד",
    ],
    thanks: &[
        "תודה",
        "תודה רבה",
        "תודות",
        "מעריך",
        "מעריכה",
        "מעולה",
        "מצוין",
        "מצוינת",
        "אלופים",
        "אלופה",
        "אלוף",
        "שירות מעולה",
        "יום טוב",
        "ערב טוב",
        "שבוע טוב",
        "כל הכבוד",
        "נהדר",
    ],
    confirmation: &[
        "עובד עכשיו",
        "עובדת עכשיו",
        "זה עבד",
        "עבד",
        "הסתדר",
        "הסתדרה",
        "נפתר",
        "נפתרה",
        "סודר",
        "סודרה",
        "תקין",
        "הגיע",
        "הגיעה",
        "קיבלתי",
        "מסודר",
    ],
    short_reply: &["כן", "אוקיי", "בסדר"],
};

/// A message cut into lowercase words, for matching phrases on word boundaries.
struct Words {
    /// The words joined by single spaces, with a space before and after.
    joined: String,
}

impl Words {
    fn new(text: &str) -> Words {
        let mut joined = String::with_capacity(text.len() + 2);
        joined.push(' ');
        for w in super::tokens::words(text) {
            if w.is_ascii() {
                // The common case, copied whole and lowered in place.
                let from = joined.len();
                joined.push_str(w);
                if let Some(copied) = joined.get_mut(from..) {
                    copied.make_ascii_lowercase();
                }
            } else {
                let lower = super::lower(w);
                if lower.contains('’') {
                    joined.extend(lower.chars().map(|c| if c == '’' { '\'' } else { c }));
                } else {
                    joined.push_str(&lower);
                }
            }
            joined.push(' ');
        }
        Words { joined }
    }

    /// How many words the message has.
    fn count(&self) -> usize {
        self.joined.split(' ').filter(|w| !w.is_empty()).count()
    }

    /// The classes of every phrase in the message, as bits.
    fn classes(&self, text: &str) -> u8 {
        let table = table();
        let mut found = 0;
        let mut words = self.joined.split(' ').filter(|w| !w.is_empty());
        while let Some(word) = words.next() {
            // The words after this one, walked only when a longer phrase starts here.
            found |= table.match_at(word, words.clone());
            // A Hebrew word with one prefix letter ("ותודה", "והסתדר"); ASCII never has one.
            if word.is_ascii() {
                continue;
            }
            if let Some(first) = word
                .chars()
                .next()
                .filter(|c| support::HE_PREFIXES.contains(c))
            {
                if let Some(bare) = word.get(first.len_utf8()..).filter(|w| !w.is_empty()) {
                    found |= table.match_at(bare, words.clone());
                }
            }
        }
        if !text.is_ascii() {
            for (symbol, class) in &table.symbols {
                if text.contains(symbol) {
                    found |= class;
                }
            }
        }
        found
    }
}

impl Table {
    /// The classes of the phrases that start with `word`, followed by `rest`.
    fn match_at<'w>(&self, word: &str, rest: impl Iterator<Item = &'w str> + Clone) -> u8 {
        let Some(entry) = self.words.get(word) else {
            return 0;
        };
        let mut found = entry.alone;
        for (tail, class) in &entry.longer {
            let mut got = rest.clone();
            let fits = tail.iter().all(|want| {
                got.next().is_some_and(|got| {
                    // A phrase ending in the prefix ל ("עוברת ל", moving to) runs into the next word.
                    *want == got || (*want == "ל" && got.starts_with('ל'))
                })
            });
            if fits {
                found |= class;
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The question shortcut never changes an answer: messages built from phrases of
        /// every class, with and without a question mark.
        #[test]
        fn is_closing_text_is_the_classification_s_answer(
            words in proptest::collection::vec(prop_oneof![
                prop::sample::select(vec![
                    "thanks", "it works now", "ok", "still", "lawyer", "תודה", "הסתדר", "why",
                    "great", "terrible", "?", "!", "👍",
                ]).prop_map(str::to_string),
                "[a-z?]{1,6}",
            ], 0..8),
        ) {
            let text = words.join(" ");
            prop_assert_eq!(is_closing_text(&text), TurnKind::classify(&text, None).is_closing());
        }
    }

    #[test]
    fn phrases_match_on_word_boundaries() {
        let classes = |t: &str| Words::new(t).classes(t);
        assert_eq!(classes("Thanks, it WORKS now! 👍"), THANKS | CONFIRMATION);
        assert_eq!(classes("ותודה רבה"), THANKS);
        assert_eq!(classes("התודהה"), 0);
        assert_eq!(classes("thankful"), 0);
        assert_eq!(classes("אני עוברת לפרטנר"), ESCALATION);
        assert_eq!(classes("I'm cancelling my plan"), ESCALATION);
    }
}
