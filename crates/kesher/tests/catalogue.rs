//! The message catalogue: every built-in language has every message with the variables the
//! English one gives; kesher's reader of FTL formats exactly as Project Fluent's own
//! (`fluent-bundle`) on every built-in message and on selects, plurals, terms and literals in
//! the four languages; hosts override and add languages, and mistakes name the field.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use kesher::catalogue::{Catalogue, MessageArg};

const BUILT_IN: [(&str, &str); 4] = [
    ("en", include_str!("../locales/en.ftl")),
    ("he", include_str!("../locales/he.ftl")),
    ("ar", include_str!("../locales/ar.ftl")),
    ("ru", include_str!("../locales/ru.ftl")),
];

/// The same text formatted by fluent-bundle, isolating values in right-to-left languages.
fn fluent(language: &str, ftl: &str, id: &str, args: &[(&str, MessageArg<'_>)]) -> String {
    let resource =
        FluentResource::try_new(ftl.to_string()).unwrap_or_else(|(_, e)| panic!("{e:?}"));
    let tag: unic_langid::LanguageIdentifier = language.parse().unwrap();
    let mut bundle = FluentBundle::new(vec![tag]);
    bundle.set_use_isolating(Catalogue::is_right_to_left(language));
    bundle.add_resource(resource).unwrap();
    let mut fargs = FluentArgs::new();
    for (name, value) in args {
        match value {
            MessageArg::Text(t) => fargs.set(*name, FluentValue::from(*t)),
            MessageArg::Count(n) => fargs.set(*name, FluentValue::from(*n)),
        }
    }
    let message = bundle.get_message(id).unwrap();
    let mut errors = vec![];
    let out = bundle
        .format_pattern(message.value().unwrap(), Some(&fargs), &mut errors)
        .into_owned();
    assert!(errors.is_empty(), "{language} {id}: {errors:?}");
    out
}

const SAMPLE_ARGS: [(&str, MessageArg<'static>); 12] = [
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
];

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
        for id in &english {
            for n in [0, 1, 2, 3, 5, 11, 21, 22, 25, 101] {
                let mut args = SAMPLE_ARGS;
                args[5] = ("count", MessageArg::Count(n));
                let ours = words.format(language, id, &args).unwrap();
                assert_eq!(
                    ours,
                    fluent(language, ftl, id, &args),
                    "{language} {id} n={n}"
                );
            }
            let mut nothing = SAMPLE_ARGS;
            nothing[11] = ("refund", MessageArg::Text("none"));
            let ours = words.format(language, id, &nothing).unwrap();
            assert_eq!(ours, fluent(language, ftl, id, &nothing), "{language} {id}");
            let ours = words.format(language, id, &SAMPLE_ARGS).unwrap();
            assert_eq!(
                ours,
                fluent(language, ftl, id, &SAMPLE_ARGS),
                "{language} {id}"
            );
            // Values are isolated in right-to-left text only.
            let isolated = ours.contains('\u{2068}');
            let rtl = Catalogue::is_right_to_left(language);
            assert!(!isolated || rtl, "{language} {id}: {ours}");
            if rtl && id.starts_with("escalation-") {
                assert!(isolated, "{language} {id}: {ours}");
            }
            // Each language writes its own words (a space between a number and `%` may agree).
            if language != "en" && *id != "report-percent-space" {
                assert_ne!(
                    ours,
                    words.format("en", id, &SAMPLE_ARGS).unwrap(),
                    "{language} {id} is English"
                );
            }
        }
    }
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
    let english = include_str!("../locales/en.ftl");
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
