//! `cargo xtask`: the project's maintenance commands.
//!
//! - `cargo xtask codegen`: regenerate `generated/` and `specs/spec.schema.json` from `specs/`.
//! - `cargo xtask codegen --check`: change nothing; exit 1 listing stale files.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned)
}

fn codegen(check_only: bool) -> ExitCode {
    let root = workspace_root();
    match xtask_codegen(&root, check_only) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprint!("{error}");
            if !error.to_string().ends_with('\n') {
                eprintln!();
            }
            ExitCode::FAILURE
        }
    }
}

/// Returns whether the tree is (or now is) up to date.
fn xtask_codegen(root: &Path, check_only: bool) -> Result<bool, approval_codegen::Error> {
    let outcome = approval_codegen::run(root, check_only)?;
    if outcome.is_clean() {
        println!(
            "{}: up to date",
            if check_only {
                "generated/ and the spec schema"
            } else {
                "nothing to change"
            }
        );
        return Ok(true);
    }
    let verb = if check_only { "stale" } else { "written" };
    for path in &outcome.changed {
        println!("{verb}: {}", path.display());
    }
    for path in &outcome.removed {
        println!(
            "{}: {}",
            if check_only {
                "would remove"
            } else {
                "removed"
            },
            path.display()
        );
    }
    if check_only {
        eprintln!(
            "error: generated files are stale; run `cargo xtask codegen` and commit the result"
        );
        return Ok(false);
    }
    Ok(true)
}
