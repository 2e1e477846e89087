//! Releasing a customer: refunded politely and parted with on good terms, recorded as a
//! relationship outcome distinct from a resolution.

use crate::catalogue::{MessageArg, Wording};
use crate::{
    error::Result,
    event::{CaseEvent, Released},
    id::CaseId,
    money::Money,
};
use chrono::{DateTime, Utc};

/// The `released` event and the parting message for a customer whose problem cannot be solved
/// the way they want: the refund (if any) and thanks, leaving the door open. The event moves
/// the case to `released` when folded (only from an open status: a released case stays
/// released).
///
/// # Errors
///
/// The event's own checks: a refund is not negative.
///
/// # Example
///
/// ```
/// use kesher::{playbook::release, CaseId, Language, Money};
///
/// let (event, message) = release(&CaseId::new("T-1")?, 9, "2025-01-06T09:00:00Z".parse().unwrap(),
///     Some(Money::new(19_900, "ILS")?), "Dana", Language::En)?;
/// assert_eq!(event.type_name(), "released");
/// assert_eq!(message, "Dana, we are sorry we could not solve this the way you wanted. We have refunded \
///     199.00 ILS. Thank you for giving us the chance; we hope you will consider us again.");
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn release<'a>(
    case_id: &CaseId,
    seq: u64,
    at: DateTime<Utc>,
    refund: Option<Money>,
    customer_name: &str,
    wording: impl Into<Wording<'a>>,
) -> Result<(CaseEvent, String)> {
    let amount = refund.map(|m| {
        let minor = m.amount_minor;
        format!("{}.{:02} {}", minor / 100, (minor % 100).abs(), m.currency)
    });
    let refund_text = amount.as_deref().unwrap_or("none");
    let args = [
        ("customer", MessageArg::Text(customer_name)),
        ("refund", MessageArg::Text(refund_text)),
    ];
    let message = wording.into().say("release-message", &args);
    let event = CaseEvent::Released(Released {
        case_id: case_id.clone(),
        seq,
        at,
        refund,
        note: Some(message.clone()),
    });
    event.validate()?;
    Ok((event, message))
}
