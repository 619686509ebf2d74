//! Decimal amounts that keep the form they were sent in.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A JSON number used for money and hours ("double, two decimal places" in the 71360 tables).
///
/// It keeps whether the vendor wrote `12` or `12.5`, so a round trip does not turn `12` into
/// `12.0`; [`Decimal::as_f64`] gives the value for arithmetic.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Decimal(serde_json::Number);

impl Decimal {
    /// The value as a float.
    pub fn as_f64(&self) -> f64 {
        self.0.as_f64().unwrap_or(f64::NAN)
    }

    /// Digits after the decimal point as written (0 for an integer).
    pub fn scale(&self) -> usize {
        if self.0.is_f64() {
            let text = self.0.to_string();
            text.split_once('.').map_or(0, |(_, fraction)| {
                fraction
                    .split(['e', 'E'])
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('0')
                    .len()
            })
        } else {
            0
        }
    }

    /// A decimal from a float; `None` for NaN or infinity, which JSON cannot carry.
    pub fn from_f64(value: f64) -> Option<Self> {
        serde_json::Number::from_f64(value).map(Self)
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Self(value.into())
    }
}

impl std::str::FromStr for Decimal {
    type Err = serde_json::Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.parse().map(Self)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({})", self.0)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_integer_and_fraction_forms() {
        for text in ["12", "111.11", "8.4", "-3"] {
            let value: Decimal = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), text);
        }
    }

    #[test]
    fn scale_counts_written_fraction_digits() {
        let value: Decimal = serde_json::from_str("111.11").unwrap();
        assert_eq!(value.scale(), 2);
        assert_eq!(Decimal::from(12).scale(), 0);
        assert_eq!(Decimal::from_f64(0.125).unwrap().scale(), 3);
    }
}
