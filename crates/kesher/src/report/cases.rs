//! The report over cases held in memory, for callers that have them all at once (the Python and
//! WebAssembly packages); `kesher report` streams through [`ReportBuilder`] instead.

use super::read_once::ReadOnce;
use super::{Report, ReportBuilder, ReportOptions};
use crate::{
    case::Case,
    error::Result,
    journey::EmotionModel,
    sla::{ContractSet, SlaEngine},
    text::SentimentScorer,
};
use chrono::{DateTime, Utc};

/// The report over `cases`: each case's SLA evaluated with `contracts` when given, its journey
/// built by the emotion model with the baseline lexicon (the model of `kesher report`), the
/// clocks read at `now`, or at the latest event of the cases when `None`.
///
/// # Errors
///
/// The first SLA evaluation that fails (a contract's calendar with no working time ahead).
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog, sla::ContractSet, Language};
/// use kesher::report::{report_of_cases, ReportOptions};
///
/// let mut log = CaseLog::default();
/// log.insert(CaseEvent::from_json(r#"{"type": "opened", "case_id": "T", "at": "2025-01-05T09:00:00Z",
///     "customer": {"id": "c"}, "channel": "chat", "metadata": {"brand": "Acme"}}"#)?);
/// let contracts = ContractSet::from_json(r#"[{"name": "std", "calendar": "us",
///     "targets": [{"metric": "first_response", "within": 3600}]}]"#)?;
/// let report = report_of_cases(&[log.fold()?], Some(&contracts), ReportOptions::default(), Language::En, None)?;
/// assert_eq!(report.brands[0].name, "Acme");
/// assert_eq!(report.now.to_rfc3339(), "2025-01-05T09:00:00+00:00"); // the latest event
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn report_of_cases<'a>(
    cases: &[Case],
    contracts: Option<&ContractSet>,
    options: ReportOptions,
    language: impl Into<crate::catalogue::Wording<'a>>,
    now: Option<DateTime<Utc>>,
) -> Result<Report> {
    let now = now.unwrap_or_else(|| {
        cases
            .iter()
            .map(Case::last_event_at)
            .max()
            .unwrap_or(DateTime::UNIX_EPOCH)
    });
    let mut engine = contracts.cloned().map(SlaEngine::new);
    // Each case's messages read once: by the journey's drawing, and the report's tallies
    // through what it read.
    let read = ReadOnce::new(&SentimentScorer::DEFAULT);
    let model = EmotionModel {
        scorer: Some(&read),
        segment_key: options.segment_key.clone(),
        stage_map: options.stage_map.clone(),
        ..EmotionModel::default()
    };
    let mut builder = ReportBuilder::new(options);
    for case in cases {
        match engine.as_mut().map(|e| e.evaluate(case, now)).transpose() {
            Ok(sla) => {
                read.clear();
                let journey = model.journey(case, now, sla.as_ref());
                builder.add_with_scorer(case, sla.as_ref(), &journey, &read, now);
            }
            Err(e) => builder.refuse(case.id().clone(), e),
        }
    }
    Ok(builder.finish(contracts, language, now))
}
