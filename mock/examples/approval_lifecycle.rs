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
//! Calls go through the runtime's async client (feature `client`): a tenant access token from
//! the generated Feishu token issuer, cached and refreshed by `TokenCredentials`; retries that
//! honour Feishu's rate-limit and "try again later" codes; the create's `uuid` generated once
//! and kept across retries.

use approval_api::feishu::{
    self, auth_tenant_access_token, instance_cancel, instance_create, instance_get, task_approve,
    types,
};
use approval_api::runtime::Secret;
use approval_api::runtime::client::{Client, TokenCredentials};
use approval_api_mock::{EventSink, MockConfig, MockVendor, WebhookTarget};
use approval_api_runtime::webhook::Intake;
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
            run(&target, None).await
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
            run(&target, Some(&mut sink)).await?;
            // The cancel's event is posted after its answer; let it land before counting.
            while sink.next(Duration::from_millis(200)).await.is_some() {}
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

async fn run(target: &Target, events: Option<&mut EventSink>) -> Result<()> {
    // The token is the cache key's app; the secret stays in the issuer's request.
    let issuer = feishu::client::token_issuer(
        auth_tenant_access_token::Request::new(types::TenantAccessTokenBody::new(
            target.app_id.clone(),
            Secret::new(target.app_secret.clone()),
        )),
        format!("feishu:{}", target.app_id),
    );
    let client = Client::builder(
        target.base_url.clone(),
        TokenCredentials::new(issuer, feishu::client::context),
    )
    .codes(feishu::client::CODES)
    .timeout(Duration::from_secs(30))
    .build()?;
    println!("1. client ready (the tenant access token comes with the first call)");

    let first = create(&client, target).await?;
    println!("2. created instance {first}");

    let task_id = match events {
        Some(sink) => loop {
            let delivery = sink
                .next(Duration::from_secs(10))
                .await
                .ok_or("no approval event within 10 s")?;
            let event = json_of(&feishu::Event::parse(
                &delivery.event_type,
                delivery.event.get(),
            )?)?;
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
            let instance = get(&client, &first).await?;
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
    client.send(task_approve::Request::new(approve)).await?;
    println!("4. task approved");

    let instance = get(&client, &first).await?;
    println!("5. instance {first} is {}", instance["status"]);

    let second = create(&client, target).await?;
    let cancel: types::InstanceCancelBody = serde_json::from_value(json!({
        "approval_code": target.approval_code,
        "instance_code": second,
        "user_id": target.user_id,
    }))?;
    client.send(instance_cancel::Request::new(cancel)).await?;
    let instance = get(&client, &second).await?;
    println!("6. second instance {second} is {}", instance["status"]);
    Ok(())
}

async fn create(client: &Client<feishu::Context>, target: &Target) -> Result<String> {
    let body: types::InstanceCreateBody = serde_json::from_value(json!({
        "approval_code": target.approval_code,
        "user_id": target.user_id,
        "form": target.form,
    }))?;
    // No uuid set: the client generates one and keeps it for every retry.
    let created = json_of(&client.send(instance_create::Request::new(body)).await?)?;
    Ok(created["instance_code"]
        .as_str()
        .ok_or("no instance_code")?
        .to_owned())
}

async fn get(client: &Client<feishu::Context>, id: &str) -> Result<Value> {
    json_of(
        &client
            .send(instance_get::Request::new(id.to_owned().into()))
            .await?,
    )
}

/// A typed payload as JSON, to print the fields the steps name.
fn json_of(payload: &impl serde::Serialize) -> Result<Value> {
    Ok(serde_json::to_value(payload)?)
}
