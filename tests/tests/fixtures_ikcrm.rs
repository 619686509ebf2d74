//! The ikcrm page's own examples against the generated types.

use approval_api::ikcrm::{errors, execute_records_detail, types};
use approval_api::runtime::{ApiError, Endpoint, Lenient};
use approval_tests::{fixture, round_trip};

#[test]
fn success_example_round_trips_exactly() {
    let (original, back) = round_trip::<errors::Envelope<types::ExecuteRecordDetail>>(&fixture(
        "ikcrm/execute_records_detail.response.json",
    ));
    assert_eq!(original, back);
}

#[test]
fn success_example_decodes_with_its_quirks() {
    let body = fixture("ikcrm/execute_records_detail.response.json");
    let detail =
        execute_records_detail::Request::decode_response(200, body.as_bytes()).expect("success");
    assert_eq!(
        detail.execute_record.status,
        types::ExecuteRecordStatus::Pass
    );
    assert_eq!(detail.workflow.entity_klass, types::EntityType::Contract);
    let node = &detail.execution_details[1];
    assert_eq!(node.approval_node, types::ApprovalNodeKind::ApprovalNode);
    assert_eq!(
        node.setting_approval_type,
        Some(types::ApprovalType::OrApprove)
    );
    let time_line = node.approval_details[0]
        .time_line
        .as_ref()
        .expect("time line");
    // `assignee` is a string in the first entry and an integer in the second.
    assert_eq!(
        time_line[0].assignee,
        Some(Lenient::Text("35903635".into()))
    );
    assert_eq!(time_line[1].assignee, Some(Lenient::Native(35903635)));
    let waiting = &node.approval_details[1];
    assert_eq!(waiting.operate_time, None);
    assert_eq!(
        waiting.engine_action,
        Some(None),
        "present and null, kept apart from absent"
    );
    assert_eq!(
        detail.execution_details[0].approval_details[0].engine_action, None,
        "absent"
    );
}

#[test]
fn error_example_is_the_other_error_shape() {
    let body = fixture("ikcrm/error_invalid_appid.response.json");
    let (original, back) = round_trip::<errors::Envelope>(&body);
    assert_eq!(original, back);
    let Err(ApiError::Vendor(error)) =
        execute_records_detail::Request::decode_response(200, body.as_bytes())
    else {
        panic!("expected a vendor error")
    };
    assert_eq!(error.code, errors::ErrorCode::Code500);
    assert_eq!(error.message, "invalid appid");
}

#[test]
fn unknown_enum_values_in_a_response_survive_a_round_trip() {
    let body = fixture("ikcrm/execute_records_detail.response.json")
        .replace("\"status\": \"pass\"", "\"status\": \"suspended\"")
        .replace("\"action\": \"PASS\"", "\"action\": \"TRANSFER\"");
    let (original, back) = round_trip::<errors::Envelope<types::ExecuteRecordDetail>>(&body);
    assert_eq!(original, back);
    let detail = execute_records_detail::Request::decode_response(200, body.as_bytes())
        .expect("still decodes");
    assert_eq!(detail.execute_record.status.as_str(), "suspended");
}

#[test]
fn query_parameters_are_built_from_the_request() {
    let request = execute_records_detail::Request::new(
        types::EntityType::Contract,
        1901351,
        types::Platform::Wxwork,
        "crm".into(),
        "tok-9".into(),
    );
    let query: Vec<(&str, String)> = request
        .query()
        .into_iter()
        .map(|p| (p.name, p.value))
        .collect();
    assert_eq!(
        query,
        [
            ("entity_type", "Contract".to_owned()),
            ("entity_id", "1901351".to_owned())
        ]
    );
    assert!(request.body().is_none());
    assert_eq!(
        execute_records_detail::Request::METADATA.method.as_str(),
        "GET"
    );
    assert!(!format!("{request:?} {:?}", request.headers()).contains("tok-9"));
}
