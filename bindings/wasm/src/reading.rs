//! Reading customer text: `readMessages`, `journeyTexts` and the scores a host's own scorer
//! function gave (checked in the core's `ScoreTable`).

use crate::error::{fail, parse, to_json, Result};
use kesher::text::{MessageReading, ScoreTable, SentimentScorer, TextScorer};
use wasm_bindgen::prelude::*;

/// `{"texts": [...], "scores": [...]}` from a host's scorer function, checked by the core.
pub(crate) fn score_table(scores_json: &str) -> Result<ScoreTable> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Scored {
        texts: Vec<String>,
        scores: Vec<Option<f64>>,
    }
    let s: Scored = parse("scores", scores_json)?;
    ScoreTable::new(s.texts, s.scores).map_err(fail)
}

/// The texts of a case (JSON) that its journey asks a scorer about, as a JSON array.
#[wasm_bindgen(js_name = journeyTexts)]
pub fn journey_texts(case_json: &str) -> Result<String> {
    let case: kesher::case::Case = parse("case", case_json)?;
    to_json("texts", &case.customer_texts())
}

/// Each message of `texts_json` (a JSON array of strings) read: score, sentiment and turn
/// kind; `lang` is `en`, `he` or null (guessed); `scores_json` as for `buildJourney`.
#[wasm_bindgen(js_name = readMessages)]
pub fn read_messages(
    texts_json: &str,
    lang: Option<String>,
    scores_json: Option<String>,
) -> Result<String> {
    let texts: Vec<String> = parse("texts", texts_json)?;
    let language = lang
        .map(|l| l.parse::<kesher::Language>().map_err(fail))
        .transpose()?;
    let table = scores_json.map(|t| score_table(&t)).transpose()?;
    let scorer: &dyn TextScorer = match &table {
        Some(t) => t,
        None => &SentimentScorer::DEFAULT,
    };
    let readings: Vec<MessageReading> = texts
        .iter()
        .map(|t| MessageReading::new(t, language, scorer))
        .collect();
    to_json("readings", &readings)
}

/// Installs the built-in scorer's English lexicon and Hebrew model (the package's
/// `text/english.tsv` and `text/hebrew.tsv`; `init()` does it), checked by the core.
#[wasm_bindgen(js_name = installTextModel)]
pub fn install_text_model(english_lexicon: &str, hebrew_model: &str) -> Result<()> {
    kesher::text::install_model(english_lexicon, hebrew_model).map_err(fail)
}

/// Whether the built-in scorer has its lexicon and model.
#[wasm_bindgen(js_name = textModelInstalled)]
pub fn text_model_installed() -> bool {
    kesher::text::model_installed()
}
