//! Every parameter, field, enum value, union tag and error code the vendor pages name is in the
//! specs. The expected names are data in `tests/coverage/`, transcribed from the pages.

use approval_codegen::diagnostic::SourceMap;
use approval_codegen::load::{LoadedSpec, load_dir};
use approval_codegen::spec::{Field, SpecFile, TypeKind};
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[allow(dead_code)]
    source: String,
    endpoints: Vec<String>,
    fields: Vec<String>,
    enums: Vec<Vec<String>>,
    #[serde(default)]
    enum_names: Vec<String>,
    #[serde(default)]
    union_tags: Vec<String>,
    #[serde(default)]
    not_creatable: Vec<String>,
    /// Tags an older source refuses, superseded by a newer list: the spec format has one refusal
    /// list per union, so these must be named (in backticks) in the union's `quirk` instead.
    #[serde(default)]
    refused_in_quirk: Vec<String>,
    errors: Vec<i64>,
    /// By event type: the fields of its `event` object as the event's page tables them, dotted
    /// for nested objects (`object.timestamp`); the spec's event must decode into a payload type
    /// that has each of them.
    #[serde(default)]
    events: std::collections::BTreeMap<String, Vec<String>>,
}

fn specs() -> Vec<LoadedSpec> {
    let root = approval_tests::workspace_root();
    let mut sources = SourceMap::default();
    let (specs, diagnostics) =
        load_dir(&root.join("specs"), &root, &mut sources).expect("specs are readable");
    assert!(diagnostics.is_empty(), "specs parse");
    specs
}

fn field_names(spec: &SpecFile) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = [&spec.envelope.code, &spec.envelope.message]
        .iter()
        .map(|n| n.value.clone())
        .collect();
    names.extend(spec.envelope.payload.iter().map(|p| p.value.clone()));
    if let Some(alternate) = &spec.envelope.alternate_error {
        names.extend([
            alternate.code.value.clone(),
            alternate.message.value.clone(),
        ]);
    }
    let mut fields: Vec<&Field> = spec
        .envelope
        .fields
        .iter()
        .chain(&spec.common.headers)
        .chain(&spec.common.query)
        .collect();
    for (_, def) in spec.types.iter() {
        fields.extend(def.fields.iter().flatten());
        if let Some(tag) = &def.tag {
            names.insert(tag.value.clone());
        }
    }
    for (_, endpoint) in spec.endpoints.iter() {
        fields.extend(
            endpoint
                .path_params
                .iter()
                .chain(&endpoint.query)
                .chain(&endpoint.headers),
        );
    }
    names.extend(fields.into_iter().map(|f| f.name.value.clone()));
    names
}

/// Whether object type `ty` has the field at the dotted `path` (through named object types).
fn has_path(spec: &SpecFile, ty: &str, path: &str) -> bool {
    let (first, rest) = path
        .split_once('.')
        .map_or((path, None), |(a, b)| (a, Some(b)));
    let Some(field) = spec
        .types
        .get(ty)
        .and_then(|def| def.fields.as_ref())
        .and_then(|fields| fields.iter().find(|f| f.name.value == first))
    else {
        return false;
    };
    match rest {
        None => true,
        Some(rest) => field
            .ty
            .value
            .expr()
            .and_then(|e| e.named())
            .is_some_and(|(inner, _)| has_path(spec, inner, rest)),
    }
}

fn normalise(value: &str) -> String {
    value
        .parse::<i64>()
        .map_or_else(|_| value.to_owned(), |n| n.to_string())
}

fn expected(vendor: &str) -> serde_json::Value {
    let root = approval_tests::workspace_root();
    serde_json::from_str(
        &std::fs::read_to_string(root.join(format!("tests/coverage/{vendor}.json"))).unwrap(),
    )
    .unwrap()
}

fn check(vendor: &str) {
    let missing = missing(vendor, &expected(vendor));
    assert!(missing.is_empty(), "{vendor}: the specs lack {missing:#?}");
}

fn missing(vendor: &str, expected: &serde_json::Value) -> Vec<String> {
    let expected: Expected = serde_json::from_value(expected.clone()).unwrap();
    let specs = specs();
    let spec = &specs
        .iter()
        .find(|s| s.spec.vendor.value == vendor)
        .unwrap_or_else(|| panic!("a spec for {vendor}"))
        .spec;
    let mut missing = Vec::new();

    let paths: BTreeSet<&str> = spec
        .endpoints
        .iter()
        .map(|(_, e)| e.path.value.text.as_str())
        .collect();
    missing.extend(
        expected
            .endpoints
            .iter()
            .filter(|p| !paths.contains(p.as_str()))
            .map(|p| format!("endpoint {p}")),
    );

    let fields = field_names(spec);
    missing.extend(
        expected
            .fields
            .iter()
            .filter(|f| !fields.contains(*f))
            .map(|f| format!("field {f}")),
    );

    let enums: Vec<(BTreeSet<String>, BTreeSet<String>)> = spec
        .types
        .iter()
        .filter(|(_, def)| def.kind.value == TypeKind::Enum)
        .map(|(_, def)| {
            let values = def.values.iter().flatten();
            let wires = values.clone().map(|v| normalise(&v.value)).collect();
            let names = values
                .filter_map(|v| v.name.as_ref().map(|n| n.value.clone()))
                .collect();
            (wires, names)
        })
        .collect();
    for list in &expected.enums {
        let wanted: BTreeSet<String> = list.iter().map(|v| normalise(v)).collect();
        if !enums.iter().any(|(wires, _)| wanted.is_subset(wires)) {
            missing.push(format!("enum with values {list:?}"));
        }
    }
    for name in &expected.enum_names {
        if !enums.iter().any(|(_, names)| names.contains(name)) {
            missing.push(format!("enum value named {name}"));
        }
    }

    let tags: BTreeSet<&str> = spec
        .types
        .iter()
        .flat_map(|(_, d)| d.variants.iter().flatten())
        .map(|v| v.value.as_str())
        .collect();
    missing.extend(
        expected
            .union_tags
            .iter()
            .filter(|t| !tags.contains(t.as_str()))
            .map(|t| format!("union tag {t}")),
    );
    let refused: BTreeSet<&str> = spec
        .types
        .iter()
        .flat_map(|(_, d)| d.not_creatable.iter())
        .flat_map(|l| l.values.iter())
        .map(|v| v.as_str())
        .collect();
    missing.extend(
        expected
            .not_creatable
            .iter()
            .filter(|t| !refused.contains(t.as_str()))
            .map(|t| format!("not-creatable tag {t}")),
    );

    let quirks: Vec<&str> = spec
        .types
        .iter()
        .filter(|(_, d)| d.kind.value == TypeKind::Union)
        .filter_map(|(_, d)| d.quirk.as_ref().map(|q| q.value.as_str()))
        .collect();
    missing.extend(
        expected
            .refused_in_quirk
            .iter()
            .filter(|t| !quirks.iter().any(|q| q.contains(&format!("`{t}`"))))
            .map(|t| format!("older refused tag {t} in a union quirk")),
    );

    for (event_type, paths) in &expected.events {
        let Some(event) = spec.events.iter().find(|e| e.name.value == *event_type) else {
            missing.push(format!("event {event_type}"));
            continue;
        };
        for path in paths {
            if !has_path(spec, &event.payload.value, path) {
                missing.push(format!("event {event_type} field {path}"));
            }
        }
    }

    let codes: BTreeSet<i64> = spec.errors.iter().map(|e| e.code.value).collect();
    missing.extend(
        expected
            .errors
            .iter()
            .filter(|c| !codes.contains(c))
            .map(|c| format!("error code {c}")),
    );
    missing
}

#[test]
fn fxiaoke_crm_is_complete() {
    check("fxiaoke_crm");
}

#[test]
fn fxiaoke_71360_is_complete() {
    check("fxiaoke_71360");
}

#[test]
fn ikcrm_is_complete() {
    check("ikcrm");
}

#[test]
fn feishu_is_complete() {
    check("feishu");
}

#[test]
fn the_check_notices_what_is_missing() {
    let mut expected = expected("feishu");
    expected["fields"]
        .as_array_mut()
        .unwrap()
        .push("not_a_documented_field".into());
    expected["enums"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!(["zh-CN", "fr-FR"]));
    expected["errors"].as_array_mut().unwrap().push(42.into());
    expected["not_creatable"]
        .as_array_mut()
        .unwrap()
        .push("workGroup".into());
    expected["refused_in_quirk"]
        .as_array_mut()
        .unwrap()
        .push("notAWidget".into());
    expected["endpoints"]
        .as_array_mut()
        .unwrap()
        .push("/open-apis/approval/v4/nowhere".into());
    let events = expected["events"].as_object_mut().unwrap();
    events.insert("approval_nothing".into(), serde_json::json!([]));
    events["approval.approval.updated_v4"]
        .as_array_mut()
        .unwrap()
        .push("object.not_a_field".into());
    assert_eq!(
        missing("feishu", &expected),
        [
            "endpoint /open-apis/approval/v4/nowhere",
            "field not_a_documented_field",
            "enum with values [\"zh-CN\", \"fr-FR\"]",
            "not-creatable tag workGroup",
            "older refused tag notAWidget in a union quirk",
            "event approval.approval.updated_v4 field object.not_a_field",
            "event approval_nothing",
            "error code 42"
        ]
    );
}
