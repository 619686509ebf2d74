//! Every endpoint of every spec answers at its `METADATA` method and path, and every example
//! the mock answers with decodes as that endpoint's generated response.

mod support;

use approval_api::runtime::{Endpoint, EndpointVisitor, Metadata, Validate};
use approval_api::{feishu, fxiaoke_71360, fxiaoke_crm, ikcrm};
use serde::de::DeserializeOwned;
use support::{mock, send_http};

fn all_endpoints() -> Vec<&'static Metadata> {
    [
        feishu::ENDPOINTS,
        fxiaoke_crm::ENDPOINTS,
        fxiaoke_71360::ENDPOINTS,
        ikcrm::ENDPOINTS,
    ]
    .concat()
}

#[tokio::test]
async fn every_endpoint_is_routed_to_itself() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let endpoints = all_endpoints();
    assert_eq!(
        endpoints.len(),
        24 + 9 + 3 + 2,
        "the specs' endpoint count changed: update this test"
    );
    for metadata in &endpoints {
        // Any value fills a path parameter; the request need not be valid to be routed.
        let path: String = metadata
            .path
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "X"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let request = http::Request::builder()
            .method(metadata.method.as_str())
            .uri(format!("{}{path}", mock.base_url()))
            .body(Vec::new())
            .expect("a request");
        let answer = send_http(&client, request).await.expect("answers");
        assert_ne!(
            answer.status(),
            404,
            "{} {} is not served",
            metadata.method,
            metadata.path
        );
        let key = format!("{}/{}", metadata.vendor, metadata.name);
        assert_eq!(
            mock.counters().requests_to(&key),
            1,
            "{key} was not routed to itself"
        );
    }
    assert_eq!(mock.counters().requests_to("unrouted"), 0);
}

/// Decodes the mock's example answer of each endpoint with the endpoint's own types.
struct DecodesExample {
    checked: usize,
}

impl EndpointVisitor for DecodesExample {
    fn visit<E>(&mut self)
    where
        E: Endpoint + 'static,
        E::Body: DeserializeOwned + Validate + 'static,
    {
        let metadata = E::METADATA;
        let example = approval_api_mock::example_response(metadata.vendor, metadata.name);
        match example {
            Some(text) => {
                if let Err(error) = E::decode_response(200, text.as_bytes()) {
                    panic!(
                        "{}/{}: the example does not decode: {error:?}",
                        metadata.vendor, metadata.name
                    );
                }
                self.checked += 1;
            }
            // Only Fxiaoke CRM calls lack an example; the mock answers them the bare envelope
            // (approval_task_action's example).
            None => {
                assert_eq!(
                    metadata.vendor, "fxiaoke_crm",
                    "{} has no example",
                    metadata.name
                );
                let envelope =
                    approval_api_mock::example_response("fxiaoke_crm", "approval_task_action")
                        .expect("the envelope");
                if let Err(error) = E::decode_response(200, envelope.as_bytes()) {
                    panic!(
                        "fxiaoke_crm/{}: the bare envelope does not decode: {error:?}",
                        metadata.name
                    );
                }
                self.checked += 1;
            }
        }
    }
}

#[test]
fn every_example_decodes_as_its_endpoint_response() {
    let mut visitor = DecodesExample { checked: 0 };
    feishu::visit_endpoints(&mut visitor);
    fxiaoke_crm::visit_endpoints(&mut visitor);
    fxiaoke_71360::visit_endpoints(&mut visitor);
    ikcrm::visit_endpoints(&mut visitor);
    assert_eq!(visitor.checked, all_endpoints().len());
}
