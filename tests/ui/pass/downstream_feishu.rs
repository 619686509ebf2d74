// A downstream crate building a Feishu create-instance request from typed widgets.
use approval_api::feishu::{instance_create, types};
use approval_api::runtime::{Endpoint, JsonString, Lenient, Validate};

fn main() {
    let form = vec![
        types::Widget::Input(types::TextWidget::new("w1".to_owned(), "hello".to_owned())),
        types::Widget::Number(types::NumberWidget::new("w2".to_owned(), Lenient::Native(4.into()))),
    ];
    let body = types::InstanceCreateBody::new(types::ApprovalCode::from("code"), JsonString::new(form));
    let request = instance_create::Request::new(body);
    request.validate().expect("valid");
    let context = approval_api::feishu::Context::new("Bearer token".into());
    context.validate().expect("valid");
    let _json = serde_json::to_string(request.body().expect("has a body")).expect("encodes");
    let meta = instance_create::Request::METADATA;
    assert_eq!(meta.method.as_str(), "POST");
    match &request.body.form.get()[0] {
        types::Widget::Input(input) => assert_eq!(input.value, "hello"),
        _ => unreachable!(),
    }
}
