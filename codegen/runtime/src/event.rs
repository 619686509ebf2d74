//! Support for the generated per-vendor `Event` enums: the event an app does not know
//! ([`UnknownEvent`]), the event whose JSON does not fit its documented type ([`UnfitEvent`]),
//! and the typed error that says where it did not fit ([`EventDecodeError`]).
//!
//! Available without the `webhook` feature, so an event taken from a queue or a log decodes the
//! same way as one from the intake.

use crate::response::DecodeError;
use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use std::fmt;

/// The envelope an event comes in (Feishu's `event-structure` page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnvelopeVersion {
    /// v1.0 (`ts`, `uuid`, `token`, `type`, `event`; the event type is `event.type`).
    V1,
    /// v2.0 (`schema`, `header`, `event`; the event type is `header.event_type`).
    V2,
}

/// An event type the spec lists, with the envelope its page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventInfo {
    /// The event type on the wire.
    pub event_type: &'static str,
    /// The envelope version its page shows.
    pub envelope: EnvelopeVersion,
}

/// Decodes an event's `event` object as `T`; on failure, says at which path it did not fit.
///
/// The path is relative to the `event` object (`object.timestamp`), and the parser's error is
/// the [`std::error::Error::source`]. Tracking the path costs a second parse, paid only on failure.
pub fn decode<T: DeserializeOwned>(event_type: &str, json: &str) -> Result<T, EventDecodeError> {
    serde_json::from_str(json).map_err(|_| EventDecodeError {
        event_type: event_type.to_owned(),
        error: DecodeError::locate::<T>(json.as_bytes()),
    })
}

/// Keeps an event's JSON as received, or says why it is not JSON.
pub fn keep(event_type: &str, json: &str) -> Result<Box<RawValue>, EventDecodeError> {
    RawValue::from_string(json.to_owned()).map_err(|source| EventDecodeError {
        event_type: event_type.to_owned(),
        error: DecodeError::at("", source),
    })
}

/// An event's `event` object that does not fit the payload type its event type documents.
#[derive(Debug)]
pub struct EventDecodeError {
    event_type: String,
    error: DecodeError,
}

impl EventDecodeError {
    /// The event type whose payload did not fit.
    pub fn event_type(&self) -> &str {
        &self.event_type
    }

    /// Where it did not fit, relative to the `event` object (`object.timestamp`; empty for the
    /// object itself).
    pub fn path(&self) -> &str {
        self.error.path()
    }
}

impl fmt::Display for EventDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.error.path();
        let at = if path.is_empty() {
            "event".to_owned()
        } else {
            format!("event.{path}")
        };
        write!(
            f,
            "`{}` event does not fit its documented type at `{at}`",
            self.event_type
        )
    }
}

impl std::error::Error for EventDecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.error)
    }
}

/// An event type the spec does not list, kept with its JSON byte for byte; it serializes back
/// unchanged. Built by the generated code only.
#[derive(Debug, Clone)]
pub struct UnknownEvent {
    event_type: String,
    json: Box<RawValue>,
}

impl UnknownEvent {
    #[doc(hidden)]
    pub fn new(event_type: &str, json: Box<RawValue>) -> Self {
        Self {
            event_type: event_type.to_owned(),
            json,
        }
    }

    /// The event type, as received.
    pub fn event_type(&self) -> &str {
        &self.event_type
    }

    /// The `event` object, as received.
    pub fn json(&self) -> &RawValue {
        &self.json
    }
}

impl Serialize for UnknownEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// A listed event type whose JSON does not fit its documented payload type: kept byte for byte
/// with the typed error saying where, so an authenticated delivery is neither lost nor answered
/// with an error (Feishu would re-send the same body for about 7.1 hours and, for ordered
/// approval events, hold back the instance's later events meanwhile). Built by the generated
/// code only; it serializes back unchanged.
#[derive(Debug)]
pub struct UnfitEvent {
    json: Box<RawValue>,
    error: EventDecodeError,
}

impl UnfitEvent {
    #[doc(hidden)]
    pub fn new(json: Box<RawValue>, error: EventDecodeError) -> Self {
        Self { json, error }
    }

    /// The event type, as received.
    pub fn event_type(&self) -> &str {
        self.error.event_type()
    }

    /// The `event` object, as received.
    pub fn json(&self) -> &RawValue {
        &self.json
    }

    /// Where and why it did not fit.
    pub fn error(&self) -> &EventDecodeError {
        &self.error
    }

    /// The error alone (to reject the delivery after all).
    pub fn into_error(self) -> EventDecodeError {
        self.error
    }
}

impl Serialize for UnfitEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Payload {
        object: Inner,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        timestamp: i64,
    }

    #[test]
    fn a_misfit_says_where() {
        let error = decode::<Payload>("t", r#"{"object":{"timestamp":"1"}}"#).unwrap_err();
        assert_eq!(error.path(), "object.timestamp");
        assert_eq!(error.event_type(), "t");
        assert!(
            error.to_string().contains("`event.object.timestamp`"),
            "{error}"
        );
        assert!(std::error::Error::source(&error).is_some());
    }

    #[test]
    fn kept_json_is_byte_for_byte() {
        let text = r#"{ "a" : 1.50 }"#;
        let kept = keep("t", text).unwrap();
        let unknown = UnknownEvent::new("t", kept);
        assert_eq!(unknown.json().get(), text);
        assert_eq!(serde_json::to_string(&unknown).unwrap(), text);
        assert!(keep("t", "{").is_err());
    }
}
