//! Unions: one Rust enum variant per member shape, plus `Unknown` that keeps the raw JSON of a
//! member whose tag (or discriminating sibling) the spec does not list.

use super::docs;
use super::names::ident;
use crate::ir::{NamedType, Presence, SiblingUnion, TaggedUnion, TypeKind, UnionVariant, Vendor};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

fn enum_decl(named: &NamedType, variants: &[UnionVariant], unknown_doc: &str) -> TokenStream {
    let name = ident(&named.ident);
    let doc = docs::docs(&named.docs);
    let arms = variants.iter().map(|variant| {
        let variant_name = ident(&variant.variant);
        let member = ident(&variant.ty);
        let doc = docs::lines(&[format!(
            "`{}`: {}",
            docs::escape(&variant.wire),
            docs::escape(&variant.doc)
        )]);
        quote! { #doc #variant_name(#member) }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#arms,)*
            #[doc = #unknown_doc]
            Unknown(crate::UnknownVariant),
        }
    }
}

/// A union whose members carry their own tag field (Feishu widgets by `type`).
pub fn tagged_union(named: &NamedType, union: &TaggedUnion) -> TokenStream {
    let name = ident(&named.ident);
    let tag_field = &union.tag;
    let decl = enum_decl(
        named,
        &union.variants,
        " A member whose tag the spec does not list, kept as received.",
    );
    let variants: Vec<_> = union.variants.iter().map(|v| ident(&v.variant)).collect();
    let tags: Vec<&str> = union.variants.iter().map(|v| v.wire.as_str()).collect();
    let members: Vec<_> = union.variants.iter().map(|v| ident(&v.ty)).collect();
    let refused: BTreeSet<&str> = union
        .not_creatable
        .iter()
        .flat_map(|(_, tags)| tags.iter().map(String::as_str))
        .collect();
    let refused: Vec<&str> = refused.into_iter().collect();
    let refused_docs: Vec<String> = union
        .not_creatable
        .iter()
        .map(|(source, tags)| {
            format!(
                "{} lists: {}.",
                docs::source_line(source).trim_end_matches('.'),
                tags.iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect();
    let refused_doc = if refused.is_empty() {
        quote! { #[doc = " Tags the vendor refuses in requests: none documented."] }
    } else {
        let mut paragraphs = vec!["Tags the vendor refuses in requests: the union of these lists, which disagree, so both are kept.".to_owned()];
        paragraphs.extend(refused_docs);
        docs::lines(&paragraphs)
    };
    let why = format!(
        "a `{tag_field}` the vendor accepts in requests (see `{}::NOT_CREATABLE`)",
        named.ident.name
    );
    let validate_arms = union.variants.iter().zip(&variants).map(|(variant, variant_name)| {
        let refuse = refused.contains(&variant.wire.as_str()).then(|| {
            let tag = &variant.wire;
            quote! { rt::validate::rules::not_allowed(&path.field(#tag_field), #tag, #why, errors); }
        });
        quote! { Self::#variant_name(member) => { #refuse rt::validate::Validate::validate_at(member, path, errors); } }
    });
    quote! {
        #decl

        impl #name {
            /// Wire name of the field that names a member's shape.
            pub const TAG_FIELD: &'static str = #tag_field;
            #refused_doc
            pub const NOT_CREATABLE: &'static [&'static str] = &[#(#refused),*];

            /// The member's tag as sent on the wire.
            #[must_use]
            pub fn tag(&self) -> &str {
                match self {
                    #(Self::#variants(_) => #tags,)*
                    Self::Unknown(member) => member.tag().and_then(crate::UnknownValue::as_str).unwrap_or_default(),
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(member) => rt::union::serialize_tagged(serializer, #tag_field, #tags, member),)*
                    Self::Unknown(member) => ::serde::Serialize::serialize(member, serializer),
                }
            }
        }

        impl rt::union::TaggedUnion for #name {
            const TAG_FIELD: &'static str = #tag_field;

            fn is_known(tag: &str) -> bool {
                ::core::matches!(tag, #(#tags)|*)
            }

            fn decode_member<'de, D: ::serde::Deserializer<'de>>(tag: &str, member: D) -> ::core::result::Result<Self, D::Error> {
                match tag {
                    #(#tags => <#members as ::serde::Deserialize>::deserialize(member).map(Self::#variants),)*
                    _ => ::core::result::Result::Err(<D::Error as ::serde::de::Error>::custom("unlisted tag")),
                }
            }

            fn unknown(tag: ::core::option::Option<::std::string::String>, raw: rt::serde_json::Value) -> Self {
                Self::Unknown(crate::UnknownVariant::new(tag, raw))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                rt::union::deserialize_tagged(deserializer)
            }
        }

        impl rt::validate::Validate for #name {
            fn validate_at(&self, path: &rt::validate::Path<'_>, errors: &mut rt::ValidationErrors) {
                match self {
                    #(#validate_arms)*
                    Self::Unknown(member) => {
                        let tag = self.tag();
                        if Self::NOT_CREATABLE.contains(&tag) {
                            rt::validate::rules::not_allowed(&path.field(#tag_field), tag, #why, errors);
                        } else if let ::core::option::Option::Some(value) = member.tag() {
                            rt::validate::rules::unknown_value(&path.field(#tag_field), value, errors);
                        }
                    }
                }
            }
        }
    }
}

/// A union whose shape is named by a sibling field of the containing object (71360
/// `formRecord` by `approveType`). The containing object's decoder calls `from_json`.
pub fn sibling_union(vendor: &Vendor, named: &NamedType, union: &SiblingUnion) -> TokenStream {
    let name = ident(&named.ident);
    let unknown_doc = format!(
        " A member whose `{}` the spec gives no shape for, kept as received.",
        union.discriminator
    );
    let members: Vec<UnionVariant> = union
        .variants
        .iter()
        .map(|(member, _)| member.clone())
        .collect();
    let decl = enum_decl(named, &members, &unknown_doc);
    let variants: Vec<_> = members.iter().map(|v| ident(&v.variant)).collect();
    let discriminator = ident(&union.discriminator_enum);
    let arms = union.variants.iter().zip(&variants).map(|((member, enum_variant), variant_name)| {
        let enum_variant = ident(enum_variant);
        let member_type = ident(&member.ty);
        let decode = quote! { <#member_type as ::serde::Deserialize>::deserialize(deserializer) };
        let object = vendor.named(&member.ty).and_then(|t| match &t.kind {
            TypeKind::Object(object) if object.keeps_unknown_fields() => Some(object),
            _ => None,
        });
        // A member with a flattened map fits any object.
        let Some(object) = object else {
            return quote! {
                ::core::option::Option::Some(#discriminator::#enum_variant) => #decode.map(Self::#variant_name),
            };
        };
        // A member that knew none of the keys did not fit: keep the JSON as received (all of it
        // is in its unknown fields) instead of an empty member.
        let listed = if object.fields.iter().any(|f| f.presence == Presence::Required) {
            quote! { true }
        } else if object.fields.is_empty() {
            quote! { false }
        } else {
            let checks = object.fields.iter().map(|f| {
                let field = ident(&f.ident);
                quote! { decoded.#field.is_some() }
            });
            quote! { #(#checks)||* }
        };
        quote! {
            ::core::option::Option::Some(#discriminator::#enum_variant) => {
                let decoded = #decode?;
                let listed = #listed;
                ::core::result::Result::Ok(if listed || decoded.unknown_fields.is_empty() {
                    Self::#variant_name(decoded)
                } else {
                    Self::misfit(decoded.unknown_fields.into_object())
                })
            }
        }
    });
    let from_json_doc = format!(
        " Decodes the member that `{}` names; any other value, or an object none of whose fields",
        union.discriminator
    );
    quote! {
        #decl

        impl #name {
            #[doc = #from_json_doc]
            /// the named member lists, gives `Unknown` with the JSON as received.
            ///
            /// # Errors
            /// When the JSON does not have the shape the discriminator names.
            pub fn from_json(
                discriminant: ::core::option::Option<&#discriminator>,
                value: rt::serde_json::Value,
            ) -> ::core::result::Result<Self, rt::serde_json::Error> {
                <Self as rt::union::SiblingUnion>::decode_chosen(discriminant, value)
            }

            fn misfit(value: rt::serde_json::Value) -> Self {
                Self::Unknown(crate::UnknownVariant::new(::core::option::Option::None, value))
            }
        }

        impl rt::union::SiblingUnion for #name {
            type Discriminant = #discriminator;

            fn decode_chosen<'de, __D: ::serde::Deserializer<'de>>(
                discriminant: ::core::option::Option<&#discriminator>,
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                match discriminant {
                    #(#arms)*
                    _ => <rt::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer).map(Self::misfit),
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(member) => ::serde::Serialize::serialize(member, serializer),)*
                    Self::Unknown(member) => ::serde::Serialize::serialize(member, serializer),
                }
            }
        }

        impl rt::validate::Validate for #name {
            fn validate_at(&self, path: &rt::validate::Path<'_>, errors: &mut rt::ValidationErrors) {
                match self {
                    #(Self::#variants(member) => rt::validate::Validate::validate_at(member, path, errors),)*
                    Self::Unknown(_) => {}
                }
            }
        }
    }
}
