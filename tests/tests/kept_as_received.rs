//! What was received is what is kept and re-sent: fields the spec does not list, and union
//! members whose shape does not fit what their discriminator names.

use approval_api::feishu::{self, types::Widget};
use approval_api::fxiaoke_71360 as f71360;
use approval_api::runtime::Endpoint;
use approval_tests::fixture;
use serde_json::{Value, json};

fn feishu_instance_get() -> Value {
    serde_json::from_str(&fixture("feishu/instance_get/response.json")).unwrap()
}

fn f71360_approval_get() -> Value {
    serde_json::from_str(&fixture("fxiaoke_71360/approval_get.response.json")).unwrap()
}

#[test]
fn a_response_field_newer_than_the_page_is_kept_readable_and_resent() {
    // Live responses carry `instance_link`, which the captured page does not list.
    let mut body = feishu_instance_get();
    let link = json!({"pc_link": "https://applink.feishu.cn/x", "mobile_link": "https://m"});
    body["data"]["instance_link"] = link.clone();
    body["data"]["task_list"][0]["node_key"] = json!("APPROVAL_240330_4058663");
    let bytes = serde_json::to_vec(&body).unwrap();
    let instance = feishu::instance_get::Request::decode_response(200, &bytes).expect("decodes");

    assert_eq!(instance.unknown_fields.get("instance_link"), Some(&link));
    assert_eq!(instance.unknown_fields.len(), 1);
    assert_eq!(
        instance.task_list.as_ref().unwrap()[0]
            .unknown_fields
            .get("node_key"),
        Some(&json!("APPROVAL_240330_4058663"))
    );
    let mut resent = serde_json::to_value(&instance).unwrap();
    // The form is JSON in a string, re-sent compactly: compare it as JSON.
    let form = |data: &mut Value| -> Value {
        serde_json::from_str(data["form"].take().as_str().unwrap()).unwrap()
    };
    assert_eq!(form(&mut resent), form(&mut body["data"]));
    assert_eq!(
        resent, body["data"],
        "nothing received is lost on the way back"
    );
}

#[test]
fn a_listed_page_example_has_no_unknown_fields() {
    let bytes = serde_json::to_vec(&feishu_instance_get()).unwrap();
    let instance = feishu::instance_get::Request::decode_response(200, &bytes).unwrap();
    assert!(
        instance.unknown_fields.is_empty(),
        "{:?}",
        instance.unknown_fields
    );
}

#[test]
fn a_value_built_in_code_has_none_and_serializes_as_before() {
    let widget = feishu::types::TextWidget::new("111".into(), "11111".into());
    assert!(widget.unknown_fields.is_empty());
    assert_eq!(
        serde_json::to_value(Widget::Input(widget)).unwrap(),
        json!({"id": "111", "type": "input", "value": "11111"})
    );
}

#[test]
fn an_unknown_field_inside_a_tagged_union_member_is_kept() {
    let json = json!({"id": "444", "type": "number", "value": "4", "ext": {"unit": "kg"}});
    let widget: Widget = serde_json::from_value(json.clone()).unwrap();
    let Widget::Number(number) = &widget else {
        panic!("a number widget: {widget:?}")
    };
    assert_eq!(
        number.unknown_fields.get("ext"),
        Some(&json!({"unit": "kg"}))
    );
    assert_eq!(serde_json::to_value(&widget).unwrap(), json);
}

#[test]
fn a_duplicated_listed_field_is_refused_as_serde_does() {
    let err = serde_json::from_str::<feishu::types::TextWidget>(
        r#"{"id":"1","id":"2","type":"input","value":"v"}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("duplicate field `id`"), "{err}");
}

#[test]
fn a_missing_required_field_names_it() {
    let err = serde_json::from_str::<feishu::types::TextWidget>(r#"{"type":"input","value":"v"}"#)
        .unwrap_err();
    assert!(err.to_string().contains("missing field `id`"), "{err}");
}

#[test]
fn a_71360_form_that_does_not_fit_its_approve_type_is_kept_raw() {
    // approveType 6 is a payment form; give it a leave form's fields instead.
    let mut body = f71360_approval_get();
    let leave = json!({"leaveType": "年假", "startTime": "2017-01-04 22:25", "days": 2});
    body["approval"]["formRecord"] = leave.clone();
    let bytes = serde_json::to_vec(&body).unwrap();
    let response = f71360::approval_get::Request::decode_response(200, &bytes).expect("decodes");
    let Some(f71360::types::FormRecord::Unknown(kept)) = &response.approval.form_record else {
        panic!(
            "kept raw, not an empty payment form: {:?}",
            response.approval.form_record
        )
    };
    assert_eq!(kept.raw(), &leave);
    let resent = serde_json::to_value(&response.approval).unwrap();
    assert_eq!(resent, body["approval"]);
}

#[test]
fn a_71360_form_that_fits_decodes_as_its_member() {
    let bytes = serde_json::to_vec(&f71360_approval_get()).unwrap();
    let response = f71360::approval_get::Request::decode_response(200, &bytes).unwrap();
    // The inline envelope's status fields sit beside the payload's but are not its own.
    assert!(
        response.unknown_fields.is_empty(),
        "{:?}",
        response.unknown_fields
    );
    assert!(
        matches!(
            response.approval.form_record,
            Some(f71360::types::FormRecord::Payment(_))
        ),
        "{:?}",
        response.approval.form_record
    );
}
