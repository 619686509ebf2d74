//! Crate-level files: the manifest (one feature per vendor), `lib.rs`, and each vendor's
//! `mod.rs` with its docs and endpoint index.

use super::docs;
use super::names::ident;
use crate::ir::{Ir, Vendor};
use proc_macro2::TokenStream;
use quote::quote;
use std::fmt::Write as _;

/// The crate manifest: one feature per vendor.
pub fn manifest(ir: &Ir) -> String {
    let mut features = String::new();
    let all: Vec<String> = ir
        .vendors
        .iter()
        .map(|v| format!("\"{}\"", v.feature))
        .collect();
    let _ = writeln!(features, "full = [{}]", all.join(", "));
    for vendor in &ir.vendors {
        let _ = writeln!(features, "{} = []", vendor.feature);
    }
    // Not part of `full`: `full` selects vendors, `http` adds a dependency.
    let _ = writeln!(
        features,
        "# Conversions to and from the `http` crate's types (`runtime::http`).\nhttp = [\"approval-api-runtime/http\"]"
    );
    let _ = writeln!(
        features,
        "# The webhook intake decodes into each vendor's `events::Event` (`runtime::webhook`).\nwebhook = [\"approval-api-runtime/webhook\"]"
    );
    let _ = writeln!(
        features,
        "# The async client (`runtime::client`): reqwest, tokio, retries, tokens, pages.\nclient = [\"http\", \"approval-api-runtime/client\"]"
    );
    format!(
        r#"[package]
name = "approval-api"
description = "Typed request and response models of vendor approval-workflow APIs (generated)."
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true

[features]
default = []
# Generated structs are `#[non_exhaustive]` (a later spec may add optional fields without
# breaking downstream code); this opts out, so struct literals and exhaustive patterns work.
exhaustive = []
{features}
[dependencies]
approval-api-runtime.workspace = true
serde.workspace = true

[package.metadata.docs.rs]
all-features = true

[lints]
workspace = true
"#
    )
}

/// `src/lib.rs`: crate docs and one feature-gated module per vendor.
pub fn lib_rs(ir: &Ir) -> TokenStream {
    let mut doc = vec![
        "Typed models of vendor approval-workflow APIs, generated from the YAML specs in `specs/`.".to_owned(),
        "Each vendor is a module behind a cargo feature of the same name (`full` enables all); no HTTP client is imposed: every endpoint's `METADATA` and `Request` give the method, path, query and header parameters and body, and `Endpoint::decode_response` turns a response body into the payload or the vendor's typed error.".to_owned(),
    ];
    let mut table = "| feature | module | system |\n|---|---|---|".to_owned();
    for vendor in &ir.vendors {
        let _ = write!(
            table,
            "\n| `{}` | `{}` | {} |",
            vendor.feature,
            vendor.module.name,
            docs::escape(&vendor.title)
        );
    }
    doc.push(table);
    let doc = docs::inner_lines(&doc);
    let modules = ir.vendors.iter().map(|vendor| {
        let module = ident(&vendor.module);
        let feature = &vendor.feature;
        quote! {
            #[cfg(feature = #feature)]
            pub mod #module;
        }
    });
    quote! {
        #doc
        #![forbid(unsafe_code)]

        /// The support types the models use (secrets, time formats, validation, envelopes).
        pub use ::approval_api_runtime as runtime;
        pub use ::approval_api_runtime::{Endpoint, Validate};

        mod unknown;
        pub use unknown::{UnknownValue, UnknownVariant};

        #(#modules)*
    }
}

/// A vendor's `mod.rs`.
pub fn vendor_module(vendor: &Vendor) -> TokenStream {
    let mut paragraphs = vec![
        format!("# {}", docs::escape(&vendor.title)),
        docs::escape(&vendor.docs.text),
    ];
    paragraphs.push(format!("Base URL: `{}`", vendor.base_url.template));
    let mut endpoints = "Endpoints:".to_owned();
    for endpoint in &vendor.endpoints {
        let _ = write!(
            endpoints,
            "\n- [`{}`]: `{} {}`",
            endpoint.module.name,
            endpoint.method.as_str(),
            endpoint.path_template
        );
    }
    paragraphs.push(endpoints);
    if !vendor.events.is_empty() {
        paragraphs.push(format!(
            "Events: [`Event`] ({} event types; the webhook intake decodes into it with the `webhook` feature).",
            vendor.events.len()
        ));
    }
    let mut sources = "Transcribed from:".to_owned();
    for source in &vendor.sources {
        let _ = write!(sources, "\n- {}", docs::source_line(source));
    }
    paragraphs.push(sources);
    let doc = docs::inner_lines(&paragraphs);
    let templated = vendor
        .base_url
        .parts
        .iter()
        .any(|part| matches!(part, crate::ir::UrlPart::Var(..)));
    let mut context_items = vec![quote! { BASE_URL }, quote! { Context }];
    if templated {
        context_items.push(quote! { base_url });
    }
    let endpoints = vendor.endpoints.iter().map(|endpoint| {
        let module = ident(&endpoint.module);
        quote! { pub mod #module; }
    });
    let (events_module, events_reexport) = if vendor.events.is_empty() {
        (quote! {}, quote! {})
    } else {
        (
            quote! { pub mod events; },
            quote! { pub use events::Event; },
        )
    };
    let client = vendor.client.is_some().then(|| {
        quote! {
            #[cfg(feature = "client")]
            pub mod client;
        }
    });
    let metadata = vendor.endpoints.iter().map(|endpoint| {
        let module = ident(&endpoint.module);
        quote! { &#module::METADATA }
    });
    let visits = vendor.endpoints.iter().map(|endpoint| {
        let module = ident(&endpoint.module);
        quote! { visitor.visit::<#module::Request>(); }
    });
    quote! {
        #doc

        #client
        /// Every endpoint's [`METADATA`](::approval_api_runtime::Metadata), in spec order.
        pub const ENDPOINTS: &[&::approval_api_runtime::Metadata] = &[#(#metadata),*];

        /// Calls `visitor.visit::<R>()` with every endpoint's `Request` type, in spec order.
        pub fn visit_endpoints<V: ::approval_api_runtime::EndpointVisitor>(visitor: &mut V) {
            #(#visits)*
        }

        pub mod context;
        #events_module
        pub mod errors;
        pub mod types;
        #(#endpoints)*

        pub use context::{#(#context_items),*};
        pub use errors::{ErrorCode, VendorError, decode};
        #events_reexport
    }
}

/// `src/unknown.rs`: the opaque payloads of `Unknown` variants. They live in the generated
/// crate so that only it can build them (as the AWS SDK keeps its constructor crate-private):
/// downstream code can read an unknown value but never make one, so it cannot write code that
/// a later spec naming the value would silently change the meaning of.
pub fn unknown_module() -> TokenStream {
    quote! {
        //! Opaque payloads of the `Unknown` variants.
        use ::approval_api_runtime as rt;

        /// An enum value or error code the spec does not list, kept exactly as received.
        ///
        /// Opaque outside this crate: it can be neither built nor inspected, so no downstream
        /// code can match on its text, whose meaning a later spec that names the value would
        /// silently change. The enum that holds it still gives its wire form (`as_str()`,
        /// `as_i64()`, `Display`) and serializes it back unchanged.
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct UnknownValue(rt::UnknownValue);

        impl UnknownValue {
            #[allow(dead_code, reason = "used by the vendor modules of some features only")]
            pub(crate) fn from_text(value: &str) -> Self {
                Self(rt::UnknownValue::from_text(value))
            }

            #[allow(dead_code, reason = "used by the vendor modules of some features only")]
            pub(crate) fn from_integer(value: i64) -> Self {
                Self(rt::UnknownValue::from_integer(value))
            }

            #[allow(dead_code, reason = "used by the vendor modules of some features only")]
            pub(crate) fn as_str(&self) -> ::core::option::Option<&str> {
                self.0.as_str()
            }

            #[allow(dead_code, reason = "used by the vendor modules of some features only")]
            pub(crate) fn as_i64(&self) -> ::core::option::Option<i64> {
                self.0.as_i64()
            }
        }

        impl ::std::fmt::Debug for UnknownValue {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }

        impl ::std::fmt::Display for UnknownValue {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl ::serde::Serialize for UnknownValue {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }

        /// A union member whose tag (or discriminating sibling) the spec does not list; the whole
        /// JSON value is kept, so it serializes back unchanged. Readable, not buildable, outside
        /// this crate.
        #[derive(Clone, PartialEq, Debug)]
        pub struct UnknownVariant {
            tag: ::core::option::Option<UnknownValue>,
            raw: rt::serde_json::Value,
        }

        impl UnknownVariant {
            #[allow(dead_code, reason = "used by the vendor modules of some features only")]
            pub(crate) fn new(tag: ::core::option::Option<::std::string::String>, raw: rt::serde_json::Value) -> Self {
                Self { tag: tag.map(|tag| UnknownValue::from_text(&tag)), raw }
            }

            /// The tag that was not recognised, if the member had one.
            #[must_use]
            pub fn tag(&self) -> ::core::option::Option<&UnknownValue> {
                self.tag.as_ref()
            }

            /// The member as received.
            #[must_use]
            pub fn raw(&self) -> &rt::serde_json::Value {
                &self.raw
            }
        }

        impl ::serde::Serialize for UnknownVariant {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                self.raw.serialize(serializer)
            }
        }
    }
}
