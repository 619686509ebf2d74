//! Properties of the generated crate, checked with proptest on values built from the checked
//! specs (`approval_tests::conforming`), for the body and response type of every endpoint:
//!
//! 1. a value of the type's shape decodes and re-encodes to the same JSON (unknown enum values
//!    and union members included);
//! 2. decoders are total: `decode_response` of every endpoint, with any status, on any bytes,
//!    any JSON, and any payload in a success envelope, returns `Ok` or a typed error;
//! 3. `validate()` never panics on a decoded value;
//!
//! and a value of the payload's shape in a success envelope decodes to that payload.
//!
//! Failures shrink to a small input and are saved under `tests/proptest-regressions/` (commit
//! them: they are replayed first on every run). Cases per type: 64 by default (CI);
//! `APPROVAL_PROPTEST_CASES=5000 cargo test --release -p approval-tests --test properties`
//! runs longer.
//!
//! Why proptest here and the seeded mutator (`approval_tests::mutate`) for specs: these inputs
//! are values of a known shape, which proptest builds from combinators and shrinks to a minimal
//! failing value; the spec mutants are edits of YAML text whose interesting failures come from
//! breaking the shape (cut lines, bad indentation), which a text edit reaches directly, and a
//! failing mutant is reported by its seed and the lines it changed.

use approval_api::runtime::{Endpoint, Validate};
use approval_codegen::ir;
use approval_tests::conforming::{Json, Limits, Shapes, any_string};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// A body or response type: its spec name and the generated type's decode functions.
struct TypeEntry {
    name: &'static str,
    /// Decodes the text as the type and re-encodes it.
    round_trip: fn(&str) -> Result<Value, String>,
    /// Decodes the text as the type and validates it; the number of violations.
    validate: fn(&str) -> Result<usize, String>,
}

/// One endpoint of the generated crate.
struct EndpointEntry {
    vendor: &'static str,
    endpoint: &'static str,
    body: Option<TypeEntry>,
    response: Option<TypeEntry>,
    /// `decode_response`: `Ok` with the re-encoded payload (`Null` when there is none), or the
    /// error's text.
    decode: fn(u16, &[u8]) -> Result<Value, String>,
}

/// Every endpoint with its body and response types: the one table mapping spec names to
/// generated Rust types. `the_table_lists_every_endpoint_of_the_specs` fails when it is out of
/// date.
macro_rules! endpoints {
    ($($vendor:ident :: $endpoint:ident { body: $body:tt, response: $response:tt })*) => {
        fn endpoints() -> Vec<EndpointEntry> {
            vec![$(EndpointEntry {
                vendor: stringify!($vendor),
                endpoint: stringify!($endpoint),
                body: endpoints!(@type $vendor $body),
                response: endpoints!(@type $vendor $response),
                decode: endpoints!(@decode $vendor $endpoint $response),
            }),*]
        }
    };
    (@type $vendor:ident none) => { None };
    (@type $vendor:ident $name:ident) => {
        Some(TypeEntry {
            name: stringify!($name),
            round_trip: round_trip::<approval_api::$vendor::types::$name>,
            validate: validate::<approval_api::$vendor::types::$name>,
        })
    };
    (@decode $vendor:ident $endpoint:ident none) => {
        decode_unit::<approval_api::$vendor::$endpoint::Request>
    };
    (@decode $vendor:ident $endpoint:ident $name:ident) => {
        decode_payload::<approval_api::$vendor::$endpoint::Request>
    };
}

endpoints! {
    feishu::approval_get { body: none, response: ApprovalGetResponse }
    feishu::approval_subscribe { body: none, response: Empty }
    feishu::approval_unsubscribe { body: none, response: Empty }
    feishu::auth_tenant_access_token { body: TenantAccessTokenBody, response: none }
    feishu::comment_create { body: CommentCreateBody, response: CommentCreateResponse }
    feishu::comment_delete { body: none, response: CommentDeleteResponse }
    feishu::comment_list { body: none, response: CommentListResponse }
    feishu::comment_remove { body: none, response: CommentRemoveResponse }
    feishu::instance_add_sign { body: AddSignBody, response: none }
    feishu::instance_cancel { body: InstanceCancelBody, response: Empty }
    feishu::instance_cc { body: InstanceCcBody, response: Empty }
    feishu::instance_create { body: InstanceCreateBody, response: InstanceCreateResponse }
    feishu::instance_get { body: none, response: InstanceGetResponse }
    feishu::instance_list { body: none, response: InstanceListResponse }
    feishu::instance_preview { body: InstancePreviewBody, response: InstancePreviewResponse }
    feishu::instance_query { body: InstanceQueryBody, response: InstanceQueryResponse }
    feishu::instance_search_cc { body: CcSearchBody, response: CcSearchResponse }
    feishu::instance_specified_rollback { body: SpecifiedRollbackBody, response: Empty }
    feishu::task_approve { body: TaskActionBody, response: Empty }
    feishu::task_query { body: none, response: TaskQueryResponse }
    feishu::task_reject { body: TaskActionBody, response: Empty }
    feishu::task_resubmit { body: TaskResubmitBody, response: Empty }
    feishu::task_search { body: TaskSearchBody, response: TaskSearchResponse }
    feishu::task_transfer { body: TaskTransferBody, response: Empty }
    fxiaoke_71360::approval_get { body: ApprovalGetBody, response: ApprovalGetResponse }
    fxiaoke_71360::approval_query { body: ApprovalQueryBody, response: ApprovalQueryResponse }
    fxiaoke_71360::approval_type_forms_get { body: ApprovalTypeFormsGetBody, response: ApprovalTypeFormsGetResponse }
    fxiaoke_crm::approval_instance_cancel { body: ApprovalInstanceCancelBody, response: none }
    fxiaoke_crm::approval_instance_get { body: ApprovalInstanceGetBody, response: ApprovalInstanceGetResponse }
    fxiaoke_crm::approval_instances_query { body: ApprovalInstancesQueryBody, response: ApprovalInstancesQueryResponse }
    fxiaoke_crm::approval_reject_to_before_task { body: RejectToBeforeTaskBody, response: none }
    fxiaoke_crm::approval_task_action { body: ApprovalTaskActionBody, response: none }
    fxiaoke_crm::approval_task_v2_action { body: ApprovalTaskV2Body, response: none }
    fxiaoke_crm::corp_access_token_get { body: CorpAccessTokenGetBody, response: CorpAccessTokenGetResponse }
    fxiaoke_crm::object_approval_instances_query { body: ObjectApprovalInstancesQueryBody, response: ObjectApprovalInstancesQueryResponse }
    fxiaoke_crm::workflow_instance_cancel { body: WorkflowInstanceCancelBody, response: none }
    ikcrm::approval_center_list { body: none, response: ApprovalCenterList }
    ikcrm::execute_records_detail { body: none, response: ExecuteRecordDetail }
}

fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> Result<Value, String> {
    let typed: T =
        serde_json::from_str(text).map_err(|error| format!("does not decode: {error}"))?;
    serde_json::to_value(&typed).map_err(|error| format!("does not encode: {error}"))
}

fn validate<T: DeserializeOwned + Validate>(text: &str) -> Result<usize, String> {
    let typed: T =
        serde_json::from_str(text).map_err(|error| format!("does not decode: {error}"))?;
    Ok(match typed.validate() {
        Ok(()) => 0,
        Err(errors) => {
            // Rendering the violations is part of what must not panic.
            assert!(!errors.to_string().is_empty(), "violations render as text");
            errors.errors().len()
        }
    })
}

fn decode_payload<R: Endpoint>(status: u16, body: &[u8]) -> Result<Value, String>
where
    R::Response: Serialize,
    approval_api::runtime::ApiError<R::Error>: std::fmt::Display,
{
    match R::decode_response(status, body) {
        Ok(payload) => serde_json::to_value(&payload).map_err(|error| format!("encode: {error}")),
        Err(error) => Err(error.to_string()),
    }
}

fn decode_unit<R: Endpoint>(status: u16, body: &[u8]) -> Result<Value, String>
where
    approval_api::runtime::ApiError<R::Error>: std::fmt::Display,
{
    R::decode_response(status, body)
        .map(|_| Value::Null)
        .map_err(|error| error.to_string())
}

/// The checked specs' IR, built once.
fn specs() -> &'static ir::Ir {
    static IR: OnceLock<ir::Ir> = OnceLock::new();
    IR.get_or_init(|| {
        let root = approval_tests::workspace_root();
        approval_codegen::load_checked(&root.join("specs"), &root)
            .unwrap_or_else(|error| panic!("the specs check: {error}"))
            .ir()
            .clone()
    })
}

fn vendor(module: &str) -> &'static ir::Vendor {
    specs()
        .vendors
        .iter()
        .find(|vendor| vendor.module.name == module)
        .unwrap_or_else(|| panic!("no vendor {module} in the specs"))
}

fn cases() -> u32 {
    std::env::var("APPROVAL_PROPTEST_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(64)
}

/// A runner whose failures are saved in `tests/proptest-regressions/<property>/<what>.txt`.
fn runner(property: &str, what: &str) -> TestRunner {
    let path = format!(
        "{}/proptest-regressions/{property}/{what}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            // The persistence API takes a `'static` path; a few leaked strings per test run.
            Box::leak(path.into_boxed_str()),
        ))),
        ..Config::default()
    })
}

/// Runs `property` on values of `strategy`, failing the test with the shrunk input.
fn check<T: std::fmt::Debug>(
    mut runner: TestRunner,
    what: &str,
    strategy: impl Strategy<Value = T>,
    property: impl Fn(T) -> Result<(), TestCaseError>,
) {
    if let Err(error) = runner.run(&strategy, property) {
        panic!("{what}: {error}");
    }
}

/// Each body and response type, with its vendor.
fn types() -> Vec<(&'static str, TypeEntry)> {
    endpoints()
        .into_iter()
        .flat_map(|entry| {
            [entry.body, entry.response]
                .into_iter()
                .flatten()
                .map(move |ty| (entry.vendor, ty))
        })
        .collect()
}

#[test]
fn the_table_lists_every_endpoint_of_the_specs() {
    let in_specs: BTreeSet<(String, String, Option<String>, Option<String>)> = specs()
        .vendors
        .iter()
        .flat_map(|vendor| {
            vendor.endpoints.iter().map(|endpoint| {
                (
                    vendor.module.name.clone(),
                    endpoint.module.name.clone(),
                    endpoint.body.as_ref().map(|ident| ident.name.clone()),
                    endpoint.response.as_ref().map(|ident| ident.name.clone()),
                )
            })
        })
        .collect();
    let in_table: BTreeSet<(String, String, Option<String>, Option<String>)> = endpoints()
        .into_iter()
        .map(|entry| {
            (
                entry.vendor.to_owned(),
                entry.endpoint.to_owned(),
                entry.body.map(|ty| ty.name.to_owned()),
                entry.response.map(|ty| ty.name.to_owned()),
            )
        })
        .collect();
    assert_eq!(
        in_table, in_specs,
        "the `endpoints!` table in this file must list every endpoint with its body and response type"
    );
}

#[test]
fn values_of_every_body_and_response_type_round_trip() {
    for (vendor_name, ty) in types() {
        let shapes = Shapes::new(vendor(vendor_name), Limits::default());
        let what = format!("{vendor_name}-{}", ty.name);
        check(
            runner("round_trip", &what),
            &what,
            shapes.named(ty.name),
            |json: Json| {
                let text = json.to_text();
                let back = (ty.round_trip)(&text)
                    .map_err(|error| TestCaseError::fail(format!("{error}\n  input: {text}")))?;
                json.matches(&back)
                    .map_err(|error| TestCaseError::fail(format!("{error}\n  input: {text}")))
            },
        );
    }
}

/// KNOWN BUG (runtime, `validate::rules::range`): `end - start` of two `timestamp_ms` values
/// overflows (a panic in debug builds, a wrong answer in release) when they are far apart, e.g.
/// `{"corpAccessToken":"","corpId":"","startTime":-2545881734490120461,"endTime":6677490302364655347}`
/// as a 71360 `ApprovalQueryBody`. Until it is fixed, validation is tried on epoch milliseconds
/// jiff can represent (years -9999 to 9999) only; `range_rule_on_far_apart_epoch_millis` is the
/// reproduction. Fix: set this to `i64::MIN..=i64::MAX` and remove that test's `ignore`.
const VALIDATED_EPOCH_MILLIS: std::ops::RangeInclusive<i64> = i64::MIN..=i64::MAX;

#[test]
#[ignore = "known bug: validate::rules::range overflows on far-apart epoch millis"]
fn range_rule_on_far_apart_epoch_millis() {
    let body: approval_api::fxiaoke_71360::types::ApprovalQueryBody = serde_json::from_str(
        r#"{"corpAccessToken":"","corpId":"","startTime":-2545881734490120461,"endTime":6677490302364655347}"#,
    )
    .expect("decodes");
    // Must return (with or without a violation), not panic.
    let _ = body.validate();
}

#[test]
fn validation_never_panics_on_decoded_values() {
    for (vendor_name, ty) in types() {
        let limits = Limits {
            epoch_millis: VALIDATED_EPOCH_MILLIS,
            ..Limits::default()
        };
        let shapes = Shapes::new(vendor(vendor_name), limits);
        let what = format!("{vendor_name}-{}", ty.name);
        check(
            runner("validate", &what),
            &what,
            shapes.named(ty.name),
            |json: Json| {
                let text = json.to_text();
                (ty.validate)(&text)
                    .map(|_| ())
                    .map_err(|error| TestCaseError::fail(format!("{error}\n  input: {text}")))
            },
        );
    }
}

/// A success envelope of `vendor` around `payload` (`None`: an endpoint without payload).
fn envelope(vendor: &ir::Vendor, payload: Option<Json>, message: String) -> Json {
    let envelope = &vendor.envelope;
    let mut entries = vec![
        (
            envelope.code.clone(),
            Json::Leaf(Value::from(envelope.success)),
        ),
        (envelope.message.clone(), Json::Leaf(Value::String(message))),
    ];
    match (&envelope.payload, payload) {
        (Some(name), Some(payload)) => entries.push((name.clone(), payload)),
        (None, Some(Json::Object(fields))) => entries.extend(
            fields
                .into_iter()
                .filter(|(key, _)| *key != envelope.code && *key != envelope.message),
        ),
        (None, Some(other)) => panic!("an inline payload must be an object, not {other:?}"),
        (_, None) => {}
    }
    Json::Object(entries)
}

#[test]
fn a_payload_in_a_success_envelope_decodes_to_that_payload() {
    for entry in endpoints() {
        let vendor = vendor(entry.vendor);
        let shapes = Shapes::new(vendor, Limits::default());
        let what = format!("{}-{}", entry.vendor, entry.endpoint);
        let payload = match &entry.response {
            Some(ty) => shapes.named(ty.name).prop_map(Some).boxed(),
            None => Just(None).boxed(),
        };
        check(
            runner("envelope", &what),
            &what,
            // Any 2xx status: a success envelope under another status is refused on purpose.
            (payload, any_string(), 200_u16..300),
            |(payload, message, status)| {
                let body = envelope(vendor, payload.clone(), message).to_text();
                let decoded = (entry.decode)(status, body.as_bytes()).map_err(|error| {
                    TestCaseError::fail(format!("HTTP {status}: {error}\n  body: {body}"))
                })?;
                match payload {
                    Some(payload) => payload
                        .matches(&decoded)
                        .map_err(|error| TestCaseError::fail(format!("{error}\n  body: {body}"))),
                    None => Ok(()),
                }
            },
        );
    }
}

/// JSON whose keys are the vendor's own wire names (and a few others), so random documents
/// get past the envelope into the payload decoders.
fn vendor_json(vendor: &ir::Vendor) -> BoxedStrategy<Value> {
    let mut keys: BTreeSet<String> = ["data", "type", "value", "id"].map(str::to_owned).into();
    let envelope = &vendor.envelope;
    keys.extend([envelope.code.clone(), envelope.message.clone()]);
    keys.extend(envelope.payload.clone());
    keys.extend(
        envelope
            .alternate
            .iter()
            .flat_map(|alternate| [alternate.code.clone(), alternate.message.clone()]),
    );
    for ty in &vendor.types {
        match &ty.kind {
            ir::TypeKind::Object(object) => {
                keys.extend(object.fields.iter().map(|field| field.wire.clone()));
            }
            ir::TypeKind::TaggedUnion(union) => {
                keys.insert(union.tag.clone());
            }
            ir::TypeKind::SiblingUnion(union) => {
                keys.insert(union.discriminator.clone());
            }
            ir::TypeKind::Enum(_) | ir::TypeKind::Newtype(_) => {}
        }
    }
    let keys: Vec<String> = keys.into_iter().collect();
    let success = envelope.success;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::from(success)),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((proptest::sample::select(keys.clone()), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
    .boxed()
}

#[test]
fn decoders_are_total_on_any_json_and_any_bytes() {
    for entry in endpoints() {
        let vendor = vendor(entry.vendor);
        let what = format!("{}-{}", entry.vendor, entry.endpoint);
        let never_panics = |(status, body): (u16, Vec<u8>)| {
            // `Ok` or a typed error, both fine; a panic fails the case.
            let _ = (entry.decode)(status, &body);
            Ok(())
        };
        check(
            runner("total_bytes", &what),
            &what,
            (any::<u16>(), proptest::collection::vec(any::<u8>(), 0..64)),
            never_panics,
        );
        check(
            runner("total_json", &what),
            &what,
            (
                any::<u16>(),
                vendor_json(vendor).prop_map(|v| v.to_string().into_bytes()),
            ),
            never_panics,
        );
        // Any JSON as the payload of a success envelope (an object, where the payload is inline).
        check(
            runner("total_payload", &what),
            &what,
            (
                any::<u16>(),
                vendor_json(vendor).prop_map(move |payload| {
                    let payload = match (&vendor.envelope.payload, payload) {
                        (None, payload @ Value::Object(_)) | (Some(_), payload) => payload,
                        (None, _) => Value::Object(serde_json::Map::new()),
                    };
                    envelope(vendor, Some(leaf(payload)), String::new())
                        .to_text()
                        .into_bytes()
                }),
            ),
            never_panics,
        );
    }
}

fn leaf(value: Value) -> Json {
    match value {
        Value::Object(entries) => {
            Json::Object(entries.into_iter().map(|(k, v)| (k, leaf(v))).collect())
        }
        other => Json::Leaf(other),
    }
}
