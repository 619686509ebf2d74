//! Changes to endpoints: added, removed, moved, retyped, their parameters and error codes.

use super::Differ;
use crate::diff::{Direction, Rule};
use std::collections::BTreeSet;

impl Differ<'_> {
    pub(super) fn endpoints(&mut self) {
        let (before, after) = (self.before, self.after);
        for (name, endpoint) in after.endpoints.iter() {
            let item = format!("endpoints.{}", name.value);
            let Some(old) = before.endpoints.get(name) else {
                self.push(
                    Rule::EndpointAdded,
                    &item,
                    format!("`{:?} {}`", endpoint.method.value, endpoint.path.value).to_uppercase(),
                    name.span,
                    Direction::Both,
                );
                continue;
            };
            if old.method.value != endpoint.method.value || old.path.value != endpoint.path.value {
                self.push(
                    Rule::EndpointMoved,
                    &item,
                    format!(
                        "`{:?} {}` → `{:?} {}`",
                        old.method.value,
                        old.path.value,
                        endpoint.method.value,
                        endpoint.path.value
                    ),
                    endpoint.path.span,
                    Direction::Both,
                );
            }
            let name_of =
                |t: &Option<crate::spec::Spanned<String>>| t.as_ref().map(|t| t.value.clone());
            if name_of(&old.body) != name_of(&endpoint.body)
                || name_of(&old.response) != name_of(&endpoint.response)
            {
                let detail = format!(
                    "body {:?} → {:?}, response {:?} → {:?}",
                    name_of(&old.body),
                    name_of(&endpoint.body),
                    name_of(&old.response),
                    name_of(&endpoint.response)
                );
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
            let codes = |e: &crate::spec::Endpoint| {
                e.errors.iter().map(|c| c.value).collect::<BTreeSet<i64>>()
            };
            self.if_changed(
                Rule::EndpointErrorsChanged,
                &item,
                codes(old),
                codes(endpoint),
                endpoint.path.span,
                Direction::Response,
            );
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
        for (name, _) in before
            .endpoints
            .iter()
            .filter(|(n, _)| after.endpoints.get(n).is_none())
        {
            self.push(
                Rule::EndpointRemoved,
                &format!("endpoints.{}", name.value),
                "",
                after.vendor.span,
                Direction::Both,
            );
        }
    }
}
