//! The words of escalation reasons, in Hebrew and English.

use crate::Language;

/// One language's sentences (metric, share in percent, rule name…).
pub(super) struct Words {
    pub(super) share: fn(&str, &str, &str) -> String,
    pub(super) breach: fn(&str, &str) -> String,
    pub(super) promise: fn(&str, &str) -> String,
    pub(super) public: fn(&str, &str) -> String,
}

const EN: Words = Words {
    share: |metric, percent, rule| {
        format!("{metric} has used {percent}% of its time (rule {rule})")
    },
    breach: |metric, rule| format!("{metric} is breached (rule {rule})"),
    promise: |id, rule| format!("promise {id} was broken (rule {rule})"),
    public: |channel, rule| {
        format!("a customer wrote a negative public message on {channel} (rule {rule})")
    },
};

/// Names and ids are isolated left to right inside the Hebrew sentence.
const HE: Words = Words {
    share: |metric, percent, rule| {
        format!("\u{2066}{metric}\u{2069} ניצל {percent}% מהזמן שלו (כלל \u{2068}{rule}\u{2069})")
    },
    breach: |metric, rule| {
        format!("היעד \u{2066}{metric}\u{2069} הופר (כלל \u{2068}{rule}\u{2069})")
    },
    promise: |id, rule| format!("ההבטחה \u{2066}{id}\u{2069} הופרה (כלל \u{2068}{rule}\u{2069})"),
    public: |channel, rule| {
        format!(
            "לקוח כתב הודעה שלילית פומבית ב\u{2066}{channel}\u{2069} (כלל \u{2068}{rule}\u{2069})"
        )
    },
};

impl Words {
    pub(super) fn of(language: Language) -> &'static Words {
        match language {
            Language::He => &HE,
            Language::En => &EN,
        }
    }
}
