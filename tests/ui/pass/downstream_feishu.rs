// A downstream crate building a Feishu create-instance request from typed widgets.
use approval_api::feishu::{instance_create, types};
use approval_api::runtime::{Endpoint, Lenient, Validate};

fn main() {
    let form = vec![
        types::Widget::Input(types::TextWidget::new("w1".to_owned(), "hello".to_owned())),
        types::Widget::Number(types::NumberWidget::new("w2".to_owned(), Lenient::Native(4.into()))),
    ];
    let mut body = types::InstanceCreateBody::new(types::ApprovalCode::from("code"), form);
    // The page needs the initiator by `user_id` or `open_id` (a one-of rule).
    body.open_id = Some("ou_3cda9c969f737aaa05e6915dce306cb9".to_owned());
    let request = instance_create::Request::new(body);
    request.validate().expect("valid");
    let context = approval_api::feishu::Context::new("Bearer token".into());
    context.validate().expect("valid");
    let _json = serde_json::to_string(request.body().expect("has a body")).expect("encodes");
    let meta = instance_create::Request::METADATA;
    assert_eq!(meta.method.as_str(), "POST");
    match &request.body.form[0] {
        types::Widget::Input(input) => assert_eq!(input.value, "hello"),
        _ => unreachable!(),
    }
}
