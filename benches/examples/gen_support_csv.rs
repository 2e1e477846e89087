//! A realistic support export for the `kesher report` benchmark: Twitter customer-support
//! threads in the format of Kaggle's `twcs.csv` (the columns kesher's importer reads), seeded so
//! every run writes the same bytes.
//!
//! `cargo run --release -p kesher-benches --example gen_support_csv -- 1000000 > support.csv`
//!
//! Shape, after the real extract in tests/data and the shared data README: 40 brands with
//! Zipf-like volumes; threads of 2–8 tweets that open with a customer complaint mentioning the
//! brand; brand replies after delays from a minute to days (median about 12 minutes), 7 % of
//! threads never answered; a customer's follow-ups and the brand's answers alternate; a third of
//! customers come back with another thread; half the brand tweets are signed `^AB`. Rows are
//! grouped by thread, as in `twcs.csv`.

use kesher_benches::SplitMix;
use std::io::{self, BufWriter, Write};

const BRANDS: [&str; 40] = [
    "AmazonHelp",
    "AppleSupport",
    "Uber_Support",
    "SpotifyCares",
    "Delta",
    "Tesco",
    "comcastcares",
    "AmericanAir",
    "TMobileHelp",
    "British_Airways",
    "SouthwestAir",
    "Ask_Spectrum",
    "hulu_support",
    "sprintcare",
    "VirginTrains",
    "XboxSupport",
    "UPSHelp",
    "AskPlayStation",
    "ChipotleTweets",
    "sainsburys",
    "AskPayPal",
    "GWRHelp",
    "AskTarget",
    "Morrisons",
    "VerizonSupport",
    "AskeBay",
    "DropboxSupport",
    "MicrosoftHelps",
    "NikeSupport",
    "AdobeCare",
    "GoDaddyHelp",
    "AskLyft",
    "HPSupport",
    "McDonalds",
    "JetBlue",
    "Walmart",
    "O2",
    "asksalesforce",
    "CenturyLinkHelp",
    "NeweggService",
];
const THINGS: [&str; 12] = [
    "order",
    "app",
    "phone",
    "account",
    "flight",
    "package",
    "subscription",
    "card",
    "router",
    "refund",
    "booking",
    "delivery",
];
const PROBLEMS: [&str; 14] = [
    "never arrived",
    "keeps crashing",
    "was charged twice",
    "won't load",
    "is still pending",
    "got cancelled",
    "stopped working",
    "was delayed again",
    "can't log in",
    "shows the wrong price",
    "password reset email never came",
    "is missing items",
    "won't connect",
    "was refused",
];
const MOODS: [&str; 10] = [
    "this is terrible",
    "still waiting",
    "please help",
    "so frustrating",
    "any update?",
    "worst service ever",
    "thanks in advance",
    "really disappointed",
    "need this fixed today",
    "been on hold for an hour",
];
const FOLLOW: [&str; 8] = [
    "DM sent",
    "still not fixed",
    "thanks, that worked!",
    "that didn't help",
    "ok will try",
    "any news?",
    "great, thank you so much",
    "why is this so hard",
];
const REPLIES: [&str; 8] = [
    "Sorry to hear that! Please DM us your order number and we'll look into it",
    "We're here to help. Could you tell us more about what happened?",
    "Thanks for reaching out. Try restarting the app and let us know",
    "We understand how frustrating this is. Let's fix it together in DM",
    "That's not the experience we want for you. Can you send us the details?",
    "Glad to hear it! Anything else we can help with?",
    "We've escalated this to our team and will update you shortly",
    "Please follow the steps here: https://help.example.com/fix",
];

fn pick<'a>(rng: &mut SplitMix, list: &[&'a str]) -> &'a str {
    list.get(rng.between(0, list.len() as i64 - 1) as usize)
        .copied()
        .unwrap_or_default()
}

/// A brand by Zipf-like weight (the first brands get most of the traffic).
fn brand(rng: &mut SplitMix) -> &'static str {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let i = ((BRANDS.len() as f64).powf(u) - 1.0) as usize;
    BRANDS
        .get(i.min(BRANDS.len() - 1))
        .copied()
        .unwrap_or("AmazonHelp")
}

/// A delay in seconds, log-uniform from `lo` to `hi`.
fn delay(rng: &mut SplitMix, lo: f64, hi: f64) -> i64 {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    (lo * (hi / lo).powf(u)) as i64
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn main() -> io::Result<()> {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let mut rng = SplitMix(20_171_031);
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id"
    )?;
    let (mut written, mut next_id, mut customers) = (0usize, 1u64, 0u64);
    let start = 1_504_224_000i64; // 2017-09-01
    while written < total {
        let brand = brand(&mut rng);
        let customer = if customers > 0 && rng.between(0, 2) == 0 {
            rng.between(1, customers as i64) as u64
        } else {
            customers += 1;
            customers
        };
        let answered = rng.between(0, 99) >= 7;
        let len = if answered {
            rng.between(2, 8) as usize
        } else {
            rng.between(1, 2) as usize
        }
        .min(total - written);
        let mut at = start + rng.between(0, 90 * 86_400);
        let ids: Vec<u64> = (0..len as u64).map(|k| next_id + k).collect();
        next_id += len as u64;
        for (k, id) in ids.iter().enumerate() {
            let from_brand = answered && k % 2 == 1;
            if k > 0 {
                at += if from_brand {
                    delay(&mut rng, 60.0, 3.0 * 86_400.0 / 6.0)
                } else {
                    delay(&mut rng, 30.0, 86_400.0)
                };
            }
            let when = chrono::DateTime::from_timestamp(at, 0)
                .unwrap_or_default()
                .format("%a %b %d %H:%M:%S +0000 %Y");
            let text = if from_brand {
                let signed = if rng.between(0, 1) == 0 {
                    format!(
                        " ^{}{}",
                        (b'A' + rng.between(0, 25) as u8) as char,
                        (b'A' + rng.between(0, 25) as u8) as char
                    )
                } else {
                    String::new()
                };
                format!("@{customer} {}{signed}", pick(&mut rng, &REPLIES))
            } else if k == 0 {
                format!(
                    "@{brand} my {} {}, {}",
                    pick(&mut rng, &THINGS),
                    pick(&mut rng, &PROBLEMS),
                    pick(&mut rng, &MOODS)
                )
            } else {
                format!("@{brand} {}", pick(&mut rng, &FOLLOW))
            };
            let response = ids.get(k + 1).map_or_else(String::new, u64::to_string);
            let parent = k
                .checked_sub(1)
                .and_then(|p| ids.get(p))
                .map_or_else(String::new, u64::to_string);
            let author = if from_brand {
                brand.to_string()
            } else {
                customer.to_string()
            };
            let inbound = if from_brand { "False" } else { "True" };
            writeln!(
                out,
                "{id},{author},{inbound},{when},{},{response},{parent}",
                quote(&text)
            )?;
            written += 1;
        }
    }
    out.flush()
}
