//! The 71360 page's own examples against the generated types.

use approval_api::fxiaoke_71360::{
    approval_get, approval_query, approval_type_forms_get, errors, types,
};
use approval_api::runtime::{ApiError, Endpoint, Validate};
use approval_tests::{fixture, round_trip};

/// The string values of a JSON text that contain U+00A0, in document order.
fn strings_with_nbsp(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut value = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => value.extend(chars.next()),
                '"' => break,
                other => value.push(other),
            }
        }
        if value.contains('\u{a0}') {
            found.push(value.replace('\u{a0}', " "));
        }
    }
    found
}

/// Quotes the keys the list example leaves bare.
fn quote_bare_keys(text: &str) -> String {
    ["totalCount", "pageSize", "pageNumber"]
        .iter()
        .fold(text.to_owned(), |text, key| {
            text.replace(&format!("{key}:"), &format!("\"{key}\":"))
        })
}

/// Drops `//` comments (none of the custom-form illustration's strings contains `//`).
fn strip_line_comments(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A corrected fixture: its name, the string values the U+00A0 replacement changed, and the one
/// further correction applied to the capture.
type Correction = (&'static str, &'static [&'static str], fn(&str) -> String);

/// The corrected fixtures differ from the captured examples only as their README says: every
/// fixture with an original is listed here, with the string values that U+00A0 replacement
/// changed and the one further correction, if any.
#[test]
fn corrected_fixtures_match_the_captured_examples() {
    let no_other_fix: fn(&str) -> String = str::to_owned;
    let cases: [Correction; 17] = [
        ("approval_type_forms_get.request", &[], no_other_fix),
        ("approval_type_forms_get.response", &[], no_other_fix),
        (
            "error_corp_access_token.response",
            &["corpAccessToken error"],
            no_other_fix,
        ),
        ("approval_query.request", &[], no_other_fix),
        ("approval_query.response", &[], quote_bare_keys),
        ("approval_get.request", &[], no_other_fix),
        (
            "approval_get.response",
            &[
                "2017-01-05 22:22:46",
                "2017-01-05 22:22:46",
                "2017-01-04 22:25",
            ],
            no_other_fix,
        ),
        (
            "error_illegal_parameter.response",
            &["illegal parameter"],
            no_other_fix,
        ),
        (
            "form_records/travel_reimbursement",
            &["2000-01-01 00:00"; 4],
            no_other_fix,
        ),
        ("form_records/loan", &[], no_other_fix),
        ("form_records/payment", &["2017-01-04 22:25"], no_other_fix),
        (
            "form_records/leave",
            &[
                "2017-01-04 22:15",
                "2017-01-06 22:15",
                "2017-01-07 22:15",
                "2017-01-09 22:15",
            ],
            no_other_fix,
        ),
        ("form_records/reimbursement", &[], no_other_fix),
        (
            "form_records/business_trip",
            &["2017-01-03 16:45", "2017-01-09 16:45"],
            no_other_fix,
        ),
        ("form_records/discount", &[], no_other_fix),
        (
            "form_records/overtime",
            &["2017-01-04 16:50", "2017-01-09 16:50"],
            no_other_fix,
        ),
        ("form_records/custom_form_format", &[], strip_line_comments),
    ];
    let mut originals: Vec<String> = Vec::new();
    let dir = approval_tests::workspace_root().join("tests/fixtures/fxiaoke_71360");
    for sub in [dir.clone(), dir.join("form_records")] {
        for entry in std::fs::read_dir(&sub).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if let Some(stem) = name.strip_suffix(".original.txt") {
                let prefix = if sub == dir { "" } else { "form_records/" };
                originals.push(format!("{prefix}{stem}"));
            }
        }
    }
    originals.sort();
    let mut listed: Vec<String> = cases.iter().map(|(n, _, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(originals, listed, "every original has a case here");

    for (name, changed_strings, other_fix) in cases {
        let original = fixture(&format!("fxiaoke_71360/{name}.original.txt"));
        assert!(
            serde_json::from_str::<serde_json::Value>(&original).is_err(),
            "{name}: the capture is not strict JSON"
        );
        assert_eq!(
            strings_with_nbsp(&original),
            changed_strings,
            "{name}: the string values changed by the U+00A0 replacement, as the README lists"
        );
        let cleaned: serde_json::Value =
            serde_json::from_str(&other_fix(&original.replace('\u{a0}', " "))).expect(name);
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
    let Some(types::FormRecord::Payment(payment)) = &approval.form_record else {
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
        Some(types::FormRecord::Unknown(_))
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
    let mut bare = query;
    bare.page_size = None;
    bare.page_number = None;
    assert_eq!(bare.page_size_or_default(), 20);
    assert_eq!(bare.page_number_or_default(), 1);
    assert_eq!(types::ApprovalQueryBody::DEFAULT_PAGE_SIZE, 20);
}
