// Unknown values can be read but not made outside the generated crate, so downstream code
// cannot fake a value that a later spec might name.
use approval_api::fxiaoke_crm::types::ActionType;

fn main() {
    let _forged = ActionType::Unknown(approval_api::UnknownValue::from_text("delegate"));
}
