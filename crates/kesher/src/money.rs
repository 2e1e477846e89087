//! Money: an exact amount in minor units (cents, agorot) of an ISO 4217 currency.
//!
//! Amounts are integers so that sums are exact. JSON shape (the Stripe convention):
//! `{"amount_minor": 1250, "currency": "ILS"}` is 12.50 ₪.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 4217 currency code: three ASCII capital letters, such as `ILS`, `USD` or `EUR`.
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) for anything but three ASCII capital letters.
///
/// # Example
///
/// ```
/// use kesher::Currency;
///
/// let ils = Currency::new("ILS")?;
/// assert_eq!(ils.as_str(), "ILS");
/// assert_eq!(ils.minor_digits(), 2);
/// assert!(Currency::new("ils").is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    /// Validates a currency code.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::Currency::new("EURO").is_err());
    /// ```
    pub fn new(code: &str) -> Result<Currency> {
        match code.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => {
                Ok(Currency([*a, *b, *c]))
            }
            _ => Err(Error::invalid(
                "currency",
                code,
                "must be an ISO 4217 code of three capital letters, such as `ILS` or `USD`",
            )),
        }
    }

    /// The code as text.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::Currency::new("USD")?.as_str(), "USD");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        // The bytes are ASCII capitals by construction.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// How many decimal digits the minor unit has (ISO 4217): 0 for `JPY`, 3 for `KWD`, else 2.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::Currency::new("JPY")?.minor_digits(), 0);
    /// assert_eq!(kesher::Currency::new("KWD")?.minor_digits(), 3);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn minor_digits(&self) -> u32 {
        match self.as_str() {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF"
            | "UGX" | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            _ => 2,
        }
    }
}

impl TryFrom<String> for Currency {
    type Error = Error;
    fn try_from(code: String) -> Result<Currency> {
        Currency::new(&code)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.as_str().to_string()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An exact amount of money: minor units of one currency.
///
/// # Example
///
/// ```
/// use kesher::Money;
///
/// let price = Money::new(1250, "ILS")?;
/// assert_eq!(price.to_string(), "12.50 ILS");
/// let total = price.checked_add(Money::new(750, "ILS")?)?;
/// assert_eq!(total.amount_minor, 2000);
/// assert!(price.checked_add(Money::new(1, "USD")?).is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// The amount in minor units (cents, agorot). Negative amounts are credits.
    pub amount_minor: i64,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in minor units of the currency with the given code.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) when the code is not an ISO 4217 code.
    ///
    /// # Example
    ///
    /// ```
    /// let refund = kesher::Money::new(-4990, "USD")?;
    /// assert_eq!(refund.to_string(), "-49.90 USD");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(amount_minor: i64, currency: &str) -> Result<Money> {
        Ok(Money {
            amount_minor,
            currency: Currency::new(currency)?,
        })
    }

    /// Zero in the given currency.
    ///
    /// # Example
    ///
    /// ```
    /// let zero = kesher::Money::zero(kesher::Currency::new("EUR")?);
    /// assert_eq!(zero.amount_minor, 0);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn zero(currency: Currency) -> Money {
        Money {
            amount_minor: 0,
            currency,
        }
    }

    /// Adds two amounts of the same currency.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::CurrencyMismatch`](crate::ErrorKind::CurrencyMismatch) when the currencies differ; [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::Money;
    /// let sum = Money::new(100, "ILS")?.checked_add(Money::new(1, "ILS")?)?;
    /// assert_eq!(sum, Money::new(101, "ILS")?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn checked_add(self, other: Money) -> Result<Money> {
        if self.currency != other.currency {
            return Err(Error::from(crate::error::Detail::CurrencyMismatch {
                field: "amount".into(),
                expected: self.currency.to_string(),
                found: other.currency.to_string(),
            }));
        }
        let amount_minor = self
            .amount_minor
            .checked_add(other.amount_minor)
            .ok_or_else(|| {
                Error::invalid(
                    "amount_minor",
                    other.amount_minor,
                    "the sum overflows a 64-bit amount",
                )
            })?;
        Ok(Money {
            amount_minor,
            currency: self.currency,
        })
    }

    /// The amount in major units, as a float (for display and projections, not for sums).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::Money::new(1999, "USD")?.as_major(), 19.99);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn as_major(&self) -> f64 {
        self.amount_minor as f64 / 10f64.powi(self.currency.minor_digits() as i32)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.currency.minor_digits();
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let abs = self.amount_minor.unsigned_abs();
        if digits == 0 {
            return write!(f, "{sign}{abs} {}", self.currency);
        }
        let scale = 10u64.pow(digits);
        write!(
            f,
            "{sign}{}.{:0width$} {}",
            abs / scale,
            abs % scale,
            self.currency,
            width = digits as usize
        )
    }
}
