//! Living inside a CRM: a case kept between events ([`LiveCase`]), what each event or tick
//! changed ([`CaseChanges`]), and when many cases next need attention ([`WakeSchedule`]).
//!
//! A host that receives events one at a time keeps, per case, a [`LiveCase`] (or its
//! snapshot, a JSON document), applies each event to it, acts on the changes, and sets the
//! case's wake-up in one [`WakeSchedule`]. When the schedule says a case is due, the host ticks
//! it: warnings, breaches and broken promises happen by the clock alone. Stepping the schedule
//! this way gives the same states as evaluating every case at every instant (property-tested).
//! [`EscalationRules`] (declarative JSON next to the contracts) say, at each reading, which
//! actions to take: notify a group, raise the priority, hand the case to a team, acknowledge;
//! the host confirms and records them as events ([`Escalation::events`]).

mod case;
mod changes;
mod held;
mod rules;
mod schedule;
mod snapshot;

pub use case::LiveCase;
pub use changes::{CaseChanges, PromiseChange, StatusChange, TargetChange};
pub use rules::{Escalation, EscalationAction, EscalationRule, EscalationRules, EscalationTrigger};
pub use schedule::WakeSchedule;
