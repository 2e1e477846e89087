//! English sentiment from a lexicon: the VADER word list (`english.tsv`: 7,520 words,
//! emoticons and slang, each rated from −4 to +4 by ten people, their mean kept here in tenths; MIT, C.J. Hutto, from the
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
use super::tokens::{self, Chunk};
use super::{model, WordMap};
use std::sync::OnceLock;

/// Support words are weighted in [−1, 1]; this brings them to the lexicon's scale.
const SUPPORT_SCALE: f32 = 3.0;

/// What a word does, found with one lookup.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// A rating on the lexicon's scale, −4 to +4.
    Rated(f32),
    /// A negation, with the complaint it makes by itself ("never", "nobody"), if any.
    Negation(f32),
    /// Strengthens (+) or weakens (−) the next rated word.
    Degree(f32),
    /// "but": what follows matters more.
    Contrast,
}

/// The roles of every word: the lexicon's and the support words, or only the support words
/// while the lexicon is not installed (then asked again next time).
fn roles() -> &'static WordMap<String, Role> {
    static ROLES: OnceLock<WordMap<String, Role>> = OnceLock::new();
    static SUPPORT_ONLY: OnceLock<WordMap<String, Role>> = OnceLock::new();
    match model::english_lexicon() {
        Some(lexicon) => ROLES.get_or_init(|| build_roles(lexicon)),
        None => SUPPORT_ONLY.get_or_init(|| build_roles("")),
    }
}

fn build_roles(lexicon: &str) -> WordMap<String, Role> {
    let mut map = WordMap::default();
    map.reserve(7_700);
    for line in lexicon.lines() {
        if let Some((word, rating)) = line.split_once('\t') {
            // Tenths, as whole numbers.
            if let Ok(r) = rating.parse::<i32>() {
                map.insert(word.to_string(), Role::Rated(r as f32 / 10.0));
            }
        }
    }
    for word in NOT_RATED {
        map.remove(word);
    }
    for (word, weight) in WORDS {
        if weight != 0.0 {
            map.entry(word.replace('\'', ""))
                .or_insert(Role::Rated(weight as f32 * SUPPORT_SCALE));
        }
    }
    for word in NEGATIONS {
        let own = WORDS
            .iter()
            .find(|(w, _)| w.replace('\'', "") == word)
            .map_or(0.0, |(_, v)| *v as f32 * SUPPORT_SCALE);
        map.insert(word.to_string(), Role::Negation(own));
    }
    for word in INTENSIFIERS {
        map.insert(word.to_string(), Role::Degree(0.3));
    }
    for word in SOFTENERS {
        map.insert(word.to_string(), Role::Degree(-0.3));
    }
    map.insert("but".to_string(), Role::Contrast);
    map
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

/// Checks a lexicon a host installs: every line a word, a tab and a rating in tenths.
pub(super) fn check(lexicon: &str) -> crate::error::Result<()> {
    for (i, line) in lexicon.lines().enumerate() {
        let rated = line.split_once('\t').is_some_and(|(word, rating)| {
            !word.is_empty() && rating.parse::<i32>().is_ok_and(|r| (-40..=40).contains(&r))
        });
        if !rated {
            let expected = "a word, a tab and a rating in tenths from -40 to 40";
            return Err(model::bad_line("english_lexicon", i + 1, line, expected));
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn lexicon_size() -> usize {
    model::english_lexicon().map_or(0, |l| l.lines().count())
}

const NEGATIONS: [&str; 30] = [
    "not", "no", "never", "cannot", "cant", "dont", "didnt", "doesnt", "isnt", "wasnt", "wont",
    "aint", "nor", "neither", "without", "nobody", "nothing", "none", "nowhere", "havent",
    "couldnt", "shouldnt", "wouldnt", "arent", "werent", "hasnt", "hadnt", "mustnt", "neednt",
    "mightnt",
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
    let mut state = Sum {
        roles: roles(),
        mixed_case: text.chars().any(char::is_lowercase),
        before_but: 0.0,
        sum: 0.0,
        rated: 0,
        negate: 0,
        boost: 0.0,
    };
    for chunk in tokens::chunks(text) {
        let Chunk::Plain(raw) = chunk else { continue };
        // Emoticons are rated as written (":)", ":-(", "<3").
        if !raw.contains(char::is_alphabetic) {
            if let Some(Role::Rated(r)) = state.roles.get(raw) {
                state.sum += r;
                state.rated += 1;
                continue;
            }
        }
        for word in tokens::words_of(raw) {
            state.add(word);
        }
    }
    state.finish(text)
}

/// The word an ASCII `bare` is looked up as (lowercase, apostrophes dropped), written into
/// `key` in one pass without allocating; `None` for other words (the general path).
#[inline]
fn ascii_key<'k>(bare: &str, key: &'k mut [u8; 32]) -> Option<&'k str> {
    if bare.len() > key.len() || !bare.is_ascii() {
        return None;
    }
    let mut n = 0;
    for &b in bare.as_bytes() {
        if b != b'\'' {
            *key.get_mut(n)? = b.to_ascii_lowercase();
            n += 1;
        }
    }
    std::str::from_utf8(key.get(..n)?).ok()
}

/// The rules' running state over a message's words.
struct Sum {
    roles: &'static WordMap<String, Role>,
    mixed_case: bool,
    before_but: f32,
    sum: f32,
    rated: u32,
    negate: u8,
    boost: f32,
}

impl Sum {
    /// One word as written (apostrophes dropped to look it up: "don't" is "dont").
    fn add(&mut self, bare: &str) {
        let mut key = [0u8; 32];
        let lower;
        let plain: String;
        let word = match ascii_key(bare, &mut key) {
            Some(word) => word,
            None => {
                lower = super::lower(bare);
                if lower.contains(['\'', '’']) {
                    plain = lower.replace(['\'', '’'], "");
                    plain.as_str()
                } else {
                    &lower
                }
            }
        };
        match self.roles.get(word).copied() {
            Some(Role::Contrast) => {
                self.before_but += self.sum;
                self.sum = 0.0;
                self.negate = 0;
                return;
            }
            Some(Role::Negation(own)) => {
                if own != 0.0 {
                    self.sum += own;
                    self.rated += 1;
                }
                self.negate = 3;
                return;
            }
            Some(Role::Degree(d)) => {
                self.boost = d;
                return;
            }
            Some(Role::Rated(r)) => {
                let mut r = r + self.boost * r.signum();
                if self.mixed_case && bare.len() > 1 && bare.chars().all(|c| !c.is_lowercase()) {
                    r *= 1.25;
                }
                if self.negate > 0 {
                    r *= -0.7;
                }
                self.sum += r;
                self.rated += 1;
                self.boost = 0.0;
            }
            None => {}
        }
        self.negate = self.negate.saturating_sub(1);
    }

    fn finish(self, text: &str) -> Reading {
        let before_but = self.before_but;
        let mut total = 0.5 * before_but + if before_but != 0.0 { 1.5 } else { 1.0 } * self.sum;
        let exclaims = text.matches('!').count().min(4) as f32;
        if total != 0.0 {
            total += total.signum() * 0.3 * exclaims;
        }
        Reading {
            value: total / (total * total + 15.0).sqrt(),
            rated: self.rated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_lexicon_is_loaded() {
        assert_eq!(lexicon_size(), 7_520);
        assert!(roles().len() >= 7_400);
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

    #[test]
    fn ascii_words_are_looked_up_as_the_general_path_would() {
        for bare in [
            "Don't",
            "GOOD",
            "re-install",
            "x",
            "Thanks",
            "a'b'c",
            "NOT",
            &"W".repeat(32),
        ] {
            let mut key = [0u8; 32];
            let general = super::super::lower(bare).replace(['\'', '’'], "");
            assert_eq!(ascii_key(bare, &mut key), Some(general.as_str()), "{bare}");
        }
        let mut key = [0u8; 32];
        assert_eq!(ascii_key("Ünï", &mut key), None);
        assert_eq!(ascii_key(&"w".repeat(33), &mut key), None);
    }
}
