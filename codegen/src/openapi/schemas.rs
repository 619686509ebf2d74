//! Schemas: the IR's types as JSON Schema (OpenAPI's dialect of each version), and the named
//! types as components.

use super::Version;
use super::extensions as x;
use super::json::{Node, Obj, strings};
use crate::ir::{
    Constraints, Field, Literal, NamedType, NewtypeScalar, Object, Presence, Scalar, SiblingUnion,
    StringFormat, TaggedUnion, Ty, TypeKind, Vendor, WireValue,
};

/// A broken IR invariant, as a message for [`crate::Error::Internal`].
pub type Internal = String;

/// Builds the schemas of one vendor for one OpenAPI version.
pub struct Schemas<'a> {
    pub vendor: &'a Vendor,
    pub version: Version,
}

/// `{"$ref": "#/components/schemas/<name>"}`.
pub fn reference(name: &str) -> Obj {
    Obj::new().with("$ref", format!("#/components/schemas/{name}"))
}

/// The component holding one member of a tagged union (the member type with its tag).
pub fn tagged_member_component(union: &str, variant: &str) -> String {
    format!("{union}.{variant}")
}

/// The JSON value of an enum's wire value.
pub fn wire_value(value: &WireValue) -> Node {
    match value {
        WireValue::Int(n) => Node::Int(*n),
        WireValue::Str(s) => Node::Str(s.clone()),
    }
}

/// A regular expression matching `text` literally (ECMA-262 syntax).
fn regex_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\^$.|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

const UUID_V4_PATTERN: &str =
    "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$";

impl Schemas<'_> {
    /// A schema that can take sibling keywords: OpenAPI 3.0 ignores siblings of `$ref`, so
    /// there a reference moves into `allOf`.
    pub fn open(&self, schema: Obj) -> Obj {
        if self.version == Version::V3_0 && schema.contains("$ref") {
            Obj::new().with("allOf", vec![Node::from(schema)])
        } else {
            schema
        }
    }

    /// The schema, also admitting `null`: `nullable` in 3.0, a type array or `{"type": "null"}`
    /// alternative in 3.1.
    pub fn nullable(&self, mut schema: Obj) -> Obj {
        match self.version {
            Version::V3_0 => {
                let mut schema = self.open(schema);
                schema.set("nullable", true);
                schema
            }
            Version::V3_1 => {
                if schema.is_empty() {
                    return schema; // any value, `null` included
                }
                let plain_type = match schema.get("type") {
                    Some(Node::Str(name)) => Some(name.clone()),
                    _ => None,
                };
                match plain_type {
                    Some(name) if !schema.contains("enum") && !schema.contains("$ref") => {
                        schema.set("type", strings([name, "null".to_owned()]));
                        schema
                    }
                    _ => {
                        let null = Obj::new().with("type", "null");
                        let typed = schema.contains("type");
                        if let (Some(Node::Array(options)), false) =
                            (schema.get_mut("anyOf"), typed)
                        {
                            options.push(null.into());
                            return schema;
                        }
                        Obj::new().with("anyOf", vec![Node::from(schema), null.into()])
                    }
                }
            }
        }
    }

    fn scalar(scalar: Scalar) -> Obj {
        let typed = |name: &str| Obj::new().with("type", name);
        let time_text = |pattern: &str, format: &str| {
            typed("string")
                .with("pattern", pattern)
                .with(x::TIME_FORMAT, format)
        };
        match scalar {
            Scalar::String => typed("string"),
            Scalar::Bool => typed("boolean"),
            Scalar::I32 => typed("integer").with("format", "int32"),
            Scalar::I64 => typed("integer").with("format", "int64"),
            Scalar::F64 => typed("number").with("format", "double"),
            Scalar::Decimal => typed("number").with(x::DECIMAL, true),
            Scalar::TimestampMs => typed("integer")
                .with("format", "int64")
                .with(x::TIME_FORMAT, "epoch-millis"),
            Scalar::DateTime => time_text(
                "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
                "yyyy-MM-dd HH:mm:ss",
            ),
            Scalar::DateTimeMinutes => time_text(
                "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$",
                "yyyy-MM-dd HH:mm",
            ),
            Scalar::Date => typed("string").with("format", "date"),
            Scalar::Rfc3339 => typed("string").with("format", "date-time"),
            Scalar::Json => Obj::new(),
        }
    }

    /// The schema of a type, with a field's value rules applied where they bite (lengths of a
    /// list are its item counts; the rules of a JSON-in-string value are the inner value's).
    pub fn ty(&self, ty: &Ty, constraints: Option<&Constraints>) -> Obj {
        let schema = match ty {
            Ty::Scalar(scalar) => Self::scalar(*scalar),
            Ty::Named(name) => reference(name.name.as_str()),
            Ty::List(item) => Obj::new()
                .with("type", "array")
                .with("items", self.ty(item, None)),
            Ty::Map(value) => Obj::new()
                .with("type", "object")
                .with("additionalProperties", self.ty(value, None)),
            Ty::Lenient(inner) => Obj::new()
                .with(
                    "anyOf",
                    vec![
                        self.ty(inner, None).into(),
                        Obj::new().with("type", "string").into(),
                    ],
                )
                .with(x::LENIENT, true),
            Ty::JsonString(inner) => {
                let content = self.ty(inner, constraints);
                let mut schema = Obj::new().with("type", "string");
                if self.version == Version::V3_1 {
                    schema.set("contentMediaType", "application/json");
                    schema.set("contentSchema", content.clone());
                }
                return schema.with(x::JSON_STRING, content);
            }
        };
        match constraints {
            Some(rules) if !rules.is_empty() => self.constrain(schema, ty, rules),
            _ => schema,
        }
    }

    fn constrain(&self, schema: Obj, ty: &Ty, rules: &Constraints) -> Obj {
        let mut schema = self.open(schema);
        if let Some(min) = rules.min {
            schema.set("minimum", number(min));
        }
        if let Some(max) = rules.max {
            schema.set("maximum", number(max));
        }
        let (min_key, max_key) = match ty {
            Ty::List(_) => ("minItems", "maxItems"),
            Ty::Map(_) => ("minProperties", "maxProperties"),
            _ => ("minLength", "maxLength"),
        };
        if let Some(n) = rules.min_length {
            schema.set(min_key, n);
        }
        if let Some(n) = rules.max_length {
            schema.set(max_key, n);
        }
        if let Some(scale) = rules.scale {
            schema.set(x::SCALE, scale);
        }
        let mut patterns = Vec::new();
        match rules.format {
            Some(StringFormat::UuidV4) => {
                schema.set("format", "uuid");
                patterns.push(UUID_V4_PATTERN.to_owned());
            }
            Some(StringFormat::Digits) => patterns.push("^[0-9]+$".to_owned()),
            None => {}
        }
        if let Some(prefix) = &rules.prefix {
            patterns.push(format!("^{}", regex_literal(prefix)));
        }
        if let Some(flags) = &rules.flags {
            // OpenAPI has no "sum of distinct flags"; the digits are a pattern, the rule an extension.
            patterns.push("^[0-9]+$".to_owned());
            let flags: Vec<Node> = flags.iter().map(|&flag| flag.into()).collect();
            schema.set(x::BIT_FLAGS, flags);
        }
        let mut patterns = patterns.into_iter();
        if let Some(first) = patterns.next() {
            schema.set("pattern", first);
        }
        let rest: Vec<Node> = patterns
            .map(|p| Obj::new().with("pattern", p).into())
            .collect();
        if !rest.is_empty() {
            schema.set("allOf", rest);
        }
        schema
    }

    /// A field's schema: type, rules, `null`, docs, default, credential mark.
    pub fn field(&self, field: &Field, siblings: &[Field]) -> Result<Obj, Internal> {
        let mut schema = self.ty(&field.ty, Some(&field.constraints));
        if matches!(
            field.presence,
            Presence::RequiredNullable | Presence::OptionalNullable
        ) {
            schema = self.nullable(schema);
        }
        schema = self.open(schema);
        x::docs(&mut schema, &field.docs);
        if let Some(default) = &field.default {
            schema.set("default", self.literal(&default.literal)?);
        }
        if field.secret {
            schema.set(x::SECRET, true);
        }
        if let Some(index) = field.discriminated_by {
            let sibling = siblings.get(index).ok_or_else(|| {
                format!("field `{}`: discriminator index out of range", field.wire)
            })?;
            schema.set(x::DISCRIMINATED_BY, &sibling.wire);
        }
        Ok(schema)
    }

    /// A default's value as JSON.
    pub fn literal(&self, literal: &Literal) -> Result<Node, Internal> {
        Ok(match literal {
            Literal::I32(n) => Node::Int(i64::from(*n)),
            Literal::I64(n) => Node::Int(*n),
            Literal::F64(n) => number(*n),
            Literal::Bool(b) => Node::Bool(*b),
            Literal::Str(s) => Node::Str(s.clone()),
            Literal::Variant(ty, variant) => {
                self.enum_wire(ty.name.as_str(), variant.name.as_str())?
            }
        })
    }

    /// The wire value of variant `variant` of the enum named `ty`.
    pub fn enum_wire(&self, ty: &str, variant: &str) -> Result<Node, Internal> {
        let named = self
            .vendor
            .types
            .iter()
            .find(|t| t.ident.name.as_str() == ty)
            .ok_or_else(|| format!("no type `{ty}` in vendor `{}`", self.vendor.module.name))?;
        let TypeKind::Enum(e) = &named.kind else {
            return Err(format!("`{ty}` is not an enum"));
        };
        e.values
            .iter()
            .find(|v| v.variant.name.as_str() == variant)
            .map(|v| wire_value(&v.wire))
            .ok_or_else(|| format!("enum `{ty}` has no variant `{variant}`"))
    }

    /// An object: its own fields as properties, flattened fields through `allOf`, sibling
    /// unions as `oneOf` over the discriminator's listed values.
    pub fn object(&self, object: &Object) -> Result<Obj, Internal> {
        let mut properties = Obj::new();
        let mut required = Vec::new();
        let mut flattened = Vec::new();
        let mut additional = None;
        for field in &object.fields {
            if field.flatten {
                match &field.ty {
                    Ty::Named(name) => flattened.push(Node::from(reference(name.name.as_str()))),
                    Ty::Map(value) => additional = Some(self.ty(value, None)),
                    other => {
                        return Err(format!(
                            "flattened field `{}` has type {other:?}, not an object or map",
                            field.wire
                        ));
                    }
                }
                continue;
            }
            properties.set(&field.wire, self.field(field, &object.fields)?);
            if field.presence.is_required() {
                required.push(field.wire.clone());
            }
        }
        let mut own = Obj::new().with("type", "object");
        if !properties.is_empty() {
            own.set("properties", properties);
        }
        if !required.is_empty() {
            own.set("required", strings(required));
        }
        if let Some(additional) = additional {
            own.set("additionalProperties", additional);
        }
        let mut choices = Vec::new();
        for field in &object.fields {
            if let Some(index) = field.discriminated_by {
                choices.push(self.sibling_choice(object, field, index)?);
            }
        }
        match choices.len() {
            0 => {}
            1 => {
                let only = choices.remove(0);
                own.set("oneOf", only);
            }
            _ => {
                let each: Vec<Node> = choices
                    .into_iter()
                    .map(|c| Obj::new().with("oneOf", c).into())
                    .collect();
                own.set("allOf", each);
            }
        }
        if flattened.is_empty() {
            return Ok(own);
        }
        flattened.push(own.into());
        Ok(Obj::new().with("allOf", flattened))
    }

    /// One branch per listed discriminator value (the value given, the union field that
    /// member), and one for an absent or unlisted value (the member is kept as received).
    fn sibling_choice(
        &self,
        object: &Object,
        field: &Field,
        index: usize,
    ) -> Result<Node, Internal> {
        let discriminator = object
            .fields
            .get(index)
            .ok_or_else(|| format!("field `{}`: discriminator index out of range", field.wire))?;
        let Ty::Named(union_name) = &field.ty else {
            return Err(format!(
                "sibling-union field `{}` is not a named type",
                field.wire
            ));
        };
        let union = self.sibling_union(union_name.name.as_str())?;
        let mut branches = Vec::new();
        let mut listed = Vec::new();
        for (member, enum_variant) in &union.variants {
            let value = self.enum_wire(
                union.discriminator_enum.name.as_str(),
                enum_variant.name.as_str(),
            )?;
            listed.push(value.clone());
            let properties = Obj::new()
                .with(&discriminator.wire, Obj::new().with("enum", vec![value]))
                .with(&field.wire, reference(member.ty.name.as_str()));
            branches.push(
                Obj::new()
                    .with("required", strings([discriminator.wire.clone()]))
                    .with("properties", properties)
                    .into(),
            );
        }
        let listed_value = Obj::new()
            .with("required", strings([discriminator.wire.clone()]))
            .with(
                "properties",
                Obj::new().with(&discriminator.wire, Obj::new().with("enum", listed)),
            );
        branches.push(Obj::new().with("not", listed_value).into());
        Ok(Node::Array(branches))
    }

    fn sibling_union(&self, name: &str) -> Result<&SiblingUnion, Internal> {
        match self
            .vendor
            .types
            .iter()
            .find(|t| t.ident.name.as_str() == name)
        {
            Some(NamedType {
                kind: TypeKind::SiblingUnion(union),
                ..
            }) => Ok(union),
            _ => Err(format!("`{name}` is not a union chosen by a sibling")),
        }
    }

    /// Every named type as components, in the IR's (sorted) order; a tagged union's members
    /// follow it.
    pub fn components(&self) -> Result<Vec<(String, Obj)>, Internal> {
        let mut out = Vec::new();
        for named in &self.vendor.types {
            let name = named.ident.name.as_str().to_owned();
            let mut schema = match &named.kind {
                TypeKind::Object(object) => {
                    let mut schema = self.object(object)?;
                    if !object.rules.is_empty() {
                        schema.set(
                            x::OBJECT_RULES,
                            x::object_rules(&object.rules, &object.fields),
                        );
                    }
                    schema
                }
                TypeKind::Enum(e) => {
                    let kind = if e.is_integer() { "integer" } else { "string" };
                    let mut schema = Obj::new()
                        .with("type", kind)
                        .with(
                            "enum",
                            e.values
                                .iter()
                                .map(|v| wire_value(&v.wire))
                                .collect::<Vec<_>>(),
                        )
                        .with(x::OPEN_ENUM, true)
                        .with(
                            x::ENUM_VARNAMES,
                            strings(e.values.iter().map(|v| v.variant.name.as_str())),
                        )
                        .with(
                            x::ENUM_DESCRIPTIONS,
                            strings(e.values.iter().map(|v| v.doc.trim_end())),
                        );
                    if e.values.iter().any(|v| v.label.is_some()) {
                        let labels = e
                            .values
                            .iter()
                            .map(|v| v.label.as_ref().map_or(Node::Null, Node::from))
                            .collect::<Vec<_>>();
                        schema.set(x::ENUM_LABELS, labels);
                    }
                    schema
                }
                TypeKind::Newtype(scalar) => Self::scalar(match scalar {
                    NewtypeScalar::String => Scalar::String,
                    NewtypeScalar::I64 => Scalar::I64,
                    NewtypeScalar::I32 => Scalar::I32,
                }),
                TypeKind::TaggedUnion(union) => {
                    let (schema, members) = self.tagged_union(&name, union);
                    let mut schema = schema;
                    x::docs(&mut schema, &named.docs);
                    out.push((name, schema));
                    out.extend(members);
                    continue;
                }
                TypeKind::SiblingUnion(union) => self.sibling_union_schema(union),
            };
            x::docs(&mut schema, &named.docs);
            out.push((name, schema));
        }
        Ok(out)
    }

    /// `oneOf` the members (each the member type with its tag fixed) and a discriminator
    /// mapping; the members' components are returned beside it.
    fn tagged_union(&self, name: &str, union: &TaggedUnion) -> (Obj, Vec<(String, Obj)>) {
        let mut one_of = Vec::new();
        let mut mapping = Obj::new();
        let mut members = Vec::new();
        for variant in &union.variants {
            let component = tagged_member_component(name, variant.variant.name.as_str());
            let tag = Obj::new()
                .with("type", "object")
                .with("required", strings([union.tag.clone()]))
                .with(
                    "properties",
                    Obj::new().with(
                        &union.tag,
                        Obj::new()
                            .with("type", "string")
                            .with("enum", strings([variant.wire.clone()])),
                    ),
                );
            let mut member = Obj::new().with(
                "allOf",
                vec![Node::from(reference(variant.ty.name.as_str())), tag.into()],
            );
            if !variant.doc.trim().is_empty() {
                member.set("description", variant.doc.trim_end());
            }
            let target = reference(&component);
            mapping.set(
                &variant.wire,
                target.get("$ref").cloned().unwrap_or(Node::Null),
            );
            one_of.push(Node::from(target));
            members.push((component, member));
        }
        let mut schema = Obj::new()
            .with("oneOf", one_of)
            .with(
                "discriminator",
                Obj::new()
                    .with("propertyName", &union.tag)
                    .with("mapping", mapping),
            )
            .with(x::OPEN_UNION, true);
        if !union.not_creatable.is_empty() {
            let refused: Vec<Node> = union
                .not_creatable
                .iter()
                .map(|(source, tags)| {
                    Obj::new()
                        .with("source", x::source_ref(source))
                        .with("tags", strings(tags.iter().cloned()))
                        .into()
                })
                .collect();
            schema.set(x::NOT_CREATABLE, refused);
        }
        (schema, members)
    }

    /// `anyOf` the member types (OpenAPI's discriminator must sit inside the members, and here
    /// it is a sibling of the union's field), with the sibling and mapping as an extension; the
    /// objects using it tie discriminator value to member with `oneOf` (see [`Self::object`]).
    fn sibling_union_schema(&self, union: &SiblingUnion) -> Obj {
        let mut seen = std::collections::BTreeSet::new();
        let mut any_of = Vec::new();
        let mut mapping = Obj::new();
        for (member, _) in &union.variants {
            let target = reference(member.ty.name.as_str());
            mapping.set(
                &member.wire,
                target.get("$ref").cloned().unwrap_or(Node::Null),
            );
            if seen.insert(member.ty.name.as_str()) {
                any_of.push(Node::from(target));
            }
        }
        Obj::new()
            .with("anyOf", any_of)
            .with(
                x::SIBLING_DISCRIMINATOR,
                Obj::new()
                    .with("propertyName", &union.discriminator)
                    .with("enum", reference(union.discriminator_enum.name.as_str()))
                    .with("mapping", mapping),
            )
            .with(x::OPEN_UNION, true)
    }
}

/// A spec number as JSON: integral values print as integers (`100`, not `100.0`).
pub fn number(value: f64) -> Node {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Node::Int(value as i64)
    } else {
        Node::Float(value)
    }
}
