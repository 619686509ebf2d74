//! Helpers for generated unions.

use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// Serializes a union member with its tag field added (`"type": "input"`).
pub fn serialize_tagged<S: Serializer, T: Serialize>(
    serializer: S,
    tag_field: &str,
    tag: &str,
    member: &T,
) -> Result<S::Ok, S::Error> {
    match serde_json::to_value(member).map_err(S::Error::custom)? {
        Value::Object(mut map) => {
            map.insert(tag_field.to_owned(), Value::String(tag.to_owned()));
            map.serialize(serializer)
        }
        _ => Err(S::Error::custom(
            "a union member must serialize to a JSON object",
        )),
    }
}

/// The tag of a member read as a JSON object; errors when the object has no string tag.
pub fn read_tag<E: serde::de::Error>(
    map: &Map<String, Value>,
    tag_field: &str,
) -> Result<String, E> {
    match map.get(tag_field) {
        Some(Value::String(tag)) => Ok(tag.clone()),
        Some(other) => Err(E::custom(format_args!(
            "field `{tag_field}` must be a string, found {other}"
        ))),
        None => Err(E::custom(format_args!("missing field `{tag_field}`"))),
    }
}

/// Decodes one member from its JSON object.
pub fn member<T: serde::de::DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}
