//! The receiving end of the mock's events, for tests and the example: a local listener that
//! opens each request with the runtime's `webhook::Intake`, as a real app's endpoint would.

use crate::faults::lock;
use approval_api_runtime::webhook::{Delivery, Intake, RESPONSE_CONTENT_TYPE, RawEvent, Received};
use http::{HeaderValue, header::CONTENT_TYPE};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// A webhook endpoint on 127.0.0.1: accepted events are queued for [`EventSink::next`],
/// refused requests are answered with the intake's status and counted.
#[derive(Debug)]
pub struct EventSink {
    url: String,
    events: mpsc::UnboundedReceiver<Delivery<RawEvent>>,
    refused: Arc<Mutex<Vec<String>>>,
    accepting: JoinHandle<()>,
}

impl EventSink {
    /// Binds an ephemeral port and receives with `intake`.
    ///
    /// # Errors
    ///
    /// When the port cannot be bound.
    pub async fn start(intake: Intake) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let url = format!("http://{}/feishu/events", listener.local_addr()?);
        let (queue, events) = mpsc::unbounded_channel();
        let refused = Arc::new(Mutex::new(Vec::new()));
        let intake = Arc::new(intake);
        let seen = Arc::clone(&refused);
        let accepting = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (intake, queue, refused) =
                    (Arc::clone(&intake), queue.clone(), Arc::clone(&seen));
                tokio::spawn(async move {
                    let service =
                        service_fn(move |request: http::Request<hyper::body::Incoming>| {
                            let (intake, queue, refused) =
                                (Arc::clone(&intake), queue.clone(), Arc::clone(&refused));
                            async move {
                                let (parts, body) = request.into_parts();
                                let body = body
                                    .collect()
                                    .await
                                    .map(|b| b.to_bytes())
                                    .unwrap_or_default();
                                let (status, answer) = match intake.receive::<RawEvent>(
                                    &parts.headers,
                                    &body,
                                    SystemTime::now(),
                                ) {
                                    Ok(received) => {
                                        let answer = received.response_body();
                                        if let Received::Event(delivery) = received {
                                            let _ = queue.send(delivery);
                                        }
                                        (http::StatusCode::OK, answer)
                                    }
                                    Err(rejected) => {
                                        lock(&refused).push(rejected.to_string());
                                        (rejected.http_status(), rejected.to_string().into_bytes())
                                    }
                                };
                                let mut response =
                                    http::Response::new(Full::new(Bytes::from(answer)));
                                *response.status_mut() = status;
                                response.headers_mut().insert(
                                    CONTENT_TYPE,
                                    HeaderValue::from_static(RESPONSE_CONTENT_TYPE),
                                );
                                Ok::<_, Infallible>(response)
                            }
                        });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Self {
            url,
            events,
            refused,
            accepting,
        })
    }

    /// The URL to configure as the webhook target.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The next accepted event, waiting at most `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<Delivery<RawEvent>> {
        tokio::time::timeout(wait, self.events.recv())
            .await
            .ok()
            .flatten()
    }

    /// Why each refused request was refused, in order.
    #[must_use]
    pub fn refused(&self) -> Vec<String> {
        lock(&self.refused).clone()
    }
}

impl Drop for EventSink {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}
