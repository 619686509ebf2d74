//! Stage 4, the IR: what the checker built from sound specs, resolved and self-contained. Every
//! name is already a Rust identifier, every reference resolved, every literal typed; the
//! emitter only decides how to print, never what a spec meant. Collections are sorted where
//! order is not meaningful, so output does not depend on how a spec orders its entries.
//!
//! Only the checker builds an IR (see [`crate::check::Checked`]).

mod event;

pub use crate::naming::RustIdent;
pub use crate::scalar::Scalar;
pub use event::{EnvelopeVersion, Event};

/// All vendors, sorted by module name.
#[derive(Debug, Clone)]
pub struct Ir {
    /// The vendors.
    pub vendors: Vec<Vendor>,
}

/// Documentation of one item: its text, an optional vendor quirk, and where it comes from.
#[derive(Debug, Clone, Default)]
pub struct Docs {
    /// The description.
    pub text: String,
    /// Vendor behaviour worth knowing.
    pub quirk: Option<String>,
    /// The source document.
    pub source: Option<SourceRef>,
}

/// A source document, as cited in rustdoc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    /// Title.
    pub title: String,
    /// Address, where published.
    pub url: Option<String>,
    /// Captured copy under `shared/vendor-docs/`.
    pub file: Option<String>,
    /// Section within the document.
    pub section: Option<String>,
    /// Stated update date.
    pub updated: Option<String>,
}

/// One vendor module.
#[derive(Debug, Clone)]
pub struct Vendor {
    /// Module name.
    pub module: RustIdent,
    /// Cargo feature name.
    pub feature: String,
    /// The spec file, as shown in generated headers (`/`-separated).
    pub spec_path: String,
    /// Human name.
    pub title: String,
    /// Module docs.
    pub docs: Docs,
    /// Base URL, with the parts the caller fills in.
    pub base_url: BaseUrl,
    /// Header parameters every request carries (the vendor's `Context`).
    pub context_headers: Vec<Field>,
    /// Query parameters every request carries (the vendor's `Context`).
    pub context_query: Vec<Field>,
    /// Sources, in spec order.
    pub sources: Vec<SourceRef>,
    /// Response envelope.
    pub envelope: Envelope,
    /// The error-code table, as an open integer enum sorted by code.
    pub errors: Vec<ErrorEntry>,
    /// Named types, sorted by name.
    pub types: Vec<NamedType>,
    /// Endpoints, sorted by module name.
    pub endpoints: Vec<Endpoint>,
    /// Events the vendor pushes, sorted by event type.
    pub events: Vec<Event>,
    /// What the async client needs beyond the endpoints, where the spec says.
    pub client: Option<ClientInfo>,
}

/// A vendor's platform codes and token call, for the async client.
#[derive(Debug, Clone)]
pub struct ClientInfo {
    /// Where they come from.
    pub docs: Docs,
    /// The pages stating them.
    pub sources: Vec<SourceRef>,
    /// "Too many requests" codes.
    pub rate_limited: Vec<i64>,
    /// "Try again later" codes.
    pub try_again_later: Vec<i64>,
    /// "Token invalid or expired" codes.
    pub token_invalid: Vec<i64>,
    /// Rate-limit reset headers, lowercase, first preferred.
    pub reset_headers: Vec<String>,
    /// The token call.
    pub token: Option<TokenCall>,
}

/// The call that issues access tokens and where its answer holds them.
#[derive(Debug, Clone)]
pub struct TokenCall {
    /// Index into the vendor's (sorted) endpoints.
    pub endpoint: usize,
    /// The type the whole answer decodes as.
    pub answer: RustIdent,
    /// Wire name of the token field of `answer`.
    pub token: String,
    /// Wire name of the lifetime field (seconds) of `answer`.
    pub expires_in: String,
    /// Index into the vendor's context headers of the header the token goes in.
    pub header: usize,
}

impl Vendor {
    /// The named type with this identifier (types are sorted, so this is a binary search).
    pub fn named(&self, ident: &RustIdent) -> Option<&NamedType> {
        self.types
            .binary_search_by(|t| t.ident.cmp(ident))
            .ok()
            .map(|index| &self.types[index])
    }
}

/// A vendor's base URL: text with `${name}` parts the caller fills in (Fxiaoke's cloud domain).
#[derive(Debug, Clone)]
pub struct BaseUrl {
    /// As written in the spec.
    pub template: String,
    /// The pieces, in order.
    pub parts: Vec<UrlPart>,
}

/// A piece of a base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlPart {
    /// Text as written.
    Literal(String),
    /// A part the caller fills in: its name in the spec and its Rust parameter name.
    Var(String, RustIdent),
}

/// How a vendor wraps responses.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// Wire name of the code.
    pub code: String,
    /// Wire name of the message.
    pub message: String,
    /// Success code.
    pub success: i64,
    /// Wire name of the payload field; `None` for inline payloads.
    pub payload: Option<String>,
    /// Extra envelope fields.
    pub fields: Vec<Field>,
    /// Second error shape's code and message wire names.
    pub alternate: Option<AlternateError>,
    /// Docs.
    pub docs: Docs,
}

/// Wire names of a second error shape.
#[derive(Debug, Clone)]
pub struct AlternateError {
    /// Wire name of its code.
    pub code: String,
    /// Wire name of its message.
    pub message: String,
}

/// One error code.
#[derive(Debug, Clone)]
pub struct ErrorEntry {
    /// Numeric code.
    pub code: i64,
    /// Variant name.
    pub variant: RustIdent,
    /// Vendor message, where documented.
    pub message: Option<String>,
    /// HTTP status.
    pub http_status: Option<u16>,
    /// Docs.
    pub docs: Docs,
}

/// A named type.
#[derive(Debug, Clone)]
pub struct NamedType {
    /// Rust name (also the spec name).
    pub ident: RustIdent,
    /// Docs.
    pub docs: Docs,
    /// What it is.
    pub kind: TypeKind,
}

/// The shapes a named type can take.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// Struct.
    Object(Object),
    /// Open enum.
    Enum(Enum),
    /// Identifier newtype.
    Newtype(NewtypeScalar),
    /// Union chosen by a tag field inside the members.
    TaggedUnion(TaggedUnion),
    /// Union chosen by a sibling field of the containing object.
    SiblingUnion(SiblingUnion),
}

/// What an identifier newtype wraps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewtypeScalar {
    /// A string id.
    String,
    /// A 64-bit integer id.
    I64,
    /// A 32-bit integer id.
    I32,
}

/// A struct.
#[derive(Debug, Clone)]
pub struct Object {
    /// Fields in wire order.
    pub fields: Vec<Field>,
    /// Cross-field rules.
    pub rules: Vec<ObjectRule>,
    /// With more than [`MAX_POSITIONAL_ARGUMENTS`] required fields, `new` takes them as one
    /// struct of this name, so each is named at the call site.
    pub required_struct: Option<RustIdent>,
}

/// The most required fields `new(…)` takes as positional arguments.
pub const MAX_POSITIONAL_ARGUMENTS: usize = 4;

impl Object {
    /// Whether a field is a union chosen by a sibling, so the struct needs its own decoder.
    pub fn has_sibling_union(&self) -> bool {
        self.fields.iter().any(|f| f.discriminated_by.is_some())
    }

    /// Whether the struct keeps the fields its spec does not list. An object with a flattened
    /// field does not: the flattened object or map receives them.
    pub fn keeps_unknown_fields(&self) -> bool {
        !self.fields.iter().any(|f| f.flatten)
    }
}

/// A rule across fields of one object, one variant per kind.
#[derive(Debug, Clone)]
pub enum ObjectRule {
    /// Two instants in order, optionally at most some days apart.
    Range(RangeRule),
    /// At least one of the fields is present.
    OneOf(FieldSetRule),
    /// At least one of the fields is present and not empty.
    NotAllEmpty(FieldSetRule),
    /// The two fields are present together or both absent.
    BothOrNeither(FieldSetRule),
}

/// `start` ≤ `end`, optionally at most `max_days` apart.
#[derive(Debug, Clone)]
pub struct RangeRule {
    /// Earlier field (index into the object's fields).
    pub start: usize,
    /// Later field.
    pub end: usize,
    /// Largest span in days.
    pub max_days: Option<u32>,
    /// Whether both fields are strings of decimal epoch milliseconds (otherwise time types).
    pub epoch_ms_text: bool,
    /// Why.
    pub doc: String,
}

/// A rule over a set of fields of one object.
#[derive(Debug, Clone)]
pub struct FieldSetRule {
    /// The fields (indices into the object's fields), in the order the rule names them.
    pub fields: Vec<usize>,
    /// Why.
    pub doc: String,
}

/// Whether a field may be absent and whether it may be `null`, as one choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always there (or must be sent), never `null`: `T`.
    Required,
    /// Always there, may be `null`: `Option<T>`.
    RequiredNullable,
    /// May be absent, never `null`: `Option<T>`.
    Optional,
    /// May be absent or `null`, and the two stay distinct: `Option<Option<T>>`.
    OptionalNullable,
}

impl Presence {
    /// The presence for a spec's `required` and `nullable` flags.
    pub fn new(required: bool, nullable: bool) -> Self {
        match (required, nullable) {
            (true, false) => Self::Required,
            (true, true) => Self::RequiredNullable,
            (false, false) => Self::Optional,
            (false, true) => Self::OptionalNullable,
        }
    }

    /// Whether the vendor requires it (requests) or always sends it (responses).
    pub fn is_required(self) -> bool {
        matches!(self, Self::Required | Self::RequiredNullable)
    }
}

/// A field or parameter.
#[derive(Debug, Clone)]
pub struct Field {
    /// Wire name.
    pub wire: String,
    /// Rust name.
    pub ident: RustIdent,
    /// Type.
    pub ty: Ty,
    /// Absent and `null`.
    pub presence: Presence,
    /// Whether it is a credential.
    pub secret: bool,
    /// Whether its fields sit inline in the parent.
    pub flatten: bool,
    /// What the vendor assumes when it is absent.
    pub default: Option<DefaultValue>,
    /// Value rules.
    pub constraints: Constraints,
    /// Docs.
    pub docs: Docs,
    /// For a sibling-union field: the index of the discriminating field in the same object.
    pub discriminated_by: Option<usize>,
}

/// A documented default, with the names of the constant and accessor that expose it.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultValue {
    /// The value.
    pub literal: Literal,
    /// `DEFAULT_X`.
    pub constant: RustIdent,
    /// `x_or_default`.
    pub accessor: RustIdent,
}

/// A default's value, typed like its field.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `i32`.
    I32(i32),
    /// `i64`.
    I64(i64),
    /// `f64`.
    F64(f64),
    /// `bool`.
    Bool(bool),
    /// `String`.
    Str(String),
    /// A variant of the named enum.
    Variant(RustIdent, RustIdent),
}

/// Value rules of a field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// Smallest number.
    pub min: Option<f64>,
    /// Largest number.
    pub max: Option<f64>,
    /// Fewest characters or items.
    pub min_length: Option<u64>,
    /// Most characters or items.
    pub max_length: Option<u64>,
    /// Most fraction digits.
    pub scale: Option<u32>,
    /// Named string form.
    pub format: Option<StringFormat>,
    /// Required prefix.
    pub prefix: Option<String>,
    /// Bit flags a decimal string sums (one or more of them).
    pub flags: Option<Vec<u64>>,
}

impl Constraints {
    /// Whether there is no rule.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Named string forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringFormat {
    /// RFC 4122 UUID, version 4.
    UuidV4,
    /// Decimal digits only.
    Digits,
}

/// A resolved type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// Built-in scalar.
    Scalar(Scalar),
    /// A named type of the same vendor.
    Named(RustIdent),
    /// Array.
    List(Box<Ty>),
    /// String-keyed object.
    Map(Box<Ty>),
    /// Native or string form.
    Lenient(Box<Ty>),
    /// JSON in a string.
    JsonString(Box<Ty>),
}

/// An open enum.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Values in spec order.
    pub values: Vec<EnumValue>,
}

impl Enum {
    /// Whether wire values are integers (every value has the same representation).
    pub fn is_integer(&self) -> bool {
        matches!(
            self.values.first().map(|v| &v.wire),
            Some(WireValue::Int(_))
        )
    }
}

/// A wire value of an enum, in its representation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireValue {
    /// A JSON integer.
    Int(i64),
    /// A JSON string.
    Str(String),
}

impl std::fmt::Display for WireValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Int(value) => write!(f, "{value}"),
            Self::Str(value) => f.write_str(value),
        }
    }
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// Wire value.
    pub wire: WireValue,
    /// Variant name.
    pub variant: RustIdent,
    /// Vendor label.
    pub label: Option<String>,
    /// Docs.
    pub doc: String,
}

/// A union chosen by a field inside each member.
#[derive(Debug, Clone)]
pub struct TaggedUnion {
    /// Wire name of the tag field.
    pub tag: String,
    /// Members.
    pub variants: Vec<UnionVariant>,
    /// Tags refused in requests, each list with its source.
    pub not_creatable: Vec<(SourceRef, Vec<String>)>,
}

/// A union chosen by a sibling field.
#[derive(Debug, Clone)]
pub struct SiblingUnion {
    /// Wire name of the discriminating sibling field.
    pub discriminator: String,
    /// The discriminating enum type (the same in every object that uses the union).
    pub discriminator_enum: RustIdent,
    /// Members, each with the enum variant that selects it.
    pub variants: Vec<(UnionVariant, RustIdent)>,
}

/// A union member.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Wire value selecting it.
    pub wire: String,
    /// Variant name.
    pub variant: RustIdent,
    /// Member type.
    pub ty: RustIdent,
    /// Docs.
    pub doc: String,
}

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
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

impl Method {
    /// Upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

/// A piece of an endpoint's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Sent as written.
    Literal(String),
    /// The path parameter with this index into [`Endpoint::path_params`].
    Param(usize),
}

/// An endpoint.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// Spec name.
    pub name: String,
    /// Module name.
    pub module: RustIdent,
    /// Docs.
    pub docs: Docs,
    /// Method.
    pub method: Method,
    /// The path template as written (for docs and metadata).
    pub path_template: String,
    /// The path, parsed.
    pub path: Vec<PathSegment>,
    /// Path parameters.
    pub path_params: Vec<Field>,
    /// Query parameters of this endpoint (the vendor's common ones are in its context).
    pub query: Vec<Field>,
    /// Header parameters of this endpoint (the vendor's common ones are in its context).
    pub headers: Vec<Field>,
    /// Body type.
    pub body: Option<RustIdent>,
    /// Payload type.
    pub response: Option<RustIdent>,
    /// Documented error codes, each in the vendor's table.
    pub errors: Vec<i64>,
    /// Whether the call carries the vendor's context (common parameters).
    pub takes_context: bool,
    /// The URL of the page, for metadata.
    pub doc_url: Option<String>,
    /// Requests allowed, as the page states them.
    pub rate_limit: Option<RateLimit>,
    /// Permission scopes, any one of which allows the call.
    pub scopes: Vec<String>,
    /// How results are paged.
    pub pagination: Option<Pagination>,
    /// The body field holding an idempotency key (a top-level optional string).
    pub idempotency_key: Option<RequestField>,
}

/// Requests allowed per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Per minute.
    pub per_minute: Option<u32>,
    /// Per second.
    pub per_second: Option<u32>,
}

/// Where a request field of a paged endpoint sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// A query parameter.
    Query,
    /// A field of the JSON body.
    Body,
}

/// A request field of a paged endpoint: its location and wire-name path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestField {
    /// Query or body.
    pub location: ParamLocation,
    /// Wire names from the query (one name) or the body root to the field.
    pub path: Vec<String>,
}

/// How results are paged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pagination {
    /// The response names the next page's cursor.
    Cursor {
        /// The request field taking the cursor.
        cursor: RequestField,
        /// The request field taking the page size.
        page_size: Option<RequestField>,
        /// Wire-name path in the payload of the next cursor.
        next_cursor: Vec<String>,
        /// Path of the has-more flag.
        has_more: Option<Vec<String>>,
        /// Path of the total count.
        total: Option<Vec<String>>,
    },
    /// The caller numbers the pages.
    PageNumber {
        /// The request field taking the page number.
        page: RequestField,
        /// The request field taking the page size.
        page_size: Option<RequestField>,
        /// Path of the has-more flag.
        has_more: Option<Vec<String>>,
        /// Path of the total count.
        total: Option<Vec<String>>,
    },
}
