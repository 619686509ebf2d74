//! Values a newer vendor sends that the spec does not name yet.
//!
//! Generated enums carry an `Unknown(..)` variant, as the AWS SDK for Rust does. The generated
//! crate wraps this representation in its own `UnknownValue`, whose constructors are private to
//! that crate, so downstream code can read an unknown value but never forge one.

use serde::{Serialize, Serializer};
use std::fmt;

/// An enum value that the spec did not list; it serializes back exactly as it was received.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(Repr);

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Repr {
    Text(String),
    Integer(i64),
}

impl UnknownValue {
    /// Wraps an unlisted string value (generated crates keep this behind their own type).
    pub fn from_text(value: impl Into<String>) -> Self {
        Self(Repr::Text(value.into()))
    }

    /// Wraps an unlisted integer value (generated crates keep this behind their own type).
    pub fn from_integer(value: i64) -> Self {
        Self(Repr::Integer(value))
    }

    /// The value as received, when the vendor sent a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            Repr::Text(text) => Some(text),
            Repr::Integer(_) => None,
        }
    }

    /// The value as received, when the vendor sent an integer.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            Repr::Integer(value) => Some(value),
            Repr::Text(_) => None,
        }
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Text(text) => write!(f, "UnknownValue({text:?})"),
            Repr::Integer(value) => write!(f, "UnknownValue({value})"),
        }
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Text(text) => f.write_str(text),
            Repr::Integer(value) => write!(f, "{value}"),
        }
    }
}

impl Serialize for UnknownValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Text(text) => serializer.serialize_str(text),
            Repr::Integer(value) => serializer.serialize_i64(*value),
        }
    }
}

/// A wire value the spec does not list, refused by a generated enum's strict `try_parse`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotListed {
    type_name: &'static str,
    value: String,
}

impl NotListed {
    /// The refusal of `value` by the enum `type_name`.
    pub fn new(type_name: &'static str, value: impl fmt::Display) -> Self {
        Self {
            type_name,
            value: value.to_string(),
        }
    }

    /// The value that was refused.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for NotListed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a value `{}` lists",
            self.value, self.type_name
        )
    }
}

impl std::error::Error for NotListed {}
