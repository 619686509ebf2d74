//! Stage 1, the spec model: what a YAML spec file may say, as serde types.
//!
//! Every value that a diagnostic may point at is [`Spanned`]. The model is deliberately flat
//! (a `kind` key selects what a type is) so that `deny_unknown_fields` and spans work
//! everywhere; the checker enforces which keys each kind takes.

mod client;
mod entries;
mod event;
pub mod path;
mod spanned;
pub mod type_expr;

pub use client::{ClientSpec, TokenSpec};
pub use entries::Entries;
pub use event::EventDef;
pub use path::PathSyntax;
pub use spanned::{Span, Spanned};
pub use type_expr::TypeSyntax;

use schemars::JsonSchema;
use serde::Deserialize;

type S<T> = Spanned<T>;

/// One vendor system: its envelope, error codes, named types and endpoints.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Module and cargo-feature name, in snake_case (`fxiaoke_crm` → feature `fxiaoke-crm`).
    pub vendor: S<String>,
    /// Human name of the system.
    pub title: S<String>,
    /// What the system is, for the module's rustdoc.
    pub doc: S<String>,
    /// Base URL; `${...}` marks a part the caller chooses (e.g. the cloud domain).
    pub base_url: S<String>,
    /// The documents this spec transcribes; every item names one of these as its `source`.
    pub sources: Entries<Source>,
    /// How responses wrap their payload and report errors.
    pub envelope: Envelope,
    /// Parameters every endpoint of this vendor takes (common headers).
    #[serde(default)]
    pub common: Common,
    /// The vendor's error-code table.
    #[serde(default)]
    pub errors: Vec<ErrorCode>,
    /// Named types, by UpperCamelCase name. Order does not matter.
    #[serde(default)]
    pub types: Entries<TypeDef>,
    /// Endpoints, by snake_case name. Order does not matter.
    pub endpoints: Entries<Endpoint>,
    /// Events the vendor pushes to the app (webhooks), each with its payload type.
    #[serde(default)]
    pub events: Vec<EventDef>,
    /// What the async client needs beyond the endpoints (platform codes, the token call).
    #[serde(default)]
    pub client: Option<ClientSpec>,
}

/// A vendor page or supplement section that items are transcribed from.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the page or section.
    pub title: S<String>,
    /// Public address of the page, where the capture or supplement gives one.
    #[serde(default)]
    pub url: Option<S<String>>,
    /// The captured copy under `shared/vendor-docs/`, if any.
    #[serde(default)]
    pub file: Option<S<String>>,
    /// Section heading within the file.
    #[serde(default)]
    pub section: Option<S<String>>,
    /// Update date the page states.
    #[serde(default)]
    pub updated: Option<S<String>>,
}

/// Parameters shared by every endpoint.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Common {
    /// Header parameters.
    #[serde(default)]
    pub headers: Vec<Field>,
    /// Query parameters.
    #[serde(default)]
    pub query: Vec<Field>,
}

/// Where the payload sits relative to the status fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnvelopeStyle {
    /// Payload fields sit beside the code and message at the top level (Fxiaoke, 71360).
    Inline,
    /// Payload sits under one field (`data`) next to the code and message (ikcrm, Feishu).
    Wrapped,
}

/// The response envelope of a vendor.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Inline or wrapped payload.
    pub style: S<EnvelopeStyle>,
    /// Wire name of the integer status code.
    pub code: S<String>,
    /// Wire name of the status message.
    pub message: S<String>,
    /// The code that means success.
    pub success: S<i64>,
    /// Wire name of the payload field (wrapped style only).
    #[serde(default)]
    pub payload: Option<S<String>>,
    /// Further envelope fields (trace ids, descriptions), kept in the vendor error.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// A second error shape with other field names (ikcrm: `errcode` / `errmsg`).
    #[serde(default)]
    pub alternate_error: Option<AlternateError>,
    /// What a reader should know about the envelope.
    pub doc: S<String>,
    /// Source key.
    pub source: S<String>,
}

/// Field names of a second error shape.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlternateError {
    /// Wire name of its code.
    pub code: S<String>,
    /// Wire name of its message.
    pub message: S<String>,
}

/// One row of a vendor's error-code table.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    /// The numeric code.
    pub code: S<i64>,
    /// UpperCamelCase variant name.
    pub name: S<String>,
    /// The message text the vendor sends, verbatim, where the docs give it.
    #[serde(default)]
    pub message: Option<S<String>>,
    /// HTTP status the vendor answers with, where documented.
    #[serde(default)]
    pub http_status: Option<S<u16>>,
    /// What it means and what to do, in our words.
    pub doc: S<String>,
    /// Source key.
    pub source: S<String>,
}

/// What a named type is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// A JSON object with `fields`.
    Object,
    /// A closed list of `values` (kept open for values a newer vendor adds).
    Enum,
    /// A distinct identifier wrapping a scalar `type`.
    Newtype,
    /// One of several object shapes, chosen by a `tag` field inside the object or by a sibling
    /// `discriminator` field of the containing object.
    Union,
}

/// Wire representation of an enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnumRepr {
    /// JSON strings.
    String,
    /// JSON integers.
    Integer,
}

impl EnumRepr {
    /// A wire value in canonical form, so `"01"` and `"1"` are the same integer value.
    pub fn canonical(self, value: &str) -> String {
        match self {
            Self::Integer => value
                .parse::<i64>()
                .map_or_else(|_| value.to_owned(), |n| n.to_string()),
            Self::String => value.to_owned(),
        }
    }
}

/// A named type. Which keys apply depends on `kind`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// What the type is.
    pub kind: S<TypeKind>,
    /// Rustdoc text.
    pub doc: S<String>,
    /// Source key.
    pub source: S<String>,
    /// Vendor behaviour a user should know about, and how the type handles it.
    #[serde(default)]
    pub quirk: Option<S<String>>,
    /// `newtype`: the wrapped scalar type.
    #[serde(default, rename = "type")]
    pub inner: Option<S<TypeSyntax>>,
    /// `enum`: wire representation.
    #[serde(default)]
    pub repr: Option<S<EnumRepr>>,
    /// `enum`: the documented values.
    #[serde(default)]
    pub values: Option<Vec<EnumValue>>,
    /// `object`: the fields, in wire order.
    #[serde(default)]
    pub fields: Option<Vec<Field>>,
    /// `object`: rules across fields.
    #[serde(default)]
    pub rules: Vec<ObjectRule>,
    /// `union`: wire name of the field inside each member that names its shape.
    #[serde(default)]
    pub tag: Option<S<String>>,
    /// `union`: wire name of the sibling field, in the containing object, that names the shape.
    #[serde(default)]
    pub discriminator: Option<S<String>>,
    /// `union`: the members.
    #[serde(default)]
    pub variants: Option<Vec<Variant>>,
    /// `union` with `tag`: member tags the vendor refuses in requests, per source.
    #[serde(default)]
    pub not_creatable: Vec<NotCreatable>,
}

/// One documented enum value.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The wire value (a string or an integer, per `repr`).
    pub value: S<String>,
    /// UpperCamelCase variant name; derived from `value` when it is a usable identifier.
    #[serde(default)]
    pub name: Option<S<String>>,
    /// The vendor's display label, verbatim.
    #[serde(default)]
    pub label: Option<S<String>>,
    /// What it means.
    pub doc: S<String>,
}

/// One member of a union.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The tag or discriminator value that selects it.
    pub value: S<String>,
    /// UpperCamelCase variant name; derived from `value` when it is a usable identifier.
    #[serde(default)]
    pub name: Option<S<String>>,
    /// The named object type of this member.
    #[serde(rename = "type")]
    pub ty: S<String>,
    /// What it is.
    pub doc: S<String>,
}

/// Tags the vendor refuses in requests, as one source lists them.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotCreatable {
    /// Source key (the list and its date).
    pub source: S<String>,
    /// Tag values.
    pub values: Vec<S<String>>,
}

/// A field of an object, or a parameter of an endpoint.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Wire name, exactly as documented.
    pub name: S<String>,
    /// snake_case Rust name, when the derived one would be unclear.
    #[serde(default)]
    pub rust_name: Option<S<String>>,
    /// Type expression: a scalar (`string`, `i64`, `decimal`, `datetime_minutes`, ...), a named
    /// type, `list<T>`, `map<T>`, `lenient<T>` or `json_string<T>`.
    #[serde(rename = "type")]
    pub ty: S<TypeSyntax>,
    /// The vendor requires it (requests) or always sends it (responses). Default: may be absent.
    #[serde(default)]
    pub required: bool,
    /// It may be `null`. With `required: false` as well, absent and `null` stay distinct.
    #[serde(default)]
    pub nullable: bool,
    /// A credential: redacted in `Debug` and in validation errors.
    #[serde(default)]
    pub secret: bool,
    /// Its object's fields sit inline in the parent object.
    #[serde(default)]
    pub flatten: bool,
    /// Value the vendor assumes when the field is absent.
    #[serde(default)]
    pub default: Option<S<String>>,
    /// Rustdoc text.
    pub doc: S<String>,
    /// Vendor behaviour a user should know about, and how the type handles it.
    #[serde(default)]
    pub quirk: Option<S<String>>,
    /// Source key, when it differs from its type's or endpoint's.
    #[serde(default)]
    pub source: Option<S<String>>,
    /// Value rules, checked by the generated `validate()` on requests.
    #[serde(default)]
    pub constraints: Option<Constraints>,
}

/// Rules on one field's value.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Smallest allowed number.
    #[serde(default)]
    pub min: Option<S<f64>>,
    /// Largest allowed number.
    #[serde(default)]
    pub max: Option<S<f64>>,
    /// Fewest characters (strings) or items (lists).
    #[serde(default)]
    pub min_length: Option<S<u64>>,
    /// Most characters (strings) or items (lists).
    #[serde(default)]
    pub max_length: Option<S<u64>>,
    /// Most digits after the decimal point.
    #[serde(default)]
    pub scale: Option<S<u32>>,
    /// A named string form.
    #[serde(default)]
    pub format: Option<S<StringFormat>>,
    /// Every value must start with this text.
    #[serde(default)]
    pub prefix: Option<S<String>>,
    /// Bit flags carried as a decimal string: the value is the sum of one or more of these
    /// distinct powers of two (Feishu `cancel_bot_notification`: 1, 2, 4, so "1" to "7").
    #[serde(default)]
    pub flags: Option<S<Vec<u64>>>,
}

/// Named string forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StringFormat {
    /// RFC 4122 UUID, version 4.
    UuidV4,
    /// Decimal digits only.
    Digits,
}

/// A rule across fields of one object. Exactly one kind per rule: a range (`start` and `end`,
/// optionally `max_days` and `text`), `one_of`, `not_all_empty` or `both_or_neither`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectRule {
    /// Range: wire name of the earlier field.
    #[serde(default)]
    pub start: Option<S<String>>,
    /// Range: wire name of the later field; it may not be before `start`.
    #[serde(default)]
    pub end: Option<S<String>>,
    /// Range: at most this many days apart.
    #[serde(default)]
    pub max_days: Option<S<u32>>,
    /// Range: how `string` fields hold their instant (`epoch_ms`: decimal epoch milliseconds).
    /// Without it, both fields must have a time type.
    #[serde(default)]
    pub text: Option<S<InstantText>>,
    /// At least one of these fields is present.
    #[serde(default)]
    pub one_of: Option<Vec<S<String>>>,
    /// At least one of these fields is present and not empty (an empty string or list counts
    /// as empty).
    #[serde(default)]
    pub not_all_empty: Option<Vec<S<String>>>,
    /// These two fields are present together or both absent.
    #[serde(default)]
    pub both_or_neither: Option<Vec<S<String>>>,
    /// Why, in the vendor's terms.
    pub doc: S<String>,
}

/// How a string field holds an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InstantText {
    /// Decimal digits of milliseconds since the epoch (`"1567690398020"`).
    EpochMs,
}

/// Requests the vendor allows per window, as the page states them.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    /// Requests per minute.
    #[serde(default)]
    pub per_minute: Option<S<u32>>,
    /// Requests per second.
    #[serde(default)]
    pub per_second: Option<S<u32>>,
}

/// How an endpoint pages its results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaginationStyle {
    /// Each response names the cursor of the next page.
    Cursor,
    /// The caller asks for page 1, 2, ...
    PageNumber,
}

/// How an endpoint pages its results: which request and response fields take part.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// Cursor or page number.
    pub style: S<PaginationStyle>,
    /// Request fields.
    pub request: PageRequest,
    /// Response fields, relative to the payload (`queryResult.total` for nested ones).
    #[serde(default)]
    pub response: PageResponse,
}

/// Request fields of a paged endpoint: query parameter names or body field paths (`a.b`).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageRequest {
    /// `cursor` style: the field that takes the previous page's cursor.
    #[serde(default)]
    pub cursor: Option<S<String>>,
    /// `page_number` style: the field that takes the page number.
    #[serde(default)]
    pub page: Option<S<String>>,
    /// The field that takes the page size.
    #[serde(default)]
    pub page_size: Option<S<String>>,
}

/// Response fields of a paged endpoint, as paths into the payload.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageResponse {
    /// `cursor` style: the cursor of the next page.
    #[serde(default)]
    pub next_cursor: Option<S<String>>,
    /// Whether there is a further page.
    #[serde(default)]
    pub has_more: Option<S<String>>,
    /// How many items there are in all.
    #[serde(default)]
    pub total: Option<S<String>>,
}

/// HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

/// One endpoint.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// Rustdoc text.
    pub doc: S<String>,
    /// Source key.
    pub source: S<String>,
    /// HTTP method.
    pub method: S<HttpMethod>,
    /// Path relative to the base URL, with `{name}` for each path parameter.
    pub path: S<PathSyntax>,
    /// Path parameters.
    #[serde(default)]
    pub path_params: Vec<Field>,
    /// Query parameters.
    #[serde(default)]
    pub query: Vec<Field>,
    /// Header parameters (besides the vendor's common ones).
    #[serde(default)]
    pub headers: Vec<Field>,
    /// Named object type of the JSON body.
    #[serde(default)]
    pub body: Option<S<String>>,
    /// Named object type of the successful payload; absent when there is none.
    #[serde(default)]
    pub response: Option<S<String>>,
    /// Codes from the vendor table that this endpoint documents.
    #[serde(default)]
    pub errors: Vec<S<i64>>,
    /// Whether the call carries the vendor's `common:` parameters (its `Context`). `false` for
    /// a call made before there are credentials, such as the token call itself.
    #[serde(default = "yes")]
    pub common: bool,
    /// Requests the vendor allows, where the page states a limit.
    #[serde(default)]
    pub rate_limit: Option<RateLimit>,
    /// Permission scopes, any one of which allows the call, as the page lists them.
    #[serde(default)]
    pub scopes: Vec<S<String>>,
    /// How the endpoint pages its results, where it does.
    #[serde(default)]
    pub pagination: Option<Pagination>,
    /// The wire name of an optional string field of the body that the page documents as an
    /// idempotency key: a client may send the call again with the same key.
    #[serde(default)]
    pub idempotency_key: Option<S<String>>,
}

fn yes() -> bool {
    true
}
