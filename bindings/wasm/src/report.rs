//! The service report of `kesher report`: figures as JSON and the self-contained HTML page.

use crate::error::{fail, parse, to_json, Result};
use crate::text::{instant, language};
use wasm_bindgen::prelude::*;

/// The report over cases (JSON array), with SLA figures when contracts (JSON text) are given, at `now`
/// (null: the latest event of the cases), in `en`, `he`, `ar` or `ru`, with a stage map (JSON
/// text; null: the default): JSON text `{"report", "html"}`.
#[wasm_bindgen(js_name = buildReport)]
pub fn build_report(
    cases_json: &str,
    contracts_json: Option<String>,
    lang: &str,
    now: Option<String>,
    segment_key: String,
    stage_map_json: Option<String>,
) -> Result<String> {
    let wording = language(lang)?.into();
    build_report_in(
        cases_json,
        contracts_json,
        wording,
        now,
        segment_key,
        stage_map_json,
    )
}

/// The report in `wording` (the built-in catalogue's or a host's).
pub(crate) fn build_report_in(
    cases_json: &str,
    contracts_json: Option<String>,
    wording: kesher::catalogue::Wording<'_>,
    now: Option<String>,
    segment_key: String,
    stage_map_json: Option<String>,
) -> Result<String> {
    let cases: Vec<kesher::case::Case> = parse("cases", cases_json)?;
    let contracts = contracts_json
        .map(|t| kesher::sla::ContractSet::from_json(&t).map_err(fail))
        .transpose()?;
    let now = now.map(|t| instant("now", &t)).transpose()?;
    let options = kesher::report::ReportOptions {
        segment_key,
        stage_map: crate::journey::stage_map(stage_map_json)?,
        ..kesher::report::ReportOptions::default()
    };
    let report = kesher::report::report_of_cases(&cases, contracts.as_ref(), options, wording, now)
        .map_err(fail)?;
    let html = report.to_html_in(wording);
    #[derive(serde::Serialize)]
    struct Built<'a> {
        report: &'a kesher::report::Report,
        html: &'a str,
    }
    to_json(
        "report",
        &Built {
            report: &report,
            html: &html,
        },
    )
}
