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

#[test]
fn diff_exit_codes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let base = std::fs::read_to_string(root.join("tests/diff-specs/base.yaml")).unwrap();
    let scratch = std::env::temp_dir().join(format!("xtask-cli-diff-{}", std::process::id()));
    let write = |name: &str, text: &str| {
        let dir = scratch.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("shop.yaml"), text).unwrap();
        dir.to_str().unwrap().to_owned()
    };
    let old = write("old", &base);
    let breaking = write(
        "breaking",
        &base.replace("      - {value: blue, label: 蓝, doc: Blue.}\n", ""),
    );
    let compatible = write("compatible", &base.replace("label: 蓝", "label: 青"));
    let broken = write("broken", "vendor: [\n");
    let run = |new: &str, extra: &[&str]| {
        let mut args = vec!["diff", "--old", old.as_str(), "--new", new];
        args.extend_from_slice(extra);
        xtask(&args)
    };
    let report = run(&breaking, &[]);
    assert_eq!(report.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&report.stdout).contains("enum-value-removed"));
    assert_eq!(
        run(&breaking, &["--fail-on-breaking"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&compatible, &["--fail-on-breaking"]).status.code(),
        Some(0)
    );
    let json = run(&breaking, &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON report");
    assert_eq!(value["breaking"], 1);
    assert_eq!(run(&broken, &[]).status.code(), Some(2));
    assert_eq!(run(&breaking, &["--format", "yaml"]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn openapi_check_exits_1_listing_stale_documents_and_bad_options_exit_2() {
    let scratch = std::env::temp_dir().join(format!("xtask-cli-openapi-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let out = scratch.to_str().unwrap();
    let check = xtask(&["openapi", "--version", "3.0", "--out", out, "--check"]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("stale:") && stdout.contains("feishu.3.0.json"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("3.1.json"),
        "only the version asked for: {stdout}"
    );
    assert!(!scratch.exists(), "check mode writes nothing");
    assert_eq!(xtask(&["openapi", "--out", out]).status.code(), Some(0));
    assert_eq!(
        xtask(&["openapi", "--out", out, "--check"]).status.code(),
        Some(0)
    );
    assert_eq!(
        xtask(&["openapi", "--version", "2.0"]).status.code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&scratch);
}
