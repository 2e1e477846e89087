#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Releases fold into the relationship outcome; audits and surveys score as documented.

use kesher::insight::{audit_score, survey_scores, AuditVisit};
use kesher::playbook::release;
use kesher::{case::CaseLog, event::CaseEvent, CaseId, CaseStatus, Language, Money};
use proptest::prelude::*;

#[test]
fn a_release_folds_into_a_released_case_with_the_refund_and_the_message() {
    let mut log = CaseLog::default();
    log.insert(CaseEvent::from_json(r#"{"type": "opened", "case_id": "T", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#).unwrap());
    let (event, message) = release(
        &CaseId::new("T").unwrap(),
        1,
        "2025-01-06T09:00:00Z".parse().unwrap(),
        Some(Money::new(5_050, "ILS").unwrap()),
        "דנה",
        Language::He,
    )
    .unwrap();
    // The amount is isolated in the Hebrew sentence, as every value in right-to-left text.
    assert!(message.contains("\u{2068}50.50 ILS\u{2069}"), "{message}");
    log.insert(event);
    let case = log.fold().unwrap();
    assert_eq!(case.status(), CaseStatus::Released);
    let r = case.release().unwrap();
    assert_eq!(r.refund.unwrap().amount_minor, 5_050);
    assert_eq!(r.note.as_deref(), Some(message.as_str()));
    assert!(release(
        &CaseId::new("T").unwrap(),
        1,
        "2025-01-06T09:00:00Z".parse().unwrap(),
        Some(Money::new(-1, "ILS").unwrap()),
        "x",
        Language::En
    )
    .is_err());
}

proptest! {
    #[test]
    fn scores_are_shares_and_nps_is_bounded(csat in prop::collection::vec(0u8..8, 0..40), nps in prop::collection::vec(0u8..13, 0..40)) {
        let (s, rejected) = survey_scores(&csat, &nps);
        prop_assert_eq!(s.csat_answers + s.nps_answers + rejected, csat.len() + nps.len());
        if let Some(c) = s.csat { prop_assert!((0.0..=1.0).contains(&c)); }
        if let Some(n) = s.nps { prop_assert!((-100.0..=100.0).contains(&n)); }
    }

    #[test]
    fn the_law_is_kept_no_more_often_than_any_part(flags in prop::collection::vec((any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), 0.0f64..300.0), 1..30)) {
        let visits: Vec<AuditVisit> = flags.iter().map(|&(live, pleasant, professional, solved_at_once, waited_seconds)| AuditVisit { live, pleasant, professional, solved_at_once, waited_seconds }).collect();
        let s = audit_score(&visits, 90.0);
        let law = s.law_kept.unwrap();
        for part in s.parts {
            prop_assert!(law <= part.unwrap() + 1e-12);
        }
    }
}
