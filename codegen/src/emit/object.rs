//! Structs for object types: fields with exact wire names, a constructor taking the required
//! fields, accessors for documented defaults, and the manual decoder that a union chosen by a
//! sibling field needs.

use super::docs;
use super::names::ident;
use super::ty::{field_type, serde_attr};
use super::validate;
use crate::ir::{Field, Literal, NamedType, Object, Presence, Vendor};
use proc_macro2::TokenStream;
use quote::quote;

/// The struct, its inherent impl, its `Validate` impl and, where needed, its decoder.
pub fn object(vendor: &Vendor, named: &NamedType, object: &Object) -> TokenStream {
    let name = ident(&named.ident);
    let doc = docs::docs(&named.docs);
    let here = quote! {};
    let keeps_unknown = object.keeps_unknown_fields();
    let required = object.fields.iter().filter(|f| f.presence.is_required());
    let default = super::ty::default_derive(required.count());
    let derives = if keeps_unknown {
        quote! { #[derive(Clone, Debug, #default PartialEq, ::serde::Serialize)] }
    } else {
        quote! { #[derive(Clone, Debug, #default PartialEq, ::serde::Serialize, ::serde::Deserialize)] }
    };
    let mut fields: Vec<TokenStream> = object
        .fields
        .iter()
        .map(|field| {
            let field_name = ident(&field.ident);
            let ty = field_type(field, &here);
            let serde = serde_attr(field);
            let doc = field_docs(field);
            quote! { #doc #serde pub #field_name: #ty }
        })
        .collect();
    if keeps_unknown {
        fields.push(quote! {
            /// Fields received that the spec does not list (newer than the vendor's page), kept
            /// so they can be read and are sent back; empty for a value built in code.
            #[serde(flatten)]
            pub unknown_fields: rt::UnknownFields
        });
    }
    let constructor = constructor(&named.ident.name, object);
    let defaults = object.fields.iter().filter_map(default_accessor);
    let readers = object.fields.iter().filter_map(reader);
    let setters = object
        .fields
        .iter()
        .filter_map(|field| setter(field, &here));
    let validate = validate::object_impl(vendor, &name, object);
    let required_struct = required_struct(&name, object);
    let decoder = if keeps_unknown {
        super::decode::object_decoder(&name, object)
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
            #(#readers)*
            #(#defaults)*
        }

        #required_struct
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

/// `new(required...)`: every required field is an argument (or, past a few, a field of the
/// `…Required` argument struct), so none can be forgotten.
fn constructor(type_name: &str, object: &Object) -> TokenStream {
    let (params, mut inits) = super::ty::constructor_parts(&object.fields, &quote! {});
    if object.keeps_unknown_fields() {
        inits.push(quote! { unknown_fields: rt::UnknownFields::new() });
    }
    let doc = format!(" A `{type_name}` with its required fields; the optional ones start absent.");
    let Some(required) = &object.required_struct else {
        let allow = super::ty::too_many_arguments(params.len());
        return quote! {
            #[doc = #doc]
            #[must_use]
            #allow
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
        };
    };
    let required = ident(required);
    let names = object
        .fields
        .iter()
        .filter(|f| f.presence.is_required())
        .map(|f| ident(&f.ident));
    quote! {
        #[doc = #doc]
        #[must_use]
        pub fn new(required: #required) -> Self {
            let #required { #(#names),* } = required;
            Self { #(#inits),* }
        }
    }
}

/// The argument struct of `new` for an object with many required fields: a plain struct, so a
/// literal of it names every required field and the compiler refuses one left out.
fn required_struct(type_name: &proc_macro2::Ident, object: &Object) -> TokenStream {
    let Some(required) = &object.required_struct else {
        return quote! {};
    };
    let required = ident(required);
    let fields = object
        .fields
        .iter()
        .filter(|f| f.presence.is_required())
        .map(|field| {
            let name = ident(&field.ident);
            let value = super::ty::value_type(field, &quote! {});
            let ty = match field.presence {
                Presence::RequiredNullable => quote! { ::core::option::Option<#value> },
                _ => value,
            };
            let doc = docs::lines(&[format!(
                "`{}`: {}",
                docs::escape(&field.wire),
                docs::escape(&field.docs.text)
            )]);
            quote! { #doc pub #name: #ty }
        });
    let doc = format!(
        " The required fields of [`{type_name}`], by name: `{type_name}::new({required} {{ … }})`."
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub struct #required { #(#fields,)* }

        impl ::core::convert::From<#required> for #type_name {
            fn from(required: #required) -> Self {
                Self::new(required)
            }
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

/// `x()` for a field that may be `null`: its value, or `None` when absent or `null`, so a
/// reader who does not care which need not unwrap twice.
fn reader(field: &Field) -> Option<TokenStream> {
    if !matches!(
        field.presence,
        Presence::RequiredNullable | Presence::OptionalNullable
    ) {
        return None;
    }
    let name = ident(&field.ident);
    let value = super::ty::value_type(field, &quote! {});
    let read = super::ty::present(field, quote! { self.#name });
    let doc = format!(
        " `{}`'s value; `None` when it is absent or `null`.",
        field.wire
    );
    Some(quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #name(&self) -> ::core::option::Option<&#value> { #read }
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
