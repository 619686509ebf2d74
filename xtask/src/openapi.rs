//! `cargo xtask openapi [--version 3.1|3.0] [--out DIR] [--check]`: one OpenAPI document per
//! vendor and version (both versions unless `--version` picks one), into `openapi/` by default.

use approval_codegen::openapi::{self, Version};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug)]
struct Options {
    versions: Vec<Version>,
    out: Option<PathBuf>,
    check: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        versions: Version::ALL.to_vec(),
        out: None,
        check: false,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--version" => {
                let name = iter.next().ok_or("--version needs 3.0 or 3.1")?;
                let version = Version::from_name(name)
                    .ok_or_else(|| format!("unknown OpenAPI version `{name}` (3.0 or 3.1)"))?;
                options.versions = vec![version];
            }
            "--out" => options.out = Some(iter.next().ok_or("--out needs a directory")?.into()),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(options)
}

/// Runs the command; `args` follow `openapi`.
pub fn run(root: &Path, args: &[String]) -> ExitCode {
    let options = match parse(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n{}", crate::USAGE);
            return ExitCode::from(2);
        }
    };
    let out = match &options.out {
        Some(dir) => std::env::current_dir().unwrap_or_default().join(dir),
        None => root.join(openapi::OUT_DIR),
    };
    match openapi::run(root, &out, &options.versions, options.check) {
        Ok(staleness) => crate::report(&staleness, options.check, openapi::COMMAND),
        Err(error) => crate::failed(&error),
    }
}
