//! Glue to the [`http`] crate (cargo feature `http`): a generated request becomes an
//! [`http::Request<Vec<u8>>`] for any client, and an
//! [`http::Response`] becomes the endpoint's payload or typed error.
//!
//! Each generated `Request` gets both as methods through [`HttpRequestExt`]:
//! `request.to_http_request(base_url, &context)?` and
//! `Request::from_http_response(&response)`; the README shows a whole call.

use crate::endpoint::{ContentType, Context, Endpoint, Method, Param};
use crate::response::ApiError;
use ::http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::error::Error;
use std::fmt;

/// The bytes percent-encoded in a query parameter's name and value: everything except the RFC 3986
/// unreserved characters (`A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_`, `~`), the same rule as
/// [`encode_path_segment`](crate::endpoint::encode_path_segment).
///
/// So `&`, `=`, `+`, `#`, `%`, `/`, `?` and space (as `%20`, never `+`, which some servers read as a
/// literal plus) cannot change the query's structure, and non-ASCII text is sent as its UTF-8
/// bytes, each `%XX`. Sub-delimiters that RFC 3986 would allow unencoded are encoded anyway:
/// servers differ in how they read them, and an encoded byte means the same to all of them.
pub const QUERY_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Why a request could not be turned into an [`http::Request`].
///
/// Neither `Debug` nor `Display` ever shows a parameter's value, secret or not: header values
/// are named by their header only.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL still has a `${…}` placeholder: a templated host, whose vendor module has a
    /// `base_url(..)` function that fills it in.
    UnfilledBaseUrl {
        /// The placeholder as written, e.g. `${cloud_domain}`.
        placeholder: String,
    },
    /// The base URL is not an absolute `scheme://host[/prefix]` URL.
    InvalidBaseUrl {
        /// The base URL given (a configuration value, not a credential).
        base_url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Base URL, path and query together do not form a valid URI.
    InvalidUri {
        /// What the `http` crate reported (it does not quote the URI).
        reason: String,
    },
    /// A query parameter is a credential. The `http` crate prints the whole URI in
    /// `http::Request`'s `Debug`, so a secret there could not be kept out of logs; it is refused
    /// instead of leaked.
    SecretInQuery {
        /// The parameter's wire name.
        name: &'static str,
    },
    /// A header name is not a valid HTTP header name.
    InvalidHeaderName {
        /// The name as given.
        name: &'static str,
    },
    /// A header value contains a byte HTTP forbids there (CR, LF, NUL, another control byte
    /// except tab, or DEL).
    InvalidHeaderValue {
        /// The header's name; the value is never shown.
        name: &'static str,
        /// Whether the value is a credential.
        secret: bool,
    },
    /// The body could not be serialized as JSON.
    Body(serde_json::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnfilledBaseUrl { placeholder } => write!(
                f,
                "the base URL still contains `{placeholder}`: build it with the vendor's \
                 `base_url(..)` instead of passing the `BASE_URL` template"
            ),
            Self::InvalidBaseUrl { base_url, reason } => {
                write!(f, "invalid base URL `{base_url}`: {reason}")
            }
            Self::InvalidUri { reason } => write!(f, "the request URI is invalid: {reason}"),
            Self::SecretInQuery { name } => write!(
                f,
                "query parameter `{name}` is a secret and would be visible in the URI \
                 (`http::Request`'s Debug prints it); refusing to build the request"
            ),
            Self::InvalidHeaderName { name } => write!(f, "invalid HTTP header name `{name}`"),
            Self::InvalidHeaderValue { name, secret } => write!(
                f,
                "the value of header `{name}`{} contains a byte not allowed in HTTP headers \
                 (CR, LF, NUL or another control character)",
                if *secret { " (secret, not shown)" } else { "" }
            ),
            Self::Body(error) => write!(f, "the body cannot be serialized as JSON: {error}"),
        }
    }
}

impl Error for BuildError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Body(error) => Some(error),
            _ => None,
        }
    }
}

/// Builds the HTTP request for `request`, sent to `base_url` with the vendor's `context`.
///
/// - **URL**: `base_url` (a trailing `/` is dropped; a path prefix is kept) + the request's
///   already-encoded path + `?` and the query, the context's parameters first, then the
///   request's, in documented order, each name and value encoded with [`QUERY_COMPONENT`]. No
///   `?` when there are no query parameters.
/// - **Headers**: the context's, then the request's; secret ones are marked sensitive (their
///   `Debug` shows `Sensitive`, and HTTP/2 clients keep them out of header compression tables).
///   With a body, `Content-Type` from the endpoint's metadata, unless a parameter already set it.
/// - **Body**: the JSON encoding of [`Endpoint::body`], or empty.
///
/// # Errors
///
/// A [`BuildError`] for a base URL with `${…}` left in it or not absolute, a secret query
/// parameter, a header name or value HTTP does not allow, or a body that cannot be serialized.
pub fn to_http_request<E: Endpoint>(
    request: &E,
    base_url: &str,
    context: &E::Context,
) -> Result<::http::Request<Vec<u8>>, BuildError> {
    let base = checked_base_url(base_url)?;

    let mut uri = String::from(base);
    let path = request.path();
    if !path.starts_with('/') {
        uri.push('/');
    }
    uri.push_str(&path);
    let query = query_string(&context.query(), &request.query())?;
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(&query);
    }
    let uri = ::http::Uri::try_from(uri).map_err(|error| BuildError::InvalidUri {
        reason: error.to_string(),
    })?;

    let body = match request.body() {
        Some(body) => Some(serde_json::to_vec(body).map_err(BuildError::Body)?),
        None => None,
    };

    let mut http_request = ::http::Request::new(Vec::new());
    *http_request.method_mut() = http_method(E::METADATA.method);
    *http_request.uri_mut() = uri;
    let headers = http_request.headers_mut();
    for param in context.headers().iter().chain(request.headers().iter()) {
        let (name, value) = header(param)?;
        headers.append(name, value);
    }
    if let Some(body) = body {
        if !headers.contains_key(CONTENT_TYPE) {
            // The body is JSON whatever the metadata says; every `ContentType` is a JSON one.
            let content_type = E::METADATA.content_type.unwrap_or(ContentType::Json);
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static(content_type.as_str()),
            );
        }
        *http_request.body_mut() = body;
    }
    Ok(http_request)
}

/// Decodes an HTTP response to `E`: its status and body go to [`Endpoint::decode_response`].
///
/// # Errors
///
/// The vendor's typed error, or why the response could not be decoded.
pub fn from_http_response<E: Endpoint, B: AsRef<[u8]>>(
    response: &::http::Response<B>,
) -> Result<E::Response, ApiError<E::Error>> {
    E::decode_response(response.status().as_u16(), response.body().as_ref())
}

/// [`to_http_request`] and [`from_http_response`] as methods of every endpoint's `Request`:
/// `request.to_http_request(base_url, &context)?`.
pub trait HttpRequestExt: Endpoint {
    /// See [`to_http_request`].
    ///
    /// # Errors
    ///
    /// See [`to_http_request`].
    fn to_http_request(
        &self,
        base_url: &str,
        context: &Self::Context,
    ) -> Result<::http::Request<Vec<u8>>, BuildError>;

    /// See [`from_http_response`].
    ///
    /// # Errors
    ///
    /// See [`from_http_response`].
    fn from_http_response<B: AsRef<[u8]>>(
        response: &::http::Response<B>,
    ) -> Result<Self::Response, ApiError<Self::Error>>;
}

impl<E: Endpoint> HttpRequestExt for E {
    fn to_http_request(
        &self,
        base_url: &str,
        context: &E::Context,
    ) -> Result<::http::Request<Vec<u8>>, BuildError> {
        to_http_request(self, base_url, context)
    }

    fn from_http_response<B: AsRef<[u8]>>(
        response: &::http::Response<B>,
    ) -> Result<E::Response, ApiError<E::Error>> {
        from_http_response::<E, B>(response)
    }
}

/// The base URL without its trailing `/`, once it is known to be absolute and filled in.
fn checked_base_url(base_url: &str) -> Result<&str, BuildError> {
    if let Some(start) = base_url.find("${") {
        let rest = &base_url[start..];
        let placeholder = rest.find('}').map_or(rest, |end| &rest[..=end]);
        return Err(BuildError::UnfilledBaseUrl {
            placeholder: placeholder.to_owned(),
        });
    }
    let invalid = |reason: &str| BuildError::InvalidBaseUrl {
        base_url: base_url.to_owned(),
        reason: reason.to_owned(),
    };
    if base_url.contains(['?', '#']) {
        return Err(invalid(
            "it has a query or fragment; the request's path is appended to it",
        ));
    }
    let uri = ::http::Uri::try_from(base_url).map_err(|error| invalid(&error.to_string()))?;
    if uri.scheme().is_none() || uri.authority().is_none() {
        return Err(invalid(
            "it needs a scheme and a host, like `https://open.feishu.cn`",
        ));
    }
    Ok(base_url.trim_end_matches('/'))
}

/// `name=value&…`, the context's parameters first.
fn query_string(context: &[Param], own: &[Param]) -> Result<String, BuildError> {
    let mut query = String::new();
    for param in context.iter().chain(own) {
        if param.secret {
            return Err(BuildError::SecretInQuery { name: param.name });
        }
        if !query.is_empty() {
            query.push('&');
        }
        query.extend(utf8_percent_encode(param.name, QUERY_COMPONENT));
        query.push('=');
        query.extend(utf8_percent_encode(&param.value, QUERY_COMPONENT));
    }
    Ok(query)
}

fn header(param: &Param) -> Result<(HeaderName, HeaderValue), BuildError> {
    let name = HeaderName::from_bytes(param.name.as_bytes())
        .map_err(|_| BuildError::InvalidHeaderName { name: param.name })?;
    let mut value =
        HeaderValue::from_str(&param.value).map_err(|_| BuildError::InvalidHeaderValue {
            name: param.name,
            secret: param.secret,
        })?;
    value.set_sensitive(param.secret);
    Ok((name, value))
}

fn http_method(method: Method) -> ::http::Method {
    match method {
        Method::Get => ::http::Method::GET,
        Method::Post => ::http::Method::POST,
        Method::Put => ::http::Method::PUT,
        Method::Patch => ::http::Method::PATCH,
        Method::Delete => ::http::Method::DELETE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::{Metadata, ParamMeta};
    use crate::response::NoPayload;

    /// A vendor context with a secret in the query, which no spec has yet.
    struct QueryTokenContext;

    impl Context for QueryTokenContext {
        fn headers(&self) -> Vec<Param> {
            Vec::new()
        }

        fn query(&self) -> Vec<Param> {
            vec![Param {
                name: "access_token",
                value: "tok-in-query".into(),
                secret: true,
            }]
        }
    }

    /// An endpoint with a templated path, one query parameter, one header and a body.
    struct Probe {
        header_value: String,
    }

    impl Endpoint for Probe {
        const METADATA: Metadata = Metadata {
            vendor: "probe",
            name: "probe",
            method: Method::Put,
            path: "/v1/items/{id}",
            content_type: Some(ContentType::Json),
            query: &[ParamMeta {
                wire_name: "q",
                required: true,
                secret: false,
            }],
            headers: &[ParamMeta {
                wire_name: "X-Token",
                required: true,
                secret: true,
            }],
            doc_url: None,
            rate_limit: None,
            scopes: &[],
            pagination: None,
            idempotency_key: None,
        };
        type Context = ();
        type Body = serde_json::Value;
        type Response = NoPayload;
        type Error = String;

        fn path(&self) -> String {
            "/v1/items/a%2Fb".into()
        }

        fn query(&self) -> Vec<Param> {
            vec![Param {
                name: "q",
                value: "a b&c=d+e#f%/?~".into(),
                secret: false,
            }]
        }

        fn headers(&self) -> Vec<Param> {
            vec![Param {
                name: "X-Token",
                value: self.header_value.clone(),
                secret: true,
            }]
        }

        fn body(&self) -> Option<&serde_json::Value> {
            None
        }

        fn decode_response(_: u16, _: &[u8]) -> Result<NoPayload, ApiError<String>> {
            Ok(NoPayload {})
        }
    }

    /// `Probe` with the vendor context that puts a secret in the query.
    struct QueryTokenProbe;

    impl Endpoint for QueryTokenProbe {
        const METADATA: Metadata = Probe::METADATA;
        type Context = QueryTokenContext;
        type Body = ();
        type Response = NoPayload;
        type Error = String;

        fn path(&self) -> String {
            "/v1/items".into()
        }

        fn query(&self) -> Vec<Param> {
            Vec::new()
        }

        fn headers(&self) -> Vec<Param> {
            Vec::new()
        }

        fn body(&self) -> Option<&()> {
            None
        }

        fn decode_response(_: u16, _: &[u8]) -> Result<NoPayload, ApiError<String>> {
            Ok(NoPayload {})
        }
    }

    fn probe(header_value: &str) -> Probe {
        Probe {
            header_value: header_value.into(),
        }
    }

    #[test]
    fn reserved_query_bytes_are_encoded() {
        let request = to_http_request(&probe("tok-1"), "https://example.com/prefix/", &())
            .expect("valid request");
        assert_eq!(request.method(), ::http::Method::PUT);
        assert_eq!(
            request.uri(),
            "https://example.com/prefix/v1/items/a%2Fb?q=a%20b%26c%3Dd%2Be%23f%25%2F%3F~"
        );
        assert!(request.headers()["x-token"].is_sensitive());
        // No body, so no content type.
        assert!(!request.headers().contains_key(CONTENT_TYPE));
        assert!(request.body().is_empty());
    }

    #[test]
    fn base_urls_must_be_filled_in_and_absolute() {
        let unfilled = to_http_request(&probe("t"), "https://${cloud_domain}/x", &())
            .expect_err("placeholder left in");
        assert!(matches!(
            &unfilled,
            BuildError::UnfilledBaseUrl { placeholder } if placeholder == "${cloud_domain}"
        ));
        for base in ["example.com", "/relative", "https://example.com/?a=1", ""] {
            let error = to_http_request(&probe("t"), base, &()).expect_err(base);
            assert!(
                matches!(error, BuildError::InvalidBaseUrl { .. }),
                "{base}: {error:?}"
            );
        }
    }

    #[test]
    fn invalid_secret_header_names_the_header_not_the_value() {
        let error = to_http_request(&probe("tok-1\r\nX-Injected: 1"), "https://example.com", &())
            .expect_err("CR LF in a header value");
        assert!(matches!(
            error,
            BuildError::InvalidHeaderValue {
                name: "X-Token",
                secret: true
            }
        ));
        for shown in [format!("{error}"), format!("{error:?}")] {
            assert!(shown.contains("X-Token"), "{shown}");
            assert!(!shown.contains("tok-1"), "{shown}");
            assert!(!shown.contains("Injected"), "{shown}");
        }
    }

    #[test]
    fn secret_query_parameters_are_refused_not_leaked() {
        let error = to_http_request(&QueryTokenProbe, "https://example.com", &QueryTokenContext)
            .expect_err("secret in the query");
        assert!(matches!(
            error,
            BuildError::SecretInQuery {
                name: "access_token"
            }
        ));
        for shown in [format!("{error}"), format!("{error:?}")] {
            assert!(!shown.contains("tok-in-query"), "{shown}");
        }
    }
}
