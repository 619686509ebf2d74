//! Lowering checked specs to the IR. The checker has already rejected anything that would not
//! lower; where a fallback is still needed it is a plain default, never a panic.

use super::*;
use crate::load::LoadedSpec;
use crate::naming;
use crate::spec::type_expr::{self, TypeExpr, Wrapper};
use crate::spec::{self, EnumRepr, SpecFile};
use std::collections::BTreeMap;

/// Lowers every (checked) spec, vendors sorted by module name.
pub fn lower(specs: &[LoadedSpec]) -> Ir {
    let mut vendors: Vec<Vendor> = specs
        .iter()
        .map(|loaded| Lowerer::new(&loaded.spec).vendor(&loaded.path))
        .collect();
    vendors.sort_by(|a, b| a.module.cmp(&b.module));
    Ir { vendors }
}

struct Lowerer<'a> {
    spec: &'a SpecFile,
    types: BTreeMap<&'a str, &'a spec::TypeDef>,
}

fn ident_or(result: Result<RustIdent, String>) -> RustIdent {
    result.unwrap_or_else(|name| RustIdent {
        name: format!("invalid_{}", name.len()),
        raw: false,
    })
}

impl<'a> Lowerer<'a> {
    fn new(spec: &'a SpecFile) -> Self {
        Self {
            spec,
            types: spec
                .types
                .iter()
                .map(|(name, def)| (name.value.as_str(), def))
                .collect(),
        }
    }

    fn source(&self, key: &str) -> Option<SourceRef> {
        self.spec.sources.get(key).map(|source| SourceRef {
            title: source.title.value.clone(),
            url: source.url.as_ref().map(|u| u.value.clone()),
            file: source.file.as_ref().map(|f| f.value.clone()),
            section: source.section.as_ref().map(|s| s.value.clone()),
            updated: source.updated.as_ref().map(|s| s.value.clone()),
        })
    }

    fn docs(
        &self,
        text: &str,
        quirk: Option<&spec::Spanned<String>>,
        source: Option<&str>,
    ) -> Docs {
        Docs {
            text: text.trim().to_owned(),
            quirk: quirk.map(|q| q.value.trim().to_owned()),
            source: source.and_then(|key| self.source(key)),
        }
    }

    fn vendor(&self, path: &std::path::Path) -> Vendor {
        let spec = self.spec;
        let mut types: Vec<NamedType> = spec
            .types
            .iter()
            .map(|(name, def)| self.named_type(name, def))
            .collect();
        types.sort_by(|a, b| a.ident.cmp(&b.ident));
        let mut endpoints: Vec<Endpoint> = spec
            .endpoints
            .iter()
            .map(|(name, endpoint)| self.endpoint(name, endpoint))
            .collect();
        endpoints.sort_by(|a, b| a.module.cmp(&b.module));
        let mut errors: Vec<ErrorEntry> = spec
            .errors
            .iter()
            .map(|error| ErrorEntry {
                code: error.code.value,
                variant: RustIdent {
                    name: error.name.value.clone(),
                    raw: false,
                },
                message: error.message.as_ref().map(|m| m.value.clone()),
                http_status: error.http_status.as_ref().map(|s| s.value),
                docs: self.docs(&error.doc, None, Some(&error.source)),
            })
            .collect();
        errors.sort_by_key(|error| error.code);
        let envelope = &spec.envelope;
        Vendor {
            module: RustIdent {
                name: spec.vendor.value.clone(),
                raw: false,
            },
            feature: naming::feature_name(&spec.vendor),
            spec_path: path
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            title: spec.title.value.clone(),
            docs: self.docs(&spec.doc, None, None),
            base_url: spec.base_url.value.clone(),
            sources: spec
                .sources
                .iter()
                .filter_map(|(key, _)| self.source(key))
                .collect(),
            envelope: Envelope {
                code: envelope.code.value.clone(),
                message: envelope.message.value.clone(),
                success: envelope.success.value,
                payload: envelope.payload.as_ref().map(|p| p.value.clone()),
                fields: envelope
                    .fields
                    .iter()
                    .map(|f| self.field(f, None))
                    .collect(),
                alternate: envelope
                    .alternate_error
                    .as_ref()
                    .map(|alt| (alt.code.value.clone(), alt.message.value.clone())),
                docs: self.docs(&envelope.doc, None, Some(&envelope.source)),
            },
            errors,
            types,
            endpoints,
        }
    }

    fn ty(&self, expr: &TypeExpr) -> Ty {
        match expr {
            TypeExpr::Scalar(scalar) => Ty::Scalar(*scalar),
            TypeExpr::Named(name, _) => Ty::Named(RustIdent {
                name: name.clone(),
                raw: false,
            }),
            TypeExpr::Wrapped(wrapper, inner) => {
                let inner = Box::new(self.ty(inner));
                match wrapper {
                    Wrapper::List => Ty::List(inner),
                    Wrapper::Map => Ty::Map(inner),
                    Wrapper::Lenient => Ty::Lenient(inner),
                    Wrapper::JsonString => Ty::JsonString(inner),
                }
            }
        }
    }

    fn field(&self, field: &spec::Field, siblings: Option<&[spec::Field]>) -> Field {
        let expr = type_expr::parse(&field.ty).unwrap_or(TypeExpr::Scalar(Scalar::Json));
        let ident = ident_or(naming::field_ident(
            &field.name,
            field.rust_name.as_ref().map(|n| n.value.as_str()),
        ));
        let discriminated_by = match (&expr, siblings) {
            (TypeExpr::Named(name, _), Some(siblings)) => self
                .types
                .get(name.as_str())
                .and_then(|def| def.discriminator.as_ref())
                .and_then(|disc| siblings.iter().position(|f| f.name.value == disc.value)),
            _ => None,
        };
        let constraints = field
            .constraints
            .as_ref()
            .map_or_else(Constraints::default, |c| Constraints {
                min: c.min.as_ref().map(|v| v.value),
                max: c.max.as_ref().map(|v| v.value),
                min_length: c.min_length.as_ref().map(|v| v.value),
                max_length: c.max_length.as_ref().map(|v| v.value),
                scale: c.scale.as_ref().map(|v| v.value),
                format: c.format.as_ref().map(|v| v.value),
                prefix: c.prefix.as_ref().map(|v| v.value.clone()),
            });
        Field {
            wire: field.name.value.clone(),
            ident,
            default: field.default.as_ref().and_then(|d| self.literal(&expr, d)),
            ty: self.ty(&expr),
            presence: if field.required {
                Presence::Required
            } else {
                Presence::Optional
            },
            nullable: field.nullable,
            secret: field.secret,
            flatten: field.flatten,
            constraints,
            docs: self.docs(
                &field.doc,
                field.quirk.as_ref(),
                field.source.as_ref().map(|s| s.value.as_str()),
            ),
            discriminated_by,
        }
    }

    fn literal(&self, expr: &TypeExpr, text: &str) -> Option<Literal> {
        Some(match expr {
            TypeExpr::Scalar(Scalar::I32 | Scalar::I64 | Scalar::TimestampMs) => {
                Literal::Int(text.parse().ok()?)
            }
            TypeExpr::Scalar(Scalar::F64 | Scalar::Decimal) => Literal::Float(text.parse().ok()?),
            TypeExpr::Scalar(Scalar::Bool) => Literal::Bool(text.parse().ok()?),
            TypeExpr::Scalar(Scalar::String) => Literal::Str(text.to_owned()),
            TypeExpr::Named(name, _) => {
                let def = self.types.get(name.as_str())?;
                let value = def
                    .values
                    .iter()
                    .flatten()
                    .find(|v| v.value.value == text)?;
                Literal::Variant(
                    RustIdent {
                        name: name.clone(),
                        raw: false,
                    },
                    variant_ident(&value.value, value.name.as_ref()),
                )
            }
            _ => return None,
        })
    }

    fn named_type(&self, name: &spec::Spanned<String>, def: &spec::TypeDef) -> NamedType {
        let kind = match def.kind.value {
            spec::TypeKind::Newtype => {
                let scalar = def
                    .inner
                    .as_ref()
                    .and_then(|inner| type_expr::parse(inner).ok());
                TypeKind::Newtype(match scalar {
                    Some(TypeExpr::Scalar(scalar)) => scalar,
                    _ => Scalar::String,
                })
            }
            spec::TypeKind::Enum => {
                let repr = def.repr.as_ref().map_or(EnumRepr::String, |r| r.value);
                TypeKind::Enum(Enum {
                    integer: repr == EnumRepr::Integer,
                    values: def
                        .values
                        .iter()
                        .flatten()
                        .map(|value| EnumValue {
                            wire: repr.canonical(&value.value),
                            variant: variant_ident(&value.value, value.name.as_ref()),
                            label: value.label.as_ref().map(|l| l.value.clone()),
                            doc: value.doc.value.trim().to_owned(),
                        })
                        .collect(),
                })
            }
            spec::TypeKind::Object => {
                let fields = def.fields.as_deref().unwrap_or_default();
                let position = |wire: &str| {
                    fields
                        .iter()
                        .position(|f| f.name.value == wire)
                        .unwrap_or(0)
                };
                TypeKind::Object(Object {
                    fields: fields.iter().map(|f| self.field(f, Some(fields))).collect(),
                    rules: def
                        .rules
                        .iter()
                        .map(|rule| RangeRule {
                            start: position(&rule.start),
                            end: position(&rule.end),
                            max_days: rule.max_days.as_ref().map(|d| d.value),
                            doc: rule.doc.value.trim().to_owned(),
                        })
                        .collect(),
                })
            }
            spec::TypeKind::Union => self.union(name, def),
        };
        NamedType {
            ident: RustIdent {
                name: name.value.clone(),
                raw: false,
            },
            docs: self.docs(&def.doc, def.quirk.as_ref(), Some(&def.source)),
            kind,
        }
    }

    fn union(&self, name: &str, def: &spec::TypeDef) -> TypeKind {
        let discriminator_enum = def
            .discriminator
            .as_ref()
            .and_then(|disc| self.discriminator_enum(name, disc));
        let variants = def
            .variants
            .iter()
            .flatten()
            .map(|variant| UnionVariant {
                wire: variant.value.value.clone(),
                enum_variant: discriminator_enum.and_then(|(_, enum_def)| {
                    let repr = enum_def.repr.as_ref().map_or(EnumRepr::String, |r| r.value);
                    enum_def
                        .values
                        .iter()
                        .flatten()
                        .find(|value| {
                            repr.canonical(&value.value) == repr.canonical(&variant.value)
                        })
                        .map(|value| variant_ident(&value.value, value.name.as_ref()))
                }),
                variant: variant_ident(&variant.value, variant.name.as_ref()),
                ty: RustIdent {
                    name: variant.ty.value.clone(),
                    raw: false,
                },
                doc: variant.doc.value.trim().to_owned(),
            })
            .collect();
        match (&def.tag, &def.discriminator) {
            (_, Some(discriminator)) => TypeKind::SiblingUnion(SiblingUnion {
                discriminator: discriminator.value.clone(),
                discriminator_enum: discriminator_enum.map(|(enum_name, _)| RustIdent {
                    name: enum_name.to_owned(),
                    raw: false,
                }),
                variants,
            }),
            (tag, None) => TypeKind::TaggedUnion(TaggedUnion {
                tag: tag
                    .as_ref()
                    .map_or_else(|| "type".to_owned(), |t| t.value.clone()),
                variants,
                not_creatable: def
                    .not_creatable
                    .iter()
                    .filter_map(|list| {
                        Some((
                            self.source(&list.source)?,
                            list.values.iter().map(|v| v.value.clone()).collect(),
                        ))
                    })
                    .collect(),
            }),
        }
    }

    /// The enum type of the sibling field that chooses this union, found from an object using it.
    fn discriminator_enum(
        &self,
        union: &str,
        discriminator: &str,
    ) -> Option<(&'a str, &'a spec::TypeDef)> {
        self.types.values().flat_map(|def| def.fields.iter().flatten()).find_map(|field| {
            let used_here = matches!(type_expr::parse(&field.ty), Ok(TypeExpr::Named(ref n, _)) if n == union);
            if !used_here {
                return None;
            }
            let siblings = self.types.values().find(|def| def.fields.iter().flatten().any(|f| std::ptr::eq(f, field)))?;
            let sibling = siblings.fields.iter().flatten().find(|f| f.name.value == discriminator)?;
            match type_expr::parse(&sibling.ty) {
                Ok(TypeExpr::Named(name, _)) => self.types.get_key_value(name.as_str()).map(|(k, v)| (*k, *v)).filter(|(_, def)| def.kind.value == spec::TypeKind::Enum),
                _ => None,
            }
        })
    }

    fn endpoint(&self, name: &spec::Spanned<String>, endpoint: &spec::Endpoint) -> Endpoint {
        let common = &self.spec.common;
        let source = self.source(&endpoint.source);
        Endpoint {
            name: name.value.clone(),
            module: ident_or(naming::exact_snake(name)),
            doc_url: source.as_ref().and_then(|s| s.url.clone()),
            docs: self.docs(&endpoint.doc, None, Some(&endpoint.source)),
            method: endpoint.method.value,
            path: endpoint.path.value.clone(),
            path_params: endpoint
                .path_params
                .iter()
                .map(|f| self.field(f, None))
                .collect(),
            query: common
                .query
                .iter()
                .chain(&endpoint.query)
                .map(|f| self.field(f, None))
                .collect(),
            headers: common
                .headers
                .iter()
                .chain(&endpoint.headers)
                .map(|f| self.field(f, None))
                .collect(),
            body: endpoint.body.as_ref().map(|b| RustIdent {
                name: b.value.clone(),
                raw: false,
            }),
            response: endpoint.response.as_ref().map(|r| RustIdent {
                name: r.value.clone(),
                raw: false,
            }),
            errors: endpoint.errors.iter().map(|code| code.value).collect(),
        }
    }
}

fn variant_ident(value: &str, name: Option<&spec::Spanned<String>>) -> RustIdent {
    ident_or(naming::variant_ident(value, name.map(|n| n.value.as_str())))
}
