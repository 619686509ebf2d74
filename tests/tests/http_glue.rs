//! `runtime::http`: generated requests become exactly the `http::Request` the vendor documents,
//! and `http::Response`s decode, with the vendors' own examples.

use approval_api::feishu::{self, instance_create, instance_get, types};
use approval_api::fxiaoke_crm::{self, approval_instance_get};
use approval_api::ikcrm;
use approval_api::runtime::http::{BuildError, HttpRequestExt, from_http_response};
use approval_api::runtime::{ApiError, Secret};
use approval_tests::fixture;

const FEISHU_TOKEN: &str = "Bearer t-g1044qeGEDXTB6NDJOGV4JQCYDGHRBARFTGT1234";

fn feishu_context() -> feishu::Context {
    feishu::Context::new(Secret::from(FEISHU_TOKEN))
}

/// The instance page's example values: instance code, `locale`, `user_id`, `user_id_type`.
fn feishu_instance_get() -> instance_get::Request {
    let mut request = instance_get::Request::new(types::InstanceCode::from(
        "81D31358-93AF-92D6-7425-01A5D67C4E71".to_owned(),
    ));
    request.locale = Some(types::Locale::ZhCn);
    request.user_id = Some("f7cb567e".to_owned());
    request.user_id_type = Some(types::UserIdType::UserId);
    request
}

/// Header names and values in order, secret ones as `None`, each with its sensitivity.
fn headers_of<B>(request: &http::Request<B>) -> Vec<(String, Option<String>, bool)> {
    request
        .headers()
        .iter()
        .map(|(name, value)| {
            let shown = (!value.is_sensitive()).then(|| value.to_str().unwrap().to_owned());
            (name.as_str().to_owned(), shown, value.is_sensitive())
        })
        .collect()
}

/// A JSON value with the `form` string (Feishu's JSON-in-string, re-encoded compactly by the
/// typed form) parsed, so two encodings of one body compare equal.
fn with_form_parsed(mut value: serde_json::Value) -> serde_json::Value {
    if let Some(form) = value.get_mut("form")
        && let Some(text) = form.as_str()
    {
        *form = serde_json::from_str(text).expect("form is JSON");
    }
    value
}

#[test]
fn feishu_get_with_query_parameters() {
    let request = feishu_instance_get()
        .to_http_request(feishu::BASE_URL, &feishu_context())
        .expect("builds");
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().to_string(),
        "https://open.feishu.cn/open-apis/approval/v4/instances/81D31358-93AF-92D6-7425-01A5D67C4E71\
         ?locale=zh-CN&user_id=f7cb567e&user_id_type=user_id"
    );
    // No body, so no Content-Type; the token is there but marked sensitive.
    assert_eq!(
        headers_of(&request),
        [("authorization".to_owned(), None, true)]
    );
    assert_eq!(request.headers()["authorization"], FEISHU_TOKEN);
    assert!(request.body().is_empty());
}

#[test]
fn query_and_path_text_cannot_change_the_url_structure() {
    let mut request = feishu_instance_get();
    request.instance_id = types::InstanceCode::from("审批/1?x".to_owned());
    request.user_id = Some("张三 a&b=c+d/e?f#g%h~".to_owned());
    request.locale = None;
    // A trailing slash on the base URL does not double the path's.
    let request = request
        .to_http_request("https://open.feishu.cn/", &feishu_context())
        .expect("builds");
    assert_eq!(
        request.uri().to_string(),
        "https://open.feishu.cn/open-apis/approval/v4/instances/%E5%AE%A1%E6%89%B9%2F1%3Fx\
         ?user_id=%E5%BC%A0%E4%B8%89%20a%26b%3Dc%2Bd%2Fe%3Ff%23g%25h~&user_id_type=user_id"
    );
    assert_eq!(request.uri().query().map(|q| q.split('&').count()), Some(2));
}

#[test]
fn feishu_create_with_json_body() {
    let example = fixture("feishu/instance_create/request.json");
    let body: types::InstanceCreateBody = serde_json::from_str(&example).expect("page example");
    let request = instance_create::Request::new(body)
        .to_http_request(feishu::BASE_URL, &feishu_context())
        .expect("builds");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri().to_string(),
        "https://open.feishu.cn/open-apis/approval/v4/instances"
    );
    assert_eq!(
        headers_of(&request),
        [
            ("authorization".to_owned(), None, true),
            (
                "content-type".to_owned(),
                Some("application/json; charset=utf-8".to_owned()),
                false
            ),
        ]
    );
    let sent: serde_json::Value = serde_json::from_slice(request.body()).expect("JSON body");
    let page: serde_json::Value = serde_json::from_str(&example).expect("JSON");
    assert_eq!(with_form_parsed(sent), with_form_parsed(page));
}

#[test]
fn debug_of_the_built_request_hides_the_token() {
    let request = feishu_instance_get()
        .to_http_request(feishu::BASE_URL, &feishu_context())
        .expect("builds");
    let shown = format!("{request:?}");
    assert!(shown.contains("Sensitive"), "{shown}");
    assert!(
        !shown.contains("g1044qeGEDXTB6NDJOGV4JQCYDGHRBARFTGT1234"),
        "{shown}"
    );
}

fn fxiaoke_context(ea: &str) -> fxiaoke_crm::Context {
    fxiaoke_crm::Context::new(
        Secret::from("Bearer a1b2c3d4e5"),
        ea.to_owned(),
        "FSUID_6A1B3F".to_owned(),
        "6f1c2a7e-3b4d-4c5e-9f60-7a8b9c0d1e2f".to_owned(),
    )
}

fn fxiaoke_instance_get() -> approval_instance_get::Request {
    let example = fixture("fxiaoke_crm/approval_instance_get.request.json");
    approval_instance_get::Request::new(serde_json::from_str(&example).expect("page example"))
}

#[test]
fn fxiaoke_crm_with_templated_host_and_trace_id_in_the_query() {
    let request = fxiaoke_instance_get()
        .to_http_request(
            &fxiaoke_crm::base_url("open.fxiaoke.com"),
            &fxiaoke_context("fsea_88146"),
        )
        .expect("builds");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri().to_string(),
        "https://open.fxiaoke.com/cgi/crm/approvalInstance/get\
         ?thirdTraceId=6f1c2a7e-3b4d-4c5e-9f60-7a8b9c0d1e2f"
    );
    assert_eq!(
        headers_of(&request),
        [
            ("authorization".to_owned(), None, true),
            ("x-fs-ea".to_owned(), Some("fsea_88146".to_owned()), false),
            (
                "x-fs-userid".to_owned(),
                Some("FSUID_6A1B3F".to_owned()),
                false
            ),
            (
                "content-type".to_owned(),
                Some("application/json; charset=utf-8".to_owned()),
                false
            ),
        ]
    );
    let sent: serde_json::Value = serde_json::from_slice(request.body()).expect("JSON body");
    let page: serde_json::Value =
        serde_json::from_str(&fixture("fxiaoke_crm/approval_instance_get.request.json")).unwrap();
    assert_eq!(sent, page);
}

#[test]
fn the_base_url_template_is_refused() {
    let error = fxiaoke_instance_get()
        .to_http_request(fxiaoke_crm::BASE_URL, &fxiaoke_context("fsea_88146"))
        .expect_err("`${cloud_domain}` left in");
    assert!(
        matches!(&error, BuildError::UnfilledBaseUrl { placeholder } if placeholder == "${cloud_domain}"),
        "{error:?}"
    );
    assert!(error.to_string().contains("base_url(..)"), "{error}");
}

#[test]
fn header_values_with_cr_lf_are_errors_naming_the_header() {
    let context = feishu::Context::new(Secret::from("Bearer t-1\r\nX-Injected: yes"));
    let error = feishu_instance_get()
        .to_http_request(feishu::BASE_URL, &context)
        .expect_err("CR LF in a secret header");
    assert!(
        matches!(
            error,
            BuildError::InvalidHeaderValue {
                name: "Authorization",
                secret: true
            }
        ),
        "{error:?}"
    );
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(shown.contains("Authorization"), "{shown}");
        assert!(!shown.contains("t-1"), "{shown}");
        assert!(!shown.contains("Injected"), "{shown}");
    }

    let error = fxiaoke_instance_get()
        .to_http_request(
            &fxiaoke_crm::base_url("open.fxiaoke.com"),
            &fxiaoke_context("fsea\n"),
        )
        .expect_err("LF in a plain header");
    assert!(
        matches!(
            error,
            BuildError::InvalidHeaderValue {
                name: "x-fs-ea",
                secret: false
            }
        ),
        "{error:?}"
    );
}

#[test]
fn ikcrm_context_headers_in_documented_order() {
    let context = ikcrm::Context::new(
        ikcrm::types::Platform::Lixiaoyun,
        "crm".to_owned(),
        Secret::from("ik-token-9"),
    );
    let request = ikcrm::approval_center_list::Request::default()
        .to_http_request(ikcrm::BASE_URL, &context)
        .expect("builds");
    // No query parameter set: no `?`.
    assert_eq!(
        request.uri().to_string(),
        "https://process-platform.weiwenjia.com/api/v1/approval_center/list"
    );
    assert_eq!(
        headers_of(&request),
        [
            (
                "x-lxy-platform".to_owned(),
                Some("lixiaoyun".to_owned()),
                false
            ),
            ("x-lxy-app".to_owned(), Some("crm".to_owned()), false),
            ("access-token".to_owned(), None, true),
        ]
    );
    assert!(!format!("{request:?}").contains("ik-token-9"));
}

#[test]
fn responses_decode_through_http_response() {
    let ok = http::Response::builder()
        .status(200)
        .body(fixture("feishu/instance_get/response.json"))
        .unwrap();
    let instance = instance_get::Request::from_http_response(&ok).expect("payload");
    assert_eq!(instance.approval_name.as_deref(), Some("Payment"));
    assert_eq!(instance.serial_number.as_deref(), Some("202102060002"));

    let created = http::Response::builder()
        .status(200)
        .body(fixture("feishu/instance_create/response.json").into_bytes())
        .unwrap();
    let created = from_http_response::<instance_create::Request, _>(&created).expect("payload");
    assert_eq!(
        created.instance_code.map(|code| code.to_string()),
        Some("81D31358-93AF-92D6-7425-01A5D67C4E71".to_owned())
    );

    let refused = http::Response::builder()
        .status(400)
        .body(fixture("feishu/error_param_invalid.response.json"))
        .unwrap();
    let Err(ApiError::Vendor(error)) = instance_create::Request::from_http_response(&refused)
    else {
        panic!("expected the vendor's error")
    };
    assert_eq!(error.code, feishu::errors::ErrorCode::ParamInvalid);
    assert_eq!(error.http_status, 400);
}
