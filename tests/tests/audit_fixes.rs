//! One test per finding of the line-by-line audit of the 71360, ikcrm and Fxiaoke CRM specs
//! against their pages (issue 14). Each fails on the specs as they were before the fix.

use approval_api::runtime::{ApiError, Endpoint, Validate};
use approval_api::{fxiaoke_71360 as f71360, fxiaoke_crm, ikcrm};
use approval_codegen::diagnostic::SourceMap;
use approval_codegen::load::load_dir;
use approval_codegen::spec::{Field, SpecFile, TypeKind};
use approval_tests::fixture;

fn spec(vendor: &str) -> SpecFile {
    let root = approval_tests::workspace_root();
    let mut sources = SourceMap::default();
    let (specs, diagnostics) =
        load_dir(&root.join("specs"), &root, &mut sources).expect("specs are readable");
    assert!(diagnostics.is_empty(), "specs parse");
    specs
        .into_iter()
        .find(|s| s.spec.vendor.value == vendor)
        .unwrap_or_else(|| panic!("a spec for {vendor}"))
        .spec
}

fn field<'s>(spec: &'s SpecFile, type_name: &str, wire: &str) -> &'s Field {
    spec.types
        .get(type_name)
        .and_then(|def| def.fields.as_ref())
        .and_then(|fields| fields.iter().find(|f| f.name.value == wire))
        .unwrap_or_else(|| panic!("{type_name}.{wire} in the spec"))
}

fn quirk<'s>(spec: &'s SpecFile, type_name: &str, wire: &str) -> &'s str {
    field(spec, type_name, wire)
        .quirk
        .as_ref()
        .map_or("", |q| q.value.as_str())
}

/// Every field and parameter of a spec, with where it is.
fn all_fields(spec: &SpecFile) -> Vec<(String, &Field)> {
    let mut fields: Vec<(String, &Field)> = Vec::new();
    for (name, def) in spec.types.iter() {
        for f in def.fields.iter().flatten() {
            fields.push((format!("{}.{}", name.value, f.name.value), f));
        }
    }
    for (name, endpoint) in spec.endpoints.iter() {
        for f in endpoint.query.iter().chain(&endpoint.headers) {
            fields.push((format!("{}.{}", name.value, f.name.value), f));
        }
    }
    fields
}

fn approval_get_response() -> serde_json::Value {
    serde_json::from_str(&fixture("fxiaoke_71360/approval_get.response.json")).unwrap()
}

// 71360: the 必须 column is blank except two 否 rows, so required flags are inferred.

#[test]
fn f71360_a_general_approval_without_a_form_decodes() {
    let mut body = approval_get_response();
    body["approval"]["approveType"] = 1.into();
    body["approval"]
        .as_object_mut()
        .unwrap()
        .remove("formRecord");
    let bytes = serde_json::to_vec(&body).unwrap();
    let response = f71360::approval_get::Request::decode_response(200, &bytes).expect("decodes");
    assert_eq!(
        response.approval.approve_type,
        f71360::types::ApproveType::General
    );
    assert_eq!(response.approval.form_record, None);
}

#[test]
fn f71360_a_comment_or_crm_object_the_examples_never_show_may_lack_fields() {
    let mut body = approval_get_response();
    body["approval"]["approvalTasks"][0]["comments"] =
        serde_json::json!([{"senderId": "FSUID_442A9447ADD9EB86760B4AF319D187AC"}]);
    body["approval"]["feed"]["crmObjects"] = serde_json::json!([{"id": "c1"}]);
    let bytes = serde_json::to_vec(&body).unwrap();
    let response = f71360::approval_get::Request::decode_response(200, &bytes).expect("decodes");
    let comment = &response.approval.approval_tasks[0]
        .comments
        .as_ref()
        .unwrap()[0];
    assert_eq!(comment.content, None);
}

#[test]
fn f71360_every_inferred_required_flag_says_so() {
    let spec = spec("fxiaoke_71360");
    let unexplained: Vec<String> = all_fields(&spec)
        .into_iter()
        .filter(|(_, f)| f.required && !f.flatten)
        .filter(|(_, f)| {
            !f.quirk
                .as_ref()
                .is_some_and(|q| q.value.contains("必须") && q.value.contains("inferred"))
        })
        .map(|(place, _)| place)
        .collect();
    assert!(
        unexplained.is_empty(),
        "required without a note: {unexplained:?}"
    );
    assert!(quirk(&spec, "Approval", "formRecord").contains("approveType 1"));
}

// 71360: the state table and the detail example disagree on `schedule` and `in_progress`.

#[test]
fn f71360_schedule_and_in_progress_disagreement_is_recorded() {
    let spec = spec("fxiaoke_71360");
    let state = spec.types.get("TaskState").unwrap();
    let note = state.quirk.as_ref().map_or("", |q| q.value.as_str());
    assert!(
        note.contains("schedule") && note.contains("in_progress") && note.contains("example"),
        "{note}"
    );
    // The example itself: the first node is `in_progress`, the second `schedule`.
    let body = fixture("fxiaoke_71360/approval_get.response.json");
    let response = f71360::approval_get::Request::decode_response(200, body.as_bytes()).unwrap();
    let states: Vec<_> = response
        .approval
        .approval_tasks
        .iter()
        .map(|t| t.state.clone())
        .collect();
    assert_eq!(
        states,
        [
            f71360::types::TaskState::InProgress,
            f71360::types::TaskState::Schedule
        ]
    );
}

// 71360: `min: 1` on `pageSize` / `pageNumber` is not on the page.

#[test]
fn f71360_page_size_and_number_zero_are_not_refused() {
    let mut query: f71360::types::ApprovalQueryBody =
        serde_json::from_str(&fixture("fxiaoke_71360/approval_query.request.json")).unwrap();
    query.page_size = Some(0);
    query.page_number = Some(0);
    query
        .validate()
        .expect("the page states no minimum for either");
}

// Integers: one rule (README, spec format), no `i32` anywhere.

#[test]
fn every_integer_is_i64_as_the_readme_states() {
    let mut narrow = Vec::new();
    for vendor in ["fxiaoke_71360", "fxiaoke_crm", "ikcrm", "feishu"] {
        let spec = spec(vendor);
        for (place, f) in all_fields(&spec) {
            if f.ty.value.text.contains("i32") {
                narrow.push(format!("{vendor}: {place}"));
            }
        }
        for (name, def) in spec.types.iter() {
            if def.kind.value == TypeKind::Newtype
                && def.inner.as_ref().is_some_and(|t| t.value.text == "i32")
            {
                narrow.push(format!("{vendor}: {}", name.value));
            }
        }
    }
    assert!(narrow.is_empty(), "i32 against the rule: {narrow:?}");
    let readme =
        std::fs::read_to_string(approval_tests::workspace_root().join("README.md")).unwrap();
    assert!(readme.contains("Integers are transcribed as `i64`"));
}

// ikcrm: `execute_record.id` is `object` in the table and `2459` in the example.

#[test]
fn ikcrm_execute_record_id_type_disagreement_is_recorded() {
    let spec = spec("ikcrm");
    let note = quirk(&spec, "ExecuteRecord", "id");
    assert!(note.contains("object") && note.contains("2459"), "{note}");
}

// ikcrm: lists only ever seen empty are JSON, like the others; fields only ever `null` say so.

#[test]
fn ikcrm_lists_only_seen_empty_take_any_element() {
    let mut body: serde_json::Value =
        serde_json::from_str(&fixture("ikcrm/execute_records_detail.response.json")).unwrap();
    body["data"]["entity_applying_users"] = serde_json::json!([{"uid": 1}]);
    body["data"]["execution_details"][1]["setting_approvers"] = serde_json::json!([42]);
    let bytes = serde_json::to_vec(&body).unwrap();
    let detail =
        ikcrm::execute_records_detail::Request::decode_response(200, &bytes).expect("decodes");
    assert_eq!(
        detail.entity_applying_users,
        [serde_json::json!({"uid": 1})]
    );
}

#[test]
fn ikcrm_fields_only_seen_as_null_carry_a_quirk() {
    let spec = spec("ikcrm");
    for (type_name, wire) in [
        ("User", "third_userid"),
        ("User", "avatar"),
        ("TimeLineEntry", "new_uid"),
        ("TimeLineEntry", "new_user"),
        ("TimeLineEntry", "old_uid"),
        ("TimeLineEntry", "old_user"),
        ("ExecutionNode", "setting_approver_role"),
        ("WorkflowVersion", "uid"),
        ("ApprovalEntity", "receive_date"),
        ("ApprovalEntity", "invoiced_date"),
    ] {
        let note = quirk(&spec, type_name, wire);
        assert!(
            note.contains("Only ever `null`"),
            "{type_name}.{wire}: {note:?}"
        );
    }
}

// ikcrm: code 500 is generic; it is not named after one example's message.

#[test]
fn ikcrm_code_500_keeps_whatever_message_comes_with_it() {
    let body = br#"{"errcode": 500, "errmsg": "something else"}"#;
    let Err(ApiError::Vendor(error)) =
        ikcrm::execute_records_detail::Request::decode_response(200, body)
    else {
        panic!("a vendor error")
    };
    assert_eq!(error.code, ikcrm::errors::ErrorCode::Code500);
    assert_eq!(error.message, "something else");
    assert_eq!(
        error.code.message(),
        None,
        "no message is documented for the code"
    );
}

// Fxiaoke CRM: the error-code reference was not captured; other codes decode as `Unknown`.

#[test]
fn fxiaoke_crm_says_other_error_codes_exist() {
    let spec = spec("fxiaoke_crm");
    assert!(spec.doc.value.contains("ErrorCode::Unknown"));
    assert!(spec.envelope.doc.value.contains("not captured"));
    let body = br#"{"traceId":"E-2","errorCode":10001,"errorMessage":"x","errorDescription":"y"}"#;
    let Err(ApiError::Vendor(error)) =
        fxiaoke_crm::approval_instance_get::Request::decode_response(200, body)
    else {
        panic!("a vendor error")
    };
    assert!(matches!(
        error.code,
        fxiaoke_crm::errors::ErrorCode::Unknown(_)
    ));
    assert_eq!(error.code.code(), 10001);
}
