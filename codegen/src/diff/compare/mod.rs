//! Walks two spec sets side by side and lists every semantic change: vendor-level parts here,
//! types, fields and endpoints in the submodules.

use super::text;
use super::{Change, Direction, Location, Rule};
use crate::load::LoadedSpec;
use crate::spec::type_expr::{self, TypeSyntax};
use crate::spec::{EnumRepr, Field, Span, SpecFile, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

mod endpoints;
mod events;
mod fields;
mod types;

/// Every change from `old` to `new`, vendor by vendor, in a stable order.
pub fn compare(old: &[LoadedSpec], new: &[LoadedSpec]) -> Vec<Change> {
    let (old, new) = (by_vendor(old), by_vendor(new));
    let mut changes = Vec::new();
    let vendors: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for vendor in vendors {
        match (old.get(vendor), new.get(vendor)) {
            (Some((_, before)), Some((file, after))) => {
                let mut differ = Differ {
                    vendor,
                    file,
                    before,
                    after,
                    directions: directions(after),
                    old_directions: directions(before),
                    changes: &mut changes,
                };
                differ.vendor();
            }
            (None, Some((file, after))) => changes.push(change(
                Rule::VendorAdded,
                vendor,
                "vendor",
                "new vendor spec",
                file,
                after.vendor.span,
                Direction::Neither,
            )),
            (Some((file, before)), None) => vendor_removed(vendor, file, before, &mut changes),
            (None, None) => {}
        }
    }
    changes
}

/// A removed vendor: the spec, then each endpoint and type it took along, so the report says
/// what downstream code loses.
fn vendor_removed(vendor: &str, file: &str, spec: &SpecFile, changes: &mut Vec<Change>) {
    changes.push(change(
        Rule::VendorRemoved,
        vendor,
        "vendor",
        &format!(
            "`{file}` removed: {} endpoint(s), {} type(s)",
            spec.endpoints.iter().count(),
            spec.types.iter().count()
        ),
        file,
        spec.vendor.span,
        Direction::Both,
    ));
    for event in &spec.events {
        changes.push(change(
            Rule::EventRemoved,
            vendor,
            &format!("events.{}", event.name.value),
            &format!("`{}` ({})", event.payload.value, event.version.value),
            file,
            event.name.span,
            Direction::Response,
        ));
    }
    for (name, endpoint) in spec.endpoints.iter() {
        changes.push(change(
            Rule::EndpointRemoved,
            vendor,
            &format!("endpoints.{}", name.value),
            &endpoints::route(endpoint),
            file,
            name.span,
            Direction::Both,
        ));
    }
    let directions = directions(spec);
    for (name, def) in spec.types.iter() {
        changes.push(change(
            Rule::TypeRemoved,
            vendor,
            &format!("types.{}", name.value),
            text::kind(def.kind.value),
            file,
            name.span,
            directions
                .get(&name.value)
                .copied()
                .unwrap_or(Direction::Neither),
        ));
    }
}

fn by_vendor(specs: &[LoadedSpec]) -> BTreeMap<String, (String, &SpecFile)> {
    specs
        .iter()
        .map(|s| (s.spec.vendor.value.clone(), (display(&s.path), &s.spec)))
        .collect()
}

pub(super) fn enum_values(
    def: &TypeDef,
    integer: bool,
) -> BTreeMap<String, &crate::spec::EnumValue> {
    let repr = if integer {
        EnumRepr::Integer
    } else {
        EnumRepr::String
    };
    let key = |v: &str| repr.canonical(v);
    def.values
        .iter()
        .flatten()
        .map(|v| (key(&v.value), v))
        .collect()
}

pub(super) fn union_variants(def: &TypeDef) -> BTreeMap<String, &crate::spec::Variant> {
    def.variants
        .iter()
        .flatten()
        .map(|v| (v.value.value.clone(), v))
        .collect()
}

fn display(path: &std::path::Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn change(
    rule: Rule,
    vendor: &str,
    item: &str,
    detail: &str,
    file: &str,
    span: Span,
    direction: Direction,
) -> Change {
    Change {
        rule,
        vendor: vendor.to_owned(),
        item: item.to_owned(),
        detail: detail.to_owned(),
        location: Location {
            file: file.to_owned(),
            line: span.line,
        },
        direction,
    }
}

/// Which way each named type travels: reachable from request bodies and parameters, from
/// responses and the envelope, or both.
fn directions(spec: &SpecFile) -> BTreeMap<String, Direction> {
    let types: BTreeMap<&str, &TypeDef> = spec
        .types
        .iter()
        .map(|(n, d)| (n.value.as_str(), d))
        .collect();
    let reach = |roots: Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut stack = roots;
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let Some(def) = types.get(name.as_str()) else {
                continue;
            };
            for field in def.fields.iter().flatten() {
                stack.extend(field_type(field).named);
            }
            stack.extend(def.variants.iter().flatten().map(|v| v.ty.value.clone()));
        }
        seen
    };
    let endpoints: Vec<&crate::spec::Endpoint> = spec.endpoints.iter().map(|(_, e)| e).collect();
    let mut request_roots: Vec<String> = endpoints
        .iter()
        .filter_map(|e| e.body.as_ref().map(|b| b.value.clone()))
        .collect();
    for field in endpoints
        .iter()
        .flat_map(|e| e.path_params.iter().chain(&e.query).chain(&e.headers))
        .chain(&spec.common.headers)
        .chain(&spec.common.query)
    {
        request_roots.extend(field_type(field).named);
    }
    let mut response_roots: Vec<String> = endpoints
        .iter()
        .filter_map(|e| e.response.as_ref().map(|r| r.value.clone()))
        .collect();
    for field in &spec.envelope.fields {
        response_roots.extend(field_type(field).named);
    }
    // Event payloads arrive from the vendor, as responses do.
    response_roots.extend(spec.events.iter().map(|e| e.payload.value.clone()));
    let (sent, received) = (reach(request_roots), reach(response_roots));
    types
        .keys()
        .map(|name| {
            let direction = match (sent.contains(*name), received.contains(*name)) {
                (true, true) => Direction::Both,
                (true, false) => Direction::Request,
                (false, true) => Direction::Response,
                (false, false) => Direction::Neither,
            };
            ((*name).to_owned(), direction)
        })
        .collect()
}

/// A field's type as the diff uses it.
pub(super) struct FieldType {
    /// The expression without whitespace, for comparing and showing (`list<Part>`).
    pub(super) text: String,
    /// Where it is written.
    pub(super) span: Span,
    /// The named types it refers to, for working out which way types travel.
    pub(super) named: Vec<String>,
}

/// The one place the diff reads `Field::ty`, so that a change in how the spec model holds type
/// expressions is one edit here.
pub(super) fn field_type(field: &Field) -> FieldType {
    let syntax = &field.ty.value;
    FieldType {
        text: syntax.canonical(),
        span: field.ty.span,
        named: syntax
            .expr()
            .and_then(type_expr::TypeExpr::named)
            .map(|(name, _)| name.to_owned())
            .into_iter()
            .collect(),
    }
}

/// A type expression in canonical spelling, for comparison.
pub(super) fn canonical(ty: &TypeSyntax) -> String {
    ty.canonical()
}

pub(super) struct Differ<'a> {
    vendor: &'a str,
    file: &'a str,
    before: &'a SpecFile,
    after: &'a SpecFile,
    directions: BTreeMap<String, Direction>,
    old_directions: BTreeMap<String, Direction>,
    changes: &'a mut Vec<Change>,
}

impl Differ<'_> {
    pub(super) fn push(
        &mut self,
        rule: Rule,
        item: &str,
        detail: impl AsRef<str>,
        span: Span,
        direction: Direction,
    ) {
        self.changes.push(change(
            rule,
            self.vendor,
            item,
            detail.as_ref(),
            self.file,
            span,
            direction,
        ));
    }

    /// Records `rule` when a property, as text, differs, showing both values.
    pub(super) fn if_changed(
        &mut self,
        rule: Rule,
        item: &str,
        before: String,
        after: String,
        span: Span,
        direction: Direction,
    ) {
        if before != after {
            self.push(rule, item, text::arrow(before, after), span, direction);
        }
    }

    pub(super) fn direction_of(&self, type_name: &str) -> Direction {
        let new = self.directions.get(type_name).copied();
        let old = self.old_directions.get(type_name).copied();
        match (old, new) {
            (Some(a), Some(b)) if a != b => Direction::Both,
            (_, Some(d)) | (Some(d), None) => d,
            (None, None) => Direction::Neither,
        }
    }

    fn vendor(&mut self) {
        self.envelope();
        self.errors();
        let (before, after) = (self.before, self.after);
        self.fields(
            "common.headers",
            &before.common.headers,
            &after.common.headers,
            Direction::Request,
        );
        self.fields(
            "common.query",
            &before.common.query,
            &after.common.query,
            Direction::Request,
        );
        self.types();
        self.endpoints();
        self.events();
        if before.doc.value != after.doc.value || before.title.value != after.title.value {
            self.push(
                Rule::DocChanged,
                "",
                "vendor title or description",
                after.doc.span,
                Direction::Neither,
            );
        }
    }

    fn envelope(&mut self) {
        let (old, new) = (&self.before.envelope, &self.after.envelope);
        let alternate = |e: &crate::spec::Envelope,
                         part: fn(&crate::spec::AlternateError) -> &str| {
            text::optional(e.alternate_error.as_ref().map(part))
        };
        let parts = [
            (
                "style",
                text::envelope_style(old.style.value).to_owned(),
                text::envelope_style(new.style.value).to_owned(),
            ),
            ("code", old.code.value.clone(), new.code.value.clone()),
            (
                "message",
                old.message.value.clone(),
                new.message.value.clone(),
            ),
            (
                "success",
                old.success.value.to_string(),
                new.success.value.to_string(),
            ),
            (
                "payload",
                text::optional(old.payload.as_deref()),
                text::optional(new.payload.as_deref()),
            ),
            (
                "alternate error code",
                alternate(old, |a| &a.code.value),
                alternate(new, |a| &a.code.value),
            ),
            (
                "alternate error message",
                alternate(old, |a| &a.message.value),
                alternate(new, |a| &a.message.value),
            ),
        ];
        let changed = text::changed_parts(&parts);
        if !changed.is_empty() {
            self.push(
                Rule::EnvelopeChanged,
                "envelope",
                changed,
                new.style.span,
                Direction::Response,
            );
        }
        self.fields("envelope", &old.fields, &new.fields, Direction::Response);
        if old.doc.value != new.doc.value {
            self.push(
                Rule::DocChanged,
                "envelope",
                "envelope description",
                new.doc.span,
                Direction::Neither,
            );
        }
    }

    fn errors(&mut self) {
        let old: BTreeMap<i64, &crate::spec::ErrorCode> = self
            .before
            .errors
            .iter()
            .map(|e| (e.code.value, e))
            .collect();
        let new: BTreeMap<i64, &crate::spec::ErrorCode> = self
            .after
            .errors
            .iter()
            .map(|e| (e.code.value, e))
            .collect();
        for (code, error) in &new {
            let item = format!("errors.{code}");
            match old.get(code) {
                None => self.push(
                    Rule::ErrorCodeAdded,
                    &item,
                    format!("`{}`", error.name.value),
                    error.code.span,
                    Direction::Response,
                ),
                Some(before) => {
                    let message = |e: &crate::spec::ErrorCode| text::optional(e.message.as_deref());
                    let status = |e: &crate::spec::ErrorCode| {
                        text::optional(e.http_status.as_ref().map(|s| s.value.to_string()))
                    };
                    let relabelled = text::changed_parts(&[
                        ("message", message(before), message(error)),
                        ("HTTP status", status(before), status(error)),
                    ]);
                    if !relabelled.is_empty() {
                        self.push(
                            Rule::ErrorCodeRelabelled,
                            &item,
                            relabelled,
                            error.code.span,
                            Direction::Response,
                        );
                    }
                    if before.name.value != error.name.value {
                        self.push(
                            Rule::EnumVariantRenamed,
                            &item,
                            format!(
                                "`ErrorCode::{}` → `ErrorCode::{}`",
                                before.name.value, error.name.value
                            ),
                            error.name.span,
                            Direction::Response,
                        );
                    }
                    if before.doc.value != error.doc.value {
                        self.push(
                            Rule::DocChanged,
                            &item,
                            "description",
                            error.doc.span,
                            Direction::Neither,
                        );
                    }
                }
            }
        }
        for (code, error) in old.iter().filter(|(code, _)| !new.contains_key(code)) {
            self.push(
                Rule::ErrorCodeRemoved,
                &format!("errors.{code}"),
                format!("`{}`", error.name.value),
                self.after.vendor.span,
                Direction::Response,
            );
        }
    }
}
