//! Journeys: a customer's emotion over time and across stages.

use crate::{
    emotion::{Emotion, EmotionSource},
    error::{Error, Result},
    id::{CaseId, CustomerId},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The ordered stages of a journey (the horizontal axis when a journey is plotted by process).
/// The default follows article 003's process inside a case: `first_contact`, `waiting`,
/// `answer`, `resolution`, `follow_up` (the stages of [`crate::journey::StageMap::default`]); the
/// grouping around the direct encounter, `before`, `during`, `after`, is
/// [`crate::journey::StageMap::encounter`]'s.
///
/// # Example
///
/// ```
/// use kesher::journey::Stages;
///
/// assert_eq!(Stages::default().names(), ["first_contact", "waiting", "answer", "resolution", "follow_up"]);
/// let custom = Stages::new(["browse", "buy", "deliver", "support"])?;
/// assert_eq!(custom.position("deliver"), Some(2));
/// assert!(Stages::new(["a", "a"]).is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct Stages(Vec<String>);

impl Default for Stages {
    fn default() -> Self {
        Stages(
            [
                "first_contact",
                "waiting",
                "answer",
                "resolution",
                "follow_up",
            ]
            .map(String::from)
            .to_vec(),
        )
    }
}

impl Stages {
    /// Stages in order; names are non-empty and distinct.
    ///
    /// # Example
    ///
    /// See [`Stages`].
    pub fn new<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Result<Stages> {
        let names: Vec<String> = names.into_iter().map(Into::into).collect();
        if names.is_empty() {
            return Err(Error::invalid("stages", "[]", "name at least one stage"));
        }
        for (i, n) in names.iter().enumerate() {
            if n.trim().is_empty() {
                return Err(Error::invalid(
                    format!("stages[{i}]"),
                    n,
                    "a stage needs a name",
                ));
            }
            if names.iter().take(i).any(|m| m == n) {
                return Err(Error::invalid(
                    format!("stages[{i}]"),
                    n,
                    "stage names are distinct",
                ));
            }
        }
        Ok(Stages(names))
    }

    /// The names, in order.
    ///
    /// # Example
    ///
    /// See [`Stages`].
    pub fn names(&self) -> &[String] {
        &self.0
    }

    /// Where a stage falls in the order.
    ///
    /// # Example
    ///
    /// See [`Stages`].
    pub fn position(&self, name: &str) -> Option<usize> {
        self.0.iter().position(|n| n == name)
    }

    /// How many stages.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::journey::Stages::default().len(), 5);
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Never true (a stage list has at least one stage); here for the usual pairing with `len`.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!kesher::journey::Stages::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl TryFrom<Vec<String>> for Stages {
    type Error = Error;
    fn try_from(names: Vec<String>) -> Result<Stages> {
        Stages::new(names)
    }
}

impl From<Stages> for Vec<String> {
    fn from(s: Stages) -> Vec<String> {
        s.0
    }
}

/// One point of a journey: how the customer felt at an instant, in a stage, according to a
/// source, and what it came from.
///
/// JSON: `{"at": "...", "stage": "during", "emotion": -0.4, "source": "emotion_model",
/// "origin": "m-3", "cause": "transfer"}` (`stage`, `origin`, `cause` optional).
///
/// # Example
///
/// ```
/// let p: kesher::journey::JourneyPoint = serde_json::from_str(
///     r#"{"at": "2025-01-05T09:00:00Z", "stage": "during", "emotion": -0.33, "source": "survey"}"#).unwrap();
/// assert_eq!(p.emotion.value(), -0.33);
/// assert!(serde_json::from_str::<kesher::journey::JourneyPoint>(
///     r#"{"at": "2025-01-05T09:00:00Z", "emotion": 1.5, "source": "survey"}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JourneyPoint {
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The stage it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// How the customer felt, from −1 (furious) to +1 (WOW).
    pub emotion: Emotion,
    /// Who or what says so.
    pub source: EmotionSource,
    /// The interaction or event it came from (an interaction id, or `status:resolved`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The effect that moved the curve here (`acknowledgement`, `waiting`, `transfer`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// A customer's journey: points in time order (equal instants keep the order given).
///
/// JSON: `{"customer_id": "cu-7", "case_id": "T-1", "segment": "vip", "points": [...]}`.
///
/// # Example
///
/// ```
/// use kesher::journey::Journey;
///
/// let j = Journey::from_json(r#"{"customer_id": "cu-7", "points": [
///   {"at": "2025-01-05T10:00:00Z", "stage": "during", "emotion": -0.66, "source": "emotion_model"},
///   {"at": "2025-01-05T09:00:00Z", "stage": "during", "emotion": -0.2, "source": "text_scorer"}]}"#)?;
/// assert_eq!(j.points()[0].emotion.value(), -0.2, "sorted by time");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, from = "JourneyFields")]
pub struct Journey {
    /// The customer.
    pub customer_id: CustomerId,
    /// The case the journey follows, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<CaseId>,
    /// The segment it is aggregated under (a brand, a channel, a customer segment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    points: Vec<JourneyPoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JourneyFields {
    customer_id: CustomerId,
    #[serde(default)]
    case_id: Option<CaseId>,
    #[serde(default)]
    segment: Option<String>,
    points: Vec<JourneyPoint>,
}

impl From<JourneyFields> for Journey {
    fn from(f: JourneyFields) -> Journey {
        let mut j = Journey::new(f.customer_id, f.points);
        j.case_id = f.case_id;
        j.segment = f.segment;
        j
    }
}

impl Journey {
    /// A journey from points in any order.
    ///
    /// # Example
    ///
    /// ```
    /// let j = kesher::journey::Journey::new(kesher::CustomerId::new("c")?, vec![]);
    /// assert!(j.points().is_empty());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(customer_id: CustomerId, mut points: Vec<JourneyPoint>) -> Journey {
        crate::support::sorting::sort_by_key(&mut points, |p| p.at);
        Journey {
            customer_id,
            case_id: None,
            segment: None,
            points,
        }
    }

    /// Reads a journey from JSON (errors name the JSON path, such as `points[2].emotion`).
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::journey::Journey::from_json(r#"{"customer_id": "c", "points": [{"at": "x", "emotion": 0, "source": "survey"}]}"#).unwrap_err();
    /// assert_eq!(err.field(), Some("points[0].at"));
    /// ```
    pub fn from_json(text: &str) -> Result<Journey> {
        crate::support::json::from_str(text)
    }

    /// The points, in time order.
    ///
    /// # Example
    ///
    /// See [`Journey`].
    pub fn points(&self) -> &[JourneyPoint] {
        &self.points
    }

    /// Adds a point in its time place (after points at the same instant).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{Emotion, EmotionSource, journey::{Journey, JourneyPoint}};
    /// let mut j = Journey::new(kesher::CustomerId::new("c")?, vec![]);
    /// j.push(JourneyPoint { at: "2025-01-05T09:00:00Z".parse().unwrap(), stage: None,
    ///     emotion: Emotion::new(0.5)?, source: EmotionSource::Survey, origin: None, cause: None });
    /// assert_eq!(j.points().len(), 1);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn push(&mut self, point: JourneyPoint) {
        let at = self.points.partition_point(|p| p.at <= point.at);
        self.points.insert(at, point);
    }

    /// The mean emotion of the points in each stage (in the order of `stages`; `None` for a
    /// stage without points). Points without a stage or with an unknown one are left out.
    ///
    /// # Example
    ///
    /// ```
    /// let j = kesher::journey::Journey::from_json(r#"{"customer_id": "c", "points": [
    ///   {"at": "2025-01-05T09:00:00Z", "stage": "waiting", "emotion": -0.5, "source": "survey"},
    ///   {"at": "2025-01-05T10:00:00Z", "stage": "waiting", "emotion": 0.1, "source": "survey"}]}"#)?;
    /// let by_stage = j.stage_values(&kesher::journey::Stages::default());
    /// assert_eq!(by_stage[0], None);
    /// assert!((by_stage[1].unwrap() - -0.2).abs() < 1e-12);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn stage_values(&self, stages: &Stages) -> Vec<Option<f64>> {
        let mut sums = vec![(0.0f64, 0u32); stages.len()];
        for p in &self.points {
            if let Some(slot) = p
                .stage
                .as_deref()
                .and_then(|s| stages.position(s))
                .and_then(|i| sums.get_mut(i))
            {
                slot.0 += p.emotion.value();
                slot.1 += 1;
            }
        }
        sums.into_iter()
            .map(|(s, n)| (n > 0).then(|| s / f64::from(n)))
            .collect()
    }
}

/// One annotated point on its own line, naming whose journey it belongs to: an agent's note
/// or a survey answer fed without events.
///
/// JSON: a [`JourneyPoint`] with `customer_id` and optionally `case_id` and `segment`:
/// `{"customer_id": "cu-7", "case_id": "T-1", "segment": "acme", "at": "...", "stage": "after",
/// "emotion": 0.66, "source": "survey"}`.
///
/// # Example
///
/// ```
/// use kesher::journey::AnnotatedPoint;
///
/// let p = AnnotatedPoint::from_json(r#"{"customer_id": "cu-7", "at": "2025-01-05T09:00:00Z",
///     "emotion": -0.66, "source": "agent_annotation"}"#)?;
/// assert_eq!(p.customer_id.as_str(), "cu-7");
/// assert!(AnnotatedPoint::from_json(r#"{"at": "2025-01-05T09:00:00Z", "emotion": 0, "source": "survey"}"#).is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AnnotatedPoint {
    /// Whose journey.
    pub customer_id: CustomerId,
    /// Which case, if any (points of one customer and case make one journey).
    pub case_id: Option<CaseId>,
    /// The journey's segment, if given.
    pub segment: Option<String>,
    /// The point.
    pub point: JourneyPoint,
}

impl AnnotatedPoint {
    /// Reads one annotated point; errors name the JSON path.
    ///
    /// # Example
    ///
    /// See [`AnnotatedPoint`].
    pub fn from_json(text: &str) -> Result<AnnotatedPoint> {
        let mut value = crate::support::json::parse_value(text)?;
        let object = value.as_object_mut().ok_or_else(|| {
            Error::from(crate::error::Detail::InvalidJson {
                field: ".".into(),
                reason: "an annotated point is a JSON object".into(),
            })
        })?;
        let take = crate::support::json::take_key;
        let customer = take(object, "customer_id").ok_or_else(|| {
            Error::from(crate::error::Detail::MissingField {
                field: "customer_id".into(),
                reason: "an annotated point names the customer whose journey it is in".into(),
            })
        })?;
        let case = take(object, "case_id");
        let segment = take(object, "segment");
        let customer_id: CustomerId =
            crate::support::json::from_value(customer).map_err(|e| rename(e, "customer_id"))?;
        let case_id: Option<CaseId> = case
            .map(crate::support::json::from_value)
            .transpose()
            .map_err(|e| rename(e, "case_id"))?;
        let segment: Option<String> = segment
            .map(crate::support::json::from_value)
            .transpose()
            .map_err(|e| rename(e, "segment"))?;
        let point: JourneyPoint = crate::support::json::from_value(value)?;
        Ok(AnnotatedPoint {
            customer_id,
            case_id,
            segment,
            point,
        })
    }
}

fn rename(e: Error, field: &str) -> Error {
    if e.kind() == crate::error::ErrorKind::InvalidJson {
        e.with_field(field.to_string())
    } else {
        e
    }
}

/// Groups annotated points into journeys, one per customer and case, in order of first
/// appearance (points sorted by time within each).
///
/// # Example
///
/// ```
/// use kesher::journey::{journeys_from_points, AnnotatedPoint};
///
/// let points = [
///   r#"{"customer_id": "a", "at": "2025-01-05T10:00:00Z", "emotion": 0.3, "source": "survey"}"#,
///   r#"{"customer_id": "b", "at": "2025-01-05T09:00:00Z", "emotion": -0.3, "source": "survey"}"#,
///   r#"{"customer_id": "a", "at": "2025-01-05T09:00:00Z", "emotion": -0.6, "source": "agent_annotation"}"#,
/// ].map(|t| AnnotatedPoint::from_json(t).unwrap());
/// let journeys = journeys_from_points(points);
/// assert_eq!(journeys.len(), 2);
/// assert_eq!(journeys[0].points()[0].emotion.value(), -0.6);
/// ```
pub fn journeys_from_points(points: impl IntoIterator<Item = AnnotatedPoint>) -> Vec<Journey> {
    type Key = (CustomerId, Option<CaseId>);
    type Group = (Option<String>, Vec<JourneyPoint>);
    let mut order: Vec<Key> = Vec::new();
    let mut groups: std::collections::HashMap<Key, Group> = std::collections::HashMap::new();
    for p in points {
        let key = (p.customer_id, p.case_id);
        let entry = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            (None, Vec::new())
        });
        if entry.0.is_none() {
            entry.0 = p.segment;
        }
        entry.1.push(p.point);
    }
    order
        .into_iter()
        .filter_map(|key| {
            let (segment, points) = groups.remove(&key)?;
            let mut j = Journey::new(key.0, points);
            j.case_id = key.1;
            j.segment = segment;
            Some(j)
        })
        .collect()
}
