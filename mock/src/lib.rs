//! A mock vendor for tests and examples: a real HTTP server on 127.0.0.1 that answers every
//! endpoint of every spec at its documented method and path, from the vendors' own page
//! examples (`tests/fixtures/`).
//!
//! - **Routing from the specs**: the generated crate's `visit_endpoints` gives each vendor's
//!   endpoints; each request body is decoded as the endpoint's generated body type and checked
//!   by its generated validation, and required query parameters must be present. A refused
//!   request gets the vendor's documented code (Feishu 1390001).
//! - **Authentication**: Feishu tenant access tokens issued by the mock's own token endpoint,
//!   Fxiaoke CRM `corpAccessToken`s likewise; a wrong or expired one gets the vendor's code
//!   (Feishu 99991663, Fxiaoke 20016).
//! - **State** for the Feishu lifecycle (create → `PENDING` with a task → approve / reject →
//!   `APPROVED` / `REJECTED`; cancel → `CANCELED`; comments; `uuid` idempotency; paged
//!   `instance_list`) and a paged Fxiaoke CRM instance list.
//! - **Events**: each Feishu state change is posted to the configured webhook as
//!   `approval_instance` / `approval_task` events, encrypted and signed as Feishu does.
//! - **Faults** per test ([`Fault`]) and [`Counters`].
//!
//! ```rust
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use approval_api_mock::{EventSink, Fault, FaultRule, MockConfig, MockVendor, WebhookTarget};
//! use approval_api_runtime::webhook::Intake;
//! use std::time::Duration;
//!
//! let mut sink = EventSink::start(Intake::with_encrypt_key("key").verification_token("vt")).await?;
//! let webhook = WebhookTarget {
//!     url: sink.url().to_owned(),
//!     encrypt_key: "key".into(),
//!     verification_token: "vt".into(),
//! };
//! let mock = MockVendor::start(MockConfig::default().with_webhook(webhook)).await?; // 127.0.0.1:0
//! let base_url = mock.base_url(); // instead of feishu::BASE_URL, fxiaoke_crm::base_url(..)
//! mock.inject(FaultRule::new(Fault::DropConnection).on("instance_create"));
//! # let _ = base_url;
//! // … requests to base_url with any HTTP client (mock/tests/support: reqwest + the http glue);
//! // events arrive at the sink as the Intake's Delivery<RawEvent>:
//! assert!(sink.next(Duration::from_millis(10)).await.is_none());
//! assert_eq!(mock.counters().instances_created, 0);
//! mock.shutdown().await; // or drop it
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod answer;
mod auth;
mod config;
mod counters;
mod dispatch;
mod events;
mod faults;
mod feishu;
mod fixtures;
mod fxiaoke;
mod routes;
mod server;
mod sink;

pub use config::{AppCredentials, FxiaokeCredentials, MockConfig, WebhookTarget};
pub use counters::Counters;
pub use dispatch::FXIAOKE_CORP_ID;
pub use faults::{Fault, FaultRule};
pub use server::MockVendor;
pub use sink::EventSink;

/// The page example the mock answers for an endpoint where it keeps no state (`vendor` and
/// `name` as in the endpoint's `METADATA`), `None` where no page shows one.
#[must_use]
pub fn example_response(vendor: &str, name: &str) -> Option<&'static str> {
    fixtures::response(vendor, name)
}
