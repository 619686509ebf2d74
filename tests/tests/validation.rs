//! Request validation, rule kind by rule kind, on the vendors' own requests: the documented
//! examples pass, and each violation is reported with the field's JSON path.

use approval_api::runtime::validate::Rule;
use approval_api::runtime::{Decimal, EpochMillis, Secret, Validate, ValidationErrors};
use approval_api::{feishu, fxiaoke_71360 as f71360, fxiaoke_crm};
use approval_tests::fixture;

fn violations(errors: &ValidationErrors) -> Vec<(String, Rule)> {
    errors
        .errors()
        .iter()
        .map(|e| (e.path.clone(), e.rule))
        .collect()
}

fn query() -> f71360::types::ApprovalQueryBody {
    serde_json::from_str(&fixture("fxiaoke_71360/approval_query.request.json")).unwrap()
}

fn feishu_body() -> feishu::types::InstanceCreateBody {
    serde_json::from_str(&fixture("feishu/instance_create/request.json")).unwrap()
}

const DAY: i64 = 86_400_000;

#[test]
fn numeric_maximum() {
    // The page caps `pageSize` at 1000 and states no minimum for it or for `pageNumber`.
    let mut body = query();
    body.page_size = Some(1001);
    body.page_number = Some(0);
    let errors = body.validate().unwrap_err();
    assert_eq!(violations(&errors), [("pageSize".into(), Rule::Maximum)]);
    body.page_size = Some(1000);
    body.validate().unwrap();
}

#[test]
fn numeric_minimum_and_maximum_on_the_token_lifetime() {
    let mut token: fxiaoke_crm::types::CorpAccessTokenGetResponse =
        serde_json::from_value(serde_json::json!({"expiresIn": -1})).unwrap();
    assert_eq!(
        violations(&token.validate().unwrap_err()),
        [("expiresIn".into(), Rule::Minimum)]
    );
    token.expires_in = Some(7201);
    assert_eq!(
        violations(&token.validate().unwrap_err()),
        [("expiresIn".into(), Rule::Maximum)]
    );
    token.expires_in = Some(7200);
    token.validate().unwrap();
}

#[test]
fn time_window_order_and_180_day_limit() {
    let mut body = query();
    body.end_time = EpochMillis(body.start_time.0 - 1);
    assert_eq!(
        violations(&body.validate().unwrap_err()),
        [("endTime".into(), Rule::Range)]
    );
    body.end_time = EpochMillis(body.start_time.0 + 181 * DAY);
    assert_eq!(
        violations(&body.validate().unwrap_err()),
        [("endTime".into(), Rule::Range)]
    );
    body.end_time = EpochMillis(body.start_time.0 + 180 * DAY);
    body.validate().unwrap();
}

#[test]
fn all_violations_are_collected_at_once() {
    let mut body = query();
    body.page_size = Some(5000);
    body.end_time = EpochMillis(0);
    assert_eq!(body.validate().unwrap_err().errors().len(), 2);
}

#[test]
fn string_length_on_the_feishu_uuid() {
    let mut body = feishu_body();
    body.uuid = Some(String::new());
    assert_eq!(
        violations(&body.validate().unwrap_err()),
        [("uuid".into(), Rule::MinLength)]
    );
    body.uuid = Some("x".repeat(65));
    assert_eq!(
        violations(&body.validate().unwrap_err()),
        [("uuid".into(), Rule::MaxLength)]
    );
    body.uuid = Some("x".repeat(64));
    body.validate().unwrap();
}

#[test]
fn list_length_limits() {
    let mut body = feishu_body();
    let entry = body.node_cc_user_id_list.as_ref().unwrap()[0].clone();
    body.node_cc_user_id_list = Some(vec![entry; 21]);
    assert_eq!(
        violations(&body.validate().unwrap_err()),
        [("node_cc_user_id_list".into(), Rule::MaxLength)]
    );
}

#[test]
fn string_forms_digits_and_prefix() {
    let mut body = feishu_body();
    body.cancel_bot_notification = Some("1|2".into());
    body.title = Some("plain title".into());
    assert_eq!(
        violations(&body.validate().unwrap_err()),
        [
            ("cancel_bot_notification".into(), Rule::Pattern),
            ("title".into(), Rule::Pattern)
        ]
    );
    body.cancel_bot_notification = Some("3".into());
    body.title = Some("@i18n@title".into());
    body.validate().unwrap();
}

#[test]
fn bot_notification_flags_take_only_the_documented_sums() {
    // 1, 2 and 4, added to combine: "1" to "7"; anything else is no combination of them.
    let mut body = feishu_body();
    for ok in ["1", "2", "4", "3", "7"] {
        body.cancel_bot_notification = Some(ok.into());
        body.validate().unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    for bad in ["9", "8", "0", "", "1,2"] {
        body.cancel_bot_notification = Some(bad.into());
        assert_eq!(
            violations(&body.validate().unwrap_err()),
            [("cancel_bot_notification".into(), Rule::Pattern)],
            "{bad:?}"
        );
    }
}

#[test]
fn nested_paths_reach_into_lists() {
    let mut body = feishu_body();
    body.i18n_resources = Some(vec![feishu::types::I18nResource::new(
        feishu::types::Locale::ZhCn,
        vec![
            feishu::types::I18nText::new("@i18n@ok".into(), "好".into()),
            feishu::types::I18nText::new("bad".into(), "坏".into()),
        ],
        true,
    )]);
    assert_eq!(
        violations(&body.validate().unwrap_err()),
        [("i18n_resources[0].texts[1].key".into(), Rule::Pattern)]
    );
}

#[test]
fn enum_membership_in_requests() {
    let mut body = feishu_body();
    body.title_display_method = Some(serde_json::from_str("7").unwrap());
    let errors = body.validate().unwrap_err();
    assert_eq!(
        violations(&errors),
        [("title_display_method".into(), Rule::UnknownValue)]
    );
    assert!(
        errors.to_string().contains("title_display_method"),
        "{errors}"
    );
}

#[test]
fn number_widget_text_must_be_a_number() {
    let mut body = feishu_body();
    let feishu::types::Widget::Number(number) = &mut body.form[3] else {
        panic!()
    };
    number.value = approval_api::runtime::Lenient::Text("four".into());
    assert_eq!(
        violations(&body.validate().unwrap_err()),
        [("form[3].value".into(), Rule::Pattern)]
    );
}

#[test]
fn decimal_scale() {
    let json = fixture("fxiaoke_71360/form_records/loan.json");
    let mut loan: f71360::types::LoanForm = serde_json::from_str(&json).unwrap();
    loan.validate().unwrap();
    loan.amount = Some("111.111".parse::<Decimal>().unwrap());
    assert_eq!(
        violations(&loan.validate().unwrap_err()),
        [("amount".into(), Rule::Scale)]
    );
}

#[test]
fn parameters_uuid_and_bearer_prefix_with_the_secret_redacted() {
    let mut context = fxiaoke_crm::Context::new(
        "Bearer tok".into(),
        "ea".into(),
        "user".into(),
        "9b2f3c1e-8a4d-4f6b-9c2e-1d3a5b7c9e0f".into(),
    );
    context.validate().unwrap();
    context.third_trace_id = "not-a-uuid".into();
    context.authorization = Secret::from("tok-without-scheme");
    let errors = context.validate().unwrap_err();
    assert_eq!(
        violations(&errors),
        [
            ("header.authorization".into(), Rule::Pattern),
            ("query.thirdTraceId".into(), Rule::Pattern)
        ]
    );
    assert!(
        !errors.to_string().contains("tok-without-scheme"),
        "secrets never reach validation errors: {errors}"
    );
}

#[test]
fn documented_examples_all_pass() {
    feishu_body().validate().unwrap();
    query().validate().unwrap();
    for name in ["approval_type_forms_get", "approval_get"] {
        let value: serde_json::Value =
            serde_json::from_str(&fixture(&format!("fxiaoke_71360/{name}.request.json"))).unwrap();
        let errors = match name {
            "approval_get" => serde_json::from_value::<f71360::types::ApprovalGetBody>(value)
                .unwrap()
                .validate(),
            _ => serde_json::from_value::<f71360::types::ApprovalTypeFormsGetBody>(value)
                .unwrap()
                .validate(),
        };
        errors.unwrap();
    }
}

#[test]
fn decoding_never_validates() {
    // A body that breaks two rules still decodes: rules guard what we send, and are checked
    // on received data only when asked.
    let mut value: serde_json::Value =
        serde_json::from_str(&fixture("feishu/instance_create/request.json")).unwrap();
    value["uuid"] = serde_json::Value::String("x".repeat(100));
    value["title_display_method"] = serde_json::json!(9);
    let body: feishu::types::InstanceCreateBody = serde_json::from_value(value).expect("decodes");
    assert_eq!(body.validate().unwrap_err().errors().len(), 2);
}

#[test]
fn building_and_validating_read_as_one_step() {
    let ok = f71360::types::ApprovalGetBody::new(
        Secret::from("token"),
        "corp".into(),
        f71360::types::ApprovalId::new(1),
    )
    .validated();
    assert!(ok.is_ok());
    let mut query = query();
    query.page_size = Some(1001);
    let errors = query.validated().expect_err("pageSize 1001 is refused");
    assert_eq!(violations(&errors), [("pageSize".into(), Rule::Maximum)]);
}

#[test]
fn time_formats_are_enforced_by_the_types() {
    // A wrongly formatted time cannot be held by a request at all: the types parse the vendor's
    // format, so the error comes at construction or decoding, naming the expected format.
    let mut value: serde_json::Value =
        serde_json::from_str(&fixture("feishu/instance_create/request.json")).unwrap();
    let form = value["form"]
        .as_str()
        .unwrap()
        .replace("2019-10-01T08:12:01+08:00", "2019-10-01 08:12:01");
    value["form"] = serde_json::Value::String(form);
    let error = serde_json::from_value::<feishu::types::InstanceCreateBody>(value)
        .unwrap_err()
        .to_string();
    assert!(error.contains("RFC 3339"), "{error}");
    let error = "2017-01-04 22:25:00"
        .parse::<approval_api::runtime::DateTimeMinutes>()
        .unwrap_err()
        .to_string();
    assert!(error.contains("yyyy-MM-dd HH:mm"), "{error}");
    assert!(
        "2017-01-04 22:25"
            .parse::<approval_api::runtime::DateTimeMinutes>()
            .is_ok()
    );
}
