//! Snapshots of emitted code for the edge-case spec, so a reviewer sees exactly how a generator
//! change alters its output (keywords, Chinese names, markup in docs, both unions...).

use std::path::Path;

fn edge_files() -> Vec<approval_codegen::write::RenderedFile> {
    let root = approval_tests::workspace_root();
    approval_codegen::generate(&root.join("tests/edge-specs"), &root)
        .unwrap_or_else(|error| panic!("{error}"))
}

fn file(name: &str) -> String {
    edge_files()
        .into_iter()
        .find(|f| f.path == Path::new(name))
        .map(|f| f.text)
        .unwrap_or_else(|| panic!("{name} is generated"))
}

#[test]
fn edge_types() {
    insta::assert_snapshot!("edge_types", file("src/edge_cases/types.rs"));
}

#[test]
fn edge_endpoint() {
    insta::assert_snapshot!("edge_endpoint", file("src/edge_cases/type.rs"));
}

#[test]
fn edge_errors() {
    insta::assert_snapshot!("edge_errors", file("src/edge_cases/errors.rs"));
}

#[test]
fn doc_text_cannot_break_out_of_comments_or_inject_markup() {
    for file in edge_files() {
        for line in file.text.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("///") || trimmed.starts_with("//!") {
                assert!(
                    !line.contains("<script>"),
                    "{}: raw HTML in docs: {line}",
                    file.path.display()
                );
                assert!(
                    !line.contains("<b>"),
                    "{}: raw HTML in docs: {line}",
                    file.path.display()
                );
            }
            assert!(
                !trimmed.starts_with("/*"),
                "{}: block comments are never emitted: {line}",
                file.path.display()
            );
        }
    }
}
