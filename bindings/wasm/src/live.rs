//! `LiveCase`, `WakeSchedule`, `EscalationRules`: a case kept between events, when cases wake
//! up, and what the rules ask for. Instants go in as RFC 3339 text; wake-ups come back as epoch
//! milliseconds rounded *up* to the millisecond a `Date` holds, so a tick at that `Date` sees
//! the change (a breach falls 1 ns after the due instant).

use crate::error::{fail, invalid, parse, to_json, Result};
use crate::sla::SlaEngine;
use crate::text::{instant, language};
use chrono::{DateTime, Utc};
use std::cell::{RefCell, RefMut};
use wasm_bindgen::prelude::*;

fn case_id(text: &str) -> Result<kesher::CaseId> {
    kesher::CaseId::new(text).map_err(fail)
}

/// `at` as epoch milliseconds, rounded up to a whole millisecond.
fn millis_up(at: DateTime<Utc>) -> f64 {
    let ms = at.timestamp_millis() as f64;
    if at.timestamp_subsec_nanos() % 1_000_000 == 0 {
        ms
    } else {
        ms + 1.0
    }
}

/// A JavaScript number as an event's `seq`.
fn sequence(seq: f64) -> Result<u64> {
    if seq >= 0.0 && seq.fract() == 0.0 && seq <= 9_007_199_254_740_991.0 {
        Ok(seq as u64)
    } else {
        Err(invalid(
            "seq",
            &seq.to_string(),
            "expected a whole number from 0",
        ))
    }
}

fn borrow<'a, T>(cell: &'a RefCell<T>, what: &str) -> Result<RefMut<'a, T>> {
    cell.try_borrow_mut()
        .map_err(|_| invalid(what, "", "it is busy with another call"))
}

/// A case kept between events.
///
/// ```js
/// const live = new LiveCase("T-1");
/// const changes = live.apply(openedEvent, engine, new Date());
/// live.wakeAt; // a Date: when the case next changes by the clock alone, or null
/// ```
#[wasm_bindgen(js_name = NativeLiveCase)]
#[derive(Debug)]
pub struct LiveCase {
    inner: RefCell<kesher::live::LiveCase>,
}

#[wasm_bindgen(js_class = NativeLiveCase)]
impl LiveCase {
    /// A case with no event yet.
    #[wasm_bindgen(constructor)]
    pub fn new(id: &str) -> Result<LiveCase> {
        Ok(LiveCase {
            inner: RefCell::new(kesher::live::LiveCase::new(case_id(id)?)),
        })
    }

    /// Resumes a case from its snapshot (JSON text).
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(text: &str) -> Result<LiveCase> {
        kesher::live::LiveCase::from_snapshot(text)
            .map(|l| LiveCase {
                inner: RefCell::new(l),
            })
            .map_err(fail)
    }

    /// The case as one JSON document to store.
    #[wasm_bindgen(js_name = toSnapshot)]
    pub fn to_snapshot(&self) -> Result<String> {
        Ok(borrow(&self.inner, "liveCase")?.to_snapshot())
    }

    /// Applies one event (JSON text) and reads the case at `now`: what changed, as JSON text.
    pub fn apply(&self, event_json: &str, engine: &SlaEngine, now: &str) -> Result<String> {
        let event = kesher::event::CaseEvent::from_json(event_json).map_err(fail)?;
        let now = instant("now", now)?;
        let changes = borrow(&self.inner, "liveCase")?
            .apply(event, &mut *engine.engine()?, now)
            .map_err(fail)?;
        to_json("changes", &changes)
    }

    /// Reads the case at `now` with no new event: what the clock changed, as JSON text.
    pub fn tick(&self, engine: &SlaEngine, now: &str) -> Result<String> {
        let now = instant("now", now)?;
        let changes = borrow(&self.inner, "liveCase")?
            .tick(&mut *engine.engine()?, now)
            .map_err(fail)?;
        to_json("changes", &changes)
    }

    /// Records an escalation (JSON text) the host carried out, as events numbered from `seq`.
    pub fn record(&self, escalation_json: &str, engine: &SlaEngine, seq: f64) -> Result<String> {
        let escalation: kesher::live::Escalation = parse("escalation", escalation_json)?;
        if !(seq >= 0.0 && seq.fract() == 0.0 && seq <= 9_007_199_254_740_991.0) {
            return Err(invalid(
                "seq",
                &seq.to_string(),
                "expected a whole number from 0",
            ));
        }
        let changes = borrow(&self.inner, "liveCase")?
            .record(&escalation, &mut *engine.engine()?, seq as u64)
            .map_err(fail)?;
        to_json("changes", &changes)
    }

    /// The events `record` applies for an escalation (JSON text), as JSON text.
    #[wasm_bindgen(js_name = escalationEvents)]
    pub fn escalation_events(&self, escalation_json: &str, seq: f64) -> Result<String> {
        let escalation: kesher::live::Escalation = parse("escalation", escalation_json)?;
        let events = borrow(&self.inner, "liveCase")?
            .escalation_events(&escalation, sequence(seq)?)
            .map_err(fail)?;
        to_json("events", &events)
    }

    /// The case id.
    #[wasm_bindgen(getter, js_name = caseId)]
    pub fn case_id(&self) -> Result<String> {
        Ok(borrow(&self.inner, "liveCase")?.id().to_string())
    }

    /// `{"case", "sla", "seenAt", "wakeAt", "rejected"}` as JSON text: the case folded from
    /// every event (or null), the targets as last read (or null), the last reading (RFC 3339),
    /// the next wake-up (epoch ms rounded up, or null), the events held but not applied.
    pub fn state(&self) -> Result<String> {
        #[derive(serde::Serialize)]
        struct Rejected<'a> {
            event_type: &'a str,
            reason: String,
        }
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct State<'a> {
            case: Option<&'a kesher::case::Case>,
            sla: Option<&'a kesher::sla::CaseSla>,
            seen_at: Option<DateTime<Utc>>,
            wake_at: Option<f64>,
            rejected: Vec<Rejected<'a>>,
        }
        let live = borrow(&self.inner, "liveCase")?;
        let rejected = live
            .rejected()
            .iter()
            .map(|r| Rejected {
                event_type: r.event_type,
                reason: r.error.to_string(),
            })
            .collect();
        let state = State {
            case: live.case(),
            sla: live.sla(),
            seen_at: live.seen_at(),
            wake_at: live.wake_at().map(millis_up),
            rejected,
        };
        to_json("state", &state)
    }
}

/// When many cases next change by the clock alone, served earliest first.
///
/// ```js
/// const schedule = new WakeSchedule();
/// schedule.set("T-1", live.wakeAt);
/// for (const [caseId] of schedule.due(new Date())) cases[caseId].tick(engine, new Date());
/// ```
#[wasm_bindgen(js_name = NativeWakeSchedule)]
#[derive(Debug, Default)]
pub struct WakeSchedule {
    inner: RefCell<kesher::live::WakeSchedule>,
}

#[wasm_bindgen(js_class = NativeWakeSchedule)]
impl WakeSchedule {
    /// An empty schedule.
    #[wasm_bindgen(constructor)]
    pub fn new() -> WakeSchedule {
        WakeSchedule::default()
    }

    /// Sets (or, with no instant, removes) the wake-up of one case.
    pub fn set(&self, id: &str, at: Option<String>) -> Result<()> {
        let at = at.map(|a| instant("at", &a)).transpose()?;
        borrow(&self.inner, "schedule")?.set(case_id(id)?, at);
        Ok(())
    }

    /// The wake-up of one case (epoch ms rounded up), or undefined.
    pub fn get(&self, id: &str) -> Result<Option<f64>> {
        Ok(borrow(&self.inner, "schedule")?
            .get(&case_id(id)?)
            .map(millis_up))
    }

    /// Removes and returns every wake-up at or before `now`, earliest first, as JSON text of
    /// `[case id, epoch ms]` pairs.
    pub fn due(&self, now: &str) -> Result<String> {
        let now = instant("now", now)?;
        let due: Vec<(String, f64)> = borrow(&self.inner, "schedule")?
            .due(now)
            .into_iter()
            .map(|(id, at)| (id.to_string(), millis_up(at)))
            .collect();
        to_json("due", &due)
    }

    /// The earliest wake-up (epoch ms rounded up), or undefined.
    pub fn earliest(&self) -> Result<Option<f64>> {
        Ok(borrow(&self.inner, "schedule")?.earliest().map(millis_up))
    }

    /// How many cases have a wake-up.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> Result<u32> {
        let n = borrow(&self.inner, "schedule")?.len();
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }
}

/// Escalation and routing rules.
///
/// ```js
/// const rules = new EscalationRules({ rules: [{ name: "public complaint",
///   when: { on: "public_negative_message" }, channels: ["twitter"],
///   then: [{ do: "assign_team", team: "social" }, { do: "acknowledge" }] }] });
/// const { changes, escalations } = rules.apply(live, event, engine, new Date(), "he");
/// ```
#[wasm_bindgen(js_name = NativeEscalationRules)]
#[derive(Debug)]
pub struct EscalationRules {
    inner: kesher::live::EscalationRules,
    /// The host's words for the reasons and acknowledgements, if it gave its own.
    catalogue: Option<kesher::catalogue::Catalogue>,
}

/// What `apply` and `tick` hand back.
#[derive(serde::Serialize)]
struct Asked {
    changes: kesher::live::CaseChanges,
    escalations: Vec<kesher::live::Escalation>,
}

/// What `apply` and `tick` hand back, as JSON text.
fn asked(
    changes: kesher::live::CaseChanges,
    escalations: Vec<kesher::live::Escalation>,
) -> Result<String> {
    to_json(
        "escalations",
        &Asked {
            changes,
            escalations,
        },
    )
}

impl EscalationRules {
    /// `lang` of the host's catalogue when it gave one, else of the built-in catalogue.
    fn wording(&self, lang: &str) -> Result<kesher::catalogue::Wording<'_>> {
        match &self.catalogue {
            Some(c) => kesher::catalogue::Wording::new(c, lang).map_err(fail),
            None => Ok(language(lang)?.into()),
        }
    }
}

#[wasm_bindgen(js_class = NativeEscalationRules)]
impl EscalationRules {
    /// Reads the rules (JSON text); their reasons are worded from `catalogue` when given.
    #[wasm_bindgen(constructor)]
    pub fn new(
        rules_json: &str,
        catalogue: Option<crate::catalogue::Catalogue>,
    ) -> Result<EscalationRules> {
        let inner = kesher::live::EscalationRules::from_json(rules_json).map_err(fail)?;
        Ok(EscalationRules {
            inner,
            catalogue: catalogue.map(|c| c.inner),
        })
    }

    /// Throws when a share would not wake cases under the engine's contracts.
    pub fn check(&self, engine: &SlaEngine) -> Result<()> {
        self.inner.check(engine.contracts()).map_err(fail)
    }

    /// `live.apply(event, engine, now)` and the escalations it sets off, as JSON text of
    /// `{"changes", "escalations"}`.
    pub fn apply(
        &self,
        live: &LiveCase,
        event_json: &str,
        engine: &SlaEngine,
        now: &str,
        lang: &str,
    ) -> Result<String> {
        let event = kesher::event::CaseEvent::from_json(event_json).map_err(fail)?;
        let now = instant("now", now)?;
        let lang = self.wording(lang)?;
        let (changes, escalations) = self
            .inner
            .apply(
                &mut *borrow(&live.inner, "liveCase")?,
                event,
                &mut *engine.engine()?,
                now,
                engine.contracts(),
                lang,
            )
            .map_err(fail)?;
        asked(changes, escalations)
    }

    /// `live.tick(engine, now)` and the escalations it sets off, as `apply`.
    pub fn tick(
        &self,
        live: &LiveCase,
        engine: &SlaEngine,
        now: &str,
        lang: &str,
    ) -> Result<String> {
        let now = instant("now", now)?;
        let lang = self.wording(lang)?;
        let (changes, escalations) = self
            .inner
            .tick(
                &mut *borrow(&live.inner, "liveCase")?,
                &mut *engine.engine()?,
                now,
                engine.contracts(),
                lang,
            )
            .map_err(fail)?;
        asked(changes, escalations)
    }
}
