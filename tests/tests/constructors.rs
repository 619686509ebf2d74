//! The shape of constructors and readers: many required fields are named, not positional;
//! a nullable field reads as one `Option`.

use approval_api::ikcrm::types::{ActionName, ApprovalDetail};
use approval_api::runtime::DateTimeMinutes;

#[test]
fn a_nullable_field_reads_through_one_option_whether_absent_or_null() {
    let time: DateTimeMinutes = "2024-04-09 09:36".parse().unwrap();
    let with_time = ApprovalDetail::new(Some(time), None, "approve".into(), ActionName::Pass);
    assert_eq!(with_time.operate_time(), Some(&time));
    assert_eq!(with_time.operate_time, Some(Some(time)), "sent as given");
    assert_eq!(with_time.user(), None, "null");
    assert_eq!(with_time.user, Some(None), "present as null, not absent");
    assert_eq!(with_time.uid(), None, "absent");
    assert_eq!(with_time.uid, None);
}

#[test]
fn past_four_required_fields_new_takes_them_by_name() {
    use approval_api::feishu::types::{TaskTransferBody, TaskTransferBodyRequired};
    let body = TaskTransferBody::new(TaskTransferBodyRequired {
        approval_code: "7C468A54-8745-2245-9675-08B7C63E7A85".into(),
        instance_code: "81D31358-93AF-92D6-7425-01A5D67C4E71".into(),
        user_id: "f7cb567e".into(),
        task_id: "12345".into(),
        transfer_user_id: "f4ip317q".into(),
    });
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(json["transfer_user_id"], "f4ip317q");
    assert_eq!(json["task_id"], "12345");
    let same: TaskTransferBody = TaskTransferBodyRequired {
        approval_code: "7C468A54-8745-2245-9675-08B7C63E7A85".into(),
        instance_code: "81D31358-93AF-92D6-7425-01A5D67C4E71".into(),
        user_id: "f7cb567e".into(),
        task_id: "12345".into(),
        transfer_user_id: "f4ip317q".into(),
    }
    .into();
    assert_eq!(same, body);
}
