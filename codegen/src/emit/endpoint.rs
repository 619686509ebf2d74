//! One module per endpoint, in the spirit of ruma: `METADATA`, `Request` (parameters and body),
//! `Response` (the payload) and the `Endpoint` impl that ties them to the vendor's envelope.

use super::docs;
use super::names::ident;
use super::ty::{Wrapping, field_type, present, wrapping};
use crate::ir::{
    Endpoint, Field, Method, Pagination, ParamLocation, PathSegment, RequestField, Vendor,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The endpoint module.
pub fn endpoint_module(vendor: &Vendor, endpoint: &Endpoint) -> TokenStream {
    let module_doc = docs::paragraphs(&endpoint.docs);
    let method_line = format!("`{} {}`", endpoint.method.as_str(), endpoint.path_template);
    let module_doc: Vec<String> = std::iter::once(method_line).chain(module_doc).collect();
    let module_doc = docs::inner_lines(&module_doc);
    let metadata = metadata(vendor, endpoint);
    let request = request(endpoint);
    let response = match &endpoint.response {
        Some(response) => {
            let response = ident(response);
            quote! { types::#response }
        }
        None => quote! { rt::NoPayload },
    };
    let body_type = match &endpoint.body {
        Some(body) => {
            let body = ident(body);
            quote! { types::#body }
        }
        None => quote! { () },
    };
    let body_access = if endpoint.body.is_some() {
        quote! { ::core::option::Option::Some(&self.body) }
    } else {
        quote! { ::core::option::Option::None }
    };
    let errors_doc = if endpoint.errors.is_empty() {
        " The payload of a successful response (the envelope removed).".to_owned()
    } else {
        let codes: Vec<String> = endpoint.errors.iter().map(|c| format!("`{c}`")).collect();
        format!(
            " The payload of a successful response (the envelope removed). Errors documented for this endpoint: {}.",
            codes.join(", ")
        )
    };
    let path_fn = path_fn(endpoint);
    let query_fn = params_fn("query", &endpoint.query);
    let headers_fn = params_fn("headers", &endpoint.headers);
    let validate = validate_impl(endpoint);
    let paged = super::pagination::paged_impl(vendor, endpoint);
    let idempotency_key = super::pagination::idempotency_key_fn(vendor, endpoint);
    let context = if endpoint.takes_context {
        quote! { super::Context }
    } else {
        quote! { () }
    };
    quote! {
        #module_doc
        use ::approval_api_runtime as rt;
        #[allow(unused_imports)]
        use super::types;

        #metadata
        #request

        #[doc = #errors_doc]
        pub type Response = #response;

        impl rt::Endpoint for Request {
            const METADATA: rt::Metadata = METADATA;
            type Context = #context;
            type Body = #body_type;
            type Response = Response;
            type Error = super::errors::VendorError;

            #path_fn
            #query_fn
            #headers_fn

            fn body(&self) -> ::core::option::Option<&Self::Body> { #body_access }

            fn decode_response(status: u16, body: &[u8]) -> ::core::result::Result<Self::Response, rt::ApiError<Self::Error>> {
                super::errors::decode(status, body)
            }

            #idempotency_key
        }

        #validate
        #paged
    }
}

fn metadata(vendor: &Vendor, endpoint: &Endpoint) -> TokenStream {
    let method = match endpoint.method {
        Method::Get => quote! { Get },
        Method::Post => quote! { Post },
        Method::Put => quote! { Put },
        Method::Patch => quote! { Patch },
        Method::Delete => quote! { Delete },
    };
    let param_meta = |fields: &[Field]| {
        let metas = fields.iter().map(|field| {
            let wire = &field.wire;
            let required = field.presence.is_required();
            let secret = field.secret;
            quote! { rt::ParamMeta { wire_name: #wire, required: #required, secret: #secret } }
        });
        quote! { &[#(#metas),*] }
    };
    let (query, headers) = (param_meta(&endpoint.query), param_meta(&endpoint.headers));
    let content_type = if endpoint.body.is_some() {
        quote! { ::core::option::Option::Some(rt::ContentType::Json) }
    } else {
        quote! { ::core::option::Option::None }
    };
    let (vendor_name, name, path) = (&vendor.module.name, &endpoint.name, &endpoint.path_template);
    let doc_url = match &endpoint.doc_url {
        Some(url) => quote! { ::core::option::Option::Some(#url) },
        None => quote! { ::core::option::Option::None },
    };
    let some = |tokens: TokenStream| quote! { ::core::option::Option::Some(#tokens) };
    let none = quote! { ::core::option::Option::None };
    let count = |n: Option<u32>| n.map_or_else(|| none.clone(), |n| some(quote! { #n }));
    let rate_limit = endpoint.rate_limit.map_or_else(
        || none.clone(),
        |limit| {
            let (minute, second) = (count(limit.per_minute), count(limit.per_second));
            some(quote! { rt::endpoint::RateLimit { per_minute: #minute, per_second: #second } })
        },
    );
    let scopes = &endpoint.scopes;
    let wire_path = |path: &[String]| quote! { &[#(#path),*] };
    let optional_path = |path: &Option<Vec<String>>| {
        path.as_deref()
            .map_or_else(|| none.clone(), |path| some(wire_path(path)))
    };
    let request_field = |field: &RequestField| {
        let location = match field.location {
            ParamLocation::Query => quote! { Query },
            ParamLocation::Body => quote! { Body },
        };
        let path = wire_path(&field.path);
        quote! { rt::endpoint::RequestField { location: rt::endpoint::FieldLocation::#location, path: #path } }
    };
    let optional_field = |field: &Option<RequestField>| {
        field
            .as_ref()
            .map_or_else(|| none.clone(), |field| some(request_field(field)))
    };
    let pagination = match &endpoint.pagination {
        None => none.clone(),
        Some(Pagination::Cursor {
            cursor,
            page_size,
            next_cursor,
            has_more,
            total,
        }) => {
            let (cursor, page_size) = (request_field(cursor), optional_field(page_size));
            let next_cursor = wire_path(next_cursor);
            let (has_more, total) = (optional_path(has_more), optional_path(total));
            some(quote! {
                rt::endpoint::Pagination::Cursor {
                    cursor: #cursor,
                    page_size: #page_size,
                    next_cursor: #next_cursor,
                    has_more: #has_more,
                    total: #total,
                }
            })
        }
        Some(Pagination::PageNumber {
            page,
            page_size,
            has_more,
            total,
        }) => {
            let (page, page_size) = (request_field(page), optional_field(page_size));
            let (has_more, total) = (optional_path(has_more), optional_path(total));
            some(quote! {
                rt::endpoint::Pagination::PageNumber {
                    page: #page,
                    page_size: #page_size,
                    has_more: #has_more,
                    total: #total,
                }
            })
        }
    };
    let idempotency_key = optional_field(&endpoint.idempotency_key);
    quote! {
        /// Method, path, parameters, body type, limits and paging of this endpoint.
        pub const METADATA: rt::Metadata = rt::Metadata {
            vendor: #vendor_name,
            name: #name,
            method: rt::Method::#method,
            path: #path,
            content_type: #content_type,
            query: #query,
            headers: #headers,
            doc_url: #doc_url,
            rate_limit: #rate_limit,
            scopes: &[#(#scopes),*],
            pagination: #pagination,
            idempotency_key: #idempotency_key,
        };
    }
}

/// Where a parameter goes, for docs and validation paths.
#[derive(Clone, Copy)]
pub(super) enum Place {
    Path,
    Query,
    Header,
}

impl Place {
    fn name(self) -> &'static str {
        match self {
            Self::Path => "Path",
            Self::Query => "Query",
            Self::Header => "Header",
        }
    }

    fn group(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Header => "header",
        }
    }
}

fn params(endpoint: &Endpoint) -> Vec<(Place, &Field)> {
    let path = endpoint.path_params.iter().map(|f| (Place::Path, f));
    let query = endpoint.query.iter().map(|f| (Place::Query, f));
    let headers = endpoint.headers.iter().map(|f| (Place::Header, f));
    path.chain(query).chain(headers).collect()
}

/// The fields of a struct of parameters (a `Request` or a vendor `Context`), with docs.
pub(super) fn param_fields(params: &[(Place, &Field)], types: &TokenStream) -> Vec<TokenStream> {
    params
        .iter()
        .map(|(place, field)| {
            let name = ident(&field.ident);
            let ty = field_type(field, types);
            let mut paragraphs = docs::paragraphs(&field.docs);
            let presence = if field.presence.is_required() {
                "required"
            } else {
                "optional"
            };
            paragraphs.insert(
                1,
                format!(
                    "{} parameter `{}`, {presence}.",
                    place.name(),
                    docs::escape(&field.wire)
                ),
            );
            let doc = docs::lines(&paragraphs);
            quote! { #doc pub #name: #ty }
        })
        .collect()
}

/// Constructor arguments (the required parameters) and field initialisers of a parameter struct.
pub(super) fn param_constructor(
    params: &[(Place, &Field)],
    types: &TokenStream,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    super::ty::constructor_parts(params.iter().map(|(_, field)| *field), types)
}

/// Checks of parameters with constraints, under `path.`, `query.` and `header.`.
pub(super) fn param_validation(params: &[(Place, &Field)]) -> Vec<TokenStream> {
    params
        .iter()
        .filter(|(_, field)| !field.constraints.is_empty())
        .map(|(place, field)| {
            let name = ident(&field.ident);
            let group = place.group();
            let wire = &field.wire;
            let checks = super::validate::param_checks(field);
            let value = present(field, quote! { self.#name });
            quote! {
                if let ::core::option::Option::Some(value) = #value {
                    let group = path.field(#group);
                    let path = &group.field(#wire);
                    #(#checks)*
                }
            }
        })
        .collect()
}

fn request(endpoint: &Endpoint) -> TokenStream {
    let types = quote! { types:: };
    let params = params(endpoint);
    let fields = param_fields(&params, &types);
    let body = endpoint.body.as_ref().map(|body| {
        let body = ident(body);
        quote! { /// The JSON body.
        pub body: types::#body, }
    });
    let (mut args, mut inits) = param_constructor(&params, &types);
    let setters: Vec<TokenStream> = params
        .iter()
        .filter_map(|(_, field)| super::object::setter(field, &types))
        .collect();
    if let Some(body_ty) = &endpoint.body {
        let body_ty = ident(body_ty);
        args.push(quote! { body: types::#body_ty });
        inits.push(quote! { body });
    }
    let allow = super::ty::too_many_arguments(args.len());
    let default = super::ty::default_derive(args.len());
    let request_doc = super::docs::lines(&[if endpoint.takes_context {
        "Everything this call sends besides the vendor's [`super::Context`]: parameters by\nwhere they go, and the body.".to_owned()
    } else {
        "Everything this call sends: parameters by where they go, and the body. It takes no\n[`super::Context`]: the vendor's common parameters (credentials) are not sent with it.".to_owned()
    }]);
    quote! {
        #request_doc
        #[derive(Clone, Debug, #default PartialEq)]
        #[cfg_attr(not(feature = "exhaustive"), non_exhaustive)]
        pub struct Request {
            #(#fields,)*
            #body
        }

        impl Request {
            /// A request with its required parameters (and body); optional ones start absent.
            #[must_use]
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }
    }
}

/// Text of a parameter's value; secrets are read explicitly.
fn param_text(field: &Field, value: TokenStream) -> TokenStream {
    if field.secret {
        quote! { #value.expose().clone() }
    } else {
        quote! { #value.to_string() }
    }
}

fn path_fn(endpoint: &Endpoint) -> TokenStream {
    let pieces = endpoint.path.iter().map(|segment| match segment {
        PathSegment::Literal(text) => quote! { path.push_str(#text); },
        PathSegment::Param(index) => {
            let field = &endpoint.path_params[*index];
            let field_name = ident(&field.ident);
            let text = param_text(field, quote! { self.#field_name });
            quote! {
                let text: ::std::string::String = #text;
                path.push_str(&rt::endpoint::encode_path_segment(&text));
            }
        }
    });
    quote! {
        fn path(&self) -> ::std::string::String {
            let mut path = ::std::string::String::new();
            #(#pieces)*
            path
        }
    }
}

pub(super) fn params_fn(fn_name: &str, fields: &[Field]) -> TokenStream {
    let fn_name = super::names::fresh(fn_name);
    let pushes = fields.iter().map(|field| {
        let name = ident(&field.ident);
        let wire = &field.wire;
        let secret = field.secret;
        let text = param_text(field, quote! { value });
        let push = quote! { params.push(rt::endpoint::Param { name: #wire, value: #text, secret: #secret }); };
        match wrapping(field) {
            Wrapping::Bare => quote! { { let value = &self.#name; #push } },
            Wrapping::Option | Wrapping::DoubleOption => {
                quote! { if let ::core::option::Option::Some(value) = &self.#name { #push } }
            }
        }
    });
    quote! {
        fn #fn_name(&self) -> ::std::vec::Vec<rt::endpoint::Param> {
            #[allow(unused_mut)]
            let mut params = ::std::vec::Vec::new();
            #(#pushes)*
            params
        }
    }
}

/// `Validate` for the request: the body at the document root, parameters under
/// `path.`, `query.` and `header.`.
fn validate_impl(endpoint: &Endpoint) -> TokenStream {
    let body = endpoint
        .body
        .as_ref()
        .map(|_| quote! { rt::validate::Validate::validate_at(&self.body, path, errors); });
    let params = param_validation(&params(endpoint));
    let (path, errors) = if body.is_none() && params.is_empty() {
        (quote! { _path }, quote! { _errors })
    } else {
        (quote! { path }, quote! { errors })
    };
    quote! {
        impl rt::validate::Validate for Request {
            fn validate_at(&self, #path: &rt::validate::Path<'_>, #errors: &mut rt::ValidationErrors) {
                #body
                #(#params)*
            }
        }
    }
}
