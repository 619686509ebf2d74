//! The `events:` section: the events a vendor pushes to an app, each with its payload type.

use super::Spanned;
use schemars::JsonSchema;
use serde::Deserialize;

/// One event type the vendor delivers (Feishu's event subscriptions).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    /// The event type exactly as on the wire (v1 `event.type`, v2 `header.event_type`), such as
    /// `approval_instance` or `approval.approval.updated_v4`.
    pub name: Spanned<String>,
    /// UpperCamelCase variant name of the generated `Event` enum; derived from `name` when absent.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// The envelope the event comes in, as its page shows it: `v1` (`ts`, `uuid`, `token`,
    /// `type`, `event`) or `v2` (`schema`, `header`, `event`).
    #[schemars(extend("enum" = ["v1", "v2"]))]
    pub version: Spanned<String>,
    /// The named object type under `types:` that the envelope's `event` object decodes into.
    pub payload: Spanned<String>,
    /// Rustdoc text: when the vendor sends it.
    pub doc: Spanned<String>,
    /// Vendor behaviour a user should know about.
    #[serde(default)]
    pub quirk: Option<Spanned<String>>,
    /// Source key (the event's page).
    pub source: Spanned<String>,
}
