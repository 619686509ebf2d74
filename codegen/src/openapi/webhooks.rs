//! Events as OpenAPI webhooks (3.1 `webhooks`; 3.0 has no such field, so `x-webhooks`): one
//! `POST` per event type, its body the envelope the event comes in with the payload type as
//! `event`. The envelopes' fields are those `event-structure.txt` lists, all strings in its
//! examples; what the pages add (encryption, signature headers, the 3-second answer) is said in
//! the descriptions, since OpenAPI cannot express decryption.

use super::extensions as x;
use super::json::{Node, Obj};
use super::schemas::reference;
use crate::ir::{EnvelopeVersion, Event, Vendor};

fn strings(names: &[&str]) -> Obj {
    let mut properties = Obj::new();
    for name in names {
        properties.set(*name, Obj::new().with("type", "string"));
    }
    properties
}

/// The envelope of one event, `event` being its payload type.
fn envelope(event: &Event) -> Obj {
    let payload = reference(&event.payload.name);
    match event.envelope {
        EnvelopeVersion::V1 => {
            let mut properties = strings(&["ts", "uuid", "token", "type"]);
            properties.set("event", payload);
            Obj::new()
                .with("type", "object")
                .with("properties", properties)
                .with(
                    "description",
                    "Envelope v1: `uuid` is the dedupe key, `token` the verification token.",
                )
        }
        EnvelopeVersion::V2 => {
            let header = Obj::new().with("type", "object").with(
                "properties",
                strings(&[
                    "event_id",
                    "token",
                    "create_time",
                    "event_type",
                    "tenant_key",
                    "app_id",
                ]),
            );
            let mut properties = strings(&["schema"]);
            properties.set("header", header);
            properties.set("event", payload);
            Obj::new()
                .with("type", "object")
                .with("properties", properties)
                .with("description", "Envelope v2: `header.event_id` is the dedupe key, `header.token` the verification token.")
        }
    }
}

const DELIVERY: &str = "With an encrypt key the body is `{\"encrypt\": \"…\"}` (AES-256-CBC, base64) and signed in `X-Lark-Signature` over the raw body; answer HTTP 200 within 3 seconds or the event is sent again.";

/// The vendor's events as webhook path items, by event type; `None` when it has none.
pub fn webhooks(vendor: &Vendor) -> Option<Obj> {
    if vendor.events.is_empty() {
        return None;
    }
    let mut hooks = Obj::new();
    for event in &vendor.events {
        let encrypted = Obj::new()
            .with("type", "object")
            .with("required", Node::Array(vec!["encrypt".into()]))
            .with("properties", strings(&["encrypt"]));
        let body = Obj::new().with(
            "oneOf",
            Node::Array(vec![envelope(event).into(), encrypted.into()]),
        );
        let content = Obj::new().with("application/json", Obj::new().with("schema", body));
        let mut operation = Obj::new()
            .with("operationId", format!("event_{}", event.variant.name))
            .with("summary", event.name.as_str());
        x::docs(&mut operation, &event.docs);
        let description = match operation.get("description") {
            Some(Node::Str(text)) => format!("{text}\n\n{DELIVERY}"),
            _ => DELIVERY.to_owned(),
        };
        operation.set("description", description);
        operation.set(
            "requestBody",
            Obj::new().with("required", true).with("content", content),
        );
        operation.set(
            "responses",
            Obj::new().with(
                "200",
                Obj::new().with("description", "Received (acknowledge within 3 seconds)."),
            ),
        );
        hooks.set(event.name.as_str(), Obj::new().with("post", operation));
    }
    Some(hooks)
}
