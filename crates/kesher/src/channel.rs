//! Channels: where a customer reaches the organization.
//!
//! The source articles name the phone line, voicemail, email, a Facebook page and its "customer
//! service" tab, Twitter; a CRM adds chat, SMS, WhatsApp, web forms and the store itself. Each
//! channel that is opened must have an SLA contract saying how fast it is answered, so channels are
//! a closed list plus `custom:<name>` for the rest.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One channel of contact. JSON: a snake_case string (`"facebook_page"`), or `"custom:<name>"`.
///
/// # Example
///
/// ```
/// use kesher::Channel;
///
/// let ch: Channel = "twitter".parse()?;
/// assert!(ch.is_public());
/// assert_eq!(Channel::custom("line_app")?.to_string(), "custom:line_app");
/// assert!("tweeter".parse::<Channel>().is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum Channel {
    /// A phone call to or from the service line.
    Phone,
    /// Email.
    Email,
    /// A voicemail box.
    Voicemail,
    /// Posts and comments on a public Facebook page (public: everyone sees them).
    FacebookPage,
    /// Private Facebook Messenger conversations.
    FacebookMessenger,
    /// Tweets (public) and replies on Twitter/X.
    Twitter,
    /// WhatsApp messages.
    Whatsapp,
    /// SMS text messages.
    Sms,
    /// Live chat on a web site or app.
    Chat,
    /// A web contact form.
    WebForm,
    /// A visit to a store or service point.
    StoreVisit,
    /// Any other channel, by name (`custom:<name>` in JSON).
    Custom(String),
}

const NAMED: [(&str, Channel); 11] = [
    ("phone", Channel::Phone),
    ("email", Channel::Email),
    ("voicemail", Channel::Voicemail),
    ("facebook_page", Channel::FacebookPage),
    ("facebook_messenger", Channel::FacebookMessenger),
    ("twitter", Channel::Twitter),
    ("whatsapp", Channel::Whatsapp),
    ("sms", Channel::Sms),
    ("chat", Channel::Chat),
    ("web_form", Channel::WebForm),
    ("store_visit", Channel::StoreVisit),
];

impl Channel {
    /// A custom channel. The name is 1–64 characters of lowercase ASCII letters, digits and `_`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming the field `channel` when the name breaks that rule.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::Channel::custom("Line App").is_err());
    /// ```
    pub fn custom(name: &str) -> Result<Channel> {
        let ok = !name.is_empty()
            && name.len() <= 64
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if ok {
            Ok(Channel::Custom(name.to_string()))
        } else {
            Err(Error::invalid(
                "channel",
                format!("custom:{name}"),
                "a custom channel name is 1 to 64 lowercase ASCII letters, digits or `_`",
            ))
        }
    }

    /// The channel's name as in JSON.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::Channel::WebForm.name(), "web_form");
    /// ```
    pub fn name(&self) -> String {
        match self {
            Channel::Custom(name) => format!("custom:{name}"),
            named => NAMED
                .iter()
                .find(|(_, c)| c == named)
                .map(|(n, _)| (*n).to_string())
                .unwrap_or_default(),
        }
    }

    /// Whether what is said on this channel is seen by the public (Twitter, a Facebook page):
    /// these are the channels of word of mouth, where negative news spreads fastest.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::Channel::FacebookPage.is_public());
    /// assert!(!kesher::Channel::FacebookMessenger.is_public());
    /// ```
    pub fn is_public(&self) -> bool {
        matches!(self, Channel::Twitter | Channel::FacebookPage)
    }

    /// Whether the customer and the agent talk in real time (phone, chat, a store visit), so one
    /// contact may hold many messages.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::Channel::Phone.is_realtime());
    /// assert!(!kesher::Channel::Email.is_realtime());
    /// ```
    pub fn is_realtime(&self) -> bool {
        matches!(self, Channel::Phone | Channel::Chat | Channel::StoreVisit)
    }

    /// Every named (non-custom) channel, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::Channel::named().count(), 11);
    /// ```
    pub fn named() -> impl Iterator<Item = Channel> {
        NAMED.into_iter().map(|(_, c)| c)
    }
}

impl std::str::FromStr for Channel {
    type Err = Error;
    fn from_str(text: &str) -> Result<Channel> {
        if let Some(name) = text.strip_prefix("custom:") {
            return Channel::custom(name);
        }
        NAMED
            .iter()
            .find(|(n, _)| *n == text)
            .map(|(_, c)| c.clone())
            .ok_or_else(|| {
                let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
                Error::invalid(
                    "channel",
                    text,
                    format!("expected one of {} or `custom:<name>`", names.join(", ")),
                )
            })
    }
}

impl TryFrom<String> for Channel {
    type Error = Error;
    fn try_from(text: String) -> Result<Channel> {
        text.parse()
    }
}

impl From<Channel> for String {
    fn from(c: Channel) -> String {
        c.name()
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
