//! The approval lifecycle end to end: create an instance, wait for its approval event (opened by
//! the runtime's `webhook::Intake`), approve the task, read the instance back, and cancel a
//! second instance.
//!
//! By default it runs against the embedded mock vendor on 127.0.0.1, with a local event
//! listener as the app's request URL:
//!
//! ```sh
//! cargo run --example approval_lifecycle
//! ```
//!
//! With `FEISHU_APP_ID`, `FEISHU_APP_SECRET` and `FEISHU_APPROVAL_CODE` set it runs against
//! Feishu itself (`FEISHU_USER_ID`: the initiator, who must also approve the first node;
//! `FEISHU_FORM`: the form JSON your definition needs, else the create page's example). Feishu
//! cannot reach a listener on this machine, so there it reads the task from `instance_get`
//! instead of waiting for the event.
//!
//! HTTP goes through reqwest and the generated crate's `http` glue.

use approval_api::feishu::{
    self, auth_tenant_access_token, instance_cancel, instance_create, instance_get, task_approve,
    types,
};
use approval_api::runtime::http::HttpRequestExt;
use approval_api::runtime::{Endpoint, Secret};
use approval_api_mock::{EventSink, MockConfig, MockVendor, WebhookTarget};
use approval_api_runtime::webhook::Intake;
use serde::Serialize;
use serde_json::{Value, json};
use std::error::Error;
use std::time::Duration;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Where the calls go and as whom.
struct Target {
    base_url: String,
    app_id: String,
    app_secret: String,
    approval_code: String,
    user_id: String,
    form: String,
}

/// The create page's example values.
const EXAMPLE_APPROVAL: &str = "4202AD96-9EC1-4284-9C48-B923CDC4F30B";
const EXAMPLE_USER: &str = "59a92c4a";
const EXAMPLE_FORM: &str = r#"[{"id":"111","type":"input","value":"11111"}]"#;

#[tokio::main]
async fn main() -> Result<()> {
    let feishu_env = ["FEISHU_APP_ID", "FEISHU_APP_SECRET", "FEISHU_APPROVAL_CODE"]
        .map(|name| std::env::var(name).ok());
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()?;
    match feishu_env {
        [Some(app_id), Some(app_secret), Some(approval_code)] => {
            println!("Running against Feishu ({})", feishu::BASE_URL);
            let target = Target {
                base_url: feishu::BASE_URL.to_owned(),
                app_id,
                app_secret,
                approval_code,
                user_id: std::env::var("FEISHU_USER_ID")
                    .unwrap_or_else(|_| EXAMPLE_USER.to_owned()),
                form: std::env::var("FEISHU_FORM").unwrap_or_else(|_| EXAMPLE_FORM.to_owned()),
            };
            run(&client, &target, None).await
        }
        _ => {
            let (encrypt_key, verification_token) =
                ("example encrypt key", "example-verification-token");
            let mut sink = EventSink::start(
                Intake::with_encrypt_key(encrypt_key).verification_token(verification_token),
            )
            .await?;
            let config = MockConfig::default().with_webhook(WebhookTarget {
                url: sink.url().to_owned(),
                encrypt_key: encrypt_key.to_owned(),
                verification_token: verification_token.to_owned(),
            });
            let mock = MockVendor::start(config.clone()).await?;
            println!(
                "Running against the mock vendor at {} (events to {})",
                mock.base_url(),
                sink.url()
            );
            let target = Target {
                base_url: mock.base_url().to_owned(),
                app_id: config.feishu_app.app_id,
                app_secret: config.feishu_app.app_secret,
                approval_code: EXAMPLE_APPROVAL.to_owned(),
                user_id: EXAMPLE_USER.to_owned(),
                form: EXAMPLE_FORM.to_owned(),
            };
            run(&client, &target, Some(&mut sink)).await?;
            let counters = mock.counters();
            println!(
                "Mock served {} token request(s), created {} instance(s), delivered {} event(s)",
                counters.token_requests, counters.instances_created, counters.events_delivered
            );
            mock.shutdown().await;
            Ok(())
        }
    }
}

async fn run(
    client: &reqwest::Client,
    target: &Target,
    events: Option<&mut EventSink>,
) -> Result<()> {
    let token_request = auth_tenant_access_token::Request::new(types::TenantAccessTokenBody::new(
        target.app_id.clone(),
        Secret::new(target.app_secret.clone()),
    ));
    let answer = send(client, &target.base_url, &(), &token_request).await?;
    auth_tenant_access_token::Request::from_http_response(&answer)?;
    let token: types::TenantAccessTokenResponse = serde_json::from_slice(answer.body())?;
    let token = token
        .tenant_access_token
        .ok_or("the token call answered no token")?;
    let context = feishu::Context::new(Secret::new(format!("Bearer {}", token.expose())));
    println!("1. tenant access token obtained");

    let first = create(client, target, &context).await?;
    println!("2. created instance {first}");

    let task_id = match events {
        Some(sink) => loop {
            let delivery = sink
                .next(Duration::from_secs(10))
                .await
                .ok_or("no approval event within 10 s")?;
            let event: Value = delivery.event.decode()?;
            println!(
                "   event {} {} ({})",
                delivery.event_type,
                event["status"],
                delivery.dedupe_key()
            );
            if delivery.event_type == "approval_task" && event["instance_code"] == first.as_str() {
                break event["task_id"]
                    .as_str()
                    .ok_or("a task event without task_id")?
                    .to_owned();
            }
        },
        None => {
            let instance = call(
                client,
                target,
                &context,
                &instance_get::Request::new(first.clone().into()),
            )
            .await?;
            instance["task_list"][0]["id"]
                .as_str()
                .ok_or("the instance has no task")?
                .to_owned()
        }
    };
    println!("3. pending task {task_id}");

    let approve: types::TaskActionBody = serde_json::from_value(json!({
        "approval_code": target.approval_code,
        "instance_code": first,
        "user_id": target.user_id,
        "task_id": task_id,
        "comment": "approved by the approval_lifecycle example",
    }))?;
    call(
        client,
        target,
        &context,
        &task_approve::Request::new(approve),
    )
    .await?;
    println!("4. task approved");

    let instance = call(
        client,
        target,
        &context,
        &instance_get::Request::new(first.clone().into()),
    )
    .await?;
    println!("5. instance {first} is {}", instance["status"]);

    let second = create(client, target, &context).await?;
    let cancel: types::InstanceCancelBody = serde_json::from_value(json!({
        "approval_code": target.approval_code,
        "instance_code": second,
        "user_id": target.user_id,
    }))?;
    call(
        client,
        target,
        &context,
        &instance_cancel::Request::new(cancel),
    )
    .await?;
    let instance = call(
        client,
        target,
        &context,
        &instance_get::Request::new(second.clone().into()),
    )
    .await?;
    println!("6. second instance {second} is {}", instance["status"]);
    Ok(())
}

async fn create(
    client: &reqwest::Client,
    target: &Target,
    context: &feishu::Context,
) -> Result<String> {
    let body: types::InstanceCreateBody = serde_json::from_value(json!({
        "approval_code": target.approval_code,
        "user_id": target.user_id,
        "form": target.form,
    }))?;
    let created = call(
        client,
        target,
        context,
        &instance_create::Request::new(body),
    )
    .await?;
    Ok(created["instance_code"]
        .as_str()
        .ok_or("no instance_code")?
        .to_owned())
}

/// Sends a request and decodes the answer with the generated types; the payload as JSON.
async fn call<E>(
    client: &reqwest::Client,
    target: &Target,
    context: &E::Context,
    request: &E,
) -> Result<Value>
where
    E: Endpoint,
    E::Response: Serialize,
    E::Error: approval_api::runtime::VendorErrorInfo + Error + 'static,
{
    let answer = send(client, &target.base_url, context, request).await?;
    Ok(serde_json::to_value(E::from_http_response(&answer)?)?)
}

/// One request through the `http` glue and reqwest.
async fn send<E: Endpoint>(
    client: &reqwest::Client,
    base_url: &str,
    context: &E::Context,
    request: &E,
) -> Result<http::Response<Vec<u8>>> {
    let request = reqwest::Request::try_from(
        request
            .to_http_request(base_url, context)?
            .map(reqwest::Body::from),
    )?;
    let response = client.execute(request).await?;
    let mut answer = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        answer = answer.header(name, value);
    }
    Ok(answer.body(response.bytes().await?.to_vec())?)
}
