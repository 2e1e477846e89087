//! Retention signals per customer: who to win back, who to nurture, who talks (word of mouth),
//! and the value at risk. Each signal lists the facts that produced it.

use crate::catalogue::{MessageArg, Wording};
use crate::language::Language;
use crate::sla::{CaseSla, TargetState};
use crate::{
    case::Case,
    channel::Channel,
    customer::{ConsentTopic, Customer, LifetimeModel},
    id::CustomerId,
    journey::Journey,
    money::Money,
    promise::PromiseState,
    status::CaseStatus,
    text::{Sentiment, TextScorer, TurnKind},
};
use chrono::{DateTime, Datelike, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// A signal with its strength in [0, 1] and the facts behind it.
///
/// # Example
///
/// See [`retention_signals`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// How strong, from 0 to 1.
    pub score: f64,
    /// The facts that produced it, in words.
    pub facts: Vec<String>,
}

/// The retention signals of one customer.
///
/// # Example
///
/// See [`retention_signals`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionSignals {
    /// The customer (from the record, else the cases, else the journeys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<CustomerId>,
    /// Unhappy: recent negative emotion, SLA breaches, broken promises, unresolved cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub win_back: Option<Signal>,
    /// Loyal: repeat purchases; with birthday and monthly-touch suggestions where consent allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nurture: Option<Signal>,
    /// Talks in public: customer messages on public channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word_of_mouth: Option<Signal>,
    /// Positive minus negative public messages (scored by the text scorer).
    pub word_of_mouth_balance: i64,
    /// Projected lifetime value net of acquisition cost, times the win-back score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_at_risk: Option<Money>,
}

/// What the signals are computed from for one customer.
#[derive(Debug, Clone, Copy)]
pub struct CustomerHistory<'a> {
    /// The customer's record, when the CRM has one (purchases, birthday, consents).
    pub customer: Option<&'a Customer>,
    /// Their cases, each with its SLA evaluation when there is one.
    pub cases: &'a [(Case, Option<CaseSla>)],
    /// Their journeys.
    pub journeys: &'a [Journey],
}

/// The retention signals of one customer at `now`. `recent` is how far back emotion counts
/// (30 days is a reasonable window); `scorer` reads public messages for the word-of-mouth
/// balance.
///
/// Win back (score = the worst of), unless the customer's last message thanks or praises
/// ([`crate::text::TurnKind::Thanks`] or a positive score) and no journey point comes after it: the
/// latest journey point within `recent` at or below
/// frustrated (−0.33), scored by its depth; breached or late SLA targets (0.2 each, at most 0.6); broken promises
/// (0.3 each); cases still open with the customer's last message unanswered (0.1 each). Nurture: two or more purchases (0.5, plus 0.1 per
/// purchase beyond, at most 1), with a birthday greeting suggested when the birthday is within
/// 30 days and consent is given, and a monthly touch when consent is given. Word of mouth:
/// public messages (0.2 each, at most 1).
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog, text::SentimentScorer};
/// use kesher::insight::{retention_signals, CustomerHistory};
///
/// let mut log = CaseLog::default();
/// log.insert(CaseEvent::from_json(r#"{"type": "interaction", "case_id": "T", "id": "m", "customer_id": "c",
///     "at": "2025-01-05T09:00:00Z", "channel": "twitter", "direction": "inbound", "actor": {"type": "customer"},
///     "kind": "message", "text": "worst service ever, still waiting"}"#)?);
/// let cases = vec![(log.fold()?, None)];
/// let s = retention_signals(&CustomerHistory { customer: None, cases: &cases, journeys: &[] },
///     &SentimentScorer::DEFAULT, chrono::TimeDelta::days(30), "2025-01-06T00:00:00Z".parse().unwrap());
/// assert!(s.win_back.unwrap().facts.iter().any(|f| f.contains("still open")));
/// assert_eq!(s.word_of_mouth_balance, -1);
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn retention_signals(
    history: &CustomerHistory<'_>,
    scorer: &dyn TextScorer,
    recent: TimeDelta,
    now: DateTime<Utc>,
) -> RetentionSignals {
    let mut tally = RetentionTally::default();
    for (case, sla) in history.cases {
        tally.add_case(case, sla.as_ref(), scorer, now);
    }
    for journey in history.journeys {
        tally.add_journey(journey, now);
    }
    tally.signals(history.customer, recent, now)
}

/// What [`retention_signals`] needs of a customer's cases and journeys, gathered one at a time
/// (a few numbers per customer), so the signals of every customer in a long stream of cases need
/// no list of their cases.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog, text::SentimentScorer};
/// use kesher::insight::RetentionTally;
///
/// let mut log = CaseLog::default();
/// log.insert(CaseEvent::from_json(r#"{"type": "interaction", "case_id": "T", "id": "m", "customer_id": "c",
///     "at": "2025-01-05T09:00:00Z", "channel": "twitter", "direction": "inbound", "actor": {"type": "customer"},
///     "kind": "message", "text": "worst service ever, still waiting"}"#)?);
/// let now = "2025-01-06T00:00:00Z".parse().unwrap();
/// let mut tally = RetentionTally::default();
/// tally.add_case(&log.fold()?, None, &SentimentScorer::DEFAULT, now);
/// let s = tally.signals(None, chrono::TimeDelta::days(30), now);
/// assert_eq!(s.customer_id.unwrap().as_str(), "c");
/// assert_eq!(s.word_of_mouth_balance, -1);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionTally {
    /// The customer: from the first case, else from the first journey.
    customer_id: Option<CustomerId>,
    /// Whether `customer_id` came from a case (a journey's gives way to a case's).
    id_from_case: bool,
    latest: Option<(DateTime<Utc>, f64)>,
    breaches: u32,
    broken: u32,
    open: u32,
    balance: i32,
    /// Public messages by channel: most customers use one, so a short slice (one small
    /// allocation, no name copied) rather than a map (a node of eleven slots per customer).
    public_by_channel: Box<[(Channel, u32)]>,
    /// The customer's last message with text, and whether it thanks or praises.
    last_word: Option<(DateTime<Utc>, bool)>,
}

impl RetentionTally {
    /// Counts one case (its SLA evaluation when there is one) as of `now`; `scorer` reads the
    /// customer's public messages.
    ///
    /// # Example
    ///
    /// See [`RetentionTally`].
    pub fn add_case(
        &mut self,
        case: &Case,
        sla: Option<&CaseSla>,
        scorer: &dyn TextScorer,
        now: DateTime<Utc>,
    ) {
        if !self.id_from_case {
            self.customer_id = Some(case.customer().id.clone());
            self.id_from_case = true;
        }
        self.breaches += sla
            .iter()
            .flat_map(|s| &s.targets)
            // A resolution still running past its due instant is counted through the open case
            // (when the customer waits for an answer), not as a breach the customer felt.
            .filter(|t| match t.state {
                TargetState::MetLate => true,
                TargetState::Breached => t.metric != crate::sla::Metric::Resolution,
                _ => false,
            })
            .count() as u32;
        self.broken += case
            .promises()
            .iter()
            .filter(|p| matches!(p.state(now), PromiseState::Broken | PromiseState::KeptLate))
            .count() as u32;
        // Unresolved and waiting on us: the customer's last message is still unanswered.
        self.open += u32::from(
            !matches!(
                case.status(),
                CaseStatus::Resolved | CaseStatus::Closed | CaseStatus::Released
            ) && case.facts().has_unanswered_inbound(),
        );
        // The customer's last word in this case: thanks or praise, or not.
        if let Some((last, text)) = case
            .log()
            .iter()
            .rev()
            .filter(|i| i.is_customer_contact() && i.at <= now)
            .find_map(|i| i.text.as_deref().map(|t| (i, t)))
        {
            let at = last.at;
            if !matches!(self.last_word, Some((known, _)) if at < known) {
                let praise = case.turn_kind_of(last) == Some(TurnKind::Thanks)
                    || Sentiment::of(scorer.score(text, None)) == Sentiment::Positive;
                self.last_word = Some((at, praise));
            }
        }
        for i in case
            .log()
            .iter()
            .filter(|i| i.is_customer_contact() && i.is_public() && i.at <= now)
        {
            match self
                .public_by_channel
                .iter_mut()
                .find(|(c, _)| *c == i.channel)
            {
                Some((_, count)) => *count += 1,
                None => {
                    let mut more = std::mem::take(&mut self.public_by_channel).into_vec();
                    more.push((i.channel.clone(), 1));
                    self.public_by_channel = more.into_boxed_slice();
                }
            }
            match i
                .emotion
                .map(|e| e.value.value())
                .or_else(|| i.text.as_deref().and_then(|t| scorer.score(t, None)))
            {
                Some(v) if v >= 0.2 => self.balance = self.balance.saturating_add(1),
                Some(v) if v <= -0.2 => self.balance = self.balance.saturating_sub(1),
                _ => {}
            }
        }
    }

    /// Counts one journey of the customer: its latest point at or before `now` is how the
    /// customer feels, if no later point is known.
    ///
    /// # Example
    ///
    /// See [`RetentionTally`].
    pub fn add_journey(&mut self, journey: &Journey, now: DateTime<Utc>) {
        if self.customer_id.is_none() {
            self.customer_id = Some(journey.customer_id.clone());
        }
        for p in journey.points().iter().filter(|p| p.at <= now) {
            let later = match self.latest {
                Some((at, _)) => p.at >= at,
                None => true,
            };
            if later {
                self.latest = Some((p.at, p.emotion.value()));
            }
        }
    }

    /// Adds what `other` counted (the same customer's other cases, gathered apart) to this
    /// tally, as if its cases and journeys had come after these: counts add up, and the latest
    /// feeling and last word are the later ones (`other`'s on a tie).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{event::CaseEvent, case::CaseLog, text::SentimentScorer};
    /// use kesher::insight::RetentionTally;
    ///
    /// let case = |id: &str, text: &str| -> Result<kesher::case::Case, kesher::Error> {
    ///     let mut log = CaseLog::default();
    ///     log.insert(CaseEvent::from_json(&format!(r#"{{"type": "interaction", "case_id": "{id}", "id": "m",
    ///         "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "twitter", "direction": "inbound",
    ///         "actor": {{"type": "customer"}}, "kind": "message", "text": "{text}"}}"#))?);
    ///     log.fold()
    /// };
    /// let now = "2025-01-06T00:00:00Z".parse().unwrap();
    /// let (a, b) = (case("A", "worst service ever")?, case("B", "still broken, awful")?);
    /// let (mut first, mut second, mut both) = (RetentionTally::default(), RetentionTally::default(), RetentionTally::default());
    /// first.add_case(&a, None, &SentimentScorer::DEFAULT, now);
    /// second.add_case(&b, None, &SentimentScorer::DEFAULT, now);
    /// both.add_case(&a, None, &SentimentScorer::DEFAULT, now);
    /// both.add_case(&b, None, &SentimentScorer::DEFAULT, now);
    /// first.merge(&second);
    /// assert_eq!(first, both);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn merge(&mut self, other: &RetentionTally) {
        if self.customer_id.is_none() || (!self.id_from_case && other.id_from_case) {
            self.customer_id.clone_from(&other.customer_id);
            self.id_from_case = other.id_from_case;
        }
        if let Some((at, value)) = other.latest {
            if !matches!(self.latest, Some((mine, _)) if at < mine) {
                self.latest = Some((at, value));
            }
        }
        if let Some((at, praise)) = other.last_word {
            if !matches!(self.last_word, Some((mine, _)) if at < mine) {
                self.last_word = Some((at, praise));
            }
        }
        self.breaches = self.breaches.saturating_add(other.breaches);
        self.broken = self.broken.saturating_add(other.broken);
        self.open = self.open.saturating_add(other.open);
        self.balance = self.balance.saturating_add(other.balance);
        let mut channels = std::mem::take(&mut self.public_by_channel).into_vec();
        for (channel, count) in other.public_by_channel.iter() {
            match channels.iter_mut().find(|(c, _)| c == channel) {
                Some((_, mine)) => *mine = mine.saturating_add(*count),
                None => channels.push((channel.clone(), *count)),
            }
        }
        self.public_by_channel = channels.into_boxed_slice();
    }

    /// The tally as JSON, so the tallies of one customer gathered on different workers of a
    /// distributed engine (their cases in different partitions) can meet and be merged.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::insight::RetentionTally;
    /// let t = RetentionTally::default();
    /// assert_eq!(RetentionTally::from_json(&t.to_json())?, t);
    /// assert!(RetentionTally::from_json(r#"{"open": -1}"#).is_err());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A tally from [`RetentionTally::to_json`]'s JSON; errors name the field at fault.
    ///
    /// # Example
    ///
    /// See [`RetentionTally::to_json`].
    pub fn from_json(text: &str) -> crate::error::Result<RetentionTally> {
        crate::support::json::from_str(text)
    }

    /// The signals of the customer (with their record, when there is one) at `now`; emotion
    /// counts when it is within `recent` of `now`.
    ///
    /// # Example
    ///
    /// See [`RetentionTally`].
    pub fn signals(
        &self,
        customer: Option<&Customer>,
        recent: TimeDelta,
        now: DateTime<Utc>,
    ) -> RetentionSignals {
        self.signals_in(customer, recent, now, Language::En)
    }

    /// [`RetentionTally::signals`] with the facts written in `language`.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::insight::RetentionTally;
    /// use kesher::{customer::Customer, Language};
    ///
    /// let c = Customer::from_json(r#"{"id": "c1", "name": "N", "purchases": [
    ///     {"order_ref": "A", "purchased_at": "2025-01-01T10:00:00Z", "total": {"amount_minor": 1000, "currency": "ILS"}},
    ///     {"order_ref": "B", "purchased_at": "2025-02-01T10:00:00Z", "total": {"amount_minor": 1000, "currency": "ILS"}}]}"#)?;
    /// let now = "2025-03-01T00:00:00Z".parse()?;
    /// let s = RetentionTally::default().signals_in(Some(&c), chrono::TimeDelta::days(30), now, Language::He);
    /// // Numbers and names placed in right-to-left text are isolated (U+2068 … U+2069).
    /// assert_eq!(s.nurture.unwrap().facts, ["\u{2068}2\u{2069} רכישות"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn signals_in<'a>(
        &self,
        customer: Option<&Customer>,
        recent: TimeDelta,
        now: DateTime<Utc>,
        wording: impl Into<Wording<'a>>,
    ) -> RetentionSignals {
        self.signals_with(customer, recent, now, Some(wording.into()))
    }

    /// [`RetentionTally::signals`] without their facts (each an empty text): the scores and
    /// which signals there are, for a caller that writes the facts of only a few customers.
    pub(crate) fn signals_unworded(
        &self,
        customer: Option<&Customer>,
        recent: TimeDelta,
        now: DateTime<Utc>,
    ) -> RetentionSignals {
        self.signals_with(customer, recent, now, None)
    }

    /// The signals, their facts written in `wording` (none: left empty, not formatted).
    fn signals_with(
        &self,
        customer: Option<&Customer>,
        recent: TimeDelta,
        now: DateTime<Utc>,
        wording: Option<Wording<'_>>,
    ) -> RetentionSignals {
        let customer_id = customer
            .map(|c| c.id.clone())
            .or_else(|| self.customer_id.clone());
        let win_back = self.win_back(recent, now, wording);
        let nurture = customer.and_then(|c| nurture(c, now, wording));
        let word_of_mouth = self.word_of_mouth(wording);
        let balance = i64::from(self.balance);
        let value_at_risk = match (&win_back, customer) {
            (Some(w), Some(c)) => c
                .lifetime_value(now, LifetimeModel::default())
                .ok()
                .flatten()
                .and_then(|v| {
                    let minor = (v.net_projected.amount_minor as f64 * w.score).round() as i64;
                    Money::new(minor.max(0), &v.net_projected.currency.to_string()).ok()
                }),
            _ => None,
        };
        RetentionSignals {
            customer_id,
            win_back,
            nurture,
            word_of_mouth,
            word_of_mouth_balance: balance,
            value_at_risk,
        }
    }

    /// Why the customer may be lost, if anything says so: how they feel now, targets breached,
    /// promises broken, cases left open; none when their last word was thanks or praise.
    fn win_back(
        &self,
        recent: TimeDelta,
        now: DateTime<Utc>,
        wording: Option<Wording<'_>>,
    ) -> Option<Signal> {
        let say = |id: &str, args: &[(&str, MessageArg<'_>)]| said(wording, id, args);
        let count = |n: u64| MessageArg::Count(i64::try_from(n).unwrap_or(i64::MAX));
        let mut win = (0.0f64, Vec::new());
        let mut lift = |score: f64, fact: String| {
            win.0 = f64::max(win.0, crate::support::bounds::clamp(score, 0.0, 1.0));
            win.1.push(fact);
        };
        let since = now - recent;
        // How the customer feels now: the latest point of any journey within the window.
        let latest = self.latest.filter(|(at, _)| *at > since).map(|(_, v)| v);
        if let Some(level) = latest.filter(|l| *l <= -0.33) {
            let shown = crate::support::decimal::fixed(level, 2)
                .signed()
                .to_string();
            let fact = say(
                "retention-feels",
                &[
                    ("level", MessageArg::Text(&shown)),
                    ("days", MessageArg::Count(recent.num_days())),
                ],
            );
            lift(-level, fact);
        }
        let (breaches, broken, open) = (self.breaches, self.broken, self.open);
        if breaches > 0 {
            let fact = say("retention-breaches", &[("count", count(breaches.into()))]);
            lift((0.2 * f64::from(breaches)).min(0.6), fact);
        }
        if broken > 0 {
            let fact = say("retention-broken", &[("count", count(broken.into()))]);
            lift((0.3 * f64::from(broken)).min(1.0), fact);
        }
        if open > 0 {
            let fact = say("retention-open", &[("count", count(open.into()))]);
            lift((0.1 * f64::from(open)).min(0.5), fact);
        }
        // A customer whose last word is thanks or praise, with nothing felt after it, is not
        // one to win back.
        let thankful = self.last_word.is_some_and(|(said, praise)| {
            praise && !matches!(self.latest, Some((felt, _)) if felt > said)
        });
        if win.1.is_empty() || thankful {
            None
        } else {
            Some(Signal {
                score: win.0,
                facts: win.1,
            })
        }
    }

    /// Who has spoken about the case in public, channel by channel.
    fn word_of_mouth(&self, wording: Option<Wording<'_>>) -> Option<Signal> {
        let say = |id: &str, args: &[(&str, MessageArg<'_>)]| said(wording, id, args);
        let count = |n: u64| MessageArg::Count(i64::try_from(n).unwrap_or(i64::MAX));
        let public: usize = self
            .public_by_channel
            .iter()
            .map(|(_, n)| *n as usize)
            .sum();
        (public > 0).then(|| {
            let mut by_name: Vec<(String, u32)> = self
                .public_by_channel
                .iter()
                .map(|(c, n)| (c.name(), *n))
                .collect();
            crate::support::sorting::sort_by(&mut by_name, |a, b| a.0.cmp(&b.0));
            Signal {
                score: (0.2 * public as f64).min(1.0),
                facts: by_name
                    .iter()
                    .map(|(ch, n)| {
                        let args = [
                            ("count", count(u64::from(*n))),
                            ("channel", MessageArg::Text(ch)),
                        ];
                        say("retention-public", &args)
                    })
                    .collect(),
            }
        })
    }
}

/// Why to nurture a customer with a history of purchases (two or more so far): a birthday
/// coming within a month, with their consent, and the monthly email they agreed to.
/// A fact in `wording`; an empty text without one.
fn said(wording: Option<Wording<'_>>, id: &str, args: &[(&str, MessageArg<'_>)]) -> String {
    wording.map_or_else(String::new, |w| w.say(id, args))
}

fn nurture(c: &Customer, now: DateTime<Utc>, wording: Option<Wording<'_>>) -> Option<Signal> {
    let say = |id: &str, args: &[(&str, MessageArg<'_>)]| said(wording, id, args);
    let count = |n: u64| MessageArg::Count(i64::try_from(n).unwrap_or(i64::MAX));
    let purchases = c.purchases.iter().filter(|p| p.purchased_at <= now).count();
    (purchases >= 2).then(|| {
        let mut facts = vec![say(
            "retention-purchases",
            &[("count", count(purchases as u64))],
        )];
        if let Some(b) = c.birthday {
            let today = now.date_naive();
            let this_year = b
                .with_year(today.year())
                .filter(|d| *d >= today)
                .or_else(|| b.with_year(today.year() + 1));
            if this_year.is_some_and(|d| (d - today).num_days() <= 30)
                && c.has_consent(ConsentTopic::BirthdayGreetings)
            {
                let date = say(
                    "date-day-month",
                    &[
                        ("day", MessageArg::Count(i64::from(b.day()))),
                        ("month", MessageArg::Count(i64::from(b.month()))),
                    ],
                );
                facts.push(say(
                    "retention-birthday",
                    &[("date", MessageArg::Phrase(&date))],
                ));
            }
        }
        if c.has_consent(ConsentTopic::MonthlyEmail) {
            facts.push(say("retention-monthly", &[]));
        }
        Signal {
            score: (0.5 + 0.1 * (purchases as f64 - 2.0)).min(1.0),
            facts,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unworded_signals_have_the_worded_scores_and_empty_facts() {
        let c = Customer::from_json(
            r#"{"id": "c1", "name": "N", "purchases": [
            {"order_ref": "A", "purchased_at": "2025-01-01T10:00:00Z", "total": {"amount_minor": 1000, "currency": "ILS"}},
            {"order_ref": "B", "purchased_at": "2025-02-01T10:00:00Z", "total": {"amount_minor": 1000, "currency": "ILS"}},
            {"order_ref": "C", "purchased_at": "2025-02-11T10:00:00Z", "total": {"amount_minor": 1000, "currency": "ILS"}}]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let now = DateTime::from_timestamp(1_740_787_200, 0).unwrap_or_default(); // 2025-03-01
        let tally = RetentionTally::default();
        let worded = tally.signals_in(Some(&c), TimeDelta::days(30), now, Language::En);
        let bare = tally.signals_unworded(Some(&c), TimeDelta::days(30), now);
        let (w, b) = (worded.nurture.as_ref(), bare.nurture.as_ref());
        assert_eq!(w.map(|s| s.score), Some(0.6));
        assert_eq!(b.map(|s| s.score), w.map(|s| s.score));
        assert_eq!(w.map(|s| s.facts.len()), b.map(|s| s.facts.len()));
        assert!(w.is_some_and(|s| s.facts.iter().all(|f| !f.is_empty())));
        assert!(b.is_some_and(|s| s.facts.iter().all(String::is_empty)));
        assert_eq!((worded.win_back, bare.win_back), (None, None));
    }
}
