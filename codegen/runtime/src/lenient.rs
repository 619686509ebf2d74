//! Scalars that a vendor sends sometimes natively and sometimes as a string.

use serde::de::{self, IntoDeserializer, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

/// A value the vendor sends either as its native JSON type or as a string (ikcrm's `assignee`
/// is `"35903635"` in one time-line entry and `35903635` in the next).
///
/// The form received is kept, so a round trip gives back what was sent; [`Lenient::value`]
/// reads either form.
#[derive(Clone, Debug, PartialEq, Serialize)]
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

/// Decodes in one pass (no buffering, unlike `#[serde(untagged)]`): strings become `Text`,
/// anything else is handed to `T`.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor(PhantomData))
    }
}

struct LenientVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for LenientVisitor<T> {
    type Value = Lenient<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or the same value written as a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Lenient::Text(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Lenient::Text(text))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Lenient::Native)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Lenient::Native)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Lenient::Native)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        T::deserialize(value.into_deserializer()).map(Lenient::Native)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Lenient::Native)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Lenient::Native)
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
