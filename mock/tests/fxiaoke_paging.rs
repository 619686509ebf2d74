//! Fxiaoke CRM against the mock: a corpAccessToken from the mock's token call, then the
//! approval-instance list paged to the end, driven by the endpoint's `METADATA.pagination`.

mod support;

use approval_api::fxiaoke_crm::{self, approval_instances_query, corp_access_token_get};
use approval_api::runtime::endpoint::{FieldLocation, Pagination};
use approval_api::runtime::{Endpoint, Secret};
use approval_api_mock::{FXIAOKE_CORP_ID, MockConfig, MockVendor};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use support::{body, call, vendor_code};

async fn corp_token(
    client: &reqwest::Client,
    base: &str,
    secret: &str,
) -> Result<Value, approval_api::runtime::ApiError<fxiaoke_crm::VendorError>> {
    let app = MockConfig::default().fxiaoke_app;
    let request = corp_access_token_get::Request::new(body(json!({
        "appId": app.app_id,
        "appSecret": secret,
        "permanentCode": app.permanent_code,
    })));
    call(client, base, &(), &request).await
}

fn context(token: &str, trace: usize) -> fxiaoke_crm::Context {
    fxiaoke_crm::Context::new(
        Secret::new(format!("Bearer {token}")),
        FXIAOKE_CORP_ID.to_owned(),
        "FSUID_55E332B8B9637C744CFD5FC89F7FCA57".to_owned(),
        format!("6f1c2a3b-4d5e-4f60-8a7b-{trace:012x}"),
    )
}

/// Sets a body field named by a pagination path of wire names.
fn set(body: &mut Value, path: &[&str], value: i64) {
    let mut place = body;
    for name in path {
        place = &mut place[*name];
    }
    *place = value.into();
}

fn get<'a>(payload: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().fold(payload, |value, name| &value[*name])
}

#[tokio::test]
async fn the_instance_list_pages_to_the_end() {
    let mock = MockVendor::start(MockConfig::default().with_fxiaoke_records(45))
        .await
        .expect("binds");
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let granted = corp_token(&client, base, &MockConfig::default().fxiaoke_app.app_secret)
        .await
        .expect("the token call succeeds");
    let token = granted["corpAccessToken"]
        .as_str()
        .expect("a token")
        .to_owned();
    assert_eq!(granted["corpId"], FXIAOKE_CORP_ID);
    assert_eq!(granted["expiresIn"], 7200);

    let Some(Pagination::PageNumber {
        page,
        page_size: Some(page_size),
        total: Some(total),
        ..
    }) = approval_instances_query::Request::METADATA.pagination
    else {
        panic!("the spec pages approval_instances_query by page number, with a size and a total");
    };
    assert_eq!(
        (page.location, page_size.location),
        (FieldLocation::Body, FieldLocation::Body)
    );

    // The list page's own example request, with the window made real.
    let mut template: Value = serde_json::from_str(include_str!(
        "../../tests/fixtures/fxiaoke_crm/approval_instances_query.request.json"
    ))
    .expect("JSON");
    template["startTime"] = 1_496_000_000_000_i64.into();
    template["endTime"] = 1_497_000_000_000_i64.into();
    template["state"] = "pass".into();
    set(&mut template, page_size.path, 10);

    let mut seen = BTreeSet::new();
    let mut pages = 0;
    let all = loop {
        let mut request = template.clone();
        set(&mut request, page.path, pages + 1);
        let answer = call(
            &client,
            base,
            &context(&token, seen.len()),
            &approval_instances_query::Request::new(body(request)),
        )
        .await
        .expect("approval_instances_query succeeds");
        pages += 1;
        let instances = answer["queryResult"]["instanceList"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for instance in &instances {
            assert!(
                seen.insert(instance["instanceId"].as_str().expect("an id").to_owned()),
                "a record comes once"
            );
        }
        let all = get(&answer, total).as_u64().expect("a total");
        if instances.is_empty() || seen.len() as u64 >= all {
            break all;
        }
    };
    assert_eq!(all, 45);
    assert_eq!(seen.len(), 45);
    assert_eq!(pages, 5);
    assert_eq!(
        mock.counters()
            .requests_to("fxiaoke_crm/approval_instances_query"),
        5
    );
}

#[tokio::test]
async fn a_wrong_corp_access_token_is_refused_with_20016() {
    let mock = MockVendor::start(MockConfig::default())
        .await
        .expect("binds");
    let client = reqwest::Client::new();
    let base = mock.base_url();
    assert_eq!(
        vendor_code(corp_token(&client, base, "wrong").await),
        20_016
    );
    let request = approval_instances_query::Request::new(body(json!({
        "flowApiName": "apprDLWEK4A83N__crmapp", "startTime": 0, "endTime": 1,
    })));
    assert_eq!(
        vendor_code(call(&client, base, &context("made-up", 0), &request).await),
        20_016
    );
    assert_eq!(mock.counters().token_requests, 1);
}
