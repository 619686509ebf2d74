//! Bad specs never panic or hang: mutated copies of the real specs give diagnostics with valid
//! `file:line:col`, or, when they still check, generate code that parses.
//!
//! Cases per spec: 64 by default (CI); `APPROVAL_FUZZ_CASES=20000 cargo test --release -p
//! approval-tests --test hostile_specs` runs longer. `APPROVAL_FUZZ_SEED` changes the seed.

use approval_codegen::diagnostic::{SourceMap, render_all};
use approval_codegen::format::Style;
use approval_codegen::{check, load, render};
use approval_tests::mutate::{Rng, mutate};
use std::time::{Duration, Instant};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Loads and checks one spec text; on success also generates. Returns what happened, and
/// panics (failing the test) only if a property breaks.
fn exercise(name: &str, text: &str) -> bool {
    let line_count = text.lines().count().max(1);
    let mut sources = SourceMap::default();
    let diagnostics = match load::load_text(name.into(), text.to_owned(), &mut sources) {
        Ok(loaded) => match check::check(vec![loaded]) {
            Ok(checked) => {
                if let Err(error) = render(&checked, Style::PrettyPlease, None) {
                    panic!(
                        "a spec that checks must generate parseable code: {error}\n--- spec ---\n{text}"
                    );
                }
                return true;
            }
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
    false
}

#[test]
fn mutated_vendor_specs_never_panic_nor_hang() {
    let cases = env_number("APPROVAL_FUZZ_CASES", 64);
    let seed = env_number("APPROVAL_FUZZ_SEED", 0x5eed);
    let root = approval_tests::workspace_root();
    let mut still_valid = 0;
    for path in load::spec_paths(&root.join("specs")).expect("specs") {
        let original = std::fs::read_to_string(&path).expect("spec");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(exercise(&name, &original), "{name} itself is valid");
        let mut rng = Rng::new(seed ^ name.len() as u64);
        for case in 0..cases {
            let text = mutate(&original, &mut rng);
            let start = Instant::now();
            let outcome = std::panic::catch_unwind(|| exercise(&name, &text));
            let took = start.elapsed();
            match outcome {
                Ok(valid) => still_valid += usize::from(valid),
                Err(_) => {
                    panic!("case {case} of {name} (seed {seed:#x}) panicked; see the message above")
                }
            }
            assert!(
                took < Duration::from_secs(10),
                "case {case} of {name} took {took:?}"
            );
        }
    }
    eprintln!("{still_valid} mutated specs still checked and generated");
}

#[test]
fn alias_bombs_and_deep_nesting_stop_with_a_diagnostic() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..40 {
        let previous = level - 1;
        bomb.push_str(&format!("a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"));
    }
    let deep = format!("vendor: {}\n", "[".repeat(100_000));
    for text in [bomb, deep, "\u{feff}\0\u{1}".to_owned(), String::new()] {
        let start = Instant::now();
        assert!(!exercise("hostile.yaml", &text));
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}
