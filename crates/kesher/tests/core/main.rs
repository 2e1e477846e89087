//! The core crate's tests, in one binary (one link instead of one per file): each module is
//! the tests of one part of kesher.

mod audit_release;
mod calendar_properties;
mod calendar_rules;
mod catalogue;
mod common;
mod customer;
mod fold;
mod followup;
mod holidays;
mod ids;
mod journey;
mod journey_properties;
mod no_panic;
mod partials;
mod playbook;
mod playbook_properties;
mod problems;
mod promises;
mod properties;
mod report;
mod retention;
mod schema;
mod sla;
mod sla_properties;
mod statements;
mod text_scorer;
mod turn_kinds;
mod vectors;
mod zones;
