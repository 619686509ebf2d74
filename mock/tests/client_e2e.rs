//! The async client (`runtime::client`) against the mock vendor, end to end on loopback: the
//! Feishu lifecycle with its events, a Fxiaoke list paged to the end, single-flight token
//! refresh, an idempotent create retried after a lost answer, a rate-limit reset honoured, and
//! a documented refusal surfacing as the typed vendor error.

mod support;

use approval_api::feishu::{
    self, auth_tenant_access_token, instance_cancel, instance_get, task_approve,
};
use approval_api::fxiaoke_crm::{self, approval_instances_query, corp_access_token_get};
use approval_api::runtime::client::{Client, ClientError, RetryPolicy, TokenCredentials};
use approval_api::runtime::{ApiError, Secret};
use approval_api_mock::{
    EventSink, FXIAOKE_CORP_ID, Fault, FaultRule, MockConfig, MockVendor, WebhookTarget,
};
use approval_api_runtime::webhook::Intake;
use futures_core::Stream;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::future::poll_fn;
use std::pin::Pin;
use std::time::{Duration, Instant};
use support::{APPROVAL_CODE, USER, body, create_request};

/// Quick retries, so a test that retries waits milliseconds (a stated reset is honoured as is).
const QUICK: RetryPolicy = RetryPolicy {
    max_attempts: 4,
    initial_backoff: Duration::from_millis(10),
    max_backoff: Duration::from_millis(100),
    budget: Duration::from_secs(10),
};

/// A Feishu client for the mock's default app: tokens from the generated issuer.
fn feishu_client(base: &str) -> Client<feishu::Context> {
    let app = MockConfig::default().feishu_app;
    let issuer = feishu::client::token_issuer(
        auth_tenant_access_token::Request::new(feishu::types::TenantAccessTokenBody::new(
            app.app_id.clone(),
            Secret::new(app.app_secret),
        )),
        format!("feishu:{}", app.app_id),
    );
    Client::builder(base, TokenCredentials::new(issuer, feishu::client::context))
        .codes(feishu::client::CODES)
        .retry(QUICK)
        .build()
        .expect("the default transport builds")
}

/// A payload as JSON, to read the fields the assertions name.
fn json_of(payload: &impl serde::Serialize) -> Value {
    serde_json::to_value(payload).expect("a payload serializes")
}

async fn create(client: &Client<feishu::Context>, uuid: Option<&str>) -> String {
    let created = client
        .send(create_request(uuid))
        .await
        .expect("instance_create succeeds");
    json_of(&created)["instance_code"]
        .as_str()
        .expect("an instance code")
        .to_owned()
}

async fn status_of(client: &Client<feishu::Context>, id: &str) -> Value {
    let instance = client
        .send(instance_get::Request::new(id.to_owned().into()))
        .await
        .expect("instance_get succeeds");
    json_of(&instance)
}

fn vendor_code(error: &ClientError<feishu::VendorError>) -> i64 {
    use approval_api::runtime::VendorErrorInfo as _;
    error
        .vendor()
        .unwrap_or_else(|| panic!("a vendor error, got {error:?}"))
        .code()
}

#[tokio::test]
async fn the_feishu_lifecycle_through_the_client() {
    let (encrypt_key, verification_token) = ("e2e key", "e2e-verification-token");
    let mut sink = EventSink::start(
        Intake::with_encrypt_key(encrypt_key).verification_token(verification_token),
    )
    .await
    .expect("binds");
    let mock = MockVendor::start(MockConfig::default().with_webhook(WebhookTarget {
        url: sink.url().to_owned(),
        encrypt_key: encrypt_key.to_owned(),
        verification_token: verification_token.to_owned(),
    }))
    .await
    .expect("binds");
    let client = feishu_client(mock.base_url());

    let first = create(&client, None).await;
    // The events of the create, opened by the Intake and decoded as the typed feishu::Event.
    let task_id = loop {
        let delivery = sink
            .next(Duration::from_secs(10))
            .await
            .expect("an event within 10 s");
        match feishu::Event::parse(&delivery.event_type, delivery.event.get())
            .expect("the event decodes as its typed payload")
        {
            feishu::Event::ApprovalInstance(instance) => {
                let instance = json_of(&instance);
                assert_eq!(instance["instance_code"], first.as_str());
                assert_eq!(instance["status"], "PENDING");
            }
            feishu::Event::ApprovalTask(task) => {
                let task = json_of(&task);
                assert_eq!(task["instance_code"], first.as_str());
                assert_eq!(task["status"], "PENDING");
                break task["task_id"].as_str().expect("a task id").to_owned();
            }
            other => panic!("unexpected event {other:?}"),
        }
    };
    let pending = status_of(&client, &first).await;
    assert_eq!(pending["status"], "PENDING");
    assert_eq!(pending["task_list"][0]["id"], task_id.as_str());

    client
        .send(task_approve::Request::new(body(json!({
            "approval_code": APPROVAL_CODE,
            "instance_code": first,
            "user_id": USER,
            "task_id": task_id,
            "comment": "approved end to end",
        }))))
        .await
        .expect("task_approve succeeds");
    assert_eq!(status_of(&client, &first).await["status"], "APPROVED");

    let second = create(&client, None).await;
    client
        .send(instance_cancel::Request::new(body(json!({
            "approval_code": APPROVAL_CODE,
            "instance_code": second,
            "user_id": USER,
        }))))
        .await
        .expect("instance_cancel succeeds");
    assert_eq!(status_of(&client, &second).await["status"], "CANCELED");

    // The approval's events (task, then instance) and the second instance's three.
    let mut kinds = Vec::new();
    while let Some(delivery) = sink.next(Duration::from_secs(2)).await {
        let event = feishu::Event::parse(&delivery.event_type, delivery.event.get())
            .expect("the event decodes as its typed payload");
        kinds.push((
            delivery.event_type.clone(),
            json_of(&event)["status"].clone(),
        ));
        if kinds.len() == 5 {
            break;
        }
    }
    let statuses: Vec<(&str, &str)> = kinds
        .iter()
        .map(|(kind, status)| (kind.as_str(), status.as_str().unwrap_or("?")))
        .collect();
    assert_eq!(
        statuses,
        [
            ("approval_task", "APPROVED"),
            ("approval_instance", "APPROVED"),
            ("approval_instance", "PENDING"),
            ("approval_task", "PENDING"),
            ("approval_instance", "CANCELED"),
        ]
    );
    let counters = mock.counters();
    assert_eq!(counters.token_requests, 1, "one token for every call");
    assert_eq!(counters.instances_created, 2);
    assert_eq!(counters.events_delivered, 7);
    assert!(sink.refused().is_empty());
}

/// A Fxiaoke CRM client for the mock's default app; a fresh trace id per attempt.
fn fxiaoke_client(base: &str) -> Client<fxiaoke_crm::Context> {
    let app = MockConfig::default().fxiaoke_app;
    let issuer = fxiaoke_crm::client::token_issuer(
        corp_access_token_get::Request::new(body(json!({
            "appId": app.app_id,
            "appSecret": app.app_secret,
            "permanentCode": app.permanent_code,
        }))),
        format!("fxiaoke:{}", app.app_id),
    );
    let trace = std::sync::atomic::AtomicU64::new(0);
    let credentials = TokenCredentials::new(issuer, move |token| {
        let n = trace.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        fxiaoke_crm::Context::new(
            fxiaoke_crm::client::authorization(token),
            FXIAOKE_CORP_ID.to_owned(),
            "FSUID_55E332B8B9637C744CFD5FC89F7FCA57".to_owned(),
            format!("6f1c2a3b-4d5e-4f60-8a7b-{n:012x}"),
        )
    });
    Client::builder(base, credentials)
        .codes(fxiaoke_crm::client::CODES)
        .retry(QUICK)
        .build()
        .expect("the default transport builds")
}

#[tokio::test]
async fn a_fxiaoke_list_pages_to_the_end_as_a_stream() {
    let mock = MockVendor::start(MockConfig::default().with_fxiaoke_records(45))
        .await
        .expect("binds");
    let client = fxiaoke_client(mock.base_url());
    // The list page's own example request, with the window made real and 10 a page.
    let mut request: Value = serde_json::from_str(include_str!(
        "../../tests/fixtures/fxiaoke_crm/approval_instances_query.request.json"
    ))
    .expect("JSON");
    request["startTime"] = 1_496_000_000_000_i64.into();
    request["endTime"] = 1_497_000_000_000_i64.into();
    request["state"] = "pass".into();
    request["pageSize"] = 10.into();
    request["pageNumber"] = 1.into();

    let mut pages = client.pages(approval_instances_query::Request::new(body(request)));
    let mut seen = BTreeSet::new();
    let mut count = 0;
    while let Some(page) = poll_fn(|cx| Pin::new(&mut pages).poll_next(cx)).await {
        let page = json_of(&page.expect("every page succeeds"));
        count += 1;
        assert_eq!(page["queryResult"]["total"], 45);
        for instance in page["queryResult"]["instanceList"]
            .as_array()
            .expect("a list")
        {
            assert!(
                seen.insert(instance["instanceId"].as_str().expect("an id").to_owned()),
                "a record comes once"
            );
        }
    }
    assert_eq!((count, seen.len()), (5, 45));
    let counters = mock.counters();
    assert_eq!(
        counters.requests_to("fxiaoke_crm/approval_instances_query"),
        5
    );
    assert_eq!(counters.token_requests, 1);
}

#[tokio::test]
async fn sixteen_calls_with_an_expired_token_make_one_token_request() {
    let mock = MockVendor::start(MockConfig::default())
        .await
        .expect("binds");
    let client = feishu_client(mock.base_url());
    let code = create(&client, None).await;
    assert_eq!(mock.counters().token_requests, 1);

    mock.expire_tokens();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let (client, code) = (client.clone(), code.clone());
        calls.spawn(async move {
            client
                .send(instance_get::Request::new(code.into()))
                .await
                .map(|instance| json_of(&instance)["status"].clone())
        });
    }
    while let Some(call) = calls.join_next().await {
        let status = call.expect("the task ran").expect("the call succeeds");
        assert_eq!(status, "PENDING");
    }
    let counters = mock.counters();
    assert_eq!(
        counters.token_requests, 2,
        "one token request for the 16 refused calls"
    );
    // Each call was refused once with the expired token, then answered with the new one.
    assert_eq!(counters.requests_to("feishu/instance_get"), 32);
}

#[tokio::test]
async fn a_create_retried_after_a_lost_answer_makes_one_instance() {
    let mock = MockVendor::start(MockConfig::default())
        .await
        .expect("binds");
    let client = feishu_client(mock.base_url());
    mock.inject(
        FaultRule::new(Fault::DropAnswer)
            .on("feishu/instance_create")
            .times(1),
    );
    // The first attempt creates the instance and loses the answer; the retry, with the same
    // generated uuid, meets 60012. The client cannot know the instance code, so it says the
    // earlier attempt may have done it and under which key (Feishu's get takes the uuid).
    let error = client
        .send(create_request(None))
        .await
        .expect_err("the answer to the create was lost");
    let ClientError::Unconfirmed {
        idempotency_key,
        error,
    } = &error
    else {
        panic!("expected Unconfirmed, got {error:?}");
    };
    assert_eq!(vendor_code(error), 60_012);
    assert!(matches!(
        error.vendor().map(|vendor| &vendor.code),
        Some(feishu::ErrorCode::DuplicateUuid)
    ));
    let counters = mock.counters();
    assert_eq!(counters.instances_created, 1);
    assert_eq!(counters.requests_to("feishu/instance_create"), 2);
    let instance = status_of(&client, idempotency_key).await;
    assert_eq!(instance["status"], "PENDING");
    assert_eq!(instance["uuid"], idempotency_key.as_str());
}

#[tokio::test]
async fn a_create_retried_after_a_dropped_connection_succeeds_once() {
    let mock = MockVendor::start(MockConfig::default())
        .await
        .expect("binds");
    let client = feishu_client(mock.base_url());
    mock.inject(
        FaultRule::new(Fault::DropConnection)
            .on("feishu/instance_create")
            .times(1),
    );
    let code = create(&client, None).await;
    let counters = mock.counters();
    assert_eq!(counters.instances_created, 1);
    assert_eq!(counters.requests_to("feishu/instance_create"), 2);
    assert_eq!(status_of(&client, &code).await["status"], "PENDING");
}

#[tokio::test]
async fn a_rate_limit_answer_delays_the_retry_until_its_reset() {
    let mock = MockVendor::start(MockConfig::default())
        .await
        .expect("binds");
    let client = feishu_client(mock.base_url());
    let code = create(&client, None).await;
    let reset = Duration::from_secs(1);
    mock.inject(
        FaultRule::new(Fault::RateLimited { reset })
            .on("feishu/instance_get")
            .times(1),
    );
    let started = Instant::now();
    let instance = status_of(&client, &code).await;
    let elapsed = started.elapsed();
    assert_eq!(instance["status"], "PENDING");
    assert!(
        elapsed >= reset,
        "retried after {elapsed:?}, before the reset"
    );
    // The quick policy's own backoff is at most 100 ms: the wait came from the reset header.
    assert_eq!(mock.counters().requests_to("feishu/instance_get"), 2);
}

#[tokio::test]
async fn documented_refusals_surface_as_the_typed_vendor_error() {
    let mock = MockVendor::start(MockConfig::default())
        .await
        .expect("binds");
    let client = feishu_client(mock.base_url());

    // The create page: uuid is at most 64 characters. The mock refuses it with 1390001.
    let error = client
        .send(create_request(Some(&"u".repeat(65))))
        .await
        .expect_err("refused");
    assert!(
        matches!(
            &error,
            ClientError::Api {
                status: 400,
                error: ApiError::Vendor(feishu::VendorError {
                    code: feishu::ErrorCode::ParamInvalid,
                    ..
                }),
                ..
            }
        ),
        "{error:?}"
    );

    // The same uuid twice: the create page's 60012, not retried, the first instance kept.
    let uuid = "e2e-duplicate-uuid";
    create(&client, Some(uuid)).await;
    let error = client
        .send(create_request(Some(uuid)))
        .await
        .expect_err("a repeated uuid is refused");
    assert!(
        matches!(
            error.vendor().map(|vendor| &vendor.code),
            Some(feishu::ErrorCode::DuplicateUuid)
        ),
        "{error:?}"
    );
    let counters = mock.counters();
    assert_eq!(counters.instances_created, 1);
    assert_eq!(counters.requests_to("feishu/instance_create"), 3);
}
