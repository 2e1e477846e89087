//! Identifiers: distinct types for distinct things, validated once at the edge.
//!
//! An identifier is text of 1 to 256 bytes without control characters. Identifiers come from the
//! host CRM, so kesher keeps them as the host wrote them (no trimming, no case folding).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// Longest identifier accepted, in bytes.
///
/// # Example
///
/// ```
/// let long = "x".repeat(kesher::MAX_ID_LEN + 1);
/// assert!(kesher::CaseId::new(long).is_err());
/// ```
pub const MAX_ID_LEN: usize = 256;

/// A hash of an id's text, the same in every run and on every platform (FNV-1a, then
/// splitmix64's finaliser so nearby ids spread): what is kept of an id when the id itself is not.
pub(crate) fn text_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

fn validate(field: &'static str, text: &str) -> Result<()> {
    if text.is_empty() {
        return Err(Error::invalid(field, text, "must not be empty"));
    }
    if text.len() > MAX_ID_LEN {
        let shown: String = text.chars().take(32).collect();
        return Err(Error::invalid(
            field,
            format!("{shown}…"),
            format!("must be at most {MAX_ID_LEN} bytes, got {}", text.len()),
        ));
    }
    if text.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            crate::support::escape::escaped(text),
            "must not contain control characters",
        ));
    }
    Ok(())
}

/// Longest identifier kept inline (in the value itself, no allocation).
const INLINE: usize = 22;

/// The text of an identifier: short ones inline (a clone is a copy, with no pointer to chase),
/// longer ones shared behind an `Arc` (a clone is a reference count).
#[derive(Clone)]
enum IdText {
    Inline(u8, [u8; INLINE]),
    Shared(Arc<str>),
}

impl IdText {
    /// Copies `text`: into the value when short, else into one shared allocation.
    fn new(text: &str) -> IdText {
        let bytes = text.as_bytes();
        match (u8::try_from(bytes.len()), bytes.len() <= INLINE) {
            (Ok(len), true) => {
                let mut inline = [0u8; INLINE];
                if let Some(slot) = inline.get_mut(..bytes.len()) {
                    slot.copy_from_slice(bytes);
                }
                IdText::Inline(len, inline)
            }
            _ => IdText::Shared(Arc::from(text)),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            IdText::Inline(len, bytes) => bytes.get(..usize::from(*len)).unwrap_or_default(),
            IdText::Shared(text) => text.as_bytes(),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Built from a `String` cut at its own length, so always UTF-8.
            IdText::Inline(..) => std::str::from_utf8(self.as_bytes()).unwrap_or_default(),
            IdText::Shared(text) => text,
        }
    }
}

impl PartialEq for IdText {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (IdText::Shared(a), IdText::Shared(b)) if Arc::ptr_eq(a, b) => true,
            _ => self.as_bytes() == other.as_bytes(),
        }
    }
}

impl Eq for IdText {}

impl PartialOrd for IdText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for IdText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl std::hash::Hash for IdText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for IdText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident, $field:literal, $example:literal) => {
        $(#[$doc])*
        ///
        /// # Errors
        ///
        /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) when the text is empty, longer than [`MAX_ID_LEN`] bytes or holds
        /// a control character.
        ///
        /// Cloning is cheap (short ids are kept inline, long ones shared), so cases and reports
        /// can carry their ids.
        ///
        /// # Example
        ///
        /// ```
        #[doc = concat!("let id = kesher::", stringify!($name), "::new(\"", $example, "\")?;")]
        #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert!(kesher::", stringify!($name), "::new(\"\").is_err());")]
        /// # Ok::<(), kesher::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(IdText);

        impl $name {
            /// Validates and wraps an identifier. Takes any text (`&str`, `String`, …) and
            /// copies it: a short id is kept in the value itself, so making one from a `&str`
            /// allocates nothing.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("assert!(kesher::", stringify!($name), "::new(\"a\\nb\").is_err());")]
            /// ```
            pub fn new(text: impl AsRef<str>) -> Result<Self> {
                let text = text.as_ref();
                validate($field, text)?;
                Ok(Self(IdText::new(text)))
            }

            /// The identifier as text.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("let id = kesher::", stringify!($name), "::new(\"x-1\")?;")]
            /// assert_eq!(id.as_str(), "x-1");
            /// # Ok::<(), kesher::Error>(())
            /// ```
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(text: String) -> Result<Self> {
                Self::new(text)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(text: &str) -> Result<Self> {
                Self::new(text)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.as_str().to_string()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.0.as_str()
            }
        }
    };
}

identifier!(
    /// Identifies a customer: a person or business with contact points, purchases and history.
    CustomerId,
    "customer_id",
    "cu-1042"
);
identifier!(
    /// Identifies a case (ticket): one problem or request, from first contact to closure.
    CaseId,
    "case_id",
    "T-2025-0001"
);
identifier!(
    /// Identifies one interaction: one touch between customer and organization on a channel.
    InteractionId,
    "interaction_id",
    "msg-88"
);
identifier!(
    /// Identifies an agent (a person who serves customers) or a team that cases are routed to.
    AgentId,
    "agent_id",
    "agent-dana"
);
identifier!(
    /// The reference of an order in the host's order system (as printed on the receipt).
    OrderRef,
    "order_ref",
    "SO-77812"
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// An id is its text whatever it was made from and however long it is (kept inline up
        /// to 22 bytes, shared past them), and the checks refuse the same texts.
        #[test]
        fn an_id_is_its_text_from_str_or_string(text in "\\PC{0,40}|[a-z\\n]{0,30}") {
            let from_str = CustomerId::new(text.as_str());
            let from_string = CustomerId::new(text.clone());
            prop_assert_eq!(from_str.is_ok(), validate("customer_id", &text).is_ok());
            if let (Ok(a), Ok(b)) = (from_str, from_string) {
                prop_assert_eq!(a.as_str(), text.as_str());
                prop_assert_eq!(&a, &b);
                prop_assert_eq!(matches!(a.0, IdText::Inline(..)), text.len() <= INLINE);
            }
        }
    }
}
