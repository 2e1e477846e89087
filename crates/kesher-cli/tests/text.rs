//! `kesher text score`: one JSON reading per input line, every line accounted for.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

mod common;
use common::kesher;

fn readings(input: &[u8], args: &[&str]) -> (Vec<serde_json::Value>, String, bool) {
    let mut all = vec!["text", "score"];
    all.extend_from_slice(args);
    let out = kesher(&all, Some(input));
    let values = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        values,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

#[test]
fn each_line_gets_score_sentiment_and_turn() {
    let input = "thanks, great service!\nתודה רבה, מעולה!\nstill waiting, worst service ever\n\
                 yes, it works now\nfix it or I'm cancelling my account\nמה שעות הפתיחה?\n";
    let (r, err, ok) = readings(input.as_bytes(), &[]);
    assert!(ok, "{err}");
    assert!(err.contains("read 6, scored 6, rejected 0"), "{err}");
    let pairs: Vec<(&str, &str)> = r
        .iter()
        .map(|v| {
            (
                v["sentiment"].as_str().unwrap(),
                v["turn"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("positive", "thanks"),
            ("positive", "thanks"),
            ("negative", "problem"),
            ("neutral", "confirmation"),
            ("negative", "complaint"),
            ("neutral", "problem"),
        ]
    );
    assert!(r[0]["score"].as_f64().unwrap() >= 0.2);
    assert!(r[3]["score"].is_null());
}

#[test]
fn a_line_that_is_not_utf8_is_counted_and_answered() {
    let (r, err, ok) = readings(b"good\n\xff\xfe bad\nthanks\n", &["--lang", "en"]);
    assert!(!ok);
    assert!(err.contains("line 2: not UTF-8"), "{err}");
    assert!(err.contains("read 3, scored 2, rejected 1"), "{err}");
    assert_eq!(r.len(), 3);
    assert!(r[1]["error"].as_str().unwrap().contains("line 2"));
}

#[test]
fn an_unknown_language_is_refused_by_name() {
    let (_, err, ok) = readings(b"hello\n", &["--lang", "fr"]);
    assert!(!ok);
    assert!(err.contains("fr"), "{err}");
}
