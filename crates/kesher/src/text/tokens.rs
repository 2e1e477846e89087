//! The one way kesher cuts customer text into words, for every reader of text: the English
//! scorer, the Hebrew support words, the turn classifier and the recurring problems.
//!
//! A message is first cut at white space into chunks: an `@handle`, a link (starting `http`
//! in any case, or `www.`), or plain text. A plain chunk holds words: runs of letters and
//! digits, where an apostrophe (`'`, `’`), a hyphen or a Hebrew geresh or gershayim (`׳`, `״`)
//! between two of them stays inside the word (`don't`, `check-in`, `צה״ל`); everything else
//! (punctuation, `#`, emoji) ends a word. Words keep their letter case; each reader lowers it as it needs.
//! (The Hebrew n-gram model cuts characters, not words, exactly as it was fitted: not here.)
//!
//! It replaced four ways of cutting (2026-12-05): splitting at punctuation now finds words the
//! old white-space cut missed ("lost.I'm", "fine)here"); measured in `benches/README.md`.

/// A piece of a message between white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chunk<'a> {
    /// `@someone`.
    Handle(&'a str),
    /// A link.
    Link(&'a str),
    /// Anything else: words, numbers, punctuation, emoticons.
    Plain(&'a str),
}

impl<'a> Chunk<'a> {
    /// The chunk as written.
    pub(crate) fn raw(self) -> &'a str {
        match self {
            Chunk::Handle(s) | Chunk::Link(s) | Chunk::Plain(s) => s,
        }
    }
}

/// The chunks of `text`, in order.
pub(crate) fn chunks(text: &str) -> impl Iterator<Item = Chunk<'_>> {
    text.split_whitespace().map(|raw| {
        if raw.starts_with('@') {
            Chunk::Handle(raw)
        } else if is_link(raw) {
            Chunk::Link(raw)
        } else {
            Chunk::Plain(raw)
        }
    })
}

/// A chunk that starts `http` (any case) or `www.`.
fn is_link(raw: &str) -> bool {
    raw.get(..4)
        .is_some_and(|start| start.eq_ignore_ascii_case("http") || start == "www.")
}

/// The words of the plain chunks of `text`, in order.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    chunks(text).flat_map(|chunk| match chunk {
        Chunk::Plain(raw) => Words(raw),
        Chunk::Handle(_) | Chunk::Link(_) => Words(""),
    })
}

/// The words of one plain chunk (or of any text, handles and links not set apart).
pub(crate) fn words_of(text: &str) -> Words<'_> {
    Words(text)
}

/// The words of a text, one after another.
#[derive(Debug, Clone)]
pub(crate) struct Words<'a>(&'a str);

/// `char::is_alphanumeric`, answered without Unicode tables for ASCII and Hebrew letters (the
/// common case of every word).
fn letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{5d0}'..='\u{5ea}').contains(&c)
        || (!c.is_ascii() && c.is_alphanumeric())
}

fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '׳' | '״')
}

/// The character at byte `i` of `s`, if `i` is inside `s` at a character's start.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// Whether a Hebrew letter (א–ת, two bytes in UTF-8) starts at byte `i` of `b`.
fn hebrew_letter_at(b: &[u8], i: usize) -> bool {
    b.get(i) == Some(&0xD7) && b.get(i + 1).is_some_and(|x| (0x90..=0xAA).contains(x))
}

/// Whether a letter or digit starts at byte `i` of `s`.
fn word_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(s, i).is_some_and(letter_or_digit),
        None => false,
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    // Bytes, not chars: ASCII (most of every message) is answered from the byte alone, a run
    // of it at a time.
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let s = self.0;
        let b = s.as_bytes();
        let mut i = 0;
        // The first letter or digit.
        loop {
            while b
                .get(i)
                .is_some_and(|x| x.is_ascii() && !x.is_ascii_alphanumeric())
            {
                i += 1;
            }
            match b.get(i) {
                None => {
                    self.0 = "";
                    return None;
                }
                Some(x) if x.is_ascii() => break,
                Some(_) if hebrew_letter_at(b, i) => break,
                Some(_) => match char_at(s, i) {
                    Some(c) if letter_or_digit(c) => break,
                    Some(c) => i += c.len_utf8(),
                    None => i += 1,
                },
            }
        }
        let start = i;
        // Up to the first character that is neither, nor a joiner before one.
        loop {
            while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            match b.get(i) {
                Some(b'\'' | b'-') if word_at(s, i + 1) => i += 1,
                Some(x) if x.is_ascii() => break,
                None => break,
                Some(_) if hebrew_letter_at(b, i) => i += 2,
                Some(_) => match char_at(s, i) {
                    Some(c) if letter_or_digit(c) || (joins(c) && word_at(s, i + c.len_utf8())) => {
                        i += c.len_utf8();
                    }
                    _ => break,
                },
            }
        }
        self.0 = s.get(i..).unwrap_or_default();
        s.get(start..i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn words_are_pieces_of_the_text_bounded_by_letters_or_digits(text in "(\\PC|[ '’\\-@#:/.,!?א-ת״׳])*") {
            let mut from = 0;
            for word in words_of(&text) {
                // In order, each a slice of the text after the last.
                let at = text[from..].find(word).map(|i| from + i);
                prop_assert!(at.is_some(), "{word:?} not in {text:?} after {from}");
                from = at.unwrap_or_default() + word.len();
                prop_assert!(!word.is_empty());
                prop_assert!(word.chars().next().is_some_and(char::is_alphanumeric));
                prop_assert!(word.chars().last().is_some_and(char::is_alphanumeric));
                prop_assert!(word.chars().all(|c| c.is_alphanumeric() || joins(c)));
            }
            // Every letter or digit of the text is in a word.
            let letters: usize = text.chars().filter(|c| c.is_alphanumeric()).count();
            let kept: usize = words_of(&text).map(|w| w.chars().filter(|c| c.is_alphanumeric()).count()).sum();
            prop_assert_eq!(letters, kept);
        }
    }

    #[test]
    fn chunks_set_handles_and_links_apart() {
        let got: Vec<Chunk<'_>> =
            chunks("@AppleSupport it's broken https://t.co/x www.a.com #fail :(").collect();
        assert_eq!(
            got,
            [
                Chunk::Handle("@AppleSupport"),
                Chunk::Plain("it's"),
                Chunk::Plain("broken"),
                Chunk::Link("https://t.co/x"),
                Chunk::Link("www.a.com"),
                Chunk::Plain("#fail"),
                Chunk::Plain(":("),
            ]
        );
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens_only() {
        let got: Vec<&str> = words("@x Don't re-install it!!! 'quoted' --now good,bad 24/7 #fail ... צה״ל, ותודה! https://t.co/y").collect();
        assert_eq!(
            got,
            [
                "Don't",
                "re-install",
                "it",
                "quoted",
                "now",
                "good",
                "bad",
                "24",
                "7",
                "fail",
                "צה״ל",
                "ותודה"
            ]
        );
        assert_eq!(words_of(":-( !!!").count(), 0);
        assert_eq!(words_of("<3").collect::<Vec<_>>(), ["3"]);
        assert_eq!(words_of("a'").collect::<Vec<_>>(), ["a"]);
        // Letters of any script; the fast path agrees with the standard library.
        assert_eq!(
            words_of("Ünïcødé—слово,كلمة").collect::<Vec<_>>(),
            ["Ünïcødé", "слово", "كلمة"]
        );
        for c in [
            'a', 'Z', '7', 'א', 'ת', 'é', 'ж', '٣', '!', ' ', '׳', '\u{5eb}', '\u{5cf}',
        ] {
            assert_eq!(letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
