//! `cargo xtask`: the project's maintenance commands.
//!
//! - `cargo xtask codegen`: regenerate `generated/` and `specs/spec.schema.json` from `specs/`.
//! - `cargo xtask codegen --check`: change nothing; exit 1 listing stale files.
//! - `cargo xtask codegen --specs DIR --out DIR`: generate another spec set into a scratch
//!   crate directory (the schema is left alone).
//!
//! - `cargo xtask openapi [--version 3.1|3.0] [--out DIR] [--check]`: export the checked specs
//!   as OpenAPI documents (both versions by default) into `openapi/`.
//!
//! - `cargo xtask bench [--no-compile] [--only SECTION,…]`: benchmarks in release mode; prints a
//!   table, writes `target/bench/bench.json`.
//! - `cargo xtask bench --against progenitor`: this generator against progenitor's CLI (installed
//!   at a pinned version into `target/progenitor/`) on the synthetic specs exported as OpenAPI 3.0;
//!   writes `target/bench/bench-progenitor.json`.
//!
//! - `cargo xtask diff [--base REF | --old DIR --new DIR] [--format markdown|json]
//!   [--fail-on-breaking]`: what a spec change does to the API, for reviewers and bots.
//!
//! Exit codes: 0 done / up to date, 1 stale or bad specs, 2 usage or I/O error.
#![forbid(unsafe_code)]

mod diff;
mod openapi;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--specs DIR --out DIR]\n       cargo xtask openapi [--version 3.1|3.0] [--out DIR] [--check]\n       cargo xtask bench [--no-compile] [--only SECTION,…] | --against progenitor [--sizes N,…]\n       cargo xtask diff [--base REF | --old DIR --new DIR] [--format markdown|json] [--fail-on-breaking]";

#[derive(Debug, Default)]
struct Options {
    check: bool,
    specs: Option<PathBuf>,
    out: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut iter = args.iter();
    match iter.next().map(String::as_str) {
        Some("codegen") => {}
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("no command given".into()),
    }
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--specs" => {
                options.specs = Some(iter.next().ok_or("--specs needs a directory")?.into())
            }
            "--out" => options.out = Some(iter.next().ok_or("--out needs a directory")?.into()),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if options.specs.is_some() != options.out.is_some() {
        return Err("--specs and --out go together".into());
    }
    Ok(options)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if matches!(
        args.first().map(String::as_str),
        Some("help" | "--help" | "-h")
    ) {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if args.first().map(String::as_str) == Some("diff") {
        return diff::run(&workspace_root(), &args[1..]);
    }
    if args.first().map(String::as_str) == Some("openapi") {
        return openapi::run(&workspace_root(), &args[1..]);
    }
    if args.first().map(String::as_str) == Some("bench") {
        return bench(&args[1..]);
    }
    let options = match parse(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = workspace_root();
    let result = match (&options.specs, &options.out) {
        (Some(specs), Some(out)) => approval_codegen::run_dirs(
            specs,
            out,
            &std::env::current_dir().unwrap_or_default(),
            options.check,
        ),
        _ => approval_codegen::run(&root, options.check),
    };
    let generated = match result {
        Ok(staleness) => report(&staleness, options.check, approval_codegen::write::COMMAND),
        Err(error) => return failed(&error),
    };
    if options.specs.is_some() {
        return generated;
    }
    // Everything the specs produce: the OpenAPI documents too (`cargo xtask openapi` alone
    // writes only those).
    let out = root.join(approval_codegen::openapi::OUT_DIR);
    let versions = approval_codegen::openapi::Version::ALL;
    let exported = match approval_codegen::openapi::run(&root, &out, &versions, options.check) {
        Ok(staleness) => report(
            &staleness,
            options.check,
            approval_codegen::openapi::COMMAND,
        ),
        Err(error) => failed(&error),
    };
    if generated == ExitCode::SUCCESS {
        exported
    } else {
        generated
    }
}

/// Prints why a run stopped; bad specs exit 1, anything else 2.
fn failed(error: &approval_codegen::Error) -> ExitCode {
    let text = error.to_string();
    eprint!("{text}");
    if !text.ends_with('\n') {
        eprintln!();
    }
    match error {
        approval_codegen::Error::Specs(..) => ExitCode::FAILURE,
        _ => ExitCode::from(2),
    }
}

/// Builds and runs the benchmark binary in release mode; it prints the table and writes JSON.
fn bench(args: &[String]) -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args([
            "run",
            "--release",
            "--quiet",
            "-p",
            "approval-tests",
            "--bin",
            "bench",
            "--",
        ])
        .args(args)
        .current_dir(workspace_root())
        .status();
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: cannot run cargo: {error}");
            ExitCode::from(2)
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned)
}

/// Lists what was written or is stale; a stale check exits 1 naming `command`.
fn report(
    staleness: &approval_codegen::write::Staleness,
    check_only: bool,
    command: &str,
) -> ExitCode {
    if staleness.is_clean() {
        println!("up to date");
        return ExitCode::SUCCESS;
    }
    for path in &staleness.changed {
        println!(
            "{}: {}",
            if check_only { "stale" } else { "written" },
            path.display()
        );
    }
    for path in &staleness.removed {
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
        eprintln!("error: generated files are stale; run `{command}` and commit the result");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
