//! Rules for named types.

use super::Checker;
use crate::naming::{self, RESERVED_TYPE_NAMES};
use crate::spec::type_expr::{self, Scalar, TypeExpr};
use crate::spec::{EnumRepr, Field, Span, Spanned, TypeDef, TypeKind};
use std::collections::BTreeSet;

/// Keys each kind takes, for the "does not apply" diagnostic.
const KIND_KEYS: &str = "object: fields, rules; enum: repr, values; newtype: type; union: tag or discriminator, variants, not_creatable";

impl Checker<'_> {
    pub(super) fn check_types(&mut self) {
        for (name, def) in self.spec.types.iter() {
            match naming::exact_camel(name) {
                Ok(ident)
                    if !ident.raw
                        && ident.name == name.value
                        && !RESERVED_TYPE_NAMES.contains(&name.as_str()) => {}
                _ => self.error(
                    name.span,
                    format!("type name `{}` cannot be a Rust type name", name.value),
                    format!(
                        "an UpperCamelCase identifier, not one of {}",
                        RESERVED_TYPE_NAMES.join(", ")
                    ),
                ),
            }
            self.non_empty(&def.doc, "doc");
            self.source(&def.source);
            self.check_keys(def);
            match def.kind.value {
                TypeKind::Newtype => self.check_newtype(def),
                TypeKind::Enum => self.check_enum(def),
                TypeKind::Object => self.check_object(def),
                TypeKind::Union => self.check_union(name, def),
            }
        }
        self.check_cycles();
    }

    fn check_keys(&mut self, def: &TypeDef) {
        let kind = def.kind.value;
        let mut stray: Vec<(&str, Option<Span>)> = vec![
            (
                "type",
                def.inner
                    .as_ref()
                    .filter(|_| kind != TypeKind::Newtype)
                    .map(|v| v.span),
            ),
            (
                "repr",
                def.repr
                    .as_ref()
                    .filter(|_| kind != TypeKind::Enum)
                    .map(|v| v.span),
            ),
            (
                "tag",
                def.tag
                    .as_ref()
                    .filter(|_| kind != TypeKind::Union)
                    .map(|v| v.span),
            ),
            (
                "discriminator",
                def.discriminator
                    .as_ref()
                    .filter(|_| kind != TypeKind::Union)
                    .map(|v| v.span),
            ),
        ];
        if def.values.is_some() && kind != TypeKind::Enum {
            stray.push(("values", Some(def.kind.span)));
        }
        if def.fields.is_some() && kind != TypeKind::Object {
            stray.push(("fields", Some(def.kind.span)));
        }
        if !def.rules.is_empty() && kind != TypeKind::Object {
            stray.push(("rules", Some(def.kind.span)));
        }
        if def.variants.is_some() && kind != TypeKind::Union {
            stray.push(("variants", Some(def.kind.span)));
        }
        for (key, span) in stray {
            if let Some(span) = span {
                self.error(
                    span,
                    format!("`{key}` does not apply to a type of this kind"),
                    KIND_KEYS,
                );
            }
        }
    }

    fn check_newtype(&mut self, def: &TypeDef) {
        let Some(inner) = &def.inner else {
            self.error(
                def.kind.span,
                "a newtype needs `type:`",
                "`type: string`, `type: i64` or `type: i32`",
            );
            return;
        };
        match type_expr::parse(inner) {
            Ok(TypeExpr::Scalar(Scalar::String | Scalar::I64 | Scalar::I32)) => {}
            _ => self.error(
                inner.span,
                format!("a newtype cannot wrap `{}`", inner.value),
                "`string`, `i64` or `i32`",
            ),
        }
    }

    fn check_enum(&mut self, def: &TypeDef) {
        let Some(repr) = &def.repr else {
            self.error(
                def.kind.span,
                "an enum needs `repr:`",
                "`repr: string` or `repr: integer`",
            );
            return;
        };
        let values = def.values.as_deref().unwrap_or_default();
        if values.is_empty() {
            self.error(
                def.kind.span,
                "an enum needs at least one entry under `values:`",
                "`values:` with `- value: ...` entries",
            );
        }
        let mut wires = BTreeSet::new();
        let mut names = BTreeSet::new();
        for value in values {
            self.non_empty(&value.doc, "doc");
            if repr.value == EnumRepr::Integer && value.value.parse::<i64>().is_err() {
                self.error(
                    value.value.span,
                    format!("`{}` is not an integer", value.value.value),
                    "an integer value, as `repr: integer` says",
                );
            }
            if !wires.insert(repr.value.canonical(&value.value)) {
                self.error(
                    value.value.span,
                    format!("enum value `{}` is listed twice", value.value.value),
                    "each value once",
                );
            }
            if let Some(name) = self.variant_name(&value.value, value.name.as_ref())
                && !names.insert(name.clone())
            {
                self.error(
                    value.value.span,
                    format!("two values become the variant `{name}`"),
                    "a `name:` that tells them apart",
                );
            }
        }
    }

    /// The variant name of an enum value or union member, or a diagnostic.
    pub(crate) fn variant_name(
        &mut self,
        value: &Spanned<String>,
        name: Option<&Spanned<String>>,
    ) -> Option<String> {
        let span = name.map_or(value.span, |name| name.span);
        match naming::variant_ident(value, name.map(|n| n.value.as_str())) {
            Ok(ident) if !ident.raw && ident.name != "Unknown" => Some(ident.name),
            _ => {
                let message = match name {
                    Some(name) => format!("`{}` cannot name a variant", name.value),
                    None => format!("value `{}` does not give a variant name", value.value),
                };
                self.error(
                    span,
                    message,
                    "a `name:` in UpperCamelCase, other than `Unknown`",
                );
                None
            }
        }
    }

    fn check_object(&mut self, def: &TypeDef) {
        let Some(fields) = &def.fields else {
            self.error(
                def.kind.span,
                "an object needs `fields:`",
                "`fields:` (an empty list `[]` for an empty object)",
            );
            return;
        };
        for field in fields {
            self.check_field(field, "field");
        }
        self.unique_rust_names(fields, &[]);
        for rule in &def.rules {
            self.non_empty(&rule.doc, "doc");
            for end in [&rule.start, &rule.end] {
                if !fields.iter().any(|field| field.name.value == end.value) {
                    self.error(
                        end.span,
                        format!("`{}` is not a field of this object", end.value),
                        "the wire name of one of its fields",
                    );
                }
            }
        }
        for field in fields {
            let union = match type_expr::parse(&field.ty) {
                Ok(TypeExpr::Named(name, _)) => self
                    .type_def(&name)
                    .filter(|d| d.kind.value == TypeKind::Union)
                    .and_then(|d| d.discriminator.as_ref().map(|disc| (d, disc))),
                _ => None,
            };
            if let Some((union, discriminator)) = union {
                self.check_sibling(fields, field, union, discriminator);
            }
        }
    }

    fn check_sibling(
        &mut self,
        fields: &[Field],
        field: &Field,
        union: &TypeDef,
        discriminator: &Spanned<String>,
    ) {
        let Some(sibling) = fields.iter().find(|f| f.name.value == discriminator.value) else {
            self.error(
                field.name.span,
                format!(
                    "`{}` is chosen by a sibling field `{}`, which this object lacks",
                    field.name.value, discriminator.value
                ),
                format!("a field `{}` next to it", discriminator.value),
            );
            return;
        };
        if field.flatten {
            self.error(
                field.name.span,
                "a union chosen by a sibling cannot be flattened",
                "no `flatten:`",
            );
        }
        let enum_def = match type_expr::parse(&sibling.ty) {
            Ok(TypeExpr::Named(name, _)) => self
                .type_def(&name)
                .filter(|d| d.kind.value == TypeKind::Enum),
            _ => None,
        };
        let Some(enum_def) = enum_def else {
            self.error(
                sibling.ty.span,
                format!("discriminator `{}` must be an enum", sibling.name.value),
                "the name of a `kind: enum` type, whose values the union's variants use",
            );
            return;
        };
        {
            for variant in union.variants.iter().flatten() {
                let listed = enum_def.values.iter().flatten().any(|value| {
                    same_wire(
                        &value.value,
                        &variant.value,
                        enum_def.repr.as_ref().map(|r| r.value),
                    )
                });
                if !listed {
                    self.error(
                        variant.value.span,
                        format!(
                            "`{}` is not a value of the discriminator's enum",
                            variant.value.value
                        ),
                        "one of the enum's values",
                    );
                }
            }
        }
    }

    fn check_union(&mut self, name: &Spanned<String>, def: &TypeDef) {
        match (&def.tag, &def.discriminator) {
            (Some(_), Some(disc)) => self.error(
                disc.span,
                "a union has either `tag:` or `discriminator:`, not both",
                "one of them",
            ),
            (None, None) => self.error(
                def.kind.span,
                "a union needs `tag:` or `discriminator:`",
                "`tag:` (a field inside each member) or `discriminator:` (a sibling field)",
            ),
            _ => {}
        }
        if def.discriminator.is_some() && !def.not_creatable.is_empty() {
            self.error(
                def.kind.span,
                "`not_creatable` applies to tagged unions only",
                "`tag:` with `not_creatable:`",
            );
        }
        for list in &def.not_creatable {
            self.source(&list.source);
        }
        let variants = def.variants.as_deref().unwrap_or_default();
        if variants.is_empty() {
            self.error(
                def.kind.span,
                "a union needs at least one entry under `variants:`",
                "`variants:` with `- value: ...` entries",
            );
        }
        let mut values = BTreeSet::new();
        let mut names = BTreeSet::new();
        for variant in variants {
            self.non_empty(&variant.doc, "doc");
            if !values.insert(variant.value.value.as_str()) {
                self.error(
                    variant.value.span,
                    format!("`{}` is listed twice", variant.value.value),
                    "each value once",
                );
            }
            if let Some(variant_name) = self.variant_name(&variant.value, variant.name.as_ref())
                && !names.insert(variant_name.clone())
            {
                self.error(
                    variant.value.span,
                    format!("two members become the variant `{variant_name}`"),
                    "a `name:` that tells them apart",
                );
            }
            let member = self.type_def(&variant.ty);
            match member {
                Some(member) if member.kind.value == TypeKind::Object => {
                    if let Some(tag) = &def.tag
                        && member
                            .fields
                            .iter()
                            .flatten()
                            .any(|f| f.name.value == tag.value)
                    {
                        self.error(
                            variant.ty.span,
                            format!(
                                "member `{}` has a field `{}`, which the union's tag already is",
                                variant.ty.value, tag.value
                            ),
                            "no tag field in the member type",
                        );
                    }
                }
                _ => self.error(
                    variant.ty.span,
                    format!("member type `{}` is not an object type", variant.ty.value),
                    "the name of a `kind: object` type",
                ),
            }
        }
        if def.discriminator.is_some() {
            self.sibling_union_uses(name);
        }
    }

    /// A union chosen by a sibling can only be the direct type of an object field.
    fn sibling_union_uses(&mut self, union: &Spanned<String>) {
        let mut misuses = Vec::new();
        for (_, def) in self.spec.types.iter() {
            let fields = def.fields.iter().flatten();
            for field in fields.chain(&self.spec.envelope.fields) {
                if let Ok(expr) = type_expr::parse(&field.ty)
                    && !matches!(expr, TypeExpr::Named(..))
                    && expr.named().iter().any(|(named, _)| *named == union.value)
                {
                    misuses.push(field.ty.span);
                }
            }
        }
        for span in misuses {
            self.error(
                span,
                format!(
                    "union `{}` is chosen by a sibling field, so it must be a field's type itself",
                    union.value
                ),
                format!("`type: {}`", union.value),
            );
        }
    }

    /// Objects that contain themselves without a list or map in between have no finite size.
    fn check_cycles(&mut self) {
        let mut reported = BTreeSet::new();
        for (name, _) in self.spec.types.iter() {
            let mut path = Vec::new();
            if self.reaches_directly(&name.value, &name.value, &mut path)
                && reported.insert(name.value.clone())
            {
                self.error(
                    name.span,
                    format!(
                        "type `{}` contains itself without a list or map in between",
                        name.value
                    ),
                    "a `list<...>` or `map<...>` somewhere on the cycle",
                );
            }
        }
    }

    fn reaches_directly(&self, from: &str, target: &str, path: &mut Vec<String>) -> bool {
        if path.iter().any(|seen| seen == from) || path.len() > 64 {
            return false;
        }
        path.push(from.to_owned());
        let Some(def) = self.type_def(from) else {
            return false;
        };
        let mut next: Vec<String> = Vec::new();
        for field in def.fields.iter().flatten() {
            if let Ok(TypeExpr::Named(name, _)) = type_expr::parse(&field.ty) {
                next.push(name);
            }
        }
        next.extend(def.variants.iter().flatten().map(|v| v.ty.value.clone()));
        let found = next
            .iter()
            .any(|name| name == target || self.reaches_directly(name, target, path));
        path.pop();
        found
    }
}

fn same_wire(a: &Spanned<String>, b: &Spanned<String>, repr: Option<EnumRepr>) -> bool {
    match repr {
        Some(EnumRepr::Integer) => {
            matches!((a.parse::<i64>(), b.parse::<i64>()), (Ok(x), Ok(y)) if x == y)
        }
        _ => a.value == b.value,
    }
}
