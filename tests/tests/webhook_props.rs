//! Property tests of the webhook intake: arbitrary bodies and headers never panic, sealed
//! plaintexts always open, and well-formed envelopes always yield their own type and key.
//! Bounded case counts keep `cargo test` quick; every case goes through the public API.

use approval_api_runtime::webhook::{
    self, Intake, NONCE_HEADER, RawEvent, Received, SIGNATURE_HEADER, TIMESTAMP_HEADER,
};
use http::{HeaderMap, HeaderValue};
use proptest::prelude::*;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const KEY: &str = "property key";
const TOKEN: &str = "property token";
const NOW: u64 = 1_700_000_000;

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW)
}

fn intakes() -> [Intake; 3] {
    [
        Intake::with_verification_token(TOKEN),
        Intake::with_encrypt_key(KEY),
        Intake::with_encrypt_key(KEY).verification_token(TOKEN),
    ]
}

fn headers(timestamp: &[u8], nonce: &[u8], signature: &[u8]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in [
        (TIMESTAMP_HEADER, timestamp),
        (NONCE_HEADER, nonce),
        (SIGNATURE_HEADER, signature),
    ] {
        if let Ok(value) = HeaderValue::from_bytes(value) {
            headers.insert(name, value);
        }
    }
    headers
}

/// Byte edits applied to a document before it is sealed and signed, so that they reach the
/// decrypted-JSON stage.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Truncate(usize),
    Insert(usize, u8),
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len().max(1);
        match *edit {
            Edit::Flip(at, mask) => {
                if let Some(byte) = bytes.get_mut(at % len) {
                    *byte ^= mask;
                }
            }
            Edit::Truncate(at) => bytes.truncate(at % len),
            Edit::Insert(at, byte) => bytes.insert((at % len).min(bytes.len()), byte),
        }
    }
    bytes
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            (any::<usize>(), 1u8..).prop_map(|(at, mask)| Edit::Flip(at, mask)),
            any::<usize>().prop_map(Edit::Truncate),
            (
                any::<usize>(),
                prop::sample::select(b"{}[]\",:\\0 ntx".to_vec())
            )
                .prop_map(|(at, b)| Edit::Insert(at, b)),
        ],
        1..6,
    )
}

fn documents() -> Vec<String> {
    [
        "approval_instance.json",
        "approval_task.json",
        "approval_cc.json",
        "approval_approval_updated_v4.json",
        "envelope_v2.json",
        "url_verification.json",
    ]
    .iter()
    .map(|name| approval_tests::fixture(&format!("feishu/events/{name}")))
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bodies_and_headers_never_panic(
        body in prop::collection::vec(any::<u8>(), 0..300),
        timestamp in prop::collection::vec(any::<u8>(), 0..24),
        nonce in prop::collection::vec(any::<u8>(), 0..24),
        signature in prop::collection::vec(any::<u8>(), 0..80),
        seconds in any::<u64>(),
    ) {
        let headers = headers(&timestamp, &nonce, &signature);
        let now = UNIX_EPOCH.checked_add(Duration::from_secs(seconds % (1 << 40))).unwrap_or(UNIX_EPOCH);
        for intake in intakes() {
            let _ = intake.receive::<RawEvent>(&headers, &body, now);
            let _ = intake.receive::<RawEvent>(&HeaderMap::new(), &body, now);
        }
    }

    #[test]
    fn arbitrary_signed_encrypt_values_never_panic(value in "[A-Za-z0-9+/=\\\\\"u ]{0,120}", ts in 0u64..4_000_000_000) {
        let body = format!("{{\"encrypt\":\"{value}\"}}").into_bytes();
        let timestamp = ts.to_string();
        let signature = webhook::sign(timestamp.as_bytes(), b"n", KEY, &body);
        let headers = headers(timestamp.as_bytes(), b"n", signature.as_bytes());
        for intake in intakes() {
            let _ = intake.receive::<RawEvent>(&headers, &body, now());
        }
        let _ = webhook::decrypt(KEY, &value);
    }

    #[test]
    fn edited_documents_sealed_and_signed_never_panic(which in 0usize..6, edits in edits(), iv in any::<[u8; 16]>()) {
        let documents = documents();
        let plaintext = apply(documents[which % documents.len()].clone().into_bytes(), &edits);
        let (headers, body) = webhook::seal(&plaintext, KEY, NOW, "n", iv).unwrap();
        for intake in intakes() {
            let _ = intake.receive::<RawEvent>(&headers, &body, now());
        }
        // The same edits on the plain body, for the token-only intake.
        let _ = intakes()[0].receive::<RawEvent>(&HeaderMap::new(), &plaintext, now());
    }

    #[test]
    fn sealed_plaintext_always_decrypts_to_itself(plaintext in prop::collection::vec(any::<u8>(), 0..200), iv in any::<[u8; 16]>(), key in "\\PC{0,20}") {
        let body = webhook::encrypted_body(&plaintext, &key, iv);
        let wire: serde_json::Value = serde_json::from_slice(&body).unwrap();
        prop_assert_eq!(webhook::decrypt(&key, wire["encrypt"].as_str().unwrap()).unwrap(), plaintext);
    }

    #[test]
    fn well_formed_envelopes_yield_their_own_type_and_key(
        uuid in "\\PC{1,20}",
        event_type in "\\PC{1,20}",
        v2 in any::<bool>(),
        iv in any::<[u8; 16]>(),
    ) {
        let document = if v2 {
            serde_json::json!({"schema": "2.0", "header": {"event_id": uuid, "event_type": event_type, "token": TOKEN}, "event": {"n": 1}})
        } else {
            serde_json::json!({"uuid": uuid, "token": TOKEN, "type": "event_callback", "event": {"type": event_type, "n": 1}})
        };
        let plaintext = serde_json::to_vec(&document).unwrap();
        let (headers, body) = webhook::seal(&plaintext, KEY, NOW, "n", iv).unwrap();
        for (intake, headers, body) in [
            (&intakes()[0], &HeaderMap::new(), &plaintext),
            (&intakes()[2], &headers, &body),
        ] {
            let received = intake.receive::<RawEvent>(headers, body, now());
            let Ok(Received::Event(delivery)) = received else {
                return Err(TestCaseError::fail(format!("{received:?}")));
            };
            prop_assert_eq!(delivery.dedupe_key(), uuid.as_str());
            prop_assert_eq!(&delivery.event_type, &event_type);
            let event: serde_json::Value = delivery.event.decode().unwrap();
            prop_assert_eq!(&event, &document["event"]);
        }
    }
}
