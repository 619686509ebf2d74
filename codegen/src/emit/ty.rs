//! Rust types of fields, and the serde attributes that keep their wire form.

use super::names::ident;
use crate::ir::{Field, Presence, Scalar, Ty};
use proc_macro2::TokenStream;
use quote::quote;

/// The Rust type of a resolved type. `named` prefixes named types (e.g. `types::`).
pub fn rust_type(ty: &Ty, named: &TokenStream) -> TokenStream {
    match ty {
        Ty::Scalar(scalar) => scalar_type(*scalar),
        Ty::Named(name) => {
            let name = ident(name);
            quote! { #named #name }
        }
        Ty::List(inner) => {
            let inner = rust_type(inner, named);
            quote! { ::std::vec::Vec<#inner> }
        }
        Ty::Map(inner) => {
            let inner = rust_type(inner, named);
            quote! { ::std::collections::BTreeMap<::std::string::String, #inner> }
        }
        Ty::Lenient(inner) => {
            let inner = rust_type(inner, named);
            quote! { rt::Lenient<#inner> }
        }
        Ty::JsonString(inner) => {
            let inner = rust_type(inner, named);
            quote! { rt::JsonString<#inner> }
        }
    }
}

/// The Rust type of a scalar.
pub fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::String => quote! { ::std::string::String },
        Scalar::Bool => quote! { bool },
        Scalar::I32 => quote! { i32 },
        Scalar::I64 => quote! { i64 },
        Scalar::F64 => quote! { f64 },
        Scalar::Decimal => quote! { rt::Decimal },
        Scalar::TimestampMs => quote! { rt::EpochMillis },
        Scalar::DateTime => quote! { rt::DateTimeSeconds },
        Scalar::DateTimeMinutes => quote! { rt::DateTimeMinutes },
        Scalar::Date => quote! { rt::Date },
        Scalar::Rfc3339 => quote! { rt::Rfc3339 },
        Scalar::Json => quote! { rt::serde_json::Value },
    }
}

/// The value type of a field before presence is applied (secrets wrapped). JSON carried in a
/// string is its document's type: the serde adapters of `rt::json_string` do the wire form.
pub fn value_type(field: &Field, named: &TokenStream) -> TokenStream {
    let inner = match &field.ty {
        Ty::JsonString(document) => rust_type(document, named),
        ty => rust_type(ty, named),
    };
    if field.secret {
        quote! { rt::Secret<#inner> }
    } else {
        inner
    }
}

/// The declared type of a field: absent and `null` stay distinct where both are allowed.
pub fn field_type(field: &Field, named: &TokenStream) -> TokenStream {
    let value = value_type(field, named);
    match wrapping(field) {
        Wrapping::Bare => value,
        Wrapping::Option => quote! { ::core::option::Option<#value> },
        Wrapping::DoubleOption => {
            quote! { ::core::option::Option<::core::option::Option<#value>> }
        }
    }
}

/// How a field reads: directly, through one `Option`, or through two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrapping {
    /// `T`
    Bare,
    /// `Option<T>`
    Option,
    /// `Option<Option<T>>`
    DoubleOption,
}

/// The wrapping [`field_type`] applies.
/// A required-but-nullable field is doubly wrapped too: a response that leaves it out despite
/// the docs must not be re-sent with an invented `null`.
pub fn wrapping(field: &Field) -> Wrapping {
    match field.presence {
        Presence::Required => Wrapping::Bare,
        Presence::Optional => Wrapping::Option,
        Presence::RequiredNullable | Presence::OptionalNullable => Wrapping::DoubleOption,
    }
}

/// `#[allow(clippy::too_many_arguments)]` for a `new(…)` taking more than clippy's seven.
pub fn too_many_arguments(args: usize) -> TokenStream {
    if args > 7 {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        quote! {}
    }
}

/// `Default,` for a derive list when `new()` takes no argument (clippy's `new_without_default`).
pub fn default_derive(args: usize) -> TokenStream {
    if args == 0 {
        quote! { Default, }
    } else {
        quote! {}
    }
}

/// Arguments and field initialisers of `new(required…)`: a required field is an argument (a
/// nullable one as `Option<T>`, stored as present), an optional one starts absent.
pub fn constructor_parts<'f>(
    fields: impl IntoIterator<Item = &'f Field>,
    named: &TokenStream,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for field in fields {
        let name = ident(&field.ident);
        let value = value_type(field, named);
        match field.presence {
            Presence::Required => {
                args.push(quote! { #name: #value });
                inits.push(quote! { #name });
            }
            Presence::RequiredNullable => {
                args.push(quote! { #name: ::core::option::Option<#value> });
                inits.push(quote! { #name: ::core::option::Option::Some(#name) });
            }
            Presence::Optional | Presence::OptionalNullable => {
                inits.push(quote! { #name: ::core::option::Option::None });
            }
        }
    }
    (args, inits)
}

/// `Option<&T>` of a field's value read through `access` (e.g. `self.name`), whatever its
/// wrapping: `None` when absent or `null`.
pub fn present(field: &Field, access: TokenStream) -> TokenStream {
    match wrapping(field) {
        Wrapping::Bare => quote! { ::core::option::Option::Some(&#access) },
        Wrapping::Option => quote! { #access.as_ref() },
        Wrapping::DoubleOption => {
            quote! { #access.as_ref().and_then(::core::option::Option::as_ref) }
        }
    }
}

/// The `#[serde(...)]` attribute of a struct field.
pub fn serde_attr(field: &Field) -> TokenStream {
    let mut parts = Vec::new();
    if field.flatten {
        parts.push(quote! { flatten });
    } else if field.ident.name != field.wire || field.ident.raw {
        let wire = &field.wire;
        parts.push(quote! { rename = #wire });
    }
    // JSON carried in a string reads and writes through `rt::json_string`; a nullable field keeps
    // `null` apart from absent; a field that may be absent defaults to `None` and is skipped then.
    let document = matches!(field.ty, Ty::JsonString(_));
    let adapter = match (wrapping(field), document) {
        (Wrapping::Bare, true) => Some(quote! { with = "rt::json_string" }),
        (Wrapping::Option, true) => Some(quote! { with = "rt::json_string::optional" }),
        (Wrapping::DoubleOption, true) => Some(quote! { with = "rt::json_string::nullable" }),
        (Wrapping::DoubleOption, false) => {
            Some(quote! { deserialize_with = "rt::nullable::deserialize" })
        }
        (Wrapping::Bare | Wrapping::Option, false) => None,
    };
    if wrapping(field) == Wrapping::Bare {
        parts.extend(adapter);
    } else {
        parts.push(quote! { default });
        parts.extend(adapter);
        parts.push(quote! { skip_serializing_if = "::core::option::Option::is_none" });
    }
    if parts.is_empty() {
        quote! {}
    } else {
        quote! { #[serde(#(#parts),*)] }
    }
}
