//! Structs for object types: fields with exact wire names, a constructor taking the required
//! fields, accessors for documented defaults, and the manual decoder that a union chosen by a
//! sibling field needs.

use super::docs;
use super::names::{fresh, ident};
use super::ty::{Wrapping, field_type, present, serde_attr, wrapping};
use super::validate;
use crate::ir::{Field, Literal, NamedType, Object, Presence, Scalar, Ty, Vendor};
use proc_macro2::TokenStream;
use quote::quote;

/// The struct, its inherent impl, its `Validate` impl and, where needed, its decoder.
pub fn object(vendor: &Vendor, named: &NamedType, object: &Object) -> TokenStream {
    let name = ident(&named.ident);
    let doc = docs::docs(&named.docs);
    let here = quote! {};
    let has_sibling_union = object.fields.iter().any(|f| f.discriminated_by.is_some());
    let all_optional = object
        .fields
        .iter()
        .all(|f| f.presence == Presence::Optional);
    let default = if all_optional {
        quote! { Default, }
    } else {
        quote! {}
    };
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
    let validate = validate::object_impl(vendor, &name, object);
    let decoder = if has_sibling_union {
        sibling_decoder(&name, object)
    } else {
        quote! {}
    };
    quote! {
        #doc
        #derives
        pub struct #name { #(#fields,)* }

        impl #name {
            #constructor
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
            format!("Vendor default when absent: `{}`.", literal_text(default)),
        );
    }
    docs::lines(&paragraphs)
}

fn presence_note(field: &Field) -> String {
    let wire = docs::escape(&field.wire);
    match (field.presence, field.nullable) {
        (Presence::Required, false) if field.flatten => {
            "Its fields sit inline in this object on the wire.".to_owned()
        }
        (Presence::Required, false) => format!("Wire name `{wire}`; always present."),
        (Presence::Required, true) => {
            format!("Wire name `{wire}`; always present, may be `null` (`None`).")
        }
        (Presence::Optional, false) => format!("Wire name `{wire}`; may be absent (`None`)."),
        (Presence::Optional, true) => {
            format!("Wire name `{wire}`; may be absent (`None`) or `null` (`Some(None)`).")
        }
    }
}

fn literal_text(literal: &Literal) -> String {
    match literal {
        Literal::Int(value) => value.to_string(),
        Literal::Float(value) => value.to_string(),
        Literal::Bool(value) => value.to_string(),
        Literal::Str(value) => format!("{value:?}"),
        Literal::Variant(ty, variant) => format!("{}::{}", ty.name, variant.name),
    }
}

/// `new(required...)`: every required field is an argument, so none can be forgotten.
fn constructor(type_name: &str, object: &Object) -> TokenStream {
    let here = quote! {};
    let required: Vec<&Field> = object
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Required)
        .collect();
    let params = required.iter().map(|field| {
        let name = ident(&field.ident);
        let ty = field_type(field, &here);
        quote! { #name: #ty }
    });
    let inits = object.fields.iter().map(|field| {
        let name = ident(&field.ident);
        if field.presence == Presence::Required {
            quote! { #name }
        } else {
            quote! { #name: None }
        }
    });
    let doc = format!(" A `{type_name}` with its required fields; the optional ones start absent.");
    let allow = if required.len() > 7 {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        quote! {}
    };
    quote! {
        #[doc = #doc]
        #[must_use]
        #allow
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits),* }
        }
    }
}

/// `DEFAULT_X` and `x_or_default()` for an optional field with a documented default.
fn default_accessor(field: &Field) -> Option<TokenStream> {
    let literal = field.default.as_ref()?;
    if field.presence != Presence::Optional || field.nullable || field.secret {
        return None;
    }
    let (ty, value) = match (literal, &field.ty) {
        (Literal::Int(v), Ty::Scalar(Scalar::I32)) => (quote! { i32 }, {
            let v = i32::try_from(*v).ok()?;
            quote! { #v }
        }),
        (Literal::Int(v), Ty::Scalar(Scalar::I64)) => (quote! { i64 }, quote! { #v }),
        (Literal::Bool(v), Ty::Scalar(Scalar::Bool)) => (quote! { bool }, quote! { #v }),
        (Literal::Float(v), Ty::Scalar(Scalar::F64)) => (quote! { f64 }, quote! { #v }),
        (Literal::Str(v), Ty::Scalar(Scalar::String)) => (quote! { &'static str }, quote! { #v }),
        (Literal::Variant(ty, variant), Ty::Named(_)) => {
            let (ty, variant) = (ident(ty), ident(variant));
            (quote! { #ty }, quote! { #ty::#variant })
        }
        _ => return None,
    };
    let constant = fresh(&format!(
        "DEFAULT_{}",
        crate::naming::const_name(&field.ident.name)
    ));
    let accessor = fresh(&format!("{}_or_default", field.ident.name));
    let name = ident(&field.ident);
    let const_doc = format!(" What the vendor assumes when `{}` is absent.", field.wire);
    let accessor_doc = format!(" `{}`, or the vendor's default when absent.", field.wire);
    let read = match literal {
        Literal::Str(_) => quote! { self.#name.as_deref().unwrap_or(Self::#constant) },
        Literal::Variant(..) => quote! { self.#name.clone().unwrap_or(Self::#constant) },
        _ => quote! { self.#name.unwrap_or(Self::#constant) },
    };
    let ret = match literal {
        Literal::Str(_) => quote! { &str },
        _ => ty.clone(),
    };
    Some(quote! {
        #[doc = #const_doc]
        pub const #constant: #ty = #value;
        #[doc = #accessor_doc]
        #[must_use]
        pub fn #accessor(&self) -> #ret { #read }
    })
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
                Wrapping::Option => quote! { Option<#raw_json> },
                Wrapping::DoubleOption => {
                    quote! { Option<Option<#raw_json>> }
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
            Wrapping::Option => quote! { match wire.#field_name { Some(value) => Some(#decode?), None => None } },
            Wrapping::DoubleOption => quote! {
                match wire.#field_name {
                    Some(Some(value)) => Some(Some(#decode?)),
                    Some(None) => Some(None),
                    None => None,
                }
            },
        };
        Some(quote! { let #local = { let discriminant = #discriminant; #value }; })
    });
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[derive(::serde::Deserialize)]
                struct Wire { #(#wire_fields,)* }
                let wire = <Wire as ::serde::Deserialize>::deserialize(deserializer)?;
                #(#decoded)*
                Ok(Self { #(#assigns,)* })
            }
        }
    }
}
