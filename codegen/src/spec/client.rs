//! The `client:` section of a spec: what the async client needs to know of a vendor beyond its
//! endpoints — the platform-wide codes and headers for rate limits and invalid tokens, and
//! which call issues the access token.

use super::Spanned as S;
use schemars::JsonSchema;
use serde::Deserialize;

/// Platform codes and the token call.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientSpec {
    /// Where the codes and headers come from, as the pages put it.
    pub doc: S<String>,
    /// Source keys of the pages that state them.
    pub sources: Vec<S<String>>,
    /// Codes meaning "too many requests": the call was refused unprocessed.
    #[serde(default)]
    pub rate_limited: Vec<S<i64>>,
    /// Codes meaning "a transient server error, try again later" (the call may have run).
    #[serde(default)]
    pub try_again_later: Vec<S<i64>>,
    /// Codes meaning the access token is invalid or expired.
    #[serde(default)]
    pub token_invalid: Vec<S<i64>>,
    /// Response headers giving the seconds until a rate limit resets, first preferred.
    #[serde(default)]
    pub reset_headers: Vec<S<String>>,
    /// The call that issues access tokens, where the vendor has one.
    #[serde(default)]
    pub token: Option<TokenSpec>,
}

/// The token call and where its answer holds the token.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenSpec {
    /// The endpoint (`common: false`) whose body carries the app's credentials.
    pub endpoint: S<String>,
    /// The named object type the whole answer decodes as, when the token is not in the payload
    /// (Feishu's sits beside `code`); without it, the endpoint's `response:` under an inline
    /// envelope.
    #[serde(default)]
    pub answer: Option<S<String>>,
    /// Wire name of the token field (a string).
    pub token: S<String>,
    /// Wire name of the field with the token's lifetime in seconds (an integer).
    pub expires_in: S<String>,
    /// Wire name of the `common:` header the token goes in (a secret string; its `prefix`
    /// constraint, such as `Bearer `, is put before the token).
    pub header: S<String>,
}
