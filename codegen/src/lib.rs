//! `approval-codegen`: YAML specs of vendor approval APIs in, a typed Rust crate out.
//!
//! The pipeline flows one way, one module per stage:
//! [`spec`] (serde model, type expressions and paths parsed) → [`load`] (parse with spans) →
//! [`check`] (semantic rules; builds the [`ir`], the only way to get one) → `emit` (token
//! streams) → `format` (prettyplease, rustfmt, header) → [`write`] (atomic write, or check).
//!
//! [`openapi`] is a second consumer of the checked IR (like [`diff`] of the loaded specs): one
//! OpenAPI document per vendor, written through the same [`write`] stage.
//!
//! The public surface is what `xtask` and the tests need: [`run`] / [`run_dirs`] /
//! [`generate`] for whole runs, [`load_checked`] and the stage entry points to inspect a stage.
#![forbid(unsafe_code)]

pub mod check;
pub mod diagnostic;
pub mod diff;
mod emit;
pub mod format;
pub mod ir;
pub mod load;
mod naming;
pub mod openapi;
mod scalar;
mod schema;
pub mod spec;
pub mod write;

use diagnostic::{Diagnostic, SourceMap};
use std::path::Path;

/// Why generation stopped.
#[derive(Debug)]
pub enum Error {
    /// The specs could not be read.
    Load(load::LoadError),
    /// The specs are wrong; the diagnostics say where.
    Specs(Vec<Diagnostic>, SourceMap),
    /// The output could not be produced or written.
    Write(write::WriteError),
    /// The generator broke one of its own invariants (a bug: the checker accepted a spec the
    /// emitter cannot express). The message says which.
    Internal(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Load(error) => error.fmt(f),
            Self::Specs(diagnostics, sources) => {
                f.write_str(&diagnostic::render_all(diagnostics, sources))
            }
            Self::Write(error) => error.fmt(f),
            Self::Internal(message) => write!(
                f,
                "internal error in the generator: {message}; please report this with the spec"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Loads and checks the specs in `specs_dir`.
pub fn load_checked(specs_dir: &Path, display_root: &Path) -> Result<check::Checked, Error> {
    let mut sources = SourceMap::default();
    let (specs, diagnostics) =
        load::load_dir(specs_dir, display_root, &mut sources).map_err(Error::Load)?;
    checked(specs, diagnostics, sources)
}

/// Loads and checks specs given as (display path, text) pairs, e.g. read from a git revision.
pub fn load_checked_texts(
    files: Vec<(std::path::PathBuf, String)>,
) -> Result<check::Checked, Error> {
    let mut sources = SourceMap::default();
    let (specs, diagnostics) = load::load_texts(files, &mut sources);
    checked(specs, diagnostics, sources)
}

fn checked(
    specs: Vec<load::LoadedSpec>,
    mut diagnostics: Vec<Diagnostic>,
    sources: SourceMap,
) -> Result<check::Checked, Error> {
    match check::check(specs) {
        Ok(checked) if diagnostics.is_empty() => Ok(checked),
        Ok(_) => Err(Error::Specs(diagnostics, sources)),
        Err(found) => {
            diagnostics.extend(found);
            Err(Error::Specs(diagnostics, sources))
        }
    }
}

/// Every output file, formatted, for the specs in `specs_dir`.
pub fn generate(specs_dir: &Path, display_root: &Path) -> Result<Vec<write::RenderedFile>, Error> {
    generate_reusing(specs_dir, display_root, None)
}

/// Like [`generate`], reusing rustfmt's earlier output for files in `previous` (an output
/// directory) whose unformatted text has not changed; the result is byte-identical.
pub fn generate_reusing(
    specs_dir: &Path,
    display_root: &Path,
    previous: Option<&Path>,
) -> Result<Vec<write::RenderedFile>, Error> {
    let checked = load_checked(specs_dir, display_root)?;
    render(&checked, format::Style::Rustfmt, previous)
}

/// Emits and prints the pieces of the output on all cores, then finishes the files (headers,
/// rustfmt). Token streams never leave the thread that made them.
pub fn render(
    checked: &check::Checked,
    style: format::Style,
    previous: Option<&Path>,
) -> Result<Vec<write::RenderedFile>, Error> {
    let ir = checked.ir();
    let plan = emit::plan(ir);
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8)
        .min(plan.pieces.len().max(1));
    let mut printed: Vec<String> = vec![String::new(); plan.pieces.len()];
    type Printed = Result<Vec<(usize, String)>, write::WriteError>;
    let results: Vec<Result<Printed, Error>> = std::thread::scope(|scope| {
        let plan = &plan;
        let workers: Vec<_> = (0..threads)
            .map(|first| {
                scope.spawn(move || {
                    let mine = plan.pieces.iter().enumerate().skip(first).step_by(threads);
                    mine.map(|(index, piece)| {
                        Ok((
                            index,
                            format::print(
                                emit::emit_piece(ir, &piece.job),
                                &plan.files[piece.file].path,
                            )?,
                        ))
                    })
                    .collect()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().map_err(|panic| panic_message(&*panic)))
            .collect()
    });
    for result in results {
        for (index, text) in result?.map_err(Error::Write)? {
            printed[index] = text;
        }
    }
    let mut bodies: Vec<String> = vec![String::new(); plan.files.len()];
    for (piece, text) in plan.pieces.iter().zip(printed) {
        bodies[piece.file].push_str(&text);
    }
    format::finish(
        plan.files.into_iter().zip(bodies).collect(),
        style,
        previous,
    )
    .map_err(Error::Write)
}

/// What a panicking emitter said (an emitter panics only when an IR invariant is broken).
fn panic_message(panic: &(dyn std::any::Any + Send)) -> Error {
    let text = panic
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an emitter panicked".to_owned());
    Error::Internal(text)
}

/// Where things live in a checkout.
pub mod layout {
    /// Spec directory, relative to the workspace root.
    pub const SPECS: &str = "specs";
    /// Output crate directory.
    pub const GENERATED: &str = "generated";
    /// The spec format's JSON Schema, inside the spec directory.
    pub const SCHEMA: &str = "spec.schema.json";
}

/// Regenerates (or, with `check_only`, compares) the output crate and the spec schema for the
/// workspace at `root`. Paths in the result are relative to `root`.
pub fn run(root: &Path, check_only: bool) -> Result<write::Staleness, Error> {
    let specs = root.join(layout::SPECS);
    let mut staleness = run_dirs(&specs, &root.join(layout::GENERATED), root, check_only)?;
    let schema = [write::RenderedFile {
        path: layout::SCHEMA.into(),
        text: schema::spec_schema(),
    }];
    let schema_state = write::apply(&specs, &schema, check_only).map_err(Error::Write)?;
    staleness.changed.extend(
        schema_state
            .changed
            .into_iter()
            .map(|p| Path::new(layout::SPECS).join(p)),
    );
    Ok(staleness)
}

/// Generates the crate for the specs in `specs` into `out` (or compares, with `check_only`).
/// Paths in the result are relative to `display_root` where possible.
pub fn run_dirs(
    specs: &Path,
    out: &Path,
    display_root: &Path,
    check_only: bool,
) -> Result<write::Staleness, Error> {
    let files = generate_reusing(specs, display_root, Some(out))?;
    let state = write::apply(out, &files, check_only).map_err(Error::Write)?;
    let shown = out.strip_prefix(display_root).unwrap_or(out);
    let prefix = |paths: Vec<std::path::PathBuf>| {
        paths.into_iter().map(|p| shown.join(p)).collect::<Vec<_>>()
    };
    Ok(write::Staleness {
        changed: prefix(state.changed),
        removed: prefix(state.removed),
    })
}
