//! Paths and operations: one operation per endpoint (`operationId` = the endpoint's spec name),
//! its parameters by location, its body, its responses (the envelope as on the wire, one error
//! response per documented HTTP status) and its metadata.

use super::envelope::{self, ERROR_COMPONENT};
use super::extensions as x;
use super::json::{Node, Obj, strings};
use super::schemas::{Internal, Schemas, reference};
use super::security::Common;
use crate::ir::{Endpoint, Field, PathSegment};
use std::collections::BTreeMap;

/// A parameter object for `field` in `location` (`path`, `query`, `header`).
pub fn parameter(schemas: &Schemas<'_>, field: &Field, location: &str) -> Result<Obj, Internal> {
    let mut schema = schemas.ty(&field.ty, Some(&field.constraints));
    if let Some(default) = &field.default {
        schema = schemas.open(schema);
        schema.set("default", schemas.literal(&default.literal)?);
    }
    let mut out = Obj::new().with("name", &field.wire).with("in", location);
    x::docs(&mut out, &field.docs);
    out.set(
        "required",
        location == "path" || field.presence.is_required(),
    );
    if field.secret {
        out.set(x::SECRET, true);
    }
    Ok(out.with("schema", schema))
}

/// The path as OpenAPI writes it, built from the parsed segments.
fn path_text(endpoint: &Endpoint) -> Result<String, Internal> {
    let mut out = String::new();
    for segment in &endpoint.path {
        match segment {
            PathSegment::Literal(text) => out.push_str(text),
            PathSegment::Param(index) => {
                let param = endpoint.path_params.get(*index).ok_or_else(|| {
                    format!(
                        "endpoint `{}`: path parameter {index} missing",
                        endpoint.name
                    )
                })?;
                out.push('{');
                out.push_str(&param.wire);
                out.push('}');
            }
        }
    }
    Ok(out)
}

fn json_content(schema: Obj) -> Obj {
    Obj::new().with("application/json", Obj::new().with("schema", schema))
}

fn responses(schemas: &Schemas<'_>, endpoint: &Endpoint) -> Result<Obj, Internal> {
    let vendor = schemas.vendor;
    let success = envelope::success(schemas, endpoint)?;
    let (schema, description) = if envelope::errors_under_200(vendor) {
        (
            Obj::new().with(
                "anyOf",
                vec![Node::from(success), reference(ERROR_COMPONENT).into()],
            ),
            format!(
                "The success envelope (`{}` = {}), or the error envelope: the vendor documents no HTTP status for its errors, so the code tells them apart, not the status.",
                vendor.envelope.code, vendor.envelope.success
            ),
        )
    } else {
        (
            success,
            format!(
                "The success envelope (`{}` = {}).",
                vendor.envelope.code, vendor.envelope.success
            ),
        )
    };
    let mut out = Obj::new().with(
        "200",
        Obj::new()
            .with("description", description)
            .with("content", json_content(schema)),
    );
    let mut by_status: BTreeMap<u16, Vec<&crate::ir::ErrorEntry>> = BTreeMap::new();
    for code in &endpoint.errors {
        let entry = vendor
            .errors
            .iter()
            .find(|e| e.code == *code)
            .ok_or_else(|| {
                format!(
                    "endpoint `{}`: error {code} not in the table",
                    endpoint.name
                )
            })?;
        if let Some(status) = entry.http_status {
            by_status.entry(status).or_default().push(entry);
        }
    }
    for (status, entries) in by_status {
        let listed: Vec<String> = entries
            .iter()
            .map(|e| match &e.message {
                Some(message) => format!("{} ({message})", e.code),
                None => e.code.to_string(),
            })
            .collect();
        out.set(
            status.to_string(),
            Obj::new()
                .with("description", format!("Error codes {}.", listed.join(", ")))
                .with("content", json_content(reference(ERROR_COMPONENT)))
                .with(
                    x::ERROR_CODES,
                    entries
                        .iter()
                        .map(|e| Node::Int(e.code))
                        .collect::<Vec<_>>(),
                ),
        );
    }
    let undocumented: Vec<Node> = endpoint
        .errors
        .iter()
        .filter(|code| {
            vendor
                .errors
                .iter()
                .any(|e| e.code == **code && e.http_status.is_none())
        })
        .map(|code| Node::Int(*code))
        .collect();
    let mut default = Obj::new()
        .with(
            "description",
            "Any other status: the vendor's error envelope (codes not listed decode too).",
        )
        .with("content", json_content(reference(ERROR_COMPONENT)));
    if !undocumented.is_empty() {
        default.set(x::ERROR_CODES, undocumented);
    }
    out.set("default", default);
    Ok(out)
}

fn operation(schemas: &Schemas<'_>, common: &Common, endpoint: &Endpoint) -> Result<Obj, Internal> {
    let mut op = Obj::new().with("operationId", &endpoint.name);
    x::docs(&mut op, &endpoint.docs);
    if let Some(url) = &endpoint.doc_url {
        op.set("externalDocs", Obj::new().with("url", url));
    }
    let mut parameters: Vec<Node> = Vec::new();
    for field in &endpoint.path_params {
        parameters.push(parameter(schemas, field, "path")?.into());
    }
    for field in &endpoint.query {
        parameters.push(parameter(schemas, field, "query")?.into());
    }
    for field in &endpoint.headers {
        parameters.push(parameter(schemas, field, "header")?.into());
    }
    if endpoint.takes_context {
        parameters.extend(common.parameter_refs().into_iter().map(Node::from));
    }
    if !parameters.is_empty() {
        op.set("parameters", parameters);
    }
    if let Some(body) = &endpoint.body {
        op.set(
            "requestBody",
            Obj::new()
                .with("required", true)
                .with("content", json_content(reference(body.name.as_str()))),
        );
    }
    op.set("responses", responses(schemas, endpoint)?);
    op.set(
        "security",
        if endpoint.takes_context {
            common.requirement()
        } else {
            Node::Array(Vec::new())
        },
    );
    if let Some(limit) = &endpoint.rate_limit {
        op.set(x::RATE_LIMIT, x::rate_limit(limit));
    }
    if !endpoint.scopes.is_empty() {
        op.set(x::SCOPES, strings(endpoint.scopes.iter().cloned()));
    }
    if let Some(pagination) = &endpoint.pagination {
        op.set(x::PAGINATION, x::pagination(pagination));
    }
    Ok(op)
}

/// The `paths` object, paths in the order their first endpoint comes (endpoints are sorted).
pub fn paths(schemas: &Schemas<'_>, common: &Common) -> Result<Obj, Internal> {
    let mut out = Obj::new();
    for endpoint in &schemas.vendor.endpoints {
        let path = path_text(endpoint)?;
        let method = endpoint.method.as_str().to_ascii_lowercase();
        let op = operation(schemas, common, endpoint)?;
        let item = match out.get_mut(&path) {
            Some(Node::Object(item)) => item,
            _ => {
                out.set(path.clone(), Obj::new());
                match out.get_mut(&path) {
                    Some(Node::Object(item)) => item,
                    _ => return Err("a path item just set is missing".into()),
                }
            }
        };
        if item.contains(&method) {
            return Err(format!(
                "two endpoints are `{} {path}`, and OpenAPI has one operation per method and path (second: `{}`)",
                endpoint.method.as_str(),
                endpoint.name
            ));
        }
        item.set(method, op);
    }
    Ok(out)
}
