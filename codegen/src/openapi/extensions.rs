//! The `x-` extensions: what the specs say that OpenAPI has no keyword for. Every name is a
//! constant here, and the README's "OpenAPI export" section documents each one.

use super::json::{Node, Obj, strings};
use crate::ir::{self, Docs, Field, ObjectRule, Pagination, RateLimit, RequestField, SourceRef};

/// Root: the command and spec file the document was generated from.
pub const GENERATED_BY: &str = "x-generated-by";
/// Any item: the vendor behaviour worth knowing (the spec's `quirk:`).
pub const QUIRK: &str = "x-quirk";
/// Any item: the vendor page it was transcribed from.
pub const SOURCE: &str = "x-source";
/// Root: every source document of the spec, by its key.
pub const SOURCES: &str = "x-sources";
/// Enums and error codes: values not listed decode and are kept (the enum is open).
pub const OPEN_ENUM: &str = "x-open-enum";
/// Enums and error codes: the Rust variant name of each value, in `enum` order.
pub const ENUM_VARNAMES: &str = "x-enum-varnames";
/// Enums and error codes: the description of each value, in `enum` order.
pub const ENUM_DESCRIPTIONS: &str = "x-enum-descriptions";
/// Enums: the vendor's label of each value (often Chinese), in `enum` order; `null` where none.
pub const ENUM_LABELS: &str = "x-enum-labels";
/// Unions: members with an unlisted tag decode and are kept as raw JSON (the union is open).
pub const OPEN_UNION: &str = "x-open-union";
/// Tagged unions: tags the vendor refuses in requests, per source.
pub const NOT_CREATABLE: &str = "x-not-creatable";
/// Sibling-discriminated unions: the sibling field that chooses the member and the mapping.
pub const SIBLING_DISCRIMINATOR: &str = "x-sibling-discriminator";
/// A field whose union member is chosen by a sibling field: that field's wire name.
pub const DISCRIMINATED_BY: &str = "x-discriminated-by";
/// A value sent natively or as a string holding the same value; the form received is kept.
pub const LENIENT: &str = "x-lenient";
/// A string holding JSON: the schema of the JSON inside.
pub const JSON_STRING: &str = "x-json-string";
/// A number that keeps its written form (`12` stays `12`, `111.11` stays `111.11`).
pub const DECIMAL: &str = "x-decimal";
/// Most digits after the decimal point.
pub const SCALE: &str = "x-scale";
/// A vendor time format: `epoch-millis`, `yyyy-MM-dd HH:mm:ss`, `yyyy-MM-dd HH:mm`.
pub const TIME_FORMAT: &str = "x-time-format";
/// A credential: never log it.
pub const SECRET: &str = "x-secret";
/// Objects: rules across fields (`one_of`, `not_all_empty`, `both_or_neither`, `range`).
pub const OBJECT_RULES: &str = "x-object-rules";
/// Operations: requests allowed, as the page states them.
pub const RATE_LIMIT: &str = "x-rate-limit";
/// Operations: permission scopes, any one of which allows the call.
pub const SCOPES: &str = "x-scopes";
/// Operations: how results are paged.
pub const PAGINATION: &str = "x-pagination";
/// 3.0 documents: the vendor's events as webhooks (3.1 has a `webhooks` field for them).
pub const WEBHOOKS: &str = "x-webhooks";
/// Strings: a decimal text summing one or more of these distinct bit flags.
pub const BIT_FLAGS: &str = "x-bit-flags";
/// Responses: the documented error codes that come with this HTTP status.
pub const ERROR_CODES: &str = "x-error-codes";
/// The error-code table: each code's name, documented message, HTTP status and source.
pub const ERROR_TABLE: &str = "x-error-table";
/// Components: how the vendor wraps every response (wire names and success code).
pub const ENVELOPE: &str = "x-envelope";

/// Sets `description`, `x-quirk` and `x-source` from an item's docs.
pub fn docs(schema: &mut Obj, docs: &Docs) {
    if !docs.text.trim().is_empty() {
        schema.set("description", docs.text.trim_end());
    }
    if let Some(quirk) = &docs.quirk {
        schema.set(QUIRK, quirk.trim_end());
    }
    if let Some(source) = &docs.source {
        schema.set(SOURCE, source_ref(source));
    }
}

/// A source document as an object (only the parts the spec gives).
pub fn source_ref(source: &SourceRef) -> Obj {
    let mut out = Obj::new().with("title", &source.title);
    let optional = [
        ("url", &source.url),
        ("file", &source.file),
        ("section", &source.section),
        ("updated", &source.updated),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            out.set(key, value);
        }
    }
    out
}

/// The cross-field rules of an object, fields named by wire name.
pub fn object_rules(rules: &[ObjectRule], fields: &[Field]) -> Node {
    let wire = |index: &usize| fields[*index].wire.clone();
    let rule = |kind: &str, set: &ir::FieldSetRule| {
        Obj::new()
            .with("rule", kind)
            .with("fields", strings(set.fields.iter().map(wire)))
            .with("description", set.doc.trim_end())
            .into()
    };
    Node::Array(
        rules
            .iter()
            .map(|r| match r {
                ObjectRule::OneOf(set) => rule("one_of", set),
                ObjectRule::NotAllEmpty(set) => rule("not_all_empty", set),
                ObjectRule::BothOrNeither(set) => rule("both_or_neither", set),
                ObjectRule::Range(range) => {
                    let mut out = Obj::new()
                        .with("rule", "range")
                        .with("start", wire(&range.start))
                        .with("end", wire(&range.end));
                    if let Some(days) = range.max_days {
                        out.set("max_days", days);
                    }
                    if range.epoch_ms_text {
                        out.set("values", "epoch-millis-text");
                    }
                    out.with("description", range.doc.trim_end()).into()
                }
            })
            .collect(),
    )
}

/// Requests per window.
pub fn rate_limit(limit: &RateLimit) -> Obj {
    let mut out = Obj::new();
    if let Some(n) = limit.per_minute {
        out.set("per_minute", n);
    }
    if let Some(n) = limit.per_second {
        out.set("per_second", n);
    }
    out
}

fn request_field(field: &RequestField) -> Obj {
    let location = match field.location {
        ir::ParamLocation::Query => "query",
        ir::ParamLocation::Body => "body",
    };
    Obj::new()
        .with("in", location)
        .with("path", strings(field.path.iter().cloned()))
}

/// How an endpoint pages; payload paths are wire names from the payload's root.
pub fn pagination(pagination: &Pagination) -> Obj {
    let mut out = Obj::new();
    let (page_size, has_more, total) = match pagination {
        Pagination::Cursor {
            cursor,
            page_size,
            next_cursor,
            has_more,
            total,
        } => {
            out.set("style", "cursor");
            out.set("cursor", request_field(cursor));
            out.set("next_cursor", strings(next_cursor.iter().cloned()));
            (page_size, has_more, total)
        }
        Pagination::PageNumber {
            page,
            page_size,
            has_more,
            total,
        } => {
            out.set("style", "page_number");
            out.set("page", request_field(page));
            (page_size, has_more, total)
        }
    };
    if let Some(size) = page_size {
        out.set("page_size", request_field(size));
    }
    if let Some(path) = has_more {
        out.set("has_more", strings(path.iter().cloned()));
    }
    if let Some(path) = total {
        out.set("total", strings(path.iter().cloned()));
    }
    out
}
