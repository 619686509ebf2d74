// Required fields are constructor arguments: leaving one out does not compile.
use approval_api::fxiaoke_crm::types;

fn main() {
    let _body = types::ApprovalTaskActionBody::new(types::TaskId::from("t"), "ok".to_owned());
}
