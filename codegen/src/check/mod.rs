//! Stage 3, checking: the semantic rules a spec must follow beyond its YAML shape, and the IR
//! built from what passes. Every problem in every file is reported, each where it was written.
//! A sound spec yields a [`Checked`], the only way to obtain an IR, so no later stage runs on
//! input that was not checked and none re-derives what checking decided.

mod client;
mod events;
mod fields;
mod graph;
mod metadata;
mod rules;
mod types;

use crate::diagnostic::{Diagnostic, FileId};
use crate::ir;
use crate::load::LoadedSpec;
use crate::naming::{self, RESERVED_MODULE_NAMES, RustIdent};
use crate::spec::path::Segment;
use crate::spec::{EnvelopeStyle, HttpMethod, Span, Spanned, SpecFile, TypeDef, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// Specs that passed every check, with the IR built from them.
#[derive(Debug)]
pub struct Checked {
    specs: Vec<LoadedSpec>,
    ir: ir::Ir,
}

impl Checked {
    /// The IR, vendors sorted by module name.
    pub fn ir(&self) -> &ir::Ir {
        &self.ir
    }

    /// The specs as loaded (for the diff, which reports spec positions).
    pub fn specs(&self) -> &[LoadedSpec] {
        &self.specs
    }
}

/// Checks every loaded spec: the IR when they are sound, else every problem found.
pub fn check(specs: Vec<LoadedSpec>) -> Result<Checked, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut vendors: BTreeMap<String, Span> = BTreeMap::new();
    let mut lowered = Vec::with_capacity(specs.len());
    for loaded in &specs {
        let before = diagnostics.len();
        let vendor = Checker::new(loaded.file, &loaded.spec, &mut diagnostics).vendor(&loaded.path);
        let name = &loaded.spec.vendor;
        if vendors.insert(name.value.clone(), name.span).is_some() {
            diagnostics.push(
                Diagnostic::new(
                    loaded.file,
                    name.span,
                    format!(
                        "vendor `{}` is defined by another spec file too",
                        name.value
                    ),
                )
                .expected("one spec file per vendor"),
            );
        }
        match vendor {
            Some(vendor) => lowered.push(vendor),
            None if diagnostics.len() == before => diagnostics.push(Diagnostic::new(
                loaded.file,
                name.span,
                "internal error: checking this spec built no IR but reported no problem; please report this",
            )),
            None => {}
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    lowered.sort_by(|a, b| a.module.cmp(&b.module));
    Ok(Checked {
        specs,
        ir: ir::Ir { vendors: lowered },
    })
}

/// Only the problems [`check`] finds (none when the specs are sound).
pub fn diagnostics(specs: Vec<LoadedSpec>) -> Vec<Diagnostic> {
    check(specs).err().unwrap_or_default()
}

/// Checks one spec file and builds its part of the IR.
pub(crate) struct Checker<'a> {
    file: FileId,
    spec: &'a SpecFile,
    types: BTreeMap<&'a str, &'a TypeDef>,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// Problems reported by this checker; an IR is built only when there are none.
    errors: usize,
}

/// `Some(value)` only when every part is: the IR of a spec is all-or-nothing.
pub(crate) fn all<T>(parts: impl IntoIterator<Item = Option<T>>) -> Option<Vec<T>> {
    let mut out = Vec::new();
    let mut complete = true;
    for part in parts {
        match part {
            Some(part) => out.push(part),
            None => complete = false,
        }
    }
    complete.then_some(out)
}

impl<'a> Checker<'a> {
    fn new(file: FileId, spec: &'a SpecFile, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        let types = spec
            .types
            .iter()
            .map(|(name, def)| (name.value.as_str(), def))
            .collect();
        Self {
            file,
            spec,
            types,
            diagnostics,
            errors: 0,
        }
    }

    pub(crate) fn error(
        &mut self,
        span: Span,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) {
        self.errors += 1;
        self.diagnostics
            .push(Diagnostic::new(self.file, span, message).expected(expected));
    }

    pub(crate) fn type_def(&self, name: &str) -> Option<&'a TypeDef> {
        self.types.get(name).copied()
    }

    pub(crate) fn kind_of(&self, name: &str) -> Option<TypeKind> {
        self.type_def(name).map(|def| def.kind.value)
    }

    fn vendor(mut self, path: &std::path::Path) -> Option<ir::Vendor> {
        let spec = self.spec;
        let module = match naming::exact_snake(&spec.vendor) {
            Ok(ident) if !ident.raw && ident.name == spec.vendor.value => Some(ident),
            _ => {
                self.error(
                    spec.vendor.span,
                    format!(
                        "vendor name `{}` cannot be a Rust module name",
                        spec.vendor.value
                    ),
                    "a snake_case name such as `fxiaoke_crm`",
                );
                None
            }
        };
        self.non_empty(&spec.title, "title");
        self.non_empty(&spec.doc, "doc");
        let sources = self.sources();
        let envelope = self.envelope();
        let errors = self.errors_table();
        let common_headers = all(spec
            .common
            .headers
            .iter()
            .map(|field| self.param(field, "header"))
            .collect::<Vec<_>>());
        let common_query = all(spec
            .common
            .query
            .iter()
            .map(|field| self.param(field, "query"))
            .collect::<Vec<_>>());
        self.unique_rust_names(spec.common.headers.iter().chain(&spec.common.query), &[]);
        let base_url = self.base_url();
        let types = self.named_types();
        let endpoints = self.endpoints();
        let events = self.events();
        let client = match (&spec.client, &endpoints) {
            (Some(client), Some(endpoints)) => self.client(client, endpoints).map(Some),
            (None, _) => Some(None),
            (Some(_), None) => None,
        };
        if self.errors > 0 {
            return None;
        }
        Some(ir::Vendor {
            module: module?,
            feature: naming::feature_name(&spec.vendor),
            spec_path: path
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            title: spec.title.value.clone(),
            docs: ir::Docs {
                text: spec.doc.value.trim().to_owned(),
                quirk: None,
                source: None,
            },
            base_url: base_url?,
            context_headers: common_headers?,
            context_query: common_query?,
            sources,
            envelope: envelope?,
            errors: errors?,
            types: types?,
            client: client?,
            endpoints: endpoints?,
            events: events?,
        })
    }

    pub(crate) fn non_empty(&mut self, value: &Spanned<String>, what: &str) {
        if value.trim().is_empty() {
            self.error(value.span, format!("`{what}` is empty"), "some text");
        }
    }

    fn sources(&mut self) -> Vec<ir::SourceRef> {
        let spec = self.spec;
        if spec.sources.is_empty() {
            self.error(
                spec.vendor.span,
                "the spec names no sources",
                "at least one entry under `sources:`",
            );
        }
        for (key, source) in spec.sources.iter() {
            self.non_empty(&source.title, "title");
            match (&source.url, &source.file) {
                (Some(url), _) if !(url.starts_with("https://") || url.starts_with("http://")) => {
                    self.error(
                        url.span,
                        format!(
                            "source `{}` has a `url` that is not a web address",
                            key.value
                        ),
                        "an http(s) URL",
                    );
                }
                (None, None) => self.error(
                    key.span,
                    format!(
                        "source `{}` says neither where it is published nor where it was captured",
                        key.value
                    ),
                    "a `url:`, a `file:` under shared/vendor-docs, or both",
                ),
                _ => {}
            }
        }
        spec.sources
            .iter()
            .map(|(_, source)| source_ref(source))
            .collect()
    }

    /// The source a key names, or a diagnostic.
    pub(crate) fn source(&mut self, key: &Spanned<String>) -> Option<ir::SourceRef> {
        if let Some(source) = self.spec.sources.get(key) {
            return Some(source_ref(source));
        }
        let known: Vec<&str> = self
            .spec
            .sources
            .iter()
            .map(|(k, _)| k.value.as_str())
            .collect();
        let known = known.join(", ");
        self.error(
            key.span,
            format!("unknown source `{}`", key.value),
            format!("one of the keys under `sources:`: {known}"),
        );
        None
    }

    /// Docs of an item: text, quirk and the source it cites (checked).
    pub(crate) fn docs(
        &mut self,
        text: &Spanned<String>,
        quirk: Option<&Spanned<String>>,
        source: Option<&Spanned<String>>,
    ) -> Option<ir::Docs> {
        self.non_empty(text, "doc");
        let source = match source {
            Some(key) => Some(self.source(key)?),
            None => None,
        };
        Some(ir::Docs {
            text: text.value.trim().to_owned(),
            quirk: quirk.map(|q| q.value.trim().to_owned()),
            source,
        })
    }

    fn envelope(&mut self) -> Option<ir::Envelope> {
        let envelope = &self.spec.envelope;
        let docs = self.docs(&envelope.doc, None, Some(&envelope.source));
        match (envelope.style.value, &envelope.payload) {
            (EnvelopeStyle::Wrapped, None) => self.error(
                envelope.style.span,
                "a wrapped envelope needs `payload:`",
                "the wire name of the payload field, e.g. `payload: data`",
            ),
            (EnvelopeStyle::Inline, Some(payload)) => self.error(
                payload.span,
                "an inline envelope has no payload field",
                "no `payload:` with `style: inline`",
            ),
            (EnvelopeStyle::Wrapped, Some(_)) | (EnvelopeStyle::Inline, None) => {}
        }
        let mut wire_names = BTreeSet::new();
        let mut names = vec![&envelope.code, &envelope.message];
        names.extend(envelope.payload.as_ref());
        names.extend(envelope.fields.iter().map(|field| &field.name));
        if let Some(alternate) = &envelope.alternate_error {
            names.extend([&alternate.code, &alternate.message]);
        }
        for name in names {
            if !wire_names.insert(name.value.as_str()) {
                self.error(
                    name.span,
                    format!("envelope field `{}` is named twice", name.value),
                    "distinct wire names",
                );
            }
        }
        let fields = all(envelope
            .fields
            .iter()
            .map(|field| self.field(field, "envelope field"))
            .collect::<Vec<_>>());
        self.unique_rust_names(
            &envelope.fields,
            &[
                "code",
                "message",
                "http_status",
                "payload",
                "alternate_code",
                "alternate_message",
            ],
        );
        Some(ir::Envelope {
            code: envelope.code.value.clone(),
            message: envelope.message.value.clone(),
            success: envelope.success.value,
            payload: envelope.payload.as_ref().map(|p| p.value.clone()),
            fields: fields?,
            alternate: envelope
                .alternate_error
                .as_ref()
                .map(|alternate| ir::AlternateError {
                    code: alternate.code.value.clone(),
                    message: alternate.message.value.clone(),
                }),
            docs: docs?,
        })
    }

    fn errors_table(&mut self) -> Option<Vec<ir::ErrorEntry>> {
        let mut codes = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut entries = Vec::new();
        for error in &self.spec.errors {
            let docs = self.docs(&error.doc, None, Some(&error.source));
            if !codes.insert(error.code.value) {
                self.error(
                    error.code.span,
                    format!("error code {} is listed twice", error.code.value),
                    "each code once",
                );
            }
            let variant = match naming::exact_camel(&error.name) {
                Ok(ident)
                    if !ident.raw
                        && ident.name == error.name.value
                        && error.name.value != "Unknown" =>
                {
                    if !names.insert(error.name.value.as_str()) {
                        self.error(
                            error.name.span,
                            format!("error name `{}` is used twice", error.name.value),
                            "distinct names",
                        );
                    }
                    Some(ident)
                }
                _ => {
                    self.error(
                        error.name.span,
                        format!("`{}` cannot name an error variant", error.name.value),
                        "an UpperCamelCase identifier other than `Unknown`",
                    );
                    None
                }
            };
            entries.push(variant.zip(docs).map(|(variant, docs)| ir::ErrorEntry {
                code: error.code.value,
                variant,
                message: error.message.as_ref().map(|m| m.value.clone()),
                http_status: error.http_status.as_ref().map(|s| s.value),
                docs,
            }));
        }
        let mut entries = all(entries)?;
        entries.sort_by_key(|entry| entry.code);
        Some(entries)
    }

    /// The base URL with its `${name}` parts.
    fn base_url(&mut self) -> Option<ir::BaseUrl> {
        let url = &self.spec.base_url;
        let mut parts = Vec::new();
        let mut rest = url.value.as_str();
        while let Some(open) = rest.find("${") {
            let Some(close) = rest[open..].find('}').map(|c| c + open) else {
                self.error(
                    url.span,
                    "`${` is not closed by `}`",
                    "`${name}` for a part the caller fills in",
                );
                return None;
            };
            let name = &rest[open + 2..close];
            let ident = match naming::exact_snake(name) {
                Ok(ident) if !ident.raw => ident,
                _ => {
                    self.error(
                        url.span,
                        format!("`${{{name}}}` cannot name a Rust parameter"),
                        "a snake_case name such as `${cloud_domain}`",
                    );
                    return None;
                }
            };
            if open > 0 {
                parts.push(ir::UrlPart::Literal(rest[..open].to_owned()));
            }
            parts.push(ir::UrlPart::Var(name.to_owned(), ident));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(ir::UrlPart::Literal(rest.to_owned()));
        }
        Some(ir::BaseUrl {
            template: url.value.clone(),
            parts,
        })
    }

    fn endpoints(&mut self) -> Option<Vec<ir::Endpoint>> {
        let error_codes: BTreeSet<i64> = self
            .spec
            .errors
            .iter()
            .map(|error| error.code.value)
            .collect();
        let mut modules = BTreeSet::new();
        let mut endpoints = Vec::new();
        for (name, endpoint) in self.spec.endpoints.iter() {
            let module = match naming::exact_snake(name) {
                Ok(ident) if !RESERVED_MODULE_NAMES.contains(&ident.name.as_str()) => {
                    if !modules.insert(ident.name.clone()) {
                        self.error(
                            name.span,
                            format!(
                                "endpoint `{}` collides with another endpoint's module name",
                                name.value
                            ),
                            "distinct snake_case names",
                        );
                    }
                    Some(ident)
                }
                _ => {
                    self.error(
                        name.span,
                        format!(
                            "endpoint name `{}` cannot be a Rust module name",
                            name.value
                        ),
                        format!(
                            "a snake_case identifier other than {}",
                            RESERVED_MODULE_NAMES.join(", ")
                        ),
                    );
                    None
                }
            };
            let docs = self.docs(&endpoint.doc, None, Some(&endpoint.source));
            let path_params = all(endpoint
                .path_params
                .iter()
                .map(|field| {
                    if !field.required {
                        self.error(
                            field.name.span,
                            format!("path parameter `{}` must be required", field.name.value),
                            "`required: true`",
                        );
                    }
                    self.param(field, "path")
                })
                .collect::<Vec<_>>());
            let path = self.path(&endpoint.path, &endpoint.path_params);
            let query = all(endpoint
                .query
                .iter()
                .map(|field| self.param(field, "query"))
                .collect::<Vec<_>>());
            let headers = all(endpoint
                .headers
                .iter()
                .map(|field| self.param(field, "header"))
                .collect::<Vec<_>>());
            let (common_headers, common_query): (&[crate::spec::Field], &[_]) = if endpoint.common {
                (&self.spec.common.headers, &self.spec.common.query)
            } else {
                (&[], &[])
            };
            let all_params = common_headers
                .iter()
                .chain(common_query)
                .chain(&endpoint.path_params)
                .chain(&endpoint.query)
                .chain(&endpoint.headers);
            // `Request` has a `body` field when the endpoint has a body.
            let reserved: &[&str] = if endpoint.body.is_some() {
                &["body"]
            } else {
                &[]
            };
            self.unique_rust_names(all_params, reserved);
            let body = match &endpoint.body {
                Some(body) => {
                    if endpoint.method.value == HttpMethod::Get {
                        self.error(
                            body.span,
                            "a GET request has no body",
                            "`query:` parameters instead of `body:`",
                        );
                    }
                    Some(self.object_ref(body, "body"))
                }
                None => None,
            };
            let response = endpoint
                .response
                .as_ref()
                .map(|response| self.object_ref(response, "response"));
            for code in &endpoint.errors {
                if !error_codes.contains(&code.value) {
                    self.error(
                        code.span,
                        format!(
                            "error code {} is not in this vendor's `errors:` table",
                            code.value
                        ),
                        "a code listed under `errors:`",
                    );
                }
            }
            let doc_url = self
                .spec
                .sources
                .get(&endpoint.source)
                .and_then(|source| source.url.as_ref())
                .map(|url| url.value.clone());
            let metadata = self.endpoint_metadata(endpoint);
            endpoints.push((|| {
                let metadata = metadata?;
                Some(ir::Endpoint {
                    name: name.value.clone(),
                    module: module?,
                    docs: docs?,
                    method: method(endpoint.method.value),
                    path_template: endpoint.path.value.text.clone(),
                    path: path?,
                    path_params: path_params?,
                    query: query?,
                    headers: headers?,
                    body: match body {
                        Some(body) => Some(body?),
                        None => None,
                    },
                    response: match response {
                        Some(response) => Some(response?),
                        None => None,
                    },
                    errors: endpoint.errors.iter().map(|code| code.value).collect(),
                    takes_context: endpoint.common,
                    doc_url,
                    rate_limit: metadata.rate_limit,
                    scopes: metadata.scopes,
                    pagination: metadata.pagination,
                    idempotency_key: metadata.idempotency_key,
                })
            })());
        }
        let mut endpoints = all(endpoints)?;
        endpoints.sort_by(|a, b| a.module.cmp(&b.module));
        Some(endpoints)
    }

    fn object_ref(&mut self, name: &Spanned<String>, what: &str) -> Option<RustIdent> {
        if self.kind_of(name) == Some(TypeKind::Object) {
            return Some(naming::type_ident(name));
        }
        self.error(
            name.span,
            format!(
                "{what} type `{}` is not an object type of this spec",
                name.value
            ),
            "the name of a `kind: object` type under `types:`",
        );
        None
    }

    fn path(
        &mut self,
        path: &Spanned<crate::spec::PathSyntax>,
        params: &[crate::spec::Field],
    ) -> Option<Vec<ir::PathSegment>> {
        let template = &path.value;
        if !template.text.starts_with('/') {
            self.error(
                path.span,
                "the path must start with `/`",
                "a path such as `/cgi/approval/get`",
            );
        }
        let segments = match &template.parsed {
            Ok(segments) => segments,
            Err(error) => {
                let span = fields::sub_span(path.span, &template.text, error.offset, 1);
                self.error(span, error.message, "`{name}` placeholders");
                return None;
            }
        };
        let mut out = Vec::with_capacity(segments.len());
        let mut used = BTreeSet::new();
        for segment in segments {
            match segment {
                Segment::Literal(text) => out.push(ir::PathSegment::Literal(text.clone())),
                Segment::Param(name, offset) => {
                    match params.iter().position(|p| p.name.value == *name) {
                        Some(index) if used.insert(index) => {
                            out.push(ir::PathSegment::Param(index));
                        }
                        Some(_) => self.error(
                            fields::sub_span(path.span, &template.text, *offset, name.len()),
                            format!("`{{{name}}}` appears twice in the path"),
                            "each path parameter once",
                        ),
                        None => self.error(
                            fields::sub_span(path.span, &template.text, *offset, name.len()),
                            format!("`{{{name}}}` in the path has no path parameter"),
                            format!("an entry `- name: {name}` under `path_params:`"),
                        ),
                    }
                }
            }
        }
        for (index, param) in params.iter().enumerate() {
            if !used.contains(&index) {
                self.error(
                    param.name.span,
                    format!(
                        "path parameter `{}` has no `{{{}}}` in the path",
                        param.name.value, param.name.value
                    ),
                    format!(
                        "`{{{}}}` somewhere in `{}`",
                        param.name.value, template.text
                    ),
                );
            }
        }
        Some(out)
    }
}

fn source_ref(source: &crate::spec::Source) -> ir::SourceRef {
    ir::SourceRef {
        title: source.title.value.clone(),
        url: source.url.as_ref().map(|u| u.value.clone()),
        file: source.file.as_ref().map(|f| f.value.clone()),
        section: source.section.as_ref().map(|s| s.value.clone()),
        updated: source.updated.as_ref().map(|s| s.value.clone()),
    }
}

fn method(method: HttpMethod) -> ir::Method {
    match method {
        HttpMethod::Get => ir::Method::Get,
        HttpMethod::Post => ir::Method::Post,
        HttpMethod::Put => ir::Method::Put,
        HttpMethod::Patch => ir::Method::Patch,
        HttpMethod::Delete => ir::Method::Delete,
    }
}
