//! Property tests of the generated Feishu `Event`: any JSON in any field of the pages' approval
//! events, under any event type, decodes without panicking; what does not fit is `Unfit` and
//! what is not listed is `Unknown`, both re-encoding to exactly the bytes received; what fits
//! re-encodes to JSON that decodes to the same value again.

use approval_api::feishu::Event;
use proptest::prelude::*;
use serde_json::Value;
use serde_json::value::RawValue;

const FIXTURES: [(&str, &str); 4] = [
    ("approval_instance.json", "approval_instance"),
    ("approval_task.json", "approval_task"),
    ("approval_cc.json", "approval_cc"),
    (
        "approval_approval_updated_v4.json",
        "approval.approval.updated_v4",
    ),
];

/// The `event` objects of the pages' approval examples.
fn events() -> Vec<(Value, &'static str)> {
    FIXTURES
        .iter()
        .map(|(name, event_type)| {
            let body: Value =
                serde_json::from_str(&approval_tests::fixture(&format!("feishu/events/{name}")))
                    .unwrap();
            (body["event"].clone(), *event_type)
        })
        .collect()
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::String),
        Just(Value::String("1502199207000".into())),
        Just(Value::String("{\"rollback_node_ids\":[\"n\"]}".into())),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the value at `field` (top level, or inside `object` for the v2 event).
fn mutate(mut event: Value, field: usize, value: Value) -> Value {
    let target = if event.get("object").is_some() && field % 2 == 1 {
        &mut event["object"]
    } else {
        &mut event
    };
    if let Some(map) = target.as_object_mut() {
        let keys: Vec<String> = map.keys().cloned().collect();
        if !keys.is_empty() {
            map.insert(keys[field % keys.len()].clone(), value);
        }
    }
    event
}

fn check(event_type: &str, text: &str) {
    let raw = RawValue::from_string(text.to_owned()).unwrap();
    let event = Event::from_raw(event_type, &raw);
    let back = serde_json::to_string(&event).unwrap();
    match &event {
        Event::Unknown(_) | Event::Unfit(_) => assert_eq!(back, text),
        _ => {
            assert_eq!(event.event_type(), event_type);
            let again = Event::parse(event_type, &back).unwrap();
            assert_eq!(serde_json::to_string(&again).unwrap(), back);
        }
    }
    // The strict form agrees: an error exactly when `from_raw` says Unfit.
    assert_eq!(
        Event::parse(event_type, text).is_err(),
        matches!(event, Event::Unfit(_))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_value_in_any_field_decodes_without_panicking(
        which in 0usize..4,
        field in 0usize..16,
        value in json_value(),
        other_type in prop::sample::select(vec!["approval_instance", "approval_task", "approval_cc", "approval.approval.updated_v4", "p2p_chat_create"]),
    ) {
        let all = events();
        let (event, event_type) = &all[which];
        let text = serde_json::to_string(&mutate(event.clone(), field, value)).unwrap();
        check(event_type, &text);
        // The same object under another (or an unlisted) event type.
        check(other_type, &text);
    }

    #[test]
    fn any_json_under_a_listed_type_decodes_without_panicking(value in json_value()) {
        let text = serde_json::to_string(&value).unwrap();
        for (_, event_type) in FIXTURES {
            check(event_type, &text);
        }
    }
}
