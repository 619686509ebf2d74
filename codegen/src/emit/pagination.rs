//! `rt::pagination::Paged` for every paged endpoint's `Request`: typed reads and writes of the
//! fields its pagination names, so a client pages without going through JSON values.

use super::access::{assign, owned, path, read};
use super::names::ident;
use crate::ir::{Endpoint, Field, Literal, Pagination, ParamLocation, RequestField, Vendor};
use proc_macro2::TokenStream;
use quote::quote;

/// The impl, or nothing when the endpoint does not page.
pub(super) fn paged_impl(vendor: &Vendor, endpoint: &Endpoint) -> TokenStream {
    let Some(pagination) = &endpoint.pagination else {
        return quote! {};
    };
    let (position_field, page_size, has_more, total, next_cursor, variant) = match pagination {
        Pagination::Cursor {
            cursor,
            page_size,
            next_cursor,
            has_more,
            total,
        } => (
            cursor,
            page_size,
            has_more,
            total,
            Some(next_cursor),
            quote! { Cursor },
        ),
        Pagination::PageNumber {
            page,
            page_size,
            has_more,
            total,
        } => (page, page_size, has_more, total, None, quote! { Number }),
    };
    let position_steps = request_steps(vendor, endpoint, position_field);
    let (read_root, write_root) = roots(position_field);
    let position_leaf = position_steps.last().expect("a resolved path has a field");
    let position = owned(read(read_root, &position_steps), position_leaf);
    let set_position = assign(write_root, &position_steps, quote! { value });

    let (max_page_size, read_page_size, set_page_size) = match page_size {
        Some(field) => {
            let steps = request_steps(vendor, endpoint, field);
            let leaf = steps.last().expect("a resolved path has a field");
            let (read_root, write_root) = roots(field);
            let max = match leaf.constraints.max {
                // A page size is an integer field, so its `max` is a whole number.
                #[allow(clippy::cast_possible_truncation)]
                Some(max) => {
                    let max = max as i64;
                    quote! { ::core::option::Option::Some(#max) }
                }
                None => quote! { ::core::option::Option::None },
            };
            let default = match leaf.default.as_ref().map(|default| &default.literal) {
                Some(Literal::I64(n)) => quote! { .or(::core::option::Option::Some(#n)) },
                Some(Literal::I32(n)) => {
                    let n = i64::from(*n);
                    quote! { .or(::core::option::Option::Some(#n)) }
                }
                _ => quote! {},
            };
            let read_size = owned(read(read_root, &steps), leaf);
            let set_size = assign(write_root, &steps, quote! { size });
            (
                max,
                quote! { #read_size #default },
                quote! { fn set_page_size(&mut self, size: i64) { #set_size } },
            )
        }
        None => (
            quote! { ::core::option::Option::None },
            quote! { ::core::option::Option::None },
            quote! { fn set_page_size(&mut self, _size: i64) {} },
        ),
    };

    let response_type = endpoint
        .response
        .as_ref()
        .expect("internal error: a paged endpoint without a response type");
    let response_field = |wire: Option<&Vec<String>>| match wire {
        Some(wire) => {
            let steps = path(vendor, response_type, wire);
            let leaf = steps.last().expect("a resolved path has a field");
            owned(read(quote! { response }, &steps), leaf)
        }
        None => quote! { ::core::option::Option::None },
    };
    let next_cursor = response_field(next_cursor);
    let has_more = response_field(has_more.as_ref());
    let total = response_field(total.as_ref());
    quote! {
        impl rt::pagination::Paged for Request {
            const MAX_PAGE_SIZE: ::core::option::Option<i64> = #max_page_size;

            fn page_size(&self) -> ::core::option::Option<i64> {
                #read_page_size
            }

            #set_page_size

            fn position(&self) -> ::core::option::Option<rt::pagination::PagePosition> {
                #position.map(rt::pagination::PagePosition::#variant)
            }

            fn set_position(&mut self, position: rt::pagination::PagePosition) {
                if let rt::pagination::PagePosition::#variant(value) = position {
                    #set_position
                }
            }

            fn progress(response: &Self::Response) -> rt::pagination::PageProgress {
                rt::pagination::PageProgress {
                    next_cursor: #next_cursor,
                    has_more: #has_more,
                    total: #total,
                }
            }
        }
    }
}

/// The fields a request paging field is reached through: the query parameter, or the path
/// from the body.
fn request_steps<'v>(
    vendor: &'v Vendor,
    endpoint: &'v Endpoint,
    field: &RequestField,
) -> Vec<&'v Field> {
    match field.location {
        ParamLocation::Query => {
            let wire = field.path.first().expect("a query field has a name");
            let param = endpoint
                .query
                .iter()
                .find(|param| &param.wire == wire)
                .expect("internal error: the checker resolved this query parameter");
            vec![param]
        }
        ParamLocation::Body => {
            let body = endpoint
                .body
                .as_ref()
                .expect("internal error: a body paging field without a body");
            path(vendor, body, &field.path)
        }
    }
}

/// Where reads (a reference) and writes (a place) of a request field start.
fn roots(field: &RequestField) -> (TokenStream, TokenStream) {
    match field.location {
        ParamLocation::Query => (quote! { self }, quote! { self }),
        ParamLocation::Body => (quote! { &self.body }, quote! { self.body }),
    }
}

/// `fn idempotency_key_mut` for an endpoint whose body holds an idempotency key.
pub(super) fn idempotency_key_fn(vendor: &Vendor, endpoint: &Endpoint) -> TokenStream {
    let Some(key) = &endpoint.idempotency_key else {
        return quote! {};
    };
    let body = endpoint
        .body
        .as_ref()
        .expect("internal error: an idempotency key without a body");
    let steps = path(vendor, body, &key.path);
    let names = steps.iter().map(|step| ident(&step.ident));
    quote! {
        fn idempotency_key_mut(&mut self) -> ::core::option::Option<&mut ::core::option::Option<::std::string::String>> {
            ::core::option::Option::Some(&mut self.body #(.#names)*)
        }
    }
}
