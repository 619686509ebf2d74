//! Identifiers for emitted code.

use crate::ir::RustIdent;
use proc_macro2::{Ident, Span};

/// The identifier, `r#`-prefixed when it is a keyword. The checker accepted only names that
/// are identifiers; one that is not is an internal error, which `proc_macro2` reports by
/// panicking with the name, and `crate::render` turns into [`crate::Error::Internal`].
pub fn ident(name: &RustIdent) -> Ident {
    if name.raw {
        Ident::new_raw(&name.name, Span::call_site())
    } else {
        Ident::new(&name.name, Span::call_site())
    }
}

/// An identifier built from text the generator itself chose (`decoded_task`).
pub fn fresh(text: &str) -> Ident {
    Ident::new(text, Span::call_site())
}
