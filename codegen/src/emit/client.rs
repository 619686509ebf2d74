//! A vendor's `client.rs` (behind the generated crate's `client` feature): its platform codes
//! as `rt::client::VendorCodes`, and the token call as a `rt::client::EndpointIssuer` with the
//! function that puts a token in the context.

use super::access::{owned, path, read};
use super::docs;
use super::names::ident;
use crate::ir::{ClientInfo, Field, Vendor};
use proc_macro2::TokenStream;
use quote::quote;

/// The module.
pub fn client_module(vendor: &Vendor, client: &ClientInfo) -> TokenStream {
    let mut module_doc = vec![format!(
        "What the async client (`rt::client`, feature `client`) needs of {} beyond its endpoints.",
        docs::escape(&vendor.title)
    )];
    let mut codes_doc = docs::paragraphs(&client.docs);
    codes_doc.extend(client.sources.iter().map(docs::source_line));
    module_doc.push(if client.token.is_some() {
        "[`CODES`] for `ClientBuilder::codes`; [`token_issuer`] and [`authorization`] for \
         `TokenCredentials`."
            .to_owned()
    } else {
        "[`CODES`] for `ClientBuilder::codes`.".to_owned()
    });
    let module_doc = docs::inner_lines(&module_doc);
    let codes_doc = docs::lines(&codes_doc);
    let (rate_limited, try_again_later, token_invalid, reset_headers) = (
        &client.rate_limited,
        &client.try_again_later,
        &client.token_invalid,
        &client.reset_headers,
    );
    let token = client
        .token
        .as_ref()
        .map(|token| {
            let endpoint = &vendor.endpoints[token.endpoint];
            let module = ident(&endpoint.module);
            let answer = ident(&token.answer);
            let field = |wire: &String| {
                let steps = path(vendor, &token.answer, std::slice::from_ref(wire));
                let leaf: &Field = steps.last().expect("a resolved path has a field");
                (owned(read(quote! { &answer }, &steps), leaf), leaf.secret)
            };
            let (read_token, secret) = field(&token.token);
            let read_token = if secret {
                read_token
            } else {
                quote! { #read_token.map(rt::Secret::new) }
            };
            let (read_lifetime, _) = field(&token.expires_in);
            let header = &vendor.context_headers[token.header];
            let prefix = header.constraints.prefix.clone().unwrap_or_default();
            let header_doc = format!(
                " The `{}` header value carrying `token`{}.",
                header.wire,
                if prefix.is_empty() {
                    String::new()
                } else {
                    format!(": `{prefix}` and the token")
                }
            );
            let issuer_doc = format!(
                " Tokens from [`super::{}`]: `request` carries the app's credentials; `key` names \
                 the app and tenant in the token cache (never the secret).",
                endpoint.module.name
            );
            let only_header = vendor.context_query.is_empty()
                && vendor.context_headers.len() == 1
                && header.presence.is_required();
            let context = only_header.then(|| {
                quote! {
                    /// The context carrying `token` (the vendor's only common parameter).
                    #[must_use]
                    pub fn context(token: &rt::Secret<::std::string::String>) -> super::Context {
                        super::Context::new(authorization(token))
                    }
                }
            });
            quote! {
                /// The token and its lifetime in seconds, from the token call's answer.
                #[must_use]
                pub fn read_token(answer: types::#answer) -> ::core::option::Option<(rt::Secret<::std::string::String>, i64)> {
                    let token = #read_token?;
                    let lifetime = #read_lifetime?;
                    ::core::option::Option::Some((token, lifetime))
                }

                #[doc = #issuer_doc]
                pub fn token_issuer(
                    request: super::#module::Request,
                    key: impl ::core::convert::Into<::std::string::String>,
                ) -> rt::client::EndpointIssuer<super::#module::Request, types::#answer> {
                    rt::client::EndpointIssuer::new(request, key, read_token)
                }

                #[doc = #header_doc]
                #[must_use]
                pub fn authorization(token: &rt::Secret<::std::string::String>) -> rt::Secret<::std::string::String> {
                    let mut value = ::std::string::String::from(#prefix);
                    value.push_str(token.expose());
                    rt::Secret::new(value)
                }

                #context
            }
        })
        .unwrap_or_default();
    quote! {
        #module_doc
        use ::approval_api_runtime as rt;
        #[allow(unused_imports)]
        use super::types;

        #codes_doc
        pub const CODES: rt::client::VendorCodes = rt::client::VendorCodes {
            rate_limited: &[#(#rate_limited),*],
            try_again_later: &[#(#try_again_later),*],
            token_invalid: &[#(#token_invalid),*],
            reset_headers: &[#(#reset_headers),*],
        };

        #token
    }
}
