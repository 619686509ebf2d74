//! The `xtask` binary as a maintainer runs it: exit codes and messages.

use std::path::Path;
use std::process::Command;

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

#[test]
fn a_bad_spec_exits_1_with_file_line_col_and_no_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let scratch = std::env::temp_dir().join(format!("xtask-cli-bad-{}", std::process::id()));
    let specs = scratch.join("specs");
    std::fs::create_dir_all(&specs).unwrap();
    std::fs::copy(
        root.join("tests/bad-specs/semantic_errors.yaml"),
        specs.join("demo.yaml"),
    )
    .unwrap();
    let output = xtask(&[
        "codegen",
        "--specs",
        specs.to_str().unwrap(),
        "--out",
        scratch.join("out").to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("demo.yaml:20:13"), "{stderr}");
    assert!(stderr.contains("17 problem(s)"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !scratch.join("out").exists(),
        "nothing is written when the specs are wrong"
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn the_checked_in_tree_is_fresh() {
    let output = xtask(&["codegen", "--check"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(xtask(&["codegen", "--bogus"]).status.code(), Some(2));
    assert_eq!(xtask(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(xtask(&["codegen", "--specs", "x"]).status.code(), Some(2));
}
