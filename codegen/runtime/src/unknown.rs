//! Values a newer vendor sends that the spec does not name yet.
//!
//! Generated enums carry an `Unknown(UnknownValue)` variant, as the AWS SDK for Rust does. The
//! payload is opaque (it cannot be built or matched on by value outside this crate), so code that
//! handled an unknown value keeps compiling, and keeps meaning the same thing, when a later spec
//! names that value.

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
    /// For generated code: wraps an unlisted string value.
    #[doc(hidden)]
    pub fn from_text(value: impl Into<String>) -> Self {
        Self(Repr::Text(value.into()))
    }

    /// For generated code: wraps an unlisted integer value.
    #[doc(hidden)]
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

/// A union member whose discriminating value the spec did not list: the whole JSON value is kept
/// so that it serializes back unchanged.
#[derive(Clone, PartialEq, Debug)]
pub struct UnknownVariant {
    discriminant: Option<UnknownValue>,
    raw: serde_json::Value,
}

impl UnknownVariant {
    /// For generated code: keeps a member with an unlisted discriminating value.
    #[doc(hidden)]
    pub fn new(discriminant: Option<UnknownValue>, raw: serde_json::Value) -> Self {
        Self { discriminant, raw }
    }

    /// The discriminating value that was not recognised, if there was one.
    pub fn discriminant(&self) -> Option<&UnknownValue> {
        self.discriminant.as_ref()
    }

    /// The member as received.
    pub fn raw(&self) -> &serde_json::Value {
        &self.raw
    }
}

impl Serialize for UnknownVariant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}
