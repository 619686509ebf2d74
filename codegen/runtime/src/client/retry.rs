//! When a failed call is tried again, and after how long. [`classify`] is a pure function of
//! the typed error, so every rule here is tested without a network.

use super::ClientError;
use super::token::TokenError;
use super::transport::TransportErrorKind;
use crate::response::{ApiError, VendorErrorInfo};
use std::time::Duration;

/// A platform's codes and headers that say "later" or "new token", beyond what each endpoint
/// page lists. The generator emits one per vendor from its spec's `client:` section
/// (`feishu::client::CODES`, with the sources cited there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VendorCodes {
    /// Codes meaning "too many requests": the call was refused unprocessed.
    pub rate_limited: &'static [i64],
    /// Codes meaning "a transient server error, try again later" (the call may have run).
    pub try_again_later: &'static [i64],
    /// Codes meaning the access token is invalid or expired.
    pub token_invalid: &'static [i64],
    /// Response headers, lowercase, giving the seconds until the rate limit resets; the first
    /// present wins.
    pub reset_headers: &'static [&'static str],
}

impl VendorCodes {
    /// A vendor with no codes of its own: only HTTP statuses and `Retry-After` count.
    pub const NONE: Self = Self {
        rate_limited: &[],
        try_again_later: &[],
        token_invalid: &[],
        reset_headers: &["retry-after"],
    };
}

/// What to do about a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Give up and return the error.
    Fail,
    /// Get a new token and try once more (the vendor refused the call before acting on it).
    RefreshToken,
    /// Try again after a backoff, or after `after` when the vendor said how long.
    Retry {
        /// The vendor's stated wait (a rate-limit reset header).
        after: Option<Duration>,
        /// Whether the call may have been acted on, so that only calls safe to repeat (reads,
        /// writes with an idempotency key) are tried again.
        only_if_idempotent: bool,
    },
}

/// Whether and how to retry after `error`, by its kind alone.
///
/// - Connection refused or unreachable: nothing was sent, retry anything.
/// - A timeout or a connection lost mid-exchange: the vendor may have acted, retry only calls
///   safe to repeat.
/// - HTTP 429 or a rate-limit code: refused unprocessed, retry anything, after the reset
///   header's wait when there is one.
/// - HTTP 5xx or a "try again later" code: retry calls safe to repeat.
/// - A token-invalid code: refresh the token and retry once.
/// - The token call got no answer: retry any call (the call itself was not sent).
/// - Anything else (a request error the vendor documents, an undecodable body, a bad request
///   that could not be built, a token the vendor refused to issue): fail.
pub fn classify<E: VendorErrorInfo>(error: &ClientError<E>, codes: &VendorCodes) -> Decision {
    match error {
        // The call itself was not sent, and a token call may be repeated.
        ClientError::Token(TokenError::Transport(_)) => Decision::Retry {
            after: None,
            only_if_idempotent: false,
        },
        // Already the outcome of retries.
        ClientError::Build(_) | ClientError::Token(_) | ClientError::Unconfirmed { .. } => {
            Decision::Fail
        }
        ClientError::Transport(error) => Decision::Retry {
            after: None,
            only_if_idempotent: error.kind() != TransportErrorKind::Connect,
        },
        ClientError::Api {
            status,
            retry_after,
            error,
        } => {
            let code = match error {
                ApiError::Vendor(vendor) => Some(vendor.code()),
                ApiError::Decode(_) | ApiError::UnexpectedResponse { .. } => None,
            };
            let listed = |list: &[i64]| code.is_some_and(|code| list.contains(&code));
            if listed(codes.token_invalid) {
                Decision::RefreshToken
            } else if *status == 429 || listed(codes.rate_limited) {
                Decision::Retry {
                    after: *retry_after,
                    only_if_idempotent: false,
                }
            } else if (500..600).contains(status) || listed(codes.try_again_later) {
                Decision::Retry {
                    after: *retry_after,
                    only_if_idempotent: true,
                }
            } else {
                Decision::Fail
            }
        }
    }
}

/// How often and how long to wait between attempts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// Backoff before the first retry; doubled for each further one.
    pub initial_backoff: Duration,
    /// Longest backoff (a vendor's reset header may ask for longer, within the budget).
    pub max_backoff: Duration,
    /// Most time spent waiting between attempts of one call; a wait that would exceed it is
    /// not started and the error is returned instead.
    pub budget: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            budget: Duration::from_secs(90),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub const NEVER: Self = Self {
        max_attempts: 1,
        initial_backoff: Duration::ZERO,
        max_backoff: Duration::ZERO,
        budget: Duration::ZERO,
    };

    /// The wait before retry number `retry` (1 for the first), "equal jitter": half of the
    /// capped exponential delay, plus `unit` (in `[0, 1)`) times the other half, so concurrent
    /// clients spread out but never retry at once. A vendor's stated wait is honoured as is.
    pub fn delay(&self, retry: u32, stated: Option<Duration>, unit: f64) -> Duration {
        if let Some(stated) = stated {
            return stated;
        }
        let doubling = 2u32.saturating_pow(retry.saturating_sub(1));
        let capped = self
            .initial_backoff
            .saturating_mul(doubling)
            .min(self.max_backoff);
        let half = capped / 2;
        half + half.mul_f64(unit.clamp(0.0, 1.0))
    }
}

/// The wait a response asks for: the first of `names` present, as whole seconds (what Feishu's
/// `x-ogw-ratelimit-reset` and the delay form of `Retry-After` hold).
pub fn stated_wait(headers: &::http::HeaderMap, names: &[&str]) -> Option<Duration> {
    names.iter().find_map(|name| {
        let value = headers.get(*name)?.to_str().ok()?;
        value.trim().parse::<u64>().ok().map(Duration::from_secs)
    })
}
