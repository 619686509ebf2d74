//! The 71360 page's own examples against the generated types.

use approval_api::fxiaoke_71360::{
    approval_get, approval_query, approval_type_forms_get, errors, types,
};
use approval_api::runtime::{ApiError, Endpoint, Validate};
use approval_tests::{fixture, round_trip};

/// The corrected fixtures differ from the captured examples only as their README says.
#[test]
fn corrected_fixtures_match_the_captured_examples() {
    let nbsp_only = [
        "approval_type_forms_get.request",
        "approval_type_forms_get.response",
        "error_corp_access_token.response",
        "approval_query.request",
        "approval_get.request",
        "approval_get.response",
        "error_illegal_parameter.response",
        "form_records/travel_reimbursement",
        "form_records/loan",
        "form_records/payment",
        "form_records/leave",
        "form_records/reimbursement",
        "form_records/business_trip",
        "form_records/discount",
        "form_records/overtime",
    ];
    for name in nbsp_only {
        let original = fixture(&format!("fxiaoke_71360/{name}.original.txt"));
        assert!(
            serde_json::from_str::<serde_json::Value>(&original).is_err(),
            "{name}: the capture is not strict JSON"
        );
        let cleaned: serde_json::Value =
            serde_json::from_str(&original.replace('\u{a0}', " ")).expect(name);
        let corrected: serde_json::Value =
            serde_json::from_str(&fixture(&format!("fxiaoke_71360/{name}.json"))).expect(name);
        assert_eq!(cleaned, corrected, "{name}");
    }
}

fn check_round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str) {
    let (original, back) = round_trip::<T>(&fixture(&format!("fxiaoke_71360/{name}.json")));
    assert_eq!(original, back, "{name}");
}

#[test]
fn requests_round_trip_and_pass_validation() {
    check_round_trip::<types::ApprovalTypeFormsGetBody>("approval_type_forms_get.request");
    check_round_trip::<types::ApprovalQueryBody>("approval_query.request");
    check_round_trip::<types::ApprovalGetBody>("approval_get.request");
    let query: types::ApprovalQueryBody =
        serde_json::from_str(&fixture("fxiaoke_71360/approval_query.request.json")).unwrap();
    query.validate().expect("the documented query is valid");
    assert!(
        !format!("{query:?}").contains("CORP_ACCESS_TOKEN"),
        "the token is redacted in Debug"
    );
}

#[test]
fn responses_round_trip_as_envelopes() {
    check_round_trip::<errors::Envelope<types::ApprovalTypeFormsGetResponse>>(
        "approval_type_forms_get.response",
    );
    check_round_trip::<errors::Envelope<types::ApprovalQueryResponse>>("approval_query.response");
    check_round_trip::<errors::Envelope<types::ApprovalGetResponse>>("approval_get.response");
    check_round_trip::<errors::Envelope>("error_corp_access_token.response");
    check_round_trip::<errors::Envelope>("error_illegal_parameter.response");
}

#[test]
fn approval_detail_decodes_its_payment_form_by_approve_type() {
    let body = fixture("fxiaoke_71360/approval_get.response.json");
    let response = approval_get::Request::decode_response(200, body.as_bytes()).expect("success");
    let approval = response.approval;
    assert_eq!(approval.approve_type, types::ApproveType::Payment);
    let types::FormRecord::Payment(payment) = &approval.form_record else {
        panic!("a payment form: {:?}", approval.form_record)
    };
    assert_eq!(payment.receiver_name.as_deref(), Some("雷龙"));
    assert_eq!(
        payment.payment_time.map(|t| t.to_string()).as_deref(),
        Some("2017-01-04 22:25")
    );
    assert_eq!(
        approval.approval_form_name.as_deref(),
        Some("付款申请"),
        "the example's spelling"
    );
    assert_eq!(
        approval.approve_form_name, None,
        "the table's spelling is absent here"
    );
    assert_eq!(approval.approval_tasks[1].state, types::TaskState::Schedule);
}

#[test]
fn every_preset_form_example_decodes_to_its_shape_and_round_trips() {
    use types::ApproveType as T;
    let cases = [
        ("travel_reimbursement", T::TravelReimbursement),
        ("loan", T::Loan),
        ("payment", T::Payment),
        ("leave", T::Leave),
        ("reimbursement", T::Reimbursement),
        ("business_trip", T::BusinessTrip),
        ("discount", T::Discount),
        ("overtime", T::Overtime),
        ("custom_form_format", T::FixedFlow),
    ];
    for (name, approve_type) in cases {
        let json: serde_json::Value =
            serde_json::from_str(&fixture(&format!("fxiaoke_71360/form_records/{name}.json")))
                .unwrap();
        let form = types::FormRecord::from_json(Some(&approve_type), json.clone())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            !matches!(form, types::FormRecord::Unknown(_)),
            "{name} has a typed shape"
        );
        assert_eq!(
            serde_json::to_value(&form).unwrap(),
            json,
            "{name} round-trips"
        );
    }
    let leave: serde_json::Value =
        serde_json::from_str(&fixture("fxiaoke_71360/form_records/leave.json")).unwrap();
    let types::FormRecord::Leave(leave) =
        types::FormRecord::from_json(Some(&T::Leave), leave).unwrap()
    else {
        panic!()
    };
    let details = leave.details.expect("the example uses `details`");
    assert_eq!(details[1].leave_type, Some(types::LeaveType::Sick));
    assert_eq!(
        details[0].hours.as_ref().map(|h| h.to_string()).as_deref(),
        Some("8.4")
    );
}

#[test]
fn a_form_of_an_unlisted_approve_type_is_kept_as_received() {
    let body = fixture("fxiaoke_71360/approval_get.response.json")
        .replace("\"approveType\": 6", "\"approveType\": 42");
    let (original, back) = round_trip::<errors::Envelope<types::ApprovalGetResponse>>(&body);
    assert_eq!(original, back);
    let response = approval_get::Request::decode_response(200, body.as_bytes()).unwrap();
    assert!(matches!(
        response.approval.form_record,
        types::FormRecord::Unknown(_)
    ));
    assert_eq!(response.approval.approve_type.as_i64(), Some(42));
}

#[test]
fn error_examples_are_typed() {
    let body = fixture("fxiaoke_71360/error_corp_access_token.response.json");
    let Err(ApiError::Vendor(error)) =
        approval_type_forms_get::Request::decode_response(200, body.as_bytes())
    else {
        panic!()
    };
    assert_eq!(error.code, errors::ErrorCode::CorpAccessTokenError);
    let body = fixture("fxiaoke_71360/error_illegal_parameter.response.json");
    let Err(ApiError::Vendor(error)) = approval_get::Request::decode_response(200, body.as_bytes())
    else {
        panic!()
    };
    assert_eq!(error.code, errors::ErrorCode::IllegalParameter);
}

#[test]
fn list_response_decodes() {
    let body = fixture("fxiaoke_71360/approval_query.response.json");
    let page = approval_query::Request::decode_response(200, body.as_bytes()).unwrap();
    assert_eq!(
        (page.total_count, page.page_size, page.page_number),
        (1000, 10, 1)
    );
    assert_eq!(page.approvals[0].status, types::ApprovalStatus::Pending);
}

#[test]
fn query_defaults_are_the_documented_ones() {
    let query: types::ApprovalQueryBody =
        serde_json::from_str(&fixture("fxiaoke_71360/approval_query.request.json")).unwrap();
    let bare = types::ApprovalQueryBody {
        page_size: None,
        page_number: None,
        ..query
    };
    assert_eq!(bare.page_size_or_default(), 20);
    assert_eq!(bare.page_number_or_default(), 1);
    assert_eq!(types::ApprovalQueryBody::DEFAULT_PAGE_SIZE, 20);
}
