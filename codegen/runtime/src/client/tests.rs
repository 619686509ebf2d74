//! The retry rules as pure functions: classification of each error kind, backoff, reset headers.

use super::*;
use crate::response::{ApiError, DecodeError};

/// A vendor error with only a code.
#[derive(Debug)]
struct Code(i64);

impl VendorErrorInfo for Code {
    fn code(&self) -> i64 {
        self.0
    }

    fn message(&self) -> &str {
        "test"
    }
}

fn vendor(status: u16, code: i64) -> ClientError<Code> {
    ClientError::Api {
        status,
        retry_after: None,
        error: ApiError::Vendor(Code(code)),
    }
}

fn transport(kind: TransportErrorKind) -> ClientError<Code> {
    ClientError::Transport(TransportError::new(kind, "test"))
}

/// Feishu's codes, as `specs/feishu.yaml` lists them (the generated `feishu::client::CODES`).
const FEISHU: VendorCodes = VendorCodes {
    rate_limited: &[99_991_400],
    try_again_later: &[1_395_001],
    token_invalid: &[99_991_663, 99_991_664, 99_991_671],
    reset_headers: &["x-ogw-ratelimit-reset"],
};

/// A vendor whose only code is a token-invalid one (Fxiaoke 71360's 20016).
const FXIAOKE: VendorCodes = VendorCodes {
    rate_limited: &[],
    try_again_later: &[],
    token_invalid: &[20_016],
    reset_headers: &[],
};

const ANY: Decision = Decision::Retry {
    after: None,
    only_if_idempotent: false,
};
const IDEMPOTENT: Decision = Decision::Retry {
    after: None,
    only_if_idempotent: true,
};

#[test]
fn connection_failures_retry_anything_timeouts_only_what_may_repeat() {
    let codes = FEISHU;
    assert_eq!(
        classify(&transport(TransportErrorKind::Connect), &codes),
        ANY
    );
    assert_eq!(
        classify(&transport(TransportErrorKind::Timeout), &codes),
        IDEMPOTENT
    );
    assert_eq!(
        classify(&transport(TransportErrorKind::Other), &codes),
        IDEMPOTENT
    );
}

#[test]
fn feishu_codes() {
    let codes = FEISHU;
    // The rate-limit code, under 429 or (older APIs) 400: refused unprocessed.
    assert_eq!(classify(&vendor(429, 99_991_400), &codes), ANY);
    assert_eq!(classify(&vendor(400, 99_991_400), &codes), ANY);
    // "Try again later" may have run: only calls safe to repeat.
    assert_eq!(classify(&vendor(400, 1_395_001), &codes), IDEMPOTENT);
    for code in [99_991_663, 99_991_664, 99_991_671] {
        assert_eq!(
            classify(&vendor(400, code), &codes),
            Decision::RefreshToken,
            "{code}"
        );
    }
    // A documented request error is final.
    assert_eq!(classify(&vendor(400, 1_390_001), &codes), Decision::Fail);
    // The same codes mean nothing to another vendor.
    assert_eq!(classify(&vendor(400, 99_991_663), &FXIAOKE), Decision::Fail);
    assert_eq!(
        classify(&vendor(200, 20_016), &FXIAOKE),
        Decision::RefreshToken
    );
}

#[test]
fn statuses_and_stated_waits() {
    let codes = VendorCodes::NONE;
    let unexpected = |status| ClientError::<Code>::Api {
        status,
        retry_after: Some(Duration::from_secs(7)),
        error: ApiError::unexpected(status, b"<html>", "not JSON"),
    };
    assert_eq!(
        classify(&unexpected(429), &codes),
        Decision::Retry {
            after: Some(Duration::from_secs(7)),
            only_if_idempotent: false
        }
    );
    assert_eq!(
        classify(&unexpected(503), &codes),
        Decision::Retry {
            after: Some(Duration::from_secs(7)),
            only_if_idempotent: true
        }
    );
    assert_eq!(classify(&unexpected(404), &codes), Decision::Fail);
    let undecodable = ClientError::<Code>::Api {
        status: 200,
        retry_after: None,
        error: ApiError::Decode(DecodeError::at(
            "data",
            <serde_json::Error as serde::de::Error>::custom("x"),
        )),
    };
    assert_eq!(classify(&undecodable, &codes), Decision::Fail);
    assert_eq!(
        classify(&ClientError::<Code>::Token(TokenError::Missing), &codes),
        Decision::Fail
    );
    // Already the outcome of retries: never retried again.
    let unconfirmed = ClientError::<Code>::Unconfirmed {
        idempotency_key: "key".to_owned(),
        error: Box::new(undecodable),
    };
    assert_eq!(classify(&unconfirmed, &codes), Decision::Fail);
    let unanswered = TransportError::new(TransportErrorKind::Timeout, "test");
    assert_eq!(
        classify(
            &ClientError::<Code>::Token(TokenError::Transport(unanswered)),
            &codes
        ),
        ANY
    );
}

#[test]
fn backoff_doubles_with_equal_jitter_up_to_the_cap() {
    let policy = RetryPolicy {
        max_attempts: 10,
        initial_backoff: Duration::from_millis(100),
        max_backoff: Duration::from_millis(1000),
        budget: Duration::from_secs(60),
    };
    assert_eq!(policy.delay(1, None, 0.0), Duration::from_millis(50));
    assert_eq!(policy.delay(1, None, 1.0), Duration::from_millis(100));
    assert_eq!(policy.delay(2, None, 0.0), Duration::from_millis(100));
    assert_eq!(policy.delay(3, None, 0.5), Duration::from_millis(300));
    // Capped: 100 ms × 2^9 would be 51.2 s.
    assert_eq!(policy.delay(10, None, 1.0), Duration::from_millis(1000));
    assert_eq!(
        policy.delay(u32::MAX, None, 1.0),
        Duration::from_millis(1000)
    );
    // A stated wait is honoured as is, even beyond the cap.
    assert_eq!(
        policy.delay(1, Some(Duration::from_secs(52)), 0.9),
        Duration::from_secs(52)
    );
}

#[test]
fn reset_headers_in_order_of_preference() {
    let mut headers = ::http::HeaderMap::new();
    headers.insert("retry-after", "3".parse().expect("header"));
    let names = &["x-ogw-ratelimit-reset", "retry-after"];
    assert_eq!(stated_wait(&headers, names), Some(Duration::from_secs(3)));
    headers.insert("x-ogw-ratelimit-reset", " 52 ".parse().expect("header"));
    assert_eq!(stated_wait(&headers, names), Some(Duration::from_secs(52)));
    // An HTTP date in Retry-After is not a number of seconds: no stated wait, so backoff.
    let mut dated = ::http::HeaderMap::new();
    dated.insert(
        "retry-after",
        "Wed, 21 Oct 2015 07:28:00 GMT".parse().expect("header"),
    );
    assert_eq!(stated_wait(&dated, names), None);
}
