//! Rules for named types, and the IR types built from them.

use super::{Checker, all};
use crate::ir;
use crate::naming::{self, RESERVED_TYPE_NAMES, RustIdent};
use crate::scalar::Scalar;
use crate::spec::type_expr::TypeExpr;
use crate::spec::{EnumRepr, Field, Span, Spanned, TypeDef, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// Keys each kind takes, for the "does not apply" diagnostic.
const KIND_KEYS: &str = "object: fields, rules; enum: repr, values; newtype: type; union: tag or discriminator, variants, not_creatable";

/// Where unions chosen by a sibling field are used, found in one pass over every field.
#[derive(Default)]
struct SiblingUses<'a> {
    /// By union: the discriminating enum of each object field whose type it is (`None` where
    /// the sibling is missing or not an enum, which is reported at that field).
    by_union: BTreeMap<&'a str, Vec<(Option<&'a str>, Span)>>,
    /// Fields that wrap such a union (`list<U>`), which cannot work: union and field span.
    wrapped: Vec<(&'a str, Span)>,
}

impl<'a> Checker<'a> {
    /// Every named type, sorted by name.
    pub(super) fn named_types(&mut self) -> Option<Vec<ir::NamedType>> {
        let spec = self.spec;
        let sibling_uses = self.sibling_uses();
        for (union, span) in &sibling_uses.wrapped {
            self.error(
                *span,
                format!(
                    "union `{union}` is chosen by a sibling field, so it must be a field's type itself"
                ),
                format!("`type: {union}`"),
            );
        }
        let mut built = Vec::with_capacity(spec.types.0.len());
        for (name, def) in spec.types.iter() {
            let ident = match naming::exact_camel(name) {
                Ok(ident)
                    if !ident.raw
                        && ident.name == name.value
                        && !RESERVED_TYPE_NAMES.contains(&name.as_str()) =>
                {
                    Some(ident)
                }
                _ => {
                    self.error(
                        name.span,
                        format!("type name `{}` cannot be a Rust type name", name.value),
                        "an UpperCamelCase identifier",
                    );
                    None
                }
            };
            let docs = self.docs(&def.doc, def.quirk.as_ref(), Some(&def.source));
            self.check_keys(def);
            let kind = match def.kind.value {
                TypeKind::Newtype => self.newtype(def),
                TypeKind::Enum => self.enumeration(def).map(ir::TypeKind::Enum),
                TypeKind::Object => self.object(name, def),
                TypeKind::Union => self.union(name, def, &sibling_uses),
            };
            built.push((|| {
                Some(ir::NamedType {
                    ident: ident?,
                    docs: docs?,
                    kind: kind?,
                })
            })());
        }
        self.check_cycles();
        let mut types = all(built)?;
        types.sort_by(|a, b| a.ident.cmp(&b.ident));
        Some(types)
    }

    fn check_keys(&mut self, def: &TypeDef) {
        let kind = def.kind.value;
        let stray: [(&str, Option<Span>, bool); 8] = [
            (
                "type",
                def.inner.as_ref().map(|v| v.span),
                kind == TypeKind::Newtype,
            ),
            (
                "repr",
                def.repr.as_ref().map(|v| v.span),
                kind == TypeKind::Enum,
            ),
            (
                "tag",
                def.tag.as_ref().map(|v| v.span),
                kind == TypeKind::Union,
            ),
            (
                "discriminator",
                def.discriminator.as_ref().map(|v| v.span),
                kind == TypeKind::Union,
            ),
            (
                "values",
                def.values.as_ref().map(|_| def.kind.span),
                kind == TypeKind::Enum,
            ),
            (
                "fields",
                def.fields.as_ref().map(|_| def.kind.span),
                kind == TypeKind::Object,
            ),
            (
                "rules",
                (!def.rules.is_empty()).then_some(def.kind.span),
                kind == TypeKind::Object,
            ),
            (
                "variants",
                def.variants.as_ref().map(|_| def.kind.span),
                kind == TypeKind::Union,
            ),
        ];
        for (key, span, applies) in stray {
            if let Some(span) = span
                && !applies
            {
                self.error(
                    span,
                    format!("`{key}` does not apply to a type of this kind"),
                    KIND_KEYS,
                );
            }
        }
    }

    fn newtype(&mut self, def: &TypeDef) -> Option<ir::TypeKind> {
        let Some(inner) = &def.inner else {
            self.error(
                def.kind.span,
                "a newtype needs `type:`",
                "`type: string`, `type: i64` or `type: i32`",
            );
            return None;
        };
        let scalar = match inner.value.expr() {
            Some(TypeExpr::Scalar(Scalar::String)) => Some(ir::NewtypeScalar::String),
            Some(TypeExpr::Scalar(Scalar::I64)) => Some(ir::NewtypeScalar::I64),
            Some(TypeExpr::Scalar(Scalar::I32)) => Some(ir::NewtypeScalar::I32),
            Some(_) | None => None,
        };
        if scalar.is_none() {
            self.error(
                inner.span,
                format!("a newtype cannot wrap `{}`", inner.value),
                "`string`, `i64` or `i32`",
            );
        }
        scalar.map(ir::TypeKind::Newtype)
    }

    fn enumeration(&mut self, def: &TypeDef) -> Option<ir::Enum> {
        let Some(repr) = &def.repr else {
            self.error(
                def.kind.span,
                "an enum needs `repr:`",
                "`repr: string` or `repr: integer`",
            );
            return None;
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
        let mut built = Vec::with_capacity(values.len());
        for value in values {
            self.non_empty(&value.doc, "doc");
            let wire = match repr.value {
                EnumRepr::Integer => match value.value.parse::<i64>() {
                    Ok(number) => Some(ir::WireValue::Int(number)),
                    Err(_) => {
                        self.error(
                            value.value.span,
                            format!("`{}` is not an integer", value.value.value),
                            "an integer value, as `repr: integer` says",
                        );
                        None
                    }
                },
                EnumRepr::String => Some(ir::WireValue::Str(value.value.value.clone())),
            };
            if !wires.insert(repr.value.canonical(&value.value)) {
                self.error(
                    value.value.span,
                    format!("enum value `{}` is listed twice", value.value.value),
                    "each value once",
                );
            }
            let variant = self.variant_name(&value.value, value.name.as_ref());
            if let Some(variant) = &variant
                && !names.insert(variant.name.clone())
            {
                self.error(
                    value.value.span,
                    format!("two values become the variant `{}`", variant.name),
                    "a `name:` that tells them apart",
                );
            }
            built.push(wire.zip(variant).map(|(wire, variant)| ir::EnumValue {
                wire,
                variant,
                label: value.label.as_ref().map(|l| l.value.clone()),
                doc: value.doc.value.trim().to_owned(),
            }));
        }
        Some(ir::Enum {
            values: all(built)?,
        })
    }

    /// The variant name of an enum value or union member, or a diagnostic.
    pub(crate) fn variant_name(
        &mut self,
        value: &Spanned<String>,
        name: Option<&Spanned<String>>,
    ) -> Option<RustIdent> {
        let span = name.map_or(value.span, |name| name.span);
        match naming::variant_ident(value, name.map(|n| n.value.as_str())) {
            Ok(ident) if !ident.raw && ident.name != "Unknown" => Some(ident),
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

    fn object(&mut self, name: &Spanned<String>, def: &TypeDef) -> Option<ir::TypeKind> {
        let Some(fields) = &def.fields else {
            self.error(
                def.kind.span,
                "an object needs `fields:`",
                "`fields:` (an empty list `[]` for an empty object)",
            );
            return None;
        };
        let built: Vec<Option<ir::Field>> = fields
            .iter()
            .map(|field| self.field(field, "field"))
            .collect();
        // The generated struct's own field for what the spec does not list.
        self.unique_rust_names(fields, &["unknown_fields"]);
        let rules = self.object_rules(&def.rules, fields);
        let mut sibling = vec![None; fields.len()];
        for (index, field) in fields.iter().enumerate() {
            let union = match field.ty.value.expr() {
                Some(TypeExpr::Named(name, _)) => self
                    .type_def(name)
                    .filter(|d| d.kind.value == TypeKind::Union)
                    .and_then(|d| d.discriminator.as_ref().map(|disc| (d, disc))),
                Some(TypeExpr::Scalar(_) | TypeExpr::Wrapped(..)) | None => None,
            };
            if let Some((union, discriminator)) = union {
                sibling[index] = Some(self.sibling_field(fields, field, union, discriminator));
            }
        }
        let mut built = all(built)?;
        for (field, discriminated_by) in built.iter_mut().zip(sibling) {
            if let Some(discriminated_by) = discriminated_by {
                field.discriminated_by = Some(discriminated_by?);
            }
        }
        self.unique_methods(fields, &built);
        let flattened = built.iter().any(|f| f.flatten);
        if let Some((spec, _)) = fields
            .iter()
            .zip(&built)
            .find(|(_, f)| flattened && f.discriminated_by.is_some())
        {
            self.error(
                spec.name.span,
                format!(
                    "`{}` is a union chosen by a sibling, in an object with a flattened field",
                    spec.name.value
                ),
                "no `flatten: true` beside a sibling-chosen union (its decoder reads every key itself)",
            );
            return None;
        }
        let required_struct = self.required_struct(name, &built);
        Some(ir::TypeKind::Object(ir::Object {
            fields: built,
            rules: rules?,
            required_struct: required_struct?,
        }))
    }

    /// The name of the argument struct of `new(…)` when an object has more required fields than
    /// read well as positional arguments (`ExecuteRecordDetailRequired`), checked against the
    /// spec's own type names. `Some(None)`: positional arguments.
    fn required_struct(
        &mut self,
        name: &Spanned<String>,
        fields: &[ir::Field],
    ) -> Option<Option<RustIdent>> {
        let required = fields.iter().filter(|f| f.presence.is_required()).count();
        if required <= ir::MAX_POSITIONAL_ARGUMENTS {
            return Some(None);
        }
        let struct_name = format!("{}Required", name.value);
        if self.types.contains_key(struct_name.as_str()) {
            self.error(
                name.span,
                format!(
                    "`{}` has {required} required fields, so its constructor takes a `{struct_name}`, which is also a type of the spec",
                    name.value
                ),
                format!("another name for the type `{struct_name}`"),
            );
            return None;
        }
        Some(Some(naming::fresh_ident(struct_name)))
    }

    /// Reports generated methods of an object that would share a name: `new`, the `Validate`
    /// methods, `with_x` setters of optional fields, `x()` readers of nullable ones and
    /// `x_or_default()` accessors.
    fn unique_methods(&mut self, fields: &[Field], built: &[ir::Field]) {
        let mut taken: BTreeMap<String, String> = ["new", "validate", "validated", "validate_at"]
            .into_iter()
            .map(|name| (name.to_owned(), "the generated code itself".to_owned()))
            .collect();
        for (spec, field) in fields.iter().zip(built) {
            let mut methods = Vec::new();
            match field.presence {
                ir::Presence::Optional => methods.push(format!("with_{}", field.ident.name)),
                ir::Presence::OptionalNullable => {
                    methods.push(format!("with_{}", field.ident.name));
                    methods.push(field.ident.name.clone());
                }
                ir::Presence::RequiredNullable => methods.push(field.ident.name.clone()),
                ir::Presence::Required => {}
            }
            methods.extend(field.default.iter().map(|d| d.accessor.name.clone()));
            for method in methods {
                let by = format!("field `{}`", spec.name.value);
                if let Some(other) = taken.insert(method.clone(), by) {
                    self.error(
                        spec.name.span,
                        format!(
                            "`{}` would generate the method `{method}()`, which {other} already has",
                            spec.name.value
                        ),
                        "a `rust_name:` that tells them apart",
                    );
                }
            }
        }
    }

    /// The index of the sibling that chooses a union field's shape, checked.
    fn sibling_field(
        &mut self,
        fields: &[Field],
        field: &Field,
        union: &TypeDef,
        discriminator: &Spanned<String>,
    ) -> Option<usize> {
        let Some(index) = fields
            .iter()
            .position(|f| f.name.value == discriminator.value)
        else {
            self.error(
                field.name.span,
                format!(
                    "`{}` is chosen by a sibling field `{}`, which this object lacks",
                    field.name.value, discriminator.value
                ),
                format!("a field `{}` next to it", discriminator.value),
            );
            return None;
        };
        if field.flatten {
            self.error(
                field.name.span,
                "a union chosen by a sibling cannot be flattened",
                "no `flatten:`",
            );
        }
        let sibling = &fields[index];
        let Some(enum_def) = self.discriminator_enum(sibling).map(|(_, def)| def) else {
            self.error(
                sibling.ty.span,
                format!("discriminator `{}` must be an enum", sibling.name.value),
                "the name of a `kind: enum` type, whose values the union's variants use",
            );
            return None;
        };
        let repr = enum_def.repr.as_ref().map(|r| r.value);
        for variant in union.variants.iter().flatten() {
            let listed = enum_def.values.iter().flatten().any(|value| match repr {
                Some(repr) => repr.canonical(&value.value) == repr.canonical(&variant.value),
                None => false,
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
        Some(index)
    }

    /// The enum type of a discriminating field, when it is one.
    fn discriminator_enum(&self, sibling: &'a Field) -> Option<(&'a str, &'a TypeDef)> {
        match sibling.ty.value.expr()? {
            TypeExpr::Named(name, _) => self
                .type_def(name)
                .filter(|def| def.kind.value == TypeKind::Enum)
                .map(|def| (name.as_str(), def)),
            TypeExpr::Scalar(_) | TypeExpr::Wrapped(..) => None,
        }
    }

    /// Every use of a union chosen by a sibling field, in one pass over all fields.
    fn sibling_uses(&self) -> SiblingUses<'a> {
        let mut uses = SiblingUses::default();
        let spec = self.spec;
        let objects = spec
            .types
            .iter()
            .map(|(_, def)| def.fields.as_deref().unwrap_or_default());
        for fields in objects.chain([spec.envelope.fields.as_slice()]) {
            for field in fields {
                let Some(expr) = field.ty.value.expr() else {
                    continue;
                };
                let Some((name, _)) = expr.named() else {
                    continue;
                };
                let Some(discriminator) = self
                    .type_def(name)
                    .and_then(|union| union.discriminator.as_ref())
                else {
                    continue;
                };
                if !matches!(expr, TypeExpr::Named(..)) {
                    uses.wrapped.push((name, field.ty.span));
                    continue;
                }
                let sibling = fields.iter().find(|f| f.name.value == discriminator.value);
                let enum_name = sibling
                    .and_then(|s| self.discriminator_enum(s))
                    .map(|(enum_name, _)| enum_name);
                uses.by_union
                    .entry(name)
                    .or_default()
                    .push((enum_name, field.ty.span));
            }
        }
        uses
    }

    fn union(
        &mut self,
        name: &Spanned<String>,
        def: &TypeDef,
        sibling_uses: &SiblingUses<'a>,
    ) -> Option<ir::TypeKind> {
        if def.discriminator.is_some() && !def.not_creatable.is_empty() {
            self.error(
                def.kind.span,
                "`not_creatable` applies to tagged unions only",
                "`tag:` with `not_creatable:`",
            );
        }
        let not_creatable: Vec<_> = def
            .not_creatable
            .iter()
            .map(|list| {
                self.source(&list.source).map(|source| {
                    (
                        source,
                        list.values.iter().map(|v| v.value.clone()).collect(),
                    )
                })
            })
            .collect();
        let variants = self.union_variants(def);
        match (&def.tag, &def.discriminator) {
            (Some(tag), None) => Some(ir::TypeKind::TaggedUnion(ir::TaggedUnion {
                tag: tag.value.clone(),
                variants: variants?,
                not_creatable: all(not_creatable)?,
            })),
            (None, Some(discriminator)) => {
                let (enum_name, enum_def) = self.one_discriminator_enum(name, sibling_uses)?;
                let repr = enum_def.repr.as_ref()?.value;
                let mut paired = Vec::new();
                for variant in variants? {
                    let value = enum_def.values.iter().flatten().find(|value| {
                        repr.canonical(&value.value) == repr.canonical(&variant.wire)
                    });
                    // A value missing from the enum was reported where the union is used.
                    let enum_variant = value.and_then(|value| {
                        naming::variant_ident(&value.value, value.name.as_ref().map(|n| n.as_str()))
                            .ok()
                    });
                    paired.push(enum_variant.map(|enum_variant| (variant, enum_variant)));
                }
                Some(ir::TypeKind::SiblingUnion(ir::SiblingUnion {
                    discriminator: discriminator.value.clone(),
                    discriminator_enum: naming::type_ident(enum_name),
                    variants: all(paired)?,
                }))
            }
            (Some(_), Some(discriminator)) => {
                self.error(
                    discriminator.span,
                    "a union has either `tag:` or `discriminator:`, not both",
                    "one of them",
                );
                None
            }
            (None, None) => {
                self.error(
                    def.kind.span,
                    "a union needs `tag:` or `discriminator:`",
                    "`tag:` (a field inside each member) or `discriminator:` (a sibling field)",
                );
                None
            }
        }
    }

    /// The one enum type that chooses a sibling union's shape in every object using it.
    fn one_discriminator_enum(
        &mut self,
        union: &Spanned<String>,
        sibling_uses: &SiblingUses<'a>,
    ) -> Option<(&'a str, &'a TypeDef)> {
        let Some(uses) = sibling_uses.by_union.get(union.value.as_str()) else {
            self.error(
                union.span,
                format!(
                    "union `{}` is chosen by a sibling field, but no object field uses it",
                    union.value
                ),
                "a field of this type next to its discriminating enum field, or no such union",
            );
            return None;
        };
        let mut enums = uses
            .iter()
            .filter_map(|(enum_name, span)| enum_name.map(|name| (name, *span)));
        // `None` when every use lacks an enum discriminator, each reported at its field.
        let (first, _) = enums.next()?;
        let mut agree = true;
        for (other, span) in enums {
            if other != first {
                agree = false;
                self.error(
                    span,
                    format!(
                        "union `{}` is chosen here by enum `{other}`, elsewhere by enum `{first}`",
                        union.value
                    ),
                    format!(
                        "a discriminator of type `{first}` wherever `{}` is used",
                        union.value
                    ),
                );
            }
        }
        let def = self.type_def(first)?;
        agree.then_some((first, def))
    }

    fn union_variants(&mut self, def: &TypeDef) -> Option<Vec<ir::UnionVariant>> {
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
        let mut built = Vec::with_capacity(variants.len());
        for variant in variants {
            self.non_empty(&variant.doc, "doc");
            if !values.insert(variant.value.value.as_str()) {
                self.error(
                    variant.value.span,
                    format!("`{}` is listed twice", variant.value.value),
                    "each value once",
                );
            }
            let variant_name = self.variant_name(&variant.value, variant.name.as_ref());
            if let Some(variant_name) = &variant_name
                && !names.insert(variant_name.name.clone())
            {
                self.error(
                    variant.value.span,
                    format!("two members become the variant `{}`", variant_name.name),
                    "a `name:` that tells them apart",
                );
            }
            let member = match self.type_def(&variant.ty) {
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
                    Some(naming::type_ident(&variant.ty))
                }
                _ => {
                    self.error(
                        variant.ty.span,
                        format!("member type `{}` is not an object type", variant.ty.value),
                        "the name of a `kind: object` type",
                    );
                    None
                }
            };
            built.push(
                variant_name
                    .zip(member)
                    .map(|(variant_name, ty)| ir::UnionVariant {
                        wire: variant.value.value.clone(),
                        variant: variant_name,
                        ty,
                        doc: variant.doc.value.trim().to_owned(),
                    }),
            );
        }
        all(built)
    }
}
