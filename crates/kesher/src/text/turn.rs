//! What a customer's message does in the conversation: thanks, confirms, raises a problem, or
//! complains and threatens to leave or go public. Rules over phrases in English and Hebrew,
//! deterministic; the case fold uses them through [`crate::TurnPolicy`].

use super::{english, guess_language, hebrew, support};
use crate::Language;
use serde::{Deserialize, Serialize};

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
/// 4. **confirmation**: the fix worked ("yes, it works now", "sorted", "הסתדר", "עובד עכשיו");
/// 5. otherwise **problem**: a message that says something the business must read and answer.
///
/// JSON: `"thanks"`, `"confirmation"`, `"problem"`, `"complaint"`.
///
/// # Example
///
/// ```
/// use kesher::TurnKind;
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
    /// assert_eq!(kesher::TurnKind::ALL.len(), 4);
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
    /// assert_eq!(kesher::TurnKind::Confirmation.name(), "confirmation");
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
    /// [`crate::TurnPolicy`] it needs no answer and does not reopen a case.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::TurnKind::Thanks.is_closing());
    /// assert!(!kesher::TurnKind::Problem.is_closing());
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
    /// use kesher::{Language, TurnKind};
    ///
    /// assert_eq!(TurnKind::classify("הסתדר, עובד עכשיו", Some(Language::He)), TurnKind::Confirmation);
    /// assert_eq!(TurnKind::classify("למה זה עדיין לא עובד?", None), TurnKind::Problem);
    /// ```
    pub fn classify(text: &str, language: Option<Language>) -> TurnKind {
        let lang = language.unwrap_or_else(|| guess_language(text));
        let words = Words::new(text);
        let (lexicon, more) = match lang {
            Language::En => (&EN, &HE),
            Language::He => (&HE, &EN),
        };
        // Messages mix languages ("thanks!! עובד"): the other language's phrases count too.
        let has =
            |pick: fn(&Phrases) -> &[&str]| words.any_of(pick(lexicon)) || words.any_of(pick(more));
        if has(|p| p.escalation) {
            return TurnKind::Complaint;
        }
        if text.contains('?') || has(|p| p.trouble) || reads_negative(text, lang) {
            return TurnKind::Problem;
        }
        if has(|p| p.thanks) {
            return TurnKind::Thanks;
        }
        if has(|p| p.confirmation) {
            return TurnKind::Confirmation;
        }
        TurnKind::Problem
    }
}

/// Whether the text reads as clearly negative in its language (thanks and confirmations never
/// do; a complaint wrapped in "thanks" does).
fn reads_negative(text: &str, lang: Language) -> bool {
    match lang {
        Language::En => english::read(text).value <= -0.25,
        Language::He => {
            let [neg, pos] = hebrew::logits(text);
            support::hebrew_sum(text) < -0.25 || (neg > 1.0 && neg > pos + 1.0)
        }
    }
}

/// The phrases of one language, lowercase, matched on word boundaries.
struct Phrases {
    escalation: &'static [&'static str],
    trouble: &'static [&'static str],
    thanks: &'static [&'static str],
    confirmation: &'static [&'static str],
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
        "ok",
        "okay",
        "yes",
        "yep",
        "yeah",
        "received",
        "arrived",
        "came through",
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
        "כן",
        "אוקיי",
        "בסדר",
        "מסודר",
    ],
};

/// A message cut into lowercase words, for matching phrases on word boundaries.
struct Words {
    /// The words joined by single spaces, with a space before and after.
    joined: String,
}

impl Words {
    fn new(text: &str) -> Words {
        let mut joined = String::from(" ");
        for raw in text.split(|c: char| c.is_whitespace() || ",.;:!()[]{}\"“”…".contains(c)) {
            let w = raw.trim_matches(|c: char| c == '\'' || c == '’' || c == '-');
            if w.is_empty() || w.starts_with('@') || w.starts_with("http") {
                continue;
            }
            joined.push_str(&super::lower(&w.replace('’', "'")));
            joined.push(' ');
        }
        Words { joined }
    }

    fn any_of(&self, phrases: &[&str]) -> bool {
        phrases.iter().any(|p| self.has(p))
    }

    /// Whether `phrase` occurs as whole words; a Hebrew phrase may carry one prefix letter.
    fn has(&self, phrase: &str) -> bool {
        let mut from = 0;
        while let Some(at) = self.joined.get(from..).and_then(|rest| rest.find(phrase)) {
            let start = from + at;
            let end = start + phrase.len();
            let before = self.joined.get(..start).and_then(|s| s.chars().next_back());
            let after = self.joined.get(end..).and_then(|s| s.chars().next());
            let symbol = phrase.chars().all(|c| !c.is_alphanumeric());
            let open_before = symbol
                || match before {
                    Some(' ') | None => true,
                    Some(c) => {
                        support::HE_PREFIXES.contains(&c)
                            && self
                                .joined
                                .get(..start - c.len_utf8())
                                .is_some_and(|s| s.ends_with(' '))
                    }
                };
            // A phrase ending in the prefix ל ("עוברת ל", moving to) runs into the next word.
            let open_after = symbol || phrase.ends_with(" ל") || matches!(after, Some(' ') | None);
            if open_before && open_after {
                return true;
            }
            from = start + phrase.chars().next().map_or(1, char::len_utf8);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_on_boundaries() {
        let w = Words::new("Thanks, it WORKS now! 👍");
        assert!(w.has("thanks"));
        assert!(w.has("works now"));
        assert!(w.has("👍"));
        assert!(!w.has("thank"));
        let he = Words::new("ותודה רבה");
        assert!(he.has("תודה רבה"));
        assert!(!Words::new("התודהה").has("תודה"));
    }
}
