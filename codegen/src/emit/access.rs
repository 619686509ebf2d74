//! Rust expressions that reach a field by its path of wire names, through the IR's objects
//! (flattened fields are looked through), for the paging and idempotency-key impls.

use super::names::ident;
use super::ty::{Wrapping, wrapping};
use crate::ir::{Field, RustIdent, Scalar, Ty, TypeKind, Vendor};
use proc_macro2::TokenStream;
use quote::quote;

/// The fields from the object named `root` down to the one at `wire`, flattened ones included.
/// The checker resolved the same path over the spec, so a miss is an internal error.
pub(super) fn path<'v>(vendor: &'v Vendor, root: &RustIdent, wire: &[String]) -> Vec<&'v Field> {
    let mut steps = Vec::new();
    let mut fields = object_fields(vendor, root);
    for (index, segment) in wire.iter().enumerate() {
        let found = find(vendor, fields, segment, &mut steps);
        assert!(
            found,
            "internal error: `{}` has no field `{segment}` although the checker found it",
            root.name
        );
        if index + 1 < wire.len() {
            let last = steps.last().expect("a step was just pushed");
            fields = match &last.ty {
                Ty::Named(name) => object_fields(vendor, name),
                _ => panic!("internal error: `{segment}` is not an object"),
            };
        }
    }
    steps
}

/// The fields of a named object.
fn object_fields<'v>(vendor: &'v Vendor, name: &RustIdent) -> &'v [Field] {
    match vendor.named(name).map(|named| &named.kind) {
        Some(TypeKind::Object(object)) => &object.fields,
        _ => panic!("internal error: `{}` is not a named object", name.name),
    }
}

/// Pushes the steps to the field with wire name `wire` (flattened fields first); whether found.
fn find<'v>(
    vendor: &'v Vendor,
    fields: &'v [Field],
    wire: &str,
    steps: &mut Vec<&'v Field>,
) -> bool {
    for field in fields {
        if field.flatten {
            if let Ty::Named(name) = &field.ty {
                steps.push(field);
                if find(vendor, object_fields(vendor, name), wire, steps) {
                    return true;
                }
                steps.pop();
            }
        } else if field.wire == wire {
            steps.push(field);
            return true;
        }
    }
    false
}

/// `Option<&Leaf>` of the field at the end of `steps`, starting from `root` (a `&Root`).
pub(super) fn read(root: TokenStream, steps: &[&Field]) -> TokenStream {
    let mut expr = quote! { ::core::option::Option::Some(#root) };
    for step in steps {
        let name = ident(&step.ident);
        expr = match wrapping(step) {
            Wrapping::Bare => quote! { #expr.map(|value| &value.#name) },
            Wrapping::Option => quote! { #expr.and_then(|value| value.#name.as_ref()) },
            Wrapping::DoubleOption => quote! {
                #expr.and_then(|value| value.#name.as_ref()).and_then(|value| value.as_ref())
            },
        };
    }
    expr
}

/// `Option<owned value>` from `Option<&Leaf>` (`read`'s result), unwrapping `Lenient` and
/// widening `i32`.
pub(super) fn owned(read: TokenStream, field: &Field) -> TokenStream {
    let (lenient, scalar) = match &field.ty {
        Ty::Scalar(scalar) => (false, *scalar),
        Ty::Lenient(inner) => match &**inner {
            Ty::Scalar(scalar) => (true, *scalar),
            _ => panic!(
                "internal error: paging field `{}` is not a scalar",
                field.wire
            ),
        },
        _ => panic!(
            "internal error: paging field `{}` is not a scalar",
            field.wire
        ),
    };
    let value = if lenient {
        quote! { #read.and_then(|value| value.value()) }
    } else if scalar == Scalar::String {
        quote! { #read.cloned() }
    } else {
        quote! { #read.copied() }
    };
    if scalar == Scalar::I32 {
        quote! { #value.map(i64::from) }
    } else {
        value
    }
}

/// Statements setting the field at the end of `steps` (from `root`, a place such as
/// `self.body`) to `value`, an expression of the leaf's plain type (`String`, `i64`): an `i32`
/// that does not fit is not set, a `Lenient` is wrapped, `Option`s are filled in.
/// Intermediate objects are required ones (the checker ensures it).
pub(super) fn assign(root: TokenStream, steps: &[&Field], value: TokenStream) -> TokenStream {
    let (last, through) = steps
        .split_last()
        .expect("internal error: an empty field path");
    let mut place = root;
    for step in through {
        assert!(
            wrapping(step) == Wrapping::Bare,
            "internal error: `{}` on a paging path is optional",
            step.wire
        );
        let name = ident(&step.ident);
        place = quote! { #place.#name };
    }
    let name = ident(&last.ident);
    let (lenient, scalar) = match &last.ty {
        Ty::Scalar(scalar) => (false, Some(*scalar)),
        Ty::Lenient(inner) => match &**inner {
            Ty::Scalar(scalar) => (true, Some(*scalar)),
            _ => (true, None),
        },
        _ => (false, None),
    };
    let wrap = |inner: TokenStream| {
        let inner = if lenient {
            quote! { ::core::convert::Into::into(#inner) }
        } else {
            inner
        };
        match wrapping(last) {
            Wrapping::Bare => inner,
            Wrapping::Option => quote! { ::core::option::Option::Some(#inner) },
            Wrapping::DoubleOption => {
                quote! { ::core::option::Option::Some(::core::option::Option::Some(#inner)) }
            }
        }
    };
    if scalar == Some(Scalar::I32) {
        let stored = wrap(quote! { narrow });
        quote! {
            if let ::core::result::Result::Ok(narrow) = i32::try_from(#value) {
                #place.#name = #stored;
            }
        }
    } else {
        let stored = wrap(value);
        quote! { #place.#name = #stored; }
    }
}
