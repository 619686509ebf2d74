//! Identifier newtypes, so one kind of id cannot be passed where another is wanted.

use super::docs;
use super::names::ident;
use super::ty::scalar_type;
use crate::ir::{NamedType, NewtypeScalar, Scalar};
use proc_macro2::TokenStream;
use quote::quote;

/// The newtype with its constructor, accessor, conversions and `Display`.
pub fn newtype(named: &NamedType, wrapped: NewtypeScalar) -> TokenStream {
    let scalar = match wrapped {
        NewtypeScalar::String => Scalar::String,
        NewtypeScalar::I64 => Scalar::I64,
        NewtypeScalar::I32 => Scalar::I32,
    };
    let name = ident(&named.ident);
    let doc = docs::docs(&named.docs);
    let inner = scalar_type(scalar);
    let (get, from_str) = if wrapped == NewtypeScalar::String {
        (
            quote! {
                /// The identifier's text.
                #[must_use]
                pub fn get(&self) -> &::std::string::String { &self.0 }
                /// The identifier's text.
                #[must_use]
                pub fn as_str(&self) -> &str { &self.0 }
            },
            quote! {
                impl ::core::convert::From<&str> for #name {
                    fn from(value: &str) -> Self { Self(::std::borrow::ToOwned::to_owned(value)) }
                }

                impl ::core::convert::AsRef<str> for #name {
                    fn as_ref(&self) -> &str { &self.0 }
                }

                /// Hashes and compares as its text, so a map keyed by this id can be looked up
                /// with a `&str`.
                impl ::core::borrow::Borrow<str> for #name {
                    fn borrow(&self) -> &str { &self.0 }
                }
            },
        )
    } else {
        (
            quote! {
                /// The identifier's value.
                #[must_use]
                pub fn get(&self) -> &#inner { &self.0 }
            },
            quote! {},
        )
    };
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct #name(#inner);

        impl #name {
            /// Wraps a value received from, or meant for, the vendor.
            #[must_use]
            pub fn new(value: impl ::core::convert::Into<#inner>) -> Self { Self(value.into()) }
            #get
            /// The wrapped value.
            #[must_use]
            pub fn into_inner(self) -> #inner { self.0 }
        }

        impl ::core::convert::From<#inner> for #name {
            fn from(value: #inner) -> Self { Self(value) }
        }

        #from_str

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl rt::validate::Validate for #name {
            fn validate_at(&self, _path: &rt::validate::Path<'_>, _errors: &mut rt::ValidationErrors) {}
        }
    }
}
