//! Identifiers and literals for emitted code.

use crate::ir::RustIdent;
use proc_macro2::{Ident, Span};

/// The identifier, `r#`-prefixed when it is a keyword. Names were checked before; an
/// identifier that still does not parse becomes a visibly wrong name, never a panic.
pub fn ident(name: &RustIdent) -> Ident {
    let text = if name.raw {
        format!("r#{}", name.name)
    } else {
        name.name.clone()
    };
    syn::parse_str::<Ident>(&text)
        .unwrap_or_else(|_| Ident::new("__invalid_identifier", Span::call_site()))
}

/// An identifier built from text the generator itself chose (`with_task_id`, `DEFAULT_X`).
pub fn fresh(text: &str) -> Ident {
    syn::parse_str::<Ident>(text)
        .unwrap_or_else(|_| Ident::new("__invalid_identifier", Span::call_site()))
}
