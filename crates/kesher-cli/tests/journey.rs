//! `kesher journey build | pattern | render | what-if` end to end on the bundled real sample.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

mod common;
use common::{kesher, lines};

const SAMPLE: &str = "examples/data/ibm-twitter-care-dev200.jsonl";
const CONTRACTS: &str = "examples/data/contracts.json";

fn build() -> Vec<u8> {
    let out = kesher(
        &[
            "journey",
            "build",
            "--lexicon",
            "--contracts",
            CONTRACTS,
            SAMPLE,
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("read 647, accepted 647, rejected 0; 200 journeys"),
        "{err}"
    );
    out.stdout
}

#[test]
fn build_then_pattern_then_render() {
    let journeys = build();
    let rows = lines(&journeys);
    assert_eq!(rows.len(), 200);
    for j in &rows {
        for p in j["points"].as_array().unwrap() {
            let v = p["emotion"].as_f64().unwrap();
            assert!((-1.0..=1.0).contains(&v), "{p}");
        }
        assert!(
            j["segment"].as_str().is_some(),
            "the brand is the segment: {j}"
        );
    }
    let out = kesher(&["journey", "pattern"], Some(&journeys));
    assert!(out.status.success());
    let patterns = lines(&out.stdout);
    let total: u64 = patterns
        .iter()
        .map(|p| p["journeys"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 200, "every journey is in one segment's pattern");
    assert!(String::from_utf8_lossy(&out.stderr).contains("read 200, accepted 200, rejected 0"));

    let dir = std::env::temp_dir().join(format!("kesher-render-{}", std::process::id()));
    let mut input = journeys.split(|b| *b == b'\n').next().unwrap().to_vec();
    input.push(b'\n');
    input.extend_from_slice(&out.stdout);
    input.extend_from_slice(b"{\"neither\": true}\n");
    let out = kesher(
        &[
            "journey",
            "render",
            "--lang",
            "he",
            "--out-dir",
            dir.to_str().unwrap(),
        ],
        Some(&input),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "one line was neither a journey nor a pattern"
    );
    let written: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(written.len(), 1 + patterns.len());
    for path in &written {
        let svg = std::fs::read_to_string(path).unwrap();
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(svg.contains(r#"direction="rtl""#));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_journey_lines_are_counted_with_their_line_numbers() {
    let input = b"{\"customer_id\": \"c\", \"points\": [{\"at\": \"2025-01-05T09:00:00Z\", \"emotion\": 3, \"source\": \"survey\"}]}\nnot json\n\n{\"customer_id\": \"c\", \"points\": []}\n";
    let out = kesher(&["journey", "pattern"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 1: at `points[0].emotion`"), "{err}");
    assert!(err.contains("line 2: "), "{err}");
    assert!(err.contains("read 3, accepted 1, rejected 2"), "{err}");
}

#[test]
fn faster_answers_never_make_a_pattern_worse() {
    let out = kesher(
        &[
            "journey",
            "what-if",
            "--response-time",
            "twitter=0",
            "--contracts",
            CONTRACTS,
            "--lexicon",
            SAMPLE,
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let changes = lines(&out.stdout);
    assert!(!changes.is_empty());
    let mut improved = 0;
    for c in &changes {
        if let (Some(before), Some(after)) =
            (c["median_before"].as_f64(), c["median_after"].as_f64())
        {
            assert!(after >= before, "{c}");
            improved += usize::from(after > before);
        }
        assert!(
            c["below_after"].as_f64().unwrap() <= c["below_before"].as_f64().unwrap(),
            "{c}"
        );
    }
    assert!(improved > 0, "answering at once lifts some stage somewhere");
    let out = kesher(
        &["journey", "what-if", "--response-time", "twitter", SAMPLE],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn annotated_points_group_into_journeys() {
    let input = concat!(
        "{\"customer_id\": \"a\", \"case_id\": \"T-1\", \"segment\": \"acme\", \"at\": \"2025-01-06T10:00:00Z\", \"stage\": \"after\", \"emotion\": 0.66, \"source\": \"survey\"}\n",
        "{\"customer_id\": \"b\", \"at\": \"2025-01-05T09:00:00Z\", \"emotion\": -0.33, \"source\": \"agent_annotation\"}\n",
        "{\"customer_id\": \"a\", \"case_id\": \"T-1\", \"at\": \"2025-01-05T10:00:00Z\", \"stage\": \"during\", \"emotion\": -0.7, \"source\": \"agent_annotation\"}\n",
        "{\"at\": \"2025-01-06T10:00:00Z\", \"emotion\": 0.66, \"source\": \"survey\"}\n",
        "{\"customer_id\": \"c\", \"at\": \"2025-01-06T10:00:00Z\", \"emotion\": 7, \"source\": \"survey\"}\n",
    );
    let out = kesher(&["journey", "build", "--points"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let journeys = lines(&out.stdout);
    assert_eq!(journeys.len(), 2);
    assert_eq!(journeys[0]["segment"], "acme");
    assert_eq!(journeys[0]["points"][0]["emotion"], -0.7, "sorted by time");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 4: missing customer_id"), "{err}");
    assert!(err.contains("line 5: at `emotion`"), "{err}");
    assert!(
        err.contains("read 5, accepted 3, rejected 2; 2 journeys, 3 points"),
        "{err}"
    );
}

#[test]
fn a_journey_over_a_mebibyte_reads_back_in_pattern() {
    // 20,000 annotated points of one customer: a journey line of about 3 MB.
    let mut points = String::new();
    for i in 0..20_000u32 {
        points += &format!(
            r#"{{"customer_id": "cu-1", "case_id": "T-1", "segment": "acme", "at": "2025-01-05T{:02}:{:02}:{:02}Z", "stage": "waiting", "emotion": {}, "source": "survey"}}"#,
            (i / 3600) % 24,
            (i / 60) % 60,
            i % 60,
            f64::from(i % 200) / 100.0 - 1.0
        );
        points.push('\n');
    }
    let built = kesher(
        &["journey", "build", "--points", "-"],
        Some(points.as_bytes()),
    );
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(built.stdout.len() > 1 << 20, "{} bytes", built.stdout.len());
    let pattern = kesher(&["journey", "pattern", "-"], Some(&built.stdout));
    let err = String::from_utf8_lossy(&pattern.stderr);
    assert!(pattern.status.success(), "{err}");
    assert!(err.contains("read 1, accepted 1, rejected 0"), "{err}");
}
