//! The server: binds 127.0.0.1:0 and serves HTTP/1.1 with hyper until shut down; each request
//! goes to `dispatch`.

use crate::config::MockConfig;
use crate::counters::{CounterCell, Counters};
use crate::dispatch::{Shared, State, serve};
use crate::events::Outbox;
use crate::faults::{FaultPlan, FaultRule, lock};
use crate::feishu::Lifecycle;
use crate::{auth::Tokens, fxiaoke, routes};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// A running mock vendor. Every vendor of the specs answers under [`MockVendor::base_url`]
/// at its endpoints' documented paths. Stops on [`MockVendor::shutdown`] or when dropped.
#[derive(Debug)]
pub struct MockVendor {
    address: SocketAddr,
    base_url: String,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    accepting: Option<JoinHandle<()>>,
}

impl MockVendor {
    /// Binds an ephemeral port on 127.0.0.1 and starts serving (on the current tokio runtime).
    ///
    /// # Errors
    ///
    /// When the port cannot be bound.
    pub async fn start(config: MockConfig) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let counters = Arc::new(CounterCell::default());
        let faults = FaultPlan::default();
        for rule in &config.faults {
            faults.arm(rule.clone());
        }
        let shared = Arc::new(Shared {
            routes: routes::all(),
            faults,
            outbox: Outbox::start(config.webhook.clone(), Arc::clone(&counters)),
            counters,
            state: Mutex::new(State {
                feishu_tokens: Tokens::default(),
                fxiaoke_tokens: Tokens::default(),
                lifecycle: Lifecycle::default(),
                fxiaoke_records: fxiaoke::records(config.fxiaoke_records),
            }),
            config,
        });
        let (stop, stopped) = watch::channel(false);
        let accepting = tokio::spawn(accept(listener, Arc::clone(&shared), stopped));
        Ok(Self {
            address,
            base_url: format!("http://{address}"),
            shared,
            stop,
            accepting: Some(accepting),
        })
    }

    /// `http://127.0.0.1:PORT`, the base URL for every vendor (in place of `feishu::BASE_URL`,
    /// `fxiaoke_crm::base_url(..)`, …).
    #[must_use]
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The address the mock listens on.
    #[must_use]
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// What has been served so far.
    #[must_use]
    pub fn counters(&self) -> Counters {
        self.shared.counters.snapshot()
    }

    /// Arms a fault for the next matching requests.
    pub fn inject(&self, rule: FaultRule) {
        self.shared.faults.arm(rule);
    }

    /// Disarms every fault not yet applied.
    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }

    /// Every token issued so far (Feishu and Fxiaoke) expires now: requests carrying one are
    /// refused as expired until a new token is fetched.
    pub fn expire_tokens(&self) {
        let now = Instant::now();
        let mut state = lock(&self.shared.state);
        state.feishu_tokens.expire_all(now);
        state.fxiaoke_tokens.expire_all(now);
    }

    /// Stops accepting, finishes the answers in flight and waits for the listener to close.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(accepting) = self.accepting.take() {
            let _ = accepting.await;
        }
    }
}

impl Drop for MockVendor {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(accepting) = self.accepting.take() {
            accepting.abort();
        }
    }
}

async fn accept(listener: TcpListener, shared: Arc<Shared>, mut stopped: watch::Receiver<bool>) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
            _ = stopped.changed() => return,
        };
        let shared = Arc::clone(&shared);
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| serve(Arc::clone(&shared), request));
            let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stopped.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
}
