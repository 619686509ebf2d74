//! Stage 4, the IR: checked specs resolved into what the emitter needs, with every name already
//! a Rust identifier and every type reference resolved. Collections are sorted where order is
//! not meaningful, so output does not depend on how a spec orders its entries.

mod lower;

pub use crate::naming::RustIdent;
pub use crate::spec::type_expr::Scalar;
pub use lower::lower;

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
    /// Base URL.
    pub base_url: String,
    /// Sources, in spec order.
    pub sources: Vec<SourceRef>,
    /// Response envelope.
    pub envelope: Envelope,
    /// Error table, sorted by code.
    pub errors: Vec<ErrorEntry>,
    /// Named types, sorted by name.
    pub types: Vec<NamedType>,
    /// Endpoints, sorted by module name.
    pub endpoints: Vec<Endpoint>,
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
    pub alternate: Option<(String, String)>,
    /// Docs.
    pub docs: Docs,
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
    Newtype(Scalar),
    /// Union chosen by a tag field inside the members.
    TaggedUnion(TaggedUnion),
    /// Union chosen by a sibling field of the containing object.
    SiblingUnion(SiblingUnion),
}

/// A struct.
#[derive(Debug, Clone)]
pub struct Object {
    /// Fields in wire order.
    pub fields: Vec<Field>,
    /// Cross-field rules.
    pub rules: Vec<RangeRule>,
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
    /// Why.
    pub doc: String,
}

/// Presence on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always there (or must be sent).
    Required,
    /// May be absent.
    Optional,
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
    /// Whether it may be absent.
    pub presence: Presence,
    /// Whether it may be `null`.
    pub nullable: bool,
    /// Whether it is a credential.
    pub secret: bool,
    /// Whether its fields sit inline in the parent.
    pub flatten: bool,
    /// Default value the vendor assumes, as written in the spec.
    pub default: Option<Literal>,
    /// Value rules.
    pub constraints: Constraints,
    /// Docs.
    pub docs: Docs,
    /// For a sibling-union field: the index of the discriminating field in the same object.
    pub discriminated_by: Option<usize>,
}

/// A literal from the spec (defaults).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// Integer.
    Int(i64),
    /// Float.
    Float(f64),
    /// Boolean.
    Bool(bool),
    /// String.
    Str(String),
    /// Enum variant of the named enum.
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
    pub format: Option<crate::spec::StringFormat>,
    /// Required prefix.
    pub prefix: Option<String>,
}

impl Constraints {
    /// Whether there is no rule.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
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
    /// Whether wire values are integers.
    pub integer: bool,
    /// Values in spec order.
    pub values: Vec<EnumValue>,
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// Wire value as text.
    pub wire: String,
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
    /// The discriminating enum type, if the sibling is an enum.
    pub discriminator_enum: Option<RustIdent>,
    /// Members.
    pub variants: Vec<UnionVariant>,
}

/// A union member.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Wire value selecting it.
    pub wire: String,
    /// For sibling unions over an enum: the enum's variant for that value.
    pub enum_variant: Option<RustIdent>,
    /// Variant name.
    pub variant: RustIdent,
    /// Member type.
    pub ty: RustIdent,
    /// Docs.
    pub doc: String,
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
    /// Method, upper case.
    pub method: crate::spec::HttpMethod,
    /// Path template.
    pub path: String,
    /// Path parameters.
    pub path_params: Vec<Field>,
    /// Query parameters (common ones first).
    pub query: Vec<Field>,
    /// Header parameters (common ones first).
    pub headers: Vec<Field>,
    /// Body type.
    pub body: Option<RustIdent>,
    /// Payload type.
    pub response: Option<RustIdent>,
    /// Documented error codes.
    pub errors: Vec<i64>,
    /// The URL of the page, for metadata.
    pub doc_url: Option<String>,
}
