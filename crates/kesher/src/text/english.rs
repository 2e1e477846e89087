//! English sentiment from a lexicon: the VADER word list (`english.tsv`: 7,520 words,
//! emoticons and slang, each rated from −4 to +4 by ten people; MIT, C.J. Hutto, from the
//! `vaderSentiment` 3.3.2 package, `LICENSE-vader.txt`) and the support words of
//! `support.rs`, with kesher's own rules:
//!
//! - a negation ("not", "never", "no", "don't", any "n't") flips the next three words' ratings
//!   and weakens them (× −0.7): "not good" is mildly negative, not the opposite of good;
//! - an intensifier ("very", "so", "really") strengthens the next rated word by 0.3, a
//!   softener ("kinda", "slightly") weakens it by as much;
//! - a word in capitals in a message that is not all capitals counts 1.25 times;
//! - after "but" the words count 1.5 times and those before it half (the point comes last);
//! - each `!` (up to four) adds 0.3 in the direction the words already lean;
//! - the sum `s` is squashed to `s / √(s² + 15)`, in (−1, 1).

use super::support::WORDS;
use std::collections::HashMap;
use std::sync::OnceLock;

const LEXICON: &str = include_str!("english.tsv");

/// Ratings on the lexicon's scale, −4 to +4.
type Ratings = HashMap<&'static str, f32>;

/// Support words are weighted in [−1, 1]; this brings them to the lexicon's scale.
const SUPPORT_SCALE: f32 = 3.0;

fn ratings() -> &'static Ratings {
    static RATINGS: OnceLock<Ratings> = OnceLock::new();
    RATINGS.get_or_init(|| {
        let mut map = Ratings::with_capacity(7_700);
        for line in LEXICON.lines() {
            if let Some((word, rating)) = line.split_once('\t') {
                if let Ok(r) = rating.parse::<f32>() {
                    map.insert(word, r);
                }
            }
        }
        for word in NOT_RATED {
            map.remove(word);
        }
        for (word, weight) in WORDS {
            if weight != 0.0 {
                map.entry(word).or_insert(weight as f32 * SUPPORT_SCALE);
            }
        }
        map
    })
}

/// Words the lexicon rates that carry no feeling in a message to a business: requests for
/// help ("please help"), the business's own words ("customer care", "support", "you
/// promised") and bare answers ("yes", "ok"; a confirmation is read by
/// [`super::TurnKind`], not as praise).
const NOT_RATED: [&str; 17] = [
    "help",
    "please",
    "pls",
    "plz",
    "care",
    "support",
    "promise",
    "promised",
    "ok",
    "okay",
    "yes",
    "sure",
    "no",
    "want",
    "save",
    "interested",
    "chance",
];

#[cfg(test)]
pub(crate) fn lexicon_size() -> usize {
    LEXICON.lines().count()
}

const NEGATIONS: [&str; 20] = [
    "not", "no", "never", "cannot", "cant", "dont", "didnt", "doesnt", "isnt", "wasnt", "wont",
    "aint", "nor", "neither", "without", "nobody", "nothing", "none", "nowhere", "havent",
];

const INTENSIFIERS: [&str; 18] = [
    "very",
    "so",
    "really",
    "extremely",
    "totally",
    "absolutely",
    "completely",
    "utterly",
    "incredibly",
    "super",
    "too",
    "most",
    "such",
    "highly",
    "seriously",
    "truly",
    "beyond",
    "fucking",
];

const SOFTENERS: [&str; 8] = [
    "kinda", "kind", "slightly", "somewhat", "barely", "hardly", "sort", "little",
];

/// What the English rules make of a message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Reading {
    /// The squashed sum, in (−1, 1).
    pub value: f32,
    /// Rated words (and emoticons) seen.
    pub rated: u32,
}

/// Reads an English message; see the module documentation.
pub(crate) fn read(text: &str) -> Reading {
    let ratings = ratings();
    let mixed_case = text.chars().any(char::is_lowercase);
    let (mut before_but, mut sum) = (0.0f32, 0.0f32);
    let (mut rated, mut negate, mut boost) = (0u32, 0u8, 0.0f32);
    for token in text.split_whitespace() {
        if token.starts_with('@') || token.starts_with("http") {
            continue;
        }
        // Emoticons are rated as written (":)", ":-(", "<3").
        if let Some(r) = ratings
            .get(token)
            .filter(|_| !token.contains(char::is_alphabetic))
        {
            sum += r;
            rated += 1;
            continue;
        }
        let bare = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let word = super::lower(bare);
        let word = word.trim_start_matches('#');
        let plain: String;
        let word = if word.contains('\'') {
            plain = word.replace(['\'', '’'], "");
            plain.as_str()
        } else {
            word
        };
        if word.is_empty() {
            continue;
        }
        if word == "but" {
            before_but += sum;
            sum = 0.0;
            negate = 0;
            continue;
        }
        if NEGATIONS.contains(&word) || is_nt(word) {
            // Some negations complain by themselves ("never", "nobody", "can't").
            if let Some((_, w)) = WORDS.iter().find(|(x, _)| x.replace('\'', "") == word) {
                sum += *w as f32 * SUPPORT_SCALE;
                rated += 1;
            }
            negate = 3;
            continue;
        }
        if INTENSIFIERS.contains(&word) {
            boost = 0.3;
            continue;
        }
        if SOFTENERS.contains(&word) {
            boost = -0.3;
            continue;
        }
        if let Some(&r) = ratings.get(word) {
            let mut r = r + boost * r.signum();
            if mixed_case && bare.len() > 1 && bare.chars().all(|c| !c.is_lowercase()) {
                r *= 1.25;
            }
            if negate > 0 {
                r *= -0.7;
            }
            sum += r;
            rated += 1;
            boost = 0.0;
        }
        negate = negate.saturating_sub(1);
    }
    let mut total = 0.5 * before_but + if before_but != 0.0 { 1.5 } else { 1.0 } * sum;
    let exclaims = text.matches('!').count().min(4) as f32;
    if total != 0.0 {
        total += total.signum() * 0.3 * exclaims;
    }
    Reading {
        value: total / (total * total + 15.0).sqrt(),
        rated,
    }
}

/// Contractions ending in "n't" written without the apostrophe ("dont", "couldnt").
fn is_nt(word: &str) -> bool {
    matches!(
        word,
        "couldnt"
            | "shouldnt"
            | "wouldnt"
            | "arent"
            | "werent"
            | "hasnt"
            | "hadnt"
            | "mustnt"
            | "neednt"
            | "mightnt"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_lexicon_is_loaded() {
        assert_eq!(lexicon_size(), 7_520);
        assert!(ratings().len() >= 7_520);
    }

    #[test]
    fn rules_change_the_reading_as_documented() {
        let good = read("good").value;
        assert!(good > 0.0);
        assert!(read("not good").value < 0.0);
        assert!(read("not good").value.abs() < good);
        assert!(read("very good").value > good);
        assert!(read("good!").value > good);
        assert!(read("the food was GOOD").value > read("the food was good").value);
        assert!(read("good but slow and bad").value < 0.0);
        assert!(read("bad but good").value > 0.0);
        assert_eq!(read("my order id is 12345").rated, 0);
        assert!(read(":(").value < 0.0);
    }
}
