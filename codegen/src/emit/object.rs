//! Structs for object types: fields with exact wire names, a constructor taking the required
//! fields, accessors for documented defaults, and the manual decoder that a union chosen by a
//! sibling field needs.

use super::docs;
use super::names::{fresh, ident};
use super::ty::{Wrapping, field_type, present, serde_attr, wrapping};
use super::validate;
use crate::ir::{Field, Literal, NamedType, Object, Presence, Ty, Vendor};
use proc_macro2::TokenStream;
use quote::quote;

/// The struct, its inherent impl, its `Validate` impl and, where needed, its decoder.
pub fn object(vendor: &Vendor, named: &NamedType, object: &Object) -> TokenStream {
    let name = ident(&named.ident);
    let doc = docs::docs(&named.docs);
    let here = quote! {};
    let has_sibling_union = object.has_sibling_union();
    let required = object.fields.iter().filter(|f| f.presence.is_required());
    let default = super::ty::default_derive(required.count());
    let derives = if has_sibling_union {
        quote! { #[derive(Clone, Debug, PartialEq, ::serde::Serialize)] }
    } else {
        quote! { #[derive(Clone, Debug, #default PartialEq, ::serde::Serialize, ::serde::Deserialize)] }
    };
    let fields = object.fields.iter().map(|field| {
        let field_name = ident(&field.ident);
        let ty = field_type(field, &here);
        let serde = serde_attr(field);
        let doc = field_docs(field);
        quote! { #doc #serde pub #field_name: #ty }
    });
    let constructor = constructor(&named.ident.name, object);
    let defaults = object.fields.iter().filter_map(default_accessor);
    let setters = object
        .fields
        .iter()
        .filter_map(|field| setter(field, &here));
    let validate = validate::object_impl(vendor, &name, object);
    let decoder = if has_sibling_union {
        sibling_decoder(&name, object)
    } else {
        quote! {}
    };
    quote! {
        #doc
        #derives
        #[cfg_attr(not(feature = "exhaustive"), non_exhaustive)]
        pub struct #name { #(#fields,)* }

        impl #name {
            #constructor
            #(#setters)*
            #(#defaults)*
        }

        #validate
        #decoder
    }
}

fn field_docs(field: &Field) -> TokenStream {
    let mut paragraphs = docs::paragraphs(&field.docs);
    paragraphs.insert(1, presence_note(field));
    if let Some(default) = &field.default {
        paragraphs.insert(
            2,
            format!(
                "Vendor default when absent: `{}`.",
                literal_text(&default.literal)
            ),
        );
    }
    docs::lines(&paragraphs)
}

fn presence_note(field: &Field) -> String {
    let wire = docs::escape(&field.wire);
    match field.presence {
        Presence::Required if field.flatten => {
            "Its fields sit inline in this object on the wire.".to_owned()
        }
        Presence::Required => format!("Wire name `{wire}`; always present."),
        Presence::RequiredNullable => format!(
            "Wire name `{wire}`; always present, may be `null` (`Some(None)`); `None` only when a\nresponse leaves it out despite the docs, and then it is not sent back either."
        ),
        Presence::Optional => format!("Wire name `{wire}`; may be absent (`None`)."),
        Presence::OptionalNullable => {
            format!("Wire name `{wire}`; may be absent (`None`) or `null` (`Some(None)`).")
        }
    }
}

fn literal_text(literal: &Literal) -> String {
    match literal {
        Literal::I32(value) => value.to_string(),
        Literal::I64(value) => value.to_string(),
        Literal::F64(value) => value.to_string(),
        Literal::Bool(value) => value.to_string(),
        Literal::Str(value) => format!("{value:?}"),
        Literal::Variant(ty, variant) => format!("{}::{}", ty.name, variant.name),
    }
}

/// `new(required...)`: every required field is an argument, so none can be forgotten.
fn constructor(type_name: &str, object: &Object) -> TokenStream {
    let (params, inits) = super::ty::constructor_parts(&object.fields, &quote! {});
    let doc = format!(" A `{type_name}` with its required fields; the optional ones start absent.");
    let allow = super::ty::too_many_arguments(params.len());
    quote! {
        #[doc = #doc]
        #[must_use]
        #allow
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits),* }
        }
    }
}

/// `with_x(value)` for an optional field, so a value is built in one expression:
/// `Body::new(code).with_remark("…")`. A field that may be absent or `null` takes an `Option`
/// (`None` sends `null`).
pub fn setter(field: &Field, types: &TokenStream) -> Option<TokenStream> {
    let name = ident(&field.ident);
    let method = super::names::fresh(&format!("with_{}", field.ident.name));
    let value = super::ty::value_type(field, types);
    let (param, assign) = match field.presence {
        Presence::Optional => (
            quote! { value: impl ::core::convert::Into<#value> },
            quote! { ::core::option::Option::Some(value.into()) },
        ),
        Presence::OptionalNullable => (
            quote! { value: ::core::option::Option<#value> },
            quote! { ::core::option::Option::Some(value) },
        ),
        Presence::Required | Presence::RequiredNullable => return None,
    };
    let doc = format!(" Sets `{}`.", field.wire);
    Some(quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #method(mut self, #param) -> Self {
            self.#name = #assign;
            self
        }
    })
}

/// `DEFAULT_X` and `x_or_default()` for an optional field with a documented default (the
/// checker allows defaults only where these can be written).
fn default_accessor(field: &Field) -> Option<TokenStream> {
    let default = field.default.as_ref()?;
    let (ty, value, ret, read) = match &default.literal {
        Literal::I32(v) => (quote! { i32 }, quote! { #v }, quote! { i32 }, Read::Copy),
        Literal::I64(v) => (quote! { i64 }, quote! { #v }, quote! { i64 }, Read::Copy),
        Literal::F64(v) => (quote! { f64 }, quote! { #v }, quote! { f64 }, Read::Copy),
        Literal::Bool(v) => (quote! { bool }, quote! { #v }, quote! { bool }, Read::Copy),
        Literal::Str(v) => (
            quote! { &'static str },
            quote! { #v },
            quote! { &str },
            Read::Str,
        ),
        Literal::Variant(ty, variant) => {
            let (ty, variant) = (ident(ty), ident(variant));
            (
                quote! { #ty },
                quote! { #ty::#variant },
                quote! { #ty },
                Read::Clone,
            )
        }
    };
    let constant = ident(&default.constant);
    let accessor = ident(&default.accessor);
    let name = ident(&field.ident);
    let const_doc = format!(" What the vendor assumes when `{}` is absent.", field.wire);
    let accessor_doc = format!(" `{}`, or the vendor's default when absent.", field.wire);
    let read = match read {
        Read::Copy => quote! { self.#name.unwrap_or(Self::#constant) },
        Read::Str => quote! { self.#name.as_deref().unwrap_or(Self::#constant) },
        Read::Clone => quote! {
            ::core::clone::Clone::clone(&self.#name).unwrap_or(Self::#constant)
        },
    };
    Some(quote! {
        #[doc = #const_doc]
        pub const #constant: #ty = #value;
        #[doc = #accessor_doc]
        #[must_use]
        pub fn #accessor(&self) -> #ret { #read }
    })
}

/// How a default accessor reads its field.
enum Read {
    Copy,
    Str,
    Clone,
}

/// `Deserialize` for an object with a union chosen by a sibling field: decode with the union
/// as raw JSON, then pick its shape from the already decoded sibling.
fn sibling_decoder(name: &proc_macro2::Ident, object: &Object) -> TokenStream {
    let raw_json = quote! { rt::serde_json::Value };
    let wire_fields = object.fields.iter().map(|field| {
        let field_name = ident(&field.ident);
        let serde = serde_attr(field);
        let ty = if field.discriminated_by.is_some() {
            match wrapping(field) {
                Wrapping::Bare => raw_json.clone(),
                Wrapping::Option => quote! { ::core::option::Option<#raw_json> },
                Wrapping::DoubleOption => {
                    quote! { ::core::option::Option<::core::option::Option<#raw_json>> }
                }
            }
        } else {
            field_type(field, &quote! {})
        };
        quote! { #serde #field_name: #ty }
    });
    let assigns = object.fields.iter().map(|field| {
        let field_name = ident(&field.ident);
        if field.discriminated_by.is_some() {
            let local = fresh(&format!("decoded_{}", field.ident.name));
            quote! { #field_name: #local }
        } else {
            quote! { #field_name: wire.#field_name }
        }
    });
    let decoded = object.fields.iter().filter_map(|field| {
        let field_name = ident(&field.ident);
        let index = field.discriminated_by?;
        let local = fresh(&format!("decoded_{}", field.ident.name));
        let sibling = object.fields.get(index)?;
        let sibling_name = ident(&sibling.ident);
        let discriminant = present(sibling, quote! { wire.#sibling_name });
        let Ty::Named(union) = &field.ty else { return None };
        let union = ident(union);
        let decode = quote! { #union::from_json(discriminant, value).map_err(<D::Error as ::serde::de::Error>::custom) };
        let value = match wrapping(field) {
            Wrapping::Bare => quote! { { let value = wire.#field_name; #decode? } },
            Wrapping::Option => quote! { match wire.#field_name { ::core::option::Option::Some(value) => ::core::option::Option::Some(#decode?), ::core::option::Option::None => ::core::option::Option::None } },
            Wrapping::DoubleOption => quote! {
                match wire.#field_name {
                    ::core::option::Option::Some(::core::option::Option::Some(value)) => ::core::option::Option::Some(::core::option::Option::Some(#decode?)),
                    ::core::option::Option::Some(::core::option::Option::None) => ::core::option::Option::Some(::core::option::Option::None),
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            },
        };
        Some(quote! { let #local = { let discriminant = #discriminant; #value }; })
    });
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #[derive(::serde::Deserialize)]
                struct Wire { #(#wire_fields,)* }
                let wire = <Wire as ::serde::Deserialize>::deserialize(deserializer)?;
                #(#decoded)*
                ::core::result::Result::Ok(Self { #(#assigns,)* })
            }
        }
    }
}
