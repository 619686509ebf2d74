//! The Feishu page's own examples against the generated types.

use approval_api::feishu::{create_instance, errors, types};
use approval_api::runtime::{ApiError, Endpoint, Lenient, Validate};
use approval_tests::{fixture, round_trip};

fn request_body() -> types::CreateInstanceBody {
    serde_json::from_str(&fixture("feishu/create_instance.request.json"))
        .expect("the documented request decodes")
}

#[test]
fn request_example_round_trips_with_the_form_compared_as_json() {
    let json = fixture("feishu/create_instance.request.json");
    let (mut original, mut back) = round_trip::<types::CreateInstanceBody>(&json);
    // Documented quirk: `form` is JSON inside a string; its value survives, its whitespace
    // (`"interval": 2.0`, `"type":"number", "value"`) does not. Compare it parsed.
    let parse = |value: &mut serde_json::Value| {
        let form = value["form"].as_str().expect("form is a string").to_owned();
        value["form"] = serde_json::from_str(&form).expect("form holds JSON");
    };
    parse(&mut original);
    parse(&mut back);
    assert_eq!(original, back);
}

#[test]
fn form_decodes_into_typed_widgets() {
    let body = request_body();
    let widgets = body.form.get();
    let tags: Vec<&str> = widgets.iter().map(types::Widget::tag).collect();
    assert_eq!(
        tags,
        ["input", "dateInterval", "radioV2", "number", "textarea"]
    );
    let types::Widget::Number(number) = &widgets[3] else {
        panic!("widget 3 is a number")
    };
    assert!(
        matches!(&number.value, Lenient::Text(text) if text == "4"),
        "the string form is kept: {:?}",
        number.value
    );
    assert_eq!(number.value.value().map(|d| d.as_f64()), Some(4.0));
    let types::Widget::DateInterval(interval) = &widgets[1] else {
        panic!("widget 1 is a date interval")
    };
    assert_eq!(interval.required, Some(true));
    assert_eq!(
        interval.value.start.to_string(),
        "2019-10-01T08:12:01+08:00"
    );
}

#[test]
fn every_documented_widget_round_trips() {
    let (original, back) = round_trip::<Vec<types::Widget>>(&fixture("feishu/widgets.json"));
    assert_eq!(original, back);
    let widgets: Vec<types::Widget> = serde_json::from_value(original).unwrap();
    assert!(
        widgets
            .iter()
            .all(|w| !matches!(w, types::Widget::Unknown(_))),
        "every documented type has a shape"
    );
}

#[test]
fn unknown_widget_types_survive_unchanged() {
    let json = r#"[{"id":"w","type":"docx","value":{"token":"x"},"extra":[1,null]}]"#;
    let (original, back) = round_trip::<Vec<types::Widget>>(json);
    assert_eq!(original, back);
}

#[test]
fn response_example_decodes_and_round_trips() {
    let json = fixture("feishu/create_instance.response.json");
    let (original, back) = round_trip::<errors::Envelope<types::CreateInstanceResponse>>(&json);
    assert_eq!(original, back);
    let payload = create_instance::Request::decode_response(200, json.as_bytes()).expect("success");
    assert_eq!(
        payload.instance_code.as_str(),
        "81D31358-93AF-92D6-7425-01A5D67C4E71"
    );
}

#[test]
fn documented_error_is_typed_with_its_http_status() {
    let json = fixture("feishu/error_param_invalid.response.json");
    let Err(ApiError::Vendor(error)) =
        create_instance::Request::decode_response(400, json.as_bytes())
    else {
        panic!("expected a vendor error")
    };
    assert_eq!(error.code, errors::ErrorCode::ParamInvalid);
    assert_eq!(error.code.http_status(), Some(400));
    assert_eq!(error.code.message(), Some("param is invalid"));
    let unknown = create_instance::Request::decode_response(
        400,
        br#"{"code":99991663,"msg":"token expired"}"#,
    );
    let Err(ApiError::Vendor(error)) = unknown else {
        panic!("expected a vendor error")
    };
    assert!(matches!(error.code, errors::ErrorCode::Unknown(_)));
    assert_eq!(error.code.code(), 99991663);
}

#[test]
fn documented_request_passes_validation() {
    request_body()
        .validate()
        .expect("the vendor's own example is valid");
}

#[test]
fn refused_widget_types_are_validation_errors_with_their_path() {
    let mut body = request_body();
    let refused: types::Widget =
        serde_json::from_str(r#"{"id":"x","type":"leaveGroup","value":{}}"#).unwrap();
    body.form.get_mut().push(refused);
    let errors = body.validate().expect_err("leaveGroup cannot be created");
    assert_eq!(errors.errors()[0].path, "form[5].type");
    assert_eq!(
        errors.errors()[0].rule,
        approval_api::runtime::validate::Rule::NotAllowed
    );
}

#[test]
fn date_interval_ending_before_it_starts_is_rejected() {
    let mut body = request_body();
    let types::Widget::DateInterval(interval) = &mut body.form.get_mut()[1] else {
        panic!()
    };
    interval.value.end = "2019-09-30T08:12:01+08:00".parse().unwrap();
    let errors = body.validate().expect_err("end before start");
    assert_eq!(errors.errors()[0].path, "form[1].value.end");
}

#[test]
fn metadata_carries_what_a_caller_needs() {
    let request = create_instance::Request::new(request_body());
    let context = approval_api::feishu::Context::new("Bearer t-secret".into());
    let meta = create_instance::Request::METADATA;
    assert_eq!(
        (meta.method.as_str(), meta.path),
        ("POST", "/open-apis/approval/v4/instances")
    );
    let headers = approval_api::runtime::endpoint::Context::headers(&context);
    assert!(
        headers
            .iter()
            .any(|h| h.name == "Authorization" && h.secret && h.value == "Bearer t-secret")
    );
    assert!(!format!("{request:?} {context:?} {headers:?}").contains("t-secret"));
}
