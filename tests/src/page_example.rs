//! The Feishu create-instance page's own request example, built in code: the shape the
//! README's "Using the generated crate" shows, compiled and compared here as a doc test.
//!
//! ```
//! use approval_api::feishu::types::{self as t, Widget as W};
//! use approval_api::runtime::Lenient;
//! let nodes = |id: &str| ["46e6d96cfa756980907209209ec03b64", "manager_node_id"]
//!     .map(|key| t::NodeUsers::new().with_key(key).with_value(vec![id.to_owned()])).to_vec();
//! let span = t::DateIntervalValue::new("2019-10-01T08:12:01+08:00".parse()?, "2019-10-02T08:12:01+08:00".parse()?, 2.0);
//! let form = vec![W::Input(t::TextWidget::new("111".into(), "11111".into())),
//!     W::DateInterval(t::DateIntervalWidget::new("222".into(), span).with_required(true)),
//!     W::RadioV2(t::TextWidget::new("333".into(), "1".into())),
//!     W::Number(t::NumberWidget::new("444".into(), Lenient::Text("4".into()))),
//!     W::Textarea(t::TextWidget::new("555".into(), "fsafs".into()))];
//! let (user, open) = ("59a92c4a", "ou_806a18fb5bdf525e38ba219733bdbd73");
//! let body = t::InstanceCreateBody::new("4202AD96-9EC1-4284-9C48-B923CDC4F30B".into(), form)
//!     .with_user_id(user).with_open_id(open)
//!     .with_node_approver_user_id_list(nodes(user)).with_node_approver_open_id_list(nodes(open))
//!     .with_node_cc_user_id_list(nodes(user)).with_node_cc_open_id_list(nodes(open));
//! # let page: t::InstanceCreateBody = serde_json::from_str(&approval_tests::fixture("feishu/instance_create/request.json"))?;
//! # assert_eq!(body, page);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
