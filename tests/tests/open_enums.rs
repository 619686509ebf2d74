//! Open enums convert from wire text without failing (unlisted values are kept as `Unknown`),
//! and refuse unlisted values only when asked to (`try_parse`); error codes behave the same.

use approval_api::feishu::ErrorCode;
use approval_api::fxiaoke_crm::types::ActionType;

#[test]
fn parsing_text_never_fails_and_keeps_unlisted_values() {
    assert_eq!("agree".parse::<ActionType>(), Ok(ActionType::Agree));
    assert_eq!(ActionType::from("reject"), ActionType::Reject);
    let unlisted: ActionType = "delegate".parse().unwrap();
    assert!(matches!(unlisted, ActionType::Unknown(_)));
    assert_eq!(unlisted.as_str(), "delegate");
    assert_eq!(serde_json::to_string(&unlisted).unwrap(), r#""delegate""#);
}

#[test]
fn try_parse_refuses_what_the_spec_does_not_list() {
    assert_eq!(ActionType::try_parse("agree"), Ok(ActionType::Agree));
    let error = ActionType::try_parse("delegate").unwrap_err();
    assert_eq!(error.value(), "delegate");
    assert!(error.to_string().contains("ActionType"), "{error}");
}

#[test]
fn error_codes_have_the_same_conversions_and_serde() {
    assert_eq!(ErrorCode::from(1390001), ErrorCode::ParamInvalid);
    assert_eq!("1390001".parse::<ErrorCode>(), Ok(ErrorCode::ParamInvalid));
    assert!(
        "x".parse::<ErrorCode>().is_err(),
        "an error code is an integer"
    );
    assert!(ErrorCode::try_parse(42).is_err());
    let unknown = ErrorCode::from(42);
    assert_eq!((unknown.code(), unknown.as_i64()), (42, Some(42)));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), "42");
    let back: ErrorCode = serde_json::from_str("1390001").unwrap();
    assert_eq!(back, ErrorCode::ParamInvalid);
}

#[test]
fn string_ids_read_as_text() {
    use approval_api::feishu::types::ApprovalCode;
    use std::collections::BTreeMap;
    let code = ApprovalCode::from("4202AD96");
    assert_eq!(AsRef::<str>::as_ref(&code), "4202AD96");
    assert_eq!(code.to_string(), "4202AD96");
    let by_code: BTreeMap<ApprovalCode, u8> = [(code, 1)].into();
    assert_eq!(
        by_code.get("4202AD96"),
        Some(&1),
        "looked up by &str through Borrow"
    );
}
