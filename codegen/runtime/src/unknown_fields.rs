//! Fields of a response that the spec does not name, kept so they can be read and are sent back.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

/// The fields of an object that its spec does not list, in the order received.
///
/// Vendor pages lag the live APIs (Feishu responses carry fields such as `instance_link` that no
/// page names yet): a decoded value keeps them here, readable by name, and serializing the value
/// writes them after the listed fields, so nothing received is lost on the way back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnknownFields(Vec<(String, Value)>);

impl UnknownFields {
    /// No unknown fields (what a value built in code starts with).
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    /// The value of the unknown field `name`, if one was received.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// Wire names and values, in the order received.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(key, value)| (key.as_str(), value))
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields as one JSON object (a later duplicate key wins, as in a parsed object).
    pub fn into_object(self) -> Value {
        Value::Object(self.0.into_iter().collect())
    }

    /// Adds a field (the decoder's way in; a key received twice is kept twice, as sent).
    pub fn push(&mut self, name: String, value: Value) {
        self.0.push((name, value));
    }
}

/// Written as map entries: generated structs flatten it into their own JSON object.
impl Serialize for UnknownFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Probe {
        known: u8,
        #[serde(flatten)]
        unknown: UnknownFields,
    }

    #[test]
    fn flattened_fields_follow_the_listed_ones_in_received_order() {
        let mut unknown = UnknownFields::new();
        unknown.push("z".into(), Value::from(1));
        unknown.push("a".into(), Value::from("x"));
        let json = serde_json::to_string(&Probe { known: 7, unknown }).unwrap();
        assert_eq!(json, r#"{"known":7,"z":1,"a":"x"}"#);
    }

    #[test]
    fn reads_by_name() {
        let mut unknown = UnknownFields::new();
        unknown.push("instance_link".into(), Value::from("https://x"));
        assert_eq!(
            unknown.get("instance_link"),
            Some(&Value::from("https://x"))
        );
        assert_eq!(unknown.get("other"), None);
        assert_eq!(unknown.len(), 1);
    }
}
