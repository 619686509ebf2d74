//! Where a client's exchanges go: the transport, the vendor's base URL and the per-attempt
//! timeout. Token providers send their token call through the same one.

use super::transport::{Transport, TransportError};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// A transport bound to a base URL, with a timeout on each exchange.
#[derive(Clone)]
pub struct Network {
    transport: Arc<dyn Transport>,
    base_url: String,
    timeout: Duration,
}

impl fmt::Debug for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Network")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Network {
    /// Exchanges over `transport` with `base_url`, each bounded by `timeout`.
    pub fn new(
        transport: Arc<dyn Transport>,
        base_url: impl Into<String>,
        timeout: Duration,
    ) -> Self {
        Self {
            transport,
            base_url: base_url.into(),
            timeout,
        }
    }

    /// The vendor's base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// One exchange, a timeout error if it takes longer than the timeout.
    ///
    /// # Errors
    ///
    /// The transport's error, or a timeout.
    pub async fn send(
        &self,
        request: ::http::Request<Vec<u8>>,
    ) -> Result<::http::Response<Vec<u8>>, TransportError> {
        match tokio::time::timeout(self.timeout, self.transport.send(request)).await {
            Ok(outcome) => outcome,
            Err(_) => Err(TransportError::timed_out(self.timeout)),
        }
    }
}
