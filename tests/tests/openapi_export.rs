//! The OpenAPI export: the checked-in documents are what the specs produce (a stale checkout
//! fails `cargo test`, like the codegen check), and every operation, parameter and schema of
//! each spec appears in its export, read back from the files on disk and compared with the IR.

use approval_codegen::ir::{Field, Ty, TypeKind, Vendor, WireValue};
use approval_codegen::openapi::{self, Version};
use serde_json::Value;
use std::path::PathBuf;

fn checked() -> approval_codegen::check::Checked {
    let root = approval_tests::workspace_root();
    approval_codegen::load_checked(&root.join("specs"), &root).unwrap_or_else(|e| panic!("{e}"))
}

fn read_document(vendor: &Vendor, version: Version) -> Value {
    let path = approval_tests::workspace_root()
        .join(openapi::OUT_DIR)
        .join(openapi::file_name(&vendor.module.name, version));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask openapi`", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn openapi_documents_are_up_to_date() {
    let root = approval_tests::workspace_root();
    let staleness = openapi::run(&root, &root.join(openapi::OUT_DIR), &Version::ALL, true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        staleness.is_clean(),
        "OpenAPI documents are stale; run `cargo xtask openapi`.\nchanged: {:?}\nremoved: {:?}",
        staleness.changed,
        staleness.removed
    );
}

#[test]
fn export_is_deterministic() {
    let checked = checked();
    let first = openapi::export(checked.ir(), &Version::ALL).unwrap_or_else(|e| panic!("{e}"));
    let second = openapi::export(checked.ir(), &Version::ALL).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first, second);
    assert_eq!(first.len(), checked.ir().vendors.len() * 2);
}

/// The schema `#/components/schemas/<name>` points at.
fn component<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc.pointer(&format!("/components/schemas/{}", name.replace('/', "~1")))
        .unwrap_or_else(|| panic!("no component schema `{name}`"))
}

fn reference(name: &str) -> Value {
    Value::String(format!("#/components/schemas/{name}"))
}

/// Whether `needle` occurs anywhere inside `value` (a `$ref` nested in `allOf`, …).
fn contains(value: &Value, needle: &Value) -> bool {
    value == needle
        || match value {
            Value::Array(items) => items.iter().any(|v| contains(v, needle)),
            Value::Object(map) => map.values().any(|v| contains(v, needle)),
            _ => false,
        }
}

fn wire(value: &WireValue) -> Value {
    match value {
        WireValue::Int(n) => Value::from(*n),
        WireValue::Str(s) => Value::from(s.as_str()),
    }
}

/// The named types a type mentions, so a field's schema can be checked to refer to them.
fn named_in(ty: &Ty, out: &mut Vec<String>) {
    match ty {
        Ty::Named(name) => out.push(name.name.clone()),
        Ty::List(inner) | Ty::Map(inner) | Ty::Lenient(inner) | Ty::JsonString(inner) => {
            named_in(inner, out)
        }
        Ty::Scalar(_) => {}
    }
}

fn check_field_refs(field: &Field, schema: &Value, place: &str) {
    let mut names = Vec::new();
    named_in(&field.ty, &mut names);
    for name in names {
        assert!(
            contains(schema, &reference(&name)),
            "{place}: `{}` does not refer to `{name}`: {schema}",
            field.wire
        );
    }
}

/// Whether some object schema inside `schema` has the property `code` fixed to `success`.
fn success_code_in(schema: &Value, code: &str, success: i64) -> bool {
    match schema {
        Value::Object(map) => {
            map.get("properties")
                .and_then(|p| p.get(code))
                .is_some_and(|c| c["enum"] == Value::Array(vec![Value::from(success)]))
                || map.values().any(|v| success_code_in(v, code, success))
        }
        Value::Array(items) => items.iter().any(|v| success_code_in(v, code, success)),
        _ => false,
    }
}

fn check_operations(vendor: &Vendor, doc: &Value, tag: &str) {
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            operations.push((path.clone(), method.clone(), op.clone()));
        }
    }
    assert_eq!(
        operations.len(),
        vendor.endpoints.len(),
        "{tag}: one operation per endpoint"
    );
    let common_params = doc.pointer("/components/parameters");
    let schemes = doc.pointer("/components/securitySchemes");
    for endpoint in &vendor.endpoints {
        let (path, method, op) = operations
            .iter()
            .find(|(_, _, op)| op["operationId"] == endpoint.name.as_str())
            .unwrap_or_else(|| panic!("{tag}: no operation `{}`", endpoint.name));
        let place = format!("{tag} {}", endpoint.name);
        assert_eq!(method.to_uppercase(), endpoint.method.as_str(), "{place}");
        assert_eq!(path, &endpoint.path_template, "{place}: path");
        let parameters = op["parameters"].as_array().cloned().unwrap_or_default();
        let located = [
            (&endpoint.path_params, "path"),
            (&endpoint.query, "query"),
            (&endpoint.headers, "header"),
        ];
        for (fields, location) in located {
            for field in fields {
                let parameter = parameters
                    .iter()
                    .find(|p| p["name"] == field.wire.as_str() && p["in"] == location)
                    .unwrap_or_else(|| panic!("{place}: no {location} parameter `{}`", field.wire));
                let required = location == "path" || field.presence.is_required();
                assert_eq!(
                    parameter["required"], required,
                    "{place}: `{}` required",
                    field.wire
                );
                check_field_refs(field, &parameter["schema"], &place);
            }
        }
        let own = endpoint.path_params.len() + endpoint.query.len() + endpoint.headers.len();
        if endpoint.takes_context {
            let common = vendor.context_headers.iter().chain(&vendor.context_query);
            for field in common {
                if field.secret {
                    let scheme = schemes
                        .and_then(|s| s.as_object())
                        .and_then(|s| s.values().find(|s| s["name"] == field.wire.as_str()))
                        .unwrap_or_else(|| panic!("{place}: no security scheme `{}`", field.wire));
                    assert_eq!(scheme["type"], "apiKey");
                    let required = op["security"][0].as_object().expect("a requirement");
                    assert!(
                        required.keys().any(|k| schemes.unwrap()[k] == *scheme),
                        "{place}: `{}` not required by the operation",
                        field.wire
                    );
                } else {
                    let (key, _) = common_params
                        .and_then(|p| p.as_object())
                        .and_then(|p| p.iter().find(|(_, p)| p["name"] == field.wire.as_str()))
                        .unwrap_or_else(|| panic!("{place}: no common parameter `{}`", field.wire));
                    let wanted = Value::String(format!("#/components/parameters/{key}"));
                    assert!(
                        parameters.iter().any(|p| p["$ref"] == wanted),
                        "{place}: common parameter `{}` not referenced",
                        field.wire
                    );
                }
            }
        } else {
            assert_eq!(parameters.len(), own, "{place}: no common parameters");
            assert_eq!(
                op["security"],
                Value::Array(Vec::new()),
                "{place}: no credentials"
            );
        }
        match &endpoint.body {
            Some(body) => assert_eq!(
                op.pointer("/requestBody/content/application~1json/schema/$ref"),
                Some(&reference(&body.name)),
                "{place}: body"
            ),
            None => assert!(op.get("requestBody").is_none(), "{place}: no body"),
        }
        let success = &op["responses"]["200"]["content"]["application/json"]["schema"];
        assert!(
            success_code_in(success, &vendor.envelope.code, vendor.envelope.success),
            "{place}: 200 carries the success envelope: {success}"
        );
        if let Some(response) = &endpoint.response {
            assert!(
                contains(success, &reference(&response.name)),
                "{place}: 200 names the payload `{}`",
                response.name
            );
        }
        for code in &endpoint.errors {
            let entry = vendor
                .errors
                .iter()
                .find(|e| e.code == *code)
                .expect("in table");
            let status = entry
                .http_status
                .map_or("default".to_owned(), |s| s.to_string());
            let listed = &op["responses"][status.as_str()]["x-error-codes"];
            assert!(
                contains(listed, &Value::from(*code)),
                "{place}: error {code} under response {status}"
            );
        }
    }
}

fn check_schemas(vendor: &Vendor, doc: &Value, tag: &str) {
    for named in &vendor.types {
        let name = &named.ident.name;
        let schema = component(doc, name);
        let place = format!("{tag} {name}");
        match &named.kind {
            TypeKind::Object(object) => {
                for field in &object.fields {
                    if field.flatten {
                        check_field_refs(field, schema, &place);
                        continue;
                    }
                    let own = schema
                        .get("allOf")
                        .and_then(|parts| parts.as_array()?.last().cloned())
                        .unwrap_or_else(|| schema.clone());
                    let property = own
                        .pointer(&format!("/properties/{}", field.wire.replace('/', "~1")))
                        .unwrap_or_else(|| panic!("{place}: no property `{}`", field.wire));
                    check_field_refs(field, property, &place);
                    let required = own["required"]
                        .as_array()
                        .is_some_and(|r| r.contains(&Value::from(field.wire.as_str())));
                    assert_eq!(
                        required,
                        field.presence.is_required(),
                        "{place}.{}",
                        field.wire
                    );
                }
                if !object.rules.is_empty() {
                    let rules = schema["x-object-rules"].as_array().expect("x-object-rules");
                    assert_eq!(rules.len(), object.rules.len(), "{place}: rules");
                }
            }
            TypeKind::Enum(e) => {
                let values: Vec<Value> = e.values.iter().map(|v| wire(&v.wire)).collect();
                assert_eq!(schema["enum"], Value::Array(values), "{place}: values");
                assert_eq!(schema["x-open-enum"], true, "{place}: open");
            }
            TypeKind::Newtype(_) => assert!(schema.get("type").is_some(), "{place}"),
            TypeKind::TaggedUnion(union) => {
                let mapping = &schema["discriminator"]["mapping"];
                assert_eq!(schema["discriminator"]["propertyName"], union.tag.as_str());
                assert_eq!(
                    mapping.as_object().map(|m| m.len()),
                    Some(union.variants.len()),
                    "{place}: one mapping per member"
                );
                for variant in &union.variants {
                    let target = mapping[variant.wire.as_str()]
                        .as_str()
                        .unwrap_or_else(|| panic!("{place}: no mapping for `{}`", variant.wire));
                    let member = doc
                        .pointer(&target.replacen('#', "", 1))
                        .unwrap_or_else(|| panic!("{place}: mapping target {target} missing"));
                    assert!(contains(member, &reference(&variant.ty.name)), "{place}");
                    assert!(
                        contains(member, &Value::from(variant.wire.as_str())),
                        "{place}"
                    );
                }
            }
            TypeKind::SiblingUnion(union) => {
                let sibling = &schema["x-sibling-discriminator"];
                assert_eq!(sibling["propertyName"], union.discriminator.as_str());
                for (member, _) in &union.variants {
                    assert_eq!(
                        sibling["mapping"][member.wire.as_str()],
                        reference(&member.ty.name),
                        "{place}: `{}`",
                        member.wire
                    );
                }
            }
        }
    }
    let codes = &component(doc, "Envelope.ErrorCode")["enum"];
    for entry in &vendor.errors {
        assert!(
            contains(codes, &Value::from(entry.code)),
            "{tag}: error code {}",
            entry.code
        );
    }
}

/// Every key named `key`, anywhere in the document.
fn count_key(value: &Value, key: &str) -> usize {
    match value {
        Value::Object(map) => {
            usize::from(map.contains_key(key))
                + map.values().map(|v| count_key(v, key)).sum::<usize>()
        }
        Value::Array(items) => items.iter().map(|v| count_key(v, key)).sum(),
        _ => 0,
    }
}

fn type_arrays(value: &Value) -> usize {
    match value {
        Value::Object(map) => {
            usize::from(map.get("type").is_some_and(Value::is_array))
                + map.values().map(type_arrays).sum::<usize>()
        }
        Value::Array(items) => items.iter().map(type_arrays).sum(),
        _ => 0,
    }
}

#[test]
fn every_operation_parameter_and_schema_of_each_spec_is_in_its_export() {
    let checked = checked();
    for vendor in &checked.ir().vendors {
        for version in Version::ALL {
            let doc = read_document(vendor, version);
            let tag = openapi::file_name(&vendor.module.name, version);
            assert_eq!(doc["openapi"], version.openapi(), "{tag}");
            check_operations(vendor, &doc, &tag);
            check_schemas(vendor, &doc, &tag);
        }
    }
}

#[test]
fn nullable_is_spelled_per_version() {
    let checked = checked();
    let mut nullable_fields = 0;
    for vendor in &checked.ir().vendors {
        let v30 = read_document(vendor, Version::V3_0);
        let v31 = read_document(vendor, Version::V3_1);
        assert_eq!(
            type_arrays(&v30),
            0,
            "{}: 3.0 has no type arrays",
            vendor.module.name
        );
        assert_eq!(
            count_key(&v31, "nullable"),
            0,
            "{}: 3.1 has no `nullable`",
            vendor.module.name
        );
        nullable_fields += count_key(&v30, "nullable");
    }
    assert!(
        nullable_fields > 0,
        "the specs have nullable fields, so 3.0 says `nullable`"
    );
}

#[test]
fn the_fxiaoke_cloud_domain_is_a_server_variable() {
    let checked = checked();
    let vendor = checked
        .ir()
        .vendors
        .iter()
        .find(|v| v.module.name == "fxiaoke_crm")
        .expect("fxiaoke_crm");
    let doc = read_document(vendor, Version::V3_1);
    assert_eq!(doc["servers"][0]["url"], "https://{cloud_domain}");
    assert!(doc["servers"][0]["variables"]["cloud_domain"]["default"].is_string());
}

#[test]
fn check_mode_reports_stale_documents_and_leaves_other_files_alone() {
    let root = approval_tests::workspace_root();
    let scratch: PathBuf =
        std::env::temp_dir().join(format!("approval-openapi-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let written = openapi::run(&root, &scratch, &[Version::V3_1], false).expect("writes");
    assert_eq!(written.changed.len(), checked().ir().vendors.len());
    assert!(
        openapi::run(&root, &scratch, &[Version::V3_1], true)
            .expect("checks")
            .is_clean()
    );
    let edited = scratch.join("ikcrm.3.1.json");
    std::fs::write(&edited, "{}\n").expect("edit");
    let unrelated = scratch.join("notes.3.1.json");
    std::fs::write(&unrelated, "{\"mine\": true}\n").expect("unrelated");
    let leftover = scratch.join("gone.3.1.json");
    let marker = format!(
        "{{\"x-generated-by\": \"@generated by `{}` from specs/gone.yaml\"}}\n",
        openapi::COMMAND
    );
    std::fs::write(&leftover, marker).expect("leftover");
    let staleness = openapi::run(&root, &scratch, &[Version::V3_1], true).expect("checks");
    assert_eq!(staleness.changed, vec![scratch.join("ikcrm.3.1.json")]);
    assert_eq!(staleness.removed, vec![scratch.join("gone.3.1.json")]);
    assert_eq!(
        std::fs::read_to_string(&edited).unwrap(),
        "{}\n",
        "check mode must not write"
    );
    // Exporting 3.0 alone leaves the 3.1 documents (and the stale one) alone.
    openapi::run(&root, &scratch, &[Version::V3_0], false).expect("writes 3.0");
    assert!(leftover.exists() && edited.exists());
    openapi::run(&root, &scratch, &[Version::V3_1], false).expect("rewrites");
    assert!(
        !leftover.exists(),
        "a document of a vendor no longer specified is removed"
    );
    assert!(
        unrelated.exists(),
        "a JSON file the exporter did not write is kept"
    );
    assert!(
        openapi::run(&root, &scratch, &Version::ALL, true)
            .expect("checks")
            .is_clean()
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn every_event_is_a_webhook_whose_body_names_its_payload() {
    let checked = checked();
    let mut seen = 0;
    for vendor in &checked.ir().vendors {
        for version in Version::ALL {
            let doc = read_document(vendor, version);
            let key = match version {
                Version::V3_1 => "webhooks",
                Version::V3_0 => "x-webhooks",
            };
            for event in &vendor.events {
                let hook = &doc[key][&event.name]["post"];
                let body = &hook["requestBody"]["content"]["application/json"]["schema"];
                let envelope = &body["oneOf"][0];
                assert_eq!(
                    envelope["properties"]["event"]["$ref"],
                    reference(&event.payload.name),
                    "{} {}",
                    vendor.module.name,
                    event.name
                );
                let dedupe = match event.envelope {
                    approval_codegen::ir::EnvelopeVersion::V1 => &envelope["properties"]["uuid"],
                    approval_codegen::ir::EnvelopeVersion::V2 => {
                        &envelope["properties"]["header"]["properties"]["event_id"]
                    }
                };
                assert_eq!(dedupe["type"], "string", "{}", event.name);
                assert_eq!(body["oneOf"][1]["required"][0], "encrypt");
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 8, "Feishu's four approval events, in both versions");
}
