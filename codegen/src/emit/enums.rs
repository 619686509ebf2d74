//! Open enums: the documented values, plus `Unknown` for values a newer vendor sends. The
//! unknown payload is opaque, so matching on it cannot break when a later spec names it.

use super::docs;
use super::names::ident;
use crate::ir::{Enum, NamedType};
use proc_macro2::TokenStream;
use quote::quote;

/// The enum, its wire conversions, serde impls and `Validate` impl.
pub fn open_enum(named: &NamedType, enumeration: &Enum) -> TokenStream {
    let name = ident(&named.ident);
    let doc = docs::docs(&named.docs);
    let variants: Vec<_> = enumeration
        .values
        .iter()
        .map(|value| ident(&value.variant))
        .collect();
    let variant_docs = enumeration.values.iter().map(|value| {
        let mut first = format!("`{}`", docs::escape(&value.wire));
        if let Some(label) = &value.label {
            first.push_str(&format!(" ({})", docs::escape(label)));
        }
        first.push_str(&format!(": {}", docs::escape(&value.doc)));
        docs::lines(&[first])
    });
    let labels = enumeration.values.iter().map(|value| match &value.label {
        Some(label) => quote! { Some(#label) },
        None => quote! { None },
    });
    let (wire_type, wire_values, as_wire, from_wire, serialize, deserialize) = if enumeration
        .integer
    {
        let values: Vec<i64> = enumeration
            .values
            .iter()
            .map(|v| v.wire.parse().unwrap_or_default())
            .collect();
        (
            quote! { i64 },
            values.iter().map(|v| quote! { #v }).collect::<Vec<_>>(),
            quote! {
                /// The value on the wire; `None` only for an unknown value that was not an integer.
                #[must_use]
                pub fn as_i64(&self) -> Option<i64> {
                    match self {
                        #(Self::#variants => Some(#values),)*
                        Self::Unknown(value) => value.as_i64(),
                    }
                }
            },
            quote! {
                /// The variant for a wire value; values the spec does not list become `Unknown`.
                #[must_use]
                pub fn from_wire(value: i64) -> Self {
                    match value {
                        #(#values => Self::#variants,)*
                        other => Self::Unknown(crate::UnknownValue::from_integer(other)),
                    }
                }
            },
            quote! {
                match self {
                    #(Self::#variants => serializer.serialize_i64(#values),)*
                    Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),
                }
            },
            quote! { <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from_wire) },
        )
    } else {
        let values: Vec<&str> = enumeration.values.iter().map(|v| v.wire.as_str()).collect();
        (
            quote! { &'static str },
            values.iter().map(|v| quote! { #v }).collect::<Vec<_>>(),
            quote! {
                /// The value on the wire.
                #[must_use]
                pub fn as_str(&self) -> &str {
                    match self {
                        #(Self::#variants => #values,)*
                        Self::Unknown(value) => value.as_str().unwrap_or_default(),
                    }
                }
            },
            quote! {
                /// The variant for a wire value; values the spec does not list become `Unknown`.
                #[must_use]
                pub fn from_wire(value: &str) -> Self {
                    match value {
                        #(#values => Self::#variants,)*
                        other => Self::Unknown(crate::UnknownValue::from_text(other)),
                    }
                }
            },
            quote! { serializer.serialize_str(self.as_str()) },
            quote! {
                let text = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from_wire(&text))
            },
        )
    };
    let known_doc = " Every value the spec lists, in spec order.";
    let display = if enumeration.integer {
        quote! {
            match self.as_i64() {
                Some(value) => write!(f, "{value}"),
                None => write!(f, "{}", match self { Self::Unknown(value) => value.to_string(), _ => String::new() }),
            }
        }
    } else {
        quote! { f.write_str(self.as_str()) }
    };
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value the spec does not list, kept exactly as received.
            Unknown(crate::UnknownValue),
        }

        impl #name {
            #[doc = #known_doc]
            pub const KNOWN: &'static [Self] = &[#(Self::#variants),*];
            /// The wire values of [`Self::KNOWN`], in the same order.
            pub const KNOWN_WIRE_VALUES: &'static [#wire_type] = &[#(#wire_values),*];

            #as_wire
            #from_wire

            /// The vendor's display label, where the docs give one.
            #[must_use]
            pub fn label(&self) -> Option<&'static str> {
                match self {
                    #(Self::#variants => #labels,)*
                    Self::Unknown(_) => None,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #serialize
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #deserialize
            }
        }

        impl rt::validate::Validate for #name {
            fn validate_at(&self, path: &rt::validate::Path<'_>, errors: &mut rt::ValidationErrors) {
                if let Self::Unknown(value) = self {
                    rt::validate::rules::unknown_value(path, value, errors);
                }
            }
        }
    }
}
