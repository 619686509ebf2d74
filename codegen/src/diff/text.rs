//! How values are written in the report: as a reader of the spec would write them (`POST`,
//! `uuid_v4`, `(none)`), never as Rust's `Debug` of the model, so that the report and its
//! JSON keys stay stable when the Rust types are renamed.

use super::{Direction, Impact, Severity};
use crate::spec::{EnumRepr, EnvelopeStyle, HttpMethod, StringFormat, TypeKind};

/// What an absent optional value is shown as.
pub(crate) const NONE: &str = "(none)";

/// An optional value as text: the value, or [`NONE`].
pub(crate) fn optional<T: AsRef<str>>(value: Option<T>) -> String {
    value.map_or_else(|| NONE.to_owned(), |v| v.as_ref().to_owned())
}

/// `before → after`.
pub(crate) fn arrow(before: impl AsRef<str>, after: impl AsRef<str>) -> String {
    format!("{} → {}", before.as_ref(), after.as_ref())
}

/// A number as the spec writes it (`10`, not `10.0`).
pub(crate) fn number(value: f64) -> String {
    value.to_string()
}

pub(crate) fn method(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Put => "PUT",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Delete => "DELETE",
    }
}

pub(crate) fn kind(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Object => "object",
        TypeKind::Enum => "enum",
        TypeKind::Newtype => "newtype",
        TypeKind::Union => "union",
    }
}

pub(crate) fn repr(repr: EnumRepr) -> &'static str {
    match repr {
        EnumRepr::String => "string",
        EnumRepr::Integer => "integer",
    }
}

pub(crate) fn string_format(format: StringFormat) -> &'static str {
    match format {
        StringFormat::UuidV4 => "uuid_v4",
        StringFormat::Digits => "digits",
    }
}

pub(crate) fn envelope_style(style: EnvelopeStyle) -> &'static str {
    match style {
        EnvelopeStyle::Inline => "inline",
        EnvelopeStyle::Wrapped => "wrapped",
    }
}

impl Direction {
    /// Stable id, as in the JSON report.
    pub fn id(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Response => "response",
            Self::Both => "both",
            Self::Neither => "neither",
        }
    }
}

impl Impact {
    /// Stable id, as in the JSON report.
    pub fn id(self) -> &'static str {
        match self {
            Self::Breaking => "breaking",
            Self::Compatible => "compatible",
        }
    }
}

impl Severity {
    /// Stable id, as in both reports.
    pub fn id(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warn => "warn",
            Self::Info => "info",
        }
    }
}

/// The parts of a composite value that changed, `name: before → after`, joined with `; `.
/// Empty when nothing changed.
pub(crate) fn changed_parts(parts: &[(&str, String, String)]) -> String {
    parts
        .iter()
        .filter(|(_, before, after)| before != after)
        .map(|(name, before, after)| format!("{name}: {}", arrow(before, after)))
        .collect::<Vec<_>>()
        .join("; ")
}
