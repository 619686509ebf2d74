//! The Fxiaoke CRM page's own examples against the generated types.

use approval_api::fxiaoke_crm::{approval_task_action, errors, types};
use approval_api::runtime::{ApiError, Endpoint};
use approval_tests::{fixture, round_trip};

/// The seed page's examples differ from their fixtures only by the page's four-space indent.
#[test]
fn seed_fixtures_are_the_captured_examples_without_the_page_indent() {
    for name in [
        "approval_task_action.request",
        "approval_task_action.response",
    ] {
        let original = fixture(&format!("fxiaoke_crm/{name}.original.txt"));
        let unindented: String = original
            .lines()
            .map(|line| {
                let line = line.strip_prefix("    ");
                format!(
                    "{}\n",
                    line.expect("every captured line has the page indent")
                )
            })
            .collect();
        assert_eq!(
            unindented,
            fixture(&format!("fxiaoke_crm/{name}.json")),
            "{name}"
        );
    }
}

#[test]
fn request_example_round_trips() {
    let (original, back) = round_trip::<types::ApprovalTaskActionBody>(&fixture(
        "fxiaoke_crm/approval_task_action.request.json",
    ));
    assert_eq!(original, back);
    let body: types::ApprovalTaskActionBody = serde_json::from_value(original).unwrap();
    assert_eq!(body.action_type, types::ActionType::Agree);
    assert_eq!(body.task_id.as_str(), "taskId");
}

#[test]
fn response_example_round_trips_as_the_envelope() {
    let (original, back) =
        round_trip::<errors::Envelope>(&fixture("fxiaoke_crm/approval_task_action.response.json"));
    assert_eq!(original, back);
}

#[test]
fn response_example_decodes_to_success() {
    let body = fixture("fxiaoke_crm/approval_task_action.response.json");
    let payload = approval_task_action::Request::decode_response(200, body.as_bytes());
    assert!(payload.is_ok(), "{payload:?}");
}

#[test]
fn error_envelope_is_a_typed_vendor_error() {
    let body = br#"{"traceId":"E-1","errorDescription":"bad token","errorMessage":"token invalid","errorCode":20016}"#;
    let Err(ApiError::Vendor(error)) = approval_task_action::Request::decode_response(200, body)
    else {
        panic!("expected a vendor error")
    };
    assert_eq!(error.code.code(), 20016);
    assert_eq!(error.trace_id.as_deref(), Some("E-1"));
    let not_an_envelope =
        approval_task_action::Request::decode_response(502, b"<html>Bad Gateway</html>");
    assert!(matches!(
        not_an_envelope,
        Err(ApiError::UnexpectedResponse { status: 502, .. })
    ));
}

#[test]
fn unknown_action_type_survives_a_round_trip() {
    let json = r#"{"actionType":"delegate","taskId":"t","opinion":"o"}"#;
    let (original, back) = round_trip::<types::ApprovalTaskActionBody>(json);
    assert_eq!(original, back);
    let body: types::ApprovalTaskActionBody = serde_json::from_str(json).unwrap();
    assert!(matches!(body.action_type, types::ActionType::Unknown(_)));
    assert_eq!(body.action_type.as_str(), "delegate");
}

#[test]
fn request_metadata_parameters_and_redaction() {
    let body = types::ApprovalTaskActionBody::new(
        types::TaskId::from("task-1"),
        "ok".to_owned(),
        types::ActionType::Reject,
    );
    let request = approval_task_action::Request::new(
        "9b2f3c1e-8a4d-4f6b-9c2e-1d3a5b7c9e0f".to_owned(),
        "Bearer tok-secret".into(),
        "ea-1".to_owned(),
        "user-1".to_owned(),
        body,
    );
    assert_eq!(
        approval_task_action::Request::METADATA.method.as_str(),
        "POST"
    );
    assert_eq!(request.path(), "/cgi/crm/approvalTask/action");
    let query = request.query();
    assert_eq!(
        (query[0].name, query[0].value.as_str()),
        ("thirdTraceId", "9b2f3c1e-8a4d-4f6b-9c2e-1d3a5b7c9e0f")
    );
    let headers = request.headers();
    assert_eq!(
        headers.iter().map(|h| h.name).collect::<Vec<_>>(),
        ["authorization", "x-fs-ea", "x-fs-userid"]
    );
    assert_eq!(headers[0].value, "Bearer tok-secret");
    let shown = format!("{request:?} {headers:?}");
    assert!(
        !shown.contains("tok-secret"),
        "a secret reached Debug: {shown}"
    );
    assert_eq!(
        serde_json::to_value(request.body().unwrap()).unwrap()["actionType"],
        "reject"
    );
}
