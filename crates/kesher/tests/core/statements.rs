#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Contract statements in the four built-in languages and a host's wording, and the
//! channel-coverage check.

use kesher::catalogue::{Catalogue, Wording};
use kesher::sla::statement::{channel_coverage, set_statements, statements, traffic, Coverage};
use kesher::{case::CaseLogs, event::CaseEvent, sla::ContractSet, Channel, Language};

fn set() -> ContractSet {
    ContractSet::from_json(r#"[
      {"name": "social", "conditions": {"channels": ["facebook_page", "twitter"]}, "calendar": "israel",
       "targets": [{"metric": "acknowledgement", "within": 300, "time": "calendar"},
                   {"metric": "first_response", "within": 7200},
                   {"metric": "resolution", "within": 172800, "time": "calendar"}]},
      {"name": "vip", "conditions": {"segments": ["vip"]}, "calendar": "us",
       "targets": [{"metric": "first_response", "within": {"urgent": 1800, "normal": 5400}}]},
      {"name": "night", "conditions": {"channels": ["chat"]},
       "calendar": {"tz": "UTC", "week": {"mon": [["00:00","24:00"]], "tue": [["00:00","24:00"]], "wed": [["00:00","24:00"]], "thu": [["00:00","24:00"]], "fri": [["00:00","24:00"]], "sat": [["00:00","24:00"]], "sun": [["00:00","24:00"]]}},
       "targets": [{"metric": "next_response", "within": 90}]}
    ]"#).unwrap()
}

#[test]
fn english_statements_per_channel() {
    let s = statements(&set().contracts()[0], Language::En);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].channel, Some(Channel::FacebookPage));
    assert_eq!(
        s[0].text,
        "We confirm we received posts on our Facebook page within 5 minutes, answer posts on our Facebook page \
         within 2 business hours and resolve them within 2 days (Sunday–Thursday 09:00–17:00, Friday 09:00–13:00, except holidays)."
    );
    assert!(s[1].text.contains("messages on Twitter"));
    let vip = statements(&set().contracts()[1], Language::En);
    assert_eq!(
        vip[0].text,
        "We answer your requests within 30 business minutes for urgent requests, 1 business hour 30 minutes for normal requests \
         (Monday–Friday 09:00–17:00, except holidays)."
    );
    let night = statements(&set().contracts()[2], Language::En);
    assert_eq!(
        night[0].text,
        "We reply to every further message within 90 business seconds (around the clock)."
    );
}

#[test]
fn hebrew_statements_keep_times_in_reading_order() {
    let s = statements(&set().contracts()[0], Language::He);
    let text = &s[0].text;
    assert!(
        text.starts_with("אנחנו מאשרים את קבלת הפנייה תוך \u{2068}5\u{2069} דקות"),
        "{text}"
    );
    assert!(
        text.contains("עונים לפוסטים בעמוד הפייסבוק שלנו תוך שעתיים בשעות הפעילות"),
        "{text}"
    );
    assert!(text.contains("ופותרים את הפנייה תוך יומיים"), "{text}");
    // Times and numbers are isolated so "09:00–17:00" is not reversed.
    assert!(
        text.contains("ראשון–חמישי \u{2068}09:00–17:00\u{2069}"),
        "{text}"
    );
    assert!(text.contains("למעט חגים"), "{text}");
    assert_eq!(s[0].language, "he");
}

/// A contract on channels whose names every language writes in its own letters.
fn plain() -> ContractSet {
    ContractSet::from_json(r#"{"contracts": [{"name": "desk", "conditions": {"channels": ["phone", "email"]},
       "calendar": "israel", "targets": [{"metric": "first_response", "within": {"urgent": 1800, "normal": 9000}},
       {"metric": "resolution", "within": 86400, "time": "calendar"}, {"metric": "follow_up", "within": 172800}]}],
       "interaction_targets": [{"name": "call back", "on": {"kinds": ["voicemail", "missed_call"]},
       "within": 28800, "calendar": "israel", "answered_on": ["phone"]}]}"#).unwrap()
}

#[test]
fn arabic_hebrew_and_russian_statements_have_no_english_words() {
    for language in [Language::He, Language::Ar, Language::Ru] {
        let all = set_statements(&plain(), language);
        assert_eq!(all.len(), 3);
        for s in &all {
            assert_eq!(s.language, language.code());
            let latin: String = s.text.chars().filter(char::is_ascii_alphabetic).collect();
            assert!(latin.is_empty(), "{language:?}: {latin} in {}", s.text);
            assert!(s.text.contains("09:00–17:00"), "{}", s.text);
            assert!(s.text.ends_with('.'), "{}", s.text);
        }
    }
    let ru = set_statements(&plain(), Language::Ru);
    assert_eq!(
        ru[0].text,
        "Мы отвечаем на телефонные звонки в течение 30 рабочих минут для срочных обращений, \
         2 рабочих часов 30 минут для обычных обращений, решаем вопрос в течение 1 дня и \
         связываемся с вами в течение 48 рабочих часов, чтобы убедиться, что проблема решена \
         (воскресенье–четверг 09:00–17:00, пятница 09:00–13:00, кроме праздников)."
    );
    let ar = set_statements(&plain(), Language::Ar);
    assert!(
        ar[2].text.starts_with(
            "نعاود الاتصال بشأن رسائل البريد الصوتي والمكالمات الفائتة خلال \u{2068}8\u{2069} ساعات من ساعات العمل (الأحد–الخميس"
        ),
        "{}",
        ar[2].text
    );
}

#[test]
fn a_host_rewords_a_message_or_writes_its_own_language() {
    let ours = Catalogue::built_in()
        .with_messages("en", "statement-priority = { $priority ->\n    [urgent] P1 tickets\n   *[other] other tickets\n}")
        .unwrap();
    let en = statements(&plain().contracts()[0], Wording::new(&ours, "en").unwrap());
    assert!(
        en[0].text.contains("30 business minutes for P1 tickets"),
        "{}",
        en[0].text
    );
    // A whole new language: the English catalogue with French words for the sentence.
    let french = include_str!("../../locales/en.ftl")
        .replace("statement = We", "statement = Nous")
        .replace("[phone] phone calls", "[phone] les appels");
    let fr = Catalogue::built_in().with_messages("fr", &french).unwrap();
    let text = &statements(&plain().contracts()[0], Wording::new(&fr, "fr-CA").unwrap())[0];
    assert_eq!(text.language, "fr");
    assert!(
        text.text.starts_with("Nous answer les appels"),
        "{}",
        text.text
    );
    // A language the catalogue lacks is named.
    let err = Wording::new(Catalogue::built_in(), "fr").unwrap_err();
    assert_eq!(err.field(), Some("language"));
}

#[test]
fn coverage_lists_channels_with_traffic_but_no_contract_first() {
    let mut logs = CaseLogs::default();
    for (i, channel) in ["twitter", "voicemail", "voicemail", "email", "chat"]
        .iter()
        .enumerate()
    {
        logs.insert(CaseEvent::from_json(&format!(
            r#"{{"type": "interaction", "case_id": "T-{i}", "id": "m{i}", "customer_id": "c{i}", "at": "2025-01-05T09:00:00Z", "channel": "{channel}", "direction": "inbound", "actor": {{"type": "customer"}}, "kind": "message"}}"#
        )).unwrap()).unwrap();
    }
    let cases: Vec<_> = logs.iter().map(|(_, l)| l.fold().unwrap()).collect();
    let t = traffic(&cases);
    assert_eq!(t[&Channel::Voicemail], 2);
    let report = channel_coverage(&set(), &t);
    let summary: Vec<(Channel, Coverage, u64)> = report
        .iter()
        .map(|c| (c.channel.clone(), c.coverage, c.contacts))
        .collect();
    assert_eq!(
        summary,
        [
            (Channel::Voicemail, Coverage::Partial, 2),
            (Channel::Email, Coverage::Partial, 1),
            (Channel::Twitter, Coverage::Covered, 1),
            (Channel::Chat, Coverage::Covered, 1),
        ]
    );
    assert_eq!(report[0].contracts, ["vip"]);
}
