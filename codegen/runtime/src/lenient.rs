//! Scalars that a vendor sends sometimes natively and sometimes as a string.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A value the vendor sends either as its native JSON type or as a string (ikcrm's `assignee`
/// is `"35903635"` in one time-line entry and `35903635` in the next).
///
/// The form received is kept, so a round trip gives back what was sent; [`Lenient::value`]
/// reads either form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Lenient<T> {
    /// The value in its native JSON form.
    Native(T),
    /// The value written as a string.
    Text(String),
}

impl<T: Clone + FromStr> Lenient<T> {
    /// The value, parsed from the string form when needed; `None` if the string does not parse.
    pub fn value(&self) -> Option<T> {
        match self {
            Self::Native(value) => Some(value.clone()),
            Self::Text(text) => text.trim().parse().ok(),
        }
    }
}

impl<T> From<T> for Lenient<T> {
    fn from(value: T) -> Self {
        Self::Native(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_form_received() {
        let text: Lenient<i64> = serde_json::from_str("\"35903635\"").unwrap();
        let native: Lenient<i64> = serde_json::from_str("35903635").unwrap();
        assert_eq!(text, Lenient::Text("35903635".into()));
        assert_eq!(native, Lenient::Native(35903635));
        assert_eq!(text.value(), native.value());
        assert_eq!(serde_json::to_string(&text).unwrap(), "\"35903635\"");
        assert_eq!(serde_json::to_string(&native).unwrap(), "35903635");
    }

    #[test]
    fn unparsable_text_has_no_value() {
        let text: Lenient<i64> = serde_json::from_str("\"n/a\"").unwrap();
        assert_eq!(text.value(), None);
    }
}
