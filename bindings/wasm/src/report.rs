//! The service report of `kesher report`: figures as JSON and the self-contained HTML page.

use crate::error::{fail, parse, to_json, Result};
use crate::text::{instant, language};
use wasm_bindgen::prelude::*;

/// The report over cases (JSON array), with SLA figures when contracts (JSON text) are given, at `now`
/// (null: the latest event of the cases), in `en` or `he`: JSON text `{"report", "html"}`.
#[wasm_bindgen(js_name = buildReport)]
pub fn build_report(
    cases_json: &str,
    contracts_json: Option<String>,
    lang: &str,
    now: Option<String>,
    segment_key: String,
) -> Result<String> {
    let cases: Vec<kesher::Case> = parse("cases", cases_json)?;
    let lang = language(lang)?;
    let now = match now {
        Some(t) => instant("now", &t)?,
        None => cases
            .iter()
            .map(kesher::Case::last_event_at)
            .max()
            .unwrap_or(chrono::DateTime::UNIX_EPOCH),
    };
    let set = contracts_json
        .map(|t| kesher::ContractSet::from_json(&t).map_err(fail))
        .transpose()?;
    let mut sla_engine = set.clone().map(kesher::SlaEngine::new);
    let model = kesher::EmotionModel {
        scorer: Some(&kesher::LexiconScorer),
        segment_key: segment_key.clone(),
        ..kesher::EmotionModel::default()
    };
    let mut b = kesher::report::ReportBuilder::new(kesher::report::ReportOptions {
        segment_key,
        ..kesher::report::ReportOptions::default()
    });
    for case in &cases {
        let sla = sla_engine
            .as_mut()
            .map(|e| e.evaluate(case, now))
            .transpose()
            .map_err(fail)?;
        let journey = model.journey(case, sla.as_ref(), now);
        b.add(case, sla.as_ref(), &journey, now);
    }
    let report = b.finish(&Default::default(), set.as_ref(), lang, now);
    let html = report.to_html();
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
