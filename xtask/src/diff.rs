//! `cargo xtask diff`: the semantic change report between two versions of the specs.

use approval_codegen::diff;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

pub const USAGE: &str = "cargo xtask diff [--base REF | --old DIR --new DIR] [--format markdown|json] [--fail-on-breaking]";

#[derive(Debug, Default)]
struct Options {
    base: Option<String>,
    old: Option<PathBuf>,
    new: Option<PathBuf>,
    json: bool,
    fail_on_breaking: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| iter.next().cloned().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--base" => options.base = Some(value("--base")?),
            "--old" => options.old = Some(value("--old")?.into()),
            "--new" => options.new = Some(value("--new")?.into()),
            "--format" => match value("--format")?.as_str() {
                "markdown" => options.json = false,
                "json" => options.json = true,
                other => return Err(format!("unknown format `{other}` (markdown or json)")),
            },
            "--fail-on-breaking" => options.fail_on_breaking = true,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if options.old.is_some() != options.new.is_some() {
        return Err("--old and --new go together".into());
    }
    if options.old.is_some() && options.base.is_some() {
        return Err("give either --base or --old/--new".into());
    }
    Ok(options)
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The default base: `HEAD` on main, else the merge base with `main`.
fn default_base(root: &Path) -> Result<String, String> {
    let branch = git(root, &["rev-parse", "--abbrev-ref", "HEAD"])?;
    if branch.trim() == "main" {
        return Ok("HEAD".into());
    }
    git(root, &["merge-base", "HEAD", "main"]).map(|s| s.trim().to_owned())
}

/// The spec files at a revision, as (path, text).
fn specs_at(root: &Path, revision: &str) -> Result<Vec<(PathBuf, String)>, String> {
    let listing = git(root, &["ls-tree", "--name-only", revision, "specs/"])?;
    let mut files = Vec::new();
    for path in listing
        .lines()
        .filter(|p| p.ends_with(".yaml") && !p[6..].contains('/'))
    {
        files.push((
            PathBuf::from(path),
            git(root, &["show", &format!("{revision}:{path}")])?,
        ));
    }
    Ok(files)
}

pub fn run(root: &Path, args: &[String]) -> ExitCode {
    let options = match parse(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\nusage: {USAGE}");
            return ExitCode::from(2);
        }
    };
    let fail = |message: String| {
        eprint!("{message}");
        if !message.ends_with('\n') {
            eprintln!();
        }
        ExitCode::from(2)
    };
    let loaded = match (&options.old, &options.new) {
        (Some(old), Some(new)) => approval_codegen::load_checked(old, old)
            .and_then(|old_specs| Ok((old_specs, approval_codegen::load_checked(new, new)?)))
            .map(|specs| (specs, old.display().to_string()))
            .map_err(|e| e.to_string()),
        _ => {
            let base = match options.base.clone().map_or_else(|| default_base(root), Ok) {
                Ok(base) => base,
                Err(message) => return fail(message),
            };
            specs_at(root, &base)
                .and_then(|files| {
                    approval_codegen::load_checked_texts(files)
                        .map_err(|e| format!("the specs at {base} do not check:\n{e}"))
                })
                .and_then(|old| {
                    Ok((
                        old,
                        approval_codegen::load_checked(&root.join("specs"), root)
                            .map_err(|e| e.to_string())?,
                    ))
                })
                .map(|specs| (specs, base))
        }
    };
    let ((old, new), base) = match loaded {
        Ok(loaded) => loaded,
        Err(message) => return fail(message),
    };
    let changes = diff::compare(old.specs(), new.specs());
    if options.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&diff::to_json(&changes, &base)).unwrap_or_default()
        );
    } else {
        print!("{}", diff::to_markdown(&changes, &base));
    }
    if options.fail_on_breaking && changes.iter().any(diff::Change::is_breaking) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
