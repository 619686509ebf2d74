//! The vendor's common parameters (its `Context`): credentials become security schemes (API
//! keys in a header or the query, as the vendor sends them), the other common parameters
//! (tenant and user headers, trace ids) reusable parameter components.

use super::json::{Node, Obj};
use super::paths::parameter;
use super::schemas::{Internal, Schemas};
use crate::ir::Field;

/// A component key for `name` (OpenAPI allows `[A-Za-z0-9._-]`).
fn component_key(prefix: &str, name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}{cleaned}")
}

/// The common parameters of one vendor, split into credentials and plain parameters.
pub struct Common {
    /// `(scheme name, security scheme)`.
    pub schemes: Vec<(String, Obj)>,
    /// `(component name, parameter)`.
    pub parameters: Vec<(String, Obj)>,
}

impl Common {
    /// Splits the vendor's context headers and query parameters.
    pub fn new(schemas: &Schemas<'_>) -> Result<Self, Internal> {
        let vendor = schemas.vendor;
        let mut common = Self {
            schemes: Vec::new(),
            parameters: Vec::new(),
        };
        let located = vendor
            .context_headers
            .iter()
            .map(|f| (f, "header"))
            .chain(vendor.context_query.iter().map(|f| (f, "query")));
        for (field, location) in located {
            if field.secret {
                common
                    .schemes
                    .push((component_key("", &field.wire), scheme(field, location)));
            } else {
                common.parameters.push((
                    component_key("Context.", &field.wire),
                    parameter(schemas, field, location)?,
                ));
            }
        }
        Ok(common)
    }

    /// References to the plain common parameters, for an operation that carries the context.
    pub fn parameter_refs(&self) -> Vec<Obj> {
        self.parameters
            .iter()
            .map(|(name, _)| Obj::new().with("$ref", format!("#/components/parameters/{name}")))
            .collect()
    }

    /// The security requirement of an operation that carries the context: every credential
    /// together.
    pub fn requirement(&self) -> Node {
        if self.schemes.is_empty() {
            return Node::Array(Vec::new());
        }
        let mut all = Obj::new();
        for (name, _) in &self.schemes {
            all.set(name, Node::Array(Vec::new()));
        }
        Node::Array(vec![all.into()])
    }
}

fn scheme(field: &Field, location: &str) -> Obj {
    let mut out = Obj::new()
        .with("type", "apiKey")
        .with("in", location)
        .with("name", &field.wire);
    let mut text = field.docs.text.trim_end().to_owned();
    if let Some(quirk) = &field.docs.quirk {
        text.push_str("\n\n");
        text.push_str(quirk.trim_end());
    }
    if !text.trim().is_empty() {
        out.set("description", text);
    }
    out
}
