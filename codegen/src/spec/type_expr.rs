//! The type-expression language of `type:` keys: `string`, `list<Attachment>`, `lenient<i64>`.
//! Expressions are parsed once, while the spec is deserialized ([`TypeSyntax`]); a text that
//! does not parse is kept with its error for the checker to report at its place.

pub use crate::scalar::Scalar;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::fmt;

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

    /// Its spelling in specs.
    pub fn name(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Map => "map",
            Self::Lenient => "lenient",
            Self::JsonString => "json_string",
        }
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
    /// The named type this expression refers to, with its byte offset, if any.
    pub fn named(&self) -> Option<(&str, usize)> {
        match self {
            Self::Scalar(_) => None,
            Self::Named(name, offset) => Some((name.as_str(), *offset)),
            Self::Wrapped(_, inner) => inner.named(),
        }
    }
}

/// The canonical spelling (`list<lenient<i64>>`), whatever spacing the spec used.
impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Scalar(scalar) => f.write_str(scalar.name()),
            Self::Named(name, _) => f.write_str(name),
            Self::Wrapped(wrapper, inner) => write!(f, "{}<{inner}>", wrapper.name()),
        }
    }
}

/// A `type:` value as written, parsed when the spec is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeSyntax {
    /// The text as written.
    pub text: String,
    /// The parsed expression, or why it does not parse.
    pub parsed: Result<TypeExpr, ParseError>,
}

impl TypeSyntax {
    /// Parses `text`.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let parsed = parse(&text);
        Self { text, parsed }
    }

    /// The parsed expression, when it parses.
    pub fn expr(&self) -> Option<&TypeExpr> {
        self.parsed.as_ref().ok()
    }

    /// The canonical spelling when it parses, else the text as written.
    pub fn canonical(&self) -> String {
        self.expr()
            .map_or_else(|| self.text.clone(), ToString::to_string)
    }
}

impl fmt::Display for TypeSyntax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for TypeSyntax {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

impl JsonSchema for TypeSyntax {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "TypeExpression".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
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
