//! Per-endpoint metadata (`rate_limit`, `scopes`, `pagination`): what the pages state is what
//! `METADATA` carries, and a client can page any endpoint from `METADATA` alone.

use approval_api::runtime::endpoint::{FieldLocation, Pagination, RateLimit, RequestField};
use approval_api::runtime::{Endpoint, Metadata};
use approval_api::{feishu, fxiaoke_71360 as f71360, fxiaoke_crm, ikcrm};
use approval_tests::fixture;
use serde_json::Value;

/// The rate limit and scopes a Feishu page states in its header table: `接口频率限制 | 1000
/// 次/分钟、50 次/秒` and the scope names listed under `权限要求`.
fn page_metadata(page: &str) -> (Option<RateLimit>, Vec<String>) {
    let mut limit = None;
    let mut scopes = Vec::new();
    let mut in_scopes = false;
    for line in page.lines().take(60) {
        if let Some(rest) = line.strip_prefix("- 接口频率限制 | ") {
            let count = |unit: &str| {
                rest.split('、')
                    .find_map(|part| part.trim().strip_suffix(unit))
                    .map(|n| n.trim().parse::<u32>().expect("a count"))
            };
            limit = Some(RateLimit {
                per_minute: count("次/分钟"),
                per_second: count("次/秒"),
            });
        }
        let scope_part = if line.starts_with("- 权限要求") {
            in_scopes = true;
            line.split_once('|').map(|(_, rest)| rest)
        } else if in_scopes && line.starts_with("- ") {
            in_scopes = false;
            None
        } else if in_scopes {
            Some(line)
        } else {
            None
        };
        if let Some(part) = scope_part {
            let part = part.trim().trim_start_matches("开启任一权限即可").trim();
            if let Some((name, _)) = part.split_once(" (")
                && name.starts_with("approval:")
            {
                scopes.push(name.to_owned());
            }
        }
    }
    (limit, scopes)
}

#[test]
fn feishu_rate_limits_and_scopes_are_the_pages() {
    let root = approval_tests::workspace_root();
    let checked = approval_codegen::load_checked(&root.join("specs"), &root).expect("specs check");
    let vendor = checked
        .ir()
        .vendors
        .iter()
        .find(|v| v.module.name == "feishu")
        .expect("feishu");
    let mut with_limit = 0;
    for endpoint in &vendor.endpoints {
        let file = endpoint.docs.source.as_ref().and_then(|s| s.file.as_ref());
        let file = file.unwrap_or_else(|| panic!("{}: its source names a page", endpoint.name));
        // The captured pages sit beside the worktree (`../shared/vendor-docs/`).
        let path = root.join("../shared/vendor-docs").join(file);
        let page = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let (limit, scopes) = page_metadata(&page);
        let spec_limit = endpoint.rate_limit.map(|l| RateLimit {
            per_minute: l.per_minute,
            per_second: l.per_second,
        });
        assert_eq!(spec_limit, limit, "{}: rate limit", endpoint.name);
        assert_eq!(endpoint.scopes, scopes, "{}: scopes", endpoint.name);
        with_limit += usize::from(limit.is_some());
    }
    // Every page but the preview, user-task, add-sign and token pages states a limit.
    assert_eq!(with_limit, vendor.endpoints.len() - 4);
}

#[test]
fn metadata_carries_limits_scopes_and_paging() {
    let get = feishu::instance_get::METADATA;
    assert_eq!(
        get.rate_limit,
        Some(RateLimit {
            per_minute: Some(1000),
            per_second: Some(50)
        })
    );
    assert_eq!(
        get.scopes,
        [
            "approval:approval",
            "approval:approval:readonly",
            "approval:instance"
        ]
    );
    assert_eq!(get.pagination, None);
    // The token call needs no scope (权限要求 无) and states no limit.
    let token = feishu::auth_tenant_access_token::METADATA;
    assert_eq!((token.rate_limit, token.scopes.len()), (None, 0));
    let query = |name| RequestField {
        location: FieldLocation::Query,
        path: std::slice::from_ref(name),
    };
    assert_eq!(
        feishu::instance_list::METADATA.pagination,
        Some(Pagination::Cursor {
            cursor: query(&"page_token"),
            page_size: Some(query(&"page_size")),
            next_cursor: &["page_token"],
            has_more: Some(&["has_more"]),
            total: None,
        })
    );
    // The user-task query counts on its first page under `count`.
    assert!(matches!(
        feishu::task_query::METADATA.pagination,
        Some(Pagination::Cursor {
            total: Some(["count", "total"]),
            ..
        })
    ));
    // The comment list takes a cursor but its response documents none: no paging metadata.
    assert_eq!(feishu::comment_list::METADATA.pagination, None);
    assert!(matches!(
        fxiaoke_crm::approval_instances_query::METADATA.pagination,
        Some(Pagination::PageNumber {
            page: RequestField {
                location: FieldLocation::Body,
                path: ["pageNumber"]
            },
            total: Some(["queryResult", "total"]),
            ..
        })
    ));
    assert_eq!(ikcrm::approval_center_list::METADATA.pagination, None);
}

/// The value at a path of wire names.
fn at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |value, key| value.get(key))
}

/// The query of the next page of a cursor-paged endpoint, from `METADATA` alone; `None` on
/// the last page.
fn next_query<E: Endpoint>(request: &E, response: &E::Response) -> Option<Vec<(String, String)>>
where
    E::Response: serde::Serialize,
{
    let Some(Pagination::Cursor {
        cursor,
        next_cursor,
        has_more,
        ..
    }) = E::METADATA.pagination
    else {
        return None;
    };
    let payload = serde_json::to_value(response).ok()?;
    if let Some(has_more) = has_more
        && at(&payload, has_more) != Some(&Value::Bool(true))
    {
        return None;
    }
    let next = at(&payload, next_cursor)?.as_str()?.to_owned();
    assert_eq!(
        cursor.location,
        FieldLocation::Query,
        "this helper pages by query"
    );
    let mut params: Vec<(String, String)> = request
        .query()
        .into_iter()
        .filter(|p| p.name != cursor.path[0])
        .map(|p| (p.name.to_owned(), p.value))
        .collect();
    params.push((cursor.path[0].to_owned(), next));
    Some(params)
}

/// The body of the next page of a page-numbered endpoint whose body takes the number, from
/// `METADATA` alone; `None` once the total is reached.
fn next_body<E: Endpoint>(request: &E, response: &E::Response) -> Option<Value>
where
    E::Response: serde::Serialize,
{
    let Some(Pagination::PageNumber {
        page,
        page_size,
        total,
        ..
    }) = E::METADATA.pagination
    else {
        return None;
    };
    let mut body = serde_json::to_value(request.body()?).ok()?;
    let payload = serde_json::to_value(response).ok()?;
    let number = at(&body, page.path)?.as_i64()?;
    let size = at(&body, page_size?.path)?.as_i64()?;
    if number * size >= at(&payload, total?)?.as_i64()? {
        return None;
    }
    let (last, parents) = page.path.split_last()?;
    let parent = parents.iter().try_fold(&mut body, |v, k| v.get_mut(k))?;
    parent[*last] = Value::from(number + 1);
    Some(body)
}

fn decode<E: Endpoint>(body: &str) -> E::Response {
    E::decode_response(200, body.as_bytes())
        .map_err(|e| format!("{e:?}"))
        .expect("the example decodes")
}

#[test]
fn a_cursor_endpoint_pages_from_metadata_alone() {
    let request = feishu::instance_list::Request::new(
        "7C468A54-8745-2245-9675-08B7C63E7A85".into(),
        "1567690398020".into(),
        "1567690398020".into(),
    );
    let example = fixture("feishu/instance_list/response.json");
    // The page's example says `has_more: false`: the last page.
    let last = decode::<feishu::instance_list::Request>(&example);
    assert_eq!(next_query(&request, &last), None);
    let more = example.replace("\"has_more\": false", "\"has_more\": true");
    let page = decode::<feishu::instance_list::Request>(&more);
    let query = next_query(&request, &page).expect("a next page");
    assert!(query.contains(&(
        "page_token".to_owned(),
        "nF1ZXJ5VGhlbkZldGNoCgAAAAAA6PZwFmUzSldvTC1yU".to_owned()
    )));
    assert!(query.contains(&("start_time".to_owned(), "1567690398020".to_owned())));
}

#[test]
fn a_page_numbered_endpoint_pages_from_metadata_alone() {
    let body: f71360::types::ApprovalQueryBody =
        serde_json::from_str(&fixture("fxiaoke_71360/approval_query.request.json")).unwrap();
    let request = f71360::approval_query::Request::new(body);
    let example = fixture("fxiaoke_71360/approval_query.response.json");
    // 1000 approvals in pages of 10: page 1 is followed by page 2.
    let response = decode::<f71360::approval_query::Request>(&example);
    let next = next_body(&request, &response).expect("a next page");
    assert_eq!(next["pageNumber"], 2);
    assert_eq!(next["pageSize"], 10);
    let last = example.replace("\"totalCount\": 1000", "\"totalCount\": 10");
    let response = decode::<f71360::approval_query::Request>(&last);
    assert_eq!(next_body(&request, &response), None);
}

#[test]
fn metadata_is_plain_const_data() {
    // Usable in const context: a client can build tables of it at compile time.
    const LIMITS: [Option<RateLimit>; 2] = [
        feishu::instance_create::METADATA.rate_limit,
        f71360::approval_query::METADATA.rate_limit,
    ];
    assert_eq!(
        LIMITS,
        [
            Some(RateLimit {
                per_minute: Some(100),
                per_second: None
            }),
            None
        ]
    );
    let meta: Metadata = feishu::instance_query::METADATA;
    assert_eq!(meta.scopes, ["approval:approval.list:readonly"]);
}
