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
    /// The body is not the JSON the spec describes.
    Decode(serde_json::Error),
    /// The body is JSON but neither a success nor an error envelope, e.g. an HTTP error page
    /// from a proxy; the status and body are kept for diagnosis.
    UnexpectedResponse {
        /// HTTP status code.
        status: u16,
        /// The body, lossily decoded as UTF-8 and cut to 512 bytes.
        body: String,
    },
}

impl<E> ApiError<E> {
    /// Builds [`ApiError::UnexpectedResponse`], keeping a bounded excerpt of the body.
    pub fn unexpected(status: u16, body: &[u8]) -> Self {
        const LIMIT: usize = 512;
        let cut = body.len().min(LIMIT);
        Self::UnexpectedResponse {
            status,
            body: String::from_utf8_lossy(&body[..cut]).into_owned(),
        }
    }

    /// The vendor's error, if that is what this is.
    pub fn vendor(&self) -> Option<&E> {
        match self {
            Self::Vendor(error) => Some(error),
            _ => None,
        }
    }
}

impl<E: fmt::Debug + VendorErrorInfo> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Vendor(error) => write!(f, "vendor error {}: {}", error.code(), error.message()),
            Self::Decode(error) => write!(f, "response body does not match the spec: {error}"),
            Self::UnexpectedResponse { status, .. } => {
                write!(
                    f,
                    "unexpected response (HTTP {status}) without a vendor envelope"
                )
            }
        }
    }
}

impl<E: fmt::Debug + VendorErrorInfo> std::error::Error for ApiError<E> {}

impl<E> From<serde_json::Error> for ApiError<E> {
    fn from(error: serde_json::Error) -> Self {
        Self::Decode(error)
    }
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
