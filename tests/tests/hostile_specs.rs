//! Bad specs never panic or hang: mutated copies of the real specs give diagnostics with valid
//! `file:line:col`, or, when they still check, generate code that parses; a sample of those is
//! compiled, all in one `cargo check` of a scratch workspace (one crate per mutant), so an
//! accepted spec that generates code that does not compile fails the test with its seed, the
//! lines the mutation changed and the compiler's error.
//!
//! Cases per spec: 64 by default (CI); `APPROVAL_FUZZ_CASES=20000 cargo test --release -p
//! approval-tests --test hostile_specs` runs longer. `APPROVAL_FUZZ_SEED` changes the seed.
//! `APPROVAL_COMPILE_MUTANTS` (default 24) is how many distinct accepted mutants are compiled.

use approval_codegen::diagnostic::{SourceMap, render_all};
use approval_codegen::format::Style;
use approval_codegen::write::RenderedFile;
use approval_codegen::{check, load, render};
use approval_tests::mutate::{Rng, mutate};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Loads and checks one spec text; on success also generates, and returns the files.
/// Panics (failing the test) only if a property breaks.
fn exercise(name: &str, text: &str) -> Option<Vec<RenderedFile>> {
    let line_count = text.lines().count().max(1);
    let mut sources = SourceMap::default();
    let diagnostics = match load::load_text(name.into(), text.to_owned(), &mut sources) {
        Ok(loaded) => match check::check(vec![loaded]) {
            Ok(checked) => match render(&checked, Style::PrettyPlease, None) {
                Ok(files) => return Some(files),
                Err(error) => panic!(
                    "a spec that checks must generate parseable code: {error}\n--- spec ---\n{text}"
                ),
            },
            Err(diagnostics) => diagnostics,
        },
        Err(diagnostic) => vec![diagnostic],
    };
    for diagnostic in &diagnostics {
        let span = diagnostic.span;
        assert!(
            span.line >= 1 && span.line <= line_count + 1,
            "line {} outside 1..={}: {}",
            span.line,
            line_count + 1,
            diagnostic.message
        );
        assert!(
            span.column >= 1,
            "column {} for {}",
            span.column,
            diagnostic.message
        );
        assert!(
            diagnostic
                .location(&sources)
                .starts_with(&format!("{name}:{}:{}", span.line, span.column))
        );
    }
    let rendered = render_all(&diagnostics, &sources);
    assert!(
        rendered.contains(&format!("{name}:")),
        "rendered diagnostics name the file"
    );
    None
}

/// An accepted mutant picked for compilation.
struct Mutant {
    spec: String,
    seed: u64,
    case: u64,
    /// The lines the mutation changed, as `-`/`+` lines with their numbers.
    excerpt: String,
    files: Vec<RenderedFile>,
}

/// The lines of `mutated` that differ from `original`: line by line when the count is the same
/// (edits in place, renames), else the block between the common head and tail.
fn changed_lines(original: &str, mutated: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) =
        (original.lines().collect(), mutated.lines().collect());
    let (head, tail) = if old.len() == new.len() {
        (0, 0)
    } else {
        let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
        let tail = old[head..]
            .iter()
            .rev()
            .zip(new[head..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        (head, tail)
    };
    let shorten = |line: &str| {
        if line.chars().count() > 160 {
            format!(
                "{}… ({} chars)",
                line.chars().take(160).collect::<String>(),
                line.len()
            )
        } else {
            line.to_owned()
        }
    };
    let mut out = String::new();
    if old.len() == new.len() {
        let differing = old
            .iter()
            .zip(&new)
            .enumerate()
            .filter(|(_, (a, b))| a != b);
        for (index, (a, b)) in differing.take(10) {
            out.push_str(&format!("-{:>5} | {}\n", index + 1, shorten(a)));
            out.push_str(&format!("+{:>5} | {}\n", index + 1, shorten(b)));
        }
        return out;
    }
    for (index, line) in old[head..old.len() - tail].iter().enumerate().take(20) {
        out.push_str(&format!("-{:>5} | {}\n", head + index + 1, shorten(line)));
    }
    for (index, line) in new[head..new.len() - tail].iter().enumerate().take(20) {
        out.push_str(&format!("+{:>5} | {}\n", head + index + 1, shorten(line)));
    }
    out
}

#[test]
fn mutated_vendor_specs_never_panic_nor_hang() {
    let cases = env_number("APPROVAL_FUZZ_CASES", 64);
    let seed = env_number("APPROVAL_FUZZ_SEED", 0x5eed);
    let compile_budget = usize::try_from(env_number("APPROVAL_COMPILE_MUTANTS", 24)).unwrap_or(24);
    let root = approval_tests::workspace_root();
    let mut still_valid = 0;
    let mut seen_outputs = BTreeSet::new();
    let mut accepted: Vec<Vec<Mutant>> = Vec::new();
    for path in load::spec_paths(&root.join("specs")).expect("specs") {
        let original = std::fs::read_to_string(&path).expect("spec");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let original_files = exercise(&name, &original).expect("the spec itself is valid");
        seen_outputs.insert(fingerprint(&original_files));
        let spec_seed = seed ^ name.len() as u64;
        let mut rng = Rng::new(spec_seed);
        let mut mine = Vec::new();
        for case in 0..cases {
            let text = mutate(&original, &mut rng);
            let start = Instant::now();
            let outcome = std::panic::catch_unwind(|| exercise(&name, &text));
            let took = start.elapsed();
            match outcome {
                Ok(Some(files)) => {
                    still_valid += 1;
                    // Only mutants whose output differs from every earlier one are worth a build.
                    if !seen_outputs.insert(fingerprint(&files)) {
                        continue;
                    }
                    mine.push(Mutant {
                        spec: name.clone(),
                        seed: spec_seed,
                        case,
                        excerpt: changed_lines(&original, &text),
                        files,
                    });
                }
                Ok(None) => {}
                Err(_) => {
                    panic!("case {case} of {name} (seed {seed:#x}) panicked; see the message above")
                }
            }
            assert!(
                took < Duration::from_secs(10),
                "case {case} of {name} took {took:?}"
            );
        }
        accepted.push(mine);
    }
    eprintln!("{still_valid} mutated specs still checked and generated");
    // Take the sample round-robin over the specs, so each vendor's generator paths are built.
    let mut sample = Vec::new();
    let mut queues: Vec<std::vec::IntoIter<Mutant>> =
        accepted.into_iter().map(Vec::into_iter).collect();
    while sample.len() < compile_budget {
        let before = sample.len();
        for queue in &mut queues {
            if sample.len() < compile_budget
                && let Some(mutant) = queue.next()
            {
                sample.push(mutant);
            }
        }
        if sample.len() == before {
            break;
        }
    }
    assert!(
        !sample.is_empty(),
        "some accepted mutants differ from the original output"
    );
    compile_all(&root, &sample);
}

/// A short fingerprint of generated files, to tell distinct outputs apart.
fn fingerprint(files: &[RenderedFile]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for file in files {
        file.path.hash(&mut hasher);
        // The header's first lines name the spec and fingerprint formatting; skip them.
        file.text
            .lines()
            .skip(2)
            .for_each(|line| line.hash(&mut hasher));
    }
    hasher.finish()
}

/// Writes every mutant's crate into one scratch workspace and runs one `cargo check` on it;
/// fails with the mutants that do not compile and the compiler's errors.
fn compile_all(root: &Path, mutants: &[Mutant]) {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-mutants");
    let members: Vec<String> = (0..mutants.len())
        .map(|i| format!("mutant-{i:03}"))
        .collect();
    // Old members would join the workspace; the target directory is kept (warm dependencies).
    if let Ok(entries) = std::fs::read_dir(&scratch) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with("mutant-") {
                std::fs::remove_dir_all(entry.path()).expect("removes an old mutant");
            }
        }
    }
    for (member, mutant) in members.iter().zip(mutants) {
        for file in &mutant.files {
            let path = scratch.join(member).join(&file.path);
            std::fs::create_dir_all(path.parent().unwrap()).expect("creates a mutant directory");
            let text = if file.path == Path::new("Cargo.toml") {
                // Package names must be unique within the workspace.
                file.text
                    .replace("name = \"approval-api\"", &format!("name = \"{member}\""))
            } else {
                file.text.clone()
            };
            std::fs::write(&path, text).expect("writes a mutant file");
        }
    }
    let runtime = root.join("codegen/runtime");
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = {members:?}\n\n\
         [workspace.package]\nedition = \"2024\"\nrust-version = \"1.89\"\nlicense = \"MIT OR Apache-2.0\"\nversion = \"0.1.0\"\n\n\
         [workspace.dependencies]\napproval-api-runtime = {{ path = {runtime:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\n\
         [workspace.lints.rust]\nunsafe_code = \"forbid\"\n"
    );
    std::fs::write(scratch.join("Cargo.toml"), manifest).expect("writes the workspace manifest");
    // The main lock file pins the same dependency versions, so nothing is resolved anew.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("copies Cargo.lock");

    let start = Instant::now();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // Each compiler process gets at most 6 GB of address space, so a mutant that makes rustc
    // blow up (known bug 4 did: 24 GiB) fails here instead of taking the shared machine down
    // (where `ulimit -v` is not supported, cargo runs without the limit).
    let output = std::process::Command::new("sh")
        .args([
            "-c",
            "ulimit -v 6000000 2>/dev/null; exec \"$0\" \"$@\"",
            cargo.as_str(),
        ])
        .args([
            "check",
            "--workspace",
            // Every vendor module is behind its feature.
            "--all-features",
            "--keep-going",
            "--offline",
            "--message-format=json",
        ])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        // Compiling is the property, not lint-freedom (unused items are expected in mutants).
        .env("RUSTFLAGS", "")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("runs cargo check");
    eprintln!(
        "cargo check of {} accepted mutants took {:?}",
        mutants.len(),
        start.elapsed()
    );
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let manifest = PathBuf::from(message["manifest_path"].as_str().unwrap_or_default());
        let member = manifest
            .parent()
            .and_then(Path::file_name)
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
        errors.entry(member).or_default().push(rendered.to_owned());
    }
    // A compiler that died without a diagnostic (out of memory, killed) is only on stderr.
    let stderr = String::from_utf8_lossy(&output.stderr);
    for line in stderr.lines() {
        if let Some(rest) = line.strip_prefix("error: could not compile `")
            && let Some((member, _)) = rest.split_once('`')
        {
            errors.entry(member.to_owned()).or_insert_with(|| {
                vec![format!(
                    "rustc failed without a diagnostic:\n{}",
                    stderr_about(&stderr, member)
                )]
            });
        }
    }
    let mut report = String::new();
    for (member, mutant) in members.iter().zip(mutants) {
        let Some(messages) = errors.remove(member) else {
            continue;
        };
        report.push_str(&format!(
            "\n=== {} case {} (APPROVAL_FUZZ_SEED-derived seed {:#x}) does not compile ({member})\n{}--- first error ---\n{}\n",
            mutant.spec,
            mutant.case,
            mutant.seed,
            mutant.excerpt,
            messages.first().map_or("", String::as_str)
        ));
    }
    assert!(
        report.is_empty() && errors.is_empty() && output.status.success(),
        "accepted mutants must compile:{report}\n{}",
        if report.is_empty() {
            stderr.into_owned()
        } else {
            String::new()
        }
    );
}

/// The lines of cargo's stderr about the failure of `member` (its cause: a killed process, a
/// failed allocation); long command lines are shortened to their ends.
fn stderr_about(stderr: &str, member: &str) -> String {
    stderr
        .lines()
        .skip_while(|line| !line.contains(&format!("could not compile `{member}`")))
        .filter(|line| !line.trim_start().starts_with("Checking "))
        .take(4)
        .map(|line| {
            let chars: Vec<char> = line.chars().collect();
            if chars.len() > 300 {
                let (head, tail) = (&chars[..120], &chars[chars.len() - 80..]);
                format!(
                    "{} … {}\n",
                    String::from_iter(head),
                    String::from_iter(tail)
                )
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}
