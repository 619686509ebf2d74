//! The Feishu pages' own examples against the generated types.
//!
//! Every `*.json` under `tests/fixtures/feishu/` is listed in `FIXTURES` with the type it must
//! decode as; `every_fixture_is_checked` fails when a file is added without an entry (or an entry
//! names a missing file). Examples that are not valid JSON as printed are kept beside their
//! corrected copy as `*.original.txt`; `corrections_are_only_comments_and_commas` proves the
//! correction is exactly the mechanical one the fixture README describes.

use approval_api::feishu::{
    approval_get, approval_subscribe, auth_tenant_access_token, comment_create, comment_delete,
    comment_list, comment_remove, errors, instance_add_sign, instance_cancel, instance_create,
    instance_get, instance_list, instance_query, task_approve, task_query, task_reject,
    task_search, task_transfer, types,
};
use approval_api::runtime::validate::Rule;
use approval_api::runtime::{ApiError, Endpoint, Lenient, Validate};
use approval_tests::fixture;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::path::Path;

/// Fields that carry JSON inside a string. Their typed form re-encodes the inner JSON compactly
/// (a documented quirk), so they are compared parsed; every other byte of value must survive.
const JSON_IN_STRING: &[&str] = &["form", "ext", "content"];

fn parse_embedded(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if let serde_json::Value::String(text) = inner
                    && JSON_IN_STRING.contains(&key.as_str())
                    && let Ok(parsed) = serde_json::from_str::<serde_json::Value>(text)
                    && (parsed.is_array() || parsed.is_object())
                {
                    *inner = parsed;
                }
                parse_embedded(inner);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(parse_embedded),
        _ => {}
    }
}

/// Decodes a fixture as `T`, encodes it again and asserts nothing changed.
fn check<T: DeserializeOwned + Serialize>(name: &str) {
    let text = fixture(&format!("feishu/{name}.json"));
    let (mut original, mut back) = approval_tests::round_trip::<T>(&text);
    parse_embedded(&mut original);
    parse_embedded(&mut back);
    assert_eq!(original, back, "{name} does not round-trip");
}

fn widget(name: &str) {
    check::<types::Widget>(name);
    let widget: types::Widget = serde_json::from_str(&fixture(&format!("feishu/{name}.json")))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        !matches!(widget, types::Widget::Unknown(_)),
        "{name}: a documented widget type has a shape"
    );
}

fn read_widget(name: &str) {
    check::<types::FormWidgetRead>(name);
    let widget: types::FormWidgetRead =
        serde_json::from_str(&fixture(&format!("feishu/{name}.json")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        !matches!(widget, types::FormWidgetRead::Unknown(_)),
        "{name}: a documented read widget type has a shape"
    );
}

type Envelope<T = approval_api::runtime::NoPayload> = errors::Envelope<T>;

/// A fixture's name and the check it gets.
type Fixture = (&'static str, fn(&str));

const FIXTURES: &[Fixture] = &[
    ("error_param_invalid.response", check::<Envelope>),
    ("widgets", check::<Vec<types::Widget>>),
    (
        "instance_create_2023.request",
        check::<types::InstanceCreateBody>,
    ),
    (
        "instance_create_2023.response",
        check::<Envelope<types::InstanceCreateResponse>>,
    ),
    (
        "instance_create/request",
        check::<types::InstanceCreateBody>,
    ),
    (
        "instance_create/response",
        check::<Envelope<types::InstanceCreateResponse>>,
    ),
    (
        "instance_get/response",
        check::<Envelope<types::InstanceGetResponse>>,
    ),
    ("instance_get/widget_input", read_widget),
    ("instance_get/widget_number", read_widget),
    ("instance_get/widget_contact", read_widget),
    ("instance_get/widget_attachment_v2", read_widget),
    ("instance_get/widget_checkbox", read_widget),
    ("instance_get/widget_date_interval", read_widget),
    ("instance_get/widget_field_list", read_widget),
    ("instance_get/widget_document", read_widget),
    ("instance_get/widget_department", read_widget),
    ("instance_get/widget_leave_group", read_widget),
    ("instance_get/widget_leave_group_v2", read_widget),
    ("instance_get/widget_remedy_group", read_widget),
    ("instance_get/widget_shift_group", read_widget),
    ("instance_get/widget_work_group", read_widget),
    ("instance_get/widget_trip_group", read_widget),
    ("instance_get/widget_telephone", read_widget),
    ("instance_form_control_parameters/input", widget),
    ("instance_form_control_parameters/textarea", widget),
    ("instance_form_control_parameters/date", widget),
    ("instance_form_control_parameters/date_interval", widget),
    ("instance_form_control_parameters/radio_v2", widget),
    ("instance_form_control_parameters/checkbox_v2", widget),
    ("instance_form_control_parameters/number", widget),
    ("instance_form_control_parameters/amount", widget),
    ("instance_form_control_parameters/formula", widget),
    ("instance_form_control_parameters/contact", widget),
    ("instance_form_control_parameters/connect", widget),
    ("instance_form_control_parameters/document", widget),
    ("instance_form_control_parameters/attachment_v2", widget),
    ("instance_form_control_parameters/image", widget),
    ("instance_form_control_parameters/field_list", widget),
    ("instance_form_control_parameters/department", widget),
    ("instance_form_control_parameters/telephone", widget),
    ("instance_form_control_parameters/shift_group", widget),
    ("instance_form_control_parameters/leave_group_v2", widget),
    ("instance_form_control_parameters/leave_group_type", widget),
    (
        "instance_form_control_parameters/leave_group_start_time",
        widget,
    ),
    (
        "instance_form_control_parameters/leave_group_end_time",
        widget,
    ),
    (
        "instance_form_control_parameters/leave_group_reason",
        widget,
    ),
    (
        "instance_form_control_parameters/leave_certification",
        widget,
    ),
    (
        "instance_form_control_parameters/leave_group_feeding_arriving_late",
        widget,
    ),
    (
        "instance_form_control_parameters/leave_group_feeding_off_leave_early",
        widget,
    ),
    ("instance_form_control_parameters/work_group", widget),
    (
        "instance_form_control_parameters/work_group_overtime_workers",
        widget,
    ),
    ("instance_form_control_parameters/work_group_type", widget),
    (
        "instance_form_control_parameters/work_group_time_range",
        widget,
    ),
    ("instance_form_control_parameters/work_group_reason", widget),
    ("instance_form_control_parameters/out_group", widget),
    ("instance_form_control_parameters/out_group_type", widget),
    (
        "instance_form_control_parameters/out_group_start_time",
        widget,
    ),
    (
        "instance_form_control_parameters/out_group_end_time",
        widget,
    ),
    ("instance_form_control_parameters/out_group_reason", widget),
    ("instance_form_control_parameters/out_group_image", widget),
    (
        "instance_cancel/request",
        check::<types::InstanceCancelBody>,
    ),
    ("instance_cancel/response", check::<Envelope<types::Empty>>),
    ("task_approve/request", check::<types::TaskActionBody>),
    ("task_approve/response", check::<Envelope<types::Empty>>),
    ("task_reject/request", check::<types::TaskActionBody>),
    ("task_reject/response", check::<Envelope<types::Empty>>),
    ("task_transfer/request", check::<types::TaskTransferBody>),
    ("task_transfer/response", check::<Envelope<types::Empty>>),
    (
        "instance_comment_create/request",
        check::<types::CommentCreateBody>,
    ),
    (
        "instance_comment_create/response",
        check::<Envelope<types::CommentCreateResponse>>,
    ),
    (
        "instance_comment_list/response",
        check::<Envelope<types::CommentListResponse>>,
    ),
    (
        "instance_comment_delete/response",
        check::<Envelope<types::CommentDeleteResponse>>,
    ),
    (
        "instance_comment_remove/response",
        check::<Envelope<types::CommentRemoveResponse>>,
    ),
    (
        "approval_get/response",
        check::<Envelope<types::ApprovalGetResponse>>,
    ),
    (
        "instance_list/response",
        check::<Envelope<types::InstanceListResponse>>,
    ),
    ("instance_cc/request", check::<types::InstanceCcBody>),
    ("instance_cc/response", check::<Envelope<types::Empty>>),
    (
        "instance_approval_preview/request_before_create",
        check::<types::InstancePreviewBody>,
    ),
    (
        "instance_approval_preview/request_after_task",
        check::<types::InstancePreviewBody>,
    ),
    (
        "instance_approval_preview/response",
        check::<Envelope<types::InstancePreviewResponse>>,
    ),
    (
        "approval_search_query/request",
        check::<types::InstanceQueryBody>,
    ),
    (
        "approval_search_query/response",
        check::<Envelope<types::InstanceQueryResponse>>,
    ),
    (
        "approval_search_search/request",
        check::<types::TaskSearchBody>,
    ),
    (
        "approval_search_search/response",
        check::<Envelope<types::TaskSearchResponse>>,
    ),
    (
        "approval_search_search_cc/request",
        check::<types::CcSearchBody>,
    ),
    (
        "approval_search_search_cc/response",
        check::<Envelope<types::CcSearchResponse>>,
    ),
    (
        "approval_search_query_1/response",
        check::<Envelope<types::TaskQueryResponse>>,
    ),
    ("task_resubmit/request", check::<types::TaskResubmitBody>),
    ("task_resubmit/response", check::<Envelope<types::Empty>>),
    (
        "task_specified_rollback/request",
        check::<types::SpecifiedRollbackBody>,
    ),
    (
        "task_specified_rollback/response",
        check::<Envelope<types::Empty>>,
    ),
    ("task_addsign/request", check::<types::AddSignBody>),
    ("task_addsign/response", check::<Envelope>),
    (
        "event_interface_subscribe/response",
        check::<Envelope<types::Empty>>,
    ),
    (
        "event_interface_unsubscribe/response",
        check::<Envelope<types::Empty>>,
    ),
    (
        "auth_tenant_access_token_internal/request",
        check::<types::TenantAccessTokenBody>,
    ),
    (
        "auth_tenant_access_token_internal/response",
        check::<types::TenantAccessTokenResponse>,
    ),
];

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/feishu")
}

/// Fixture names (relative, without extension) of the files ending in `suffix`. The event
/// fixtures under `events/` have their own checks (`webhook_fixtures.rs`).
fn files_ending(suffix: &str) -> BTreeSet<String> {
    fn walk(dir: &Path, root: &Path, suffix: &str, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && path.file_name().is_some_and(|name| name == "events") {
                continue;
            }
            if path.is_dir() {
                walk(&path, root, suffix, out);
            } else if let Some(name) = path.to_str().and_then(|p| p.strip_suffix(suffix)) {
                let root = root.to_str().unwrap();
                out.insert(name[root.len() + 1..].to_owned());
            }
        }
    }
    let mut out = BTreeSet::new();
    let root = fixture_dir();
    walk(&root, &root, suffix, &mut out);
    out
}

#[test]
fn every_fixture_round_trips() {
    for (name, check) in FIXTURES {
        check(name);
    }
}

#[test]
fn every_fixture_is_checked() {
    let listed: BTreeSet<String> = FIXTURES.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(listed.len(), FIXTURES.len(), "a fixture is listed twice");
    assert_eq!(files_ending(".json"), listed);
}

/// The correction the fixture README describes, and nothing more: `//` comments (outside
/// strings) removed to the end of their line, commas before a closing `}` or `]` removed, and a
/// comma added at the end of a line where one member ends and the next line starts another.
fn correct(text: &str) -> String {
    fn without_comments(text: &str) -> String {
        let mut out = String::new();
        let (mut in_string, mut escaped, mut chars) = (false, false, text.chars().peekable());
        while let Some(c) = chars.next() {
            if in_string {
                in_string = escaped || c != '"';
                escaped = !escaped && c == '\\';
            } else if c == '"' {
                in_string = true;
            } else if c == '/' && chars.peek() == Some(&'/') {
                while chars.peek().is_some_and(|&n| n != '\n') {
                    chars.next();
                }
                continue;
            }
            out.push(c);
        }
        out
    }
    let text: Vec<char> = without_comments(text).chars().collect();
    let next_significant = |from: usize| text[from..].iter().find(|c| !c.is_whitespace()).copied();
    let mut out: Vec<char> = Vec::new();
    let (mut in_string, mut escaped) = (false, false);
    for (i, &c) in text.iter().enumerate() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else if c == ',' && matches!(next_significant(i + 1), Some('}' | ']')) {
            continue;
        } else if c == '\n' {
            let last = out.iter().rposition(|c| !matches!(c, ' ' | '\t' | '\r'));
            if let Some(last) = last
                && (matches!(out[last], '"' | '}' | ']' | 'e' | 'l') || out[last].is_ascii_digit())
                && next_significant(i + 1) == Some('"')
            {
                out.insert(last + 1, ',');
            }
        }
        out.push(c);
    }
    out.into_iter().collect()
}

#[test]
fn corrections_are_only_comments_and_commas() {
    let originals = files_ending(".original.txt");
    assert!(originals.len() >= 20, "the pages' broken examples are kept");
    for name in &originals {
        let original = fixture(&format!("feishu/{name}.original.txt"));
        assert!(
            serde_json::from_str::<serde_json::Value>(&original).is_err(),
            "{name}: the page's example is kept only when it is not valid JSON as printed"
        );
        assert_eq!(
            correct(&original),
            fixture(&format!("feishu/{name}.json")),
            "{name}: the corrected copy differs from the original by more than the correction"
        );
    }
}

#[test]
fn the_correction_changes_nothing_in_valid_json() {
    for (name, _) in FIXTURES {
        let text = fixture(&format!("feishu/{name}.json"));
        assert_eq!(correct(&text), text, "{name}");
    }
}

fn request_body() -> types::InstanceCreateBody {
    serde_json::from_str(&fixture("feishu/instance_create/request.json"))
        .expect("the documented request decodes")
}

#[test]
fn form_decodes_into_typed_widgets() {
    let body = request_body();
    let widgets = body.form;
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
fn the_interval_disagreement_is_kept_as_sent() {
    // Same 24 hours: 2.0 on the create page, 1.0 on the widget page. Neither is recomputed.
    let body = request_body();
    let types::Widget::DateInterval(create) = &body.form[1] else {
        panic!()
    };
    let page: types::Widget = serde_json::from_str(&fixture(
        "feishu/instance_form_control_parameters/date_interval.json",
    ))
    .unwrap();
    let types::Widget::DateInterval(widget_page) = page else {
        panic!()
    };
    assert_eq!(create.value.start, widget_page.value.start);
    assert_eq!(create.value.end, widget_page.value.end);
    assert_eq!(
        (create.value.interval, widget_page.value.interval),
        (2.0, 1.0)
    );
}

#[test]
fn unknown_widget_types_survive_unchanged() {
    let json = r#"[{"id":"w","type":"signGroup","value":{"token":"x"},"extra":[1,null]}]"#;
    let (original, back) = approval_tests::round_trip::<Vec<types::Widget>>(json);
    assert_eq!(original, back);
}

#[test]
fn response_example_decodes() {
    let json = fixture("feishu/instance_create/response.json");
    let payload = instance_create::Request::decode_response(200, json.as_bytes()).expect("success");
    assert_eq!(
        payload.instance_code.unwrap().as_str(),
        "81D31358-93AF-92D6-7425-01A5D67C4E71"
    );
}

#[test]
fn documented_error_is_typed_with_its_http_status() {
    let json = fixture("feishu/error_param_invalid.response.json");
    let Err(ApiError::Vendor(error)) =
        instance_create::Request::decode_response(400, json.as_bytes())
    else {
        panic!("expected a vendor error")
    };
    assert_eq!(error.code, errors::ErrorCode::ParamInvalid);
    assert_eq!(error.code.http_status(), Some(400));
    assert_eq!(error.code.message(), Some("param is invalid"));
    let unknown = instance_create::Request::decode_response(
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
fn documented_requests_pass_validation() {
    request_body()
        .validate()
        .expect("the vendor's own example is valid");
    let older: types::InstanceCreateBody =
        serde_json::from_str(&fixture("feishu/instance_create_2023.request.json")).unwrap();
    older.validate().expect("the older capture's example");
    for name in ["task_approve/request", "task_reject/request"] {
        let body: types::TaskActionBody =
            serde_json::from_str(&fixture(&format!("feishu/{name}.json"))).unwrap();
        body.validate().expect(name);
    }
    let comment: types::CommentCreateBody =
        serde_json::from_str(&fixture("feishu/instance_comment_create/request.json")).unwrap();
    comment.validate().expect("comment request");
}

fn push_widget(body: &mut types::InstanceCreateBody, json: &str) -> Vec<(String, Rule)> {
    body.form.push(serde_json::from_str(json).unwrap());
    match body.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .errors()
            .iter()
            .map(|e| (e.path.clone(), e.rule))
            .collect(),
    }
}

#[test]
fn the_newer_refusal_list_is_enforced() {
    let mut body = request_body();
    assert_eq!(
        push_widget(&mut body, r#"{"id":"x","type":"tripGroup","value":{}}"#),
        [("form[5].type".to_owned(), Rule::NotAllowed)]
    );
    assert_eq!(
        push_widget(
            &mut request_body(),
            r#"{"id":"x","type":"remedyGroupV2","value":{}}"#
        ),
        [("form[5].type".to_owned(), Rule::NotAllowed)]
    );
}

#[test]
fn groups_the_newer_page_documents_are_accepted() {
    // The older capture refused workGroup and outGroup; the newer widget page documents them.
    for name in ["work_group", "out_group", "leave_group_v2"] {
        let json = fixture(&format!(
            "feishu/instance_form_control_parameters/{name}.json"
        ));
        assert_eq!(push_widget(&mut request_body(), &json), [], "{name}");
    }
    // leaveGroup is only on the older list: not refused by the newer one, and not a known type.
    assert_eq!(
        push_widget(
            &mut request_body(),
            r#"{"id":"x","type":"leaveGroup","value":{}}"#
        ),
        [("form[5].type".to_owned(), Rule::UnknownValue)]
    );
}

#[test]
fn no_order_rule_is_invented_for_intervals_or_shift_swaps() {
    let mut body = request_body();
    let types::Widget::DateInterval(interval) = &mut body.form[1] else {
        panic!()
    };
    interval.value.end = "2019-09-30T08:12:01+08:00".parse().unwrap();
    body.validate()
        .expect("no page states that end follows start");
    let shift = r#"{"id":"s","type":"shiftGroup","value":{"shiftTime":"2019-10-02T08:12:01+08:00","returnTime":"2019-10-01T08:12:01+08:00","reason":"r"}}"#;
    assert_eq!(push_widget(&mut request_body(), shift), []);
}

#[test]
fn instance_get_reads_its_own_shapes() {
    let json = fixture("feishu/instance_get/response.json");
    let instance = instance_get::Request::decode_response(200, json.as_bytes()).unwrap();
    assert_eq!(instance.status, Some(types::InstanceStatus::Pending));
    let form = instance.form.as_ref().unwrap();
    let types::FormWidgetRead::Textarea(textarea) = &form[0] else {
        panic!("the example's widget is a textarea: {form:?}")
    };
    assert_eq!(textarea.custom_id.as_deref(), Some("user_info"));
    assert_eq!(textarea.value, None, "the example's widget has no value");
    let task = &instance.task_list.as_ref().unwrap()[0];
    assert_eq!(task.status, Some(types::TaskStatus::Pending));
    assert_eq!(task.r#type, Some(types::TaskApprovalMethod::And));
    let entry = &instance.timeline.as_ref().unwrap()[0];
    assert_eq!(entry.r#type, Some(types::TimelineType::Pass));
    assert_eq!(
        entry.ext.as_ref().unwrap().user_id.as_deref(),
        Some("62d4a44c")
    );

    let telephone: types::FormWidgetRead =
        serde_json::from_str(&fixture("feishu/instance_get/widget_telephone.json")).unwrap();
    let types::FormWidgetRead::Telephone(telephone) = telephone else {
        panic!()
    };
    assert_eq!(
        telephone.value.unwrap().national_number.as_deref(),
        Some("13122222222")
    );
    // The write shape does not accept the read keys.
    let as_written = serde_json::from_str::<types::Widget>(&fixture(
        "feishu/instance_get/widget_telephone.json",
    ));
    assert!(as_written.is_err(), "write telephone needs countryCode");
}

#[test]
fn read_widgets_include_types_create_refuses() {
    let trip: types::FormWidgetRead =
        serde_json::from_str(&fixture("feishu/instance_get/widget_trip_group.json")).unwrap();
    assert!(types::Widget::NOT_CREATABLE.contains(&trip.tag()));
    let types::FormWidgetRead::TripGroup(trip) = trip else {
        panic!()
    };
    let value = trip.value.unwrap();
    assert_eq!(
        value.schedule.unwrap()[0].start.as_deref(),
        Some("2019-10-0T00:00:00Z+08:00"),
        "the page's malformed time is kept as text"
    );
    let leave: types::FormWidgetRead =
        serde_json::from_str(&fixture("feishu/instance_get/widget_leave_group_v2.json")).unwrap();
    assert_eq!(leave.tag(), "widgetLeaveGroupV2");
    let types::FormWidgetRead::WidgetLeaveGroupV2(leave) = leave else {
        panic!()
    };
    assert_eq!(leave.value.unwrap().unit, Some(types::LeaveUnit::Day));
}

#[test]
fn empty_payloads_decode() {
    let ok = fixture("feishu/task_approve/response.json");
    task_approve::Request::decode_response(200, ok.as_bytes()).unwrap();
    task_reject::Request::decode_response(200, ok.as_bytes()).unwrap();
    task_transfer::Request::decode_response(200, ok.as_bytes()).unwrap();
    instance_cancel::Request::decode_response(200, ok.as_bytes()).unwrap();
}

#[test]
fn comment_endpoints_build_their_paths_and_decode() {
    let request = comment_delete::Request::new(
        types::InstanceCode::from("6A123516-FB88-470D-A428-9AF58B71B3C0"),
        types::CommentId::from("7081516627711606803"),
        "ou_806a18fb5bdf525e38ba219733bdbd73".into(),
    );
    assert_eq!(
        request.path(),
        "/open-apis/approval/v4/instances/6A123516-FB88-470D-A428-9AF58B71B3C0/comments/7081516627711606803"
    );
    let list = fixture("feishu/instance_comment_list/response.json");
    let page = comment_list::Request::decode_response(200, list.as_bytes()).unwrap();
    let comment = &page.comments.unwrap()[0];
    assert_eq!(comment.is_delete, Some(types::CommentDeleted::Deleted));
    let create = fixture("feishu/instance_comment_create/response.json");
    comment_create::Request::decode_response(200, create.as_bytes()).unwrap();
    let removed = fixture("feishu/instance_comment_remove/response.json");
    let removed = comment_remove::Request::decode_response(200, removed.as_bytes()).unwrap();
    assert_eq!(
        removed.external_id.as_deref(),
        Some("6A123516-FB88-470D-A428-9AF58B71B3C0")
    );
    assert_eq!(comment_list::METADATA.query[2].wire_name, "page_token");
}

#[test]
fn metadata_carries_what_a_caller_needs() {
    let request = instance_create::Request::new(request_body());
    let context = approval_api::feishu::Context::new("Bearer t-secret".into());
    let meta = instance_create::Request::METADATA;
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

#[test]
fn definition_form_and_nodes_decode() {
    let json = fixture("feishu/approval_get/response.json");
    let definition = approval_get::Request::decode_response(200, json.as_bytes()).unwrap();
    assert_eq!(definition.status, Some(types::ApprovalStatus::Active));
    let widget = &definition.form.as_ref().unwrap()[0];
    assert_eq!(widget.r#type, Some(types::DefinitionWidgetType::Textarea));
    assert_eq!(
        (widget.printable, widget.required),
        (Some(true), Some(true))
    );
    let node = &definition.node_list.as_ref().unwrap()[0];
    assert_eq!(
        node.approver_chosen_range.as_ref().unwrap()[0].approver_range_type,
        Some(types::ApproverRangeType::Users)
    );
}

#[test]
fn status_spellings_differ_by_endpoint() {
    // Instance get: upper case. Query filter: RECALL / REJECT / ALL. Results: lower case.
    let get: types::InstanceStatus = serde_json::from_str(r#""CANCELED""#).unwrap();
    assert_eq!(get, types::InstanceStatus::Canceled);
    let query: types::InstanceQueryBody =
        serde_json::from_str(&fixture("feishu/approval_search_query/request.json")).unwrap();
    assert_eq!(
        query.instance_status,
        Some(types::InstanceQueryStatus::Pending)
    );
    let recall: types::InstanceQueryStatus = serde_json::from_str(r#""RECALL""#).unwrap();
    assert_eq!(recall, types::InstanceQueryStatus::Recall);
    let found = fixture("feishu/approval_search_query/response.json");
    let found = instance_query::Request::decode_response(200, found.as_bytes()).unwrap();
    let instance = found.instance_list.unwrap()[0].instance.clone().unwrap();
    assert_eq!(instance.status, Some(types::InstanceSearchStatus::Pending));
    // An upper-case status where the results use lower case is not silently accepted.
    let upper: types::InstanceSearchStatus = serde_json::from_str(r#""PENDING""#).unwrap();
    assert!(matches!(upper, types::InstanceSearchStatus::Unknown(_)));
    let tasks = fixture("feishu/approval_search_search/response.json");
    let tasks = task_search::Request::decode_response(200, tasks.as_bytes()).unwrap();
    let task = tasks.task_list.unwrap()[0].task.clone().unwrap();
    assert_eq!(task.status, Some(types::TaskSearchStatus::Pending));
}

#[test]
fn user_task_statuses_decode_in_both_documented_forms() {
    let json = fixture("feishu/approval_search_query_1/response.json");
    let page = task_query::Request::decode_response(200, json.as_bytes()).unwrap();
    let task = &page.tasks.unwrap()[0];
    // The example answers words; the table documents numeric codes.
    assert_eq!(task.status, Some(types::UserTaskStatus::TodoWord));
    assert_eq!(task.process_status, Some(types::ProcessStatus::RunningWord));
    assert_eq!(task.topic, Some(types::TaskTopic::Todo));
    let coded: types::UserTaskStatus = serde_json::from_str(r#""1""#).unwrap();
    assert_eq!(coded, types::UserTaskStatus::Todo);
    assert_eq!(page.count.unwrap().total, Some(123));
}

#[test]
fn search_requests_validate_their_page_sizes() {
    let body: types::TaskSearchBody =
        serde_json::from_str(&fixture("feishu/approval_search_search/request.json")).unwrap();
    body.validate().expect("the documented search");
    assert_eq!(body.order, Some(types::TaskSearchOrder::StartTimeDesc));
    assert_eq!(
        types::TaskSearchBody::DEFAULT_ORDER,
        types::TaskSearchOrder::StartTimeDesc
    );
    let cc: types::CcSearchBody =
        serde_json::from_str(&fixture("feishu/approval_search_search_cc/request.json")).unwrap();
    cc.validate()
        .expect("the documented cc search, lower-case `read` included");
    let mut request = task_search::Request::new(body);
    request.validate().expect("no page size given");
    request.page_size = Some(5);
    request.validate().expect("the minimum itself");
    request.page_size = Some(4);
    let errors = request.validate().expect_err("below the minimum of 5");
    assert_eq!(errors.errors()[0].rule, Rule::Minimum);
    request.page_size = Some(201);
    assert_eq!(
        request.validate().expect_err("above 200").errors()[0].rule,
        Rule::Maximum
    );
    let mut list = instance_list::Request::new(
        "code".into(),
        "1567690398020".into(),
        "1567690398020".into(),
    );
    list.page_size = Some(0);
    assert_eq!(
        list.validate().expect_err("below 1").errors()[0].rule,
        Rule::Minimum
    );
}

#[test]
fn other_task_and_instance_requests_validate() {
    let rollback: types::SpecifiedRollbackBody =
        serde_json::from_str(&fixture("feishu/task_specified_rollback/request.json")).unwrap();
    rollback.validate().expect("documented rollback");
    let mut empty = rollback.clone();
    empty.task_def_key_list.clear();
    assert_eq!(
        empty.validate().expect_err("at least one key").errors()[0].rule,
        Rule::MinLength
    );
    let add_sign: types::AddSignBody =
        serde_json::from_str(&fixture("feishu/task_addsign/request.json")).unwrap();
    add_sign.validate().expect("documented add sign");
    assert_eq!(add_sign.add_sign_type, types::AddSignType::Before);
    let resubmit: types::TaskResubmitBody =
        serde_json::from_str(&fixture("feishu/task_resubmit/request.json")).unwrap();
    assert_eq!(resubmit.comment.as_deref(), Some(r#"{"text":"评论"]}"#));
    for name in ["request_before_create", "request_after_task"] {
        let preview: types::InstancePreviewBody = serde_json::from_str(&fixture(&format!(
            "feishu/instance_approval_preview/{name}.json"
        )))
        .unwrap();
        preview.validate().expect(name);
    }
}

#[test]
fn subscribe_reports_an_existing_subscription() {
    let request = approval_subscribe::Request::new("7C468A54".into());
    assert_eq!(
        request.path(),
        "/open-apis/approval/v4/approvals/7C468A54/subscribe"
    );
    let Err(ApiError::Vendor(error)) = approval_subscribe::Request::decode_response(
        400,
        br#"{"code":1390007,"msg":"subscription existed"}"#,
    ) else {
        panic!("expected a vendor error")
    };
    assert_eq!(error.code, errors::ErrorCode::SubscriptionExisted);
}

#[test]
fn the_token_call_takes_no_bearer_and_answers_beside_code() {
    assert!(auth_tenant_access_token::METADATA.headers.is_empty());
    let body: types::TenantAccessTokenBody = serde_json::from_str(&fixture(
        "feishu/auth_tenant_access_token_internal/request.json",
    ))
    .unwrap();
    assert!(!format!("{body:?}").contains("dskLLdkasdjlasdKK"));
    let json = fixture("feishu/auth_tenant_access_token_internal/response.json");
    let token: types::TenantAccessTokenResponse = serde_json::from_str(&json).unwrap();
    assert_eq!(token.expire, Some(7200));
    assert_eq!(
        token
            .tenant_access_token
            .as_ref()
            .map(|t| t.expose().as_str()),
        Some("t-caecc734c2e3328a62489fe0648c4b98779515d3")
    );
    assert!(!format!("{token:?}").contains("t-caecc734"));
}

/// A success without `data` (add_sign's documented response, the token call's) decodes as the
/// endpoint's empty payload: `NoPayload` accepts an absent or `null` payload as well as `{}`.
#[test]
fn successes_without_data_decode() {
    let response = fixture("feishu/task_addsign/response.json");
    instance_add_sign::Request::decode_response(200, response.as_bytes())
        .expect("no data, still a success");
    let json = fixture("feishu/auth_tenant_access_token_internal/response.json");
    auth_tenant_access_token::Request::decode_response(200, json.as_bytes())
        .expect("code 0 is a success");
}

#[test]
fn vendor_errors_of_data_less_endpoints_are_still_typed() {
    let Err(ApiError::Vendor(error)) = instance_add_sign::Request::decode_response(
        400,
        br#"{"code":1390001,"msg":"param is invalid"}"#,
    ) else {
        panic!("expected a vendor error")
    };
    assert_eq!(error.code, errors::ErrorCode::ParamInvalid);
    let Err(ApiError::Vendor(error)) = auth_tenant_access_token::Request::decode_response(
        400,
        br#"{"code":99999999,"msg":"not a documented code"}"#,
    ) else {
        panic!("expected a vendor error")
    };
    assert!(matches!(error.code, errors::ErrorCode::Unknown(_)));
}
