//! Every example event of the Feishu event pages (`tests/fixtures/feishu/events/`) through the
//! webhook intake as `RawEvent`, plain and sealed, and the fixture corrections checked.

use approval_api_runtime::webhook::{self, Envelope, EnvelopeVersion, Intake, RawEvent, Received};
use http::HeaderMap;
use serde_json::Value;
use std::time::{Duration, UNIX_EPOCH};

/// (fixture, envelope, event type, dedupe key), read off the pages.
const EVENTS: &[(&str, EnvelopeVersion, &str, &str)] = &[
    (
        "approval_instance.json",
        EnvelopeVersion::V1,
        "approval_instance",
        "bc447199585340d1f3728d26b1c0297a",
    ),
    (
        "approval_task.json",
        EnvelopeVersion::V1,
        "approval_task",
        "bc447199585340d1f3728d26b1c0297a",
    ),
    (
        "approval_cc.json",
        EnvelopeVersion::V1,
        "approval_cc",
        "bc447199585340d1f3728d26b1c0297a",
    ),
    (
        "approval_approval_updated_v4.json",
        EnvelopeVersion::V2,
        "approval.approval.updated_v4",
        "b53e80a132ec090ba249a8bb74da0123",
    ),
    (
        "envelope_v1.json",
        EnvelopeVersion::V1,
        "p2p_chat_create",
        "bc447199585340d1f3728d26b1c0297a",
    ),
    (
        "envelope_v2.json",
        EnvelopeVersion::V2,
        "contact.user_group.created_v3",
        "f7984f25108f8137722bb63cee927e66",
    ),
];

const KEY: &str = "fixture encrypt key";
const NOW: u64 = 1_749_205_897;

fn fixture(name: &str) -> String {
    approval_tests::fixture(&format!("feishu/events/{name}"))
}

/// The verification token the fixture carries (v1 `token`, v2 `header.token`).
fn token_of(document: &Value) -> String {
    document
        .get("token")
        .or_else(|| document["header"].get("token"))
        .and_then(Value::as_str)
        .expect("every example carries a token")
        .to_owned()
}

fn check(
    name: &str,
    received: Received<RawEvent>,
    document: &Value,
    version: EnvelopeVersion,
    event_type: &str,
    key: &str,
) {
    let Received::Event(delivery) = received else {
        panic!("{name}: not an event");
    };
    assert_eq!(delivery.envelope.version(), version, "{name}");
    assert_eq!(delivery.event_type, event_type, "{name}");
    assert_eq!(delivery.dedupe_key(), key, "{name}");
    let event: Value = delivery.event.decode().expect("kept JSON parses");
    assert_eq!(
        event, document["event"],
        "{name}: the event comes out equal"
    );
    if let Envelope::V2 {
        schema,
        create_time,
        app_id,
        ..
    } = &delivery.envelope
    {
        assert_eq!(schema, "2.0");
        assert_eq!(
            create_time.as_deref(),
            document["header"]["create_time"].as_str(),
            "{name}"
        );
        assert_eq!(
            app_id.as_deref(),
            document["header"]["app_id"].as_str(),
            "{name}"
        );
    }
}

#[test]
fn every_page_event_goes_through_the_plain_intake_unchanged() {
    for &(name, version, event_type, key) in EVENTS {
        let body = fixture(name);
        let document: Value = serde_json::from_str(&body).unwrap();
        let intake = Intake::with_verification_token(token_of(&document));
        let received = intake
            .receive::<RawEvent>(&HeaderMap::new(), body.as_bytes(), UNIX_EPOCH)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Received::Event(delivery) = &received {
            // Kept byte for byte: the exact text of the body's `event` value.
            assert!(body.contains(delivery.event.get()), "{name}: raw text kept");
        }
        check(name, received, &document, version, event_type, key);
    }
}

#[test]
fn every_page_event_sealed_then_opened_comes_out_equal() {
    for (index, &(name, version, event_type, key)) in EVENTS.iter().enumerate() {
        let body = fixture(name);
        let document: Value = serde_json::from_str(&body).unwrap();
        let iv = [u8::try_from(index).unwrap(); 16];
        let (headers, sealed) = webhook::seal(body.as_bytes(), KEY, NOW, "nonce-1", iv).unwrap();
        let intake = Intake::with_encrypt_key(KEY).verification_token(token_of(&document));
        let now = UNIX_EPOCH + Duration::from_secs(NOW + 10);
        let received = intake
            .receive::<RawEvent>(&headers, &sealed, now)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        check(name, received, &document, version, event_type, key);
    }
}

#[test]
fn the_documented_url_verification_requests_are_answered() {
    let expected: Value = serde_json::from_str(&fixture("url_verification.response.json")).unwrap();
    for name in ["url_verification.json", "url_verification_decrypted.json"] {
        let body = fixture(name);
        let intake = Intake::with_verification_token("xxxxxx");
        let received = intake
            .receive::<RawEvent>(&HeaderMap::new(), body.as_bytes(), UNIX_EPOCH)
            .unwrap();
        let answer: Value = serde_json::from_slice(&received.response_body()).unwrap();
        assert_eq!(answer, expected, "{name}");
        // Encrypted without signature headers, as the page sends it.
        let intake = Intake::with_encrypt_key(KEY).verification_token("xxxxxx");
        let encrypted = webhook::encrypted_body(body.as_bytes(), KEY, [9; 16]);
        let received = intake
            .receive::<RawEvent>(&HeaderMap::new(), &encrypted, UNIX_EPOCH)
            .unwrap();
        let answer: Value = serde_json::from_slice(&received.response_body()).unwrap();
        assert_eq!(answer, expected, "{name}, encrypted");
    }
}

/// The page's `// …` comments removed with the spaces before them, line by line.
fn strip_comments(text: &str) -> String {
    text.split('\n')
        .map(|line| match line.find("//") {
            Some(at) => line[..at].trim_end(),
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn corrections_are_exactly_the_documented_ones() {
    let original = fixture("approval_approval_updated_v4.original.txt");
    assert!(
        serde_json::from_str::<Value>(&original).is_err(),
        "the capture is invalid JSON"
    );
    let corrected = original
        .replacen("\"d6ae59e175fxxx\"\n", "\"d6ae59e175fxxx\",\n", 1)
        .replacen(
            "\"1502199207.7171419\"\u{ff0c}\n",
            "\"1502199207.7171419\"\n",
            1,
        );
    assert_ne!(corrected, original);
    assert_eq!(corrected, fixture("approval_approval_updated_v4.json"));

    let original = fixture("envelope_v2.original.txt");
    assert!(serde_json::from_str::<Value>(&original).is_err());
    let corrected = original.replacen("\"cli_xxxxxxxx\",\n    },", "\"cli_xxxxxxxx\"\n    },", 1);
    assert_ne!(corrected, original);
    assert_eq!(corrected, fixture("envelope_v2.json"));

    for name in [
        "url_verification",
        "url_verification_decrypted",
        "url_verification_encrypted",
    ] {
        let original = fixture(&format!("{name}.original.txt"));
        assert!(serde_json::from_str::<Value>(&original).is_err(), "{name}");
        assert_eq!(
            strip_comments(&original),
            fixture(&format!("{name}.json")),
            "{name}"
        );
    }
    // The two url_verification requests of the page are the same document.
    let plain: Value = serde_json::from_str(&fixture("url_verification.json")).unwrap();
    let decrypted: Value =
        serde_json::from_str(&fixture("url_verification_decrypted.json")).unwrap();
    assert_eq!(plain, decrypted);
}

#[test]
fn the_fixtures_without_an_original_are_valid_json_as_captured() {
    for name in EVENTS
        .iter()
        .map(|e| e.0)
        .chain(["encrypted.json", "url_verification.response.json"])
    {
        let original = std::path::Path::new(name).with_extension("original.txt");
        let has_original = approval_tests::workspace_root()
            .join("tests/fixtures/feishu/events")
            .join(&original)
            .exists();
        if !has_original {
            serde_json::from_str::<Value>(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
