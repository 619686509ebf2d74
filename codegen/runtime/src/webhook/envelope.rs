//! The shapes of a Feishu request body (page `event-structure` for v1 and v2, page
//! `event-send-notifications` for `url_verification`), read without copying the event.

use super::error::WebhookError;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;

/// Which envelope an event came in, with its metadata (the token is checked, not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Envelope {
    /// v1.0: `{ts, uuid, token, type, event}`; the event type is `event.type`.
    V1 {
        /// `ts`: when the event was sent, seconds with a fraction (`"1502199207.7171419"`).
        ts: Option<String>,
        /// `uuid`: the event's unique id, its dedupe key.
        uuid: String,
        /// `type`: documented as always `event_callback`; kept, not checked.
        callback_type: Option<String>,
    },
    /// v2.0: `{schema, header{event_id, token, create_time, event_type, tenant_key, app_id}, event}`.
    V2 {
        /// `schema`: the envelope version (`"2.0"`).
        schema: String,
        /// `header.event_id`: the event's unique id, its dedupe key.
        event_id: String,
        /// `header.create_time`: when the event was sent. The envelope page shows 16 digits
        /// (microseconds), the approval-definition page says milliseconds and its example has
        /// `event_create_time` instead, so this is kept as text (a number is kept as its digits).
        create_time: Option<String>,
        /// `header.tenant_key`.
        tenant_key: Option<String>,
        /// `header.app_id`.
        app_id: Option<String>,
    },
}

/// The envelope version alone (shared with the generated `Event` enums).
pub use crate::event::EnvelopeVersion;

impl Envelope {
    /// Which version this is.
    pub fn version(&self) -> EnvelopeVersion {
        match self {
            Self::V1 { .. } => EnvelopeVersion::V1,
            Self::V2 { .. } => EnvelopeVersion::V2,
        }
    }

    /// The id Feishu documents for deduplication: v1 `uuid`, v2 `header.event_id`.
    pub fn dedupe_key(&self) -> &str {
        match self {
            Self::V1 { uuid, .. } => uuid,
            Self::V2 { event_id, .. } => event_id,
        }
    }
}

/// Every top-level key the intake reads, each kept as raw JSON so that a wrong type becomes a
/// precise [`WebhookError::BadEnvelope`] rather than a decoder message quoting the value.
#[derive(Deserialize)]
pub(crate) struct Wire<'a> {
    #[serde(borrow)]
    pub encrypt: Option<&'a RawValue>,
    #[serde(borrow)]
    challenge: Option<&'a RawValue>,
    #[serde(borrow)]
    token: Option<&'a RawValue>,
    #[serde(rename = "type", borrow)]
    kind: Option<&'a RawValue>,
    #[serde(borrow)]
    schema: Option<&'a RawValue>,
    #[serde(borrow)]
    header: Option<&'a RawValue>,
    #[serde(borrow)]
    uuid: Option<&'a RawValue>,
    #[serde(borrow)]
    ts: Option<&'a RawValue>,
    #[serde(borrow)]
    event: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Header<'a> {
    #[serde(borrow)]
    event_id: Option<&'a RawValue>,
    #[serde(borrow)]
    token: Option<&'a RawValue>,
    #[serde(borrow)]
    create_time: Option<&'a RawValue>,
    #[serde(borrow)]
    event_type: Option<&'a RawValue>,
    #[serde(borrow)]
    tenant_key: Option<&'a RawValue>,
    #[serde(borrow)]
    app_id: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct V1Event<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<&'a RawValue>,
}

/// A body read as one of the three documented shapes.
pub(crate) enum Parsed<'a> {
    UrlVerification {
        challenge: String,
        token: Option<&'a RawValue>,
    },
    Event {
        envelope: Envelope,
        event_type: String,
        token: Option<&'a RawValue>,
        event: &'a RawValue,
    },
}

/// Parses a body (plain, or decrypted) into its top-level keys.
pub(crate) fn parse_wire(bytes: &[u8]) -> Result<Wire<'_>, serde_json::Error> {
    serde_json::from_slice(bytes)
}

pub(crate) fn json_error(error: &serde_json::Error) -> (usize, usize) {
    (error.line(), error.column())
}

impl<'a> Wire<'a> {
    /// Decides which shape the body has and reads the fields that shape needs.
    pub(crate) fn classify(self) -> Result<Parsed<'a>, WebhookError> {
        if self.kind.and_then(string).as_deref() == Some("url_verification") {
            let challenge = self
                .challenge
                .and_then(string)
                .ok_or(WebhookError::BadEnvelope(
                    "`challenge` is missing or not a string",
                ))?;
            return Ok(Parsed::UrlVerification {
                challenge: challenge.into_owned(),
                token: self.token,
            });
        }
        if let Some(schema) = self.schema {
            let schema =
                scalar_text(schema).ok_or(WebhookError::BadEnvelope("`schema` is not a string"))?;
            let header: Header<'a> = self
                .header
                .and_then(|raw| serde_json::from_str(raw.get()).ok())
                .ok_or(WebhookError::BadEnvelope(
                    "`header` is missing or not an object",
                ))?;
            let event_id = header
                .event_id
                .and_then(string)
                .ok_or(WebhookError::BadEnvelope(
                    "`header.event_id` is missing or not a string",
                ))?;
            let event_type =
                header
                    .event_type
                    .and_then(string)
                    .ok_or(WebhookError::BadEnvelope(
                        "`header.event_type` is missing or not a string",
                    ))?;
            let event = self
                .event
                .ok_or(WebhookError::BadEnvelope("`event` is missing"))?;
            return Ok(Parsed::Event {
                envelope: Envelope::V2 {
                    schema: schema.into_owned(),
                    event_id: event_id.into_owned(),
                    create_time: header
                        .create_time
                        .and_then(scalar_text)
                        .map(Cow::into_owned),
                    tenant_key: header.tenant_key.and_then(string).map(Cow::into_owned),
                    app_id: header.app_id.and_then(string).map(Cow::into_owned),
                },
                event_type: event_type.into_owned(),
                token: header.token,
                event,
            });
        }
        let (Some(uuid), Some(event)) = (self.uuid, self.event) else {
            return Err(WebhookError::BadEnvelope(
                "neither url_verification, a v1 envelope (`uuid`, `event`) nor a v2 envelope (`schema`, `header`, `event`)",
            ));
        };
        let uuid = string(uuid).ok_or(WebhookError::BadEnvelope("`uuid` is not a string"))?;
        let event_type = serde_json::from_str::<V1Event<'a>>(event.get())
            .ok()
            .and_then(|event| event.kind)
            .and_then(string)
            .ok_or(WebhookError::BadEnvelope(
                "`event.type` is missing or not a string",
            ))?;
        Ok(Parsed::Event {
            envelope: Envelope::V1 {
                ts: self.ts.and_then(scalar_text).map(Cow::into_owned),
                uuid: uuid.into_owned(),
                callback_type: self.kind.and_then(string).map(Cow::into_owned),
            },
            event_type: event_type.into_owned(),
            token: self.token,
            event,
        })
    }
}

/// A JSON string's contents (borrowed unless it has escapes); `None` for any other JSON.
pub(crate) fn string(raw: &RawValue) -> Option<Cow<'_, str>> {
    if let Ok(text) = serde_json::from_str::<&str>(raw.get()) {
        return Some(Cow::Borrowed(text));
    }
    serde_json::from_str::<String>(raw.get())
        .ok()
        .map(Cow::Owned)
}

/// A string's contents, or a number's digits as written (times sent either way).
fn scalar_text(raw: &RawValue) -> Option<Cow<'_, str>> {
    string(raw).or_else(|| {
        serde_json::from_str::<serde_json::Number>(raw.get())
            .ok()
            .map(|_| Cow::Borrowed(raw.get()))
    })
}
