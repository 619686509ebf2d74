//! The classification rules: each has a stable id, a severity and an impact per audience.

use super::Direction;

/// Effect of a change on one audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Old code or old messages stop working.
    Breaking,
    /// Nothing that worked stops working.
    Compatible,
}

/// How loudly to report a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Breaks someone.
    Error,
    /// Worth a reviewer's look.
    Warn,
    /// For the record.
    Info,
}

macro_rules! rules {
    ($($variant:ident = $id:literal, $what:literal, wire: $wire:expr, api: $api:expr;)*) => {
        /// A classification rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $(#[doc = $what] $variant,)* }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// Stable id, for bots and suppressions.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)* }
            }

            /// What the rule detects.
            pub fn describe(self) -> &'static str {
                match self { $(Rule::$variant => $what,)* }
            }

            /// Impact on the wire, given which way the item travels.
            pub fn wire(self, direction: Direction) -> Impact {
                let decide: fn(Direction) -> Impact = match self { $(Rule::$variant => $wire,)* };
                decide(direction)
            }

            /// Impact on downstream Rust code.
            pub fn api(self) -> Impact {
                match self { $(Rule::$variant => $api,)* }
            }
        }
    };
}

use Impact::{Breaking as B, Compatible as C};

const fn always(_: Direction) -> Impact {
    B
}
const fn never(_: Direction) -> Impact {
    C
}
/// Breaks when the item is sent (the vendor stops accepting old requests).
fn when_sent(direction: Direction) -> Impact {
    if matches!(direction, Direction::Request | Direction::Both) {
        B
    } else {
        C
    }
}
/// Breaks when the item is received (old decoders stop accepting responses).
fn when_received(direction: Direction) -> Impact {
    if matches!(direction, Direction::Response | Direction::Both) {
        B
    } else {
        C
    }
}

rules! {
    EndpointAdded = "endpoint-added", "An endpoint was added.", wire: never, api: C;
    EndpointRemoved = "endpoint-removed", "An endpoint was removed.", wire: always, api: B;
    EndpointMoved = "endpoint-method-or-path-changed", "An endpoint's method or path changed.", wire: always, api: C;
    EndpointRetyped = "endpoint-body-or-response-changed", "An endpoint's body or response type changed.", wire: always, api: B;
    ParamAdded = "parameter-added-optional", "An optional parameter or field was added (generated structs are non_exhaustive, so no downstream code breaks).", wire: never, api: C;
    RequiredParamAdded = "parameter-added-required", "A required parameter or field was added.", wire: when_sent, api: B;
    ParamRemoved = "parameter-removed", "A parameter or field was removed.", wire: when_received, api: B;
    Retyped = "field-retyped", "A parameter's or field's type changed.", wire: always, api: B;
    MadeRequired = "field-made-required", "A parameter or field became required.", wire: when_sent, api: B;
    MadeOptional = "field-made-optional", "A parameter or field became optional.", wire: when_received, api: B;
    MadeNullable = "field-made-nullable", "A field may now be null.", wire: when_received, api: B;
    MadeNonNullable = "field-made-non-nullable", "A field may no longer be null.", wire: when_sent, api: B;
    SecretChanged = "field-secret-changed", "A field became, or stopped being, a secret.", wire: never, api: B;
    RustNameChanged = "field-rust-name-changed", "A field's Rust name changed.", wire: never, api: B;
    DefaultChanged = "field-default-changed", "A documented default changed.", wire: when_sent, api: C;
    ConstraintTightened = "constraint-tightened", "A constraint became stricter.", wire: when_sent, api: C;
    ConstraintLoosened = "constraint-loosened", "A constraint became looser.", wire: never, api: C;
    ObjectRuleAdded = "object-rule-added", "A rule across an object's fields was added (or changed).", wire: when_sent, api: C;
    ObjectRuleRemoved = "object-rule-removed", "A rule across an object's fields was removed (or changed).", wire: never, api: C;
    EnumValueAdded = "enum-value-added", "An enum value was added (older code sees it as Unknown).", wire: never, api: C;
    EnumValueRemoved = "enum-value-removed", "An enum value was removed.", wire: when_sent, api: B;
    EnumValueRelabelled = "enum-value-relabelled", "An enum value's label changed.", wire: never, api: C;
    EnumVariantRenamed = "enum-variant-renamed", "An enum value's Rust variant name changed.", wire: never, api: B;
    EnumReprChanged = "enum-repr-changed", "An enum changed between string and integer values.", wire: always, api: B;
    UnionVariantAdded = "union-member-added", "A union member was added (older code sees it as Unknown).", wire: never, api: C;
    UnionVariantRemoved = "union-member-removed", "A union member was removed.", wire: when_sent, api: B;
    UnionVariantRetyped = "union-member-retyped", "A union member's shape changed.", wire: always, api: B;
    NotCreatableAdded = "tag-refused-on-creation", "A tag became refused in requests.", wire: when_sent, api: C;
    NotCreatableRemoved = "tag-allowed-on-creation", "A tag is no longer refused in requests.", wire: never, api: C;
    TypeAdded = "type-added", "A named type was added.", wire: never, api: C;
    TypeRemoved = "type-removed", "A named type was removed.", wire: never, api: B;
    TypeKindChanged = "type-kind-changed", "A named type changed kind.", wire: always, api: B;
    ErrorCodeAdded = "error-code-added", "An error code was added (older code sees it as Unknown).", wire: never, api: C;
    ErrorCodeRemoved = "error-code-removed", "An error code was removed.", wire: never, api: B;
    ErrorCodeRelabelled = "error-code-relabelled", "An error code's message or HTTP status changed.", wire: never, api: C;
    EnvelopeChanged = "envelope-changed", "The response envelope changed.", wire: always, api: B;
    VendorAdded = "vendor-added", "A vendor spec was added.", wire: never, api: C;
    VendorRemoved = "vendor-removed", "A vendor spec was removed.", wire: always, api: B;
    EndpointErrorsChanged = "endpoint-errors-changed", "The error codes an endpoint documents changed.", wire: never, api: C;
    RateLimitChanged = "rate-limit-changed", "An endpoint's stated rate limit was added, changed or removed.", wire: never, api: C;
    ScopesChanged = "scopes-changed", "The permission scopes an endpoint lists changed.", wire: never, api: C;
    PaginationChanged = "pagination-changed", "How an endpoint pages was added, changed or removed.", wire: never, api: C;
    EventAdded = "event-added", "An event type was added (older code sees it as Unknown).", wire: never, api: C;
    EventRemoved = "event-removed", "An event type was removed (its events become Unknown).", wire: never, api: B;
    EventPayloadChanged = "event-payload-changed", "An event's payload type changed.", wire: when_received, api: B;
    EventEnvelopeChanged = "event-envelope-changed", "An event's envelope version changed.", wire: when_received, api: C;
    EventVariantRenamed = "event-variant-renamed", "An event's Rust variant name changed.", wire: never, api: B;
    IdempotencyKeyChanged = "idempotency-key-changed", "The body field an endpoint names as its idempotency key (by which a client may repeat the write) was added, changed or removed.", wire: never, api: C;
    DocChanged = "doc-changed", "Documentation text changed.", wire: never, api: C;
}

impl Rule {
    /// Severity: an error when it breaks either audience in any direction, a warning for
    /// wire-visible but compatible changes, information for the rest.
    pub fn severity(self) -> Severity {
        let breaks = [Direction::Request, Direction::Response]
            .iter()
            .any(|d| self.wire(*d) == B)
            || self.api() == B;
        if breaks {
            Severity::Error
        } else if matches!(
            self,
            Rule::DocChanged
                | Rule::TypeAdded
                | Rule::EnumValueRelabelled
                | Rule::ErrorCodeRelabelled
        ) {
            Severity::Info
        } else {
            Severity::Warn
        }
    }
}
