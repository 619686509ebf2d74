// Generated structs are `#[non_exhaustive]`: a later spec may add an optional field, and a
// struct literal in downstream code would stop compiling; `new(required…)` and `with_…` don't.
use approval_api::fxiaoke_crm::types::{ActionType, ApprovalTaskActionBody, TaskId};

fn main() {
    let _body = ApprovalTaskActionBody {
        task_id: TaskId::from("t"),
        opinion: "ok".to_owned(),
        action_type: ActionType::Agree,
    };
}
