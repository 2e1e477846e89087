//! `Catalogue`: kesher's messages per language (Project Fluent's FTL), which a host overrides
//! or extends at run time.

use crate::error::{fail, invalid, Result};
use kesher::catalogue::MessageArg;
use wasm_bindgen::prelude::*;

/// Messages per language.
///
/// ```js
/// const words = new Catalogue().withMessages("en", "escalation-breach = { $metric } is late");
/// words.format("en", "escalation-breach", { metric: "first_response", rule: "r" });
/// ```
#[wasm_bindgen(js_name = NativeCatalogue)]
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub(crate) inner: kesher::catalogue::Catalogue,
}

#[wasm_bindgen(js_class = NativeCatalogue)]
impl Catalogue {
    /// The built-in catalogue (English, Hebrew, Arabic, Russian).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Catalogue {
        Catalogue {
            inner: kesher::catalogue::Catalogue::built_in().clone(),
        }
    }

    /// A catalogue of one language read from FTL text (a host's own messages).
    #[wasm_bindgen(js_name = fromFtl)]
    pub fn from_ftl(language: &str, ftl: &str) -> Result<Catalogue> {
        kesher::catalogue::Catalogue::from_ftl(language, ftl)
            .map(|inner| Catalogue { inner })
            .map_err(fail)
    }

    /// This catalogue with the messages of `ftl` in `language`.
    #[wasm_bindgen(js_name = withMessages)]
    pub fn with_messages(&self, language: &str, ftl: &str) -> Result<Catalogue> {
        self.inner
            .with_messages(language, ftl)
            .map(|inner| Catalogue { inner })
            .map_err(fail)
    }

    /// The text of message `id` in `language`; `args_json` is a JSON object of its variables
    /// (a whole number is a count, which selects plural forms; a string is text).
    pub fn format(&self, language: &str, id: &str, args_json: &str) -> Result<String> {
        let serde_json::Value::Object(args) =
            kesher::from_json::<serde_json::Value>(args_json).map_err(fail)?
        else {
            return Err(invalid(
                "args",
                args_json,
                "expected an object of the message's variables",
            ));
        };
        let mut values: Vec<(&str, MessageArg<'_>)> = Vec::with_capacity(args.len());
        for (name, value) in &args {
            let arg = match value {
                serde_json::Value::String(s) => MessageArg::Text(s),
                serde_json::Value::Number(n) => match n.as_i64() {
                    Some(count) => MessageArg::Count(count),
                    None => return Err(invalid(name, &n.to_string(), "a count is a whole number")),
                },
                other => {
                    return Err(invalid(
                        name,
                        &other.to_string(),
                        "expected a string or a whole number",
                    ))
                }
            };
            values.push((name, arg));
        }
        self.inner.format(language, id, &values).map_err(fail)
    }

    /// The languages' tags.
    pub fn languages(&self) -> Vec<String> {
        self.inner
            .languages()
            .into_iter()
            .map(String::from)
            .collect()
    }

    /// The ids of the messages in `language`.
    #[wasm_bindgen(js_name = messageIds)]
    pub fn message_ids(&self, language: &str) -> Vec<String> {
        self.inner
            .message_ids(language)
            .into_iter()
            .map(String::from)
            .collect()
    }

    /// The ids of the English messages `language` lacks.
    pub fn missing(&self, language: &str) -> Vec<String> {
        self.inner
            .missing(language)
            .into_iter()
            .map(String::from)
            .collect()
    }

    /// A copy, for a call that takes the catalogue over (the `EscalationRules` constructor).
    pub fn copy(&self) -> Catalogue {
        self.clone()
    }

    /// The statements of `engine`'s contracts in `language` of this catalogue (JSON text).
    pub fn statements(&self, engine: &crate::sla::SlaEngine, language: &str) -> Result<String> {
        engine.statements_in(self.wording(language)?)
    }

    /// The acknowledgement of a contact under `contract`, in `language` of this catalogue.
    pub fn acknowledgement(
        &self,
        engine: &crate::sla::SlaEngine,
        contract: &str,
        received_at: &str,
        priority_name: &str,
        language: &str,
    ) -> Result<String> {
        let wording = self.wording(language)?;
        crate::playbook::acknowledgement_in(engine, contract, received_at, priority_name, wording)
    }

    /// A reply from a template, a built-in one in `language` of this catalogue.
    #[wasm_bindgen(js_name = replyTemplate)]
    pub fn reply_template(
        &self,
        template_json: &str,
        language: &str,
        variables_json: &str,
    ) -> Result<String> {
        crate::playbook::reply_template_in(template_json, self.wording(language)?, variables_json)
    }

    /// The report over cases in `language` of this catalogue (as `buildReport`).
    #[cfg(feature = "report")]
    #[wasm_bindgen(js_name = buildReport)]
    pub fn build_report(
        &self,
        cases_json: &str,
        contracts_json: Option<String>,
        language: &str,
        now: Option<String>,
        segment_key: String,
        stage_map_json: Option<String>,
    ) -> Result<String> {
        let wording = self.wording(language)?;
        crate::report::build_report_in(
            cases_json,
            contracts_json,
            wording,
            now,
            segment_key,
            stage_map_json,
        )
    }

    /// A journey (JSON text) as SVG, labels in `language` of this catalogue.
    #[wasm_bindgen(js_name = journeySvg)]
    pub fn journey_svg(
        &self,
        journey_json: &str,
        language: &str,
        title: Option<String>,
        width: u32,
        height: u32,
    ) -> Result<String> {
        let wording = self.wording(language)?;
        crate::journey::journey_svg_in(journey_json, wording, title, width, height)
    }

    /// A pattern (JSON text) as SVG, labels in `language` of this catalogue.
    #[wasm_bindgen(js_name = patternSvg)]
    pub fn pattern_svg(
        &self,
        pattern_json: &str,
        language: &str,
        width: u32,
        height: u32,
    ) -> Result<String> {
        crate::journey::pattern_svg_in(pattern_json, self.wording(language)?, width, height)
    }

    /// Whether text in `language` runs right to left.
    #[wasm_bindgen(js_name = isRightToLeft)]
    pub fn is_right_to_left(language: &str) -> bool {
        kesher::catalogue::Catalogue::is_right_to_left(language)
    }
}

impl Catalogue {
    /// `language` of this catalogue, checked to have every message kesher writes.
    fn wording(&self, language: &str) -> Result<kesher::catalogue::Wording<'_>> {
        kesher::catalogue::Wording::new(&self.inner, language).map_err(fail)
    }
}

impl Default for Catalogue {
    fn default() -> Catalogue {
        Catalogue::new()
    }
}
