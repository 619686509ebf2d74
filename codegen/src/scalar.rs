//! The scalar vocabulary shared by the spec format and the IR: each scalar's spelling in specs
//! and the facts about its wire form that checking needs. Adding a scalar means a variant
//! here, its Rust type in `emit/ty.rs`, and its runtime type; the compiler points at the rest.

/// Scalars and their wire forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scalar {
    /// JSON string.
    String,
    /// JSON boolean.
    Bool,
    /// JSON integer, 32-bit.
    I32,
    /// JSON integer, 64-bit.
    I64,
    /// JSON number, as a float.
    F64,
    /// JSON number that keeps its written form (money, hours).
    Decimal,
    /// JSON integer of milliseconds since the epoch.
    TimestampMs,
    /// String `yyyy-MM-dd HH:mm:ss`.
    DateTime,
    /// String `yyyy-MM-dd HH:mm`.
    DateTimeMinutes,
    /// String `yyyy-MM-dd`.
    Date,
    /// String in RFC 3339.
    Rfc3339,
    /// Any JSON value, kept as is.
    Json,
}

/// What a scalar's values are, for the rules that depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarClass {
    /// Free text: lengths, prefixes and string formats apply.
    Text,
    /// A number: min/max apply.
    Number,
    /// A boolean.
    Boolean,
    /// Text in a fixed time format: only its own format applies.
    Time,
    /// Any JSON value.
    Any,
}

impl Scalar {
    /// Every scalar, in the order the docs list them.
    pub const ALL: [Scalar; 12] = [
        Self::String,
        Self::Bool,
        Self::I32,
        Self::I64,
        Self::F64,
        Self::Decimal,
        Self::TimestampMs,
        Self::DateTime,
        Self::DateTimeMinutes,
        Self::Date,
        Self::Rfc3339,
        Self::Json,
    ];

    /// The scalar spelled `name` in a spec.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scalar| scalar.name() == name)
    }

    /// Its spelling in specs.
    pub fn name(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Bool => "bool",
            Self::I32 => "i32",
            Self::I64 => "i64",
            Self::F64 => "f64",
            Self::Decimal => "decimal",
            Self::TimestampMs => "timestamp_ms",
            Self::DateTime => "datetime",
            Self::DateTimeMinutes => "datetime_minutes",
            Self::Date => "date",
            Self::Rfc3339 => "rfc3339",
            Self::Json => "json",
        }
    }

    /// What its values are.
    pub fn class(self) -> ScalarClass {
        match self {
            Self::String => ScalarClass::Text,
            Self::Bool => ScalarClass::Boolean,
            Self::I32 | Self::I64 | Self::F64 | Self::Decimal | Self::TimestampMs => {
                ScalarClass::Number
            }
            Self::DateTime | Self::DateTimeMinutes | Self::Date | Self::Rfc3339 => {
                ScalarClass::Time
            }
            Self::Json => ScalarClass::Any,
        }
    }

    /// Whether the value is a JSON number.
    pub fn is_numeric(self) -> bool {
        self.class() == ScalarClass::Number
    }
}
