//! Access tokens: issued by a vendor's token call, kept in a [`TokenCache`], refreshed before
//! they expire and when the vendor refuses them, one refresh at a time.

use super::network::Network;
use super::transport::{BoxFuture, TransportError};
use crate::endpoint::Endpoint;
use crate::http::{BuildError, to_http_request};
use crate::response::{ApiError, VendorErrorInfo};
use crate::secret::Secret;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::error::Error;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

/// A token and when it stops being valid. Wall-clock time, so that processes sharing a cache
/// agree on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedToken {
    /// The token (redacted in `Debug`).
    pub token: Secret<String>,
    /// When the vendor stops accepting it.
    pub expires_at: SystemTime,
}

/// Where tokens are kept between calls, by key (app and tenant; never a secret). The default is
/// [`MemoryTokenCache`]; a deployment of many processes can keep them in a shared store (the
/// README sketches one on Redis).
pub trait TokenCache: Send + Sync {
    /// The token stored under `key`, if any (expired or not: the caller decides).
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<CachedToken>>;
    /// Stores `token` under `key`, replacing what was there.
    fn put<'a>(&'a self, key: &'a str, token: CachedToken) -> BoxFuture<'a, ()>;
}

/// Tokens in this process's memory.
#[derive(Debug, Default)]
pub struct MemoryTokenCache {
    tokens: Mutex<HashMap<String, CachedToken>>,
}

impl TokenCache for MemoryTokenCache {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<CachedToken>> {
        let found = self
            .tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned();
        Box::pin(async move { found })
    }

    fn put<'a>(&'a self, key: &'a str, token: CachedToken) -> BoxFuture<'a, ()> {
        self.tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key.to_owned(), token);
        Box::pin(async {})
    }
}

/// A token as the vendor's token call answered it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedToken {
    /// The token.
    pub token: Secret<String>,
    /// How long it stays valid from now.
    pub lifetime: Duration,
}

/// The vendor-specific part of getting a token: which call issues it and where the answer
/// holds it. [`EndpointIssuer`] builds one from a generated token endpoint.
pub trait TokenIssuer: Send + Sync {
    /// The cache key: names the app and tenant, never a secret.
    fn cache_key(&self) -> &str;
    /// The token call, sent to `base_url`.
    ///
    /// # Errors
    ///
    /// When the request cannot be built.
    fn request(&self, base_url: &str) -> Result<::http::Request<Vec<u8>>, BuildError>;
    /// The token and its lifetime from the token call's answer.
    ///
    /// # Errors
    ///
    /// When the vendor refused, or the answer holds no token.
    fn read(&self, response: &::http::Response<Vec<u8>>) -> Result<IssuedToken, TokenError>;
}

/// Takes the token and its lifetime in seconds out of a token answer.
type ReadToken<T> = dyn Fn(T) -> Option<(Secret<String>, i64)> + Send + Sync;

/// Turns a token into a vendor context.
type MakeContext<C> = dyn Fn(&Secret<String>) -> C + Send + Sync;

/// A [`TokenIssuer`] from a generated token endpoint `E` (a call without a context whose body
/// carries the app's credentials), the type `T` its whole body decodes as, and a function
/// taking the token and its lifetime in seconds out of a `T`.
///
/// Feishu: `E` = `feishu::auth_tenant_access_token::Request`, `T` =
/// `feishu::types::TenantAccessTokenResponse` (the token sits beside `code`, not under `data`),
/// `|r| Some((r.tenant_access_token?, r.expire?))`. Fxiaoke: `E` =
/// `fxiaoke_crm::corp_access_token_get::Request`, `T` = its `Response`,
/// `|r| Some((r.corp_access_token?, r.expires_in?))`.
pub struct EndpointIssuer<E, T> {
    /// The token call, with the app's credentials in its body.
    request: E,
    key: String,
    read: Box<ReadToken<T>>,
}

impl<E, T> EndpointIssuer<E, T> {
    /// An issuer sending `request`, caching under `key` (say `feishu:{app_id}`; never the
    /// secret).
    pub fn new(
        request: E,
        key: impl Into<String>,
        read: impl Fn(T) -> Option<(Secret<String>, i64)> + Send + Sync + 'static,
    ) -> Self {
        Self {
            request,
            key: key.into(),
            read: Box::new(read),
        }
    }
}

impl<E, T> fmt::Debug for EndpointIssuer<E, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The request holds the app secret: show the key only.
        f.debug_struct("EndpointIssuer")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl<E, T> TokenIssuer for EndpointIssuer<E, T>
where
    E: Endpoint<Context = ()> + Send + Sync,
    E::Error: VendorErrorInfo,
    T: DeserializeOwned,
{
    fn cache_key(&self) -> &str {
        &self.key
    }

    fn request(&self, base_url: &str) -> Result<::http::Request<Vec<u8>>, BuildError> {
        to_http_request(&self.request, base_url, &())
    }

    fn read(&self, response: &::http::Response<Vec<u8>>) -> Result<IssuedToken, TokenError> {
        let status = response.status().as_u16();
        let body = response.body();
        // The endpoint's own decoding reports the vendor's error codes.
        E::decode_response(status, body).map_err(|error| match error {
            ApiError::Vendor(vendor) => TokenError::Refused {
                status,
                code: Some(vendor.code()),
                message: vendor.message().to_owned(),
            },
            ApiError::Decode(error) => TokenError::Refused {
                status,
                code: None,
                message: error.to_string(),
            },
            ApiError::UnexpectedResponse { reason, .. } => TokenError::Refused {
                status,
                code: None,
                message: reason,
            },
        })?;
        let whole: T = serde_json::from_slice(body).map_err(|error| TokenError::Refused {
            status,
            code: None,
            message: format!("the token answer does not decode: {error}"),
        })?;
        let (token, seconds) = (self.read)(whole).ok_or(TokenError::Missing)?;
        let lifetime = u64::try_from(seconds).map_err(|_| TokenError::Missing)?;
        Ok(IssuedToken {
            token,
            lifetime: Duration::from_secs(lifetime),
        })
    }
}

/// Why no token could be had.
#[derive(Debug)]
#[non_exhaustive]
pub enum TokenError {
    /// The token call could not be built.
    Build(BuildError),
    /// The token call got no answer.
    Transport(TransportError),
    /// The vendor refused to issue a token (wrong app id or secret, say), or answered what is
    /// not a token answer. The message is the vendor's or the decoder's, never a credential.
    Refused {
        /// HTTP status.
        status: u16,
        /// The vendor's code, where it sent one.
        code: Option<i64>,
        /// What went wrong.
        message: String,
    },
    /// A success answer without a token or without a (non-negative) lifetime.
    Missing,
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Build(error) => write!(f, "the token call cannot be built: {error}"),
            Self::Transport(error) => write!(f, "the token call failed: {error}"),
            Self::Refused {
                status,
                code: Some(code),
                message,
            } => write!(f, "no token issued (HTTP {status}, code {code}): {message}"),
            Self::Refused {
                status,
                code: None,
                message,
            } => write!(f, "no token issued (HTTP {status}): {message}"),
            Self::Missing => f.write_str("the token answer holds no token or no lifetime"),
        }
    }
}

impl Error for TokenError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Build(error) => Some(error),
            Self::Transport(error) => Some(error),
            Self::Refused { .. } | Self::Missing => None,
        }
    }
}

/// The context for one attempt, with the token it carries (so a refusal can name it).
#[derive(Debug)]
pub struct Authorized<C> {
    /// The vendor context to send.
    pub context: C,
    /// The token inside it, when it came from a [`TokenCache`]; `None` for static credentials,
    /// which are never refreshed.
    pub token: Option<Secret<String>>,
}

/// Supplies the vendor context (its credentials) for each attempt of a call.
pub trait Credentials<C>: Send + Sync {
    /// The context to send. `rejected` is the token the vendor just refused, if it did: get
    /// another unless the cache already holds a different one.
    fn authorize<'a>(
        &'a self,
        network: &'a Network,
        rejected: Option<&'a Secret<String>>,
    ) -> BoxFuture<'a, Result<Authorized<C>, TokenError>>;
}

/// The same context for every call (a long-lived token, or none at all: `StaticCredentials(())`).
/// A context is cloned per attempt so that, for example, a fresh trace id can be set by a
/// [`TokenCredentials`]-style provider instead.
#[derive(Clone, Debug)]
pub struct StaticCredentials<C>(pub C);

impl<C: Clone + Send + Sync> Credentials<C> for StaticCredentials<C> {
    fn authorize<'a>(
        &'a self,
        _: &'a Network,
        _: Option<&'a Secret<String>>,
    ) -> BoxFuture<'a, Result<Authorized<C>, TokenError>> {
        let context = self.0.clone();
        Box::pin(async move {
            Ok(Authorized {
                context,
                token: None,
            })
        })
    }
}

/// Tokens from a [`TokenIssuer`], cached, refreshed `margin` before they expire and when
/// refused; concurrent calls that find no fresh token wait for one token call instead of each
/// making their own. `context` turns a token into the vendor's context (called per attempt,
/// so per-request values such as a trace id can be fresh).
pub struct TokenCredentials<C> {
    issuer: Box<dyn TokenIssuer>,
    cache: Arc<dyn TokenCache>,
    margin: Duration,
    context: Box<MakeContext<C>>,
    refreshing: tokio::sync::Mutex<()>,
}

impl<C> fmt::Debug for TokenCredentials<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCredentials")
            .field("key", &self.issuer.cache_key())
            .field("margin", &self.margin)
            .finish_non_exhaustive()
    }
}

impl<C> TokenCredentials<C> {
    /// Feishu's page: a tenant access token is valid for 2 hours, and with less than 30 minutes
    /// left the token call issues a new one (the old one stays valid). Refreshing 5 minutes
    /// ahead gets a new token while the old still works; a margin over 30 minutes would get
    /// the old token back and refresh on every call.
    pub const DEFAULT_MARGIN: Duration = Duration::from_secs(5 * 60);

    /// Tokens from `issuer`, in a [`MemoryTokenCache`], refreshed [`Self::DEFAULT_MARGIN`]
    /// ahead.
    pub fn new(
        issuer: impl TokenIssuer + 'static,
        context: impl Fn(&Secret<String>) -> C + Send + Sync + 'static,
    ) -> Self {
        Self {
            issuer: Box::new(issuer),
            cache: Arc::new(MemoryTokenCache::default()),
            margin: Self::DEFAULT_MARGIN,
            context: Box::new(context),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// Keeps tokens in `cache` (shared with other clients or processes).
    #[must_use]
    pub fn with_cache(mut self, cache: Arc<dyn TokenCache>) -> Self {
        self.cache = cache;
        self
    }

    /// Refreshes `margin` before expiry.
    #[must_use]
    pub fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The cached token if it is fresh and is not the one refused.
    async fn usable(&self, rejected: Option<&Secret<String>>) -> Option<Secret<String>> {
        let cached = self.cache.get(self.issuer.cache_key()).await?;
        let fresh = cached
            .expires_at
            .duration_since(SystemTime::now())
            .is_ok_and(|left| left > self.margin);
        let refused = rejected.is_some_and(|rejected| rejected == &cached.token);
        (fresh && !refused).then_some(cached.token)
    }

    async fn token(
        &self,
        network: &Network,
        rejected: Option<&Secret<String>>,
    ) -> Result<Secret<String>, TokenError> {
        if let Some(token) = self.usable(rejected).await {
            return Ok(token);
        }
        // One token call at a time; whoever waited finds the new token in the cache.
        let _guard = self.refreshing.lock().await;
        if let Some(token) = self.usable(rejected).await {
            return Ok(token);
        }
        let request = self
            .issuer
            .request(network.base_url())
            .map_err(TokenError::Build)?;
        tracing::debug!(key = self.issuer.cache_key(), "requesting an access token");
        let response = network.send(request).await.map_err(TokenError::Transport)?;
        let issued = self.issuer.read(&response)?;
        let cached = CachedToken {
            token: issued.token.clone(),
            expires_at: SystemTime::now() + issued.lifetime,
        };
        self.cache.put(self.issuer.cache_key(), cached).await;
        Ok(issued.token)
    }
}

impl<C: Send> Credentials<C> for TokenCredentials<C> {
    fn authorize<'a>(
        &'a self,
        network: &'a Network,
        rejected: Option<&'a Secret<String>>,
    ) -> BoxFuture<'a, Result<Authorized<C>, TokenError>> {
        Box::pin(async move {
            let token = self.token(network, rejected).await?;
            Ok(Authorized {
                context: (self.context)(&token),
                token: Some(token),
            })
        })
    }
}
