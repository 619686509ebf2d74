//! A vendor's `events` module: one `Event` enum with a variant per documented event type
//! (holding its typed payload), `Unknown` for event types the spec does not list and `Unfit`
//! for a listed type whose JSON does not fit its payload type; both keep the JSON as received.
//! Behind the generated crate's `webhook` feature it is the intake's `EventPayload`.

use super::docs;
use super::names::ident;
use crate::ir::{EnvelopeVersion, Event, Vendor};
use proc_macro2::TokenStream;
use quote::quote;
use std::fmt::Write as _;

/// `src/<vendor>/events.rs`.
pub fn events_module(vendor: &Vendor) -> TokenStream {
    let mut listing = "Event types:".to_owned();
    for event in &vendor.events {
        let _ = write!(
            listing,
            "\n- `{}` ({}): [`Event::{}`]",
            docs::escape(&event.name),
            envelope_text(event.envelope),
            event.variant.name
        );
    }
    let module_doc = docs::inner_lines(&[
        format!(
            "Events {} pushes to the app, decoded by event type into [`Event`].",
            docs::escape(&vendor.title)
        ),
        listing,
    ]);
    let variants: Vec<_> = vendor.events.iter().map(|e| ident(&e.variant)).collect();
    let payloads = vendor.events.iter().map(|e| ident(&e.payload));
    let names: Vec<&str> = vendor.events.iter().map(|e| e.name.as_str()).collect();
    let variant_docs = vendor.events.iter().map(variant_doc);
    let envelopes: Vec<TokenStream> = vendor
        .events
        .iter()
        .map(|e| envelope_tokens(e.envelope))
        .collect();
    quote! {
        #module_doc
        #![allow(clippy::doc_markdown)]

        use ::approval_api_runtime as rt;
        use super::types;

        /// An event's `event` object, by event type (v1 `event.type`, v2 `header.event_type`).
        ///
        /// An event type the spec does not list is [`Event::Unknown`], never an error. A listed
        /// type whose JSON does not fit its payload type is [`Event::Unfit`] from
        /// [`Event::from_raw`] (and so from the webhook intake): the delivery was authenticated,
        /// and answering it with an error would make the vendor re-send the same body for hours
        /// and hold back the events ordered after it. [`Event::parse`] is the strict form that
        /// returns the typed error instead. Both keep the JSON byte for byte, and every variant
        /// serializes back to the `event` object.
        #[derive(Debug)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant, reason = "an event is decoded and handled one at a time")]
        pub enum Event {
            #(
                #variant_docs
                #variants(types::#payloads),
            )*
            /// An event type this spec does not list, with its JSON as received.
            Unknown(rt::UnknownEvent),
            /// A listed event type whose JSON does not fit its payload type: the JSON as received
            /// and the typed error saying where (`error().path()`).
            Unfit(rt::UnfitEvent),
        }

        impl Event {
            /// The event types this enum decodes, with the envelope each page documents.
            pub const DOCUMENTED: &'static [rt::event::EventInfo] = &[
                #(rt::event::EventInfo { event_type: #names, envelope: #envelopes },)*
            ];

            /// The event type.
            #[must_use]
            pub fn event_type(&self) -> &str {
                match self {
                    #(Self::#variants(_) => #names,)*
                    Self::Unknown(event) => event.event_type(),
                    Self::Unfit(event) => event.event_type(),
                }
            }

            /// The envelope the event's page documents; `None` for `Unknown` and `Unfit`.
            #[must_use]
            pub fn documented_envelope(&self) -> ::core::option::Option<rt::event::EnvelopeVersion> {
                match self {
                    #(Self::#variants(_) => ::core::option::Option::Some(#envelopes),)*
                    Self::Unknown(_) | Self::Unfit(_) => ::core::option::Option::None,
                }
            }

            /// Decodes the `event` object `json` of an event of type `event_type`. An unlisted
            /// type is `Unknown`; a listed one whose JSON does not fit is an error with the path
            /// where it did not (never `Unfit`).
            ///
            /// # Errors
            ///
            /// The JSON does not fit the listed type's payload, or is not JSON.
            pub fn parse(event_type: &str, json: &str) -> ::core::result::Result<Self, rt::EventDecodeError> {
                match event_type {
                    #(#names => rt::event::decode(event_type, json).map(Self::#variants),)*
                    _ => rt::event::keep(event_type, json)
                        .map(|json| Self::Unknown(rt::UnknownEvent::new(event_type, json))),
                }
            }

            /// Decodes the `event` object `json`, never failing: a listed type whose JSON does
            /// not fit its payload type is `Unfit`, keeping the JSON and the error.
            #[must_use]
            pub fn from_raw(event_type: &str, json: &rt::serde_json::value::RawValue) -> Self {
                match Self::parse(event_type, json.get()) {
                    ::core::result::Result::Ok(event) => event,
                    ::core::result::Result::Err(error) => {
                        Self::Unfit(rt::UnfitEvent::new(json.to_owned(), error))
                    }
                }
            }
        }

        impl ::serde::Serialize for Event {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(payload) => ::serde::Serialize::serialize(payload, serializer),)*
                    Self::Unknown(event) => ::serde::Serialize::serialize(event, serializer),
                    Self::Unfit(event) => ::serde::Serialize::serialize(event, serializer),
                }
            }
        }

        /// The webhook intake decodes into [`Event`] (`Intake::receive::<Event>`); see
        /// [`Event::from_raw`] for why decoding never fails.
        #[cfg(feature = "webhook")]
        impl rt::webhook::EventPayload for Event {
            type Error = ::core::convert::Infallible;

            fn decode(event_type: &str, event: &rt::serde_json::value::RawValue) -> ::core::result::Result<Self, Self::Error> {
                ::core::result::Result::Ok(Self::from_raw(event_type, event))
            }
        }
    }
}

fn variant_doc(event: &Event) -> TokenStream {
    let mut paragraphs = vec![format!(
        "`{}` ({}): {}",
        docs::escape(&event.name),
        envelope_text(event.envelope),
        docs::escape(&event.docs.text)
    )];
    paragraphs.extend(docs::paragraphs(&event.docs).into_iter().skip(1));
    docs::lines(&paragraphs)
}

fn envelope_text(envelope: EnvelopeVersion) -> &'static str {
    match envelope {
        EnvelopeVersion::V1 => "envelope v1",
        EnvelopeVersion::V2 => "envelope v2",
    }
}

fn envelope_tokens(envelope: EnvelopeVersion) -> TokenStream {
    match envelope {
        EnvelopeVersion::V1 => quote! { rt::event::EnvelopeVersion::V1 },
        EnvelopeVersion::V2 => quote! { rt::event::EnvelopeVersion::V2 },
    }
}
