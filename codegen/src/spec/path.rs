//! Endpoint path templates (`/instances/{instance_id}/comments`), parsed once while the spec is
//! deserialized; a template that does not parse keeps its error for the checker to report.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::fmt;

/// One piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Text sent as written.
    Literal(String),
    /// `{name}`: a path parameter, with the byte offset of the name in the template.
    Param(String, usize),
}

/// Why a template does not parse: the byte offset and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    /// Byte offset within the template.
    pub offset: usize,
    /// What went wrong.
    pub message: &'static str,
}

/// A `path:` value as written, parsed when the spec is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathSyntax {
    /// The template as written.
    pub text: String,
    /// Its segments, or why it does not parse.
    pub parsed: Result<Vec<Segment>, PathError>,
}

impl PathSyntax {
    /// Parses `text`.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let parsed = parse(&text);
        Self { text, parsed }
    }
}

fn parse(text: &str) -> Result<Vec<Segment>, PathError> {
    let mut segments = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(PathError {
                offset: offset + open,
                message: "`}` without a `{` before it",
            });
        }
        let after = &rest[open + 1..];
        let Some(close) = after
            .find(['{', '}'])
            .filter(|&i| after[i..].starts_with('}'))
        else {
            return Err(PathError {
                offset: offset + open,
                message: "`{` is not closed by `}`",
            });
        };
        let name = &after[..close];
        if name.is_empty() {
            return Err(PathError {
                offset: offset + open,
                message: "`{}` names no parameter",
            });
        }
        if open > 0 {
            segments.push(Segment::Literal(rest[..open].to_owned()));
        }
        segments.push(Segment::Param(name.to_owned(), offset + open + 1));
        let consumed = open + 1 + close + 1;
        offset += consumed;
        rest = &rest[consumed..];
    }
    if !rest.is_empty() {
        segments.push(Segment::Literal(rest.to_owned()));
    }
    Ok(segments)
}

impl fmt::Display for PathSyntax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for PathSyntax {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

impl JsonSchema for PathSyntax {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "PathTemplate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_literals_and_parameters() {
        assert_eq!(
            parse("/a/{id}/b{x}").unwrap(),
            vec![
                Segment::Literal("/a/".into()),
                Segment::Param("id".into(), 4),
                Segment::Literal("/b".into()),
                Segment::Param("x".into(), 10),
            ]
        );
    }

    #[test]
    fn reports_where_it_went_wrong() {
        assert_eq!(parse("/a/{id").unwrap_err().offset, 3);
        assert_eq!(parse("/a/{}").unwrap_err().offset, 3);
        assert_eq!(parse("/a}").unwrap_err().offset, 2);
        assert_eq!(parse("/{a{b}}").unwrap_err().offset, 1);
    }
}
