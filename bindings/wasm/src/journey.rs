//! The emotion graph: journeys from cases, turning and critical points, SVG pictures, typical
//! patterns (a mergeable `PatternBuilder`) and what-if.

use crate::error::{fail, parse, to_json, Result};
use crate::text::{instant, language};
use kesher::{
    journey::{Stages, SvgOptions},
    text::{ScoreTable, SentimentScorer},
};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

fn stages(names_json: Option<String>) -> Result<Stages> {
    match names_json {
        None => Ok(Stages::default()),
        Some(text) => Stages::new(parse::<Vec<String>>("stages", &text)?).map_err(fail),
    }
}

/// A stage map (JSON text; null: the default).
pub(crate) fn stage_map(json: Option<String>) -> Result<kesher::journey::StageMap> {
    json.map_or_else(
        || Ok(kesher::journey::StageMap::default()),
        |t| kesher::journey::StageMap::from_json(&t).map_err(fail),
    )
}

/// The scores a host's own scorer gave (`{"texts", "scores"}`, checked by the core), if any.
fn host_scores(scores_json: Option<String>) -> Result<Option<ScoreTable>> {
    scores_json
        .map(|t| crate::reading::score_table(&t))
        .transpose()
}

fn model<'s>(
    lexicon: bool,
    segment_key: String,
    effects_json: Option<String>,
    table: Option<&'s ScoreTable>,
    stage_map_json: Option<String>,
) -> Result<kesher::journey::EmotionModel<'s>> {
    let effects = match effects_json {
        Some(text) => parse("effects", &text)?,
        None => kesher::journey::EmotionEffects::default(),
    };
    Ok(kesher::journey::EmotionModel {
        effects,
        scorer: match (table, lexicon) {
            (Some(t), _) => Some(t),
            (None, true) => Some(&SentimentScorer::DEFAULT),
            (None, false) => None,
        },
        segment_key,
        stage_map: stage_map(stage_map_json)?,
        ..kesher::journey::EmotionModel::default()
    })
}

/// The picture's size and title, checked (its words come from a `Wording`).
fn svg_options(title: Option<String>, width: u32, height: u32) -> Result<SvgOptions> {
    Ok(SvgOptions {
        title,
        ..SvgOptions::sized(width, height).map_err(fail)?
    })
}

/// A journey (JSON text) as SVG in `wording`.
pub(crate) fn journey_svg_in(
    journey_json: &str,
    wording: kesher::catalogue::Wording<'_>,
    title: Option<String>,
    width: u32,
    height: u32,
) -> Result<String> {
    let j = kesher::journey::Journey::from_json(journey_json).map_err(fail)?;
    let o = svg_options(title, width, height)?;
    Ok(kesher::journey::journey_svg_in(
        &j,
        &Stages::default(),
        &o,
        wording,
    ))
}

/// A pattern (JSON text) as SVG in `wording`.
pub(crate) fn pattern_svg_in(
    pattern_json: &str,
    wording: kesher::catalogue::Wording<'_>,
    width: u32,
    height: u32,
) -> Result<String> {
    let p: kesher::journey::Pattern = parse("pattern", pattern_json)?;
    let o = svg_options(None, width, height)?;
    Ok(kesher::journey::pattern_svg_in(&p, &o, wording))
}

/// The journey of a case (JSON text) at `now` through the emotion model: `sla_json` is the
/// case's SLA evaluation or null, `lexicon` scores customer text with the baseline lexicon,
/// `segment_key` names the metadata key of the segment, `effects_json` overrides the model's
/// effects (null for the defaults justified in the core's rustdoc), `scores_json` is
/// `{"texts": [...], "scores": [...]}` from the host's own scorer (null: none),
/// `stage_map_json` the stages and their rules (null: the default).
#[wasm_bindgen(js_name = buildJourney)]
#[allow(clippy::too_many_arguments)]
pub fn build_journey(
    case_json: &str,
    now: &str,
    sla_json: Option<String>,
    lexicon: bool,
    segment_key: String,
    effects_json: Option<String>,
    scores_json: Option<String>,
    stage_map_json: Option<String>,
) -> Result<String> {
    let case: kesher::case::Case = parse("case", case_json)?;
    let sla: Option<kesher::sla::CaseSla> = sla_json.map(|t| parse("sla", &t)).transpose()?;
    let now = instant("now", now)?;
    let table = host_scores(scores_json)?;
    let m = model(
        lexicon,
        segment_key,
        effects_json,
        table.as_ref(),
        stage_map_json,
    )?;
    to_json("journey", &m.journey(&case, now, sla.as_ref()))
}

/// The continuous line of a customer (JSON text) across cases (JSON array of `{case, sla}`)
/// and purchases at `now`; the other arguments as for [`build_journey`].
#[wasm_bindgen(js_name = customerJourney)]
#[allow(clippy::too_many_arguments)]
pub fn customer_journey(
    customer_json: &str,
    cases_json: &str,
    now: &str,
    lexicon: bool,
    segment_key: String,
    effects_json: Option<String>,
    scores_json: Option<String>,
    stage_map_json: Option<String>,
) -> Result<String> {
    let customer: kesher::customer::Customer = parse("customer", customer_json)?;
    let items: Vec<CaseItem> = parse("cases", cases_json)?;
    let now = instant("now", now)?;
    let table = host_scores(scores_json)?;
    let m = model(
        lexicon,
        segment_key,
        effects_json,
        table.as_ref(),
        stage_map_json,
    )?;
    let pairs: Vec<(&kesher::case::Case, Option<&kesher::sla::CaseSla>)> =
        items.iter().map(|i| (&i.case, i.sla.as_ref())).collect();
    let line = m.customer_journey(&customer, &pairs, now).map_err(fail)?;
    to_json("journey", &line)
}

/// One case with its SLA evaluation, as the batch calls take them.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseItem {
    case: kesher::case::Case,
    #[serde(default)]
    sla: Option<kesher::sla::CaseSla>,
}

/// Checks a journey (JSON text) and gives it back in its canonical form (points sorted).
#[wasm_bindgen(js_name = checkJourney)]
pub fn check_journey(journey_json: &str) -> Result<String> {
    let j = kesher::journey::Journey::from_json(journey_json).map_err(fail)?;
    to_json("journey", &j)
}

/// Where the curve turns, with swings of at least `min_swing`.
#[wasm_bindgen(js_name = turningPoints)]
pub fn turning_points(journey_json: &str, min_swing: f64) -> Result<String> {
    let j = kesher::journey::Journey::from_json(journey_json).map_err(fail)?;
    let turns =
        kesher::journey::turning_points(&j, min_swing).map_err(|e| fail(e.renamed("minSwing")))?;
    to_json("turning_points", &turns)
}

/// The lowest point, the steepest drops and the crossings below `threshold`.
#[wasm_bindgen(js_name = criticalPoints)]
pub fn critical_points(journey_json: &str, below: f64) -> Result<String> {
    let j = kesher::journey::Journey::from_json(journey_json).map_err(fail)?;
    let critical = kesher::journey::critical_points(&j, below).map_err(fail)?;
    to_json("critical_points", &critical)
}

/// A journey as an SVG picture (turning and critical points marked), in `en`, `he`, `ar` or
/// `ru`.
#[wasm_bindgen(js_name = journeySvg)]
pub fn journey_svg(
    journey_json: &str,
    lang: &str,
    title: Option<String>,
    width: u32,
    height: u32,
) -> Result<String> {
    journey_svg_in(journey_json, language(lang)?.into(), title, width, height)
}

/// A pattern (JSON text) as an SVG picture: the median per stage and its bands.
#[wasm_bindgen(js_name = patternSvg)]
pub fn pattern_svg(pattern_json: &str, lang: &str, width: u32, height: u32) -> Result<String> {
    pattern_svg_in(pattern_json, language(lang)?.into(), width, height)
}

/// Typical patterns per segment, built journey by journey; builders merge, so the result is
/// the same for any order or split of the journeys.
///
/// ```js
/// const b = new PatternBuilder();
/// journeys.forEach((j) => b.add(j));
/// const [pattern] = b.finish();
/// ```
#[wasm_bindgen(js_name = NativePatternBuilder)]
#[derive(Debug)]
pub struct PatternBuilder {
    inner: kesher::journey::PatternBuilder,
}

#[wasm_bindgen(js_class = NativePatternBuilder)]
impl PatternBuilder {
    /// A builder over `stages` (JSON array of names, null for the default stages) with the
    /// trouble `threshold`.
    #[wasm_bindgen(constructor)]
    pub fn new(stages_json: Option<String>, below: f64) -> Result<PatternBuilder> {
        Ok(PatternBuilder {
            inner: kesher::journey::PatternBuilder::checked(stages(stages_json)?, below)
                .map_err(fail)?,
        })
    }

    /// Adds one journey (JSON text).
    pub fn add(&mut self, journey_json: &str) -> Result<()> {
        let j = kesher::journey::Journey::from_json(journey_json).map_err(fail)?;
        self.inner.add(&j);
        Ok(())
    }

    /// Adds another builder's journeys.
    pub fn merge(&mut self, other: &PatternBuilder) {
        self.inner.merge(&other.inner);
    }

    /// The patterns so far, one per segment (JSON text of an array).
    pub fn finish(&self) -> Result<String> {
        to_json("patterns", &self.inner.finish())
    }

    /// The builder's state (sparse histograms) as JSON text, to store or send.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// A builder from the text `toJSON` wrote.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(text: &str) -> Result<PatternBuilder> {
        kesher::journey::PatternBuilder::from_json(text)
            .map(|inner| PatternBuilder { inner })
            .map_err(fail)
    }
}

/// What faster answers would change: the patterns of the cases (JSON array of
/// `{case, sla}`) before and after multiplying each channel's waits by its factor
/// (`{"twitter": 0.5}`), and the change per segment and stage (`below`: the trouble
/// threshold; `stage_map_json`: the stages and their rules, null for the default).
#[wasm_bindgen(js_name = whatIf)]
pub fn what_if(
    cases_json: &str,
    factors_json: &str,
    now: &str,
    lexicon: bool,
    segment_key: String,
    below: f64,
    stage_map_json: Option<String>,
) -> Result<String> {
    let items: Vec<CaseItem> = parse("cases", cases_json)?;
    let factors: BTreeMap<kesher::Channel, f64> = parse("factors", factors_json)?;
    let now = instant("now", now)?;
    let m = model(lexicon, segment_key, None, None, stage_map_json)?;
    let scenario = kesher::journey::Scenario {
        response_time_factor: factors,
    };
    let cases: Vec<(kesher::case::Case, Option<kesher::sla::CaseSla>)> =
        items.into_iter().map(|i| (i.case, i.sla)).collect();
    let (before, after, changes) = kesher::journey::what_if(&cases, &m, &scenario, now, below)
        .map_err(|e| {
            // The factors are the JavaScript argument `factors`, the scenario's only field.
            let field = e
                .field()
                .unwrap_or_default()
                .replace("response_time_factor", "factors");
            fail(e.renamed(&field))
        })?;
    #[derive(serde::Serialize)]
    struct WhatIf {
        before: Vec<kesher::journey::Pattern>,
        after: Vec<kesher::journey::Pattern>,
        changes: Vec<kesher::journey::StageChange>,
    }
    to_json(
        "what_if",
        &WhatIf {
            before,
            after,
            changes,
        },
    )
}
