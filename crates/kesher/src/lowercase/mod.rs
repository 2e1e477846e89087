//! Text in lowercase, for matching words: the same letters as `str::to_lowercase` gives, from
//! a table of 185 runs (`table.rs`) instead of `core`'s table of 1,487 pairs.
//! `table.rs` also holds the 165 ranges of cased letters, for the final sigma.
//!
//! Every character maps as `char::to_lowercase` maps it (a test checks all 1,114,112 against
//! the standard library, and that the table is current; `KESHER_WRITE_TABLES=1` rewrites it).
//! A capital sigma is final (`ς`) by Unicode's Final_Sigma condition, with the cased and
//! case-ignorable characters of words (Latin, Greek, Cyrillic and the other cased scripts;
//! apostrophes, `.`, `:`, modifier letters, combining diacritics) rather than the standard
//! library's full property tables. The table keeps about 7 KB (gzipped) of case data out of the
//! WebAssembly package.

mod table;

use table::{CASED, RUNS};

/// `text` in lowercase; see the module documentation.
pub(crate) fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            'Σ' => out.push(if final_sigma(text, i) { 'ς' } else { 'σ' }),
            '\u{130}' => out.push_str("i\u{307}"),
            c => out.push(lower(c)),
        }
    }
    out
}

/// One character's lowercase letter (`İ`, whose lowercase is two characters, excepted).
fn lower(c: char) -> char {
    let u = u32::from(c);
    // The last run starting at or before `c`.
    let k = RUNS.partition_point(|&(head, _)| head & START <= u);
    let Some(&(head, delta)) = k.checked_sub(1).and_then(|k| RUNS.get(k)) else {
        return c;
    };
    let (start, count, stride) = (head & START, (head >> 21) & 0x3ff, (head >> 31) + 1);
    let offset = u - start;
    if offset % stride != 0 || offset / stride > count {
        return c;
    }
    u.checked_add_signed(delta)
        .and_then(char::from_u32)
        .unwrap_or(c)
}

/// The bits of a run's head that hold its first character.
const START: u32 = (1 << 21) - 1;

/// Whether the capital sigma at byte `i` ends a word, by Unicode's Final_Sigma condition: a
/// cased letter before it and none after it, skipping case-ignorable characters.
fn final_sigma(text: &str, i: usize) -> bool {
    let before = text
        .get(..i)
        .and_then(|t| t.chars().rev().find(|c| !case_ignorable(*c)));
    let after = text
        .get(i + 'Σ'.len_utf8()..)
        .and_then(|t| t.chars().find(|c| !case_ignorable(*c)));
    before.is_some_and(cased) && !after.is_some_and(cased)
}

/// Unicode's Cased: a lowercase, uppercase or titlecase letter (`CASED` holds the first two,
/// titlecase letters all lowercase to another).
fn cased(c: char) -> bool {
    let u = u32::from(c);
    let k = CASED.partition_point(|&(first, _)| first <= u);
    k.checked_sub(1)
        .and_then(|k| CASED.get(k))
        .is_some_and(|&(_, last)| u <= last)
        || lower(c) != c
}

/// Unicode's Case_Ignorable for the characters met in words: apostrophes, the word-inner
/// punctuation (`.`, `:`, `·`), modifier letters and symbols, combining diacritics.
fn case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.'
            | ':'
            | '^'
            | '`'
            | '\u{a8}'
            | '\u{ad}'
            | '\u{af}'
            | '\u{b4}'
            | '\u{b7}'
            | '\u{b8}'
            | '\u{387}'
            | '\u{5f4}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{2024}'
            | '\u{2027}'
            | '\u{fe13}'
            | '\u{fe52}'
            | '\u{fe55}'
            | '\u{ff07}'
            | '\u{ff0e}'
            | '\u{ff1a}'
    ) || ('\u{2b0}'..='\u{36f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::{cased, lower, lowercase, CASED, RUNS};
    use proptest::prelude::*;

    /// The runs of single-character lowercase mappings in the standard library: each is
    /// (first | (count - 1) << 21 | (stride - 1) << 31, delta).
    fn runs_from_std() -> Vec<(u32, i32)> {
        let pairs: Vec<(u32, u32)> = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter_map(|c| {
                let mut l = c.to_lowercase();
                match (l.next(), l.next()) {
                    (Some(x), None) if x != c => Some((u32::from(c), u32::from(x))),
                    _ => None,
                }
            })
            .collect();
        let mut runs = Vec::new();
        let mut i = 0;
        while let Some(&(c, l)) = pairs.get(i) {
            let delta = i64::from(l) - i64::from(c);
            let mut best = (1, 1);
            for stride in [1u32, 2] {
                let mut n = 1;
                while pairs.get(i + n).is_some_and(|&(c2, l2)| {
                    c2 == c + stride * n as u32 && i64::from(l2) - i64::from(c2) == delta
                }) {
                    n += 1;
                }
                if n > best.0 {
                    best = (n, stride);
                }
            }
            let (n, stride) = best;
            runs.push((
                c | ((n as u32 - 1) << 21) | ((stride - 1) << 31),
                delta as i32,
            ));
            i += n;
        }
        runs
    }

    /// The ranges of characters the standard library calls lowercase or uppercase.
    fn cased_from_std() -> Vec<(u32, u32)> {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            if c.is_lowercase() || c.is_uppercase() {
                let u = u32::from(c);
                match ranges.last_mut() {
                    Some(last) if last.1 + 1 == u => last.1 = u,
                    _ => ranges.push((u, u)),
                }
            }
        }
        ranges
    }

    #[test]
    fn the_table_is_current() {
        let runs = runs_from_std();
        let cased_ranges = cased_from_std();
        if std::env::var_os("KESHER_WRITE_TABLES").is_some() {
            let mut text = String::from(
                "//! Generated by `KESHER_WRITE_TABLES=1 cargo test -p kesher --lib lowercase`: the runs of\n\
                 //! `char::to_lowercase` in this Rust's standard library. Do not edit.\n\n\
                 /// (first | (count - 1) << 21 | (stride - 1) << 31, first's lowercase - first).\n",
            );
            text.push_str(&format!(
                "pub(super) static RUNS: [(u32, i32); {}] = [\n",
                runs.len()
            ));
            for (head, delta) in &runs {
                text.push_str(&format!("    ({head:#010x}, {delta}),\n"));
            }
            text.push_str(
                "];\n\n/// First and last of each range of lowercase or uppercase letters.\n",
            );
            text.push_str(&format!(
                "pub(super) static CASED: [(u32, u32); {}] = [\n",
                cased_ranges.len()
            ));
            for (first, last) in &cased_ranges {
                text.push_str(&format!("    ({first:#07x}, {last:#07x}),\n"));
            }
            text.push_str("];\n");
            std::fs::write(
                concat!(env!("CARGO_MANIFEST_DIR"), "/src/lowercase/table.rs"),
                text,
            )
            .unwrap();
        }
        assert_eq!(RUNS.to_vec(), runs, "rewrite with KESHER_WRITE_TABLES=1");
        assert_eq!(
            CASED.to_vec(),
            cased_ranges,
            "rewrite with KESHER_WRITE_TABLES=1"
        );
    }

    #[test]
    fn every_character_maps_as_the_standard_library_maps_it() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let std: String = c.to_lowercase().collect();
            if c == 'Σ' {
                continue;
            }
            assert_eq!(
                lowercase(c.encode_utf8(&mut [0; 4])),
                std,
                "U+{:04X}",
                u32::from(c)
            );
            if std.chars().count() == 1 {
                assert_eq!(Some(lower(c)), std.chars().next());
            }
            let titlecase = !c.is_lowercase() && !c.is_uppercase() && std != c.to_string();
            assert_eq!(
                cased(c),
                c.is_lowercase() || c.is_uppercase() || titlecase,
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn final_sigma() {
        for text in [
            "ΟΔΟΣ",
            "ΟΔΟΣ ΚΑΙ",
            "ΣΑΣ",
            "Σ",
            "ΑΣ.",
            "ΟΔΟΣ'",
            "'Σ'",
            "ΑΣΑ",
            "ΑΣ1",
            "ΣΑ ΣΑ",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    proptest! {
        #[test]
        fn text_lowercases_as_the_standard_library_does(text in "\\PC{0,40}") {
            prop_assume!(!text.contains('Σ'));
            prop_assert_eq!(lowercase(&text), text.to_lowercase());
        }

        #[test]
        fn support_text_lowercases_as_the_standard_library_does(
            text in "[A-Za-zÀ-ÿĀ-žА-яЁёΑ-ΩάέήίΌΎΏα-ω א-ת0-9 '’.:·,!?\u{301}ΣΣΣ]{0,60}"
        ) {
            prop_assert_eq!(lowercase(&text), text.to_lowercase());
        }
    }
}
