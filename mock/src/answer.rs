//! Building answers: JSON bodies with the vendors' envelopes and documented error codes.

use approval_api::feishu::ErrorCode as FeishuCode;
use approval_api::fxiaoke_71360::ErrorCode as FxiaokeCode;
use http::{HeaderValue, StatusCode, header::CONTENT_TYPE};
use http_body_util::Full;
use hyper::body::Bytes;
use serde_json::{Value, json};

/// What the mock answers with.
pub(crate) type Answer = http::Response<Full<Bytes>>;

/// Feishu platform codes that the captured pages do not list (see the README, "Mock vendor",
/// for where each is documented).
pub(crate) mod platform {
    /// The tenant access token is invalid or has expired (the official Go SDK's
    /// `errCodeTenantAccessTokenInvalid`, on which it refreshes the token and retries).
    pub(crate) const TENANT_TOKEN_INVALID: (i64, &str) = (
        99_991_663,
        "Invalid access token for authorization. Please make a request with token attached.",
    );
    /// The request carries no `Authorization` header (inferred: third-party clients read this
    /// code as "access token is empty"; no official source was found).
    pub(crate) const TOKEN_MISSING: (i64, &str) = (
        99_991_661,
        "Missing access token for authorization. Please make a request with token attached.",
    );
    /// Frequency control: HTTP 429 with `x-ogw-ratelimit-reset` (seconds) and
    /// `x-ogw-ratelimit-limit` (Feishu's frequency-control guide).
    pub(crate) const RATE_LIMITED: (i64, &str) = (99_991_400, "request trigger frequency limit");
    /// The token call's app secret does not match the app id.
    pub(crate) const APP_SECRET_INVALID: (i64, &str) = (10_014, "app secret invalid");
}

/// A JSON answer.
pub(crate) fn json(status: StatusCode, body: &Value) -> Answer {
    raw(status, body.to_string().into_bytes())
}

/// An answer with JSON bytes as given (a fixture, unchanged).
pub(crate) fn raw(status: StatusCode, body: impl Into<Bytes>) -> Answer {
    let mut answer = http::Response::new(Full::new(body.into()));
    *answer.status_mut() = status;
    answer.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    answer
}

/// Feishu's success envelope around `data`.
pub(crate) fn feishu_ok(data: Value) -> Answer {
    json(
        StatusCode::OK,
        &json!({"code": 0, "msg": "success", "data": data}),
    )
}

/// A code of Feishu's error table: its documented message and HTTP status (400 where the
/// table gives none, as the envelope's doc says documented errors come with 400).
pub(crate) fn feishu_error(code: &FeishuCode, detail: &str) -> Answer {
    let status = code
        .http_status()
        .and_then(|status| StatusCode::from_u16(status).ok())
        .unwrap_or(StatusCode::BAD_REQUEST);
    let message = code.message().unwrap_or(detail);
    feishu_platform_error(status, (code.code(), message), detail)
}

/// A Feishu error by number and message; `detail`, in `error.detail`, says what exactly was
/// wrong, for people (callers branch on `code`).
pub(crate) fn feishu_platform_error(
    status: StatusCode,
    (code, msg): (i64, &str),
    detail: &str,
) -> Answer {
    json(
        status,
        &json!({"code": code, "msg": msg, "error": {"detail": detail}}),
    )
}

/// A Fxiaoke error. The CRM pages list no error code but 0; the legacy platform page
/// (`fxiaoke_71360`) documents 15002 (illegal parameter) and 20016 (`corpAccessToken`
/// error) on the same token and envelope, so the mock answers those, with HTTP 200 as the
/// legacy examples show.
pub(crate) fn fxiaoke_error(code: &FxiaokeCode, detail: &str) -> Answer {
    json(
        StatusCode::OK,
        &json!({
            "errorCode": code.code(),
            "errorMessage": code.message().unwrap_or(detail),
            "errorDescription": detail,
        }),
    )
}

/// ikcrm's documented error (`errcode` 500, the only code its pages list).
pub(crate) fn ikcrm_error(detail: &str) -> Answer {
    json(StatusCode::OK, &json!({"errcode": 500, "errmsg": detail}))
}

/// No endpoint at this method and path (Feishu's gateway answers a plain 404).
pub(crate) fn not_found() -> Answer {
    let mut answer = raw(StatusCode::NOT_FOUND, "404 page not found");
    answer.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    answer
}
