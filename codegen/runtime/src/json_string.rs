//! A JSON document carried inside a JSON string (Feishu's `form`).

use serde::de::DeserializeOwned;
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
        serialize(&self.0, serializer)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for JsonString<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::de::parse_str(deserializer, "a string holding JSON", |text| {
            serde_json::from_str(text)
                .map_err(|err| format!("in the JSON carried by a string: {err}"))
        })
        .map(Self)
    }
}

/// `serialize_with` for a field whose Rust type is the document itself (the generated structs
/// use these adapters, so `form` is a `Vec<Widget>`, not a wrapper).
///
/// # Errors
/// When the document cannot be written as JSON.
pub fn serialize<T: Serialize, S: Serializer>(
    document: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let text = serde_json::to_string(document).map_err(serde::ser::Error::custom)?;
    serializer.serialize_str(&text)
}

/// `deserialize_with` for a field whose Rust type is the document itself.
///
/// # Errors
/// When the value is not a string, or the string does not hold a `T`.
pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    JsonString::deserialize(deserializer).map(|JsonString(document)| document)
}

/// The adapters for an optional field (`Option<T>`; `None` is skipped when serializing).
pub mod optional {
    use super::*;

    /// `serialize_with` for `Option<T>`.
    ///
    /// # Errors
    /// When the document cannot be written as JSON.
    pub fn serialize<T: Serialize, S: Serializer>(
        document: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match document {
            Some(document) => super::serialize(document, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// `deserialize_with` for `Option<T>` (`null` reads as `None`).
    ///
    /// # Errors
    /// When the value is not a string or `null`, or the string does not hold a `T`.
    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        Option::<JsonString<T>>::deserialize(deserializer)
            .map(|document| document.map(|JsonString(document)| document))
    }
}

/// The adapters for a field that may be absent or `null` (`Option<Option<T>>`).
pub mod nullable {
    use super::*;

    /// `serialize_with` for `Option<Option<T>>` (`Some(None)` is `null`).
    ///
    /// # Errors
    /// When the document cannot be written as JSON.
    pub fn serialize<T: Serialize, S: Serializer>(
        document: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::optional::serialize(&document.as_ref().and_then(Option::as_ref), serializer)
    }

    /// `deserialize_with` for `Option<Option<T>>`: a present field is `Some`, `null` included.
    ///
    /// # Errors
    /// When the value is not a string or `null`, or the string does not hold a `T`.
    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        super::optional::deserialize(deserializer).map(Some)
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

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Probe {
        #[serde(with = "super")]
        bare: Vec<u8>,
        #[serde(
            default,
            with = "super::optional",
            skip_serializing_if = "Option::is_none"
        )]
        optional: Option<Vec<u8>>,
        #[serde(
            default,
            with = "super::nullable",
            skip_serializing_if = "Option::is_none"
        )]
        nullable: Option<Option<Vec<u8>>>,
    }

    #[test]
    fn adapters_keep_the_document_type_and_absent_apart_from_null() {
        let cases = [
            r#"{"bare":"[1]"}"#,
            r#"{"bare":"[]","optional":"[2]","nullable":null}"#,
            r#"{"bare":"[]","nullable":"[3,4]"}"#,
        ];
        for json in cases {
            let probe: Probe = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&probe).unwrap(), json);
        }
        let probe: Probe = serde_json::from_str(cases[1]).unwrap();
        assert_eq!(
            (probe.optional, probe.nullable),
            (Some(vec![2]), Some(None))
        );
    }

    #[test]
    fn bad_inner_json_is_an_error_not_a_panic() {
        let err = serde_json::from_str::<JsonString<Vec<u8>>>(r#""[1,""#).unwrap_err();
        assert!(err.to_string().contains("carried by a string"), "{err}");
    }
}
