//! The `client:` section: platform codes and headers, and the token call, checked against the
//! vendor's endpoints, types and common headers.

use super::Checker;
use super::metadata::Wanted;
use crate::ir;
use crate::spec::{ClientSpec, EnvelopeStyle, Spanned, TokenSpec, TypeKind};
use std::collections::BTreeSet;

impl Checker<'_> {
    /// The client section; `None` when something is unsound (reported).
    pub(super) fn client(
        &mut self,
        client: &ClientSpec,
        endpoints: &[ir::Endpoint],
    ) -> Option<ir::ClientInfo> {
        let docs = self.docs(&client.doc, None, None);
        if client.sources.is_empty() {
            self.error(
                client.doc.span,
                "`client:` cites no source",
                "`sources:` with the keys of the pages that state these codes",
            );
        }
        let sources = super::all(
            client
                .sources
                .iter()
                .map(|key| self.source(key))
                .collect::<Vec<_>>(),
        );
        let mut seen = BTreeSet::new();
        let lists = [
            &client.rate_limited,
            &client.try_again_later,
            &client.token_invalid,
        ];
        for code in lists.iter().flat_map(|list| list.iter()) {
            if !seen.insert(code.value) {
                self.error(
                    code.span,
                    format!("code {} is listed twice under `client:`", code.value),
                    "each code in one list, once",
                );
            }
        }
        for header in &client.reset_headers {
            let valid = !header.value.is_empty()
                && header
                    .value
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid {
                self.error(
                    header.span,
                    format!("`{}` is not a lowercase header name", header.value),
                    "a header name in lowercase, such as `x-ogw-ratelimit-reset`",
                );
            }
        }
        let token = match &client.token {
            Some(token) => self.token_call(token, endpoints).map(Some),
            None => Some(None),
        };
        let values = |list: &[Spanned<i64>]| list.iter().map(|code| code.value).collect();
        Some(ir::ClientInfo {
            docs: docs?,
            sources: sources?,
            rate_limited: values(&client.rate_limited),
            try_again_later: values(&client.try_again_later),
            token_invalid: values(&client.token_invalid),
            reset_headers: client
                .reset_headers
                .iter()
                .map(|h| h.value.clone())
                .collect(),
            token: token?,
        })
    }

    fn token_call(
        &mut self,
        token: &TokenSpec,
        endpoints: &[ir::Endpoint],
    ) -> Option<ir::TokenCall> {
        let Some(index) = endpoints
            .iter()
            .position(|endpoint| endpoint.name == token.endpoint.value)
        else {
            self.error(
                token.endpoint.span,
                format!("no endpoint `{}`", token.endpoint.value),
                "the name of the endpoint that issues tokens",
            );
            return None;
        };
        let endpoint = &endpoints[index];
        if endpoint.takes_context || endpoint.body.is_none() {
            self.error(
                token.endpoint.span,
                format!(
                    "`{}` takes the common parameters or has no body",
                    token.endpoint.value
                ),
                "a `common: false` endpoint whose body carries the app's credentials",
            );
            return None;
        }
        let answer = match (&token.answer, &endpoint.response) {
            (Some(answer), _) => answer.clone(),
            (None, Some(response)) if self.spec.envelope.style.value == EnvelopeStyle::Inline => {
                Spanned {
                    value: response.name.clone(),
                    span: token.endpoint.span,
                }
            }
            (None, _) => {
                self.error(
                    token.endpoint.span,
                    "the token call's answer is not named",
                    "`answer:` naming the type the whole answer decodes as (the payload alone is \
                     the whole answer only under an inline envelope)",
                );
                return None;
            }
        };
        let fields = self
            .type_def(&answer.value)
            .filter(|def| def.kind.value == TypeKind::Object)
            .and_then(|def| def.fields.as_deref());
        let Some(fields) = fields else {
            self.error(
                answer.span,
                format!("`{}` is not a named object type", answer.value),
                "an object type of this spec",
            );
            return None;
        };
        let mut sound = true;
        for (name, wanted) in [
            (&token.token, Wanted::Text),
            (&token.expires_in, Wanted::Integer),
        ] {
            match fields
                .iter()
                .find(|f| !f.flatten && f.name.value == name.value)
            {
                Some(field) => sound &= self.fits(name, field, wanted),
                None => {
                    self.error(
                        name.span,
                        format!("`{}` is not a field of `{}`", name.value, answer.value),
                        "the wire name of one of its top-level fields",
                    );
                    sound = false;
                }
            }
        }
        let header = self
            .spec
            .common
            .headers
            .iter()
            .position(|h| h.name.value == token.header.value);
        let header = match header {
            Some(index) => {
                let field = &self.spec.common.headers[index];
                let credential = field.secret && field.required && !field.nullable;
                if !credential {
                    self.error(
                        token.header.span,
                        format!("header `{}` is not required and secret", token.header.value),
                        "the common header that carries the token: `required: true`, \
                         `secret: true`",
                    );
                }
                sound &= credential && self.fits(&token.header, field, Wanted::Text);
                index
            }
            None => {
                self.error(
                    token.header.span,
                    format!("no common header `{}`", token.header.value),
                    "the wire name of the `common:` header that carries the token",
                );
                return None;
            }
        };
        sound.then(|| ir::TokenCall {
            endpoint: index,
            answer: crate::naming::type_ident(&answer.value),
            token: token.token.value.clone(),
            expires_in: token.expires_in.value.clone(),
            header,
        })
    }
}
