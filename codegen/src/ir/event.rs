//! Events a vendor pushes to an app, resolved: each with its variant name and payload type.

use super::{Docs, RustIdent};

/// The envelope an event comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeVersion {
    /// `ts`, `uuid`, `token`, `type`, `event`.
    V1,
    /// `schema`, `header`, `event`.
    V2,
}

impl EnvelopeVersion {
    /// As the spec writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1 => "v1",
            Self::V2 => "v2",
        }
    }
}

/// One event type.
#[derive(Debug, Clone)]
pub struct Event {
    /// The event type on the wire (`approval_instance`, `approval.approval.updated_v4`).
    pub name: String,
    /// Variant name in the vendor's `Event` enum.
    pub variant: RustIdent,
    /// Envelope version.
    pub envelope: EnvelopeVersion,
    /// The named object type of its `event` object.
    pub payload: RustIdent,
    /// Docs.
    pub docs: Docs,
}
