//! Turning points and critical points of one journey.

use super::model::Journey;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Which way the curve turns.
///
/// # Example
///
/// ```
/// assert_eq!(serde_json::to_string(&kesher::journey::Turn::Positive).unwrap(), "\"positive\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Turn {
    /// A low point after which things improve (a trough): strengthen what caused it.
    Positive,
    /// A high point after which things get worse (a peak): prevent what follows it.
    Negative,
}

/// A point where the curve changes direction.
///
/// # Example
///
/// See [`turning_points`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurningPoint {
    /// Its index in the journey's points.
    pub index: usize,
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// Which way it turns.
    pub turn: Turn,
    /// The emotion there.
    pub emotion: f64,
    /// Net change over the run leading into it (negative into a trough).
    pub before: f64,
    /// Net change over the run leaving it.
    pub after: f64,
    /// The smaller of the two swings: how clear the turn is.
    pub magnitude: f64,
}

/// Where the curve changes direction, with the swing on each side. Flat stretches do not turn
/// the curve; swings smaller than `min_swing` on either side are ignored (0.0 keeps every turn).
///
/// # Example
///
/// ```
/// use kesher::journey::{turning_points, Journey, Turn};
///
/// let j = Journey::from_json(r#"{"customer_id": "c", "points": [
///   {"at": "2025-01-05T09:00:00Z", "emotion": 0.0, "source": "emotion_model"},
///   {"at": "2025-01-05T10:00:00Z", "emotion": -0.6, "source": "emotion_model"},
///   {"at": "2025-01-05T11:00:00Z", "emotion": 0.3, "source": "emotion_model"}]}"#)?;
/// let turns = turning_points(&j, 0.0)?;
/// assert_eq!(turns.len(), 1);
/// assert_eq!((turns[0].index, turns[0].turn), (1, Turn::Positive));
/// assert!((turns[0].magnitude - 0.6).abs() < 1e-12);
/// assert_eq!(turning_points(&j, 2.5).unwrap_err().field(), Some("min_swing"));
/// # Ok::<(), kesher::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `min_swing` unless it is
/// from 0 to 2 (the widest swing between −1 and 1).
pub fn turning_points(journey: &Journey, min_swing: f64) -> Result<Vec<TurningPoint>> {
    if !(0.0..=2.0).contains(&min_swing) {
        return Err(Error::invalid_number(
            "min_swing",
            min_swing,
            "expected 0 to 2",
        ));
    }
    Ok(turns_of(journey, min_swing))
}

/// [`turning_points`] for a swing known to be in range.
pub(crate) fn turns_of(journey: &Journey, min_swing: f64) -> Vec<TurningPoint> {
    // The curve without flat steps: the first point of each run of equal values.
    let mut curve: Vec<(usize, f64)> = Vec::new();
    for (i, p) in journey.points().iter().enumerate() {
        let v = p.emotion.value();
        if curve.last().map_or(true, |&(_, last)| last != v) {
            curve.push((i, v));
        }
    }
    // Local extremes of that curve, with the curve's ends as the outer anchors.
    let mut extremes: Vec<(usize, f64)> = curve.first().copied().into_iter().collect();
    for w in curve.windows(3) {
        if let [(_, a), (i, b), (_, c)] = w {
            if (b - a).signum() != (c - b).signum() {
                extremes.push((*i, *b));
            }
        }
    }
    if let Some(&last) = curve.last() {
        if curve.len() > 1 {
            extremes.push(last);
        }
    }
    let mut out = Vec::new();
    for w in extremes.windows(3) {
        let [(_, a), (i, b), (_, c)] = w else {
            continue;
        };
        let (before, after) = (b - a, c - b);
        let magnitude = before.abs().min(after.abs());
        if magnitude < min_swing {
            continue;
        }
        if let Some(p) = journey.points().get(*i) {
            out.push(TurningPoint {
                index: *i,
                at: p.at,
                turn: if before < 0.0 {
                    Turn::Positive
                } else {
                    Turn::Negative
                },
                emotion: *b,
                before,
                after,
                magnitude,
            });
        }
    }
    out
}

/// One critical point.
///
/// # Example
///
/// See [`critical_points`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriticalPoint {
    /// Its index in the journey's points.
    pub index: usize,
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The emotion there.
    pub emotion: f64,
    /// How far it fell to get there (0 for the lowest point when it is the first).
    pub drop: f64,
}

/// The critical points of a journey.
///
/// # Example
///
/// See [`critical_points`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CriticalPoints {
    /// The lowest point (the first, when it occurs more than once).
    pub lowest: Option<CriticalPoint>,
    /// The steepest drops, deepest first (at most three).
    pub steepest_drops: Vec<CriticalPoint>,
    /// Where the curve goes below the threshold (a journey that starts below it counts at its
    /// first point).
    pub crossings: Vec<CriticalPoint>,
}

/// The lowest point, the steepest drops and the crossings below `threshold` (such as
/// [`crate::EmotionLevel::Angry`]'s value, −0.66).
///
/// # Example
///
/// ```
/// use kesher::journey::{critical_points, Journey};
///
/// let j = Journey::from_json(r#"{"customer_id": "c", "points": [
///   {"at": "2025-01-05T09:00:00Z", "emotion": 0.0, "source": "emotion_model"},
///   {"at": "2025-01-05T10:00:00Z", "emotion": -0.8, "source": "emotion_model"},
///   {"at": "2025-01-05T11:00:00Z", "emotion": -0.5, "source": "emotion_model"}]}"#)?;
/// let c = critical_points(&j, -0.66)?;
/// assert_eq!(c.lowest.unwrap().index, 1);
/// assert!((c.steepest_drops[0].drop - 0.8).abs() < 1e-12);
/// assert_eq!(c.crossings.len(), 1);
/// assert_eq!(critical_points(&j, -1.5).unwrap_err().field(), Some("threshold"));
/// # Ok::<(), kesher::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `threshold` unless it is
/// a level from −1 to 1.
pub fn critical_points(journey: &Journey, threshold: f64) -> Result<CriticalPoints> {
    if !(-1.0..=1.0).contains(&threshold) {
        return Err(Error::invalid_number(
            "threshold",
            threshold,
            "expected a level from -1 to 1",
        ));
    }
    Ok(criticals_of(journey, threshold))
}

/// [`critical_points`] for a threshold known to be in range.
pub(crate) fn criticals_of(journey: &Journey, threshold: f64) -> CriticalPoints {
    let points = journey.points();
    let value = |i: usize| points.get(i).map_or(0.0, |p| p.emotion.value());
    let point = |i: usize, drop: f64| {
        points.get(i).map(|p| CriticalPoint {
            index: i,
            at: p.at,
            emotion: p.emotion.value(),
            drop,
        })
    };
    let drop_into = |i: usize| {
        if i == 0 {
            0.0
        } else {
            (value(i - 1) - value(i)).max(0.0)
        }
    };
    let lowest = (0..points.len())
        .reduce(|best, i| if value(i) < value(best) { i } else { best })
        .and_then(|i| point(i, drop_into(i)));
    let mut drops: Vec<(usize, f64)> = (1..points.len())
        .map(|i| (i, drop_into(i)))
        .filter(|(_, d)| *d > 0.0)
        .collect();
    crate::support::sorting::sort_by(&mut drops, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let steepest_drops = drops
        .into_iter()
        .take(3)
        .filter_map(|(i, d)| point(i, d))
        .collect();
    let crossings = (0..points.len())
        .filter(|&i| value(i) < threshold && (i == 0 || value(i - 1) >= threshold))
        .filter_map(|i| point(i, drop_into(i)))
        .collect();
    CriticalPoints {
        lowest,
        steepest_drops,
        crossings,
    }
}
