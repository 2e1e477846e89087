//! The report's words, from the message catalogue (`report-*` messages, English, Hebrew,
//! Arabic and Russian; `crates/kesher/locales/`).

use crate::catalogue::Catalogue;
use crate::Language;

/// Declares the report's labels: one field per `report-<field>` message (underscores written
/// as dashes in the message id).
macro_rules! labels {
    ($($(#[$doc:meta])* $field:ident),* $(,)?) => {
        /// Every label of the HTML report, in one language.
        #[derive(Debug)]
        pub(super) struct Words {
            $($(#[$doc])* pub $field: String,)*
        }

        impl Words {
            /// The labels in `lang`, from the built-in catalogue.
            fn from_catalogue(catalogue: &Catalogue, lang: Language) -> Words {
                Words {
                    $($field: label(catalogue, lang, stringify!($field)),)*
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

/// One label: its message, or (never for a built-in language, whose every message a test
/// checks) the error's text, visible in the page rather than a panic.
fn label(catalogue: &Catalogue, lang: Language, field: &str) -> String {
    let id = format!("report-{}", field.replace('_', "-"));
    catalogue
        .format(lang.code(), &id, &[])
        .unwrap_or_else(|e| e.to_string())
}

pub(super) fn words(lang: Language) -> Words {
    Words::from_catalogue(Catalogue::built_in(), lang)
}
