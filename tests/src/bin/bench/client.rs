//! The `client` section: calls per second through the async client against the mock vendor on
//! loopback, and through bare reqwest with the `http` glue (the same typed request built, sent
//! and decoded by hand), against the same mock in the same run.

use crate::Report;
use approval_api::feishu::{self, auth_tenant_access_token, instance_get, types};
use approval_api::runtime::client::{Client, TokenCredentials};
use approval_api::runtime::http::HttpRequestExt;
use approval_api::runtime::{Endpoint, Secret};
use approval_api_mock::{MockConfig, MockVendor};
use serde_json::{Value, json};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Sequential calls per batch, and alternated batches of each (best kept, so load from other
/// processes does not favour one side).
const CALLS: u32 = 2000;
const ROUNDS: usize = 5;

pub fn client(report: &mut Report) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let (client_per_call, bare_per_call) = runtime.block_on(measure());
    let section = "client (sequential `instance_get` against the mock on loopback, HTTP/1.1 keep-alive, one process)";
    let per_second = |took: Duration| 1.0 / took.as_secs_f64();
    report.row(
        section,
        "bare reqwest + `http` glue (build, send, typed decode)",
        format!(
            "{:.0} calls/s, {:.1} µs/call",
            per_second(bare_per_call),
            bare_per_call.as_secs_f64() * 1e6
        ),
        "client.bare_calls_per_second",
        json!(per_second(bare_per_call)),
    );
    let ratio = client_per_call.as_secs_f64() / bare_per_call.as_secs_f64();
    report.row(
        section,
        "`Client::send` (TokenCredentials with the cached token, retry loop, tracing spans)",
        format!(
            "{:.0} calls/s, {:.1} µs/call: ×{ratio:.2} the time of bare reqwest (target ≤ ×1.1)",
            per_second(client_per_call),
            client_per_call.as_secs_f64() * 1e6
        ),
        "client.calls_per_second",
        json!({ "calls_per_second": per_second(client_per_call), "time_ratio_to_bare": ratio }),
    );
}

async fn measure() -> (Duration, Duration) {
    let mock = MockVendor::start(MockConfig::default())
        .await
        .expect("binds 127.0.0.1:0");
    let base = mock.base_url().to_owned();
    let app = MockConfig::default().feishu_app;
    let token_request = auth_tenant_access_token::Request::new(types::TenantAccessTokenBody::new(
        app.app_id.clone(),
        Secret::new(app.app_secret),
    ));
    let client = Client::builder(
        base.clone(),
        TokenCredentials::new(
            feishu::client::token_issuer(token_request.clone(), format!("feishu:{}", app.app_id)),
            feishu::client::context,
        ),
    )
    .codes(feishu::client::CODES)
    .build()
    .expect("the default transport builds");
    let create: types::InstanceCreateBody = serde_json::from_value(json!({
        "approval_code": "4202AD96-9EC1-4284-9C48-B923CDC4F30B",
        "user_id": "59a92c4a",
        "form": r#"[{"id":"111","type":"input","value":"11111"}]"#,
    }))
    .expect("the create body");
    let created = client
        .send(feishu::instance_create::Request::new(create))
        .await
        .expect("instance_create succeeds");
    let code = serde_json::to_value(&created).expect("JSON")["instance_code"]
        .as_str()
        .expect("an instance code")
        .to_owned();
    let get = instance_get::Request::new(code.into());

    // The bare side: its own token, through the same glue, then one reqwest client reused.
    let bare = reqwest::Client::new();
    let answer = exchange(&bare, &base, &(), &token_request).await;
    let granted: Value = serde_json::from_slice(answer.body()).expect("the token answer");
    let context = feishu::client::context(&Secret::new(
        granted["tenant_access_token"]
            .as_str()
            .expect("a token")
            .to_owned(),
    ));

    // Warm both connections and code paths.
    for _ in 0..200 {
        client.send(get.clone()).await.expect("instance_get");
        let answer = exchange(&bare, &base, &context, &get).await;
        instance_get::Request::from_http_response(&answer).expect("instance_get");
    }
    let (mut through_client, mut through_bare) = (Duration::MAX, Duration::MAX);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for _ in 0..CALLS {
            black_box(client.send(get.clone()).await.expect("instance_get"));
        }
        through_client = through_client.min(start.elapsed() / CALLS);
        let start = Instant::now();
        for _ in 0..CALLS {
            let answer = exchange(&bare, &base, &context, &get).await;
            black_box(instance_get::Request::from_http_response(&answer).expect("instance_get"));
        }
        through_bare = through_bare.min(start.elapsed() / CALLS);
    }
    assert_eq!(mock.counters().token_requests, 2, "one token per side");
    mock.shutdown().await;
    (through_client, through_bare)
}

/// One typed request through the `http` glue and bare reqwest; the answer as `http` holds it.
async fn exchange<E: Endpoint>(
    client: &reqwest::Client,
    base: &str,
    context: &E::Context,
    request: &E,
) -> http::Response<Vec<u8>> {
    let request = request
        .to_http_request(base, context)
        .expect("the request builds")
        .map(reqwest::Body::from);
    let response = client
        .execute(reqwest::Request::try_from(request).expect("a reqwest request"))
        .await
        .expect("the mock answers");
    let mut answer = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        answer = answer.header(name, value);
    }
    answer
        .body(response.bytes().await.expect("the body").to_vec())
        .expect("a valid response")
}
