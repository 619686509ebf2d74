//! Each injected fault, observed from the client side, and the counters that record it.

mod support;

use approval_api::feishu::{instance_create, instance_get};
use approval_api::runtime::http::HttpRequestExt;
use approval_api_mock::{Fault, FaultRule, MockConfig, MockVendor};
use serde_json::Value;
use std::time::Duration;
use support::{
    call, create_request, feishu_context, feishu_token, get_instance, mock, send_raw, vendor_code,
};

#[tokio::test]
async fn a_rate_limit_answer_carries_its_reset() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);
    mock.inject(
        FaultRule::new(Fault::RateLimited {
            reset: Duration::from_secs(3),
        })
        .on("instance_get"),
    );
    let get = instance_get::Request::new("ANY".into());
    let answer = send_raw(&client, base, &context, &get)
        .await
        .expect("answers");
    assert_eq!(answer.status(), 429);
    assert_eq!(answer.headers()["x-ogw-ratelimit-reset"], "3");
    assert!(answer.headers().contains_key("x-ogw-ratelimit-limit"));
    assert_eq!(
        vendor_code(instance_get::Request::from_http_response(&answer)),
        99_991_400
    );
    // Used up: the next call reaches the handler.
    assert_eq!(
        vendor_code(call(&client, base, &context, &get).await),
        1_390_003
    );
    assert_eq!(mock.counters().faults_applied, 1);
}

#[tokio::test]
async fn try_again_later_is_1395001_as_many_times_as_armed() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);
    mock.inject(
        FaultRule::new(Fault::TryAgainLater)
            .on("feishu/instance_create")
            .times(2),
    );
    for _ in 0..2 {
        assert_eq!(
            vendor_code(call(&client, base, &context, &create_request(None)).await),
            1_395_001
        );
    }
    call(&client, base, &context, &create_request(None))
        .await
        .expect("the third create succeeds");
    let counters = mock.counters();
    assert_eq!(
        (counters.instances_created, counters.faults_applied),
        (1, 2)
    );
    assert_eq!(counters.requests_to("feishu/instance_create"), 3);
}

#[tokio::test]
async fn a_dropped_connection_answers_nothing_and_creates_nothing() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);
    mock.inject(FaultRule::new(Fault::DropConnection).on("instance_create"));
    let uuid = "D40770ED-0000-4000-8000-000000000001";
    let dropped = send_raw(&client, base, &context, &create_request(Some(uuid))).await;
    assert!(dropped.is_err(), "no answer: {dropped:?}");
    assert_eq!(mock.counters().instances_created, 0);
    // Sent again with the same uuid, it creates the one instance.
    let created = call(&client, base, &context, &create_request(Some(uuid)))
        .await
        .expect("created");
    assert_eq!(
        get_instance(&client, base, &context, uuid).await["instance_code"],
        created["instance_code"]
    );
    assert_eq!(mock.counters().instances_created, 1);
}

#[tokio::test]
async fn an_answer_dropped_after_the_create_leaves_one_instance() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);
    mock.inject(FaultRule::new(Fault::DropAnswer).on("instance_create"));
    let uuid = "D40770ED-0000-4000-8000-000000000002";
    let dropped = send_raw(&client, base, &context, &create_request(Some(uuid))).await;
    assert!(dropped.is_err(), "no answer: {dropped:?}");
    assert_eq!(mock.counters().instances_created, 1);
    // The retry with the same uuid is refused as a duplicate; the instance is found by it.
    assert_eq!(
        vendor_code(call(&client, base, &context, &create_request(Some(uuid))).await),
        60_012
    );
    assert_eq!(
        get_instance(&client, base, &context, uuid).await["status"],
        "PENDING"
    );
    assert_eq!(mock.counters().instances_created, 1);
}

#[tokio::test]
async fn a_slow_answer_outlasts_a_short_client_timeout() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);
    mock.inject(FaultRule::new(Fault::Slow(Duration::from_secs(5))).on("instance_get"));
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .expect("a client");
    let get = instance_get::Request::new("ANY".into());
    let error = send_raw(&impatient, base, &context, &get)
        .await
        .expect_err("times out");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(
        vendor_code(call(&client, base, &context, &get).await),
        1_390_003
    );
}

#[tokio::test]
async fn an_expired_token_fault_refuses_a_valid_token_once() {
    let mock = MockVendor::start(
        MockConfig::default().with_fault(FaultRule::new(Fault::ExpiredToken).on("instance_get")),
    )
    .await
    .expect("binds");
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);
    let get = instance_get::Request::new("ANY".into());
    assert_eq!(
        vendor_code(call(&client, base, &context, &get).await),
        99_991_663
    );
    assert_eq!(
        vendor_code(call(&client, base, &context, &get).await),
        1_390_003
    );
}

#[tokio::test]
async fn faults_can_be_cleared_and_the_mock_shuts_down() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url().to_owned();
    mock.inject(FaultRule::new(Fault::DropConnection).times(10));
    mock.clear_faults();
    let token = feishu_token(&client, &base).await;
    let context = feishu_context(&token);
    let created: Value = call(&client, &base, &context, &create_request(None))
        .await
        .expect("created");
    assert!(created["instance_code"].is_string());
    mock.shutdown().await;
    let fresh = reqwest::Client::new();
    let refused = send_raw(
        &fresh,
        &base,
        &context,
        &instance_create::Request::new(support::body(serde_json::json!({
            "approval_code": support::APPROVAL_CODE, "form": "[]"
        }))),
    )
    .await;
    assert!(
        refused.is_err(),
        "nothing listens after shutdown: {refused:?}"
    );
}
