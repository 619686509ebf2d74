//! Per vendor: the error-code table as an open enum, the envelope as a document type, the
//! vendor error, and `decode`, which turns a response body into `Result<payload, error>` so
//! callers branch on a typed code, never on message text.

use super::docs;
use super::enums::{OpenEnum, OpenValue, open_enum};
use super::names::ident;
use super::ty::{field_type, serde_attr};
use crate::ir::{Vendor, WireValue};
use proc_macro2::TokenStream;
use quote::quote;

/// The `errors` module of a vendor.
pub fn errors_module(vendor: &Vendor) -> TokenStream {
    let title = format!(
        " Errors and the response envelope of {}.",
        docs::escape(&vendor.title)
    );
    let codes = error_code_enum(vendor);
    let envelope = envelope_struct(vendor);
    let vendor_error = vendor_error(vendor);
    let decode = decode_fn(vendor);
    quote! {
        #![doc = #title]
        use ::approval_api_runtime as rt;
        #codes
        #envelope
        #vendor_error
        #decode
    }
}

fn error_code_enum(vendor: &Vendor) -> TokenStream {
    let wires: Vec<WireValue> = vendor
        .errors
        .iter()
        .map(|e| WireValue::Int(e.code))
        .collect();
    let values = vendor
        .errors
        .iter()
        .zip(&wires)
        .map(|(e, wire)| {
            let message = e
                .message
                .as_ref()
                .map(|m| format!(" “{}”", docs::escape(m)))
                .unwrap_or_default();
            let mut paragraphs = vec![format!(
                "`{}`{message}: {}",
                e.code,
                docs::escape(&e.docs.text)
            )];
            if let Some(status) = e.http_status {
                paragraphs.push(format!("Sent with HTTP status {status}."));
            }
            if let Some(source) = &e.docs.source {
                paragraphs.push(docs::source_line(source));
            }
            OpenValue {
                variant: ident(&e.variant),
                wire,
                label: e.message.as_deref(),
                doc: docs::lines(&paragraphs),
            }
        })
        .collect();
    let variants: Vec<_> = vendor.errors.iter().map(|e| ident(&e.variant)).collect();
    let codes: Vec<i64> = vendor.errors.iter().map(|e| e.code).collect();
    let descriptions: Vec<&str> = vendor.errors.iter().map(|e| e.docs.text.as_str()).collect();
    let statuses = vendor.errors.iter().map(|e| match e.http_status {
        Some(status) => quote! { ::core::option::Option::Some(#status) },
        None => quote! { ::core::option::Option::None },
    });
    let doc = docs::lines(&[
        format!(
            "The error codes {} documents; any other code is kept in `Unknown`.",
            docs::escape(&vendor.title)
        ),
        "Branch on these, not on message text: the vendors say their messages may change."
            .to_owned(),
    ]);
    let extra = quote! {
        /// The numeric code (an unknown code is always an integer: it was decoded from one).
        #[must_use]
        pub fn code(&self) -> i64 {
            match self {
                #(Self::#variants => #codes,)*
                Self::Unknown(value) => value.as_i64().unwrap_or_default(),
            }
        }

        /// The message the vendor documents for this code.
        #[must_use]
        pub fn message(&self) -> ::core::option::Option<&'static str> {
            self.label()
        }

        /// What the code means and what to do about it.
        #[must_use]
        pub fn description(&self) -> ::core::option::Option<&'static str> {
            match self {
                #(Self::#variants => ::core::option::Option::Some(#descriptions),)*
                Self::Unknown(_) => ::core::option::Option::None,
            }
        }

        /// The HTTP status the vendor documents with this code.
        #[must_use]
        pub fn http_status(&self) -> ::core::option::Option<u16> {
            match self {
                #(Self::#variants => #statuses,)*
                Self::Unknown(_) => ::core::option::Option::None,
            }
        }
    };
    open_enum(&OpenEnum {
        name: super::names::fresh("ErrorCode"),
        doc,
        integer: true,
        values,
        extra,
    })
}

fn envelope_struct(vendor: &Vendor) -> TokenStream {
    let envelope = &vendor.envelope;
    let here = quote! { super::types:: };
    let (code_wire, message_wire) = (&envelope.code, &envelope.message);
    let alternate = envelope.alternate.is_some();
    let optional = quote! { default, skip_serializing_if = "::core::option::Option::is_none" };
    let (code_ty, message_ty, status_attr) = if alternate {
        (
            quote! { ::core::option::Option<i64> },
            quote! { ::core::option::Option<::std::string::String> },
            optional.clone(),
        )
    } else {
        (quote! { i64 }, quote! { ::std::string::String }, quote! {})
    };
    let code_doc = format!(
        " Status code (`{code_wire}`); `{}` means success.",
        envelope.success
    );
    let message_doc = format!(" Status message (`{message_wire}`); for people, not for branching.");
    let extras = envelope.fields.iter().map(|field| {
        let name = ident(&field.ident);
        let ty = field_type(field, &here);
        let serde = serde_attr(field);
        let doc = docs::docs(&field.docs);
        quote! { #doc #serde pub #name: #ty }
    });
    let alternates = envelope.alternate.as_ref().map(|alternate| {
        let (code, message) = (&alternate.code, &alternate.message);
        let code_doc = format!(" Error code of the other error shape (`{code}`).");
        let message_doc = format!(" Error message of the other error shape (`{message}`).");
        quote! {
            #[doc = #code_doc]
            #[serde(rename = #code, #optional)]
            pub alternate_code: ::core::option::Option<i64>,
            #[doc = #message_doc]
            #[serde(rename = #message, #optional)]
            pub alternate_message: ::core::option::Option<::std::string::String>,
        }
    });
    let payload = match &envelope.payload {
        Some(wire) => {
            let doc = format!(" The payload (`{wire}`), present on success.");
            quote! {
                #[doc = #doc]
                #[serde(rename = #wire, #optional)]
                pub payload: ::core::option::Option<T>,
            }
        }
        None => quote! {
            /// The payload, whose fields sit beside the status fields.
            #[serde(flatten)]
            pub payload: T,
        },
    };
    let doc = docs::docs(&envelope.docs);
    let extras: Vec<TokenStream> = extras.collect();
    let status_fields = quote! {
        #[doc = #code_doc]
        #[serde(rename = #code_wire, #status_attr)]
        pub code: #code_ty,
        #[doc = #message_doc]
        #[serde(rename = #message_wire, #status_attr)]
        pub message: #message_ty,
        #(#extras,)*
        #alternates
    };
    // An inline payload shares its object with the status fields, so `Envelope<T>` flattens it,
    // and serde buffers a flattened body; decoding reads the status fields alone instead.
    let head = envelope.payload.is_none().then(|| {
        quote! {
            /// The status fields alone (decoding reads them without the payload beside them).
            #[derive(::serde::Deserialize)]
            struct Head {
                #status_fields
            }
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(bound(deserialize = "T: ::serde::Deserialize<'de>"))]
        pub struct Envelope<T = rt::NoPayload> {
            #status_fields
            #payload
        }

        #head
    }
}

fn vendor_error(vendor: &Vendor) -> TokenStream {
    let here = quote! { super::types:: };
    let extras: Vec<_> = vendor
        .envelope
        .fields
        .iter()
        .map(|field| {
            let name = ident(&field.ident);
            let ty = field_type(field, &here);
            let doc = docs::docs(&field.docs);
            quote! { #doc pub #name: #ty }
        })
        .collect();
    let doc = format!(
        " An error reported by {} in its response envelope.",
        docs::escape(&vendor.title)
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub struct VendorError {
            /// HTTP status of the response.
            pub http_status: u16,
            /// The error code.
            pub code: ErrorCode,
            /// The vendor's message, for logs.
            pub message: ::std::string::String,
            #(#extras,)*
        }

        impl rt::VendorErrorInfo for VendorError {
            fn code(&self) -> i64 { self.code.code() }
            fn message(&self) -> &str { &self.message }
        }

        impl ::std::fmt::Display for VendorError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::core::write!(f, "error {} (HTTP {}): {}", self.code, self.http_status, self.message)
            }
        }

        impl ::std::error::Error for VendorError {}
    }
}

fn decode_fn(vendor: &Vendor) -> TokenStream {
    let envelope = &vendor.envelope;
    let success = envelope.success;
    let extra_names: Vec<_> = envelope.fields.iter().map(|f| ident(&f.ident)).collect();
    let vendor_error = quote! {
        VendorError { http_status, code: ErrorCode::from_wire(code), message, #(#extra_names: head.#extra_names,)* }
    };
    let unexpected = |reason: TokenStream| {
        quote! { rt::ApiError::unexpected(http_status, body, #reason) }
    };
    let no_code = unexpected(quote! { "the envelope carries no status code" });
    let outcome = if envelope.alternate.is_some() {
        quote! {
            let (code, message) = match (head.alternate_code, head.code) {
                (::core::option::Option::Some(code), _) => (code, head.alternate_message.unwrap_or_default()),
                (::core::option::Option::None, ::core::option::Option::Some(code)) => (code, head.message.unwrap_or_default()),
                (::core::option::Option::None, ::core::option::Option::None) => return ::core::result::Result::Err(#no_code),
            };
        }
    } else {
        quote! { let (code, message) = (head.code, head.message); }
    };
    let bad_status = unexpected(
        quote! { ::std::format!("HTTP {http_status} with the success code {SUCCESS} in the body") },
    );
    let not_envelope = unexpected(quote! { ::std::format!("not this vendor's envelope: {error}") });
    // Wrapped payloads decode with their envelope in one parse; the head alone is read only
    // when that fails (an error body's payload need not fit `T`). Inline payloads share the
    // object with the status fields: `rt::de::read_inline` reads both in one pass.
    let mut status_wires = vec![envelope.code.as_str(), envelope.message.as_str()];
    status_wires.extend(envelope.fields.iter().map(|f| f.wire.as_str()));
    if let Some(alternate) = &envelope.alternate {
        status_wires.extend([alternate.code.as_str(), alternate.message.as_str()]);
    }
    let body_fn = if let Some(payload_wire) = &envelope.payload {
        quote! {
            match rt::serde_json::from_str::<Envelope<T>>(text) {
                ::core::result::Result::Ok(head) => {
                    #outcome
                    if code != SUCCESS {
                        return ::core::result::Result::Err(rt::ApiError::Vendor(#vendor_error));
                    }
                    if !rt::response::is_success_status(http_status) {
                        return ::core::result::Result::Err(#bad_status);
                    }
                    match head.payload {
                        ::core::option::Option::Some(payload) => ::core::result::Result::Ok(payload),
                        ::core::option::Option::None => <T as ::serde::Deserialize>::deserialize(rt::serde_json::Value::Null)
                            .map_err(|error| rt::ApiError::Decode(rt::DecodeError::at(#payload_wire, error))),
                    }
                }
                ::core::result::Result::Err(_) => {
                    let head = match rt::serde_json::from_str::<Envelope<::serde::de::IgnoredAny>>(text) {
                        ::core::result::Result::Ok(head) => head,
                        ::core::result::Result::Err(error) => return ::core::result::Result::Err(#not_envelope),
                    };
                    #outcome
                    if code != SUCCESS {
                        return ::core::result::Result::Err(rt::ApiError::Vendor(#vendor_error));
                    }
                    ::core::result::Result::Err(rt::ApiError::Decode(rt::DecodeError::locate::<Envelope<T>>(body)))
                }
            }
        }
    } else {
        quote! {
            // The status fields are the envelope's, not unknown fields of the payload.
            const STATUS_FIELDS: &[&str] = &[#(#status_wires),*];
            let (payload, head) = rt::de::read_inline::<T, Head>(text, STATUS_FIELDS);
            let head = match head {
                ::core::result::Result::Ok(head) => head,
                ::core::result::Result::Err(error) => return ::core::result::Result::Err(#not_envelope),
            };
            #outcome
            if code != SUCCESS {
                return ::core::result::Result::Err(rt::ApiError::Vendor(#vendor_error));
            }
            if !rt::response::is_success_status(http_status) {
                return ::core::result::Result::Err(#bad_status);
            }
            payload.map_err(|_| rt::ApiError::Decode(rt::DecodeError::locate::<T>(body)))
        }
    };
    quote! {
        /// The code that means success.
        pub const SUCCESS: i64 = #success;

        /// Decodes a response into the payload `T` on success, or the vendor's typed error.
        ///
        /// # Errors
        /// [`rt::ApiError::Vendor`] when the envelope carries an error code,
        /// [`rt::ApiError::Decode`] (with the JSON path of the failing value) when a success
        /// payload does not match `T`, and [`rt::ApiError::UnexpectedResponse`] (with the
        /// reason) when the body is not this vendor's envelope or a success envelope comes with
        /// a non-2xx HTTP status.
        pub fn decode<T: ::serde::de::DeserializeOwned>(http_status: u16, body: &[u8]) -> ::core::result::Result<T, rt::ApiError<VendorError>> {
            let text = rt::response::body_text(http_status, body)?;
            #body_fn
        }
    }
}
