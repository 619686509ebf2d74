//! Open enums: the documented values, plus `Unknown` for values a newer vendor sends. The
//! unknown payload is opaque, so matching on it cannot break when a later spec names it. One
//! emitter serves spec enums and error-code tables, so both have the same API and serde.

use super::docs;
use super::names::ident;
use crate::ir::{Enum, NamedType, WireValue};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// One documented value of an open enum.
pub struct OpenValue<'a> {
    /// Variant name.
    pub variant: Ident,
    /// Wire value.
    pub wire: &'a WireValue,
    /// The vendor's label (enums) or documented message (error codes).
    pub label: Option<&'a str>,
    /// Rustdoc of the variant.
    pub doc: TokenStream,
}

/// An open enum to emit.
pub struct OpenEnum<'a> {
    /// Type name.
    pub name: Ident,
    /// Rustdoc of the type.
    pub doc: TokenStream,
    /// Whether wire values are integers.
    pub integer: bool,
    /// The values, in the order `KNOWN` lists them.
    pub values: Vec<OpenValue<'a>>,
    /// Further inherent items (error codes: `message()`, `http_status()`, …).
    pub extra: TokenStream,
}

/// A spec enum.
pub fn named_enum(named: &NamedType, enumeration: &Enum) -> TokenStream {
    let values = enumeration
        .values
        .iter()
        .map(|value| {
            let mut first = format!("`{}`", docs::escape(&value.wire.to_string()));
            if let Some(label) = &value.label {
                first.push_str(&format!(" ({})", docs::escape(label)));
            }
            first.push_str(&format!(": {}", docs::escape(&value.doc)));
            OpenValue {
                variant: ident(&value.variant),
                wire: &value.wire,
                label: value.label.as_deref(),
                doc: docs::lines(&[first]),
            }
        })
        .collect();
    open_enum(&OpenEnum {
        name: ident(&named.ident),
        doc: docs::docs(&named.docs),
        integer: enumeration.is_integer(),
        values,
        extra: quote! {},
    })
}

/// The enum, its wire conversions, `Display`, serde impls and `Validate` impl.
pub fn open_enum(spec: &OpenEnum<'_>) -> TokenStream {
    let OpenEnum {
        name, doc, extra, ..
    } = spec;
    let variants: Vec<&Ident> = spec.values.iter().map(|value| &value.variant).collect();
    let variant_docs = spec.values.iter().map(|value| &value.doc);
    let texts: Vec<String> = spec.values.iter().map(|v| v.wire.to_string()).collect();
    let labels = spec.values.iter().map(|value| match value.label {
        Some(label) => quote! { ::core::option::Option::Some(#label) },
        None => quote! { ::core::option::Option::None },
    });
    let wire_values: Vec<TokenStream> = spec
        .values
        .iter()
        .map(|value| match value.wire {
            WireValue::Int(number) => quote! { #number },
            WireValue::Str(text) => quote! { #text },
        })
        .collect();
    let type_name = name.to_string();
    let try_parse_doc = format!(
        " The variant for a listed wire value; a value `{type_name}` does not list is refused (use `from_wire` or `From` to keep it as `Unknown`)."
    );
    let (wire_type, as_wire, from_wire, serialize, deserialize, conversions) = if spec.integer {
        (
            quote! { i64 },
            quote! {
                /// The value on the wire; `None` only for an unknown value that was not an integer.
                #[must_use]
                pub fn as_i64(&self) -> ::core::option::Option<i64> {
                    match self {
                        #(Self::#variants => ::core::option::Option::Some(#wire_values),)*
                        Self::Unknown(value) => value.as_i64(),
                    }
                }
            },
            quote! {
                /// The variant for a wire value; values the spec does not list become `Unknown`.
                #[must_use]
                pub fn from_wire(value: i64) -> Self {
                    match value {
                        #(#wire_values => Self::#variants,)*
                        other => Self::Unknown(crate::UnknownValue::from_integer(other)),
                    }
                }
            },
            quote! {
                match self {
                    #(Self::#variants => serializer.serialize_i64(#wire_values),)*
                    Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),
                }
            },
            quote! { <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from_wire) },
            quote! {
                impl #name {
                    #[doc = #try_parse_doc]
                    ///
                    /// # Errors
                    /// [`rt::NotListed`] for a value the spec does not list.
                    pub fn try_parse(value: i64) -> ::core::result::Result<Self, rt::NotListed> {
                        match value {
                            #(#wire_values => ::core::result::Result::Ok(Self::#variants),)*
                            other => ::core::result::Result::Err(rt::NotListed::new(#type_name, other)),
                        }
                    }
                }

                impl ::core::convert::From<i64> for #name {
                    fn from(value: i64) -> Self {
                        Self::from_wire(value)
                    }
                }

                impl ::core::str::FromStr for #name {
                    type Err = ::core::num::ParseIntError;

                    /// Parses the integer; a value the spec does not list becomes `Unknown`.
                    fn from_str(text: &str) -> ::core::result::Result<Self, ::core::num::ParseIntError> {
                        text.trim().parse::<i64>().map(Self::from_wire)
                    }
                }
            },
        )
    } else {
        (
            quote! { &'static str },
            quote! {
                /// The value on the wire.
                #[must_use]
                pub fn as_str(&self) -> &str {
                    match self {
                        #(Self::#variants => #wire_values,)*
                        Self::Unknown(value) => value.as_str().unwrap_or_default(),
                    }
                }
            },
            quote! {
                /// The variant for a wire value; values the spec does not list become `Unknown`.
                #[must_use]
                pub fn from_wire(value: &str) -> Self {
                    match value {
                        #(#wire_values => Self::#variants,)*
                        other => Self::Unknown(crate::UnknownValue::from_text(other)),
                    }
                }
            },
            quote! { serializer.serialize_str(self.as_str()) },
            quote! {
                rt::de::read_str(deserializer, Self::from_wire)
            },
            quote! {
                impl #name {
                    #[doc = #try_parse_doc]
                    ///
                    /// # Errors
                    /// [`rt::NotListed`] for a value the spec does not list.
                    pub fn try_parse(value: &str) -> ::core::result::Result<Self, rt::NotListed> {
                        match value {
                            #(#wire_values => ::core::result::Result::Ok(Self::#variants),)*
                            other => ::core::result::Result::Err(rt::NotListed::new(#type_name, other)),
                        }
                    }
                }

                impl ::core::convert::From<&str> for #name {
                    fn from(value: &str) -> Self {
                        Self::from_wire(value)
                    }
                }

                impl ::core::str::FromStr for #name {
                    type Err = ::core::convert::Infallible;

                    /// Never fails: a value the spec does not list becomes `Unknown`.
                    // Spelled out, not `Self::Err`: an enum may have a variant named `Err`.
                    fn from_str(text: &str) -> ::core::result::Result<Self, ::core::convert::Infallible> {
                        ::core::result::Result::Ok(Self::from_wire(text))
                    }
                }
            },
        )
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
            /// Every documented value (enums in spec order, error codes ascending).
            pub const KNOWN: &'static [Self] = &[#(Self::#variants),*];
            /// The wire values of [`Self::KNOWN`], in the same order.
            pub const KNOWN_WIRE_VALUES: &'static [#wire_type] = &[#(#wire_values),*];

            #as_wire
            #from_wire

            /// The vendor's display label (for error codes: the documented message), where the
            /// docs give one.
            #[must_use]
            pub fn label(&self) -> ::core::option::Option<&'static str> {
                match self {
                    #(Self::#variants => #labels,)*
                    Self::Unknown(_) => ::core::option::Option::None,
                }
            }

            #extra
        }

        #conversions

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(Self::#variants => f.write_str(#texts),)*
                    Self::Unknown(value) => ::std::fmt::Display::fmt(value, f),
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
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
