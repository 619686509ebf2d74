//! Compile-time guarantees, checked by trybuild in one build: downstream uses of the generated
//! crate compile (`ui/pass`), misuse does not, with a readable error (`ui/fail`), and the
//! edge-case specs generate a module that compiles.

use std::path::Path;

#[test]
fn generated_code_compiles_and_misuse_does_not() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
    cases.pass(edge_case_program());
}

/// Generates `tests/edge-specs/` into a scratch crate and writes a program that includes it.
fn edge_case_program() -> std::path::PathBuf {
    let root = approval_tests::workspace_root();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("edge-specs");
    let out = scratch.join("crate");
    approval_codegen::run_dirs(&root.join("tests/edge-specs"), &out, &root, false)
        .unwrap_or_else(|error| panic!("{error}"));
    let module = out.join("src/edge_cases/mod.rs");
    let prelude_names = out.join("src/prelude_names/mod.rs");
    let unknown = out.join("src/unknown.rs");
    let program = format!(
        "#[path = {unknown:?}]\n#[allow(unused)]\nmod unknown;\nuse unknown::{{UnknownValue, UnknownVariant}};\n#[path = {module:?}]\n#[allow(unused)]\nmod edge_cases;\n#[path = {prelude_names:?}]\n#[allow(unused)]\nmod prelude_names;\n\n{}",
        std::fs::read_to_string(root.join("tests/ui/edge_main.rs")).expect("edge_main.rs")
    );
    let path = scratch.join("edge_cases_compile.rs");
    std::fs::write(&path, program).expect("writes the program");
    path
}
