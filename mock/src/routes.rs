//! Spec-driven routing: one route per endpoint of every vendor, from the generated crate's
//! `visit_endpoints`, each with a body check by the endpoint's own generated body type.

use approval_api::runtime::{Endpoint, EndpointVisitor, Metadata, Validate};
use serde::de::DeserializeOwned;

/// Why a request body was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyProblem {
    /// Not JSON of the body type (the decoder's message, with the path where it failed).
    Decode(String),
    /// Decoded, but the generated validation found violations.
    Invalid(String),
}

/// One endpoint as the mock serves it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Route {
    pub(crate) metadata: Metadata,
    check_body: fn(&[u8]) -> Result<(), BodyProblem>,
}

impl Route {
    /// Decodes `body` as the endpoint's body type and validates it; endpoints without a body
    /// accept anything (clients send none).
    pub(crate) fn check_body(&self, body: &[u8]) -> Result<(), BodyProblem> {
        if self.metadata.content_type.is_none() {
            return Ok(());
        }
        (self.check_body)(body)
    }

    /// The path parameters, by name, when `path` (percent-encoded, no query) is this route's.
    pub(crate) fn match_path(&self, path: &str) -> Option<Vec<(&'static str, String)>> {
        let mut template = self.metadata.path.split('/');
        let mut given = path.split('/');
        let mut params = Vec::new();
        loop {
            match (template.next(), given.next()) {
                (None, None) => return Some(params),
                (Some(expected), Some(segment)) => {
                    if let Some(name) = expected.strip_prefix('{').and_then(|n| n.strip_suffix('}'))
                    {
                        if segment.is_empty() {
                            return None;
                        }
                        params.push((name, decode(segment)));
                    } else if expected != segment {
                        return None;
                    }
                }
                _ => return None,
            }
        }
    }
}

/// Percent-decodes a path segment or query component (`+` is a space in a query).
pub(crate) fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn check_body<E>(body: &[u8]) -> Result<(), BodyProblem>
where
    E: Endpoint,
    E::Body: DeserializeOwned + Validate,
{
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let decoded: E::Body = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| BodyProblem::Decode(error.to_string()))?;
    deserializer
        .end()
        .map_err(|error| BodyProblem::Decode(error.to_string()))?;
    decoded
        .validate()
        .map_err(|errors| BodyProblem::Invalid(errors.to_string()))
}

#[derive(Default)]
struct Collector(Vec<Route>);

impl EndpointVisitor for Collector {
    fn visit<E>(&mut self)
    where
        E: Endpoint + 'static,
        E::Body: DeserializeOwned + Validate + 'static,
    {
        self.0.push(Route {
            metadata: E::METADATA,
            check_body: check_body::<E>,
        });
    }
}

/// Every endpoint of every vendor. Literal paths are tried before templated ones, so
/// `/instances/cancel` is never taken for `/instances/{instance_id}`.
pub(crate) fn all() -> Vec<Route> {
    let mut collector = Collector::default();
    approval_api::feishu::visit_endpoints(&mut collector);
    approval_api::fxiaoke_crm::visit_endpoints(&mut collector);
    approval_api::fxiaoke_71360::visit_endpoints(&mut collector);
    approval_api::ikcrm::visit_endpoints(&mut collector);
    let mut routes = collector.0;
    routes.sort_by_key(|route| route.metadata.path.matches('{').count());
    routes
}
