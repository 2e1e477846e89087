//! Insights over many cases: the numbers a support manager looks at.
//!
//! So far: [`ServiceMetrics`] (first response and resolution times in calendar and business
//! time, first contact resolution, transfers, back-and-forth, reopens, SLA compliance per
//! channel, contract and agent, unanswered messages per channel).

mod metrics;

pub use metrics::{Compliance, DurationStats, ServiceMetrics};
