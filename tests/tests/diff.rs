//! `cargo xtask diff` rules: one case per change kind, each a before/after pair of spec trees,
//! with the rules it must fire and a snapshot of the report; plus a real edit of a vendor spec.

use approval_codegen::diff::{self, Change, Impact, Rule};
use std::path::{Path, PathBuf};

fn tree(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(&path).unwrap();
    std::fs::write(path.join("shop.yaml"), text).unwrap();
    path
}

fn run_case(case: &str, edit: &dyn Fn(String) -> String) -> Vec<Change> {
    let root = approval_tests::workspace_root();
    let base = std::fs::read_to_string(root.join("tests/diff-specs/base.yaml")).unwrap();
    let after = edit(base.clone());
    assert_ne!(base, after, "{case}: the edit changed nothing");
    let scratch = std::env::temp_dir().join(format!("approval-diff-{}-{case}", std::process::id()));
    let (old, new) = (tree(&scratch, "old", &base), tree(&scratch, "new", &after));
    let load = |dir: &Path| {
        approval_codegen::load_checked(dir, &scratch).unwrap_or_else(|e| panic!("{case}: {e}"))
    };
    let changes = diff::compare(&load(&old), &load(&new));
    insta::assert_snapshot!(format!("diff_{case}"), diff::to_markdown(&changes, "base"));
    let _ = std::fs::remove_dir_all(&scratch);
    changes
}

fn rules(changes: &[Change]) -> Vec<Rule> {
    let mut rules: Vec<Rule> = changes.iter().map(|c| c.rule).collect();
    rules.sort();
    rules
}

fn replace(from: &'static str, to: &'static str) -> impl Fn(String) -> String {
    move |text: String| {
        assert!(text.contains(from), "base spec lacks {from:?}");
        text.replacen(from, to, 1)
    }
}

macro_rules! case {
    ($name:ident, $edit:expr, [$($rule:ident),*] $(, $check:expr)?) => {
        #[test]
        fn $name() {
            let changes = run_case(stringify!($name), &$edit);
            assert_eq!(rules(&changes), {
                let mut expected = vec![$(Rule::$rule),*];
                expected.sort();
                expected
            });
            $(let check: &dyn Fn(&[Change]) = &$check; check(&changes);)?
        }
    };
}

fn wire_and_api(changes: &[Change], rule: Rule) -> (Impact, Impact) {
    let change = changes.iter().find(|c| c.rule == rule).unwrap();
    (change.wire(), change.api())
}

case!(
    endpoint_added,
    replace(
        "endpoints:\n",
        "endpoints:\n  list_orders:\n    doc: Lists.\n    source: page\n    method: GET\n    path: /orders\n    response: Order\n"
    ),
    [EndpointAdded]
);
case!(
    endpoint_removed,
    replace(
        "  get_order:\n    doc: Gets an order.\n    source: page\n    method: GET\n    path: /orders/{id}\n    path_params:\n      - {name: id, type: OrderId, required: true, doc: Id.}\n    query:\n      - {name: expand, type: bool, doc: Expand.}\n    response: Order\n    errors: [1002]\n",
        ""
    ),
    [EndpointRemoved]
);
case!(
    endpoint_moved,
    replace("path: /orders\n", "path: /v2/orders\n"),
    [EndpointMoved],
    |c| assert_eq!(
        wire_and_api(c, Rule::EndpointMoved),
        (Impact::Breaking, Impact::Compatible)
    )
);
case!(
    endpoint_retyped,
    replace(
        "    response: Order\n    errors: [1001]",
        "    response: Text\n    errors: [1001]"
    ),
    [EndpointRetyped]
);
case!(
    optional_request_field_added,
    replace(
        "      - {name: to, type: timestamp_ms, doc: To.}\n",
        "      - {name: to, type: timestamp_ms, doc: To.}\n      - {name: gift, type: bool, doc: Gift.}\n"
    ),
    [ParamAdded],
    |c| assert_eq!(
        wire_and_api(c, Rule::ParamAdded),
        (Impact::Compatible, Impact::Breaking)
    )
);
case!(
    required_request_field_added,
    replace(
        "      - {name: to, type: timestamp_ms, doc: To.}\n",
        "      - {name: to, type: timestamp_ms, doc: To.}\n      - {name: gift, type: bool, required: true, doc: Gift.}\n"
    ),
    [RequiredParamAdded],
    |c| assert_eq!(
        wire_and_api(c, Rule::RequiredParamAdded),
        (Impact::Breaking, Impact::Breaking)
    )
);
case!(
    required_response_field_removed,
    replace(
        "      - {name: colour, type: Colour, required: true, doc: Colour.}\n      - {name: total",
        "      - {name: total"
    ),
    [ParamRemoved],
    |c| assert_eq!(
        wire_and_api(c, Rule::ParamRemoved),
        (Impact::Breaking, Impact::Breaking)
    )
);
case!(
    optional_response_field_removed,
    replace("      - {name: total, type: decimal, doc: Total.}\n", ""),
    [ParamRemoved],
    |c| assert_eq!(
        wire_and_api(c, Rule::ParamRemoved),
        (Impact::Compatible, Impact::Breaking)
    )
);
case!(
    query_parameter_removed,
    replace(
        "    query:\n      - {name: expand, type: bool, doc: Expand.}\n",
        ""
    ),
    [ParamRemoved]
);
case!(
    field_retyped,
    replace("{name: total, type: decimal,", "{name: total, type: f64,"),
    [Retyped]
);
case!(
    request_field_made_required,
    replace(
        "{name: note, type: string, doc: Note.,",
        "{name: note, type: string, required: true, doc: Note.,"
    ),
    [MadeRequired],
    |c| assert_eq!(wire_and_api(c, Rule::MadeRequired).0, Impact::Breaking)
);
case!(
    response_field_made_optional,
    replace(
        "{name: id, type: OrderId, required: true, doc: Id.}\n      - {name: colour",
        "{name: id, type: OrderId, doc: Id.}\n      - {name: colour"
    ),
    [MadeOptional],
    |c| assert_eq!(wire_and_api(c, Rule::MadeOptional).0, Impact::Breaking)
);
case!(
    response_field_made_nullable,
    replace(
        "{name: total, type: decimal,",
        "{name: total, type: decimal, nullable: true,"
    ),
    [MadeNullable],
    |c| assert_eq!(wire_and_api(c, Rule::MadeNullable).0, Impact::Breaking)
);
case!(
    response_field_made_non_nullable,
    replace(
        "required: true, nullable: true, doc: Comment.",
        "required: true, doc: Comment."
    ),
    [MadeNonNullable],
    |c| assert_eq!(wire_and_api(c, Rule::MadeNonNullable).0, Impact::Compatible)
);
case!(
    secret_changed,
    replace(
        "{name: note, type: string, doc: Note.,",
        "{name: note, type: string, secret: true, doc: Note.,"
    ),
    [SecretChanged]
);
case!(
    rust_name_changed,
    replace(
        "{name: note, type: string, doc: Note.,",
        "{name: note, rust_name: remark, type: string, doc: Note.,"
    ),
    [RustNameChanged]
);
case!(
    default_changed,
    replace("default: \"1\"", "default: \"2\""),
    [DefaultChanged]
);
case!(
    constraint_tightened,
    replace("max: 10}", "max: 5}"),
    [ConstraintTightened],
    |c| assert_eq!(
        wire_and_api(c, Rule::ConstraintTightened),
        (Impact::Breaking, Impact::Compatible)
    )
);
case!(
    constraint_loosened,
    replace("{max_length: 100}", "{max_length: 200}"),
    [ConstraintLoosened]
);
case!(
    rule_dropped,
    replace(
        "    rules:\n      - {start: from, end: to, max_days: 30, doc: Window.}\n",
        ""
    ),
    [ConstraintLoosened]
);
case!(
    enum_value_added,
    replace(
        "      - {value: blue, label: 蓝, doc: Blue.}\n",
        "      - {value: blue, label: 蓝, doc: Blue.}\n      - {value: green, doc: Green.}\n"
    ),
    [EnumValueAdded],
    |c| assert_eq!(
        wire_and_api(c, Rule::EnumValueAdded),
        (Impact::Compatible, Impact::Compatible)
    )
);
case!(
    enum_value_removed,
    replace("      - {value: blue, label: 蓝, doc: Blue.}\n", ""),
    [EnumValueRemoved],
    |c| assert_eq!(
        wire_and_api(c, Rule::EnumValueRemoved),
        (Impact::Breaking, Impact::Breaking)
    )
);
case!(
    enum_value_relabelled,
    replace("label: 蓝", "label: 青"),
    [EnumValueRelabelled]
);
case!(
    enum_variant_renamed,
    replace(
        "{value: red, label: 红,",
        "{value: red, name: Crimson, label: 红,"
    ),
    [EnumVariantRenamed]
);
case!(
    enum_repr_changed,
    replace(
        "    repr: string\n    doc: Colours.",
        "    repr: integer\n    doc: Colours."
    )
    .then_replace("{value: red,", "{value: \"1\", name: Red,")
    .then_replace("{value: blue,", "{value: \"2\", name: Blue,"),
    [EnumReprChanged]
);
case!(
    union_member_added,
    replace(
        "      - {value: text, type: Text, doc: Text.}\n",
        "      - {value: text, type: Text, doc: Text.}\n      - {value: note, type: Text, doc: Note.}\n"
    ),
    [UnionVariantAdded]
);
case!(
    union_member_removed,
    replace(
        "      - {value: text, type: Text, doc: Text.}\n",
        "      - {value: words, type: Text, doc: Text.}\n"
    ),
    [UnionVariantAdded, UnionVariantRemoved]
);
case!(
    union_member_retyped,
    replace(
        "      - {value: text, type: Text, doc: Text.}\n",
        "      - {value: text, type: Order, doc: Text.}\n"
    ),
    [UnionVariantRetyped]
);
case!(
    tag_refused,
    replace("values: [legacy]", "values: [legacy, text]"),
    [NotCreatableAdded]
);
case!(
    tag_allowed,
    replace("values: [legacy]", "values: [old]"),
    [NotCreatableAdded, NotCreatableRemoved]
);
case!(
    type_added,
    replace(
        "types:\n",
        "types:\n  Extra:\n    kind: object\n    doc: Unused.\n    source: page\n    fields: []\n"
    ),
    [TypeAdded]
);
case!(
    type_kind_changed,
    replace(
        "    kind: enum\n    repr: string\n    doc: Colours.\n    source: page\n    values:\n      - {value: red, label: 红, doc: Red.}\n      - {value: blue, label: 蓝, doc: Blue.}\n",
        "    kind: newtype\n    type: string\n    doc: Colours.\n    source: page\n"
    ),
    [TypeKindChanged]
);
case!(
    newtype_retyped,
    replace(
        "    kind: newtype\n    type: string\n",
        "    kind: newtype\n    type: i64\n"
    ),
    [Retyped]
);
case!(
    error_code_added,
    replace(
        "errors:\n",
        "errors:\n  - {code: 1003, name: Busy, doc: Busy., source: page}\n"
    ),
    [ErrorCodeAdded]
);
case!(
    error_code_removed,
    replace(
        "  - {code: 1002, name: NotFound, message: not found, doc: Not found., source: page}\n",
        ""
    )
    .then_replace("    errors: [1002]\n", ""),
    [ErrorCodeRemoved, EndpointErrorsChanged]
);
case!(
    endpoint_errors_changed,
    replace("    errors: [1002]\n", "    errors: [1001, 1002]\n"),
    [EndpointErrorsChanged]
);
case!(
    error_code_relabelled,
    replace("message: not found,", "message: no such order,"),
    [ErrorCodeRelabelled]
);
case!(
    envelope_changed,
    replace("  message: msg\n", "  message: message\n"),
    [EnvelopeChanged]
);
case!(
    docs_changed,
    replace(
        "doc: Creates an order.",
        "doc: Creates an order, idempotently."
    )
    .then_replace(
        "{value: red, label: 红, doc: Red.}",
        "{value: red, label: 红, doc: Scarlet.}"
    ),
    [DocChanged, DocChanged]
);

trait ThenReplace {
    fn then_replace(self, from: &'static str, to: &'static str) -> Box<dyn Fn(String) -> String>;
}

impl<F: Fn(String) -> String + 'static> ThenReplace for F {
    fn then_replace(self, from: &'static str, to: &'static str) -> Box<dyn Fn(String) -> String> {
        Box::new(move |text| replace(from, to)(self(text)))
    }
}

#[test]
fn every_rule_is_exercised_or_explained() {
    // Rules not covered by a case above, each with the reason.
    let vendor_level = [Rule::VendorAdded, Rule::VendorRemoved, Rule::TypeRemoved];
    let source =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/diff.rs")).unwrap();
    for rule in Rule::ALL {
        let named = source.contains(&format!("[{:?}", rule))
            || source.contains(&format!(", {:?}]", rule))
            || source.contains(&format!(" {:?},", rule));
        assert!(
            named || vendor_level.contains(rule),
            "no case exercises {rule:?}"
        );
    }
}

#[test]
fn vendor_and_type_removal() {
    let root = approval_tests::workspace_root();
    let base = std::fs::read_to_string(root.join("tests/diff-specs/base.yaml")).unwrap();
    let scratch = std::env::temp_dir().join(format!("approval-diff-vendor-{}", std::process::id()));
    let old = tree(&scratch, "old", &base);
    let empty = scratch.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let load = |dir: &Path| approval_codegen::load_checked(dir, &scratch).unwrap();
    assert_eq!(
        rules(&diff::compare(&load(&empty), &load(&old))),
        [Rule::VendorAdded]
    );
    assert_eq!(
        rules(&diff::compare(&load(&old), &load(&empty))),
        [Rule::VendorRemoved]
    );
    let without_text = base.replace("  Text:\n    kind: object\n    doc: Text part.\n    source: page\n    fields:\n      - {name: value, type: string, required: true, doc: Text.}\n", "").replace("type: Text, doc: Text.}", "type: Order, doc: Text.}");
    let new = tree(&scratch, "new", &without_text);
    assert_eq!(
        rules(&diff::compare(&load(&old), &load(&new))),
        [Rule::UnionVariantRetyped, Rule::TypeRemoved]
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn a_real_vendor_edit_names_exactly_its_changes() {
    let root = approval_tests::workspace_root();
    let original = std::fs::read_to_string(root.join("specs/feishu.yaml")).unwrap();
    let edited = original
        .replacen("        name: JaJp\n        doc: Japanese.\n", "        name: JaJp\n        doc: Japanese.\n      - value: zh-TW\n        name: ZhTw\n        doc: Chinese (Traditional).\n", 1)
        .replacen("      - name: forbid_revoke\n        type: bool\n        default: \"false\"\n        doc: Forbid revoking the instance.\n", "", 1);
    assert_ne!(original, edited);
    let scratch = std::env::temp_dir().join(format!("approval-diff-feishu-{}", std::process::id()));
    for (name, text) in [("old", &original), ("new", &edited)] {
        std::fs::create_dir_all(scratch.join(name)).unwrap();
        std::fs::write(scratch.join(name).join("feishu.yaml"), text).unwrap();
    }
    let load = |dir: &str| approval_codegen::load_checked(&scratch.join(dir), &scratch).unwrap();
    let changes = diff::compare(&load("old"), &load("new"));
    let summary: Vec<(Rule, &str, Impact, Impact)> = changes
        .iter()
        .map(|c| (c.rule, c.item.as_str(), c.wire(), c.api()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                Rule::EnumValueAdded,
                "types.Locale",
                Impact::Compatible,
                Impact::Compatible
            ),
            (
                Rule::ParamRemoved,
                "types.InstanceCreateBody.forbid_revoke",
                Impact::Compatible,
                Impact::Breaking
            ),
        ]
    );
    assert!(
        changes
            .iter()
            .all(|c| c.location.file == "new/feishu.yaml" && c.location.line > 0)
    );
    let json = diff::to_json(&changes, "base");
    assert_eq!(json["breaking"], 1);
    assert_eq!(
        json["entries"][0]["fingerprint"].as_str().unwrap().len(),
        16
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn fingerprints_are_stable() {
    let changes = run_case("fingerprint_probe", &replace("label: 蓝", "label: 青"));
    // Same change, same fingerprint, in every run and on every machine.
    assert_eq!(changes[0].fingerprint(), "1baed3cb5a7d1182");
}
