//! The mock's approval events, received through the runtime's `webhook::Intake` (signature,
//! timestamp, decryption, verification token) on a local listener.

mod support;

use approval_api::feishu::{instance_cancel, task_approve};
use approval_api_mock::{EventSink, MockConfig, MockVendor, WebhookTarget};
use approval_api_runtime::webhook::{Delivery, Intake, RawEvent};
use serde_json::{Value, json};
use std::time::Duration;
use support::{
    APPROVAL_CODE, USER, body, call, create_request, feishu_context, feishu_token, get_instance,
};

const ENCRYPT_KEY: &str = "mock encrypt key";
const VERIFICATION_TOKEN: &str = "mock-verification-token";

fn target(sink: &EventSink, encrypt_key: &str) -> WebhookTarget {
    WebhookTarget {
        url: sink.url().to_owned(),
        encrypt_key: encrypt_key.to_owned(),
        verification_token: VERIFICATION_TOKEN.to_owned(),
    }
}

/// The next event's type and payload.
async fn next(sink: &mut EventSink) -> (Delivery<RawEvent>, Value) {
    let delivery = sink
        .next(Duration::from_secs(10))
        .await
        .expect("an event arrives");
    let payload = delivery.event.decode::<Value>().expect("a JSON payload");
    (delivery, payload)
}

/// Waits (at most 10 s) until the counters satisfy `done`, then asserts it.
async fn settle(mock: &MockVendor, done: impl Fn(&approval_api_mock::Counters) -> bool) {
    for _ in 0..500 {
        if done(&mock.counters()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("counters never settled: {:?}", mock.counters());
}

#[tokio::test]
async fn every_state_change_arrives_sealed_and_in_order() {
    let intake = Intake::with_encrypt_key(ENCRYPT_KEY).verification_token(VERIFICATION_TOKEN);
    let mut sink = EventSink::start(intake).await.expect("binds");
    let mock = MockVendor::start(MockConfig::default().with_webhook(target(&sink, ENCRYPT_KEY)))
        .await
        .expect("binds");
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);

    let created = call(&client, base, &context, &create_request(None))
        .await
        .expect("created");
    let code = created["instance_code"]
        .as_str()
        .expect("a code")
        .to_owned();
    let (first, instance) = next(&mut sink).await;
    assert_eq!(first.event_type, "approval_instance");
    assert_eq!(
        (
            instance["instance_code"].as_str(),
            instance["status"].as_str()
        ),
        (Some(code.as_str()), Some("PENDING"))
    );
    assert_eq!(instance["approval_code"], APPROVAL_CODE);
    let (second, task) = next(&mut sink).await;
    assert_eq!(second.event_type, "approval_task");
    assert_eq!(
        (task["status"].as_str(), task["user_id"].as_str()),
        (Some("PENDING"), Some(USER))
    );
    assert_ne!(first.dedupe_key(), second.dedupe_key());

    // The task id in the event is the one instance_get shows and task_approve takes.
    let shown = get_instance(&client, base, &context, &code).await;
    assert_eq!(shown["task_list"][0]["id"], task["task_id"]);
    let approve = body(
        json!({"approval_code": APPROVAL_CODE, "instance_code": code, "user_id": USER, "task_id": task["task_id"]}),
    );
    call(
        &client,
        base,
        &context,
        &task_approve::Request::new(approve),
    )
    .await
    .expect("approved");
    let (_, task) = next(&mut sink).await;
    assert_eq!(
        (task["type"].as_str(), task["status"].as_str()),
        (Some("approval_task"), Some("APPROVED"))
    );
    let (_, instance) = next(&mut sink).await;
    assert_eq!(
        (instance["type"].as_str(), instance["status"].as_str()),
        (Some("approval_instance"), Some("APPROVED"))
    );

    let other = call(&client, base, &context, &create_request(None))
        .await
        .expect("created");
    let other = other["instance_code"].as_str().expect("a code").to_owned();
    next(&mut sink).await;
    next(&mut sink).await;
    let cancel =
        body(json!({"approval_code": APPROVAL_CODE, "instance_code": other, "user_id": USER}));
    call(
        &client,
        base,
        &context,
        &instance_cancel::Request::new(cancel),
    )
    .await
    .expect("cancelled");
    let (_, instance) = next(&mut sink).await;
    assert_eq!(
        (
            instance["instance_code"].as_str(),
            instance["status"].as_str()
        ),
        (Some(other.as_str()), Some("CANCELED"))
    );

    assert!(sink.refused().is_empty(), "{:?}", sink.refused());
    // The sink queues an event before it answers; the mock counts it when the answer is in.
    settle(&mock, |c| c.events_delivered == 7).await;
    assert_eq!(mock.counters().events_failed, 0);
}

#[tokio::test]
async fn an_intake_with_another_key_refuses_them() {
    let mut sink = EventSink::start(Intake::with_encrypt_key("the app's real key"))
        .await
        .expect("binds");
    let mock = MockVendor::start(MockConfig::default().with_webhook(target(&sink, ENCRYPT_KEY)))
        .await
        .expect("binds");
    let client = reqwest::Client::new();
    let context = feishu_context(&feishu_token(&client, mock.base_url()).await);
    call(&client, mock.base_url(), &context, &create_request(None))
        .await
        .expect("created");
    settle(&mock, |c| c.events_failed == 2).await;
    assert_eq!(sink.refused().len(), 2);
    assert!(
        sink.next(Duration::ZERO).await.is_none(),
        "nothing was accepted"
    );
    assert!(
        sink.refused()[0].to_lowercase().contains("signature"),
        "{:?}",
        sink.refused()
    );
}
