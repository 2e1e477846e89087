#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly
//! Recurring problems on the bundled real sample: every case accounted for, order-independent,
//! a Pareto curve that adds up, and clusters more alike inside than across.

use kesher::insight::recurring_problems;
use kesher::{
    case::{Case, CaseLogs},
    event::CaseEvent,
};

fn sample() -> Vec<Case> {
    let mut logs = CaseLogs::default();
    for line in include_str!("../../../../examples/data/ibm-twitter-care-dev200.jsonl").lines() {
        logs.insert(CaseEvent::from_json(line).unwrap()).unwrap();
    }
    logs.iter().map(|(_, l)| l.fold().unwrap()).collect()
}

#[test]
fn clusters_account_for_every_case_and_do_not_depend_on_order() {
    let cases = sample();
    let p = recurring_problems(&cases, 3);
    assert_eq!(p.described, 200);
    let clustered: usize = p.clusters.iter().map(|c| c.cases).sum();
    assert_eq!(clustered + p.unclustered, p.described);
    assert!(
        p.clusters.windows(2).all(|w| w[0].cases >= w[1].cases),
        "largest first"
    );
    assert!(p
        .clusters
        .iter()
        .all(|c| c.cases >= 3 && !c.examples.is_empty()));
    let last = p.clusters.last().unwrap();
    assert!((last.cumulative_share - clustered as f64 / 200.0).abs() < 1e-12);
    assert!(p.clusters_for_80 <= p.clusters_for_90 && p.clusters_for_90 <= p.clusters.len());
    assert!(
        p.cohesion > p.separation,
        "{} vs {}",
        p.cohesion,
        p.separation
    );
    assert_eq!(
        p.clusters[0].label, "account",
        "the commonest problem in the sample"
    );
    let mut reversed = cases.clone();
    reversed.reverse();
    assert_eq!(recurring_problems(&reversed, 3).clusters, p.clusters);
}

fn digest(id: &str, text: &str, answer: &str) -> kesher::insight::ProblemDigest {
    kesher::insight::ProblemDigest {
        case_id: kesher::CaseId::new(id).unwrap(),
        description: text.into(),
        ended_well: true,
        answer: Some(answer.into()),
    }
}

#[test]
fn hebrew_clusters_are_named_by_content_words_not_pronouns() {
    let d = [
        digest(
            "a",
            "אני לא מצליח להתחבר לחשבון שלי",
            "שלום דנה, איפוס סיסמה לחשבון כאן",
        ),
        digest(
            "b",
            "החשבון שלי ננעל, אני צריך עזרה",
            "היי, שחררנו את החשבון",
        ),
        digest(
            "c",
            "אני לא מצליח להתחבר לחשבון",
            "שלום, נסו שוב להתחבר לחשבון עכשיו",
        ),
    ];
    let p = kesher::insight::recurring_problems_in(&d, 2);
    let labels: Vec<&str> = p.clusters.iter().map(|c| c.label.as_str()).collect();
    for stop in ["אני", "שלי", "אותה", "לא"] {
        assert!(
            !labels.iter().any(|l| l.split(' ').any(|w| w == stop)),
            "{labels:?}"
        );
    }
    let answers = &p.clusters[0].answer_candidates;
    assert!(
        !answers.is_empty()
            && answers
                .iter()
                .all(|a| !a.starts_with("שלום") && !a.starts_with("היי")),
        "{answers:?}"
    );
}

#[test]
fn labels_are_phrases_and_answers_answer_their_own_question() {
    let d = [
        digest(
            "a",
            "my password reset link expired",
            "@u1 Hi Amit, use the reset page: it sends a new link. ^JK",
        ),
        digest(
            "b",
            "password reset email never came",
            "Hello! Check spam, the reset email is sent at once -Noa",
        ),
        digest(
            "c",
            "need a password reset asap",
            "We sent a new reset link.",
        ),
        digest(
            "d",
            "I was charged twice for my order",
            "The courier will deliver your order tomorrow",
        ),
        digest(
            "e",
            "order charged twice on my card",
            "We refunded the second charge.",
        ),
        digest(
            "f",
            "my order never arrived, courier lost it",
            "The courier will deliver your order tomorrow",
        ),
        digest(
            "g",
            "order stuck with the courier, not delivered",
            "The courier will deliver your order tomorrow",
        ),
        digest(
            "h",
            "courier delivered to the wrong address",
            "The courier will deliver again tomorrow",
        ),
    ];
    let p = kesher::insight::recurring_problems_in(&d, 2);
    let password = p
        .clusters
        .iter()
        .find(|c| c.label.contains("password"))
        .unwrap();
    assert_eq!(password.label, "password reset");
    assert!(password
        .answer_candidates
        .iter()
        .all(|a| !a.contains("Amit")
            && !a.contains("^JK")
            && !a.contains("Noa")
            && !a.starts_with('@')));
    assert_eq!(
        password.answer_candidates[0],
        "Use the reset page: it sends a new link."
    );
    let charged = p
        .clusters
        .iter()
        .find(|c| c.examples.iter().any(|e| e.contains("charged twice")))
        .unwrap();
    // The courier's answer to the customer charged twice is left out; to the customers whose
    // courier was late it stays.
    assert_eq!(
        charged.answer_candidates,
        [
            "We refunded the second charge.",
            "The courier will deliver your order tomorrow",
            "The courier will deliver your order tomorrow",
        ],
        "{:?}",
        charged.examples
    );
}

/// The bounded sample the report keeps: all of a small stream (then it equals
/// `recurring_problems`), a fixed number of a large one, the same whatever the order.
#[test]
fn the_problem_sample_is_bounded_and_does_not_depend_on_order() {
    use kesher::insight::ProblemSample;
    let cases = sample();
    let run = |cap: usize, order: &mut dyn Iterator<Item = &Case>| {
        let mut s = ProblemSample::new(cap);
        for c in order {
            s.add(c);
        }
        s.finish(3)
    };
    let all = run(500, &mut cases.iter());
    assert_eq!(all, recurring_problems(&cases, 3));
    assert_eq!((all.described, all.sampled), (200, 200));
    let forward = run(60, &mut cases.iter());
    let backward = run(60, &mut cases.iter().rev());
    let mut shuffled: Vec<&Case> = cases.iter().collect();
    shuffled.sort_by_key(|c| c.id().as_str().chars().rev().collect::<String>());
    let mixed = run(60, &mut shuffled.into_iter());
    assert_eq!((forward.described, forward.sampled), (200, 60));
    assert_eq!(forward, backward);
    assert_eq!(forward, mixed);
    let clustered: usize = forward.clusters.iter().map(|c| c.cases).sum();
    assert_eq!(clustered + forward.unclustered, forward.sampled);
}
