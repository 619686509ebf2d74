//! The Fxiaoke CRM page's own examples against the generated types.

use approval_api::fxiaoke_crm::{
    approval_instance_cancel, approval_instance_get, approval_instances_query,
    approval_reject_to_before_task, approval_task_action, approval_task_v2_action,
    corp_access_token_get, errors, object_approval_instances_query, types,
    workflow_instance_cancel,
};
use approval_api::runtime::validate::Rule;
use approval_api::runtime::{ApiError, Endpoint, EpochMillis, Lenient, Metadata, Validate};
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
    let request = approval_task_action::Request::new(body);
    let context = approval_api::fxiaoke_crm::Context::new(
        "Bearer tok-secret".into(),
        "ea-1".to_owned(),
        "user-1".to_owned(),
        "9b2f3c1e-8a4d-4f6b-9c2e-1d3a5b7c9e0f".to_owned(),
    );
    assert_eq!(
        approval_task_action::Request::METADATA.method.as_str(),
        "POST"
    );
    assert_eq!(request.path(), "/cgi/crm/approvalTask/action");
    assert!(request.query().is_empty() && request.headers().is_empty());
    use approval_api::runtime::endpoint::Context as _;
    let query = context.query();
    assert_eq!(
        (query[0].name, query[0].value.as_str()),
        ("thirdTraceId", "9b2f3c1e-8a4d-4f6b-9c2e-1d3a5b7c9e0f")
    );
    let headers = context.headers();
    assert_eq!(
        headers.iter().map(|h| h.name).collect::<Vec<_>>(),
        ["authorization", "x-fs-ea", "x-fs-userid"]
    );
    assert_eq!(headers[0].value, "Bearer tok-secret");
    let shown = format!("{request:?} {context:?} {headers:?}");
    assert!(
        !shown.contains("tok-secret"),
        "a secret reached Debug: {shown}"
    );
    assert_eq!(
        serde_json::to_value(request.body().unwrap()).unwrap()["actionType"],
        "reject"
    );
}

// The lifecycle endpoints, with the examples of `fxiaoke-ikcrm-lifecycle.md`.

fn check_round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str) -> T {
    let text = fixture(&format!("fxiaoke_crm/{name}.json"));
    let (original, back) = round_trip::<T>(&text);
    assert_eq!(original, back, "{name}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_lifecycle_request_example_round_trips_and_the_real_ones_validate() {
    let task: types::ApprovalTaskV2Body = check_round_trip("approval_task_v2_action.request");
    assert_eq!(task.data.approval_result, types::ApprovalResult::Agree);
    assert_eq!(task.data.task_id.as_str(), "5f06cdb75f9da10001f5877b");
    task.validate().unwrap();

    let by_record: types::ObjectApprovalInstancesQueryBody =
        check_round_trip("object_approval_instances_query.request");
    assert_eq!(by_record.include_null, Some(true));
    by_record.validate().unwrap();

    let detail: types::ApprovalInstanceGetBody = check_round_trip("approval_instance_get.request");
    assert_eq!(detail.instance_id.as_str(), "5f68c4b68c0f3100014611df");
    detail.validate().unwrap();

    let reject: types::RejectToBeforeTaskBody =
        check_round_trip("approval_reject_to_before_task.request");
    reject.validate().unwrap();

    let cancel: types::ApprovalInstanceCancelBody =
        check_round_trip("approval_instance_cancel.request");
    assert_eq!(cancel.data.entity_id, "AccountObj");
    cancel.validate().unwrap();

    let cancel_instance: types::WorkflowInstanceCancelBody =
        check_round_trip("workflow_instance_cancel.request");
    assert_eq!(cancel_instance.data.reason.as_deref(), Some(""));
    cancel_instance.validate().unwrap();

    let legacy: types::ApprovalInstancesQueryBody =
        check_round_trip("approval_instances_query.legacy.request");
    legacy.validate().unwrap();

    let token: types::CorpAccessTokenGetBody = check_round_trip("corp_access_token_get.request");
    token.validate().unwrap();
}

#[test]
fn the_v2_placeholder_list_query_decodes_but_its_placeholders_are_not_sent() {
    // OpenAPI v2's example fills the times and the state with "hello".
    let query: types::ApprovalInstancesQueryBody =
        check_round_trip("approval_instances_query.request");
    assert_eq!(query.start_time, Lenient::Text("hello".into()));
    assert_eq!(query.state.as_ref().map(|s| s.as_str()), Some("hello"));
    let errors = query.validate().unwrap_err();
    let found: Vec<(String, Rule)> = errors
        .errors()
        .iter()
        .map(|e| (e.path.clone(), e.rule))
        .collect();
    assert_eq!(
        found,
        [
            ("state".into(), Rule::UnknownValue),
            ("startTime".into(), Rule::Pattern),
            ("endTime".into(), Rule::Pattern)
        ]
    );
}

#[test]
fn window_times_are_a_string_in_the_tables_and_numbers_in_the_legacy_example() {
    let legacy: types::ApprovalInstancesQueryBody =
        check_round_trip("approval_instances_query.legacy.request");
    assert_eq!(
        legacy.start_time,
        Lenient::Native(EpochMillis(1_473_339_930_303))
    );
    assert_eq!(
        legacy.end_time,
        Lenient::Native(EpochMillis(1_498_798_899_999))
    );
    assert_eq!(legacy.state, Some(types::InstanceState::InProgress));
    assert_eq!(legacy.page_size, Some(50));
    assert_eq!(legacy.corp_id.as_deref(), Some("CORP_ID"));
    // The tables' string form, when it is a number, is sent as written.
    let text: types::ApprovalInstancesQueryBody = serde_json::from_value(serde_json::json!({
        "flowApiName": "f", "startTime": "1473339930303", "endTime": "1498798899999"
    }))
    .unwrap();
    assert_eq!(text.start_time, Lenient::Text("1473339930303".into()));
    text.validate().unwrap();
    assert_eq!(
        serde_json::to_value(&text).unwrap()["startTime"],
        "1473339930303"
    );
}

#[test]
fn the_legacy_list_response_decodes_with_its_disagreements_kept() {
    let _: errors::Envelope<types::ApprovalInstancesQueryResponse> =
        check_round_trip("approval_instances_query.legacy.response");
    let body = fixture("fxiaoke_crm/approval_instances_query.legacy.response.json");
    let page =
        approval_instances_query::Request::decode_response(200, body.as_bytes()).expect("success");
    let result = page.query_result.expect("queryResult");
    assert_eq!(result.total, Some(50));
    let instances = result.instance_list.expect("instanceList");
    assert_eq!(instances.len(), 2);
    let first = &instances[0];
    assert_eq!(
        first.instance_id.as_ref().map(|i| i.as_str()),
        Some("5938ef093db71d57841afaa8")
    );
    assert_eq!(first.trigger_type, Some(types::TriggerType::Create));
    assert_eq!(first.create_time, Some(EpochMillis(1_496_903_433_459)));
    // `cancelTime`: the number 0 here, a string in a table, a long in the SDK.
    assert_eq!(first.cancel_time, Some(Lenient::Native(0)));
    // `state`: the string the example sends, read with the string enum.
    let Some(Lenient::Text(state)) = &first.state else {
        panic!("the example sends a string: {:?}", first.state)
    };
    assert_eq!(
        types::InstanceState::from_wire(state),
        types::InstanceState::Pass
    );
}

#[test]
fn instance_state_and_cancel_time_accept_the_other_documented_forms() {
    let instance: types::ApprovalInstance = serde_json::from_value(serde_json::json!({
        "state": 2, "cancelTime": "1496903455061"
    }))
    .unwrap();
    assert_eq!(
        instance.state,
        Some(Lenient::Native(types::InstanceStateCode::Agreed))
    );
    assert_eq!(
        instance.cancel_time,
        Some(Lenient::Text("1496903455061".into()))
    );
    assert_eq!(
        serde_json::to_value(&instance).unwrap(),
        serde_json::json!({"state": 2, "cancelTime": "1496903455061"}),
        "kept in the form received"
    );
}

#[test]
fn reject_to_an_earlier_task_takes_the_flag_as_a_boolean_or_a_string() {
    let reject: types::RejectToBeforeTaskBody =
        check_round_trip("approval_reject_to_before_task.request");
    assert_eq!(
        reject.data.move_to_current_activity_when_reject,
        Some(Lenient::Native(true)),
        "the example sends a boolean"
    );
    let as_table: types::RejectToBeforeTaskBody = serde_json::from_value(serde_json::json!({
        "data": {"currentTaskId": "a", "rejectToTaskId": "b", "rejectOpinion": "c",
                 "moveToCurrentActivityWhenReject": "true"}
    }))
    .unwrap();
    assert_eq!(
        as_table.data.move_to_current_activity_when_reject,
        Some(Lenient::Text("true".into())),
        "the table types it a string"
    );
}

#[test]
fn instance_detail_keeps_both_instance_forms_and_all_person_list_names() {
    // No source shows a detail response; this body uses the names the page and the SDK give.
    let body = serde_json::json!({
        "traceId": "E-3", "errorCode": 0, "errorMessage": "OK", "errorDescription": "success",
        "instanceDetail": {
            "instance": {"instanceId": "5f68c4b68c0f3100014611df", "state": "in_progress"},
            "tasks": [{
                "id": "5f06cdb75f9da10001f5877b", "type": "single", "state": "in_progress",
                "createTime": "1600700000000", "modifyTime": 1_600_700_000_001_i64,
                "unCompletePersons": ["FSUID_1"], "completeOpenPersons": [],
                "unCompleteOpenPersons": ["FSUID_1"], "completePersons": [],
                "opinions": [{"actionType": "agree", "opinion": "ok", "replyTime": 1_600_700_000_002_i64,
                              "openUserId": "FSUID_2"}]
            }]
        }
    });
    let bytes = serde_json::to_vec(&body).unwrap();
    let detail = approval_instance_get::Request::decode_response(200, &bytes)
        .expect("success")
        .instance_detail
        .unwrap();
    assert!(matches!(detail.instance, Some(Lenient::Native(_))));
    let task = &detail.tasks.as_ref().unwrap()[0];
    assert_eq!(task.r#type, Some(types::TaskType::Single));
    assert_eq!(
        task.create_time,
        Some(Lenient::Text("1600700000000".into()))
    );
    assert_eq!(
        task.modify_time,
        Some(Lenient::Native(EpochMillis(1_600_700_000_001)))
    );
    assert_eq!(
        task.un_complete_persons.as_deref(),
        Some(&["FSUID_1".to_owned()][..])
    );
    assert_eq!(task.un_complete_open_persons, task.un_complete_persons);
    let (original, back) =
        round_trip::<errors::Envelope<types::ApprovalInstanceGetResponse>>(&body.to_string());
    assert_eq!(original, back);
    // The page types `instance` "String": a string is kept as received.
    let as_string: types::InstanceDetail =
        serde_json::from_value(serde_json::json!({"instance": "{\"instanceId\":\"x\"}"})).unwrap();
    assert_eq!(
        as_string.instance,
        Some(Lenient::Text("{\"instanceId\":\"x\"}".into()))
    );
}

#[test]
fn the_legacy_token_response_decodes() {
    let _: errors::Envelope<types::CorpAccessTokenGetResponse> =
        check_round_trip("corp_access_token_get.response");
    let body = fixture("fxiaoke_crm/corp_access_token_get.response.json");
    let token =
        corp_access_token_get::Request::decode_response(200, body.as_bytes()).expect("success");
    assert_eq!(
        token
            .corp_access_token
            .as_ref()
            .map(|t| t.expose().as_str()),
        Some("CORP_ACCESS_TOKEN")
    );
    assert_eq!(token.expires_in, Some(7200));
    token.validate().unwrap();
    assert!(!format!("{token:?}").contains("CORP_ACCESS_TOKEN"));
}

#[test]
fn envelope_only_endpoints_decode_the_seed_success_example() {
    let body = fixture("fxiaoke_crm/approval_task_action.response.json");
    let bytes = body.as_bytes();
    assert!(approval_task_v2_action::Request::decode_response(200, bytes).is_ok());
    assert!(approval_reject_to_before_task::Request::decode_response(200, bytes).is_ok());
    assert!(approval_instance_cancel::Request::decode_response(200, bytes).is_ok());
    assert!(workflow_instance_cancel::Request::decode_response(200, bytes).is_ok());
    let error =
        br#"{"traceId":"E-4","errorCode":320001,"errorMessage":"x","errorDescription":"y"}"#;
    assert!(matches!(
        object_approval_instances_query::Request::decode_response(200, error),
        Err(ApiError::Vendor(_))
    ));
}

#[test]
fn every_lifecycle_endpoint_has_its_metadata() {
    let all: [(&Metadata, &str); 8] = [
        (
            &approval_task_v2_action::METADATA,
            "/cgi/crm/v2/special/object/approvalTask",
        ),
        (
            &object_approval_instances_query::METADATA,
            "/cgi/crm/object/approvalInstances/query",
        ),
        (
            &approval_instances_query::METADATA,
            "/cgi/crm/approvalInstances/query",
        ),
        (
            &approval_instance_get::METADATA,
            "/cgi/crm/approvalInstance/get",
        ),
        (
            &approval_reject_to_before_task::METADATA,
            "/cgi/crm/v2/special/approval/rejectToBeforeTask",
        ),
        (
            &approval_instance_cancel::METADATA,
            "/cgi/crm/v2/special/approval/instance/cancel",
        ),
        (
            &workflow_instance_cancel::METADATA,
            "/cgi/crm/v2/special/instance/cancel",
        ),
        (
            &corp_access_token_get::METADATA,
            "/cgi/corpAccessToken/get/V2",
        ),
    ];
    for (meta, path) in all {
        assert_eq!(meta.method.as_str(), "POST", "{path}");
        assert_eq!(meta.path, path);
        assert_eq!(meta.vendor, "fxiaoke_crm");
    }
    let body: types::ApprovalTaskV2Body =
        serde_json::from_str(&fixture("fxiaoke_crm/approval_task_v2_action.request.json")).unwrap();
    let request = approval_task_v2_action::Request::new(body);
    request.validate().unwrap();
    assert_eq!(
        serde_json::to_value(request.body().unwrap()).unwrap()["data"]["approvalResult"],
        "agree",
        "the parameters travel inside `data`"
    );
}
