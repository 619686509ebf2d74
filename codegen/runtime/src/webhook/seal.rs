//! The sending side: encrypt and sign an event as Feishu does, for tests and mock vendors.

use super::cipher;
use super::intake::{NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use super::signature::sign;
use http::header::{CONTENT_TYPE, HeaderMap, HeaderValue, InvalidHeaderValue};

/// Encrypts `plaintext` (the JSON Feishu would send in the clear) with `encrypt_key` and the
/// given IV, and signs the resulting body with `timestamp` (seconds since the epoch) and
/// `nonce`. Returns the request headers (`X-Lark-Request-Timestamp`, `X-Lark-Request-Nonce`,
/// `X-Lark-Signature`, `Content-Type`) and the body `{"encrypt":"…"}`.
///
/// Fails only when `nonce` cannot be a header value. Use a fresh random IV per message
/// outside tests.
pub fn seal(
    plaintext: &[u8],
    encrypt_key: &str,
    timestamp: u64,
    nonce: &str,
    iv: [u8; 16],
) -> Result<(HeaderMap, Vec<u8>), InvalidHeaderValue> {
    let nonce = HeaderValue::from_str(nonce)?;
    let body = encrypted_body(plaintext, encrypt_key, iv);
    let timestamp = timestamp.to_string();
    let signature = sign(timestamp.as_bytes(), nonce.as_bytes(), encrypt_key, &body);
    let mut headers = HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(TIMESTAMP_HEADER, HeaderValue::from_str(&timestamp)?);
    headers.insert(NONCE_HEADER, nonce);
    headers.insert(SIGNATURE_HEADER, HeaderValue::from_str(&signature)?);
    Ok((headers, body))
}

/// The body `{"encrypt":"base64(iv + AES-256-CBC(plaintext))"}`, unsigned (Feishu's
/// encrypted `url_verification` is sent this way).
pub fn encrypted_body(plaintext: &[u8], encrypt_key: &str, iv: [u8; 16]) -> Vec<u8> {
    let encrypted = cipher::encrypt(&cipher::derive_key(encrypt_key), &iv, plaintext);
    let mut body = Vec::with_capacity(encrypted.len() + 14);
    body.extend_from_slice(b"{\"encrypt\":\"");
    body.extend_from_slice(encrypted.as_bytes());
    body.extend_from_slice(b"\"}");
    body
}
