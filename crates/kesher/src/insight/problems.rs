//! Recurring problems: deterministic clustering of problem descriptions into FAQ candidates,
//! a Pareto view, and the answers that ended well.

use crate::{Case, CaseId, CaseStatus};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

const STOP: [&str; 162] = [
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "can",
    "cant",
    "could",
    "did",
    "do",
    "does",
    "dont",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "he",
    "help",
    "hi",
    "hello",
    "hey",
    "how",
    "i",
    "if",
    "im",
    "in",
    "is",
    "it",
    "its",
    "ive",
    "just",
    "know",
    "like",
    "me",
    "my",
    "need",
    "no",
    "not",
    "now",
    "of",
    "on",
    "one",
    "or",
    "our",
    "out",
    "please",
    "pls",
    "so",
    "still",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "they",
    "this",
    "to",
    "too",
    "trying",
    "try",
    "tried",
    "up",
    "us",
    "want",
    "was",
    "we",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "thanks",
    "thank",
    "link",
    "amp",
    "here",
    "been",
    "being",
    "more",
    "some",
    "only",
    "even",
    "very",
    "really",
    "any",
    "back",
    "going",
    "make",
    "see",
    "way",
    "time",
    "day",
    "days",
    "new",
    "use",
    "using",
    "work",
    "working",
    "works",
    "issue",
    "because",
    "thing",
    "gett",
    "ago",
    "able",
    "anyone",
    "anyth",
    "anything",
    "keep",
    "another",
    "without",
    "don",
    "ain",
    "something",
    "everything",
    "since",
    "before",
    "every",
    "other",
    "already",
    "never",
    "nothing",
    "into",
    "than",
    "these",
    "those",
    "should",
    "doesn",
    "didn",
    "isn",
    "wasn",
    "won",
    "haven",
    "aren",
    "couldn",
    "yet",
    "yesterday",
    "today",
    "ever",
];

/// Words of a text worth clustering on: lowercase letters, no @handles, links or numbers, no
/// stop words, plural and `-ing`/`-ed` endings trimmed.
fn terms(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '@' || c == '\'' || c == '/' || c == ':'))
        .filter(|w| !w.starts_with('@') && !w.contains("http") && !w.contains('/'))
        .map(|w| crate::lowercase::lowercase(&w.trim_matches('\'').replace('\'', "")))
        .filter(|w| w.chars().count() >= 3 && !w.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| !stop_word(w))
        .map(|w| stem(&w))
        .filter(|w| !stop_word(w));
    out.extend(words);
    out
}

/// Whether `w` is a stop word (a set built once: every word of every description is checked).
fn stop_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOP.into_iter().collect()).contains(w)
}

fn stem(w: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.chars().count() >= 4 {
                return base.to_string();
            }
        }
    }
    w.to_string()
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

fn description(case: &Case) -> Option<String> {
    case.problem()
        .and_then(|p| p.description.clone())
        .or_else(|| {
            case.log()
                .iter()
                .find(|i| i.is_customer_contact())
                .and_then(|i| i.text.clone())
        })
        .filter(|t| !t.trim().is_empty())
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
            .and_then(|i| i.text.as_deref())
            .is_some_and(|t| {
                let t = crate::lowercase::lowercase(t);
                ["thank", "thx", "fixed", "works now", "worked", "תודה"]
                    .iter()
                    .any(|w| t.contains(w))
            })
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
/// use kesher::{CaseEvent, CaseLog};
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
/// use kesher::{CaseEvent, CaseLog};
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
    let docs: Vec<(&ProblemDigest, String, BTreeSet<String>)> = digests
        .iter()
        .map(|d| (d, d.description.clone(), terms(&d.description)))
        .collect();
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, _, t) in &docs {
        for w in t {
            *df.entry(w.as_str()).or_insert(0) += 1;
        }
    }
    // Each document to its most widely shared term (the broadest topic it belongs to), ties by
    // the term.
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
    // Dissolve groups that ended up too small (kept by rebuilding the map: no B-tree removal).
    let mut kept: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, v) in groups {
        if v.len() < min_cases {
            unclustered += v.len();
        } else {
            kept.insert(k, v);
        }
    }
    let mut groups = kept;
    // Members in case-id order, so examples and answers do not depend on the input order.
    for members in groups.values_mut() {
        crate::sorting::sort_by(members, |a, b| {
            let id = |i: &usize| docs.get(*i).map(|(c, _, _)| c.case_id.as_str());
            id(a).cmp(&id(b))
        });
    }
    let clustered: usize = groups.values().map(Vec::len).sum();
    let mut ordered: Vec<(String, Vec<usize>)> = groups.into_iter().collect();
    crate::sorting::sort_by(&mut ordered, |a, b| {
        b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0))
    });
    let top_terms = |members: &[usize]| -> Vec<String> {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in members {
            if let Some((_, _, t)) = docs.get(i) {
                for w in t {
                    *count.entry(w.as_str()).or_insert(0) += 1;
                }
            }
        }
        let mut v: Vec<(&str, usize)> = count.into_iter().collect();
        crate::sorting::sort_by(&mut v, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.into_iter().take(5).map(|(w, _)| w.to_string()).collect()
    };
    let total = docs.len().max(1) as f64;
    let mut cumulative = 0usize;
    let mut clusters = Vec::with_capacity(ordered.len());
    for (label, members) in &ordered {
        cumulative += members.len();
        let answers: Vec<String> = members
            .iter()
            .filter_map(|&i| docs.get(i))
            .filter(|(c, _, _)| c.ended_well)
            .filter_map(|(c, _, _)| c.answer.clone())
            .take(3)
            .collect();
        clusters.push(ProblemCluster {
            label: label.clone(),
            terms: top_terms(members),
            cases: members.len(),
            share: members.len() as f64 / total,
            cumulative_share: cumulative as f64 / total,
            examples: members
                .iter()
                .filter_map(|&i| docs.get(i))
                .take(3)
                .map(|(_, d, _)| d.clone())
                .collect(),
            answer_candidates: answers,
        });
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
    // Quality: how much of each case's vocabulary its own cluster's top terms cover, against
    // the best other cluster's.
    let (mut own, mut other, mut n) = (0.0, 0.0, 0usize);
    // Which clusters' top terms hold each term: a case's overlap with every cluster in one pass
    // over its own terms.
    let mut holders: HashMap<&str, Vec<usize>> = HashMap::new();
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
    RecurringProblems {
        described: docs.len(),
        clusters,
        unclustered,
        clusters_for_80: cover(0.8),
        clusters_for_90: cover(0.9),
        cohesion: if n > 0 { own / n as f64 } else { 0.0 },
        separation: if n > 0 { other / n as f64 } else { 0.0 },
    }
}
