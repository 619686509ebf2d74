//! Speaking to the mock the way a user of the generated crate would: typed requests, the
//! `http` glue, reqwest as the transport. Requests are built from JSON where the page shows
//! the body that way; answers are decoded by the generated types, then read as JSON.
#![allow(dead_code, reason = "each test file uses part of the helpers")]

use approval_api::feishu;
use approval_api::runtime::http::HttpRequestExt;
use approval_api::runtime::{ApiError, Endpoint, Secret, VendorErrorInfo};
use approval_api_mock::{MockConfig, MockVendor};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// An HTTP answer as the `http` crate holds it.
pub type Answer = http::Response<Vec<u8>>;

/// Sends an `http::Request` with reqwest; the answer, or the transport error.
pub async fn send_http(
    client: &reqwest::Client,
    request: http::Request<Vec<u8>>,
) -> reqwest::Result<Answer> {
    let request = reqwest::Request::try_from(request.map(reqwest::Body::from))?;
    let response = client.execute(request).await?;
    let mut answer = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        answer = answer.header(name, value);
    }
    let body = response.bytes().await?.to_vec();
    Ok(answer
        .body(body)
        .expect("a response reqwest received is a valid http::Response"))
}

/// Sends a typed request; the raw answer.
pub async fn send_raw<E: Endpoint>(
    client: &reqwest::Client,
    base: &str,
    context: &E::Context,
    request: &E,
) -> reqwest::Result<Answer> {
    let request = request
        .to_http_request(base, context)
        .expect("the request builds");
    send_http(client, request).await
}

/// Sends a typed request and decodes the answer with the generated types; the payload as JSON.
pub async fn call<E>(
    client: &reqwest::Client,
    base: &str,
    context: &E::Context,
    request: &E,
) -> Result<Value, ApiError<E::Error>>
where
    E: Endpoint,
    E::Response: Serialize,
{
    let answer = send_raw(client, base, context, request)
        .await
        .expect("the mock answers");
    let payload = E::from_http_response(&answer)?;
    Ok(serde_json::to_value(payload).expect("a decoded payload serializes"))
}

/// The vendor code of a refused call.
pub fn vendor_code<T: std::fmt::Debug, V: VendorErrorInfo + std::fmt::Debug>(
    result: Result<T, ApiError<V>>,
) -> i64 {
    match result {
        Err(ApiError::Vendor(error)) => error.code(),
        other => panic!("expected a vendor error, got {other:?}"),
    }
}

/// A body type from JSON (as the pages print bodies).
pub fn body<T: DeserializeOwned>(json: Value) -> T {
    serde_json::from_value(json).expect("the body decodes as its generated type")
}

/// Starts a mock with the default configuration.
pub async fn mock() -> MockVendor {
    MockVendor::start(MockConfig::default())
        .await
        .expect("binds 127.0.0.1:0")
}

/// A tenant access token from the mock's own token endpoint, with the default app.
pub async fn feishu_token(client: &reqwest::Client, base: &str) -> String {
    let config = MockConfig::default();
    let request =
        feishu::auth_tenant_access_token::Request::new(feishu::types::TenantAccessTokenBody::new(
            config.feishu_app.app_id,
            Secret::new(config.feishu_app.app_secret),
        ));
    let answer = send_raw(client, base, &(), &request)
        .await
        .expect("the mock answers");
    feishu::auth_tenant_access_token::Request::from_http_response(&answer)
        .expect("the token call succeeds");
    let token: feishu::types::TenantAccessTokenResponse =
        serde_json::from_slice(answer.body()).expect("the page's token body");
    token.tenant_access_token.expect("a token").expose().clone()
}

/// The Feishu context for a token.
pub fn feishu_context(token: &str) -> feishu::Context {
    feishu::Context::new(Secret::new(format!("Bearer {token}")))
}

/// The approval definition the tests create instances of (the create page's example).
pub const APPROVAL_CODE: &str = "4202AD96-9EC1-4284-9C48-B923CDC4F30B";
/// The initiator, who is also the approver of the first node (the page's example).
pub const USER: &str = "59a92c4a";

/// The create page's example body, with `uuid` set when given.
pub fn create_request(uuid: Option<&str>) -> feishu::instance_create::Request {
    let text = include_str!("../../../tests/fixtures/feishu/instance_create/request.json");
    let mut json: Value = serde_json::from_str(text).expect("the fixture is JSON");
    if let Some(uuid) = uuid {
        json["uuid"] = uuid.into();
    }
    feishu::instance_create::Request::new(body(json))
}

/// instance_get's payload as JSON.
pub async fn get_instance(
    client: &reqwest::Client,
    base: &str,
    context: &feishu::Context,
    id: &str,
) -> Value {
    call(
        client,
        base,
        context,
        &feishu::instance_get::Request::new(id.to_owned().into()),
    )
    .await
    .expect("instance_get succeeds")
}
