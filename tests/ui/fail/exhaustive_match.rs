// Vendor enums are open: a match must handle values that later specs add.
use approval_api::fxiaoke_crm::types::ActionType;

fn main() {
    let action = ActionType::Agree;
    let _approved = match action {
        ActionType::Agree => true,
        ActionType::Reject => false,
        ActionType::Unknown(_) => false,
    };
}
