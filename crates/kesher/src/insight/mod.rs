//! Insights over many cases: the numbers a support manager looks at.
//!
//! So far: [`ServiceMetrics`] (first response and resolution times in calendar and business
//! time, first contact resolution, transfers, back-and-forth, reopens, SLA compliance per
//! channel, contract and agent, unanswered messages per channel), mystery-shopper
//! [`audit_score`]s against the one law, and CSAT/NPS [`survey_scores`].

mod audit;
mod durations;
mod grouped;
mod metrics;
mod problems;
mod retention;
mod words;

pub use audit::{audit_score, survey_scores, AuditScore, AuditVisit, SurveyScores};
pub use metrics::{Compliance, DurationStats, MetricsBuilder, ServiceMetrics};
pub use problems::{
    recurring_problems, recurring_problems_in, ProblemCluster, ProblemDigest, ProblemSample,
    RecurringProblems, PROBLEM_SAMPLE_SIZE,
};
pub use retention::{retention_signals, CustomerHistory, RetentionSignals, RetentionTally, Signal};
