//! Recurring problems: deterministic clustering of problem descriptions into FAQ candidates,
//! a Pareto view, and the answers that ended well.

use super::words::{clean_answer, stop_word};
use crate::support::hashing::FastMap;
use crate::text::tokens::{self, Chunk};
use crate::{case::Case, id::CaseId, status::CaseStatus};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Words of a text worth clustering on: lowercase letters, no @handles, links or numbers, no
/// stop words, plural and `-ing`/`-ed` endings trimmed.
fn terms(text: &str) -> BTreeSet<String> {
    tokens::words(text)
        .map(|w| w.replace(['\'', '’'], "").to_lowercase())
        .filter(|w| w.chars().count() >= 3 && !w.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| !stop_word(w))
        .map(|mut w| {
            w.truncate(stem(&w).len());
            w
        })
        .filter(|w| !stop_word(w))
        .collect()
}

/// The words of a text as written (lowercase), with `None` where a stop word, number, handle,
/// link or a chunk of punctuation breaks the run: the material of a cluster's phrase.
fn surface(text: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    for chunk in tokens::chunks(text) {
        let Chunk::Plain(raw) = chunk else {
            out.push(None);
            continue;
        };
        let before = out.len();
        for word in tokens::words_of(raw) {
            let w = word.to_lowercase();
            let plain = w.chars().count() >= 2
                && w.chars().all(char::is_alphanumeric)
                && !w.chars().any(|c| c.is_ascii_digit())
                && !stop_word(&w);
            out.push(plain.then_some(w));
        }
        if out.len() == before {
            out.push(None);
        }
    }
    out
}

/// A cluster's name: the two adjacent words holding its anchor term that most of its
/// descriptions share (at least two, and a quarter of them), else the anchor's commonest form.
fn phrase(anchor: &str, descriptions: &[&str]) -> String {
    let mut pairs: BTreeMap<String, usize> = BTreeMap::new();
    let mut forms: BTreeMap<String, usize> = BTreeMap::new();
    for d in descriptions {
        let words = surface(d);
        let mut seen = BTreeSet::new();
        for w in words.iter().flatten().filter(|w| stem(w) == anchor) {
            if seen.insert(w.clone()) {
                *forms.entry(w.clone()).or_insert(0) += 1;
            }
        }
        let mut seen = BTreeSet::new();
        for pair in words.windows(2) {
            if let [Some(a), Some(b)] = pair {
                if (stem(a) == anchor || stem(b) == anchor) && a != b {
                    let p = format!("{a} {b}");
                    if seen.insert(p.clone()) {
                        *pairs.entry(p).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    let best = |m: BTreeMap<String, usize>| {
        m.into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
    };
    let needed = 2.max(descriptions.len().div_ceil(4));
    best(pairs)
        .filter(|(_, n)| *n >= needed)
        .or_else(|| best(forms))
        .map_or_else(|| anchor.to_string(), |(p, _)| p)
}

fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.chars().count() >= 4 {
                return base;
            }
        }
    }
    w
}

/// One recurring problem.
///
/// # Example
///
/// See [`recurring_problems`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemCluster {
    /// The anchor term that names it.
    pub label: String,
    /// The terms most shared within it.
    pub terms: Vec<String>,
    /// Cases in it.
    pub cases: usize,
    /// Its share of all cases.
    pub share: f64,
    /// The share of all cases in it and every larger cluster (the Pareto curve).
    pub cumulative_share: f64,
    /// Up to three problem descriptions, as customers wrote them.
    pub examples: Vec<String>,
    /// Up to three answers from cases that ended well (resolved at first contact, or the
    /// customer's last word was thanks), as template candidates.
    pub answer_candidates: Vec<String>,
}

/// The clusters, their Pareto view and their quality.
///
/// # Example
///
/// See [`recurring_problems`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecurringProblems {
    /// Cases with a problem description.
    pub described: usize,
    /// The descriptions clustered: all of them (`described`), or a uniform sample of
    /// [`PROBLEM_SAMPLE_SIZE`] when a [`ProblemSample`] saw more. Cluster counts are then
    /// counts in the sample; shares hold for all.
    #[serde(default)]
    pub sampled: usize,
    /// Clusters, largest first (ties by label).
    pub clusters: Vec<ProblemCluster>,
    /// Cases that share no frequent term with others (left out of every cluster).
    pub unclustered: usize,
    /// How many clusters cover 80 % of the clustered cases.
    pub clusters_for_80: usize,
    /// How many cover 90 %.
    pub clusters_for_90: usize,
    /// Mean share of a case's terms that its cluster's top terms cover, against the same for
    /// a case and the other clusters: `cohesion` high and `separation` low is a good split.
    pub cohesion: f64,
    /// See `cohesion`.
    pub separation: f64,
}

/// The `problem.description`, else the first customer message, if it holds more than blanks.
fn description_text(case: &Case) -> Option<&str> {
    case.problem()
        .and_then(|p| p.description.as_deref())
        .or_else(|| {
            case.log()
                .iter()
                .find(|i| i.is_customer_contact())
                .and_then(|i| i.text.as_deref())
        })
        .filter(|t| !t.trim().is_empty())
}

fn description(case: &Case) -> Option<String> {
    description_text(case).map(str::to_string)
}

fn ended_well(case: &Case) -> bool {
    case.facts().first_contact_resolved
        || matches!(case.status(), CaseStatus::Resolved | CaseStatus::Closed)
            && case.facts().reopened == 0
        || case
            .log()
            .iter()
            .rev()
            .find(|i| i.is_customer_contact())
            .is_some_and(|i| case.is_closing_turn(i))
}

/// Clusters the cases' problem descriptions (the `problem.description`, else the first customer
/// message): every case goes to the most widely shared term it contains (among terms that
/// appear in at least `min_cases` descriptions; ties by the term),
/// so the result does not depend on the order of the cases and needs no model. Clusters smaller
/// than `min_cases` are dissolved into `unclustered`.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog};
/// use kesher::insight::recurring_problems;
///
/// let mut cases = Vec::new();
/// for (i, text) in ["I forgot my password", "password reset email never came", "reset my password please",
///                   "my parcel is late", "parcel not delivered", "where is my parcel"].iter().enumerate() {
///     let mut log = CaseLog::default();
///     log.insert(CaseEvent::from_json(&format!(r#"{{"type": "interaction", "case_id": "T{i}", "id": "m{i}",
///         "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "email", "direction": "inbound",
///         "actor": {{"type": "customer"}}, "kind": "message", "text": "{text}"}}"#))?);
///     cases.push(log.fold()?);
/// }
/// let p = recurring_problems(&cases, 2);
/// let labels: Vec<&str> = p.clusters.iter().map(|c| c.label.as_str()).collect();
/// assert_eq!(labels, ["parcel", "password"]);
/// assert_eq!(p.clusters_for_80, 2);
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn recurring_problems(cases: &[Case], min_cases: usize) -> RecurringProblems {
    let digests: Vec<ProblemDigest> = cases.iter().filter_map(ProblemDigest::of).collect();
    recurring_problems_in(&digests, min_cases)
}

/// What [`recurring_problems`] needs of one case: its id, its problem description, whether it
/// ended well and its first human answer. Keeping digests instead of cases lets a long stream
/// of cases be clustered in little memory.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog};
/// use kesher::insight::ProblemDigest;
///
/// let mut log = CaseLog::default();
/// log.insert(CaseEvent::from_json(r#"{"type": "interaction", "case_id": "T", "id": "m", "customer_id": "c",
///     "at": "2025-01-05T09:00:00Z", "channel": "email", "direction": "inbound", "actor": {"type": "customer"},
///     "kind": "message", "text": "my parcel is late"}"#)?);
/// let d = ProblemDigest::of(&log.fold()?).unwrap();
/// assert_eq!((d.description.as_str(), d.ended_well, d.answer), ("my parcel is late", false, None));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemDigest {
    /// The case.
    pub case_id: CaseId,
    /// The `problem.description`, else the first customer message.
    pub description: String,
    /// Resolved at first contact, or resolved or closed and never reopened, or thanked.
    pub ended_well: bool,
    /// The text of the first human answer.
    pub answer: Option<String>,
}

impl ProblemDigest {
    /// The digest of a case with a description (none without).
    ///
    /// # Example
    ///
    /// See [`ProblemDigest`].
    pub fn of(case: &Case) -> Option<ProblemDigest> {
        let description = description(case)?;
        Some(ProblemDigest {
            case_id: case.id().clone(),
            description,
            ended_well: ended_well(case),
            answer: case
                .log()
                .iter()
                .find(|i| i.is_human_answer())
                .and_then(|i| i.text.clone()),
        })
    }
}

/// Whether an answer (its terms) answers its own case: it speaks of the case's own problem
/// (a term of its description besides the cluster's `anchor`), or of no other problem (no
/// term that only other descriptions of the cluster, in `counts`, or other clusters' top
/// terms hold). The courier's answer to a customer charged twice is left out; "reset it here"
/// to "password lost" stays.
fn answers_its_own(
    answer: &BTreeSet<String>,
    own: &BTreeSet<String>,
    anchor: &str,
    counts: &FastMap<&str, usize>,
    others: &[&Vec<String>],
) -> bool {
    let specific = |w: &&String| w.as_str() != anchor;
    if answer.iter().filter(specific).any(|w| own.contains(w)) {
        return true;
    }
    let elsewhere = |w: &&String| {
        counts.get(w.as_str()).copied().unwrap_or(0) > usize::from(own.contains(*w))
            || others.iter().any(|t| t.contains(w))
    };
    !answer.iter().filter(specific).any(|w| elsewhere(&w))
}

/// [`recurring_problems`] over digests of cases.
///
/// # Example
///
/// ```
/// use kesher::insight::{recurring_problems_in, ProblemDigest};
/// let d = |id: &str, text: &str| ProblemDigest { case_id: kesher::CaseId::new(id).unwrap(),
///     description: text.into(), ended_well: true, answer: Some("Reset it here".into()) };
/// let p = recurring_problems_in(&[d("a", "password lost"), d("b", "password expired")], 2);
/// assert_eq!(p.clusters[0].label, "password");
/// assert_eq!(p.clusters[0].answer_candidates, ["Reset it here", "Reset it here"]);
/// ```
pub fn recurring_problems_in(digests: &[ProblemDigest], min_cases: usize) -> RecurringProblems {
    let min_cases = min_cases.max(2);
    let docs: Vec<Doc<'_>> = digests
        .iter()
        .map(|d| (d, d.description.clone(), terms(&d.description)))
        .collect();
    let (ordered, unclustered) = anchored_groups(&docs, min_cases);
    let clustered: usize = ordered.iter().map(|(_, m)| m.len()).sum();
    let total = docs.len().max(1) as f64;
    let tops: Vec<Vec<String>> = ordered.iter().map(|(_, m)| top_terms(&docs, m)).collect();
    let mut cumulative = 0usize;
    let mut clusters = Vec::with_capacity(ordered.len());
    for (k, (anchor, members)) in ordered.iter().enumerate() {
        cumulative += members.len();
        let shares = (members.len() as f64 / total, cumulative as f64 / total);
        clusters.push(cluster_of(&docs, k, (anchor, members), &tops, shares));
    }
    let cover = |q: f64| {
        let mut seen = 0usize;
        ordered
            .iter()
            .position(|(_, m)| {
                seen += m.len();
                seen as f64 >= q * clustered as f64
            })
            .map_or(0, |p| p + 1)
    };
    let (cohesion, separation) = quality(&docs, &ordered, &clusters);
    RecurringProblems {
        described: docs.len(),
        sampled: docs.len(),
        clusters_for_80: cover(0.8),
        clusters_for_90: cover(0.9),
        clusters,
        unclustered,
        cohesion,
        separation,
    }
}

/// A described case, its description and its terms.
type Doc<'a> = (&'a ProblemDigest, String, BTreeSet<String>);

/// Each document under its most widely shared term (the broadest topic it belongs to; ties by
/// the term), groups of fewer than `min_cases` dissolved; the groups largest first, members in
/// case-id order (so examples and answers do not depend on the input order), and how many
/// documents no group holds.
fn anchored_groups(docs: &[Doc<'_>], min_cases: usize) -> (Vec<(String, Vec<usize>)>, usize) {
    let mut df: FastMap<&str, usize> = FastMap::default();
    for (_, _, t) in docs {
        for w in t {
            *df.entry(w.as_str()).or_insert(0) += 1;
        }
    }
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut unclustered = 0;
    for (i, (_, _, t)) in docs.iter().enumerate() {
        let anchor = t
            .iter()
            .filter_map(|w| df.get(w.as_str()).map(|n| (*n, w)))
            .filter(|(n, _)| *n >= min_cases)
            .min_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        match anchor {
            Some((_, w)) => groups.entry(w.clone()).or_default().push(i),
            None => unclustered += 1,
        }
    }
    groups.retain(|_, members| {
        let kept = members.len() >= min_cases;
        if !kept {
            unclustered += members.len();
        }
        kept
    });
    for members in groups.values_mut() {
        crate::support::sorting::sort_by(members, |a, b| {
            let id = |i: &usize| docs.get(*i).map(|(c, _, _)| c.case_id.as_str());
            id(a).cmp(&id(b))
        });
    }
    let mut ordered: Vec<(String, Vec<usize>)> = groups.into_iter().collect();
    crate::support::sorting::sort_by(&mut ordered, |a, b| {
        b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0))
    });
    (ordered, unclustered)
}

/// The five terms most of a group's members use.
fn top_terms(docs: &[Doc<'_>], members: &[usize]) -> Vec<String> {
    let mut count: FastMap<&str, usize> = FastMap::default();
    for &i in members {
        if let Some((_, _, t)) = docs.get(i) {
            for w in t {
                *count.entry(w.as_str()).or_insert(0) += 1;
            }
        }
    }
    let mut v: Vec<(&str, usize)> = count.into_iter().collect();
    crate::support::sorting::sort_by(&mut v, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().take(5).map(|(w, _)| w.to_string()).collect()
}

/// Group `k` (its anchor term and members) as a cluster: its phrase, top terms, examples, the
/// answers that solved its own problem, and its `(share, cumulative share)` of the cases.
fn cluster_of(
    docs: &[Doc<'_>],
    k: usize,
    (anchor, members): (&str, &[usize]),
    tops: &[Vec<String>],
    (share, cumulative_share): (f64, f64),
) -> ProblemCluster {
    let mut counts: FastMap<&str, usize> = FastMap::default();
    for (_, _, t) in members.iter().filter_map(|&i| docs.get(i)) {
        for w in t {
            *counts.entry(w.as_str()).or_insert(0) += 1;
        }
    }
    let others: Vec<&Vec<String>> = (tops.iter().enumerate())
        .filter(|(j, _)| *j != k)
        .map(|(_, t)| t)
        .collect();
    let answers: Vec<String> = members
        .iter()
        .filter_map(|&i| docs.get(i))
        .filter(|(c, _, _)| c.ended_well)
        .filter_map(|(c, _, t)| {
            let answer = clean_answer(c.answer.as_deref()?);
            answers_its_own(&terms(&answer), t, anchor, &counts, &others).then_some(answer)
        })
        .filter(|a| !a.is_empty())
        .take(3)
        .collect();
    let descriptions: Vec<&str> = members
        .iter()
        .filter_map(|&i| docs.get(i))
        .map(|(_, d, _)| d.as_str())
        .collect();
    ProblemCluster {
        label: phrase(anchor, &descriptions),
        terms: tops.get(k).cloned().unwrap_or_default(),
        cases: members.len(),
        share,
        cumulative_share,
        examples: descriptions.iter().take(3).map(|d| d.to_string()).collect(),
        answer_candidates: answers,
    }
}

/// How much of each case's vocabulary its own cluster's top terms cover (cohesion), against
/// the best other cluster's (separation), on average.
fn quality(
    docs: &[Doc<'_>],
    ordered: &[(String, Vec<usize>)],
    clusters: &[ProblemCluster],
) -> (f64, f64) {
    let (mut own, mut other, mut n) = (0.0, 0.0, 0usize);
    // Which clusters' top terms hold each term: a case's overlap with every cluster in one pass
    // over its own terms.
    let mut holders: FastMap<&str, Vec<usize>> = FastMap::default();
    for (k, c) in clusters.iter().enumerate() {
        let mut terms = BTreeSet::new();
        terms.extend(c.terms.iter());
        for t in terms {
            holders.entry(t.as_str()).or_default().push(k);
        }
    }
    let mut hits = vec![0usize; clusters.len()];
    for (k, (_, members)) in ordered.iter().enumerate() {
        for &i in members {
            let Some((_, _, t)) = docs.get(i) else {
                continue;
            };
            if t.is_empty() {
                continue;
            }
            hits.iter_mut().for_each(|h| *h = 0);
            for w in t {
                for &j in holders.get(w.as_str()).into_iter().flatten() {
                    if let Some(h) = hits.get_mut(j) {
                        *h += 1;
                    }
                }
            }
            let overlap = |h: usize| h as f64 / t.len() as f64;
            own += hits.get(k).map_or(0.0, |h| overlap(*h));
            other += hits
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .map(|(_, h)| overlap(*h))
                .fold(0.0, f64::max);
            n += 1;
        }
    }
    if n > 0 {
        (own / n as f64, other / n as f64)
    } else {
        (0.0, 0.0)
    }
}

/// The most problem descriptions a [`ProblemSample`] keeps: 20,000 (a few MiB), enough for
/// cluster shares within about a percentage point, so a report's memory for problems does not
/// grow with the input.
///
/// # Example
///
/// ```
/// assert_eq!(kesher::insight::PROBLEM_SAMPLE_SIZE, 20_000);
/// ```
pub const PROBLEM_SAMPLE_SIZE: usize = 20_000;

/// A uniform sample of the problem descriptions of a stream of cases, in bounded memory: the
/// cases kept are those whose id hashes lowest (FNV-1a, mixed), so the sample does not depend on
/// the order of the cases, and two runs over the same cases keep the same ones. Cases with a
/// description are all counted.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog};
/// use kesher::insight::ProblemSample;
///
/// let mut sample = ProblemSample::new(3);
/// for i in 0..10 {
///     let mut log = CaseLog::default();
///     log.insert(CaseEvent::from_json(&format!(r#"{{"type": "interaction", "case_id": "T{i}", "id": "m",
///         "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "email", "direction": "inbound",
///         "actor": {{"type": "customer"}}, "kind": "message", "text": "{}"}}"#,
///         ["my parcel is late", "parcel never came"][i % 2]))?);
///     sample.add(&log.fold()?);
/// }
/// let p = sample.finish(2);
/// assert_eq!((p.described, p.sampled), (10, 3));
/// assert_eq!(p.clusters[0].label, "parcel");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SampleWire", into = "SampleWire")]
pub struct ProblemSample {
    capacity: usize,
    described: usize,
    /// Digests with their id's hash; at most `2 × capacity` before trimming.
    kept: Vec<(u64, ProblemDigest)>,
    /// A hash at or above this cannot enter any more (the largest kept after a trim).
    bound: u64,
}

/// A sample as JSON, before it is checked.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleWire {
    capacity: usize,
    described: usize,
    kept: Vec<(u64, ProblemDigest)>,
    bound: u64,
}

impl From<ProblemSample> for SampleWire {
    fn from(s: ProblemSample) -> SampleWire {
        SampleWire {
            capacity: s.capacity,
            described: s.described,
            kept: s.kept,
            bound: s.bound,
        }
    }
}

impl TryFrom<SampleWire> for ProblemSample {
    type Error = String;

    fn try_from(w: SampleWire) -> Result<ProblemSample, String> {
        if w.capacity == 0 || w.kept.len() >= w.capacity.saturating_mul(2) {
            return Err(format!(
                "a sample of capacity {} (at least 1) keeps fewer than twice that many \
                 descriptions, not {}",
                w.capacity,
                w.kept.len()
            ));
        }
        if w.kept.len() > w.described || w.kept.iter().any(|(h, _)| *h > w.bound) {
            return Err("a sample keeps described cases below its bound only".into());
        }
        Ok(ProblemSample {
            capacity: w.capacity,
            described: w.described,
            kept: w.kept,
            bound: w.bound,
        })
    }
}

impl ProblemSample {
    /// An empty sample keeping at most `capacity` descriptions (at least one).
    ///
    /// # Example
    ///
    /// See [`ProblemSample`].
    pub fn new(capacity: usize) -> ProblemSample {
        ProblemSample {
            capacity: capacity.max(1),
            described: 0,
            kept: Vec::new(),
            bound: u64::MAX,
        }
    }

    /// Counts a case's description and keeps its digest if it is among the lowest hashes.
    ///
    /// # Example
    ///
    /// See [`ProblemSample`].
    pub fn add(&mut self, case: &Case) {
        let hash = crate::id::text_hash(case.id().as_str());
        if hash >= self.bound {
            self.described += usize::from(description_text(case).is_some());
            return;
        }
        let Some(digest) = ProblemDigest::of(case) else {
            return;
        };
        self.described += 1;
        self.kept.push((hash, digest));
        if self.kept.len() >= self.capacity.saturating_mul(2) {
            self.trim();
        }
    }

    fn trim(&mut self) {
        crate::support::sorting::sort_by(&mut self.kept, |a, b| {
            a.0.cmp(&b.0).then(a.1.case_id.cmp(&b.1.case_id))
        });
        self.kept.truncate(self.capacity);
        if let Some((h, _)) = self.kept.last() {
            self.bound = *h;
        }
    }

    /// Adds what `other` sampled (other cases, gathered apart): the result keeps the lowest
    /// hashes of both, so merging the samples of any partition of the cases, in any order,
    /// finishes as one sample over all of them would (given the same capacity).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{case::CaseLog, event::CaseEvent, insight::ProblemSample};
    /// let (mut a, mut b, mut all) = (ProblemSample::new(2), ProblemSample::new(2), ProblemSample::new(2));
    /// for i in 0..9 {
    ///     let mut log = CaseLog::default();
    ///     log.insert(CaseEvent::from_json(&format!(r#"{{"type": "interaction", "case_id": "T{i}", "id": "m",
    ///         "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "email", "direction": "inbound",
    ///         "actor": {{"type": "customer"}}, "kind": "message", "text": "my parcel is late"}}"#))?);
    ///     let case = log.fold()?;
    ///     all.add(&case);
    ///     if i % 3 == 0 { a.add(&case) } else { b.add(&case) }
    /// }
    /// a.merge(&ProblemSample::from_json(&b.to_json())?);
    /// assert_eq!(a.finish(1), all.finish(1));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn merge(&mut self, other: &ProblemSample) {
        self.described += other.described;
        self.bound = self.bound.min(other.bound);
        self.kept.extend(other.kept.iter().cloned());
        let bound = self.bound;
        self.kept.retain(|(h, _)| *h <= bound);
        if self.kept.len() >= self.capacity.saturating_mul(2) {
            self.trim();
        }
    }

    /// The sample as JSON, so partial samples can travel between the workers of a distributed
    /// engine and be merged ([`ProblemSample::merge`]) where the problems are finished.
    ///
    /// # Example
    ///
    /// See [`ProblemSample::merge`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A sample from [`ProblemSample::to_json`]'s JSON; errors name the field at fault.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::insight::ProblemSample::from_json(r#"{"capacity": 0}"#).unwrap_err();
    /// assert_eq!(err.kind(), kesher::ErrorKind::InvalidJson);
    /// ```
    pub fn from_json(text: &str) -> crate::error::Result<ProblemSample> {
        crate::support::json::from_str(text)
    }

    /// The recurring problems of the sample (see [`recurring_problems_in`]), with `described`
    /// counting every case seen.
    ///
    /// # Example
    ///
    /// See [`ProblemSample`].
    pub fn finish(mut self, min_cases: usize) -> RecurringProblems {
        if self.kept.len() > self.capacity {
            self.trim();
        }
        let digests: Vec<ProblemDigest> = self.kept.into_iter().map(|(_, d)| d).collect();
        let mut problems = recurring_problems_in(&digests, min_cases);
        problems.described = self.described;
        problems
    }
}
