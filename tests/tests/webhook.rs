//! The Feishu webhook intake (`approval_api_runtime::webhook`): the page's decryption vector,
//! `url_verification`, and one test per rejection class, each through the public API.

use approval_api_runtime::webhook::{
    self, ACKNOWLEDGEMENT_BODY, Envelope, EnvelopeVersion, EventPayload, Intake, RawEvent,
    Received, SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookError,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderMap, HeaderValue};
use serde_json::value::RawValue;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const KEY: &str = "test key";
const TOKEN: &str = "41a9425ea7df4536a7623e38fa321bae";
const NOW_SECONDS: u64 = 1_700_000_000;
const NONCE: &str = "13124";
const IV: [u8; 16] = *b"0123456789abcdef";

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW_SECONDS)
}

fn approval_instance() -> String {
    approval_tests::fixture("feishu/events/approval_instance.json")
}

fn sealed(plaintext: &str, timestamp: u64) -> (HeaderMap, Vec<u8>) {
    webhook::seal(plaintext.as_bytes(), KEY, timestamp, NONCE, IV).expect("seals")
}

fn receive(
    intake: &Intake,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Received<RawEvent>, WebhookError> {
    intake.receive::<RawEvent>(headers, body, now())
}

fn event(received: Result<Received<RawEvent>, WebhookError>) -> webhook::Delivery<RawEvent> {
    match received {
        Ok(Received::Event(delivery)) => delivery,
        other => panic!("expected an event, got {other:?}"),
    }
}

/// A signed body whose `encrypt` value is `encrypt` (whatever it holds), with fresh headers.
fn signed_encrypt_value(encrypt: &str) -> (HeaderMap, Vec<u8>) {
    let body = format!("{{\"encrypt\":\"{encrypt}\"}}").into_bytes();
    (signed_headers(&body, NOW_SECONDS), body)
}

fn signed_headers(body: &[u8], timestamp: u64) -> HeaderMap {
    let timestamp = timestamp.to_string();
    let signature = webhook::sign(timestamp.as_bytes(), NONCE.as_bytes(), KEY, body);
    let mut headers = HeaderMap::new();
    headers.insert("X-Lark-Request-Timestamp", timestamp.parse().unwrap());
    headers.insert("X-Lark-Request-Nonce", NONCE.parse().unwrap());
    headers.insert("X-Lark-Signature", signature.parse().unwrap());
    headers
}

#[test]
fn the_pages_own_vector_decrypts() {
    let plain =
        webhook::decrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=").unwrap();
    assert_eq!(plain, b"hello world");
}

#[test]
fn a_sealed_event_opens_with_its_metadata_and_the_acknowledgement() {
    let intake = Intake::with_encrypt_key(KEY).verification_token(TOKEN);
    let (headers, body) = sealed(&approval_instance(), NOW_SECONDS);
    let received = receive(&intake, &headers, &body);
    let response = received.as_ref().unwrap().response_body();
    assert_eq!(response, ACKNOWLEDGEMENT_BODY);
    let delivery = event(received);
    assert_eq!(delivery.event_type, "approval_instance");
    assert_eq!(delivery.dedupe_key(), "bc447199585340d1f3728d26b1c0297a");
    assert_eq!(delivery.envelope.version(), EnvelopeVersion::V1);
    assert_eq!(
        delivery.envelope,
        Envelope::V1 {
            ts: Some("1502199207.7171419".into()),
            uuid: "bc447199585340d1f3728d26b1c0297a".into(),
            callback_type: Some("event_callback".into()),
        }
    );
    let status: serde_json::Value = delivery.event.decode().unwrap();
    assert_eq!(status["status"], "PENDING");
}

#[test]
fn url_verification_plain_is_answered_with_the_challenge() {
    let intake = Intake::with_verification_token("xxxxxx");
    let body = approval_tests::fixture("feishu/events/url_verification.json");
    let received = receive(&intake, &HeaderMap::new(), body.as_bytes()).unwrap();
    assert!(
        matches!(&received, Received::UrlVerification { challenge } if challenge == "ajls384kdjxxxx")
    );
    let answer: serde_json::Value = serde_json::from_slice(&received.response_body()).unwrap();
    let documented: serde_json::Value = serde_json::from_str(&approval_tests::fixture(
        "feishu/events/url_verification.response.json",
    ))
    .unwrap();
    assert_eq!(answer, documented);
}

#[test]
fn url_verification_encrypted_is_answered_signed_or_not() {
    let intake = Intake::with_encrypt_key(KEY).verification_token("xxxxxx");
    let plain = approval_tests::fixture("feishu/events/url_verification_decrypted.json");
    // The page leaves url_verification out of the signature check: no headers at all.
    let body = webhook::encrypted_body(plain.as_bytes(), KEY, IV);
    let received = receive(&intake, &HeaderMap::new(), &body).unwrap();
    assert_eq!(
        received.response_body(),
        br#"{"challenge":"ajls384kdjxxxx"}"#
    );
    // Signed, it is accepted as well.
    let (headers, body) = sealed(&plain, NOW_SECONDS);
    assert!(matches!(
        receive(&intake, &headers, &body),
        Ok(Received::UrlVerification { .. })
    ));
    // Its token is still checked.
    let other = Intake::with_encrypt_key(KEY).verification_token("other");
    assert_eq!(
        receive(&other, &headers, &body).unwrap_err(),
        WebhookError::TokenMismatch
    );
}

#[test]
fn rejects_a_tampered_body() {
    let intake = Intake::with_encrypt_key(KEY);
    let (headers, body) = sealed(&approval_instance(), NOW_SECONDS);
    let mut tampered = body.clone();
    let position = tampered.len() / 2;
    tampered[position] = if tampered[position] == b'A' {
        b'B'
    } else {
        b'A'
    };
    assert_eq!(
        receive(&intake, &headers, &tampered).unwrap_err(),
        WebhookError::SignatureMismatch
    );
    // Whitespace outside the JSON value counts too: the signature is over the raw bytes.
    let mut padded = body.clone();
    padded.push(b'\n');
    assert_eq!(
        receive(&intake, &headers, &padded).unwrap_err(),
        WebhookError::SignatureMismatch
    );
    assert!(receive(&intake, &headers, &body).is_ok());
}

#[test]
fn rejects_a_wrong_signature() {
    let intake = Intake::with_encrypt_key(KEY);
    let (mut headers, body) = sealed(&approval_instance(), NOW_SECONDS);
    let other = webhook::sign(
        NOW_SECONDS.to_string().as_bytes(),
        b"other nonce",
        KEY,
        &body,
    );
    headers.insert(SIGNATURE_HEADER, other.parse().unwrap());
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::SignatureMismatch
    );
    for garbage in ["", "zz", &"0".repeat(64), &"0".repeat(65)] {
        headers.insert(SIGNATURE_HEADER, HeaderValue::from_str(garbage).unwrap());
        assert_eq!(
            receive(&intake, &headers, &body).unwrap_err(),
            WebhookError::SignatureMismatch
        );
    }
    // The timestamp and nonce are covered: changing either breaks the signature.
    let (mut headers, body) = sealed(&approval_instance(), NOW_SECONDS);
    headers.insert(
        TIMESTAMP_HEADER,
        (NOW_SECONDS - 1).to_string().parse().unwrap(),
    );
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::SignatureMismatch
    );
}

#[test]
fn an_uppercase_signature_is_the_same_signature() {
    let intake = Intake::with_encrypt_key(KEY);
    let (mut headers, body) = sealed(&approval_instance(), NOW_SECONDS);
    let upper = headers[SIGNATURE_HEADER].to_str().unwrap().to_uppercase();
    headers.insert(SIGNATURE_HEADER, upper.parse().unwrap());
    assert!(receive(&intake, &headers, &body).is_ok());
}

#[test]
fn rejects_a_missing_signature() {
    let intake = Intake::with_encrypt_key(KEY);
    let (mut headers, body) = sealed(&approval_instance(), NOW_SECONDS);
    headers.remove(SIGNATURE_HEADER);
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::MissingSignature
    );
    let (mut headers, body) = sealed(&approval_instance(), NOW_SECONDS);
    headers.remove(TIMESTAMP_HEADER);
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::MissingHeader("X-Lark-Request-Timestamp")
    );
    let (mut headers, body) = sealed(&approval_instance(), NOW_SECONDS);
    headers.remove("x-lark-request-nonce");
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::MissingHeader("X-Lark-Request-Nonce")
    );
}

#[test]
fn an_unsigned_request_reveals_nothing_about_its_ciphertext() {
    let intake = Intake::with_encrypt_key(KEY);
    let no_headers = HeaderMap::new();
    let bad_padding = flip_padding(&sealed("hello world", NOW_SECONDS).1);
    for body in [
        br#"{"encrypt":"not base64!"}"#.to_vec(),
        br#"{"encrypt":"AAAAAAAAAAAAAAAAAAAAAA=="}"#.to_vec(),
        bad_padding,
        webhook::encrypted_body(b"hello world", KEY, IV),
        webhook::encrypted_body(approval_instance().as_bytes(), KEY, IV),
    ] {
        assert_eq!(
            receive(&intake, &no_headers, &body).unwrap_err(),
            WebhookError::MissingSignature
        );
    }
}

#[test]
fn rejects_a_stale_timestamp() {
    let intake = Intake::with_encrypt_key(KEY);
    let (headers, body) = sealed(&approval_instance(), NOW_SECONDS - 301);
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::StaleTimestamp {
            age_seconds: 301,
            window_seconds: 300
        }
    );
    let (headers, body) = sealed(&approval_instance(), NOW_SECONDS + 301);
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::StaleTimestamp {
            age_seconds: -301,
            window_seconds: 300
        }
    );
    // The window's edge is inside it.
    let (headers, body) = sealed(&approval_instance(), NOW_SECONDS - 300);
    assert!(receive(&intake, &headers, &body).is_ok());
    // Configurable, and can be switched off.
    let (headers, body) = sealed(&approval_instance(), NOW_SECONDS - 3600);
    let hour = Intake::with_encrypt_key(KEY).timestamp_window(Some(Duration::from_secs(3600)));
    assert!(receive(&hour, &headers, &body).is_ok());
    let (headers, body) = sealed(&approval_instance(), 0);
    let off = Intake::with_encrypt_key(KEY).timestamp_window(None);
    assert!(receive(&off, &headers, &body).is_ok());
}

#[test]
fn rejects_a_timestamp_that_is_not_whole_seconds() {
    let intake = Intake::with_encrypt_key(KEY);
    for timestamp in [
        "1700000000.5",
        "-1",
        "+1700000000",
        "17e8",
        "99999999999999999999",
        "",
    ] {
        let (_, body) = sealed(&approval_instance(), NOW_SECONDS);
        let signature = webhook::sign(timestamp.as_bytes(), NONCE.as_bytes(), KEY, &body);
        let mut headers = HeaderMap::new();
        headers.insert(TIMESTAMP_HEADER, HeaderValue::from_str(timestamp).unwrap());
        headers.insert("x-lark-request-nonce", NONCE.parse().unwrap());
        headers.insert(SIGNATURE_HEADER, signature.parse().unwrap());
        assert_eq!(
            receive(&intake, &headers, &body).unwrap_err(),
            WebhookError::InvalidTimestamp,
            "{timestamp}"
        );
    }
}

#[test]
fn rejects_a_wrong_key() {
    let (headers, body) = sealed(&approval_instance(), NOW_SECONDS);
    let intake = Intake::with_encrypt_key("another key");
    // The key is part of the signed text, so the signature check is what fails.
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::SignatureMismatch
    );
    // Decrypting with the wrong key alone fails on the padding.
    assert_eq!(
        webhook::decrypt(
            "another key",
            "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="
        )
        .unwrap_err(),
        WebhookError::BadPadding
    );
}

#[test]
fn rejects_bad_base64() {
    let intake = Intake::with_encrypt_key(KEY);
    for value in [
        "not base64!",
        "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk",
        "P37w-VZI",
    ] {
        let (headers, body) = signed_encrypt_value(value);
        assert_eq!(
            receive(&intake, &headers, &body).unwrap_err(),
            WebhookError::BadBase64,
            "{value}"
        );
    }
    // `encrypt` must be a string.
    let body = br#"{"encrypt":5}"#;
    assert_eq!(
        receive(&intake, &signed_headers(body, NOW_SECONDS), body).unwrap_err(),
        WebhookError::BadBase64
    );
    // The pages' two encrypted examples are placeholders, not base64.
    for fixture in ["encrypted.json", "url_verification_encrypted.json"] {
        let body = approval_tests::fixture(&format!("feishu/events/{fixture}"));
        let headers = signed_headers(body.as_bytes(), NOW_SECONDS);
        assert_eq!(
            receive(&intake, &headers, body.as_bytes()).unwrap_err(),
            WebhookError::BadBase64
        );
        assert_eq!(
            receive(&intake, &HeaderMap::new(), body.as_bytes()).unwrap_err(),
            WebhookError::MissingSignature
        );
    }
}

#[test]
fn rejects_short_and_misaligned_ciphertext() {
    let intake = Intake::with_encrypt_key(KEY);
    let (headers, body) = signed_encrypt_value(&STANDARD.encode([0u8; 16]));
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::CiphertextTooShort { len: 16 }
    );
    let (headers, body) = signed_encrypt_value("");
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::CiphertextTooShort { len: 0 }
    );
    let (headers, body) = signed_encrypt_value(&STANDARD.encode([0u8; 40]));
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::CiphertextMisaligned { len: 40 }
    );
}

/// Flips a bit of the IV's last byte so that the single block's padding byte (0x05 for the 11
/// bytes of `hello world`) becomes 0x02 while the byte before it stays 0x05: bad PKCS#7.
fn flip_padding(sealed_body: &[u8]) -> Vec<u8> {
    let wire: serde_json::Value = serde_json::from_slice(sealed_body).unwrap();
    let mut data = STANDARD.decode(wire["encrypt"].as_str().unwrap()).unwrap();
    assert_eq!(data.len(), 32, "IV and one block");
    data[15] ^= 0x05 ^ 0x02;
    format!("{{\"encrypt\":\"{}\"}}", STANDARD.encode(data)).into_bytes()
}

#[test]
fn rejects_bad_padding() {
    let intake = Intake::with_encrypt_key(KEY);
    let body = flip_padding(&sealed("hello world", NOW_SECONDS).1);
    let headers = signed_headers(&body, NOW_SECONDS);
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::BadPadding
    );
    // Unflipped, the same ciphertext decrypts (to text that is not JSON).
    let (headers, body) = sealed("hello world", NOW_SECONDS);
    assert_eq!(
        receive(&intake, &headers, &body).unwrap_err(),
        WebhookError::DecryptedNotJson { line: 1, column: 1 }
    );
}

#[test]
fn rejects_a_wrong_or_missing_token() {
    let plain = Intake::with_verification_token(TOKEN);
    let body = approval_instance().replace(TOKEN, "0000");
    assert_eq!(
        receive(&plain, &HeaderMap::new(), body.as_bytes()).unwrap_err(),
        WebhookError::TokenMismatch
    );
    let body = approval_instance().replace(&format!("\"token\": \"{TOKEN}\","), "");
    assert_eq!(
        receive(&plain, &HeaderMap::new(), body.as_bytes()).unwrap_err(),
        WebhookError::MissingToken
    );
    let body = approval_instance().replace(&format!("\"{TOKEN}\""), "42");
    assert_eq!(
        receive(&plain, &HeaderMap::new(), body.as_bytes()).unwrap_err(),
        WebhookError::TokenMismatch
    );
    // A prefix of the token is not the token.
    let body = approval_instance().replace(TOKEN, &TOKEN[..10]);
    assert_eq!(
        receive(&plain, &HeaderMap::new(), body.as_bytes()).unwrap_err(),
        WebhookError::TokenMismatch
    );
    // v2: `header.token`.
    let v2 = approval_tests::fixture("feishu/events/approval_approval_updated_v4.json");
    let intake = Intake::with_verification_token("ijuh4XAlBSRUIwhBFtLDSfWnIC61234");
    assert!(receive(&intake, &HeaderMap::new(), v2.as_bytes()).is_ok());
    let intake = Intake::with_verification_token(TOKEN);
    assert_eq!(
        receive(&intake, &HeaderMap::new(), v2.as_bytes()).unwrap_err(),
        WebhookError::TokenMismatch
    );
    // Encrypted: the token inside the plaintext is checked when one is configured.
    let (headers, body) = sealed(&approval_instance().replace(TOKEN, "0000"), NOW_SECONDS);
    let encrypted = Intake::with_encrypt_key(KEY).verification_token(TOKEN);
    assert_eq!(
        receive(&encrypted, &headers, &body).unwrap_err(),
        WebhookError::TokenMismatch
    );
    assert!(receive(&Intake::with_encrypt_key(KEY), &headers, &body).is_ok());
}

#[test]
fn rejects_a_body_that_is_not_json() {
    let intake = Intake::with_verification_token(TOKEN);
    for body in [
        &b"hello"[..],
        b"[1,2]",
        b"\"text\"",
        b"{\"token\":",
        b"\xff\xfe",
        b" ",
    ] {
        assert!(
            matches!(
                receive(&intake, &HeaderMap::new(), body),
                Err(WebhookError::NotJson { .. })
            ),
            "{body:?}"
        );
    }
    // Duplicate keys are malformed, not a choice between two tokens.
    let body = format!(r#"{{"token":"{TOKEN}","token":"x","uuid":"u","event":{{"type":"t"}}}}"#);
    assert!(matches!(
        receive(&intake, &HeaderMap::new(), body.as_bytes()),
        Err(WebhookError::NotJson { .. })
    ));
}

#[test]
fn rejects_an_empty_body() {
    for intake in [
        Intake::with_verification_token(TOKEN),
        Intake::with_encrypt_key(KEY),
    ] {
        assert_eq!(
            receive(&intake, &HeaderMap::new(), b"").unwrap_err(),
            WebhookError::EmptyBody
        );
    }
}

#[test]
fn rejects_plain_bodies_with_a_key_and_encrypted_bodies_without() {
    let encrypted = Intake::with_encrypt_key(KEY);
    let body = approval_instance();
    let headers = signed_headers(body.as_bytes(), NOW_SECONDS);
    assert_eq!(
        receive(&encrypted, &headers, body.as_bytes()).unwrap_err(),
        WebhookError::NotEncrypted
    );
    let (headers, body) = sealed(&approval_instance(), NOW_SECONDS);
    let plain = Intake::with_verification_token(TOKEN);
    assert_eq!(
        receive(&plain, &headers, &body).unwrap_err(),
        WebhookError::EncryptedWithoutKey
    );
}

#[test]
fn rejects_bodies_that_are_no_documented_envelope() {
    let intake = Intake::with_verification_token(TOKEN);
    for body in [
        r#"{}"#,
        r#"{"uuid":"u","token":"41a9425ea7df4536a7623e38fa321bae"}"#,
        r#"{"uuid":"u","event":{}}"#,
        r#"{"uuid":7,"event":{"type":"t"}}"#,
        r#"{"schema":"2.0","event":{}}"#,
        r#"{"schema":"2.0","header":{"event_type":"t"},"event":{}}"#,
        r#"{"schema":"2.0","header":{"event_id":"e"},"event":{}}"#,
        r#"{"schema":"2.0","header":{"event_id":"e","event_type":"t"}}"#,
        r#"{"type":"url_verification","token":"41a9425ea7df4536a7623e38fa321bae"}"#,
    ] {
        assert!(
            matches!(
                receive(&intake, &HeaderMap::new(), body.as_bytes()),
                Err(WebhookError::BadEnvelope(_))
            ),
            "{body}"
        );
    }
}

/// A typed decoder chosen by event type, as a generated `Event` enum will be.
#[derive(Debug)]
enum Typed {
    Instance { status: String },
    Other(Box<RawValue>),
}

impl EventPayload for Typed {
    type Error = serde_json::Error;
    fn decode(event_type: &str, event: &RawValue) -> Result<Self, serde_json::Error> {
        #[derive(serde::Deserialize)]
        struct Instance {
            status: String,
        }
        Ok(match event_type {
            "approval_instance" => Self::Instance {
                status: serde_json::from_str::<Instance>(event.get())?.status,
            },
            _ => Self::Other(event.to_owned()),
        })
    }
}

#[test]
fn a_typed_payload_decodes_and_its_failure_is_a_payload_error() {
    let intake = Intake::with_verification_token(TOKEN);
    let body = approval_instance();
    let received = intake
        .receive::<Typed>(&HeaderMap::new(), body.as_bytes(), now())
        .unwrap();
    assert!(
        matches!(received, Received::Event(d) if matches!(&d.event, Typed::Instance { status } if status == "PENDING"))
    );
    let body = approval_instance().replace("\"status\": \"PENDING\"", "\"status\": 3");
    let error = intake
        .receive::<Typed>(&HeaderMap::new(), body.as_bytes(), now())
        .unwrap_err();
    assert!(
        matches!(&error, WebhookError::Payload(message) if message.contains("status") || message.contains("string")),
        "{error}"
    );
    let task = approval_tests::fixture("feishu/events/approval_task.json");
    let received = intake
        .receive::<Typed>(&HeaderMap::new(), task.as_bytes(), now())
        .unwrap();
    assert!(
        matches!(received, Received::Event(d) if matches!(&d.event, Typed::Other(raw) if raw.get().contains("\"approval_task\"")))
    );
}

#[test]
fn errors_name_their_check_and_never_a_secret() {
    let cases = [
        (WebhookError::EmptyBody, "body"),
        (WebhookError::NotJson { line: 1, column: 2 }, "JSON"),
        (WebhookError::NotEncrypted, "encrypt"),
        (WebhookError::EncryptedWithoutKey, "encrypt"),
        (
            WebhookError::MissingHeader("X-Lark-Request-Nonce"),
            "X-Lark-Request-Nonce",
        ),
        (WebhookError::MissingSignature, "signature"),
        (WebhookError::SignatureMismatch, "signature"),
        (WebhookError::InvalidTimestamp, "timestamp"),
        (
            WebhookError::StaleTimestamp {
                age_seconds: 301,
                window_seconds: 300,
            },
            "timestamp",
        ),
        (WebhookError::BadBase64, "base64"),
        (WebhookError::CiphertextTooShort { len: 3 }, "shorter"),
        (WebhookError::CiphertextMisaligned { len: 40 }, "16-byte"),
        (WebhookError::BadPadding, "padding"),
        (
            WebhookError::DecryptedNotJson { line: 1, column: 1 },
            "plaintext",
        ),
        (WebhookError::MissingToken, "token"),
        (WebhookError::TokenMismatch, "token"),
        (
            WebhookError::BadEnvelope("`uuid` is not a string"),
            "envelope",
        ),
    ];
    for (error, names) in cases {
        let text = error.to_string();
        assert!(text.contains(names), "{text:?} should name {names:?}");
        let _: &dyn std::error::Error = &error;
    }
    // Errors produced by real requests carry neither the key nor the token.
    let intake = Intake::with_encrypt_key(KEY).verification_token(TOKEN);
    let (headers, body) = sealed(&approval_instance().replace(TOKEN, "0000"), NOW_SECONDS);
    let error = receive(&intake, &headers, &body).unwrap_err();
    for shown in [
        format!("{error}"),
        format!("{error:?}"),
        format!("{intake:?}"),
    ] {
        assert!(
            !shown.contains(KEY) && !shown.contains(TOKEN) && !shown.contains("0000"),
            "{shown}"
        );
    }
    assert!(format!("{intake:?}").contains("redacted"));
}

/// The README's mounting example is the module's doctest (its visible lines), so the README
/// shows code that compiles and runs.
#[test]
fn the_readme_example_is_the_compiled_doctest() {
    let root = approval_tests::workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let section = &readme[readme.find("## Receiving Feishu events").expect("section")..];
    let block = section[section.find("```rust\n").expect("example") + 8..]
        .split("\n```")
        .next()
        .unwrap();
    let module = std::fs::read_to_string(root.join("codegen/runtime/src/webhook/mod.rs")).unwrap();
    let docs: Vec<&str> = module
        .lines()
        .filter_map(|line| line.strip_prefix("//!"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    let start = docs
        .iter()
        .position(|line| *line == "```rust")
        .expect("doctest")
        + 1;
    let end = start
        + docs[start..]
            .iter()
            .position(|line| *line == "```")
            .unwrap();
    let visible: Vec<&str> = docs[start..end]
        .iter()
        .copied()
        .filter(|line| !line.starts_with("# "))
        .collect();
    assert_eq!(block, visible.join("\n"));
}
