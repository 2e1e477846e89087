//! The Hebrew sentiment model: a linear model over character n-grams, compiled in from
//! `hebrew.tsv` (fitted by `benches/text/fit_hebrew.py`, which documents the features; this
//! module computes them exactly as the script does).
//!
//! Each line of the file is an n-gram, its idf, and its weights (in hundredths) for negative and for positive
//! relative to neutral; the first line (`#bias`) holds the two intercepts. An n-gram is looked
//! up by a 64-bit hash of its characters, computed incrementally while the text is cut, so
//! scoring allocates one small buffer per message and never builds a string.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The model's file: 10,000 n-grams.
const MODEL: &str = include_str!("hebrew.tsv");

/// The longest n-gram, in characters.
const MAX_N: usize = 5;

/// One n-gram's idf and weights (negative, positive; neutral is 0).
#[derive(Debug, Clone, Copy)]
struct Gram {
    idf: f32,
    negative: f32,
    positive: f32,
}

/// Keys are already hashes: the map's hasher passes them through.
#[derive(Debug, Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = step(self.0, u32::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Grams = HashMap<u64, Gram, BuildHasherDefault<PassThrough>>;

#[derive(Debug)]
struct Model {
    bias: [f32; 2],
    grams: Grams,
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// One character into an n-gram's hash.
fn step(h: u64, c: u32) -> u64 {
    (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

fn hash(gram: &str) -> u64 {
    gram.chars().fold(SEED, |h, c| step(h, u32::from(c)))
}

fn model() -> &'static Model {
    static MODEL_CELL: OnceLock<Model> = OnceLock::new();
    MODEL_CELL.get_or_init(|| {
        let mut bias = [0.0; 2];
        let mut grams = Grams::default();
        for line in MODEL.lines() {
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
                grams.insert(
                    hash(gram),
                    Gram {
                        idf,
                        negative,
                        positive,
                    },
                );
            }
        }
        Model { bias, grams }
    })
}

/// The number of n-grams the compiled model knows (a test holds it to the file).
#[cfg(test)]
pub(crate) fn model_size() -> usize {
    model().grams.len()
}

/// The model's log-odds of negative and of positive against neutral for `text`.
pub(crate) fn logits(text: &str) -> [f32; 2] {
    let model = model();
    let mut hits: Vec<u64> = Vec::with_capacity(64);
    let mut padded: Vec<u32> = Vec::with_capacity(32);
    for word in text.split_whitespace() {
        padded.clear();
        padded.push(u32::from(' '));
        padded.extend(super::lower(word).chars().map(u32::from));
        padded.push(u32::from(' '));
        cut(&padded, &model.grams, &mut hits);
    }
    hits.sort_unstable();
    let (mut neg, mut pos, mut norm) = (0.0f32, 0.0f32, 0.0f32);
    for run in hits.chunk_by(|a, b| a == b) {
        let Some(g) = run.first().and_then(|h| model.grams.get(h)) else {
            continue;
        };
        let x = (1.0 + (run.len() as f32).ln()) * g.idf;
        neg += x * g.negative;
        pos += x * g.positive;
        norm += x * x;
    }
    let norm = if norm > 0.0 { norm.sqrt() } else { 1.0 };
    [model.bias[0] + neg / norm, model.bias[1] + pos / norm]
}

/// The n-grams of one padded word that the model knows, as the fitting script cuts them: every
/// run of 1 to 5 characters, and the whole word once more for each length it falls short of
/// (up to the first).
fn cut(word: &[u32], grams: &Grams, hits: &mut Vec<u64>) {
    let mut keep = |h: u64| {
        if grams.contains_key(&h) {
            hits.push(h);
        }
    };
    for (i, _) in word.iter().enumerate() {
        let mut h = SEED;
        for c in word.iter().skip(i).take(MAX_N) {
            h = step(h, *c);
            keep(h);
        }
    }
    if word.len() < MAX_N {
        keep(word.iter().fold(SEED, |h, c| step(h, *c)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_file_is_in_the_model() {
        let lines = MODEL.lines().filter(|l| !l.starts_with("#bias")).count();
        assert_eq!(model_size(), lines);
        assert_eq!(lines, 10_000);
    }

    #[test]
    fn cutting_matches_the_fitting_script() {
        // " אב " (4 characters): 4 + 3 + 2 + 1 n-grams, and the whole word again for n = 5.
        let word: Vec<u32> = " אב ".chars().map(u32::from).collect();
        let mut all = Grams::default();
        let mut expected = Vec::new();
        for g in [
            " ", "א", "ב", " ", " א", "אב", "ב ", " אב", "אב ", " אב ", " אב ",
        ] {
            let gram = Gram {
                idf: 1.0,
                negative: 0.0,
                positive: 0.0,
            };
            all.insert(hash(g), gram);
            expected.push(hash(g));
        }
        let mut got = Vec::new();
        cut(&word, &all, &mut got);
        got.sort_unstable();
        expected.sort_unstable();
        assert_eq!(got, expected);
    }
}
