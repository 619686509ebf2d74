//! Fault injection: answers a real vendor gives under load or on a bad day, armed per test.

use std::sync::Mutex;
use std::time::Duration;

/// Something going wrong with one request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// HTTP 429 with Feishu's frequency-limit code 99991400 and `x-ogw-ratelimit-reset` (whole
    /// seconds until the limit resets) and `x-ogw-ratelimit-limit` headers.
    RateLimited {
        /// The value of `x-ogw-ratelimit-reset`.
        reset: Duration,
    },
    /// Feishu's documented 1395001 "There have been some errors. Please try again later".
    TryAgainLater,
    /// The connection is closed without an answer (nothing the request asked is done).
    DropConnection,
    /// The request is carried out, then the connection is closed without the answer (a
    /// retried create then meets its own instance: 60012 for the same `uuid`).
    DropAnswer,
    /// The request is answered normally, after this delay.
    Slow(Duration),
    /// The request is refused as if its token had expired (Feishu 99991663, Fxiaoke 20016),
    /// whatever token it carries.
    ExpiredToken,
}

/// A fault and the requests it applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultRule {
    pub(crate) fault: Fault,
    pub(crate) endpoint: Option<String>,
    pub(crate) times: usize,
}

impl FaultRule {
    /// `fault` on the next request to any endpoint, once.
    #[must_use]
    pub fn new(fault: Fault) -> Self {
        Self {
            fault,
            endpoint: None,
            times: 1,
        }
    }

    /// Only requests to this endpoint: its `METADATA` name (`instance_create`, any vendor) or
    /// `vendor/name` (`feishu/instance_create`); the token calls are endpoints too.
    #[must_use]
    pub fn on(mut self, endpoint: &str) -> Self {
        self.endpoint = Some(endpoint.to_owned());
        self
    }

    /// The next `times` matching requests.
    #[must_use]
    pub fn times(mut self, times: usize) -> Self {
        self.times = times;
        self
    }
}

/// The armed rules, consumed in the order they were armed.
#[derive(Debug, Default)]
pub(crate) struct FaultPlan {
    rules: Mutex<Vec<FaultRule>>,
}

impl FaultPlan {
    pub(crate) fn arm(&self, rule: FaultRule) {
        if rule.times > 0 {
            lock(&self.rules).push(rule);
        }
    }

    /// The fault for a request to `vendor`'s endpoint `name`, if one is armed; uses it up.
    pub(crate) fn take(&self, vendor: &str, name: &str) -> Option<Fault> {
        let mut rules = lock(&self.rules);
        let index = rules.iter().position(|rule| {
            rule.endpoint.as_deref().is_none_or(|wanted| {
                wanted == name || wanted.split_once('/') == Some((vendor, name))
            })
        })?;
        let rule = &mut rules[index];
        let fault = rule.fault.clone();
        rule.times -= 1;
        if rule.times == 0 {
            rules.remove(index);
        }
        Some(fault)
    }

    pub(crate) fn clear(&self) {
        lock(&self.rules).clear();
    }
}

/// Locks, ignoring poisoning: a panicking test thread must not hide the state from others.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
