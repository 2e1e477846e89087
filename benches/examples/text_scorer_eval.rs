//! The built-in sentiment scorer measured on labelled data nobody on the team wrote: macro-
//! averaged recall over negative / neutral / positive (the TweetEval metric) and accuracy.
//!
//! `cargo run --release -p kesher-benches --example text_scorer_eval -- ../shared/data/sentiment`
//!
//! The directory holds the Hebrew train/dev splits (`hebrew-train.tsv`, `hebrew-dev.tsv`) and
//! TweetEval's English validation split (`tweeteval-val_text.txt`, `tweeteval-val_labels.txt`);
//! see `benches/text/README.md`. The project's own labelled support messages
//! (`tests/data/sentiment-labelled-*.jsonl`) are measured too. `--grid` also prints the
//! thresholds that would score best on each set, which is how the defaults were chosen (on
//! dev/validation, never on train for Hebrew).

use kesher::{
    text::{Sentiment, SentimentScorer},
    Language,
};
use std::process::ExitCode;

/// Labelled texts: (text, class index 0 negative, 1 neutral, 2 positive).
type Set = Vec<(String, usize)>;

fn hebrew(path: &str) -> Result<Set, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut set = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let (t, label) = line
            .rsplit_once('\t')
            .ok_or_else(|| format!("{path}:{}: no tab", n + 1))?;
        // The set's labels: 0 positive, 1 negative, 2 neutral.
        let class = match label.trim() {
            "0" => 2,
            "1" => 0,
            "2" => 1,
            other => return Err(format!("{path}:{}: label `{other}`", n + 1)),
        };
        set.push((t.to_string(), class));
    }
    Ok(set)
}

fn tweeteval(dir: &str) -> Result<Set, String> {
    let read =
        |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).map_err(|e| format!("{f}: {e}"));
    let texts = read("tweeteval-val_text.txt")?;
    let labels = read("tweeteval-val_labels.txt")?;
    texts
        .lines()
        .zip(labels.lines())
        .map(|(t, l)| {
            let class: usize = l.trim().parse().map_err(|_| format!("label `{l}`"))?;
            Ok((t.to_string(), class))
        })
        .collect()
}

fn support(path: &str) -> Result<Set, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).map_err(|e| e.to_string())?;
            let class = match v.get("label").and_then(|l| l.as_str()) {
                Some("negative") => 0,
                Some("neutral") => 1,
                Some("positive") => 2,
                other => return Err(format!("label {other:?}")),
            };
            let text = v.get("text").and_then(|t| t.as_str()).unwrap_or_default();
            Ok((text.to_string(), class))
        })
        .collect()
}

fn class(s: Sentiment) -> usize {
    match s {
        Sentiment::Negative => 0,
        Sentiment::Neutral => 1,
        Sentiment::Positive => 2,
    }
}

/// (macro recall, accuracy, per-class recall).
fn measure(set: &Set, scorer: &SentimentScorer, lang: Option<Language>) -> (f64, f64, [f64; 3]) {
    let mut hit = [0usize; 3];
    let mut all = [0usize; 3];
    for (text, label) in set {
        let got = class(scorer.read(text, lang).0);
        if let (Some(a), Some(h)) = (all.get_mut(*label), hit.get_mut(*label)) {
            *a += 1;
            *h += usize::from(got == *label);
        }
    }
    let recall = [0, 1, 2].map(|c| {
        let (h, a) = (
            hit.get(c).copied().unwrap_or(0),
            all.get(c).copied().unwrap_or(0),
        );
        if a == 0 {
            0.0
        } else {
            h as f64 / a as f64
        }
    });
    let macro_recall = recall.iter().sum::<f64>() / 3.0;
    let accuracy = hit.iter().sum::<usize>() as f64 / set.len().max(1) as f64;
    (macro_recall, accuracy, recall)
}

fn report(name: &str, set: &Set, scorer: &SentimentScorer, lang: Option<Language>) {
    let (m, a, r) = measure(set, scorer, lang);
    println!(
        "{name:<44} n={:<5} macro recall {m:.3}  accuracy {a:.3}  (recall neg {:.2} neu {:.2} pos {:.2})",
        set.len(), r[0], r[1], r[2]
    );
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "../shared/data/sentiment".into());
    let grid = args.iter().any(|a| a == "--grid");
    let he_train = hebrew(&format!("{dir}/hebrew-train.tsv"))?;
    let he_dev = hebrew(&format!("{dir}/hebrew-dev.tsv"))?;
    let en_val = tweeteval(&dir)?;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data");
    let en_support = support(&format!("{root}/sentiment-labelled-en.jsonl"))?;
    let he_support = support(&format!("{root}/sentiment-labelled-he.jsonl"))?;
    let s = SentimentScorer::default();
    report("Hebrew dev (hebrew-dev.tsv)", &he_dev, &s, None);
    report("Hebrew train (fitted on: in-sample)", &he_train, &s, None);
    report("English validation (TweetEval val)", &en_val, &s, None);
    report(
        "English support tweets (tests/data, ours)",
        &en_support,
        &s,
        None,
    );
    report(
        "Hebrew support messages (tests/data, ours)",
        &he_support,
        &s,
        None,
    );
    if grid {
        let mut best = (0.0, 0.0, 0.0);
        for lo in (-40..=10).map(|i| f64::from(i) / 100.0) {
            for hi in (-10..=60)
                .map(|i| f64::from(i) / 100.0)
                .filter(|hi| *hi > lo)
            {
                let t = SentimentScorer {
                    english_negative_below: lo,
                    english_positive_above: hi,
                    ..s
                };
                let m = measure(&en_val, &t, None).0;
                if m > best.0 {
                    best = (m, lo, hi);
                }
            }
        }
        println!(
            "English val best: {:.3} at negative ≤ {:.2}, positive ≥ {:.2}",
            best.0, best.1, best.2
        );
        for bias in (-20..=20).map(|i| f64::from(i) / 10.0) {
            for w in [0.0, 0.5, 1.0, 2.0] {
                let t = SentimentScorer {
                    hebrew_neutral_bias: bias,
                    hebrew_support_weight: w,
                    ..s
                };
                let (m, a, _) = measure(&he_dev, &t, None);
                let sup = measure(&he_support, &t, None).1;
                println!("Hebrew dev: neutral bias {bias:+.1}, support weight {w}: macro recall {m:.3} accuracy {a:.3}; support accuracy {sup:.3}");
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("text_scorer_eval: {e}");
            ExitCode::FAILURE
        }
    }
}
