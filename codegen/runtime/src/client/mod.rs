//! An async client (cargo feature `client`): one [`Client`] per vendor configuration sends
//! generated requests and returns their typed payloads, with retries that honour rate limits,
//! cached and refreshed tokens, and pages as a [`Stream`](futures_core::Stream).
//!
//! Everything goes through a [`Transport`], reqwest by default, so tests can answer from
//! memory. The vendor-specific parts are values the caller passes: the base URL, the
//! [`Credentials`] (a [`TokenIssuer`] built from the generated token endpoint, or static ones)
//! and the [`VendorCodes`] that mean "rate limited" or "token invalid".

mod error;
mod network;
mod pages;
mod retry;
mod token;
mod transport;

#[cfg(test)]
mod tests;

pub use error::ClientError;
pub use network::Network;
pub use pages::Pages;
pub use retry::{Decision, RetryPolicy, VendorCodes, classify, stated_wait};
pub use token::{
    Authorized, CachedToken, Credentials, EndpointIssuer, IssuedToken, MemoryTokenCache,
    StaticCredentials, TokenCache, TokenCredentials, TokenError, TokenIssuer,
};
pub use transport::{BoxFuture, ReqwestTransport, Transport, TransportError, TransportErrorKind};

use crate::endpoint::{Context, Endpoint, Method};
use crate::http::{from_http_response, to_http_request};
use crate::pagination::Paged;
use crate::response::VendorErrorInfo;
use crate::secret::Secret;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

/// Whether a call may be sent again after a failure that may have reached the vendor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Repeat {
    /// As the endpoint's metadata says: `GET`, or a write with an idempotency key.
    #[default]
    FromMetadata,
    /// The caller knows it is safe (a search sent as `POST`, say).
    Safe,
    /// Never after it may have been acted on (rate-limit refusals and token refreshes are
    /// still retried: the vendor did not act on those).
    Unsafe,
}

impl Repeat {
    fn allows<E: Endpoint>(self) -> bool {
        match self {
            Self::FromMetadata => {
                E::METADATA.method == Method::Get || E::METADATA.idempotency_key.is_some()
            }
            Self::Safe => true,
            Self::Unsafe => false,
        }
    }
}

/// One vendor configuration: where to send, with which credentials, how patiently.
pub struct Client<C> {
    network: Network,
    credentials: Arc<dyn Credentials<C>>,
    retry: RetryPolicy,
    codes: VendorCodes,
}

impl<C> Clone for Client<C> {
    fn clone(&self) -> Self {
        Self {
            network: self.network.clone(),
            credentials: Arc::clone(&self.credentials),
            retry: self.retry,
            codes: self.codes,
        }
    }
}

impl<C> fmt::Debug for Client<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("network", &self.network)
            .field("retry", &self.retry)
            .field("codes", &self.codes)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`].
pub struct ClientBuilder<C> {
    base_url: String,
    credentials: Arc<dyn Credentials<C>>,
    transport: Option<Arc<dyn Transport>>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    codes: VendorCodes,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl<C> ClientBuilder<C> {
    /// Sends through `transport` instead of a new [`ReqwestTransport`].
    #[must_use]
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Bounds each attempt (default 30 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Bounds each connection attempt of the default transport (default 10 s).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Retries by `policy` (default [`RetryPolicy::default`]).
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Reads the vendor's platform codes with `codes` (default [`VendorCodes::NONE`]).
    #[must_use]
    pub fn codes(mut self, codes: VendorCodes) -> Self {
        self.codes = codes;
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// When the default transport cannot be set up.
    pub fn build(self) -> Result<Client<C>, TransportError> {
        let transport = match self.transport {
            Some(transport) => transport,
            None => Arc::new(ReqwestTransport::new(self.connect_timeout)?),
        };
        Ok(Client {
            network: Network::new(transport, self.base_url, self.timeout),
            credentials: self.credentials,
            retry: self.retry,
            codes: self.codes,
        })
    }
}

/// Credentials for calls that carry no context (the token call itself).
struct NoContext;

impl Credentials<()> for NoContext {
    fn authorize<'a>(
        &'a self,
        _: &'a Network,
        _: Option<&'a Secret<String>>,
    ) -> BoxFuture<'a, Result<Authorized<()>, TokenError>> {
        Box::pin(async {
            Ok(Authorized {
                context: (),
                token: None,
            })
        })
    }
}

impl<C: Context + Send + 'static> Client<C> {
    /// A client for the vendor at `base_url` (its `BASE_URL`, or `base_url(..)` for templated
    /// hosts), authorizing each call with `credentials`.
    pub fn builder(
        base_url: impl Into<String>,
        credentials: impl Credentials<C> + 'static,
    ) -> ClientBuilder<C> {
        ClientBuilder {
            base_url: base_url.into(),
            credentials: Arc::new(credentials),
            transport: None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            codes: VendorCodes::NONE,
        }
    }

    /// The network this client sends through.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Sends `request` and returns its payload, retrying as [`Repeat::FromMetadata`] allows.
    /// A write with an idempotency key that has none gets a new one first, kept for every
    /// attempt, so a retried create makes one instance.
    ///
    /// # Errors
    ///
    /// The last attempt's [`ClientError`].
    pub async fn send<E>(&self, request: E) -> Result<E::Response, ClientError<E::Error>>
    where
        E: Endpoint<Context = C> + Send + Sync,
        E::Error: VendorErrorInfo,
    {
        self.send_with(request, Repeat::FromMetadata).await
    }

    /// [`Self::send`] with the caller's word on whether the call may be repeated.
    ///
    /// # Errors
    ///
    /// The last attempt's [`ClientError`].
    pub async fn send_with<E>(
        &self,
        request: E,
        repeat: Repeat,
    ) -> Result<E::Response, ClientError<E::Error>>
    where
        E: Endpoint<Context = C> + Send + Sync,
        E::Error: VendorErrorInfo,
    {
        self.execute(request, repeat, &*self.credentials).await
    }

    /// Sends a call that carries no context (the vendor's token call, say).
    ///
    /// # Errors
    ///
    /// The last attempt's [`ClientError`].
    pub async fn send_without_context<E>(
        &self,
        request: E,
    ) -> Result<E::Response, ClientError<E::Error>>
    where
        E: Endpoint<Context = ()> + Send + Sync,
        E::Error: VendorErrorInfo,
    {
        self.execute(request, Repeat::FromMetadata, &NoContext)
            .await
    }

    /// Every page of `request`, from the one it asks for to the last (see
    /// [`advance`](crate::pagination::advance)), as a stream; an error ends it. Without a page
    /// size set or documented as the default, the largest the spec allows is asked for.
    pub fn pages<E>(&self, request: E) -> Pages<'_, E>
    where
        E: Paged<Context = C> + Clone + Send + Sync + 'static,
        E::Error: VendorErrorInfo + Send,
        E::Response: Send,
    {
        Pages::new(self, request)
    }

    async fn execute<E, K>(
        &self,
        mut request: E,
        repeat: Repeat,
        credentials: &dyn Credentials<K>,
    ) -> Result<E::Response, ClientError<E::Error>>
    where
        E: Endpoint<Context = K> + Send + Sync,
        E::Error: VendorErrorInfo,
        K: Context + Send,
    {
        let metadata = E::METADATA;
        if let Some(key) = request.idempotency_key_mut()
            && key.is_none()
        {
            *key = Some(uuid::Uuid::new_v4().to_string());
        }
        let key = request.idempotency_key_mut().and_then(|key| key.clone());
        let repeatable = repeat.allows::<E>();
        let span = tracing::info_span!(
            "approval_api.call",
            vendor = metadata.vendor,
            endpoint = metadata.name,
        );
        async {
            let mut attempt = 0u32;
            let mut retries = 0u32;
            let mut waited = Duration::ZERO;
            let mut refreshed = false;
            let mut rejected: Option<Secret<String>> = None;
            // An earlier attempt may have been acted on: its answer was lost, or "later".
            let mut maybe_acted = false;
            loop {
                attempt += 1;
                let attempt_span =
                    tracing::info_span!("attempt", attempt, status = tracing::field::Empty);
                let outcome = self
                    .attempt(&request, credentials, rejected.take())
                    .instrument(attempt_span)
                    .await;
                let (error, token) = match outcome {
                    Ok(response) => return Ok(response),
                    Err(failed) => failed,
                };
                match classify(&error, &self.codes) {
                    Decision::Fail => {
                        return Err(match &key {
                            Some(key) if maybe_acted => ClientError::Unconfirmed {
                                idempotency_key: key.clone(),
                                error: Box::new(error),
                            },
                            _ => error,
                        });
                    }
                    Decision::RefreshToken => {
                        if refreshed || token.is_none() {
                            return Err(error);
                        }
                        tracing::info!(attempt, "the vendor refused the token; refreshing it");
                        refreshed = true;
                        rejected = token;
                    }
                    Decision::Retry {
                        after,
                        only_if_idempotent,
                    } => {
                        retries += 1;
                        if (only_if_idempotent && !repeatable) || retries >= self.retry.max_attempts
                        {
                            return Err(error);
                        }
                        maybe_acted |= only_if_idempotent;
                        let delay = self.retry.delay(retries, after, fastrand::f64());
                        if waited + delay > self.retry.budget {
                            return Err(error);
                        }
                        waited += delay;
                        tracing::info!(attempt, ?delay, error = %Shown(&error), "retrying");
                        tokio::time::sleep(delay).await;
                    }
                }
            }
        }
        .instrument(span)
        .await
    }

    async fn attempt<E, K>(
        &self,
        request: &E,
        credentials: &dyn Credentials<K>,
        rejected: Option<Secret<String>>,
    ) -> Result<E::Response, (ClientError<E::Error>, Option<Secret<String>>)>
    where
        E: Endpoint<Context = K>,
        K: Context,
    {
        let authorized = credentials
            .authorize(&self.network, rejected.as_ref())
            .await
            .map_err(|error| (ClientError::Token(error), None))?;
        let http_request = to_http_request(request, self.network.base_url(), &authorized.context)
            .map_err(|error| (ClientError::Build(error), None))?;
        let response = self
            .network
            .send(http_request)
            .await
            .map_err(|error| (ClientError::Transport(error), None))?;
        let status = response.status().as_u16();
        tracing::Span::current().record("status", status);
        from_http_response::<E, _>(&response).map_err(|error| {
            let retry_after = stated_wait(response.headers(), self.codes.reset_headers);
            (
                ClientError::Api {
                    status,
                    retry_after,
                    error,
                },
                authorized.token,
            )
        })
    }
}

/// An error for a log line: its kind and code, never a body excerpt or a header.
struct Shown<'a, E>(&'a ClientError<E>);

impl<E: VendorErrorInfo> fmt::Display for Shown<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.summary(f)
    }
}
