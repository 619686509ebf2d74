//! A JSON document carried inside a JSON string (Feishu's `form`).

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A typed value that travels as a string holding its JSON encoding.
///
/// Decoding parses the inner document; encoding writes it compactly. The inner document's
/// whitespace is therefore not kept byte for byte, only its JSON value.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct JsonString<T>(pub T);

impl<T> JsonString<T> {
    /// Wraps the typed document.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The typed document.
    pub fn get(&self) -> &T {
        &self.0
    }

    /// The typed document, for changes.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: Serialize> Serialize for JsonString<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(&self.0).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for JsonString<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        serde_json::from_str(&text)
            .map(Self)
            .map_err(|err| D::Error::custom(format_args!("in the JSON carried by a string: {err}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_a_string() {
        let outer = r#""[1,2,3]""#;
        let value: JsonString<Vec<u8>> = serde_json::from_str(outer).unwrap();
        assert_eq!(value.get(), &vec![1, 2, 3]);
        assert_eq!(serde_json::to_string(&value).unwrap(), outer);
    }

    #[test]
    fn bad_inner_json_is_an_error_not_a_panic() {
        let err = serde_json::from_str::<JsonString<Vec<u8>>>(r#""[1,""#).unwrap_err();
        assert!(err.to_string().contains("carried by a string"), "{err}");
    }
}
