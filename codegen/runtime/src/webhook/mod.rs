//! Sans-IO intake for Feishu event webhooks (feature `webhook`).
//!
//! Give [`Intake::receive`] the request headers, the raw body bytes and the current time; it
//! answers `url_verification`, checks `X-Lark-Signature` over the raw body (constant time)
//! and the timestamp window, decrypts `{"encrypt": …}` (AES-256-CBC), checks the verification
//! token (constant time), reads the v1 or v2 envelope and decodes the `event` object with an
//! [`EventPayload`] ([`RawEvent`] keeps it as JSON; the generated crate's `feishu::Event`, with
//! its `webhook` feature, decodes it typed). Every rejection is a [`WebhookError`]
//! naming the check; nothing panics. [`seal`] does the sending side for tests and mocks.
//!
//! Sources: `shared/vendor-docs/feishu/event-encrypt-key.txt` (signature and decryption),
//! `event-structure.txt` (envelopes), `event-send-notifications.txt` (`url_verification`,
//! encryption, the 3-second answer).
//!
//! # Mounting it
//!
//! The intake takes `http` types and bytes, so any server fits: in axum take the `HeaderMap`
//! and `Bytes` extractors, in hyper collect the body first, then call a function like this one
//! (keep one `Intake` for the app, e.g. in shared state):
//!
//! ```rust
//! use approval_api_runtime::webhook::{Intake, RESPONSE_CONTENT_TYPE, RawEvent, Received};
//! use http::{HeaderValue, Request, Response, header::CONTENT_TYPE};
//!
//! fn feishu_events(intake: &Intake, request: Request<Vec<u8>>) -> Response<Vec<u8>> {
//!     let (parts, body) = request.into_parts();
//!     let now = std::time::SystemTime::now();
//!     let (status, answer) = match intake.receive::<RawEvent>(&parts.headers, &body, now) {
//!         Ok(received) => {
//!             if let Received::Event(delivery) = &received {
//!                 // Queue it under delivery.dedupe_key() and answer: Feishu waits 3 s at most.
//!                 println!("{} {}", delivery.event_type, delivery.dedupe_key());
//!             }
//!             (http::StatusCode::OK, received.response_body())
//!         }
//!         Err(rejected) => (rejected.http_status(), rejected.to_string().into_bytes()),
//!     };
//!     let mut response = Response::new(answer);
//!     *response.status_mut() = status;
//!     let json = HeaderValue::from_static(RESPONSE_CONTENT_TYPE);
//!     response.headers_mut().insert(CONTENT_TYPE, json);
//!     response
//! }
//! # let intake = Intake::with_encrypt_key("key").verification_token("tok");
//! # let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
//! # let event = br#"{"uuid":"u1","token":"tok","type":"event_callback","event":{"type":"approval_task"}}"#;
//! # let (headers, body) = approval_api_runtime::webhook::seal(event, "key", now, "n", [1; 16]).unwrap();
//! # let mut request = Request::new(body.clone());
//! # *request.headers_mut() = headers;
//! # let response = feishu_events(&intake, request);
//! # assert_eq!(response.status(), 200);
//! # assert_eq!(response.body(), b"{}");
//! # let response = feishu_events(&intake, Request::new(body));
//! # assert_eq!(response.status(), 401);
//! ```

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
