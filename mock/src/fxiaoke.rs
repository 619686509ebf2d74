//! Fxiaoke CRM: approval instances generated from the list page's example record, served a
//! page at a time as the spec's `pagination:` describes (`pageNumber` from 1, `pageSize`,
//! `queryResult.total`).

use crate::answer::{Answer, json};
use crate::fixtures;
use http::StatusCode;
use serde_json::Value;

/// The page's defaults: page 1, 20 per page.
const DEFAULT_PAGE_SIZE: u64 = 20;

/// `count` instances shaped like the example's first, each with its own ids and times.
pub(crate) fn records(count: usize) -> Vec<Value> {
    let example: Value = serde_json::from_str(list_example()).unwrap_or_default();
    let template = example["queryResult"]["instanceList"][0].clone();
    (0..count)
        .map(|index| {
            let mut record = template.clone();
            let offset = i64::try_from(index).unwrap_or(i64::MAX);
            record["instanceId"] = format!("5938ef093db71d5784{index:06x}").into();
            record["dataId"] = format!("9e9aeda937a843cf8b0668f17d{index:06x}").into();
            record["instanceName"] = format!("Mock approval {}", index + 1).into();
            let created = template["createTime"].as_i64().unwrap_or(0) + offset * 60_000;
            record["createTime"] = created.into();
            record["lastModifyTime"] = (created + 21_751).into();
            record["endTime"] = (created + 21_602).into();
            record
        })
        .collect()
}

fn list_example() -> &'static str {
    fixtures::response("fxiaoke_crm", "approval_instances_query").unwrap_or("{}")
}

/// One page of `records`, in the example's envelope.
pub(crate) fn list(records: &[Value], body: &Value) -> Answer {
    let number =
        |field: &str, default: u64| body.get(field).and_then(Value::as_u64).unwrap_or(default);
    let page = number("pageNumber", 1).max(1);
    let page_size = number("pageSize", DEFAULT_PAGE_SIZE).max(1);
    let skip = usize::try_from((page - 1).saturating_mul(page_size)).unwrap_or(usize::MAX);
    let take = usize::try_from(page_size).unwrap_or(usize::MAX);
    let mut answer: Value = serde_json::from_str(list_example()).unwrap_or_default();
    answer["queryResult"]["total"] = records.len().into();
    answer["queryResult"]["instanceList"] = records.iter().skip(skip).take(take).cloned().collect();
    json(StatusCode::OK, &answer)
}

/// The token call's answer with an issued token.
pub(crate) fn token(corp_access_token: &str, corp_id: &str, expires_in: u64) -> Answer {
    let example = fixtures::response("fxiaoke_crm", "corp_access_token_get").unwrap_or("{}");
    let mut answer: Value = serde_json::from_str(example).unwrap_or_default();
    answer["corpAccessToken"] = corp_access_token.into();
    answer["corpId"] = corp_id.into();
    answer["expiresIn"] = expires_in.into();
    json(StatusCode::OK, &answer)
}
