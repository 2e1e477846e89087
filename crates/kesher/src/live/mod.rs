//! Living inside a CRM: a case kept between events ([`LiveCase`]), what each event or tick
//! changed ([`CaseChanges`]), and when many cases next need attention ([`WakeSchedule`]).
//!
//! A host that receives events one at a time keeps, per case, a [`LiveCase`] (or its
//! snapshot, a JSON document), applies each event to it, acts on the changes, and sets the
//! case's wake-up in one [`WakeSchedule`]. When the schedule says a case is due, the host ticks
//! it: warnings, breaches and broken promises happen by the clock alone. Stepping the schedule
//! this way gives the same states as evaluating every case at every instant (property-tested).

mod case;
mod changes;
mod held;
mod schedule;
mod snapshot;

pub use case::LiveCase;
pub use changes::{CaseChanges, PromiseChange, StatusChange, TargetChange};
pub use schedule::WakeSchedule;
