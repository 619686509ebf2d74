// A downstream crate reading a 71360 approval's form, with the wildcard arm that open enums need.
use approval_api::fxiaoke_71360::{approval_get, types};
use approval_api::runtime::Endpoint;

fn describe(form: &types::FormRecord) -> &'static str {
    match form {
        types::FormRecord::Leave(_) => "leave",
        types::FormRecord::Payment(_) => "payment",
        _ => "other",
    }
}

fn main() {
    let body = br#"{"errorCode":0,"errorMessage":"success","approval":{"approvalId":1,"feed":{"feedContent":"x","createTime":"2017-01-05 22:22:46","lastUpdateTime":"2017-01-05 22:22:46"},"approvalTasks":[],"formRecord":{"reason":"r"},"senderId":"FSUID_1","status":1,"approveType":5,"approvalFormId":"f","flowType":1}}"#;
    let response = approval_get::Request::decode_response(200, body).expect("decodes");
    let form = response.approval.form_record.as_ref().expect("this approval has a form");
    assert_eq!(describe(form), "other");
    let status = match response.approval.status {
        types::ApprovalStatus::Pending => 1,
        _ => 0,
    };
    assert_eq!(status, 1);
}
