//! Floats as text, exactly as `core::fmt` writes them: [`fixed`] is `format!("{:.2}", x)` (the
//! exact binary value rounded half to even, `-` kept on negative zero) and [`shortest`] is
//! `format!("{}", x)` (the fewest digits that read back as the same float, never an exponent).
//!
//! Reports, SVG and messages write every float through here rather than through `core::fmt`,
//! whose float algorithms (Grisu with a Dragon4 fallback, and their tables) are the largest single
//! piece of `core` in the WebAssembly package. [`fixed`] rounds `m·2^e · 10^places` in 128-bit
//! integers, and writes the rare value beyond that range (|x| ≥ 2^54, a whole number) by long
//! division. [`shortest`] takes its digits from `zmij`, the algorithm serde_json writes floats
//! with, and lays them out the way `core` does.

use std::fmt;

/// The most decimals [`fixed`] writes: `mantissa · 10^17` stays within 128 bits.
const MAX_PLACES: u32 = 17;

/// `x` written with `places` decimals (`{:.places}`); [`Fixed::signed`] adds `+` to positive
/// values (`{:+.places}`). Up to 17 places (past the precision of any `f64` but the smallest);
/// more are treated as 17.
///
pub(crate) fn fixed(x: f64, places: u32) -> Fixed {
    Fixed {
        x,
        places: places.min(MAX_PLACES),
        plus: false,
    }
}

/// A float to be written with a fixed number of decimals; see [`fixed`].
///
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fixed {
    x: f64,
    places: u32,
    plus: bool,
}

impl Fixed {
    /// The same number with a `+` in front when it is not negative (`{:+.2}`).
    ///
    pub(crate) fn signed(self) -> Fixed {
        Fixed { plus: true, ..self }
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.x;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        } else if self.plus {
            f.write_str("+")?;
        }
        if x.is_infinite() {
            return f.write_str("inf");
        }
        let (mantissa, exponent) = decompose(x.abs());
        let places = self.places as usize;
        let digits = if exponent >= 0 {
            // A whole number: its digits, then as many zeros as places.
            let mut digits = whole_digits(mantissa, exponent.unsigned_abs());
            digits.push_str(&"0".repeat(places));
            digits
        } else {
            let shift = exponent.unsigned_abs();
            // < 2^53 · 10^17 < 2^110.
            let scaled = u128::from(mantissa) * 10u128.pow(self.places);
            // Below 2^-127 of a unit the value cannot reach half of the last place.
            let units = if shift >= 127 {
                0
            } else {
                let quotient = scaled >> shift;
                let rest = scaled & ((1u128 << shift) - 1);
                let half = 1u128 << (shift - 1);
                if rest > half || (rest == half && quotient % 2 == 1) {
                    quotient + 1
                } else {
                    quotient
                }
            };
            u128_digits(units)
        };
        write_point(f, &digits, places)
    }
}

/// `x` written with the fewest digits that read back as `x`, as `{}` writes an `f64`: `760`,
/// `0.5`, `0.00000015`, `1000000000000000000000`, `-0`, `NaN`, `inf`. Where two such texts are
/// equally close to `x`, it may end in the other of the two last digits than `core` does; both
/// read back as `x`.
///
pub(crate) fn shortest(x: f64) -> Shortest {
    Shortest(x)
}

/// A float to be written with the fewest digits that read back as it; see [`shortest`].
///
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shortest(f64);

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        if x.is_infinite() {
            return f.write_str("inf");
        }
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format_finite(x.abs());
        // `zmij` writes `d.ddd`, `0.000ddd` or `d.ddde±n`: split into significant digits and the
        // power of ten of the first one.
        let (mantissa, power) = match text.split_once('e') {
            Some((m, p)) => (m, p.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
            None => (text, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all = format!("{whole}{fraction}");
        let digits = all.trim_start_matches('0');
        let leading = (all.len() - digits.len()) as i32;
        let digits = digits.trim_end_matches('0');
        if digits.is_empty() {
            return f.write_str("0");
        }
        // The decimal point sits `point` digits after the first significant digit.
        let point = whole.len() as i32 + power - leading;
        if point <= 0 {
            f.write_str("0.")?;
            for _ in point..0 {
                f.write_str("0")?;
            }
            return f.write_str(digits);
        }
        let point = point as usize;
        if point >= digits.len() {
            f.write_str(digits)?;
            for _ in digits.len()..point {
                f.write_str("0")?;
            }
            return Ok(());
        }
        let (head, tail) = digits.split_at(point);
        f.write_str(head)?;
        f.write_str(".")?;
        f.write_str(tail)
    }
}

/// `x = mantissa · 2^exponent` for a finite, non-negative `x`.
fn decompose(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    }
}

/// The digits of a `u128`, through `u64` (core's `u128` formatting is a separate routine).
fn u128_digits(n: u128) -> String {
    const E19: u128 = 10_000_000_000_000_000_000;
    match u64::try_from(n) {
        Ok(small) => small.to_string(),
        Err(_) => {
            let (high, low) = (n / E19, (n % E19) as u64);
            format!("{}{low:019}", u128_digits(high))
        }
    }
}

/// The digits of `mantissa · 2^exponent` (a whole number): through `u128` when it fits, by
/// long division in base 10^9 when it does not.
fn whole_digits(mantissa: u64, exponent: u32) -> String {
    if exponent < 75 {
        // mantissa < 2^53: the value is below 2^128.
        return u128_digits(u128::from(mantissa) << exponent);
    }
    // Little-endian base-2^32 limbs of the number.
    let mut limbs: Vec<u32> = vec![0; (exponent / 32) as usize];
    let mut rest = u128::from(mantissa) << (exponent % 32);
    while rest > 0 {
        limbs.push(rest as u32);
        rest >>= 32;
    }
    let mut groups: Vec<u32> = Vec::new();
    while !limbs.is_empty() {
        let mut remainder = 0u64;
        for limb in limbs.iter_mut().rev() {
            let current = (remainder << 32) | u64::from(*limb);
            *limb = (current / 1_000_000_000) as u32;
            remainder = current % 1_000_000_000;
        }
        groups.push(remainder as u32);
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
    }
    let mut out = String::new();
    for (i, group) in groups.iter().rev().enumerate() {
        let g = group.to_string();
        if i > 0 {
            out.push_str(&"000000000"[g.len()..]);
        }
        out.push_str(&g);
    }
    out
}

/// Writes `digits` (a whole number of units of `10^-places`) with the decimal point in place.
fn write_point(f: &mut fmt::Formatter<'_>, digits: &str, places: usize) -> fmt::Result {
    if places == 0 {
        return f.write_str(digits);
    }
    if digits.len() <= places {
        f.write_str("0.")?;
        for _ in digits.len()..places {
            f.write_str("0")?;
        }
        return f.write_str(digits);
    }
    let (whole, fraction) = digits.split_at(digits.len() - places);
    f.write_str(whole)?;
    f.write_str(".")?;
    f.write_str(fraction)
}

/// Numbers in errors are written here, so that the error module needs nothing of this one.
impl crate::error::Error {
    /// An [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) error for a number, written as JavaScript and Python
    /// write it (`2.5`, `760`, `NaN`, `inf`).
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::Error::invalid_number("days", 2.5, "expected a whole number");
    /// assert_eq!(err.value(), Some("2.5"));
    /// assert_eq!(kesher::Error::invalid_number("ms", 760.0, "x").value(), Some("760"));
    /// ```
    pub fn invalid_number(
        field: impl Into<String>,
        value: f64,
        reason: impl Into<String>,
    ) -> crate::error::Error {
        crate::error::Error::invalid(field, shortest(value), reason)
    }
}

#[cfg(test)]
mod tests {
    use super::{fixed, shortest};
    use proptest::prelude::*;

    fn core_fixed(x: f64, places: u32, plus: bool) -> String {
        let places = places as usize;
        if plus {
            format!("{x:+.places$}")
        } else {
            format!("{x:.places$}")
        }
    }

    fn ours(x: f64, places: u32, plus: bool) -> String {
        let f = fixed(x, places);
        if plus {
            f.signed().to_string()
        } else {
            f.to_string()
        }
    }

    #[test]
    fn ties_go_to_even_on_the_exact_binary_value() {
        assert_eq!(fixed(0.125, 2).to_string(), "0.12");
        assert_eq!(fixed(0.375, 2).to_string(), "0.38");
        assert_eq!(fixed(2.5, 0).to_string(), "2");
        assert_eq!(fixed(1.5, 0).to_string(), "2");
        assert_eq!(fixed(1.005, 2).to_string(), "1.00");
        assert_eq!(fixed(0.05, 1).to_string(), "0.1");
    }

    #[test]
    fn signs_zero_and_special_values_are_written_as_core_writes_them() {
        assert_eq!(fixed(-0.0, 1).to_string(), "-0.0");
        assert_eq!(fixed(-0.001, 2).to_string(), "-0.00");
        assert_eq!(fixed(0.0, 2).signed().to_string(), "+0.00");
        assert_eq!(fixed(f64::NAN, 2).signed().to_string(), "NaN");
        assert_eq!(fixed(f64::INFINITY, 2).signed().to_string(), "+inf");
        assert_eq!(fixed(f64::NEG_INFINITY, 0).to_string(), "-inf");
        assert_eq!(fixed(5e-324, 3).to_string(), "0.000");
        assert_eq!(fixed(1e-10, 17).to_string(), format!("{:.17}", 1e-10));
        assert_eq!(fixed(0.1, 40).to_string(), format!("{:.17}", 0.1)); // at most 17 places
    }

    #[test]
    fn huge_values_are_written_in_full() {
        for x in [
            1e300,
            f64::MAX,
            2f64.powi(64),
            2f64.powi(54) + 2.0,
            1.8e19,
            123456789e30,
            2f64.powi(74) + 2f64.powi(22),
            2f64.powi(75),
            2f64.powi(127) * 1.5,
        ] {
            for places in 0..=17 {
                assert_eq!(
                    ours(x, places, false),
                    core_fixed(x, places, false),
                    "{x:e}"
                );
            }
        }
    }

    /// The text reads back as `x`, has as many characters as core's and no exponent. Where two
    /// shortest texts are equally close to `x` (`…325.25` as `…325.2` or `…325.3`), the
    /// algorithms may pick different ones, so the text itself is compared only when it differs
    /// in more than the last digit.
    fn same_float_as_core(x: f64) -> Result<(), TestCaseError> {
        let ours = shortest(x).to_string();
        let core = format!("{x}");
        prop_assert!(!ours.contains('e'), "{}", ours);
        prop_assert_eq!(ours.len(), core.len(), "{} vs {}", ours, core);
        prop_assert_eq!(&ours[..ours.len() - 1], &core[..core.len() - 1]);
        if x.is_nan() {
            prop_assert_eq!(ours, "NaN");
        } else if x.is_finite() {
            let back: f64 = ours
                .parse()
                .map_err(|e| TestCaseError::fail(format!("{e}")))?;
            prop_assert_eq!(back.to_bits(), x.to_bits(), "{}", ours);
        }
        Ok(())
    }

    #[test]
    fn shortest_is_core_display() {
        for x in [
            760.0,
            0.5,
            1.5e-7,
            1e21,
            1e300,
            5e-324,
            -0.0,
            0.0,
            0.1 + 0.2,
            123.456,
            1e15,
            1e16,
            1e17,
            1e-5,
            1e-6,
            1e-7,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            -2.5,
        ] {
            assert_eq!(shortest(x).to_string(), format!("{x}"), "{x:e}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn shortest_reads_back_and_is_as_short_as_core_display(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            same_float_as_core(x)?;
        }

        #[test]
        fn shortest_on_chart_scale_values(x in -1e6f64..1e6) {
            same_float_as_core(x)?;
        }

        #[test]
        fn equals_core_formatting_on_any_bits(bits in any::<u64>(), places in 0u32..=17, plus: bool) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(ours(x, places, plus), core_fixed(x, places, plus));
        }

        #[test]
        fn equals_core_formatting_on_report_scale_values(x in -1e7f64..1e7, places in 0u32..=17, plus: bool) {
            prop_assert_eq!(ours(x, places, plus), core_fixed(x, places, plus));
        }

        #[test]
        fn equals_core_formatting_on_decimal_ties(units in -1_000_000i64..1_000_000, places in 0u32..=17) {
            // n + 0.5 in the last place, for every place count: the exact ties and near-ties.
            let x = (units as f64 + 0.5) / 10f64.powi(places as i32);
            prop_assert_eq!(ours(x, places, false), core_fixed(x, places, false));
        }
    }
}

#[cfg(test)]
mod examples {
    use super::{fixed, shortest};

    #[test]
    fn fixed_writes_as_core_fmt_does() {
        assert_eq!(fixed(2.345, 1).to_string(), "2.3");
        assert_eq!(fixed(0.125, 2).to_string(), "0.12"); // the exact value, ties to even
        assert_eq!(fixed(-0.4, 2).signed().to_string(), "-0.40");
        assert_eq!(fixed(0.5, 2).signed().to_string(), "+0.50");
        assert_eq!(format!("{} %", fixed(94.6, 0)), "95 %");
    }

    #[test]
    fn shortest_writes_as_core_fmt_does() {
        assert_eq!(shortest(760.0).to_string(), "760");
        assert_eq!(shortest(0.1 + 0.2).to_string(), "0.30000000000000004");
        assert_eq!(shortest(1.5e-7).to_string(), "0.00000015");
        assert_eq!(format!("[{}]", shortest(-2.5)), "[-2.5]");
    }
}
