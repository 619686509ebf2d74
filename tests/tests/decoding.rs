//! What `decode_response` (the call users make) answers for bodies that are not plain
//! successes: a success code under an error status, a payload that does not fit (with the JSON
//! path of the failing value), and a body that is no envelope (with the parser's reason).

use approval_api::ikcrm::execute_records_detail;
use approval_api::runtime::{ApiError, Endpoint};
use approval_tests::fixture;
use std::error::Error as _;

fn detail_with_bad_uid() -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(&fixture("ikcrm/execute_records_detail.response.json")).unwrap();
    value["data"]["execution_details"][1]["approval_details"][0]["uid"] = "not a number".into();
    value.to_string()
}

#[test]
fn a_success_code_under_an_error_status_is_not_a_success() {
    let body = fixture("ikcrm/execute_records_detail.response.json");
    let result = execute_records_detail::Request::decode_response(500, body.as_bytes());
    let Err(ApiError::UnexpectedResponse { status, reason, .. }) = result else {
        panic!("HTTP 500 must not decode as a success: {result:?}");
    };
    assert_eq!(status, 500);
    assert!(reason.contains("HTTP 500"), "{reason}");
}

#[test]
fn a_payload_that_does_not_fit_says_where() {
    let body = detail_with_bad_uid();
    let Err(ApiError::Decode(error)) =
        execute_records_detail::Request::decode_response(200, body.as_bytes())
    else {
        panic!("a string where the uid is a number must not decode");
    };
    assert_eq!(
        error.path(),
        "data.execution_details[1].approval_details[0].uid"
    );
    assert!(error.source().is_some(), "the parser's error is the source");
    assert!(
        error.to_string().contains("approval_details[0].uid"),
        "{error}"
    );
}

#[test]
fn a_body_that_is_no_envelope_keeps_the_parsers_reason() {
    let result = execute_records_detail::Request::decode_response(502, b"<html>Bad gateway</html>");
    let Err(ApiError::UnexpectedResponse {
        status,
        body,
        reason,
    }) = result
    else {
        panic!("{result:?}");
    };
    assert_eq!((status, body.as_str()), (502, "<html>Bad gateway</html>"));
    assert!(
        reason.contains("expected value"),
        "the parser's reason is kept: {reason}"
    );
}

/// The reason of an `UnexpectedResponse` with status 200, whatever the vendor.
fn unexpected_reason<T: std::fmt::Debug, E: std::fmt::Debug>(
    result: Result<T, ApiError<E>>,
) -> String {
    match result {
        Err(ApiError::UnexpectedResponse {
            status: 200,
            reason,
            ..
        }) => reason,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_body_that_is_not_utf8_says_so() {
    // The body is checked for UTF-8 once, before parsing; both envelope kinds say why.
    let wrapped = b"{\"code\": 0, \"msg\": \"\xff\", \"data\": {}}";
    let inline = b"{\"errorCode\": 0, \"errorMessage\": \"\xff\", \"approval\": {}}";
    let reasons = [
        unexpected_reason(execute_records_detail::Request::decode_response(
            200, wrapped,
        )),
        unexpected_reason(
            approval_api::fxiaoke_71360::approval_get::Request::decode_response(200, inline),
        ),
    ];
    for reason in reasons {
        assert!(reason.starts_with("not UTF-8 text"), "{reason}");
    }
}

#[test]
fn an_error_body_whose_payload_does_not_fit_is_still_the_vendor_error() {
    // Wrapped envelopes decode in one parse; only when that fails is the head read alone.
    let body = br#"{"code": 1390001, "msg": "param is invalid", "data": {"approval_code": 5}}"#;
    let result = approval_api::feishu::instance_get::Request::decode_response(400, body);
    let Err(ApiError::Vendor(error)) = result else {
        panic!("{result:?}");
    };
    assert_eq!(error.code.code(), 1390001);
}

#[test]
fn a_required_nullable_field_left_out_is_not_sent_back_as_null() {
    // `operate_time` is documented as always present and nullable; a response that leaves it
    // out must re-encode without it, not with an invented `null`.
    let mut value: serde_json::Value =
        serde_json::from_str(&fixture("ikcrm/execute_records_detail.response.json")).unwrap();
    let entry = &mut value["data"]["execution_details"][1]["approval_details"][1];
    assert!(
        entry
            .as_object_mut()
            .unwrap()
            .remove("operate_time")
            .is_some()
    );
    let body = value.to_string();
    let detail = execute_records_detail::Request::decode_response(200, body.as_bytes()).unwrap();
    let waiting = &detail.execution_details[1].approval_details[1];
    assert_eq!(waiting.operate_time, None, "absent, not null");
    let back = serde_json::to_value(waiting).unwrap();
    assert!(back.get("operate_time").is_none(), "{back}");
}

#[test]
fn a_form_read_before_its_approve_type_that_does_not_fit_says_where_and_why() {
    // The page's example sends `formRecord` before `approveType`: the form is kept as its text
    // and decoded once the object is read; a value that does not fit is still a typed error.
    let body = fixture("fxiaoke_71360/approval_get.response.json")
        .replace("\"paymentAmount\": 12", "\"paymentAmount\": \"twelve\"");
    assert!(body.find("\"formRecord\"") < body.find("\"approveType\""));
    let result =
        approval_api::fxiaoke_71360::approval_get::Request::decode_response(200, body.as_bytes());
    let Err(ApiError::Decode(error)) = result else {
        panic!("{result:?}");
    };
    assert_eq!(error.path(), "approval");
    let reason = error.source().expect("the parser's error").to_string();
    assert!(reason.contains("twelve"), "{reason}");
    assert!(
        !reason.contains("line 1"),
        "no position inside the form's own text: {reason}"
    );
}
