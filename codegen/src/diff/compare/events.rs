//! Changes to events: added, removed, a new payload type, envelope version or variant name.
//! Events are received, so their changes break the wire only for old decoders.

use super::Differ;
use crate::diff::{Direction, Rule};
use crate::naming;
use crate::spec::EventDef;
use std::collections::BTreeMap;

/// What an event is listed as: its payload type and envelope, `` `ApprovalTaskEvent` (v1) ``.
fn listed(event: &EventDef) -> String {
    format!("`{}` ({})", event.payload.value, event.version.value)
}

/// The variant name the generator gives the event (unusable names are the checker's concern).
fn variant(event: &EventDef) -> String {
    naming::variant_ident(&event.name, event.rust_name.as_ref().map(|n| n.as_str()))
        .map_or_else(|unusable| unusable, |ident| ident.name)
}

fn by_name(events: &[EventDef]) -> BTreeMap<&str, &EventDef> {
    events.iter().map(|e| (e.name.as_str(), e)).collect()
}

impl Differ<'_> {
    pub(super) fn events(&mut self) {
        let (before, after) = (by_name(&self.before.events), by_name(&self.after.events));
        for (name, event) in &after {
            let item = format!("events.{name}");
            let Some(old) = before.get(name) else {
                self.push(
                    Rule::EventAdded,
                    &item,
                    listed(event),
                    event.name.span,
                    Direction::Response,
                );
                continue;
            };
            self.if_changed(
                Rule::EventPayloadChanged,
                &item,
                format!("`{}`", old.payload.value),
                format!("`{}`", event.payload.value),
                event.payload.span,
                Direction::Response,
            );
            self.if_changed(
                Rule::EventEnvelopeChanged,
                &item,
                old.version.value.clone(),
                event.version.value.clone(),
                event.version.span,
                Direction::Response,
            );
            self.if_changed(
                Rule::EventVariantRenamed,
                &item,
                format!("`Event::{}`", variant(old)),
                format!("`Event::{}`", variant(event)),
                event.rust_name.as_ref().map_or(event.name.span, |n| n.span),
                Direction::Response,
            );
            let quirk = |e: &EventDef| e.quirk.as_ref().map(|q| q.value.clone());
            if old.doc.value != event.doc.value || quirk(old) != quirk(event) {
                self.push(
                    Rule::DocChanged,
                    &item,
                    "description",
                    event.doc.span,
                    Direction::Neither,
                );
            }
        }
        for (name, event) in before.iter().filter(|(n, _)| !after.contains_key(*n)) {
            self.push(
                Rule::EventRemoved,
                &format!("events.{name}"),
                listed(event),
                self.after.vendor.span,
                Direction::Response,
            );
        }
    }
}
