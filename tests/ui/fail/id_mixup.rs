// An instance code is not an approval code, though both are strings on the wire.
use approval_api::feishu::types;

fn main() {
    let instance = types::InstanceCode::from("81D31358");
    let _body = types::InstanceCreateBody::new(instance, Vec::new());
}
