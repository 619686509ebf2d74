//! The ikcrm page's own examples against the generated types.

use approval_api::ikcrm::{approval_center_list, errors, execute_records_detail, types};
use approval_api::runtime::{ApiError, DateTimeMinutes, Endpoint, Lenient};
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
        Some(Some(Lenient::Text("35903635".into())))
    );
    assert_eq!(time_line[1].assignee, Some(Some(Lenient::Native(35903635))));
    let waiting = &node.approval_details[1];
    // Required and nullable: present and `null`, kept apart from a response that omits it.
    assert_eq!(waiting.operate_time, Some(None));
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
    let request = execute_records_detail::Request::new(types::EntityType::Contract, 1901351);
    let context =
        approval_api::ikcrm::Context::new(types::Platform::Wxwork, "crm".into(), "tok-9".into());
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
    let headers = approval_api::runtime::endpoint::Context::headers(&context);
    assert_eq!(headers.len(), 3);
    assert!(!format!("{request:?} {context:?} {headers:?}").contains("tok-9"));
}

#[test]
fn approval_centre_list_built_from_the_cut_example_decodes_and_round_trips() {
    let body = fixture("ikcrm/approval_center_list.response.json");
    let (original, back) = round_trip::<errors::Envelope<types::ApprovalCenterList>>(&body);
    assert_eq!(original, back);
    let list = approval_center_list::Request::decode_response(200, body.as_bytes())
        .expect("success")
        .list
        .expect("list");
    let item = &list[0];
    assert_eq!(item.id, Some(2462));
    assert_eq!(item.status, Some(types::ExecuteRecordStatus::Applying));
    assert_eq!(
        item.submission_time,
        Some("2024-04-09 09:56".parse::<DateTimeMinutes>().unwrap())
    );
    assert_eq!(item.distance_submission_time.as_deref(), Some("28 分钟"));
    let fields = item
        .entity_data
        .as_ref()
        .unwrap()
        .body_data
        .as_ref()
        .unwrap();
    assert_eq!(fields[0].field_type.as_deref(), Some("select2_field"));
}

#[test]
fn approval_centre_list_sends_one_value_per_array_parameter() {
    let mut request = approval_center_list::Request::new();
    assert!(request.query().is_empty(), "every parameter may be absent");
    request.scope = Some(types::ApprovalCenterScope::Todo);
    request.entity_types = Some("报价单".into());
    request.submitter_uids = Some(35903635);
    request.status = Some(types::ExecuteRecordStatus::Applying);
    let query: Vec<(&str, String)> = request
        .query()
        .into_iter()
        .map(|p| (p.name, p.value))
        .collect();
    assert_eq!(
        query,
        [
            ("scope", "todo".to_owned()),
            ("entity_types", "报价单".to_owned()),
            ("submitter_uids", "35903635".to_owned()),
            ("status", "applying".to_owned())
        ]
    );
    approval_api::runtime::Validate::validate(&request).unwrap();
    assert_eq!(
        approval_center_list::Request::METADATA.path,
        "/api/v1/approval_center/list"
    );
    assert!(request.body().is_none());
    assert!(!format!("{request:?} {:?}", request.headers()).contains("tok-7"));
}
