//! The type-expression language of `type:` keys: `string`, `list<Attachment>`, `lenient<i64>`.

use std::fmt;

/// Scalars and their wire forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

impl Scalar {
    /// Every scalar with its spelling in specs.
    pub const ALL: [(&'static str, Scalar); 12] = [
        ("string", Self::String),
        ("bool", Self::Bool),
        ("i32", Self::I32),
        ("i64", Self::I64),
        ("f64", Self::F64),
        ("decimal", Self::Decimal),
        ("timestamp_ms", Self::TimestampMs),
        ("datetime", Self::DateTime),
        ("datetime_minutes", Self::DateTimeMinutes),
        ("date", Self::Date),
        ("rfc3339", Self::Rfc3339),
        ("json", Self::Json),
    ];

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(spelling, _)| *spelling == name)
            .map(|(_, scalar)| *scalar)
    }

    /// Whether the value is a JSON number.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Self::I32 | Self::I64 | Self::F64 | Self::Decimal | Self::TimestampMs
        )
    }
}

/// Wrappers that take one type argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Wrapper {
    /// JSON array.
    List,
    /// JSON object with string keys and uniform values.
    Map,
    /// The native value or the same value written as a string.
    Lenient,
    /// A JSON document encoded into a string.
    JsonString,
}

impl Wrapper {
    const ALL: [(&'static str, Wrapper); 4] = [
        ("list", Self::List),
        ("map", Self::Map),
        ("lenient", Self::Lenient),
        ("json_string", Self::JsonString),
    ];

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(spelling, _)| *spelling == name)
            .map(|(_, wrapper)| *wrapper)
    }
}

/// A parsed type expression.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeExpr {
    /// A built-in scalar.
    Scalar(Scalar),
    /// A named type of the same spec, with the byte offset of the name in the expression.
    Named(String, usize),
    /// A wrapper around another type.
    Wrapped(Wrapper, Box<TypeExpr>),
}

impl TypeExpr {
    /// Named types this expression refers to, with their byte offsets.
    pub fn named(&self) -> Vec<(&str, usize)> {
        match self {
            Self::Scalar(_) => Vec::new(),
            Self::Named(name, offset) => vec![(name.as_str(), *offset)],
            Self::Wrapped(_, inner) => inner.named(),
        }
    }
}

/// Why a type expression does not parse: the byte offset within it and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset within the expression.
    pub offset: usize,
    /// What went wrong.
    pub message: String,
    /// What would have been accepted.
    pub expected: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

/// Nesting deeper than this is refused, so hostile specs cannot overflow the stack.
const MAX_DEPTH: usize = 16;

/// Parses a type expression.
pub fn parse(text: &str) -> Result<TypeExpr, ParseError> {
    let mut parser = Parser { text, pos: 0 };
    let expr = parser.expr(0)?;
    parser.skip_spaces();
    if parser.pos < text.len() {
        return Err(parser.error(
            "unexpected text after the type",
            "end of the type expression",
        ));
    }
    Ok(expr)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str, expected: &str) -> ParseError {
        ParseError {
            offset: self.pos,
            message: message.to_owned(),
            expected: expected.to_owned(),
        }
    }

    fn skip_spaces(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn expr(&mut self, depth: usize) -> Result<TypeExpr, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error("type nested too deeply", "at most 16 levels of `<...>`"));
        }
        self.skip_spaces();
        let start = self.pos;
        let rest = &self.text[start..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(self.error(
                "expected a type name",
                "a scalar (string, bool, i32, i64, f64, decimal, timestamp_ms, datetime, datetime_minutes, date, rfc3339, json), a named type, or list<T> / map<T> / lenient<T> / json_string<T>",
            ));
        }
        let name = &rest[..len];
        self.pos += len;
        self.skip_spaces();
        if self.text[self.pos..].starts_with('<') {
            let Some(wrapper) = Wrapper::from_name(name) else {
                self.pos = start;
                return Err(self.error(
                    &format!("`{name}` takes no type argument"),
                    "one of list<T>, map<T>, lenient<T>, json_string<T>",
                ));
            };
            self.pos += 1;
            let inner = self.expr(depth + 1)?;
            self.skip_spaces();
            if !self.text[self.pos..].starts_with('>') {
                return Err(self.error("unclosed type argument", "`>`"));
            }
            self.pos += 1;
            return Ok(TypeExpr::Wrapped(wrapper, Box::new(inner)));
        }
        if Wrapper::from_name(name).is_some() {
            self.pos = start;
            return Err(self.error(
                &format!("`{name}` needs a type argument"),
                &format!("{name}<T>"),
            ));
        }
        Ok(match Scalar::from_name(name) {
            Some(scalar) => TypeExpr::Scalar(scalar),
            None => TypeExpr::Named(name.to_owned(), start),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_wrappers() {
        assert_eq!(
            parse("list< lenient<i64> >").unwrap(),
            TypeExpr::Wrapped(
                Wrapper::List,
                Box::new(TypeExpr::Wrapped(
                    Wrapper::Lenient,
                    Box::new(TypeExpr::Scalar(Scalar::I64))
                ))
            )
        );
        assert_eq!(
            parse("Attachment").unwrap(),
            TypeExpr::Named("Attachment".into(), 0)
        );
    }

    #[test]
    fn reports_where_it_went_wrong() {
        assert_eq!(parse("list<string").unwrap_err().offset, 11);
        assert_eq!(parse("string<i64>").unwrap_err().offset, 0);
        assert_eq!(parse("list").unwrap_err().offset, 0);
        assert_eq!(parse("i64 x").unwrap_err().offset, 4);
        assert_eq!(parse("").unwrap_err().offset, 0);
        assert!(parse(&"list<".repeat(100)).is_err());
    }
}
