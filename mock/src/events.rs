//! Feishu approval events: built from the event pages' examples, encrypted and signed with
//! `webhook::seal`, and posted in order by one delivery task.

use crate::config::WebhookTarget;
use crate::counters::CounterCell;
use crate::fixtures;
use approval_api_runtime::webhook::seal;
use serde_json::Value;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::mpsc;

/// A state change to announce.
#[derive(Debug, Clone)]
pub(crate) enum Event {
    /// `approval_instance`: an instance's status changed.
    Instance {
        approval_code: String,
        instance_code: String,
        status: &'static str,
        uuid: Option<String>,
    },
    /// `approval_task`: a task's status changed.
    Task {
        approval_code: String,
        instance_code: String,
        task_id: String,
        user_id: String,
        open_id: String,
        status: &'static str,
    },
}

/// Queues events for the delivery task.
#[derive(Debug, Clone)]
pub(crate) struct Outbox {
    queue: Option<mpsc::UnboundedSender<Event>>,
}

impl Outbox {
    /// Starts the delivery task when a webhook is configured.
    pub(crate) fn start(target: Option<WebhookTarget>, counters: Arc<CounterCell>) -> Self {
        let Some(target) = target else {
            return Self { queue: None };
        };
        let (queue, mut events) = mpsc::unbounded_channel::<Event>();
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut serial = 0_u64;
            while let Some(event) = events.recv().await {
                serial += 1;
                let delivered = deliver(&client, &target, &event, serial).await;
                counters.update(|c| {
                    if delivered {
                        c.events_delivered += 1;
                    } else {
                        c.events_failed += 1;
                    }
                });
            }
        });
        Self { queue: Some(queue) }
    }

    pub(crate) fn send(&self, event: Event) {
        if let Some(queue) = &self.queue {
            // The task ends only with the mock; an event sent while it stops is dropped.
            let _ = queue.send(event);
        }
    }
}

/// Posts one event; whether the webhook answered 2xx. Feishu retries failed deliveries over
/// hours; the mock does not (tests see the failure in the counters).
async fn deliver(
    client: &reqwest::Client,
    target: &WebhookTarget,
    event: &Event,
    serial: u64,
) -> bool {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let plaintext = envelope(event, &target.verification_token, serial, now).to_string();
    let nonce = format!("mock{serial:012}");
    let Ok((headers, body)) = seal(
        plaintext.as_bytes(),
        &target.encrypt_key,
        now.as_secs(),
        &nonce,
        iv(serial, now),
    ) else {
        return false;
    };
    client
        .post(&target.url)
        .headers(headers)
        .body(body)
        .send()
        .await
        .is_ok_and(|response| response.status().is_success())
}

/// The v1 envelope of the page's example with this event's values.
fn envelope(event: &Event, token: &str, serial: u64, now: std::time::Duration) -> Value {
    let (example, fields): (&str, Vec<(&str, Value)>) = match event {
        Event::Instance {
            approval_code,
            instance_code,
            status,
            uuid,
        } => (
            fixtures::FEISHU_INSTANCE_EVENT,
            vec![
                ("approval_code", approval_code.as_str().into()),
                ("instance_code", instance_code.as_str().into()),
                ("status", (*status).into()),
                ("uuid", uuid.clone().map_or(Value::Null, Value::from)),
                ("instance_operate_time", now.as_millis().to_string().into()),
            ],
        ),
        Event::Task {
            approval_code,
            instance_code,
            task_id,
            user_id,
            open_id,
            status,
        } => (
            fixtures::FEISHU_TASK_EVENT,
            vec![
                ("approval_code", approval_code.as_str().into()),
                ("instance_code", instance_code.as_str().into()),
                ("task_id", task_id.as_str().into()),
                ("user_id", user_id.as_str().into()),
                ("open_id", open_id.as_str().into()),
                ("status", (*status).into()),
            ],
        ),
    };
    // A fixture compiled in is valid JSON (tests/tests/webhook_fixtures.rs decodes it).
    let mut envelope: Value = serde_json::from_str(example).unwrap_or_default();
    envelope["ts"] = format!("{}.{:07}", now.as_secs(), now.subsec_nanos() / 100).into();
    envelope["uuid"] = format!(
        "{:032x}",
        (u128::from(serial) << 64) | (now.as_nanos() % (1 << 64))
    )
    .into();
    envelope["token"] = token.into();
    let payload = &mut envelope["event"];
    for (name, value) in fields {
        if value.is_null() {
            if let Some(object) = payload.as_object_mut() {
                object.remove(name);
            }
        } else {
            payload[name] = value;
        }
    }
    payload["operate_time"] = now.as_millis().to_string().into();
    envelope
}

/// A per-message IV. Not random: the mock encrypts for tests, not for secrecy.
fn iv(serial: u64, now: std::time::Duration) -> [u8; 16] {
    let mut iv = [0_u8; 16];
    iv[..8].copy_from_slice(&serial.to_le_bytes());
    iv[8..].copy_from_slice(&now.subsec_nanos().to_le_bytes().repeat(2));
    iv
}
