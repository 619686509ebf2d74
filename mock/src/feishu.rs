//! Feishu's approval lifecycle, with state: instances with their tasks and comments, created,
//! approved, rejected, cancelled and listed as the pages describe, each change announced as an
//! event. Answers are the pages' examples with the state's values put in.

use crate::answer::{Answer, feishu_error, feishu_ok};
use crate::events::Event;
use crate::fixtures;
use approval_api::feishu::ErrorCode;
use serde_json::{Value, json};
use std::time::{SystemTime, UNIX_EPOCH};

/// A request as the handlers see it, after routing, authentication and the body check.
pub(crate) struct Call<'a> {
    pub(crate) path: &'a [(&'static str, String)],
    pub(crate) query: &'a [(String, String)],
    pub(crate) body: Value,
}

impl Call<'_> {
    fn path_param(&self, name: &str) -> &str {
        self.path
            .iter()
            .find(|(key, _)| *key == name)
            .map_or("", |(_, value)| value)
    }

    fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn text(&self, field: &str) -> Option<&str> {
        self.body.get(field).and_then(Value::as_str)
    }
}

#[derive(Debug, Clone)]
struct Task {
    id: String,
    user_id: String,
    open_id: String,
    status: &'static str,
    node_id: String,
    start_time: u128,
    end_time: u128,
}

#[derive(Debug, Clone)]
struct Comment {
    id: String,
    content: String,
    commentator: String,
    extra: Option<String>,
    create_time: u128,
}

#[derive(Debug, Clone)]
struct Instance {
    code: String,
    approval_code: String,
    uuid: Option<String>,
    user_id: String,
    open_id: String,
    form: String,
    status: &'static str,
    start_time: u128,
    end_time: u128,
    tasks: Vec<Task>,
    comments: Vec<Comment>,
}

/// Every instance, in creation order (the order `instance_list` pages in).
#[derive(Debug, Default)]
pub(crate) struct Lifecycle {
    instances: Vec<Instance>,
    serial: u64,
}

/// An answer and the events it causes.
pub(crate) struct Outcome {
    pub(crate) answer: Answer,
    pub(crate) events: Vec<Event>,
    pub(crate) created: bool,
}

impl From<Answer> for Outcome {
    fn from(answer: Answer) -> Self {
        Self {
            answer,
            events: Vec::new(),
            created: false,
        }
    }
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
}

/// The data object of an endpoint's page example.
fn example_data(name: &str) -> Value {
    fixtures::response("feishu", name)
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
        .map(|mut envelope| envelope["data"].take())
        .unwrap_or_else(|| json!({}))
}

/// The node the first task sits on when the request names none (the create page's example).
const DEFAULT_NODE: &str = "46e6d96cfa756980907209209ec03b64";

impl Lifecycle {
    /// The stateful endpoints; `None` for the others (answered from their example).
    pub(crate) fn handle(&mut self, name: &str, call: &Call<'_>) -> Option<Outcome> {
        Some(match name {
            "instance_create" => self.create(call),
            "instance_get" => self.get(call),
            "instance_list" => self.list(call),
            "instance_cancel" => self.cancel(call),
            "task_approve" => self.decide(call, "APPROVED"),
            "task_reject" => self.decide(call, "REJECTED"),
            "comment_create" => self.comment_create(call),
            "comment_list" => self.comment_list(call),
            "comment_delete" => self.comment_delete(call),
            "comment_remove" => self.comment_remove(call),
            _ => return None,
        })
    }

    fn next_id(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }

    /// By instance code or by the `uuid` it was created with (instance_get accepts both).
    fn find(&mut self, id: &str) -> Option<&mut Instance> {
        self.instances.iter_mut().find(|instance| {
            instance.code == id
                || instance
                    .uuid
                    .as_deref()
                    .is_some_and(|uuid| uuid.eq_ignore_ascii_case(id))
        })
    }

    fn create(&mut self, call: &Call<'_>) -> Outcome {
        let uuid = call.text("uuid").map(str::to_owned);
        // The page: one uuid creates one instance; a conflict fails with 60012.
        if let Some(uuid) = &uuid
            && self.find(uuid).is_some()
        {
            return feishu_error(
                &ErrorCode::DuplicateUuid,
                "an instance with this uuid exists",
            )
            .into();
        }
        let serial = self.next_id();
        let now = now_ms();
        let user_id = call.text("user_id").unwrap_or_default().to_owned();
        let open_id = call.text("open_id").unwrap_or_default().to_owned();
        // The first approver: the request's node approver list, else the initiator.
        let (node_id, approver) = call
            .body
            .get("node_approver_user_id_list")
            .and_then(|list| list.get(0))
            .map_or((DEFAULT_NODE.to_owned(), user_id.clone()), |node| {
                (
                    node["key"].as_str().unwrap_or(DEFAULT_NODE).to_owned(),
                    node["value"][0].as_str().unwrap_or(&user_id).to_owned(),
                )
            });
        let instance = Instance {
            code: format!("{serial:08X}-0000-4000-8000-{now:012X}"),
            approval_code: call.text("approval_code").unwrap_or_default().to_owned(),
            uuid,
            user_id,
            open_id: open_id.clone(),
            form: call.text("form").unwrap_or("[]").to_owned(),
            status: "PENDING",
            start_time: now,
            end_time: 0,
            tasks: vec![Task {
                id: format!("{}", 7_000_000_000_u64 + serial),
                user_id: approver,
                open_id,
                status: "PENDING",
                node_id,
                start_time: now,
                end_time: 0,
            }],
            comments: Vec::new(),
        };
        let events = vec![
            instance_event(&instance),
            task_event(&instance, &instance.tasks[0]),
        ];
        let mut data = example_data("instance_create");
        data["instance_code"] = instance.code.as_str().into();
        self.instances.push(instance);
        Outcome {
            answer: feishu_ok(data),
            events,
            created: true,
        }
    }

    fn get(&mut self, call: &Call<'_>) -> Outcome {
        let Some(instance) = self.find(call.path_param("instance_id")) else {
            return feishu_error(&ErrorCode::InstanceCodeNotFound, "no such instance").into();
        };
        let mut data = example_data("instance_get");
        let example_task = data["task_list"][0].clone();
        let example_comment = data["comment_list"][0].clone();
        data["instance_code"] = instance.code.as_str().into();
        data["approval_code"] = instance.approval_code.as_str().into();
        data["status"] = instance.status.into();
        data["user_id"] = instance.user_id.as_str().into();
        data["open_id"] = instance.open_id.as_str().into();
        data["start_time"] = instance.start_time.to_string().into();
        data["end_time"] = instance.end_time.to_string().into();
        data["form"] = instance.form.as_str().into();
        data["uuid"] = instance.uuid.clone().map_or(Value::Null, Value::from);
        data["task_list"] = instance
            .tasks
            .iter()
            .map(|task| {
                let mut item = example_task.clone();
                item["id"] = task.id.as_str().into();
                item["user_id"] = task.user_id.as_str().into();
                item["open_id"] = task.open_id.as_str().into();
                item["status"] = task.status.into();
                item["node_id"] = task.node_id.as_str().into();
                item["start_time"] = task.start_time.to_string().into();
                item["end_time"] = task.end_time.to_string().into();
                item
            })
            .collect();
        data["comment_list"] = instance
            .comments
            .iter()
            .map(|comment| {
                let mut item = example_comment.clone();
                item["id"] = comment.id.as_str().into();
                item["user_id"] = comment.commentator.as_str().into();
                item["comment"] = comment_text(&comment.content).into();
                item["create_time"] = comment.create_time.to_string().into();
                if let Some(object) = item.as_object_mut() {
                    object.remove("files");
                    object.remove("open_id");
                }
                item
            })
            .collect();
        // The example's timeline, modified and reverted codes describe another instance.
        data["timeline"] = json!([]);
        if let Some(object) = data.as_object_mut() {
            object.remove("modified_instance_code");
            object.remove("reverted_instance_code");
            if instance.uuid.is_none() {
                object.remove("uuid");
            }
        }
        feishu_ok(data).into()
    }

    /// Instance codes of one definition created in `[start_time, end_time]`, a page at a time;
    /// `page_token` is the offset of the page's first instance.
    fn list(&mut self, call: &Call<'_>) -> Outcome {
        let number = |name: &str| call.query_param(name).and_then(|v| v.parse::<u128>().ok());
        let approval_code = call.query_param("approval_code").unwrap_or_default();
        let (Some(start), Some(end)) = (number("start_time"), number("end_time")) else {
            return feishu_error(
                &ErrorCode::ParamInvalid,
                "start_time and end_time are epoch milliseconds",
            )
            .into();
        };
        let page_size = number("page_size").unwrap_or(100).max(1);
        let offset = match call.query_param("page_token") {
            None | Some("") => 0,
            Some(token) => match token.parse::<usize>() {
                Ok(offset) => offset,
                Err(_) => {
                    return feishu_error(&ErrorCode::ParamInvalid, "unknown page_token").into();
                }
            },
        };
        let matching: Vec<&Instance> = self
            .instances
            .iter()
            .filter(|i| i.approval_code == approval_code && (start..=end).contains(&i.start_time))
            .collect();
        let page_size = usize::try_from(page_size).unwrap_or(usize::MAX);
        let page: Vec<&str> = matching
            .iter()
            .skip(offset)
            .take(page_size)
            .map(|instance| instance.code.as_str())
            .collect();
        let next = offset.saturating_add(page.len());
        let has_more = next < matching.len();
        let mut data = example_data("instance_list");
        data["instance_code_list"] = page.into();
        data["has_more"] = has_more.into();
        if has_more {
            data["page_token"] = next.to_string().into();
        } else if let Some(object) = data.as_object_mut() {
            object.remove("page_token");
        }
        feishu_ok(data).into()
    }

    fn cancel(&mut self, call: &Call<'_>) -> Outcome {
        let user = call.text("user_id").unwrap_or_default().to_owned();
        let Some(instance) = self.find(call.text("instance_code").unwrap_or_default()) else {
            return feishu_error(&ErrorCode::InstanceCodeNotFound, "no such instance").into();
        };
        if instance.user_id != user {
            return feishu_error(
                &ErrorCode::NoOperationPermission,
                "only the initiator cancels",
            )
            .into();
        }
        if instance.status != "PENDING" {
            return feishu_error(
                &ErrorCode::ParamInvalid,
                "the instance is no longer pending",
            )
            .into();
        }
        instance.status = "CANCELED";
        instance.end_time = now_ms();
        let events = vec![instance_event(instance)];
        Outcome {
            answer: feishu_ok(example_data("instance_cancel")),
            events,
            created: false,
        }
    }

    /// Approves or rejects a pending task; the instance follows (one approver per instance).
    fn decide(&mut self, call: &Call<'_>, status: &'static str) -> Outcome {
        let user = call.text("user_id").unwrap_or_default().to_owned();
        let task_id = call.text("task_id").unwrap_or_default().to_owned();
        let Some(instance) = self.find(call.text("instance_code").unwrap_or_default()) else {
            return feishu_error(&ErrorCode::InstanceCodeNotFound, "no such instance").into();
        };
        let Some(index) = instance.tasks.iter().position(|task| task.id == task_id) else {
            return feishu_error(&ErrorCode::TaskNotFound, "no such task").into();
        };
        let now = now_ms();
        let task = &mut instance.tasks[index];
        if task.user_id != user {
            return feishu_error(
                &ErrorCode::NoOperationPermission,
                "not this task's approver",
            )
            .into();
        }
        if task.status != "PENDING" {
            return feishu_error(&ErrorCode::ParamInvalid, "the task is no longer pending").into();
        }
        task.status = status;
        task.end_time = now;
        let task = task.clone();
        instance.status = status;
        instance.end_time = now;
        let events = vec![task_event(instance, &task), instance_event(instance)];
        let name = if status == "APPROVED" {
            "task_approve"
        } else {
            "task_reject"
        };
        Outcome {
            answer: feishu_ok(example_data(name)),
            events,
            created: false,
        }
    }

    fn comment_create(&mut self, call: &Call<'_>) -> Outcome {
        let id = format!("{}", 7_081_516_627_711_000_000_u64 + self.next_id());
        let commentator = call.query_param("user_id").unwrap_or_default().to_owned();
        let Some(instance) = self.find(call.path_param("instance_id")) else {
            return feishu_error(&ErrorCode::InstanceCodeNotFound, "no such instance").into();
        };
        instance.comments.push(Comment {
            id: id.clone(),
            content: call.text("content").unwrap_or("{}").to_owned(),
            commentator,
            extra: call.text("extra").map(str::to_owned),
            create_time: now_ms(),
        });
        let mut data = example_data("comment_create");
        data["comment_id"] = id.into();
        feishu_ok(data).into()
    }

    fn comment_list(&mut self, call: &Call<'_>) -> Outcome {
        let Some(instance) = self.find(call.path_param("instance_id")) else {
            return feishu_error(&ErrorCode::InstanceCodeNotFound, "no such instance").into();
        };
        let mut data = example_data("comment_list");
        let example = data["comments"][0].clone();
        data["comments"] = instance
            .comments
            .iter()
            .map(|comment| {
                let mut item = example.clone();
                item["id"] = comment.id.as_str().into();
                item["content"] = comment.content.as_str().into();
                item["create_time"] = comment.create_time.to_string().into();
                item["update_time"] = comment.create_time.to_string().into();
                item["is_delete"] = 0.into();
                item["replies"] = json!([]);
                item["at_info_list"] = json!([]);
                item["commentator"] = comment.commentator.as_str().into();
                item["extra"] = comment.extra.clone().map_or(Value::Null, Value::from);
                if comment.extra.is_none()
                    && let Some(object) = item.as_object_mut()
                {
                    object.remove("extra");
                }
                item
            })
            .collect();
        feishu_ok(data).into()
    }

    fn comment_delete(&mut self, call: &Call<'_>) -> Outcome {
        let comment_id = call.path_param("comment_id").to_owned();
        let Some(instance) = self.find(call.path_param("instance_id")) else {
            return feishu_error(&ErrorCode::InstanceCodeNotFound, "no such instance").into();
        };
        let before = instance.comments.len();
        instance.comments.retain(|comment| comment.id != comment_id);
        if instance.comments.len() == before {
            return feishu_error(&ErrorCode::ParamInvalid, "no such comment").into();
        }
        let mut data = example_data("comment_delete");
        data["comment_id"] = comment_id.into();
        feishu_ok(data).into()
    }

    fn comment_remove(&mut self, call: &Call<'_>) -> Outcome {
        let Some(instance) = self.find(call.path_param("instance_id")) else {
            return feishu_error(&ErrorCode::InstanceCodeNotFound, "no such instance").into();
        };
        instance.comments.clear();
        let mut data = example_data("comment_remove");
        data["instance_id"] = instance.code.as_str().into();
        data["external_id"] = instance.uuid.clone().map_or(Value::Null, Value::from);
        if instance.uuid.is_none()
            && let Some(object) = data.as_object_mut()
        {
            object.remove("external_id");
        }
        feishu_ok(data).into()
    }
}

/// The `text` of a comment's `content` JSON (instance_get shows comments as plain text).
fn comment_text(content: &str) -> String {
    serde_json::from_str::<Value>(content)
        .ok()
        .and_then(|value| value["text"].as_str().map(str::to_owned))
        .unwrap_or_else(|| content.to_owned())
}

fn instance_event(instance: &Instance) -> Event {
    Event::Instance {
        approval_code: instance.approval_code.clone(),
        instance_code: instance.code.clone(),
        status: instance.status,
        uuid: instance.uuid.clone(),
    }
}

fn task_event(instance: &Instance, task: &Task) -> Event {
    Event::Task {
        approval_code: instance.approval_code.clone(),
        instance_code: instance.code.clone(),
        task_id: task.id.clone(),
        user_id: task.user_id.clone(),
        open_id: task.open_id.clone(),
        status: task.status,
    }
}
