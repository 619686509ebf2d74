//! `Validate` impls: the one place where the spec's rules become code. Each rule kind maps to
//! one runtime check; the generated code only says which field, which rule, which bound.

use super::names::ident;
use super::ty::present;
use crate::ir::{
    Constraints, Field, FieldSetRule, NewtypeScalar, Object, ObjectRule, RangeRule, Scalar,
    StringFormat, Ty, TypeKind, Vendor,
};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `impl Validate` for an object.
pub fn object_impl(vendor: &Vendor, name: &Ident, object: &Object) -> TokenStream {
    let fields = object
        .fields
        .iter()
        .map(|field| field_checks(vendor, field));
    let rules = object
        .rules
        .iter()
        .map(|rule| object_rule(vendor, object, rule));
    let body: Vec<TokenStream> = fields
        .chain(rules)
        .filter(|tokens| !tokens.is_empty())
        .collect();
    let (path, errors) = if body.is_empty() {
        (quote! { _path }, quote! { _errors })
    } else {
        (quote! { path }, quote! { errors })
    };
    quote! {
        impl rt::validate::Validate for #name {
            fn validate_at(&self, #path: &rt::validate::Path<'_>, #errors: &mut rt::ValidationErrors) {
                #(#body)*
            }
        }
    }
}

/// The check of one cross-field rule.
fn object_rule(vendor: &Vendor, object: &Object, rule: &ObjectRule) -> TokenStream {
    match rule {
        ObjectRule::Range(range) => range_check(object, range),
        ObjectRule::OneOf(set) => {
            let (wires, present) = presence(object, set);
            quote! { rt::validate::rules::one_of(path, &[#(#wires),*], &[#(#present),*], errors); }
        }
        ObjectRule::NotAllEmpty(set) => {
            let wires = set.fields.iter().map(|index| &object.fields[*index].wire);
            let filled = set
                .fields
                .iter()
                .map(|index| filled(vendor, &object.fields[*index]));
            quote! { rt::validate::rules::not_all_empty(path, &[#(#wires),*], &[#(#filled),*], errors); }
        }
        ObjectRule::BothOrNeither(set) => {
            let (wires, present) = presence(object, set);
            let pairs = wires
                .iter()
                .zip(&present)
                .map(|(wire, present)| quote! { (#wire, #present) });
            quote! { rt::validate::rules::both_or_neither(path, #(#pairs),*, errors); }
        }
    }
}

/// `start` ≤ `end` (and the span), when both are present.
fn range_check(object: &Object, rule: &RangeRule) -> TokenStream {
    let (start, end) = (&object.fields[rule.start], &object.fields[rule.end]);
    let (start_name, end_name) = (ident(&start.ident), ident(&end.ident));
    let (start_wire, end_wire) = (&start.wire, &end.wire);
    let max_days = match rule.max_days {
        Some(days) => quote! { ::core::option::Option::Some(#days) },
        None => quote! { ::core::option::Option::None },
    };
    let start_value = present(start, quote! { self.#start_name });
    let end_value = present(end, quote! { self.#end_name });
    let (start_instant, end_instant) = if rule.epoch_ms_text {
        (
            quote! { &rt::validate::rules::EpochMillisText(start) },
            quote! { &rt::validate::rules::EpochMillisText(end) },
        )
    } else {
        (quote! { start }, quote! { end })
    };
    quote! {
        if let (::core::option::Option::Some(start), ::core::option::Option::Some(end)) = (#start_value, #end_value) {
            rt::validate::rules::range(&path.field(#end_wire), #start_wire, #start_instant, #end_instant, #max_days, errors);
        }
    }
}

/// The wire names of a rule's fields and, for each, whether it is present.
fn presence(object: &Object, set: &FieldSetRule) -> (Vec<String>, Vec<TokenStream>) {
    set.fields
        .iter()
        .map(|index| {
            let field = &object.fields[*index];
            let name = ident(&field.ident);
            let value = present(field, quote! { self.#name });
            (field.wire.clone(), quote! { #value.is_some() })
        })
        .unzip()
}

/// Whether a field is present and, for text, lists and maps, not empty.
fn filled(vendor: &Vendor, field: &Field) -> TokenStream {
    let name = ident(&field.ident);
    let value = present(field, quote! { self.#name });
    let newtype_string = |named| {
        vendor
            .named(named)
            .is_some_and(|t| matches!(t.kind, TypeKind::Newtype(NewtypeScalar::String)))
    };
    match &field.ty {
        Ty::Scalar(Scalar::String) | Ty::List(_) | Ty::Map(_) => {
            quote! { #value.is_some_and(rt::validate::rules::is_filled) }
        }
        Ty::Named(named) if newtype_string(named) => {
            quote! { #value.is_some_and(|value| rt::validate::rules::is_filled(value.get())) }
        }
        _ => quote! { #value.is_some() },
    }
}

/// Whether values of this type have a `Validate` impl worth calling.
fn nests_validation(vendor: &Vendor, ty: &Ty) -> bool {
    match ty {
        Ty::Named(name) => vendor
            .named(name)
            .is_some_and(|t| !matches!(t.kind, TypeKind::Newtype(_))),
        Ty::List(inner) | Ty::Map(inner) | Ty::JsonString(inner) => nests_validation(vendor, inner),
        Ty::Scalar(_) | Ty::Lenient(_) => false,
    }
}

fn field_checks(vendor: &Vendor, field: &Field) -> TokenStream {
    let name = ident(&field.ident);
    let wire = &field.wire;
    let path = if field.flatten {
        quote! {}
    } else {
        quote! { let path = &path.field(#wire); }
    };
    let nested = nests_validation(vendor, &field.ty)
        .then(|| quote! { rt::validate::Validate::validate_at(&self.#name, path, errors); });
    let checks = constraint_checks(vendor, field, &field.constraints);
    if nested.is_none() && checks.is_empty() {
        return quote! {};
    }
    let value = present(field, quote! { self.#name });
    let constraints = if checks.is_empty() {
        quote! {}
    } else {
        quote! { if let ::core::option::Option::Some(value) = #value { #(#checks)* } }
    };
    quote! { { #path #nested #constraints } }
}

/// Whether a field's constraints apply through a newtype (`value.get()`).
fn through_newtype(vendor: &Vendor, ty: &Ty) -> bool {
    match ty {
        Ty::Lenient(inner) => through_newtype(vendor, inner),
        Ty::Named(name) => vendor
            .named(name)
            .is_some_and(|t| matches!(t.kind, TypeKind::Newtype(_))),
        Ty::Scalar(_) | Ty::List(_) | Ty::Map(_) | Ty::JsonString(_) => false,
    }
}

/// Checks of a request parameter (its type is a scalar, enum or newtype; newtypes carry no
/// constraints of their own there).
pub fn param_checks(field: &Field) -> Vec<TokenStream> {
    rule_checks(field, &field.constraints, matches!(field.ty, Ty::Named(_)))
}

fn constraint_checks(
    vendor: &Vendor,
    field: &Field,
    constraints: &Constraints,
) -> Vec<TokenStream> {
    rule_checks(field, constraints, through_newtype(vendor, &field.ty))
}

fn rule_checks(
    field: &Field,
    constraints: &Constraints,
    through_newtype: bool,
) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    let value = if through_newtype {
        quote! { value.get() }
    } else {
        quote! { value }
    };
    if let Ty::Lenient(inner) = &field.ty
        && matches!(**inner, Ty::Scalar(scalar) if scalar.is_numeric())
    {
        checks.push(quote! { rt::validate::rules::numeric_text(path, #value, errors); });
    }
    if let Some(min) = constraints.min {
        checks.push(quote! { rt::validate::rules::min(path, #value, #min, errors); });
    }
    if let Some(max) = constraints.max {
        checks.push(quote! { rt::validate::rules::max(path, #value, #max, errors); });
    }
    let len = |bound: u64| usize::try_from(bound).unwrap_or(usize::MAX);
    if let Some(min) = constraints.min_length.map(len) {
        checks.push(quote! { rt::validate::rules::min_length(path, #value, #min, errors); });
    }
    if let Some(max) = constraints.max_length.map(len) {
        checks.push(quote! { rt::validate::rules::max_length(path, #value, #max, errors); });
    }
    if let Some(scale) = constraints.scale.map(|s| s as usize) {
        checks.push(quote! { rt::validate::rules::scale(path, #value, #scale, errors); });
    }
    if let Some(prefix) = &constraints.prefix {
        checks.push(quote! { rt::validate::rules::prefix(path, #value, #prefix, errors); });
    }
    if let Some(flags) = &constraints.flags {
        checks
            .push(quote! { rt::validate::rules::bit_flags(path, #value, &[#(#flags),*], errors); });
    }
    match constraints.format {
        Some(StringFormat::UuidV4) => {
            checks.push(quote! { rt::validate::rules::uuid_v4(path, #value, errors); })
        }
        Some(StringFormat::Digits) => {
            checks.push(quote! { rt::validate::rules::digits(path, #value, errors); })
        }
        None => {}
    }
    checks
}
