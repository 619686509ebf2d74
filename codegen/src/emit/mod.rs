//! Stage 5, emitting: the IR as token streams, one function per concern, one output file per
//! vendor module, type module, error module and endpoint, planned as pieces that
//! `crate::render` emits and prints on all cores. Nothing here formats or writes.

mod access;
mod client;
mod context;
mod decode;
mod docs;
mod endpoint;
mod enums;
mod errors;
mod events;
mod krate;
mod names;
mod newtype;
mod object;
mod pagination;
mod ty;
mod union;
mod validate;

use crate::ir::{Ir, NamedType, TypeKind, Vendor};
use proc_macro2::TokenStream;
use quote::quote;
use std::ops::Range;
use std::path::PathBuf;

/// A file of the output, before its content is emitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    /// Path relative to the output directory.
    pub path: PathBuf,
    /// The spec file it comes from (`None` for crate-wide files).
    pub from: Option<String>,
    /// Whether it is Rust (formatted) or plain text.
    pub rust: bool,
}

/// A unit of emitting work: a small file whole, or a run of a types module's items, so that
/// work can be shared between threads and large modules never exist as one token stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// `Cargo.toml`.
    Manifest,
    /// `src/lib.rs`.
    LibRs,
    /// `src/unknown.rs`.
    Unknown,
    /// A vendor's `mod.rs`.
    VendorModule(usize),
    /// The attributes and imports of a vendor's `types.rs`.
    TypesPrelude(usize),
    /// Items of a vendor's `types.rs`, by index range into its sorted types.
    Types(usize, Range<usize>),
    /// A vendor's `errors.rs`.
    Errors(usize),
    /// A vendor's `context.rs`.
    Context(usize),
    /// An endpoint module.
    Endpoint(usize, usize),
    /// A vendor's `events.rs` (vendors with events only).
    Events(usize),
    /// A vendor's `client.rs`.
    Client(usize),
}

/// A job and the file its output belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Index into [`Plan::files`].
    pub file: usize,
    /// What to emit.
    pub job: Job,
}

/// Every file and the pieces that make them; the pieces of a file are consecutive and in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Files, sorted by path.
    pub files: Vec<PlannedFile>,
    /// Pieces, file by file.
    pub pieces: Vec<Piece>,
}

/// What one piece emits.
#[derive(Debug, Clone)]
pub enum Emitted {
    /// Rust tokens that parse as a file.
    Rust(TokenStream),
    /// Plain text.
    Text(String),
}

/// Items of a types module emitted per piece.
const TYPES_PER_PIECE: usize = 64;

/// The files of the generated crate and the work that produces them.
pub fn plan(ir: &Ir) -> Plan {
    let mut files: Vec<(PlannedFile, Vec<Job>)> = vec![
        (
            PlannedFile {
                path: "Cargo.toml".into(),
                from: None,
                rust: false,
            },
            vec![Job::Manifest],
        ),
        (
            PlannedFile {
                path: "src/lib.rs".into(),
                from: None,
                rust: true,
            },
            vec![Job::LibRs],
        ),
        (
            PlannedFile {
                path: "src/unknown.rs".into(),
                from: None,
                rust: true,
            },
            vec![Job::Unknown],
        ),
    ];
    for (v, vendor) in ir.vendors.iter().enumerate() {
        let dir = PathBuf::from("src").join(&vendor.module.name);
        let file = |name: &str| PlannedFile {
            path: dir.join(format!("{name}.rs")),
            from: Some(vendor.spec_path.clone()),
            rust: true,
        };
        let mut types = vec![Job::TypesPrelude(v)];
        let count = vendor.types.len();
        types.extend(
            (0..count)
                .step_by(TYPES_PER_PIECE)
                .map(|start| Job::Types(v, start..(start + TYPES_PER_PIECE).min(count))),
        );
        files.push((file("mod"), vec![Job::VendorModule(v)]));
        files.push((file("types"), types));
        files.push((file("errors"), vec![Job::Errors(v)]));
        files.push((file("context"), vec![Job::Context(v)]));
        if !vendor.events.is_empty() {
            files.push((file("events"), vec![Job::Events(v)]));
        }
        if vendor.client.is_some() {
            files.push((file("client"), vec![Job::Client(v)]));
        }
        for (e, endpoint) in vendor.endpoints.iter().enumerate() {
            files.push((file(&endpoint.module.name), vec![Job::Endpoint(v, e)]));
        }
    }
    files.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut plan = Plan {
        files: Vec::with_capacity(files.len()),
        pieces: Vec::new(),
    };
    for (index, (file, jobs)) in files.into_iter().enumerate() {
        plan.files.push(file);
        plan.pieces
            .extend(jobs.into_iter().map(|job| Piece { file: index, job }));
    }
    plan
}

/// Emits one piece.
pub fn emit_piece(ir: &Ir, job: &Job) -> Emitted {
    let vendor = |v: usize| &ir.vendors[v];
    match job {
        Job::Manifest => Emitted::Text(krate::manifest(ir)),
        Job::LibRs => Emitted::Rust(krate::lib_rs(ir)),
        Job::Unknown => Emitted::Rust(krate::unknown_module()),
        Job::VendorModule(v) => Emitted::Rust(krate::vendor_module(vendor(*v))),
        Job::TypesPrelude(v) => Emitted::Rust(types_prelude(vendor(*v))),
        Job::Types(v, range) => {
            let vendor = vendor(*v);
            let items = vendor
                .types
                .get(range.clone())
                .unwrap_or_default()
                .iter()
                .map(|named| named_type(vendor, named));
            Emitted::Rust(items.collect())
        }
        Job::Errors(v) => Emitted::Rust(errors::errors_module(vendor(*v))),
        Job::Context(v) => Emitted::Rust(context::context_module(vendor(*v))),
        Job::Events(v) => Emitted::Rust(events::events_module(vendor(*v))),
        Job::Endpoint(v, e) => {
            let vendor = vendor(*v);
            Emitted::Rust(endpoint::endpoint_module(vendor, &vendor.endpoints[*e]))
        }
        Job::Client(v) => {
            let vendor = vendor(*v);
            let client = vendor
                .client
                .as_ref()
                .expect("internal error: a client job for a vendor without `client:`");
            Emitted::Rust(client::client_module(vendor, client))
        }
    }
}

fn types_prelude(vendor: &Vendor) -> TokenStream {
    let title = format!(
        " Named types of {}, in alphabetical order.",
        docs::escape(&vendor.title)
    );
    quote! {
        #![doc = #title]
        #![allow(clippy::doc_markdown)]
        use ::approval_api_runtime as rt;
    }
}

fn named_type(vendor: &Vendor, named: &NamedType) -> TokenStream {
    match &named.kind {
        TypeKind::Object(object) => object::object(vendor, named, object),
        TypeKind::Enum(enumeration) => enums::named_enum(named, enumeration),
        TypeKind::Newtype(wrapped) => newtype::newtype(named, *wrapped),
        TypeKind::TaggedUnion(union) => union::tagged_union(named, union),
        TypeKind::SiblingUnion(union) => union::sibling_union(vendor, named, union),
    }
}
