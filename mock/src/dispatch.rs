//! Answering one request: routing, faults, authentication, the body check, then the
//! stateful handlers or the page's example.

use crate::answer::{self, Answer, platform};
use crate::auth::Tokens;
use crate::config::MockConfig;
use crate::counters::CounterCell;
use crate::events::Outbox;
use crate::faults::{Fault, FaultPlan, lock};
use crate::feishu::{Call, Lifecycle};
use crate::routes::{self, BodyProblem, Route};
use crate::{fixtures, fxiaoke};
use approval_api::feishu::ErrorCode as FeishuCode;
use approval_api::fxiaoke_71360::ErrorCode as FxiaokeCode;
use http::{HeaderMap, HeaderValue, StatusCode};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// What every connection shares: the configuration, the routes, and the state behind a lock
/// (held only while a handler runs, never across an await).
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: MockConfig,
    pub(crate) routes: Vec<Route>,
    pub(crate) faults: FaultPlan,
    pub(crate) counters: Arc<CounterCell>,
    pub(crate) state: Mutex<State>,
    pub(crate) outbox: Outbox,
}

/// Tokens issued, the Feishu lifecycle and the Fxiaoke records.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) feishu_tokens: Tokens,
    pub(crate) fxiaoke_tokens: Tokens,
    pub(crate) lifecycle: Lifecycle,
    pub(crate) fxiaoke_records: Vec<Value>,
}

/// The company id the Fxiaoke token call answers.
pub const FXIAOKE_CORP_ID: &str = "mock-corp-id";

/// Returned by the service to make hyper close the connection without answering.
#[derive(Debug)]
pub(crate) struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("fault injected: connection dropped")
    }
}

impl std::error::Error for DropConnection {}

pub(crate) async fn serve(
    shared: Arc<Shared>,
    request: http::Request<Incoming>,
) -> Result<Answer, DropConnection> {
    let (parts, body) = request.into_parts();
    // A body that breaks off is answered as an empty one (refused by the body check).
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let path = parts.uri.path();
    let method = parts.method.as_str();
    let found = shared.routes.iter().find_map(|route| {
        (route.metadata.method.as_str() == method)
            .then(|| route.match_path(path))
            .flatten()
            .map(|params| (route, params))
    });
    let Some((route, path_params)) = found else {
        shared.counters.request("unrouted");
        return Ok(answer::not_found());
    };
    let (vendor, name) = (route.metadata.vendor, route.metadata.name);
    shared.counters.request(&format!("{vendor}/{name}"));
    let mut drop_answer = false;
    if let Some(fault) = shared.faults.take(vendor, name) {
        shared.counters.update(|c| c.faults_applied += 1);
        match fault {
            Fault::DropConnection => return Err(DropConnection),
            Fault::DropAnswer => drop_answer = true,
            Fault::Slow(delay) => tokio::time::sleep(delay).await,
            Fault::RateLimited { reset } => return Ok(rate_limited(reset)),
            Fault::TryAgainLater => {
                return Ok(answer::feishu_error(
                    &FeishuCode::ServiceError,
                    "fault injected",
                ));
            }
            Fault::ExpiredToken => {
                return Ok(token_refused(vendor, "fault injected: token expired"));
            }
        }
    }
    let query = query_pairs(parts.uri.query().unwrap_or_default());
    let answer = shared.answer(route, &parts.headers, &path_params, &query, &body);
    if drop_answer {
        return Err(DropConnection);
    }
    Ok(answer)
}

impl Shared {
    fn answer(
        &self,
        route: &Route,
        headers: &HeaderMap,
        path: &[(&'static str, String)],
        query: &[(String, String)],
        body: &[u8],
    ) -> Answer {
        let (vendor, name) = (route.metadata.vendor, route.metadata.name);
        if let Some(refused) = self.refusal(vendor, name, headers, query) {
            return refused;
        }
        if let Some(missing) =
            route.metadata.query.iter().find(|param| {
                param.required && !query.iter().any(|(key, _)| key == param.wire_name)
            })
        {
            return invalid(
                vendor,
                &format!("query parameter `{}` is required", missing.wire_name),
            );
        }
        if let Err(problem) = route.check_body(body) {
            let detail = match problem {
                BodyProblem::Decode(why) => format!("body: {why}"),
                BodyProblem::Invalid(why) => format!("body: {why}"),
            };
            return invalid(vendor, &detail);
        }
        let body: Value = if route.metadata.content_type.is_some() {
            serde_json::from_slice(body).unwrap_or_default()
        } else {
            Value::Null
        };
        match (vendor, name) {
            ("feishu", "auth_tenant_access_token") => self.feishu_token(&body),
            ("fxiaoke_crm", "corp_access_token_get") => self.fxiaoke_token(&body),
            ("fxiaoke_crm", "approval_instances_query") => {
                fxiaoke::list(&lock(&self.state).fxiaoke_records, &body)
            }
            ("feishu", _) => {
                let call = Call { path, query, body };
                let outcome = lock(&self.state).lifecycle.handle(name, &call);
                match outcome {
                    Some(outcome) => {
                        if outcome.created {
                            self.counters.update(|c| c.instances_created += 1);
                        }
                        for event in outcome.events {
                            self.outbox.send(event);
                        }
                        outcome.answer
                    }
                    None => example(vendor, name),
                }
            }
            _ => example(vendor, name),
        }
    }

    /// The answer refusing a request's credentials, if they are wrong. Feishu:
    /// `Authorization: Bearer <tenant_access_token>` issued by this mock and not
    /// expired. Fxiaoke CRM: `authorization: Bearer <corpAccessToken>` likewise, with the
    /// `x-fs-ea` and `x-fs-userid` headers and the `thirdTraceId` query parameter. The token
    /// calls take none; 71360 and ikcrm credentials are not checked.
    fn refusal(
        &self,
        vendor: &str,
        name: &str,
        headers: &HeaderMap,
        query: &[(String, String)],
    ) -> Option<Answer> {
        let bearer = || {
            headers
                .get(http::header::AUTHORIZATION)
                .and_then(|value| value.to_str().ok())
                .map(|value| value.strip_prefix("Bearer ").unwrap_or(""))
        };
        let now = Instant::now();
        match (vendor, name) {
            ("feishu", "auth_tenant_access_token") | ("fxiaoke_crm", "corp_access_token_get") => {
                None
            }
            ("feishu", _) => match bearer() {
                None => Some(answer::feishu_platform_error(
                    StatusCode::BAD_REQUEST,
                    platform::TOKEN_MISSING,
                    "no Authorization header",
                )),
                Some(token) if lock(&self.state).feishu_tokens.accepts(token, now) => None,
                Some(_) => Some(token_refused(
                    vendor,
                    "unknown or expired tenant_access_token",
                )),
            },
            ("fxiaoke_crm", _) => {
                let accepted = bearer()
                    .is_some_and(|token| lock(&self.state).fxiaoke_tokens.accepts(token, now));
                if !accepted {
                    return Some(token_refused(vendor, "unknown or expired corpAccessToken"));
                }
                for header in ["x-fs-ea", "x-fs-userid"] {
                    if !headers.contains_key(header) {
                        return Some(invalid(vendor, &format!("header `{header}` is required")));
                    }
                }
                if !query.iter().any(|(key, _)| key == "thirdTraceId") {
                    return Some(invalid(
                        vendor,
                        "query parameter `thirdTraceId` is required",
                    ));
                }
                None
            }
            _ => None,
        }
    }

    fn feishu_token(&self, body: &Value) -> Answer {
        self.counters.update(|c| c.token_requests += 1);
        let app = &self.config.feishu_app;
        if body["app_id"] != app.app_id.as_str() || body["app_secret"] != app.app_secret.as_str() {
            return answer::feishu_platform_error(
                StatusCode::OK,
                platform::APP_SECRET_INVALID,
                "wrong app_id or app_secret",
            );
        }
        let grant = lock(&self.state).feishu_tokens.grant(
            "t-mock",
            self.config.token_lifetime,
            self.config.token_refresh_window,
            Instant::now(),
        );
        let example = fixtures::response("feishu", "auth_tenant_access_token").unwrap_or("{}");
        let mut answer: Value = serde_json::from_str(example).unwrap_or_default();
        answer["tenant_access_token"] = grant.token.into();
        answer["expire"] = grant.expires_in.as_secs().into();
        answer::json(StatusCode::OK, &answer)
    }

    fn fxiaoke_token(&self, body: &Value) -> Answer {
        self.counters.update(|c| c.token_requests += 1);
        let app = &self.config.fxiaoke_app;
        if body["appId"] != app.app_id.as_str()
            || body["appSecret"] != app.app_secret.as_str()
            || body["permanentCode"] != app.permanent_code.as_str()
        {
            return answer::fxiaoke_error(
                &FxiaokeCode::CorpAccessTokenError,
                "wrong appId, appSecret or permanentCode",
            );
        }
        let grant = lock(&self.state).fxiaoke_tokens.grant(
            "mock-corp-",
            self.config.token_lifetime,
            self.config.fxiaoke_refresh_window,
            Instant::now(),
        );
        fxiaoke::token(&grant.token, FXIAOKE_CORP_ID, grant.expires_in.as_secs())
    }
}

/// The page's example, unchanged; the bare success envelope where no page shows one.
fn example(vendor: &str, name: &str) -> Answer {
    let body = fixtures::response(vendor, name).unwrap_or(fixtures::FXIAOKE_CRM_ENVELOPE);
    answer::raw(StatusCode::OK, body)
}

/// The vendor's answer to a request its docs call invalid.
fn invalid(vendor: &str, detail: &str) -> Answer {
    match vendor {
        "feishu" => answer::feishu_error(&FeishuCode::ParamInvalid, detail),
        "ikcrm" => answer::ikcrm_error(detail),
        _ => answer::fxiaoke_error(&FxiaokeCode::IllegalParameter, detail),
    }
}

/// The vendor's answer to a wrong or expired token.
fn token_refused(vendor: &str, detail: &str) -> Answer {
    match vendor {
        "feishu" => answer::feishu_platform_error(
            StatusCode::BAD_REQUEST,
            platform::TENANT_TOKEN_INVALID,
            detail,
        ),
        "ikcrm" => answer::ikcrm_error(detail),
        _ => answer::fxiaoke_error(&FxiaokeCode::CorpAccessTokenError, detail),
    }
}

/// Feishu's frequency-control answer.
fn rate_limited(reset: std::time::Duration) -> Answer {
    let mut answer = answer::feishu_platform_error(
        StatusCode::TOO_MANY_REQUESTS,
        platform::RATE_LIMITED,
        "fault injected: rate limited",
    );
    let headers = answer.headers_mut();
    headers.insert("x-ogw-ratelimit-limit", HeaderValue::from_static("100"));
    headers.insert("x-ogw-ratelimit-reset", HeaderValue::from(reset.as_secs()));
    answer
}

/// `a=1&b=x%20y` as decoded pairs (`+` is a space).
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |text: &str| routes::decode(&text.replace('+', " "));
            (decode(key), decode(value))
        })
        .collect()
}
