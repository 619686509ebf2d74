//! The `events:` section: each event's type name, envelope version, payload type and variant
//! name, and the IR built from them.

use super::{Checker, all};
use crate::ir;
use crate::naming;
use crate::spec::{EventDef, TypeKind};
use std::collections::BTreeMap;

/// Variant names the generated `Event` enum keeps for itself.
const RESERVED_VARIANTS: [&str; 2] = ["Unknown", "Unfit"];

impl<'a> Checker<'a> {
    /// Every event, sorted by event type.
    pub(super) fn events(&mut self) -> Option<Vec<ir::Event>> {
        let spec = self.spec;
        let mut names: BTreeMap<&str, usize> = BTreeMap::new();
        let mut variants: BTreeMap<String, &str> = BTreeMap::new();
        let mut built = Vec::with_capacity(spec.events.len());
        for event in &spec.events {
            let name_ok = self.event_name(event, &mut names);
            let variant = self.event_variant(event);
            // A repeated event type is reported once, not again as a repeated variant.
            if let Some(variant) = &variant
                && name_ok.is_some()
                && let Some(other) = variants.insert(variant.name.clone(), &event.name.value)
            {
                let span = event.rust_name.as_ref().map_or(event.name.span, |n| n.span);
                self.error(
                    span,
                    format!(
                        "event `{}` gets the variant name `{}`, as event `{other}` does",
                        event.name.value, variant.name
                    ),
                    "a distinct `rust_name:` in UpperCamelCase",
                );
            }
            let envelope = self.event_envelope(event);
            let payload = self.event_payload(event);
            let docs = self.docs(&event.doc, event.quirk.as_ref(), Some(&event.source));
            built.push((|| {
                name_ok?;
                Some(ir::Event {
                    name: event.name.value.clone(),
                    variant: variant?,
                    envelope: envelope?,
                    payload: payload?,
                    docs: docs?,
                })
            })());
        }
        let mut events = all(built)?;
        events.sort_by(|a, b| a.name.cmp(&b.name));
        Some(events)
    }

    /// The event type is text without spaces, listed once.
    fn event_name<'s>(
        &mut self,
        event: &'s EventDef,
        seen: &mut BTreeMap<&'s str, usize>,
    ) -> Option<()> {
        let name = &event.name;
        if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.error(
                name.span,
                format!("`{}` cannot be an event type", name.value.escape_debug()),
                "the event type as the page names it, e.g. `approval_instance`",
            );
            return None;
        }
        if let Some(line) = seen.insert(name.as_str(), name.span.line) {
            self.error(
                name.span,
                format!(
                    "event type `{}` is listed twice (first on line {line})",
                    name.value
                ),
                "each event type once",
            );
            return None;
        }
        Some(())
    }

    fn event_variant(&mut self, event: &EventDef) -> Option<naming::RustIdent> {
        let rust_name = event.rust_name.as_ref();
        match naming::variant_ident(&event.name, rust_name.map(|n| n.value.as_str())) {
            Ok(ident) if !ident.raw && !RESERVED_VARIANTS.contains(&ident.name.as_str()) => {
                Some(ident)
            }
            _ => {
                let (span, message) = match rust_name {
                    Some(name) => (
                        name.span,
                        format!("`{}` cannot name an event variant", name.value),
                    ),
                    None => (
                        event.name.span,
                        format!(
                            "event type `{}` does not give a variant name",
                            event.name.value
                        ),
                    ),
                };
                self.error(
                    span,
                    message,
                    format!(
                        "a `rust_name:` in UpperCamelCase, other than {}",
                        RESERVED_VARIANTS.join(" and ")
                    ),
                );
                None
            }
        }
    }

    fn event_envelope(&mut self, event: &EventDef) -> Option<ir::EnvelopeVersion> {
        match event.version.as_str() {
            "v1" => Some(ir::EnvelopeVersion::V1),
            "v2" => Some(ir::EnvelopeVersion::V2),
            other => {
                self.error(
                    event.version.span,
                    format!("`{other}` is not an event envelope version"),
                    "`v1` (`ts`, `uuid`, `token`, `type`, `event`) or `v2` (`schema`, `header`, `event`)",
                );
                None
            }
        }
    }

    fn event_payload(&mut self, event: &EventDef) -> Option<naming::RustIdent> {
        let payload = &event.payload;
        match self.kind_of(payload) {
            Some(TypeKind::Object) => Some(naming::type_ident(payload)),
            Some(kind) => {
                self.error(
                    payload.span,
                    format!(
                        "payload type `{}` of event `{}` is {}, not an object",
                        payload.value,
                        event.name.value,
                        kind_name(kind)
                    ),
                    "the name of a `kind: object` type under `types:` (an event is a JSON object)",
                );
                None
            }
            None => {
                let objects: Vec<&str> = self
                    .spec
                    .types
                    .iter()
                    .filter(|(_, def)| def.kind.value == TypeKind::Object)
                    .map(|(name, _)| name.value.as_str())
                    .collect();
                let expected = if objects.is_empty() {
                    "an object type under `types:` (there is none)".to_owned()
                } else {
                    format!(
                        "one of the object types under `types:` ({})",
                        objects.join(", ")
                    )
                };
                self.error(
                    payload.span,
                    format!(
                        "unknown payload type `{}` for event `{}`",
                        payload.value, event.name.value
                    ),
                    expected,
                );
                None
            }
        }
    }
}

fn kind_name(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Object => "an object",
        TypeKind::Enum => "an enum",
        TypeKind::Newtype => "a newtype",
        TypeKind::Union => "a union",
    }
}
