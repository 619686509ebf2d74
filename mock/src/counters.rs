//! What the mock has served, for tests to assert on.

use crate::faults::lock;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// A snapshot of the counters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counters {
    /// Token calls answered (Feishu `auth_tenant_access_token` and Fxiaoke
    /// `corp_access_token_get`), successful or not.
    pub token_requests: u64,
    /// Feishu approval instances actually created (a create refused or repeated is not one).
    pub instances_created: u64,
    /// Events the webhook accepted (answered 2xx).
    pub events_delivered: u64,
    /// Events the webhook refused or could not be reached for.
    pub events_failed: u64,
    /// Faults applied.
    pub faults_applied: u64,
    /// Requests received per endpoint, as `vendor/name` (`feishu/instance_create`), faulted
    /// ones included; requests no endpoint matches are counted under `"unrouted"`.
    pub requests: BTreeMap<String, u64>,
}

impl Counters {
    /// Requests received by one endpoint (`feishu/instance_create`).
    #[must_use]
    pub fn requests_to(&self, endpoint: &str) -> u64 {
        self.requests.get(endpoint).copied().unwrap_or(0)
    }
}

#[derive(Debug, Default)]
pub(crate) struct CounterCell(Mutex<Counters>);

impl CounterCell {
    pub(crate) fn update(&self, change: impl FnOnce(&mut Counters)) {
        change(&mut lock(&self.0));
    }

    pub(crate) fn request(&self, endpoint: &str) {
        self.update(|c| *c.requests.entry(endpoint.to_owned()).or_default() += 1);
    }

    pub(crate) fn snapshot(&self) -> Counters {
        lock(&self.0).clone()
    }
}
