//! Requests the mock refuses, each with the vendor's documented code: invalid bodies and
//! parameters (Feishu 1390001), wrong, missing and expired tokens (99991663, 99991661), a
//! wrong app secret (10014), and paths no spec has.

mod support;

use approval_api::feishu::{auth_tenant_access_token, instance_create, instance_get, types};
use approval_api::runtime::http::HttpRequestExt;
use approval_api::runtime::{Endpoint, Secret, Validate as _};
use approval_api_mock::MockConfig;
use serde_json::Value;
use support::{
    call, create_request, feishu_context, feishu_token, mock, send_http, send_raw, vendor_code,
};

fn code_of(answer: &support::Answer) -> i64 {
    let body: Value = serde_json::from_slice(answer.body()).expect("a JSON body");
    body["code"].as_i64().expect("a code")
}

#[tokio::test]
async fn a_body_the_generated_validation_refuses_gets_1390001() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);
    // The create page: uuid is at most 64 characters.
    let too_long = create_request(Some(&"u".repeat(65)));
    assert!(
        too_long.validate().is_err(),
        "the generated validation refuses it too"
    );
    let answer = send_raw(&client, base, &context, &too_long)
        .await
        .expect("answers");
    assert_eq!(answer.status(), 400);
    assert_eq!(code_of(&answer), 1_390_001);
    let detail: Value = serde_json::from_slice(answer.body()).expect("JSON");
    assert!(
        detail["error"]["detail"]
            .as_str()
            .expect("a detail")
            .contains("uuid"),
        "{detail}"
    );
    assert_eq!(
        vendor_code(instance_create::Request::from_http_response(&answer)),
        1_390_001
    );
    assert_eq!(mock.counters().instances_created, 0);
}

#[tokio::test]
async fn a_body_that_is_not_the_body_type_gets_1390001() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let token = feishu_token(&client, base).await;
    // No approval_code (required), and form is not a string.
    let request = http::Request::post(format!("{base}{}", instance_create::Request::METADATA.path))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(br#"{"user_id":"59a92c4a","form":[]}"#.to_vec())
        .expect("a request");
    let answer = send_http(&client, request).await.expect("answers");
    assert_eq!(code_of(&answer), 1_390_001);
    // A required query parameter left out (instance_list's start_time and end_time).
    let request = http::Request::get(format!(
        "{base}/open-apis/approval/v4/instances?approval_code=X"
    ))
    .header("authorization", format!("Bearer {token}"))
    .body(Vec::new())
    .expect("a request");
    let answer = send_http(&client, request).await.expect("answers");
    assert_eq!(code_of(&answer), 1_390_001);
}

#[tokio::test]
async fn wrong_missing_and_expired_tokens_are_refused() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let get = instance_get::Request::new("ANY".into());

    let wrong = call(&client, base, &feishu_context("t-made-up"), &get).await;
    assert_eq!(vendor_code(wrong), 99_991_663);
    let request = http::Request::get(format!("{base}/open-apis/approval/v4/instances/ANY"))
        .body(Vec::new())
        .expect("a request");
    assert_eq!(
        code_of(&send_http(&client, request).await.expect("answers")),
        99_991_661
    );

    let token = feishu_token(&client, base).await;
    let context = feishu_context(&token);
    // A valid token gets through to the handler (which knows no such instance).
    assert_eq!(
        vendor_code(call(&client, base, &context, &get).await),
        1_390_003
    );
    mock.expire_tokens();
    assert_eq!(
        vendor_code(call(&client, base, &context, &get).await),
        99_991_663
    );
    // The token call then issues a new token, which works.
    let renewed = feishu_token(&client, base).await;
    assert_ne!(renewed, token);
    assert_eq!(
        vendor_code(call(&client, base, &feishu_context(&renewed), &get).await),
        1_390_003
    );
    assert_eq!(mock.counters().token_requests, 2);
}

#[tokio::test]
async fn the_token_call_returns_the_current_token_until_the_refresh_window() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    // More than 30 minutes left: the current token again (the page).
    assert_eq!(
        feishu_token(&client, base).await,
        feishu_token(&client, base).await
    );
    // A refresh window as long as the lifetime: every call is inside it, so each issues a new
    // token, and the older ones stay valid.
    let hour = std::time::Duration::from_secs(3600);
    let eager =
        approval_api_mock::MockVendor::start(MockConfig::default().with_token_lifetime(hour, hour))
            .await
            .expect("binds");
    let first = feishu_token(&client, eager.base_url()).await;
    let second = feishu_token(&client, eager.base_url()).await;
    assert_ne!(first, second);
    let get = instance_get::Request::new("ANY".into());
    assert_eq!(
        vendor_code(call(&client, eager.base_url(), &feishu_context(&first), &get).await),
        1_390_003
    );
}

#[tokio::test]
async fn a_wrong_app_secret_gets_10014() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let request = auth_tenant_access_token::Request::new(types::TenantAccessTokenBody::new(
        MockConfig::default().feishu_app.app_id,
        Secret::new("not the secret".to_owned()),
    ));
    let answer = send_raw(&client, mock.base_url(), &(), &request)
        .await
        .expect("answers");
    assert_eq!(
        vendor_code(auth_tenant_access_token::Request::from_http_response(
            &answer
        )),
        10_014
    );
}

#[tokio::test]
async fn a_path_no_spec_has_is_404() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let request = http::Request::get(format!(
        "{}/open-apis/approval/v4/nothing/here",
        mock.base_url()
    ))
    .body(Vec::new())
    .expect("a request");
    assert_eq!(
        send_http(&client, request).await.expect("answers").status(),
        404
    );
    // The method matters too: instance_create is a POST.
    let request = http::Request::put(format!(
        "{}/open-apis/approval/v4/instances",
        mock.base_url()
    ))
    .body(Vec::new())
    .expect("a request");
    assert_eq!(
        send_http(&client, request).await.expect("answers").status(),
        404
    );
    assert_eq!(mock.counters().requests_to("unrouted"), 2);
}
