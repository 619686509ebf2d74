//! Why a webhook request was rejected: one variant per check, none carrying a secret.

use std::fmt;

/// A rejected webhook request. The variant names the check that failed; no variant holds the
/// encrypt key, the verification token, a received token or decrypted text, so `Debug` and
/// `Display` are safe to log.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The body is empty.
    EmptyBody,
    /// The body is not a JSON object (`line`, `column` locate the problem).
    NotJson {
        /// 1-based line of the first problem, 0 when the body is not an object at all.
        line: usize,
        /// 1-based column of the first problem.
        column: usize,
    },
    /// An encrypt key is configured but the body has no `encrypt` field: Feishu encrypts every
    /// request once a key is set, so a plain body did not come from it.
    NotEncrypted,
    /// The body is encrypted (`{"encrypt": …}`) but no encrypt key is configured.
    EncryptedWithoutKey,
    /// A request header needed for the signature check is absent (the header's name).
    MissingHeader(&'static str),
    /// `X-Lark-Signature` is absent on an encrypted request that is not `url_verification`.
    /// A request without signature headers is only ever accepted as `url_verification`; every
    /// other outcome, including a failed decryption, is reported as this one variant so that
    /// an unsigned request reveals nothing about the ciphertext (no padding oracle).
    MissingSignature,
    /// `X-Lark-Signature` does not match SHA-256 of timestamp + nonce + key + raw body.
    SignatureMismatch,
    /// `X-Lark-Request-Timestamp` is not a whole number of seconds since the Unix epoch.
    InvalidTimestamp,
    /// `X-Lark-Request-Timestamp` lies outside the accepted window around the current time
    /// (a replayed or badly delayed request).
    StaleTimestamp {
        /// Seconds between the request's timestamp and the current time (negative: the future).
        age_seconds: i64,
        /// The accepted window, in seconds either side of the current time.
        window_seconds: u64,
    },
    /// The `encrypt` field is not a string, or not standard padded base64.
    BadBase64,
    /// The decoded ciphertext is shorter than a 16-byte IV plus one 16-byte block.
    CiphertextTooShort {
        /// Decoded length in bytes.
        len: usize,
    },
    /// The ciphertext after the IV is not a whole number of 16-byte blocks.
    CiphertextMisaligned {
        /// Decoded length in bytes, IV included.
        len: usize,
    },
    /// The decrypted data does not end in valid PKCS#7 padding (wrong key or corrupted data).
    BadPadding,
    /// The decrypted data is not a UTF-8 JSON object.
    DecryptedNotJson {
        /// 1-based line of the first problem, 0 when it is not an object at all.
        line: usize,
        /// 1-based column of the first problem.
        column: usize,
    },
    /// The verification token is required (configured, or no encrypt key is set) but the
    /// request carries none (`token` in v1 and `url_verification`, `header.token` in v2).
    MissingToken,
    /// The request's verification token differs from the configured one.
    TokenMismatch,
    /// The JSON is neither `url_verification`, a v1 envelope nor a v2 envelope, or lacks a
    /// field the intake needs (the field's path).
    BadEnvelope(&'static str),
    /// The event payload did not decode into the requested type. The message comes from the
    /// payload decoder and may quote event data, never credentials.
    Payload(String),
}

impl WebhookError {
    /// A suitable HTTP status for the rejection: 401 when a credential check failed, 400 when
    /// the request is malformed. Feishu retries any answer other than 200.
    pub fn http_status(&self) -> http::StatusCode {
        match self {
            Self::MissingSignature
            | Self::SignatureMismatch
            | Self::StaleTimestamp { .. }
            | Self::MissingToken
            | Self::TokenMismatch
            | Self::NotEncrypted
            | Self::EncryptedWithoutKey
            | Self::MissingHeader(_) => http::StatusCode::UNAUTHORIZED,
            _ => http::StatusCode::BAD_REQUEST,
        }
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyBody => f.write_str("body check failed: the body is empty"),
            Self::NotJson { line, column } => write!(
                f,
                "body check failed: not a JSON object (line {line}, column {column})"
            ),
            Self::NotEncrypted => f.write_str(
                "encryption check failed: an encrypt key is configured but the body is not encrypted",
            ),
            Self::EncryptedWithoutKey => f.write_str(
                "encryption check failed: the body is encrypted but no encrypt key is configured",
            ),
            Self::MissingHeader(name) => {
                write!(f, "signature check failed: header `{name}` is missing")
            }
            Self::MissingSignature => f.write_str(
                "signature check failed: `X-Lark-Signature` is missing and the request is not url_verification",
            ),
            Self::SignatureMismatch => {
                f.write_str("signature check failed: `X-Lark-Signature` does not match the body")
            }
            Self::InvalidTimestamp => f.write_str(
                "timestamp check failed: `X-Lark-Request-Timestamp` is not whole seconds since the epoch",
            ),
            Self::StaleTimestamp {
                age_seconds,
                window_seconds,
            } => write!(
                f,
                "timestamp check failed: the request is {age_seconds} s old, outside the ±{window_seconds} s window"
            ),
            Self::BadBase64 => {
                f.write_str("decryption failed: `encrypt` is not a standard base64 string")
            }
            Self::CiphertextTooShort { len } => write!(
                f,
                "decryption failed: {len} bytes is shorter than an IV and one AES block (32 bytes)"
            ),
            Self::CiphertextMisaligned { len } => write!(
                f,
                "decryption failed: {len} bytes is not a 16-byte IV plus whole 16-byte blocks"
            ),
            Self::BadPadding => f.write_str(
                "decryption failed: bad PKCS#7 padding (wrong encrypt key or corrupted data)",
            ),
            Self::DecryptedNotJson { line, column } => write!(
                f,
                "decryption failed: the plaintext is not a UTF-8 JSON object (line {line}, column {column})"
            ),
            Self::MissingToken => {
                f.write_str("verification token check failed: the request carries no token")
            }
            Self::TokenMismatch => f.write_str(
                "verification token check failed: the token differs from the configured one",
            ),
            Self::BadEnvelope(what) => write!(f, "envelope check failed: {what}"),
            Self::Payload(message) => write!(f, "event payload did not decode: {message}"),
        }
    }
}

impl std::error::Error for WebhookError {}
