//! Changes to endpoints: added, removed, moved, retyped, their parameters and error codes.

use super::Differ;
use crate::diff::text;
use crate::diff::{Direction, Rule};
use crate::spec::{Endpoint, Spanned};
use std::collections::BTreeSet;

/// Method and path as written, `` `POST /approval/v4/instances` `` (the path keeps its case).
pub(super) fn route(endpoint: &Endpoint) -> String {
    format!(
        "`{} {}`",
        text::method(endpoint.method.value),
        endpoint.path.value
    )
}

/// A named body or response type, or [`text::NONE`].
fn named(ty: &Option<Spanned<String>>) -> String {
    text::optional(ty.as_ref().map(|t| format!("`{}`", t.value)))
}

/// The error codes an endpoint documents, as text: `1001, 1002`.
fn codes(codes: &BTreeSet<i64>) -> String {
    codes
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Differ<'_> {
    /// Rate limit, scopes, pagination and the idempotency key.
    fn endpoint_metadata(&mut self, item: &str, old: &Endpoint, new: &Endpoint) {
        let span = new.path.span;
        let (was, now) = (
            text::rate_limit(old.rate_limit.as_ref()),
            text::rate_limit(new.rate_limit.as_ref()),
        );
        if was != now {
            self.push(
                Rule::RateLimitChanged,
                item,
                text::arrow(was, now),
                span,
                Direction::Request,
            );
        }
        let scopes = |e: &Endpoint| {
            e.scopes
                .iter()
                .map(|s| s.value.clone())
                .collect::<BTreeSet<String>>()
        };
        let (was, now) = (scopes(old), scopes(new));
        let listed = |set: BTreeSet<&String>| {
            set.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let detail = [
            ("added", listed(now.difference(&was).collect())),
            ("removed", listed(was.difference(&now).collect())),
        ]
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(what, list)| format!("{what}: {list}"))
        .collect::<Vec<_>>()
        .join("; ");
        if !detail.is_empty() {
            self.push(Rule::ScopesChanged, item, detail, span, Direction::Request);
        }
        let (was, now) = (
            text::pagination(old.pagination.as_ref()),
            text::pagination(new.pagination.as_ref()),
        );
        if was != now {
            self.push(
                Rule::PaginationChanged,
                item,
                text::arrow(was, now),
                span,
                Direction::Both,
            );
        }
        let key = |e: &Endpoint| {
            e.idempotency_key
                .as_ref()
                .map_or_else(|| text::NONE.to_owned(), |key| format!("`{}`", key.value))
        };
        let (was, now) = (key(old), key(new));
        if was != now {
            self.push(
                Rule::IdempotencyKeyChanged,
                item,
                text::arrow(was, now),
                span,
                Direction::Request,
            );
        }
    }

    pub(super) fn endpoints(&mut self) {
        let (before, after) = (self.before, self.after);
        for (name, endpoint) in after.endpoints.iter() {
            let item = format!("endpoints.{}", name.value);
            let Some(old) = before.endpoints.get(name) else {
                self.push(
                    Rule::EndpointAdded,
                    &item,
                    route(endpoint),
                    name.span,
                    Direction::Both,
                );
                continue;
            };
            if old.method.value != endpoint.method.value || old.path.value != endpoint.path.value {
                self.push(
                    Rule::EndpointMoved,
                    &item,
                    text::arrow(route(old), route(endpoint)),
                    endpoint.path.span,
                    Direction::Both,
                );
            }
            let detail = text::changed_parts(&[
                ("body", named(&old.body), named(&endpoint.body)),
                ("response", named(&old.response), named(&endpoint.response)),
            ]);
            if !detail.is_empty() {
                self.push(
                    Rule::EndpointRetyped,
                    &item,
                    detail,
                    name.span,
                    Direction::Both,
                );
            }
            self.fields(
                &format!("{item}.path"),
                &old.path_params,
                &endpoint.path_params,
                Direction::Request,
            );
            self.fields(
                &format!("{item}.query"),
                &old.query,
                &endpoint.query,
                Direction::Request,
            );
            self.fields(
                &format!("{item}.headers"),
                &old.headers,
                &endpoint.headers,
                Direction::Request,
            );
            let documented =
                |e: &Endpoint| e.errors.iter().map(|c| c.value).collect::<BTreeSet<i64>>();
            let (was, now) = (documented(old), documented(endpoint));
            let added: BTreeSet<i64> = now.difference(&was).copied().collect();
            let removed: BTreeSet<i64> = was.difference(&now).copied().collect();
            let detail = [("added", added), ("no longer documented", removed)]
                .into_iter()
                .filter(|(_, list)| !list.is_empty())
                .map(|(what, list)| format!("{what}: {}", codes(&list)))
                .collect::<Vec<_>>()
                .join("; ");
            if !detail.is_empty() {
                self.push(
                    Rule::EndpointErrorsChanged,
                    &item,
                    detail,
                    endpoint.path.span,
                    Direction::Response,
                );
            }
            self.endpoint_metadata(&item, old, endpoint);
            if old.doc.value != endpoint.doc.value {
                self.push(
                    Rule::DocChanged,
                    &item,
                    "description",
                    endpoint.doc.span,
                    Direction::Neither,
                );
            }
        }
        for (name, endpoint) in before
            .endpoints
            .iter()
            .filter(|(n, _)| after.endpoints.get(n).is_none())
        {
            self.push(
                Rule::EndpointRemoved,
                &format!("endpoints.{}", name.value),
                route(endpoint),
                after.vendor.span,
                Direction::Both,
            );
        }
    }
}
