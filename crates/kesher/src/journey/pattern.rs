//! The typical pattern of many journeys, per segment and stage, and the stages prone to trouble.

use super::model::{Journey, Stages};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bins of the value sketch over [−1, 1]: a resolution of 0.001.
const BINS: usize = 2001;

fn bin(value: f64) -> usize {
    let b = ((crate::support::bounds::clamp(value, -1.0, 1.0) + 1.0) * 1000.0).round();
    (b as usize).min(BINS - 1)
}

fn nano(v: f64) -> i128 {
    (v * 1e9).round() as i128
}

fn from_nano(sum: i128, n: u64) -> f64 {
    sum as f64 / 1e9 / n as f64
}

fn value_of(bin: usize) -> f64 {
    (bin as f64 - 1000.0) / 1000.0
}

/// Per segment and stage: a histogram of journey values (mergeable, fixed size), plus what the
/// trouble ranking needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CellWire", into = "CellWire")]
struct Cell {
    counts: Vec<u32>,
    n: u64,
    /// Sum of values in billionths: integer sums are exact, so the mean does not depend on the
    /// order journeys arrive in or on how the work was split.
    sum: i128,
    /// Journeys whose value here is lower than at their previous stage with a value.
    drops: u64,
    /// The sum of those drops, in billionths.
    drop_depth: i128,
    /// Journeys whose value here is below the threshold.
    below: u64,
}

/// A cell as JSON: the histogram sparse (`[bin, count]` pairs), the exact sums as decimal
/// strings (JSON numbers lose integers beyond 2^53).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CellWire {
    counts: Vec<(usize, u32)>,
    n: u64,
    sum: String,
    drops: u64,
    drop_depth: String,
    below: u64,
}

impl From<Cell> for CellWire {
    fn from(c: Cell) -> CellWire {
        CellWire {
            counts: c
                .counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| (i, *n))
                .collect(),
            n: c.n,
            sum: c.sum.to_string(),
            drops: c.drops,
            drop_depth: c.drop_depth.to_string(),
            below: c.below,
        }
    }
}

impl TryFrom<CellWire> for Cell {
    type Error = String;

    fn try_from(w: CellWire) -> std::result::Result<Cell, String> {
        let mut cell = Cell::new();
        for (bin, n) in w.counts {
            *cell
                .counts
                .get_mut(bin)
                .ok_or_else(|| format!("bin {bin} is beyond the histogram's {BINS}"))? += n;
        }
        let counted: u64 = cell.counts.iter().map(|c| u64::from(*c)).sum();
        if counted != w.n {
            return Err(format!(
                "the histogram counts {counted} values but n is {}",
                w.n
            ));
        }
        cell.n = w.n;
        cell.sum = w
            .sum
            .parse()
            .map_err(|_| format!("sum `{}` is not an integer", w.sum))?;
        cell.drops = w.drops;
        cell.drop_depth = w
            .drop_depth
            .parse()
            .map_err(|_| format!("drop_depth `{}` is not an integer", w.drop_depth))?;
        cell.below = w.below;
        Ok(cell)
    }
}

impl Cell {
    fn new() -> Cell {
        Cell {
            counts: vec![0; BINS],
            n: 0,
            sum: 0,
            drops: 0,
            drop_depth: 0,
            below: 0,
        }
    }

    fn merge(&mut self, other: &Cell) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.n += other.n;
        self.sum += other.sum;
        self.drops += other.drops;
        self.drop_depth += other.drop_depth;
        self.below += other.below;
    }

    /// The value at quantile `q` (nearest rank over the sketch: exact to 0.001).
    fn quantile(&self, q: f64) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let rank = ((q * self.n as f64).ceil() as u64).clamp(1, self.n);
        let mut seen = 0u64;
        for (i, c) in self.counts.iter().enumerate() {
            seen += u64::from(*c);
            if seen >= rank {
                return Some(value_of(i));
            }
        }
        None
    }
}

/// Builds typical patterns from many journeys, in one pass and fixed memory per segment and
/// stage (a histogram at 0.001 resolution). Builders merge, so the work splits by partition
/// (the two-phase aggregation a distributed engine runs).
///
/// A journey's value at a stage is the mean of its points in that stage. A journey drops into
/// a stage when that value is lower than its value at its previous stage with points.
///
/// # Example
///
/// ```
/// use kesher::journey::{Journey, PatternBuilder, Stages};
///
/// let mut builder = PatternBuilder::new(Stages::default(), -0.66);
/// for (segment, during) in [("acme", -0.5), ("acme", -0.1), ("acme", -0.3)] {
///     let mut j = Journey::from_json(&format!(r#"{{"customer_id": "c", "points": [
///       {{"at": "2025-01-05T09:00:00Z", "stage": "first_contact", "emotion": 0.2, "source": "survey"}},
///       {{"at": "2025-01-05T10:00:00Z", "stage": "waiting", "emotion": {during}, "source": "survey"}}]}}"#))?;
///     j.segment = Some(segment.into());
///     builder.add(&j);
/// }
/// let patterns = builder.finish();
/// let during = &patterns[0].stages[1];
/// assert_eq!((during.count, during.median), (3, Some(-0.3)));
/// assert_eq!(patterns[0].trouble[0].stage, "waiting");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "BuilderWire", into = "BuilderWire")]
pub struct PatternBuilder {
    stages: Stages,
    threshold: f64,
    segments: BTreeMap<String, (u64, Vec<Cell>)>,
}

/// A builder as JSON (see [`PatternBuilder::to_json`]).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuilderWire {
    stages: Stages,
    threshold: f64,
    segments: BTreeMap<String, (u64, Vec<Cell>)>,
}

impl From<PatternBuilder> for BuilderWire {
    fn from(b: PatternBuilder) -> BuilderWire {
        BuilderWire {
            stages: b.stages,
            threshold: b.threshold,
            segments: b.segments,
        }
    }
}

impl TryFrom<BuilderWire> for PatternBuilder {
    type Error = String;

    fn try_from(w: BuilderWire) -> std::result::Result<PatternBuilder, String> {
        if !w.threshold.is_finite() {
            return Err(format!(
                "threshold `{}` is not a number",
                crate::support::decimal::shortest(w.threshold)
            ));
        }
        for (segment, (_, cells)) in &w.segments {
            if cells.len() != w.stages.len() {
                return Err(format!(
                    "segment `{segment}` has {} stages, the builder {}",
                    cells.len(),
                    w.stages.len()
                ));
            }
        }
        Ok(PatternBuilder {
            stages: w.stages,
            threshold: w.threshold,
            segments: w.segments,
        })
    }
}

impl PatternBuilder {
    /// The builder as JSON, so partial builders can travel between the workers of a
    /// distributed engine and be merged where the patterns are finished.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::journey::{PatternBuilder, Stages};
    /// let mut b = PatternBuilder::new(Stages::default(), -0.66);
    /// b.add_values("acme", &[Some(-0.2), Some(-0.7), None]);
    /// let back = PatternBuilder::from_json(&b.to_json())?;
    /// assert_eq!(back, b);
    /// assert!(PatternBuilder::from_json(r#"{"stages": ["a"], "threshold": 0, "segments": {"s": [1, []]}}"#).is_err());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A builder from [`PatternBuilder::to_json`]'s JSON; errors name what is wrong.
    ///
    /// # Example
    ///
    /// See [`PatternBuilder::to_json`].
    pub fn from_json(text: &str) -> crate::error::Result<PatternBuilder> {
        crate::support::json::from_str(text)
    }
}

/// The distribution of journey values at one stage.
///
/// # Example
///
/// See [`PatternBuilder`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageSummary {
    /// The stage.
    pub stage: String,
    /// Journeys with a value at this stage.
    pub count: u64,
    /// Mean value.
    pub mean: Option<f64>,
    /// 10th percentile.
    pub p10: Option<f64>,
    /// 25th percentile.
    pub p25: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// 75th percentile.
    pub p75: Option<f64>,
    /// 90th percentile.
    pub p90: Option<f64>,
}

/// How prone to trouble a stage is.
///
/// # Example
///
/// See [`PatternBuilder`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageTrouble {
    /// The stage.
    pub stage: String,
    /// The share of journeys at this stage that dropped into it.
    pub drop_share: f64,
    /// The mean depth of those drops.
    pub mean_drop: f64,
    /// The share of journeys at this stage below the threshold.
    pub below_share: f64,
    /// `drop_share × mean_drop + below_share`: how often and how deep (the ranking key).
    pub score: f64,
}

/// The typical pattern of one segment: per stage the median and the 10/25/75/90 % bands, and
/// the stages ranked by trouble (worst first; stages without drops or lows left out).
///
/// # Example
///
/// See [`PatternBuilder`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pattern {
    /// The segment (empty for journeys without one).
    pub segment: String,
    /// Journeys aggregated.
    pub journeys: u64,
    /// One summary per stage, in stage order.
    pub stages: Vec<StageSummary>,
    /// Stages prone to trouble, worst first.
    pub trouble: Vec<StageTrouble>,
}

impl PatternBuilder {
    /// A builder over `stages`; `threshold` is the level counted as trouble (−0.66, angry).
    ///
    /// # Example
    ///
    /// See [`PatternBuilder`].
    pub fn new(stages: Stages, threshold: f64) -> PatternBuilder {
        PatternBuilder {
            stages,
            threshold,
            segments: BTreeMap::new(),
        }
    }

    /// [`PatternBuilder::new`] for a threshold a host gave: checked to be a level from −1 to 1.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `threshold`.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::journey::{PatternBuilder, Stages};
    ///
    /// assert!(PatternBuilder::checked(Stages::default(), -0.66).is_ok());
    /// let err = PatternBuilder::checked(Stages::default(), -3.0).unwrap_err();
    /// assert_eq!(err.field(), Some("threshold"));
    /// ```
    pub fn checked(stages: Stages, threshold: f64) -> crate::error::Result<PatternBuilder> {
        if !(-1.0..=1.0).contains(&threshold) {
            return Err(crate::error::Error::invalid_number(
                "threshold",
                threshold,
                "expected a level from -1 to 1",
            ));
        }
        Ok(PatternBuilder::new(stages, threshold))
    }

    /// Adds one journey (under its segment, or `""`).
    ///
    /// # Example
    ///
    /// See [`PatternBuilder`].
    pub fn add(&mut self, journey: &Journey) {
        let values = journey.stage_values(&self.stages);
        self.add_values(journey.segment.as_deref().unwrap_or(""), &values);
    }

    /// Adds one journey given as its per-stage values (the batch path: no journey object).
    ///
    /// # Example
    ///
    /// ```
    /// let mut b = kesher::journey::PatternBuilder::new(kesher::journey::Stages::default(), -0.66);
    /// b.add_values("acme", &[Some(0.1), Some(-0.7), None]);
    /// assert_eq!(b.finish()[0].stages[1].count, 1);
    /// ```
    pub fn add_values(&mut self, segment: &str, values: &[Option<f64>]) {
        let stages = self.stages.len();
        if !self.segments.contains_key(segment) {
            self.segments.insert(
                segment.to_string(),
                (0, (0..stages).map(|_| Cell::new()).collect()),
            );
        }
        let Some((journeys, cells)) = self.segments.get_mut(segment) else {
            return;
        };
        *journeys += 1;
        let mut previous: Option<f64> = None;
        for (cell, value) in cells.iter_mut().zip(values) {
            let Some(v) = value.filter(|v| v.is_finite()) else {
                continue;
            };
            if let Some(c) = cell.counts.get_mut(bin(v)) {
                *c += 1;
            }
            cell.n += 1;
            cell.sum += nano(v);
            if let Some(p) = previous.filter(|p| v < *p) {
                cell.drops += 1;
                cell.drop_depth += nano(p) - nano(v);
            }
            if v < self.threshold {
                cell.below += 1;
            }
            previous = Some(v);
        }
    }

    /// Adds everything another builder saw (same stages and threshold).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::journey::{PatternBuilder, Stages};
    /// let (mut a, mut b) = (PatternBuilder::new(Stages::default(), -0.66), PatternBuilder::new(Stages::default(), -0.66));
    /// a.add_values("x", &[Some(0.1), None, None]);
    /// b.add_values("x", &[Some(0.3), None, None]);
    /// a.merge(&b);
    /// assert_eq!(a.finish()[0].stages[0].count, 2);
    /// ```
    pub fn merge(&mut self, other: &PatternBuilder) {
        for (segment, (n, cells)) in &other.segments {
            let entry = self
                .segments
                .entry(segment.clone())
                .or_insert_with(|| (0, cells.iter().map(|_| Cell::new()).collect()));
            entry.0 += n;
            for (a, b) in entry.1.iter_mut().zip(cells) {
                a.merge(b);
            }
        }
    }

    /// One pattern per segment, in segment order.
    ///
    /// # Example
    ///
    /// See [`PatternBuilder`].
    pub fn finish(&self) -> Vec<Pattern> {
        self.segments
            .iter()
            .map(|(segment, (journeys, cells))| {
                let stages: Vec<StageSummary> = self
                    .stages
                    .names()
                    .iter()
                    .zip(cells)
                    .map(|(name, c)| StageSummary {
                        stage: name.clone(),
                        count: c.n,
                        mean: (c.n > 0).then(|| from_nano(c.sum, c.n)),
                        p10: c.quantile(0.10),
                        p25: c.quantile(0.25),
                        median: c.quantile(0.50),
                        p75: c.quantile(0.75),
                        p90: c.quantile(0.90),
                    })
                    .collect();
                let mut trouble: Vec<StageTrouble> = self
                    .stages
                    .names()
                    .iter()
                    .zip(cells)
                    .filter(|(_, c)| c.n > 0 && (c.drops > 0 || c.below > 0))
                    .map(|(name, c)| {
                        let n = c.n as f64;
                        let drop_share = c.drops as f64 / n;
                        let mean_drop = if c.drops > 0 {
                            from_nano(c.drop_depth, c.drops)
                        } else {
                            0.0
                        };
                        let below_share = c.below as f64 / n;
                        StageTrouble {
                            stage: name.clone(),
                            drop_share,
                            mean_drop,
                            below_share,
                            score: drop_share * mean_drop + below_share,
                        }
                    })
                    .collect();
                crate::support::sorting::sort_by(&mut trouble, |a, b| b.score.total_cmp(&a.score));
                Pattern {
                    segment: segment.clone(),
                    journeys: *journeys,
                    stages,
                    trouble,
                }
            })
            .collect()
    }
}
