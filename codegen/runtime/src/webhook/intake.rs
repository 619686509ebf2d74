//! The intake: one call from request headers and raw body bytes to a verified, decrypted and
//! decoded event (or the `url_verification` answer), with no I/O and no clock of its own.

use super::cipher;
use super::envelope::{Envelope, Parsed, json_error, parse_wire, string};
use super::error::WebhookError;
use super::payload::EventPayload;
use super::signature;
use crate::secret::Secret;
use http::HeaderMap;
use serde_json::value::RawValue;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use subtle::ConstantTimeEq;

/// `X-Lark-Request-Timestamp` (page `event-encrypt-key`).
pub const TIMESTAMP_HEADER: &str = "x-lark-request-timestamp";
/// `X-Lark-Request-Nonce` (page `event-encrypt-key`).
pub const NONCE_HEADER: &str = "x-lark-request-nonce";
/// `X-Lark-Signature` (page `event-encrypt-key`).
pub const SIGNATURE_HEADER: &str = "x-lark-signature";

/// The content type of [`Received::response_body`].
pub const RESPONSE_CONTENT_TYPE: &str = "application/json";

/// What the intake answers for an accepted event. The pages ask only for HTTP 200 within 3
/// seconds and name no body; an empty JSON object is sent so the answer is JSON either way.
pub const ACKNOWLEDGEMENT_BODY: &[u8] = b"{}";

/// How far `X-Lark-Request-Timestamp` may be from the current time unless configured: 5
/// minutes. The pages name no window (see [`Intake::timestamp_window`]).
pub const DEFAULT_TIMESTAMP_WINDOW: Duration = Duration::from_secs(5 * 60);

/// An app's event-subscription credentials and the replay window: checks and opens requests.
///
/// Built with an encrypt key ([`Intake::with_encrypt_key`]), a verification token
/// ([`Intake::with_verification_token`]) or both, so that some check always authenticates a
/// request. `Debug` shows neither secret.
#[derive(Clone)]
pub struct Intake {
    encrypt_key: Option<EncryptKey>,
    verification_token: Option<Secret<String>>,
    timestamp_window: Option<Duration>,
}

#[derive(Clone)]
struct EncryptKey {
    text: Secret<String>,
    aes_key: [u8; 32],
}

impl fmt::Debug for Intake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Intake")
            .field(
                "encrypt_key",
                &self.encrypt_key.as_ref().map(|_| "[redacted]"),
            )
            .field(
                "verification_token",
                &self.verification_token.as_ref().map(|_| "[redacted]"),
            )
            .field("timestamp_window", &self.timestamp_window)
            .finish()
    }
}

/// An accepted request: the challenge to answer, or an event.
#[derive(Debug, Clone)]
pub enum Received<E> {
    /// `url_verification` (plain or encrypted): answer [`Received::response_body`].
    UrlVerification {
        /// The `challenge` value, to be returned unchanged.
        challenge: String,
    },
    /// An event that passed every configured check.
    Event(Delivery<E>),
}

/// A verified event.
#[derive(Debug, Clone)]
pub struct Delivery<E> {
    /// The envelope version and its metadata.
    pub envelope: Envelope,
    /// v1 `event.type` or v2 `header.event_type`.
    pub event_type: String,
    /// The `event` object decoded as `E`.
    pub event: E,
}

impl<E> Delivery<E> {
    /// The id to deduplicate on (v1 `uuid`, v2 `header.event_id`): Feishu delivers at least
    /// once and retries for about 7.1 hours.
    pub fn dedupe_key(&self) -> &str {
        self.envelope.dedupe_key()
    }
}

impl<E> Received<E> {
    /// The body to answer with HTTP 200 and [`RESPONSE_CONTENT_TYPE`]: `{"challenge": …}` for
    /// `url_verification`, [`ACKNOWLEDGEMENT_BODY`] for an event.
    pub fn response_body(&self) -> Vec<u8> {
        match self {
            Self::UrlVerification { challenge } => {
                let mut body = b"{\"challenge\":".to_vec();
                // A String always serializes.
                body.extend_from_slice(
                    serde_json::to_string(challenge)
                        .unwrap_or_default()
                        .as_bytes(),
                );
                body.push(b'}');
                body
            }
            Self::Event(_) => ACKNOWLEDGEMENT_BODY.to_vec(),
        }
    }
}

impl Intake {
    /// An intake for an app with an encrypt key: requests must be encrypted and signed
    /// (`url_verification` excepted, which the page leaves out of the signature check).
    pub fn with_encrypt_key(encrypt_key: impl Into<String>) -> Self {
        let text: String = encrypt_key.into();
        Self {
            encrypt_key: Some(EncryptKey {
                aes_key: cipher::derive_key(&text),
                text: Secret::new(text),
            }),
            verification_token: None,
            timestamp_window: Some(DEFAULT_TIMESTAMP_WINDOW),
        }
    }

    /// An intake for an app without an encrypt key: the verification token in the plain body
    /// is the only check (the page calls this the weaker one).
    pub fn with_verification_token(token: impl Into<String>) -> Self {
        Self {
            encrypt_key: None,
            verification_token: Some(Secret::new(token.into())),
            timestamp_window: Some(DEFAULT_TIMESTAMP_WINDOW),
        }
    }

    /// Also checks the verification token (in the decrypted body when encrypted).
    pub fn verification_token(mut self, token: impl Into<String>) -> Self {
        self.verification_token = Some(Secret::new(token.into()));
        self
    }

    /// How far `X-Lark-Request-Timestamp` may lie from the current time, either way; `None`
    /// disables the check. The pages state no window and no unit: the timestamp is read as
    /// whole seconds since the Unix epoch, and the default is [`DEFAULT_TIMESTAMP_WINDOW`].
    /// The pages do not say whether a retry (after 15 s, 5 min, 1 h, 6 h) is signed afresh;
    /// if retries keep their first timestamp, a window shorter than about 7.1 hours rejects
    /// the later ones. Plain requests carry no timestamp header, so this applies only with an
    /// encrypt key.
    pub fn timestamp_window(mut self, window: Option<Duration>) -> Self {
        self.timestamp_window = window;
        self
    }

    /// Checks and opens one request. `now` is the current time (passed in, so the intake has
    /// no clock); `E` is what the `event` object decodes into ([`super::RawEvent`] keeps it).
    ///
    /// Order: body shape → (encrypt key) signature, timestamp window, decryption → envelope →
    /// verification token → payload. Every rejection is a [`WebhookError`]; nothing panics.
    pub fn receive<E: EventPayload>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Received<E>, WebhookError> {
        if body.is_empty() {
            return Err(WebhookError::EmptyBody);
        }
        let outer = parse_wire(body).map_err(|error| {
            let (line, column) = json_error(&error);
            WebhookError::NotJson { line, column }
        })?;
        let Some(key) = &self.encrypt_key else {
            if outer.encrypt.is_some() {
                return Err(WebhookError::EncryptedWithoutKey);
            }
            return self.accept(outer.classify()?);
        };
        let encrypted = outer.encrypt.ok_or(WebhookError::NotEncrypted)?;
        let Some(claimed) = headers.get(SIGNATURE_HEADER) else {
            return self.accept_unsigned(key, encrypted);
        };
        let timestamp = headers
            .get(TIMESTAMP_HEADER)
            .ok_or(WebhookError::MissingHeader("X-Lark-Request-Timestamp"))?;
        let nonce = headers
            .get(NONCE_HEADER)
            .ok_or(WebhookError::MissingHeader("X-Lark-Request-Nonce"))?;
        if !signature::verify(
            claimed.as_bytes(),
            timestamp.as_bytes(),
            nonce.as_bytes(),
            key.text.expose(),
            body,
        ) {
            return Err(WebhookError::SignatureMismatch);
        }
        if let Some(window) = self.timestamp_window {
            check_window(timestamp.as_bytes(), now, window)?;
        }
        let plaintext = decrypt_field(key, encrypted)?;
        let inner = parse_wire(&plaintext).map_err(|error| {
            let (line, column) = json_error(&error);
            WebhookError::DecryptedNotJson { line, column }
        })?;
        self.accept(inner.classify()?)
    }

    /// An encrypted request without `X-Lark-Signature`: accepted only as `url_verification`.
    /// Any failure before that is known is reported as [`WebhookError::MissingSignature`], so
    /// an unsigned request cannot be used to probe the padding or the plaintext.
    fn accept_unsigned<E: EventPayload>(
        &self,
        key: &EncryptKey,
        encrypted: &RawValue,
    ) -> Result<Received<E>, WebhookError> {
        let plaintext =
            decrypt_field(key, encrypted).map_err(|_| WebhookError::MissingSignature)?;
        let inner = parse_wire(&plaintext).map_err(|_| WebhookError::MissingSignature)?;
        match inner.classify() {
            Ok(parsed @ Parsed::UrlVerification { .. }) => self.accept(parsed),
            _ => Err(WebhookError::MissingSignature),
        }
    }

    fn accept<E: EventPayload>(&self, parsed: Parsed<'_>) -> Result<Received<E>, WebhookError> {
        match parsed {
            Parsed::UrlVerification { challenge, token } => {
                self.check_token(token)?;
                Ok(Received::UrlVerification { challenge })
            }
            Parsed::Event {
                envelope,
                event_type,
                token,
                event,
            } => {
                self.check_token(token)?;
                let event = E::decode(&event_type, event)
                    .map_err(|error| WebhookError::Payload(error.to_string()))?;
                Ok(Received::Event(Delivery {
                    envelope,
                    event_type,
                    event,
                }))
            }
        }
    }

    /// With a configured token, the request's must equal it (constant time). Without one an
    /// encrypt key is set (the constructors ensure it) and the signature has authenticated.
    fn check_token(&self, received: Option<&RawValue>) -> Result<(), WebhookError> {
        let Some(expected) = &self.verification_token else {
            return Ok(());
        };
        let received = received.ok_or(WebhookError::MissingToken)?;
        let received = string(received).ok_or(WebhookError::TokenMismatch)?;
        if bool::from(received.as_bytes().ct_eq(expected.expose().as_bytes())) {
            Ok(())
        } else {
            Err(WebhookError::TokenMismatch)
        }
    }
}

fn decrypt_field(key: &EncryptKey, encrypted: &RawValue) -> Result<Vec<u8>, WebhookError> {
    let text = string(encrypted).ok_or(WebhookError::BadBase64)?;
    cipher::decrypt(&key.aes_key, &text)
}

/// Rejects a timestamp (whole seconds since the epoch) further than `window` from `now`.
fn check_window(timestamp: &[u8], now: SystemTime, window: Duration) -> Result<(), WebhookError> {
    let sent = parse_seconds(timestamp).ok_or(WebhookError::InvalidTimestamp)?;
    let now = match now.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::from(after.as_secs()),
        Err(before) => -i128::from(before.duration().as_secs()),
    };
    let age = now - i128::from(sent);
    if age.unsigned_abs() > u128::from(window.as_secs()) {
        return Err(WebhookError::StaleTimestamp {
            age_seconds: i64::try_from(age).unwrap_or(if age < 0 { i64::MIN } else { i64::MAX }),
            window_seconds: window.as_secs(),
        });
    }
    Ok(())
}

/// ASCII digits only (no sign, no fraction), at most 19 of them.
fn parse_seconds(text: &[u8]) -> Option<u64> {
    if text.is_empty() || text.len() > 19 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    text.iter().try_fold(0u64, |n, d| {
        n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })
}
