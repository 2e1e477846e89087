//! Service audits: mystery-shopper checklists scored against the "one law" of service, and
//! CSAT and NPS from survey answers.

use serde::{Deserialize, Serialize};

/// What a mystery shopper checks on one contact: the "one law" is a live, pleasant,
/// professional answer that solves the problem at once.
///
/// JSON: `{"live": true, "pleasant": true, "professional": true, "solved_at_once": false,
/// "waited_seconds": 95}`.
///
/// # Example
///
/// See [`audit_score`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditVisit {
    /// A person answered (not a machine, not a voicemail).
    pub live: bool,
    /// Pleasantly: greeting, name, thanks.
    pub pleasant: bool,
    /// Professionally: knew the answer or found it.
    pub professional: bool,
    /// The problem was solved during the contact.
    pub solved_at_once: bool,
    /// How long the shopper waited for attention, in seconds.
    pub waited_seconds: f64,
}

/// The score of a set of audit visits.
///
/// # Example
///
/// See [`audit_score`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditScore {
    /// Visits scored.
    pub visits: usize,
    /// Share of visits that kept the whole law (live, pleasant, professional, solved at once,
    /// and attended within the patience limit).
    pub law_kept: Option<f64>,
    /// Share of visits meeting each part, in the order live, pleasant, professional,
    /// solved_at_once, attended_in_time.
    pub parts: [Option<f64>; 5],
}

/// Scores mystery-shopper visits against the one law; `patience_seconds` is how long attention
/// may take (90 s, the articles' customer who walks out of a shop after about a minute and a
/// half).
///
/// # Example
///
/// ```
/// use kesher::insight::{audit_score, AuditVisit};
///
/// let good = AuditVisit { live: true, pleasant: true, professional: true, solved_at_once: true, waited_seconds: 40.0 };
/// let slow = AuditVisit { waited_seconds: 300.0, ..good };
/// let s = audit_score(&[good, slow], 90.0);
/// assert_eq!(s.law_kept, Some(0.5));
/// assert_eq!(s.parts[4], Some(0.5));
/// ```
pub fn audit_score(visits: &[AuditVisit], patience_seconds: f64) -> AuditScore {
    let n = visits.len();
    let share = |f: &dyn Fn(&AuditVisit) -> bool| {
        (n > 0).then(|| visits.iter().filter(|v| f(v)).count() as f64 / n as f64)
    };
    let in_time = |v: &AuditVisit| v.waited_seconds <= patience_seconds;
    AuditScore {
        visits: n,
        law_kept: share(&|v| {
            v.live && v.pleasant && v.professional && v.solved_at_once && in_time(v)
        }),
        parts: [
            share(&|v| v.live),
            share(&|v| v.pleasant),
            share(&|v| v.professional),
            share(&|v| v.solved_at_once),
            share(&in_time),
        ],
    }
}

/// CSAT and NPS from survey answers.
///
/// # Example
///
/// See [`survey_scores`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyScores {
    /// Satisfaction answers counted (1–5 scale).
    pub csat_answers: usize,
    /// Share of 4 and 5 answers (the usual CSAT).
    pub csat: Option<f64>,
    /// Recommendation answers counted (0–10 scale).
    pub nps_answers: usize,
    /// Promoters (9–10) minus detractors (0–6), in percentage points from −100 to 100.
    pub nps: Option<f64>,
}

/// CSAT (1–5) and NPS (0–10) from answers; answers outside their scale are ignored and counted
/// in the returned `rejected`.
///
/// # Example
///
/// ```
/// let (s, rejected) = kesher::insight::survey_scores(&[5, 4, 2, 1, 9], &[10, 9, 7, 3, 11]);
/// assert_eq!((s.csat, s.nps, rejected), (Some(0.5), Some(25.0), 2));
/// ```
pub fn survey_scores(csat: &[u8], nps: &[u8]) -> (SurveyScores, usize) {
    let c: Vec<u8> = csat
        .iter()
        .copied()
        .filter(|v| (1..=5).contains(v))
        .collect();
    let r: Vec<u8> = nps.iter().copied().filter(|v| *v <= 10).collect();
    let rejected = csat.len() - c.len() + nps.len() - r.len();
    let promoters = r.iter().filter(|v| **v >= 9).count() as f64;
    let detractors = r.iter().filter(|v| **v <= 6).count() as f64;
    (
        SurveyScores {
            csat_answers: c.len(),
            csat: (!c.is_empty())
                .then(|| c.iter().filter(|v| **v >= 4).count() as f64 / c.len() as f64),
            nps_answers: r.len(),
            nps: (!r.is_empty()).then(|| (promoters - detractors) / r.len() as f64 * 100.0),
        },
        rejected,
    )
}
