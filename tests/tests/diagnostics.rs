//! Every broken spec in `tests/bad-specs/` is reported as `file:line:col` with the source line
//! and what was expected, all problems at once, never a panic. Snapshots hold the full text.

use approval_codegen::diagnostic::{SourceMap, render_all};
use approval_codegen::{check, load};
use std::path::Path;

fn diagnose(name: &str) -> (usize, String) {
    let root = approval_tests::workspace_root();
    let path = root.join("tests/bad-specs").join(name);
    let text = std::fs::read_to_string(&path).expect("bad spec exists");
    let mut sources = SourceMap::default();
    let display = Path::new("tests/bad-specs").join(name);
    let diagnostics = match load::load_text(display, text, &mut sources) {
        Ok(loaded) => check::diagnostics(vec![loaded]),
        Err(diagnostic) => vec![diagnostic],
    };
    (diagnostics.len(), render_all(&diagnostics, &sources))
}

macro_rules! case {
    ($test:ident, $file:literal, $count:expr) => {
        #[test]
        fn $test() {
            let (count, rendered) = diagnose($file);
            assert_eq!(count, $count, "{rendered}");
            assert!(
                rendered.contains(concat!("tests/bad-specs/", $file, ":")),
                "names the file:\n{rendered}"
            );
            insta::assert_snapshot!(stringify!($test), rendered);
        }
    };
}

case!(unknown_key, "unknown_key.yaml", 1);
case!(wrong_value_type, "wrong_value_type.yaml", 1);
case!(duplicate_type, "duplicate_type.yaml", 1);
case!(broken_yaml, "broken_yaml.yaml", 1);
case!(semantic_errors, "semantic_errors.yaml", 17);
case!(union_and_cycle, "union_and_cycle.yaml", 3);
case!(sibling_union_two_enums, "sibling_union_two_enums.yaml", 1);
case!(idempotency_key, "idempotency_key.yaml", 3);
case!(client_section, "client_section.yaml", 6);

#[test]
fn positions_point_at_the_offending_text() {
    let (_, rendered) = diagnose("unknown_key.yaml");
    assert!(rendered.contains("unknown_key.yaml:21:5"), "{rendered}");
    let (_, rendered) = diagnose("semantic_errors.yaml");
    assert!(rendered.contains("unknown type `Part`"), "{rendered}");
    assert!(
        rendered.contains("semantic_errors.yaml:23:20"),
        "points into the type expression: {rendered}"
    );
}

#[test]
fn a_spec_that_is_not_utf8_is_reported_at_its_first_bad_byte() {
    let dir = std::env::temp_dir().join(format!("approval-not-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("latin1.yaml"),
        b"vendor: demo\ntitle: \"Caf\xe9 au lait\"\n",
    )
    .unwrap();
    let mut sources = SourceMap::default();
    let (specs, diagnostics) = load::load_dir(&dir, &dir, &mut sources).expect("readable");
    assert!(specs.is_empty());
    let rendered = render_all(&diagnostics, &sources);
    assert_eq!(diagnostics.len(), 1, "{rendered}");
    assert!(rendered.contains("latin1.yaml:2:12"), "{rendered}");
    assert!(rendered.contains("not UTF-8 (byte 0xe9)"), "{rendered}");
    let _ = std::fs::remove_dir_all(&dir);
}

case!(
    object_rules_and_metadata,
    "object_rules_and_metadata.yaml",
    19
);

case!(events, "events.yaml", 9);
