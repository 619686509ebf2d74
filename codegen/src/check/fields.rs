//! Rules for fields and parameters.

use super::Checker;
use crate::naming::{self, RustIdent};
use crate::spec::type_expr::{self, Scalar, TypeExpr, Wrapper};
use crate::spec::{Field, Span, Spanned, TypeKind};
use std::collections::BTreeMap;

/// The span of a part of a one-line value, `offset` bytes into it.
pub(crate) fn sub_span(value: &Spanned<String>, offset: usize, len: usize) -> Span {
    let quote = usize::from(value.span.len > value.value.len());
    let offset = offset.min(value.value.len().saturating_sub(len.max(1)));
    let chars = value
        .value
        .get(..offset)
        .map_or(0, |prefix| prefix.chars().count());
    Span {
        column: value.span.column + quote + chars,
        offset: None,
        len,
        ..value.span
    }
}

impl Checker<'_> {
    /// The Rust name a field will get, or a diagnostic.
    pub(crate) fn field_ident(&mut self, field: &Field) -> Option<RustIdent> {
        if let Some(rust_name) = &field.rust_name {
            return match naming::exact_snake(rust_name) {
                Ok(ident) => Some(ident),
                Err(_) => {
                    self.error(
                        rust_name.span,
                        format!("`{}` is not a usable snake_case Rust name", rust_name.value),
                        "a snake_case identifier such as `task_id`",
                    );
                    None
                }
            };
        }
        match naming::snake_ident(&field.name) {
            Ok(ident) => Some(ident),
            Err(derived) => {
                self.error(
                    field.name.span,
                    format!(
                        "wire name `{}` does not become a Rust identifier (it gives `{derived}`)",
                        field.name.value
                    ),
                    "a `rust_name:` for this field, in snake_case",
                );
                None
            }
        }
    }

    /// Parses a `type:` expression and checks the names it refers to.
    pub(crate) fn type_expr(&mut self, ty: &Spanned<String>) -> Option<TypeExpr> {
        let expr = match type_expr::parse(ty) {
            Ok(expr) => expr,
            Err(error) => {
                self.error(
                    sub_span(ty, error.offset, 1),
                    format!("bad type `{}`: {}", ty.value, error.message),
                    error.expected,
                );
                return None;
            }
        };
        let mut ok = true;
        for (name, offset) in expr.named() {
            if self.type_def(name).is_none() {
                let known: Vec<&str> = self.types.keys().copied().collect();
                self.error(
                    sub_span(ty, offset, name.len()),
                    format!("unknown type `{name}`"),
                    format!(
                        "a scalar or one of the types under `types:` ({})",
                        known.join(", ")
                    ),
                );
                ok = false;
            }
        }
        ok.then_some(expr)
    }

    /// Checks a field of an object (or of the envelope).
    pub(crate) fn check_field(&mut self, field: &Field, what: &str) -> Option<TypeExpr> {
        self.non_empty(&field.name, "name");
        self.non_empty(&field.doc, "doc");
        self.field_ident(field);
        if let Some(source) = &field.source {
            self.source(source);
        }
        let expr = self.type_expr(&field.ty)?;
        if field.flatten {
            let flattenable = match &expr {
                TypeExpr::Named(name, _) => self.kind_of(name) == Some(TypeKind::Object),
                TypeExpr::Wrapped(Wrapper::Map, _) => true,
                _ => false,
            };
            if !flattenable || field.nullable || !field.required {
                self.error(
                    field.name.span,
                    format!(
                        "{what} `{}` is flattened but is not a required, non-nullable object or map",
                        field.name.value
                    ),
                    "`flatten: true` only on a `required: true` field whose type is an object type or a `map<...>`",
                );
            }
        }
        if field.secret && expr != TypeExpr::Scalar(Scalar::String) {
            self.error(
                field.ty.span,
                format!("secret {what} `{}` must be a string", field.name.value),
                "`type: string` for a secret",
            );
        }
        if let Some(constraints) = &field.constraints {
            self.check_constraints(field, &expr, constraints);
        }
        if let Some(default) = &field.default {
            if field.secret {
                // The value is not repeated: a credential may have been pasted here.
                self.error(
                    default.span,
                    format!("secret {what} `{}` has a default value", field.name.value),
                    "no `default:` on a secret field (credentials do not belong in specs)",
                );
            } else {
                self.check_default(default, &expr);
            }
        }
        Some(expr)
    }

    /// Checks a path, query or header parameter: a field whose type is a scalar, an enum or an
    /// identifier.
    pub(crate) fn check_param(&mut self, field: &Field, place: &str) {
        let Some(expr) = self.check_field(field, &format!("{place} parameter")) else {
            return;
        };
        let simple = match &expr {
            TypeExpr::Scalar(scalar) => *scalar != Scalar::Json,
            TypeExpr::Named(name, _) => {
                matches!(self.kind_of(name), Some(TypeKind::Enum | TypeKind::Newtype))
            }
            TypeExpr::Wrapped(..) => false,
        };
        if !simple {
            self.error(
                field.ty.span,
                format!(
                    "{place} parameter `{}` must be a single value",
                    field.name.value
                ),
                "a scalar, an enum or a newtype",
            );
        }
        if field.nullable || field.flatten {
            self.error(
                field.name.span,
                format!(
                    "{place} parameter `{}` cannot be nullable or flattened",
                    field.name.value
                ),
                "a plain value",
            );
        }
    }

    /// Reports fields whose Rust names collide, e.g. `fooBar` and `foo_bar`.
    pub(crate) fn unique_rust_names<'f>(
        &mut self,
        fields: impl IntoIterator<Item = &'f Field>,
        reserved: &[&str],
    ) {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut wire_seen: BTreeMap<String, ()> = BTreeMap::new();
        for field in fields {
            if wire_seen.insert(field.name.value.clone(), ()).is_some() {
                self.error(
                    field.name.span,
                    format!("`{}` is listed twice", field.name.value),
                    "each wire name once",
                );
                continue;
            }
            let Some(ident) = self.silent_ident(field) else {
                continue;
            };
            if reserved.contains(&ident.name.as_str()) {
                self.error(
                    field.name.span,
                    format!(
                        "`{}` would take the Rust name `{}`, which the generated code uses itself",
                        field.name.value, ident.name
                    ),
                    "another `rust_name:`",
                );
            } else if let Some(other) = seen.insert(ident.name.clone(), field.name.value.clone()) {
                self.error(
                    field.name.span,
                    format!(
                        "`{}` and `{other}` both become the Rust name `{}`",
                        field.name.value, ident.name
                    ),
                    "a `rust_name:` that tells them apart",
                );
            }
        }
    }

    fn silent_ident(&self, field: &Field) -> Option<RustIdent> {
        naming::field_ident(
            &field.name,
            field.rust_name.as_ref().map(|n| n.value.as_str()),
        )
        .ok()
    }

    /// The scalar at the core of a type (through wrappers and newtypes), if any.
    fn core_scalar(&self, expr: &TypeExpr) -> Option<Scalar> {
        match expr {
            TypeExpr::Scalar(scalar) => Some(*scalar),
            TypeExpr::Wrapped(Wrapper::Lenient, inner) => self.core_scalar(inner),
            TypeExpr::Named(name, _) => {
                let def = self.type_def(name)?;
                if def.kind.value != TypeKind::Newtype {
                    return None;
                }
                type_expr::parse(def.inner.as_ref()?)
                    .ok()
                    .and_then(|inner| match inner {
                        TypeExpr::Scalar(scalar) => Some(scalar),
                        _ => None,
                    })
            }
            TypeExpr::Wrapped(..) => None,
        }
    }

    fn check_constraints(
        &mut self,
        field: &Field,
        expr: &TypeExpr,
        constraints: &crate::spec::Constraints,
    ) {
        let scalar = self.core_scalar(expr);
        let numeric = scalar.is_some_and(Scalar::is_numeric);
        let textual = scalar == Some(Scalar::String);
        let sized = textual || matches!(expr, TypeExpr::Wrapped(Wrapper::List | Wrapper::Map, _));
        for bound in [&constraints.min, &constraints.max].into_iter().flatten() {
            if !numeric {
                self.error(
                    bound.span,
                    format!(
                        "`{}` is not a number, so it has no min/max",
                        field.name.value
                    ),
                    "min/max only on numeric fields",
                );
            }
        }
        if let (Some(min), Some(max)) = (&constraints.min, &constraints.max)
            && min.value > max.value
        {
            self.error(
                max.span,
                "max is below min",
                format!("a max of at least {}", min.value),
            );
        }
        for bound in [&constraints.min_length, &constraints.max_length]
            .into_iter()
            .flatten()
        {
            if !sized {
                self.error(
                    bound.span,
                    format!("`{}` has no length", field.name.value),
                    "min_length/max_length only on strings, lists and maps",
                );
            }
        }
        if let (Some(min), Some(max)) = (&constraints.min_length, &constraints.max_length)
            && min.value > max.value
        {
            self.error(
                max.span,
                "max_length is below min_length",
                format!("at least {}", min.value),
            );
        }
        if let Some(scale) = &constraints.scale
            && scalar != Some(Scalar::Decimal)
        {
            self.error(
                scale.span,
                format!(
                    "`{}` is not a decimal, so it has no scale",
                    field.name.value
                ),
                "scale only on `decimal` fields",
            );
        }
        let string_rules = [
            constraints.format.as_ref().map(|f| f.span),
            constraints.prefix.as_ref().map(|p| p.span),
        ];
        for span in string_rules.into_iter().flatten() {
            if !textual {
                self.error(
                    span,
                    format!("`{}` is not a string", field.name.value),
                    "format/prefix only on string fields",
                );
            }
        }
    }

    fn check_default(&mut self, default: &Spanned<String>, expr: &TypeExpr) {
        let ok = match expr {
            TypeExpr::Scalar(Scalar::I32) => default.parse::<i32>().is_ok(),
            TypeExpr::Scalar(Scalar::I64 | Scalar::TimestampMs) => default.parse::<i64>().is_ok(),
            TypeExpr::Scalar(Scalar::F64 | Scalar::Decimal) => {
                default.parse::<f64>().is_ok_and(f64::is_finite)
            }
            TypeExpr::Scalar(Scalar::Bool) => matches!(default.as_str(), "true" | "false"),
            TypeExpr::Scalar(Scalar::String) => true,
            TypeExpr::Named(name, _) => self.type_def(name).is_some_and(|def| {
                def.kind.value == TypeKind::Enum
                    && def
                        .values
                        .iter()
                        .flatten()
                        .any(|value| value.value.value == default.value)
            }),
            _ => false,
        };
        if !ok {
            self.error(
                default.span,
                format!(
                    "default `{}` is not a value of this field's type",
                    default.value
                ),
                "a literal of the field's type (for enums, one of its values)",
            );
        }
    }
}
