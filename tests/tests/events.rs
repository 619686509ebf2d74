//! The generated Feishu `Event`: every example event of the approval event pages
//! (`tests/fixtures/feishu/events/`) decodes into its typed variant and serializes back to the
//! same text; the pages' other examples (event types the spec does not list) are `Unknown` with
//! their JSON kept; a payload that does not fit is a typed error with its path (`parse`) or
//! `Unfit` (`from_raw`, the intake); and the intake decodes sealed events end to end.

use approval_api::feishu::Event;
use approval_api::feishu::types::{CcEventOperate, InstanceEventStatus, TaskEventStatus};
use approval_api::runtime::event::EnvelopeVersion;
use approval_api::runtime::webhook::{self, Intake, Received};
use approval_api::runtime::{EpochMillis, Lenient};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::time::{Duration, UNIX_EPOCH};

/// The approval events' fixtures: (file, event type, envelope).
const APPROVAL_EVENTS: &[(&str, &str, EnvelopeVersion)] = &[
    (
        "approval_instance.json",
        "approval_instance",
        EnvelopeVersion::V1,
    ),
    ("approval_task.json", "approval_task", EnvelopeVersion::V1),
    ("approval_cc.json", "approval_cc", EnvelopeVersion::V1),
    (
        "approval_approval_updated_v4.json",
        "approval.approval.updated_v4",
        EnvelopeVersion::V2,
    ),
];

fn fixture(name: &str) -> String {
    approval_tests::fixture(&format!("feishu/events/{name}"))
}

/// The body's `event` object as written, byte for byte.
fn event_text(body: &str) -> String {
    #[derive(Deserialize)]
    struct Body<'a> {
        #[serde(borrow)]
        event: &'a RawValue,
    }
    let body: Body<'_> = serde_json::from_str(body).expect("fixture has an event");
    body.event.get().to_owned()
}

/// `text` without the whitespace between tokens (strings kept as written), so a compact
/// re-encoding can be compared with it exactly, key order included.
fn minified(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_approval_event_example_decodes_typed_and_round_trips_exactly() {
    for &(name, event_type, envelope) in APPROVAL_EVENTS {
        let text = event_text(&fixture(name));
        let event = Event::parse(event_type, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            !matches!(event, Event::Unknown(_) | Event::Unfit(_)),
            "{name}: {event:?}"
        );
        assert_eq!(event.event_type(), event_type, "{name}");
        assert_eq!(event.documented_envelope(), Some(envelope), "{name}");
        let back = serde_json::to_string(&event).unwrap();
        assert_eq!(
            back,
            minified(&text),
            "{name}: the same text, key order included"
        );
        let (original, again) = approval_tests::round_trip::<serde_json::Value>(&text);
        assert_eq!(original, again);
        let value: serde_json::Value = serde_json::from_str(&back).unwrap();
        assert_eq!(value, original, "{name}");
    }
}

#[test]
fn the_examples_decode_to_the_values_the_pages_show() {
    let parse = |name: &str, event_type: &str| {
        Event::parse(event_type, &event_text(&fixture(name))).unwrap()
    };
    let Event::ApprovalInstance(instance) = parse("approval_instance.json", "approval_instance")
    else {
        panic!("not an instance event");
    };
    assert_eq!(instance.status, Some(InstanceEventStatus::Pending));
    assert_eq!(
        instance.operate_time,
        Some(Lenient::Text("1666079207003".into()))
    );
    assert_eq!(
        instance.operate_time.as_ref().and_then(Lenient::value),
        Some(1_666_079_207_003)
    );
    assert_eq!(instance.uuid.as_deref(), Some("6525bffb"));

    let Event::ApprovalTask(task) = parse("approval_task.json", "approval_task") else {
        panic!("not a task event");
    };
    assert_eq!(task.status, Some(TaskEventStatus::Pending));
    let extra = task.extra.as_ref().expect("extra");
    assert_eq!(
        extra.rollback_node_ids.as_deref(),
        Some(&["nodeid".into()][..])
    );
    assert_eq!(
        extra.rollback_custom_node_ids.as_deref(),
        Some(&["customnodeid".into()][..])
    );

    let Event::ApprovalCc(cc) = parse("approval_cc.json", "approval_cc") else {
        panic!("not a cc event");
    };
    assert_eq!(cc.create_time, Some(EpochMillis(1_502_199_207_000)));
    assert_eq!(cc.operate, Some(CcEventOperate::Create));

    let Event::ApprovalUpdated(updated) = parse(
        "approval_approval_updated_v4.json",
        "approval.approval.updated_v4",
    ) else {
        panic!("not a definition event");
    };
    let object = updated.object.expect("object");
    assert_eq!(object.timestamp, Some(Lenient::Text("1736763698".into())));
    assert_eq!(
        object.timestamp.as_ref().and_then(Lenient::value),
        Some(1_736_763_698)
    );
    assert_eq!(object.process_obj.as_deref(), Some("{\"lineList\": xxx}"));
    assert_eq!(object.widget_group_type, Some(0));
}

#[test]
fn a_revoked_instance_with_an_integer_operate_time_decodes_and_keeps_its_form() {
    // The page: with `REVERTED`, `operate_time` is an int64 rather than a string.
    let text = r#"{"type":"approval_instance","status":"REVERTED","operate_time":1666079207003}"#;
    let Event::ApprovalInstance(instance) = Event::parse("approval_instance", text).unwrap() else {
        panic!("not an instance event");
    };
    assert_eq!(instance.status, Some(InstanceEventStatus::Reverted));
    assert_eq!(
        instance.operate_time,
        Some(Lenient::Native(1_666_079_207_003))
    );
    assert_eq!(
        serde_json::to_string(&Event::ApprovalInstance(instance)).unwrap(),
        text
    );
}

#[test]
fn the_pages_other_event_types_are_unknown_and_kept_byte_for_byte() {
    for (name, event_type) in [
        ("envelope_v1.json", "p2p_chat_create"),
        ("envelope_v2.json", "contact.user_group.created_v3"),
    ] {
        let text = event_text(&fixture(name));
        let Event::Unknown(unknown) = Event::parse(event_type, &text).unwrap() else {
            panic!("{name}: not Unknown");
        };
        assert_eq!(unknown.event_type(), event_type);
        assert_eq!(unknown.json().get(), text, "{name}: kept as written");
        let event = Event::Unknown(unknown);
        assert_eq!(event.event_type(), event_type);
        assert_eq!(event.documented_envelope(), None);
        assert_eq!(serde_json::to_string(&event).unwrap(), text, "{name}");
    }
}

#[test]
fn a_payload_that_does_not_fit_says_where_or_is_kept_as_unfit() {
    let text = r#"{"type":"approval_cc","create_time":"1502199207000","operate":"CREATE"}"#;
    let error = Event::parse("approval_cc", text).unwrap_err();
    assert_eq!(error.event_type(), "approval_cc");
    assert_eq!(error.path(), "create_time");
    assert!(error.to_string().contains("`event.create_time`"), "{error}");
    assert!(
        std::error::Error::source(&error).is_some(),
        "the parser's error"
    );

    let nested = r#"{"object":{"widget_group_type":"zero"}}"#;
    let error = Event::parse("approval.approval.updated_v4", nested).unwrap_err();
    assert_eq!(error.path(), "object.widget_group_type");

    let raw = RawValue::from_string(text.to_owned()).unwrap();
    let Event::Unfit(unfit) = Event::from_raw("approval_cc", &raw) else {
        panic!("not Unfit");
    };
    assert_eq!(unfit.event_type(), "approval_cc");
    assert_eq!(unfit.error().path(), "create_time");
    assert_eq!(unfit.json().get(), text);
    assert_eq!(serde_json::to_string(&Event::Unfit(unfit)).unwrap(), text);

    assert!(
        Event::parse("approval_task", "\"text\"").is_err(),
        "not an object"
    );
    assert!(Event::parse("not_listed", "{").is_err(), "not JSON");
}

#[test]
fn every_documented_event_type_is_listed_once_with_its_envelope() {
    let listed: Vec<(&str, EnvelopeVersion)> = Event::DOCUMENTED
        .iter()
        .map(|info| (info.event_type, info.envelope))
        .collect();
    for &(_, event_type, envelope) in APPROVAL_EVENTS {
        assert!(listed.contains(&(event_type, envelope)), "{event_type}");
    }
    assert_eq!(listed.len(), APPROVAL_EVENTS.len());
}

const KEY: &str = "events test key";
const NOW: u64 = 1_749_205_897;

fn token_of(body: &str) -> String {
    let document: serde_json::Value = serde_json::from_str(body).unwrap();
    document
        .get("token")
        .or_else(|| document["header"].get("token"))
        .and_then(serde_json::Value::as_str)
        .unwrap()
        .to_owned()
}

#[test]
fn the_intake_opens_sealed_events_into_the_typed_event() {
    let now = UNIX_EPOCH + Duration::from_secs(NOW + 3);
    for (index, &(name, event_type, envelope)) in APPROVAL_EVENTS.iter().enumerate() {
        let body = fixture(name);
        let iv = [u8::try_from(index).unwrap() + 1; 16];
        let (headers, sealed) = webhook::seal(body.as_bytes(), KEY, NOW, "nonce", iv).unwrap();
        let intake = Intake::with_encrypt_key(KEY).verification_token(token_of(&body));
        let received = intake
            .receive::<Event>(&headers, &sealed, now)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            received.response_body(),
            webhook::ACKNOWLEDGEMENT_BODY,
            "{name}"
        );
        let Received::Event(delivery) = received else {
            panic!("{name}: not an event");
        };
        assert_eq!(delivery.event_type, event_type);
        assert_eq!(delivery.envelope.version(), envelope, "{name}");
        assert_eq!(
            delivery.event.documented_envelope(),
            Some(envelope),
            "{name}"
        );
        assert_eq!(
            serde_json::to_string(&delivery.event).unwrap(),
            minified(&event_text(&body)),
            "{name}"
        );
    }
}

#[test]
fn the_intake_keeps_unknown_and_unfit_events_and_acknowledges_them() {
    let body = fixture("envelope_v2.json");
    let intake = Intake::with_verification_token(token_of(&body));
    let received = intake
        .receive::<Event>(&http::HeaderMap::new(), body.as_bytes(), UNIX_EPOCH)
        .unwrap();
    let Received::Event(delivery) = received else {
        panic!("not an event");
    };
    assert_eq!(delivery.dedupe_key(), "f7984f25108f8137722bb63cee927e66");
    let Event::Unknown(unknown) = &delivery.event else {
        panic!("not Unknown: {:?}", delivery.event);
    };
    assert_eq!(unknown.event_type(), "contact.user_group.created_v3");
    assert_eq!(unknown.json().get(), event_text(&body));

    // The cc example with its numeric `create_time` sent as a string: authenticated, so it is
    // acknowledged, and the misfit is kept with its path for the app to store or report.
    let body = fixture("approval_cc.json").replace(
        "\"create_time\": 1502199207000",
        "\"create_time\": \"1502199207000\"",
    );
    let (headers, sealed) = webhook::seal(body.as_bytes(), KEY, NOW, "n", [7; 16]).unwrap();
    let intake = Intake::with_encrypt_key(KEY);
    let received = intake
        .receive::<Event>(&headers, &sealed, UNIX_EPOCH + Duration::from_secs(NOW))
        .unwrap();
    assert_eq!(received.response_body(), webhook::ACKNOWLEDGEMENT_BODY);
    let Received::Event(delivery) = received else {
        panic!("not an event");
    };
    assert_eq!(delivery.dedupe_key(), "bc447199585340d1f3728d26b1c0297a");
    let Event::Unfit(unfit) = delivery.event else {
        panic!("not Unfit");
    };
    assert_eq!(unfit.error().path(), "create_time");
    assert_eq!(unfit.json().get(), event_text(&body));
}
