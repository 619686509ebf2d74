//! An ordered JSON tree: objects keep the order the exporter inserts keys in, so a document
//! reads in OpenAPI's conventional order (`openapi`, `info`, `servers`, `paths`, …) and
//! properties in wire order. serde_json's own `Map` is sorted unless its `preserve_order`
//! feature is on, and that feature would be unified into every crate of the workspace
//! (the generated crate's `Value`s included), so the exporter keeps its own order instead.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A JSON value whose objects keep insertion order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float (always finite: the checker only admits finite numbers).
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Node>),
    /// An object.
    Object(Obj),
}

/// A JSON object in insertion order; setting a key again replaces its value in place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Obj(Vec<(String, Node)>);

impl Obj {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key`, keeping its first position if it was already there.
    pub fn set(&mut self, key: impl Into<String>, value: impl Into<Node>) -> &mut Self {
        let key = key.into();
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
        self
    }

    /// [`Obj::set`], by value (for building in one expression).
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Node>) -> Self {
        self.set(key, value);
        self
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether `key` is set.
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Whether there is no key.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// Pretty-printed, two-space indented, ending with a newline.
    pub fn to_pretty(&self) -> serde_json::Result<String> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }
}

impl From<Obj> for Node {
    fn from(value: Obj) -> Self {
        Self::Object(value)
    }
}

impl From<Vec<Node>> for Node {
    fn from(value: Vec<Node>) -> Self {
        Self::Array(value)
    }
}

impl From<&str> for Node {
    fn from(value: &str) -> Self {
        Self::Str(value.to_owned())
    }
}

impl From<String> for Node {
    fn from(value: String) -> Self {
        Self::Str(value)
    }
}

impl From<&String> for Node {
    fn from(value: &String) -> Self {
        Self::Str(value.clone())
    }
}

impl From<bool> for Node {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

impl From<i64> for Node {
    fn from(value: i64) -> Self {
        Self::Int(value)
    }
}

impl From<u64> for Node {
    fn from(value: u64) -> Self {
        i64::try_from(value).map_or(Self::Float(value as f64), Self::Int)
    }
}

impl From<u32> for Node {
    fn from(value: u32) -> Self {
        Self::Int(i64::from(value))
    }
}

impl From<f64> for Node {
    fn from(value: f64) -> Self {
        Self::Float(value)
    }
}

/// An array of strings.
pub fn strings<I, S>(items: I) -> Node
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    Node::Array(items.into_iter().map(|s| Node::Str(s.into())).collect())
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_unit(),
            Self::Bool(value) => serializer.serialize_bool(*value),
            Self::Int(value) => serializer.serialize_i64(*value),
            Self::Float(value) => serializer.serialize_f64(*value),
            Self::Str(value) => serializer.serialize_str(value),
            Self::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Self::Object(object) => object.serialize(serializer),
        }
    }
}

impl Serialize for Obj {
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

    #[test]
    fn keys_keep_insertion_order_and_a_reset_keeps_its_place() {
        let object = Obj::new().with("b", 1_i64).with("a", true).with("b", "x");
        assert_eq!(
            object.to_pretty().unwrap(),
            "{\n  \"b\": \"x\",\n  \"a\": true\n}\n"
        );
    }
}
