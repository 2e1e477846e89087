//! The message catalogue: every built-in language has every message with the variables the
//! English one gives; kesher's reader of FTL formats exactly as Project Fluent's own
//! (`fluent-bundle`) on every built-in message and on selects, plurals, terms and literals in
//! the four languages; hosts override and add languages, and mistakes name the field.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use kesher::catalogue::{Catalogue, MessageArg};

const BUILT_IN: [(&str, &str); 4] = [
    ("en", include_str!("../../locales/en.ftl")),
    ("he", include_str!("../../locales/he.ftl")),
    ("ar", include_str!("../../locales/ar.ftl")),
    ("ru", include_str!("../../locales/ru.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

/// fluent-bundle's reading of `ftl`, isolating values in right-to-left languages.
fn bundle(language: &str, ftl: &str) -> Bundle {
    let resource =
        FluentResource::try_new(ftl.to_string()).unwrap_or_else(|(_, e)| panic!("{e:?}"));
    let tag: unic_langid::LanguageIdentifier = language.parse().unwrap();
    let mut bundle = FluentBundle::new(vec![tag]);
    bundle.set_use_isolating(Catalogue::is_right_to_left(language));
    bundle.add_resource(resource).unwrap();
    bundle
}

/// The same text formatted by fluent-bundle.
fn fluent(language: &str, ftl: &str, id: &str, args: &[(&str, MessageArg<'_>)]) -> String {
    fluent_with(&bundle(language, ftl), id, args)
}

fn fluent_with(bundle: &Bundle, id: &str, args: &[(&str, MessageArg<'_>)]) -> String {
    let mut fargs = FluentArgs::new();
    for (name, value) in args {
        match value {
            MessageArg::Text(t) => fargs.set(*name, FluentValue::from(*t)),
            MessageArg::Count(n) => fargs.set(*name, FluentValue::from(*n)),
            // Fluent has no phrases (they differ from text only in not being isolated).
            MessageArg::Phrase(t) => fargs.set(*name, FluentValue::from(*t)),
        }
    }
    let message = bundle.get_message(id).unwrap();
    let mut errors = vec![];
    let out = bundle
        .format_pattern(message.value().unwrap(), Some(&fargs), &mut errors)
        .into_owned();
    assert!(errors.is_empty(), "{id}: {errors:?}");
    out
}

const SAMPLE_ARGS: [(&str, MessageArg<'static>); 43] = [
    ("metric", MessageArg::Text("first_response")),
    ("percent", MessageArg::Text("75")),
    ("rule", MessageArg::Text("public complaint")),
    ("promise", MessageArg::Text("cb-1")),
    ("channel", MessageArg::Text("twitter")),
    ("count", MessageArg::Count(3)),
    ("level", MessageArg::Text("-0.50")),
    ("days", MessageArg::Count(30)),
    ("date", MessageArg::Text("5.3")),
    ("balance", MessageArg::Text("+2")),
    ("customer", MessageArg::Text("Dana")),
    ("refund", MessageArg::Text("199.00 ILS")),
    ("n", MessageArg::Count(2)),
    ("basis", MessageArg::Text("business")),
    ("hours", MessageArg::Count(2)),
    ("minutes", MessageArg::Count(30)),
    ("day", MessageArg::Count(6)),
    ("month", MessageArg::Count(1)),
    ("weekday", MessageArg::Text("fri")),
    ("first", MessageArg::Text("Sunday")),
    ("last", MessageArg::Text("Thursday")),
    ("head", MessageArg::Text("a, b")),
    ("name", MessageArg::Text("telegram")),
    ("priority", MessageArg::Text("urgent")),
    ("duration", MessageArg::Text("2 hours")),
    ("requests", MessageArg::Text("urgent requests")),
    ("what", MessageArg::Text("your requests")),
    ("within", MessageArg::Text("2 hours")),
    ("times", MessageArg::Text("09:00–17:00")),
    ("targets", MessageArg::Text("answer")),
    ("kind", MessageArg::Text("voicemail")),
    ("contacts", MessageArg::Text("calls")),
    ("channels", MessageArg::Text("phone")),
    ("time", MessageArg::Text("10:30")),
    ("by", MessageArg::Text("Friday 10:30")),
    ("agent", MessageArg::Text("Noa")),
    ("company", MessageArg::Text("Acme")),
    ("solution", MessageArg::Text("A new kettle.")),
    ("order", MessageArg::Text("A-1")),
    ("promised_time", MessageArg::Text("Friday")),
    ("number", MessageArg::Count(1)),
    ("status", MessageArg::Text("closed")),
    ("limit", MessageArg::Count(3)),
];

/// Every value a select of the built-in messages names, and one it does not.
const SELECTS: [(&str, &[&str]); 9] = [
    ("status", &["closed", "released", "reopened", "in_progress"]),
    (
        "channel",
        &[
            "any",
            "phone",
            "email",
            "voicemail",
            "facebook_page",
            "facebook_messenger",
            "twitter",
            "whatsapp",
            "sms",
            "chat",
            "web_form",
            "store_visit",
            "other",
        ],
    ),
    (
        "metric",
        &[
            "acknowledgement",
            "first_response",
            "next_response",
            "resolution",
            "follow_up",
            "interaction_response",
        ],
    ),
    ("priority", &["urgent", "high", "normal", "low"]),
    (
        "kind",
        &["voicemail", "missed_call", "call", "visit", "message"],
    ),
    (
        "weekday",
        &["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    ),
    ("basis", &["business", "calendar"]),
    ("refund", &["none", "199.00 ILS"]),
    ("percent", &["75", "100"]),
];

/// Messages of punctuation and values only, which may read the same in every language.
const SAME_IN_EVERY_LANGUAGE: [&str; 6] = [
    "report-percent-space",
    "weekday-range",
    "list-separator",
    "statement-hours-on",
    "statement-business-hours",
    "template-reply-solution",
];

/// `args` with every count set to `n`.
fn with_counts(n: i64) -> [(&'static str, MessageArg<'static>); 43] {
    SAMPLE_ARGS.map(|(name, v)| match v {
        MessageArg::Count(_) => (name, MessageArg::Count(n)),
        other => (name, other),
    })
}

#[test]
fn every_language_has_every_message_and_reads_as_fluent_reads_it() {
    let words = Catalogue::built_in();
    assert_eq!(words.languages(), ["ar", "en", "he", "ru"]);
    let english = words.message_ids("en");
    assert!(english.len() >= 4);
    for (language, ftl) in BUILT_IN {
        assert_eq!(words.message_ids(language), english, "{language}");
        assert!(words.missing(language).is_empty(), "{language}");
        // Each message only uses variables the English one gives.
        words.with_messages(language, ftl).unwrap();
        let theirs = bundle(language, ftl);
        for id in &english {
            for n in [0, 1, 2, 3, 5, 11, 12, 21, 22, 25, 101] {
                let args = with_counts(n);
                let ours = words.format(language, id, &args).unwrap();
                assert_eq!(
                    ours,
                    fluent_with(&theirs, id, &args),
                    "{language} {id} n={n}"
                );
            }
            for (name, values) in SELECTS {
                for value in values {
                    let mut args = SAMPLE_ARGS;
                    for arg in &mut args {
                        if arg.0 == name {
                            arg.1 = MessageArg::Text(value);
                        }
                    }
                    let ours = words.format(language, id, &args).unwrap();
                    let expected = fluent_with(&theirs, id, &args);
                    assert_eq!(ours, expected, "{language} {id} {name}={value}");
                }
            }
            let ours = words.format(language, id, &SAMPLE_ARGS).unwrap();
            // Values are isolated in right-to-left text only.
            let isolated = ours.contains('\u{2068}');
            let rtl = Catalogue::is_right_to_left(language);
            assert!(!isolated || rtl, "{language} {id}: {ours}");
            if rtl && id.starts_with("escalation-") {
                assert!(isolated, "{language} {id}: {ours}");
            }
            // Each language writes its own words.
            if language != "en" && !SAME_IN_EVERY_LANGUAGE.contains(id) {
                assert_ne!(
                    ours,
                    words.format("en", id, &SAMPLE_ARGS).unwrap(),
                    "{language} {id} is English"
                );
            }
        }
    }
}

#[test]
fn phrases_run_in_the_sentence_and_text_is_isolated() {
    let words = Catalogue::built_in();
    let args = [
        ("targets", MessageArg::Phrase("עונים לפניות")),
        ("hours", MessageArg::Phrase("")),
    ];
    assert_eq!(
        words.format("he", "statement", &args).unwrap(),
        "אנחנו עונים לפניות."
    );
    let args = [
        ("targets", MessageArg::Text("answer")),
        ("hours", MessageArg::Phrase("")),
    ];
    assert_eq!(
        words.format("he", "statement", &args).unwrap(),
        "אנחנו \u{2068}answer\u{2069}."
    );
}

/// Selects, plural forms, exact numbers, terms, literals, escapes and multiline values.
const SYNTHETIC: &str = r#"
# A comment
-brand = Kesher
items = { $count ->
    [0] no items
    [one] one item from { -brand }
    [two] a pair
    [few] a few ({ $count })
    [many] many ({ $count })
   *[other] { $count } items
}
kind = { $kind ->
    [email] an e-mail
   *[other] a message on { $kind }
  }
quoted = { "{" }{ $count }{ "}" } and { "\u05D0" } and { "a\"b" }
multi =
    first line { $count }
    second line
      indented more
number = { 42 } and { -brand } and { $count }
"#;

#[test]
fn selects_plurals_terms_and_literals_format_as_fluent_formats_them() {
    for language in ["en", "he", "ar", "ru"] {
        let resource = SYNTHETIC;
        for n in (-3..=130).chain([1001, 1_000_000]) {
            for id in ["items", "quoted", "multi", "number"] {
                let args = [("count", MessageArg::Count(n))];
                let ours = format_synthetic(language, resource, id, &args);
                // intl_pluralrules 7.0.2, which fluent-bundle uses, drops CLDR's `n % 100` in
                // Arabic's `few` and `many` (103 is `few` in CLDR, `other` there): past 100,
                // kesher follows CLDR, checked in the next test.
                if language == "ar" && n.abs() >= 100 && id == "items" {
                    continue;
                }
                assert_eq!(
                    ours,
                    fluent(language, resource, id, &args),
                    "{language} {id} n={n}"
                );
            }
        }
        for kind in ["email", "twitter", ""] {
            let args = [("kind", MessageArg::Text(kind))];
            let ours = format_synthetic(language, resource, "kind", &args);
            assert_eq!(
                ours,
                fluent(language, resource, "kind", &args),
                "{language} kind={kind}"
            );
        }
    }
}

/// Formats a message of a catalogue of its own (not one kesher writes).
fn format_synthetic(
    language: &str,
    ftl: &str,
    id: &str,
    args: &[(&str, MessageArg<'_>)],
) -> String {
    Catalogue::from_ftl(language, ftl)
        .unwrap()
        .format(language, id, args)
        .unwrap()
}

#[test]
fn arabic_plural_forms_past_one_hundred_follow_cldr() {
    for (n, expected) in [
        (100, "\u{2068}100\u{2069} items"),
        (102, "\u{2068}102\u{2069} items"),
        (103, "a few (\u{2068}103\u{2069})"),
        (110, "a few (\u{2068}110\u{2069})"),
        (111, "many (\u{2068}111\u{2069})"),
        (199, "many (\u{2068}199\u{2069})"),
        (1003, "a few (\u{2068}1003\u{2069})"),
    ] {
        let args = [("count", MessageArg::Count(n))];
        assert_eq!(
            format_synthetic("ar", SYNTHETIC, "items", &args),
            expected,
            "{n}"
        );
    }
}

#[test]
fn hosts_override_and_add_languages_and_mistakes_name_the_field() {
    let words = Catalogue::built_in();
    let args = [
        ("metric", MessageArg::Text("resolution")),
        ("rule", MessageArg::Text("r")),
    ];
    let ours = words
        .with_messages("he", "escalation-breach = חרגנו ב{ $metric }")
        .unwrap();
    assert_eq!(
        ours.format("he", "escalation-breach", &args).unwrap(),
        "חרגנו ב\u{2068}resolution\u{2069}"
    );
    assert_eq!(
        ours.format("he", "escalation-share", &SAMPLE_ARGS),
        words.format("he", "escalation-share", &SAMPLE_ARGS)
    );
    // A new language needs every message.
    let english = include_str!("../../locales/en.ftl");
    let french = english
        .replace("has used", "a utilisé")
        .replace("is breached", "est dépassé")
        .replace("(rule", "(règle");
    let fr = words.with_messages("fr", &french).unwrap();
    assert_eq!(
        fr.format("fr-CA", "escalation-breach", &args).unwrap(),
        "resolution est dépassé (règle r)"
    );
    assert!(!Catalogue::is_right_to_left("fr"));
    for (language, ftl, field, words_in_error) in [
        (
            "fr",
            "escalation-breach = x",
            "catalogue.fr",
            "needs every message",
        ),
        (
            "en",
            "escalation-breach = { $nope }",
            "catalogue.en",
            "$nope",
        ),
        (
            "en",
            "no-such-message = x",
            "catalogue.en",
            "no-such-message",
        ),
        (
            "en",
            "escalation-breach = { $metric",
            "catalogue.en",
            "line 1",
        ),
        (
            "en",
            "\n\nescalation-breach = {\n",
            "catalogue.en",
            "line 3",
        ),
        (
            "en",
            "escalation-breach = { $n ->\n  [one] x\n}",
            "catalogue.en",
            "default variant",
        ),
        ("EN", "escalation-breach = x", "language", "EN"),
    ] {
        let err = words.with_messages(language, ftl).unwrap_err();
        assert_eq!(err.field(), Some(field), "{ftl}: {err}");
        assert!(err.to_string().contains(words_in_error), "{ftl}: {err}");
    }
    let err = words.format("fr", "escalation-breach", &args).unwrap_err();
    assert_eq!(err.field(), Some("language"));
    let err = words.format("en", "escalation-breach", &[]).unwrap_err();
    assert_eq!(err.field(), Some("metric"));
    let err = words.format("en", "nothing", &args).unwrap_err();
    assert_eq!(err.field(), Some("nothing"));
}
