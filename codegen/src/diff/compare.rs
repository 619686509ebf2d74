//! Walks two spec sets side by side and lists every semantic change.

use super::{Change, Direction, Location, Rule};
use crate::load::LoadedSpec;
use crate::naming;
use crate::spec::type_expr;
use crate::spec::{Constraints, EnumRepr, Field, Span, SpecFile, TypeDef, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

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
                "",
                "new vendor spec",
                file,
                after.vendor.span,
                Direction::Neither,
            )),
            (Some((file, before)), None) => changes.push(change(
                Rule::VendorRemoved,
                vendor,
                "",
                "vendor spec removed",
                file,
                before.vendor.span,
                Direction::Both,
            )),
            (None, None) => {}
        }
    }
    changes
}

fn by_vendor(specs: &[LoadedSpec]) -> BTreeMap<String, (String, &SpecFile)> {
    specs
        .iter()
        .map(|s| (s.spec.vendor.value.clone(), (display(&s.path), &s.spec)))
        .collect()
}

fn enum_values(def: &TypeDef, integer: bool) -> BTreeMap<String, &crate::spec::EnumValue> {
    let key = |v: &str| {
        if integer {
            v.parse::<i64>()
                .map_or_else(|_| v.to_owned(), |n| n.to_string())
        } else {
            v.to_owned()
        }
    };
    def.values
        .iter()
        .flatten()
        .map(|v| (key(&v.value), v))
        .collect()
}

fn union_variants(def: &TypeDef) -> BTreeMap<String, &crate::spec::Variant> {
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
                stack.extend(named_in(&field.ty));
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
        request_roots.extend(named_in(&field.ty));
    }
    let mut response_roots: Vec<String> = endpoints
        .iter()
        .filter_map(|e| e.response.as_ref().map(|r| r.value.clone()))
        .collect();
    for field in &spec.envelope.fields {
        response_roots.extend(named_in(&field.ty));
    }
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

fn named_in(ty: &str) -> Vec<String> {
    type_expr::parse(ty)
        .map(|e| e.named().into_iter().map(|(n, _)| n.to_owned()).collect())
        .unwrap_or_default()
}

/// A type expression without whitespace, for comparison.
fn canonical(ty: &str) -> String {
    ty.split_whitespace().collect()
}

struct Differ<'a> {
    vendor: &'a str,
    file: &'a str,
    before: &'a SpecFile,
    after: &'a SpecFile,
    directions: BTreeMap<String, Direction>,
    old_directions: BTreeMap<String, Direction>,
    changes: &'a mut Vec<Change>,
}

impl Differ<'_> {
    fn push(
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

    /// Records `rule` when a property differs, showing both values.
    fn if_changed<T: PartialEq + std::fmt::Debug>(
        &mut self,
        rule: Rule,
        item: &str,
        before: T,
        after: T,
        span: Span,
        direction: Direction,
    ) {
        if before != after {
            self.push(
                rule,
                item,
                format!("{before:?} → {after:?}"),
                span,
                direction,
            );
        }
    }

    fn direction_of(&self, type_name: &str) -> Direction {
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
        let shape = |e: &crate::spec::Envelope| {
            format!(
                "{:?} code={} message={} success={} payload={:?} alternate={:?}",
                e.style.value,
                e.code.value,
                e.message.value,
                e.success.value,
                e.payload.as_ref().map(|p| &p.value),
                e.alternate_error
                    .as_ref()
                    .map(|a| (&a.code.value, &a.message.value))
            )
        };
        if shape(old) != shape(new) {
            self.push(
                Rule::EnvelopeChanged,
                "envelope",
                format!("{} → {}", shape(old), shape(new)),
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
                    let label = |e: &crate::spec::ErrorCode| {
                        (
                            e.message.as_ref().map(|m| m.value.clone()),
                            e.http_status.as_ref().map(|s| s.value),
                        )
                    };
                    self.if_changed(
                        Rule::ErrorCodeRelabelled,
                        &item,
                        label(before),
                        label(error),
                        error.code.span,
                        Direction::Response,
                    );
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

    fn types(&mut self) {
        let (before, after) = (self.before, self.after);
        for (name, def) in after.types.iter() {
            let item = format!("types.{}", name.value);
            let direction = self.direction_of(name);
            match before.types.get(name) {
                None => self.push(
                    Rule::TypeAdded,
                    &item,
                    format!("{:?}", def.kind.value).to_lowercase(),
                    name.span,
                    direction,
                ),
                Some(old) if old.kind.value != def.kind.value => {
                    self.push(
                        Rule::TypeKindChanged,
                        &item,
                        format!("{:?} → {:?}", old.kind.value, def.kind.value).to_lowercase(),
                        def.kind.span,
                        direction,
                    );
                }
                Some(old) => self.same_kind(&item, old, def, direction),
            }
        }
        for (name, _) in before
            .types
            .iter()
            .filter(|(n, _)| after.types.get(n).is_none())
        {
            self.push(
                Rule::TypeRemoved,
                &format!("types.{}", name.value),
                "",
                after.vendor.span,
                self.direction_of(name),
            );
        }
    }

    fn same_kind(&mut self, item: &str, old: &TypeDef, new: &TypeDef, direction: Direction) {
        if old.doc.value != new.doc.value
            || old.quirk.as_ref().map(|q| &q.value) != new.quirk.as_ref().map(|q| &q.value)
        {
            self.push(
                Rule::DocChanged,
                item,
                "description or quirk",
                new.doc.span,
                Direction::Neither,
            );
        }
        match new.kind.value {
            TypeKind::Object => {
                self.fields(
                    item,
                    old.fields.as_deref().unwrap_or_default(),
                    new.fields.as_deref().unwrap_or_default(),
                    direction,
                );
                let rules = |d: &TypeDef| {
                    d.rules
                        .iter()
                        .map(|r| {
                            (
                                r.start.value.clone(),
                                r.end.value.clone(),
                                r.max_days.as_ref().map(|m| m.value),
                            )
                        })
                        .collect::<BTreeSet<_>>()
                };
                let (was, now) = (rules(old), rules(new));
                for rule in now.difference(&was) {
                    self.push(
                        Rule::ConstraintTightened,
                        item,
                        format!(
                            "rule `{}` ≤ `{}` (at most {:?} days)",
                            rule.0, rule.1, rule.2
                        ),
                        new.kind.span,
                        direction,
                    );
                }
                for rule in was.difference(&now) {
                    self.push(
                        Rule::ConstraintLoosened,
                        item,
                        format!(
                            "rule `{}` ≤ `{}` (at most {:?} days) dropped",
                            rule.0, rule.1, rule.2
                        ),
                        new.kind.span,
                        direction,
                    );
                }
            }
            TypeKind::Newtype => {
                let inner =
                    |d: &TypeDef| d.inner.as_ref().map(|t| canonical(t)).unwrap_or_default();
                if inner(old) != inner(new) {
                    self.push(
                        Rule::Retyped,
                        item,
                        format!("`{}` → `{}`", inner(old), inner(new)),
                        new.kind.span,
                        direction,
                    );
                }
            }
            TypeKind::Enum => self.enum_values(item, old, new, direction),
            TypeKind::Union => self.union(item, old, new, direction),
        }
    }

    fn enum_values(&mut self, item: &str, old: &TypeDef, new: &TypeDef, direction: Direction) {
        let repr = |d: &TypeDef| d.repr.as_ref().map(|r| r.value);
        if repr(old) != repr(new) {
            self.push(
                Rule::EnumReprChanged,
                item,
                format!("{:?} → {:?}", repr(old), repr(new)),
                new.kind.span,
                direction,
            );
            return;
        }
        let integer = repr(new) == Some(EnumRepr::Integer);
        let (was, now) = (enum_values(old, integer), enum_values(new, integer));
        for (wire, value) in &now {
            match was.get(wire) {
                None => self.push(
                    Rule::EnumValueAdded,
                    item,
                    format!("`{wire}`"),
                    value.value.span,
                    direction,
                ),
                Some(before) => {
                    let variant = |v: &crate::spec::EnumValue| {
                        v.name.as_ref().map_or_else(
                            || {
                                naming::camel_ident(&v.value)
                                    .map(|i| i.name)
                                    .unwrap_or_default()
                            },
                            |n| n.value.clone(),
                        )
                    };
                    if variant(before) != variant(value) {
                        self.push(
                            Rule::EnumVariantRenamed,
                            item,
                            format!("`{wire}`: `{}` → `{}`", variant(before), variant(value)),
                            value.value.span,
                            direction,
                        );
                    }
                    let label =
                        |v: &crate::spec::EnumValue| v.label.as_ref().map(|l| l.value.clone());
                    if label(before) != label(value) {
                        self.push(
                            Rule::EnumValueRelabelled,
                            item,
                            format!("`{wire}`: {:?} → {:?}", label(before), label(value)),
                            value.value.span,
                            direction,
                        );
                    }
                    if before.doc.value != value.doc.value {
                        self.push(
                            Rule::DocChanged,
                            item,
                            format!("value `{wire}`"),
                            value.doc.span,
                            Direction::Neither,
                        );
                    }
                }
            }
        }
        for wire in was.keys().filter(|w| !now.contains_key(*w)) {
            self.push(
                Rule::EnumValueRemoved,
                item,
                format!("`{wire}`"),
                new.kind.span,
                direction,
            );
        }
    }

    fn union(&mut self, item: &str, old: &TypeDef, new: &TypeDef, direction: Direction) {
        let selector = |d: &TypeDef| {
            (
                d.tag.as_ref().map(|t| t.value.clone()),
                d.discriminator.as_ref().map(|t| t.value.clone()),
            )
        };
        if selector(old) != selector(new) {
            self.push(
                Rule::TypeKindChanged,
                item,
                format!("chosen by {:?} → {:?}", selector(old), selector(new)),
                new.kind.span,
                direction,
            );
        }
        let (was, now) = (union_variants(old), union_variants(new));
        for (tag, variant) in &now {
            match was.get(tag) {
                None => self.push(
                    Rule::UnionVariantAdded,
                    item,
                    format!("`{tag}` ({})", variant.ty.value),
                    variant.value.span,
                    direction,
                ),
                Some(before) if before.ty.value != variant.ty.value => {
                    self.push(
                        Rule::UnionVariantRetyped,
                        item,
                        format!("`{tag}`: {} → {}", before.ty.value, variant.ty.value),
                        variant.ty.span,
                        direction,
                    );
                }
                Some(_) => {}
            }
        }
        for tag in was.keys().filter(|t| !now.contains_key(*t)) {
            self.push(
                Rule::UnionVariantRemoved,
                item,
                format!("`{tag}`"),
                new.kind.span,
                direction,
            );
        }
        let refused = |d: &TypeDef| {
            d.not_creatable
                .iter()
                .flat_map(|l| l.values.iter().map(|v| v.value.clone()))
                .collect::<BTreeSet<_>>()
        };
        let (was, now) = (refused(old), refused(new));
        for tag in now.difference(&was) {
            self.push(
                Rule::NotCreatableAdded,
                item,
                format!("`{tag}`"),
                new.kind.span,
                direction,
            );
        }
        for tag in was.difference(&now) {
            self.push(
                Rule::NotCreatableRemoved,
                item,
                format!("`{tag}`"),
                new.kind.span,
                direction,
            );
        }
    }

    fn fields(&mut self, parent: &str, old: &[Field], new: &[Field], direction: Direction) {
        let was: BTreeMap<&str, &Field> = old.iter().map(|f| (f.name.value.as_str(), f)).collect();
        let now: BTreeMap<&str, &Field> = new.iter().map(|f| (f.name.value.as_str(), f)).collect();
        for field in new {
            let item = format!("{parent}.{}", field.name.value);
            match was.get(field.name.as_str()) {
                None if field.required => self.push(
                    Rule::RequiredParamAdded,
                    &item,
                    format!("`{}`", field.ty.value),
                    field.name.span,
                    direction,
                ),
                None => self.push(
                    Rule::ParamAdded,
                    &item,
                    format!("`{}`", field.ty.value),
                    field.name.span,
                    direction,
                ),
                Some(before) => self.field(&item, before, field, direction),
            }
        }
        for field in old.iter().filter(|f| !now.contains_key(f.name.as_str())) {
            // Removing a field breaks decoding only where old code required it.
            let effective = if field.required {
                direction
            } else {
                Direction::Request
            };
            let span = new.first().map_or(field.name.span, |f| f.name.span);
            self.push(
                Rule::ParamRemoved,
                &format!("{parent}.{}", field.name.value),
                format!(
                    "`{}`{}",
                    field.ty.value,
                    if field.required { ", was required" } else { "" }
                ),
                span,
                effective,
            );
        }
    }

    fn field(&mut self, item: &str, old: &Field, new: &Field, direction: Direction) {
        let span = new.name.span;
        if canonical(&old.ty) != canonical(&new.ty) {
            self.push(
                Rule::Retyped,
                item,
                format!("`{}` → `{}`", old.ty.value, new.ty.value),
                new.ty.span,
                direction,
            );
        }
        match (old.required, new.required) {
            (false, true) => self.push(Rule::MadeRequired, item, "", span, direction),
            (true, false) => self.push(Rule::MadeOptional, item, "", span, direction),
            _ => {}
        }
        match (old.nullable, new.nullable) {
            (false, true) => self.push(Rule::MadeNullable, item, "", span, direction),
            (true, false) => self.push(Rule::MadeNonNullable, item, "", span, direction),
            _ => {}
        }
        if old.secret != new.secret {
            self.push(
                Rule::SecretChanged,
                item,
                if new.secret {
                    "now secret"
                } else {
                    "no longer secret"
                },
                span,
                direction,
            );
        }
        let rust_name = |f: &Field| f.rust_name.as_ref().map(|n| n.value.clone());
        self.if_changed(
            Rule::RustNameChanged,
            item,
            rust_name(old),
            rust_name(new),
            span,
            direction,
        );
        let default = |f: &Field| f.default.as_ref().map(|d| d.value.clone());
        self.if_changed(
            Rule::DefaultChanged,
            item,
            default(old),
            default(new),
            span,
            direction,
        );
        self.constraints(
            item,
            old.constraints.as_ref(),
            new.constraints.as_ref(),
            span,
            direction,
        );
        let doc = |f: &Field| {
            (
                f.doc.value.clone(),
                f.quirk.as_ref().map(|q| q.value.clone()),
            )
        };
        if doc(old) != doc(new) {
            self.push(
                Rule::DocChanged,
                item,
                "description or quirk",
                new.doc.span,
                Direction::Neither,
            );
        }
    }

    fn constraints(
        &mut self,
        item: &str,
        old: Option<&Constraints>,
        new: Option<&Constraints>,
        span: Span,
        direction: Direction,
    ) {
        let empty = Constraints::default();
        let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
        let value = |v: &Option<crate::spec::Spanned<f64>>| v.as_ref().map(|s| s.value);
        let count = |v: &Option<crate::spec::Spanned<u64>>| v.as_ref().map(|s| s.value as f64);
        let scale = |v: &Option<crate::spec::Spanned<u32>>| v.as_ref().map(|s| f64::from(s.value));
        // (name, old, new, whether a larger bound is stricter)
        let bounds = [
            ("min", value(&old.min), value(&new.min), true),
            ("max", value(&old.max), value(&new.max), false),
            (
                "min_length",
                count(&old.min_length),
                count(&new.min_length),
                true,
            ),
            (
                "max_length",
                count(&old.max_length),
                count(&new.max_length),
                false,
            ),
            ("scale", scale(&old.scale), scale(&new.scale), false),
        ];
        for (name, was, now, larger_is_stricter) in bounds {
            let tightened = match (was, now) {
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(a), Some(b)) if a != b => (b > a) == larger_is_stricter,
                _ => continue,
            };
            let rule = if tightened {
                Rule::ConstraintTightened
            } else {
                Rule::ConstraintLoosened
            };
            self.push(
                rule,
                item,
                format!("{name}: {was:?} → {now:?}"),
                span,
                direction,
            );
        }
        let text = |o: &Constraints| {
            (
                o.format.as_ref().map(|f| format!("{:?}", f.value)),
                o.prefix.as_ref().map(|p| p.value.clone()),
            )
        };
        let (was, now) = (text(old), text(new));
        for (name, a, b) in [("format", was.0, now.0), ("prefix", was.1, now.1)] {
            if a != b {
                let rule = if b.is_some() {
                    Rule::ConstraintTightened
                } else {
                    Rule::ConstraintLoosened
                };
                self.push(
                    rule,
                    item,
                    format!("{name}: {a:?} → {b:?}"),
                    span,
                    direction,
                );
            }
        }
    }

    fn endpoints(&mut self) {
        let (before, after) = (self.before, self.after);
        for (name, endpoint) in after.endpoints.iter() {
            let item = format!("endpoints.{}", name.value);
            let Some(old) = before.endpoints.get(name) else {
                self.push(
                    Rule::EndpointAdded,
                    &item,
                    format!("`{:?} {}`", endpoint.method.value, endpoint.path.value).to_uppercase(),
                    name.span,
                    Direction::Both,
                );
                continue;
            };
            if old.method.value != endpoint.method.value || old.path.value != endpoint.path.value {
                self.push(
                    Rule::EndpointMoved,
                    &item,
                    format!(
                        "`{:?} {}` → `{:?} {}`",
                        old.method.value,
                        old.path.value,
                        endpoint.method.value,
                        endpoint.path.value
                    ),
                    endpoint.path.span,
                    Direction::Both,
                );
            }
            let name_of =
                |t: &Option<crate::spec::Spanned<String>>| t.as_ref().map(|t| t.value.clone());
            if name_of(&old.body) != name_of(&endpoint.body)
                || name_of(&old.response) != name_of(&endpoint.response)
            {
                let detail = format!(
                    "body {:?} → {:?}, response {:?} → {:?}",
                    name_of(&old.body),
                    name_of(&endpoint.body),
                    name_of(&old.response),
                    name_of(&endpoint.response)
                );
                self.push(
                    Rule::EndpointRetyped,
                    &item,
                    detail,
                    name.span,
                    Direction::Both,
                );
            }
            self.fields(
                &format!("{item}.path"),
                &old.path_params,
                &endpoint.path_params,
                Direction::Request,
            );
            self.fields(
                &format!("{item}.query"),
                &old.query,
                &endpoint.query,
                Direction::Request,
            );
            self.fields(
                &format!("{item}.headers"),
                &old.headers,
                &endpoint.headers,
                Direction::Request,
            );
            let codes = |e: &crate::spec::Endpoint| {
                e.errors.iter().map(|c| c.value).collect::<BTreeSet<i64>>()
            };
            self.if_changed(
                Rule::EndpointErrorsChanged,
                &item,
                codes(old),
                codes(endpoint),
                endpoint.path.span,
                Direction::Response,
            );
            if old.doc.value != endpoint.doc.value {
                self.push(
                    Rule::DocChanged,
                    &item,
                    "description",
                    endpoint.doc.span,
                    Direction::Neither,
                );
            }
        }
        for (name, _) in before
            .endpoints
            .iter()
            .filter(|(n, _)| after.endpoints.get(n).is_none())
        {
            self.push(
                Rule::EndpointRemoved,
                &format!("endpoints.{}", name.value),
                "",
                after.vendor.span,
                Direction::Both,
            );
        }
    }
}
