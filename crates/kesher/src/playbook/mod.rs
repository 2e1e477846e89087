//! The service playbook: what a support team does for each customer, by the book.
//!
//! So far: the [`acknowledgement`] that promises an honest answer time from the SLA contract;
//! [`ReplyTemplate`]s with the structure of a good answer; the [`next_follow_up`] after
//! resolution and its message ([`FollowUpPlan::message`]), and [`survey_allowed`] under a
//! fatigue cap; the [`release`] of a customer who cannot be helped. Every text comes from the
//! message catalogue ([`crate::catalogue`]) in English, Hebrew, Arabic or Russian, or a host's
//! own wording. The promise ledger and its guard are [`crate::promise::Promise`] and
//! [`crate::ledger::PromiseGuard`].

mod acknowledge;
mod followup;
mod release;
mod templates;

pub use acknowledge::{acknowledgement, Acknowledgement};
pub use followup::{
    next_follow_up, next_follow_up_in, survey_allowed, FollowUpPlan, FollowUpPolicy,
};
pub use release::release;
pub use templates::ReplyTemplate;
