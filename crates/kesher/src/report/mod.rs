//! The service report: how the service is doing and how customers feel along the way, per
//! brand and channel, gathered one case at a time so a stream of any length fits in memory
//! bounded by its segments and by the customers active within a window of cases (see
//! [`ReportOptions::customer_window`]).
//!
//! [`ReportBuilder::add`] takes each case with its SLA evaluation and emotion journey;
//! [`ReportBuilder::finish`] gives the [`Report`] (serialisable, the `--json` of `kesher report`),
//! and [`Report::to_html`] draws it as one self-contained HTML page (inline CSS and SVG, no
//! network), in English or in Hebrew laid out right to left.
//!
//! ```
//! use kesher::{event::CaseEvent, case::CaseLog, journey::EmotionModel, Language};
//! use kesher::report::{ReportBuilder, ReportOptions};
//!
//! let mut log = CaseLog::default();
//! for e in [
//!     r#"{"type": "opened", "case_id": "T", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "chat", "metadata": {"brand": "Acme"}}"#,
//!     r#"{"type": "interaction", "case_id": "T", "seq": 1, "id": "m1", "customer_id": "c", "at": "2025-01-05T09:00:00Z",
//!         "channel": "chat", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message", "text": "my order is late"}"#,
//!     r#"{"type": "interaction", "case_id": "T", "seq": 2, "id": "m2", "customer_id": "c", "at": "2025-01-05T09:04:00Z",
//!         "channel": "chat", "direction": "outbound", "actor": {"type": "agent", "id": "a"}, "kind": "message"}"#,
//! ] {
//!     log.insert(CaseEvent::from_json(e)?);
//! }
//! let case = log.fold()?;
//! let now = "2025-01-06T00:00:00Z".parse().unwrap();
//! let journey = EmotionModel::default().journey(&case, now, None);
//! let mut builder = ReportBuilder::new(ReportOptions::default());
//! builder.add(&case, None, &journey, now);
//! let report = builder.finish(None, Language::En, now);
//! assert_eq!(report.brands[0].name, "Acme");
//! assert_eq!(report.brands[0].first_response_histogram.counts[0], 1); // under 5 minutes
//! let html = report.to_html();
//! assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Acme"));
//! # Ok::<(), kesher::Error>(())
//! ```

mod cases;
mod customers;
mod histogram;
mod html;
mod read_once;
mod words;

pub use cases::report_of_cases;
pub use customers::DEFAULT_CUSTOMER_WINDOW_CASES;
pub use histogram::{FirstResponseHistogram, FIRST_RESPONSE_EDGES};

use crate::insight::{
    MetricsBuilder, ProblemSample, RecurringProblems, ServiceMetrics, PROBLEM_SAMPLE_SIZE,
};
use crate::journey::{criticals_of, turns_of, CriticalPoints, TurningPoint};
use crate::sla::statement::{channel_coverage, set_statements, ChannelCoverage, Statement};
use crate::{
    case::Case,
    channel::Channel,
    customer::Customer,
    id::{CaseId, CustomerId},
    journey::{Journey, Pattern, PatternBuilder, StageMap},
    sla::{CaseSla, ContractSet},
    text::{SentimentScorer, TextScorer},
};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the report groups by and how it judges.
///
/// # Example
///
/// ```
/// let o = kesher::report::ReportOptions::default();
/// assert_eq!((o.segment_key.as_str(), o.threshold, o.list_length), ("brand", -0.66, 25));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// The case metadata key whose value is the segment (the brand).
    pub segment_key: String,
    /// Which stage each point of a journey belongs to; its stages are the patterns'.
    pub stage_map: StageMap,
    /// The level counted as trouble (angry, −0.66).
    pub threshold: f64,
    /// The smallest cluster of recurring problems.
    pub min_problem_cases: usize,
    /// How far back a customer's feeling counts for winning them back.
    pub recent: TimeDelta,
    /// How many customers each retention list shows.
    pub list_length: usize,
    /// A customer is settled (their retention signals read and counted, their tally dropped
    /// unless it ranks on a list) once this many cases have been added without one of theirs:
    /// what bounds the report's memory. A customer whose cases lie further apart is counted once
    /// per stretch, unless a list kept them. `u64::MAX`: never before the end.
    pub customer_window: u64,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            segment_key: "brand".into(),
            stage_map: StageMap::default(),
            threshold: crate::emotion::EmotionLevel::Angry.value(),
            min_problem_cases: 3,
            recent: TimeDelta::days(30),
            list_length: 25,
            customer_window: DEFAULT_CUSTOMER_WINDOW_CASES,
        }
    }
}

/// The journey of a segment that fell lowest, with its turning and critical points.
///
/// # Example
///
/// See [`Report`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LowestJourney {
    /// The journey.
    pub journey: Journey,
    /// Where its direction changed.
    pub turning_points: Vec<TurningPoint>,
    /// Its lowest point, steepest drops and crossings below the threshold.
    pub critical: CriticalPoints,
    /// What the customer said at its critical points: the customer's last message at or
    /// before the lowest point and each steepest drop (at most four, in time order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub said: Vec<CustomerWords>,
}

/// A customer's message at a critical point of a journey.
///
/// # Example
///
/// ```
/// let w = kesher::report::CustomerWords { at: "2025-01-05T09:00:00Z".parse().unwrap(), text: "still waiting".into() };
/// assert_eq!(w.text, "still waiting");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerWords {
    /// When it was written.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// What it said (at most 280 characters).
    pub text: String,
}

/// The customer's last message at or before each of the lowest point and the steepest drops.
fn said_at(case: &Case, critical: &CriticalPoints) -> Vec<CustomerWords> {
    let mut instants: Vec<DateTime<Utc>> = critical
        .lowest
        .iter()
        .chain(&critical.steepest_drops)
        .map(|p| p.at)
        .collect();
    crate::support::sorting::sort_by_key(&mut instants, |t| *t);
    let mut said: Vec<CustomerWords> = Vec::new();
    for at in instants {
        let words = case
            .log()
            .iter()
            .filter(|i| i.is_customer_contact() && i.at <= at)
            .filter_map(|i| i.text.as_deref().map(|t| (i.at, t)))
            .max_by_key(|(when, _)| *when);
        if let Some((when, text)) = words {
            let text: String = text.chars().take(280).collect();
            if !said.iter().any(|w| w.at == when && w.text == text) {
                said.push(CustomerWords { at: when, text });
            }
        }
    }
    said.truncate(4);
    said
}

/// The facts of one brand, one channel, or everything.
///
/// # Example
///
/// See [`Report`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentReport {
    /// The brand or channel (`all` for the totals).
    pub name: String,
    /// Service metrics: first response and resolution, FCR, transfers, SLA compliance.
    pub metrics: ServiceMetrics,
    /// First responses by time bin.
    pub first_response_histogram: FirstResponseHistogram,
    /// Customer messages with no answer after them.
    pub unanswered_messages: u64,
    /// Open cases whose customer's last message is unanswered.
    pub waiting_cases: u64,
    /// Transfers between agents or teams.
    pub transfers: u64,
    /// Word of mouth: the customers' public messages read as positive and as negative (by
    /// their annotation, else the built-in text scorer), beside the per-customer balance of
    /// the retention lists.
    #[serde(default)]
    pub public_messages: PublicBalance,
    /// The typical emotion pattern (brands only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Pattern>,
    /// The journey that fell lowest (brands only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lowest_journey: Option<LowestJourney>,
}

/// Public customer messages of a brand or channel, positive against negative.
///
/// # Example
///
/// ```
/// let b = kesher::report::PublicBalance { positive: 5, negative: 2, neutral: 3 };
/// assert_eq!(b.balance(), 3);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicBalance {
    /// Read as positive.
    pub positive: u64,
    /// Read as negative.
    pub negative: u64,
    /// Neither (or no text).
    pub neutral: u64,
}

impl PublicBalance {
    /// Positive minus negative.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::report::PublicBalance::default().balance(), 0);
    /// ```
    pub fn balance(&self) -> i64 {
        i64::try_from(self.positive).unwrap_or(i64::MAX)
            - i64::try_from(self.negative).unwrap_or(i64::MAX)
    }

    /// The public customer messages of `case`, read by `scorer` when not annotated.
    fn of(case: &Case, scorer: &dyn TextScorer) -> PublicBalance {
        let mut b = PublicBalance::default();
        for i in case
            .log()
            .iter()
            .filter(|i| i.is_customer_contact() && i.is_public())
        {
            let value = i
                .emotion
                .map(|e| e.value.value())
                .or_else(|| i.text.as_deref().and_then(|t| scorer.score(t, None)));
            match crate::text::Sentiment::of(value) {
                crate::text::Sentiment::Positive => b.positive += 1,
                crate::text::Sentiment::Negative => b.negative += 1,
                crate::text::Sentiment::Neutral => b.neutral += 1,
            }
        }
        b
    }

    fn absorb(&mut self, other: PublicBalance) {
        self.positive += other.positive;
        self.negative += other.negative;
        self.neutral += other.neutral;
    }
}

/// One customer on a retention list.
///
/// # Example
///
/// See [`Report`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionEntry {
    /// The customer.
    pub customer_id: CustomerId,
    /// The signal's strength in [0, 1].
    pub score: f64,
    /// The facts behind it.
    pub facts: Vec<String>,
}

/// Who to win back, who to nurture and who talks in public, strongest first.
///
/// # Example
///
/// See [`Report`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RetentionLists {
    /// Customers seen.
    pub customers: usize,
    /// Customer records given (nurture needs purchases from them).
    pub customer_records: usize,
    /// The strongest win-back signals.
    pub win_back: Vec<RetentionEntry>,
    /// Customers with a win-back signal.
    pub win_back_total: usize,
    /// The strongest nurture signals.
    pub nurture: Vec<RetentionEntry>,
    /// Customers with a nurture signal.
    pub nurture_total: usize,
    /// The strongest word-of-mouth signals (public messages; the facts give the balance).
    pub word_of_mouth: Vec<RetentionEntry>,
    /// Customers with a word-of-mouth signal.
    pub word_of_mouth_total: usize,
}

/// The report: totals, per brand, per channel, recurring problems, retention lists, and the
/// contracts as customers read them with the channels they cover.
///
/// # Example
///
/// See the [module](self).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The instant the report describes (SLA clocks are read at it).
    #[serde(with = "crate::instant")]
    pub now: DateTime<Utc>,
    /// The language's tag (`en`, `he`, `ar`, `ru`, or a host's): of the statements, the
    /// retention facts and [`Report::to_html`].
    pub language: String,
    /// The case metadata key of the brands.
    pub segment_key: String,
    /// The earliest case opening.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_case_at: Option<DateTime<Utc>>,
    /// The latest event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_event_at: Option<DateTime<Utc>>,
    /// Everything together.
    pub totals: SegmentReport,
    /// Per brand, most cases first.
    pub brands: Vec<SegmentReport>,
    /// Per channel of first contact, most cases first.
    pub channels: Vec<SegmentReport>,
    /// Recurring problems (Pareto) with FAQ candidates.
    pub problems: RecurringProblems,
    /// Retention lists.
    pub retention: RetentionLists,
    /// The contracts as customer-readable statements (none without contracts).
    pub statements: Vec<Statement>,
    /// Whether each channel with traffic is covered by a contract (none without contracts).
    pub coverage: Vec<ChannelCoverage>,
    /// Whether contracts were given (SLA compliance needs them).
    pub with_contracts: bool,
    /// The emotion level counted as trouble.
    pub threshold: f64,
    /// What was read to make the report (filled in by the reader; empty from the builder).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputSummary>,
    /// Cases that could not be evaluated (an instant the SLA clock cannot reach, a contract
    /// that does not exist), each with its reason: the first [`REFUSED_LISTED`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<RefusedCase>,
    /// How many cases were refused in all; the rest of the report stands without them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub refused_total: u64,
}

/// How many refused cases a report lists (it counts them all).
pub const REFUSED_LISTED: usize = 100;

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A case the report could not evaluate, and why.
///
/// # Example
///
/// ```
/// let r: kesher::report::RefusedCase = serde_json::from_str(
///     r#"{"case_id": "T-1", "reason": "no contract named `gold`"}"#).unwrap();
/// assert_eq!(r.case_id.as_str(), "T-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedCase {
    /// The case.
    pub case_id: CaseId,
    /// Why it could not be evaluated.
    pub reason: String,
}

/// One input of the report and its row accounting (`read = accepted + rejected`).
///
/// # Example
///
/// ```
/// let i = kesher::report::InputSummary { name: "dev.json".into(), format: "ibm".into(), read: 3, accepted: 2, rejected: 1 };
/// assert_eq!(i.read, i.accepted + i.rejected);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputSummary {
    /// The file.
    pub name: String,
    /// Its format.
    pub format: String,
    /// Rows read.
    pub read: u64,
    /// Rows accepted.
    pub accepted: u64,
    /// Rows rejected, each reported with its line and reason.
    pub rejected: u64,
}

#[derive(Debug, Clone, Default)]
struct Tally {
    metrics: MetricsBuilder,
    histogram: FirstResponseHistogram,
    unanswered_messages: u64,
    waiting_cases: u64,
    transfers: u64,
    public_messages: PublicBalance,
    lowest: Option<(f64, Journey, Vec<CustomerWords>)>,
}

impl Tally {
    fn add(&mut self, case: &Case, sla: Option<&CaseSla>, public: PublicBalance) {
        self.metrics.add(case, sla);
        let facts = case.facts();
        self.histogram.add(
            facts
                .time_to_first_human_response
                .map(crate::seconds::as_secs_f64),
        );
        self.unanswered_messages += facts.unanswered_inbound.len() as u64;
        self.waiting_cases += u64::from(case.status().is_open() && facts.has_unanswered_inbound());
        self.transfers += u64::from(case.transfers());
        self.public_messages.absorb(public);
    }

    fn watch(&mut self, case: &Case, journey: &Journey, threshold: f64) {
        let low = journey
            .points()
            .iter()
            .map(|p| p.emotion.value())
            .fold(f64::INFINITY, f64::min);
        // Ties go to the smaller case id, so the choice does not depend on the order of cases.
        let lower = match &self.lowest {
            Some((v, j, _)) => low < *v || (low == *v && journey.case_id < j.case_id),
            None => true,
        };
        if low.is_finite() && lower {
            let said = said_at(case, &criticals_of(journey, threshold));
            self.lowest = Some((low, journey.clone(), said));
        }
    }

    fn report(self, name: String, pattern: Option<Pattern>, threshold: f64) -> SegmentReport {
        SegmentReport {
            name,
            metrics: self.metrics.finish(),
            first_response_histogram: self.histogram,
            unanswered_messages: self.unanswered_messages,
            waiting_cases: self.waiting_cases,
            transfers: self.transfers,
            public_messages: self.public_messages,
            pattern,
            lowest_journey: self.lowest.map(|(_, journey, said)| LowestJourney {
                turning_points: turns_of(&journey, 0.0),
                critical: criticals_of(&journey, threshold),
                journey,
                said,
            }),
        }
    }
}

/// Gathers a [`Report`] one case at a time.
///
/// # Example
///
/// See the [module](self).
#[derive(Debug)]
pub struct ReportBuilder {
    options: ReportOptions,
    totals: Tally,
    brands: BTreeMap<String, Tally>,
    channels: BTreeMap<String, Tally>,
    patterns: PatternBuilder,
    problems: ProblemSample,
    customers: customers::CustomerTallies,
    traffic: BTreeMap<Channel, u64>,
    first_case_at: Option<DateTime<Utc>>,
    last_event_at: Option<DateTime<Utc>>,
    refused: Vec<RefusedCase>,
    refused_total: u64,
}

impl ReportBuilder {
    /// Counts a case that could not be evaluated, with the reason, instead of adding it: the
    /// report lists it and goes on.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::report::{ReportBuilder, ReportOptions};
    /// let mut b = ReportBuilder::new(ReportOptions::default());
    /// b.refuse(kesher::CaseId::new("T-1")?, "no contract named `gold`");
    /// let r = b.finish(None, kesher::Language::En, chrono::DateTime::UNIX_EPOCH);
    /// assert_eq!((r.refused_total, r.refused[0].reason.as_str()), (1, "no contract named `gold`"));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn refuse(&mut self, case_id: CaseId, reason: impl std::fmt::Display) {
        self.refused_total += 1;
        if self.refused.len() < REFUSED_LISTED {
            self.refused.push(RefusedCase {
                case_id,
                reason: reason.to_string(),
            });
        }
    }

    /// An empty builder.
    ///
    /// # Example
    ///
    /// See the [module](self).
    pub fn new(options: ReportOptions) -> ReportBuilder {
        let customers = customers::CustomerTallies::new(&options);
        ReportBuilder {
            patterns: PatternBuilder::new(options.stage_map.stages().clone(), options.threshold),
            options,
            totals: Tally::default(),
            brands: BTreeMap::new(),
            channels: BTreeMap::new(),
            problems: ProblemSample::new(PROBLEM_SAMPLE_SIZE),
            customers,
            traffic: BTreeMap::new(),
            first_case_at: None,
            last_event_at: None,
            refused: Vec::new(),
            refused_total: 0,
        }
    }

    /// Counts one case with its SLA evaluation (when there are contracts) and its emotion
    /// journey, as of `now`.
    ///
    /// # Example
    ///
    /// See the [module](self).
    pub fn add(
        &mut self,
        case: &Case,
        sla: Option<&CaseSla>,
        journey: &Journey,
        now: DateTime<Utc>,
    ) {
        self.add_with_scorer(case, sla, journey, &SentimentScorer::DEFAULT, now);
    }

    /// [`ReportBuilder::add`], reading the public messages that carry no emotion with
    /// `scorer` rather than the built-in [`SentimentScorer`]: the scorer the journey was drawn
    /// with, say, or one that remembers what that drawing read, so that no message is read
    /// twice. Each message is still read at most once here, however many tallies count it.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{event::CaseEvent, case::CaseLog, journey::EmotionModel, Language};
    /// use kesher::report::{ReportBuilder, ReportOptions};
    /// use kesher::text::TextScorer;
    ///
    /// struct Grumpy;
    /// impl TextScorer for Grumpy {
    ///     fn score(&self, _: &str, _: Option<Language>) -> Option<f64> { Some(-0.9) }
    /// }
    /// let mut log = CaseLog::default();
    /// log.insert(CaseEvent::from_json(r#"{"type": "interaction", "case_id": "T-1", "seq": 1, "id": "m1",
    ///     "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "twitter", "direction": "inbound",
    ///     "actor": {"type": "customer"}, "kind": "message", "text": "thanks a lot!"}"#)?);
    /// let case = log.fold()?;
    /// let now = "2025-01-06T00:00:00Z".parse().unwrap();
    /// let journey = EmotionModel::default().journey(&case, now, None);
    /// let mut b = ReportBuilder::new(ReportOptions::default());
    /// b.add_with_scorer(&case, None, &journey, &Grumpy, now);
    /// let r = b.finish(None, Language::En, now);
    /// assert_eq!((r.totals.public_messages.negative, r.totals.public_messages.positive), (1, 0));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn add_with_scorer(
        &mut self,
        case: &Case,
        sla: Option<&CaseSla>,
        journey: &Journey,
        scorer: &dyn TextScorer,
        now: DateTime<Utc>,
    ) {
        let brand = case
            .metadata()
            .get(&self.options.segment_key)
            .cloned()
            .unwrap_or_else(|| "(none)".to_string());
        // Each message read once: the totals, the brand, the channel and the customer's
        // retention tally count the same messages.
        let read = read_once::ReadOnce::new(scorer);
        let public = PublicBalance::of(case, &read);
        self.totals.add(case, sla, public);
        let b = self.brands.entry(brand.clone()).or_default();
        b.add(case, sla, public);
        let mut journey_in_brand;
        let journey = if journey.segment.as_deref() == Some(brand.as_str()) {
            journey
        } else {
            journey_in_brand = journey.clone();
            journey_in_brand.segment = Some(brand);
            &journey_in_brand
        };
        b.watch(case, journey, self.options.threshold);
        self.channels
            .entry(case.first_channel().name())
            .or_default()
            .add(case, sla, public);
        self.patterns.add(journey);
        self.problems.add(case);
        self.customers.add(case, sla, journey, &read, now);
        for i in case.log().iter().filter(|i| i.is_customer_contact()) {
            *self.traffic.entry(i.channel.clone()).or_insert(0) += 1;
        }
        let opened = case.opened_at();
        match self.first_case_at {
            Some(t) if t <= opened => {}
            _ => self.first_case_at = Some(opened),
        }
        let last = case.last_event_at();
        match self.last_event_at {
            Some(t) if t >= last => {}
            _ => self.last_event_at = Some(last),
        }
    }

    /// The customer records by id (for the nurture list, which needs their purchases), given
    /// before the cases: customers are settled as the cases stream by.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::report::{ReportBuilder, ReportOptions};
    /// use kesher::{customer::Customer, Language};
    ///
    /// let c = Customer::from_json(r#"{"id": "c", "name": "N"}"#)?;
    /// let b = ReportBuilder::new(ReportOptions::default())
    ///     .with_customer_records([(c.id.clone(), c)].into());
    /// let r = b.finish(None, Language::En, chrono::DateTime::UNIX_EPOCH);
    /// assert_eq!(r.retention.customer_records, 1);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn with_customer_records(mut self, records: BTreeMap<CustomerId, Customer>) -> Self {
        self.customers.set_records(records);
        self
    }

    /// The report at `now`: `contracts` the SLA contracts (for statements and coverage),
    /// `wording` that of the statements, the facts and the HTML: a [`crate::Language`] of the
    /// built-in catalogue, or a host's [`crate::catalogue::Wording`].
    ///
    /// Natively, the recurring problems are clustered on a second thread while the rest is
    /// finished; that thread ends before `finish` returns, and where none can be started (or in
    /// WebAssembly) the steps run one after the other, with the same report.
    ///
    /// # Example
    ///
    /// See the [module](self).
    pub fn finish<'a>(
        self,
        contracts: Option<&ContractSet>,
        wording: impl Into<crate::catalogue::Wording<'a>>,
        now: DateTime<Utc>,
    ) -> Report {
        self.finish_in(contracts, wording.into(), now)
    }

    /// Natively, clustering the sample of problems (the longest step, which needs nothing
    /// else here) runs on a thread of its own while the rest is finished; where a thread
    /// cannot be started, one after the other.
    #[cfg(not(target_arch = "wasm32"))]
    fn finish_in(
        mut self,
        contracts: Option<&ContractSet>,
        language: crate::catalogue::Wording<'_>,
        now: DateTime<Utc>,
    ) -> Report {
        // The builder keeps an empty sample, whose (empty) clustering the real one replaces.
        let sample = std::mem::replace(&mut self.problems, ProblemSample::new(1));
        let min_cases = self.options.min_problem_cases;
        let (problems, mut report) = beside(
            move || sample.finish(min_cases),
            || self.finish_all(contracts, language, now),
        );
        report.problems = problems;
        report
    }

    /// WebAssembly has no threads here: everything in turn.
    #[cfg(target_arch = "wasm32")]
    fn finish_in(
        self,
        contracts: Option<&ContractSet>,
        language: crate::catalogue::Wording<'_>,
        now: DateTime<Utc>,
    ) -> Report {
        self.finish_all(contracts, language, now)
    }

    /// The report, its problems clustered from the sample the builder holds.
    fn finish_all(
        self,
        contracts: Option<&ContractSet>,
        language: crate::catalogue::Wording<'_>,
        now: DateTime<Utc>,
    ) -> Report {
        let threshold = self.options.threshold;
        let mut patterns: BTreeMap<String, Pattern> = BTreeMap::new();
        for p in self.patterns.finish() {
            patterns.insert(p.segment.clone(), p);
        }
        let order = |v: &mut Vec<SegmentReport>| {
            crate::support::sorting::sort_by(v, |a, b| {
                b.metrics
                    .cases
                    .cmp(&a.metrics.cases)
                    .then(a.name.cmp(&b.name))
            })
        };
        let mut brands: Vec<SegmentReport> = self
            .brands
            .into_iter()
            .map(|(name, t)| {
                let pattern = patterns.get(&name).cloned();
                t.report(name, pattern, threshold)
            })
            .collect();
        order(&mut brands);
        let mut channels: Vec<SegmentReport> = self
            .channels
            .into_iter()
            .map(|(name, mut t)| {
                t.lowest = None;
                t.report(name, None, threshold)
            })
            .collect();
        order(&mut channels);
        let retention = self.customers.finish(now, language);
        let (statements, coverage) = match contracts {
            Some(set) => (
                set_statements(set, language),
                channel_coverage(set, &self.traffic),
            ),
            None => (Vec::new(), Vec::new()),
        };
        Report {
            now,
            language: language.language().to_string(),
            segment_key: self.options.segment_key,
            first_case_at: self.first_case_at,
            last_event_at: self.last_event_at,
            totals: self.totals.report("all".into(), None, threshold),
            brands,
            channels,
            problems: self.problems.finish(self.options.min_problem_cases),
            retention,
            statements,
            coverage,
            with_contracts: contracts.is_some(),
            threshold,
            inputs: Vec::new(),
            refused: self.refused,
            refused_total: self.refused_total,
        }
    }
}

/// Runs `aside` on a thread of its own while `here` runs on this one; one after the other
/// when no thread can be started. The answers are the same either way.
#[cfg(not(target_arch = "wasm32"))]
fn beside<A: Send, B>(aside: impl FnOnce() -> A + Send, here: impl FnOnce() -> B) -> (A, B) {
    use std::sync::{Mutex, PoisonError};
    let slot = Mutex::new(Some(aside));
    let run = || {
        let taken = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
        taken.map(|f| f())
    };
    let (ran, b) = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().spawn_scoped(scope, run).ok();
        let b = here();
        let ran = thread.and_then(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (ran, b)
    });
    match ran.or_else(run) {
        Some(a) => (a, b),
        None => unreachable!("`aside` is taken once: by its thread, or here"),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::beside;

    #[test]
    fn beside_gives_both_answers_and_runs_each_once() {
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let count = || calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let (a, b) = beside(
            || {
                count();
                (1..=100u64).sum::<u64>()
            },
            || {
                count();
                "here"
            },
        );
        assert_eq!((a, b), (5050, "here"));
        assert_eq!(calls.into_inner(), 2);
    }

    #[test]
    fn a_panic_beside_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| beside(|| panic!("aside failed"), || 1));
        assert!(caught.is_err());
    }
}
