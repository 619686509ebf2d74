//! Cross-field rules of objects (`rules:`), kind by kind, on the Feishu pages that state them:
//! the documented requests pass, and each violation is reported at a field's path with its rule.

use approval_api::feishu::types::{
    CcSearchBody, InstanceCreateBody, InstanceQueryBody, TaskSearchBody,
};
use approval_api::runtime::validate::Rule;
use approval_api::runtime::{Validate, ValidationErrors};
use approval_tests::fixture;

const DAY: i64 = 86_400_000;

fn violations(errors: &ValidationErrors) -> Vec<(String, Rule)> {
    errors
        .errors()
        .iter()
        .map(|e| (e.path.clone(), e.rule))
        .collect()
}

fn create_body() -> InstanceCreateBody {
    serde_json::from_str(&fixture("feishu/instance_create/request.json")).unwrap()
}

fn query_body() -> InstanceQueryBody {
    serde_json::from_str(&fixture("feishu/approval_search_query/request.json")).unwrap()
}

fn task_body() -> TaskSearchBody {
    serde_json::from_str(&fixture("feishu/approval_search_search/request.json")).unwrap()
}

fn cc_body() -> CcSearchBody {
    serde_json::from_str(&fixture("feishu/approval_search_search_cc/request.json")).unwrap()
}

#[test]
fn the_documented_requests_pass() {
    create_body().validate().unwrap();
    query_body().validate().unwrap();
    task_body().validate().unwrap();
    cc_body().validate().unwrap();
}

#[test]
fn one_of_the_initiator_ids_is_needed() {
    // instance-create.txt:39, :41: one of `user_id` / `open_id` must be given.
    let mut body = create_body();
    body.user_id = None;
    body.open_id = None;
    let errors = body.validate().unwrap_err();
    assert_eq!(violations(&errors), [("user_id".into(), Rule::OneOf)]);
    assert!(
        errors.errors()[0].expected.contains("`open_id`"),
        "{errors}"
    );
    body.open_id = Some("ou_3cda9c969f737aaa05e6915dce306cb9".into());
    body.validate().unwrap();
}

#[test]
fn the_search_filters_may_not_all_be_empty() {
    // approval-search-query.txt:23: the five filters may not all be empty; an empty string
    // is as empty as an absent one.
    let mut body = query_body();
    body.user_id = Some(String::new());
    body.approval_code = None;
    body.instance_code = None;
    body.instance_external_id = None;
    body.group_external_id = None;
    assert_eq!(
        violations(&body.validate().unwrap_err()),
        [("user_id".into(), Rule::NotAllEmpty)]
    );
    body.group_external_id = Some("1234567".into());
    body.validate().unwrap();

    let mut task = task_body();
    task.user_id = None;
    task.approval_code = None;
    task.instance_code = None;
    task.instance_external_id = None;
    task.group_external_id = None;
    assert_eq!(
        violations(&task.validate().unwrap_err()),
        [("user_id".into(), Rule::NotAllEmpty)]
    );
}

#[test]
fn start_and_end_are_set_together() {
    // approval-search-query.txt:110: both or neither.
    let mut body = query_body();
    body.instance_start_time_to = None;
    assert_eq!(
        violations(&body.validate().unwrap_err()),
        [("instance_start_time_to".into(), Rule::BothOrNeither)]
    );
    body.instance_start_time_from = None;
    body.validate().unwrap();

    let mut cc = cc_body();
    cc.cc_create_time_from = None;
    assert_eq!(
        violations(&cc.validate().unwrap_err()),
        [("cc_create_time_from".into(), Rule::BothOrNeither)]
    );
}

#[test]
fn the_period_spans_at_most_30_days_of_epoch_millisecond_strings() {
    // approval-search-search.txt:113: 查询时间跨度不得大于 30 天, on strings of epoch ms.
    let mut task = task_body();
    let from: i64 = "1547654251506".parse().unwrap();
    task.task_start_time_from = Some(from.to_string());
    task.task_start_time_to = Some((from + 30 * DAY).to_string());
    task.validate().unwrap();
    task.task_start_time_to = Some((from + 30 * DAY + 1).to_string());
    let errors = task.validate().unwrap_err();
    assert_eq!(
        violations(&errors),
        [("task_start_time_to".into(), Rule::Range)]
    );
    assert!(errors.errors()[0].expected.contains("30 days"), "{errors}");
    task.task_start_time_to = Some((from - 1).to_string());
    assert_eq!(
        violations(&task.validate().unwrap_err()),
        [("task_start_time_to".into(), Rule::Range)]
    );
}
