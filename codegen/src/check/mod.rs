//! Stage 3, checking: the semantic rules a spec must follow beyond its YAML shape. Every
//! problem in every file is reported, each at the place it was written.

mod fields;
mod types;

use crate::diagnostic::{Diagnostic, FileId};
use crate::load::LoadedSpec;
use crate::naming::{self, RESERVED_MODULE_NAMES};
use crate::spec::{EnvelopeStyle, HttpMethod, Span, Spanned, SpecFile, TypeDef, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// Checks every loaded spec, returning all problems found (empty when the specs are sound).
pub fn check(specs: &[LoadedSpec]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut vendors: BTreeMap<String, Span> = BTreeMap::new();
    for loaded in specs {
        let mut checker = Checker::new(loaded.file, &loaded.spec, &mut diagnostics);
        checker.check_spec();
        let vendor = &loaded.spec.vendor;
        if vendors.insert(vendor.value.clone(), vendor.span).is_some() {
            diagnostics.push(
                Diagnostic::new(
                    loaded.file,
                    vendor.span,
                    format!(
                        "vendor `{}` is defined by another spec file too",
                        vendor.value
                    ),
                )
                .expected("one spec file per vendor"),
            );
        }
    }
    diagnostics
}

/// Checks one spec file.
pub(crate) struct Checker<'a> {
    file: FileId,
    spec: &'a SpecFile,
    types: BTreeMap<&'a str, &'a TypeDef>,
    diagnostics: &'a mut Vec<Diagnostic>,
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
        }
    }

    pub(crate) fn error(
        &mut self,
        span: Span,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(self.file, span, message).expected(expected));
    }

    pub(crate) fn type_def(&self, name: &str) -> Option<&'a TypeDef> {
        self.types.get(name).copied()
    }

    pub(crate) fn kind_of(&self, name: &str) -> Option<TypeKind> {
        self.type_def(name).map(|def| def.kind.value)
    }

    fn check_spec(&mut self) {
        let spec = self.spec;
        match naming::exact_snake(&spec.vendor) {
            Ok(ident) if !ident.raw && ident.name == spec.vendor.value => {}
            _ => self.error(
                spec.vendor.span,
                format!(
                    "vendor name `{}` cannot be a Rust module name",
                    spec.vendor.value
                ),
                "a snake_case name such as `fxiaoke_crm`",
            ),
        }
        self.non_empty(&spec.title, "title");
        self.non_empty(&spec.doc, "doc");
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
        self.check_envelope();
        self.check_errors();
        for field in &spec.common.headers {
            self.check_param(field, "header");
        }
        for field in &spec.common.query {
            self.check_param(field, "query");
        }
        self.check_types();
        self.check_endpoints();
    }

    pub(crate) fn non_empty(&mut self, value: &Spanned<String>, what: &str) {
        if value.trim().is_empty() {
            self.error(value.span, format!("`{what}` is empty"), "some text");
        }
    }

    pub(crate) fn source(&mut self, key: &Spanned<String>) {
        if self.spec.sources.get(key).is_none() {
            let known: Vec<&str> = self
                .spec
                .sources
                .iter()
                .map(|(k, _)| k.value.as_str())
                .collect();
            self.error(
                key.span,
                format!("unknown source `{}`", key.value),
                format!("one of the keys under `sources:`: {}", known.join(", ")),
            );
        }
    }

    fn check_envelope(&mut self) {
        let envelope = &self.spec.envelope;
        self.source(&envelope.source);
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
            _ => {}
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
        for field in &envelope.fields {
            self.check_field(field, "envelope field");
        }
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
    }

    fn check_errors(&mut self) {
        let mut codes = BTreeSet::new();
        let mut names = BTreeSet::new();
        for error in &self.spec.errors {
            self.source(&error.source);
            if !codes.insert(error.code.value) {
                self.error(
                    error.code.span,
                    format!("error code {} is listed twice", error.code.value),
                    "each code once",
                );
            }
            match naming::exact_camel(&error.name) {
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
                }
                _ => self.error(
                    error.name.span,
                    format!("`{}` cannot name an error variant", error.name.value),
                    "an UpperCamelCase identifier other than `Unknown`",
                ),
            }
        }
    }

    fn check_endpoints(&mut self) {
        let error_codes: BTreeSet<i64> = self
            .spec
            .errors
            .iter()
            .map(|error| error.code.value)
            .collect();
        let mut modules = BTreeSet::new();
        for (name, endpoint) in self.spec.endpoints.iter() {
            match naming::exact_snake(name) {
                Ok(ident) if !RESERVED_MODULE_NAMES.contains(&ident.name.as_str()) => {
                    if !modules.insert(ident.name) {
                        self.error(
                            name.span,
                            format!(
                                "endpoint `{}` collides with another endpoint's module name",
                                name.value
                            ),
                            "distinct snake_case names",
                        );
                    }
                }
                _ => self.error(
                    name.span,
                    format!(
                        "endpoint name `{}` cannot be a Rust module name",
                        name.value
                    ),
                    format!(
                        "a snake_case identifier other than {}",
                        RESERVED_MODULE_NAMES.join(", ")
                    ),
                ),
            }
            self.source(&endpoint.source);
            self.non_empty(&endpoint.doc, "doc");
            self.check_path(&endpoint.path, &endpoint.path_params);
            for field in &endpoint.path_params {
                if !field.required {
                    self.error(
                        field.name.span,
                        format!("path parameter `{}` must be required", field.name.value),
                        "`required: true`",
                    );
                }
                self.check_param(field, "path");
            }
            for field in &endpoint.query {
                self.check_param(field, "query");
            }
            for field in &endpoint.headers {
                self.check_param(field, "header");
            }
            let mut all_params: Vec<&crate::spec::Field> = self
                .spec
                .common
                .headers
                .iter()
                .chain(&self.spec.common.query)
                .collect();
            all_params.extend(
                endpoint
                    .path_params
                    .iter()
                    .chain(&endpoint.query)
                    .chain(&endpoint.headers),
            );
            // `Request` has a `body` field when the endpoint has a body.
            let reserved: &[&str] = if endpoint.body.is_some() {
                &["body"]
            } else {
                &[]
            };
            self.unique_rust_names(all_params.iter().copied(), reserved);
            if let Some(body) = &endpoint.body {
                if endpoint.method.value == HttpMethod::Get {
                    self.error(
                        body.span,
                        "a GET request has no body",
                        "`query:` parameters instead of `body:`",
                    );
                }
                self.object_ref(body, "body");
            }
            if let Some(response) = &endpoint.response {
                self.object_ref(response, "response");
            }
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
        }
    }

    fn object_ref(&mut self, name: &Spanned<String>, what: &str) {
        if self.kind_of(name) != Some(TypeKind::Object) {
            self.error(
                name.span,
                format!(
                    "{what} type `{}` is not an object type of this spec",
                    name.value
                ),
                "the name of a `kind: object` type under `types:`",
            );
        }
    }

    fn check_path(&mut self, path: &Spanned<String>, params: &[crate::spec::Field]) {
        if !path.starts_with('/') {
            self.error(
                path.span,
                "the path must start with `/`",
                "a path such as `/cgi/approval/get`",
            );
        }
        let mut placeholders = BTreeSet::new();
        let mut rest = path.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                self.error(
                    path.span,
                    "unclosed `{` in the path",
                    "`{name}` placeholders",
                );
                break;
            };
            placeholders.insert(rest[open + 1..open + close].to_owned());
            rest = &rest[open + close + 1..];
        }
        for param in params {
            if !placeholders.remove(param.name.as_str()) {
                self.error(
                    param.name.span,
                    format!(
                        "path parameter `{}` has no `{{{}}}` in the path",
                        param.name.value, param.name.value
                    ),
                    format!("`{{{}}}` somewhere in `{}`", param.name.value, path.value),
                );
            }
        }
        for missing in placeholders {
            self.error(
                path.span,
                format!("`{{{missing}}}` in the path has no path parameter"),
                format!("an entry `- name: {missing}` under `path_params:`"),
            );
        }
    }
}
