//! The Hebrew sentiment model: a linear model over character n-grams, compiled in from
//! `hebrew.tsv` (fitted by `benches/text/fit_hebrew.py`, which documents the features; this
//! module computes them exactly as the script does).
//!
//! Each line of the file is an n-gram, its idf, and its weights (in hundredths) for negative and for positive
//! relative to neutral; the first line (`#bias`) holds the two intercepts. An n-gram is looked
//! up by a 64-bit hash of its characters, computed incrementally while the text is cut, so
//! scoring allocates one small buffer per message and never builds a string.

use super::grams::GramTable;
use super::model::hebrew_model;
use super::support::HebrewSum;
use std::sync::OnceLock;

/// The longest n-gram, in characters.
const MAX_N: usize = 5;

/// One n-gram's idf and weights (negative, positive; neutral is 0).
#[derive(Debug, Clone, Copy)]
struct Gram {
    idf: f32,
    negative: f32,
    positive: f32,
}

#[derive(Debug)]
pub(super) struct Model {
    bias: [f32; 2],
    grams: GramTable,
    table: Vec<Gram>,
    /// Every prefix of every n-gram of the model (the n-grams included), as bits of their
    /// hashes: when the characters from a position so far are not one, no longer n-gram from
    /// that position is in the model, and cutting stops there. A false "maybe" only costs a
    /// lookup; a "no" is always right.
    prefixes: Prefixes,
    /// The term frequency weight of each count: 1 + ln(count) (sublinear tf, as fitted).
    tf: Vec<f32>,
}

fn tf_table() -> Vec<f32> {
    (0..=u8::MAX)
        .map(|c| match c {
            0 | 1 => f32::from(c),
            _ => 1.0 + f32::from(c).ln(),
        })
        .collect()
}

/// A set of hashes that may answer "maybe" for one it does not hold, never "no" for one it
/// holds: 2^17 bits (16 KB, in a core's first-level cache), one per hash.
#[derive(Debug)]
struct Prefixes(Vec<u64>);

const PREFIX_BITS: u32 = 17;

impl Prefixes {
    fn bit(h: u64) -> (usize, u64) {
        let b = (h >> 20) & ((1 << PREFIX_BITS) - 1);
        ((b >> 6) as usize, 1 << (b & 63))
    }

    fn insert(&mut self, h: u64) {
        let (word, mask) = Self::bit(h);
        if let Some(w) = self.0.get_mut(word) {
            *w |= mask;
        }
    }

    #[inline]
    fn may_hold(&self, h: u64) -> bool {
        let (word, mask) = Self::bit(h);
        self.0.get(word).is_some_and(|w| w & mask != 0)
    }
}

const SPACE: u32 = ' ' as u32;

/// A letter of the Hebrew alphabet (final forms included): never upper case, never space.
fn is_hebrew_letter(c: char) -> bool {
    ('\u{5d0}'..='\u{5ea}').contains(&c)
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// One character into an n-gram's hash.
fn step(h: u64, c: u32) -> u64 {
    (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

fn hash(gram: &str) -> u64 {
    gram.chars().fold(SEED, |h, c| step(h, u32::from(c)))
}

/// The model built from its file: on first use, or kept by [`keep`] when a host installs it.
static MODEL_CELL: OnceLock<Option<Model>> = OnceLock::new();

/// The model, once its file is there (compiled in or installed; asked again until then).
fn model() -> Option<&'static Model> {
    let text = hebrew_model()?;
    MODEL_CELL.get_or_init(|| build(text)).as_ref()
}

/// Keeps the model [`check`] built from the file just installed, so it is not built twice.
pub(super) fn keep(model: Model) {
    // Already set only if scoring built it from the same file first: the same model.
    let _ = MODEL_CELL.set(Some(model));
}

/// The model of a file [`super::model`] checked line by line.
fn build(text: &str) -> Option<Model> {
    let mut bias = [0.0; 2];
    let mut hashes = Vec::new();
    let mut prefixes = Prefixes(vec![0; 1 << (PREFIX_BITS - 6)]);
    let mut table = Vec::new();
    for line in text.lines() {
        let mut fields = line.split('\t');
        let (Some(gram), Some(idf), Some(neg), Some(pos)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        // Hundredths, as whole numbers.
        let (Ok(idf), Ok(negative), Ok(positive)) =
            (idf.parse::<i32>(), neg.parse::<i32>(), pos.parse::<i32>())
        else {
            continue;
        };
        let [idf, negative, positive] = [idf, negative, positive].map(|x| x as f32 / 100.0);
        if gram == "#bias" {
            bias = [negative, positive];
        } else {
            gram.chars().fold(SEED, |h, c| {
                let h = step(h, u32::from(c));
                prefixes.insert(h);
                h
            });
            hashes.push(hash(gram));
            table.push(Gram {
                idf,
                negative,
                positive,
            });
        }
    }
    // A test holds the shipped file to the table (every line in the model).
    let grams = GramTable::new(&hashes).or_else(|| {
        table.clear();
        GramTable::new(&[])
    });
    // The places of absent n-grams, weighed 0.
    let nothing = Gram {
        idf: 0.0,
        negative: 0.0,
        positive: 0.0,
    };
    table.extend([nothing; super::grams::ABSENT_PLACES]);
    grams.map(|grams| Model {
        bias,
        grams,
        table,
        prefixes,
        tf: tf_table(),
    })
}

/// Checks a model a host installs: every line an n-gram (the first `#bias`) and three whole
/// numbers, tab-separated, and the n-grams fit one table (none twice).
pub(super) fn check(text: &str) -> crate::error::Result<Model> {
    for (i, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let read = match fields.as_slice() {
            [gram, numbers @ ..] if numbers.len() == 3 && !gram.is_empty() => {
                (i == 0) == (*gram == "#bias") && numbers.iter().all(|n| n.parse::<i32>().is_ok())
            }
            _ => false,
        };
        if !read {
            let expected =
                "an n-gram (the first line `#bias`) and three whole numbers, tab-separated";
            return Err(super::model::bad_line(
                "hebrew_model",
                i + 1,
                line,
                expected,
            ));
        }
    }
    let grams = text.lines().count().saturating_sub(1);
    match build(text) {
        Some(model) if model.table.len() == grams + super::grams::ABSENT_PLACES => Ok(model),
        _ => Err(crate::error::Error::invalid_input(
            "hebrew_model",
            format!("{grams} n-grams"),
            "the n-grams do not fit one table: one appears twice, or there are more than 40,000",
        )),
    }
}

/// The number of n-grams the compiled model knows (a test holds it to the file).
#[cfg(test)]
pub(crate) fn model_size() -> usize {
    model().map_or(0, |m| usize::from(m.grams.absent()))
}

/// The model's log-odds of negative and of positive against neutral for `text`: each word
/// (split at white space, in lower case) padded with a space at each end and cut. Beside
/// them, the sum of the text's support words ([`HebrewSum`]), read in the same pass.
pub(crate) fn logits(text: &str) -> ([f32; 2], f64) {
    let Some(model) = model() else {
        return ([0.0; 2], 0.0);
    };
    let mut hits: Vec<u16> = Vec::with_capacity(4 * text.len() + 8);
    let mut padded: Vec<u32> = Vec::with_capacity(32);
    let mut support = HebrewSum::default();
    let mut start = 0;
    padded.push(SPACE);
    for (at, c) in text.char_indices() {
        if is_hebrew_letter(c) {
            padded.push(u32::from(c));
        } else if c.is_whitespace() {
            if padded.len() > 1 {
                padded.push(SPACE);
                cut(&padded, model, &mut hits);
                padded.truncate(1);
                support.add(&text[start..at]);
            }
            start = at + c.len_utf8();
        } else if c.is_ascii() {
            padded.push(u32::from(c.to_ascii_lowercase()));
        } else if c.is_uppercase() {
            let mut one = [0u8; 4];
            padded.extend(super::lower(c.encode_utf8(&mut one)).chars().map(u32::from));
        } else {
            padded.push(u32::from(c));
        }
    }
    if padded.len() > 1 {
        padded.push(SPACE);
        cut(&padded, model, &mut hits);
        support.add(&text[start..]);
    }
    // Count each n-gram's occurrences in place: one counter per n-gram of the model (and
    // one for the absent, weighed 0), and the n-grams seen, in order of first sight. The
    // counters are the thread's, set back to zero after use (zeroing 10 KB per message cost
    // more than the message).
    COUNTS.with(|cell| {
        let mut counts = cell.borrow_mut();
        if counts.len() != model.table.len() {
            *counts = vec![0u8; model.table.len()];
        }
        let (neg, pos) = weigh(model, &hits, &mut counts);
        ([neg + model.bias[0], pos + model.bias[1]], support.sum)
    })
}

thread_local! {
    static COUNTS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The model's two scores (before the intercepts) of the n-grams hit, tf-idf weighed and
/// normalized; `counts` is all zeros before and after.
fn weigh(model: &Model, hits: &[u16], counts: &mut [u8]) -> (f32, f32) {
    let mut seen = vec![0u16; hits.len()];
    let mut distinct = 0;
    for &i in hits {
        let Some(c) = counts.get_mut(usize::from(i)) else {
            continue;
        };
        // Without a branch on the text: the slot after the last is overwritten until a new
        // n-gram keeps it.
        if let Some(slot) = seen.get_mut(distinct) {
            *slot = i;
        }
        distinct += usize::from(*c == 0);
        *c = c.saturating_add(1);
    }
    seen.truncate(distinct);
    let (mut neg, mut pos, mut norm) = (0.0f32, 0.0f32, 0.0f32);
    for &i in &seen {
        let (Some(&g), Some(&count)) =
            (model.table.get(usize::from(i)), counts.get(usize::from(i)))
        else {
            continue;
        };
        let tf = model.tf.get(usize::from(count)).copied().unwrap_or(1.0);
        let x = tf * g.idf;
        neg += x * g.negative;
        pos += x * g.positive;
        norm += x * x;
    }
    for &i in &seen {
        if let Some(c) = counts.get_mut(usize::from(i)) {
            *c = 0;
        }
    }
    let norm = if norm > 0.0 { norm.sqrt() } else { 1.0 };
    (neg / norm, pos / norm)
}

/// The n-grams of one padded word that the model knows, as the fitting script cuts them: every
/// run of 1 to 5 characters, and the whole word once more for each length it falls short of
/// (up to the first).
fn cut(word: &[u32], model: &Model, hits: &mut Vec<u16>) {
    for i in 0..word.len() {
        let run = word.get(i..word.len().min(i + MAX_N)).unwrap_or_default();
        let mut acc = SEED;
        for c in run {
            acc = step(acc, *c);
            if !model.prefixes.may_hold(acc) {
                break;
            }
            hits.push(model.grams.get(acc));
        }
    }
    if word.len() < MAX_N {
        let whole = word.iter().fold(SEED, |h, c| step(h, *c));
        if model.prefixes.may_hold(whole) {
            hits.push(model.grams.get(whole));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_file_is_in_the_model() {
        let lines = hebrew_model()
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.starts_with("#bias"))
            .count();
        assert_eq!(model_size(), lines);
        assert_eq!(lines, 10_000);
    }

    #[test]
    fn cutting_matches_the_fitting_script() {
        // " אב " (4 characters): 4 + 3 + 2 + 1 n-grams, and the whole word again for n = 5.
        let word: Vec<u32> = " אב ".chars().map(u32::from).collect();
        let mut all: Vec<u64> = Vec::new();
        let mut expected: Vec<u16> = Vec::new();
        for g in [
            " ", "א", "ב", " ", " א", "אב", "ב ", " אב", "אב ", " אב ", " אב ",
        ] {
            let i = all.iter().position(|h| *h == hash(g)).unwrap_or_else(|| {
                all.push(hash(g));
                all.len() - 1
            });
            expected.push(u16::try_from(i).expect("a few n-grams"));
        }
        let mut got = Vec::new();
        let gram = Gram {
            idf: 1.0,
            negative: 0.0,
            positive: 0.0,
        };
        let table = vec![gram; all.len()];
        let mut prefixes = Prefixes(vec![0; 1 << (PREFIX_BITS - 6)]);
        all.iter().for_each(|h| prefixes.insert(*h));
        let model = Model {
            bias: [0.0; 2],
            grams: GramTable::new(&all).expect("a few n-grams"),
            table,
            prefixes,
            tf: tf_table(),
        };
        cut(&word, &model, &mut got);
        got.retain(|i| *i < model.grams.absent());
        got.sort_unstable();
        expected.sort_unstable();
        assert_eq!(got, expected);
    }

    #[test]
    fn stopping_at_a_missing_prefix_finds_every_ngram_of_the_model() {
        let model = model().expect("the model");
        let everything = Model {
            bias: model.bias,
            grams: model.grams.clone(),
            table: model.table.clone(),
            prefixes: Prefixes(vec![u64::MAX; 1 << (PREFIX_BITS - 6)]),
            tf: tf_table(),
        };
        for text in [
            " המשלוח עדיין לא הגיע ",
            " תודה רבה, שירות מעולה! ",
            " אני מאוד מאוכזב מהשירות שלכם ",
            " ok ",
            " א ",
        ] {
            let word: Vec<u32> = text.chars().map(u32::from).collect();
            let (mut fast, mut full) = (Vec::new(), Vec::new());
            cut(&word, model, &mut fast);
            cut(&word, &everything, &mut full);
            full.retain(|i| *i < model.grams.absent());
            fast.retain(|i| *i < model.grams.absent());
            assert_eq!(fast, full, "{text}");
            assert!(!full.is_empty(), "{text}");
        }
    }
}
