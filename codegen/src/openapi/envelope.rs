//! The vendor's response envelope as it is on the wire: the success shape of each endpoint
//! (wrapped: the payload under its field; inline: the payload's fields beside the status
//! fields), the error shape, and the error-code table.

use super::extensions as x;
use super::json::{Node, Obj, strings};
use super::schemas::{Internal, Schemas, reference};
use crate::ir::{Endpoint, Vendor};

/// Component name of the error envelope (a dot cannot occur in a type name, so no clash).
pub const ERROR_COMPONENT: &str = "Envelope.Error";
/// Component name of the error-code table.
pub const CODE_COMPONENT: &str = "Envelope.ErrorCode";

/// Whether the vendor documents no HTTP status for any error code: then the status is not
/// the signal (decoding reads the code), and a 200 response may carry the error envelope.
pub fn errors_under_200(vendor: &Vendor) -> bool {
    !vendor.errors.iter().any(|e| e.http_status.is_some())
}

fn status_fields(schemas: &Schemas<'_>, code: Obj) -> Result<(Obj, Vec<String>), Internal> {
    let envelope = &schemas.vendor.envelope;
    let mut properties = Obj::new()
        .with(&envelope.code, code)
        .with(&envelope.message, Obj::new().with("type", "string"));
    let mut required = vec![envelope.code.clone()];
    for field in &envelope.fields {
        properties.set(&field.wire, schemas.field(field, &envelope.fields)?);
        if field.presence.is_required() {
            required.push(field.wire.clone());
        }
    }
    Ok((properties, required))
}

/// The success envelope of one endpoint, inline in its 200 response.
pub fn success(schemas: &Schemas<'_>, endpoint: &Endpoint) -> Result<Obj, Internal> {
    let envelope = &schemas.vendor.envelope;
    let code = Obj::new()
        .with("type", "integer")
        .with("format", "int64")
        .with("enum", vec![Node::Int(envelope.success)]);
    let (mut properties, required) = status_fields(schemas, code)?;
    let payload = endpoint
        .response
        .as_ref()
        .map(|ty| reference(ty.name.as_str()));
    let mut head = Obj::new().with("type", "object");
    match (&envelope.payload, payload) {
        (Some(field), Some(payload)) => {
            properties.set(field, payload);
            head.set("properties", properties);
            head.set("required", strings(required));
            Ok(head)
        }
        (None, Some(payload)) => {
            head.set("properties", properties);
            head.set("required", strings(required));
            Ok(Obj::new().with("allOf", vec![Node::from(head), payload.into()]))
        }
        (_, None) => {
            head.set("properties", properties);
            head.set("required", strings(required));
            Ok(head)
        }
    }
}

/// The error envelope and the error-code table, as components.
pub fn components(schemas: &Schemas<'_>) -> Result<Vec<(String, Obj)>, Internal> {
    let vendor = schemas.vendor;
    let envelope = &vendor.envelope;
    let (properties, required) = status_fields(schemas, reference(CODE_COMPONENT))?;
    let main = Obj::new()
        .with("type", "object")
        .with("required", strings(required))
        .with("properties", properties);
    let mut shape = Obj::new()
        .with(
            "style",
            if envelope.payload.is_some() {
                "wrapped"
            } else {
                "inline"
            },
        )
        .with("code", &envelope.code)
        .with("message", &envelope.message)
        .with("success", envelope.success);
    if let Some(payload) = &envelope.payload {
        shape.set("payload", payload);
    }
    let mut error = match &envelope.alternate {
        None => main,
        Some(alternate) => {
            shape.set(
                "alternate_error",
                Obj::new()
                    .with("code", &alternate.code)
                    .with("message", &alternate.message),
            );
            let second = Obj::new()
                .with("type", "object")
                .with("required", strings([alternate.code.clone()]))
                .with(
                    "properties",
                    Obj::new()
                        .with(&alternate.code, reference(CODE_COMPONENT))
                        .with(&alternate.message, Obj::new().with("type", "string")),
                );
            Obj::new().with("anyOf", vec![Node::from(main), second.into()])
        }
    };
    x::docs(&mut error, &envelope.docs);
    error.set(x::ENVELOPE, shape);

    let mut codes = Obj::new().with("type", "integer").with("format", "int64");
    if !vendor.errors.is_empty() {
        codes.set(
            "enum",
            vendor
                .errors
                .iter()
                .map(|e| Node::Int(e.code))
                .collect::<Vec<_>>(),
        );
    }
    codes.set(x::OPEN_ENUM, true);
    codes.set(
        x::ENUM_VARNAMES,
        strings(vendor.errors.iter().map(|e| e.variant.name.as_str())),
    );
    codes.set(
        x::ENUM_DESCRIPTIONS,
        strings(vendor.errors.iter().map(|e| e.docs.text.trim_end())),
    );
    let table: Vec<Node> = vendor
        .errors
        .iter()
        .map(|e| {
            let mut row = Obj::new()
                .with("code", e.code)
                .with("name", e.variant.name.as_str());
            if let Some(message) = &e.message {
                row.set("message", message);
            }
            if let Some(status) = e.http_status {
                row.set("http_status", u32::from(status));
            }
            if let Some(quirk) = &e.docs.quirk {
                row.set(x::QUIRK, quirk.trim_end());
            }
            if let Some(source) = &e.docs.source {
                row.set(x::SOURCE, x::source_ref(source));
            }
            row.into()
        })
        .collect();
    codes.set(x::ERROR_TABLE, table);
    codes.set(
        "description",
        "The vendor's error codes. Codes not listed decode too and keep their number.",
    );
    Ok(vec![
        (ERROR_COMPONENT.to_owned(), error),
        (CODE_COMPONENT.to_owned(), codes),
    ])
}
