//! The Feishu approval lifecycle against the mock on loopback: create, get, approve, reject,
//! cancel, comments, uuid idempotency and instance_list paging.

mod support;

use approval_api::feishu::{
    comment_create, comment_delete, comment_list, comment_remove, instance_cancel, instance_list,
    task_approve, task_reject, types,
};
use serde_json::{Value, json};
use support::{
    APPROVAL_CODE, USER, body, call, create_request, feishu_context, feishu_token, get_instance,
    mock, vendor_code,
};

async fn create(
    client: &reqwest::Client,
    base: &str,
    context: &approval_api::feishu::Context,
    uuid: Option<&str>,
) -> String {
    let created = call(client, base, context, &create_request(uuid))
        .await
        .expect("instance_create succeeds");
    created["instance_code"]
        .as_str()
        .expect("an instance code")
        .to_owned()
}

fn task_action(instance: &str, task: &Value) -> types::TaskActionBody {
    body(json!({
        "approval_code": APPROVAL_CODE,
        "instance_code": instance,
        "user_id": task["user_id"],
        "task_id": task["id"],
        "comment": "OK",
    }))
}

#[tokio::test]
async fn create_get_approve_get() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);

    let code = create(&client, base, &context, None).await;
    let pending = get_instance(&client, base, &context, &code).await;
    assert_eq!(pending["status"], "PENDING");
    assert_eq!(pending["instance_code"], code.as_str());
    assert_eq!(pending["approval_code"], APPROVAL_CODE);
    let tasks = pending["task_list"].as_array().expect("a task list");
    assert_eq!(tasks.len(), 1);
    let task = &tasks[0];
    assert_eq!(task["status"], "PENDING");
    // The create page's example names the approver of its first node.
    assert_eq!(task["user_id"], USER);
    assert_eq!(task["node_id"], "46e6d96cfa756980907209209ec03b64");

    call(
        &client,
        base,
        &context,
        &task_approve::Request::new(task_action(&code, task)),
    )
    .await
    .expect("task_approve succeeds");
    let approved = get_instance(&client, base, &context, &code).await;
    assert_eq!(approved["status"], "APPROVED");
    assert_eq!(approved["task_list"][0]["status"], "APPROVED");
    assert_ne!(approved["end_time"], "0");

    // A decided task cannot be decided again.
    let again = call(
        &client,
        base,
        &context,
        &task_approve::Request::new(task_action(&code, task)),
    )
    .await;
    assert_eq!(vendor_code(again), 1_390_001);
    assert_eq!(mock.counters().instances_created, 1);
}

#[tokio::test]
async fn reject_and_cancel() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);

    let rejected = create(&client, base, &context, None).await;
    let task = get_instance(&client, base, &context, &rejected).await["task_list"][0].clone();
    call(
        &client,
        base,
        &context,
        &task_reject::Request::new(task_action(&rejected, &task)),
    )
    .await
    .expect("task_reject succeeds");
    let instance = get_instance(&client, base, &context, &rejected).await;
    assert_eq!(instance["status"], "REJECTED");
    assert_eq!(instance["task_list"][0]["status"], "REJECTED");

    let cancelled = create(&client, base, &context, None).await;
    let cancel = |code: &str, user: &str| {
        instance_cancel::Request::new(body(
            json!({"approval_code": APPROVAL_CODE, "instance_code": code, "user_id": user}),
        ))
    };
    // Only the initiator withdraws (1390009, no permission).
    let stranger = call(&client, base, &context, &cancel(&cancelled, "someone-else")).await;
    assert_eq!(vendor_code(stranger), 1_390_009);
    call(&client, base, &context, &cancel(&cancelled, USER))
        .await
        .expect("instance_cancel succeeds");
    assert_eq!(
        get_instance(&client, base, &context, &cancelled).await["status"],
        "CANCELED"
    );
    // A rejected instance is no longer pending: nothing to withdraw.
    assert_eq!(
        vendor_code(call(&client, base, &context, &cancel(&rejected, USER)).await),
        1_390_001
    );
    // An unknown instance: 1390003.
    let unknown = call(
        &client,
        base,
        &context,
        &approval_api::feishu::instance_get::Request::new("NO-SUCH".into()),
    )
    .await;
    assert_eq!(vendor_code(unknown), 1_390_003);
}

#[tokio::test]
async fn a_uuid_creates_one_instance() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);

    let uuid = "A3F1C0DE-0000-4000-8000-000000000001";
    let code = create(&client, base, &context, Some(uuid)).await;
    // The create page: a uuid creates one instance; a second create with it fails with 60012
    // (case-insensitive), and instance_get accepts the uuid in place of the code.
    let again = call(
        &client,
        base,
        &context,
        &create_request(Some(&uuid.to_lowercase())),
    )
    .await;
    assert_eq!(vendor_code(again), 60_012);
    assert_eq!(mock.counters().instances_created, 1);
    let by_uuid = get_instance(&client, base, &context, uuid).await;
    assert_eq!(by_uuid["instance_code"], code.as_str());
    assert_eq!(by_uuid["uuid"], uuid);
}

#[tokio::test]
async fn comments_are_created_listed_and_deleted() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);
    let code = create(&client, base, &context, None).await;

    let comment = |text: &str| {
        comment_create::Request::new(
            code.clone().into(),
            USER.to_owned(),
            body(json!({"content": json!({"text": text}).to_string()})),
        )
    };
    let first = call(&client, base, &context, &comment("first"))
        .await
        .expect("comment_create succeeds");
    let second = call(&client, base, &context, &comment("second"))
        .await
        .expect("comment_create succeeds");
    let list = || comment_list::Request::new(code.clone().into(), USER.to_owned());
    let listed = call(&client, base, &context, &list())
        .await
        .expect("comment_list succeeds");
    let ids: Vec<&Value> = listed["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| &c["id"])
        .collect();
    assert_eq!(ids, [&first["comment_id"], &second["comment_id"]]);
    assert_eq!(listed["comments"][1]["commentator"], USER);
    let texts: Value =
        serde_json::from_str(listed["comments"][0]["content"].as_str().expect("content"))
            .expect("JSON content");
    assert_eq!(texts["text"], "first");
    // instance_get shows them too, as text.
    assert_eq!(
        get_instance(&client, base, &context, &code).await["comment_list"][1]["comment"],
        "second"
    );

    let first_id = first["comment_id"].as_str().expect("an id").to_owned();
    let delete = comment_delete::Request::new(
        code.clone().into(),
        first_id.clone().into(),
        USER.to_owned(),
    );
    call(&client, base, &context, &delete)
        .await
        .expect("comment_delete succeeds");
    let listed = call(&client, base, &context, &list())
        .await
        .expect("comment_list succeeds");
    assert_eq!(listed["comments"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        vendor_code(call(&client, base, &context, &delete).await),
        1_390_001
    );

    let remove = comment_remove::Request::new(code.clone().into());
    let removed = call(&client, base, &context, &remove)
        .await
        .expect("comment_remove succeeds");
    assert_eq!(removed["instance_id"], code.as_str());
    let listed = call(&client, base, &context, &list())
        .await
        .expect("comment_list succeeds");
    assert_eq!(listed["comments"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn instance_list_pages_to_the_end() {
    let mock = mock().await;
    let client = reqwest::Client::new();
    let base = mock.base_url();
    let context = feishu_context(&feishu_token(&client, base).await);
    let mut created = Vec::new();
    for _ in 0..5 {
        created.push(create(&client, base, &context, None).await);
    }
    let window = |token: Option<&str>| {
        let mut request =
            instance_list::Request::new(APPROVAL_CODE.into(), "0".into(), "99999999999999".into())
                .with_page_size(2);
        if let Some(token) = token {
            request = request.with_page_token(token);
        }
        request
    };
    let mut listed = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = call(&client, base, &context, &window(token.as_deref()))
            .await
            .expect("instance_list succeeds");
        pages += 1;
        listed.extend(
            page["instance_code_list"]
                .as_array()
                .expect("codes")
                .iter()
                .map(|c| c.as_str().expect("a code").to_owned()),
        );
        if page["has_more"] != true {
            break;
        }
        token = Some(
            page["page_token"]
                .as_str()
                .expect("a page token")
                .to_owned(),
        );
    }
    assert_eq!(pages, 3);
    assert_eq!(listed, created);
    // Another definition has no instances.
    let other = instance_list::Request::new("OTHER".into(), "0".into(), "99999999999999".into());
    let page = call(&client, base, &context, &other)
        .await
        .expect("instance_list succeeds");
    assert_eq!(page["instance_code_list"], json!([]));
}
