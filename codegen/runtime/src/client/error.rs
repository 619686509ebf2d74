//! What a call through the [`Client`](super::Client) can fail with.

use super::token::TokenError;
use super::transport::TransportError;
use crate::http::BuildError;
use crate::response::{ApiError, VendorErrorInfo};
use std::error::Error;
use std::fmt;
use std::time::Duration;

/// Why a call yielded no payload (after any retries).
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError<E> {
    /// The request could not be turned into HTTP.
    Build(BuildError),
    /// No HTTP response (connection refused or lost, timeout).
    Transport(TransportError),
    /// The vendor answered, but not with a payload.
    Api {
        /// HTTP status of the answer.
        status: u16,
        /// How long the vendor asked to wait (its rate-limit reset header), if it did.
        retry_after: Option<Duration>,
        /// The vendor's typed error, or why the body did not decode.
        error: ApiError<E>,
    },
    /// No token could be had for the call.
    Token(TokenError),
    /// A retry of a call with an idempotency key failed after an earlier attempt may have been
    /// acted on (its answer was lost, it timed out, or the vendor said "try again later"), so
    /// the vendor may hold the result under `idempotency_key`: Feishu answers a repeated
    /// create `uuid` with 60012, and its `instance_get` takes the uuid in place of the code.
    /// The client cannot make the lost answer up, so it names the key to look the result up by.
    Unconfirmed {
        /// The key every attempt carried (generated when the caller set none).
        idempotency_key: String,
        /// The last attempt's error.
        error: Box<ClientError<E>>,
    },
}

impl<E> ClientError<E> {
    /// The vendor's typed error, if that is what this is.
    pub fn vendor(&self) -> Option<&E> {
        match self {
            Self::Api { error, .. } => error.vendor(),
            Self::Unconfirmed { error, .. } => error.vendor(),
            Self::Build(_) | Self::Transport(_) | Self::Token(_) => None,
        }
    }
}

impl<E: VendorErrorInfo> ClientError<E> {
    /// A one-line description fit for logs: the kind and the vendor's code, no body or header.
    pub(crate) fn summary(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Build(_) => f.write_str("request not built"),
            Self::Transport(error) => write!(f, "transport {:?}", error.kind()),
            Self::Api {
                status,
                error: ApiError::Vendor(vendor),
                ..
            } => write!(f, "HTTP {status}, vendor code {}", vendor.code()),
            Self::Api { status, .. } => write!(f, "HTTP {status}, not a payload"),
            Self::Token(_) => f.write_str("no token"),
            Self::Unconfirmed { error, .. } => {
                f.write_str("unconfirmed after a lost attempt: ")?;
                error.summary(f)
            }
        }
    }
}

impl<E: fmt::Debug + VendorErrorInfo> fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Build(error) => write!(f, "{error}"),
            Self::Transport(error) => write!(f, "{error}"),
            Self::Api { error, .. } => write!(f, "{error}"),
            Self::Token(error) => write!(f, "{error}"),
            Self::Unconfirmed {
                idempotency_key,
                error,
            } => write!(
                f,
                "{error} (after an attempt that may have been acted on; look the result up by \
                 idempotency key {idempotency_key})"
            ),
        }
    }
}

impl<E: fmt::Debug + VendorErrorInfo + Error + 'static> Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Build(error) => Some(error),
            Self::Transport(error) => Some(error),
            Self::Api { error, .. } => Some(error),
            Self::Token(error) => Some(error),
            Self::Unconfirmed { error, .. } => Some(&**error),
        }
    }
}
