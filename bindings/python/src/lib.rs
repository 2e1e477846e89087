//! The native part of the `kesher` Python package: conversion between Python objects and the
//! Rust core, nothing else. The Python layer (`python/kesher/`) adds enums, array helpers and
//! the typed stubs.

mod arrow;
mod calendar;
mod cases;
mod catalogue;
mod convert;
mod errors;
mod import;
mod insight;
mod journey;
mod live;
mod people;
mod playbook;
mod report;
mod sla;
mod text;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_class::<calendar::Calendar>()?;
    m.add_class::<cases::Case>()?;
    m.add_class::<cases::FoldResult>()?;
    m.add_function(wrap_pyfunction!(cases::fold, m)?)?;
    m.add_function(wrap_pyfunction!(cases::case_states, m)?)?;
    m.add_class::<arrow::ArrowBatch>()?;
    m.add_function(wrap_pyfunction!(cases::check_event, m)?)?;
    m.add_function(wrap_pyfunction!(cases::read_cases, m)?)?;
    m.add_function(wrap_pyfunction!(import::read_events, m)?)?;
    m.add_class::<sla::ContractSet>()?;
    m.add_class::<sla::SlaEngine>()?;
    m.add_class::<sla::CaseSla>()?;
    m.add_class::<journey::EmotionModel>()?;
    m.add_function(wrap_pyfunction!(text::read_messages, m)?)?;
    m.add_class::<journey::Journey>()?;
    m.add_class::<journey::Pattern>()?;
    m.add_class::<journey::PatternBuilder>()?;
    m.add_function(wrap_pyfunction!(cases::service_metrics, m)?)?;
    m.add_function(wrap_pyfunction!(cases::recurring_problems, m)?)?;
    m.add_class::<insight::MetricsBuilder>()?;
    m.add_class::<insight::ProblemSample>()?;
    m.add_class::<insight::RetentionTally>()?;
    m.add_class::<people::Customer>()?;
    m.add_class::<people::Interaction>()?;
    m.add_class::<playbook::ReplyTemplate>()?;
    m.add_function(wrap_pyfunction!(playbook::acknowledgement, m)?)?;
    m.add_class::<report::Report>()?;
    m.add_class::<live::LiveCase>()?;
    m.add_class::<live::WakeSchedule>()?;
    m.add_class::<live::EscalationRules>()?;
    m.add_class::<catalogue::Catalogue>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
