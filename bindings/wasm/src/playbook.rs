//! The playbook: acknowledgements that promise honest times, reply templates.

use crate::error::{fail, invalid, parse, Result};
use crate::sla::SlaEngine;
use crate::text::{instant, language};
use kesher::catalogue::Wording;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The acknowledgement for a contact received at `received_at` under `contract`: the text in
/// `lang` (`en`, `he`, `ar`, `ru`) and the time it promises (JSON text).
#[wasm_bindgen]
pub fn acknowledgement(
    engine: &SlaEngine,
    contract: &str,
    received_at: &str,
    priority_name: &str,
    lang: &str,
) -> Result<String> {
    let wording = language(lang)?.into();
    acknowledgement_in(engine, contract, received_at, priority_name, wording)
}

/// The acknowledgement in `wording` (the built-in catalogue's or a host's).
pub(crate) fn acknowledgement_in(
    engine: &SlaEngine,
    contract: &str,
    received_at: &str,
    priority_name: &str,
    wording: Wording<'_>,
) -> Result<String> {
    let c = engine.contracts().contract(contract).map_err(fail)?;
    let a = kesher::playbook::acknowledgement(
        c,
        priority_name.parse().map_err(fail)?,
        instant("receivedAt", received_at)?,
        wording,
    )
    .map_err(fail)?;
    crate::error::to_json("acknowledgement", &a)
}

/// Renders a reply template: `template_json` is a template of the JSON contract or the name
/// of a built-in one (`"reply"`, `"delay"`) as a JSON string; `variables_json` maps names to
/// values. A missing variable is an error that names it.
#[wasm_bindgen(js_name = replyTemplate)]
pub fn reply_template(template_json: &str, lang: &str, variables_json: &str) -> Result<String> {
    reply_template_in(template_json, language(lang)?.into(), variables_json)
}

/// The reply of a template, a built-in one in `wording`.
pub(crate) fn reply_template_in(
    template_json: &str,
    lang: Wording<'_>,
    variables_json: &str,
) -> Result<String> {
    let template = match kesher::from_json::<String>(template_json) {
        Ok(name) => kesher::playbook::ReplyTemplate::built_in(&name, lang).ok_or_else(|| {
            invalid(
                "template",
                &name,
                "no built-in template of this name (reply, delay)",
            )
        })?,
        Err(_) => kesher::playbook::ReplyTemplate::from_json(template_json).map_err(fail)?,
    };
    let vars: BTreeMap<String, String> = parse("variables", variables_json)?;
    let variables: Vec<String> = template.variables().map_err(fail)?.into_iter().collect();
    let text = template.render(&vars).map_err(fail)?;
    crate::error::to_json(
        "reply",
        &serde_json::json!({"text": text, "variables": variables}),
    )
}
