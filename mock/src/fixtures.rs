//! The vendors' own response examples (`tests/fixtures/`), compiled in, by endpoint: what the
//! mock answers where it keeps no state, and the shape it patches where it does.

/// Includes a fixture by its path under `tests/fixtures/`.
macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/",
            $path
        ))
    };
}

/// The page's success envelope of a Fxiaoke CRM call that answers nothing else.
pub const FXIAOKE_CRM_ENVELOPE: &str = fixture!("fxiaoke_crm/approval_task_action.response.json");

/// The page's response example of an endpoint (`vendor`, `name` as in its `METADATA`). `None`
/// where no page shows one: the mock then answers the vendor's bare success envelope
/// ([`FXIAOKE_CRM_ENVELOPE`]; only Fxiaoke CRM calls lack examples).
pub fn response(vendor: &str, name: &str) -> Option<&'static str> {
    Some(match (vendor, name) {
        ("feishu", "approval_get") => fixture!("feishu/approval_get/response.json"),
        ("feishu", "approval_subscribe") => {
            fixture!("feishu/event_interface_subscribe/response.json")
        }
        ("feishu", "approval_unsubscribe") => {
            fixture!("feishu/event_interface_unsubscribe/response.json")
        }
        ("feishu", "auth_tenant_access_token") => {
            fixture!("feishu/auth_tenant_access_token_internal/response.json")
        }
        ("feishu", "comment_create") => fixture!("feishu/instance_comment_create/response.json"),
        ("feishu", "comment_delete") => fixture!("feishu/instance_comment_delete/response.json"),
        ("feishu", "comment_list") => fixture!("feishu/instance_comment_list/response.json"),
        ("feishu", "comment_remove") => fixture!("feishu/instance_comment_remove/response.json"),
        ("feishu", "instance_add_sign") => fixture!("feishu/task_addsign/response.json"),
        ("feishu", "instance_cancel") => fixture!("feishu/instance_cancel/response.json"),
        ("feishu", "instance_cc") => fixture!("feishu/instance_cc/response.json"),
        ("feishu", "instance_create") => fixture!("feishu/instance_create/response.json"),
        ("feishu", "instance_get") => fixture!("feishu/instance_get/response.json"),
        ("feishu", "instance_list") => fixture!("feishu/instance_list/response.json"),
        ("feishu", "instance_preview") => {
            fixture!("feishu/instance_approval_preview/response.json")
        }
        ("feishu", "instance_query") => fixture!("feishu/approval_search_query/response.json"),
        ("feishu", "instance_search_cc") => {
            fixture!("feishu/approval_search_search_cc/response.json")
        }
        ("feishu", "instance_specified_rollback") => {
            fixture!("feishu/task_specified_rollback/response.json")
        }
        ("feishu", "task_approve") => fixture!("feishu/task_approve/response.json"),
        ("feishu", "task_query") => fixture!("feishu/approval_search_query_1/response.json"),
        ("feishu", "task_reject") => fixture!("feishu/task_reject/response.json"),
        ("feishu", "task_resubmit") => fixture!("feishu/task_resubmit/response.json"),
        ("feishu", "task_search") => fixture!("feishu/approval_search_search/response.json"),
        ("feishu", "task_transfer") => fixture!("feishu/task_transfer/response.json"),
        ("fxiaoke_crm", "approval_task_action") => FXIAOKE_CRM_ENVELOPE,
        ("fxiaoke_crm", "approval_instances_query") => {
            fixture!("fxiaoke_crm/approval_instances_query.legacy.response.json")
        }
        ("fxiaoke_crm", "corp_access_token_get") => {
            fixture!("fxiaoke_crm/corp_access_token_get.response.json")
        }
        ("fxiaoke_71360", "approval_get") => fixture!("fxiaoke_71360/approval_get.response.json"),
        ("fxiaoke_71360", "approval_query") => {
            fixture!("fxiaoke_71360/approval_query.response.json")
        }
        ("fxiaoke_71360", "approval_type_forms_get") => {
            fixture!("fxiaoke_71360/approval_type_forms_get.response.json")
        }
        ("ikcrm", "approval_center_list") => fixture!("ikcrm/approval_center_list.response.json"),
        ("ikcrm", "execute_records_detail") => {
            fixture!("ikcrm/execute_records_detail.response.json")
        }
        _ => return None,
    })
}

/// The Feishu event pages' examples (v1 envelopes), patched per state change.
pub const FEISHU_INSTANCE_EVENT: &str = fixture!("feishu/events/approval_instance.json");
/// See [`FEISHU_INSTANCE_EVENT`].
pub const FEISHU_TASK_EVENT: &str = fixture!("feishu/events/approval_task.json");
