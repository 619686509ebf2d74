//! The async client against a fake transport that answers from memory, in tokio's paused time
//! (sleeps advance the clock at once, so waits are measured, not spent): rate-limit resets,
//! token caching and refresh, idempotency keys across retries, pages to the end.

use approval_api::feishu::{
    self, auth_tenant_access_token, instance_cancel, instance_create, instance_list, types,
};
use approval_api::fxiaoke_crm::{self, approval_instances_query};
use approval_api::runtime::Secret;
use approval_api::runtime::client::{
    BoxFuture, CachedToken, Client, ClientError, MemoryTokenCache, RetryPolicy, StaticCredentials,
    TokenCache, TokenCredentials, Transport, TransportError, TransportErrorKind,
};
use futures_core::Stream;
use serde_json::{Value, json};
use std::future::poll_fn;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tokio::time::Instant;

/// What the fake saw of one request.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    query: String,
    authorization: Option<String>,
    body: Value,
}

type Answer = Result<http::Response<Vec<u8>>, TransportError>;

/// How the fake answers the request with this index among those to its path.
type Answering = dyn Fn(usize, &Seen) -> Answer + Send + Sync;

/// Answers each request with `answer(index of the request to this path, the request)`, after
/// `latency` of (paused) time, and records it.
struct Fake {
    latency: Duration,
    seen: Mutex<Vec<Seen>>,
    answer: Box<Answering>,
}

impl Fake {
    fn new(answer: impl Fn(usize, &Seen) -> Answer + Send + Sync + 'static) -> Arc<Self> {
        Arc::new(Self {
            latency: Duration::from_millis(10),
            seen: Mutex::new(Vec::new()),
            answer: Box::new(answer),
        })
    }

    fn seen(&self, path: &str) -> Vec<Seen> {
        let seen = self.seen.lock().unwrap();
        seen.iter().filter(|s| s.path == path).cloned().collect()
    }
}

impl Transport for Fake {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Answer> {
        Box::pin(async move {
            tokio::time::sleep(self.latency).await;
            let seen = Seen {
                path: request.uri().path().to_owned(),
                query: request.uri().query().unwrap_or_default().to_owned(),
                authorization: request
                    .headers()
                    .get("authorization")
                    .map(|v| v.to_str().unwrap().to_owned()),
                body: serde_json::from_slice(request.body()).unwrap_or(Value::Null),
            };
            let index = {
                let mut all = self.seen.lock().unwrap();
                let index = all.iter().filter(|s| s.path == seen.path).count();
                all.push(seen.clone());
                index
            };
            (self.answer)(index, &seen)
        })
    }
}

fn answer(status: u16, headers: &[(&'static str, &str)], body: Value) -> Answer {
    let mut response = http::Response::new(serde_json::to_vec(&body).unwrap());
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    for (name, value) in headers {
        response
            .headers_mut()
            .insert(*name, http::HeaderValue::from_str(value).unwrap());
    }
    Ok(response)
}

fn ok(data: Value) -> Answer {
    answer(200, &[], json!({"code": 0, "msg": "success", "data": data}))
}

const TOKEN_PATH: &str = "/open-apis/auth/v3/tenant_access_token/internal";
const INSTANCES_PATH: &str = "/open-apis/approval/v4/instances";

/// The Feishu token call answers `t-new`, valid two hours; other paths answer `api`.
fn feishu_fake(api: impl Fn(usize, &Seen) -> Answer + Send + Sync + 'static) -> Arc<Fake> {
    Fake::new(move |index, seen| {
        if seen.path == TOKEN_PATH {
            answer(
                200,
                &[],
                json!({"code": 0, "msg": "ok", "tenant_access_token": "t-new", "expire": 7200}),
            )
        } else {
            api(index, seen)
        }
    })
}

/// A client for a Feishu internal app, with tokens in `cache`: the generated
/// `feishu::client` gives the token issuer, the context and the platform codes.
fn feishu_client(fake: &Arc<Fake>, cache: Arc<dyn TokenCache>) -> Client<feishu::Context> {
    let body: types::TenantAccessTokenBody =
        serde_json::from_value(json!({"app_id": "cli_test", "app_secret": "s3cret"})).unwrap();
    let issuer = feishu::client::token_issuer(
        auth_tenant_access_token::Request::new(body),
        "feishu:cli_test",
    );
    let credentials = TokenCredentials::new(issuer, feishu::client::context).with_cache(cache);
    Client::builder(feishu::BASE_URL, credentials)
        .transport(Arc::clone(fake) as Arc<dyn Transport>)
        .codes(feishu::client::CODES)
        .build()
        .unwrap()
}

/// A cache holding `token`, expiring `expires_in` from now (negative: already expired).
async fn cache_with(token: &str, expires_in: i64) -> Arc<dyn TokenCache> {
    let cache = Arc::new(MemoryTokenCache::default());
    let now = SystemTime::now();
    let expires_at = if expires_in >= 0 {
        now + Duration::from_secs(expires_in.unsigned_abs())
    } else {
        now - Duration::from_secs(expires_in.unsigned_abs())
    };
    cache
        .put(
            "feishu:cli_test",
            CachedToken {
                token: Secret::from(token),
                expires_at,
            },
        )
        .await;
    cache
}

fn instance_list() -> instance_list::Request {
    instance_list::Request::new(
        types::ApprovalCode::from("7C468A54-8745-2245-9675-08B7C63E7A85".to_owned()),
        "1567690398020".to_owned(),
        "1567690398021".to_owned(),
    )
}

async fn collect<S: Stream + Unpin>(mut stream: S) -> Vec<S::Item> {
    let mut items = Vec::new();
    while let Some(item) = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
        items.push(item);
    }
    items
}

#[tokio::test(start_paused = true)]
async fn a_rate_limit_answer_delays_the_retry_until_its_reset() {
    let fake = feishu_fake(|index, _| match index {
        // The frequency-control page's example answer.
        0 => answer(
            429,
            &[
                ("x-ogw-ratelimit-limit", "100"),
                ("x-ogw-ratelimit-reset", "7"),
            ],
            json!({"code": 99991400, "msg": "request trigger frequency limit"}),
        ),
        _ => ok(json!({"instance_code_list": [], "has_more": false})),
    });
    let client = feishu_client(&fake, cache_with("t-old", 3600).await);
    let start = Instant::now();
    let page = client.send(instance_list()).await.unwrap();
    let waited = start.elapsed();
    assert_eq!(page.has_more, Some(false));
    assert_eq!(fake.seen(INSTANCES_PATH).len(), 2);
    // Two exchanges of 10 ms and the stated 7 s, no backoff of its own on top.
    assert_eq!(waited, Duration::from_secs(7) + Duration::from_millis(20));
}

#[tokio::test(start_paused = true)]
async fn a_wait_beyond_the_budget_is_not_started() {
    let fake = feishu_fake(|_, _| {
        answer(
            429,
            &[("x-ogw-ratelimit-reset", "600")],
            json!({"code": 99991400, "msg": "request trigger frequency limit"}),
        )
    });
    let client = feishu_client(&fake, cache_with("t-old", 3600).await);
    let start = Instant::now();
    let error = client.send(instance_list()).await.unwrap_err();
    assert!(
        matches!(error, ClientError::Api { status: 429, retry_after: Some(wait), .. } if wait == Duration::from_secs(600)),
        "{error:?}"
    );
    assert_eq!(fake.seen(INSTANCES_PATH).len(), 1);
    assert!(start.elapsed() < Duration::from_secs(1));
}

#[tokio::test(start_paused = true)]
async fn sixteen_concurrent_calls_with_an_expired_token_make_one_token_request() {
    let fake = feishu_fake(|_, _| ok(json!({"instance_code_list": [], "has_more": false})));
    let client = feishu_client(&fake, cache_with("t-expired", -60).await);
    let calls: Vec<_> = (0..16)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(instance_list()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(fake.seen(TOKEN_PATH).len(), 1);
    let api = fake.seen(INSTANCES_PATH);
    assert_eq!(api.len(), 16);
    assert!(
        api.iter()
            .all(|s| s.authorization.as_deref() == Some("Bearer t-new"))
    );
    // The token call carried the app's credentials and no bearer token.
    let token_call = &fake.seen(TOKEN_PATH)[0];
    assert_eq!(token_call.authorization, None);
    assert_eq!(
        token_call.body,
        json!({"app_id": "cli_test", "app_secret": "s3cret"})
    );
}

#[tokio::test(start_paused = true)]
async fn a_token_close_to_expiry_is_refreshed_ahead() {
    let fake = feishu_fake(|_, _| ok(json!({"instance_code_list": [], "has_more": false})));
    // Four minutes left, inside the five-minute margin.
    let client = feishu_client(&fake, cache_with("t-old", 240).await);
    client.send(instance_list()).await.unwrap();
    client.send(instance_list()).await.unwrap();
    assert_eq!(fake.seen(TOKEN_PATH).len(), 1);
    assert!(
        fake.seen(INSTANCES_PATH)
            .iter()
            .all(|s| s.authorization.as_deref() == Some("Bearer t-new"))
    );
}

fn refuse_old_token(_: usize, seen: &Seen) -> Answer {
    if seen.authorization.as_deref() == Some("Bearer t-new") {
        ok(json!({"instance_code_list": [], "has_more": false}))
    } else {
        answer(
            400,
            &[],
            json!({"code": 99991663, "msg": "Invalid access token for authorization."}),
        )
    }
}

#[tokio::test(start_paused = true)]
async fn a_refused_token_is_refreshed_once_and_the_call_retried() {
    let fake = feishu_fake(refuse_old_token);
    // The cache thinks the token has an hour left; the vendor has revoked it.
    let client = feishu_client(&fake, cache_with("t-revoked", 3600).await);
    client.send(instance_list()).await.unwrap();
    assert_eq!(fake.seen(TOKEN_PATH).len(), 1);
    let auth: Vec<_> = fake
        .seen(INSTANCES_PATH)
        .into_iter()
        .map(|s| s.authorization.unwrap())
        .collect();
    assert_eq!(auth, ["Bearer t-revoked", "Bearer t-new"]);
}

#[tokio::test(start_paused = true)]
async fn a_token_refused_again_after_a_refresh_is_an_error() {
    let fake = feishu_fake(|_, _| {
        answer(
            400,
            &[],
            json!({"code": 99991663, "msg": "Invalid access token for authorization."}),
        )
    });
    let client = feishu_client(&fake, cache_with("t-revoked", 3600).await);
    let error = client.send(instance_list()).await.unwrap_err();
    assert_eq!(error.vendor().map(|e| e.code.code()), Some(99_991_663));
    assert_eq!(fake.seen(TOKEN_PATH).len(), 1);
    assert_eq!(fake.seen(INSTANCES_PATH).len(), 2);
}

fn dropped() -> Answer {
    Err(TransportError::new(
        TransportErrorKind::Other,
        "connection reset by peer",
    ))
}

fn create_request() -> instance_create::Request {
    let body: types::InstanceCreateBody = serde_json::from_value(json!({
        "approval_code": "7C468A54-8745-2245-9675-08B7C63E7A85",
        "open_id": "ou_3cda9c969f737aaa05e6915dce306cb9",
        "form": "[]"
    }))
    .unwrap();
    instance_create::Request::new(body)
}

#[tokio::test(start_paused = true)]
async fn a_create_retried_after_a_dropped_connection_keeps_its_generated_uuid() {
    let fake = feishu_fake(|index, _| match index {
        0 => dropped(),
        _ => ok(json!({"instance_code": "81D31358-93AF-92D6-7425-01A5D67C4E71"})),
    });
    let client = feishu_client(&fake, cache_with("t-old", 3600).await);
    let created = client.send(create_request()).await.unwrap();
    assert!(created.instance_code.is_some());
    let attempts = fake.seen(INSTANCES_PATH);
    assert_eq!(attempts.len(), 2);
    let uuid = attempts[0].body["uuid"].as_str().expect("a generated uuid");
    assert_eq!(uuid.len(), 36, "{uuid}");
    assert_eq!(attempts[1].body["uuid"], attempts[0].body["uuid"]);
}

fn duplicate_uuid() -> Answer {
    answer(400, &[], json!({"code": 60012, "msg": "uuid conflict"}))
}

#[tokio::test(start_paused = true)]
async fn a_duplicate_uuid_after_a_lost_answer_is_unconfirmed_with_the_key() {
    // The first attempt may have created the instance; the retry's 60012 says it did.
    let fake = feishu_fake(|index, _| match index {
        0 => dropped(),
        _ => duplicate_uuid(),
    });
    let client = feishu_client(&fake, cache_with("t-old", 3600).await);
    let error = client.send(create_request()).await.unwrap_err();
    let ClientError::Unconfirmed {
        idempotency_key,
        error: last,
    } = &error
    else {
        panic!("expected Unconfirmed, got {error:?}");
    };
    assert_eq!(
        fake.seen(INSTANCES_PATH)[0].body["uuid"],
        idempotency_key.as_str()
    );
    assert_eq!(last.vendor().map(|e| e.code.code()), Some(60_012));
    assert_eq!(error.vendor().map(|e| e.code.code()), Some(60_012));
}

#[tokio::test(start_paused = true)]
async fn a_duplicate_uuid_on_the_first_attempt_is_the_plain_vendor_error() {
    let fake = feishu_fake(|_, _| duplicate_uuid());
    let client = feishu_client(&fake, cache_with("t-old", 3600).await);
    let error = client.send(create_request()).await.unwrap_err();
    assert!(
        matches!(error, ClientError::Api { status: 400, .. }),
        "{error:?}"
    );
    assert_eq!(fake.seen(INSTANCES_PATH).len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_callers_uuid_is_kept() {
    let fake = feishu_fake(|_, _| ok(json!({"instance_code": "X"})));
    let client = feishu_client(&fake, cache_with("t-old", 3600).await);
    let mut request = create_request();
    request.body.uuid = Some("my-key".to_owned());
    client.send(request).await.unwrap();
    assert_eq!(fake.seen(INSTANCES_PATH)[0].body["uuid"], "my-key");
}

#[tokio::test(start_paused = true)]
async fn a_write_without_an_idempotency_key_is_not_repeated_after_a_dropped_connection() {
    let fake = feishu_fake(|_, _| dropped());
    let client = feishu_client(&fake, cache_with("t-old", 3600).await);
    let body: types::InstanceCancelBody = serde_json::from_value(json!({
        "approval_code": "A", "instance_code": "I", "user_id": "u"
    }))
    .unwrap();
    let error = client
        .send(instance_cancel::Request::new(body))
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Transport(_)), "{error:?}");
    assert_eq!(
        fake.seen("/open-apis/approval/v4/instances/cancel").len(),
        1
    );
}

#[tokio::test(start_paused = true)]
async fn server_errors_are_retried_with_backoff_up_to_the_attempt_limit() {
    let fake = feishu_fake(|_, _| {
        answer(
            400,
            &[],
            json!({"code": 1395001, "msg": "There have been some errors. Please try again later"}),
        )
    });
    let client = feishu_client(&fake, cache_with("t-old", 3600).await);
    let start = Instant::now();
    let error = client.send(instance_list()).await.unwrap_err();
    assert_eq!(error.vendor().map(|e| e.code.code()), Some(1_395_001));
    let policy = RetryPolicy::default();
    assert_eq!(
        fake.seen(INSTANCES_PATH).len(),
        policy.max_attempts as usize
    );
    // Three backoffs of at least half of 200, 400 and 800 ms, at most all of them.
    let waited = start.elapsed() - Duration::from_millis(40);
    assert!(waited >= Duration::from_millis(700), "{waited:?}");
    assert!(waited <= Duration::from_millis(1400), "{waited:?}");
}

#[tokio::test(start_paused = true)]
async fn a_cursor_listing_is_paged_to_the_end() {
    let fake = feishu_fake(|index, _| match index {
        0 => ok(json!({"instance_code_list": ["a1", "a2"], "page_token": "p2", "has_more": true})),
        1 => ok(json!({"instance_code_list": ["b1"], "page_token": "p3", "has_more": true})),
        _ => ok(json!({"instance_code_list": ["c1"], "page_token": "", "has_more": false})),
    });
    let client = feishu_client(&fake, cache_with("t-old", 3600).await);
    let pages = collect(client.pages(instance_list())).await;
    let codes: Vec<usize> = pages
        .into_iter()
        .map(|page| page.unwrap().instance_code_list.unwrap().len())
        .collect();
    assert_eq!(codes, [2, 1, 1]);
    let queries: Vec<_> = fake
        .seen(INSTANCES_PATH)
        .into_iter()
        .map(|s| s.query)
        .collect();
    // No page size: the documented default (100) is the largest allowed. Then each page's
    // cursor.
    assert!(queries[0].starts_with("approval_code="), "{}", queries[0]);
    assert!(queries[1].starts_with("page_token=p2&"), "{}", queries[1]);
    assert!(queries[2].starts_with("page_token=p3&"), "{}", queries[2]);
}

#[tokio::test(start_paused = true)]
async fn a_page_number_listing_is_paged_to_its_total() {
    let fake = Fake::new(|index, _| {
        let records: Vec<Value> = (0..if index < 2 { 20 } else { 5 })
            .map(|i| json!({"instanceId": format!("i{index}-{i}")}))
            .collect();
        answer(
            200,
            &[],
            json!({"errorCode": 0, "errorMessage": "OK", "queryResult": {"total": 45, "instanceList": records}}),
        )
    });
    let context = fxiaoke_crm::Context::new(
        Secret::from("Bearer corp-token"),
        "fsea".to_owned(),
        "FSUID_1".to_owned(),
        "trace".to_owned(),
    );
    let client = Client::builder("https://open.fxiaoke.com", StaticCredentials(context))
        .transport(Arc::clone(&fake) as Arc<dyn Transport>)
        .codes(fxiaoke_crm::client::CODES)
        .build()
        .unwrap();
    let body: approval_api::fxiaoke_crm::types::ApprovalInstancesQueryBody =
        serde_json::from_value(json!({"flowApiName": "flow", "startTime": 1, "endTime": 2}))
            .unwrap();
    let pages = collect(client.pages(approval_instances_query::Request::new(body))).await;
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(Result::is_ok));
    let numbers: Vec<_> = fake
        .seen("/cgi/crm/approvalInstances/query")
        .into_iter()
        .map(|s| s.body["pageNumber"].clone())
        .collect();
    // The first page as the caller left it (the vendor's default is page 1), then 2 and 3:
    // 3 × 20 ≥ 45.
    assert_eq!(numbers, [Value::Null, json!(2), json!(3)]);
}

#[tokio::test(start_paused = true)]
async fn a_fxiaoke_corp_access_token_fills_the_authorization_header_with_a_fresh_trace_id() {
    let fake = Fake::new(|_, seen| {
        if seen.path == "/cgi/corpAccessToken/get/V2" {
            answer(
                200,
                &[],
                json!({"errorCode": 0, "errorMessage": "success", "corpAccessToken": "corp-1", "corpId": "fsea", "expiresIn": 7200}),
            )
        } else {
            answer(
                200,
                &[],
                json!({"errorCode": 0, "errorMessage": "OK", "queryResult": {"total": 0, "instanceList": []}}),
            )
        }
    });
    let body = fxiaoke_crm::types::CorpAccessTokenGetBody::new(
        "FSAID_1".to_owned(),
        Secret::from("app-secret"),
        Secret::from("permanent"),
    );
    let issuer = fxiaoke_crm::client::token_issuer(
        fxiaoke_crm::corp_access_token_get::Request::new(body),
        "fxiaoke:FSAID_1",
    );
    let traces = Arc::new(Mutex::new(0u32));
    let counter = Arc::clone(&traces);
    // The context is made per attempt, so `thirdTraceId` differs for every request.
    let credentials = TokenCredentials::new(issuer, move |token: &Secret<String>| {
        let mut next = counter.lock().unwrap();
        *next += 1;
        fxiaoke_crm::Context::new(
            fxiaoke_crm::client::authorization(token),
            "fsea".to_owned(),
            "FSUID_1".to_owned(),
            format!("trace-{next}"),
        )
    });
    let client = Client::builder(fxiaoke_crm::base_url("open.fxiaoke.com"), credentials)
        .transport(Arc::clone(&fake) as Arc<dyn Transport>)
        .codes(fxiaoke_crm::client::CODES)
        .build()
        .unwrap();
    let body: fxiaoke_crm::types::ApprovalInstancesQueryBody =
        serde_json::from_value(json!({"flowApiName": "flow", "startTime": 1, "endTime": 2}))
            .unwrap();
    for _ in 0..2 {
        let page = client
            .send(approval_instances_query::Request::new(body.clone()))
            .await
            .unwrap();
        assert_eq!(page.query_result.and_then(|r| r.total), Some(0));
    }
    assert_eq!(fake.seen("/cgi/corpAccessToken/get/V2").len(), 1);
    let calls = fake.seen("/cgi/crm/approvalInstances/query");
    assert!(
        calls
            .iter()
            .all(|s| s.authorization.as_deref() == Some("Bearer corp-1"))
    );
    let queries: Vec<_> = calls.iter().map(|s| s.query.clone()).collect();
    assert_eq!(queries, ["thirdTraceId=trace-1", "thirdTraceId=trace-2"]);
}

/// Answers after 60 s on the first request, at once afterwards.
struct SlowFirst(Mutex<u32>);

impl Transport for SlowFirst {
    fn send(&self, _: http::Request<Vec<u8>>) -> BoxFuture<'_, Answer> {
        Box::pin(async move {
            let first = {
                let mut count = self.0.lock().unwrap();
                *count += 1;
                *count == 1
            };
            if first {
                tokio::time::sleep(Duration::from_secs(60)).await;
            }
            ok(json!({"instance_code_list": [], "has_more": false}))
        })
    }
}

#[tokio::test(start_paused = true)]
async fn a_read_that_times_out_is_sent_again() {
    let transport = Arc::new(SlowFirst(Mutex::new(0)));
    let client = Client::builder(
        feishu::BASE_URL,
        StaticCredentials(feishu::client::context(&Secret::from("t-static"))),
    )
    .transport(Arc::clone(&transport) as Arc<dyn Transport>)
    .timeout(Duration::from_secs(2))
    .codes(feishu::client::CODES)
    .build()
    .unwrap();
    let start = Instant::now();
    client.send(instance_list()).await.unwrap();
    assert_eq!(*transport.0.lock().unwrap(), 2);
    // The 2 s timeout, then one backoff of 100 to 200 ms; not the 60 s the first answer took.
    let waited = start.elapsed();
    assert!(waited >= Duration::from_millis(2100), "{waited:?}");
    assert!(waited <= Duration::from_millis(2200), "{waited:?}");
}
