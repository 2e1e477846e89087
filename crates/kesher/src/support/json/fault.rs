//! Why a JSON value does not fit the type read from it: serde's messages, worded as serde_json
//! words them (`invalid type: null, expected a string`).
//!
//! The deserializer has its own error type rather than `serde_json::Error` so that describing an
//! unexpected value never goes through `serde::de::Unexpected`'s `Display`, whose float case
//! formats with `core::fmt` and so brings its float formatting into the WebAssembly package.

use serde::de::{self, Unexpected};
use std::fmt;

/// A value that does not fit: the message serde_json would give. Boxed, so that a `Result`
/// carrying it is one pointer wider than its value, as with `serde_json::Error`: every
/// contract type's reader passes these results along.
#[derive(Debug)]
pub(crate) struct Fault(Box<Message>);

#[derive(Debug)]
struct Message {
    text: String,
    /// The field that is missing, when that is the fault: the error then names it in its path.
    missing: Option<&'static str>,
}

impl Fault {
    fn new(text: String) -> Fault {
        Fault(Box::new(Message {
            text,
            missing: None,
        }))
    }

    /// The missing field, when the fault is that a required field is absent.
    pub(crate) fn missing(&self) -> Option<&'static str> {
        self.0.missing
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.text)
    }
}

impl std::error::Error for Fault {}

impl de::Error for Fault {
    fn custom<T: fmt::Display>(msg: T) -> Fault {
        Fault::new(msg.to_string())
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Fault {
        Fault::new(format!(
            "invalid type: {}, expected {expected}",
            Described(unexpected)
        ))
    }

    fn missing_field(field: &'static str) -> Fault {
        Fault(Box::new(Message {
            text: format!("missing field `{field}`"),
            missing: Some(field),
        }))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Fault {
        Fault::new(format!(
            "invalid value: {}, expected {expected}",
            Described(unexpected)
        ))
    }
}

/// An unexpected value in words: `null`, `floating point `1.5``, `string "x"`.
struct Described<'a>(Unexpected<'a>);

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Bool(b) => write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(i) => write!(f, "integer `{i}`"),
            Unexpected::Signed(i) => write!(f, "integer `{i}`"),
            Unexpected::Float(x) => {
                write!(f, "floating point `{}`", zmij::Buffer::new().format(x))
            }
            Unexpected::Char(c) => write!(f, "character `{c}`"),
            Unexpected::Str(s) => write!(f, "string \"{}\"", crate::support::escape::escaped(s)),
            Unexpected::Bytes(_) => f.write_str("byte array"),
            Unexpected::Unit => f.write_str("null"),
            Unexpected::Option => f.write_str("Option value"),
            Unexpected::NewtypeStruct => f.write_str("newtype struct"),
            Unexpected::Seq => f.write_str("sequence"),
            Unexpected::Map => f.write_str("map"),
            Unexpected::Enum => f.write_str("enum"),
            Unexpected::UnitVariant => f.write_str("unit variant"),
            Unexpected::NewtypeVariant => f.write_str("newtype variant"),
            Unexpected::TupleVariant => f.write_str("tuple variant"),
            Unexpected::StructVariant => f.write_str("struct variant"),
            Unexpected::Other(other) => f.write_str(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Fault;
    use serde::de::{Error as _, Unexpected};

    /// The same words as serde_json, for every kind of unexpected value.
    #[test]
    fn messages_match_serde_json() {
        let cases = [
            Unexpected::Bool(true),
            Unexpected::Unsigned(7),
            Unexpected::Signed(-7),
            Unexpected::Float(1.5),
            Unexpected::Float(2.0),
            Unexpected::Float(1e300),
            Unexpected::Char('x'),
            Unexpected::Str("a \"q\"\n"),
            Unexpected::Str("tab\t cr\r nul\0 bell\u{7} del\u{7f} c1\u{85} back\\slash"),
            Unexpected::Str("שלום 'עולם' — ✓ 😀"),
            Unexpected::Bytes(b"ab"),
            Unexpected::Unit,
            Unexpected::Option,
            Unexpected::NewtypeStruct,
            Unexpected::Seq,
            Unexpected::Map,
            Unexpected::Enum,
            Unexpected::UnitVariant,
            Unexpected::NewtypeVariant,
            Unexpected::TupleVariant,
            Unexpected::StructVariant,
            Unexpected::Other("something"),
        ];
        for u in cases {
            assert_eq!(
                Fault::invalid_type(u, &"a string").to_string(),
                serde_json::Error::invalid_type(u, &"a string").to_string()
            );
            assert_eq!(
                Fault::invalid_value(u, &"a level").to_string(),
                serde_json::Error::invalid_value(u, &"a level").to_string()
            );
        }
        assert_eq!(
            Fault::missing_field("at").to_string(),
            serde_json::Error::missing_field("at").to_string()
        );
    }
}
