//! Sans-IO intake for Feishu event webhooks (feature `webhook`).
//!
//! Give [`Intake::receive`] the request headers, the raw body bytes and the current time; it
//! answers `url_verification`, checks `X-Lark-Signature` over the raw body (constant time)
//! and the timestamp window, decrypts `{"encrypt": …}` (AES-256-CBC), checks the verification
//! token (constant time), reads the v1 or v2 envelope and decodes the `event` object with an
//! [`EventPayload`] ([`RawEvent`] keeps it as JSON). Every rejection is a [`WebhookError`]
//! naming the check; nothing panics. [`seal`] does the sending side for tests and mocks.
//!
//! Sources: `shared/vendor-docs/feishu/event-encrypt-key.txt` (signature and decryption),
//! `event-structure.txt` (envelopes), `event-send-notifications.txt` (`url_verification`,
//! encryption, the 3-second answer).

mod cipher;
mod envelope;
mod error;
mod intake;
mod payload;
mod seal;
mod signature;

pub use envelope::{Envelope, EnvelopeVersion};
pub use error::WebhookError;
pub use intake::{
    ACKNOWLEDGEMENT_BODY, DEFAULT_TIMESTAMP_WINDOW, Delivery, Intake, NONCE_HEADER,
    RESPONSE_CONTENT_TYPE, Received, SIGNATURE_HEADER, TIMESTAMP_HEADER,
};
pub use payload::{EventPayload, RawEvent};
pub use seal::{encrypted_body, seal};
pub use signature::sign;

/// Decrypts an `encrypt` value with an app's encrypt key (SHA-256 of it is the AES key; the
/// first 16 decoded bytes are the IV; PKCS#7 padding), without any other check.
pub fn decrypt(encrypt_key: &str, encrypted: &str) -> Result<Vec<u8>, WebhookError> {
    cipher::decrypt(&cipher::derive_key(encrypt_key), encrypted)
}
