//! The words recurring problems cluster on and show: stop words in English and Hebrew, and
//! answers cut down to what answers (no greeting, no name, no signature).

use crate::text::tokens::{self, Chunk};
use std::collections::HashSet;
use std::sync::OnceLock;

const STOP_EN: [&str; 162] = [
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "can",
    "cant",
    "could",
    "did",
    "do",
    "does",
    "dont",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "he",
    "help",
    "hi",
    "hello",
    "hey",
    "how",
    "i",
    "if",
    "im",
    "in",
    "is",
    "it",
    "its",
    "ive",
    "just",
    "know",
    "like",
    "me",
    "my",
    "need",
    "no",
    "not",
    "now",
    "of",
    "on",
    "one",
    "or",
    "our",
    "out",
    "please",
    "pls",
    "so",
    "still",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "they",
    "this",
    "to",
    "too",
    "trying",
    "try",
    "tried",
    "up",
    "us",
    "want",
    "was",
    "we",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "thanks",
    "thank",
    "link",
    "amp",
    "here",
    "been",
    "being",
    "more",
    "some",
    "only",
    "even",
    "very",
    "really",
    "any",
    "back",
    "going",
    "make",
    "see",
    "way",
    "time",
    "day",
    "days",
    "new",
    "use",
    "using",
    "work",
    "working",
    "works",
    "issue",
    "because",
    "thing",
    "gett",
    "ago",
    "able",
    "anyone",
    "anyth",
    "anything",
    "keep",
    "another",
    "without",
    "don",
    "ain",
    "something",
    "everything",
    "since",
    "before",
    "every",
    "other",
    "already",
    "never",
    "nothing",
    "into",
    "than",
    "these",
    "those",
    "should",
    "doesn",
    "didn",
    "isn",
    "wasn",
    "won",
    "haven",
    "aren",
    "couldn",
    "yet",
    "yesterday",
    "today",
    "ever",
];

/// Hebrew function words, pronouns and courtesy words: as written, and after one prefix letter
/// (ו ה ב ש ל מ כ: "ושלי", "לכל").
const STOP_HE: [&str; 93] = [
    "אני",
    "אתה",
    "את",
    "הוא",
    "היא",
    "אנחנו",
    "אתם",
    "אתן",
    "הם",
    "הן",
    "שלי",
    "שלך",
    "שלו",
    "שלה",
    "שלנו",
    "שלכם",
    "שלהם",
    "של",
    "אותי",
    "אותך",
    "אותו",
    "אותה",
    "אותנו",
    "אותם",
    "לי",
    "לך",
    "לו",
    "לה",
    "לנו",
    "לכם",
    "להם",
    "זה",
    "זאת",
    "זו",
    "הזה",
    "הזאת",
    "אלה",
    "אלו",
    "יש",
    "אין",
    "לא",
    "כן",
    "על",
    "עם",
    "אל",
    "גם",
    "רק",
    "אם",
    "כי",
    "או",
    "אבל",
    "אז",
    "מה",
    "מי",
    "איך",
    "למה",
    "מתי",
    "איפה",
    "כמה",
    "כל",
    "עוד",
    "כבר",
    "עכשיו",
    "היום",
    "אתמול",
    "מחר",
    "פה",
    "כאן",
    "שם",
    "מאוד",
    "ממש",
    "היה",
    "הייתה",
    "היו",
    "יהיה",
    "תודה",
    "שלום",
    "היי",
    "הי",
    "בבקשה",
    "אחרי",
    "לפני",
    "כמו",
    "אחד",
    "אחת",
    "עדיין",
    "בלי",
    "צריך",
    "רוצה",
    "יכול",
    "יכולה",
    "אפשר",
    "בגלל",
];

/// Whether `w` (lowercase) is a stop word in English or Hebrew (sets built once: every word of
/// every description is checked).
pub(super) fn stop_word(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| STOP_EN.into_iter().chain(STOP_HE).collect());
    if set.contains(w) {
        return true;
    }
    let mut chars = w.chars();
    let prefixed = chars.next().is_some_and(|c| "והבשלמכ".contains(c));
    prefixed && chars.as_str().chars().count() >= 2 && set.contains(chars.as_str())
}

/// Words that open a greeting ("Hi Amit,", "שלום דנה -").
const GREETINGS: [&str; 14] = [
    "hi",
    "hello",
    "hey",
    "dear",
    "greetings",
    "good",
    "morning",
    "afternoon",
    "evening",
    "hiya",
    "שלום",
    "היי",
    "הי",
    "בוקר",
];

/// An agent's answer as a template candidate: without the @handles it starts with, a greeting
/// and the name after it (up to the first comma, dash or exclamation mark within four words),
/// and a signature at its end ("^JK", "-Noa", "*MM").
///
/// # Example (internal)
///
/// `"@12345 Hi Amit, please reset it here. ^JK"` → `"please reset it here."`
pub(super) fn clean_answer(text: &str) -> String {
    let mut rest = text.trim();
    while let Some(after) = rest.strip_prefix('@') {
        rest = after
            .split_once(char::is_whitespace)
            .map_or("", |(_, r)| r)
            .trim_start();
    }
    rest = strip_greeting(rest);
    let mut words: Vec<&str> = tokens::chunks(rest).map(Chunk::raw).collect();
    while words.last().is_some_and(|w| is_signature(w)) {
        words.pop();
    }
    // A sentence again: its first letter capitalised (ASCII only; Hebrew has no case).
    let mut cleaned = words.join(" ");
    if let Some(first) = cleaned.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    cleaned
}

fn strip_greeting(text: &str) -> &str {
    // The first word, where the text starts with one ("Hi,", "Hello Amit").
    let first = tokens::words_of(text)
        .next()
        .filter(|w| text.starts_with(w))
        .map(str::to_lowercase)
        .unwrap_or_default();
    if !GREETINGS.contains(&first.as_str()) {
        return text;
    }
    // The greeting ends at the first , ! - – : or . within its first four words.
    let mut words = 0;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            words += 1;
            if words > 4 {
                break;
            }
        }
        if matches!(c, ',' | '!' | '-' | '–' | ':' | '.') {
            return text.get(at + c.len_utf8()..).unwrap_or("").trim_start();
        }
    }
    text
}

/// "^JK", "-Noa", "*MM", "~dana": an agent's initials or name signed at the end of a tweet.
fn is_signature(word: &str) -> bool {
    let mut chars = word.chars();
    let mark = chars
        .next()
        .is_some_and(|c| matches!(c, '^' | '-' | '*' | '~' | '–'));
    let name = chars.as_str();
    mark && (1..=12).contains(&name.chars().count()) && name.chars().all(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_lose_handles_greetings_names_and_signatures() {
        assert_eq!(
            clean_answer("@12345 Hi Amit, please reset it here. ^JK"),
            "Please reset it here."
        );
        assert_eq!(
            clean_answer("Hello there! A refund is on its way -Noa"),
            "A refund is on its way"
        );
        assert_eq!(
            clean_answer("שלום עמית, ההחזר בדרך אליך"),
            "ההחזר בדרך אליך"
        );
        assert_eq!(
            clean_answer("Good morning Dana - the courier comes at 10."),
            "The courier comes at 10."
        );
        // No greeting: nothing cut; a greeting without a stop within four words stays.
        assert_eq!(
            clean_answer("Your order ships today."),
            "Your order ships today."
        );
        assert_eq!(
            clean_answer("Hi we are looking into the outage for you now"),
            "Hi we are looking into the outage for you now"
        );
    }

    #[test]
    fn hebrew_stop_words_and_their_prefixed_forms() {
        for w in ["אני", "שלי", "אותה", "ושלי", "לכל", "the", "my"] {
            assert!(stop_word(w), "{w}");
        }
        for w in ["סיסמה", "משלוח", "חיוב", "password"] {
            assert!(!stop_word(w), "{w}");
        }
    }
}
