//! The report's words, from the message catalogue (`report-*` messages, English, Hebrew,
//! Arabic and Russian; `crates/kesher/locales/`).

use crate::catalogue::Wording;

/// Declares the report's labels: one field per `report-<field>` message (underscores written
/// as dashes in the message id).
macro_rules! labels {
    ($($(#[$doc:meta])* $field:ident),* $(,)?) => {
        /// Every label of the HTML report, in one wording (which also words the pictures).
        #[derive(Debug)]
        pub(super) struct Words<'a> {
            /// The catalogue and language the labels come from.
            pub wording: Wording<'a>,
            $($(#[$doc])* pub $field: String,)*
        }

        impl<'a> Words<'a> {
            /// The labels in `wording`.
            pub(super) fn new(wording: Wording<'a>) -> Words<'a> {
                Words {
                    wording,
                    $($field: label(wording, stringify!($field)),)*
                }
            }
        }
    };
}

labels!(
    title,
    cases,
    cases_title,
    dropped,
    percent_space,
    below,
    from,
    to,
    as_of,
    inputs,
    refused_cases,
    read,
    accepted,
    rejected,
    median_first_response,
    p90_first_response,
    within_sla,
    fcr,
    unanswered,
    public_balance,
    customer_said,
    waiting,
    transfers,
    to_win_back,
    by_brand,
    by_channel,
    brand,
    channel,
    hardest_stage,
    first_response_distribution,
    no_answer,
    emotion_pattern,
    lowest_journey,
    prone_to_trouble,
    no_trouble,
    problems,
    problems_intro,
    /// Before "N of M": the clusters come from a sample.
    problems_sampled,
    of,
    problem,
    terms,
    share,
    cumulative,
    example,
    answer_candidate,
    retention,
    win_back,
    nurture,
    word_of_mouth,
    customer,
    score,
    facts,
    nurture_needs_records,
    of_total,
    contracts,
    coverage,
    contacts,
    covered,
    partial,
    uncovered,
    no_contracts,
    not_available,
    no_resolutions,
    method,
    method_text,
    min,
    hours,
    days,
    seconds,
    none,
    more_brands,
);

/// One label: its `report-*` message (a `Wording` has every message kesher writes).
fn label(wording: Wording<'_>, field: &str) -> String {
    wording.say(&format!("report-{}", field.replace('_', "-")), &[])
}
