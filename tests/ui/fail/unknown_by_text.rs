// An unknown value is opaque: downstream code cannot branch on its text, whose meaning would
// change silently once a later spec names the value (it then decodes as a named variant).
use approval_api::fxiaoke_crm::types::ActionType;

fn main() {
    let action: ActionType = "delegate".parse().unwrap();
    let _delegated = match &action {
        ActionType::Unknown(value) => value.as_str() == Some("delegate"),
        _ => false,
    };
}
