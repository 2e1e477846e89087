//! Durations gathered one at a time in bounded memory, for their [`DurationStats`].
//!
//! Up to [`EXACT_DURATIONS`] durations are kept as they are, and their statistics are exact.
//! Beyond that they are counted in buckets, 128 to each doubling of the duration (a bucket is
//! read as its middle, at most 0.4 % from any duration in it, and never outside the smallest
//! and largest duration seen), so a stream of any length takes at most a few thousand counters;
//! the mean stays exact to the millisecond (a sum of whole milliseconds, whatever the order). A percentile is then within 0.4 % of the exact
//! nearest-rank one. The buckets come from the bits of the `f64` itself (its exponent and top
//! seven bits of mantissa), which orders positive numbers as their values do: no logarithm.

use super::DurationStats;
use serde::{Deserialize, Serialize};

/// How many durations are kept as they are before they are counted in buckets.
pub(crate) const EXACT_DURATIONS: usize = 1024;

/// Mantissa bits that name a bucket: 2⁷ buckets per doubling.
const MANTISSA_BITS: u32 = 7;
const SHIFT: u32 = 52 - MANTISSA_BITS;

/// Counts per bucket index, over the span of indices seen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Buckets {
    first: u64,
    counts: Vec<u64>,
}

impl Buckets {
    fn add(&mut self, index: u64, n: u64) {
        if self.counts.is_empty() {
            self.first = index;
        } else if index < self.first {
            let grow = usize::try_from(self.first - index).unwrap_or(usize::MAX);
            let mut counts = vec![0; grow];
            counts.append(&mut self.counts);
            self.counts = counts;
            self.first = index;
        }
        let at = usize::try_from(index - self.first).unwrap_or(usize::MAX);
        if at >= self.counts.len() {
            self.counts.resize(at + 1, 0);
        }
        if let Some(c) = self.counts.get_mut(at) {
            *c += n;
        }
    }

    fn merge(&mut self, other: &Buckets) {
        for (i, n) in other.counts.iter().enumerate() {
            if *n > 0 {
                self.add(other.first + i as u64, *n);
            }
        }
    }
}

/// The bucket of a positive, finite magnitude.
fn index(magnitude: f64) -> u64 {
    magnitude.to_bits() >> SHIFT
}

/// The middle of a bucket.
fn middle(index: u64) -> f64 {
    let low = f64::from_bits(index << SHIFT);
    let high = f64::from_bits((index + 1) << SHIFT);
    low + (high - low) / 2.0
}

/// Durations below zero, at zero and above it, in buckets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sketch {
    negative: Buckets,
    zero: u64,
    positive: Buckets,
}

impl Sketch {
    fn add(&mut self, seconds: f64) {
        if seconds > 0.0 {
            self.positive.add(index(seconds), 1);
        } else if seconds < 0.0 {
            self.negative.add(index(-seconds), 1);
        } else {
            self.zero += 1;
        }
    }

    /// The duration at `rank` (1-based) in ascending order.
    fn at_rank(&self, rank: u64) -> Option<f64> {
        let mut seen = 0;
        let n = &self.negative;
        for (i, c) in n.counts.iter().enumerate().rev() {
            seen += c;
            if seen >= rank {
                return Some(-middle(n.first + i as u64));
            }
        }
        seen += self.zero;
        if seen >= rank {
            return Some(0.0);
        }
        let p = &self.positive;
        for (i, c) in p.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return Some(middle(p.first + i as u64));
            }
        }
        None
    }
}

/// Durations in seconds, gathered in bounded memory (see the [module](self)). As JSON (a
/// partial of a distributed engine) it is checked when read: the counts must agree.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "DigestWire", into = "DigestWire")]
pub(crate) struct DurationDigest {
    count: usize,
    /// The sum, in milliseconds: the same whatever the order of adding.
    millis: i64,
    low: f64,
    high: f64,
    exact: Vec<f64>,
    sketch: Option<Sketch>,
}

/// A digest as JSON, before its counts are checked.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DigestWire {
    count: usize,
    millis: i64,
    low: f64,
    high: f64,
    exact: Vec<f64>,
    sketch: Option<Sketch>,
}

impl From<DurationDigest> for DigestWire {
    fn from(d: DurationDigest) -> DigestWire {
        DigestWire {
            count: d.count,
            millis: d.millis,
            low: d.low,
            high: d.high,
            exact: d.exact,
            sketch: d.sketch,
        }
    }
}

/// One past the largest bucket index an `f64` can name.
const BUCKET_INDICES: u64 = 1 << (64 - SHIFT);

impl Buckets {
    fn total(&self) -> Option<u64> {
        let end = self.first.checked_add(self.counts.len() as u64)?;
        (end <= BUCKET_INDICES).then_some(())?;
        self.counts.iter().try_fold(0u64, |t, c| t.checked_add(*c))
    }
}

impl TryFrom<DigestWire> for DurationDigest {
    type Error = String;

    fn try_from(w: DigestWire) -> Result<DurationDigest, String> {
        let counted = match &w.sketch {
            None => Some(w.exact.len() as u64),
            Some(s) if w.exact.is_empty() => s
                .negative
                .total()
                .zip(s.positive.total())
                .and_then(|(n, p)| n.checked_add(p)?.checked_add(s.zero)),
            Some(_) => None,
        };
        if counted != Some(w.count as u64) {
            return Err(format!(
                "a digest of {} durations whose counts do not add up to it",
                w.count
            ));
        }
        let finite = w
            .exact
            .iter()
            .chain([&w.low, &w.high])
            .all(|v| v.is_finite());
        if !finite || w.low > w.high {
            return Err("a digest's durations must be finite, low ≤ high".into());
        }
        Ok(DurationDigest {
            count: w.count,
            millis: w.millis,
            low: w.low,
            high: w.high,
            exact: w.exact,
            sketch: w.sketch,
        })
    }
}

impl DurationDigest {
    /// Counts one duration; one that is not finite is left out.
    pub(crate) fn add(&mut self, seconds: f64) {
        if !seconds.is_finite() {
            return;
        }
        if self.count == 0 {
            (self.low, self.high) = (seconds, seconds);
        } else {
            self.low = self.low.min(seconds);
            self.high = self.high.max(seconds);
        }
        self.count += 1;
        self.millis = self.millis.saturating_add((seconds * 1e3).round() as i64);
        match &mut self.sketch {
            Some(s) => s.add(seconds),
            None => {
                self.exact.push(seconds);
                if self.exact.len() > EXACT_DURATIONS {
                    self.count_in_buckets();
                }
            }
        }
    }

    fn count_in_buckets(&mut self) {
        let mut sketch = self.sketch.take().unwrap_or_default();
        for s in std::mem::take(&mut self.exact) {
            sketch.add(s);
        }
        self.sketch = Some(sketch);
    }

    /// Adds the durations another digest counted.
    pub(crate) fn merge(&mut self, other: &DurationDigest) {
        if other.count == 0 {
            return;
        }
        if self.count == 0 {
            (self.low, self.high) = (other.low, other.high);
        } else {
            self.low = self.low.min(other.low);
            self.high = self.high.max(other.high);
        }
        self.count += other.count;
        self.millis = self.millis.saturating_add(other.millis);
        self.exact.extend_from_slice(&other.exact);
        if let Some(theirs) = &other.sketch {
            let mine = self.sketch.get_or_insert_with(Sketch::default);
            mine.negative.merge(&theirs.negative);
            mine.zero += theirs.zero;
            mine.positive.merge(&theirs.positive);
        }
        if self.sketch.is_some() || self.exact.len() > EXACT_DURATIONS {
            self.count_in_buckets();
        }
    }

    /// The statistics: exact up to [`EXACT_DURATIONS`] durations, percentiles within 0.4 %
    /// beyond.
    pub(crate) fn stats(&self) -> DurationStats {
        let Some(sketch) = &self.sketch else {
            return DurationStats::of(&mut self.exact.clone());
        };
        let n = self.count;
        let rank = |q: f64| {
            let r = ((q * n as f64).ceil() as u64).clamp(1, n as u64);
            sketch
                .at_rank(r)
                .map(|v| crate::support::bounds::clamp(v, self.low, self.high))
        };
        DurationStats {
            count: n,
            mean: Some(self.millis as f64 / 1e3 / n as f64),
            median: rank(0.5),
            p90: rank(0.9),
            p95: rank(0.95),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    fn spread(n: u64) -> Vec<f64> {
        // A skewed spread of durations from a tenth of a second to weeks, some negative and zero.
        (0..n)
            .map(|i| {
                let x = (i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 11) as f64 / (1u64 << 53) as f64;
                match i % 50 {
                    0 => 0.0,
                    1 => -3.0 * x,
                    _ => 0.1 * (x * 23.0).exp(),
                }
            })
            .collect()
    }

    #[test]
    fn exact_up_to_the_limit_then_within_the_bound() {
        for n in [1, 10, EXACT_DURATIONS as u64, 5_000, 100_000] {
            let values = spread(n);
            let mut digest = DurationDigest::default();
            for v in &values {
                digest.add(*v);
            }
            let (got, want) = (digest.stats(), DurationStats::of(&mut values.clone()));
            assert_eq!(got.count, want.count);
            for (g, w) in [
                (got.median, want.median),
                (got.p90, want.p90),
                (got.p95, want.p95),
            ] {
                let (g, w) = (g.unwrap(), w.unwrap());
                if n as usize <= EXACT_DURATIONS {
                    assert_eq!(g, w);
                } else {
                    assert!((g - w).abs() <= w.abs() / 256.0 + 1e-12, "{n}: {g} vs {w}");
                }
            }
            let (gm, wm) = (got.mean.unwrap(), want.mean.unwrap());
            assert!((gm - wm).abs() <= 1e-3, "{gm} vs {wm}");
        }
    }

    #[test]
    fn merging_is_adding_in_any_order() {
        let values = spread(3_000);
        let (a, b) = values.split_at(1_100);
        let mut whole = DurationDigest::default();
        values.iter().for_each(|v| whole.add(*v));
        for (first, second) in [(a, b), (b, a)] {
            let (mut x, mut y) = (DurationDigest::default(), DurationDigest::default());
            first.iter().for_each(|v| x.add(*v));
            second.iter().for_each(|v| y.add(*v));
            x.merge(&y);
            assert_eq!(x.stats(), whole.stats());
        }
    }

    #[test]
    fn memory_is_bounded_by_the_span_not_the_count() {
        let mut digest = DurationDigest::default();
        for v in spread(200_000) {
            digest.add(v);
        }
        let s = digest.sketch.as_ref().unwrap();
        // 0.1 s to about 10^9 s is 33 doublings, 128 buckets each.
        assert!(
            s.positive.counts.len() < 34 * 128,
            "{}",
            s.positive.counts.len()
        );
        assert!(digest.exact.is_empty());
    }
}
