// Appended to a `mod edge_cases;` generated from tests/edge-specs/edge_cases.yaml.
use edge_cases::types;

fn main() {
    let keywords = types::Keywords::new("t".to_owned());
    let _: &String = &keywords.r#type;
    let _: Option<String> = keywords.self_.clone();
    let _: Option<String> = keywords.self_type.clone();
    let _: Option<String> = keywords.approval_state.clone();
    let _: Option<bool> = keywords.r#match;
    let _empty = types::Empty::new();
    let _ = types::Kind::from_wire("审批");
    let _ = types::Code::from_wire(9_007_199_254_740_993);
    let _ = edge_cases::errors::ErrorCode::Negative.code();
    let _ = <edge_cases::r#type::Request as approval_api_runtime::Endpoint>::METADATA;
}

/// Types named after prelude items are usable like any other.
#[allow(dead_code)]
fn prelude_names_are_plain_types() {
    use prelude_names::types;
    let hash = types::Hash::new(
        types::From::from("id"),
        None,
        types::Result::Passed,
    );
    assert_eq!(hash.default_or_default(), types::Default::On);
    assert_eq!(hash.size_or_default(), 20);
    let _ = approval_api_runtime::Validate::validate(&hash);
    let _: Option<types::Some> = None;
}
