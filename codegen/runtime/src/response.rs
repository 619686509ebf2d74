//! Errors from decoding a vendor response.

use std::fmt;

/// What a vendor error table entry offers, whatever the vendor.
pub trait VendorErrorInfo {
    /// The numeric code the vendor sent.
    fn code(&self) -> i64;
    /// The message text the vendor sent (for logs; branch on the code instead).
    fn message(&self) -> &str;
}

/// Why a response did not yield its payload.
#[derive(Debug)]
pub enum ApiError<E> {
    /// The vendor answered with an error code in its envelope.
    Vendor(E),
    /// A success envelope whose payload is not the JSON the spec describes; says where.
    Decode(DecodeError),
    /// Not a usable answer: not this vendor's envelope (an HTTP error page from a proxy, say),
    /// or a success envelope under a non-success HTTP status. The status, a bounded excerpt of
    /// the body and the reason are kept for diagnosis.
    UnexpectedResponse {
        /// HTTP status code.
        status: u16,
        /// The body, lossily decoded as UTF-8 and cut to 512 bytes.
        body: String,
        /// Why it was not accepted (the parser's message, or the status rule).
        reason: String,
    },
}

impl<E> ApiError<E> {
    /// Builds [`ApiError::UnexpectedResponse`], keeping a bounded excerpt of the body.
    pub fn unexpected(status: u16, body: &[u8], reason: impl fmt::Display) -> Self {
        const LIMIT: usize = 512;
        let mut cut = body.len().min(LIMIT);
        // Never split a UTF-8 sequence: back up to the start of the character.
        while cut < body.len() && cut > 0 && (body[cut] & 0xC0) == 0x80 {
            cut -= 1;
        }
        Self::UnexpectedResponse {
            status,
            body: String::from_utf8_lossy(&body[..cut]).into_owned(),
            reason: reason.to_string(),
        }
    }

    /// The vendor's error, if that is what this is.
    pub fn vendor(&self) -> Option<&E> {
        match self {
            Self::Vendor(error) => Some(error),
            Self::Decode(_) | Self::UnexpectedResponse { .. } => None,
        }
    }
}

impl<E: fmt::Debug + VendorErrorInfo> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Vendor(error) => write!(f, "vendor error {}: {}", error.code(), error.message()),
            Self::Decode(error) => write!(f, "response body does not match the spec: {error}"),
            Self::UnexpectedResponse { status, reason, .. } => {
                write!(f, "unexpected response (HTTP {status}): {reason}")
            }
        }
    }
}

impl<E: fmt::Debug + VendorErrorInfo + std::error::Error + 'static> std::error::Error
    for ApiError<E>
{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Vendor(error) => Some(error),
            Self::Decode(error) => Some(error),
            Self::UnexpectedResponse { .. } => None,
        }
    }
}

/// A payload that does not match its type: the JSON path of the value that failed
/// (`data.execution_details[3].approval_details[0].uid`) and the parser's error.
#[derive(Debug)]
pub struct DecodeError {
    path: String,
    source: serde_json::Error,
}

impl DecodeError {
    /// Parses `body` as `T` again, tracking the path, to say where the first attempt failed.
    /// Only called after a failure, so the success path pays nothing for path tracking.
    pub fn locate<T: serde::de::DeserializeOwned>(body: &[u8]) -> Self {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Err(error) => Self {
                path: error.path().to_string(),
                source: error.into_inner(),
            },
            // The first attempt failed, so this cannot succeed; say so rather than guess.
            Ok(_) => Self {
                path: String::new(),
                source: <serde_json::Error as serde::de::Error>::custom(
                    "the body failed to decode once and then decoded; it is not deterministic",
                ),
            },
        }
    }

    /// A failure at a known path (a payload that is absent but required).
    pub fn at(path: impl Into<String>, source: serde_json::Error) -> Self {
        Self {
            path: path.into(),
            source,
        }
    }

    /// The JSON path of the value that failed (`.` when it is the document itself).
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.source)
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// The body as text, checked for UTF-8 once, so the JSON parser need not check every string it
/// reads.
///
/// # Errors
/// [`ApiError::UnexpectedResponse`] when the body is not UTF-8 (no JSON is).
pub fn body_text<E>(http_status: u16, body: &[u8]) -> Result<&str, ApiError<E>> {
    std::str::from_utf8(body).map_err(|error| {
        ApiError::unexpected(http_status, body, format_args!("not UTF-8 text: {error}"))
    })
}

/// Whether an HTTP status means success (2xx). A success envelope under any other status is
/// not taken as a success.
pub fn is_success_status(status: u16) -> bool {
    (200..300).contains(&status)
}

/// The payload of an endpoint whose successful response carries nothing but the envelope.
/// It accepts (and ignores) any JSON object, so it also works flattened into an envelope.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct NoPayload {}

impl<'de> serde::Deserialize<'de> for NoPayload {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Drain;

        impl<'de> serde::de::Visitor<'de> for Drain {
            type Value = NoPayload;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<NoPayload, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(NoPayload {})
            }

            fn visit_unit<E>(self) -> Result<NoPayload, E> {
                Ok(NoPayload {})
            }
        }

        // `any`, not `map`: a success without a payload may leave it out, or send `null`.
        deserializer.deserialize_any(Drain)
    }
}
