//! Rules for fields and parameters, and the IR fields built from them.

use super::Checker;
use crate::ir;
use crate::naming::{self, RustIdent};
use crate::scalar::{Scalar, ScalarClass};
use crate::spec::type_expr::{TypeExpr, TypeSyntax, Wrapper};
use crate::spec::{Field, Span, Spanned, StringFormat, TypeKind};
use std::collections::BTreeMap;

/// The span of a part of a one-line value `text` written at `span`, `offset` bytes into it.
pub(crate) fn sub_span(span: Span, text: &str, offset: usize, len: usize) -> Span {
    let quote = usize::from(span.len > text.len());
    let offset = offset.min(text.len().saturating_sub(len.max(1)));
    let chars = text
        .get(..offset)
        .map_or(0, |prefix| prefix.chars().count());
    Span {
        column: span.column + quote + chars,
        offset: None,
        len,
        ..span
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

    /// The parsed expression of a `type:` whose named types all exist, or a diagnostic.
    pub(crate) fn type_expr<'t>(&mut self, ty: &'t Spanned<TypeSyntax>) -> Option<&'t TypeExpr> {
        let syntax = &ty.value;
        let expr = match &syntax.parsed {
            Ok(expr) => expr,
            Err(error) => {
                self.error(
                    sub_span(ty.span, &syntax.text, error.offset, 1),
                    format!("bad type `{}`: {}", syntax.text, error.message),
                    error.expected.clone(),
                );
                return None;
            }
        };
        if let Some((name, offset)) = expr.named()
            && self.type_def(name).is_none()
        {
            let known: Vec<&str> = self.types.keys().copied().collect();
            let known = known.join(", ");
            self.error(
                sub_span(ty.span, &syntax.text, offset, name.len()),
                format!("unknown type `{name}`"),
                format!("a scalar or one of the types under `types:` ({known})"),
            );
            return None;
        }
        Some(expr)
    }

    /// The IR type of an expression whose names exist.
    pub(crate) fn resolve(expr: &TypeExpr) -> ir::Ty {
        match expr {
            TypeExpr::Scalar(scalar) => ir::Ty::Scalar(*scalar),
            TypeExpr::Named(name, _) => ir::Ty::Named(naming::type_ident(name)),
            TypeExpr::Wrapped(wrapper, inner) => {
                let inner = Box::new(Self::resolve(inner));
                match wrapper {
                    Wrapper::List => ir::Ty::List(inner),
                    Wrapper::Map => ir::Ty::Map(inner),
                    Wrapper::Lenient => ir::Ty::Lenient(inner),
                    Wrapper::JsonString => ir::Ty::JsonString(inner),
                }
            }
        }
    }

    /// Checks a field of an object (or of the envelope) and builds it.
    pub(crate) fn field(&mut self, field: &Field, what: &str) -> Option<ir::Field> {
        self.non_empty(&field.name, "name");
        let docs = self.docs(&field.doc, field.quirk.as_ref(), field.source.as_ref());
        let ident = self.field_ident(field);
        let expr = self.type_expr(&field.ty)?;
        if field.flatten {
            let flattenable = match expr {
                TypeExpr::Named(name, _) => self.kind_of(name) == Some(TypeKind::Object),
                TypeExpr::Wrapped(Wrapper::Map, _) => true,
                TypeExpr::Scalar(_) | TypeExpr::Wrapped(..) => false,
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
        if field.secret && *expr != TypeExpr::Scalar(Scalar::String) {
            self.error(
                field.ty.span,
                format!("secret {what} `{}` must be a string", field.name.value),
                "`type: string` for a secret",
            );
        }
        let constraints = match &field.constraints {
            Some(constraints) => self.constraints(field, expr, constraints),
            None => Some(ir::Constraints::default()),
        };
        let presence = ir::Presence::new(field.required, field.nullable);
        let default = match &field.default {
            None => Some(None),
            Some(default) if field.secret => {
                // The value is not repeated: a credential may have been pasted here.
                self.error(
                    default.span,
                    format!("secret {what} `{}` has a default value", field.name.value),
                    "no `default:` on a secret field (credentials do not belong in specs)",
                );
                None
            }
            Some(default) => match &ident {
                Some(ident) => self.default_value(default, expr, presence, ident).map(Some),
                None => None,
            },
        };
        Some(ir::Field {
            wire: field.name.value.clone(),
            ident: ident?,
            ty: Self::resolve(expr),
            presence,
            secret: field.secret,
            flatten: field.flatten,
            default: default?,
            constraints: constraints?,
            docs: docs?,
            discriminated_by: None,
        })
    }

    /// Checks a path, query or header parameter: a field whose type is a scalar, an enum or an
    /// identifier.
    pub(crate) fn param(&mut self, field: &Field, place: &str) -> Option<ir::Field> {
        let built = self.field(field, &format!("{place} parameter"));
        let expr = field.ty.value.expr();
        let simple = match expr {
            Some(TypeExpr::Scalar(scalar)) => *scalar != Scalar::Json,
            Some(TypeExpr::Named(name, _)) => {
                matches!(self.kind_of(name), Some(TypeKind::Enum | TypeKind::Newtype))
            }
            Some(TypeExpr::Wrapped(..)) => false,
            // Already reported.
            None => true,
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
        built
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
            let Ok(ident) = naming::field_ident(
                &field.name,
                field.rust_name.as_ref().map(|n| n.value.as_str()),
            ) else {
                // Reported where the field itself is checked.
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

    /// The scalar at the core of a type (through `lenient` and newtypes), if any.
    fn core_scalar(&self, expr: &TypeExpr) -> Option<Scalar> {
        match expr {
            TypeExpr::Scalar(scalar) => Some(*scalar),
            TypeExpr::Wrapped(Wrapper::Lenient, inner) => self.core_scalar(inner),
            TypeExpr::Named(name, _) => {
                let def = self.type_def(name)?;
                if def.kind.value != TypeKind::Newtype {
                    return None;
                }
                match def.inner.as_ref()?.value.expr()? {
                    TypeExpr::Scalar(scalar) => Some(*scalar),
                    TypeExpr::Named(..) | TypeExpr::Wrapped(..) => None,
                }
            }
            TypeExpr::Wrapped(Wrapper::List | Wrapper::Map | Wrapper::JsonString, _) => None,
        }
    }

    fn constraints(
        &mut self,
        field: &Field,
        expr: &TypeExpr,
        constraints: &crate::spec::Constraints,
    ) -> Option<ir::Constraints> {
        let errors_before = self.errors;
        let class = self.core_scalar(expr).map(Scalar::class);
        let numeric = class == Some(ScalarClass::Number);
        let textual = class == Some(ScalarClass::Text);
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
            } else if !bound.value.is_finite() {
                self.error(
                    bound.span,
                    "the bound is not a finite number",
                    "a finite number",
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
            && self.core_scalar(expr) != Some(Scalar::Decimal)
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
            constraints.flags.as_ref().map(|f| f.span),
        ];
        for span in string_rules.into_iter().flatten() {
            if !textual {
                self.error(
                    span,
                    format!("`{}` is not a string", field.name.value),
                    "format/prefix/flags only on string fields",
                );
            }
        }
        if let Some(flags) = &constraints.flags {
            let mut seen = 0u64;
            let distinct_powers = flags.value.iter().all(|&flag| {
                let fresh = flag.is_power_of_two() && seen & flag == 0;
                seen |= flag;
                fresh
            });
            if flags.value.is_empty() || !distinct_powers {
                self.error(
                    flags.span,
                    "bit flags must be distinct powers of two",
                    "a non-empty list such as `[1, 2, 4]`",
                );
            }
        }
        (self.errors == errors_before).then(|| ir::Constraints {
            min: constraints.min.as_ref().map(|v| v.value),
            max: constraints.max.as_ref().map(|v| v.value),
            min_length: constraints.min_length.as_ref().map(|v| v.value),
            max_length: constraints.max_length.as_ref().map(|v| v.value),
            scale: constraints.scale.as_ref().map(|v| v.value),
            format: constraints
                .format
                .as_ref()
                .map(|format| match format.value {
                    StringFormat::UuidV4 => ir::StringFormat::UuidV4,
                    StringFormat::Digits => ir::StringFormat::Digits,
                }),
            prefix: constraints.prefix.as_ref().map(|v| v.value.clone()),
            flags: constraints.flags.as_ref().map(|v| v.value.clone()),
        })
    }

    /// A documented default: a literal of the field's type on an optional, non-nullable field,
    /// which the generated `DEFAULT_X` constant and `x_or_default()` accessor can express.
    fn default_value(
        &mut self,
        default: &Spanned<String>,
        expr: &TypeExpr,
        presence: ir::Presence,
        ident: &RustIdent,
    ) -> Option<ir::DefaultValue> {
        if presence != ir::Presence::Optional {
            self.error(
                default.span,
                "a default applies only to a field that may be absent and is never `null`",
                "no `default:` here, or `required: false` without `nullable: true`",
            );
            return None;
        }
        let text = default.value.as_str();
        let literal = match expr {
            TypeExpr::Scalar(Scalar::I32) => text.parse().ok().map(ir::Literal::I32),
            TypeExpr::Scalar(Scalar::I64) => text.parse().ok().map(ir::Literal::I64),
            TypeExpr::Scalar(Scalar::F64) => text
                .parse::<f64>()
                .ok()
                .filter(|value| value.is_finite())
                .map(ir::Literal::F64),
            TypeExpr::Scalar(Scalar::Bool) => text.parse().ok().map(ir::Literal::Bool),
            TypeExpr::Scalar(Scalar::String) => Some(ir::Literal::Str(text.to_owned())),
            TypeExpr::Named(name, _) => self.type_def(name).and_then(|def| {
                let repr = def.repr.as_ref()?.value;
                let value = def
                    .values
                    .iter()
                    .flatten()
                    .find(|value| repr.canonical(&value.value) == repr.canonical(text))?;
                let variant =
                    naming::variant_ident(&value.value, value.name.as_ref().map(|n| n.as_str()))
                        .ok()?;
                Some(ir::Literal::Variant(naming::type_ident(name), variant))
            }),
            TypeExpr::Scalar(
                Scalar::Decimal
                | Scalar::TimestampMs
                | Scalar::DateTime
                | Scalar::DateTimeMinutes
                | Scalar::Date
                | Scalar::Rfc3339
                | Scalar::Json,
            )
            | TypeExpr::Wrapped(..) => {
                self.error(
                    default.span,
                    format!("a field of type `{expr}` cannot have a default"),
                    "defaults on i32, i64, f64, bool, string or enum fields",
                );
                return None;
            }
        };
        let Some(literal) = literal else {
            self.error(
                default.span,
                format!(
                    "default `{}` is not a value of this field's type",
                    default.value
                ),
                "a literal of the field's type (for enums, one of its values)",
            );
            return None;
        };
        Some(ir::DefaultValue {
            literal,
            constant: naming::fresh_ident(format!("DEFAULT_{}", naming::const_name(&ident.name))),
            accessor: naming::fresh_ident(format!("{}_or_default", ident.name)),
        })
    }
}
