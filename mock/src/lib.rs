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
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use approval_api_mock::{Fault, FaultRule, MockConfig, MockVendor};
//! let mock = MockVendor::start(MockConfig::default()).await?;
//! mock.inject(FaultRule::new(Fault::DropConnection).on("instance_create"));
//! let base_url = mock.base_url(); // instead of approval_api::feishu::BASE_URL
//! # let _ = base_url;
//! mock.shutdown().await;
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod answer;
mod auth;
mod config;
mod counters;
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
pub use faults::{Fault, FaultRule};
pub use server::{FXIAOKE_CORP_ID, MockVendor};
pub use sink::EventSink;

/// The page example the mock answers for an endpoint where it keeps no state (`vendor` and
/// `name` as in the endpoint's `METADATA`), `None` where no page shows one.
#[must_use]
pub fn example_response(vendor: &str, name: &str) -> Option<&'static str> {
    fixtures::response(vendor, name)
}
