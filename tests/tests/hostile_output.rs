//! Whatever the specs or the vendor send, the generator and the generated code stay safe:
//! identifiers cannot inject code, writes stay in the output directory, decoders are total,
//! output is deterministic, and secrets never reach `Debug`, `Display`, validation errors or
//! diagnostics.

use approval_api::runtime::{Endpoint, Secret, Validate};
use approval_codegen::diagnostic::{SourceMap, render_all};
use approval_codegen::format::Style;
use approval_codegen::write::{RenderedFile, WriteError};
use approval_codegen::{check, load, render};
use proc_macro2::{TokenStream, TokenTree};
use std::path::{Path, PathBuf};

/// A small spec with `NAME` substituted in one position.
fn spec_with(position: &str, name: &str) -> String {
    let quoted = serde_json::to_string(name).unwrap();
    let (type_name, field, value, endpoint, rust_name) = match position {
        "type" => (quoted.as_str(), "\"id\"", "\"a\"", "\"get\"", "null"),
        "field" => ("\"Thing\"", quoted.as_str(), "\"a\"", "\"get\"", "null"),
        "enum value" => ("\"Thing\"", "\"id\"", quoted.as_str(), "\"get\"", "null"),
        "endpoint" => ("\"Thing\"", "\"id\"", "\"a\"", quoted.as_str(), "null"),
        _ => ("\"Thing\"", "\"id\"", "\"a\"", "\"get\"", quoted.as_str()),
    };
    let rust_name_line = if rust_name == "null" {
        String::new()
    } else {
        format!("\n        rust_name: {rust_name}")
    };
    format!(
        r#"vendor: demo
title: Demo
doc: Demo.
base_url: https://example.invalid
sources:
  page: {{title: Page, url: "https://example.invalid"}}
envelope: {{style: inline, code: code, message: msg, success: 0, doc: Env., source: page}}
types:
  {type_name}:
    kind: object
    doc: A thing.
    source: page
    fields:
      - name: {field}{rust_name_line}
        type: Kind
        required: true
        doc: A field.
  Kind:
    kind: enum
    repr: string
    doc: Kinds.
    source: page
    values:
      - value: {value}
        doc: A value.
endpoints:
  {endpoint}:
    doc: Gets.
    source: page
    method: POST
    path: /get
    body: {type_name}
"#
    )
}

/// Code tokens (identifiers and punctuation, not literals or doc text), flattened.
fn code_tokens(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Punct(punct) => out.push(punct.as_char().to_string()),
            TokenTree::Group(group) => code_tokens(group.stream(), out),
            TokenTree::Literal(_) => out.push("<literal>".to_owned()),
        }
    }
}

const HOSTILE: [&str; 16] = [
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "9lives",
    "a::b",
    "x\"y",
    "*/ fn evil() {} /*",
    "line\nbreak",
    "r#type",
    "\"; fn evil() {} //",
    "fooBar",
    "审批",
    "evil!()",
    "",
];

#[test]
fn hostile_names_become_diagnostics_or_safe_identifiers() {
    for position in ["type", "field", "enum value", "endpoint", "rust_name"] {
        for name in HOSTILE {
            let text = spec_with(position, name);
            let mut sources = SourceMap::default();
            let loaded = match load::load_text("demo.yaml".into(), text.clone(), &mut sources) {
                Ok(loaded) => loaded,
                Err(_) => continue,
            };
            let checked = match check::check(vec![loaded]) {
                Ok(checked) => checked,
                Err(diagnostics) => {
                    let rendered = render_all(&diagnostics, &sources);
                    assert!(
                        rendered.contains("demo.yaml:"),
                        "{position} {name:?}: {rendered}"
                    );
                    continue;
                }
            };
            let files = render(&checked, Style::PrettyPlease, None).unwrap_or_else(|e| {
                panic!("{position} {name:?}: accepted but generated broken code: {e}")
            });
            for file in files
                .iter()
                .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
            {
                let tokens: TokenStream = file
                    .text
                    .parse()
                    .unwrap_or_else(|e| panic!("{position} {name:?}: {e:?}"));
                let mut code = Vec::new();
                code_tokens(tokens, &mut code);
                let injected = code
                    .windows(2)
                    .any(|w| (w[0] == "fn" && w[1] == "evil") || (w[0] == "evil" && w[1] == "!"));
                assert!(
                    !injected,
                    "{position} {name:?}: injected code into {}",
                    file.path.display()
                );
                assert!(
                    !code.iter().any(|n| n == "__invalid_identifier"),
                    "{position} {name:?}: fell back to an invalid name"
                );
            }
        }
    }
}

#[test]
fn names_that_collide_after_case_conversion_are_reported() {
    let text = spec_with("field", "fooBar").replace(
        "        doc: A field.\n",
        "        doc: A field.\n      - name: foo_bar\n        type: string\n        doc: Collides.\n",
    );
    let mut sources = SourceMap::default();
    let loaded = load::load_text("demo.yaml".into(), text, &mut sources).unwrap();
    let rendered = render_all(&check::diagnostics(vec![loaded]), &sources);
    assert!(
        rendered.contains("both become the Rust name `foo_bar`"),
        "{rendered}"
    );
}

#[test]
fn writes_stay_inside_the_output_directory() {
    let scratch = std::env::temp_dir().join(format!("approval-contain-{}", std::process::id()));
    let out = scratch.join("generated");
    std::fs::create_dir_all(&out).unwrap();
    for path in [
        "../escaped.rs",
        "../../escaped.rs",
        "/tmp/escaped-absolute.rs",
        "src/../../escaped.rs",
        "",
    ] {
        let file = RenderedFile {
            path: PathBuf::from(path),
            text: "// @generated\n".into(),
        };
        let result = approval_codegen::write::write(&out, &[file]);
        assert!(
            matches!(result, Err(WriteError::OutsideOutput(_))),
            "{path:?} must be refused: {result:?}"
        );
    }
    assert!(!scratch.join("escaped.rs").exists());
    assert!(!Path::new("/tmp/escaped-absolute.rs").exists());
    // A vendor name that looks like a path never reaches the writer: it is not an identifier.
    let text = spec_with("type", "Thing").replace("vendor: demo", "vendor: ../../x");
    let mut sources = SourceMap::default();
    let loaded = load::load_text("demo.yaml".into(), text, &mut sources).unwrap();
    assert!(!check::diagnostics(vec![loaded]).is_empty());
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn output_does_not_depend_on_the_order_of_types_and_endpoints() {
    let generate = |text: String| {
        let mut sources = SourceMap::default();
        let loaded = load::load_text("synthetic.yaml".into(), text, &mut sources).unwrap();
        render(
            &check::check(vec![loaded]).unwrap(),
            Style::PrettyPlease,
            None,
        )
        .unwrap()
    };
    let forward = generate(approval_tests::synthetic::spec_in_order(12, false));
    let reversed = generate(approval_tests::synthetic::spec_in_order(12, true));
    assert_ne!(
        approval_tests::synthetic::spec_in_order(12, false),
        approval_tests::synthetic::spec_in_order(12, true)
    );
    assert_eq!(forward, reversed);
}

fn decode_everything(body: &[u8]) {
    use approval_api::{feishu, fxiaoke_71360 as f, fxiaoke_crm, ikcrm};
    let _ = fxiaoke_crm::approval_task_action::Request::decode_response(200, body);
    let _ = f::approval_type_forms_get::Request::decode_response(200, body);
    let _ = f::approval_query::Request::decode_response(200, body);
    let _ = f::approval_get::Request::decode_response(200, body);
    let _ = ikcrm::execute_records_detail::Request::decode_response(200, body);
    let _ = feishu::instance_create::Request::decode_response(200, body);
    let _ = serde_json::from_slice::<feishu::types::InstanceCreateBody>(body);
    let _ = serde_json::from_slice::<Vec<feishu::types::Widget>>(body);
    let _ = serde_json::from_slice::<f::types::Approval>(body);
}

/// Random documents are `tests/tests/properties.rs` (proptest, every endpoint); these are the
/// nesting depths a random generator does not reach.
#[test]
fn generated_decoders_are_total_on_deep_nesting() {
    // Deep nesting, inside and outside the union that nests itself (Feishu fieldList).
    let deep_array = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    decode_everything(deep_array.as_bytes());
    let mut widget = r#"{"id":"w","type":"input","value":"x"}"#.to_owned();
    for _ in 0..300 {
        widget = format!(r#"{{"id":"w","type":"fieldList","value":[[{widget}]]}}"#);
    }
    decode_everything(format!("[{widget}]").as_bytes());
    decode_everything(
        format!(
            r#"{{"code":0,"msg":"","data":{}}}"#,
            "{\"a\":".repeat(50_000)
        )
        .as_bytes(),
    );
}

#[test]
fn secrets_never_reach_debug_display_or_validation_errors() {
    use approval_api::{feishu, fxiaoke_71360 as f, fxiaoke_crm, ikcrm};
    const TOKEN: &str = "tok-SECRET-0123456789";
    let shown = |text: String, what: &str| {
        assert!(!text.contains(TOKEN), "{what} shows the secret: {text}")
    };

    let crm_body: fxiaoke_crm::types::ApprovalTaskActionBody = serde_json::from_str(
        &approval_tests::fixture("fxiaoke_crm/approval_task_action.request.json"),
    )
    .unwrap();
    use approval_api::runtime::endpoint::Context as _;
    let crm = fxiaoke_crm::approval_task_action::Request::new(crm_body);
    let crm_context =
        fxiaoke_crm::Context::new(TOKEN.into(), "ea".into(), "u".into(), "bad-uuid".into());
    shown(
        format!("{crm:?} {crm_context:?} {:?}", crm_context.headers()),
        "fxiaoke_crm request",
    );
    shown(
        crm_context.validate().unwrap_err().to_string(),
        "fxiaoke_crm validation",
    );

    let feishu_body: feishu::types::InstanceCreateBody = serde_json::from_str(
        &approval_tests::fixture("feishu/instance_create/request.json"),
    )
    .unwrap();
    let feishu = feishu::instance_create::Request::new(feishu_body);
    let feishu_context = feishu::Context::new(TOKEN.into());
    shown(
        format!(
            "{feishu:?} {feishu_context:?} {:?}",
            feishu_context.headers()
        ),
        "feishu request",
    );
    feishu.validate().expect("the page example is valid");
    shown(
        feishu_context.validate().unwrap_err().to_string(),
        "feishu validation",
    );

    let token_body: feishu::types::TenantAccessTokenBody =
        serde_json::from_value(serde_json::json!({"app_id": "cli", "app_secret": TOKEN})).unwrap();
    let token_request = feishu::auth_tenant_access_token::Request::new(token_body.clone());
    shown(
        format!("{token_body:?} {token_request:?}"),
        "feishu token body",
    );
    let token: feishu::types::TenantAccessTokenResponse = serde_json::from_value(
        serde_json::json!({"code": 0, "msg": "ok", "tenant_access_token": TOKEN, "expire": 7200}),
    )
    .unwrap();
    shown(format!("{token:?}"), "feishu token response");
    assert!(serde_json::to_string(&token).unwrap().contains(TOKEN));

    let ikcrm = ikcrm::execute_records_detail::Request::new(ikcrm::types::EntityType::Lead, 1);
    let ikcrm_context =
        ikcrm::Context::new(ikcrm::types::Platform::Ikcrm, "crm".into(), TOKEN.into());
    shown(
        format!("{ikcrm:?} {ikcrm_context:?} {:?}", ikcrm_context.headers()),
        "ikcrm request",
    );

    let mut query: f::types::ApprovalQueryBody = serde_json::from_str(&approval_tests::fixture(
        "fxiaoke_71360/approval_query.request.json",
    ))
    .unwrap();
    query.corp_access_token = Secret::from(TOKEN);
    shown(format!("{query:?}"), "71360 query body");
    let get: f::types::ApprovalGetBody = serde_json::from_value(
        serde_json::json!({"corpAccessToken": TOKEN, "corpId": "c", "approvalId": 1}),
    )
    .unwrap();
    shown(format!("{get:?}"), "71360 get body");
    let forms: f::types::ApprovalTypeFormsGetBody =
        serde_json::from_value(serde_json::json!({"corpAccessToken": TOKEN, "corpId": "c"}))
            .unwrap();
    shown(format!("{forms:?}"), "71360 forms body");
    // The wire still carries it.
    assert!(serde_json::to_string(&forms).unwrap().contains(TOKEN));

    // Fxiaoke's legacy style: credentials in bodies, and the token in the token call's payload.
    let token_body: fxiaoke_crm::types::CorpAccessTokenGetBody = serde_json::from_value(
        serde_json::json!({"appId": "a", "appSecret": TOKEN, "permanentCode": TOKEN}),
    )
    .unwrap();
    shown(format!("{token_body:?}"), "fxiaoke_crm token body");
    let token: fxiaoke_crm::types::CorpAccessTokenGetResponse = serde_json::from_value(
        serde_json::json!({"corpAccessToken": TOKEN, "corpId": "c", "expiresIn": 7200}),
    )
    .unwrap();
    shown(format!("{token:?}"), "fxiaoke_crm token payload");
    let legacy_query: fxiaoke_crm::types::ApprovalInstancesQueryBody = serde_json::from_value(
        serde_json::json!({"corpAccessToken": TOKEN, "flowApiName": "f", "startTime": 1, "endTime": 2}),
    )
    .unwrap();
    shown(format!("{legacy_query:?}"), "fxiaoke_crm legacy query body");
    assert!(
        serde_json::to_string(&legacy_query)
            .unwrap()
            .contains(TOKEN)
    );
}

#[test]
fn every_secret_field_is_covered_by_the_secret_test() {
    // Adding a secret field to a spec without extending the test above fails here.
    let root = approval_tests::workspace_root();
    let checked = approval_codegen::load_checked(&root.join("specs"), &root).unwrap();
    let ir = checked.ir();
    let mut secrets: Vec<String> = Vec::new();
    for vendor in &ir.vendors {
        let context = vendor.context_headers.iter().chain(&vendor.context_query);
        for field in vendor
            .endpoints
            .iter()
            .flat_map(|e| e.headers.iter().chain(&e.query))
            .chain(context)
        {
            if field.secret {
                secrets.push(format!("{}:{}", vendor.module.name, field.wire));
            }
        }
        for named in &vendor.types {
            if let approval_codegen::ir::TypeKind::Object(object) = &named.kind {
                for field in object.fields.iter().filter(|f| f.secret) {
                    secrets.push(format!(
                        "{}:{}.{}",
                        vendor.module.name, named.ident.name, field.wire
                    ));
                }
            }
        }
    }
    secrets.sort();
    secrets.dedup();
    assert_eq!(
        secrets,
        [
            "feishu:Authorization",
            "feishu:TenantAccessTokenBody.app_secret",
            "feishu:TenantAccessTokenResponse.tenant_access_token",
            "fxiaoke_71360:ApprovalGetBody.corpAccessToken",
            "fxiaoke_71360:ApprovalQueryBody.corpAccessToken",
            "fxiaoke_71360:ApprovalTypeFormsGetBody.corpAccessToken",
            "fxiaoke_crm:ApprovalInstancesQueryBody.corpAccessToken",
            "fxiaoke_crm:CorpAccessTokenGetBody.appSecret",
            "fxiaoke_crm:CorpAccessTokenGetBody.permanentCode",
            "fxiaoke_crm:CorpAccessTokenGetResponse.corpAccessToken",
            "fxiaoke_crm:authorization",
            "ikcrm:ACCESS-TOKEN",
        ]
    );
}

#[test]
fn spec_diagnostics_never_echo_a_secret_default() {
    let text = spec_with("field", "token").replace(
        "        type: Kind\n        required: true\n",
        "        type: string\n        secret: true\n        default: tok-SECRET-in-spec\n",
    );
    let mut sources = SourceMap::default();
    let loaded = load::load_text("demo.yaml".into(), text, &mut sources).unwrap();
    let diagnostics = check::diagnostics(vec![loaded]);
    let messages: String = diagnostics
        .iter()
        .map(|d| format!("{} {:?}", d.message, d.expected))
        .collect();
    assert!(
        !diagnostics.is_empty(),
        "a secret field cannot have a default"
    );
    assert!(!messages.contains("tok-SECRET-in-spec"), "{messages}");
}
