//! Per-endpoint metadata: rate limit, scopes and pagination, and the checks that the fields a
//! pagination names exist on the request and the response.

use super::Checker;
use crate::ir;
use crate::scalar::Scalar;
use crate::spec::type_expr::{TypeExpr, Wrapper};
use crate::spec::{Endpoint, Field, Pagination, PaginationStyle, Spanned, TypeKind};
use std::collections::BTreeSet;

/// What a paging field must hold.
#[derive(Clone, Copy)]
pub(super) enum Wanted {
    /// A cursor: text.
    Text,
    /// A page number, size or count.
    Integer,
    /// Whether more pages follow.
    Flag,
}

/// What an endpoint's metadata keys give, checked.
pub(super) struct EndpointMetadata {
    pub rate_limit: Option<ir::RateLimit>,
    pub scopes: Vec<String>,
    pub pagination: Option<ir::Pagination>,
    pub idempotency_key: Option<ir::RequestField>,
}

impl<'a> Checker<'a> {
    /// The metadata of one endpoint; `None` when some key is unsound (reported).
    pub(super) fn endpoint_metadata(&mut self, endpoint: &Endpoint) -> Option<EndpointMetadata> {
        let mut sound = true;
        let rate_limit = endpoint.rate_limit.as_ref().map(|limit| ir::RateLimit {
            per_minute: limit.per_minute.as_ref().map(|n| n.value),
            per_second: limit.per_second.as_ref().map(|n| n.value),
        });
        if let Some(limit) = &endpoint.rate_limit {
            let numbers = [&limit.per_minute, &limit.per_second];
            if numbers.iter().all(|n| n.is_none()) {
                self.error(
                    endpoint.doc.span,
                    "`rate_limit:` states no limit",
                    "`per_minute:` and/or `per_second:`",
                );
                sound = false;
            }
            for number in numbers.into_iter().flatten() {
                if number.value == 0 {
                    self.error(
                        number.span,
                        "a rate limit of 0 allows no call",
                        "a positive count",
                    );
                    sound = false;
                }
            }
        }
        let mut seen = BTreeSet::new();
        for scope in &endpoint.scopes {
            self.non_empty(scope, "scope");
            if !seen.insert(scope.value.as_str()) {
                self.error(
                    scope.span,
                    format!("scope `{}` is listed twice", scope.value),
                    "each scope once",
                );
                sound = false;
            }
        }
        let scopes = endpoint.scopes.iter().map(|s| s.value.clone()).collect();
        let pagination = match &endpoint.pagination {
            Some(pagination) => {
                let built = self.pagination(endpoint, pagination);
                sound &= built.is_some();
                built
            }
            None => None,
        };
        let idempotency_key = match &endpoint.idempotency_key {
            Some(name) => {
                let key = self.idempotency_key(endpoint, name);
                sound &= key.is_some();
                key
            }
            None => None,
        };
        sound.then_some(EndpointMetadata {
            rate_limit,
            scopes,
            pagination,
            idempotency_key,
        })
    }

    fn pagination(
        &mut self,
        endpoint: &Endpoint,
        pagination: &Pagination,
    ) -> Option<ir::Pagination> {
        let style = &pagination.style;
        let (request, response) = (&pagination.request, &pagination.response);
        let cursor_keys = [
            ("request.cursor", &request.cursor),
            ("response.next_cursor", &response.next_cursor),
        ];
        let page_keys = [("request.page", &request.page)];
        let (wanted, unwanted): (&[_], &[_]) = match style.value {
            PaginationStyle::Cursor => (&cursor_keys, &page_keys),
            PaginationStyle::PageNumber => (&page_keys, &cursor_keys),
        };
        let style_name = match style.value {
            PaginationStyle::Cursor => "cursor",
            PaginationStyle::PageNumber => "page_number",
        };
        let mut sound = true;
        for (key, value) in wanted {
            if value.is_none() {
                self.error(
                    style.span,
                    format!("`{style_name}` pagination needs `{key}`"),
                    format!("`{key}:` naming its field"),
                );
                sound = false;
            }
        }
        for (key, value) in unwanted {
            if let Some(value) = value {
                self.error(
                    value.span,
                    format!("`{key}` does not apply to `{style_name}` pagination"),
                    format!("no `{key}`"),
                );
                sound = false;
            }
        }
        let is_cursor = style.value == PaginationStyle::Cursor;
        let request_field = |checker: &mut Self, name: &Option<Spanned<String>>, wanted| {
            name.as_ref()
                .map(|name| checker.request_field(endpoint, name, wanted))
        };
        let cursor = request_field(
            self,
            &request.cursor.clone().filter(|_| is_cursor),
            Wanted::Text,
        );
        let page = request_field(
            self,
            &request.page.clone().filter(|_| !is_cursor),
            Wanted::Integer,
        );
        let page_size = request_field(self, &request.page_size, Wanted::Integer);
        let response_field = |checker: &mut Self, name: &Option<Spanned<String>>, wanted| {
            name.as_ref()
                .map(|name| checker.response_field(endpoint, name, wanted))
        };
        let next_cursor = response_field(
            self,
            &response.next_cursor.clone().filter(|_| is_cursor),
            Wanted::Text,
        );
        let has_more = response_field(self, &response.has_more, Wanted::Flag);
        let total = response_field(self, &response.total, Wanted::Integer);
        let resolved = |field: Option<Option<ir::RequestField>>| match field {
            Some(inner) => inner.map(Some),
            None => Some(None),
        };
        let path = |field: Option<Option<Vec<String>>>| match field {
            Some(inner) => inner.map(Some),
            None => Some(None),
        };
        let (page_size, has_more, total) = (resolved(page_size), path(has_more), path(total));
        if !sound {
            return None;
        }
        match style.value {
            PaginationStyle::Cursor => Some(ir::Pagination::Cursor {
                cursor: cursor??,
                page_size: page_size?,
                next_cursor: next_cursor??,
                has_more: has_more?,
                total: total?,
            }),
            PaginationStyle::PageNumber => Some(ir::Pagination::PageNumber {
                page: page??,
                page_size: page_size?,
                has_more: has_more?,
                total: total?,
            }),
        }
    }

    /// The idempotency key: a top-level optional, non-nullable string field of the body, which
    /// a client fills in when the caller did not.
    fn idempotency_key(
        &mut self,
        endpoint: &Endpoint,
        name: &Spanned<String>,
    ) -> Option<ir::RequestField> {
        let field = endpoint
            .body
            .as_ref()
            .and_then(|body| self.type_def(&body.value))
            .and_then(|def| def.fields.as_deref())
            .and_then(|fields| {
                fields
                    .iter()
                    .find(|f| !f.flatten && f.name.value == name.value)
            });
        let Some(field) = field else {
            self.error(
                name.span,
                format!(
                    "`{}` is not a top-level field of this endpoint's body",
                    name.value
                ),
                "the wire name of an optional string field of its `body:` type",
            );
            return None;
        };
        if field.required || field.nullable {
            self.error(
                name.span,
                format!("idempotency key `{}` is required or nullable", name.value),
                "an optional, non-nullable field, which a client fills in when it is absent",
            );
            return None;
        }
        self.fits(name, field, Wanted::Text)
            .then(|| ir::RequestField {
                location: ir::ParamLocation::Body,
                path: vec![name.value.clone()],
            })
    }

    /// A request field a pagination names: a query parameter, or a path of wire names into
    /// the body.
    fn request_field(
        &mut self,
        endpoint: &Endpoint,
        name: &Spanned<String>,
        wanted: Wanted,
    ) -> Option<ir::RequestField> {
        let in_query = endpoint.query.iter().find(|q| q.name.value == name.value);
        let body = endpoint
            .body
            .as_ref()
            .and_then(|body| self.type_def(&body.value))
            .and_then(|def| def.fields.as_deref());
        let in_body = body.and_then(|fields| self.field_path(fields, &name.value));
        let (field, location, path) = match (in_query, in_body) {
            (Some(_), Some(_)) => {
                self.error(
                    name.span,
                    format!(
                        "`{}` is both a query parameter and a body field",
                        name.value
                    ),
                    "a name that is one or the other",
                );
                return None;
            }
            (Some(field), None) => (field, ir::ParamLocation::Query, vec![name.value.clone()]),
            (None, Some((path, _))) if path.len() > 1 => {
                // The generated `Paged` impl sets the field in place; a nested one could sit
                // under an absent object.
                self.error(
                    name.span,
                    format!("`{}` is nested in the body", name.value),
                    "a paging field that is a top-level field of the body",
                );
                return None;
            }
            (None, Some((path, field))) => (field, ir::ParamLocation::Body, path),
            (None, None) => {
                self.error(
                    name.span,
                    format!(
                        "`{}` is not a query parameter or body field of this endpoint",
                        name.value
                    ),
                    "the wire name of one of its `query:` parameters, or a path (`a.b`) of wire names into its body",
                );
                return None;
            }
        };
        self.fits(name, field, wanted)
            .then_some(ir::RequestField { location, path })
    }

    /// A response field a pagination names, as a path of wire names into the payload.
    fn response_field(
        &mut self,
        endpoint: &Endpoint,
        name: &Spanned<String>,
        wanted: Wanted,
    ) -> Option<Vec<String>> {
        let fields = endpoint
            .response
            .as_ref()
            .and_then(|response| self.type_def(&response.value))
            .and_then(|def| def.fields.as_deref());
        let Some((path, field)) = fields.and_then(|fields| self.field_path(fields, &name.value))
        else {
            self.error(
                name.span,
                format!(
                    "`{}` is not a field of this endpoint's response",
                    name.value
                ),
                "a path (`a.b`) of wire names into its `response:` type",
            );
            return None;
        };
        self.fits(name, field, wanted).then_some(path)
    }

    /// Whether a named field has a type its paging role can use; reported where it does not.
    pub(super) fn fits(&mut self, name: &Spanned<String>, field: &Field, wanted: Wanted) -> bool {
        let scalar = match field.ty.value.expr() {
            Some(TypeExpr::Scalar(scalar)) => Some(*scalar),
            Some(TypeExpr::Wrapped(Wrapper::Lenient, inner)) => match **inner {
                TypeExpr::Scalar(scalar) => Some(scalar),
                _ => None,
            },
            _ => None,
        };
        let (fits, expected) = match wanted {
            Wanted::Text => (scalar == Some(Scalar::String), "a `string` field"),
            Wanted::Integer => (
                matches!(scalar, Some(Scalar::I32 | Scalar::I64)),
                "an `i64` or `i32` field (or `lenient<…>` of one)",
            ),
            Wanted::Flag => (
                scalar == Some(Scalar::Bool),
                "a `bool` field (or `lenient<bool>`)",
            ),
        };
        if !fits {
            self.error(
                name.span,
                format!(
                    "`{}` has type `{}`, which cannot serve here",
                    name.value,
                    field.ty.value.canonical()
                ),
                expected,
            );
        }
        fits
    }

    /// The wire names of a dotted path through object fields (flattened fields are looked
    /// through and do not appear in the path).
    fn field_path(&self, fields: &'a [Field], dotted: &str) -> Option<(Vec<String>, &'a Field)> {
        let mut current = fields;
        let mut path = Vec::new();
        let mut segments = dotted.split('.').peekable();
        while let Some(segment) = segments.next() {
            let field = self.find_field(current, segment, 0)?;
            path.push(segment.to_owned());
            if segments.peek().is_some() {
                current = self.object_fields_of(field)?;
            } else {
                return Some((path, field));
            }
        }
        None
    }

    /// The field with this wire name, also inside flattened fields.
    fn find_field(&self, fields: &'a [Field], wire: &str, depth: usize) -> Option<&'a Field> {
        if depth > 16 {
            return None;
        }
        fields.iter().find_map(|field| {
            if field.flatten {
                self.object_fields_of(field)
                    .and_then(|inner| self.find_field(inner, wire, depth + 1))
            } else {
                (field.name.value == wire).then_some(field)
            }
        })
    }

    /// The fields of a field whose type is a named object.
    fn object_fields_of(&self, field: &Field) -> Option<&'a [Field]> {
        match field.ty.value.expr() {
            Some(TypeExpr::Named(name, _)) => self
                .type_def(name)
                .filter(|def| def.kind.value == TypeKind::Object)
                .and_then(|def| def.fields.as_deref()),
            _ => None,
        }
    }
}
