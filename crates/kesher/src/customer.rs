//! Customers: a person or business with contact points, purchases and history.
//!
//! The source articles ask a ticket to carry the customer's details, the purchase date and what was
//! ordered; retention needs consent (monthly emails, birthday greetings), the acquisition cost and
//! the lifetime value, because a lost customer costs both.

use crate::{
    channel::Channel,
    error::{Error, ErrorKind, Result},
    id::{CustomerId, OrderRef},
    money::{Currency, Money},
    zone::Zone,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Whether a customer is a person or a business.
///
/// # Example
///
/// ```
/// let k: kesher::customer::CustomerKind = serde_json::from_str("\"business\"")?;
/// assert_eq!(k, kesher::customer::CustomerKind::Business);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    /// A private person.
    #[default]
    Person,
    /// A company or organization.
    Business,
}

/// An address at which a customer can be reached on a channel.
///
/// # Example
///
/// ```
/// use kesher::{Channel, customer::ContactPoint};
///
/// let c = ContactPoint::new(Channel::Email, "dana@example.com", true)?;
/// assert!(c.preferred);
/// assert!(ContactPoint::new(Channel::Email, "not-an-email", false).is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactPoint {
    /// The channel.
    pub channel: Channel,
    /// The address on that channel: an email address, a phone number, a social handle.
    pub address: String,
    /// Whether the customer prefers to be reached here. At most one contact point is preferred.
    #[serde(default)]
    pub preferred: bool,
}

impl ContactPoint {
    /// A validated contact point.
    ///
    /// # Errors
    ///
    /// See [`ContactPoint::validate`].
    ///
    /// # Example
    ///
    /// ```
    /// let p = kesher::customer::ContactPoint::new(kesher::Channel::Phone, "+972-3-555-0101", false)?;
    /// assert_eq!(p.address, "+972-3-555-0101");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(channel: Channel, address: impl Into<String>, preferred: bool) -> Result<Self> {
        let point = ContactPoint {
            channel,
            address: address.into(),
            preferred,
        };
        point.validate()?;
        Ok(point)
    }

    /// Checks the address: not blank; an email address has text on both sides of one `@`; a phone,
    /// SMS, WhatsApp or voicemail number has at least 3 digits and only digits, spaces and `+-().`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`] naming `contact_points.address` and the address.
    ///
    /// # Example
    ///
    /// ```
    /// let p = kesher::customer::ContactPoint { channel: kesher::Channel::Sms, address: "call me".into(), preferred: false };
    /// assert!(p.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<()> {
        let address = self.address.as_str();
        let fail = |reason: &str| {
            Err(Error::invalid(
                "contact_points.address",
                address,
                format!("{reason} for channel `{}`", self.channel),
            ))
        };
        if address.trim().is_empty() {
            return fail("must not be blank");
        }
        match self.channel {
            Channel::Email => {
                let mut parts = address.split('@');
                let ok = matches!(
                    (parts.next(), parts.next(), parts.next()),
                    (Some(user), Some(host), None) if !user.is_empty() && host.contains('.')
                        && !host.starts_with('.') && !host.ends_with('.')
                );
                if !ok || address.chars().any(char::is_whitespace) {
                    return fail("is not an email address");
                }
            }
            Channel::Phone | Channel::Sms | Channel::Whatsapp | Channel::Voicemail => {
                let digits = address.chars().filter(char::is_ascii_digit).count();
                let allowed = address
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-().".contains(c));
                if digits < 3 || !allowed {
                    return fail("is not a phone number");
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// One line of an order.
///
/// # Example
///
/// ```
/// let line: kesher::customer::LineItem = serde_json::from_str(
///     r#"{"description": "Kettle", "quantity": 1, "unit_price": {"amount_minor": 19900, "currency": "ILS"}}"#)?;
/// assert_eq!(line.quantity, 1);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineItem {
    /// The product's stock-keeping unit, if the host has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// What was ordered, as the customer would say it.
    pub description: String,
    /// How many (at least 1).
    pub quantity: u32,
    /// The price of one.
    pub unit_price: Money,
}

/// A purchase (order): what the customer bought, when, and for how much.
///
/// `total` is what the customer paid (it may include shipping or discounts, so it is not checked
/// against the lines); every line must be in the total's currency.
///
/// # Example
///
/// ```
/// let p: kesher::customer::Purchase = serde_json::from_str(r#"{"order_ref": "SO-1",
///     "purchased_at": "2025-03-01T10:00:00+02:00",
///     "total": {"amount_minor": 19900, "currency": "ILS"}}"#)?;
/// p.validate()?;
/// assert!(p.items.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purchase {
    /// The order's reference.
    pub order_ref: OrderRef,
    /// When it was bought.
    #[serde(with = "crate::instant")]
    pub purchased_at: DateTime<Utc>,
    /// What was bought.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<LineItem>,
    /// What was paid.
    pub total: Money,
}

impl Purchase {
    /// Checks that every line has a quantity of at least 1 and is priced in the total's currency.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`] for a zero quantity, [`ErrorKind::CurrencyMismatch`] for a line in
    /// another currency; both name the line (`items[2].quantity`).
    ///
    /// # Example
    ///
    /// ```
    /// let p: kesher::customer::Purchase = serde_json::from_str(r#"{"order_ref": "SO-1",
    ///     "purchased_at": "2025-03-01T10:00:00Z", "total": {"amount_minor": 100, "currency": "ILS"},
    ///     "items": [{"description": "Cup", "quantity": 1, "unit_price": {"amount_minor": 100, "currency": "USD"}}]}"#)?;
    /// assert_eq!(p.validate().unwrap_err().field(), Some("items[0].unit_price"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        for (i, item) in self.items.iter().enumerate() {
            if item.quantity == 0 {
                return Err(Error::invalid(
                    format!("items[{i}].quantity"),
                    0,
                    "must be at least 1",
                ));
            }
            if item.unit_price.currency != self.total.currency {
                return Err(Error::from(crate::error::Detail::CurrencyMismatch {
                    field: format!("items[{i}].unit_price"),
                    expected: self.total.currency.to_string(),
                    found: item.unit_price.currency.to_string(),
                }));
            }
        }
        Ok(())
    }
}

/// What a customer may be contacted about.
///
/// # Example
///
/// ```
/// let t: kesher::customer::ConsentTopic = serde_json::from_str("\"monthly_email\"")?;
/// assert_eq!(t, kesher::customer::ConsentTopic::MonthlyEmail);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ConsentTopic {
    /// A monthly email or newsletter (nurturing loyal customers).
    MonthlyEmail,
    /// Satisfaction surveys and feedback requests.
    Surveys,
    /// Proactive follow-ups after a case is resolved.
    FollowUps,
    /// Birthday greetings and gifts.
    BirthdayGreetings,
    /// Marketing offers.
    Marketing,
}

/// A customer's consent decision on a topic, at an instant. The latest decision per topic counts.
///
/// # Example
///
/// ```
/// let c: kesher::customer::Consent = serde_json::from_str(
///     r#"{"topic": "surveys", "granted": false, "at": "2025-01-01T00:00:00Z"}"#)?;
/// assert!(!c.granted);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// What the decision is about.
    pub topic: ConsentTopic,
    /// Granted (`true`) or withdrawn/refused (`false`).
    pub granted: bool,
    /// When the customer decided.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
}

/// A customer: a person or business with contact points, purchases and history.
///
/// JSON: see `docs/json-contract.md`. Only `id` and `name` are required.
///
/// # Example
///
/// ```
/// use kesher::customer::{Customer, ConsentTopic};
///
/// let c = Customer::from_json(r#"{"id": "cu-7", "name": "Dana Levi",
///     "contact_points": [{"channel": "email", "address": "dana@example.com", "preferred": true}],
///     "segments": ["vip"], "birthday": "1990-04-12", "time_zone": "Asia/Jerusalem",
///     "consents": [{"topic": "monthly_email", "granted": true, "at": "2024-01-01T00:00:00Z"}]}"#)?;
/// assert!(c.has_consent(ConsentTopic::MonthlyEmail));
/// assert_eq!(c.preferred_contact().map(|p| p.address.as_str()), Some("dana@example.com"));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The customer's identity.
    pub id: CustomerId,
    /// Person or business.
    #[serde(default)]
    pub kind: CustomerKind,
    /// The name to address the customer by (a person's full name or a company's name).
    pub name: String,
    /// A person's given name, for greetings ("Hello Dana").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// A person's family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// Where the customer can be reached.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contact_points: Vec<ContactPoint>,
    /// What the customer bought.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purchases: Vec<Purchase>,
    /// Segments and tags (`vip`, `b2b`, `north`…), used to group journeys into patterns.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub segments: BTreeSet<String>,
    /// Birthday, for greetings: `YYYY-MM-DD`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "read_birthday"
    )]
    pub birthday: Option<NaiveDate>,
    /// The customer's IANA time zone, for quiet hours and greetings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<Zone>,
    /// Preferred language as a BCP 47 tag (`he`, `en`), for customer-facing text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Consent decisions, in any order; the latest per topic counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    /// What it cost to win this customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acquisition_cost: Option<Money>,
    /// When the customer relationship began, if known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub customer_since: Option<DateTime<Utc>>,
}

/// The assumptions behind a projected lifetime value.
///
/// # Example
///
/// ```
/// let m = kesher::customer::LifetimeModel::default();
/// assert_eq!(m.expected_relationship_days, 3 * 365);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifetimeModel {
    /// How long a relationship is expected to last, in days from the first purchase
    /// (default 1095, three years).
    pub expected_relationship_days: u32,
    /// The shortest window the spending rate is measured over, in days (default 365), so that a
    /// customer who bought once yesterday is not projected to buy daily.
    pub min_observation_days: u32,
}

impl Default for LifetimeModel {
    fn default() -> Self {
        LifetimeModel {
            expected_relationship_days: 3 * 365,
            min_observation_days: 365,
        }
    }
}

/// A customer's lifetime value as of an instant.
///
/// # Example
///
/// See [`Customer::lifetime_value`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifetimeValue {
    /// Purchases made up to the as-of instant.
    pub purchases: u32,
    /// The sum of those purchases.
    pub realized: Money,
    /// `realized` plus the spending rate times the rest of the expected relationship.
    pub projected: Money,
    /// `projected` minus the acquisition cost (what losing the customer would cost).
    pub net_projected: Money,
}

impl Customer {
    /// Parses a customer from JSON and validates it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidJson`] or [`ErrorKind::InvalidInput`] naming the JSON path, and the errors of
    /// [`Customer::validate`].
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::customer::Customer::from_json(r#"{"id": "c", "name": "X", "segmnts": []}"#).unwrap_err();
    /// assert!(err.to_string().contains("segmnts"));
    /// ```
    pub fn from_json(text: &str) -> Result<Customer> {
        let customer: Customer = crate::support::json::from_str(text)?;
        customer.validate()?;
        Ok(customer)
    }

    /// Checks the rules serde cannot: a non-blank name, valid contact points with at most one
    /// preferred, valid purchases, an acquisition cost that is not negative.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`] or [`ErrorKind::CurrencyMismatch`] naming the field.
    ///
    /// # Example
    ///
    /// ```
    /// let c = kesher::customer::Customer::new(kesher::CustomerId::new("c")?, " ");
    /// assert_eq!(c.validate().unwrap_err().field(), Some("name"));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::invalid("name", &self.name, "must not be blank"));
        }
        for point in &self.contact_points {
            point.validate()?;
        }
        let preferred = self.contact_points.iter().filter(|p| p.preferred).count();
        if preferred > 1 {
            return Err(Error::invalid(
                "contact_points.preferred",
                preferred,
                "at most one contact point may be preferred",
            ));
        }
        for (i, purchase) in self.purchases.iter().enumerate() {
            purchase
                .validate()
                .map_err(|e| prefix(e, &format!("purchases[{i}]")))?;
        }
        if let Some(cost) = self.acquisition_cost {
            if cost.amount_minor < 0 {
                return Err(Error::invalid(
                    "acquisition_cost.amount_minor",
                    cost.amount_minor,
                    "must not be negative",
                ));
            }
        }
        if let Some(lang) = &self.language {
            let ok = !lang.is_empty()
                && lang.len() <= 35
                && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !ok {
                return Err(Error::invalid(
                    "language",
                    lang,
                    "must be a BCP 47 language tag such as `he` or `en-US`",
                ));
            }
        }
        Ok(())
    }

    /// A customer with only an identity and a name.
    ///
    /// # Example
    ///
    /// ```
    /// let c = kesher::customer::Customer::new(kesher::CustomerId::new("cu-1")?, "Acme Ltd");
    /// assert!(c.purchases.is_empty());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(id: CustomerId, name: impl Into<String>) -> Customer {
        Customer {
            id,
            kind: CustomerKind::Person,
            name: name.into(),
            given_name: None,
            family_name: None,
            contact_points: Vec::new(),
            purchases: Vec::new(),
            segments: BTreeSet::new(),
            birthday: None,
            time_zone: None,
            language: None,
            consents: Vec::new(),
            acquisition_cost: None,
            customer_since: None,
        }
    }

    /// The preferred contact point, or else the first one.
    ///
    /// # Example
    ///
    /// ```
    /// let c = kesher::customer::Customer::new(kesher::CustomerId::new("c")?, "N");
    /// assert!(c.preferred_contact().is_none());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn preferred_contact(&self) -> Option<&ContactPoint> {
        self.contact_points
            .iter()
            .find(|p| p.preferred)
            .or_else(|| self.contact_points.first())
    }

    /// The contact points on one channel, preferred first.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{Channel, customer::{ContactPoint, Customer}, CustomerId};
    /// let mut c = Customer::new(CustomerId::new("c")?, "N");
    /// c.contact_points.push(ContactPoint::new(Channel::Twitter, "@dana", false)?);
    /// assert_eq!(c.contacts_on(&Channel::Twitter).count(), 1);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn contacts_on<'a>(
        &'a self,
        channel: &'a Channel,
    ) -> impl Iterator<Item = &'a ContactPoint> + 'a {
        let preferred = self
            .contact_points
            .iter()
            .filter(move |p| &p.channel == channel && p.preferred);
        let others = self
            .contact_points
            .iter()
            .filter(move |p| &p.channel == channel && !p.preferred);
        preferred.chain(others)
    }

    /// Whether the customer's latest decision on `topic` grants consent (no decision: `false`).
    ///
    /// # Example
    ///
    /// ```
    /// let c = kesher::customer::Customer::new(kesher::CustomerId::new("c")?, "N");
    /// assert!(!c.has_consent(kesher::customer::ConsentTopic::Surveys));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn has_consent(&self, topic: ConsentTopic) -> bool {
        self.consents
            .iter()
            .filter(|c| c.topic == topic)
            // Latest decision wins; on a tie, a withdrawal wins (the cautious reading).
            .max_by_key(|c| (c.at, !c.granted))
            .is_some_and(|c| c.granted)
    }

    /// The lifetime value as of `as_of` (purchases after it are ignored), in the currency of the
    /// purchases. `None` when nothing was bought by then.
    ///
    /// The projection: the spending rate is `realized` divided by the days since the first purchase
    /// (at least [`LifetimeModel::min_observation_days`]); `projected` adds that rate times the days
    /// left of [`LifetimeModel::expected_relationship_days`]. Amounts are rounded to the nearest
    /// minor unit.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::CurrencyMismatch`] naming `purchases[i].total` when purchases, or the acquisition
    /// cost, are in different currencies.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::customer::{Customer, LifetimeModel};
    /// use chrono::{TimeZone, Utc};
    ///
    /// let c = Customer::from_json(r#"{"id": "c", "name": "N",
    ///   "acquisition_cost": {"amount_minor": 5000, "currency": "ILS"},
    ///   "purchases": [
    ///     {"order_ref": "A", "purchased_at": "2024-01-01T00:00:00Z", "total": {"amount_minor": 36500, "currency": "ILS"}},
    ///     {"order_ref": "B", "purchased_at": "2024-07-01T00:00:00Z", "total": {"amount_minor": 36500, "currency": "ILS"}}]}"#)?;
    /// let as_of = Utc.with_ymd_and_hms(2024, 12, 31, 0, 0, 0).unwrap();
    /// let ltv = c.lifetime_value(as_of, LifetimeModel::default())?.unwrap();
    /// assert_eq!(ltv.realized.amount_minor, 73000);
    /// // 730.00 over 365 days = 2.00 a day, for the 730 days left of three years.
    /// assert_eq!(ltv.projected.amount_minor, 73000 + 146000);
    /// assert_eq!(ltv.net_projected.amount_minor, 73000 + 146000 - 5000);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn lifetime_value(
        &self,
        as_of: DateTime<Utc>,
        model: LifetimeModel,
    ) -> Result<Option<LifetimeValue>> {
        let mut counted = self
            .purchases
            .iter()
            .enumerate()
            .filter(|(_, p)| p.purchased_at <= as_of);
        let Some((_, first)) = counted.next() else {
            return Ok(None);
        };
        let currency: Currency = first.total.currency;
        let mut realized = first.total;
        let mut first_at = first.purchased_at;
        for (i, p) in counted {
            realized = realized
                .checked_add(p.total)
                .map_err(|e| prefix(e, &format!("purchases[{i}].total")))?;
            first_at = first_at.min(p.purchased_at);
        }
        let tenure_days = (as_of - first_at).num_seconds() as f64 / 86_400.0;
        let observation = tenure_days.max(f64::from(model.min_observation_days.max(1)));
        let remaining = (f64::from(model.expected_relationship_days) - tenure_days).max(0.0);
        let rate = realized.amount_minor as f64 / observation;
        let extra = (rate * remaining).round();
        let projected = realized.checked_add(Money {
            amount_minor: extra as i64,
            currency,
        })?;
        let net_projected = match self.acquisition_cost {
            Some(cost) => projected
                .checked_add(Money {
                    amount_minor: -cost.amount_minor,
                    currency: cost.currency,
                })
                .map_err(|e| prefix(e, "acquisition_cost"))?,
            None => projected,
        };
        let purchases = self
            .purchases
            .iter()
            .filter(|p| p.purchased_at <= as_of)
            .count();
        Ok(Some(LifetimeValue {
            purchases: u32::try_from(purchases).unwrap_or(u32::MAX),
            realized,
            projected,
            net_projected,
        }))
    }
}

/// Puts a location in front of an error's field (`total` → `purchases[2].total`).
pub(crate) fn prefix(err: Error, location: &str) -> Error {
    let join = |field: String| {
        if field.is_empty() || field == "amount" {
            location.to_string()
        } else if field.starts_with(location) {
            field
        } else {
            format!("{location}.{field}")
        }
    };
    match err.field() {
        Some(field)
            if matches!(
                err.kind(),
                ErrorKind::InvalidInput | ErrorKind::CurrencyMismatch
            ) =>
        {
            let field = join(field.to_string());
            err.with_field(field)
        }
        _ => err,
    }
}

/// A birthday written `YYYY-MM-DD` (or null).
fn read_birthday<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let text: Option<std::borrow::Cow<'_, str>> = serde::Deserialize::deserialize(d)?;
    text.map(|t| {
        crate::support::dates::read_ymd(&t).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid date `{t}`: expected a local date `YYYY-MM-DD`, such as `1990-04-17`"
            ))
        })
    })
    .transpose()
}
