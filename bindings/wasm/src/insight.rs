//! The manager's numbers over folded cases: service metrics and recurring problems.

use crate::error::{invalid, parse, to_json, Result};
use wasm_bindgen::prelude::*;

/// Service metrics (first response, FCR, transfers, SLA compliance...) of cases (JSON array)
/// with their SLA evaluations (JSON array as long as the cases, entries may be null; or null).
#[wasm_bindgen(js_name = serviceMetrics)]
pub fn service_metrics(cases_json: &str, slas_json: Option<String>) -> Result<String> {
    let cases: Vec<kesher::case::Case> = parse("cases", cases_json)?;
    let slas: Vec<Option<kesher::sla::CaseSla>> = match slas_json {
        Some(t) => parse("slas", &t)?,
        None => vec![None; cases.len()],
    };
    if slas.len() != cases.len() {
        return Err(invalid(
            "slas",
            &slas.len().to_string(),
            &format!(
                "expected {} evaluations, one per case (null where none)",
                cases.len()
            ),
        ));
    }
    let mut b = kesher::insight::MetricsBuilder::default();
    for (case, sla) in cases.iter().zip(&slas) {
        b.add(case, sla.as_ref());
    }
    to_json("metrics", &b.finish())
}

/// Problems that recur in at least `min_cases` cases, with the answer that worked.
#[wasm_bindgen(js_name = recurringProblems)]
pub fn recurring_problems(cases_json: &str, min_cases: u32) -> Result<String> {
    let cases: Vec<kesher::case::Case> = parse("cases", cases_json)?;
    let digests: Vec<_> = cases
        .iter()
        .filter_map(kesher::insight::ProblemDigest::of)
        .collect();
    to_json(
        "problems",
        &kesher::insight::recurring_problems_in(&digests, min_cases.max(1) as usize),
    )
}
