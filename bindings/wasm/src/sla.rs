//! `SlaEngine`: SLA contracts, every target's state for a case, the statements customers read.

use crate::error::{fail, parse, to_json, Result};
use crate::text::{instant, language};
use std::cell::RefCell;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// A set of SLA contracts and the engine that evaluates cases against them (it keeps the
/// compiled calendars between calls).
///
/// ```js
/// const engine = new SlaEngine([{ name: "std", calendar: "israel",
///   targets: [{ metric: "first_response", within: 14400 }] }]);
/// engine.evaluate(kase, new Date()).targets[0].state; // "running", "warning", "met", ...
/// ```
#[wasm_bindgen(js_name = NativeSlaEngine)]
#[derive(Debug)]
pub struct SlaEngine {
    contracts: kesher::sla::ContractSet,
    engine: RefCell<kesher::sla::SlaEngine>,
}

impl SlaEngine {
    pub(crate) fn contracts(&self) -> &kesher::sla::ContractSet {
        &self.contracts
    }

    /// The engine itself, for one call at a time.
    pub(crate) fn engine(&self) -> Result<std::cell::RefMut<'_, kesher::sla::SlaEngine>> {
        self.engine
            .try_borrow_mut()
            .map_err(|_| crate::error::invalid("engine", "", "the engine is busy"))
    }
}

#[wasm_bindgen(js_class = NativeSlaEngine)]
impl SlaEngine {
    /// Reads and checks the contracts (JSON text of the contract).
    #[wasm_bindgen(constructor)]
    pub fn new(contracts_json: &str) -> Result<SlaEngine> {
        let contracts = kesher::sla::ContractSet::from_json(contracts_json).map_err(fail)?;
        Ok(SlaEngine {
            engine: RefCell::new(kesher::sla::SlaEngine::new(contracts.clone())),
            contracts,
        })
    }

    /// The contracts as JSON text.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<String> {
        to_json("contracts", &self.contracts)
    }

    /// Every started target of a case (JSON text of a folded case) at `now`, as JSON text.
    pub fn evaluate(&self, case_json: &str, now: &str) -> Result<String> {
        let case: kesher::case::Case = parse("case", case_json)?;
        let now = instant("now", now)?;
        let mut engine = self.engine()?;
        let sla = engine.evaluate(&case, now).map_err(fail)?;
        to_json("sla", &sla)
    }

    /// The contracts and interaction targets as customers read them, in `lang` (`en`, `he`,
    /// `ar`, `ru`).
    pub fn statements(&self, lang: &str) -> Result<String> {
        self.statements_in(language(lang)?.into())
    }

    /// Which channels the contracts cover, given contacts per channel (`{"email": 120}`).
    pub fn coverage(&self, traffic_json: &str) -> Result<String> {
        let traffic: BTreeMap<kesher::Channel, u64> = parse("traffic", traffic_json)?;
        to_json(
            "coverage",
            &kesher::sla::statement::channel_coverage(&self.contracts, &traffic),
        )
    }
}

impl SlaEngine {
    /// The statements in `wording` (the built-in catalogue's or a host's).
    pub(crate) fn statements_in(&self, wording: kesher::catalogue::Wording<'_>) -> Result<String> {
        let all = kesher::sla::statement::set_statements(&self.contracts, wording);
        to_json("statements", &all)
    }
}
