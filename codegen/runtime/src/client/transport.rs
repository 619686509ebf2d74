//! The seam between the client and the network: one HTTP exchange, bytes in and bytes out.
//! The default is reqwest over rustls; tests pass a fake that answers from memory.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed, sendable future (the traits here are object-safe, so a client holds `dyn` ones).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request and returns the whole response. No retries, no decoding: the
/// [`Client`](super::Client) does those.
pub trait Transport: Send + Sync {
    /// Performs one exchange.
    fn send(
        &self,
        request: ::http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<::http::Response<Vec<u8>>, TransportError>>;
}

/// How an exchange failed, as far as retrying cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection was made, so nothing was sent.
    Connect,
    /// No complete answer in time; the request may or may not have been acted on.
    Timeout,
    /// Anything else (a connection dropped mid-exchange, a malformed answer).
    Other,
}

/// An exchange that yielded no HTTP response.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: Box<dyn Error + Send + Sync>,
}

impl TransportError {
    /// A failure of this kind, caused by `source` (its text must name no credential).
    pub fn new(kind: TransportErrorKind, source: impl Into<Box<dyn Error + Send + Sync>>) -> Self {
        Self {
            kind,
            source: source.into(),
        }
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The client's own per-attempt timeout ran out.
    pub(crate) fn timed_out(after: Duration) -> Self {
        Self::new(
            TransportErrorKind::Timeout,
            format!("no response within {after:?}"),
        )
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Other => "the exchange failed",
        };
        write!(f, "{kind}: {}", self.source)
    }
}

impl Error for TransportError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&*self.source)
    }
}

/// The default transport: a [`reqwest::Client`] (rustls, connection pooling).
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with its own connection pool; `connect_timeout` bounds each connection
    /// attempt (the client bounds whole attempts).
    ///
    /// # Errors
    ///
    /// When reqwest cannot set up its TLS backend.
    pub fn new(connect_timeout: Duration) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .build()
            .map_err(|error| TransportError::new(TransportErrorKind::Other, error))?;
        Ok(Self { client })
    }

    /// A transport over a reqwest client configured by the caller (proxy, pool, TLS roots).
    pub fn from_client(client: reqwest::Client) -> Self {
        Self { client }
    }
}

impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: ::http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<::http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request)
                .map_err(|error| TransportError::new(TransportErrorKind::Other, error))?;
            let response = self.client.execute(request).await.map_err(classify)?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(classify)?;
            let mut out = ::http::Response::new(body.to_vec());
            *out.status_mut() = status;
            *out.headers_mut() = headers;
            Ok(out)
        })
    }
}

/// reqwest's error as a [`TransportError`]. The URL is removed: the query of a vendor request
/// carries no secret (`to_http_request` refuses those), but logs need not hold it either.
fn classify(error: reqwest::Error) -> TransportError {
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, error.without_url())
}
