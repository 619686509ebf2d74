//! Request validation: every violation, each with the JSON path of the field.
//!
//! Generated `validate()` methods walk a request with a [`Path`] that lives on the stack and is
//! only rendered to text when a rule fails, so a passing check allocates nothing.

use std::fmt;

/// One step of a JSON path.
#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    Root,
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

/// A JSON path being walked, e.g. `form[2].value`.
#[derive(Clone, Copy, Debug)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

impl<'a> Path<'a> {
    /// The document root.
    pub const ROOT: Path<'static> = Path {
        parent: None,
        segment: Segment::Root,
    };

    /// The path of a field of this object, by its wire name.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Field(name),
        }
    }

    /// The path of an element of this array.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// The path of an entry of this map.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    fn render(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.render(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
            Segment::Key(key) => out.push_str(&format!("[{key:?}]")),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.render(&mut out);
        f.write_str(if out.is_empty() { "$" } else { &out })
    }
}

/// The kind of rule a value broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A number is below its minimum.
    Minimum,
    /// A number is above its maximum.
    Maximum,
    /// A string or list is shorter than allowed.
    MinLength,
    /// A string or list is longer than allowed.
    MaxLength,
    /// A string does not have the required form.
    Pattern,
    /// A decimal has more fraction digits than allowed.
    Scale,
    /// An enum value the spec does not list.
    UnknownValue,
    /// A value the vendor refuses in requests.
    NotAllowed,
    /// Two fields are out of order or too far apart.
    Range,
    /// None of several fields, at least one of which is required, is present.
    OneOf,
    /// Every one of several fields, at least one of which must have a value, is absent or empty.
    NotAllEmpty,
    /// One of two fields that go together is present without the other.
    BothOrNeither,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Minimum => "minimum",
            Self::Maximum => "maximum",
            Self::MinLength => "min_length",
            Self::MaxLength => "max_length",
            Self::Pattern => "pattern",
            Self::Scale => "scale",
            Self::UnknownValue => "unknown_value",
            Self::NotAllowed => "not_allowed",
            Self::Range => "range",
            Self::OneOf => "one_of",
            Self::NotAllEmpty => "not_all_empty",
            Self::BothOrNeither => "both_or_neither",
        })
    }
}

/// One violated rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// JSON path of the field, e.g. `form[2].value`.
    pub path: String,
    /// The rule broken.
    pub rule: Rule,
    /// What the rule expects, in words.
    pub expected: String,
    /// The offending value as text; `[redacted]` for secret fields.
    pub value: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({}), found {}",
            self.path, self.expected, self.rule, self.value
        )
    }
}

/// Every violation found in one value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationErrors(Vec<ValidationError>);

impl ValidationErrors {
    /// Records a violation at `path`.
    pub fn push(
        &mut self,
        path: &Path<'_>,
        rule: Rule,
        expected: impl Into<String>,
        value: impl fmt::Display,
    ) {
        self.0.push(ValidationError {
            path: path.to_string(),
            rule,
            expected: expected.into(),
            value: value.to_string(),
        });
    }

    /// The violations, in the order found.
    pub fn errors(&self) -> &[ValidationError] {
        &self.0
    }

    /// Whether nothing was violated.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when empty.
    pub fn into_result(self) -> Result<(), Self> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} validation error(s)", self.0.len())?;
        for error in &self.0 {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Implemented by every generated type that has rules, and by containers of them.
pub trait Validate {
    /// Checks this value found at `path`, adding every violation to `errors`.
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors);

    /// Checks this value, collecting every violation.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.validate_at(&Path::ROOT, &mut errors);
        errors.into_result()
    }

    /// The value itself when it passes, so building and checking read as one step:
    /// `Request::new(...).validated()?`.
    fn validated(self) -> Result<Self, ValidationErrors>
    where
        Self: Sized,
    {
        self.validate().map(|()| self)
    }
}

/// The body of an endpoint that has none: nothing to check.
impl Validate for () {
    fn validate_at(&self, _path: &Path<'_>, _errors: &mut ValidationErrors) {}
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        if let Some(value) = self {
            value.validate_at(path, errors);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        for (index, item) in self.iter().enumerate() {
            item.validate_at(&path.index(index), errors);
        }
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        for (key, item) in self {
            item.validate_at(&path.key(key), errors);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        (**self).validate_at(path, errors);
    }
}

impl<T: Validate> Validate for crate::JsonString<T> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        self.get().validate_at(path, errors);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_like_json_paths() {
        let root = Path::ROOT;
        let form = root.field("form");
        let second = form.index(2);
        let value = second.field("value");
        assert_eq!(value.to_string(), "form[2].value");
        assert_eq!(Path::ROOT.to_string(), "$");
        assert_eq!(root.field("m").key("k").to_string(), "m[\"k\"]");
    }
}

pub mod rules;
