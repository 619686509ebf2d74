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

fn base_spec() -> String {
    let root = approval_tests::workspace_root();
    std::fs::read_to_string(root.join("tests/diff-specs/base.yaml")).unwrap()
}

fn run_case(case: &str, edit: &dyn Fn(String) -> String) -> Vec<Change> {
    let base = base_spec();
    let after = edit(base.clone());
    assert_ne!(base, after, "{case}: the edit changed nothing");
    run_pair(case, &base, &after)
}

/// Compares two versions of the shop spec and snapshots the Markdown report.
fn run_pair(case: &str, before: &str, after: &str) -> Vec<Change> {
    let scratch = std::env::temp_dir().join(format!("approval-diff-{}-{case}", std::process::id()));
    let (old, new) = (tree(&scratch, "old", before), tree(&scratch, "new", after));
    let load = |dir: &Path| {
        approval_codegen::load_checked(dir, &scratch).unwrap_or_else(|e| panic!("{case}: {e}"))
    };
    let changes = diff::compare(load(&old).specs(), load(&new).specs());
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

fn detail(changes: &[Change], rule: Rule) -> &str {
    &changes.iter().find(|c| c.rule == rule).unwrap().detail
}

case!(
    endpoint_added,
    replace(
        "endpoints:\n",
        "endpoints:\n  list_orders:\n    doc: Lists.\n    source: page\n    method: GET\n    path: /orders/listByUser\n    response: Order\n"
    ),
    [EndpointAdded],
    // The path as written: vendors' paths are case-sensitive (`listByUser`).
    |c| assert_eq!(detail(c, Rule::EndpointAdded), "`GET /orders/listByUser`")
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
    |c| {
        assert_eq!(
            wire_and_api(c, Rule::EndpointMoved),
            (Impact::Breaking, Impact::Compatible)
        );
        assert_eq!(
            detail(c, Rule::EndpointMoved),
            "`POST /orders` → `POST /v2/orders`"
        );
    }
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
    // Generated structs are `#[non_exhaustive]`: no downstream struct literal can break.
    |c| assert_eq!(
        wire_and_api(c, Rule::ParamAdded),
        (Impact::Compatible, Impact::Compatible)
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
    [RustNameChanged],
    // The resolved identifiers, written as text (not `None → Some("remark")`).
    |c| assert_eq!(detail(c, Rule::RustNameChanged), "`note` → `remark`")
);
case!(
    rust_name_spelling_out_the_derived_name,
    replace(
        "{name: note, type: string, doc: Note.,",
        "{name: note, rust_name: note, type: string, doc: Note.,"
    ),
    // The generated field is `note` either way: nothing changes for downstream code.
    []
);
#[test]
fn rust_name_dropped() {
    // The edit of `rust_name_changed`, undone: the field is `note` again.
    let base = base_spec();
    let with_rust_name = replace(
        "{name: note, type: string, doc: Note.,",
        "{name: note, rust_name: remark, type: string, doc: Note.,",
    )(base.clone());
    let changes = run_pair("rust_name_dropped", &with_rust_name, &base);
    assert_eq!(rules(&changes), [Rule::RustNameChanged]);
    assert_eq!(detail(&changes, Rule::RustNameChanged), "`remark` → `note`");
}
case!(
    wire_rename_renames_the_rust_field,
    replace(
        "{name: note, type: string, doc: Note.,",
        "{name: noteText, type: string, doc: Note.,"
    ),
    [ParamAdded, ParamRemoved],
    // Fields are matched by wire name, so a wire rename is a removal and an addition; each
    // names the Rust field that goes and comes.
    |c| {
        assert_eq!(detail(c, Rule::ParamRemoved), "`string`, Rust `note`");
        assert_eq!(detail(c, Rule::ParamAdded), "`string`, Rust `note_text`");
    }
);
case!(
    wire_rename_keeping_the_rust_name,
    replace(
        "{name: note, type: string, doc: Note.,",
        "{name: remark, rust_name: note, type: string, doc: Note.,"
    ),
    [ParamAdded, ParamRemoved],
    |c| {
        assert_eq!(detail(c, Rule::ParamRemoved), "`string`, Rust `note`");
        assert_eq!(detail(c, Rule::ParamAdded), "`string`, Rust `note`");
    }
);
case!(
    default_changed,
    replace("default: \"1\"", "default: \"2\""),
    [DefaultChanged],
    |c| assert_eq!(detail(c, Rule::DefaultChanged), "`1` → `2`")
);
case!(
    default_added,
    replace(
        "{name: note, type: string, doc: Note.,",
        "{name: note, type: string, default: plain, doc: Note.,"
    ),
    [DefaultChanged],
    |c| assert_eq!(detail(c, Rule::DefaultChanged), "(none) → `plain`")
);
case!(
    constraint_tightened,
    replace("max: 10}", "max: 5}"),
    [ConstraintTightened],
    |c| {
        assert_eq!(
            wire_and_api(c, Rule::ConstraintTightened),
            (Impact::Breaking, Impact::Compatible)
        );
        assert_eq!(detail(c, Rule::ConstraintTightened), "max: 10 → 5");
    }
);
case!(
    format_constraint_added,
    replace("{max_length: 100}", "{max_length: 100, format: uuid_v4}"),
    [ConstraintTightened],
    |c| assert_eq!(
        detail(c, Rule::ConstraintTightened),
        "format: (none) → uuid_v4"
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
    [ObjectRuleRemoved],
    |c| assert_eq!(
        detail(c, Rule::ObjectRuleRemoved),
        "`from` ≤ `to` (at most 30 days)"
    )
);
case!(
    presence_rules_added,
    replace(
        "      - {start: from, end: to, max_days: 30, doc: Window.}\n",
        "      - {start: from, end: to, max_days: 30, doc: Window.}\n      - {one_of: [note, parts], doc: One.}\n      - {both_or_neither: [from, to], doc: Both.}\n      - {not_all_empty: [note, parts], doc: Filled.}\n"
    ),
    [ObjectRuleAdded, ObjectRuleAdded, ObjectRuleAdded],
    |c| {
        // Sent bodies the vendor accepted before may now be refused.
        assert_eq!(
            wire_and_api(c, Rule::ObjectRuleAdded),
            (Impact::Breaking, Impact::Compatible)
        );
        let details: Vec<&str> = c.iter().map(|c| c.detail.as_str()).collect();
        assert_eq!(
            details,
            [
                "both or neither: `from`, `to`",
                "not all empty: `note`, `parts`",
                "one of `note`, `parts`"
            ]
        );
    }
);
case!(
    range_rule_changed,
    replace("max_days: 30, doc: Window.", "max_days: 7, doc: Window."),
    [ObjectRuleAdded, ObjectRuleRemoved]
);
case!(
    rate_limit_and_scopes_added,
    replace(
        "    response: Order\n    errors: [1001]",
        "    response: Order\n    errors: [1001]\n    rate_limit: {per_minute: 100, per_second: 50}\n    scopes: [shop:order, shop:order:readonly]"
    ),
    [RateLimitChanged, ScopesChanged],
    |c| {
        assert_eq!(detail(c, Rule::RateLimitChanged), "(none) → 100/min, 50/s");
        assert_eq!(
            detail(c, Rule::ScopesChanged),
            "added: `shop:order`, `shop:order:readonly`"
        );
    }
);
case!(
    pagination_added,
    replace(
        "    query:\n      - {name: expand, type: bool, doc: Expand.}\n    response: Order\n",
        "    query:\n      - {name: expand, type: bool, doc: Expand.}\n      - {name: page, type: i64, doc: Page.}\n    response: Order\n    pagination:\n      style: page_number\n      request: {page: page}\n"
    ),
    [ParamAdded, PaginationChanged],
    |c| assert_eq!(
        detail(c, Rule::PaginationChanged),
        "(none) → page_number (page: `page`)"
    )
);
case!(
    idempotency_key_added,
    replace(
        "    body: OrderBody\n    response: Order\n    errors: [1001]\n",
        "    body: OrderBody\n    response: Order\n    errors: [1001]\n    idempotency_key: note\n"
    ),
    [IdempotencyKeyChanged],
    |c| assert_eq!(detail(c, Rule::IdempotencyKeyChanged), "(none) → `note`")
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
        rules(&diff::compare(load(&empty).specs(), load(&old).specs())),
        [Rule::VendorAdded]
    );
    // A removed vendor lists what it took along: every endpoint and type, from the old file.
    let removed = diff::compare(load(&old).specs(), load(&empty).specs());
    let items: Vec<(Rule, &str, &str)> = removed
        .iter()
        .map(|c| (c.rule, c.item.as_str(), c.detail.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            (
                Rule::VendorRemoved,
                "vendor",
                "`old/shop.yaml` removed: 2 endpoint(s), 6 type(s)"
            ),
            (
                Rule::EndpointRemoved,
                "endpoints.create_order",
                "`POST /orders`"
            ),
            (
                Rule::EndpointRemoved,
                "endpoints.get_order",
                "`GET /orders/{id}`"
            ),
            (Rule::TypeRemoved, "types.OrderId", "newtype"),
            (Rule::TypeRemoved, "types.Colour", "enum"),
            (Rule::TypeRemoved, "types.Text", "object"),
            (Rule::TypeRemoved, "types.Part", "union"),
            (Rule::TypeRemoved, "types.OrderBody", "object"),
            (Rule::TypeRemoved, "types.Order", "object"),
        ]
    );
    assert!(
        removed
            .iter()
            .all(|c| c.location.file == "old/shop.yaml" && c.location.line > 0)
    );
    insta::assert_snapshot!("diff_vendor_removed", diff::to_markdown(&removed, "base"));
    let without_text = base.replace("  Text:\n    kind: object\n    doc: Text part.\n    source: page\n    fields:\n      - {name: value, type: string, required: true, doc: Text.}\n", "").replace("type: Text, doc: Text.}", "type: Order, doc: Text.}");
    let new = tree(&scratch, "new", &without_text);
    assert_eq!(
        rules(&diff::compare(load(&old).specs(), load(&new).specs())),
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
    let changes = diff::compare(load("old").specs(), load("new").specs());
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
    // Bots read these: every key and value is a stable string, pinned here.
    insta::assert_snapshot!(
        "diff_json_real_vendor_edit",
        serde_json::to_string_pretty(&json).unwrap()
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn json_values_are_stable_ids_not_rust_names() {
    use approval_codegen::diff::{Direction, Severity};
    let ids = |list: &[&'static str]| list.to_vec();
    assert_eq!(
        ids(&[
            Direction::Request.id(),
            Direction::Response.id(),
            Direction::Both.id(),
            Direction::Neither.id()
        ]),
        ["request", "response", "both", "neither"]
    );
    assert_eq!(
        ids(&[Impact::Breaking.id(), Impact::Compatible.id()]),
        ["breaking", "compatible"]
    );
    assert_eq!(
        ids(&[
            Severity::Error.id(),
            Severity::Warn.id(),
            Severity::Info.id()
        ]),
        ["error", "warn", "info"]
    );
}

#[test]
fn the_report_never_shows_rust_debug_output() {
    // Details and JSON values are written for people and bots; `{:?}` would leak the model's
    // Rust names (`Some("remark")`, `Post`) and change when they are renamed.
    let dir = approval_tests::workspace_root().join("codegen/src/diff");
    let mut stack = vec![dir];
    let mut offending = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for (number, line) in source.lines().enumerate() {
                if line.contains(":?}") || line.contains(":#?}") {
                    offending.push(format!(
                        "{}:{}: {}",
                        path.display(),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        offending.is_empty(),
        "Debug formatting in the diff:\n{}",
        offending.join("\n")
    );
}

/// The README's row for a rule: id, severity, wire, Rust API, what it detects.
fn readme_row(rule: Rule) -> String {
    let wire = match (
        rule.wire(diff::Direction::Request),
        rule.wire(diff::Direction::Response),
    ) {
        (Impact::Breaking, Impact::Breaking) => "breaking",
        (Impact::Breaking, Impact::Compatible) => "breaking when sent",
        (Impact::Compatible, Impact::Breaking) => "breaking when received",
        (Impact::Compatible, Impact::Compatible) => "compatible",
    };
    format!(
        "| `{}` | {} | {wire} | {} | {} |",
        rule.id(),
        rule.severity().id(),
        rule.api().id(),
        rule.describe()
    )
}

#[test]
fn the_readme_lists_exactly_the_rules_the_code_defines() {
    let readme =
        std::fs::read_to_string(approval_tests::workspace_root().join("README.md")).unwrap();
    const HEADER: &str = "| rule | severity | wire | Rust API | detects |";
    let documented: Vec<&str> = readme
        .lines()
        .skip_while(|line| *line != HEADER)
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .collect();
    let expected: Vec<String> = Rule::ALL.iter().map(|rule| readme_row(*rule)).collect();
    let id = |row: &str| row.split('|').nth(1).unwrap_or("").trim().to_owned();
    let documented_ids: Vec<String> = documented.iter().map(|row| id(row)).collect();
    let expected_ids: Vec<String> = expected.iter().map(|row| id(row)).collect();
    let missing: Vec<&String> = expected_ids
        .iter()
        .filter(|i| !documented_ids.contains(i))
        .collect();
    let unknown: Vec<&String> = documented_ids
        .iter()
        .filter(|i| !expected_ids.contains(i))
        .collect();
    let differing: Vec<String> = documented
        .iter()
        .filter(|row| expected_ids.contains(&id(row)) && !expected.iter().any(|e| e == *row))
        .map(|row| {
            let wanted = expected.iter().find(|e| id(e) == id(row)).unwrap();
            format!("  README: {row}\n  code:   {wanted}")
        })
        .collect();
    assert!(
        missing.is_empty()
            && unknown.is_empty()
            && differing.is_empty()
            && documented.len() == expected.len(),
        "README.md's rule table differs from codegen/src/diff/rules.rs\n\
         not in the README: {missing:?}\nnot in the code: {unknown:?}\nrows that differ:\n{}\n\
         the table the code defines:\n{HEADER}\n|---|---|---|---|---|\n{}",
        differing.join("\n"),
        expected.join("\n")
    );
}

#[test]
fn fingerprints_are_stable() {
    let changes = run_case("fingerprint_probe", &replace("label: 蓝", "label: 青"));
    // Same change, same fingerprint, in every run and on every machine.
    // (Changed once, when details stopped being Rust `Debug` output: the detail is hashed.)
    assert_eq!(changes[0].fingerprint(), "cdf6b0d12332435e");
}

/// The shop spec with an `events:` section, so event cases can edit one.
const SHOP_EVENTS: &str = "events:\n  - {name: order.paid_v1, version: v2, payload: Order, doc: Paid., source: page}\n  - {name: order_shipped, version: v1, payload: Order, doc: Shipped., source: page}\n";

/// Compares the shop spec with events against `edit` of it.
fn run_event_case(case: &str, edit: &dyn Fn(String) -> String) -> Vec<Change> {
    let before = format!("{}{SHOP_EVENTS}", base_spec());
    let after = edit(before.clone());
    assert_ne!(before, after, "{case}: the edit changed nothing");
    run_pair(case, &before, &after)
}

/// A case whose "before" is the shop spec with [`SHOP_EVENTS`].
macro_rules! event_case {
    ($name:ident, $edit:expr, [$($rule:ident),*], $check:expr) => {
        #[test]
        fn $name() {
            let changes = run_event_case(stringify!($name), &$edit);
            assert_eq!(rules(&changes), [$(Rule::$rule),*]);
            let check: &dyn Fn(&[Change]) = &$check;
            check(&changes);
        }
    };
}

case!(
    event_added,
    |text: String| format!("{text}{SHOP_EVENTS}"),
    [EventAdded, EventAdded],
    |c| {
        assert_eq!(
            wire_and_api(c, Rule::EventAdded),
            (Impact::Compatible, Impact::Compatible)
        );
        assert_eq!(detail(c, Rule::EventAdded), "`Order` (v2)");
    }
);
event_case!(
    event_removed,
    replace(
        "  - {name: order_shipped, version: v1, payload: Order, doc: Shipped., source: page}\n",
        "",
    ),
    [EventRemoved],
    |c| {
        assert_eq!(
            wire_and_api(c, Rule::EventRemoved),
            (Impact::Compatible, Impact::Breaking)
        );
    }
);
event_case!(
    event_payload_changed,
    replace(
        "version: v1, payload: Order,",
        "version: v1, payload: Text,"
    ),
    [EventPayloadChanged],
    |c| {
        assert_eq!(
            wire_and_api(c, Rule::EventPayloadChanged),
            (Impact::Breaking, Impact::Breaking)
        );
        assert_eq!(detail(c, Rule::EventPayloadChanged), "`Order` → `Text`");
    }
);
event_case!(
    event_envelope_changed,
    replace("order_shipped, version: v1,", "order_shipped, version: v2,"),
    [EventEnvelopeChanged],
    |c| {
        assert_eq!(
            wire_and_api(c, Rule::EventEnvelopeChanged),
            (Impact::Breaking, Impact::Compatible)
        );
    }
);
event_case!(
    event_variant_renamed,
    replace(
        "name: order.paid_v1, version",
        "name: order.paid_v1, rust_name: Paid, version",
    ),
    [EventVariantRenamed],
    |c| {
        assert_eq!(
            detail(c, Rule::EventVariantRenamed),
            "`Event::OrderPaidV1` → `Event::Paid`"
        );
    }
);

#[test]
fn a_type_only_events_carry_is_received() {
    // `Note` is reached from no endpoint; as an event's payload it arrives from the vendor, so
    // removing a field it always had breaks old decoders.
    let note = "  Note:\n    kind: object\n    doc: A note.\n    source: page\n    fields:\n      - {name: text, type: string, required: true, doc: Text.}\n      - {name: lang, type: string, required: true, doc: Language.}\nendpoints:\n";
    let events =
        "events:\n  - {name: note_added, version: v1, payload: Note, doc: Note., source: page}\n";
    let before = format!("{}{events}", base_spec().replacen("endpoints:\n", note, 1));
    let after = before.replace(
        "      - {name: lang, type: string, required: true, doc: Language.}\n",
        "",
    );
    let changes = run_pair("event_payload_field_removed", &before, &after);
    assert_eq!(rules(&changes), [Rule::ParamRemoved]);
    assert_eq!(
        wire_and_api(&changes, Rule::ParamRemoved),
        (Impact::Breaking, Impact::Breaking)
    );
}
