//! What a test configures before starting the mock.

use crate::faults::FaultRule;
use std::time::Duration;

/// The mock's configuration: the credentials it accepts, where its events go, how many CRM
/// records it serves, and faults armed from the start.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct MockConfig {
    /// The Feishu custom app whose tenant access tokens the mock issues.
    pub feishu_app: AppCredentials,
    /// How long an issued tenant access token stays valid (the page: 2 hours).
    pub token_lifetime: Duration,
    /// With less than this left, the token call issues a new token (the page: 30 minutes);
    /// otherwise it returns the current one with its remaining lifetime.
    pub token_refresh_window: Duration,
    /// The Fxiaoke app whose `corpAccessToken` the mock issues (valid `token_lifetime`).
    pub fxiaoke_app: FxiaokeCredentials,
    /// Within this of its end a `corpAccessToken` is renewed (the page: the same token for the
    /// first 6600 of its 7200 seconds, then a new one).
    pub fxiaoke_refresh_window: Duration,
    /// Where Feishu approval events are posted; `None` sends none.
    pub webhook: Option<WebhookTarget>,
    /// Approval instances the Fxiaoke CRM list endpoint serves.
    pub fxiaoke_records: usize,
    /// Faults armed before the first request.
    pub faults: Vec<FaultRule>,
}

impl Default for MockConfig {
    fn default() -> Self {
        Self {
            feishu_app: AppCredentials {
                app_id: "cli_mock_app".into(),
                app_secret: "mock-app-secret".into(),
            },
            token_lifetime: Duration::from_secs(7200),
            token_refresh_window: Duration::from_secs(30 * 60),
            fxiaoke_app: FxiaokeCredentials {
                app_id: "FSAID_mock".into(),
                app_secret: "mock-fxiaoke-secret".into(),
                permanent_code: "mock-permanent-code".into(),
            },
            fxiaoke_refresh_window: Duration::from_secs(600),
            webhook: None,
            fxiaoke_records: 45,
            faults: Vec::new(),
        }
    }
}

impl MockConfig {
    /// Posts Feishu events to `target`.
    #[must_use]
    pub fn with_webhook(mut self, target: WebhookTarget) -> Self {
        self.webhook = Some(target);
        self
    }

    /// Tokens live `lifetime`; Feishu's are renewed within `refresh_window` of their end.
    #[must_use]
    pub fn with_token_lifetime(mut self, lifetime: Duration, refresh_window: Duration) -> Self {
        self.token_lifetime = lifetime;
        self.token_refresh_window = refresh_window;
        self
    }

    /// Serves `count` Fxiaoke CRM approval instances.
    #[must_use]
    pub fn with_fxiaoke_records(mut self, count: usize) -> Self {
        self.fxiaoke_records = count;
        self
    }

    /// Arms a fault from the start.
    #[must_use]
    pub fn with_fault(mut self, rule: FaultRule) -> Self {
        self.faults.push(rule);
        self
    }
}

/// A Feishu custom app's id and secret.
#[derive(Clone, Debug)]
pub struct AppCredentials {
    /// `app_id`.
    pub app_id: String,
    /// `app_secret`.
    pub app_secret: String,
}

/// The body fields of Fxiaoke's `corpAccessToken` call.
#[derive(Clone, Debug)]
pub struct FxiaokeCredentials {
    /// `appId`.
    pub app_id: String,
    /// `appSecret`.
    pub app_secret: String,
    /// `permanentCode`.
    pub permanent_code: String,
}

/// A Feishu event subscription: the request URL and the app's encrypt key and verification
/// token, as configured in the developer console.
#[derive(Clone, Debug)]
pub struct WebhookTarget {
    /// The URL events are posted to.
    pub url: String,
    /// The encrypt key: bodies are encrypted and signed with it.
    pub encrypt_key: String,
    /// The verification token put into every event envelope.
    pub verification_token: String,
}
