//! What a caller needs to build an HTTP request itself, in the spirit of ruma's metadata: the
//! generated crate names no HTTP client.

use crate::response::ApiError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;

/// HTTP method of an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as written in an HTTP request line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Media type of a request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContentType {
    /// `application/json` (the vendors send UTF-8).
    Json,
}

impl ContentType {
    /// The `Content-Type` header value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Json => "application/json; charset=utf-8",
        }
    }
}

/// A query or header parameter as the vendor names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamMeta {
    /// Name on the wire, exactly as documented.
    pub wire_name: &'static str,
    /// Whether the vendor requires it.
    pub required: bool,
    /// Whether its value is a credential that must not be logged.
    pub secret: bool,
}

/// Static description of one endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metadata {
    /// Vendor module the endpoint belongs to.
    pub vendor: &'static str,
    /// Endpoint name in the spec.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template relative to the vendor's host, with `{name}` for path parameters.
    pub path: &'static str,
    /// Body media type, `None` when the request has no body.
    pub content_type: Option<ContentType>,
    /// Query parameters.
    pub query: &'static [ParamMeta],
    /// Header parameters.
    pub headers: &'static [ParamMeta],
    /// The vendor page this endpoint was transcribed from, where it has a public address.
    pub doc_url: Option<&'static str>,
    /// Requests the vendor allows, where the page states a limit.
    pub rate_limit: Option<RateLimit>,
    /// Permission scopes as the page lists them; any one of them allows the call. Empty when
    /// the page lists none.
    pub scopes: &'static [&'static str],
    /// How results are paged, where the endpoint pages.
    pub pagination: Option<Pagination>,
    /// The body field holding an idempotency key, where the endpoint takes one: a write with a
    /// key may be sent again after a failure without acting twice.
    pub idempotency_key: Option<RequestField>,
}

/// Requests a vendor allows per window, as its page states them (a client may throttle by it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// Requests per minute.
    pub per_minute: Option<u32>,
    /// Requests per second.
    pub per_second: Option<u32>,
}

/// Where a request field of a paged endpoint goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldLocation {
    /// A query parameter (its path has one name).
    Query,
    /// A field of the JSON body, by its path of wire names from the body's root.
    Body,
}

/// A request field of a paged endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RequestField {
    /// Query parameter or body field.
    pub location: FieldLocation,
    /// Wire names from the query (one name) or the body root down to the field.
    pub path: &'static [&'static str],
}

/// How an endpoint pages: which request fields to set for the next page and which payload
/// fields (paths of wire names from the payload's root, the envelope removed) tell how.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pagination {
    /// Each response names the next page's cursor; send it back in `cursor`.
    Cursor {
        /// Request field that takes the previous page's cursor (absent on the first call).
        cursor: RequestField,
        /// Request field that takes the page size.
        page_size: Option<RequestField>,
        /// Payload field holding the next page's cursor.
        next_cursor: &'static [&'static str],
        /// Payload flag saying whether there is a further page.
        has_more: Option<&'static [&'static str]>,
        /// Payload field holding the number of items in all.
        total: Option<&'static [&'static str]>,
    },
    /// The caller numbers the pages.
    PageNumber {
        /// Request field that takes the page number.
        page: RequestField,
        /// Request field that takes the page size.
        page_size: Option<RequestField>,
        /// Payload flag saying whether there is a further page.
        has_more: Option<&'static [&'static str]>,
        /// Payload field holding the number of items in all.
        total: Option<&'static [&'static str]>,
    },
}

/// A parameter value ready for the wire; `Debug` hides it when it is secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Param {
    /// Name on the wire.
    pub name: &'static str,
    /// Value as text.
    pub value: String,
    /// Whether the value is a credential.
    pub secret: bool,
}

impl fmt::Debug for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value: &dyn fmt::Debug = if self.secret {
            &"[redacted]"
        } else {
            &self.value
        };
        f.debug_struct("Param")
            .field("name", &self.name)
            .field("value", value)
            .finish()
    }
}

/// What every request of a vendor carries besides its own parameters: credentials and tenant
/// headers, the vendor spec's `common:` parameters. Generated per vendor (`Context` in each
/// vendor module) and passed when a request is turned into HTTP, so a `Request` holds only what
/// is particular to the call.
pub trait Context {
    /// Header parameters every request carries, in documented order.
    fn headers(&self) -> Vec<Param>;
    /// Query parameters every request carries, in documented order.
    fn query(&self) -> Vec<Param>;
}

/// The context of a vendor whose requests carry nothing in common.
impl Context for () {
    fn headers(&self) -> Vec<Param> {
        Vec::new()
    }

    fn query(&self) -> Vec<Param> {
        Vec::new()
    }
}

/// Implemented by every generated `Request`.
pub trait Endpoint {
    /// The endpoint's static description.
    const METADATA: Metadata;
    /// What every request of this vendor carries (credentials, tenant headers).
    type Context: Context;
    /// JSON body type (`()` when there is none).
    type Body: Serialize;
    /// Payload of a successful response, with the envelope removed.
    type Response: DeserializeOwned;
    /// The vendor's error, decoded from its envelope.
    type Error: fmt::Debug;

    /// Path with path parameters filled in and percent-encoded.
    fn path(&self) -> String;
    /// This request's own query parameters that are set, in documented order (the context's
    /// come first on the wire).
    fn query(&self) -> Vec<Param>;
    /// This request's own header parameters that are set, in documented order (the context's
    /// come first on the wire).
    fn headers(&self) -> Vec<Param>;
    /// The body to serialize as JSON, if the endpoint has one.
    fn body(&self) -> Option<&Self::Body>;
    /// Decodes an HTTP response: the payload on success, the vendor's typed error otherwise.
    fn decode_response(status: u16, body: &[u8]) -> Result<Self::Response, ApiError<Self::Error>>;

    /// The request's idempotency key ([`Metadata::idempotency_key`]), so that a client can set
    /// one before the first attempt and keep it for every retry. `None` where the endpoint
    /// takes no key.
    fn idempotency_key_mut(&mut self) -> Option<&mut Option<String>> {
        None
    }
}

/// Visits every endpoint of a vendor by its `Request` type (each vendor module's generated
/// `visit_endpoints`), so generic code such as a mock vendor reaches every endpoint's body and
/// response types without a hand-kept list that could fall behind the specs.
pub trait EndpointVisitor {
    /// Called once per endpoint, in spec order.
    fn visit<E>(&mut self)
    where
        E: Endpoint + 'static,
        E::Body: DeserializeOwned + crate::Validate + 'static;
}

/// Percent-encodes one path segment (RFC 3986 unreserved characters pass through).
pub fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_cannot_add_segments() {
        assert_eq!(encode_path_segment("a/b c"), "a%2Fb%20c");
        assert_eq!(encode_path_segment("审批"), "%E5%AE%A1%E6%89%B9");
    }

    #[test]
    fn secret_params_are_redacted_in_debug() {
        let param = Param {
            name: "ACCESS-TOKEN",
            value: "tok-1".into(),
            secret: true,
        };
        assert!(!format!("{param:?}").contains("tok-1"));
    }
}
