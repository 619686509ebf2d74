//! Per vendor: the `Context` every request carries (the spec's `common:` parameters, such as
//! credentials and tenant headers), kept apart from each `Request`, and the base URL.

use super::endpoint::{Place, param_constructor, param_fields, param_validation, params_fn};
use super::names::ident;
use crate::ir::{UrlPart, Vendor};
use proc_macro2::TokenStream;
use quote::quote;

/// The vendor's `context.rs`.
pub fn context_module(vendor: &Vendor) -> TokenStream {
    let types = quote! { super::types:: };
    let params: Vec<(Place, &crate::ir::Field)> = vendor
        .context_headers
        .iter()
        .map(|f| (Place::Header, f))
        .chain(vendor.context_query.iter().map(|f| (Place::Query, f)))
        .collect();
    let fields = param_fields(&params, &types);
    let (args, inits) = param_constructor(&params, &types);
    let setters: Vec<TokenStream> = params
        .iter()
        .filter_map(|(_, field)| super::object::setter(field, &types))
        .collect();
    let allow = super::ty::too_many_arguments(args.len());
    let default = super::ty::default_derive(args.len());
    let headers_fn = params_fn("headers", &vendor.context_headers);
    let query_fn = params_fn("query", &vendor.context_query);
    let checks = param_validation(&params);
    let (path, errors) = if checks.is_empty() {
        (quote! { _path }, quote! { _errors })
    } else {
        (quote! { path }, quote! { errors })
    };
    let doc = if params.is_empty() {
        " What every request carries besides its own parameters: nothing for this vendor."
    } else {
        " What every request carries besides its own parameters: the credentials and headers the vendor requires on every call. Passed when a request is turned into HTTP; secrets are redacted in `Debug`."
    };
    let base_url = base_url_fn(vendor);
    quote! {
        //! The context every request carries, and the base URL.
        use ::approval_api_runtime as rt;

        #base_url

        #[doc = #doc]
        #[derive(Clone, Debug, #default PartialEq)]
        #[cfg_attr(not(feature = "exhaustive"), non_exhaustive)]
        pub struct Context {
            #(#fields,)*
        }

        impl Context {
            /// A context with its required parameters; optional ones start absent.
            #[must_use]
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }

        impl rt::endpoint::Context for Context {
            #headers_fn
            #query_fn
        }

        impl rt::validate::Validate for Context {
            fn validate_at(&self, #path: &rt::validate::Path<'_>, #errors: &mut rt::ValidationErrors) {
                #(#checks)*
            }
        }
    }
}

/// `BASE_URL`, and `base_url(..)` filling in the parts the caller chooses.
fn base_url_fn(vendor: &Vendor) -> TokenStream {
    let template = &vendor.base_url.template;
    let vars: Vec<_> = vendor
        .base_url
        .parts
        .iter()
        .filter_map(|part| match part {
            UrlPart::Var(_, ident) => Some(ident),
            UrlPart::Literal(_) => None,
        })
        .collect();
    if vars.is_empty() {
        return quote! {
            /// Base URL of the vendor's API.
            pub const BASE_URL: &str = #template;
        };
    }
    let params = vars.iter().map(|var| {
        let var = ident(var);
        quote! { #var: &str }
    });
    let pushes = vendor.base_url.parts.iter().map(|part| match part {
        UrlPart::Literal(text) => quote! { url.push_str(#text); },
        UrlPart::Var(_, var) => {
            let var = ident(var);
            quote! { url.push_str(#var); }
        }
    });
    let names: Vec<String> = vendor
        .base_url
        .parts
        .iter()
        .filter_map(|part| match part {
            UrlPart::Var(name, _) => Some(format!("`{name}`")),
            UrlPart::Literal(_) => None,
        })
        .collect();
    let doc = format!(
        " The base URL with {} filled in (the template is [`BASE_URL`]).",
        names.join(", ")
    );
    quote! {
        /// Base URL of the vendor's API as documented; `${...}` marks a part the caller fills in
        /// (see [`base_url`]).
        pub const BASE_URL: &str = #template;

        #[doc = #doc]
        #[must_use]
        pub fn base_url(#(#params),*) -> ::std::string::String {
            let mut url = ::std::string::String::new();
            #(#pushes)*
            url
        }
    }
}
