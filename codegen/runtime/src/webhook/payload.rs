//! Turning an event's JSON into a Rust value: the [`EventPayload`] trait and [`RawEvent`].

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use std::convert::Infallible;
use std::fmt;

/// A type an event's `event` object decodes into, chosen by its event type (v1 `event.type`,
/// v2 `header.event_type`). A generated per-vendor `Event` enum implements this; so does
/// [`RawEvent`], which keeps the JSON as received.
///
/// An implementation should keep an event type it does not know (with its JSON) rather than
/// fail: Feishu adds event types, and an error makes it retry a delivery that can never succeed.
pub trait EventPayload: Sized {
    /// Why decoding failed.
    type Error: std::error::Error;

    /// Decodes the `event` object of an envelope whose event type is `event_type`.
    fn decode(event_type: &str, event: &RawValue) -> Result<Self, Self::Error>;
}

/// An event's `event` object kept as received, byte for byte: never fails to decode.
#[derive(Clone)]
pub struct RawEvent(Box<RawValue>);

impl RawEvent {
    /// The event JSON, exactly as it appeared in the (decrypted) body.
    pub fn json(&self) -> &RawValue {
        &self.0
    }

    /// The event JSON as text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Decodes the kept JSON into `T` (for example a typed payload, or `serde_json::Value`).
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.0.get())
    }

    /// Unwraps the kept JSON.
    pub fn into_inner(self) -> Box<RawValue> {
        self.0
    }
}

impl fmt::Debug for RawEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RawEvent").field(&self.0.get()).finish()
    }
}

impl EventPayload for RawEvent {
    type Error = Infallible;

    fn decode(_event_type: &str, event: &RawValue) -> Result<Self, Infallible> {
        Ok(Self(event.to_owned()))
    }
}
