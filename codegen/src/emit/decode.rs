//! `Deserialize` for objects, written out rather than derived: a field the spec does not list
//! is kept in `unknown_fields` instead of dropped, keys are read without allocating, and a union
//! chosen by a sibling field is decoded from the sibling already read, all in one pass.

use super::names::{fresh, ident};
use super::ty::{Wrapping, present, rust_type, wrapping};
use crate::ir::{Field, Object, Presence, Ty};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The decoder of an object that keeps its unknown fields.
pub fn object_decoder(name: &Ident, object: &Object) -> TokenStream {
    let slots: Vec<Ident> = (0..object.fields.len())
        .map(|index| fresh(&format!("field_{index}")))
        .collect();
    // Each slot's type follows from the typed read that fills it.
    let declarations = slots
        .iter()
        .map(|slot| quote! { let mut #slot = ::core::option::Option::None; });
    let arms = object.fields.iter().zip(&slots).map(|(field, slot)| {
        let wire = &field.wire;
        let read = match field.discriminated_by {
            Some(sibling) => read_union(field, &object.fields[sibling], &slots[sibling]),
            None => read_value(field),
        };
        quote! { #wire => rt::de::set_once(&mut #slot, #wire, #read)?, }
    });
    // Plain fields first: a sibling union reads its discriminating field's final value.
    let finish_plain = object
        .fields
        .iter()
        .zip(&slots)
        .filter(|(field, _)| field.discriminated_by.is_none())
        .map(|(field, slot)| {
            let wire = &field.wire;
            let value = match field.presence {
                Presence::Required => quote! { rt::de::required(#slot, #wire)? },
                Presence::RequiredNullable | Presence::Optional | Presence::OptionalNullable => {
                    quote! { ::core::option::Option::flatten(#slot) }
                }
            };
            quote! { let #slot = #value; }
        });
    let finish_unions = object
        .fields
        .iter()
        .zip(&slots)
        .filter_map(|(field, slot)| {
            let sibling = field.discriminated_by?;
            Some(sibling_member(
                field,
                slot,
                &object.fields[sibling],
                &slots[sibling],
            ))
        });
    let inits = object.fields.iter().zip(&slots).map(|(field, slot)| {
        let field_name = ident(&field.ident);
        quote! { #field_name: #slot }
    });
    let keep = quote! {
        let value = map.next_value()?;
        unknown_fields.push(key.into_string(), value);
    };
    let dispatch = if object.fields.is_empty() {
        keep
    } else {
        quote! {
            match key.as_str() {
                #(#arms)*
                _ => { #keep }
            }
        }
    };
    let expecting = format!("a `{name}` object");
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;

                    fn expecting(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        formatter.write_str(#expecting)
                    }

                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, mut map: __A) -> ::core::result::Result<#name, __A::Error> {
                        #(#declarations)*
                        let mut unknown_fields = rt::UnknownFields::new();
                        while let ::core::option::Option::Some(key) = map.next_key::<rt::de::Key<'de>>()? {
                            #dispatch
                        }
                        #(#finish_plain)*
                        #(#finish_unions)*
                        ::core::result::Result::Ok(#name { #(#inits,)* unknown_fields })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    }
}

/// Reads a field's value from `map` as its slot holds it: a nullable field's `null` is
/// `Some(None)`; JSON carried in a string is parsed into its document type.
fn read_value(field: &Field) -> TokenStream {
    let wire_ty = match &field.ty {
        Ty::JsonString(inner) => {
            let inner = rust_type(inner, &quote! {});
            quote! { rt::JsonString<#inner> }
        }
        _ => super::ty::value_type(field, &quote! {}),
    };
    let document = matches!(field.ty, Ty::JsonString(_));
    let unwrap = |value: TokenStream| {
        if document {
            quote! { #value.map(|rt::JsonString(document)| document) }
        } else {
            value
        }
    };
    match field.presence {
        Presence::Required if document => {
            quote! { map.next_value::<#wire_ty>()?.0 }
        }
        Presence::Required => quote! { map.next_value::<#wire_ty>()? },
        Presence::Optional => {
            unwrap(quote! { map.next_value::<::core::option::Option<#wire_ty>>()? })
        }
        Presence::RequiredNullable | Presence::OptionalNullable => {
            let value = unwrap(quote! { map.next_value::<::core::option::Option<#wire_ty>>()? });
            quote! { ::core::option::Option::Some(#value) }
        }
    }
}

/// The union type of a sibling-chosen field.
fn union_type(field: &Field) -> Ident {
    let Ty::Named(union) = &field.ty else {
        unreachable!("the checker resolves a sibling-chosen field to its union type")
    };
    ident(union)
}

/// Reads a sibling-chosen union as an `rt::union::Pending`: decoded straight from the input
/// when its sibling was read before it, else kept as received (`rt::union::Buffered`) until
/// the object is read.
fn read_union(field: &Field, sibling: &Field, sibling_slot: &Ident) -> TokenStream {
    let union = union_type(field);
    // The sibling's slot holds its field's value one `Option` deeper.
    let as_ref = quote! { ::core::option::Option::as_ref };
    let discriminant = match wrapping(sibling) {
        Wrapping::Bare => quote! { #sibling_slot.as_ref() },
        Wrapping::Option => quote! { #sibling_slot.as_ref().and_then(#as_ref) },
        Wrapping::DoubleOption => {
            quote! { #sibling_slot.as_ref().and_then(#as_ref).and_then(#as_ref) }
        }
    };
    let chosen = quote! { rt::union::Chosen::<#union>(#discriminant) };
    let pending = quote! { rt::union::Pending };
    let read = match wrapping(field) {
        Wrapping::Bare => quote! {
            if #sibling_slot.is_some() {
                #pending::Decoded(map.next_value_seed(#chosen)?)
            } else {
                #pending::Raw(map.next_value()?)
            }
        },
        Wrapping::Option | Wrapping::DoubleOption => quote! {
            if #sibling_slot.is_some() {
                map.next_value_seed(rt::union::Nullable(#chosen))?.map(#pending::Decoded)
            } else {
                map.next_value::<::core::option::Option<rt::union::Buffered<'de>>>()?.map(#pending::Raw)
            }
        },
    };
    match wrapping(field) {
        Wrapping::DoubleOption => quote! { ::core::option::Option::Some(#read) },
        Wrapping::Bare | Wrapping::Option => read,
    }
}

/// Turns a sibling-chosen union's pending value into its member, chosen by the sibling's value.
fn sibling_member(
    field: &Field,
    slot: &Ident,
    sibling: &Field,
    sibling_slot: &Ident,
) -> TokenStream {
    let union = union_type(field);
    let wire = &field.wire;
    let discriminant = present(sibling, quote! { #sibling_slot });
    let decode = quote! {
        rt::union::Pending::<#union>::resolve(value, discriminant).map_err(<__A::Error as ::serde::de::Error>::custom)?
    };
    let value = match wrapping(field) {
        Wrapping::Bare => quote! {
            { let value = rt::de::required(#slot, #wire)?; #decode }
        },
        Wrapping::Option => quote! {
            match ::core::option::Option::flatten(#slot) {
                ::core::option::Option::Some(value) => ::core::option::Option::Some(#decode),
                ::core::option::Option::None => ::core::option::Option::None,
            }
        },
        Wrapping::DoubleOption => quote! {
            match ::core::option::Option::flatten(#slot) {
                ::core::option::Option::Some(::core::option::Option::Some(value)) => ::core::option::Option::Some(::core::option::Option::Some(#decode)),
                ::core::option::Option::Some(::core::option::Option::None) => ::core::option::Option::Some(::core::option::Option::None),
                ::core::option::Option::None => ::core::option::Option::None,
            }
        },
    };
    quote! { let #slot = { let discriminant = #discriminant; #value }; }
}
