//! How values are written in the report: as a reader of the spec would write them (`POST`,
//! `uuid_v4`, `(none)`), never as Rust's `Debug` of the model, so that the report and its
//! JSON keys stay stable when the Rust types are renamed.

use super::{Direction, Impact, Severity};
use crate::spec::{
    EnumRepr, EnvelopeStyle, HttpMethod, InstantText, ObjectRule, Pagination, PaginationStyle,
    RateLimit, Spanned, StringFormat, TypeKind,
};

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

/// Field names as a list: `` `a`, `b` ``.
fn names(names: &[Spanned<String>]) -> String {
    names
        .iter()
        .map(|name| format!("`{}`", name.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A cross-field rule as a reader would state it: `` `from` ≤ `to` (at most 30 days) ``,
/// `` one of `a`, `b` ``.
pub(crate) fn object_rule(rule: &ObjectRule) -> String {
    if let Some(fields) = &rule.one_of {
        return format!("one of {}", names(fields));
    }
    if let Some(fields) = &rule.not_all_empty {
        return format!("not all empty: {}", names(fields));
    }
    if let Some(fields) = &rule.both_or_neither {
        return format!("both or neither: {}", names(fields));
    }
    let end = |end: &Option<Spanned<String>>| optional(end.as_ref().map(|e| e.value.as_str()));
    let mut out = format!("`{}` ≤ `{}`", end(&rule.start), end(&rule.end));
    if let Some(days) = &rule.max_days {
        out.push_str(&format!(" (at most {} days)", days.value));
    }
    if let Some(text) = &rule.text {
        out.push_str(match text.value {
            InstantText::EpochMs => ", strings of epoch milliseconds",
        });
    }
    out
}

/// A rate limit as the page states it: `100/min, 50/s`, or [`NONE`].
pub(crate) fn rate_limit(limit: Option<&RateLimit>) -> String {
    let parts: Vec<String> = limit
        .map(|limit| {
            [
                limit
                    .per_minute
                    .as_ref()
                    .map(|n| format!("{}/min", n.value)),
                limit.per_second.as_ref().map(|n| format!("{}/s", n.value)),
            ]
            .into_iter()
            .flatten()
            .collect()
        })
        .unwrap_or_default();
    if parts.is_empty() {
        NONE.to_owned()
    } else {
        parts.join(", ")
    }
}

/// Pagination as text: `cursor (request cursor: page_token, ...; response next_cursor: ...)`.
pub(crate) fn pagination(pagination: Option<&Pagination>) -> String {
    let Some(pagination) = pagination else {
        return NONE.to_owned();
    };
    let style = match pagination.style.value {
        PaginationStyle::Cursor => "cursor",
        PaginationStyle::PageNumber => "page_number",
    };
    let (request, response) = (&pagination.request, &pagination.response);
    let parts: Vec<String> = [
        ("cursor", &request.cursor),
        ("page", &request.page),
        ("page_size", &request.page_size),
        ("next_cursor", &response.next_cursor),
        ("has_more", &response.has_more),
        ("total", &response.total),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.as_ref().map(|v| format!("{key}: `{}`", v.value)))
    .collect();
    format!("{style} ({})", parts.join(", "))
}
