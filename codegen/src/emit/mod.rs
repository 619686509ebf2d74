//! Stage 5, emitting: the IR as token streams, one function per concern, one output file per
//! vendor module, type module, error module and endpoint. Nothing here formats or writes.

mod docs;
mod endpoint;
mod enums;
mod errors;
mod krate;
mod names;
mod newtype;
mod object;
mod ty;
mod union;
mod validate;

use crate::ir::{Ir, NamedType, TypeKind, Vendor};
use proc_macro2::TokenStream;
use quote::quote;
use std::path::PathBuf;

/// What an output file holds.
#[derive(Debug, Clone)]
pub enum Content {
    /// Rust code in chunks (the file's attributes and imports, then items), each of which
    /// parses as a file on its own, so a large module is formatted piece by piece.
    Rust(Vec<TokenStream>),
    /// Any other text (the crate manifest), written as is.
    Text(String),
}

/// One file the generator produces.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output directory.
    pub path: PathBuf,
    /// The spec file it comes from, for the header line (`None` for crate-wide files).
    pub from: Option<String>,
    /// Content.
    pub content: Content,
}

/// Emits every file of the generated crate.
pub fn emit(ir: &Ir) -> Vec<OutputFile> {
    let mut files = krate::crate_files(ir);
    for vendor in &ir.vendors {
        files.extend(vendor_files(vendor));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn vendor_files(vendor: &Vendor) -> Vec<OutputFile> {
    let dir = PathBuf::from("src").join(&vendor.module.name);
    let from = Some(vendor.spec_path.clone());
    let rust = |name: &str, tokens: Vec<TokenStream>| OutputFile {
        path: dir.join(format!("{name}.rs")),
        from: from.clone(),
        content: Content::Rust(tokens),
    };
    let mut files = vec![
        rust("mod", vec![krate::vendor_module(vendor)]),
        rust("types", types_module(vendor)),
        rust("errors", vec![errors::errors_module(vendor)]),
    ];
    for endpoint in &vendor.endpoints {
        files.push(rust(
            &endpoint.module.name,
            vec![endpoint::endpoint_module(vendor, endpoint)],
        ));
    }
    files
}

fn types_module(vendor: &Vendor) -> Vec<TokenStream> {
    let title = format!(
        " Named types of {}, in alphabetical order.",
        docs::escape(&vendor.title)
    );
    let prelude = quote! {
        #![doc = #title]
        #![allow(clippy::doc_markdown)]
        use ::approval_api_runtime as rt;
    };
    std::iter::once(prelude)
        .chain(vendor.types.iter().map(|named| named_type(vendor, named)))
        .collect()
}

fn named_type(vendor: &Vendor, named: &NamedType) -> TokenStream {
    match &named.kind {
        TypeKind::Object(object) => object::object(vendor, named, object),
        TypeKind::Enum(enumeration) => enums::open_enum(named, enumeration),
        TypeKind::Newtype(scalar) => newtype::newtype(named, *scalar),
        TypeKind::TaggedUnion(union) => union::tagged_union(named, union),
        TypeKind::SiblingUnion(union) => union::sibling_union(named, union),
    }
}
