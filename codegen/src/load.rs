//! Stage 2, loading: read every spec file and parse it into the spec model, keeping spans.
//!
//! A file that does not parse yields one diagnostic (the YAML parser stops at the first
//! problem in a file); the other files are still read, so one run reports every broken file.

use crate::diagnostic::{Diagnostic, FileId, SourceMap};
use crate::spec::{Span, SpecFile};
use std::path::{Path, PathBuf};

/// A parsed spec and the file it came from.
#[derive(Clone, Debug)]
pub struct LoadedSpec {
    /// The file.
    pub file: FileId,
    /// The file's path as shown to users (relative to the workspace when possible).
    pub path: PathBuf,
    /// Its contents.
    pub spec: SpecFile,
}

/// Why specs could not be read at all (as opposed to being wrong).
#[derive(Debug)]
pub struct LoadError {
    /// The path involved.
    pub path: PathBuf,
    /// The I/O error.
    pub error: std::io::Error,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read {}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for LoadError {}

/// Spec files larger than this are refused before parsing.
const MAX_SPEC_BYTES: usize = 16 << 20;

/// The `*.yaml` files directly inside `dir`, sorted by name so runs are deterministic.
pub fn spec_paths(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let read = std::fs::read_dir(dir).map_err(|error| LoadError {
        path: dir.to_owned(),
        error,
    })?;
    let mut paths = Vec::new();
    for entry in read {
        let entry = entry.map_err(|error| LoadError {
            path: dir.to_owned(),
            error,
        })?;
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "yaml") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Reads and parses every spec file in `dir`. `display_root` is stripped from paths shown in
/// diagnostics.
pub fn load_dir(
    dir: &Path,
    display_root: &Path,
    sources: &mut SourceMap,
) -> Result<(Vec<LoadedSpec>, Vec<Diagnostic>), LoadError> {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for path in spec_paths(dir)? {
        let bytes = std::fs::read(&path).map_err(|error| LoadError {
            path: path.clone(),
            error,
        })?;
        let name = path.strip_prefix(display_root).unwrap_or(&path).to_owned();
        match String::from_utf8(bytes) {
            Ok(text) => files.push((name, text)),
            Err(error) => diagnostics.push(not_utf8(name, &error, sources)),
        }
    }
    let (specs, mut parsed) = load_texts(files, sources);
    diagnostics.append(&mut parsed);
    Ok((specs, diagnostics))
}

/// A diagnostic at the first byte of a file that is not UTF-8.
fn not_utf8(
    name: PathBuf,
    error: &std::string::FromUtf8Error,
    sources: &mut SourceMap,
) -> Diagnostic {
    let bytes = error.as_bytes();
    let valid = &bytes[..error.utf8_error().valid_up_to()];
    // The prefix is valid UTF-8 by definition of `valid_up_to`.
    let prefix = std::str::from_utf8(valid).unwrap_or_default();
    let line_start = prefix.rfind('\n').map_or(0, |index| index + 1);
    let span = Span {
        line: prefix.matches('\n').count() + 1,
        column: prefix[line_start..].chars().count() + 1,
        offset: Some(valid.len()),
        // The shown text has U+FFFD where the bad byte was.
        len: char::REPLACEMENT_CHARACTER.len_utf8(),
    };
    let byte = bytes.get(valid.len()).copied().unwrap_or_default();
    let file = sources.add(name, String::from_utf8_lossy(bytes).into_owned());
    Diagnostic::new(
        file,
        span,
        format!("the spec file is not UTF-8 (byte 0x{byte:02x})"),
    )
    .expected("a UTF-8 text file")
}

/// Parses spec texts given as (display path, text), e.g. read from a git revision: the specs
/// that parse, and a diagnostic for each that does not.
pub fn load_texts(
    files: Vec<(PathBuf, String)>,
    sources: &mut SourceMap,
) -> (Vec<LoadedSpec>, Vec<Diagnostic>) {
    let mut specs = Vec::new();
    let mut diagnostics = Vec::new();
    for (name, text) in files {
        match load_text(name, text, sources) {
            Ok(spec) => specs.push(spec),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (specs, diagnostics)
}

/// Parses one spec file's text.
pub fn load_text(
    name: PathBuf,
    text: String,
    sources: &mut SourceMap,
) -> Result<LoadedSpec, Diagnostic> {
    let too_big = text.len() > MAX_SPEC_BYTES;
    let path = name.clone();
    let file = sources.add(name, text);
    let text = &sources
        .get(file)
        .map(|f| f.text.as_str())
        .unwrap_or_default();
    if too_big {
        return Err(Diagnostic::new(
            file,
            Span {
                line: 1,
                column: 1,
                offset: Some(0),
                len: 0,
            },
            "spec file is too large",
        )
        .expected(format!("at most {MAX_SPEC_BYTES} bytes")));
    }
    serde_saphyr::from_str_with_options::<SpecFile>(text, parser_options())
        .map(|spec| LoadedSpec { file, path, spec })
        .map_err(|error| {
            let span = error.location().map_or(
                Span {
                    line: 1,
                    column: 1,
                    offset: Some(0),
                    len: 0,
                },
                Span::from_location,
            );
            let (message, expected) = split_parser_message(&error.without_snippet().to_string());
            let diagnostic = Diagnostic::new(file, Span { len: 0, ..span }, message);
            match expected {
                Some(expected) => diagnostic.expected(expected),
                None => diagnostic,
            }
        })
}

/// Parser limits sized for specs up to [`MAX_SPEC_BYTES`]: generous for real specs (a
/// 5,000-endpoint spec needs about 1.5 million nodes), tight enough that alias bombs and deep
/// nesting stop early instead of exhausting memory or the stack.
fn parser_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 8_000_000;
    budget.max_events = 16_000_000;
    budget.max_depth = 64;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options
}

/// Turns the parser's one-line message into our message and "expected" parts.
fn split_parser_message(raw: &str) -> (String, Option<String>) {
    let mut message = raw.trim();
    message = message
        .strip_prefix("error:")
        .unwrap_or(message)
        .trim_start();
    if let Some(rest) = message.strip_prefix("line ")
        && let Some((_, after)) = rest.split_once(": ")
    {
        message = after;
    }
    let mut message = message.lines().next().unwrap_or(message);
    if let Some(index) = message.rfind(" at line ") {
        message = &message[..index];
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        return (
            format!("`{key}` is given twice in this mapping"),
            Some("each key once".to_owned()),
        );
    }
    match message.split_once(", expected ") {
        Some((what, expected)) => (what.to_owned(), Some(expected.to_owned())),
        None => match message.strip_prefix("expected ") {
            Some(expected) => (
                "unexpected value here".to_owned(),
                Some(expected.to_owned()),
            ),
            None => (message.to_owned(), None),
        },
    }
}
