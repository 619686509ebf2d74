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
}

impl<E> ClientError<E> {
    /// The vendor's typed error, if that is what this is.
    pub fn vendor(&self) -> Option<&E> {
        match self {
            Self::Api { error, .. } => error.vendor(),
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
        }
    }
}
